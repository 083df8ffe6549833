//! `gwgen sdk --lang ts` for a WebSocket API: a package with the WebSocket runtime
//! (`templates/ts/websocket.ts`, copied as the pinned `tsc` built it into `templates/ts/lib/`) and a
//! typed client (`websocket_index.js.j2` and its declarations, `websocket_index.d.ts.j2`):
//! `connect()` with the `$connect` authorizer's identity sources as named options (query string or
//! headers), `send.<route>(payload)` per route with payload types from the routes' request
//! models, a typed reply for two-way routes, and the runtime's events, reconnection and heartbeat.
//! Names, types and escaping are decided here; the template prints.

use serde::Serialize;
use serde_json::Value;

use super::names::{doc_lines, exports_of, is_ident, key, lit, type_base, Namer};
use super::package::{PackageJsonView, SIGV4, SIGV4_DTS, SIGV4_JS, TSCONFIG};
use super::{GeneratedFile, Options};
use crate::ir::{Api, Route, Text, WebSocketApi, WsAuthorization, WsIdentitySource};

/// The WebSocket runtime every WebSocket package carries: its source (which names it exports),
/// and the ES module and declarations built from it, copied as they are.
pub const WEBSOCKET_RUNTIME: &str = include_str!("../../../templates/ts/websocket.ts");
const WEBSOCKET_JS: &str = include_str!("../../../templates/ts/lib/websocket.js");
const WEBSOCKET_DTS: &str = include_str!("../../../templates/ts/lib/websocket.d.ts");

const INDEX_JS: &str = include_str!("../../../templates/ts/websocket_index.js.j2");
const INDEX_DTS: &str = include_str!("../../../templates/ts/websocket_index.d.ts.j2");
const README: &str = include_str!("../../../templates/ts/websocket_README.md.j2");
const PACKAGE_JSON: &str = include_str!("../../../templates/ts/package.json.j2");

/// Names the generated index declares, besides the runtime's exports.
const GENERATED: [&str; 6] = ["connect", "routeKeys", "selectionProperty", "Client", "ClientOptions", "Credentials"];

/// One route's method on `send`.
#[derive(Serialize)]
struct RouteView {
    /// The property of `send` (an identifier or a quoted key).
    method: String,
    /// The route key, a string literal.
    key: String,
    /// The payload's type.
    payload: String,
    /// The reply's type, for a two-way route.
    reply: Option<String>,
    /// `$default`: the message is sent as it is.
    raw: bool,
    doc: Vec<String>,
}

/// A declared type (from a route's model).
#[derive(Serialize)]
struct TypeView {
    name: String,
    body: String,
    doc: Vec<String>,
}

/// An identity source the client passes when it connects.
#[derive(Serialize)]
struct CredentialView {
    /// The property of `credentials` (identifier or quoted key).
    property: String,
    /// The parameter or header name, a string literal.
    name: String,
    /// `query` or `headers`.
    place: &'static str,
    /// The property's name, a string literal (to index `credentials` with).
    access: String,
}

