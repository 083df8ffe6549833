use indexmap::IndexMap;

use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

use crate::lint::helpers::integrations;
use crate::lint::helpers::{in_resource_property, is_expression, passes_response_through};

/// ## What it checks
/// A parameter mapping value that is not an expression (it does not start with `method.`,
/// `integration.`, `context.`, `stageVariables.` or `$`) is a static value, and static values
/// must be wrapped in single quotes: `'application/json'`, `'*'`. Checked in integration
/// `requestParameters`, in the `responseParameters` of integration responses and in the
/// `responseParameters` of `x-amazon-apigateway-gateway-responses`.
///
/// This rule owns every string value that is not an expression; malformed expressions are
/// reported by `request-parameter-mapping-syntax`, and values that are no string at all (a YAML
/// `true`, a number) by `mapping-value-not-string`, except where a template writes them as a
/// resource property (a Method's `Integration`, a GatewayResponse's `ResponseParameters`):
/// CloudFormation passes a boolean or number there on as its text (cfn-lint stopped checking
/// such types strictly for that reason, cfn-lint#2103; the CDK reads templates the same way,
/// aws-cdk#13508), so `true` reaches API Gateway as the unquoted static value `true` and this
/// rule reports it. Empty values are left alone, and so are `Fn::Sub` values
/// whose quoting depends on a placeholder and the integration responses of proxy integrations
/// (`aws_proxy`, `http_proxy`), which API Gateway does not use.
///
/// ## Why
/// API Gateway reads an unquoted value as a mapping expression and rejects it: "Invalid mapping
/// expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression
/// specified: \"*\"]" (https://github.com/awsdocs/amazon-api-gateway-developer-guide/issues/7,
/// https://github.com/aws/aws-cdk/pull/20274). The guide says that static values must be in
/// single quotes when the API is created from OpenAPI or CloudFormation
/// [DG:api-gateway-swagger-extensions-integration-requestParameters]; the console is the one
/// place that adds the quotes for you.
///
/// ## Example
/// ```yaml
/// responses:
///   default:
///     statusCode: "200"
///     responseParameters:
///       method.response.header.Access-Control-Allow-Origin: "*"
/// ```
///
/// ## Fix
/// Put single quotes inside the string: `"'*'"` (or `'''*'''` in single-quoted YAML).
pub struct StaticMappingQuoted;

impl Rule for StaticMappingQuoted {
    const META: RuleMeta = RuleMeta {
        id: "static-mapping-quoted",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "static mapping values are in single quotes",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (op, integration) in integrations(api) {
            if op.is_none() {
                continue;
            }
            check_map(api, &integration.loc.child("requestParameters"), &integration.request_parameters, out);
            if passes_response_through(integration) {
                continue;
            }
            for response in integration.responses.values() {
                check_map(api, &response.loc.child("responseParameters"), &response.response_parameters, out);
            }
        }
        for response in api.apigw.gateway_responses.values() {
            check_map(api, &response.loc.child("responseParameters"), &response.response_parameters, out);
        }
    }
}

fn check_map(api: &Api, at: &Loc, map: &IndexMap<String, Text>, out: &mut Findings) {
    for (key, value) in map {
        // A YAML boolean or number is no string at all: `mapping-value-not-string` reports it,
        // unless CloudFormation hands it over as a property, as its text.
        let node = at.child(key);
        let scalar = api.sources.value(&node).filter(|v| v.is_boolean() || v.is_number());
        if let Some(scalar) = scalar {
            if in_resource_property(api, &node) {
                out.report(
                    node,
                    format!(
                        "CloudFormation passes `{scalar}` on as the text `{scalar}`, a static value without single quotes: API Gateway rejects it and the deployment fails"
                    ),
                )
                .help(format!("write the static value as a quoted string: \"'{scalar}'\""));
            }
            continue;
        }
        let (v, sub) = match value {
            Text::Str(s) => (s.as_str(), false),
            Text::Intrinsic(_) => match value.pattern() {
                Some(p) => (p, true),
                None => continue,
            },
        };
        if let Some(message) = problem(v, sub) {
            let fixed = v.trim_matches(|c| c == '"' || c == '\'');
            out.report(at.child(key), message)
                .help(format!("wrap the static value in single quotes inside the string: \"'{fixed}'\""));
        }
    }
}

/// What is wrong with a static value, if anything. `sub`: `v` is an `Fn::Sub` template.
fn problem(v: &str, sub: bool) -> Option<String> {
    if v.is_empty() || is_expression(v) {
        return None;
    }
    // A leading placeholder can expand to anything, quotes included.
    if sub && v.starts_with("${") && !v.starts_with("${!") {
        return None;
    }
    let quoted_start = v.starts_with('\'');
    let quoted_end = v.len() >= 2 && v.ends_with('\'');
    if quoted_start && quoted_end {
        return None;
    }
    if quoted_start {
        // `'abc${X}`: the trailing placeholder may carry the closing quote.
        if sub && v.ends_with('}') {
            return None;
        }
        return Some(format!("the static value `{v}` opens a single quote but does not close it"));
    }
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        return Some(format!("the static value `{v}` is in double quotes; API Gateway wants single quotes"));
    }
    Some(format!("`{v}` is a static value (not a mapping expression), so it must be in single quotes"))
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn static_values() {
        assert!(problem("'application/json'", false).is_none());
        assert!(problem("''", false).is_none());
        assert!(problem("method.request.header.x", false).is_none());
        assert!(problem("$context.requestId", false).is_none());
        assert!(problem("*", false).is_some());
        assert!(problem("'*", false).is_some());
        assert!(problem("'", false).is_some());
        assert!(problem("\"*\"", false).is_some());
        assert!(problem("${Origin}", true).is_none());
        assert!(problem("'${Origin}'", true).is_none());
        assert!(problem("'https://${Domain}", true).is_none());
        assert!(problem("https://${Domain}", true).is_some());
    }
}
