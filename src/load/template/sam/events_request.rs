//! What an event's own properties add to its method, as SAM's transform writes them:
//! `RequestModel` (the body's schema and SAM's request validators), `RequestParameters`
//! (declared parameters and cache key parameters), an HTTP route's timeout, payload format
//! version and path variables, and the IAM credentials of a REST integration.

use super::*;

/// How to name a `RequestModel`'s `Model`: one of the API's `Models`.
fn model_help(name: &str, models: Option<&Value>) -> String {
    let defined = help::keys_of(models);
    let define = help::define_or_name(name, "Models", &defined);
    if defined.is_empty() {
        format!("{define} (a JSON schema with a `type`), or remove the event's `RequestModel`")
    } else {
        define
    }
}

/// How a REST event's `RequestParameters` is written.
const PARAMETERS_HELP: &str = "write `RequestParameters` as a list of `method.request.header.NAME`, `method.request.querystring.NAME` or `method.request.path.NAME` strings, each optionally a mapping to `{Required: true, Caching: false}`";

/// A REST event's `RequestModel`: the body parameter (Swagger 2.0) or `requestBody` (OpenAPI 3)
/// with the model's `$ref`, and the request validator `ValidateBody` / `ValidateParameters` ask for.
pub(super) fn request_model(
    edit: &mut Edit,
    api_props: &Value,
    event: &FunctionEvent,
    path: &str,
    key: &str,
    openapi3: bool,
) {
    let Some(model) = event.properties.get("RequestModel").filter(|m| m.is_object()) else { return };
    let from = event.ptr.push("Properties").push("RequestModel");
    let Some(name) = model.get("Model") else { return };
    let where_ = format!("on API method [{}] for path [{path}]", event.method.to_ascii_lowercase());
    let Some(name) = name.as_str() else {
        let message = format!(
            "Unable to set RequestModel [{name}] {where_} because the related API does not contain valid Models."
        );
        let help = help::write_as("RequestModel.Model", "the name of one of the API's `Models` (a string)");
        edit.errors.push(Refused::new(message, help, from.push("Model")));
        return;
    };
    let models = api_props.get("Models").and_then(Value::as_object);
    if models.is_none_or(|m| m.is_empty()) {
        let message =
            format!("Unable to set RequestModel [{name}] {where_} because the related API does not define any Models.");
        edit.errors.push(Refused::new(message, model_help(name, None), from.push("Model")));
        return;
    }
    if models.is_some_and(|m| !crate::load::is_intrinsic(m) && !m.contains_key(name)) {
        let message =
            format!("Unable to set RequestModel [{name}] {where_} because it wasn't defined in the API's Models.");
        edit.errors.push(Refused::new(message, model_help(name, api_props.get("Models")), from.push("Model")));
        return;
    }
    let lower = name.to_ascii_lowercase();
    let required = model.get("Required").cloned();
    let (vb, vp) = (model.get("ValidateBody"), model.get("ValidateParameters"));
    let validator = if vb.is_some() || vp.is_some() {
        match (vb.map_or(Some(false), Value::as_bool), vp.map_or(Some(false), Value::as_bool)) {
            (Some(body), Some(params)) => Some((body, params)),
            _ => {
                let message = format!("Unable to set Validator to RequestModel [{name}] {where_} ValidateBody and ValidateParameters must be a boolean type, strings or intrinsics are not supported.");
                let help = "write `ValidateBody` and `ValidateParameters` as `true` or `false` (unquoted)";
                edit.errors.push(Refused::new(message, help, from.clone()));
                return;
            }
        }
    } else {
        None
    };
    let validator_name = validator.map(|(body, params)| match (body, params) {
        (true, true) => "body-and-params",
        (true, false) => "body-only",
        (false, true) => "params-only",
        (false, false) => "no-validation",
    });
    if let (Some((body, params)), Some(vname)) = (validator, validator_name) {
        let Some(root) = edit.doc.as_object_mut() else { return };
        let validators =
            root.entry("x-amazon-apigateway-request-validators").or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(v) = validators {
            if !v.contains_key(vname) {
                v.insert(vname.into(), json!({"validateRequestBody": body, "validateRequestParameters": params}));
                let at = Pointer::root().push("x-amazon-apigateway-request-validators").push(vname);
                edit.added(at, from.clone());
            }
        }
    }
    for def in method_definitions(edit.doc, path, key, true) {
        let Some(m) = at_mut(edit.doc, &def) else { continue };
        let at = if openapi3 {
            let mut body =
                json!({"content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{lower}")}}}});
            if let Some(r) = &required {
                body["required"] = r.clone();
            }
            m.insert("requestBody".into(), body);
            def.push("requestBody")
        } else {
            let mut param = json!({"in": "body", "name": lower, "schema": {"$ref": format!("#/definitions/{lower}")}});
            if let Some(r) = &required {
                param["required"] = r.clone();
            }
            let list = m.entry("parameters").or_insert_with(|| Value::Array(Vec::new()));
            let Value::Array(list) = list else { continue };
            list.push(param);
            def.push("parameters").index(list.len() - 1)
        };
        if let Some(vname) = validator_name {
            m.insert("x-amazon-apigateway-request-validator".into(), json!(vname));
            edit.added(def.push("x-amazon-apigateway-request-validator"), from.clone());
        }
        edit.added(at, from.clone());
    }
}

