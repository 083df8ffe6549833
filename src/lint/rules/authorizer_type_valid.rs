use crate::lint::helpers::is_intrinsic;
use crate::diag::Severity;
use crate::ir::{Api, ApiType, AuthorizerType};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Every `x-amazon-apigateway-authorizer` has a `type`, and the type exists for the API type:
/// `token`, `request` or `cognito_user_pools` in a REST API, `request` or `jwt` in an HTTP API.
/// Case does not matter (`TOKEN` and `token` are the same). A type given as a CloudFormation
/// intrinsic is not checked.
///
/// ## Why
/// `type` is required; REST APIs know the authorizer types `TOKEN`, `REQUEST` and
/// `COGNITO_USER_POOLS` [BOTO1:AuthorizerType], HTTP APIs only `REQUEST` (a Lambda authorizer)
/// and `JWT` [BOTO2:AuthorizerType], and the guide lists the same values per API type
/// [DG:api-gateway-swagger-extensions-authorizer]. Any other value fails the import.
///
/// ## Example
/// ```yaml
/// securitySchemes:
///   MyAuth:
///     type: apiKey
///     name: Authorization
///     in: header
///     x-amazon-apigateway-authorizer:
///       type: lambda          # not an authorizer type
///       authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
/// ```
///
/// ## Fix
/// Use `token` (one header carries a bearer token) or `request` (headers, query strings, stage
/// variables and context) for a Lambda authorizer, `cognito_user_pools` for a Cognito user pool
/// in a REST API, and `jwt` for an OpenID Connect or OAuth 2.0 issuer in an HTTP API.
pub struct AuthorizerTypeValid;

impl Rule for AuthorizerTypeValid {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-type-valid",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "authorizer type is token, request or cognito_user_pools (REST), request or jwt (HTTP)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let (allowed, label) = match api.api_type {
            ApiType::Rest => ("`token`, `request` or `cognito_user_pools`", "REST"),
            ApiType::Http => ("`request` or `jwt`", "HTTP"),
        };
        for (name, scheme) in &api.security_schemes {
            let Some(authorizer) = &scheme.authorizer else { continue };
            let Some(kind) = &authorizer.kind else {
                out.report(authorizer.loc.clone(), format!("the authorizer of security scheme `{name}` has no `type`"))
                    .help(format!("add `type:` with one of {allowed} ({label} API)"));
                continue;
            };
            if is_intrinsic(&kind.raw) {
                continue;
            }
            let raw = crate::lint::helpers::as_written(api, &authorizer.loc.child("type"), kind.raw_text());
            let Some(t) = kind.value else {
                out.report(
                    authorizer.loc.child("type"),
                    format!("security scheme `{name}`: `{raw}` is not an authorizer type"),
                )
                .help(format!("a {label} API's authorizers have type {allowed}"));
                continue;
            };
            let fits = match api.api_type {
                ApiType::Rest => t != AuthorizerType::Jwt,
                ApiType::Http => matches!(t, AuthorizerType::Request | AuthorizerType::Jwt),
            };
            if !fits {
                out.report(authorizer.loc.child("type"), format!("security scheme `{name}`: `{raw}` authorizers do not exist in {label} APIs"))
                    .help(match (api.api_type, t) {
                        (ApiType::Http, AuthorizerType::Token) => {
                            "HTTP APIs have no token authorizers: use `request` with `identitySource: $request.header.Authorization`".to_string()
                        }
                        (ApiType::Http, _) => "HTTP APIs validate Cognito tokens with a `jwt` authorizer whose issuer is the user pool (`https://cognito-idp.{region}.amazonaws.com/{poolId}`)".to_string(),
                        _ => format!("JWT authorizers exist only in HTTP APIs; a REST API uses {allowed}"),
                    });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;
    use crate::ir::ApiType;

    const DOC: &str = r#"
openapi: 3.0.1
info: {title: t, version: "1"}
paths: {}
components:
  securitySchemes:
    Jwt:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: JWT
        jwtConfiguration: {issuer: "https://example.com", audience: [a]}
    Lambda:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:a/invocations
    Token:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:a/invocations
    Cognito:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer:
        type: cognito_user_pools
        providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc]
"#;

    #[test]
    fn http_allows_request_and_jwt_only() {
        let found = pointers_of("authorizer-type-valid", DOC, Some(ApiType::Http));
        assert_eq!(
            found,
            [
                "/components/securitySchemes/Cognito/x-amazon-apigateway-authorizer/type",
                "/components/securitySchemes/Token/x-amazon-apigateway-authorizer/type",
            ]
        );
    }

    #[test]
    fn rest_rejects_jwt() {
        let found = pointers_of("authorizer-type-valid", DOC, Some(ApiType::Rest));
        assert_eq!(found, ["/components/securitySchemes/Jwt/x-amazon-apigateway-authorizer/type"]);
    }
}
