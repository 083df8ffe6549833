//! What an `AWS::Serverless::Api` / `HttpApi`'s other properties add to its document:
//! `GatewayResponses`, `BinaryMediaTypes`, `Models`, `DisableExecuteApiEndpoint` (REST), and
//! `Tags`, `Name`, `Description`, `DisableExecuteApiEndpoint`, `FailOnWarnings` (HTTP). SAM
//! writes `MinimumCompressionSize`, `FailOnWarnings` (REST) and a REST API's `Description` on
//! the API resource, not in the document; `Cors` is added with `Auth` (see `cors`).

use serde_json::{json, Map, Value};

use crate::ir::ApiType;
use crate::load::template::{Body, Context, Refused, TemplateApi, Transformed};
use crate::source::{Pointer, Source};

use super::auth::{
    falsy, is_intrinsic, is_openapi3, openapi_postprocess, record, refuse, valid_openapi, valid_swagger, ApiProps,
};
use super::help;

/// Adds what the API's properties say to its document, as SAM does.
pub(super) fn apply(
    doc: &mut Value,
    template: &Source,
    api: &TemplateApi,
    ctx: &Context,
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    if !api.resource_type.starts_with("AWS::Serverless") {
        return Ok(());
    }
    let props = ApiProps::of(template, api, ctx);
    checked(&props, api.api_type)?;
    if api.api_type == ApiType::Http {
        return http(doc, &props, out);
    }
    let first = out.added.len();
    let from_uri = matches!(&api.body, Body::File(_, ptr) if ptr.last().as_deref() == Some("DefinitionUri"));
    gateway_responses(doc, &props, from_uri, out)?;
    binary_media_types(doc, &props, out);
    models(doc, &props, from_uri, out)?;
    if let Some(disable) = props.get("DisableExecuteApiEndpoint").filter(|d| !d.is_null()) {
        endpoint_configuration(doc, disable, &props.at("DisableExecuteApiEndpoint"), false, out)?;
    }
    openapi_postprocess(doc, &props, out, first);
    Ok(())
}

/// What SAM's transform refuses in the API's `Domain`, `FailOnWarnings` (REST) and
/// `RouteSettings` (HTTP), with its messages. Values gwgen cannot resolve are not judged.
fn checked(props: &ApiProps, api_type: ApiType) -> Result<(), Vec<Refused>> {
    let http = api_type == ApiType::Http;
    let set =
        |key: &str, ok: fn(&Value) -> bool| props.get(key).is_some_and(|v| !v.is_null() && !ok(v) && !is_intrinsic(v));
    if !http && set("FailOnWarnings", Value::is_boolean) {
        return Err(refuse(
            "Type of property 'FailOnWarnings' is invalid.",
            help::write_as("FailOnWarnings", help::BOOL),
            props.at("FailOnWarnings"),
        ));
    }
    if http && set("RouteSettings", Value::is_object) {
        return Err(refuse(
            "Property 'RouteSettings' should be a map.",
            help::route_settings(),
            props.at("RouteSettings"),
        ));
    }
    let at = props.at("Domain");
    let domain = match props.get("Domain") {
        None | Some(Value::Null) => return Ok(()),
        Some(d) if is_intrinsic(d) => return Ok(()),
        Some(Value::Object(d)) => d,
        Some(_) => {
            let help =
                help::write_as("Domain", &format!("{} with at least `DomainName` and `CertificateArn`", help::MAP));
            return Err(refuse("Property 'Domain' should be a map.", help, at));
        }
    };
    for required in ["DomainName", "CertificateArn"] {
        if domain.get(required).is_none_or(Value::is_null) {
            let at = if domain.contains_key(required) { at.push(required) } else { at.clone() };
            let what = if required == "DomainName" {
                "the custom domain name, such as `api.example.com`"
            } else {
                "the ARN of the ACM certificate for the domain name (in us-east-1 for an EDGE endpoint)"
            };
            return Err(refuse(
                format!("Property 'Domain.{required}' is required."),
                format!("add `Domain.{required}`: {what}"),
                at,
            ));
        }
    }
    if !http {
        if let Some(Value::String(e)) = domain.get("EndpointConfiguration") {
            if !["EDGE", "REGIONAL", "PRIVATE"].contains(&e.as_str()) {
                return Err(refuse(
                    "EndpointConfiguration for Custom Domains must be one of ['EDGE', 'REGIONAL', 'PRIVATE'].",
                    help::accepted("Domain.EndpointConfiguration", &["EDGE", "REGIONAL", "PRIVATE"]),
                    at.push("EndpointConfiguration"),
                ));
            }
        }
    }
    if let Some(Value::Array(paths)) = domain.get("BasePath") {
        if let Some(i) = paths.iter().position(|p| !p.is_string() && !is_intrinsic(p)) {
            return Err(refuse(
                format!("Property 'Domain.BasePath[{i}]' should be a string."),
                help::write_as(&format!("Domain.BasePath[{i}]"), "a string: a base path such as `v1`"),
                at.push("BasePath").index(i),
            ));
        }
    }
    let association = domain.get("AccessAssociation");
    if !http && association.is_some_and(|a| !a.is_null() && !a.is_object() && !is_intrinsic(a)) {
        return Err(refuse(
            "Property 'Domain.AccessAssociation' should be a map.",
            help::map_of("Domain.AccessAssociation", &["VpcEndpointId"]),
            at.push("AccessAssociation"),
        ));
    }
    if let Some(Value::Object(mtls)) = domain.get("MutualTlsAuthentication") {
        if let Some(key) = mtls.keys().find(|k| *k != "TruststoreUri" && *k != "TruststoreVersion") {
            let prefix = if http { "" } else { "Domain." };
            return Err(refuse(
                format!("Available {prefix}MutualTlsAuthentication fields are ['TruststoreUri', 'TruststoreVersion']."),
                help::unknown_key("Domain.MutualTlsAuthentication", key, &["TruststoreUri", "TruststoreVersion"]),
                at.push("MutualTlsAuthentication").push(key),
            ));
        }
    }
    Ok(())
}

