//! Functions' and state machines' `Api` / `HttpApi` events, and what SAM's transform adds to the
//! API's document for them.

use serde_json::{json, Map, Value};

use crate::diag::Severity;
use crate::ir::ApiType;
use crate::load::template::{Added, At, Body, Context, Noted, Refused, TemplateApi, Transformed};
use crate::source::{Pointer, Source};

// What an event's own properties add to its method and integration.
#[path = "events_request.rs"]
mod request;

use request::{http_extras, iam_credentials, request_model, request_parameters};

// What SAM's transform refuses in an event before it adds anything.
#[path = "events_checked.rs"]
mod checked;

use checked::{checked_route, invalid_events};

use super::help;

/// The logical id of the REST API SAM creates for `Api` events that name no `RestApiId`.
pub const IMPLICIT_REST_API: &str = "ServerlessRestApi";
/// The logical id of the HTTP API SAM creates for `HttpApi` events that name no `ApiId`.
pub const IMPLICIT_HTTP_API: &str = "ServerlessHttpApi";

/// What an event invokes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An `AWS::Serverless::Function` (a Lambda proxy integration).
    Function,
    /// An `AWS::Serverless::StateMachine` (an `aws` integration that starts an execution).
    StateMachine,
}

/// A function's (or state machine's) `Api` / `HttpApi` event on an API of the template.
pub struct FunctionEvent {
    /// The function's (or state machine's) logical id.
    pub(super) function: String,
    pub(super) path: String,
    pub(super) method: String,
    /// The event's `Properties`.
    pub(super) properties: Value,
    /// `Auth.Authorizer`: a name, or NONE.
    pub(super) authorizer: Option<String>,
    /// The event, in the template (`/Resources/Fn/Properties/Events/Get`).
    pub(super) ptr: Pointer,
    /// The event's logical id (its key under `Events`).
    pub(super) name: String,
    pub(super) target: Target,
    /// The `Condition` of the function or state machine.
    pub(super) condition: Option<String>,
}

/// An event's `Method` as an operation's method (`any` is API Gateway's ANY).
fn event_method(method: &str) -> Option<crate::ir::Method> {
    if method.eq_ignore_ascii_case("any") || method.eq_ignore_ascii_case(ANY_METHOD) {
        return Some(crate::ir::Method::Any);
    }
    crate::ir::Method::KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(method)).map(|(_, m)| *m)
}

const ANY_METHOD: &str = "x-amazon-apigateway-any-method";
const INTEGRATION: &str = "x-amazon-apigateway-integration";

/// The key SAM writes an event's method under in the document: lower case, and `any` as
/// `x-amazon-apigateway-any-method`.
fn method_key(method: &str) -> String {
    let lower = method.to_ascii_lowercase();
    if lower == "any" {
        ANY_METHOD.to_string()
    } else {
        lower
    }
}

/// The kind of event that attaches to an API of this type, and the property that names the API.
fn event_kind(api_type: ApiType) -> (&'static str, &'static str, &'static str) {
    match api_type {
        ApiType::Http => ("HttpApi", "ApiId", IMPLICIT_HTTP_API),
        _ => ("Api", "RestApiId", IMPLICIT_REST_API),
    }
}

/// The logical id an event's `RestApiId` / `ApiId` names (`!Ref Api` or the plain id), if any.
fn named_api(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        other => other.get("Ref").and_then(Value::as_str),
    }
}

/// Functions and state machines of the template with their `Events` of the kind `kind`, in
/// document order: (resource id, resource, event id, event).
fn events_of_kind<'t>(template: &'t Value, kind: &str) -> Vec<(&'t String, &'t Value, &'t String, &'t Value)> {
    let mut out = Vec::new();
    let Some(Value::Object(resources)) = template.get("Resources") else { return out };
    for (id, r) in resources {
        if !matches!(
            r.get("Type").and_then(Value::as_str),
            Some("AWS::Serverless::Function" | "AWS::Serverless::StateMachine")
        ) {
            continue;
        }
        let Some(Value::Object(events)) = r.pointer("/Properties/Events") else { continue };
        for (eid, e) in events {
            if e.get("Type").and_then(Value::as_str) == Some(kind) {
                out.push((id, r, eid, e));
            }
        }
    }
    out
}

