//! SAM's `Auth` on an API: authorizers, the default authorizer, API keys, IAM and resource
//! policies, written into the API's document as SAM's transform writes them.

use serde_json::{json, Map, Value};

use crate::ir::ApiType;
use crate::load::template::{Added, Body, Context, NotBuilt, TemplateApi, Transformed};
use crate::source::{Pointer, Source};

use super::events::FunctionEvent;

// What `Cors` adds, which SAM adds before `Auth`, and the resource policy statements.
#[path = "cors.rs"]
mod cors;
#[path = "auth_policy.rs"]
mod policy;

/// The keys SAM accepts in a REST API's `Auth`.
const REST_AUTH_KEYS: [&str; 8] = [
    "Authorizers",
    "DefaultAuthorizer",
    "InvokeRole",
    "AddDefaultAuthorizerToCorsPreflight",
    "AddApiKeyRequiredToCorsPreflight",
    "ApiKeyRequired",
    "ResourcePolicy",
    "UsagePlan",
];

/// The keys SAM accepts in an HTTP API's `Auth`.
const HTTP_AUTH_KEYS: [&str; 3] = ["Authorizers", "DefaultAuthorizer", "EnableIamAuthorizer"];

/// A path item's keys that are not methods (SAM skips them when it walks a path's methods).
const NOT_METHODS: [&str; 3] = ["summary", "description", "parameters"];

/// The properties of the API resource as SAM reads them (parameter references resolved), and
/// where the template writes them. An implicit API (`ServerlessRestApi`, `ServerlessHttpApi`)
/// takes its properties from the template's `Globals`.
pub(super) struct ApiProps {
    pub value: Value,
    pub ptr: Pointer,
}

impl ApiProps {
    pub(super) fn of(template: &Source, api: &TemplateApi, ctx: &Context) -> ApiProps {
        let resource = Pointer::root().push("Resources").push(&api.logical_id).push("Properties");
        let globals =
            Pointer::root().push("Globals").push(if api.api_type == ApiType::Http { "HttpApi" } else { "Api" });
        let ptr = if resource.resolve(&template.value).is_some() || !api.implicit { resource } else { globals };
        let mut value = ptr.resolve(&template.value).cloned().unwrap_or(Value::Null);
        ctx.resolve(&mut value, 0);
        ApiProps { value, ptr }
    }

    pub(super) fn get(&self, key: &str) -> Option<&Value> {
        self.value.get(key)
    }

    /// Where the template writes this property.
    pub(super) fn at(&self, key: &str) -> Pointer {
        self.ptr.push(key)
    }
}

/// A located error: what SAM's transform says, and where the template says what it refuses.
pub(super) fn refuse(message: impl Into<String>, at: Pointer) -> Vec<NotBuilt> {
    vec![(message.into(), at)]
}

/// Records that the transform put the node at `at` (in the document) because of `from` (in the
/// template).
pub(super) fn record(out: &mut Transformed, at: Pointer, from: Pointer, mirror: bool) {
    out.added.push(Added { at, from, mirror });
}

/// Is the value what Python calls false (SAM tests most properties that way)?
pub(super) fn falsy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => !b,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(m)) => m.is_empty(),
        Some(Value::Number(n)) => n.as_f64() == Some(0.0),
    }
}

/// An intrinsic function object (`{"Ref": ...}`, `{"Fn::...": ...}`).
pub(super) fn is_intrinsic(v: &Value) -> bool {
    v.as_object().is_some_and(|m| m.len() == 1 && m.keys().all(|k| k == "Ref" || k.starts_with("Fn::")))
}

/// A method name as SAM keys it in a document: lower case, `any` as API Gateway's ANY.
pub(super) fn normalize_method(method: &str) -> String {
    let m = method.to_ascii_lowercase();
    if m == "any" {
        "x-amazon-apigateway-any-method".into()
    } else {
        m
    }
}

/// The branches of a value written under `Fn::If` (the value itself otherwise): where they are.
fn conditional_contents(v: &Value, at: &Pointer) -> Vec<Pointer> {
    if let Some(Value::Array(branches)) = v.get("Fn::If").filter(|_| v.as_object().is_some_and(|m| m.len() == 1)) {
        let at = at.push("Fn::If");
        return branches.iter().enumerate().skip(1).filter(|(_, b)| b.is_object()).map(|(i, _)| at.index(i)).collect();
    }
    vec![at.clone()]
}

/// The path items of a path (both branches of an `Fn::If`), where they are in the document.
pub(super) fn path_items(doc: &Value, path: &str) -> Vec<Pointer> {
    let at = Pointer::root().push("paths").push(path);
    match at.resolve(doc) {
        Some(v) => {
            conditional_contents(v, &at).into_iter().filter(|p| p.resolve(doc).is_some_and(Value::is_object)).collect()
        }
        None => Vec::new(),
    }
}

/// The paths of the document, in order.
pub(super) fn paths_of(doc: &Value) -> Vec<String> {
    doc.get("paths").and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

/// The method definitions of a path (normalized method, where), as SAM walks them: every key
/// but `summary`, `description` and `parameters`, with an `x-amazon-apigateway-integration`
/// unless `all`.
pub(super) fn methods_of(doc: &Value, path: &str, all: bool) -> Vec<(String, Pointer)> {
    let mut out = Vec::new();
    for item in path_items(doc, path) {
        let Some(Value::Object(m)) = item.resolve(doc) else { continue };
        for (name, method) in m {
            if NOT_METHODS.contains(&name.as_str()) {
                continue;
            }
            for def in conditional_contents(method, &item.push(name)) {
                let Some(d) = def.resolve(doc).filter(|d| d.is_object()) else { continue };
                if all || !falsy(d.get("x-amazon-apigateway-integration")) {
                    out.push((normalize_method(name), def));
                }
            }
        }
    }
    out
}

/// The definitions of one method of a path (both branches of an `Fn::If`).
fn method_defs(doc: &Value, path: &str, method: &str) -> Vec<Pointer> {
    let method = normalize_method(method);
    path_items(doc, path)
        .into_iter()
        .flat_map(|item| {
            let at = item.push(&method);
            match at.resolve(doc) {
                Some(v) => conditional_contents(v, &at),
                None => Vec::new(),
            }
        })
        .filter(|p| p.resolve(doc).is_some_and(Value::is_object))
        .collect()
}

pub(super) fn node_mut<'v>(doc: &'v mut Value, at: &Pointer) -> Option<&'v mut Value> {
    doc.pointer_mut(at.as_str())
}

/// The `security` list of a method definition, or SAM's error when it is not a list of maps.
fn security_of(doc: &Value, def: &Pointer, path: &str, method: &str) -> Result<Vec<Value>, Vec<NotBuilt>> {
    match def.resolve(doc).and_then(|d| d.get("security")) {
        None => Ok(Vec::new()),
        Some(Value::Array(list)) => {
            if let Some((i, bad)) = list.iter().enumerate().find(|(_, s)| !s.is_object()) {
                return Err(refuse(
                    format!("{bad} in Security for path {path} method {method} is not a valid dictionary."),
                    def.push("security").index(i),
                ));
            }
            Ok(list.clone())
        }
        Some(_) => Err(refuse(
            format!("Type of security for path {path} method {method} must be a list"),
            def.push("security"),
        )),
    }
}

/// Writes a method's `security` (the nodes from `start` on are new, made because of `from`).
fn set_security(doc: &mut Value, def: &Pointer, list: Vec<Value>, fresh: &[(usize, Pointer)], out: &mut Transformed) {
    let had = def.resolve(doc).and_then(|d| d.get("security")).is_some();
    if let Some(Value::Object(m)) = node_mut(doc, def) {
        m.insert("security".into(), Value::Array(list));
    }
    for (i, from) in fresh {
        if !had {
            record(out, def.push("security"), from.clone(), false);
        }
        record(out, def.push("security").index(*i), from.clone(), false);
    }
}

