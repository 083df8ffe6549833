use crate::diag::Severity;
use crate::ir::{Api, AuthorizerType, Text};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// An HTTP API Lambda authorizer (`type: request`) has `authorizerPayloadFormatVersion` `1.0` or
/// `2.0`, and `enableSimpleResponses: true` only with `2.0`.
///
/// ## Why
/// `AuthorizerPayloadFormatVersion` "Specifies the format of the payload sent to an HTTP API
/// Lambda authorizer. Required for HTTP API Lambda authorizers. Supported values are 1.0 and 2.0"
/// [BOTO2:Authorizer.AuthorizerPayloadFormatVersion]. Simple responses (`{"isAuthorized": true}`)
/// exist only in format 2.0: `enableSimpleResponses` is "Supported only for authorizers with an
/// `authorizerPayloadFormatVersion` of `2.0`" [DG:api-gateway-swagger-extensions-authorizer]
/// [DG:http-api-lambda-authorizer]. API Gateway rejects an authorizer without the version, with
/// another value, or with simple responses in format 1.0.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-authorizer:
///   type: request
///   authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
///   enableSimpleResponses: true          # no authorizerPayloadFormatVersion
/// ```
///
/// ## Fix
/// Add `authorizerPayloadFormatVersion: "2.0"` (simple or IAM-policy responses) or `"1.0"` (IAM
/// policy responses, the REST API format).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html>
pub struct HttpAuthorizerPayloadVersion;

impl Rule for HttpAuthorizerPayloadVersion {
    const META: RuleMeta = RuleMeta {
        id: "http-authorizer-payload-version",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "an HTTP Lambda authorizer has authorizerPayloadFormatVersion 1.0 or 2.0; simple responses need 2.0",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, scheme) in &api.security_schemes {
            let Some(authorizer) = &scheme.authorizer else { continue };
            if authorizer.kind.as_ref().and_then(|k| k.get()) != Some(AuthorizerType::Request) {
                continue;
            }
            let version = match &authorizer.payload_format_version {
                None => {
                    out.report(
                        authorizer.loc.clone(),
                        format!("the Lambda authorizer of security scheme `{name}` has no authorizerPayloadFormatVersion, which HTTP APIs require"),
                    )
                    .help("add `authorizerPayloadFormatVersion: \"2.0\"` (or \"1.0\" for the REST API payload)");
                    continue;
                }
                Some(Text::Str(v)) => v.trim(),
                Some(Text::Intrinsic(_)) => continue,
            };
            let loc = authorizer.loc.child("authorizerPayloadFormatVersion");
            match version {
                "1.0" | "1" if authorizer.enable_simple_responses == Some(true) => {
                    out.report(
                        authorizer.loc.child("enableSimpleResponses"),
                        format!("security scheme `{name}` enables simple responses with payload format {version}; they need format 2.0"),
                    )
                    .help("set `authorizerPayloadFormatVersion: \"2.0\"`, or remove `enableSimpleResponses` and return an IAM policy");
                }
                "1.0" | "2.0" | "1" | "2" => {}
                other => {
                    out.report(loc, format!("authorizerPayloadFormatVersion `{other}` of security scheme `{name}` is not 1.0 or 2.0"))
                        .help("use \"1.0\" or \"2.0\"");
                }
            }
        }
    }
}