/// Does the event go to the implicit API? SAM ignores a REST `Api` event without properties;
/// an `HttpApi` event needs none (it is the `$default` route).
fn to_implicit(kind: &str, id_key: &str, implicit_id: &str, event: &Value) -> bool {
    let props = event.get("Properties");
    if kind == "Api" && props.and_then(Value::as_object).is_none_or(|m| m.is_empty()) {
        return false;
    }
    match props.and_then(|p| p.get(id_key)) {
        None => true,
        Some(v) => named_api(v) == Some(implicit_id),
    }
}

/// The APIs SAM creates for events that name no API: `ServerlessRestApi` for `Api` events
/// without `RestApiId`, `ServerlessHttpApi` for `HttpApi` events without `ApiId` (on functions
/// and state machines). Events that name the implicit id themselves go to it too. Each is an
/// `AWS::Serverless::Api` / `HttpApi` with no document of its own; SAM builds it from the events.
pub fn implicit_apis(template: &Source, explicit: &[TemplateApi]) -> Vec<TemplateApi> {
    let mut out = Vec::new();
    for (api_type, resource_type) in
        [(ApiType::Rest, "AWS::Serverless::Api"), (ApiType::Http, "AWS::Serverless::HttpApi")]
    {
        let (kind, id_key, implicit_id) = event_kind(api_type);
        let events = events_of_kind(&template.value, kind);
        // An event that names the implicit id goes to the template's own resource of that id,
        // unless an event without an API makes SAM create (and replace) it.
        let bare = events.iter().any(|(_, _, _, e)| {
            to_implicit(kind, id_key, implicit_id, e) && e.get("Properties").and_then(|p| p.get(id_key)).is_none()
        });
        let named = events.iter().any(|(_, _, _, e)| to_implicit(kind, id_key, implicit_id, e));
        let declared = explicit.iter().any(|a| a.logical_id == implicit_id);
        if bare || (named && !declared) {
            out.push(TemplateApi {
                logical_id: implicit_id.to_string(),
                resource_type: resource_type.to_string(),
                api_type,
                body: Body::Events,
                implicit: true,
            });
        }
    }
    out
}

/// The first event that makes SAM create the implicit API `api`: the template node its
/// document comes from.
pub(super) fn first_implicit_event(template: &Source, api: &TemplateApi) -> Option<Pointer> {
    let (kind, id_key, implicit_id) = event_kind(api.api_type);
    events_of_kind(&template.value, kind)
        .into_iter()
        .find(|(_, _, _, e)| to_implicit(kind, id_key, implicit_id, e))
        .map(|(id, _, eid, _)| Pointer::root().push("Resources").push(id).push("Properties").push("Events").push(eid))
}

/// The `Api` / `HttpApi` events of the template's functions and state machines that attach to
/// `tapi` (by `RestApiId` / `ApiId`, or by naming none when `tapi` is the implicit API), in
/// document order. An `HttpApi` event without `Path` and `Method` is the `$default` route.
pub fn function_events(template: &Source, tapi: &TemplateApi) -> Vec<FunctionEvent> {
    let (kind, id_key, implicit_id) = event_kind(tapi.api_type);
    let empty = Value::Object(Map::new());
    let mut out = Vec::new();
    for (fname, f, ename, e) in events_of_kind(&template.value, kind) {
        let attached = match e.get("Properties").and_then(|p| p.get(id_key)) {
            None => tapi.implicit && tapi.logical_id == implicit_id && to_implicit(kind, id_key, implicit_id, e),
            Some(v) => named_api(v) == Some(tapi.logical_id.as_str()),
        };
        if !attached {
            continue;
        }
        let p = e.get("Properties").unwrap_or(&empty);
        let (path, method) = match (p.get("Path"), p.get("Method")) {
            (None, None) if kind == "HttpApi" => ("$default", ANY_METHOD),
            (path, method) => {
                (path.and_then(Value::as_str).unwrap_or(""), method.and_then(Value::as_str).unwrap_or(""))
            }
        };
        let auth = p.get("Auth");
        let ptr = Pointer::root().push("Resources").push(fname).push("Properties").push("Events").push(ename);
        let target = match f.get("Type").and_then(Value::as_str) {
            Some("AWS::Serverless::StateMachine") => Target::StateMachine,
            _ => Target::Function,
        };
        out.push(FunctionEvent {
            function: fname.clone(),
            path: path.to_string(),
            method: method.to_string(),
            properties: p.clone(),
            authorizer: auth.and_then(|a| a.get("Authorizer")).and_then(Value::as_str).map(str::to_string),
            ptr,
            name: ename.clone(),
            target,
            condition: f.get("Condition").and_then(Value::as_str).map(str::to_string),
        });
    }
    out
}

