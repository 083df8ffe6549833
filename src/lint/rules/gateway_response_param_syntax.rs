use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::helpers::{known_text, strip_prefix_ci};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

fn key_ok(key: &str) -> bool {
    let Some(rest) = strip_prefix_ci(key, "gatewayresponse.") else { return false };
    ["header.", "path.", "querystring."]
        .iter()
        .any(|p| strip_prefix_ci(rest, p).is_some_and(|name| !name.is_empty()))
}

fn value_ok(value: &str) -> bool {
    let v = value.trim();
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return true;
    }
    if let Some(rest) = strip_prefix_ci(v, "method.request.") {
        return ["header.", "path.", "querystring.", "multivalueheader.", "multivaluequerystring."]
            .iter()
            .any(|p| strip_prefix_ci(rest, p).is_some_and(|name| !name.is_empty()));
    }
    // Stage and context variables, as in the other REST mappings.
    ["stageVariables.", "context."].iter().any(|p| strip_prefix_ci(v, p).is_some_and(|n| !n.is_empty()))
}

/// ## What it checks
/// Each `responseParameters` entry of an `x-amazon-apigateway-gateway-responses` response maps a
/// key `gatewayresponse.header.NAME`, `gatewayresponse.path.NAME` or
/// `gatewayresponse.querystring.NAME` from a value `method.request.header.NAME`,
/// `method.request.path.NAME`, `method.request.querystring.NAME` (or their `multivalue` forms),
/// `stageVariables.NAME`, `context.NAME`, or a static value in single quotes.
///
/// ## Why
/// A gateway response's parameters are "the header parameters", whose values "can take any
/// incoming request parameter value or a static custom value"
/// [DG:api-gateway-swagger-extensions-gateway-responses.gatewayResponse]; the keys are
/// `gatewayresponse.{header|path|querystring}.NAME` and the values
/// `method.request.{header|path|querystring}.NAME` or `'static'`
/// [DG:api-gateway-swagger-extensions-gateway-responses.responseParameters]. A method-response key
/// copied from an integration response is refused: `PutGatewayResponse` with
/// `method.response.header.Access-Control-Allow-Origin` failed with "BadRequestException: Invalid
/// mapping expression specified: ... [Invalid mapping expression specified:
/// method.response.header.Access-Control-Allow-Origin]"
/// [ISSUE:https://github.com/aws/aws-cli/issues/2879]. A static value must be quoted, as in every
/// REST mapping ("Invalid mapping expression specified: \"*\""
/// [ISSUE:https://github.com/awsdocs/amazon-api-gateway-developer-guide/issues/7]).
/// gwgen also accepts `stageVariables.` and `context.` values, which REST mappings take
/// elsewhere, rather than report something AWS may accept.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-gateway-responses:
///   DEFAULT_4XX:
///     responseParameters:
///       gatewayresponse.header.Access-Control-Allow-Origin: "*"     # not quoted
/// ```
///
/// ## Fix
/// Quote static values (`"'*'"`) and write keys as `gatewayresponse.header.NAME`.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseParameters.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-gateway-response-using-the-console.html>
/// - <https://github.com/aws/aws-cli/issues/2879>
pub struct GatewayResponseParamSyntax;

impl Rule for GatewayResponseParamSyntax {
    const META: RuleMeta = RuleMeta {
        id: "gateway-response-param-syntax",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "gateway response parameters map gatewayresponse.* keys from method.request.* or 'static' values",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (kind, response) in &api.apigw.gateway_responses {
            let params = response.loc.child("responseParameters");
            for (key, value) in &response.response_parameters {
                if !key_ok(key) {
                    let help = if strip_prefix_ci(key, "method.response.header.").is_some() {
                        format!("gateway responses name their headers `gatewayresponse.header.{}`", &key["method.response.header.".len()..])
                    } else {
                        "write `gatewayresponse.header.NAME` (or `.path.NAME`, `.querystring.NAME`)".to_string()
                    };
                    out.report(params.child(key), format!("gateway response `{kind}`: `{key}` is not a gateway response parameter"))
                        .help(help);
                    continue;
                }
                let Some(text) = known_text(value) else { continue };
                if !value_ok(text) {
                    out.report(
                        params.child(key),
                        format!("gateway response `{kind}`: `{text}` is neither a `method.request.*` expression nor a static value in single quotes"),
                    )
                    .help(if crate::lint::helpers::is_expression(text) {
                        "gateway responses map only from `method.request.header|path|querystring.NAME`, stage and context variables, or static values".to_string()
                    } else {
                        format!("quote a static value: \"'{}'\"", text.trim_matches('\''))
                    });
                }
            }
        }
    }
}
