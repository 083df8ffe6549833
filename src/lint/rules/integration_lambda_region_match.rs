use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::{authorizer_uris, has_hole, uri_pattern};

/// ## What it checks
/// In a Lambda invocation URI,
/// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/arn:aws:lambda:{region}:...`,
/// the two regions are the same: in an integration's `uri` and in a Lambda authorizer's
/// `authorizerUri`. Regions written as placeholders (`${AWS::Region}`,
/// `${stageVariables.region}`) are not compared.
///
/// ## Why
/// The region after `apigateway` picks the regional Lambda endpoint API Gateway calls, and it is
/// "the same as the region hosting the Lambda function" [BOTO1:Authorizer.authorizerUri] (the
/// authorizer URI has the same form as a Lambda integration URI). With two different regions the
/// import passes, but Lambda refuses the calls because the function lives in another region.
///
/// ## Example
/// ```yaml
/// uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:pets/invocations
/// ```
///
/// ## Fix
/// Use the function's region in both places
/// (`arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:...`),
/// or write `${AWS::Region}` in both when the function lives in the stack's region.
pub struct IntegrationLambdaRegionMatch;

impl Rule for IntegrationLambdaRegionMatch {
    const META: RuleMeta = RuleMeta {
        id: "integration-lambda-region-match",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Runtime,
        generic: false,
        summary: "the apigateway region of a Lambda URI matches the function's region",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some((_, masked)) = uri_pattern(integration) else { continue };
            let Some((gateway, function)) = regions(&masked) else { continue };
            if has_hole(gateway) || has_hole(function) || gateway.eq_ignore_ascii_case(function) {
                continue;
            }
            out.report(
                integration.loc.child("uri"),
                format!("the URI calls Lambda in `{gateway}`, but the function's ARN is in `{function}`"),
            )
            .help(format!(
                "write `{function}` after `apigateway:` as well: API Gateway must call Lambda in the function's region"
            ));
        }
        for (name, authorizer, _, masked) in authorizer_uris(api) {
            let Some((gateway, function)) = regions(&masked) else { continue };
            if has_hole(gateway) || has_hole(function) || gateway.eq_ignore_ascii_case(function) {
                continue;
            }
            out.report(
                authorizer.loc.child("authorizerUri"),
                format!("authorizer `{name}` calls Lambda in `{gateway}`, but the function's ARN is in `{function}`"),
            )
            .help(format!("write `{function}` after `apigateway:` as well"));
        }
    }
}

/// The API Gateway region and the function's region of a Lambda path URI, as written.
fn regions(masked: &str) -> Option<(&str, &str)> {
    let uri = crate::ir::ServiceUri::parse(masked)?;
    let function = crate::ir::FunctionArn::parse(uri.function_and_after()?)?;
    (!uri.region.is_empty() && !function.region.is_empty()).then_some((uri.region, function.region))
}

#[cfg(test)]
mod tests {
    use crate::lint::helpers::mask;
    use super::regions;

    #[test]
    fn finds_both_regions() {
        let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:f/invocations";
        assert_eq!(regions(uri), Some(("us-east-1", "eu-west-1")));
        assert_eq!(regions("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations"), None);
        let masked = mask("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${F.Arn}/invocations");
        assert_eq!(regions(&masked), None);
    }
}
