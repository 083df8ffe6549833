use crate::diag::Severity;
use crate::ir::{Api, WsAuthorization};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// In a WebSocket API, only the `$connect` route is authorized: another route with an
/// `AuthorizationType` other than `NONE` (`AWS_IAM`, `CUSTOM`), or with an `AuthorizerId`, is
/// reported.
///
/// ## Why
/// "Because the WebSocket connection is a stateful connection, you can configure authorization
/// on the `$connect` route only. AuthN/AuthZ will be performed only at connection time"
/// [DG:apigateway-websocket-api-route-keys-connect-disconnect]. The `$connect` route's
/// authorization "is applied to the entire API, not just the `$connect` route", because every
/// connection passes it [DG:websocket-api-develop-routes]; API Gateway refuses authorization set
/// on another route, so creating the route fails.
///
/// ## Example
/// ```yaml
/// SendRoute:
///   Type: AWS::ApiGatewayV2::Route
///   Properties:
///     ApiId: !Ref Chat
///     RouteKey: sendmessage
///     AuthorizationType: CUSTOM        # only $connect may be authorized
///     AuthorizerId: !Ref ChatAuthorizer
/// ```
///
/// ## Fix
/// Move the authorization to the `$connect` route and set `AuthorizationType: NONE` (or leave it
/// out) on the others; check per-message permissions in the integration if messages differ in
/// what they may do.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html>
pub struct WebsocketAuthConnectOnly;

impl Rule for WebsocketAuthConnectOnly {
    const META: RuleMeta = RuleMeta {
        id: "websocket-auth-connect-only",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Deploy,
        generic: false,
        summary: "a WebSocket API authorizes on $connect only",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        for route in ws.routes.iter().filter(|r| r.key_str().is_some_and(|k| k != "$connect")) {
            let key = route.key.value.display();
            if let Some(a) = route.authorization.as_ref().filter(|a| a.value != WsAuthorization::None) {
                let raw = route.authorization_raw.as_deref().unwrap_or("?");
                out.report(
                    a.loc.clone(),
                    format!("route `{key}` sets authorization {raw}: a WebSocket API authorizes on `$connect` only"),
                )
                .help("authorize the `$connect` route, which every connection passes, and set NONE here");
            } else if let Some(id) = &route.authorizer {
                out.report(
                    id.loc.clone(),
                    format!("route `{key}` names authorizer `{}`: a WebSocket API authorizes on `$connect` only", id.value),
                )
                .help("remove the AuthorizerId here and give it to the `$connect` route");
            }
        }
    }
}