/// The keys of a gateway response of `GatewayResponses`.
const RESPONSE_KEYS: [&str; 3] = ["ResponseParameters", "ResponseTemplates", "StatusCode"];

/// How to fix an `x-amazon-apigateway-endpoint-configuration` of the document that is not a
/// mapping.
const ENDPOINT_HELP: &str = "write the document's `x-amazon-apigateway-endpoint-configuration` as a mapping, or remove it and let `DisableExecuteApiEndpoint` write it";

/// How to write the gateway response `kind` of `GatewayResponses` that is not a mapping (or a
/// response's own key written in the place of a response type).
fn response_help(kind: &str) -> String {
    let keys = help::one_of(&RESPONSE_KEYS);
    if RESPONSE_KEYS.contains(&kind) {
        format!("`GatewayResponses` maps gateway response types (such as `DEFAULT_4XX` or `UNAUTHORIZED`) to their {keys}: put `{kind}` under one")
    } else {
        help::map_of(&format!("GatewayResponses.{kind}"), &RESPONSE_KEYS)
    }
}

/// Python's name for a value's type, as SAM's messages show it.
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// `GatewayResponses` → `x-amazon-apigateway-gateway-responses`: each response's
/// `ResponseParameters` (`Headers`, `Paths`, `QueryStrings`, prefixed as
/// `gatewayresponse.header.` ...), `ResponseTemplates` and `StatusCode` (as a string).
fn gateway_responses(
    doc: &mut Value,
    props: &ApiProps,
    from_uri: bool,
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    let at = props.at("GatewayResponses");
    let responses = props.get("GatewayResponses");
    if falsy(responses) {
        return Ok(());
    }
    if from_uri {
        return Err(refuse(
            "GatewayResponses works only with inline Swagger specified in 'DefinitionBody' property.",
            help::inline_only("GatewayResponses"),
            at,
        ));
    }
    let Some(responses) = responses.and_then(Value::as_object) else {
        let help = format!(
            "write `GatewayResponses` as {} of gateway response types (such as `DEFAULT_4XX` or `UNAUTHORIZED`), each with {}",
            help::MAP,
            help::one_of(&RESPONSE_KEYS)
        );
        return Err(refuse("Property 'GatewayResponses' should be a map.", help, at));
    };
    for (kind, r) in responses {
        if is_intrinsic(r) {
            return Err(refuse(
                "Unable to set GatewayResponses attribute because intrinsic functions are not supported for this field.",
                format!("write the `{kind}` response as a literal mapping with {}: SAM does not resolve an intrinsic function here", help::one_of(&RESPONSE_KEYS)),
                at.push(kind),
            ));
        }
        let Some(m) = r.as_object() else {
            return Err(refuse(
                format!(
                    "Invalid property type '{}' for GatewayResponses. Expected an object of type 'GatewayResponse'.",
                    type_name(r)
                ),
                response_help(kind),
                at.push(kind),
            ));
        };
        if let Some(k) =
            m.keys().find(|k| !["ResponseParameters", "ResponseTemplates", "StatusCode"].contains(&k.as_str()))
        {
            return Err(refuse(
                format!("Invalid property '{k}' in 'GatewayResponses' property '{kind}'."),
                help::unknown_key(&format!("GatewayResponses.{kind}"), k, &RESPONSE_KEYS),
                at.push(kind).push(k),
            ));
        }
    }
    if !valid_swagger(doc) {
        return Err(refuse(
            "Unable to add Auth configuration because 'DefinitionBody' does not contain a valid Swagger definition.",
            help::not_a_document("GatewayResponses", false),
            at,
        ));
    }
    let mut made = Map::new();
    let mut origins: Vec<(Pointer, Pointer, bool)> = Vec::new();
    for (kind, r) in responses {
        let from = at.push(kind);
        let parameters = r.get("ResponseParameters").filter(|p| !falsy(Some(p)));
        if let Some(p) = parameters {
            let Some(p) = p.as_object() else {
                return Err(refuse(
                    format!("Property 'GatewayResponses.{kind}.ResponseParameters' should be a map."),
                    help::map_of("ResponseParameters", &["Headers", "Paths", "QueryStrings"]),
                    from.push("ResponseParameters"),
                ));
            };
            if let Some(k) = p.keys().find(|k| !["Headers", "Paths", "QueryStrings"].contains(&k.as_str())) {
                return Err(refuse(
                    format!("Invalid gateway response parameter '{k}'"),
                    help::unknown_key("ResponseParameters", k, &["Headers", "Paths", "QueryStrings"]),
                    from.push("ResponseParameters").push(k),
                ));
            }
        }
        let status = match r.get("StatusCode").filter(|s| !s.is_null()) {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Bool(b)) => Some(if *b { "True" } else { "False" }.to_string()),
            Some(other) => Some(other.to_string()),
        };
        if let Some(s) = &status {
            let numeric = !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
            if !numeric && r.get("StatusCode").is_some_and(|v| !falsy(Some(v))) {
                return Err(refuse(
                    "Property 'StatusCode' must be numeric",
                    "write `StatusCode` as a three-digit HTTP status code, such as `401`",
                    from.push("StatusCode"),
                ));
            }
        }
        let here = Pointer::root().push("x-amazon-apigateway-gateway-responses").push(kind);
        let mut prefixed = Map::new();
        for (key, prefix) in [("Headers", "header."), ("Paths", "path."), ("QueryStrings", "querystring.")] {
            for (name, value) in parameters.and_then(|p| p.get(key)).and_then(Value::as_object).into_iter().flatten() {
                let full = format!("gatewayresponse.{prefix}{name}");
                origins.push((
                    here.push("responseParameters").push(&full),
                    from.push("ResponseParameters").push(key).push(name),
                    false,
                ));
                prefixed.insert(full, value.clone());
            }
        }
        let mut response = Map::new();
        response.insert("responseParameters".into(), Value::Object(prefixed));
        let templates = r.get("ResponseTemplates").filter(|t| !falsy(Some(t))).cloned().unwrap_or(json!({}));
        if r.get("ResponseTemplates").is_some() {
            origins.push((here.push("responseTemplates"), from.push("ResponseTemplates"), true));
        }
        response.insert("responseTemplates".into(), templates);
        if let Some(s) = status.filter(|s| !s.is_empty()) {
            response.insert("statusCode".into(), json!(s));
            origins.push((here.push("statusCode"), from.push("StatusCode"), false));
        }
        origins.push((here, from, false));
        made.insert(kind.clone(), Value::Object(response));
    }
    let Some(root) = doc.as_object_mut() else { return Ok(()) };
    let holder = root.entry("x-amazon-apigateway-gateway-responses").or_insert_with(|| json!({}));
    if !holder.is_object() {
        *holder = json!({});
    }
    holder.as_object_mut().expect("a map").extend(made);
    // The whole entry first, then its fields (the nearest recorded node wins).
    origins.sort_by_key(|(a, _, _)| a.as_str().len());
    for (a, f, mirror) in origins {
        record(out, a, f, mirror);
    }
    Ok(())
}

