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
pub struct OperationIdUnique;

impl Rule for OperationIdUnique {
    const META: RuleMeta = RuleMeta {
        id: "operation-id-unique",
        category: Category::Generic,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: None,
        generic: true,
        summary: "operationIds are unique",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
