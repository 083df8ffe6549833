//! SAM's `Auth` on an API: authorizers, the default authorizer, API keys, IAM and resource
//! policies, written into the API's document as SAM's transform writes them.

use serde_json::{json, Map, Value};

use crate::ir::ApiType;
use crate::load::template::{Added, Body, Context, Refused, TemplateApi, Transformed};
use crate::source::{Pointer, Source};

use super::events::FunctionEvent;
use super::help;

// What `Cors` adds, which SAM adds before `Auth`, and the resource policy statements.
#[path = "cors.rs"]
mod cors;
#[path = "auth_policy.rs"]
mod policy;
// The authorizers of `Auth.Authorizers`, as SAM writes each.
#[path = "auth_authorizers.rs"]
mod authorizers;

use authorizers::{http_authorizer, is_no_value, rest_authorizer};
// The function events' own `Auth`, which SAM applies to their methods.
#[path = "auth_events.rs"]
mod events_auth;

use events_auth::{event_auth_http, event_auth_rest, EventAuth};

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
    /// The partition SAM writes into the authorizer URIs it generates ([`Context::sam_partition`]).
    pub partition: String,
}

impl ApiProps {
    pub(super) fn of(template: &Source, api: &TemplateApi, ctx: &Context) -> ApiProps {
        let resource = Pointer::root().push("Resources").push(&api.logical_id).push("Properties");
        let globals =
            Pointer::root().push("Globals").push(if api.api_type == ApiType::Http { "HttpApi" } else { "Api" });
        let ptr = if resource.resolve(&template.value).is_some() || !api.implicit { resource } else { globals };
        let mut value = ptr.resolve(&template.value).cloned().unwrap_or(Value::Null);
        ctx.resolve(&mut value, 0);
        ApiProps { value, ptr, partition: ctx.sam_partition() }
    }

    pub(super) fn get(&self, key: &str) -> Option<&Value> {
        self.value.get(key)
    }

    /// Where the template writes this property.
    pub(super) fn at(&self, key: &str) -> Pointer {
        self.ptr.push(key)
    }
}

/// A located error: what SAM's transform says, how to fix the template, and where the template
/// says what it refuses.
pub(super) fn refuse(message: impl Into<String>, help: impl Into<String>, at: Pointer) -> Vec<Refused> {
    vec![Refused::new(message, help, at)]
}

/// The keys of an `Auth.ResourcePolicy` (an API's or an event's).
const POLICY_KEYS: [&str; 11] = [
    "CustomStatements",
    "AwsAccountWhitelist",
    "AwsAccountBlacklist",
    "IpRangeWhitelist",
    "IpRangeBlacklist",
    "SourceVpcWhitelist",
    "SourceVpcBlacklist",
    "IntrinsicVpcWhitelist",
    "IntrinsicVpcBlacklist",
    "IntrinsicVpceWhitelist",
    "IntrinsicVpceBlacklist",
];

/// How to write an `Auth.Authorizers` that is not a mapping.
pub(super) fn authorizers_help(http: bool) -> String {
    let settings = if http { "`JwtConfiguration` or `FunctionArn`" } else { "`UserPoolArn` or `FunctionArn`" };
    format!("write `Auth.Authorizers` as {} of authorizer names, each with its settings ({settings})", help::MAP)
}

/// How to name a `DefaultAuthorizer` the API's `Auth.Authorizers` does not define.
fn default_help(name: &str, defined: &[String], http: bool) -> String {
    let names: Vec<String> = defined.iter().filter(|n| *n != "AWS_IAM").cloned().collect();
    let iam = if http { " with `EnableIamAuthorizer: true`" } else { "" };
    format!("{}; or `AWS_IAM` for IAM authorization{iam}", help::define_or_name(name, "Auth.Authorizers", &names))
}

/// How to write a `DefaultAuthorizer` that is not a string.
fn default_not_string() -> String {
    help::write_as("Auth.DefaultAuthorizer", "the name of one of the API's `Auth.Authorizers` (a string)")
}

