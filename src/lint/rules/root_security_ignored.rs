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
pub struct RootSecurityIgnored;

impl Rule for RootSecurityIgnored {
    const META: RuleMeta = RuleMeta {
        id: "root-security-ignored",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Warn),
        generic: false,
        summary: "root-level security is ignored by REST import",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
