//! SAM's `Cors` (REST APIs: an `OPTIONS` method answering CORS preflight requests on every
//! path) and `CorsConfiguration` (HTTP APIs: `x-amazon-apigateway-cors`).

use serde_json::{json, Map, Value};

use crate::ir::ApiType;
use crate::load::template::{Body, Refused, TemplateApi, Transformed};
use crate::source::Pointer;

use super::{falsy, help, is_intrinsic, path_items, paths_of, record, refuse, valid_openapi, valid_swagger, ApiProps};

const REST_KEYS: [&str; 5] = ["AllowMethods", "AllowHeaders", "AllowOrigin", "MaxAge", "AllowCredentials"];
const HTTP_KEYS: [&str; 6] =
    ["AllowMethods", "AllowHeaders", "AllowOrigins", "MaxAge", "ExposeHeaders", "AllowCredentials"];

/// How to fix a key a REST API's `Cors` or an HTTP API's `CorsConfiguration` does not take
/// (the two spell the allowed origins differently).
fn key_help(key: &str, http: bool) -> String {
    let (property, keys): (&str, &[&str]) = if http { ("CorsConfiguration", &HTTP_KEYS) } else { ("Cors", &REST_KEYS) };
    let known = help::unknown_key(property, key, keys);
    match (key, http) {
        ("AllowOrigins", false) => format!("{known} (a REST API's `Cors` says `AllowOrigin`, one quoted origin)"),
        ("AllowOrigin", true) => format!("{known} (an HTTP API's `CorsConfiguration` says `AllowOrigins`, a list)"),
        _ => known,
    }
}

/// How to write a `Cors` (REST) or `CorsConfiguration` (HTTP) that is neither a mapping nor what
/// stands for the allowed origin.
fn value_help(http: bool) -> String {
    let (property, whole, keys): (&str, &str, &[&str]) = if http {
        ("CorsConfiguration", "`true` (any origin)", &HTTP_KEYS)
    } else {
        ("Cors", "one quoted origin, such as \"'https://example.com'\" or \"'*'\",", &REST_KEYS)
    };
    format!("write `{property}` as {whole} or as {} with {}", help::MAP, help::one_of(keys))
}

/// How to fix `AllowCredentials: true` with any origin allowed.
fn credentials_help(http: bool) -> String {
    let origin = if http {
        "list in `AllowOrigins` the origins allowed to send credentials, such as `[https://example.com]`"
    } else {
        "set `AllowOrigin` to the one origin allowed to send credentials, such as \"'https://example.com'\""
    };
    format!("{origin} (browsers refuse credentials with the `*` origin), or remove `AllowCredentials`")
}

/// Every method API Gateway's ANY stands for, as SAM lists them for a preflight response.
const ALL_METHODS: [&str; 7] = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

/// Adds what the API's `Cors` / `CorsConfiguration` says to its document, as SAM does.
pub(super) fn apply(
    doc: &mut Value,
    api: &TemplateApi,
    props: &ApiProps,
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    if api.api_type == ApiType::Http {
        http(doc, api, props, out)
    } else {
        rest(doc, api, props, out)
    }
}

fn from_uri(api: &TemplateApi) -> bool {
    matches!(&api.body, Body::File(_, ptr) if ptr.last().as_deref() == Some("DefinitionUri"))
}

