//! Security and authorizers: what each operation sends, and the client option each authorizer takes.

use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use serde_json::{json, Value};

use super::names::{doc_lines, key};
use super::views::AuthorizerView;
use crate::ir::{
    Api, ApiKeySource, ApiType, AuthKind, AuthorizerType, Choice, IdentitySource, Operation, SecurityScheme,
};

/// `x-amazon-apigateway-api-key-source: AUTHORIZER`: the Lambda authorizer supplies the API key,
/// so the client sends none.
fn key_from_authorizer(api: &Api) -> bool {
    api.apigw.api_key_source.as_ref().and_then(Choice::get) == Some(ApiKeySource::Authorizer)
}

/// What a security scheme asks of the client, as the runtime's `Auth` value; None when the client
/// has nothing to send (an API key the authorizer supplies, a cookie).
fn scheme_auth(api: &Api, name: &str, scheme: &SecurityScheme) -> Option<Value> {
    if scheme.is_iam() {
        return Some(json!({"type": "sigv4"}));
    }
    let header_name = || match (scheme.param_in.as_deref(), scheme.param_name.as_deref()) {
        (Some("header"), Some(n)) => n.to_string(),
        _ => "Authorization".to_string(),
    };
    if let Some(a) = &scheme.authorizer {
        // Where the authorizer reads the identity (for TOKEN and Cognito authorizers, the header
        // the scheme names, as API Gateway reads it); the client sends headers and query values.
        let sources: Vec<(&str, String)> = scheme
            .identity_sources()
            .into_iter()
            .filter_map(|s| match s {
                IdentitySource::Header(h) => Some(("header", h)),
                IdentitySource::Query(q) => Some(("query", q)),
                _ => None,
            })
            .collect();
        let kind = a.kind.as_ref().and_then(Choice::get).unwrap_or(AuthorizerType::Token);
        let first_header =
            || sources.iter().find(|(i, _)| *i == "header").map(|(_, n)| n.clone()).unwrap_or_else(header_name);
        return match kind {
            AuthorizerType::CognitoUserPools | AuthorizerType::Token => {
                Some(json!({"type": "token", "scheme": name, "in": "header", "name": first_header()}))
            }
            AuthorizerType::Jwt => Some(
                json!({"type": "token", "scheme": name, "in": "header", "name": first_header(), "prefix": "Bearer "}),
            ),
            AuthorizerType::Request if sources.is_empty() => None,
            AuthorizerType::Request => {
                let sources: Vec<Value> = sources.iter().map(|(i, n)| json!({"in": i, "name": n})).collect();
                Some(json!({"type": "request", "scheme": name, "sources": sources}))
            }
        };
    }
    let apigw_rest = api.uses_extensions && api.api_type == ApiType::Rest;
    match scheme.kind.to_ascii_lowercase().as_str() {
        "apikey" if apigw_rest => (!key_from_authorizer(api)).then(|| json!({"type": "apiKey"})),
        "apikey" => match (scheme.param_in.as_deref(), scheme.param_name.as_deref()) {
            (Some(place @ ("header" | "query")), Some(n)) => {
                Some(json!({"type": "token", "scheme": name, "in": place, "name": n}))
            }
            _ => None,
        },
        "http" | "basic" => {
            let s = scheme.scheme.as_deref().unwrap_or(if scheme.kind == "basic" { "basic" } else { "bearer" });
            let prefix = match s.to_ascii_lowercase().as_str() {
                "bearer" => "Bearer ".to_string(),
                "basic" => "Basic ".to_string(),
                other => format!("{} ", other.to_upper_camel_case()),
            };
            Some(json!({"type": "token", "scheme": name, "in": "header", "name": "Authorization", "prefix": prefix}))
        }
        "oauth2" | "openidconnect" => {
            Some(json!({"type": "token", "scheme": name, "in": "header", "name": "Authorization", "prefix": "Bearer "}))
        }
        _ => None,
    }
}

/// An operation's security as alternatives of requirements. For documents written for API
/// Gateway, what API Gateway enforces: the method's one authorizer plus its API key flag. For
/// plain OpenAPI documents, OpenAPI's rules (the root `security` applies; requirements are OR).
pub(super) fn operation_security(api: &Api, op: &Operation) -> Vec<Vec<Value>> {
    if api.uses_extensions {
        let auth = api.authorization(op);
        let mut all = Vec::new();
        match &auth.kind {
            AuthKind::None => {}
            AuthKind::Iam => all.push(json!({"type": "sigv4"})),
            AuthKind::Cognito { authorizer, .. }
            | AuthKind::Lambda { authorizer }
            | AuthKind::Jwt { authorizer, .. } => {
                if let Some(a) = api.security_schemes.get(authorizer).and_then(|s| scheme_auth(api, authorizer, s)) {
                    all.push(a);
                }
            }
        }
        if auth.api_key && !key_from_authorizer(api) {
            all.push(json!({"type": "apiKey"}));
        }
        return if all.is_empty() { Vec::new() } else { vec![all] };
    }
    let Some(requirements) = op.security.as_ref().or(api.security.as_ref()) else {
        return Vec::new();
    };
    let mut out: Vec<Vec<Value>> = Vec::new();
    for r in requirements {
        let all: Vec<Value> = r
            .schemes
            .keys()
            .filter_map(|name| api.security_schemes.get(name).and_then(|s| scheme_auth(api, name, s)))
            .collect();
        if all.is_empty() {
            // An empty requirement makes authentication optional.
            return Vec::new();
        }
        if !out.contains(&all) {
            out.push(all);
        }
    }
    out
}

