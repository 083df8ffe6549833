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
pub struct SecuritySchemeDefined;

impl Rule for SecuritySchemeDefined {
    const META: RuleMeta = RuleMeta {
        id: "security-scheme-defined",
        category: Category::Generic,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: None,
        generic: true,
        summary: "security requirements name defined schemes",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