/// A REST API's `Cors`: a string (or intrinsic) is the allowed origin; a map says
/// `AllowOrigin` (default `'*'`), `AllowHeaders`, `AllowMethods` (default: the path's methods),
/// `MaxAge` and `AllowCredentials`. Every path without an `OPTIONS` method gets one, a mock
/// integration answering with the `Access-Control-Allow-*` headers.
fn rest(doc: &mut Value, api: &TemplateApi, props: &ApiProps, out: &mut Transformed) -> Result<(), Vec<Refused>> {
    let at = props.at("Cors");
    let cors = props.get("Cors");
    if falsy(cors) {
        return Ok(());
    }
    let cors = cors.cloned().unwrap_or(Value::Null);
    if from_uri(api) {
        return Err(refuse(
            "Cors works only with inline Swagger specified in 'DefinitionBody' property.",
            help::inline_only("Cors"),
            at,
        ));
    }
    let mut fields: Map<String, Value> = Map::new();
    if cors.is_string() || is_intrinsic(&cors) {
        fields.insert("AllowOrigin".into(), cors.clone());
    } else if let Value::Object(m) = &cors {
        if let Some(k) = m.keys().find(|k| !REST_KEYS.contains(&k.as_str())) {
            return Err(refuse(format!("Invalid key '{k}' for 'Cors' property."), key_help(k, false), at.push(k)));
        }
        fields = m.clone();
        fields.entry("AllowOrigin").or_insert(json!("'*'"));
    } else {
        return Err(refuse("Invalid value for 'Cors' property", value_help(false), at));
    }
    if !valid_swagger(doc) {
        return Err(refuse(
            "Unable to add Cors configuration because 'DefinitionBody' does not contain a valid Swagger definition.",
            help::not_a_document("Cors", false),
            at,
        ));
    }
    let credentials = fields.get("AllowCredentials") == Some(&Value::Bool(true));
    if credentials && fields.get("AllowOrigin") == Some(&json!("'*'")) {
        return Err(refuse(
            "Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is \"'*'\" or not set",
            credentials_help(false),
            at.push("AllowCredentials"),
        ));
    }
    // Where each header's value comes from: the map's key, or the whole `Cors` string.
    let source = |key: &str| {
        if cors.is_object() && fields.contains_key(key) && cors.get(key).is_some() {
            at.push(key)
        } else {
            at.clone()
        }
    };
    for path in paths_of(doc) {
        for item in path_items(doc, &path) {
            let Some(Value::Object(methods)) = item.resolve(doc) else { continue };
            if methods.contains_key("options") {
                continue;
            }
            let origin = fields.get("AllowOrigin").cloned().unwrap_or(Value::Null);
            if falsy(Some(&origin)) {
                return Err(refuse(
                    "Invalid input. Value for AllowedOrigins is required",
                    "give `AllowOrigin` one quoted origin, such as \"'https://example.com'\" or \"'*'\"",
                    source("AllowOrigin"),
                ));
            }
            let allow_methods = match fields.get("AllowMethods").filter(|m| !falsy(Some(m))) {
                Some(m) => m.clone(),
                None => json!(format!("'{}'", allowed_methods(methods))),
            };
            let mut parameters = Map::new();
            let mut headers = Map::new();
            let mut origins: Vec<(String, Pointer)> = Vec::new();
            let header = |name: &str| format!("method.response.header.{name}");
            parameters.insert(header("Access-Control-Allow-Origin"), origin);
            headers.insert("Access-Control-Allow-Origin".into(), json!({"type": "string"}));
            origins.push((header("Access-Control-Allow-Origin"), source("AllowOrigin")));
            if let Some(h) = fields.get("AllowHeaders").filter(|h| !falsy(Some(h))) {
                parameters.insert(header("Access-Control-Allow-Headers"), h.clone());
                headers.insert("Access-Control-Allow-Headers".into(), json!({"type": "string"}));
                origins.push((header("Access-Control-Allow-Headers"), source("AllowHeaders")));
            }
            parameters.insert(header("Access-Control-Allow-Methods"), allow_methods);
            headers.insert("Access-Control-Allow-Methods".into(), json!({"type": "string"}));
            if fields.get("AllowMethods").is_some_and(|m| !falsy(Some(m))) {
                origins.push((header("Access-Control-Allow-Methods"), source("AllowMethods")));
            }
            if let Some(age) = fields.get("MaxAge").filter(|a| !a.is_null()) {
                parameters.insert(header("Access-Control-Max-Age"), age.clone());
                headers.insert("Access-Control-Max-Age".into(), json!({"type": "integer"}));
                origins.push((header("Access-Control-Max-Age"), source("MaxAge")));
            }
            if credentials {
                parameters.insert(header("Access-Control-Allow-Credentials"), json!("'true'"));
                headers.insert("Access-Control-Allow-Credentials".into(), json!({"type": "string"}));
                origins.push((header("Access-Control-Allow-Credentials"), source("AllowCredentials")));
            }
            let options = json!({
                "summary": "CORS support",
                "consumes": ["application/json"],
                "produces": ["application/json"],
                "x-amazon-apigateway-integration": {
                    "type": "mock",
                    "requestTemplates": {"application/json": "{\n  \"statusCode\" : 200\n}\n"},
                    "responses": {
                        "default": {
                            "statusCode": "200",
                            "responseParameters": parameters,
                            "responseTemplates": {"application/json": "{}\n"},
                        }
                    }
                },
                "responses": {"200": {"description": "Default response for CORS method", "headers": headers}},
            });
            if let Some(Value::Object(m)) = doc.pointer_mut(item.as_str()) {
                m.insert("options".into(), options);
            }
            let method = item.push("options");
            record(out, method.clone(), at.clone(), false);
            let parameters = method
                .push("x-amazon-apigateway-integration")
                .push("responses")
                .push("default")
                .push("responseParameters");
            for (key, from) in origins {
                record(out, parameters.push(&key), from, false);
            }
        }
    }
    Ok(())
}

