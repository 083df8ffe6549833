//! A picture of an API (`gwgen import --format mermaid|dot`): the API with its endpoint and
//! domains, its paths grouped by their first segment, the methods of each group (collapsed when
//! they share integration and authorization), and what they reach (each Lambda function, HTTP
//! host, AWS service action or mock once), with the stage variables an integration uses on its
//! edge. The same graph is written as a Mermaid flowchart or a Graphviz digraph.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::ir::{Api, ApiType, AuthKind, Authorization, Operation, PathItem};
use crate::plan::{endpoint, integration_target};

/// The graph language to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Mermaid,
    Dot,
}

/// Methods shown by name in one box; the rest are counted.
const SHOWN_METHODS: usize = 4;

/// The graph, before it is written in either language.
struct Graph {
    api: String,
    /// Groups by first path segment: their methods' boxes.
    groups: BTreeMap<String, Vec<Bundle>>,
    /// Targets, in the order first reached.
    targets: Vec<String>,
}

/// Methods of one group that share a target and an authorization.
struct Bundle {
    methods: Vec<String>,
    auth: String,
    target: Option<usize>,
    /// Stage variables the integrations of these methods use.
    variables: Vec<String>,
}

/// Writes the picture of `api` in `style`.
pub fn picture(api: &Api, style: Style) -> String {
    let graph = build(api);
    match style {
        Style::Mermaid => mermaid(&graph),
        Style::Dot => dot(&graph),
    }
}

fn build(api: &Api) -> Graph {
    if let Some(ws) = &api.websocket {
        return build_websocket(api, ws);
    }
    let (endpoint, _) = endpoint(api);
    let kind = if api.api_type == ApiType::Http { "HTTP API" } else { "REST API" };
    let title = api.info.title.as_ref().map(|t| t.display()).unwrap_or_else(|| "API".into());
    let mut head = vec![title, format!("{kind} · {endpoint}")];
    for d in &api.deployment.domains {
        let name = d.name.as_ref().map(|n| n.display()).unwrap_or_else(|| "custom domain".into());
        head.push(format!("{name} ({})", d.endpoint_type));
    }
    let variables = variables_by_method(api);
    let mut graph = Graph { api: head.join("\n"), groups: BTreeMap::new(), targets: Vec::new() };
    // (group, target, auth) -> box index in its group.
    let mut boxes: BTreeMap<(String, Option<usize>, String), usize> = BTreeMap::new();
    for (item, op) in api.operations() {
        let group = group_of(item);
        let target = op.integration.as_ref().map(integration_target).map(|t| {
            graph.targets.iter().position(|x| *x == t).unwrap_or_else(|| {
                graph.targets.push(t);
                graph.targets.len() - 1
            })
        });
        let auth = auth_text(api, op);
        let method = method_name(api, item, op);
        let used = variables.get(&method).cloned().unwrap_or_default();
        let list = graph.groups.entry(group.clone()).or_default();
        let at = *boxes.entry((group, target, auth.clone())).or_insert_with(|| {
            list.push(Bundle { methods: Vec::new(), auth, target, variables: Vec::new() });
            list.len() - 1
        });
        let b = &mut list[at];
        b.methods.push(method);
        for v in used {
            if !b.variables.contains(&v) {
                b.variables.push(v);
            }
        }
    }
    for list in graph.groups.values_mut() {
        for b in list {
            b.variables.sort();
        }
    }
    graph
}

