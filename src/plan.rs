//! What API Gateway would build from a document: the text plan `gwgen import` prints.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use crate::ir::*;

mod websocket;

pub use websocket::target as websocket_target;

/// Where an integration sends requests, in a few words.
pub fn integration_target(i: &Integration) -> String {
    let kind = i.kind();
    if let Some(subtype) = i.integration_subtype.as_ref() {
        return format!("AWS service {}", subtype.display());
    }
    let uri = i.uri.as_ref();
    if kind == Some(IntegrationType::Mock) {
        return "mock".into();
    }
    if i.is_lambda() {
        return format!("Lambda {}", uri.map(lambda_function).unwrap_or_else(|| "?".into()));
    }
    let method = i.http_method.as_ref().map(Text::display).unwrap_or_default();
    match kind {
        Some(IntegrationType::Aws) | Some(IntegrationType::AwsProxy) => {
            let shown = uri.map(aws_service).unwrap_or_else(|| "(no uri)".into());
            format!("AWS {shown}")
        }
        _ => {
            let target = uri.map(Text::display).unwrap_or_else(|| "(no uri)".into());
            let via = if i.is_vpc_link() {
                format!(" via VPC link {}", i.connection_id.as_ref().map(Text::display).unwrap_or_else(|| "?".into()))
            } else {
                String::new()
            };
            format!("HTTP {method} {target}{via}").replace("  ", " ")
        }
    }
}

/// The function a Lambda integration URI invokes: its name, `${Resource.Arn}` reference, or ARN.
pub fn lambda_function(uri: &Text) -> String {
    if let Text::Intrinsic(v) = uri {
        if let Some(Value::Array(a)) = v.get("Fn::GetAtt") {
            return a.first().and_then(Value::as_str).unwrap_or("?").to_string();
        }
    }
    let Some(u) = uri.pattern() else {
        return uri.display();
    };
    let arn =
        match (u.find("/functions/"), u.rfind("/invocations").or_else(|| u.rfind("/response-streaming-invocations"))) {
            (Some(s), Some(e)) if e > s + 11 => &u[s + 11..e],
            _ => u,
        };
    if let Some(inner) = arn.strip_prefix("${").and_then(|a| a.strip_suffix('}')) {
        return inner.strip_suffix(".Arn").unwrap_or(inner).to_string();
    }
    match arn.find(":function:") {
        // A function CloudFormation names itself: `${LogicalId}`, its Ref.
        Some(i) => {
            let name = &arn[i + 10..];
            name.strip_prefix("${").and_then(|n| n.strip_suffix('}')).unwrap_or(name).to_string()
        }
        None => arn.to_string(),
    }
}

fn aws_service(uri: &Text) -> String {
    let Some(u) = uri.pattern() else {
        return uri.display();
    };
    let Some(target) = ServiceUri::parse(u) else { return u.to_string() };
    let service = target.service;
    if let Some(action) = target.action() {
        return format!("{service} action {}", action.split('&').next().unwrap_or(action));
    }
    if let Some(path) = target.path() {
        return format!("{service} path /{path}");
    }
    format!("{service} {}", target.rest)
}

fn auth_label(auth: &Authorization) -> String {
    let mut s = match &auth.kind {
        AuthKind::None => "NONE".to_string(),
        AuthKind::Iam => "AWS_IAM".to_string(),
        AuthKind::Cognito { authorizer, scopes } if scopes.is_empty() => {
            format!("COGNITO_USER_POOLS {authorizer}")
        }
        AuthKind::Cognito { authorizer, scopes } => {
            format!("COGNITO_USER_POOLS {authorizer} [{}]", scopes.join(" "))
        }
        AuthKind::Lambda { authorizer } => format!("CUSTOM {authorizer}"),
        AuthKind::Jwt { authorizer, scopes } if scopes.is_empty() => format!("JWT {authorizer}"),
        AuthKind::Jwt { authorizer, scopes } => format!("JWT {authorizer} [{}]", scopes.join(" ")),
    };
    if auth.api_key {
        s.push_str(" + API key");
    }
    s
}

