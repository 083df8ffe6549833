use crate::diag::Severity;
use crate::ir::{Api, Placed, Selection, Text};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// The two API key selection expressions API Gateway supports.
const API_KEY_EXPRESSIONS: [&str; 2] = ["$request.header.x-api-key", "$context.authorizer.usageIdentifierKey"];

/// ## What it checks
/// The selection expressions of a WebSocket API are written as API Gateway reads them:
/// - the API has a `RouteSelectionExpression`, and its variables are in the message body
///   (`$request.body.action`, `${request.body.service}/${request.body.action}`; static text is
///   allowed);
/// - its `ApiKeySelectionExpression` is `$request.header.x-api-key` or
///   `$context.authorizer.usageIdentifierKey`;
/// - a route's `RouteResponseSelectionExpression` is `$default`;
/// - every selection expression (those, and the model and template selection expressions of
///   routes, integrations and integration responses) has closed `${...}` braces and no `$`
///   without a variable name (a literal dollar sign is `\$`, as in `\$default`).
///
/// ## Why
/// "This property is required for WebSocket APIs" (`RouteSelectionExpression`,
/// [BOTO2:CreateApiRequest.RouteSelectionExpression]), and "for WebSocket-based APIs, the
/// expression should be of the form `$request.body.{path_to_body_element}`"
/// [DG:websocket-api-develop-routes]. For API keys "currently the only two supported values are
/// `$request.header.x-api-key` and `$context.authorizer.usageIdentifierKey`", and the route
/// response selection expression is "currently restricted to `$default` only"
/// [DG:apigateway-websocket-api-selection-expressions]. The same page gives the syntax: a
/// variable is prefixed with `$`, curly braces bound it, and `\` escapes a dollar sign.
///
/// ## Example
/// ```yaml
/// RouteSelectionExpression: ${request.body.action       # the brace is never closed
/// ApiKeySelectionExpression: $request.header.x-key      # not one of the two supported values
/// ```
///
/// ## Fix
/// Route by a property of the JSON message (`$request.body.action`), take API keys from the
/// `x-api-key` header or a Lambda authorizer's `usageIdentifierKey`, and set
/// `RouteResponseSelectionExpression: $default` on two-way routes.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html>
pub struct WebsocketSelectionExpressionSyntax;

impl Rule for WebsocketSelectionExpressionSyntax {
    const META: RuleMeta = RuleMeta {
        id: "websocket-selection-expression-syntax",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Deploy,
        generic: false,
        summary: "WebSocket selection expressions use the syntax and values API Gateway supports",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        // Parses one expression; reports a syntax error and gives back the parse.
        let parsed = |e: &Placed<Text>, what: &str, out: &mut Findings| -> Option<Selection> {
            let text = e.value.as_str()?;
            match Selection::parse(text) {
                Ok(s) => Some(s),
                Err(why) => {
                    out.report(e.loc.clone(), format!("the {what} `{text}` is not a selection expression: {why}"))
                        .help("write variables as `$request.body.action` or `${request.body.action}`, and a literal dollar sign as `\\$`");
                    None
                }
            }
        };
        match &ws.route_selection_expression {
            None => {
                out.report(ws.loc.clone(), format!("WebSocket API `{}` has no RouteSelectionExpression", ws.logical_id))
                    .help("add `RouteSelectionExpression: $request.body.action` (it is required for WebSocket APIs)");
            }
            Some(e) => {
                if let Some(s) = parsed(e, "route selection expression", out) {
                    if let Some(v) = s.variables().find(|v| !v.starts_with("request.body.")) {
                        out.report(e.loc.clone(), format!("the route selection expression reads `${v}`: WebSocket APIs route by the message body, `$request.body.<path>`"))
                            .help("select routes by a property of the JSON message, for example `$request.body.action`");
                    }
                }
            }
        }
        if let Some(e) = &ws.api_key_selection_expression {
            if let Some(text) = e.value.as_str().filter(|t| !API_KEY_EXPRESSIONS.contains(t)) {
                out.report(e.loc.clone(), format!("the API key selection expression `{text}` is not one API Gateway supports"))
                    .help("use `$request.header.x-api-key` (the key in the x-api-key header) or `$context.authorizer.usageIdentifierKey` (from a Lambda authorizer)");
            }
        }
        for route in &ws.routes {
            if let Some(e) = &route.route_response_selection_expression {
                if let Some(text) = e.value.as_str().filter(|t| !matches!(*t, "$default" | "\\$default")) {
                    out.report(e.loc.clone(), format!("the route response selection expression `{text}` is not `$default`, the only value API Gateway supports"))
                        .help("set `RouteResponseSelectionExpression: $default` for a two-way route, or remove it for a one-way route");
                }
            }
            if let Some(e) = &route.model_selection_expression {
                parsed(e, "model selection expression", out);
            }
        }
        for i in ws.integrations.values() {
            if let Some(e) = &i.template_selection_expression {
                parsed(e, "template selection expression", out);
            }
            if let Some(e) = &i.integration_response_selection_expression {
                parsed(e, "integration response selection expression", out);
            }
            for r in &i.responses {
                if let Some(e) = &r.template_selection_expression {
                    parsed(e, "template selection expression", out);
                }
            }
        }
    }
}