/// How to write a method's `security` that is not a list of requirements.
fn security_help() -> String {
    help::write_as("security", "a list of mappings of security scheme names to scopes, such as `- MyAuthorizer: []`")
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
fn security_of(doc: &Value, def: &Pointer, path: &str, method: &str) -> Result<Vec<Value>, Vec<Refused>> {
    match def.resolve(doc).and_then(|d| d.get("security")) {
        None => Ok(Vec::new()),
        Some(Value::Array(list)) => {
            if let Some((i, bad)) = list.iter().enumerate().find(|(_, s)| !s.is_object()) {
                return Err(refuse(
                    format!("{bad} in Security for path {path} method {method} is not a valid dictionary."),
                    security_help(),
                    def.push("security").index(i),
                ));
            }
            Ok(list.clone())
        }
        Some(_) => Err(refuse(
            format!("Type of security for path {path} method {method} must be a list"),
            security_help(),
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
) -> Result<(), Vec<Refused>> {
    if !api.resource_type.starts_with("AWS::Serverless") {
        return Ok(());
    }
    let props = ApiProps::of(template, api, ctx);
    let http = api.api_type == ApiType::Http;
    let auth = props.get("Auth").cloned();
    if let Some(a) = &auth {
        if !a.is_object() && !a.is_null() {
            let keys: &[&str] = if http { &HTTP_AUTH_KEYS } else { &REST_AUTH_KEYS };
            return Err(refuse("Property 'Auth' should be a map.", help::map_of("Auth", keys), props.at("Auth")));
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
                "add `Authorizer`, `ApiKeyRequired` or `ResourcePolicy` to the event's `Auth` beside `OverrideApiAuth: true` (what replaces the API's auth for this method), or remove `OverrideApiAuth`",
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

/// What SAM checks before it adds an API's `Auth` (in its own words for a REST API's Swagger and
/// an HTTP API's OpenAPI): an inline document, only the keys `Auth` takes, a document its editor
/// accepts. The `Auth` map, when it has anything to add.
fn auth_to_add<'a>(
    doc: &Value,
    api: &TemplateApi,
    auth: &'a Value,
    auth_ptr: &Pointer,
    http: bool,
) -> Result<Option<&'a Map<String, Value>>, Vec<Refused>> {
    let Some(a) = auth.as_object().filter(|a| !a.is_empty()) else { return Ok(None) };
    let (inline, keys, valid, kind): (&str, &[&str], bool, &str) = if http {
        ("inline OpenApi specified in the 'DefinitionBody' property", &HTTP_AUTH_KEYS, valid_openapi(doc), "OpenApi")
    } else {
        ("inline Swagger specified in 'DefinitionBody' property", &REST_AUTH_KEYS, valid_swagger(doc), "Swagger")
    };
    if matches!(&api.body, Body::File(_, ptr) if ptr.last().as_deref() == Some("DefinitionUri")) {
        return Err(refuse(format!("Auth works only with {inline}."), help::inline_only("Auth"), auth_ptr.clone()));
    }
    if let Some(k) = a.keys().find(|k| !keys.contains(&k.as_str())) {
        return Err(refuse("Invalid value for 'Auth' property", help::unknown_key("Auth", k, keys), auth_ptr.push(k)));
    }
    if !valid {
        return Err(refuse(
            format!(
                "Unable to add Auth configuration because 'DefinitionBody' does not contain a valid {kind} definition."
            ),
            help::not_a_document("Auth", http),
            auth_ptr.clone(),
        ));
    }
    Ok(Some(a))
}

/// A REST API's `Auth`: its authorizers as security schemes, the default authorizer and API key
/// on every integrated method, and its resource policy.
fn api_auth_rest(
    doc: &mut Value,
    api: &TemplateApi,
    props: &ApiProps,
    auth: &Value,
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    let auth_ptr = props.at("Auth");
    let Some(a) = auth_to_add(doc, api, auth, &auth_ptr, false)? else { return Ok(()) };
    let default = a.get("DefaultAuthorizer").filter(|d| !falsy(Some(d)));
    let mut names: Vec<String> = Vec::new();
    if default.and_then(Value::as_str) == Some("AWS_IAM") {
        names.push("AWS_IAM".into());
        add_scheme(doc, false, "AWS_IAM", iam_scheme(), auth_ptr.push("DefaultAuthorizer"), out, true);
    }
    add_authorizers(doc, false, a, &auth_ptr, &props.partition, out, &mut names)?;
    if !names.is_empty() {
        if let Some(d) = default {
            let Some(d) = d.as_str() else {
                return Err(refuse(
                    "DefaultAuthorizer is not a string.",
                    default_not_string(),
                    auth_ptr.push("DefaultAuthorizer"),
                ));
            };
            if !names.iter().any(|n| n == d) && d != "AWS_IAM" {
                return Err(refuse(
                    format!("Unable to set DefaultAuthorizer because '{d}' was not defined in 'Authorizers'."),
                    default_help(d, &names, false),
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
                help::map_of("Auth.ResourcePolicy", &POLICY_KEYS),
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

/// An HTTP API's `Auth`: its authorizers (and `AWS_IAM` with `EnableIamAuthorizer`) as security
/// schemes, and the default authorizer on every integrated route without security of its own
/// (CORS preflight `OPTIONS` routes aside).
fn api_auth_http(
    doc: &mut Value,
    api: &TemplateApi,
    props: &ApiProps,
    auth: &Value,
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    let auth_ptr = props.at("Auth");
    let Some(a) = auth_to_add(doc, api, auth, &auth_ptr, true)? else { return Ok(()) };
    let mut names: Vec<String> = Vec::new();
    if a.get("EnableIamAuthorizer") == Some(&Value::Bool(true)) {
        names.push("AWS_IAM".into());
        add_scheme(doc, true, "AWS_IAM", iam_scheme(), auth_ptr.push("EnableIamAuthorizer"), out, true);
    }
    add_authorizers(doc, true, a, &auth_ptr, &props.partition, out, &mut names)?;
    let Some(d) = a.get("DefaultAuthorizer").filter(|d| !falsy(Some(d)) && !is_no_value(d)) else { return Ok(()) };
    let Some(d) = d.as_str() else {
        return Err(refuse(
            "Property 'Auth.DefaultAuthorizer' should be a string.",
            default_not_string(),
            auth_ptr.push("DefaultAuthorizer"),
        ));
    };
    if !names.iter().any(|n| n == d) {
        return Err(refuse(
            format!("Unable to set DefaultAuthorizer because '{d}' was not defined in 'Authorizers'."),
            default_help(d, &names, true),
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

/// Adds `Auth.Authorizers` (REST or HTTP, as SAM writes each) as security schemes, recording
/// where each field of an authorizer came from, and lists their names in `names` (a name
/// defined again moves to the end). `partition` is the one SAM writes in Lambda authorizer URIs.
fn add_authorizers(
    doc: &mut Value,
    http: bool,
    a: &Map<String, Value>,
    auth_ptr: &Pointer,
    partition: &str,
    out: &mut Transformed,
    names: &mut Vec<String>,
) -> Result<(), Vec<Refused>> {
    let Some(list) = a.get("Authorizers").filter(|l| !falsy(Some(l))) else { return Ok(()) };
    let Some(list) = list.as_object() else {
        return Err(refuse(
            "Property 'Auth.Authorizers' should be a map.",
            authorizers_help(http),
            auth_ptr.push("Authorizers"),
        ));
    };
    for (name, authorizer) in list {
        let from = auth_ptr.push("Authorizers").push(name);
        let build = if http { http_authorizer } else { rest_authorizer };
        let (scheme, precise) = build(name, authorizer, &from, partition)?;
        add_scheme(doc, http, name, scheme, from.clone(), out, true);
        let at = schemes_at(http).push(name);
        for (rel, src, mirror) in precise {
            record(out, at.push("x-amazon-apigateway-authorizer").push(rel), src, mirror);
        }
        // A REST token authorizer's header is the scheme's `name`.
        if !http && authorizer.pointer("/Identity/Header").is_some_and(Value::is_string) {
            record(out, at.push("name"), from.push("Identity").push("Header"), false);
        }
        names.retain(|n| n != name);
        names.push(name.clone());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::authorizers::missing_identity_source;
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
    fn applied(template: &str, id: &str, doc: Value) -> Result<(Value, Transformed), Vec<Refused>> {
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
        assert!(errors[0].message.contains("because it wasn't defined in the API's Authorizers"), "{errors:?}");
        assert_eq!(errors[0].at.as_str(), "/Resources/Fn/Properties/Events/Open/Properties/Auth/Authorizer");
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
