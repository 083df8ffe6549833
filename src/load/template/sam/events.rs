//! Functions' `Api` / `HttpApi` events, and what SAM's transform adds to the API's document for them.

use serde_json::Value;

use crate::ir::{ApiType, Text};
use crate::load::template::{number, text, Body, Context, TemplateApi};
use crate::source::{FileId, Loc, Pointer, Source};

/// A function's `Api` / `HttpApi` event on an API of the template.
pub struct FunctionEvent {
    /// The function's logical id.
    pub(super) function: String,
    pub(super) path: String,
    pub(super) method: String,
    /// The event's `Properties`.
    pub(super) properties: Value,
    /// `Auth.Authorizer`: a name, or NONE.
    pub(super) authorizer: Option<String>,
    pub(super) api_key_required: Option<bool>,
    /// `Auth.AuthorizationScopes`.
    pub(super) scopes: Option<Vec<String>>,
    pub(super) loc: Loc,
    /// The event, in the template (`/Resources/Fn/Properties/Events/Get`).
    #[allow(dead_code)]
    pub(super) ptr: Pointer,
}

impl FunctionEvent {
    pub(super) fn is_on(&self, path: &str, method: crate::ir::Method) -> bool {
        self.path == path && event_method(&self.method) == Some(method)
    }
}

/// An event's `Method` as an operation's method (`any` is API Gateway's ANY).
fn event_method(method: &str) -> Option<crate::ir::Method> {
    if method.eq_ignore_ascii_case("any") || method.eq_ignore_ascii_case("x-amazon-apigateway-any-method") {
        return Some(crate::ir::Method::Any);
    }
    crate::ir::Method::KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(method)).map(|(_, m)| *m)
}

/// The events of `AWS::Serverless::Function`s that attach to `tapi` (by `RestApiId` / `ApiId`).
pub fn function_events(template: &Source, tapi: &TemplateApi, file: FileId) -> Vec<FunctionEvent> {
    let mut out = Vec::new();
    let Some(Value::Object(resources)) = template.value.get("Resources") else { return out };
    for (fname, f) in resources {
        if f.get("Type").and_then(Value::as_str) != Some("AWS::Serverless::Function") {
            continue;
        }
        let Some(Value::Object(events)) = f.pointer("/Properties/Events") else { continue };
        for (ename, e) in events {
            let kind = e.get("Type").and_then(Value::as_str);
            if !matches!(kind, Some("Api" | "HttpApi")) {
                continue;
            }
            let Some(p) = e.get("Properties") else { continue };
            let api_ref = p.get("RestApiId").or_else(|| p.get("ApiId"));
            let attached = match api_ref {
                Some(Value::String(s)) => s == &tapi.logical_id,
                Some(v) => v.get("Ref").and_then(Value::as_str) == Some(tapi.logical_id.as_str()),
                None => false,
            };
            if !attached {
                continue;
            }
            let (path, method) = match (p.get("Path").and_then(Value::as_str), p.get("Method").and_then(Value::as_str))
            {
                (Some(path), Some(method)) => (path, method),
                // An HttpApi event without either is the API's $default route.
                (None, None) if kind == Some("HttpApi") => ("$default", "any"),
                _ => continue,
            };
            let auth = p.get("Auth");
            let scopes = auth.and_then(|a| a.get("AuthorizationScopes")).and_then(Value::as_array);
            out.push(FunctionEvent {
                function: fname.clone(),
                path: path.to_string(),
                method: method.to_string(),
                properties: p.clone(),
                authorizer: auth.and_then(|a| a.get("Authorizer")).and_then(Value::as_str).map(str::to_string),
                api_key_required: auth.and_then(|a| a.get("ApiKeyRequired")).and_then(Value::as_bool),
                scopes: scopes.map(|list| list.iter().filter_map(Value::as_str).map(str::to_string).collect()),
                loc: Loc::new(
                    file,
                    Pointer::root().push("Resources").push(fname).push("Properties").push("Events").push(ename),
                ),
                ptr: Pointer::root().push("Resources").push(fname).push("Properties").push("Events").push(ename),
            });
        }
    }
    out
}

