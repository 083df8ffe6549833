use crate::diag::Severity;
use crate::ir::{Api, IntegrationType, Text};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// The integration subtypes HTTP APIs support.
pub(crate) const SUBTYPES: [&str; 10] = [
    "EventBridge-PutEvents",
    "SQS-SendMessage",
    "SQS-ReceiveMessage",
    "SQS-DeleteMessage",
    "SQS-PurgeQueue",
    "AppConfig-GetConfiguration",
    "Kinesis-PutRecord",
    "StepFunctions-StartExecution",
    "StepFunctions-StartSyncExecution",
    "StepFunctions-StopExecution",
];

/// ## What it checks
/// An HTTP API integration's `integrationSubtype` is one of the ten documented subtypes, and is
/// written only on an `aws_proxy` integration.
///
/// ## Why
/// An AWS service integration of an HTTP API names its service action with a subtype:
/// `EventBridge-PutEvents`, `SQS-SendMessage`, `SQS-ReceiveMessage`, `SQS-DeleteMessage`,
/// `SQS-PurgeQueue`, `AppConfig-GetConfiguration`, `Kinesis-PutRecord`,
/// `StepFunctions-StartExecution`, `StepFunctions-StartSyncExecution` and
/// `StepFunctions-StopExecution` [DG:http-api-develop-integrations-aws-services-reference].
/// The subtype is "Supported only for HTTP API AWS_PROXY integrations"
/// [BOTO2:Integration.IntegrationSubtype]. API Gateway rejects any other value, and a subtype on
/// an `http_proxy` integration.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws_proxy
///   integrationSubtype: SQS-SendMessages     # no such subtype
/// ```
///
/// ## Fix
/// Use one of the ten subtypes, spelled as listed, on an `aws_proxy` integration.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html>
/// - <https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html>
pub struct IntegrationSubtypeValid;

impl Rule for IntegrationSubtypeValid {
    const META: RuleMeta = RuleMeta {
        id: "integration-subtype-valid",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "integrationSubtype is one of the documented subtypes, on an aws_proxy integration",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(subtype) = &integration.integration_subtype else { continue };
            let loc = integration.loc.child("integrationSubtype");
            if let Text::Str(s) = subtype {
                if !SUBTYPES.contains(&s.as_str()) {
                    let near = SUBTYPES.iter().find(|t| t.eq_ignore_ascii_case(s.trim()));
                    let help = match near {
                        Some(t) => format!("write `{t}`"),
                        None => format!("use one of {}", SUBTYPES.join(", ")),
                    };
                    out.report(loc.clone(), format!("integrationSubtype `{s}` is not a subtype HTTP APIs support"))
                        .help(help);
                }
            }
            match integration.kind() {
                Some(IntegrationType::AwsProxy) | None => {}
                Some(other) => {
                    out.report(
                        loc,
                        format!("integrationSubtype is supported only on aws_proxy integrations, not {}", other.as_str()),
                    )
                    .help("make the integration `type: aws_proxy`, or remove the subtype");
                }
            }
        }
    }
}
