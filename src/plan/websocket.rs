//! The plan of a WebSocket API: its selection expressions, each route and what it reaches
//! (integration, authorizer, replies), its authorizers, models, stages and domains.

use std::fmt::Write as _;

use crate::ir::*;

/// The plan `gwgen import` prints for a WebSocket API.
pub fn describe(api: &Api, ws: &WebSocketApi, file: &str) -> String {
    let mut out = String::new();
    let w = &mut out;
    let title = api.info.title.as_ref().map(Text::display).unwrap_or_else(|| ws.logical_id.clone());
    let _ = writeln!(w, "Import plan for {file}");
    let _ = writeln!(w, "  API          {title}");
    let _ = writeln!(w, "  Type         WebSocket API ({} {})", ws.resource_type, ws.logical_id);
    let routing = match &ws.route_selection_expression {
        Some(e) => e.value.display(),
        None => "(none: RouteSelectionExpression is required)".into(),
    };
    let _ = writeln!(w, "  Routes by    {routing}");
    if let Some(e) = &ws.api_key_selection_expression {
        let _ = writeln!(w, "  API keys     {}", e.value.display());
    }
    if ws.disable_execute_api_endpoint == Some(true) {
        let _ = writeln!(w, "               default execute-api endpoint disabled");
    }
    if ws.disable_schema_validation == Some(true) {
        let _ = writeln!(w, "               request models not validated (DisableSchemaValidation)");
    }
    let _ = writeln!(w);

    routes(w, ws);
    authorizers(w, ws);
    models(w, ws);
    super::validators_and_models(w, api);
    route_settings(w, ws);
    super::stage_variables_used(w, api);
    out
}

/// What an integration reaches, in a few words.
pub fn target(i: &WsIntegration) -> String {
    let uri = i.uri.as_ref().map(|u| &u.value);
    match i.kind() {
        Some(IntegrationType::Mock) => "mock".into(),
        _ if i.is_lambda_uri() => format!("Lambda {}", uri.map(super::lambda_function).unwrap_or_else(|| "?".into())),
        Some(IntegrationType::Aws | IntegrationType::AwsProxy) => {
            format!("AWS {}", uri.map(super::aws_service).unwrap_or_else(|| "(no uri)".into()))
        }
        _ => {
            let method = i.method.as_ref().map(Text::display).unwrap_or_default();
            let target = uri.map(Text::display).unwrap_or_else(|| "(no uri)".into());
            format!("HTTP {method} {target}").replace("  ", " ")
        }
    }
}

/// How a route is authorized, in the plan's words.
fn auth_label(route: &Route) -> String {
    let mut s = match (&route.authorization, &route.authorization_raw) {
        (None, _) => "NONE".to_string(),
        (Some(a), raw) => match a.value {
            WsAuthorization::Custom => {
                let name = route.authorizer.as_ref().map(|a| a.value.clone()).unwrap_or_else(|| "?".into());
                format!("CUSTOM {name}")
            }
            WsAuthorization::AwsIam => "AWS_IAM".into(),
            WsAuthorization::None => "NONE".into(),
            WsAuthorization::Other => raw.clone().unwrap_or_default(),
        },
    };
    if route.authorization.is_none() && route.authorizer.is_some() {
        s = format!("NONE (authorizer {} named)", route.authorizer.as_ref().map_or("", |a| a.value.as_str()));
    }
    if route.api_key_required.as_ref().is_some_and(|k| k.value) {
        s.push_str(" + API key");
    }
    s
}