/// Rule id of the finding for a function event on a method the body already integrates.
pub const SAM_EVENT_CONFLICT: &str = "sam-event-conflict";

/// Rule id of the finding for a function event SAM leaves out of the API's document.
pub const SAM_EVENT_NOT_MERGED: &str = "sam-event-not-merged";

/// What SAM's transform does with the functions' `Api` / `HttpApi` events on an API whose
/// OpenAPI document the template writes (`DefinitionBody`, inline or included):
/// - an HTTP API's events each get a Lambda proxy integration to the function on their path and
///   method (added, with their path parameters, when the document lacks them), unless the
///   document already integrates that method;
/// - a REST API's events edit the document only when the API sets `MergeDefinitions: true`, in
///   the same way, except that an event on a method that already has an integration stops the
///   transform (reported as an error). Without it the events add nothing, and an event whose
///   method the document does not integrate is reported: its route would not reach the function.
pub fn apply_sam_events(
    api: &mut crate::ir::Api,
    template: &Source,
    tapi: &TemplateApi,
    ctx: &Context,
    events: &[FunctionEvent],
) {
    use crate::diag::{Report, Severity};
    use crate::ir::{Choice, Integration, IntegrationType, Operation, ParamIn, Parameter, PathItem};
    let edited = match &tapi.body {
        Body::Inline(_) => true,
        Body::File(_, ptr) => ptr.last().as_deref() == Some("DefinitionBody"),
        Body::Events => true,
        Body::Missing(..) | Body::Conflict(_) | Body::Resources => false,
    };
    if !edited || !tapi.resource_type.starts_with("AWS::Serverless") {
        return;
    }
    let http = tapi.api_type == ApiType::Http;
    let props = Pointer::root().push("Resources").push(&tapi.logical_id).push("Properties").resolve(&template.value);
    let auth = props.and_then(|p| p.get("Auth")).cloned().unwrap_or(Value::Null);
    let merged = http || props.and_then(|p| p.get("MergeDefinitions")).and_then(Value::as_bool) == Some(true);
    let resources = template.value.get("Resources");
    for event in events {
        let Some(method) = event_method(&event.method) else { continue };
        let integration = api
            .paths
            .iter()
            .filter(|p| p.path == event.path)
            .flat_map(|p| &p.operations)
            .find(|o| o.method == method)
            .and_then(|o| o.integration.as_ref())
            .map(|i| i.loc.clone());
        let integrated = integration.is_some();
        if !merged {
            if !integrated {
                let declared = api
                    .paths
                    .iter()
                    .filter(|p| p.path == event.path)
                    .flat_map(|p| &p.operations)
                    .any(|o| o.method == method);
                let what = if declared { "declares it without an integration" } else { "does not declare it" };
                api.diagnostics.report(
                        SAM_EVENT_NOT_MERGED,
                        Severity::Warn,
                        event.loc.clone(),
                        format!(
                            "this event's route {} {} never reaches `{}`: SAM adds nothing to `{}`'s DefinitionBody, which {what}",
                            method.as_str(), event.path, event.function, tapi.logical_id
                        ),
                    ).help("set `MergeDefinitions: true` on the API so that SAM adds the event's integration, or write the method with an x-amazon-apigateway-integration to the function in the DefinitionBody");
            }
            continue;
        }
        if integrated && http {
            continue;
        }
        if integrated {
            api.diagnostics.report(
                    SAM_EVENT_CONFLICT,
                    Severity::Error,
                    event.loc.clone(),
                    format!("API method \"{}\" defined multiple times for path \"{}\".", event.method, event.path),
                ).help("SAM adds the function's integration to this method, which the OpenAPI document already integrates: remove the event, or the document's x-amazon-apigateway-integration")
                .related(integration.unwrap_or_default(), "the document's integration of this method");
            continue;
        }
        // The function's ARN, or its alias's when it publishes one (as SAM points at it).
        let function = resources.and_then(|r| r.get(&event.function));
        let alias = function.and_then(|f| f.pointer("/Properties/AutoPublishAlias")).and_then(Value::as_str);
        let target = match alias {
            Some(alias) => format!("{}Alias{alias}", event.function),
            None => format!("{}.Arn", event.function),
        };
        let mut uri = serde_json::json!({
            "Fn::Sub": format!("arn:aws:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{{target}}}/invocations")
        });
        ctx.resolve(&mut uri, 0);
        let uri = match uri {
            Value::String(s) => Text::Str(s),
            other => Text::Intrinsic(other),
        };
        let loc = event.loc.clone();
        let integration = Integration {
            loc: loc.clone(),
            reference: None,
            kind: Some(Choice { raw: Value::String("aws_proxy".into()), value: Some(IntegrationType::AwsProxy) }),
            http_method: Some(Text::Str("POST".into())),
            uri: Some(uri),
            credentials: if http { None } else { iam_credentials(event, &auth) },
            connection_type: None,
            connection_id: None,
            request_parameters: Default::default(),
            request_templates: Default::default(),
            passthrough_behavior: None,
            content_handling: None,
            timeout_in_millis: if http { number(event.properties.get("TimeoutInMillis")) } else { None },
            cache_key_parameters: Vec::new(),
            cache_namespace: None,
            responses: Default::default(),
            tls_config: None,
            payload_format_version: http.then(|| {
                event.properties.get("PayloadFormatVersion").map(text).unwrap_or_else(|| Text::Str("2.0".into()))
            }),
            integration_subtype: None,
            response_transfer_mode: None,
            integration_target: None,
        };
        let i = match api.paths.iter().position(|p| p.path == event.path) {
            Some(i) => i,
            None => {
                api.paths.push(PathItem { path: event.path.clone(), loc: loc.clone(), operations: Vec::new() });
                api.paths.len() - 1
            }
        };
        let operations = &mut api.paths[i].operations;
        let op = match operations.iter().position(|o| o.method == method) {
            Some(j) => {
                operations[j].integration = Some(integration);
                &mut operations[j]
            }
            None => {
                operations.push(Operation {
                    method,
                    loc,
                    operation_id: None,
                    summary: None,
                    description: None,
                    deprecated: false,
                    tags: Vec::new(),
                    parameters: Vec::new(),
                    request_body: None,
                    // SAM writes `responses: {}`.
                    responses: Some(Vec::new()),
                    security: None,
                    auth: None,
                    integration: Some(integration),
                    request_validator: None,
                    is_default_route: false,
                });
                operations.last_mut().expect("just pushed")
            }
        };
        if http {
            // SAM declares the event path's variables on the method.
            for name in event.path.split('/').filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}')) {
                let name = name.trim_end_matches('+');
                if !op.parameters.iter().any(|p| p.location == ParamIn::Path && p.name == name) {
                    op.parameters.push(Parameter {
                        name: name.to_string(),
                        location: ParamIn::Path,
                        required: true,
                        description: None,
                        deprecated: false,
                        schema: None,
                        style: None,
                        explode: None,
                        loc: event.loc.clone(),
                    });
                }
            }
        }
        api.uses_extensions = true;
    }
}

/// The `credentials` SAM gives a REST event's integration when IAM authorizes the method: the
/// `InvokeRole` (the event's, else the API's), or the caller's credentials; none for `NONE`.
fn iam_credentials(event: &FunctionEvent, api_auth: &Value) -> Option<Text> {
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
        Some(Value::String(s)) if s == "CALLER_CREDENTIALS" => Some(Text::Str("arn:aws:iam::*:user/*".into())),
        Some(v) => Some(text(&v)),
        None => Some(Text::Str("arn:aws:iam::*:user/*".into())),
    }
}

/// The `Api` / `HttpApi` events of the template's functions (and state machines) on `api`.
pub(super) fn events_of(template: &Source, api: &TemplateApi) -> Vec<FunctionEvent> {
    function_events(template, api, FileId(0))
}

/// Adds the events' routes and integrations to the API's document, as SAM does.
pub(super) fn apply(
    _doc: &mut Value,
    _template: &Source,
    _api: &TemplateApi,
    _ctx: &Context,
    _events: &[FunctionEvent],
    _out: &mut crate::load::template::Transformed,
) -> Result<(), Vec<crate::load::template::NotBuilt>> {
    Ok(())
}
