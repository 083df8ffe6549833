//! SAM's `Auth` on an API: authorizers, the default authorizer and API keys, added to the document's security.

use serde_json::Value;

use crate::ir::{ApiType, Text};
use crate::load::template::{text, Context, TemplateApi};
use crate::source::{FileId, Loc, Pointer, Source};

use super::events::FunctionEvent;

/// What SAM adds to the body of an `AWS::Serverless::Api` / `HttpApi` from its `Auth`: a security
/// scheme for each of `Authorizers` (and `AWS_IAM`, `api_key`) the body does not define, the
/// `DefaultAuthorizer` on every method without `security` of its own, and the API key on every
/// method when `ApiKeyRequired` (OPTIONS too unless `AddDefaultAuthorizerToCorsPreflight` /
/// `AddApiKeyRequiredToCorsPreflight` is false). Locations point into the template.
pub fn apply_sam_auth(
    api: &mut crate::ir::Api,
    template: &Source,
    tapi: &TemplateApi,
    file: FileId,
    ctx: &Context,
    events: &[FunctionEvent],
) {
    use crate::ir::{
        Authorizer, AuthorizerType, Choice, JwtConfiguration, Method, SecurityRequirement, SecurityScheme,
    };
    if !tapi.resource_type.starts_with("AWS::Serverless") {
        return;
    }
    let Some(mut auth) = template
        .value
        .pointer(&format!("/Resources/{}/Properties/Auth", tapi.logical_id.replace('~', "~0").replace('/', "~1")))
        .cloned()
    else {
        return;
    };
    ctx.resolve(&mut auth, 0);
    let auth_ptr = Pointer::root().push("Resources").push(&tapi.logical_id).push("Properties").push("Auth");
    let at = |ptr: &Pointer| Loc::new(file, ptr.clone());
    let http = tapi.api_type == ApiType::Http;
    let scheme =
        |loc: Loc, kind: &str, name: &str, authtype: Option<&str>, authorizer: Option<Authorizer>| SecurityScheme {
            loc,
            kind: kind.to_string(),
            param_name: (kind == "apiKey").then(|| name.to_string()),
            param_in: (kind == "apiKey").then(|| "header".to_string()),
            scheme: None,
            open_id_connect_url: None,
            flows: None,
            authtype: authtype.map(str::to_string),
            authorizer,
        };
    let choice = |t: AuthorizerType, raw: &str| Some(Choice { raw: Value::String(raw.into()), value: Some(t) });
    if let Some(Value::Object(authorizers)) = auth.get("Authorizers") {
        for (name, a) in authorizers {
            if api.security_schemes.contains_key(name) {
                continue;
            }
            let loc = at(&auth_ptr.push("Authorizers").push(name));
            let identity = a.get("Identity");
            let header = identity.and_then(|i| i.get("Header")).and_then(Value::as_str).unwrap_or("Authorization");
            let mut authorizer = Authorizer {
                loc: loc.clone(),
                kind: None,
                authorizer_uri: None,
                authorizer_credentials: a.get("FunctionInvokeRole").map(text),
                identity_source: None,
                identity_validation_expression: identity
                    .and_then(|i| i.get("ValidationExpression"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                result_ttl_in_seconds: None,
                provider_arns: Vec::new(),
                payload_format_version: a.get("AuthorizerPayloadFormatVersion").map(text),
                enable_simple_responses: a.get("EnableSimpleResponses").and_then(Value::as_bool),
                jwt_configuration: None,
            };
            let made = if let Some(pools) = a.get("UserPoolArn") {
                authorizer.kind = choice(AuthorizerType::CognitoUserPools, "cognito_user_pools");
                authorizer.provider_arns = match pools {
                    Value::Array(list) => list.iter().map(text).collect(),
                    one => vec![text(one)],
                };
                authorizer.identity_source = Some(Text::Str(format!("method.request.header.{header}")));
                scheme(loc, "apiKey", header, Some("cognito_user_pools"), Some(authorizer))
            } else if let Some(jwt) = a.get("JwtConfiguration") {
                authorizer.kind = choice(AuthorizerType::Jwt, "jwt");
                authorizer.identity_source = a.get("IdentitySource").map(text);
                authorizer.jwt_configuration = Some(JwtConfiguration {
                    issuer: jwt.get("issuer").or_else(|| jwt.get("Issuer")).map(text),
                    audience: match jwt.get("audience").or_else(|| jwt.get("Audience")) {
                        Some(Value::Array(list)) => list.iter().map(text).collect(),
                        Some(one) => vec![text(one)],
                        None => Vec::new(),
                    },
                });
                scheme(loc, "oauth2", name, None, Some(authorizer))
            } else if let Some(function) = a.get("FunctionArn") {
                // As SAM writes it; a function ARN the template resolves is written in place.
                let resolved = match function {
                    Value::String(arn) => Some(arn.as_str()),
                    other => other.get("Fn::Sub").and_then(Value::as_str),
                };
                let sub = match resolved {
                    Some(arn) => serde_json::json!(format!(
                        "arn:aws:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/{arn}/invocations"
                    )),
                    None => serde_json::json!([
                        "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations",
                        {"__FunctionArn__": function}
                    ]),
                };
                authorizer.authorizer_uri = Some(Text::Intrinsic(serde_json::json!({ "Fn::Sub": sub })));
                let request = http || a.get("FunctionPayloadType").and_then(Value::as_str) == Some("REQUEST");
                if request {
                    authorizer.kind = choice(AuthorizerType::Request, "request");
                    let prefix = if http { "$request." } else { "method.request." };
                    let mut sources = Vec::new();
                    for (key, place) in [("Headers", "header"), ("QueryStrings", "querystring")] {
                        for v in identity.and_then(|i| i.get(key)).and_then(Value::as_array).into_iter().flatten() {
                            if let Some(v) = v.as_str() {
                                sources.push(format!("{prefix}{place}.{v}"));
                            }
                        }
                    }
                    for (key, place) in [("StageVariables", "stageVariables"), ("Context", "context")] {
                        for v in identity.and_then(|i| i.get(key)).and_then(Value::as_array).into_iter().flatten() {
                            if let Some(v) = v.as_str() {
                                sources.push(format!("{place}.{v}"));
                            }
                        }
                    }
                    authorizer.identity_source = (!sources.is_empty()).then(|| Text::Str(sources.join(", ")));
                } else {
                    authorizer.kind = choice(AuthorizerType::Token, "token");
                    authorizer.identity_source = Some(Text::Str(format!("method.request.header.{header}")));
                }
                scheme(loc, "apiKey", header, Some("custom"), Some(authorizer))
            } else {
                continue;
            };
            api.security_schemes.insert(name.clone(), made);
        }
    }
    let default = auth.get("DefaultAuthorizer").and_then(Value::as_str).map(str::to_string);
    let iam = default.as_deref() == Some("AWS_IAM")
        || (http && auth.get("EnableIamAuthorizer").and_then(Value::as_bool) == Some(true));
    if iam && !api.security_schemes.contains_key("AWS_IAM") {
        let loc = at(&auth_ptr.push(if http { "EnableIamAuthorizer" } else { "DefaultAuthorizer" }));
        api.security_schemes.insert("AWS_IAM".into(), scheme(loc, "apiKey", "Authorization", Some("awsSigv4"), None));
    }
    let key_required = !http && auth.get("ApiKeyRequired").and_then(Value::as_bool) == Some(true);
    if key_required && !api.security_schemes.contains_key("api_key") {
        let loc = at(&auth_ptr.push("ApiKeyRequired"));
        api.security_schemes.insert("api_key".into(), scheme(loc, "apiKey", "x-api-key", None, None));
    }
    let default = default.filter(|d| api.security_schemes.contains_key(d));
    let preflight = |key: &str| auth.get(key).and_then(Value::as_bool) != Some(false);
    for path in &mut api.paths {
        for op in &mut path.operations {
            let options = op.method == Method::Options;
            // A function event on this path and method may name its own authorizer (or NONE).
            let event = events.iter().find(|e| e.is_on(&path.path, op.method));
            // Scopes: the event's `AuthorizationScopes`, else the authorizer's own.
            let scopes = |name: &str| -> Vec<String> {
                event.and_then(|e| e.scopes.clone()).unwrap_or_else(|| {
                    let list =
                        auth.get("Authorizers").and_then(|a| a.get(name)).and_then(|a| a.get("AuthorizationScopes"));
                    list.and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
            };
            if let (Some(e), None) = (event, &op.security) {
                if let Some(name) = &e.authorizer {
                    let mut schemes = indexmap::IndexMap::new();
                    let scopes = if name == "NONE" { Vec::new() } else { scopes(name) };
                    schemes.insert(name.clone(), scopes);
                    op.security = Some(vec![SecurityRequirement { loc: e.loc.clone(), schemes }]);
                }
            }
            if let Some(d) = &default {
                if op.security.is_none() && (!options || preflight("AddDefaultAuthorizerToCorsPreflight")) {
                    let mut schemes = indexmap::IndexMap::new();
                    schemes.insert(d.clone(), scopes(d));
                    op.security =
                        Some(vec![SecurityRequirement { loc: at(&auth_ptr.push("DefaultAuthorizer")), schemes }]);
                }
            }
            let key_required = event.and_then(|e| e.api_key_required).unwrap_or(key_required);
            if key_required && (!options || preflight("AddApiKeyRequiredToCorsPreflight")) {
                let has_key = op.security.iter().flatten().any(|r| r.schemes.contains_key("api_key"));
                if !has_key {
                    let mut schemes = indexmap::IndexMap::new();
                    schemes.insert("api_key".to_string(), Vec::new());
                    op.security
                        .get_or_insert_with(Vec::new)
                        .push(SecurityRequirement { loc: at(&auth_ptr.push("ApiKeyRequired")), schemes });
                }
            }
        }
    }
}

/// Adds the API's and the events' `Auth` to the API's document, as SAM does.
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