/// The endpoint type the import would create, and why.
pub fn endpoint(api: &Api) -> (String, String) {
    if api.api_type == ApiType::Http {
        return ("REGIONAL".into(), "HTTP APIs are regional".into());
    }
    if let Some(t) = api.deployment.endpoint_types.first() {
        return (t.clone(), "the template's EndpointConfiguration".into());
    }
    if let Some(ec) = &api.apigw.endpoint_configuration {
        if !ec.vpc_endpoint_ids.is_empty() {
            let ids: Vec<String> = ec.vpc_endpoint_ids.iter().map(Text::display).collect();
            return ("PRIVATE".into(), format!("vpcEndpointIds {}", ids.join(", ")));
        }
    }
    if let Some(policy) = &api.apigw.policy {
        let text = policy.document.to_string();
        if text.contains("aws:SourceVpce") || text.contains("aws:sourceVpce") || text.contains("aws:SourceVpc") {
            return ("PRIVATE".into(), "the resource policy limits callers to a VPC".into());
        }
    }
    if api.template.is_some() {
        return ("EDGE".into(), "the default: the template sets no EndpointConfiguration".into());
    }
    ("EDGE".into(), "the import default; choose REGIONAL or PRIVATE when importing".into())
}

/// Stage variables the API refers to, with where ("GET /pets integration uri").
pub fn stage_variables(api: &Api) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, loc) in api.stage_variable_refs() {
        let tokens: Vec<String> = loc.ptr.tokens().map(|t| t.into_owned()).collect();
        let place = match tokens.as_slice() {
            [p, path, method, ext, field, ..] if p == "paths" && ext == "x-amazon-apigateway-integration" => {
                let method = if method == "x-amazon-apigateway-any-method" {
                    "ANY".to_string()
                } else {
                    method.to_ascii_uppercase()
                };
                format!("{method} {path} integration {field}")
            }
            [c, s, scheme, ..] if c == "components" && s == "securitySchemes" => format!("authorizer {scheme}"),
            [s, scheme, ..] if s == "securityDefinitions" => format!("authorizer {scheme}"),
            // A template resource's property (a WebSocket API's integrations and authorizers).
            [r, id, p, field, ..] if r == "Resources" && p == "Properties" => format!("{id} {field}"),
            _ => loc.ptr.to_string(),
        };
        let places = out.entry(name).or_default();
        if !places.contains(&place) {
            places.push(place);
        }
    }
    out
}

/// The REST resource tree: every path and every prefix of it (API Gateway creates each).
fn resources(api: &Api) -> BTreeMap<String, Vec<(&Operation, &PathItem)>> {
    let mut tree: BTreeMap<String, Vec<(&Operation, &PathItem)>> = BTreeMap::new();
    tree.insert("/".into(), Vec::new());
    for item in &api.paths {
        let mut prefix = String::new();
        for seg in item.path.split('/').filter(|s| !s.is_empty()) {
            prefix.push('/');
            prefix.push_str(seg);
            tree.entry(prefix.clone()).or_default();
        }
        let key = if prefix.is_empty() { "/".to_string() } else { prefix };
        tree.entry(key).or_default().extend(item.operations.iter().map(|o| (o, item)));
    }
    tree
}

/// The plan as text: the API's settings, its resources or routes, authorizers, validators,
/// models, stages and the stage variables it uses. `from_resources`: a template creates the API
/// method by method (or route by route), so no document is imported.
pub fn describe(api: &Api, file: &str, from_resources: bool) -> String {
    if let Some(ws) = &api.websocket {
        return websocket::describe(api, ws, file);
    }
    let mut out = String::new();
    let w = &mut out;
    settings(w, api, file, from_resources);
    methods(w, api);
    authorizers(w, api);
    validators_and_models(w, api);
    stage_variables_used(w, api);
    out
}