fn routes(w: &mut String, ws: &WebSocketApi) {
    let _ = writeln!(w, "Routes ({})", ws.routes.len());
    let keys: Vec<String> = ws.routes.iter().map(|r| r.key.value.display()).collect();
    let width = keys.iter().map(|k| k.chars().count()).max().unwrap_or(0).min(40);
    for (route, key) in ws.routes.iter().zip(&keys) {
        let integration = ws.integration_of(route);
        let reach = match (integration, &route.integration) {
            (Some(i), _) => {
                let kind =
                    i.kind.as_ref().map(|k| k.value.raw_text().to_ascii_lowercase()).unwrap_or_else(|| "?".into());
                format!("{kind:<10} {}", target(i))
            }
            (None, Some(t)) => format!("{:<10} integration {} (not in the template)", "?", t.value),
            (None, None) => format!("{:<10} (no integration)", "-"),
        };
        let _ = write!(w, "  {key:<width$} {reach}  | auth {}", auth_label(route));
        if route.is_two_way() {
            let keys: Vec<String> = route.responses.iter().map(|r| r.key.value.display()).collect();
            let responses = if keys.is_empty() { "no route response".to_string() } else { keys.join(", ") };
            let _ = write!(w, "  | two-way ({responses})");
        }
        let _ = writeln!(w);
        // The route's details, one line each, under it.
        let pad = " ".repeat(width + 3);
        if let Some(e) = &route.model_selection_expression {
            let models: Vec<String> =
                route.request_models.iter().map(|(k, m)| format!("{k}={}", m.value.display())).collect();
            let _ = writeln!(w, "{pad}models by {}: {}", e.value.display(), list(&models));
        } else if !route.request_models.is_empty() {
            let models: Vec<String> =
                route.request_models.iter().map(|(k, m)| format!("{k}={}", m.value.display())).collect();
            let _ = writeln!(w, "{pad}models {}", list(&models));
        }
        if !route.request_parameters.is_empty() {
            let params: Vec<String> = route
                .request_parameters
                .iter()
                .map(|(k, r)| if r.value == Some(true) { format!("{k} (required)") } else { k.clone() })
                .collect();
            let _ = writeln!(w, "{pad}parameters {}", params.join(", "));
        }
        let Some(i) = integration else { continue };
        let mut facts = Vec::new();
        if let Some(t) = &i.timeout {
            facts.push(format!("timeout {} ms", t.value.raw.to_string().trim_matches('"')));
        }
        if let Some(c) = &i.content_handling {
            facts.push(format!("content {}", c.value.display()));
        }
        if let Some(p) = &i.passthrough_behavior {
            facts.push(format!("passthrough {}", p.value.display()));
        }
        if !facts.is_empty() {
            let _ = writeln!(w, "{pad}{}", facts.join(", "));
        }
        if !i.request_templates.is_empty() || i.template_selection_expression.is_some() {
            let by = i.template_selection_expression.as_ref().map(|e| e.value.display()).unwrap_or_else(|| "-".into());
            let keys: Vec<&str> = i.request_templates.keys().map(String::as_str).collect();
            let _ =
                writeln!(w, "{pad}templates by {by}: {}", if keys.is_empty() { "-".into() } else { keys.join(", ") });
        }
        if !i.responses.is_empty() {
            let keys: Vec<String> = i.responses.iter().map(|r| r.key.value.display()).collect();
            let _ = writeln!(w, "{pad}integration responses {}", keys.join(", "));
        }
    }
}

fn authorizers(w: &mut String, ws: &WebSocketApi) {
    if ws.authorizers.is_empty() {
        return;
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "Authorizers ({})", ws.authorizers.len());
    let width = ws.authorizers.keys().map(|n| n.chars().count()).max().unwrap_or(0).clamp(8, 40);
    for (id, a) in &ws.authorizers {
        let kind = a.kind.as_ref().map(|k| k.value.clone()).unwrap_or_else(|| "?".into());
        let _ = write!(w, "  {id:<width$} {kind}");
        if let Some(uri) = &a.uri {
            let _ = write!(w, "  Lambda {}", super::lambda_function(&uri.value));
        }
        if !a.identity_sources.is_empty() {
            let sources: Vec<String> = a.identity_sources.iter().map(|s| s.value.display()).collect();
            let _ = write!(w, "  identity {}", sources.join(", "));
        }
        let _ = writeln!(w);
    }
}

fn models(w: &mut String, ws: &WebSocketApi) {
    if ws.models.is_empty() {
        return;
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "Models ({})", ws.models.len());
    for (id, m) in &ws.models {
        let name = m.name.as_ref().map(Text::display).unwrap_or_else(|| id.clone());
        let content = m.content_type.as_ref().map(Text::display).unwrap_or_else(|| "-".into());
        let _ = writeln!(w, "  {name:<20} {content}");
    }
}

fn route_settings(w: &mut String, ws: &WebSocketApi) {
    let logged: Vec<&RouteSetting> = ws
        .route_settings
        .iter()
        .filter(|s| s.logging_level.is_some() || s.data_trace_enabled.is_some() || s.detailed_metrics_enabled.is_some())
        .collect();
    if logged.is_empty() {
        return;
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "Route logging and metrics ({})", logged.len());
    for s in logged {
        let route = s.route_key.clone().unwrap_or_else(|| "(default route settings)".into());
        let mut facts = Vec::new();
        if let Some(l) = &s.logging_level {
            facts.push(format!("logging {}", l.display()));
        }
        if let Some(d) = s.data_trace_enabled {
            facts.push(format!("data trace {}", super::yes_no(d)));
        }
        if let Some(d) = s.detailed_metrics_enabled {
            facts.push(format!("detailed metrics {}", super::yes_no(d)));
        }
        let _ = writeln!(w, "  stage {} {route}: {}", s.stage, facts.join(", "));
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "-".into()
    } else {
        items.join(", ")
    }
}
