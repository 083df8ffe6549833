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
pub struct VpcEndpointIdsPrivateOnly;

impl Rule for VpcEndpointIdsPrivateOnly {
    const META: RuleMeta = RuleMeta {
        id: "vpc-endpoint-ids-private-only",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "vpcEndpointIds are vpce- ids, for private APIs",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