/// The heading: what the API is, its type and why, its endpoint and its root-level settings.
fn settings(w: &mut String, api: &Api, file: &str, from_resources: bool) {
    let title = api.info.title.as_ref().map(Text::display).unwrap_or_else(|| "(untitled)".into());
    let from = match &api.api_type_from {
        ApiTypeFrom::Flag => "--api-type".to_string(),
        ApiTypeFrom::Config => "gwgen.yaml".to_string(),
        ApiTypeFrom::Template(resource) => match &api.template {
            Some(t) => format!("{resource} {}", t.logical_id),
            None => resource.clone(),
        },
        ApiTypeFrom::Document(evidence) => document_evidence(evidence, api.api_type),
        ApiTypeFrom::Default => "the default".to_string(),
    };
    let _ = writeln!(w, "Import plan for {file}");
    let _ = writeln!(w, "  API          {title}");
    let _ = writeln!(
        w,
        "  Type         {} API ({from}); {}",
        api.api_type.label(),
        match api.version {
            _ if from_resources => "created resource by resource: no document is imported".to_string(),
            SpecVersion::Swagger2 => "Swagger 2.0".to_string(),
            _ => format!("OpenAPI {}", api.version_text),
        }
    );
    let (endpoint, why) = endpoint(api);
    let _ = writeln!(w, "  Endpoint     {endpoint} ({why})");
    if let Some(ec) = &api.apigw.endpoint_configuration {
        if ec.disable_execute_api_endpoint == Some(true) {
            let _ = writeln!(w, "               default execute-api endpoint disabled");
        }
    }
    if let Some(base) = &api.base_path {
        let note = if api.api_type == ApiType::Rest {
            "ignored unless imported with basepath=prepend or split"
        } else {
            "ignored unless imported with Basepath=prepend or split"
        };
        let _ = writeln!(w, "  Base path    {base} ({note})");
    }
    if let Some(src) = api.apigw.api_key_source.as_ref() {
        let _ = writeln!(w, "  API keys     from {}", src.raw_text());
    }
    if !api.apigw.binary_media_types.is_empty() {
        let types: Vec<String> = api.apigw.binary_media_types.iter().map(Text::display).collect();
        let _ = writeln!(w, "  Binary       {}", types.join(", "));
    }
    if let Some(size) = &api.apigw.minimum_compression_size {
        let _ = writeln!(w, "  Compression  from {} bytes", size.raw);
    }
    if let Some(cors) = &api.apigw.cors {
        let _ = writeln!(
            w,
            "  CORS         origins {}; methods {}",
            list_or_dash(&cors.allow_origins),
            list_or_dash(&cors.allow_methods)
        );
    }
    if let Some(policy) = &api.apigw.policy {
        let _ = writeln!(w, "  Policy       resource policy with {} statement(s)", policy.statements.len());
    }
    if !api.apigw.gateway_responses.is_empty() {
        let kinds: Vec<&str> = api.apigw.gateway_responses.keys().map(String::as_str).collect();
        let _ = writeln!(w, "  Gateway responses  {}", kinds.join(", "));
    }
    let _ = writeln!(w);
}

/// The REST resource tree, or the HTTP routes, one line per method.
fn methods(w: &mut String, api: &Api) {
    match api.api_type {
        ApiType::Rest => {
            let tree = resources(api);
            let _ = writeln!(w, "Resources ({})", tree.len());
            for (path, ops) in &tree {
                let _ = writeln!(w, "  {path}");
                for (op, _) in ops {
                    method_line(w, api, op, &format!("      {:<7}", op.method.as_str()));
                }
            }
        }
        ApiType::Http => {
            let routes: Vec<(String, &Operation)> = api
                .operations()
                .map(|(item, op)| {
                    let key = if op.is_default_route || item.path == "$default" {
                        "$default".to_string()
                    } else {
                        format!("{} {}", op.method.as_str(), item.path)
                    };
                    (key, op)
                })
                .collect();
            let width = routes.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0).min(48);
            let _ = writeln!(w, "Routes ({})", routes.len());
            for (key, op) in &routes {
                method_line(w, api, op, &format!("  {key:<width$}"));
            }
        }
    }
}

