use crate::diag::Severity;
use crate::ir::{Api, WsIdentitySource};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// Each `IdentitySource` of a WebSocket API's Lambda authorizer is in the syntax WebSocket APIs
/// use: `route.request.header.NAME`, `route.request.querystring.NAME`, `stageVariables.NAME` or
/// `context.NAME`. The HTTP API form (`$request.header.NAME`) and the REST form
/// (`method.request.header.NAME`) are reported, with the WebSocket form to use.
///
/// ## Why
/// "If an Auth header and a Name query string parameter are defined as identity sources, this
/// value is `route.request.header.Auth, route.request.querystring.Name` for WebSocket APIs. For
/// HTTP APIs, use selection expressions prefixed with `$`"
/// [BOTO2:CreateAuthorizerRequest.IdentitySource]. The identity sources are checked before the
/// authorizer runs: a connection without them gets 401 without the Lambda function being
/// called, so a source API Gateway cannot read refuses every client.
///
/// ## Example
/// ```yaml
/// IdentitySource:
///   - $request.header.Auth          # the HTTP API form
/// ```
///
/// ## Fix
/// Write `route.request.header.Auth` (or `route.request.querystring.token` for browsers, which
/// cannot set headers on a WebSocket handshake).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html>
/// - <https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html>
pub struct WebsocketIdentitySourceSyntax;

impl Rule for WebsocketIdentitySourceSyntax {
    const META: RuleMeta = RuleMeta {
        id: "websocket-identity-source-syntax",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Runtime,
        generic: false,
        summary: "WebSocket identity sources are route.request.header.X / route.request.querystring.X",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        for a in ws.authorizers.values() {
            for source in &a.identity_sources {
                let Some(text) = source.value.as_str() else { continue };
                let WsIdentitySource::Other(written) = WsIdentitySource::parse(text) else { continue };
                let suggestion = websocket_form(&written);
                let message = format!("identity source `{written}` of authorizer `{}` is not in WebSocket syntax", a.id);
                let f = out.report(source.loc.clone(), message);
                match suggestion {
                    Some(s) => f.help(format!("write `{s}`")),
                    None => f.help("use route.request.header.NAME, route.request.querystring.NAME, stageVariables.NAME or context.NAME"),
                };
            }
        }
    }
}

/// The WebSocket form of an HTTP or REST API identity source.
fn websocket_form(written: &str) -> Option<String> {
    let rest = written.strip_prefix("$request.").or_else(|| written.strip_prefix("method.request."))?;
    if rest.starts_with("header.") || rest.starts_with("querystring.") {
        return Some(format!("route.request.{rest}"));
    }
    let rest = written.strip_prefix('$')?;
    (rest.starts_with("stageVariables.") || rest.starts_with("context.")).then(|| rest.to_string())
}
