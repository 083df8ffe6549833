//! A function event's own `Auth` (authorizer or `NONE`, scopes, API key, IAM invoke role,
//! resource policy), applied by SAM to the event's method, for REST and HTTP APIs.

use super::*;

/// The keys of a REST API event's `Auth`.
const REST_EVENT_AUTH_KEYS: [&str; 6] =
    ["Authorizer", "AuthorizationScopes", "ApiKeyRequired", "InvokeRole", "OverrideApiAuth", "ResourcePolicy"];

/// How to fix an event's `Authorizer` that names no authorizer of the API: the names the API
/// defines, and how the method is left public.
fn undefined_help(name: &str, authorizers: Option<&Value>, api_auth: &Value) -> String {
    if name == "AWS_IAM" {
        return "set the HttpApi's `Auth.EnableIamAuthorizer: true` to authorize methods with IAM".into();
    }
    let public = if falsy(api_auth.get("DefaultAuthorizer")) {
        "without `Authorizer` the method is public"
    } else {
        "`NONE` makes the method public"
    };
    format!("{}; {public}", help::define_or_name(name, "Auth.Authorizers", &help::keys_of(authorizers)))
}

/// How to fix `Authorizer: NONE` on an API without a `DefaultAuthorizer`.
const NONE_HELP: &str = "remove `Authorizer: NONE`: the API has no `DefaultAuthorizer`, so the method is public already (`NONE` turns the API's default off for one method)";

/// How to write an event's `AuthorizationScopes` that is not a list.
fn event_scopes_help() -> String {
    help::write_as("Auth.AuthorizationScopes", &format!("{} of OAuth scopes", help::LIST))
}

/// SAM's check of an event's authorizer name: a string, with the API's authorizers a map.
pub(super) fn check_authorizer_type(
    event: &FunctionEvent,
    name: &Value,
    authorizers: Option<&Value>,
    iam_enabled: bool,
    method: &str,
) -> Result<(), Vec<Refused>> {
    if name == "NONE" || (name == "AWS_IAM" && iam_enabled) {
        return Ok(());
    }
    if !name.is_string() || !authorizers.is_some_and(Value::is_object) {
        let shown = match name {
            Value::String(s) => s.clone(),
            other => python_repr(other),
        };
        let help = if name.is_string() {
            "write the API's `Auth.Authorizers` as a mapping of authorizer names to their settings".to_string()
        } else {
            help::write_as(
                "Auth.Authorizer",
                "the name of one of the API's `Auth.Authorizers` (a string), `AWS_IAM` or `NONE`",
            )
        };
        return Err(refuse(
            format!(
                "Unable to set Authorizer [{shown}] on API method [{method}] for path [{}]. The method authorizer must be a string with a corresponding dict entry in the api authorizer.",
                event.path
            ),
            help,
            event.ptr.push("Properties").push("Auth").push("Authorizer"),
        ));
    }
    Ok(())
}

/// How SAM applies a REST event's `Auth`: what the API's own `Auth` and stage give it.
pub(super) struct EventAuth {
    /// The methods of the event's path when SAM adds the event (the event's and those before).
    pub(super) seen: Vec<String>,
    /// `MergeDefinitions`: SAM writes the event's method apart and merges it into the body.
    pub(super) merging: bool,
    /// SAM adds the event's integration (not so for `OverrideApiAuth` on a body's method).
    pub(super) integrated: bool,
    /// The stage its resource policy statements name.
    pub(super) stage: Value,
}

/// What a REST API's function event says of its own method's authorization: its authorizer (or
/// `NONE`), scopes, API key, IAM invoke role and resource policy statements.
pub(super) fn event_auth_rest(
    doc: &mut Value,
    props: &ApiProps,
    api_auth: &Value,
    event: &FunctionEvent,
    event_auth: &Value,
    how: &EventAuth,
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    let (seen, merging, stage) = (&how.seen, how.merging, &how.stage);
    let auth_ptr = event.ptr.push("Properties").push("Auth");
    if !event_auth.is_null() && !event_auth.is_object() {
        return Err(refuse("Property 'Auth' should be a map.", help::map_of("Auth", &REST_EVENT_AUTH_KEYS), auth_ptr));
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
                        undefined_help(name.as_str().unwrap_or_default(), None, api_auth),
                        auth_ptr.push("Authorizer"),
                    ));
                }
                if !authorizers.is_some_and(Value::is_object) {
                    return Err(refuse(
                        "Property 'Auth.Authorizers' should be a map.",
                        authorizers_help(false),
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
                        undefined_help(name, authorizers, api_auth),
                        auth_ptr.push("Authorizer"),
                    ));
                }
            } else if falsy(api_auth.get("DefaultAuthorizer")) {
                return Err(refuse(
                    format!(
                        "Unable to set Authorizer on API method [{method}] for path [{}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.",
                        event.path
                    ),
                    NONE_HELP,
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
                event_scopes_help(),
                auth_ptr.push("AuthorizationScopes"),
            ));
        }
        if authorizer.is_none() {
            return Err(refuse(
                "AuthorizationScopes works only when Authorizer is set",
                "add `Authorizer` beside `AuthorizationScopes` in the event's `Auth` (the API's Cognito authorizer the scopes are for), or remove the scopes",
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
            "remove `ApiKeyRequired: false`: the API's `Auth` does not set `ApiKeyRequired: true`, so the method needs no API key already",
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
            return Err(refuse(
                "Property 'Auth.ResourcePolicy' should be a map.",
                help::map_of("Auth.ResourcePolicy", &POLICY_KEYS),
                auth_ptr.push("ResourcePolicy"),
            ));
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
pub(super) fn event_auth_http(
    doc: &mut Value,
    props: &ApiProps,
    api_auth: &Value,
    event: &FunctionEvent,
    event_auth: &Value,
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    let auth_ptr = event.ptr.push("Properties").push("Auth");
    if falsy(Some(event_auth)) {
        return Ok(());
    }
    if !event_auth.is_object() {
        return Err(refuse(
            "Property 'Auth' should be a map.",
            help::map_of("Auth", &["Authorizer", "AuthorizationScopes"]),
            auth_ptr,
        ));
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
                    "name the method's authorizer in the event's `Auth.Authorizer`, or set the HttpApi's `Auth.DefaultAuthorizer`; or remove the event's `Auth`",
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
                NONE_HELP,
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
                undefined_help(&name, None, api_auth),
                from,
            ));
        }
        if authorizers.and_then(|a| a.get(&name)).is_none_or(|a| falsy(Some(a))) {
            return Err(refuse(
                format!(
                    "Unable to set Authorizer [{name}] on API method [{method}] for path [{}] because it wasn't defined in the API's Authorizers.",
                    event.path
                ),
                undefined_help(&name, authorizers, api_auth),
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
            event_scopes_help(),
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
