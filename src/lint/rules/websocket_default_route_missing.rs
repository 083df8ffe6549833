use crate::diag::Severity;
use crate::ir::{Api, Selection};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// A WebSocket API without a `$default` route, whose route selection expression can give a
/// value no route has: an expression with a variable (`$request.body.action`), which any
/// message can set to anything or leave out, or a constant that is no route's key.
///
/// ## Why
/// "If no routes match the evaluated value and there is no `$default` route, the service returns
/// an error", and "non-JSON messages are directed to a `$default` route"
/// [DG:websocket-api-develop-routes]. Without `$default` a client that sends an unknown action,
/// or plain text, gets an error message instead of anything the API controls. That can be
/// intended: this is a note.
///
/// ## Example
/// ```yaml
/// RouteSelectionExpression: $request.body.action
/// # routes: $connect, sendmessage ... and no $default
/// ```
///
/// ## Fix
/// Add a `$default` route that answers unknown messages (with a two-way route response, or
/// through the @connections API).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html>
pub struct WebsocketDefaultRouteMissing;

impl Rule for WebsocketDefaultRouteMissing {
    const META: RuleMeta = RuleMeta {
        id: "websocket-default-route-missing",
        category: Category::Integration,
        severity: Severity::Info,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Runtime,
        generic: false,
        summary: "a WebSocket API whose route selection can miss has a $default route",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        if ws.route("$default").is_some() {
            return;
        }
        let Some(e) = &ws.route_selection_expression else { return };
        let Some(text) = e.value.as_str() else { return };
        let Ok(selection) = Selection::parse(text) else { return };
        let message = match selection.constant() {
            Some(c) if ws.route(&c).is_some() => return,
            Some(c) => format!("no `$default` route, and the route selection expression always gives `{c}`, which no route has"),
            None => format!("no `$default` route: a message whose `{text}` matches no route key, or that is not JSON, gets an error"),
        };
        out.report(e.loc.clone(), message)
            .help("add a `$default` route to handle messages no other route takes");
    }
}
