//! An HTTP API CloudFormation builds from resources (`AWS::ApiGatewayV2::Api` without a `Body`):
//! its document, made from the `Route`s, `Integration`s and `Authorizer`s that point at it, or from
//! the quick-create `Target` and `RouteKey`.
//!
//! The document is OpenAPI 3.0 (the only version HTTP APIs import and export), written as
//! `aws apigatewayv2 export-api --specification OAS30` writes the API those resources make.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{json, Map, Value};

use super::resources::{
    copy, entry, flag, named_after, not_a_ref, number, of_type, path_variables, plain, pointing_at, put, referenced,
    resource_ptr, wrong_target, Doc, Res,
};
use super::{Built, Context, Refused, TemplateApi};
use crate::source::{Pointer, Source};

const ROUTE: &str = "AWS::ApiGatewayV2::Route";
const INTEGRATION: &str = "AWS::ApiGatewayV2::Integration";
const AUTHORIZER: &str = "AWS::ApiGatewayV2::Authorizer";

/// The document of an HTTP API defined by resources: each `AWS::ApiGatewayV2::Route` becomes
/// an operation (`ANY` and `$default` as `x-amazon-apigateway-any-method`, the latter at
/// `/$default` with `isDefaultRoute`), with the `Integration` its `Target` names as
/// `x-amazon-apigateway-integration` and its authorization as a security requirement on a
/// scheme made from the `Authorizer`; the Api's `CorsConfiguration` is
/// `x-amazon-apigateway-cors`. An Api with a quick-create `Target` gets the route (`RouteKey`,
/// `$default` unless given) and integration API Gateway creates for it.
///
/// A Route whose `Target` names no integration of the API, or whose `AuthorizerId` names no
/// authorizer of it, is an error at that property: the stack would not deploy.
pub fn build_body(template: &Source, api: &TemplateApi, ctx: &Context) -> Result<Built, Refused> {
    let t = &template.value;
    let id = api.logical_id.as_str();
    let Some(v2) = of_type(t, "AWS::ApiGatewayV2::Api").into_iter().find(|r| r.id == id) else {
        return Err(Refused::new(
            format!("the template has no AWS::ApiGatewayV2::Api `{id}`"),
            "name an AWS::ApiGatewayV2::Api of the template with --api",
            resource_ptr(id),
        ));
    };
    let mut b = Builder {
        t,
        ctx,
        api: id,
        out: Doc::default(),
        doc: json!({"openapi": "3.0.1"}),
        paths: BTreeMap::new(),
        taken: HashMap::new(),
        keys: HashMap::new(),
    };
    b.info(&v2);
    let authorizers = b.authorizers();
    let integrations: HashMap<&str, Res> =
        pointing_at(t, INTEGRATION, "ApiId", id).into_iter().map(|r| (r.id, r)).collect();
    b.quick_create(&v2)?;
    for route in pointing_at(t, ROUTE, "ApiId", id) {
        b.route(&route, &integrations, &authorizers)?;
    }
    b.finish();
    Ok(Built { doc: b.doc, added: b.out.added, findings: Vec::new() })
}

struct Builder<'t> {
    t: &'t Value,
    ctx: &'t Context,
    api: &'t str,
    out: Doc,
    doc: Value,
    /// Path items by path (sorted, as the export lists them): operations by key, in template order.
    paths: BTreeMap<String, Map<String, Value>>,
    /// Which route made each (path, method).
    taken: HashMap<(String, String), String>,
    /// The first route key that named each path: its path parameters are declared there.
    keys: HashMap<String, Pointer>,
}

