use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// Notes a REST private integration whose `connectionId` is a VPC link ID written out
/// (`connectionId: abc123`) rather than a stage variable (`${stageVariables.vpcLinkId}`).
/// Intrinsics (`Ref VpcLink`) are left alone: the template manages the link.
///
/// ## Why
/// API Gateway's important notes warn that a VPC link referenced directly by an integration can
/// be left dangling when it is deleted and recreated, and recommend referencing the link through
/// a stage variable [DG:api-gateway-known-issues]. Stage variables also let each stage use its own
/// link [DG:aws-api-gateway-stage-variables-reference].
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: http_proxy
///   connectionType: VPC_LINK
///   connectionId: a1b2c3
/// ```
///
/// ## Fix
/// Write `connectionId: ${stageVariables.vpcLinkId}` and set `vpcLinkId` on each stage.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html>
pub struct VpcLinkPreferStageVariable;

impl Rule for VpcLinkPreferStageVariable {
    const META: RuleMeta = RuleMeta {
        id: "vpc-link-prefer-stage-variable",
        category: Category::Integration,
        severity: Severity::Info,
        applies_to: ApiTypes::REST,
        fails: Fails::Never,
        generic: false,
        summary: "a private integration's connectionId is a stage variable",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            if !integration.is_vpc_link() {
                continue;
            }
            let Some(Text::Str(id)) = &integration.connection_id else { continue };
            if !id.contains("stageVariables.") && !id.trim().is_empty() {
                out.report(
                    integration.loc.child("connectionId"),
                    format!("connectionId `{id}` names the VPC link directly; a stage variable keeps the integration working when the link is replaced"),
                )
                .help("write `connectionId: ${stageVariables.vpcLinkId}` and set `vpcLinkId` on each stage");
            }
        }
    }
}
