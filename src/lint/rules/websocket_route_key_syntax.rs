use std::collections::HashMap;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// The route keys of a WebSocket API: none is empty, none but `$connect`, `$disconnect` and
/// `$default` starts with `$`, and no key is used by two routes.
///
/// ## Why
/// A route key is the value the route selection expression must evaluate to for the route to
/// be chosen. `$connect`, `$disconnect` and `$default` are predefined; for a custom route, "do
/// not use the `$` prefix in the route key name. This prefix is reserved for predefined routes"
/// [DG:websocket-api-develop-routes]. A `$connect` misspelled (`$Connect`, `$conect`) is such a
/// reserved-prefix key and never runs. API Gateway selects "the route whose `routeKey` exactly
/// matches the evaluated value", so two routes cannot share a key: the second fails to create.
///
/// ## Example
/// ```yaml
/// RouteKey: $Connect      # not the predefined $connect
/// ```
///
/// ## Fix
/// Spell the predefined keys exactly, drop the `$` from custom keys, and give each route its own
/// key.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html>
pub struct WebsocketRouteKeySyntax;

impl Rule for WebsocketRouteKeySyntax {
    const META: RuleMeta = RuleMeta {
        id: "websocket-route-key-syntax",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Deploy,
        generic: false,
        summary: "WebSocket route keys are $connect, $disconnect, $default or custom keys without `$`",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        let mut seen: HashMap<&str, &crate::ir::Route> = HashMap::new();
        for route in &ws.routes {
            let Some(key) = route.key_str() else { continue };
            if key.trim().is_empty() {
                out.report(route.key.loc.clone(), "the route key is empty")
                    .help("give the route the value its messages select it by (their `action`, say), or `$default`");
                continue;
            }
            if key.starts_with('$') && !route.is_predefined() {
                let near = ["$connect", "$disconnect", "$default"]
                    .into_iter()
                    .find(|p| p.eq_ignore_ascii_case(key))
                    .map(|p| format!(" (did you mean `{p}`?)"))
                    .unwrap_or_default();
                out.report(
                    route.key.loc.clone(),
                    format!("route key `{key}` starts with `$`, which is reserved for `$connect`, `$disconnect` and `$default`{near}"),
                )
                .help("drop the `$` from a custom route key, or spell the predefined key exactly");
            }
            if let Some(first) = seen.get(key) {
                out.report(route.key.loc.clone(), format!("route key `{key}` is used by another route too"))
                    .help("give each route its own key; remove one of them")
                    .related(first.key.loc.clone(), "the first route with this key");
            } else {
                seen.insert(key, route);
            }
        }
    }
}