/// The client option an authorizer's token (or identity sources) is given in.
pub(super) fn authorizer_view(api: &Api, auth: &Value, out: &mut IndexMap<String, AuthorizerView>) {
    let Some(scheme) = auth.get("scheme").and_then(Value::as_str) else { return };
    if out.contains_key(scheme) {
        return;
    }
    let described = api.security_schemes.get(scheme);
    let kind = described.and_then(|s| s.authorizer.as_ref()).and_then(|a| a.kind.as_ref()).and_then(Choice::get);
    let (ty, what, example) = match auth.get("type").and_then(Value::as_str) {
        Some("request") => {
            let names: Vec<&str> = auth["sources"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.get("name").and_then(Value::as_str))
                .collect();
            let sources: Vec<String> = names.iter().map(|n| format!("{}: string", key(n))).collect();
            // One source may also be given as its bare value.
            let single = if sources.len() == 1 { "string | " } else { "" };
            let example: Vec<String> = names.iter().map(|n| format!("{}: \"my-value\"", key(n))).collect();
            (
                format!("Provider<{single}{{ {} }}>", sources.join("; ")),
                "The identity sources of Lambda REQUEST authorizer",
                format!("{{ {} }}", example.join(", ")),
            )
        }
        _ => (
            "Provider<string>".to_string(),
            match kind {
                Some(AuthorizerType::CognitoUserPools) => {
                    "The Cognito user pool token (ID token, or access token for scoped methods) for authorizer"
                }
                Some(AuthorizerType::Jwt) => "The JWT (sent as `Bearer <token>`) for authorizer",
                Some(AuthorizerType::Token) | None if described.is_some_and(|s| s.authorizer.is_some()) => {
                    "The token of Lambda TOKEN authorizer"
                }
                _ => "The credential of security scheme",
            },
            "async () => \"my-token\"".to_string(),
        ),
    };
    let name = auth.get("name").and_then(Value::as_str);
    let mut doc = vec![format!("{what} `{scheme}`{}.", name.map(|n| format!(", sent in `{n}`")).unwrap_or_default())];
    doc = doc.iter().flat_map(|d| doc_lines(d)).collect();
    out.insert(scheme.to_string(), AuthorizerView { key: key(scheme), ty, doc, example });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn security_of(doc: &str) -> Vec<String> {
        let api = crate::load::test_api(doc, None);
        api.operations().map(|(_, op)| serde_json::to_string(&operation_security(&api, op)).unwrap()).collect()
    }

    #[test]
    fn api_keys_are_sent_only_when_the_key_source_is_the_header() {
        let doc = |source: &str| {
            format!(
                "swagger: '2.0'
info: {{title: t, version: '1'}}
x-amazon-apigateway-api-key-source: {source}
securityDefinitions:
  key: {{type: apiKey, name: x-api-key, in: header}}
paths:
  /a:
    get:
      security: [{{key: []}}]
      responses: {{'200': {{description: ok}}}}
      x-amazon-apigateway-integration: {{type: mock}}
"
            )
        };
        assert_eq!(security_of(&doc("HEADER")), vec![r#"[[{"type":"apiKey"}]]"#]);
        // The Lambda authorizer supplies the key: the client sends none.
        assert_eq!(security_of(&doc("AUTHORIZER")), vec!["[]"]);
    }

    #[test]
    fn root_security_follows_api_gateway_for_its_documents_and_openapi_otherwise() {
        let doc = |root: &str, extension: &str| {
            format!(
                "openapi: 3.0.3
info: {{title: t, version: '1'}}
security: [{{{root}: []}}]
components:
  securitySchemes:
    bearer: {{type: http, scheme: bearer}}
    lambda:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer: {{type: token, authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations'}}
paths:
  /a:
    get:
      responses: {{'200': {{description: ok}}}}
      {extension}
"
            )
        };
        let mock = "x-amazon-apigateway-integration: {type: mock}";
        // API Gateway applies the root requirement's authorizer to a method without its own.
        let lambda = security_of(&doc("lambda", mock));
        assert!(lambda[0].contains(r#""scheme":"lambda""#), "{lambda:?}");
        // An http bearer scheme is no authorizer: API Gateway enforces nothing for it.
        assert_eq!(security_of(&doc("bearer", mock)), vec!["[]"]);
        // Plain OpenAPI: the root requirement applies as OpenAPI says.
        let plain = doc("bearer", "");
        let plain = plain[..plain.find("    lambda:").unwrap()].to_string() + &plain[plain.find("paths:").unwrap()..];
        assert_eq!(
            security_of(&plain),
            vec![r#"[[{"type":"token","scheme":"bearer","in":"header","name":"Authorization","prefix":"Bearer "}]]"#]
        );
    }
}
