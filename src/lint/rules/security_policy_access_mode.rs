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
pub struct SecurityPolicyAccessMode;

impl Rule for SecurityPolicyAccessMode {
    const META: RuleMeta = RuleMeta {
        id: "security-policy-access-mode",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "SecurityPolicy_* TLS policies come with an endpoint access mode",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