impl<'t> Builder<'t> {
    /// `info` from the Api's `Name`, `Description` and `Version`; `x-amazon-apigateway-cors`
    /// from its `CorsConfiguration`.
    fn info(&mut self, api: &Res<'t>) {
        let ptr = Pointer::root().push("info");
        let mut info = self.out.info(api, self.api);
        match api.get("Version") {
            Some(v) => {
                info.insert("version".into(), copy(v));
                self.out.made(&ptr.push("version"), &api.at("Version"));
            }
            // The export writes the API's creation date; a template has none.
            None => {
                info.insert("version".into(), Value::String("1.0".into()));
            }
        }
        put(&mut self.doc, "info", Value::Object(info));
        put(&mut self.doc, "paths", Value::Object(Map::new()));
        put(&mut self.doc, "x-amazon-apigateway-importexport-version", Value::String("1.0".into()));
        if let Some(Value::Object(cors)) = api.get("CorsConfiguration") {
            let at = Pointer::root().push("x-amazon-apigateway-cors");
            self.out.made(&at, &api.at("CorsConfiguration"));
            let mut out = Map::new();
            for (prop, key) in [
                ("AllowOrigins", "allowOrigins"),
                ("AllowCredentials", "allowCredentials"),
                ("ExposeHeaders", "exposeHeaders"),
                ("MaxAge", "maxAge"),
                ("AllowMethods", "allowMethods"),
                ("AllowHeaders", "allowHeaders"),
            ] {
                if let Some(v) = cors.get(prop) {
                    out.insert(key.into(), if prop == "MaxAge" { number(v) } else { copy(v) });
                    let from = api.at("CorsConfiguration").push(prop);
                    if v.is_array() {
                        self.out.copied(&at.push(key), &from);
                    } else {
                        self.out.made(&at.push(key), &from);
                    }
                }
            }
            put(&mut self.doc, "x-amazon-apigateway-cors", Value::Object(out));
        }
    }

