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
pub struct PrivateApiNeedsPolicy;

impl Rule for PrivateApiNeedsPolicy {
    const META: RuleMeta = RuleMeta {
        id: "private-api-needs-policy",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: None,
        generic: false,
        summary: "a private API has a resource policy limiting callers to VPC endpoints",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