/// `BinaryMediaTypes` → `x-amazon-apigateway-binary-media-types`, with `~1` read as `/` (SAM's
/// escape for the slash in a media type).
fn binary_media_types(doc: &mut Value, props: &ApiProps, out: &mut Transformed) {
    let types = props.get("BinaryMediaTypes");
    if falsy(types) {
        return;
    }
    fn unescape(v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(s.replace("~1", "/")),
            Value::Array(a) => Value::Array(a.iter().map(unescape).collect()),
            Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.replace("~1", "/"), unescape(v))).collect()),
            other => other.clone(),
        }
    }
    let value = unescape(types.unwrap_or(&Value::Null));
    if let Some(root) = doc.as_object_mut() {
        root.insert("x-amazon-apigateway-binary-media-types".into(), value);
        record(out, Pointer::root().push("x-amazon-apigateway-binary-media-types"), props.at("BinaryMediaTypes"), true);
    }
}

/// `Models` → `definitions` (`components.schemas` in an OpenAPI 3 document), named in lower case.
fn models(doc: &mut Value, props: &ApiProps, from_uri: bool, out: &mut Transformed) -> Result<(), Vec<Refused>> {
    let at = props.at("Models");
    let models = props.get("Models");
    if falsy(models) {
        return Ok(());
    }
    if from_uri {
        return Err(refuse(
            "Models works only with inline Swagger specified in 'DefinitionBody' property.",
            help::inline_only("Models"),
            at,
        ));
    }
    if !valid_swagger(doc) {
        return Err(refuse(
            "Unable to add Models definitions because 'DefinitionBody' does not contain a valid Swagger definition.",
            help::not_a_document("Models", false),
            at,
        ));
    }
    let Some(models) = models.and_then(Value::as_object).filter(|m| m.values().all(Value::is_object)) else {
        let help = help::write_as("Models", &format!("{} of model names to JSON schemas (each a mapping)", help::MAP));
        return Err(refuse("Invalid value for 'Models' property", help, at));
    };
    if let Some((name, _)) = models.iter().find(|(_, s)| falsy(s.get("type"))) {
        return Err(refuse(
            "'Models' schema is missing 'type'.",
            format!("give the `{name}` schema a `type`, such as `type: object`"),
            at.push(name),
        ));
    }
    let Some(root) = doc.as_object_mut() else { return Ok(()) };
    let holder = root.entry("definitions").or_insert_with(|| json!({}));
    if !holder.is_object() {
        *holder = json!({});
    }
    let definitions = holder.as_object_mut().expect("a map");
    for (name, schema) in models {
        let key = name.to_lowercase();
        definitions.insert(key.clone(), schema.clone());
        record(out, Pointer::root().push("definitions").push(&key), at.push(name), true);
    }
    Ok(())
}

