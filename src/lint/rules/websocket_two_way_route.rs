use crate::diag::Severity;
use crate::ir::{Api, IntegrationType};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// A WebSocket route's two-way settings agree:
/// - a route with a `RouteResponseSelectionExpression` but no route response stays one-way: the
///   expression has nothing to select;
/// - `$disconnect` with two-way settings: it runs after the connection is closed;
/// - a two-way route (one with a route response) whose integration is not a proxy (`AWS`, `HTTP`,
///   `MOCK`) and has no integration response: the backend's answer has no response to go
///   through.
///
/// ## Why
/// "If a route has a route response, it is configured for two-way communication. Otherwise, it
/// is configured for one-way communication" [DG:apigateway-websocket-api-route-response]. For
/// non-proxy integrations "`$default` is required ... to act as the catch-all for successful
/// responses" [DG:apigateway-websocket-api-selection-expressions]. "The `$disconnect` route is
/// executed after the connection is closed"
/// [DG:apigateway-websocket-api-route-keys-connect-disconnect], so nothing can be returned on it.
/// A half set up route deploys, and clients wait for replies that never come.
///
/// (The selection expressions page also says the route response selection expression "should be
/// provided to initiate two-way communication"; AWS's own samples give routes a route response
/// without one, so a route response without the expression is not reported.)
///
/// ## Example
/// ```yaml
/// PingRoute:
///   Type: AWS::ApiGatewayV2::Route
///   Properties:
///     ApiId: !Ref Chat
///     RouteKey: ping
///     RouteResponseSelectionExpression: $default   # and no AWS::ApiGatewayV2::RouteResponse
/// ```
///
/// ## Fix
/// For a two-way route add an `AWS::ApiGatewayV2::RouteResponse` with `RouteResponseKey:
/// $default` (and set `RouteResponseSelectionExpression: $default`), and for a non-proxy
/// integration an `AWS::ApiGatewayV2::IntegrationResponse` with `IntegrationResponseKey:
/// $default`; for a one-way route remove the two-way settings.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html>
pub struct WebsocketTwoWayRoute;

impl Rule for WebsocketTwoWayRoute {
    const META: RuleMeta = RuleMeta {
        id: "websocket-two-way-route",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Runtime,
        generic: false,
        summary: "a two-way WebSocket route has its route response and integration response",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        for route in &ws.routes {
            let key = route.key.value.display();
            let expression = &route.route_response_selection_expression;
            if route.key_str() == Some("$disconnect") && (expression.is_some() || !route.responses.is_empty()) {
                let at = expression.as_ref().map_or_else(|| route.responses[0].loc.clone(), |e| e.loc.clone());
                out.report(at, "`$disconnect` has two-way settings, but it runs after the connection is closed")
                    .help("remove the route response selection expression and route responses of `$disconnect`");
                continue;
            }
            if let (Some(e), true) = (expression, route.responses.is_empty()) {
                out.report(e.loc.clone(), format!("route `{key}` has a route response selection expression but no route response, so it stays one-way"))
                    .help("add an AWS::ApiGatewayV2::RouteResponse with `RouteResponseKey: $default` for this route, or remove the expression");
            }
            if !route.is_two_way() {
                continue;
            }
            let Some(integration) = ws.integration_of(route) else { continue };
            let proxy = integration.kind().is_some_and(IntegrationType::is_proxy);
            if !proxy && integration.kind().is_some() && integration.responses.is_empty() {
                let at = integration.kind.as_ref().map_or_else(|| integration.loc.clone(), |k| k.loc.clone());
                out.report(at, format!("route `{key}` is two-way, but its {} integration has no integration response to return", integration.kind.as_ref().map(|k| k.value.raw_text()).unwrap_or_default()))
                    .help("add an AWS::ApiGatewayV2::IntegrationResponse with `IntegrationResponseKey: $default` for this integration")
                    .related(route.loc.clone(), "the two-way route");
            }
        }
    }
}