/// Renders the package of a WebSocket API.
pub fn render(api: &Api, ws: &WebSocketApi, options: &Options) -> Result<Vec<GeneratedFile>, String> {
    let mut types = Namer::new(GENERATED.iter().copied().chain(runtime_exports()));
    let mut declared: Vec<TypeView> = Vec::new();
    let mut by_model: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut type_of_model = |name: &str, declared: &mut Vec<TypeView>| -> String {
        if let Some(t) = by_model.get(name) {
            return t.clone();
        }
        let schema = ws
            .models
            .values()
            .find(|m| m.name.as_ref().and_then(Text::as_str) == Some(name))
            .and_then(|m| m.schema.clone());
        let Some(schema) = schema else { return "unknown".into() };
        let t = types.claim(&type_base(name));
        let doc = schema.get("description").and_then(Value::as_str).map(doc_lines).unwrap_or_default();
        declared.push(TypeView { name: t.clone(), body: ts_type(&schema, 0), doc });
        by_model.insert(name.to_string(), t.clone());
        t
    };
    let mut methods = Namer::new(["__proto__", "constructor"]);
    let mut routes = Vec::new();
    for route in ws.routes.iter().filter(|r| !matches!(r.key_str(), Some("$connect" | "$disconnect"))) {
        let Some(route_key) = route.key_str() else { continue };
        let base = method_base(route_key);
        let method = methods.claim(&base);
        let payload = match model_of(route) {
            Some(m) => type_of_model(&m, &mut declared),
            None if route_key == "$default" => "unknown".into(),
            None => "Record<string, unknown>".into(),
        };
        let reply = route.is_two_way().then(|| {
            let model = route.responses.iter().find_map(|r| {
                r.response_models
                    .get("$default")
                    .or_else(|| r.response_models.values().next())?
                    .value
                    .as_str()
                    .map(str::to_string)
            });
            model.map_or_else(|| "unknown".to_string(), |m| type_of_model(&m, &mut declared))
        });
        let target =
            ws.integration_of(route).map(crate::plan::websocket_target).unwrap_or_else(|| "no integration".into());
        let mut doc = vec![format!("Route `{route_key}`: {target}.")];
        if reply.is_some() {
            doc.push("Two-way: resolves with the route's reply.".into());
        }
        routes.push(RouteView {
            method: key(&method),
            key: lit(route_key),
            payload,
            reply,
            raw: route_key == "$default",
            doc: doc.iter().flat_map(|d| doc_lines(d)).collect(),
        });
    }
    let selection = ws.selection_property();
    let credentials = credentials(ws);
    let iam =
        ws.route("$connect").and_then(|c| c.authorization.as_ref()).is_some_and(|a| a.value == WsAuthorization::AwsIam);
    let api_key = ws.route("$connect").and_then(|c| c.api_key_required.as_ref()).is_some_and(|k| k.value)
        && ws
            .api_key_selection_expression
            .as_ref()
            .is_none_or(|e| e.value.as_str() == Some("$request.header.x-api-key"));
    let stages: Vec<String> = api.deployment.stages.iter().map(|s| lit(&s.name)).collect();
    let route_keys: Vec<String> = ws.routes.iter().filter_map(Route::key_str).map(lit).collect();
    let package = super::package::package_name(api, options)?;
    let title = api.info.title.as_ref().and_then(|t| t.as_str()).unwrap_or(&ws.logical_id).to_string();
    let title_md: String = title.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let package_json = PackageJsonView::new(api, &package, &title_md);

    let mut env = super::base_environment()?;
    for (name, source) in
        [("index.js", INDEX_JS), ("index.d.ts", INDEX_DTS), ("readme", README), ("package", PACKAGE_JSON)]
    {
        env.add_template(name, source).map_err(|e| format!("template {name}: {e}"))?;
    }
    let example = routes.iter().find(|r| !r.raw);
    let ctx = minijinja::context! {
        package => package,
        package_json => minijinja::Value::from(minijinja::value::Serde(&package_json)),
        title_md => title_md,
        types => minijinja::Value::from(minijinja::value::Serde(&declared)),
        routes => minijinja::Value::from(minijinja::value::Serde(&routes)),
        selection => selection.as_deref().map(lit),
        selection_text => ws.route_selection_expression.as_ref().map(|e| e.value.display()).unwrap_or_default(),
        credentials => minijinja::Value::from(minijinja::value::Serde(&credentials)),
        iam => iam,
        api_key => api_key,
        stages => stages,
        route_keys => route_keys,
        example => example.map(|r| r.method.clone()),
        example_is_ident => example.is_some_and(|r| is_ident(&r.method)),
    };
    let pages = [
        ("index.js", "lib/index.js"),
        ("index.d.ts", "lib/index.d.ts"),
        ("readme", "README.md"),
        ("package", "package.json"),
    ];
    let mut files = super::render_all(&env, &ctx, pages)?;
    for (path, contents) in [
        ("lib/websocket.js", WEBSOCKET_JS),
        ("lib/websocket.d.ts", WEBSOCKET_DTS),
        ("lib/sigv4.js", SIGV4_JS),
        ("lib/sigv4.d.ts", SIGV4_DTS),
        ("tsconfig.json", TSCONFIG),
    ] {
        files.push(GeneratedFile { path: path.to_string(), contents: contents.to_string() });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The identifiers the WebSocket runtime and the SigV4 module export (read from their text).
fn runtime_exports() -> Vec<&'static str> {
    exports_of(&[WEBSOCKET_RUNTIME, SIGV4])
}

/// A route key as a method name: `sendMessage` stays, `chat/send` is `chatSend`, `$default` is
/// `default` (a property name may be a reserved word).
fn method_base(route_key: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in route_key.trim_start_matches('$').chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if upper && !out.is_empty() {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "route");
    }
    out
}