/// One method: its integration, authorization and (REST) request validator.
fn method_line(w: &mut String, api: &Api, op: &Operation, label: &str) {
    let target = op.integration.as_ref().map(|i| {
        let kind = i.kind.as_ref().map(|k| k.raw_text().to_ascii_lowercase()).unwrap_or_else(|| "?".into());
        format!("{kind:<10} {}", integration_target(i))
    });
    let target = target.unwrap_or_else(|| format!("{:<10} (no integration)", "-"));
    let _ = write!(w, "{label} {target}");
    let auth = api.authorization(op);
    let _ = write!(w, "  | auth {}", auth_label(&auth));
    if api.api_type == ApiType::Rest {
        if let Some(v) = api.validator_for(op) {
            let _ = write!(w, "  | validator {v}");
        }
    }
    let _ = writeln!(w);
}

/// The authorizers, IAM and API key schemes.
fn authorizers(w: &mut String, api: &Api) {
    let authorizers: Vec<_> =
        api.security_schemes.iter().filter(|(_, s)| s.authorizer.is_some() || s.is_iam() || s.is_api_key()).collect();
    if !authorizers.is_empty() {
        let _ = writeln!(w);
        let _ = writeln!(w, "Authorizers and keys ({})", authorizers.len());
        // One column for the names, as wide as the longest (up to a point: a very long name
        // pushes its own line only).
        let width = authorizers.iter().map(|(n, _)| n.chars().count()).max().unwrap_or(0).clamp(8, 40);
        for (name, scheme) in authorizers {
            let _ = write!(w, "  {name:<width$} ");
            if let Some(a) = &scheme.authorizer {
                let kind = a.kind.as_ref().map(|k| k.raw_text().to_ascii_uppercase()).unwrap_or_else(|| "?".into());
                let _ = write!(w, "{kind}");
                if let Some(uri) = &a.authorizer_uri {
                    let _ = write!(w, "  Lambda {}", lambda_function(uri));
                }
                if !a.provider_arns.is_empty() {
                    let arns: Vec<String> = a.provider_arns.iter().map(Text::display).collect();
                    let _ = write!(w, "  pools {}", arns.join(", "));
                }
                if let Some(jwt) = &a.jwt_configuration {
                    if let Some(iss) = &jwt.issuer {
                        let _ = write!(w, "  issuer {}", iss.display());
                    }
                }
                if let Some(src) = scheme.identity_source_text() {
                    let _ = write!(w, "  identity {src}");
                }
                if let Some(ttl) = &a.result_ttl_in_seconds {
                    let _ = write!(w, "  ttl {}", ttl.raw);
                }
            } else if scheme.is_iam() {
                let _ = write!(w, "AWS_IAM (SigV4)");
            } else {
                let _ = write!(
                    w,
                    "API key in {} `{}`",
                    scheme.param_in.as_deref().unwrap_or("header"),
                    scheme.param_name.as_deref().unwrap_or("x-api-key")
                );
            }
            let _ = writeln!(w);
        }
    }
}