    /// Security schemes for the API's authorizers: logical id -> scheme name.
    fn authorizers(&mut self) -> HashMap<&'t str, String> {
        let mut out = HashMap::new();
        let mut taken = HashSet::new();
        for a in pointing_at(self.t, AUTHORIZER, "ApiId", self.api) {
            let name = plain(self.ctx, a.get("Name")).filter(|n| !n.is_empty() && !taken.contains(n));
            let scheme = name.unwrap_or_else(|| a.id.to_string());
            taken.insert(scheme.clone());
            let ptr = Pointer::root().push("components").push("securitySchemes").push(&scheme);
            let auth_ptr = ptr.push("x-amazon-apigateway-authorizer");
            self.out.made(&ptr, &a.resource_ptr());
            let kind = plain(self.ctx, a.get("AuthorizerType")).map(|k| k.to_ascii_uppercase());
            let mut authorizer = Map::new();
            if let Some(k) = a.get("AuthorizerType") {
                let value = match &kind {
                    Some(k) => Value::String(k.to_ascii_lowercase()),
                    None => copy(k),
                };
                authorizer.insert("type".into(), value);
                self.out.made(&auth_ptr.push("type"), &a.at("AuthorizerType"));
            }
            let sources = a.get("IdentitySource").map(identity_source);
            if let Some(s) = &sources {
                authorizer.insert("identitySource".into(), s.clone());
                self.out.made(&auth_ptr.push("identitySource"), &a.at("IdentitySource"));
            }
            for (prop, key, is_number) in [
                ("AuthorizerUri", "authorizerUri", false),
                ("AuthorizerCredentialsArn", "authorizerCredentials", false),
                ("AuthorizerPayloadFormatVersion", "authorizerPayloadFormatVersion", false),
                ("AuthorizerResultTtlInSeconds", "authorizerResultTtlInSeconds", true),
                ("EnableSimpleResponses", "enableSimpleResponses", false),
            ] {
                if let Some(v) = a.get(prop) {
                    let value = match (is_number, flag(Some(v))) {
                        (true, _) => number(v),
                        (false, Some(b)) if prop == "EnableSimpleResponses" => Value::Bool(b),
                        _ => copy(v),
                    };
                    authorizer.insert(key.into(), value);
                    self.out.made(&auth_ptr.push(key), &a.at(prop));
                }
            }
            if let Some(Value::Object(jwt)) = a.get("JwtConfiguration") {
                let mut config = Map::new();
                let jat = auth_ptr.push("jwtConfiguration");
                self.out.made(&jat, &a.at("JwtConfiguration"));
                for (prop, key) in [("Audience", "audience"), ("Issuer", "issuer")] {
                    if let Some(v) = jwt.get(prop) {
                        config.insert(key.into(), copy(v));
                        self.out.copied(&jat.push(key), &a.at("JwtConfiguration").push(prop));
                    }
                }
                authorizer.insert("jwtConfiguration".into(), Value::Object(config));
            }
            let scheme_value = if kind.as_deref() == Some("JWT") {
                json!({"type": "oauth2", "flows": {}, "x-amazon-apigateway-authorizer": authorizer})
            } else {
                // A Lambda authorizer: the scheme names the header when it reads exactly one.
                let header = sources
                    .as_ref()
                    .and_then(Value::as_str)
                    .and_then(|s| s.trim().strip_prefix("$request.header."))
                    .filter(|h| !h.contains(','))
                    .unwrap_or("Unused")
                    .to_string();
                json!({"type": "apiKey", "name": header, "in": "header", "x-amazon-apigateway-authorizer": authorizer})
            };
            put(entry(entry(&mut self.doc, "components"), "securitySchemes"), &scheme, scheme_value);
            out.insert(a.id, scheme);
        }
        out
    }

    /// The route and integration API Gateway creates for a quick-create `Target` on the Api.
    fn quick_create(&mut self, api: &Res<'t>) -> Result<(), Refused> {
        let Some(target) = api.get("Target") else { return Ok(()) };
        let key = plain(self.ctx, api.get("RouteKey")).unwrap_or_else(|| "$default".into());
        let key_from = if api.get("RouteKey").is_some() { api.at("RouteKey") } else { api.at("Target") };
        let (path, method) = route_key(&key).ok_or_else(|| {
            Refused::new(
                format!("`{}`'s RouteKey `{key}` is not `$default` or `METHOD /path`", self.api),
                "write `$default`, or a method and a path such as `GET /pets/{id}` (`ANY /{proxy+}` answers every method)",
                key_from.clone(),
            )
        })?;
        let op_ptr = Pointer::root().push("paths").push(&path).push(&method);
        let at = op_ptr.push("x-amazon-apigateway-integration");
        // A URL is an HTTP proxy; anything else (a function ARN) a Lambda proxy.
        let target = copy(target);
        let http = target.as_str().is_some_and(|s| s.starts_with("http://") || s.starts_with("https://"));
        let mut integration = if http {
            json!({"type": "http_proxy", "httpMethod": "ANY", "uri": target, "payloadFormatVersion": "1.0"})
        } else {
            json!({"type": "aws_proxy", "httpMethod": "POST", "uri": target, "payloadFormatVersion": "2.0"})
        };
        self.out.made(&at, &api.at("Target"));
        if let Some(c) = api.get("CredentialsArn") {
            put(&mut integration, "credentials", copy(c));
            self.out.made(&at.push("credentials"), &api.at("CredentialsArn"));
        }
        let mut op = Map::new();
        if path == "/$default" {
            op.insert("isDefaultRoute".into(), Value::Bool(true));
        }
        op.insert("responses".into(), json!({"default": {"description": format!("Default response for {key}")}}));
        op.insert("x-amazon-apigateway-integration".into(), integration);
        self.out.made(&op_ptr, &key_from);
        self.add(path, method, Value::Object(op), "the quick-create Target".into(), &key_from)
    }

    /// One Route as an operation.
    fn route(
        &mut self,
        r: &Res<'t>,
        integrations: &HashMap<&str, Res<'t>>,
        authorizers: &HashMap<&'t str, String>,
    ) -> Result<(), Refused> {
        let Some(key) = plain(self.ctx, r.get("RouteKey")) else {
            return Err(Refused::new(
                format!("Route `{}` has no RouteKey that the template resolves", r.id),
                "write `RouteKey` (CloudFormation requires it); a parameter it reads gets its value with --parameter NAME=VALUE",
                r.at("RouteKey"),
            ));
        };
        let (path, method) = route_key(&key).ok_or_else(|| {
            Refused::new(
                format!("Route `{}`'s RouteKey `{key}` is not `$default` or `METHOD /path`", r.id),
                "write `$default`, or a method and a path such as `GET /pets/{id}` (`ANY /{proxy+}` answers every method)",
                r.at("RouteKey"),
            )
        })?;
        let op_ptr = Pointer::root().push("paths").push(&path).push(&method);
        self.out.made(&Pointer::root().push("paths").push(&path), &r.resource_ptr());
        self.out.made(&op_ptr, &r.resource_ptr());
        let mut op = Map::new();
        if path == "/$default" {
            op.insert("isDefaultRoute".into(), Value::Bool(true));
        }
        if let Some(name) = r.get("OperationName") {
            op.insert("operationId".into(), copy(name));
            self.out.made(&op_ptr.push("operationId"), &r.at("OperationName"));
        }
        if let Some(Value::Object(rp)) = r.get("RequestParameters") {
            let mut params = Vec::new();
            for (k, v) in rp {
                let Some((location, name)) = route_parameter(k) else { continue };
                let required = flag(v.get("Required")).unwrap_or(false);
                self.out.made(&op_ptr.push("parameters").index(params.len()), &r.at("RequestParameters").push(k));
                params.push(json!({"name": name, "in": location, "required": required, "schema": {"type": "string"}}));
            }
            if !params.is_empty() {
                op.insert("parameters".into(), Value::Array(params));
            }
        }
        op.insert("responses".into(), json!({"default": {"description": format!("Default response for {key}")}}));
        if let Some(requirement) = self.security(r, &op_ptr, authorizers)? {
            op.insert("security".into(), json!([requirement]));
        }
        if let Some(target) = r.get("Target") {
            let id = match named_after(&copy(target), "integrations/") {
                Some(Ok(id)) => id,
                Some(Err(literal)) => {
                    return Err(Refused::new(
                        format!("Route `{}`'s Target names integration `{literal}`, which is not in the template", r.id),
                        "gwgen reads the API from this template only: write `!Sub integrations/${Integration}` naming an Integration defined here",
                        r.at("Target"),
                    ))
                }
                None => {
                    return Err(Refused::new(
                        format!("Route `{}`'s Target must be `integrations/` followed by a Ref to an AWS::ApiGatewayV2::Integration", r.id),
                        "write `!Sub integrations/${Integration}` (or `!Join [/, [integrations, !Ref Integration]]`)",
                        r.at("Target"),
                    ))
                }
            };
            let Some(integration) = integrations.get(id.as_str()) else {
                return Err(wrong_target(
                    self.t,
                    &format!("Route `{}`'s Target", r.id),
                    &id,
                    INTEGRATION,
                    self.api,
                    r.at("Target"),
                ));
            };
            let at = op_ptr.push("x-amazon-apigateway-integration");
            op.insert("x-amazon-apigateway-integration".into(), self.integration(integration, &at));
        }
        self.add(path, method, Value::Object(op), format!("`{}`", r.id), &r.at("RouteKey"))
    }

    /// Puts an operation into its path item, refusing a second route with the same key.
    fn add(&mut self, path: String, method: String, op: Value, by: String, at: &Pointer) -> Result<(), Refused> {
        if let Some(other) = self.taken.insert((path.clone(), method.clone()), by.clone()) {
            return Err(Refused::new(
                format!("{by} and {other} make the same route: API Gateway refuses the second"),
                "remove one of them, or change its RouteKey",
                at.clone(),
            ));
        }
        self.keys.entry(path.clone()).or_insert_with(|| at.clone());
        self.paths.entry(path).or_default().insert(method, op);
        Ok(())
    }

    /// The route's security requirement.
    fn security(
        &mut self,
        r: &Res<'t>,
        op_ptr: &Pointer,
        authorizers: &HashMap<&'t str, String>,
    ) -> Result<Option<Value>, Refused> {
        let kind = plain(self.ctx, r.get("AuthorizationType")).map(|k| k.to_ascii_uppercase());
        let at = op_ptr.push("security");
        let (scheme, scopes) = match kind.as_deref() {
            None | Some("NONE") => return Ok(None),
            Some("AWS_IAM") => {
                put(
                    entry(entry(&mut self.doc, "components"), "securitySchemes"),
                    "sigv4",
                    json!({"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"}),
                );
                self.out.made(&at.index(0).push("sigv4"), &r.at("AuthorizationType"));
                ("sigv4".to_string(), json!([]))
            }
            Some(k @ ("JWT" | "CUSTOM")) => {
                let Some(v) = r.get("AuthorizerId") else {
                    return Err(Refused::new(
                        format!("Route `{}` has AuthorizationType {k} but no AuthorizerId", r.id),
                        "add `AuthorizerId`: a Ref to the API's AWS::ApiGatewayV2::Authorizer (CreateRoute fails without one)",
                        r.at("AuthorizationType"),
                    ));
                };
                let Some((id, _)) = referenced(v) else {
                    return Err(not_a_ref(
                        &format!("Route `{}`'s AuthorizerId", r.id),
                        AUTHORIZER,
                        r.at("AuthorizerId"),
                    ));
                };
                let Some(scheme) = authorizers.get(id) else {
                    return Err(wrong_target(
                        self.t,
                        &format!("Route `{}`'s AuthorizerId", r.id),
                        id,
                        AUTHORIZER,
                        self.api,
                        r.at("AuthorizerId"),
                    ));
                };
                let scopes = match r.get("AuthorizationScopes") {
                    Some(s @ Value::Array(_)) => {
                        self.out.copied(&at.index(0).push(scheme), &r.at("AuthorizationScopes"));
                        copy(s)
                    }
                    _ => {
                        self.out.made(&at.index(0).push(scheme), &r.at("AuthorizerId"));
                        json!([])
                    }
                };
                (scheme.clone(), scopes)
            }
            Some(other) => {
                return Err(Refused::new(
                    format!("Route `{}`'s AuthorizationType `{other}` is not NONE, AWS_IAM, JWT or CUSTOM", r.id),
                    "use one of those (CUSTOM for a Lambda authorizer)",
                    r.at("AuthorizationType"),
                ))
            }
        };
        self.out.made(&at, &r.at("AuthorizationType"));
        let mut requirement = Map::new();
        requirement.insert(scheme, scopes);
        Ok(Some(Value::Object(requirement)))
    }

    /// An Integration as `x-amazon-apigateway-integration`.
    fn integration(&mut self, i: &Res<'t>, at: &Pointer) -> Value {
        let mut out = Map::new();
        self.out.made(at, &i.resource_ptr());
        for (prop, key) in [
            ("IntegrationType", "type"),
            ("IntegrationSubtype", "integrationSubtype"),
            ("IntegrationMethod", "httpMethod"),
            ("IntegrationUri", "uri"),
            ("CredentialsArn", "credentials"),
            ("ConnectionType", "connectionType"),
            ("ConnectionId", "connectionId"),
            ("PayloadFormatVersion", "payloadFormatVersion"),
            ("TimeoutInMillis", "timeoutInMillis"),
            ("RequestParameters", "requestParameters"),
            ("RequestTemplates", "requestTemplates"),
            ("TemplateSelectionExpression", "templateSelectionExpression"),
            ("PassthroughBehavior", "passthroughBehavior"),
            ("ContentHandlingStrategy", "contentHandling"),
        ] {
            let Some(v) = i.get(prop) else { continue };
            let value = match (key, v) {
                ("type" | "passthroughBehavior", Value::String(s)) => Value::String(s.to_ascii_lowercase()),
                ("timeoutInMillis", v) => number(v),
                (_, v) => copy(v),
            };
            if v.is_object() && matches!(key, "requestParameters" | "requestTemplates") {
                self.out.copied(&at.push(key), &i.at(prop));
            } else {
                self.out.made(&at.push(key), &i.at(prop));
            }
            out.insert(key.into(), value);
        }
        if let Some(Value::Object(tls)) = i.get("TlsConfig") {
            let mut config = Map::new();
            if let Some(v) = tls.get("ServerNameToVerify") {
                config.insert("serverNameToVerify".into(), copy(v));
                self.out.made(
                    &at.push("tlsConfig").push("serverNameToVerify"),
                    &i.at("TlsConfig").push("ServerNameToVerify"),
                );
            }
            out.insert("tlsConfig".into(), Value::Object(config));
            self.out.made(&at.push("tlsConfig"), &i.at("TlsConfig"));
        }
        // `{"200": {"ResponseParameters": [{Destination, Source}]}}` is written
        // `{"200": {"<destination>": "<source>"}}`; a whole map chosen by an intrinsic
        // (`Fn::If`) is kept as it is, for the rules that report what gwgen cannot evaluate.
        let by_status = i.get("ResponseParameters");
        if let Some(v) = by_status.filter(|v| v.as_object().is_some_and(crate::ir::is_intrinsic)) {
            out.insert("responseParameters".into(), copy(v));
            self.out.made(&at.push("responseParameters"), &i.at("ResponseParameters"));
        } else if let Some(Value::Object(by_status)) = by_status {
            let mut responses = Map::new();
            let rat = at.push("responseParameters");
            self.out.made(&rat, &i.at("ResponseParameters"));
            for (status, map) in by_status {
                let from = i.at("ResponseParameters").push(status);
                let mut mappings = Map::new();
                let list = map.get("ResponseParameters").and_then(Value::as_array);
                for (n, p) in list.into_iter().flatten().enumerate() {
                    let Some(dest) = p.get("Destination").and_then(Value::as_str) else { continue };
                    mappings.insert(dest.to_string(), p.get("Source").map(copy).unwrap_or(Value::Null));
                    self.out.made(&rat.push(status).push(dest), &from.push("ResponseParameters").index(n));
                }
                self.out.made(&rat.push(status), &from);
                responses.insert(status.clone(), Value::Object(mappings));
            }
            out.insert("responseParameters".into(), Value::Object(responses));
        }
        Value::Object(out)
    }

    /// Writes the path items, each with the path parameters its template names (as the export
    /// declares them, on the path item).
    fn finish(&mut self) {
        let mut paths = Map::new();
        for (path, mut ops) in std::mem::take(&mut self.paths) {
            let vars = if path == "/$default" { Vec::new() } else { path_variables(&path) };
            if !vars.is_empty() {
                let params: Vec<Value> = vars
                    .iter()
                    .map(|v| json!({"name": v, "in": "path", "description": format!("Generated path parameter for {v}"), "required": true, "schema": {"type": "string"}}))
                    .collect();
                ops.insert("parameters".into(), Value::Array(params));
                if let Some(key) = self.keys.get(&path) {
                    self.out.made(&Pointer::root().push("paths").push(&path).push("parameters"), key);
                }
            }
            paths.insert(path, Value::Object(ops));
        }
        put(&mut self.doc, "paths", Value::Object(paths));
    }
}

