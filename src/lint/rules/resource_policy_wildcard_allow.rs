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
pub struct ResourcePolicyWildcardAllow;

impl Rule for ResourcePolicyWildcardAllow {
    const META: RuleMeta = RuleMeta {
        id: "resource-policy-wildcard-allow",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        import: None,
        generic: false,
        summary: "the resource policy does not allow everyone unconditionally",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
