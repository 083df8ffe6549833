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
pub struct OperationUnauthenticated;

impl Rule for OperationUnauthenticated {
    const META: RuleMeta = RuleMeta {
        id: "operation-unauthenticated",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        import: None,
        generic: false,
        summary: "operations require some authorization",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