/// Adds the API's and the events' `Auth` to the API's document, as SAM does: first what each
/// function event says of its own method (when SAM adds the events to this document), then the
/// API's `Cors` preflight methods (which SAM adds before the API's `Auth`, so that the default
/// authorizer and API key reach them unless `AddDefaultAuthorizerToCorsPreflight` /
/// `AddApiKeyRequiredToCorsPreflight` is false), then the API's `Auth`. A REST API whose
/// document is OpenAPI 3 gets its security schemes under `components.securitySchemes`.
pub(super) fn apply(
    doc: &mut Value,
    template: &Source,
    api: &TemplateApi,
    ctx: &Context,
    events: &[FunctionEvent],
    out: &mut Transformed,
) -> Result<(), Vec<NotBuilt>> {
    if !api.resource_type.starts_with("AWS::Serverless") {
        return Ok(());
    }
    let props = ApiProps::of(template, api, ctx);
    let http = api.api_type == ApiType::Http;
    let auth = props.get("Auth").cloned();
    if let Some(a) = &auth {
        if !a.is_object() && !a.is_null() {
            return Err(refuse("Property 'Auth' should be a map.", props.at("Auth")));
        }
    }
    let auth = auth.filter(Value::is_object).unwrap_or_else(|| json!({}));
    // What is recorded from here on moves with the schemes when the document becomes OpenAPI 3.
    let first = out.added.len();
    let merged = events_merged(api, &props);
    for (i, event) in events.iter().enumerate() {
        let mut event_auth = event.properties.get("Auth").cloned().unwrap_or(Value::Null);
        ctx.resolve(&mut event_auth, 0);
        // `OverrideApiAuth` applies a REST event's `Auth` to the method of a document SAM does
        // not add the event to.
        let overrides = !http && event_auth.get("OverrideApiAuth") == Some(&Value::Bool(true));
        if overrides && ["Authorizer", "ApiKeyRequired", "ResourcePolicy"].iter().all(|k| event_auth.get(*k).is_none())
        {
            return Err(refuse(
                "Must define one of: Authorizer, ApiKeyRequired or ResourcePolicy when using the OverrideApiAuth property.",
                event.ptr.push("Properties").push("Auth").push("OverrideApiAuth"),
            ));
        }
        if !merged && !overrides {
            continue;
        }
        if http {
            event_auth_http(doc, &props, &auth, event, &event_auth, out)?;
            continue;
        }
        let mut seen: Vec<String> = Vec::new();
        for e in events[..=i].iter().filter(|e| e.path == event.path) {
            let m = normalize_method(&e.method);
            if !seen.contains(&m) {
                seen.push(m);
            }
        }
        // SAM names no stage in the statements of a state machine's event (its `${__Stage__}`
        // stays empty).
        let kind = Pointer::root().push("Resources").push(&event.function).push("Type");
        let state_machine =
            kind.resolve(&template.value).and_then(Value::as_str) == Some("AWS::Serverless::StateMachine");
        let how = EventAuth {
            seen,
            merging: merged && !matches!(api.body, Body::Events),
            integrated: merged,
            stage: if state_machine { Value::Null } else { stage_of(&props, api.implicit) },
        };
        event_auth_rest(doc, &props, &auth, event, &event_auth, &how, out)?;
    }
    cors::apply(doc, api, &props, out)?;
    if http {
        api_auth_http(doc, api, &props, &auth, out)?;
    } else {
        api_auth_rest(doc, api, &props, &auth, out)?;
        openapi_postprocess(doc, &props, out, first);
    }
    Ok(())
}

/// Does SAM add the functions' events to this API's document (and so their `Auth`)? For a REST
/// API, when SAM builds the document from the events or `MergeDefinitions` is true; an HTTP
/// API's events always are.
fn events_merged(api: &TemplateApi, props: &ApiProps) -> bool {
    api.api_type == ApiType::Http
        || matches!(api.body, Body::Events)
        || props.get("MergeDefinitions").and_then(Value::as_bool) == Some(true)
}

/// The scopes SAM gives a method that names `name`: its `AuthorizationScopes`, if it is one of
/// the API's authorizers and says them.
fn authorizer_scopes(auth: &Value, name: &str) -> Value {
    match auth.get("Authorizers").and_then(|a| a.get(name)).and_then(|a| a.get("AuthorizationScopes")) {
        Some(v @ Value::Array(_)) => v.clone(),
        _ => json!([]),
    }
}

/// SAM's check of an event's authorizer name: a string, with the API's authorizers a map.
fn check_authorizer_type(
    event: &FunctionEvent,
    name: &Value,
    authorizers: Option<&Value>,
    iam_enabled: bool,
    method: &str,
) -> Result<(), Vec<NotBuilt>> {
    if name == "NONE" || (name == "AWS_IAM" && iam_enabled) {
        return Ok(());
    }
    if !name.is_string() || !authorizers.is_some_and(Value::is_object) {
        let shown = match name {
            Value::String(s) => s.clone(),
            other => python_repr(other),
        };
        return Err(refuse(
            format!(
                "Unable to set Authorizer [{shown}] on API method [{method}] for path [{}]. The method authorizer must be a string with a corresponding dict entry in the api authorizer.",
                event.path
            ),
            event.ptr.push("Properties").push("Auth").push("Authorizer"),
        ));
    }
    Ok(())
}

