//! `gwgen export --to asyncapi`: a WebSocket API as an AsyncAPI 3.0 document.
//!
//! The document describes the API Gateway WebSocket API as an application: one channel (the
//! connection, `/` of a stage's endpoint), with the WebSocket bindings of the handshake (the
//! query string and headers the `$connect` authorizer reads); one `receive` operation per route
//! that takes messages (custom routes and `$default`), whose message carries the route
//! selection property set to the route key, with the route's request model as its payload when
//! it has one; a `reply` for two-way routes; and one `send` operation for what the backend
//! pushes to a connection through the `@connections` API. Servers are the template's stages on
//! the `execute-api` endpoint (`wss://{apiId}.execute-api.{region}.amazonaws.com/{stage}`), and
//! the custom domains mapped to the API (`wss://{domain}/{basePath}`).

use indexmap::IndexMap;
use serde_json::{json, Map, Value};

use crate::ir::{Api, Route, Text, WebSocketApi, WsAuthorization, WsIdentitySource};

type Obj = Map<String, Value>;

/// The AsyncAPI 3.0 document of a WebSocket API.
pub fn export(api: &Api, ws: &WebSocketApi) -> Value {
    let mut doc = Obj::new();
    doc.insert("asyncapi".into(), json!("3.0.0"));
    let mut info = Obj::new();
    info.insert("title".into(), json!(display(ws.name.as_ref()).unwrap_or_else(|| ws.logical_id.clone())));
    info.insert("version".into(), json!("1.0.0"));
    let mut description = display(ws.description.as_ref()).unwrap_or_default();
    if let Some(e) = &ws.route_selection_expression {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&format!(
            "An API Gateway WebSocket API ({} `{}`). Messages are routed by `{}`.",
            ws.resource_type,
            ws.logical_id,
            e.value.display()
        ));
    }
    info.insert("description".into(), json!(description));
    doc.insert("info".into(), Value::Object(info));

    let security = security(ws);
    let mut servers = Obj::new();
    let region = api.deployment.region.clone();
    let mut variables = Obj::new();
    variables.insert("apiId".into(), json!({"description": "the API's id, which CloudFormation assigns"}));
    let mut region_var = json!({"description": "the AWS Region the API is deployed to"});
    if let Some(r) = &region {
        region_var["default"] = json!(r);
    }
    variables.insert("region".into(), region_var);
    let stages: Vec<String> = api.deployment.stages.iter().map(|s| s.name.clone()).collect();
    let stage_names = if stages.is_empty() { vec![String::new()] } else { stages };
    for stage in stage_names {
        let mut server = Obj::new();
        server.insert("host".into(), json!("{apiId}.execute-api.{region}.amazonaws.com"));
        server.insert("protocol".into(), json!("wss"));
        let mut vars = variables.clone();
        let name = if stage.is_empty() {
            vars.insert("stage".into(), json!({"description": "the stage name"}));
            server.insert("pathname".into(), json!("/{stage}"));
            "default".to_string()
        } else {
            server.insert("pathname".into(), json!(format!("/{stage}")));
            component_name(&stage)
        };
        server.insert("variables".into(), Value::Object(vars));
        if !security.is_empty() {
            let refs: Vec<Value> =
                security.keys().map(|k| json!({"$ref": format!("#/components/securitySchemes/{k}")})).collect();
            server.insert("security".into(), Value::Array(refs));
        }
        servers.insert(name, Value::Object(server));
    }
    for (name, mut server) in domain_servers(api) {
        if !security.is_empty() {
            let refs: Vec<Value> =
                security.keys().map(|k| json!({"$ref": format!("#/components/securitySchemes/{k}")})).collect();
            server.insert("security".into(), Value::Array(refs));
        }
        let mut key = name.clone();
        let mut n = 2;
        while servers.contains_key(&key) {
            key = format!("{name}-{n}");
            n += 1;
        }
        servers.insert(key, Value::Object(server));
    }
    doc.insert("servers".into(), Value::Object(servers));

    // Messages: one per route that takes messages, one reply per two-way route, and what the
    // backend pushes.
    let mut messages = Obj::new();
    let mut operations = Obj::new();
    let mut used = std::collections::HashSet::new();
    let selection = ws.selection_property();
    for route in ws.routes.iter().filter(|r| !matches!(r.key_str(), Some("$connect" | "$disconnect"))) {
        let Some(key) = route.key_str() else { continue };
        let mut name = component_name(key);
        while !used.insert(name.clone()) {
            name.push('_');
        }
        let mut message = Obj::new();
        message.insert("name".into(), json!(name));
        message.insert("title".into(), json!(format!("route {key}")));
        message.insert("contentType".into(), json!("application/json"));
        message.insert("payload".into(), payload(ws, route, selection.as_deref()));
        messages.insert(name.clone(), Value::Object(message));
        let mut op = Obj::new();
        op.insert("action".into(), json!("receive"));
        op.insert("channel".into(), json!({"$ref": "#/channels/connection"}));
        op.insert("summary".into(), json!(summary(ws, route)));
        op.insert("messages".into(), json!([{"$ref": format!("#/channels/connection/messages/{name}")}]));
        if route.is_two_way() {
            let reply = format!("{name}.reply");
            messages.insert(
                reply.clone(),
                json!({"name": reply, "title": format!("reply to route {key}"), "contentType": "application/json", "payload": {}}),
            );
            op.insert(
                "reply".into(),
                json!({"channel": {"$ref": "#/channels/connection"}, "messages": [{"$ref": format!("#/channels/connection/messages/{reply}")}]}),
            );
        }
        operations.insert(name, Value::Object(op));
    }
    messages.insert(
        "push".into(),
        json!({"name": "push", "title": "a message the backend posts to the connection", "summary": "sent with the @connections API (POST https://{apiId}.execute-api.{region}.amazonaws.com/{stage}/@connections/{connectionId})", "payload": {}}),
    );
    let push_op = if operations.contains_key("push") { "push_" } else { "push" };
    operations.insert(
        push_op.into(),
        json!({"action": "send", "channel": {"$ref": "#/channels/connection"}, "summary": "messages the backend posts to a connection", "messages": [{"$ref": "#/channels/connection/messages/push"}]}),
    );

    let mut channel = Obj::new();
    channel.insert("address".into(), json!("/"));
    channel.insert("title".into(), json!("the WebSocket connection"));
    channel.insert("messages".into(), Value::Object(messages));
    if let Some(bindings) = handshake_bindings(ws) {
        channel.insert("bindings".into(), json!({"ws": bindings}));
    }
    let mut channels = Obj::new();
    channels.insert("connection".into(), Value::Object(channel));
    doc.insert("channels".into(), Value::Object(channels));
    doc.insert("operations".into(), Value::Object(operations));
    if !security.is_empty() {
        let schemes: Obj = security.into_iter().collect();
        doc.insert("components".into(), json!({"securitySchemes": schemes}));
    }
    Value::Object(doc)
}