/// The request model a route validates against: `$default`'s, else the first.
fn model_of(route: &Route) -> Option<String> {
    let m = route.request_models.get("$default").or_else(|| route.request_models.values().next())?;
    m.value.as_str().map(str::to_string)
}

/// What `connect` asks for: the `$connect` Lambda authorizer's header and query string identity
/// sources, and the API key header.
fn credentials(ws: &WebSocketApi) -> Vec<CredentialView> {
    let mut out: Vec<CredentialView> = Vec::new();
    let Some(connect) = ws.route("$connect") else { return out };
    let mut names = Namer::new(["__proto__"]);
    let mut add = |name: &str, place: &'static str, out: &mut Vec<CredentialView>| {
        let claimed = names.claim(&method_base(name));
        out.push(CredentialView { property: key(&claimed), name: lit(name), place, access: lit(&claimed) });
    };
    if connect.authorization.as_ref().is_some_and(|a| a.value == WsAuthorization::Custom) {
        if let Some(a) = ws.authorizer_of(connect) {
            for source in a.identity() {
                match source {
                    WsIdentitySource::Header(h) => add(&h, "headers", &mut out),
                    WsIdentitySource::Query(q) => add(&q, "query", &mut out),
                    _ => {}
                }
            }
        }
    }
    out
}

/// A TypeScript type for a route model's JSON schema (draft 4): objects, arrays, enums and
/// primitives; anything else is `unknown`.
fn ts_type(schema: &Value, depth: usize) -> String {
    if depth > 16 {
        return "unknown".into();
    }
    if let Some(Value::Array(values)) = schema.get("enum") {
        let lits: Vec<String> = values
            .iter()
            .map(|v| match v {
                Value::String(s) => lit(s),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Null => "null".into(),
                _ => "unknown".into(),
            })
            .collect();
        if !lits.is_empty() {
            return lits.join(" | ");
        }
    }
    let kinds: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ if schema.get("properties").is_some() => vec!["object"],
        _ => return "unknown".into(),
    };
    let parts: Vec<String> = kinds
        .into_iter()
        .map(|k| match k {
            "string" => "string".to_string(),
            "integer" | "number" => "number".to_string(),
            "boolean" => "boolean".to_string(),
            "null" => "null".to_string(),
            "array" => {
                let items = schema.get("items").map_or_else(|| "unknown".to_string(), |i| ts_type(i, depth + 1));
                format!("Array<{items}>")
            }
            "object" => object_type(schema, depth),
            _ => "unknown".to_string(),
        })
        .collect();
    parts.join(" | ")
}

fn object_type(schema: &Value, depth: usize) -> String {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(Value::Object(props)) = schema.get("properties") else { return "Record<string, unknown>".into() };
    if props.is_empty() {
        return "Record<string, unknown>".into();
    }
    let fields: Vec<String> = props
        .iter()
        .map(|(name, s)| {
            let optional = if required.contains(&name.as_str()) { "" } else { "?" };
            format!("{}{optional}: {}", key(name), ts_type(s, depth + 1))
        })
        .collect();
    format!("{{ {} }}", fields.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_keys_as_methods() {
        assert_eq!(method_base("sendMessage"), "sendMessage");
        assert_eq!(method_base("chat/send"), "chatSend");
        assert_eq!(method_base("$default"), "default");
        assert_eq!(method_base("2fa"), "route2fa");
    }

    #[test]
    fn model_schemas_as_types() {
        let s = serde_json::json!({"type": "object", "properties": {"room": {"type": "string"}, "n": {"type": "integer"},
            "tags": {"type": "array", "items": {"enum": ["a", "b"]}}, "odd key": {}}, "required": ["room"]});
        assert_eq!(ts_type(&s, 0), r#"{ room: string; n?: number; tags?: Array<"a" | "b">; "odd key"?: unknown }"#);
    }
}