/// A value as Python prints it in SAM's messages (`['a']`, `{'Ref': 'X'}`).
fn python_repr(v: &Value) -> String {
    match v {
        Value::String(s) => format!("'{s}'"),
        Value::Array(a) => format!("[{}]", a.iter().map(python_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => {
            format!(
                "{{{}}}",
                m.iter().map(|(k, v)| format!("'{k}': {}", python_repr(v))).collect::<Vec<_>>().join(", ")
            )
        }
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        Value::Number(n) => n.to_string(),
    }
}

/// What a REST API's function event says of its own method's authorization: its authorizer (or
/// `NONE`), scopes, API key, IAM invoke role and resource policy statements.
/// How SAM applies a REST event's `Auth`.
struct EventAuth {
    /// The methods of the event's path when SAM adds the event (the event's and those before).
    seen: Vec<String>,
    /// `MergeDefinitions`: SAM writes the event's method apart and merges it into the body.
    merging: bool,
    /// SAM adds the event's integration (not so for `OverrideApiAuth` on a body's method).
    integrated: bool,
    /// The stage its resource policy statements name.
    stage: Value,
}

fn event_auth_rest(
    doc: &mut Value,
    props: &ApiProps,
    api_auth: &Value,
    event: &FunctionEvent,
    event_auth: &Value,
    how: &EventAuth,
    out: &mut Transformed,
) -> Result<(), Vec<NotBuilt>> {
    let (seen, merging, stage) = (&how.seen, how.merging, &how.stage);
    let auth_ptr = event.ptr.push("Properties").push("Auth");
    if !event_auth.is_null() && !event_auth.is_object() {
        return Err(refuse("Property 'Auth' should be a map.", auth_ptr));
    }
    let method = event.method.to_ascii_lowercase();
    let defs = method_defs(doc, &event.path, &method);
    if defs.is_empty() {
        return Ok(());
    }
    let empty = Map::new();
    let ea = event_auth.as_object().unwrap_or(&empty);
    // IAM: the integration calls the function with the invoke role, or the caller's credentials.
    let iam = ea.get("Authorizer").and_then(Value::as_str) == Some("AWS_IAM")
        || (api_auth.get("DefaultAuthorizer").and_then(Value::as_str) == Some("AWS_IAM") && ea.is_empty());
    if iam {
        // The event's `InvokeRole` (null or empty meaning NONE), else the API's; NONE gives
        // no credentials, none or CALLER_CREDENTIALS the caller's.
        let role = |a: &Map<String, Value>| match a.get("InvokeRole") {
            Some(v) if !falsy(Some(v)) => Some(v.clone()),
            Some(_) => Some(json!("NONE")),
            None => None,
        };
        // Without an invoke role, what asks for IAM: the event's authorizer, or the API's default.
        let asked =
            if ea.is_empty() { props.at("Auth").push("DefaultAuthorizer") } else { auth_ptr.push("Authorizer") };
        let (chosen, from) = match (role(ea), api_auth.as_object().and_then(role)) {
            (Some(r), _) => (Some(r), auth_ptr.push("InvokeRole")),
            (None, Some(r)) => (Some(r), props.at("Auth").push("InvokeRole")),
            (None, None) => (None, asked),
        };
        let credentials = match chosen {
            Some(Value::String(s)) if s == "NONE" => None,
            Some(Value::String(s)) if s == "CALLER_CREDENTIALS" => Some(json!("arn:aws:iam::*:user/*")),
            Some(r) => Some(r),
            None => Some(json!("arn:aws:iam::*:user/*")),
        };
        for def in defs.iter().filter(|_| credentials.is_some()) {
            let at = def.push("x-amazon-apigateway-integration");
            if let (Some(Value::Object(i)), Some(c)) = (node_mut(doc, &at), &credentials) {
                if !i.contains_key("credentials") {
                    i.insert("credentials".into(), c.clone());
                    record(out, at.push("credentials"), from.clone(), false);
                }
            }
        }
    }
    if ea.is_empty() {
        return Ok(());
    }
    let authorizer = ea.get("Authorizer").filter(|v| !v.is_null());
    let authorizers = api_auth.get("Authorizers").filter(|a| !falsy(Some(a)));
    if let Some(name) = authorizer {
        if name != "AWS_IAM" {
            if name != "NONE" {
                if authorizers.is_none() {
                    return Err(refuse(
                        format!(
                            "Unable to set Authorizer [{}] on API method [{method}] for path [{}] because the related API does not define any Authorizers.",
                            name.as_str().map_or_else(|| python_repr(name), str::to_string), event.path
                        ),
                        auth_ptr.push("Authorizer"),
                    ));
                }
                if !authorizers.is_some_and(Value::is_object) {
                    return Err(refuse(
                        "Property 'Auth.Authorizers' should be a map.",
                        props.at("Auth").push("Authorizers"),
                    ));
                }
                check_authorizer_type(event, name, authorizers, false, &method)?;
                let name = name.as_str().unwrap_or_default();
                if authorizers.and_then(|a| a.get(name)).is_none_or(|a| falsy(Some(a))) {
                    return Err(refuse(
                        format!(
                            "Unable to set Authorizer [{name}] on API method [{method}] for path [{}] because it wasn't defined in the API's Authorizers.",
                            event.path
                        ),
                        auth_ptr.push("Authorizer"),
                    ));
                }
            } else if falsy(api_auth.get("DefaultAuthorizer")) {
                return Err(refuse(
                    format!(
                        "Unable to set Authorizer on API method [{method}] for path [{}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.",
                        event.path
                    ),
                    auth_ptr.push("Authorizer"),
                ));
            }
        }
    }
    let scopes = ea.get("AuthorizationScopes").filter(|s| !falsy(Some(s)));
    if let Some(s) = scopes {
        if !s.is_array() {
            return Err(refuse(
                "Property 'Auth.AuthorizationScopes' should be a list.",
                auth_ptr.push("AuthorizationScopes"),
            ));
        }
        if authorizer.is_none() {
            return Err(refuse(
                "AuthorizationScopes works only when Authorizer is set",
                auth_ptr.push("AuthorizationScopes"),
            ));
        }
    }
    let key_required = ea.get("ApiKeyRequired").filter(|v| !v.is_null());
    if key_required.is_some_and(|k| falsy(Some(k))) && falsy(api_auth.get("ApiKeyRequired")) {
        return Err(refuse(
            format!(
                "Unable to set ApiKeyRequired [False] on API method [{method}] for path [{}] because the related API does not specify any ApiKeyRequired.",
                event.path
            ),
            auth_ptr.push("ApiKeyRequired"),
        ));
    }
    for def in &defs {
        // With `MergeDefinitions`, SAM writes the event's method in a document of its own and
        // its keys replace the body's: the body's `security` goes.
        let mut security = if merging { Vec::new() } else { security_of(doc, def, &event.path, &method)? };
        let start = security.len();
        let mut fresh = Vec::new();
        if let Some(name) = authorizer.and_then(Value::as_str) {
            let scopes = match ea.get("AuthorizationScopes").filter(|s| !s.is_null()) {
                Some(s) if name != "NONE" && authorizers.and_then(|a| a.get(name)).is_some() => s.clone(),
                _ if name != "NONE" => authorizer_scopes(api_auth, name),
                _ => json!([]),
            };
            let mut req = Map::new();
            req.insert(name.to_string(), scopes);
            security.push(Value::Object(req));
            fresh.push((start, auth_ptr.push("Authorizer")));
        }
        if let Some(k) = key_required {
            let key = if falsy(Some(k)) { "api_key_false" } else { "api_key" };
            let mut req = Map::new();
            req.insert(key.into(), json!([]));
            fresh.push((security.len(), auth_ptr.push("ApiKeyRequired")));
            security.push(Value::Object(req));
            if key == "api_key" {
                add_scheme(doc, false, "api_key", api_key_scheme(), auth_ptr.push("ApiKeyRequired"), out, false);
            }
        }
        if !fresh.is_empty() {
            let iam_first = security.first().and_then(|s| s.get("AWS_IAM")).is_some();
            set_security(doc, def, security, &fresh, out);
            if iam_first {
                add_scheme(doc, false, "AWS_IAM", iam_scheme(), auth_ptr.push("Authorizer"), out, false);
            }
        }
    }
    if let Some(policy) = ea.get("ResourcePolicy").filter(|p| !falsy(Some(p))) {
        if !policy.is_object() {
            return Err(refuse("Property 'Auth.ResourcePolicy' should be a map.", auth_ptr.push("ResourcePolicy")));
        }
        // SAM adds an event's statements when it adds the event, so they name the methods of
        // the path that the event and those before it add; with `MergeDefinitions`, SAM edits a
        // document of the event's own, whose policy it then drops.
        if merging {
            return Ok(());
        }
        let seen = if how.integrated { Some(seen.as_slice()) } else { None };
        policy::add_for_path(doc, policy, &event.path, stage, seen, &auth_ptr.push("ResourcePolicy"), out)?;
        if let Some(custom) = policy.get("CustomStatements").filter(|c| !falsy(Some(c))) {
            policy::add_custom(doc, custom, &auth_ptr.push("ResourcePolicy").push("CustomStatements"), out);
        }
    }
    Ok(())
}

/// What an HTTP API's function event says of its own route's authorization.
fn event_auth_http(
    doc: &mut Value,
    props: &ApiProps,
    api_auth: &Value,
    event: &FunctionEvent,
    event_auth: &Value,
    out: &mut Transformed,
) -> Result<(), Vec<NotBuilt>> {
    let auth_ptr = event.ptr.push("Properties").push("Auth");
    if falsy(Some(event_auth)) {
        return Ok(());
    }
    if !event_auth.is_object() {
        return Err(refuse("Property 'Auth' should be a map.", auth_ptr));
    }
    let method = normalize_method(&event.method);
    let defs = method_defs(doc, &event.path, &method);
    if defs.is_empty() {
        return Ok(());
    }
    let (name, from) = match event_auth.get("Authorizer").filter(|a| !falsy(Some(a))) {
        Some(a) => (a.clone(), auth_ptr.push("Authorizer")),
        None => match api_auth.get("DefaultAuthorizer").filter(|a| !falsy(Some(a))) {
            Some(d) => (d.clone(), props.at("Auth").push("DefaultAuthorizer")),
            None => {
                return Err(refuse(
                    "'Auth' section requires either an explicit 'Authorizer' set or a 'DefaultAuthorizer' configured on the HttpApi.",
                    auth_ptr,
                ))
            }
        },
    };
    // SAM reads a missing or empty `Auth` as no authorizers at all (a map), and `Auth` without
    // `Authorizers` as none.
    let none = json!({});
    let authorizers = if falsy(Some(api_auth)) { Some(&none) } else { api_auth.get("Authorizers") };
    let iam_enabled = api_auth.get("EnableIamAuthorizer") == Some(&Value::Bool(true));
    check_authorizer_type(event, &name, authorizers, iam_enabled, &method)?;
    let name = name.as_str().unwrap_or_default().to_string();
    if name == "NONE" {
        if falsy(api_auth.get("DefaultAuthorizer")) {
            return Err(refuse(
                format!(
                    "Unable to set Authorizer on API method [{method}] for path [{}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.",
                    event.path
                ),
                from,
            ));
        }
    } else if name != "AWS_IAM" || !iam_enabled {
        if falsy(authorizers) {
            return Err(refuse(
                format!(
                    "Unable to set Authorizer [{name}] on API method [{method}] for path [{}] because the related API does not define any Authorizers.",
                    event.path
                ),
                from,
            ));
        }
        if authorizers.and_then(|a| a.get(&name)).is_none_or(|a| falsy(Some(a))) {
            return Err(refuse(
                format!(
                    "Unable to set Authorizer [{name}] on API method [{method}] for path [{}] because it wasn't defined in the API's Authorizers.",
                    event.path
                ),
                from,
            ));
        }
    }
    let event_scopes = event_auth.get("AuthorizationScopes").filter(|s| !falsy(Some(s)));
    if event_scopes.is_some_and(|s| !s.is_array()) {
        return Err(refuse(
            format!(
                "Unable to set Authorizer on API method [{method}] for path [{}] because 'AuthorizationScopes' must be a list of strings.",
                event.path
            ),
            auth_ptr.push("AuthorizationScopes"),
        ));
    }
    let scopes = if name == "NONE" || name == "AWS_IAM" {
        json!([])
    } else {
        match event_scopes {
            Some(s) => s.clone(),
            None => authorizer_scopes(api_auth, &name),
        }
    };
    let scopes_from = if event_scopes.is_some() { auth_ptr.push("AuthorizationScopes") } else { from.clone() };
    for def in &defs {
        let mut security = security_of(doc, def, &event.path, &method)?;
        let mut req = Map::new();
        req.insert(name.clone(), scopes.clone());
        security.push(Value::Object(req));
        let i = security.len() - 1;
        set_security(doc, def, security, &[(i, from.clone())], out);
        if scopes_from != from {
            record(out, def.push("security").index(i).push(&name), scopes_from.clone(), true);
        }
    }
    Ok(())
}

/// `AWS_IAM` as SAM writes it.
fn iam_scheme() -> Value {
    json!({"x-amazon-apigateway-authtype": "awsSigv4", "type": "apiKey", "name": "Authorization", "in": "header"})
}

/// `api_key` as SAM writes it.
fn api_key_scheme() -> Value {
    json!({"type": "apiKey", "name": "x-api-key", "in": "header"})
}

/// Where a document keeps its security schemes: `securityDefinitions` (REST, as SAM writes
/// them before converting an OpenAPI 3 document) or `components.securitySchemes` (HTTP).
fn schemes_at(http: bool) -> Pointer {
    if http {
        Pointer::root().push("components").push("securitySchemes")
    } else {
        Pointer::root().push("securityDefinitions")
    }
}

/// Adds a security scheme; an existing one of that name is kept unless `replace`.
fn add_scheme(
    doc: &mut Value,
    http: bool,
    name: &str,
    scheme: Value,
    from: Pointer,
    out: &mut Transformed,
    replace: bool,
) {
    let at = schemes_at(http);
    let Some(root) = doc.as_object_mut() else { return };
    let holder = if http {
        let components = root.entry("components").or_insert_with(|| json!({}));
        if !components.is_object() {
            *components = json!({});
        }
        components.as_object_mut().expect("a map").entry("securitySchemes").or_insert_with(|| json!({}))
    } else {
        root.entry("securityDefinitions").or_insert_with(|| json!({}))
    };
    if !holder.is_object() {
        *holder = json!({});
    }
    let schemes = holder.as_object_mut().expect("a map");
    if schemes.contains_key(name) && !replace {
        return;
    }
    schemes.insert(name.to_string(), scheme);
    record(out, at.push(name), from, false);
}

/// A REST API's `Auth`: its authorizers as security schemes, the default authorizer and API key
/// on every integrated method, and its resource policy.
fn api_auth_rest(
    doc: &mut Value,
    api: &TemplateApi,
    props: &ApiProps,
    auth: &Value,
    out: &mut Transformed,
) -> Result<(), Vec<NotBuilt>> {
    let auth_ptr = props.at("Auth");
    let Some(a) = auth.as_object().filter(|a| !a.is_empty()) else { return Ok(()) };
    if let Body::File(_, ptr) = &api.body {
        if ptr.last().as_deref() == Some("DefinitionUri") {
            return Err(refuse(
                "Auth works only with inline Swagger specified in 'DefinitionBody' property.",
                auth_ptr,
            ));
        }
    }
    if let Some(k) = a.keys().find(|k| !REST_AUTH_KEYS.contains(&k.as_str())) {
        return Err(refuse("Invalid value for 'Auth' property", auth_ptr.push(k)));
    }
    if !valid_swagger(doc) {
        return Err(refuse(
            "Unable to add Auth configuration because 'DefinitionBody' does not contain a valid Swagger definition.",
            auth_ptr,
        ));
    }
    let default = a.get("DefaultAuthorizer").filter(|d| !falsy(Some(d)));
    let mut names: Vec<String> = Vec::new();
    if default.and_then(Value::as_str) == Some("AWS_IAM") {
        names.push("AWS_IAM".into());
        add_scheme(doc, false, "AWS_IAM", iam_scheme(), auth_ptr.push("DefaultAuthorizer"), out, true);
    }
    if let Some(list) = a.get("Authorizers").filter(|l| !falsy(Some(l))) {
        let Some(list) = list.as_object() else {
            return Err(refuse("Property 'Auth.Authorizers' should be a map.", auth_ptr.push("Authorizers")));
        };
        for (name, authorizer) in list {
            let from = auth_ptr.push("Authorizers").push(name);
            let (scheme, precise) = rest_authorizer(name, authorizer, &from)?;
            add_scheme(doc, false, name, scheme, from.clone(), out, true);
            let at = schemes_at(false).push(name);
            for (rel, src, mirror) in precise {
                record(out, at.push("x-amazon-apigateway-authorizer").push(rel), src, mirror);
            }
            if let Some(h) = authorizer.pointer("/Identity/Header") {
                if h.is_string() {
                    record(out, at.push("name"), from.push("Identity").push("Header"), false);
                }
            }
            names.retain(|n| n != name);
            names.push(name.clone());
        }
    }
    if !names.is_empty() {
        if let Some(d) = default {
            let Some(d) = d.as_str() else {
                return Err(refuse("DefaultAuthorizer is not a string.", auth_ptr.push("DefaultAuthorizer")));
            };
            if !names.iter().any(|n| n == d) && d != "AWS_IAM" {
                return Err(refuse(
                    format!("Unable to set DefaultAuthorizer because '{d}' was not defined in 'Authorizers'."),
                    auth_ptr.push("DefaultAuthorizer"),
                ));
            }
            let preflight = a.get("AddDefaultAuthorizerToCorsPreflight").is_none_or(|v| !falsy(Some(v)));
            let scopes = authorizer_scopes(auth, d);
            let mut known: Vec<&str> = vec!["AWS_IAM"];
            known.extend(names.iter().map(String::as_str));
            for path in paths_of(doc) {
                for (method, def) in methods_of(doc, &path, false) {
                    if method == "options" && !preflight {
                        continue;
                    }
                    let existing = security_of(doc, &def, &path, &method)?;
                    let (mut others, mine): (Vec<Value>, Vec<Value>) = existing
                        .iter()
                        .cloned()
                        .partition(|s| s.as_object().is_none_or(|m| !m.keys().any(|k| known.contains(&k.as_str()))));
                    let none = others.iter().position(|s| s.as_object().is_some_and(|m| m.contains_key("NONE")));
                    let mut fresh = Vec::new();
                    let chosen = if let Some(i) = none {
                        others.remove(i);
                        Vec::new()
                    } else if !mine.is_empty() {
                        mine
                    } else {
                        let mut req = Map::new();
                        req.insert(d.to_string(), scopes.clone());
                        fresh.push((others.len(), auth_ptr.push("DefaultAuthorizer")));
                        vec![Value::Object(req)]
                    };
                    let security: Vec<Value> = others.into_iter().chain(chosen).collect();
                    if security.is_empty() {
                        continue;
                    }
                    let iam_first = security[0].get("AWS_IAM").is_some();
                    if security != existing {
                        set_security(doc, &def, security, &fresh, out);
                    }
                    if iam_first {
                        add_scheme(doc, false, "AWS_IAM", iam_scheme(), auth_ptr.push("DefaultAuthorizer"), out, false);
                    }
                }
            }
        }
    }
    if !falsy(a.get("ApiKeyRequired")) {
        let from = auth_ptr.push("ApiKeyRequired");
        add_scheme(doc, false, "api_key", api_key_scheme(), from.clone(), out, false);
        let preflight = a.get("AddApiKeyRequiredToCorsPreflight").is_none_or(|v| !falsy(Some(v)));
        for path in paths_of(doc) {
            for (method, def) in methods_of(doc, &path, false) {
                let existing = security_of(doc, &def, &path, &method)?;
                let is_key = |s: &Value| {
                    s.as_object().is_some_and(|m| m.contains_key("api_key") || m.contains_key("api_key_false"))
                };
                let (others, mut keys): (Vec<Value>, Vec<Value>) = existing.iter().cloned().partition(|s| !is_key(s));
                let mut fresh = Vec::new();
                let mut security = others.clone();
                if let Some(i) = keys.iter().position(|s| s.get("api_key_false").is_some()) {
                    keys.remove(i);
                } else {
                    fresh.push((security.len(), from.clone()));
                    security.push(json!({"api_key": []}));
                }
                if method == "options" && !preflight {
                    security = others;
                    fresh.clear();
                }
                if security != existing {
                    set_security(doc, &def, security, &fresh, out);
                }
            }
        }
    }
    if let Some(policy) = a.get("ResourcePolicy").filter(|p| !falsy(Some(p))) {
        if !policy.is_object() {
            return Err(refuse(
                "ResourcePolicy must be a map (ResourcePolicyStatement).",
                auth_ptr.push("ResourcePolicy"),
            ));
        }
        let stage = stage_of(props, api.implicit);
        for path in paths_of(doc) {
            policy::add_for_path(doc, policy, &path, &stage, None, &auth_ptr.push("ResourcePolicy"), out)?;
        }
        if let Some(custom) = policy.get("CustomStatements").filter(|c| !falsy(Some(c))) {
            policy::add_custom(doc, custom, &auth_ptr.push("ResourcePolicy").push("CustomStatements"), out);
        }
    }
    Ok(())
}

/// The stage SAM names in resource policy statements: the API's `StageName` (`Prod` for the
/// implicit API).
fn stage_of(props: &ApiProps, implicit: bool) -> Value {
    props.get("StageName").cloned().unwrap_or(if implicit { json!("Prod") } else { Value::Null })
}

/// Is the document what SAM edits as Swagger: `paths` a map, and `swagger`, or `openapi` 3?
pub(super) fn valid_swagger(doc: &Value) -> bool {
    doc.get("paths").is_some_and(Value::is_object)
        && (!falsy(doc.get("swagger")) || doc.get("openapi").and_then(Value::as_str).is_some_and(is_openapi3))
}

/// Is the document what SAM edits as OpenAPI (HTTP APIs): `paths` a map and `openapi` 3?
pub(super) fn valid_openapi(doc: &Value) -> bool {
    doc.get("paths").is_some_and(Value::is_object)
        && doc.get("openapi").and_then(Value::as_str).is_some_and(is_openapi3)
}

/// `3.x` or `3.x.y`, as SAM tests an OpenAPI version.
pub(super) fn is_openapi3(v: &str) -> bool {
    let mut parts = v.split('.');
    parts.next() == Some("3")
        && parts.next().is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts.next().is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts.next().is_none()
}

/// The template nodes the fields of an `x-amazon-apigateway-authorizer` come from: (field,
/// template node, whether the field is a copy of it).
type Precise = Vec<(&'static str, Pointer, bool)>;

/// A REST authorizer (Cognito, or Lambda TOKEN / REQUEST) as SAM writes it in
/// `securityDefinitions`, or SAM's refusal of it.
fn rest_authorizer(name: &str, a: &Value, from: &Pointer) -> Result<(Value, Precise), Vec<NotBuilt>> {
    if !a.is_object() {
        return Err(refuse(format!("Property 'Auth.Authorizers.{name}' should be a map."), from.clone()));
    }
    let payload = a.get("FunctionPayloadType").filter(|p| !p.is_null());
    if let Some(p) = payload {
        if p != "TOKEN" && p != "REQUEST" {
            let shown = p.as_str().map_or_else(|| python_repr(p), str::to_string);
            return Err(refuse(
                format!("{name} Authorizer has invalid 'FunctionPayloadType': {shown}."),
                from.push("FunctionPayloadType"),
            ));
        }
    }
    let identity = a.get("Identity").filter(|i| !i.is_null());
    if let Some(i) = identity {
        if !i.is_object() {
            return Err(refuse(
                format!("Property 'Authorizer.{name}.Identity' should be a map."),
                from.push("Identity"),
            ));
        }
        for key in ["Headers", "QueryStrings", "StageVariables", "Context"] {
            match i.get(key) {
                None | Some(Value::Null) => {}
                Some(Value::Array(list)) => {
                    if let Some(j) = list.iter().position(|v| !v.is_string()) {
                        return Err(refuse(
                            format!("Property 'Auth.Authorizers.{name}.Identity.{key}[{j}]' should be a string."),
                            from.push("Identity").push(key).index(j),
                        ));
                    }
                }
                Some(_) => {
                    return Err(refuse(
                        format!("Property 'Auth.Authorizers.{name}.Identity.{key}' should be a list."),
                        from.push("Identity").push(key),
                    ))
                }
            }
        }
    }
    let request = payload.is_some_and(|p| p == "REQUEST");
    if request && missing_identity_source(identity) {
        return Err(refuse(
            format!("{name} Authorizer must specify Identity with at least one of Headers, QueryStrings, StageVariables, or Context."),
            from.push("Identity"),
        ));
    }
    if let Some(s) = a.get("AuthorizationScopes").filter(|s| !s.is_null()) {
        if !s.is_array() {
            return Err(refuse(
                format!("Property 'Authorizers.{name}.AuthorizationScopes' should be a list."),
                from.push("AuthorizationScopes"),
            ));
        }
    }
    if let Some(d) = a.get("DisableFunctionDefaultPermissions").filter(|d| !d.is_null()) {
        if !d.is_boolean() {
            return Err(refuse(
                format!("Property 'Authorizers.{name}.DisableFunctionDefaultPermissions' should be a boolean."),
                from.push("DisableFunctionDefaultPermissions"),
            ));
        }
    }
    let header =
        identity.and_then(|i| i.get("Header")).filter(|h| !falsy(Some(h))).cloned().unwrap_or(json!("Authorization"));
    let mut precise: Precise = Vec::new();
    let mut scheme = Map::new();
    scheme.insert("type".into(), json!("apiKey"));
    scheme.insert(
        "name".into(),
        if request && a.get("UserPoolArn").is_none_or(|u| falsy(Some(u))) { json!("Unused") } else { header },
    );
    scheme.insert("in".into(), json!("header"));
    let mut authorizer = Map::new();
    let cognito = !falsy(a.get("UserPoolArn"));
    if cognito {
        scheme.insert("x-amazon-apigateway-authtype".into(), json!("cognito_user_pools"));
        authorizer.insert("type".into(), json!("cognito_user_pools"));
        let pools = a.get("UserPoolArn").cloned().unwrap_or(Value::Null);
        let arns = if pools.is_array() { pools } else { json!([pools]) };
        authorizer.insert("providerARNs".into(), arns);
        precise.push(("providerARNs", from.push("UserPoolArn"), a.get("UserPoolArn").is_some_and(Value::is_array)));
    } else {
        scheme.insert("x-amazon-apigateway-authtype".into(), json!("custom"));
        authorizer.insert("type".into(), json!(if request { "request" } else { "token" }));
        let function = a.get("FunctionArn").cloned().unwrap_or(Value::Null);
        authorizer.insert(
            "authorizerUri".into(),
            json!({"Fn::Sub": [
                "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations",
                {"__FunctionArn__": function}
            ]}),
        );
        precise.push(("authorizerUri", from.push("FunctionArn"), false));
        if let Some(ttl) = identity.and_then(|i| i.get("ReauthorizeEvery")).filter(|t| !t.is_null()) {
            authorizer.insert("authorizerResultTtlInSeconds".into(), ttl.clone());
            precise.push(("authorizerResultTtlInSeconds", from.push("Identity").push("ReauthorizeEvery"), false));
        }
        if let Some(role) = a.get("FunctionInvokeRole").filter(|r| !falsy(Some(r)) && *r != "NONE") {
            authorizer.insert("authorizerCredentials".into(), role.clone());
            precise.push(("authorizerCredentials", from.push("FunctionInvokeRole"), false));
        }
        if request {
            let source = rest_identity_source(identity);
            if !source.is_empty() {
                authorizer.insert("identitySource".into(), json!(source));
                precise.push(("identitySource", from.push("Identity"), false));
            }
        }
    }
    if cognito || !request {
        if let Some(expr) = identity.and_then(|i| i.get("ValidationExpression")).filter(|e| !falsy(Some(e))) {
            authorizer.insert("identityValidationExpression".into(), expr.clone());
            precise.push(("identityValidationExpression", from.push("Identity").push("ValidationExpression"), false));
        }
    }
    scheme.insert("x-amazon-apigateway-authorizer".into(), Value::Object(authorizer));
    Ok((Value::Object(scheme), precise))
}

/// SAM's test for a REQUEST authorizer without identity sources (a zero `ReauthorizeEvery`
/// allows none).
fn missing_identity_source(identity: Option<&Value>) -> bool {
    let Some(i) = identity.filter(|i| !falsy(Some(i))) else { return true };
    let missing = ["Headers", "QueryStrings", "StageVariables", "Context"].iter().all(|k| falsy(i.get(*k)));
    let ttl = match i.get("ReauthorizeEvery") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match ttl {
        Some(t) => t > 0 && missing,
        None => missing,
    }
}

/// A REST REQUEST authorizer's `identitySource`: headers, query strings, stage variables and
/// context values, comma-separated.
fn rest_identity_source(identity: Option<&Value>) -> String {
    let mut parts = Vec::new();
    for (key, prefix) in [
        ("Headers", "method.request.header."),
        ("QueryStrings", "method.request.querystring."),
        ("StageVariables", "stageVariables."),
        ("Context", "context."),
    ] {
        for v in identity.and_then(|i| i.get(key)).and_then(Value::as_array).into_iter().flatten() {
            if let Some(v) = v.as_str() {
                parts.push(format!("{prefix}{v}"));
            }
        }
    }
    parts.join(", ")
}

/// An HTTP API's `Auth`: its authorizers (and `AWS_IAM` with `EnableIamAuthorizer`) as security
/// schemes, and the default authorizer on every integrated route without security of its own
/// (CORS preflight `OPTIONS` routes aside).
fn api_auth_http(
    doc: &mut Value,
    api: &TemplateApi,
    props: &ApiProps,
    auth: &Value,
    out: &mut Transformed,
) -> Result<(), Vec<NotBuilt>> {
    let auth_ptr = props.at("Auth");
    let Some(a) = auth.as_object().filter(|a| !a.is_empty()) else { return Ok(()) };
    if let Body::File(_, ptr) = &api.body {
        if ptr.last().as_deref() == Some("DefinitionUri") {
            return Err(refuse(
                "Auth works only with inline OpenApi specified in the 'DefinitionBody' property.",
                auth_ptr,
            ));
        }
    }
    if let Some(k) = a.keys().find(|k| !HTTP_AUTH_KEYS.contains(&k.as_str())) {
        return Err(refuse("Invalid value for 'Auth' property", auth_ptr.push(k)));
    }
    if !valid_openapi(doc) {
        return Err(refuse(
            "Unable to add Auth configuration because 'DefinitionBody' does not contain a valid OpenApi definition.",
            auth_ptr,
        ));
    }
    let mut names: Vec<String> = Vec::new();
    if a.get("EnableIamAuthorizer") == Some(&Value::Bool(true)) {
        names.push("AWS_IAM".into());
        add_scheme(doc, true, "AWS_IAM", iam_scheme(), auth_ptr.push("EnableIamAuthorizer"), out, true);
    }
    if let Some(list) = a.get("Authorizers").filter(|l| !falsy(Some(l))) {
        let Some(list) = list.as_object() else {
            return Err(refuse("Property 'Auth.Authorizers' should be a map.", auth_ptr.push("Authorizers")));
        };
        for (name, authorizer) in list {
            let from = auth_ptr.push("Authorizers").push(name);
            let (scheme, precise) = http_authorizer(name, authorizer, &from)?;
            add_scheme(doc, true, name, scheme, from.clone(), out, true);
            let at = schemes_at(true).push(name).push("x-amazon-apigateway-authorizer");
            for (rel, src, mirror) in precise {
                record(out, at.push(rel), src, mirror);
            }
            names.retain(|n| n != name);
            names.push(name.clone());
        }
    }
    let Some(d) = a.get("DefaultAuthorizer").filter(|d| !falsy(Some(d)) && !is_no_value(d)) else { return Ok(()) };
    let Some(d) = d.as_str() else {
        return Err(refuse(
            "Property 'Auth.DefaultAuthorizer' should be a string.",
            auth_ptr.push("DefaultAuthorizer"),
        ));
    };
    if !names.iter().any(|n| n == d) {
        return Err(refuse(
            format!("Unable to set DefaultAuthorizer because '{d}' was not defined in 'Authorizers'."),
            auth_ptr.push("DefaultAuthorizer"),
        ));
    }
    let scopes = authorizer_scopes(auth, d);
    for path in paths_of(doc) {
        for (method, def) in methods_of(doc, &path, false) {
            if method == "options" {
                continue;
            }
            if !falsy(def.resolve(doc).and_then(|m| m.get("security"))) {
                continue;
            }
            let mut req = Map::new();
            req.insert(d.to_string(), scopes.clone());
            set_security(doc, &def, vec![Value::Object(req)], &[(0, auth_ptr.push("DefaultAuthorizer"))], out);
        }
    }
    Ok(())
}

fn is_no_value(v: &Value) -> bool {
    v.get("Ref").and_then(Value::as_str) == Some("AWS::NoValue")
}

/// An HTTP API authorizer as SAM writes it in `components.securitySchemes`: JWT (with
/// `JwtConfiguration`) or Lambda REQUEST.
fn http_authorizer(name: &str, a: &Value, from: &Pointer) -> Result<(Value, Precise), Vec<NotBuilt>> {
    let Some(m) = a.as_object() else {
        return Err(refuse(format!("Property 'Auth.Authorizers.{name}' should be a map."), from.clone()));
    };
    if m.contains_key("OpenIdConnectUrl") {
        return Err(refuse(
            format!("'OpenIdConnectUrl' is no longer a supported property for authorizer '{name}'. Please refer to the AWS SAM documentation."),
            from.push("OpenIdConnectUrl"),
        ));
    }
    let given = |k: &str| m.get(k).filter(|v| !v.is_null());
    let jwt = !falsy(given("JwtConfiguration"));
    let only = |key: &str, what: &str, wanted: bool| -> Result<(), Vec<NotBuilt>> {
        if given(key).is_some() && !wanted {
            return Err(refuse(format!("{key} must be defined only for {what}."), from.push(key)));
        }
        Ok(())
    };
    if let Some(s) = given("AuthorizationScopes") {
        if !s.is_array() {
            return Err(refuse(
                format!("Property 'Authorizers.{name}.AuthorizationScopes' should be a list."),
                from.push("AuthorizationScopes"),
            ));
        }
    }
    only("AuthorizationScopes", "OAuth2 Authorizer", jwt)?;
    only("IdentitySource", "OAuth2 Authorizer", jwt)?;
    for key in
        ["FunctionArn", "FunctionInvokeRole", "Identity", "AuthorizerPayloadFormatVersion", "EnableSimpleResponses"]
    {
        only(key, "Lambda Authorizer", !jwt)?;
    }
    if let Some(p) = given("EnableFunctionDefaultPermissions") {
        if jwt {
            return Err(refuse(
                "EnableFunctionDefaultPermissions is only supported for Lambda Authorizer.",
                from.push("EnableFunctionDefaultPermissions"),
            ));
        }
        if !p.is_boolean() {
            return Err(refuse(
                format!("Property 'Authorizers.{name}.EnableFunctionDefaultPermissions' should be a boolean."),
                from.push("EnableFunctionDefaultPermissions"),
            ));
        }
    }
    let mut precise: Precise = Vec::new();
    if jwt {
        if falsy(given("IdentitySource")) {
            return Err(refuse(format!("{name} OAuth2 Authorizer must define 'IdentitySource'."), from.clone()));
        }
        precise.push(("jwtConfiguration", from.push("JwtConfiguration"), true));
        precise.push(("identitySource", from.push("IdentitySource"), true));
        let scheme = json!({
            "type": "oauth2",
            "x-amazon-apigateway-authorizer": {
                "jwtConfiguration": m["JwtConfiguration"],
                "identitySource": m["IdentitySource"],
                "type": "jwt",
            }
        });
        return Ok((scheme, precise));
    }
    if falsy(given("FunctionArn")) {
        return Err(refuse(format!("{name} Lambda Authorizer must define 'FunctionArn'."), from.clone()));
    }
    if falsy(given("AuthorizerPayloadFormatVersion")) {
        return Err(refuse(
            format!("{name} Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'."),
            from.clone(),
        ));
    }
    let identity = given("Identity");
    if let Some(i) = identity {
        if !i.is_object() {
            return Err(refuse(
                format!("Property 'Auth.Authorizers.{name}.Identity' should be a map."),
                from.push("Identity"),
            ));
        }
        if let Some(h) = i.get("Headers").filter(|h| !falsy(Some(h))) {
            if h.as_array().is_none_or(|l| l.iter().any(|v| !v.is_string())) {
                return Err(refuse(
                    format!("{name} Lambda Authorizer property identity's 'Headers' is of invalid type."),
                    from.push("Identity").push("Headers"),
                ));
            }
        }
    }
    let mut authorizer = Map::new();
    authorizer.insert("type".into(), json!("request"));
    authorizer.insert(
        "authorizerUri".into(),
        json!({"Fn::Sub": [
            "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations",
            {"__FunctionArn__": m["FunctionArn"]}
        ]}),
    );
    precise.push(("authorizerUri", from.push("FunctionArn"), false));
    if let Some(role) = given("FunctionInvokeRole").filter(|r| !falsy(Some(r)) && *r != "NONE") {
        authorizer.insert("authorizerCredentials".into(), role.clone());
        precise.push(("authorizerCredentials", from.push("FunctionInvokeRole"), false));
    }
    if let Some(ttl) = identity.and_then(|i| i.get("ReauthorizeEvery")).filter(|t| !t.is_null()) {
        authorizer.insert("authorizerResultTtlInSeconds".into(), ttl.clone());
        precise.push(("authorizerResultTtlInSeconds", from.push("Identity").push("ReauthorizeEvery"), false));
    }
    if let Some(Value::Object(i)) = identity.filter(|i| !falsy(Some(i))) {
        let mut sources = Vec::new();
        for (key, list) in i {
            let prefix = match key.as_str() {
                "Headers" => "$request.header.",
                "QueryStrings" => "$request.querystring.",
                "StageVariables" => "$stageVariables.",
                "Context" => "$context.",
                _ => continue,
            };
            for v in list.as_array().into_iter().flatten().filter_map(Value::as_str) {
                sources.push(json!(format!("{prefix}{v}")));
            }
        }
        authorizer.insert("identitySource".into(), Value::Array(sources));
        precise.push(("identitySource", from.push("Identity"), false));
    }
    authorizer.insert("authorizerPayloadFormatVersion".into(), m["AuthorizerPayloadFormatVersion"].clone());
    precise.push(("authorizerPayloadFormatVersion", from.push("AuthorizerPayloadFormatVersion"), false));
    if given("EnableSimpleResponses").is_some_and(|e| !falsy(Some(e))) {
        authorizer.insert("enableSimpleResponses".into(), m["EnableSimpleResponses"].clone());
        precise.push(("enableSimpleResponses", from.push("EnableSimpleResponses"), false));
    }
    let scheme =
        json!({"type": "apiKey", "name": "Unused", "in": "header", "x-amazon-apigateway-authorizer": authorizer});
    Ok((scheme, precise))
}

/// What SAM does to a REST API's OpenAPI 3 document after adding `Auth` or `Models` (a
/// document that says `swagger` is left alone): `securityDefinitions` move to
/// `components.securitySchemes` and `definitions` to `components.schemas`, and the CORS
/// preflight methods lose `consumes` / `produces` and get their headers' `schema`. The nodes
/// recorded from `first` on follow their moves.
pub(super) fn openapi_postprocess(doc: &mut Value, props: &ApiProps, out: &mut Transformed, first: usize) {
    if doc.get("swagger").is_some_and(|s| !s.is_null()) {
        return;
    }
    // The document's own `openapi` wins over the API's `OpenApiVersion` (SAM's output for a
    // `3.0.2` body with `OpenApiVersion: '2.0'` is converted).
    let version = doc.get("openapi").filter(|v| !v.is_null()).cloned().or_else(|| props.get("OpenApiVersion").cloned());
    if !version.as_ref().and_then(Value::as_str).is_some_and(is_openapi3) {
        return;
    }
    let Some(root) = doc.as_object_mut() else { return };
    let mut moves: Vec<(Pointer, Pointer)> = Vec::new();
    for (old, new) in [("securityDefinitions", "securitySchemes"), ("definitions", "schemas")] {
        if falsy(root.get(old)) {
            continue;
        }
        let moved = root.remove(old).unwrap_or(Value::Null);
        let components = root.entry("components").or_insert_with(|| json!({}));
        if !components.is_object() {
            *components = json!({});
        }
        components.as_object_mut().expect("a map").insert(new.into(), moved);
        moves.push((Pointer::root().push(old), Pointer::root().push("components").push(new)));
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for item in paths.values_mut() {
            let Some(Value::Object(options)) = item.get_mut("options") else { continue };
            options.remove("produces");
            options.remove("consumes");
            if let Some(Value::Object(headers)) =
                options.get_mut("responses").and_then(|r| r.pointer_mut("/200/headers"))
            {
                for h in headers.values_mut() {
                    let inner = std::mem::take(h);
                    *h = json!({ "schema": inner });
                }
            }
        }
    }
    for a in out.added.iter_mut().skip(first) {
        for (old, new) in &moves {
            if a.at.starts_with(old) {
                let rest = &a.at.as_str()[old.as_str().len()..];
                a.at = Pointer::parse(&format!("{}{rest}", new.as_str())).unwrap_or_else(|_| new.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openapi_versions_as_sam_reads_them() {
        assert!(is_openapi3("3.0.1"));
        assert!(is_openapi3("3.0"));
        assert!(!is_openapi3("2.0"));
        assert!(!is_openapi3("3.0.1.2"));
        assert!(!is_openapi3("3"));
    }

    #[test]
    fn request_authorizers_need_an_identity_source_unless_caching_is_off() {
        assert!(missing_identity_source(None));
        assert!(missing_identity_source(Some(&json!({"ReauthorizeEvery": 10}))));
        assert!(!missing_identity_source(Some(&json!({"ReauthorizeEvery": 0}))));
        assert!(!missing_identity_source(Some(&json!({"Headers": ["A"]}))));
    }

    /// The template's API `id`, its events, and a document with the events' methods in it (as
    /// the events' part of the transform leaves it), after `Auth` is applied.
    fn applied(template: &str, id: &str, doc: Value) -> Result<(Value, Transformed), Vec<NotBuilt>> {
        let source = crate::load::parse_source("template.yaml".into(), template.as_bytes().to_vec()).expect("parses");
        let api = crate::load::template::apis(&source).into_iter().find(|a| a.logical_id == id).expect("the API");
        let events = super::super::events::function_events(&source, &api);
        let ctx = Context::of(&source.value);
        let mut doc = doc;
        let mut out = Transformed::default();
        apply(&mut doc, &source, &api, &ctx, &events, &mut out)?;
        Ok((doc, out))
    }

    fn integrated() -> Value {
        json!({"responses": {}, "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST", "uri": "arn"}})
    }

    const EVENTS_API: &str = "
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        DefaultAuthorizer: Cognito
        ApiKeyRequired: true
        Authorizers:
          Cognito:
            UserPoolArn: arn:aws:1
            AuthorizationScopes: [default.read]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Open:
          Type: Api
          Properties: {RestApiId: !Ref MyApi, Path: /, Method: get, Auth: {Authorizer: NONE}}
        Scoped:
          Type: Api
          Properties: {RestApiId: !Ref MyApi, Path: /users, Method: post, Auth: {Authorizer: Cognito, AuthorizationScopes: [users.write]}}
        NoKey:
          Type: Api
          Properties: {RestApiId: !Ref MyApi, Path: /users, Method: get, Auth: {ApiKeyRequired: false}}
        Default:
          Type: Api
          Properties: {RestApiId: !Ref MyApi, Path: /users, Method: put}
";

    /// As SAM's output for api_with_auth_all_maximum and api_with_auth_with_default_scopes has
    /// it: `NONE` stays as SAM's marker beside the API key; an event's scopes replace the
    /// authorizer's; `ApiKeyRequired: false` keeps the key off; the default authorizer carries
    /// its scopes.
    #[test]
    fn events_auth_then_the_apis_defaults() {
        let doc = json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {
            "/": {"get": integrated()},
            "/users": {"post": integrated(), "get": integrated(), "put": integrated()}
        }});
        let (doc, out) = applied(EVENTS_API, "MyApi", doc).expect("applies");
        let security = |p: &str| doc.pointer(&format!("/paths/{p}/security")).cloned().unwrap_or(Value::Null);
        assert_eq!(security("~1/get"), json!([{"NONE": []}, {"api_key": []}]));
        assert_eq!(security("~1users/post"), json!([{"Cognito": ["users.write"]}, {"api_key": []}]));
        assert_eq!(security("~1users/get"), json!([{"Cognito": ["default.read"]}]));
        assert_eq!(security("~1users/put"), json!([{"Cognito": ["default.read"]}, {"api_key": []}]));
        let cognito = &doc["securityDefinitions"]["Cognito"];
        assert_eq!(cognito["x-amazon-apigateway-authorizer"]["providerARNs"], json!(["arn:aws:1"]));
        assert_eq!(doc["securityDefinitions"]["api_key"]["name"], "x-api-key");
        // The user pool ARN is reported where the template writes it.
        let arns = out.added.iter().find(|a| a.at.as_str().ends_with("/providerARNs")).expect("recorded");
        assert_eq!(arns.from.as_str(), "/Resources/MyApi/Properties/Auth/Authorizers/Cognito/UserPoolArn");
    }

    #[test]
    fn an_authorizer_the_api_lacks_is_refused_at_the_event() {
        let template = EVENTS_API.replace("Auth: {Authorizer: NONE}", "Auth: {Authorizer: Missing}");
        let doc =
            json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/": {"get": integrated()}}});
        let errors = applied(&template, "MyApi", doc).expect_err("refused");
        assert!(errors[0].0.contains("because it wasn't defined in the API's Authorizers"), "{errors:?}");
        assert_eq!(errors[0].1.as_str(), "/Resources/Fn/Properties/Events/Open/Properties/Auth/Authorizer");
    }

    #[test]
    fn an_openapi_3_document_gets_components() {
        let template = EVENTS_API.replace("StageName: Prod", "StageName: Prod\n      OpenApiVersion: 3.0.1");
        let doc = json!({"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {"/users": {"put": integrated()}}});
        let (doc, out) = applied(&template, "MyApi", doc).expect("applies");
        assert!(doc.get("securityDefinitions").is_none());
        assert_eq!(doc["components"]["securitySchemes"]["Cognito"]["type"], "apiKey");
        assert!(out.added.iter().all(|a| !a.at.as_str().starts_with("/securityDefinitions")));
    }

    #[test]
    fn python_values_print_as_in_sams_messages() {
        assert_eq!(python_repr(&json!(["NotString"])), "['NotString']");
        assert_eq!(python_repr(&json!({"Ref": "MyAuth"})), "{'Ref': 'MyAuth'}");
    }
}