/// The custom domains the template maps the API onto (`AWS::ApiGatewayV2::ApiMapping` to a
/// `DomainName`, or SAM's `Domain`), one `wss` server per base path: a client connects to
/// `wss://{domain}/{basePath}` (the mapping's stage is implied), or `wss://{domain}` for the
/// root. A domain name the template gives as an intrinsic gwgen cannot resolve is a server
/// variable.
fn domain_servers(api: &Api) -> Vec<(String, Obj)> {
    let mut out: Vec<(String, Obj)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for domain in &api.deployment.domains {
        let host = domain.name.as_ref().and_then(Text::as_str).map(str::to_string);
        // One server per domain and base path, however many times the template maps them.
        let written = domain.name.as_ref().map(Text::display);
        for base in &domain.base_paths {
            if !seen.insert((written.clone(), base.path.clone())) {
                continue;
            }
            let label = host.clone().unwrap_or_else(|| "customDomain".into());
            let mut server = Obj::new();
            server.insert("host".into(), json!(host.as_deref().unwrap_or("{domainName}")));
            server.insert("protocol".into(), json!("wss"));
            if !base.path.is_empty() {
                server.insert("pathname".into(), json!(format!("/{}", base.path)));
            }
            let path = if base.path.is_empty() { "(none): the root" } else { base.path.as_str() };
            let what =
                host.as_deref().map_or_else(|| "a custom domain".to_string(), |h| format!("the custom domain {h}"));
            server.insert("description".into(), json!(format!("{what}, base path {path}")));
            if host.is_none() {
                let description = match &written {
                    Some(w) => format!("the custom domain name (the template gives it as {w})"),
                    None => "the custom domain name".to_string(),
                };
                server.insert("variables".into(), json!({"domainName": {"description": description}}));
            }
            let name = if base.path.is_empty() { label } else { format!("{label}_{}", base.path) };
            out.push((component_name(&name), server));
        }
    }
    out
}

fn display(t: Option<&Text>) -> Option<String> {
    t.map(Text::display)
}

/// A name AsyncAPI takes as a component key (`^[a-zA-Z0-9.\-_]+$`): `$default` is `default`.
fn component_name(key: &str) -> String {
    let s: String = key
        .trim_start_matches('$')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .collect();
    if s.is_empty() {
        "route".into()
    } else {
        s
    }
}