/// `DisableExecuteApiEndpoint` → `x-amazon-apigateway-endpoint-configuration`: on each of an
/// OpenAPI 3 document's `servers` (one is made when there are none), else at the root.
fn endpoint_configuration(
    doc: &mut Value,
    disable: &Value,
    from: &Pointer,
    http: bool,
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    const EXT: &str = "x-amazon-apigateway-endpoint-configuration";
    let oas3 = http || doc.get("openapi").and_then(Value::as_str).is_some_and(is_openapi3);
    let Some(root) = doc.as_object_mut() else { return Ok(()) };
    let mut targets: Vec<Pointer> = Vec::new();
    if oas3 {
        let servers = root.entry("servers").or_insert_with(|| json!([{}]));
        let Some(list) = servers.as_array_mut() else {
            return Err(refuse(
                "Invalid OpenAPI definition of 'servers'.",
                "write the document's `servers` as a list of server mappings (such as `- url: https://example.com`), or remove it",
                Pointer::root().push("servers"),
            ));
        };
        for (i, server) in list.iter_mut().enumerate() {
            let Some(s) = server.as_object_mut() else {
                return Err(refuse(
                    format!("Invalid OpenAPI definition of 'servers[{i}]': the server is not a map."),
                    "write each entry of the document's `servers` as a mapping, such as `- url: https://example.com`",
                    Pointer::root().push("servers").index(i),
                ));
            };
            let config = s.entry(EXT).or_insert_with(|| json!({}));
            if !config.is_object() {
                return Err(refuse(
                    format!("Invalid OpenAPI definition: '{EXT}' of 'servers[{i}]' is not a map."),
                    ENDPOINT_HELP,
                    Pointer::root().push("servers").index(i).push(EXT),
                ));
            }
            config.as_object_mut().expect("a map").insert("disableExecuteApiEndpoint".into(), disable.clone());
            targets.push(Pointer::root().push("servers").index(i).push(EXT).push("disableExecuteApiEndpoint"));
        }
    } else {
        let config = root.entry(EXT).or_insert_with(|| json!({}));
        if !config.is_object() {
            return Err(refuse(
                format!("Invalid OpenAPI definition: '{EXT}' is not a map."),
                ENDPOINT_HELP,
                Pointer::root().push(EXT),
            ));
        }
        config.as_object_mut().expect("a map").insert("disableExecuteApiEndpoint".into(), disable.clone());
        targets.push(Pointer::root().push(EXT).push("disableExecuteApiEndpoint"));
    }
    for t in targets {
        record(out, t, from.clone(), false);
    }
    Ok(())
}

