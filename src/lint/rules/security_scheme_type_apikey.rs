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
pub struct SecuritySchemeTypeApikey;

impl Rule for SecuritySchemeTypeApikey {
    const META: RuleMeta = RuleMeta {
        id: "security-scheme-type-apikey",
        category: Category::Security,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: None,
        generic: false,
        summary: "REST security schemes are type apiKey",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