/// Rule id of the finding for a function event on a method the body already integrates.
pub const SAM_EVENT_CONFLICT: &str = "sam-event-conflict";

/// Rule id of the finding for a function event SAM leaves out of the API's document.
pub const SAM_EVENT_NOT_MERGED: &str = "sam-event-not-merged";

/// The `Api` / `HttpApi` events of the template's functions (and state machines) on `api`.
pub(super) fn events_of(template: &Source, api: &TemplateApi) -> Vec<FunctionEvent> {
    function_events(template, api)
}

/// Is this a document SAM's editors accept: `paths` a mapping, and `swagger` set or `openapi` 3?
fn editable(doc: &Value) -> bool {
    let openapi3 = match doc.get("openapi") {
        Some(Value::String(s)) => is_openapi3(s),
        Some(Value::Number(n)) => is_openapi3(&n.to_string()),
        _ => false,
    };
    let swagger = match doc.get("swagger") {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::Bool(b)) => *b,
        _ => false,
    };
    doc.get("paths").is_some_and(Value::is_object) && (swagger || openapi3)
}

/// `3.0`, `3.0.1`: the OpenAPI versions SAM treats as OpenAPI 3.
pub(super) fn is_openapi3(version: &str) -> bool {
    let mut parts = version.split('.');
    parts.next() == Some("3") && parts.next().is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// A value's contents through `Fn::If`: the branches that are mappings (not `AWS::NoValue`), with
/// their pointers; the value itself when it is not conditional.
fn conditional_contents(v: &Value, at: &Pointer) -> Vec<Pointer> {
    if let Some(Value::Array(branches)) = v.as_object().filter(|m| m.len() == 1).and_then(|m| m.get("Fn::If")) {
        return branches
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, b)| b.as_object().is_some_and(|m| !crate::load::is_intrinsic(m)))
            .map(|(i, _)| at.push("Fn::If").index(i))
            .collect();
    }
    if v.is_object() {
        vec![at.clone()]
    } else {
        Vec::new()
    }
}

/// The definitions of `method` on `path` (each branch of a conditional path item or method),
/// with `with_integration` only those that have an integration.
fn method_definitions(doc: &Value, path: &str, key: &str, with_integration: bool) -> Vec<Pointer> {
    let path_ptr = Pointer::root().push("paths").push(path);
    let Some(item) = path_ptr.resolve(doc) else { return Vec::new() };
    let mut out = Vec::new();
    for item_ptr in conditional_contents(item, &path_ptr) {
        let Some(Value::Object(m)) = item_ptr.resolve(doc) else { continue };
        for (k, method) in m {
            if method_key(k) != key {
                continue;
            }
            for def in conditional_contents(method, &item_ptr.push(k)) {
                let has = def.resolve(doc).and_then(|d| d.get(INTEGRATION)).is_some_and(Value::is_object);
                if has || !with_integration {
                    out.push(def);
                }
            }
        }
    }
    out
}

fn at_mut<'v>(doc: &'v mut Value, ptr: &Pointer) -> Option<&'v mut Map<String, Value>> {
    doc.pointer_mut(ptr.as_str()).and_then(Value::as_object_mut)
}

/// `Fn::If: [condition, value, AWS::NoValue]`.
fn conditional(condition: &str, v: Value) -> Value {
    json!({"Fn::If": [condition, v, {"Ref": "AWS::NoValue"}]})
}

/// What the transform adds, collected as it goes.
struct Edit<'a> {
    doc: &'a mut Value,
    out: &'a mut Transformed,
    errors: Vec<Refused>,
    /// The partition SAM writes into a REST API's Lambda integration URIs ([`Context::sam_partition`]).
    partition: String,
}

impl Edit<'_> {
    fn added(&mut self, at: Pointer, from: Pointer) {
        self.out.added.push(Added { at, from, mirror: false });
    }
}

