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
pub struct DefinitionSizeLimit;

impl Rule for DefinitionSizeLimit {
    const META: RuleMeta = RuleMeta {
        id: "definition-size-limit",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "the definition is at most 6 MB",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