/// A REST event's `RequestParameters`: each a method parameter (`required` as the event says,
/// `type: string`), and a cache key of the integration when `Caching` is true.
pub(super) fn request_parameters(edit: &mut Edit, event: &FunctionEvent, path: &str, key: &str) {
    let Some(list) = event.properties.get("RequestParameters") else { return };
    let from = event.ptr.push("Properties").push("RequestParameters");
    let Value::Array(list) = list else {
        edit.errors.push(Refused::new(
            "Invalid value for 'RequestParameters' property: it must be a list",
            PARAMETERS_HELP,
            from,
        ));
        return;
    };
    let format_error = "Invalid value for 'RequestParameters' property. Keys must be in the format 'method.request.[querystring|path|header].{value}', e.g 'method.request.header.Authorization'.";
    let mut parameters = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let (name, settings) = match p {
            Value::String(s) => (s.as_str(), None),
            Value::Object(m) if m.len() == 1 => {
                let (k, v) = m.iter().next().expect("one entry");
                (k.as_str(), Some(v))
            }
            _ => {
                edit.errors.push(Refused::new(
                    "Invalid value for 'RequestParameters' property. Property must be either a string or an object",
                    PARAMETERS_HELP,
                    from.index(i),
                ));
                return;
            }
        };
        let Some((location, short)) = name
            .strip_prefix("method.request.")
            .and_then(|rest| rest.split_once('.'))
            .filter(|(l, n)| matches!(*l, "querystring" | "path" | "header") && !n.is_empty())
        else {
            let help = "name the parameter `method.request.header.NAME`, `method.request.querystring.NAME` or `method.request.path.NAME`";
            edit.errors.push(Refused::new(format_error, help, from.index(i)));
            return;
        };
        let (mut required, mut caching) = (Value::Bool(false), Value::Bool(false));
        if let Some(settings) = settings {
            let Some(s) = settings.as_object().filter(|s| s.keys().all(|k| k == "Required" || k == "Caching")) else {
                edit.errors.push(Refused::new(
                    "Invalid value for 'RequestParameters' property. Values must be an object, e.g { Required: true, Caching: false }",
                    "write the parameter's settings as a mapping with only `Required` and `Caching`, each `true` or `false`",
                    from.index(i),
                ));
                return;
            };
            required = s.get("Required").cloned().unwrap_or(required);
            caching = s.get("Caching").cloned().unwrap_or(caching);
        }
        let location = if location == "querystring" { "query" } else { location };
        parameters.push((i, name.to_string(), location, short.to_string(), required, caching));
    }
    for def in method_definitions(edit.doc, path, key, true) {
        let Some(m) = at_mut(edit.doc, &def) else { continue };
        let mut added = Vec::new();
        for (i, name, location, short, required, caching) in &parameters {
            let list = m.entry("parameters").or_insert_with(|| Value::Array(Vec::new()));
            let Value::Array(list) = list else { break };
            list.push(json!({"in": location, "name": short, "required": required, "type": "string"}));
            added.push((def.push("parameters").index(list.len() - 1), from.index(*i)));
            if caching.as_bool() == Some(true) {
                if let Some(Value::Object(integration)) = m.get_mut(INTEGRATION) {
                    let keys = integration.entry("cacheKeyParameters").or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(keys) = keys {
                        keys.push(Value::String(name.clone()));
                        added.push((
                            def.push(INTEGRATION).push("cacheKeyParameters").index(keys.len() - 1),
                            from.index(*i),
                        ));
                    }
                }
            }
        }
        for (at, from) in added {
            edit.added(at, from);
        }
    }
}