/// Adds the events' routes and integrations to the API's document, as SAM does:
/// - on an API SAM builds from its events (no `DefinitionBody`), each event adds its path and
///   method with the integration SAM writes (a Lambda proxy to the function, or its
///   `AutoPublishAlias` alias; for a state machine an `aws` integration that starts an
///   execution), `responses: {}`, and what the event's `RequestParameters` / `RequestModel`
///   (REST) or `TimeoutInMillis` / `PayloadFormatVersion` and path variables (HTTP) say. Two
///   events on one method stop SAM's transform (reported as an error);
/// - an HTTP API's `DefinitionBody` gets the same for each event whose method it does not
///   integrate yet (and the event's timeout, payload version and path variables on the method
///   either way);
/// - a REST API's `DefinitionBody` is edited only with `MergeDefinitions: true` (the event's
///   method fields replace the document's). Without it the events add nothing, and an event
///   whose method the document does not integrate is reported: its route never reaches the
///   function.
///
/// A function with a `Condition` gets its method and integration URI wrapped in `Fn::If` on it,
/// and on an API SAM builds, a path whose every method is conditional gets the condition too.
pub(super) fn apply(
    doc: &mut Value,
    template: &Source,
    api: &TemplateApi,
    ctx: &Context,
    events: &[FunctionEvent],
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    let edited = match &api.body {
        Body::Inline(_) | Body::Events => true,
        Body::File(_, ptr) => ptr.last().as_deref() == Some("DefinitionBody"),
        Body::Missing(..) | Body::Conflict(_) | Body::Resources => false,
    };
    if !edited || !api.resource_type.starts_with("AWS::Serverless") || !editable(doc) {
        return Ok(());
    }
    let managed = matches!(api.body, Body::Events);
    let http = api.api_type == ApiType::Http;
    let (props, _) = super::api_properties(template, api);
    let props = props.cloned().unwrap_or(Value::Null);
    let merge = props.get("MergeDefinitions").and_then(Value::as_bool) == Some(true);
    let openapi3 = doc.get("swagger").is_none();
    let first_added = out.added.len();
    let mut edit = Edit { doc, out, errors: invalid_events(template, api.api_type), partition: ctx.sam_partition() };
    // The conditions of the methods each event put on a path (None: unconditional).
    let mut path_conditions: Vec<(String, Vec<Option<String>>)> = Vec::new();
    for event in events {
        let Some((path, key)) = checked_route(event, http, &mut edit.errors) else { continue };
        if !http && !managed && !merge {
            not_merged(&mut edit, api, event, &path, &key);
            continue;
        }
        if http && event.target == Target::StateMachine {
            continue;
        }
        let integrated = !method_definitions(edit.doc, &path, &key, true).is_empty();
        if integrated && managed {
            conflict(&mut edit, event, &path, &key, http);
            continue;
        }
        if !(http && integrated) {
            add_method(&mut edit, template, api, &props, event, &path, &key, merge && !managed);
            if managed {
                match path_conditions.iter_mut().find(|(p, _)| *p == path) {
                    Some((_, list)) => list.push(event.condition.clone()),
                    None => path_conditions.push((path.clone(), vec![event.condition.clone()])),
                }
            }
        }
        if http {
            http_extras(&mut edit, event, &path, &key);
        } else if event.target == Target::Function {
            request_model(&mut edit, &props, event, &path, &key, openapi3);
            request_parameters(&mut edit, event, &path, &key);
        }
    }
    for (path, conditions) in path_conditions {
        let all: Option<Vec<String>> = conditions.into_iter().collect();
        let Some(mut all) = all else { continue };
        all.sort();
        all.dedup();
        let condition = match all.as_slice() {
            [] => continue,
            [one] => one.clone(),
            _ => format!(
                "{}{}PathCondition",
                api.logical_id,
                path.replace('/', "SLASH").replace('{', "OB").replace('}', "CB")
            ),
        };
        let path_ptr = Pointer::root().push("paths").push(&path);
        let Some(paths) = edit.doc.get_mut("paths").and_then(Value::as_object_mut) else { continue };
        let Some(item) = paths.remove(&path) else { continue };
        paths.insert(path.clone(), conditional(&condition, item));
        // What was added below the path is now below the condition's first branch.
        let branch = path_ptr.push("Fn::If").index(1);
        for a in &mut edit.out.added[first_added..] {
            if a.at != path_ptr && a.at.starts_with(&path_ptr) {
                a.at = Pointer::parse(&format!("{}{}", branch.as_str(), &a.at.as_str()[path_ptr.as_str().len()..]))
                    .unwrap_or_else(|_| a.at.clone());
            }
        }
    }
    if edit.errors.is_empty() {
        Ok(())
    } else {
        Err(edit.errors)
    }
}

