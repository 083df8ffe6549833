//! What SAM's transform refuses in a function's `Api` / `HttpApi` events before it adds
//! anything: an API id that names nothing, a `Path` or `Method` that is missing or not a string.

use serde_json::Value;

use crate::ir::ApiType;
use crate::load::template::Refused;
use crate::source::{Pointer, Source};

use super::help;
use super::{
    event_kind, events_of_kind, method_key, named_api, FunctionEvent, ANY_METHOD, IMPLICIT_HTTP_API, IMPLICIT_REST_API,
};

/// The template's events of this API type that SAM's transform refuses, wherever they point: an
/// API id that is neither a logical id nor a `Ref` to one (`Fn::Sub`, `Fn::ImportValue`), one
/// that names nothing in the template, and a state machine event's `UnescapeMappingTemplate`
/// that is not a boolean.
pub(super) fn invalid_events(template: &Source, api_type: ApiType) -> Vec<Refused> {
    let (kind, id_key, _) = event_kind(api_type);
    let mut errors = Vec::new();
    let resources = template.value.get("Resources");
    let parameters = template.value.get("Parameters");
    for (fname, _, ename, e) in events_of_kind(&template.value, kind) {
        let props = Pointer::root()
            .push("Resources")
            .push(fname)
            .push("Properties")
            .push("Events")
            .push(ename)
            .push("Properties");
        if let Some(id) = e.get("Properties").and_then(|p| p.get(id_key)) {
            let at = props.push(id_key);
            match named_api(id) {
                None => errors.push(Refused::new(
                    format!("Property '{id_key}' should be a string."),
                    format!("write `{id_key}` as `!Ref` of the AWS::Serverless::{kind} of this template the event belongs to"),
                    at,
                )),
                Some(name) => {
                    let known = resources.and_then(|r| r.get(name)).is_some()
                        || parameters.and_then(|p| p.get(name)).is_some()
                        || [IMPLICIT_REST_API, IMPLICIT_HTTP_API].contains(&name);
                    if !known {
                        let message = format!(
                            "{id_key} property of {kind} event must reference a valid resource in the same template."
                        );
                        errors.push(Refused::new(message, api_id_help(resources, kind, id_key, name), at));
                    }
                }
            }
        }
        let unescape = e.get("Properties").and_then(|p| p.get("UnescapeMappingTemplate"));
        if unescape.is_some_and(|u| !u.is_boolean()) {
            errors.push(Refused::new(
                "Type of property 'UnescapeMappingTemplate' is invalid.",
                help::write_as("UnescapeMappingTemplate", help::BOOL),
                props.push("UnescapeMappingTemplate"),
            ));
        }
    }
    errors
}

/// How to fix an event's `RestApiId` / `ApiId` that names no resource of the template: the APIs
/// of its type the template defines, or the implicit API SAM makes without one.
fn api_id_help(resources: Option<&Value>, kind: &str, id_key: &str, name: &str) -> String {
    let resource_type = format!("AWS::Serverless::{kind}");
    let defined: Vec<String> = resources
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some(resource_type.as_str()))
        .map(|(id, _)| id.clone())
        .collect();
    let implicit = format!("or remove `{id_key}` to put the event on the API SAM creates for events without one");
    match defined.as_slice() {
        [] => format!("define the {resource_type} `{name}` under `Resources`, {implicit}"),
        _ => {
            let names: Vec<&str> = defined.iter().map(String::as_str).collect();
            format!("`Ref` one of the template's {resource_type} resources: {}; {implicit}", help::one_of(&names))
        }
    }
}

/// How to fix an event's `Path` or `Method` that is missing or not a string.
fn route_help(key: &str, missing: bool, http: bool) -> String {
    let example = if key == "Path" {
        "such as `/items/{id}`".to_string()
    } else {
        format!("one of {}", help::one_of(&["get", "post", "put", "patch", "delete", "head", "options", "any"]))
    };
    match (missing, http) {
        (true, true) => format!("give the event a `{key}`, {example} (an HttpApi event with neither `Path` nor `Method` is the `$default` route)"),
        (true, false) => format!("give the event a `{key}`, {example}"),
        (false, _) => format!("write `{key}` as a plain string, {example}"),
    }
}

/// The event's path and the method key SAM writes, or the error SAM stops on.
pub(super) fn checked_route(event: &FunctionEvent, http: bool, errors: &mut Vec<Refused>) -> Option<(String, String)> {
    let p = &event.properties;
    let (path, method) = if http && p.get("Path").is_none() && p.get("Method").is_none() {
        (Some(Value::String("$default".into())), Some(Value::String(ANY_METHOD.into())))
    } else {
        (p.get("Path").cloned(), p.get("Method").cloned())
    };
    for (key, v) in [("Path", &path), ("Method", &method)] {
        let message = match v {
            None => format!("event `{}` of `{}` has no `{key}`", event.name, event.function),
            Some(Value::String(_)) => continue,
            Some(_) => format!("the `{key}` of event `{}` of `{}` must be a string", event.name, event.function),
        };
        let at = if v.is_some() { event.ptr.push("Properties").push(key) } else { event.ptr.clone() };
        errors.push(Refused::new(message, route_help(key, v.is_none(), http), at));
        return None;
    }
    let path = path?.as_str()?.to_string();
    let method = method?.as_str()?.to_string();
    Some((path, method_key(&method)))
}
