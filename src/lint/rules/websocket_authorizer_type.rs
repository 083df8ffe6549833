use crate::diag::Severity;
use crate::ir::{Api, WsAuthorization};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// A WebSocket API's authorizers are Lambda `REQUEST` authorizers: an
/// `AWS::ApiGatewayV2::Authorizer` of the API with another `AuthorizerType` (`JWT`, or a REST
/// API's `TOKEN` or `COGNITO_USER_POOLS`) is reported. So is a `$connect` route whose
/// `AuthorizationType` is not `NONE`, `AWS_IAM` or `CUSTOM` (`JWT`); on the other routes
/// `websocket-auth-connect-only` already reports any authorization. A type given as an
/// intrinsic gwgen cannot resolve is not checked.
///
/// ## Why
/// API Gateway v2 knows two authorizer types, `REQUEST` ("a Lambda function using incoming
/// request parameters") and `JWT` ("supported only for HTTP APIs") [BOTO2:AuthorizerType];
/// `TOKEN` and `COGNITO_USER_POOLS` exist only in REST APIs [BOTO1:AuthorizerType]. The guide
/// says the same: WebSocket APIs support only `REQUEST` Lambda authorizers
/// [DG:apigateway-use-lambda-authorizer]. For a route, "For WebSocket APIs, valid values are
/// NONE for open access, AWS_IAM for using AWS IAM permissions, and CUSTOM for using a Lambda
/// authorizer"; `JWT` is listed for HTTP APIs only [BOTO2:CreateRouteRequest.AuthorizationType].
/// CloudFormation's CreateAuthorizer or CreateRoute call is refused, and the stack fails.
///
/// ## Example
/// ```yaml
/// ChatAuthorizer:
///   Type: AWS::ApiGatewayV2::Authorizer
///   Properties:
///     ApiId: !Ref Chat              # a WEBSOCKET API
///     AuthorizerType: JWT
///     IdentitySource: [route.request.header.Authorization]
///     JwtConfiguration: {Audience: [app], Issuer: https://issuer.example.com}
/// ```
///
/// ## Fix
/// Use a Lambda `REQUEST` authorizer (`AuthorizerType: REQUEST`, an `AuthorizerUri` to the
/// function, identity sources such as `route.request.querystring.token`) that validates the
/// token itself, and set `AuthorizationType: CUSTOM` on the `$connect` route; or use
/// `AWS_IAM` on `$connect`.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html>
/// - <https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html>
/// - <https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html>
pub struct WebsocketAuthorizerType;

impl Rule for WebsocketAuthorizerType {
    const META: RuleMeta = RuleMeta {
        id: "websocket-authorizer-type",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "a WebSocket API's authorizers are REQUEST (Lambda); $connect takes NONE, AWS_IAM or CUSTOM",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        for a in ws.authorizers.values() {
            let Some(kind) = a.kind.as_ref().filter(|k| k.value != "REQUEST") else { continue };
            let help = match kind.value.as_str() {
                "JWT" => "JWT authorizers exist only in HTTP APIs: use a Lambda REQUEST authorizer that validates the token",
                "TOKEN" | "COGNITO_USER_POOLS" => {
                    "that type exists only in REST APIs: use a Lambda REQUEST authorizer (identity sources such as route.request.header.Auth)"
                }
                _ => "write `AuthorizerType: REQUEST`, with a Lambda function as `AuthorizerUri`",
            };
            out.report(
                kind.loc.clone(),
                format!(
                    "authorizer `{}` is of type {}: a WebSocket API takes only Lambda REQUEST authorizers",
                    a.id, kind.value
                ),
            )
            .help(help);
        }
        for route in ws.routes.iter().filter(|r| r.key_str() == Some("$connect")) {
            let Some(a) = route.authorization.as_ref().filter(|a| a.value == WsAuthorization::Other) else { continue };
            let raw = route.authorization_raw.as_deref().unwrap_or("?");
            out.report(
                a.loc.clone(),
                format!("route `$connect` has authorization type {raw}: WebSocket routes take NONE, AWS_IAM or CUSTOM"),
            )
            .help("use CUSTOM with a Lambda REQUEST authorizer, or AWS_IAM");
        }
    }
}