/// A REST event SAM leaves out of a `DefinitionBody` it does not merge: reported when the
/// document does not integrate its method.
fn not_merged(edit: &mut Edit, api: &TemplateApi, event: &FunctionEvent, path: &str, key: &str) {
    if !method_definitions(edit.doc, path, key, true).is_empty() {
        return;
    }
    let declared = !method_definitions(edit.doc, path, key, false).is_empty();
    let what = if declared { "declares it without an integration" } else { "does not declare it" };
    let method = event_method(key).map_or_else(|| key.to_ascii_uppercase(), |m| m.as_str().to_string());
    edit.out.findings.push(Noted {
        rule: SAM_EVENT_NOT_MERGED,
        severity: Severity::Warn,
        at: At::Template(event.ptr.clone()),
        message: format!(
            "this event's route {method} {path} never reaches `{}`: SAM adds nothing to `{}`'s DefinitionBody, which {what}",
            event.function, api.logical_id
        ),
        help: Some("set `MergeDefinitions: true` on the API so that SAM adds the event's integration, or write the method with an x-amazon-apigateway-integration to the function in the DefinitionBody".into()),
        related: Vec::new(),
    });
}

/// Two definitions of one method: SAM's transform stops.
fn conflict(edit: &mut Edit, event: &FunctionEvent, path: &str, key: &str, http: bool) {
    let existing = method_definitions(edit.doc, path, key, true).into_iter().next().unwrap_or_default();
    let message = if http {
        format!("API method '{}' defined multiple times for path '{path}'.", event.method)
    } else {
        format!("API method \"{}\" defined multiple times for path \"{path}\".", event.method.to_ascii_lowercase())
    };
    edit.out.findings.push(Noted {
        rule: SAM_EVENT_CONFLICT,
        severity: Severity::Error,
        at: At::Template(event.ptr.clone()),
        message,
        help: Some("SAM adds this event's integration to a method that is already integrated: remove one of the events, or the document's x-amazon-apigateway-integration".into()),
        related: vec![(At::Document(existing.push(INTEGRATION)), "the method's other integration".into())],
    });
}

