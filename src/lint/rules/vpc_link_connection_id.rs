use crate::diag::Severity;
use crate::ir::{Api, ConnectionType, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::absent;

/// ## What it checks
/// `connectionType: VPC_LINK` and `connectionId` come together: a VPC link integration names its
/// VPC link in `connectionId` (not empty), and an integration over the internet (the default
/// connection type) has no `connectionId`.
///
/// ## Why
/// `connectionId` is "the ID of the VpcLink used for the integration when connectionType=VPC_LINK
/// and undefined, otherwise" [BOTO1:Integration.connectionId] [BOTO1:ConnectionType]; HTTP API
/// private integrations name their VPC link the same way [BOTO2:Integration.ConnectionId]. A VPC
/// link integration without the ID has no link to reach its load balancer through, and an ID on
/// an `INTERNET` integration (the default) usually means `connectionType: VPC_LINK` was
/// forgotten.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: http_proxy
///   httpMethod: ANY
///   connectionType: VPC_LINK          # no connectionId
///   uri: http://my-nlb-0123456789.elb.us-east-1.amazonaws.com
/// ```
///
/// ## Fix
/// Add `connectionId` with the VPC link's ID; `${stageVariables.vpcLinkId}` keeps the document
/// independent of one VPC link. If the integration is not meant to use a VPC link, remove
/// `connectionId`.
pub struct VpcLinkConnectionId;

impl Rule for VpcLinkConnectionId {
    const META: RuleMeta = RuleMeta {
        id: "vpc-link-connection-id",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "connectionType VPC_LINK and connectionId go together",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let loc = &integration.loc;
            if integration.is_vpc_link() {
                match &integration.connection_id {
                    None if absent(api, loc, "connectionId") => {
                        out.report(
                            loc.child("connectionType"),
                            "connectionType is VPC_LINK but there is no `connectionId`",
                        )
                        .help("add `connectionId` with the VPC link's ID (or `${stageVariables.vpcLinkId}`)");
                    }
                    Some(Text::Str(id)) if id.trim().is_empty() => {
                        out.report(loc.child("connectionId"), "connectionId is empty on a VPC_LINK integration")
                            .help("write the VPC link's ID (or `${stageVariables.vpcLinkId}`)");
                    }
                    _ => {}
                }
                continue;
            }
            let internet = integration.connection_type.as_ref().is_none_or(|c| c.is(ConnectionType::Internet));
            let id = integration.connection_id.as_ref().filter(|id| id.as_str().is_none_or(|s| !s.trim().is_empty()));
            if let (true, Some(id)) = (internet, id) {
                let how = if integration.connection_type.is_some() { "INTERNET" } else { "INTERNET by default" };
                out.report(
                    loc.child("connectionId"),
                    format!("connectionId `{}` is set, but connectionType is {how}", id.display()),
                )
                .help("add `connectionType: VPC_LINK` to go through the VPC link, or remove `connectionId`");
            }
        }
    }
}