/// The `Access-Control-Allow-Methods` SAM computes for a path: its methods and OPTIONS, upper
/// case and sorted, or every method when it has ANY.
fn allowed_methods(item: &Map<String, Value>) -> String {
    if item.contains_key("x-amazon-apigateway-any-method") {
        return ALL_METHODS.join(",");
    }
    let mut methods: Vec<String> = item.keys().map(|k| k.to_ascii_uppercase()).collect();
    methods.push("OPTIONS".into());
    methods.sort();
    methods.dedup();
    methods.join(",")
}

/// An HTTP API's `CorsConfiguration`: `true` allows every origin; a map says `AllowOrigins`,
/// `AllowHeaders`, `AllowMethods`, `ExposeHeaders`, `MaxAge` and `AllowCredentials`, merged
/// over the document's own `x-amazon-apigateway-cors`.
fn http(doc: &mut Value, api: &TemplateApi, props: &ApiProps, out: &mut Transformed) -> Result<(), Vec<Refused>> {
    let at = props.at("CorsConfiguration");
    let cors = props.get("CorsConfiguration");
    if falsy(cors) {
        return Ok(());
    }
    let cors = match cors.cloned().unwrap_or(Value::Null) {
        // A parameter's value (`Default: true`) is text once resolved; SAM reads it as a boolean.
        Value::String(s) if s.eq_ignore_ascii_case("true") => Value::Bool(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => return Ok(()),
        other => other,
    };
    if from_uri(api) {
        return Err(refuse(
            "Cors works only with inline OpenApi specified in 'DefinitionBody' property.",
            help::inline_only("CorsConfiguration"),
            at,
        ));
    }
    let mut fields: Map<String, Value> = Map::new();
    let mut whole = None;
    match &cors {
        Value::Bool(_) => {
            fields.insert("AllowOrigins".into(), json!(["*"]));
        }
        v if is_intrinsic(v) => whole = Some(v.clone()),
        Value::Object(m) => {
            if let Some(k) = m.keys().find(|k| !HTTP_KEYS.contains(&k.as_str())) {
                return Err(refuse(format!("Invalid key '{k}' for 'Cors' property."), key_help(k, true), at.push(k)));
            }
            fields = m.clone();
        }
        _ => return Err(refuse("Invalid value for 'Cors' property.", value_help(true), at)),
    }
    if !valid_openapi(doc) {
        return Err(refuse(
            "Unable to add Cors configuration because 'DefinitionBody' does not contain a valid OpenApi definition.",
            help::not_a_document("CorsConfiguration", true),
            at,
        ));
    }
    if fields.get("AllowCredentials") == Some(&Value::Bool(true)) && fields.get("AllowOrigins") == Some(&json!(["*"])) {
        return Err(refuse(
            "Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is \"'*'\" or not set.",
            credentials_help(true),
            at.push("AllowCredentials"),
        ));
    }
    let Some(root) = doc.as_object_mut() else { return Ok(()) };
    let existing = root.entry("x-amazon-apigateway-cors").or_insert_with(|| json!({}));
    let Some(config) = existing.as_object_mut() else {
        return Err(refuse(
            "Value of 'x-amazon-apigateway-cors' must be a dictionary according to Swagger spec.",
            "write the document's `x-amazon-apigateway-cors` as a mapping (`allowOrigins`, `allowMethods`, ...), or remove it and let `CorsConfiguration` write it",
            Pointer::root().push("x-amazon-apigateway-cors"),
        ));
    };
    let ext = Pointer::root().push("x-amazon-apigateway-cors");
    record(out, ext.clone(), at.clone(), false);
    if let Some(v) = whole {
        // SAM writes the intrinsic's value with its keys in the extension's spelling.
        let mut text = v.to_string();
        for key in HTTP_KEYS {
            let lower = format!("{}{}", key[..1].to_ascii_lowercase(), &key[1..]);
            text = text.replace(key, &lower);
        }
        if let Ok(Value::Object(m)) = serde_json::from_str::<Value>(&text) {
            config.extend(m);
        }
        return Ok(());
    }
    for key in HTTP_KEYS {
        let Some(v) = fields.get(key) else { continue };
        let keep = match key {
            "MaxAge" => !v.is_null(),
            "AllowCredentials" => v == &Value::Bool(true),
            _ => !falsy(Some(v)),
        };
        if !keep {
            continue;
        }
        let lower = format!("{}{}", key[..1].to_ascii_lowercase(), &key[1..]);
        config.insert(lower.clone(), v.clone());
        let from = if cors.is_object() { at.push(key) } else { at.clone() };
        record(out, ext.push(&lower), from, cors.is_object());
    }
    Ok(())
}
