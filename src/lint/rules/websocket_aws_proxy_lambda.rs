use crate::diag::Severity;
use crate::ir::{Api, IntegrationType, Text};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// A WebSocket integration of type `AWS_PROXY` invokes a Lambda function: its `IntegrationUri`
/// is a Lambda invocation URI (`arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/
/// FUNCTION_ARN/invocations`) or a function's ARN.
///
/// ## Why
/// For WebSocket APIs `AWS_PROXY` is the Lambda proxy integration: the guide's integration request
/// page has "Lambda function" (with "Use Lambda proxy integration") for a function, and "AWS
/// Service" for "any other Lambda service actions" and other services
/// [DG:apigateway-websocket-api-integration-requests]; the integration subtypes that let HTTP
/// APIs call other services through `AWS_PROXY` are "supported only for HTTP API `AWS_PROXY`
/// integrations" [BOTO2:Integration.IntegrationSubtype]. Any other URI makes an integration
/// that cannot be invoked.
///
/// ## Example
/// ```yaml
/// IntegrationType: AWS_PROXY
/// IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:dynamodb:action/PutItem
/// ```
///
/// ## Fix
/// Use `IntegrationType: AWS` with a request template for another AWS service, or point the
/// proxy integration at a Lambda function's invocation URI.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-requests.html>
pub struct WebsocketAwsProxyLambda;

impl Rule for WebsocketAwsProxyLambda {
    const META: RuleMeta = RuleMeta {
        id: "websocket-aws-proxy-lambda",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Deploy,
        generic: false,
        summary: "a WebSocket AWS_PROXY integration invokes a Lambda function",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        for i in ws.integrations.values().filter(|i| i.kind() == Some(IntegrationType::AwsProxy)) {
            let Some(uri) = &i.uri else {
                let at = i.kind.as_ref().map_or_else(|| i.loc.clone(), |k| k.loc.clone());
                out.report(at, format!("AWS_PROXY integration `{}` has no IntegrationUri", i.id))
                    .help("set IntegrationUri to the Lambda function's invocation URI");
                continue;
            };
            // An intrinsic whose shape cannot be read is left to CloudFormation.
            if i.is_lambda_uri() || (matches!(uri.value, Text::Intrinsic(_)) && uri.value.pattern().is_none()) {
                continue;
            }
            out.report(uri.loc.clone(), format!("AWS_PROXY integration `{}` does not invoke a Lambda function: `{}`", i.id, uri.value.display()))
                .help("use IntegrationType AWS (with a request template) for other AWS services, or give a Lambda invocation URI");
        }
    }
}