/// A WebSocket API: its routes (one group), each with its authorization and what it reaches.
fn build_websocket(api: &Api, ws: &crate::ir::WebSocketApi) -> Graph {
    let title = api.info.title.as_ref().map(|t| t.display()).unwrap_or_else(|| ws.logical_id.clone());
    let routing = ws.route_selection_expression.as_ref().map(|e| e.value.display()).unwrap_or_else(|| "?".into());
    let mut head = vec![title, format!("WebSocket API · routes by {routing}")];
    for d in &api.deployment.domains {
        let name = d.name.as_ref().map(|n| n.display()).unwrap_or_else(|| "custom domain".into());
        head.push(format!("{name} ({})", d.endpoint_type));
    }
    let mut graph = Graph { api: head.join("\n"), groups: BTreeMap::new(), targets: Vec::new() };
    let list = graph.groups.entry("routes".into()).or_default();
    for route in &ws.routes {
        let target = ws.integration_of(route).map(crate::plan::websocket_target).map(|t| {
            graph.targets.iter().position(|x| *x == t).unwrap_or_else(|| {
                graph.targets.push(t);
                graph.targets.len() - 1
            })
        });
        let mut auth = match (&route.authorization, &route.authorizer) {
            (Some(a), Some(id)) if a.value == crate::ir::WsAuthorization::Custom => {
                format!("Lambda authorizer {}", id.value)
            }
            (Some(a), _) if a.value == crate::ir::WsAuthorization::AwsIam => "IAM".into(),
            _ => "open".into(),
        };
        if route.api_key_required.as_ref().is_some_and(|k| k.value) {
            auth.push_str(" · API key");
        }
        let mut methods = vec![route.key.value.display()];
        if route.is_two_way() {
            methods[0].push_str(" (two-way)");
        }
        list.push(Bundle { methods, auth, target, variables: Vec::new() });
    }
    graph
}

/// `/pets/{id}` belongs to `/pets`; `/` and `$default` to themselves.
fn group_of(item: &PathItem) -> String {
    match item.path.split('/').find(|s| !s.is_empty()) {
        Some(first) if item.path.starts_with('/') => format!("/{first}"),
        Some(_) => item.path.clone(),
        None => "/".into(),
    }
}

fn method_name(api: &Api, item: &PathItem, op: &Operation) -> String {
    if api.api_type == ApiType::Http && (op.is_default_route || item.path == "$default") {
        return "$default".into();
    }
    format!("{} {}", op.method.as_str(), item.path)
}

/// Authorization in a few words: the authorizer's name or IAM or open, an API key, a validator.
fn auth_text(api: &Api, op: &Operation) -> String {
    let auth: Authorization = api.authorization(op);
    let mut parts = vec![match &auth.kind {
        AuthKind::None => "open".to_string(),
        AuthKind::Iam => "IAM".to_string(),
        AuthKind::Cognito { authorizer, .. } => format!("Cognito {authorizer}"),
        AuthKind::Lambda { authorizer } => format!("Lambda authorizer {authorizer}"),
        AuthKind::Jwt { authorizer, .. } => format!("JWT {authorizer}"),
    }];
    if auth.api_key {
        parts.push("API key".into());
    }
    if api.api_type == ApiType::Rest {
        if let Some(v) = api.validator_for(op) {
            parts.push(format!("validator {v}"));
        }
    }
    parts.join(" · ")
}

/// The stage variables each method's integration uses, by method name.
fn variables_by_method(api: &Api) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, loc) in api.stage_variable_refs() {
        let tokens: Vec<String> = loc.ptr.tokens().map(|t| t.into_owned()).collect();
        let [p, path, method, ext, ..] = tokens.as_slice() else { continue };
        if p != "paths" || ext != "x-amazon-apigateway-integration" {
            continue;
        }
        let method =
            if method == "x-amazon-apigateway-any-method" { "ANY".to_string() } else { method.to_ascii_uppercase() };
        let list = out.entry(format!("{method} {path}")).or_default();
        if !list.contains(&name) {
            list.push(name);
        }
    }
    out
}

/// A box's label: its methods (the first few by name), then its authorization.
fn box_lines(b: &Bundle) -> Vec<String> {
    let mut lines: Vec<String> = b.methods.iter().take(SHOWN_METHODS).cloned().collect();
    if b.methods.len() > SHOWN_METHODS {
        lines.push(format!("+{} more", b.methods.len() - SHOWN_METHODS));
    }
    lines.push(format!("[{}]", b.auth));
    lines
}

fn edge_label(b: &Bundle) -> Option<String> {
    (!b.variables.is_empty())
        .then(|| b.variables.iter().map(|v| format!("stageVariables.{v}")).collect::<Vec<_>>().join(", "))
}