/// A route key as a path and an operation key: `GET /items/{id}` is (`/items/{id}`, `get`),
/// `ANY /{proxy+}` is (`/{proxy+}`, `x-amazon-apigateway-any-method`), `$default` is
/// (`/$default`, `x-amazon-apigateway-any-method`).
fn route_key(key: &str) -> Option<(String, String)> {
    let key = key.trim();
    if key == "$default" {
        return Some(("/$default".into(), "x-amazon-apigateway-any-method".into()));
    }
    let (method, path) = key.split_once(' ')?;
    let path = path.trim();
    if !path.starts_with('/') {
        return None;
    }
    let method = match method.to_ascii_uppercase().as_str() {
        "ANY" => "x-amazon-apigateway-any-method".to_string(),
        m @ ("GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS") => m.to_ascii_lowercase(),
        _ => return None,
    };
    Some((path.to_string(), method))
}

/// `route.request.querystring.q` is (`query`, `q`); `route.request.header.h` is (`header`, `h`).
fn route_parameter(key: &str) -> Option<(&'static str, &str)> {
    let rest = key.strip_prefix("route.request.")?;
    let (location, name) = rest.split_once('.')?;
    let location = match location {
        "querystring" => "query",
        "header" => "header",
        "path" => "path",
        _ => return None,
    };
    (!name.is_empty()).then_some((location, name))
}