/// The integration SAM writes for the event.
fn integration(template: &Source, props: &Value, event: &FunctionEvent, http: bool, partition: &str) -> Value {
    match event.target {
        Target::StateMachine => {
            let unescape = event.properties.get("UnescapeMappingTemplate").and_then(Value::as_bool) == Some(true);
            let input = if unescape {
                r#"$util.escapeJavaScript($input.json('$')).replaceAll("\\'","'")"#
            } else {
                "$util.escapeJavaScript($input.json('$'))"
            };
            let request = format!(r#"{{"input": "{input}", "stateMachineArn": "${{{}}}"}}"#, event.function);
            json!({
                "type": "aws",
                "httpMethod": "POST",
                "uri": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution"},
                "credentials": {"Fn::GetAtt": [format!("{}{}Role", event.function, event.name), "Arn"]},
                "requestTemplates": {"application/json": {"Fn::Sub": request}},
                "responses": {"200": {"statusCode": "200"}, "400": {"statusCode": "400"}}
            })
        }
        Target::Function => {
            // The function's ARN, or its alias's when it publishes one (as SAM points at it).
            let function = template.value.get("Resources").and_then(|r| r.get(&event.function));
            let alias = function.and_then(|f| f.pointer("/Properties/AutoPublishAlias")).and_then(Value::as_str);
            let target = match alias {
                Some(alias) => {
                    format!("{}Alias{}", event.function, alias.replace(|c: char| !c.is_ascii_alphanumeric(), ""))
                }
                None => format!("{}.Arn", event.function),
            };
            // SAM writes `${AWS::Partition}` for an HTTP API, its own region's partition for REST.
            let partition = if http { "${AWS::Partition}" } else { partition };
            let mut uri = json!({
                "Fn::Sub": format!("arn:{partition}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{{target}}}/invocations")
            });
            if let Some(c) = &event.condition {
                uri = conditional(c, uri);
            }
            let mut i = Map::new();
            i.insert("type".into(), json!("aws_proxy"));
            i.insert("httpMethod".into(), json!("POST"));
            if http {
                i.insert("payloadFormatVersion".into(), json!("2.0"));
            }
            i.insert("uri".into(), uri);
            if !http {
                if let Some(credentials) = iam_credentials(event, props.get("Auth").unwrap_or(&Value::Null)) {
                    i.insert("credentials".into(), credentials);
                }
            }
            Value::Object(i)
        }
    }
}

/// Adds the event's method (and path) with SAM's integration; with `merge` (a REST
/// `DefinitionBody` with `MergeDefinitions`), the fields SAM generates replace the document's.
#[allow(clippy::too_many_arguments)]
fn add_method(
    edit: &mut Edit,
    template: &Source,
    api: &TemplateApi,
    props: &Value,
    event: &FunctionEvent,
    path: &str,
    key: &str,
    merge: bool,
) {
    let http = api.api_type == ApiType::Http;
    let path_ptr = Pointer::root().push("paths").push(path);
    let Some(paths) = edit.doc.get_mut("paths").and_then(Value::as_object_mut) else { return };
    if !matches!(paths.get(path), Some(Value::Object(_))) {
        paths.insert(path.to_string(), Value::Object(Map::new()));
        edit.added(path_ptr.clone(), event.ptr.clone());
    }
    let item = path_ptr.resolve(edit.doc).cloned().unwrap_or(Value::Null);
    for item_ptr in conditional_contents(&item, &path_ptr) {
        let Some(m) = at_mut(edit.doc, &item_ptr) else { continue };
        let existing = m.keys().find(|k| method_key(k) == key).cloned();
        let mut generated = Map::new();
        generated.insert(INTEGRATION.into(), integration(template, props, event, http, &edit.partition));
        if path == "$default" && key == ANY_METHOD && http {
            generated.insert("isDefaultRoute".into(), Value::Bool(true));
        }
        generated.insert(
            "responses".into(),
            match event.target {
                Target::StateMachine => json!({"200": {"description": "OK"}, "400": {"description": "Bad Request"}}),
                Target::Function => json!({}),
            },
        );
        let (method_name, mut method) = match existing {
            Some(k) => {
                let v = m.remove(&k).unwrap_or(Value::Null);
                (k, v)
            }
            None => (key.to_string(), Value::Null),
        };
        let method_ptr = item_ptr.push(&method_name);
        let new = !method.is_object();
        let def = match method.as_object_mut() {
            Some(def) => def,
            None => {
                method = Value::Object(Map::new());
                method.as_object_mut().expect("a mapping")
            }
        };
        let responses = generated.remove("responses");
        for (k, v) in generated {
            def.insert(k, v);
        }
        if merge || !def.contains_key("responses") {
            if let Some(r) = responses {
                def.insert("responses".into(), r);
            }
        }
        let (def_ptr, method) = match &event.condition {
            Some(c) if event.target == Target::Function => (method_ptr.push("Fn::If").index(1), conditional(c, method)),
            _ => (method_ptr.clone(), method),
        };
        m.insert(method_name, method);
        if new {
            edit.added(method_ptr.clone(), event.ptr.clone());
        }
        edit.added(def_ptr.push(INTEGRATION), event.ptr.clone());
        edit.added(def_ptr.push("responses"), event.ptr.clone());
        if http && path == "$default" {
            edit.added(def_ptr.push("isDefaultRoute"), event.ptr.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::load::template::{apis, build, transform, Context, TemplateApi};
    use crate::source::Source;

    fn source(text: &str) -> Source {
        crate::load::parse_source("template.yaml".into(), text.as_bytes().to_vec()).expect("parses")
    }

    /// The document gwgen builds and transforms for `id`, before intrinsics are resolved.
    fn doc(t: &Source, id: &str) -> (Value, crate::load::template::Transformed) {
        let all = apis(t);
        let api: &TemplateApi = all.iter().find(|a| a.logical_id == id).expect("the API");
        let ctx = Context::of(&t.value);
        let mut d = match &api.body {
            crate::load::template::Body::Inline(ptr) => ptr.resolve(&t.value).cloned().expect("the body"),
            _ => build(t, api, &ctx).expect("built").doc,
        };
        let out = transform(&mut d, t, api, &ctx).expect("transformed");
        (d, out)
    }

    #[test]
    fn implicit_apis_come_from_events_without_an_api_and_replace_a_resource_of_that_id() {
        let t = source(
            "Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        A: {Type: Api, Properties: {Path: /a, Method: any}}
        Empty: {Type: Api}
        H: {Type: HttpApi}
  ServerlessRestApi:
    Type: AWS::Serverless::Api
    Properties: {StageName: mine, DefinitionBody: {swagger: '2.0', info: {title: t, version: '1'}, paths: {}}}
",
        );
        let all = apis(&t);
        let ids: Vec<(&str, bool)> = all.iter().map(|a| (a.logical_id.as_str(), a.implicit)).collect();
        assert_eq!(ids, vec![("ServerlessRestApi", true), ("ServerlessHttpApi", true)]);
        let (rest, out) = doc(&t, "ServerlessRestApi");
        assert_eq!(rest["swagger"], "2.0");
        assert_eq!(rest["info"], json!({"version": "1.0", "title": {"Ref": "AWS::StackName"}}));
        let any = &rest["paths"]["/a"]["x-amazon-apigateway-any-method"];
        assert_eq!(any["responses"], json!({}));
        assert_eq!(
            any["x-amazon-apigateway-integration"]["uri"]["Fn::Sub"],
            "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"
        );
        let from = |at: &str| out.added.iter().find(|a| a.at.as_str() == at).map(|a| a.from.as_str().to_string());
        assert_eq!(from("/paths/~1a").as_deref(), Some("/Resources/Fn/Properties/Events/A"));
        // No resource declares the implicit API: its document comes from the first event.
        let all = apis(&t);
        let rest = all.iter().find(|a| a.logical_id == "ServerlessRestApi").unwrap();
        let built = build(&t, rest, &Context::of(&t.value)).unwrap();
        assert!(built.added.iter().any(|a| a.at.is_root() && a.from.as_str() == "/Resources/Fn/Properties/Events/A"));
        let (http, _) = doc(&t, "ServerlessHttpApi");
        let default = &http["paths"]["$default"]["x-amazon-apigateway-any-method"];
        assert_eq!(default["isDefaultRoute"], true);
        assert_eq!(default["x-amazon-apigateway-integration"]["payloadFormatVersion"], "2.0");
        assert_eq!(http["openapi"], "3.0.1");
    }

    #[test]
    fn conditions_wrap_the_method_the_uri_and_a_path_whose_methods_all_have_them() {
        let t = source(
            "Conditions: {C: {Fn::Equals: [a, b]}}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: C
    Properties:
      Events:
        A: {Type: Api, Properties: {Path: /a, Method: get}}
        B: {Type: Api, Properties: {Path: /b, Method: get}}
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        B: {Type: Api, Properties: {Path: /b, Method: post}}
",
        );
        let (d, out) = doc(&t, "ServerlessRestApi");
        let a = &d["paths"]["/a"]["Fn::If"];
        assert_eq!(a[0], "C");
        assert_eq!(a[2], json!({"Ref": "AWS::NoValue"}));
        let get = &a[1]["get"]["Fn::If"][1];
        assert_eq!(get["x-amazon-apigateway-integration"]["uri"]["Fn::If"][0], "C");
        // /b has an unconditional method too: the path stays.
        assert!(d["paths"]["/b"]["post"].is_object() && d["paths"]["/b"]["get"]["Fn::If"].is_array());
        let integration = "/paths/~1a/Fn::If/1/get/Fn::If/1/x-amazon-apigateway-integration";
        assert!(out.added.iter().any(|x| x.at.as_str() == integration), "{:?}", out.added);
    }

    #[test]
    fn request_parameters_and_models_as_sam_writes_them() {
        let t = source(
            "Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: {StageName: p, Models: {User: {type: object}}}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        A:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /a
            Method: post
            RequestParameters: [method.request.header.X, {method.request.querystring.q: {Required: true, Caching: true}}]
            RequestModel: {Model: User, Required: true, ValidateBody: true}
",
        );
        let (d, _) = doc(&t, "Api");
        let post = &d["paths"]["/a"]["post"];
        assert_eq!(
            post["parameters"],
            json!([
                {"in": "body", "name": "user", "schema": {"$ref": "#/definitions/user"}, "required": true},
                {"in": "header", "name": "X", "required": false, "type": "string"},
                {"in": "query", "name": "q", "required": true, "type": "string"}
            ])
        );
        assert_eq!(
            post["x-amazon-apigateway-integration"]["cacheKeyParameters"],
            json!(["method.request.querystring.q"])
        );
        assert_eq!(post["x-amazon-apigateway-request-validator"], "body-only");
        assert_eq!(
            d["x-amazon-apigateway-request-validators"]["body-only"],
            json!({"validateRequestBody": true, "validateRequestParameters": false})
        );
        let bad = source(&t.text.replace("method.request.header.X", "header.X"));
        let all = apis(&bad);
        let api = all.iter().find(|a| a.logical_id == "Api").unwrap();
        let ctx = Context::of(&bad.value);
        let mut d = build(&bad, api, &ctx).unwrap().doc;
        let errors = transform(&mut d, &bad, api, &ctx).unwrap_err();
        assert_eq!(errors[0].at.as_str(), "/Resources/Fn/Properties/Events/A/Properties/RequestParameters/0");
    }

    #[test]
    fn http_events_add_timeouts_and_path_variables_to_a_definition_body() {
        let t = source(
            "Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: 3.0.1
        info: {title: t, version: '1'}
        paths:
          /a/{id}:
            get:
              parameters: [{name: id, in: path}]
              x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://example.com'}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
      Events:
        A: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: '/a/{id}', Method: GET, TimeoutInMillis: 5000}}
        B: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: '/b/{proxy+}', Method: any}}
",
        );
        let (d, _) = doc(&t, "Api");
        let get = &d["paths"]["/a/{id}"]["get"];
        // The document's integration stays; the event's timeout joins it.
        assert_eq!(get["x-amazon-apigateway-integration"]["uri"], "https://example.com");
        assert_eq!(get["x-amazon-apigateway-integration"]["timeoutInMillis"], 5000);
        assert_eq!(get["parameters"], json!([{"name": "id", "in": "path", "required": true}]));
        let any = &d["paths"]["/b/{proxy+}"]["x-amazon-apigateway-any-method"];
        assert_eq!(any["parameters"], json!([{"name": "proxy+", "in": "path", "required": true}]));
        assert_eq!(
            any["x-amazon-apigateway-integration"]["uri"]["Fn::Sub"],
            "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FnAliaslive}/invocations"
        );
    }

    #[test]
    fn state_machine_events_start_an_execution_as_sam_writes_it() {
        let t = source(
            "Resources:
  Api: {Type: AWS::Serverless::Api, Properties: {StageName: p}}
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Events:
        Go: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /go, Method: POST, UnescapeMappingTemplate: true}}
",
        );
        let (d, _) = doc(&t, "Api");
        let post = &d["paths"]["/go"]["post"];
        let i = &post["x-amazon-apigateway-integration"];
        assert_eq!(i["type"], "aws");
        assert_eq!(i["credentials"], json!({"Fn::GetAtt": ["MachineGoRole", "Arn"]}));
        // As SAM's output for its state_machine_with_api test writes it.
        let sam: Value = serde_json::from_str(r#"{"Fn::Sub": "{\"input\": \"$util.escapeJavaScript($input.json('$')).replaceAll(\"\\\\'\",\"'\")\", \"stateMachineArn\": \"${Machine}\"}"}"#).unwrap();
        assert_eq!(i["requestTemplates"]["application/json"], sam);
        assert_eq!(post["responses"]["400"]["description"], "Bad Request");
    }

    #[test]
    fn two_events_on_one_method_of_an_api_sam_builds_are_an_error_finding() {
        let t = source(
            "Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        A: {Type: Api, Properties: {Path: /a, Method: get}}
        B: {Type: Api, Properties: {Path: /a, Method: GET}}
",
        );
        let (_, out) = doc(&t, "ServerlessRestApi");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].rule, super::SAM_EVENT_CONFLICT);
        assert_eq!(out.findings[0].message, "API method \"get\" defined multiple times for path \"/a\".");
    }
}