/// Request validators, models, stages and custom domains.
fn validators_and_models(w: &mut String, api: &Api) {
    if !api.apigw.request_validators.is_empty() {
        let _ = writeln!(w);
        let _ = writeln!(w, "Request validators ({})", api.apigw.request_validators.len());
        for (name, v) in &api.apigw.request_validators {
            let _ = writeln!(
                w,
                "  {name:<20} body {}, parameters {}",
                yes_no(v.validate_request_body),
                yes_no(v.validate_request_parameters)
            );
        }
    }

    if api.api_type == ApiType::Rest && !api.schemas.named.is_empty() {
        let _ = writeln!(w);
        let names: Vec<&str> = api.schemas.named.keys().map(String::as_str).collect();
        let _ = writeln!(w, "Models ({})", names.len());
        let mut line = String::from(" ");
        for name in names {
            if line.len() + name.len() > 98 {
                let _ = writeln!(w, "{line}");
                line = String::from(" ");
            }
            line.push(' ');
            line.push_str(name);
        }
        let _ = writeln!(w, "{line}");
    }

    if !api.deployment.stages.is_empty() {
        let _ = writeln!(w);
        let _ = writeln!(w, "Stages ({})", api.deployment.stages.len());
        for stage in &api.deployment.stages {
            let vars: Vec<String> = stage.variables.iter().map(|(k, v)| format!("{k}={}", v.display())).collect();
            let vars = if vars.is_empty() { String::new() } else { format!("  variables {}", vars.join(", ")) };
            let cache = if stage.cache_cluster_enabled == Some(true) { "  cache cluster on" } else { "" };
            let line = format!("  {:<20}{vars}{cache}", stage.name);
            let _ = writeln!(w, "{}", line.trim_end());
        }
    }
    for domain in &api.deployment.domains {
        let name = domain.name.as_ref().map(Text::display).unwrap_or_else(|| "?".into());
        // The base paths that map the API onto the domain (`/` is the root).
        let paths: Vec<String> = domain.base_paths.iter().map(|b| format!("/{}", b.path)).collect();
        let at = if paths.is_empty() { String::new() } else { format!(" at {}", paths.join(", ")) };
        let _ = writeln!(w, "  Domain {name} ({}){at}", domain.endpoint_type);
    }
    let (throttles, quotas) = (&api.deployment.throttles, &api.deployment.quotas);
    if !throttles.is_empty() || !quotas.is_empty() {
        let _ = writeln!(w);
        let _ = writeln!(w, "Throttles and quotas ({})", throttles.len() + quotas.len());
        let num =
            |n: &Option<Num>| n.as_ref().map_or("-".to_string(), |n| n.raw.to_string().trim_matches('"').to_string());
        for t in throttles {
            let _ = writeln!(w, "  {}: rate {}/s, burst {}", t.place, num(&t.rate), num(&t.burst));
        }
        for q in quotas {
            let _ = writeln!(
                w,
                "  quota: {} requests per {}",
                num(&q.limit),
                q.period.as_deref().map(str::to_ascii_lowercase).unwrap_or_else(|| "?".into())
            );
        }
    }
}

/// The stage variables the API refers to, and where.
fn stage_variables_used(w: &mut String, api: &Api) {
    let vars = stage_variables(api);
    if !vars.is_empty() {
        let _ = writeln!(w);
        let _ = writeln!(w, "Stage variables referenced ({})", vars.len());
        for (name, places) in &vars {
            let _ = writeln!(w, "  {name:<20} {}", places.join("; "));
        }
    }
}

/// How the plan names what decided the API type.
/// (The first three of each side; `--format json` lists them all.)
fn document_evidence(evidence: &Evidence, t: ApiType) -> String {
    let few = |all: Vec<&str>| match all.len() {
        0..=3 => all.join(", "),
        n => format!("{} and {} more", all[..3].join(", "), n - 3),
    };
    let other = match t {
        ApiType::Rest => evidence.for_type(ApiType::Http),
        ApiType::Http => evidence.for_type(ApiType::Rest),
    };
    let mut s = format!("the document has {}", few(evidence.for_type(t)));
    if !other.is_empty() {
        let other_type = if t == ApiType::Rest { "HTTP" } else { "REST" };
        let _ = write!(s, "; {other_type}-only, outweighed: {}", few(other));
    }
    s
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn list_or_dash(items: &[String]) -> String {
    if items.is_empty() {
        "-".into()
    } else {
        items.join(", ")
    }
}