/// Mermaid flowchart text: labels in quotes, `"` as `#quot;`, lines joined by `<br/>`.
fn mermaid(g: &Graph) -> String {
    let esc = |s: &str| {
        s.replace('&', "#amp;").replace('"', "#quot;").replace('<', "#lt;").replace('>', "#gt;").replace('\n', "<br/>")
    };
    let mut w = String::from("flowchart LR\n");
    let _ = writeln!(w, "  api[\"{}\"]", esc(&g.api));
    for (i, t) in g.targets.iter().enumerate() {
        let _ = writeln!(w, "  t{i}[(\"{}\")]", esc(t));
    }
    for (gi, (group, boxes)) in g.groups.iter().enumerate() {
        let _ = writeln!(w, "  g{gi}[\"{}\"]", esc(group));
        let _ = writeln!(w, "  api --> g{gi}");
        for (bi, b) in boxes.iter().enumerate() {
            let id = format!("m{gi}_{bi}");
            let _ = writeln!(w, "  {id}[\"{}\"]", esc(&box_lines(b).join("\n")));
            let _ = writeln!(w, "  g{gi} --> {id}");
            match (b.target, edge_label(b)) {
                (Some(t), Some(label)) => {
                    let _ = writeln!(w, "  {id} -->|\"{}\"| t{t}", esc(&label));
                }
                (Some(t), None) => {
                    let _ = writeln!(w, "  {id} --> t{t}");
                }
                (None, _) => {}
            }
        }
    }
    w
}

/// Graphviz dot text: labels in quotes, `\` and `"` escaped, lines joined by `\n`.
fn dot(g: &Graph) -> String {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    let mut w = String::from("digraph api {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    let _ = writeln!(w, "  api [label=\"{}\", style=bold];", esc(&g.api));
    for (i, t) in g.targets.iter().enumerate() {
        let _ = writeln!(w, "  t{i} [label=\"{}\", shape=cylinder];", esc(t));
    }
    for (gi, (group, boxes)) in g.groups.iter().enumerate() {
        let _ = writeln!(w, "  g{gi} [label=\"{}\", shape=folder];", esc(group));
        let _ = writeln!(w, "  api -> g{gi};");
        for (bi, b) in boxes.iter().enumerate() {
            let id = format!("m{gi}_{bi}");
            let _ = writeln!(w, "  {id} [label=\"{}\"];", esc(&box_lines(b).join("\n")));
            let _ = writeln!(w, "  g{gi} -> {id};");
            match (b.target, edge_label(b)) {
                (Some(t), Some(label)) => {
                    let _ = writeln!(w, "  {id} -> t{t} [label=\"{}\"];", esc(&label));
                }
                (Some(t), None) => {
                    let _ = writeln!(w, "  {id} -> t{t};");
                }
                (None, _) => {}
            }
        }
    }
    w.push_str("}\n");
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = r#"
openapi: 3.0.1
info: {title: "Pets \"v1\"", version: "1"}
paths:
  /pets:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:pets/invocations"}
    post:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:pets/invocations"}
  /pets/{id}:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "https://${stageVariables.host}/pets/{id}"}
  /health:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
"#;

    #[test]
    fn groups_collapse_and_targets_are_shared() {
        let api = crate::load::test_api(API, Some(ApiType::Rest));
        let g = build(&api);
        assert_eq!(g.groups.keys().collect::<Vec<_>>(), ["/health", "/pets"]);
        let pets = &g.groups["/pets"];
        // GET and POST /pets share their Lambda function and authorization: one box.
        assert_eq!(pets.len(), 2);
        assert_eq!(pets[0].methods, ["GET /pets", "POST /pets"]);
        assert_eq!(pets[1].variables, ["host"]);
        assert_eq!(g.targets.len(), 3, "{:?}", g.targets);
    }

    #[test]
    fn labels_are_escaped_for_each_language() {
        let api = crate::load::test_api(API, Some(ApiType::Rest));
        let m = picture(&api, Style::Mermaid);
        assert!(m.starts_with("flowchart LR\n"));
        assert!(m.contains("Pets #quot;v1#quot;"), "{m}");
        assert!(m.contains("-->|\"stageVariables.host\"|"), "{m}");
        let d = picture(&api, Style::Dot);
        assert!(d.contains("Pets \\\"v1\\\""), "{d}");
        assert!(d.contains("[label=\"stageVariables.host\"]"), "{d}");
    }
}
