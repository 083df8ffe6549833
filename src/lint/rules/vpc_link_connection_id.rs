use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// TODO
///
/// ## Why
/// TODO
///
/// ## Example
/// TODO
///
/// ## Fix
/// TODO
pub struct VpcLinkConnectionId;

impl Rule for VpcLinkConnectionId {
    const META: RuleMeta = RuleMeta {
        id: "vpc-link-connection-id",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "connectionType VPC_LINK and connectionId go together",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
