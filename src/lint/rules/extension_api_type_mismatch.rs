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
pub struct ExtensionApiTypeMismatch;

impl Rule for ExtensionApiTypeMismatch {
    const META: RuleMeta = RuleMeta {
        id: "extension-api-type-mismatch",
        category: Category::Import,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Warn),
        generic: false,
        summary: "extensions match the API type (REST-only vs HTTP-only)",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
