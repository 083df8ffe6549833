use crate::diag::Severity;
use crate::ir::{Api, WsAuthorization};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// A WebSocket API authorizes its clients on `$connect`: a `$connect` route with no
/// authorization (`AuthorizationType` absent or `NONE`, SAM's `Auth` absent or `AuthType: NONE`)
/// and no required API key, or no `$connect` route at all, is reported.
///
/// ## Why
/// Authorization of a WebSocket API happens "on the `$connect` route only", at connection time
/// [DG:apigateway-websocket-api-route-keys-connect-disconnect], and it protects every other
/// route [DG:websocket-api-develop-routes]. Without it anyone who knows the endpoint can connect
/// and send messages to every route's integration. A public API may mean it: this is a warning.
///
/// ## Example
/// ```yaml
/// ConnectRoute:
///   Type: AWS::ApiGatewayV2::Route
///   Properties:
///     ApiId: !Ref Chat
///     RouteKey: $connect
///     AuthorizationType: NONE
/// ```
///
/// ## Fix
/// Authorize `$connect` with `AWS_IAM` or a Lambda `REQUEST` authorizer (`CUSTOM`), or require
/// an API key on it; for an API meant to be public, silence the rule on the route with
/// `x-gwgen-ignore` or in gwgen.yaml.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html>
pub struct WebsocketConnectUnauthorized;

impl Rule for WebsocketConnectUnauthorized {
    const META: RuleMeta = RuleMeta {
        id: "websocket-connect-unauthorized",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Never,
        generic: false,
        summary: "a WebSocket API's $connect route is authorized",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        let Some(connect) = ws.route("$connect") else {
            out.report(ws.loc.clone(), format!("WebSocket API `{}` has no `$connect` route: any client can connect", ws.logical_id))
                .help("add a `$connect` route with AWS_IAM or a Lambda REQUEST authorizer");
            return;
        };
        let authorized = connect.authorization.as_ref().is_some_and(|a| a.value != WsAuthorization::None);
        let keyed = connect.api_key_required.as_ref().is_some_and(|k| k.value);
        if authorized || keyed {
            return;
        }
        let at = connect.authorization.as_ref().map_or_else(|| connect.key.loc.clone(), |a| a.loc.clone());
        out.report(at, "the `$connect` route has no authorization: any client can connect and use every route")
            .help("set AuthorizationType AWS_IAM, or CUSTOM with a Lambda REQUEST authorizer (SAM: Auth), on `$connect`");
    }
}