/// An HTTP event's `TimeoutInMillis`, path variables and `PayloadFormatVersion` on its method.
pub(super) fn http_extras(edit: &mut Edit, event: &FunctionEvent, path: &str, key: &str) {
    let props = event.ptr.push("Properties");
    let timeout = event.properties.get("TimeoutInMillis").filter(|v| !v.is_null());
    let version = event.properties.get("PayloadFormatVersion").filter(|v| !v.is_null());
    let variables: Vec<&str> =
        path.split('{').skip(1).filter_map(|s| s.split_once('}')).map(|(name, _)| name).collect();
    for def in method_definitions(edit.doc, path, key, true) {
        let Some(m) = at_mut(edit.doc, &def) else { continue };
        let mut added = Vec::new();
        if let Some(Value::Object(i)) = m.get_mut(INTEGRATION) {
            if let Some(t) = timeout {
                i.insert("timeoutInMillis".into(), t.clone());
                added.push((def.push(INTEGRATION).push("timeoutInMillis"), props.push("TimeoutInMillis")));
            }
            if let Some(v) = version {
                i.insert("payloadFormatVersion".into(), v.clone());
                added.push((def.push(INTEGRATION).push("payloadFormatVersion"), props.push("PayloadFormatVersion")));
            }
        }
        if !variables.is_empty() {
            let parameters = m.entry("parameters").or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = parameters {
                for name in &variables {
                    match list.iter_mut().position(|p| p.get("name").and_then(Value::as_str) == Some(name)) {
                        Some(i) => {
                            if let Some(p) = list[i].as_object_mut() {
                                p.insert("in".into(), json!("path"));
                                p.insert("required".into(), json!(true));
                            }
                        }
                        None => {
                            list.push(json!({"name": name, "in": "path", "required": true}));
                            added.push((def.push("parameters").index(list.len() - 1), props.push("Path")));
                        }
                    }
                }
            }
        }
        for (at, from) in added {
            edit.added(at, from);
        }
    }
}

/// The `credentials` SAM gives a REST event's integration when IAM authorizes the method: the
/// `InvokeRole` (the event's, else the API's), or the caller's credentials; none for `NONE`.
pub(super) fn iam_credentials(event: &FunctionEvent, api_auth: &Value) -> Option<Value> {
    let method_auth = event.properties.get("Auth").filter(|a| a.as_object().is_some_and(|m| !m.is_empty()));
    let iam = event.authorizer.as_deref() == Some("AWS_IAM")
        || (method_auth.is_none() && api_auth.get("DefaultAuthorizer").and_then(Value::as_str) == Some("AWS_IAM"));
    if !iam {
        return None;
    }
    let role = |auth: Option<&Value>| -> Option<Value> {
        let auth = auth?.as_object()?;
        match auth.get("InvokeRole") {
            None => None,
            Some(Value::Null) => Some(Value::String("NONE".into())),
            Some(v) => Some(v.clone()),
        }
    };
    let chosen = role(method_auth).or_else(|| role(Some(api_auth)));
    match chosen {
        Some(Value::String(s)) if s == "NONE" => None,
        Some(Value::String(s)) if s == "CALLER_CREDENTIALS" => Some(json!("arn:aws:iam::*:user/*")),
        Some(v) => Some(v),
        None => Some(json!("arn:aws:iam::*:user/*")),
    }
}