/// A route's message: its request model when the template defines it (with the selection
/// property required to be the route key), else an object with that property.
fn payload(ws: &WebSocketApi, route: &Route, selection: Option<&str>) -> Value {
    let key = route.key_str().unwrap_or_default();
    let model = route
        .request_models
        .get("$default")
        .or_else(|| route.request_models.values().next())
        .and_then(|name| name.value.as_str())
        .and_then(|name| ws.models.values().find(|m| m.name.as_ref().and_then(Text::as_str) == Some(name)))
        .and_then(|m| m.schema.clone())
        .filter(Value::is_object);
    let mut schema = match model {
        // A draft-04 model: its `$schema` and `id` say nothing to AsyncAPI's schema format.
        Some(Value::Object(m)) => Value::Object(m.into_iter().filter(|(k, _)| k != "$schema" && k != "id").collect()),
        _ if key == "$default" => return json!({}),
        _ => json!({"type": "object"}),
    };
    if key == "$default" {
        return schema;
    }
    if let Some(prop) = selection {
        let props = schema.as_object_mut().and_then(|m| {
            m.entry("properties").or_insert_with(|| json!({}));
            m.get_mut("properties").and_then(Value::as_object_mut)
        });
        if let Some(props) = props {
            props.insert(prop.to_string(), json!({"type": "string", "const": key}));
        }
        if let Some(m) = schema.as_object_mut() {
            let required = m.entry("required").or_insert_with(|| json!([]));
            if let Some(list) = required.as_array_mut() {
                if !list.iter().any(|v| v == prop) {
                    list.insert(0, json!(prop));
                }
            }
        }
    }
    schema
}

/// What a route does, in one line.
fn summary(ws: &WebSocketApi, route: &Route) -> String {
    let key = route.key.value.display();
    let target = ws.integration_of(route).map(crate::plan::websocket_target).unwrap_or_else(|| "no integration".into());
    let way = if route.is_two_way() { "two-way" } else { "one-way" };
    format!("route {key}: {target} ({way})")
}

/// The handshake's query string and headers: what `$connect`'s authorizer and request
/// parameters read, and the API key header when `$connect` requires one.
fn handshake_bindings(ws: &WebSocketApi) -> Option<Value> {
    let connect = ws.route("$connect")?;
    let mut query: IndexMap<String, bool> = IndexMap::new();
    let mut headers: IndexMap<String, bool> = IndexMap::new();
    if let Some(a) = ws.authorizer_of(connect) {
        for source in a.identity() {
            match source {
                WsIdentitySource::Header(h) => headers.insert(h, true),
                WsIdentitySource::Query(q) => query.insert(q, true),
                _ => None,
            };
        }
    }
    for (name, required) in &connect.request_parameters {
        let required = required.value == Some(true);
        if let Some(h) = name.strip_prefix("route.request.header.") {
            headers.entry(h.to_string()).or_insert(required);
        } else if let Some(q) = name.strip_prefix("route.request.querystring.") {
            query.entry(q.to_string()).or_insert(required);
        }
    }
    let keyed = connect.api_key_required.as_ref().is_some_and(|k| k.value);
    let header_key =
        ws.api_key_selection_expression.as_ref().is_none_or(|e| e.value.as_str() == Some("$request.header.x-api-key"));
    if keyed && header_key {
        headers.entry("x-api-key".into()).or_insert(true);
    }
    let schema = |fields: &IndexMap<String, bool>| {
        let props: Obj = fields.keys().map(|k| (k.clone(), json!({"type": "string"}))).collect();
        let required: Vec<&String> = fields.iter().filter(|(_, r)| **r).map(|(k, _)| k).collect();
        let mut s = json!({"type": "object", "properties": props});
        if !required.is_empty() {
            s["required"] = json!(required);
        }
        s
    };
    let mut out = Obj::new();
    if !query.is_empty() {
        out.insert("query".into(), schema(&query));
    }
    if !headers.is_empty() {
        out.insert("headers".into(), schema(&headers));
    }
    if out.is_empty() {
        return None;
    }
    out.insert("bindingVersion".into(), json!("0.1.0"));
    Some(Value::Object(out))
}

/// The security schemes of the connection: IAM (SigV4), each identity source of the `$connect`
/// Lambda authorizer, and the API key.
fn security(ws: &WebSocketApi) -> IndexMap<String, Value> {
    let mut out = IndexMap::new();
    let Some(connect) = ws.route("$connect") else { return out };
    match connect.authorization.as_ref().map(|a| a.value) {
        Some(WsAuthorization::AwsIam) => {
            out.insert(
                "iam".into(),
                json!({"type": "http", "scheme": "AWS4-HMAC-SHA256", "description": "AWS IAM: the connection request is signed with Signature Version 4 (a presigned URL)"}),
            );
        }
        Some(WsAuthorization::Custom) => {
            if let Some(a) = ws.authorizer_of(connect) {
                for source in a.identity() {
                    let (name, place) = match &source {
                        WsIdentitySource::Header(h) => (h.clone(), "header"),
                        WsIdentitySource::Query(q) => (q.clone(), "query"),
                        _ => continue,
                    };
                    out.insert(
                        component_name(&format!("{}.{name}", a.id)),
                        json!({"type": "httpApiKey", "name": name, "in": place, "description": format!("read by the Lambda authorizer {}", a.id)}),
                    );
                }
            }
        }
        _ => {}
    }
    let keyed = connect.api_key_required.as_ref().is_some_and(|k| k.value);
    let header_key =
        ws.api_key_selection_expression.as_ref().is_none_or(|e| e.value.as_str() == Some("$request.header.x-api-key"));
    if keyed && header_key {
        out.insert("apiKey".into(), json!({"type": "httpApiKey", "name": "x-api-key", "in": "header", "description": "an API key of the stage's usage plan"}));
    }
    out
}