/// CloudFormation's list of identity sources as the export writes them: one comma-separated
/// string (with intrinsics in the list, the `Fn::Join` that makes that string).
fn identity_source(v: &Value) -> Value {
    match v {
        Value::Array(items) if items.iter().all(Value::is_string) => {
            Value::String(items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
        }
        Value::Array(items) => copy(&json!({"Fn::Join": [", ", items]})),
        other => copy(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_keys() {
        assert_eq!(route_key("GET /items/{id}"), Some(("/items/{id}".into(), "get".into())));
        assert_eq!(route_key("ANY /{proxy+}"), Some(("/{proxy+}".into(), "x-amazon-apigateway-any-method".into())));
        assert_eq!(route_key("$default"), Some(("/$default".into(), "x-amazon-apigateway-any-method".into())));
        assert_eq!(route_key("FETCH /a"), None);
        assert_eq!(route_key("GET items"), None);
    }

    #[test]
    fn identity_sources_are_joined() {
        assert_eq!(
            identity_source(&json!(["$request.header.Authorization", "$request.querystring.q"])),
            json!("$request.header.Authorization, $request.querystring.q")
        );
        assert_eq!(
            identity_source(&json!(["$request.header.Authorization", {"Ref": "Header"}])),
            json!({"Fn::Sub": "$request.header.Authorization, ${Header}"})
        );
    }
}
