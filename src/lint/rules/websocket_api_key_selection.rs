use crate::diag::Severity;
use crate::ir::{Api, WsAuthorization};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// A WebSocket API's `ApiKeySelectionExpression` and its routes' `ApiKeyRequired` go together:
/// - an API key selection expression while no route requires a key is never evaluated;
/// - a route that requires a key while the expression is
///   `$context.authorizer.usageIdentifierKey` and the route has no Lambda authorizer (`CUSTOM`)
///   can never find its key.
///
/// ## Why
/// The API key selection expression "is evaluated when the service determines the given request
/// should proceed only if the client provides a valid API key"; `$context.authorizer.
/// usageIdentifierKey` is the key a Lambda authorizer returns
/// [DG:apigateway-websocket-api-selection-expressions] [DG:api-gateway-api-key-source]. A route
/// requires a key with `ApiKeyRequired` [BOTO2:CreateRouteRequest.ApiKeyRequired]. An
/// expression without a key-required route suggests keys are checked when they are not; a key
/// expected from an authorizer that does not run refuses every connection.
///
/// ## Example
/// ```yaml
/// ApiKeySelectionExpression: $request.header.x-api-key
/// # ... and no route with ApiKeyRequired: true
/// ```
///
/// ## Fix
/// Set `ApiKeyRequired: true` on `$connect` (with a usage plan for the stage), or remove the
/// expression; with `$context.authorizer.usageIdentifierKey`, authorize the route with a Lambda
/// authorizer that returns `usageIdentifierKey`.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html>
pub struct WebsocketApiKeySelection;

impl Rule for WebsocketApiKeySelection {
    const META: RuleMeta = RuleMeta {
        id: "websocket-api-key-selection",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Runtime,
        generic: false,
        summary: "a WebSocket API key selection expression has key-required routes, and they can find their key",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        let required: Vec<_> =
            ws.routes.iter().filter(|r| r.api_key_required.as_ref().is_some_and(|k| k.value)).collect();
        let Some(e) = &ws.api_key_selection_expression else { return };
        if required.is_empty() {
            out.report(e.loc.clone(), "the API key selection expression is never evaluated: no route requires an API key")
                .help("set `ApiKeyRequired: true` on the routes that need a key (usually `$connect`), or remove the expression");
            return;
        }
        if e.value.as_str() != Some("$context.authorizer.usageIdentifierKey") {
            return;
        }
        for route in required {
            if route.authorization.as_ref().is_some_and(|a| a.value == WsAuthorization::Custom) {
                continue;
            }
            let key = route.key.value.display();
            let at = route.api_key_required.as_ref().map_or_else(|| route.loc.clone(), |k| k.loc.clone());
            out.report(at, format!("route `{key}` requires an API key from a Lambda authorizer (`$context.authorizer.usageIdentifierKey`), but no Lambda authorizer runs on it"))
                .help("authorize the route with a Lambda REQUEST authorizer that returns usageIdentifierKey, or take the key from the x-api-key header")
                .related(e.loc.clone(), "the API key selection expression");
        }
    }
}
