use crate::diag::Severity;
use crate::ir::{Api, ApiType};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// An authorizer carries only the fields of its API type:
///
/// - in an HTTP API, no `identityValidationExpression` and no `providerARNs` (REST fields);
/// - in a REST API, no `enableSimpleResponses`, `jwtConfiguration` or
///   `authorizerPayloadFormatVersion` (HTTP API fields).
///
/// ## Why
/// The authorizer extension's field table marks each field's API type
/// [DG:api-gateway-swagger-extensions-authorizer]: `identityValidationExpression` is "Supported
/// only for REST APIs", `jwtConfiguration` "Supported only for HTTP APIs", and
/// `authorizerPayloadFormatVersion` and `enableSimpleResponses` are described "For HTTP APIs".
/// `providerARNs` exists only on REST Cognito authorizers [BOTO1:Authorizer.providerARNs]; the
/// HTTP API's authorizer has no such field [BOTO2:Authorizer]. A field of the other API type is not applied: a REST API never reads a
/// `jwtConfiguration`, and an HTTP API's Lambda authorizer never checks a token against an
/// `identityValidationExpression`. The catalog scopes this rule to HTTP APIs; it names fields of
/// both types, so gwgen checks both.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-authorizer:       # in an HTTP API
///   type: request
///   identityValidationExpression: ^Bearer .+$
/// ```
///
/// ## Fix
/// Remove the field, or write what the API type offers (a JWT authorizer in an HTTP API, a
/// TOKEN authorizer with a validation expression in a REST API).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html>
pub struct AuthorizerV1OnlyFields;

impl Rule for AuthorizerV1OnlyFields {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-v1-only-fields",
        category: Category::Authorizer,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Runtime,
        generic: false,
        summary: "authorizers carry only the fields of their API type",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, scheme) in &api.security_schemes {
            let Some(a) = &scheme.authorizer else { continue };
            let present: Vec<&str> = match api.api_type {
                ApiType::Http => [
                    ("identityValidationExpression", a.identity_validation_expression.is_some()),
                    ("providerARNs", !a.provider_arns.is_empty()),
                ]
                .into_iter()
                .filter(|(_, p)| *p)
                .map(|(f, _)| f)
                .collect(),
                ApiType::Rest => [
                    ("enableSimpleResponses", a.enable_simple_responses.is_some()),
                    ("jwtConfiguration", a.jwt_configuration.is_some()),
                    ("authorizerPayloadFormatVersion", a.payload_format_version.is_some()),
                ]
                .into_iter()
                .filter(|(_, p)| *p)
                .map(|(f, _)| f)
                .collect(),
            };
            let (this, other) = match api.api_type {
                ApiType::Http => ("an HTTP API", "REST"),
                ApiType::Rest => ("a REST API", "HTTP API"),
            };
            for field in present {
                out.report(
                    a.loc.child(field),
                    format!("security scheme `{name}`: `{field}` is a {other} authorizer field; {this} does not use it"),
                )
                .help("remove it, or configure what this API type offers instead");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;

    #[test]
    fn rest_api_http_fields() {
        let doc = r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths: {}
securityDefinitions:
  token:
    type: apiKey
    name: Authorization
    in: header
    x-amazon-apigateway-authorizer:
      type: token
      authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:a/invocations
      identityValidationExpression: ^Bearer .+$
      authorizerPayloadFormatVersion: "2.0"
      enableSimpleResponses: true
"#;
        assert_eq!(
            pointers_of("authorizer-v1-only-fields", doc, None),
            [
                "/securityDefinitions/token/x-amazon-apigateway-authorizer/authorizerPayloadFormatVersion",
                "/securityDefinitions/token/x-amazon-apigateway-authorizer/enableSimpleResponses",
            ]
        );
    }
}