/// What an HTTP API's properties add to its document: the `Tags` (with SAM's own
/// `httpapi:createdBy` tag) as `tags` with `x-amazon-apigateway-tag-value`,
/// `DisableExecuteApiEndpoint`, `Name` as the title, `Description`, and with `FailOnWarnings`
/// the `$default` path written as `/$default`.
fn http(doc: &mut Value, props: &ApiProps, out: &mut Transformed) -> Result<(), Vec<Refused>> {
    let tags = props.get("Tags").filter(|t| !falsy(Some(t)));
    if tags.is_some() && !valid_openapi(doc) {
        return Err(refuse(
            "Unable to add `Tags` because 'DefinitionBody' does not contain a valid OpenApi definition.",
            help::not_a_document("Tags", true),
            props.at("Tags"),
        ));
    }
    if valid_openapi(doc) {
        let mut all: Vec<(String, Value, Pointer)> = Vec::new();
        for (k, v) in tags.and_then(Value::as_object).into_iter().flatten() {
            all.push((k.clone(), v.clone(), props.at("Tags").push(k)));
        }
        all.push(("httpapi:createdBy".into(), json!("SAM"), props.ptr.clone()));
        let root = doc.as_object_mut().expect("an OpenAPI document is a map");
        let list = root.entry("tags").or_insert_with(|| json!([]));
        let Some(list) = list.as_array_mut() else {
            return Err(refuse(
                "Tags in OpenApi DefinitionBody needs to be a list.",
                "write the document's `tags` as a list of mappings with a `name`, or remove it",
                Pointer::root().push("tags"),
            ));
        };
        for (name, value, from) in all {
            let i = match list.iter().position(|t| t.get("name") == Some(&json!(name))) {
                Some(i) => {
                    if let Some(t) = list[i].as_object_mut() {
                        t.insert("x-amazon-apigateway-tag-value".into(), value);
                    }
                    i
                }
                None => {
                    list.push(json!({"name": name, "x-amazon-apigateway-tag-value": value}));
                    list.len() - 1
                }
            };
            record(out, Pointer::root().push("tags").index(i), from, false);
        }
    }
    if let Some(disable) = props.get("DisableExecuteApiEndpoint").filter(|d| !d.is_null()) {
        endpoint_configuration(doc, disable, &props.at("DisableExecuteApiEndpoint"), true, out)?;
    }
    let default_title = json!({"Ref": "AWS::StackName"});
    if let Some(name) = props.get("Name").filter(|n| !falsy(Some(n))) {
        let title = doc.pointer("/info/title");
        if title != Some(&default_title) && title != Some(name) {
            return Err(refuse(
                "Unable to set Name because it is already defined within inline OpenAPI specified in the 'DefinitionBody' property.",
                "remove the API's `Name` or the document's `info.title`, or make the two the same",
                props.at("Name"),
            ));
        }
        if let Some(Value::Object(info)) = doc.get_mut("info") {
            info.insert("title".into(), name.clone());
            record(out, Pointer::root().push("info").push("title"), props.at("Name"), false);
        }
    }
    if let Some(description) = props.get("Description").filter(|d| !falsy(Some(d))) {
        if !falsy(doc.pointer("/info/description")) {
            return Err(refuse(
                "Unable to set Description because it is already defined within inline OpenAPI specified in the 'DefinitionBody' property.",
                "remove the API's `Description` or the document's `info.description`",
                props.at("Description"),
            ));
        }
        if let Some(root) = doc.as_object_mut() {
            let info = root.entry("info").or_insert_with(|| json!({}));
            if let Some(info) = info.as_object_mut() {
                info.insert("description".into(), description.clone());
                record(out, Pointer::root().push("info").push("description"), props.at("Description"), false);
            }
        }
    }
    if !falsy(props.get("FailOnWarnings")) {
        // API Gateway warns about a path that does not start with `/`, which FailOnWarnings
        // turns into a failure: SAM writes the `$default` path as `/$default`.
        if let Some(Value::Object(paths)) = doc.get_mut("paths") {
            if let Some(item) = paths.shift_remove("$default") {
                paths.insert("/$default".into(), item);
                let old = Pointer::root().push("paths").push("$default");
                let new = Pointer::root().push("paths").push("/$default");
                for a in out.added.iter_mut() {
                    if a.at.starts_with(&old) {
                        let rest = a.at.as_str()[old.as_str().len()..].to_string();
                        a.at = Pointer::parse(&format!("{}{rest}", new.as_str())).unwrap_or_else(|_| new.clone());
                    }
                }
            }
        }
    }
    Ok(())
}
