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
pub struct StageVariableRefSyntax;

impl Rule for StageVariableRefSyntax {
    const META: RuleMeta = RuleMeta {
        id: "stage-variable-ref-syntax",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "stage variable references use the syntax of their place and a valid name",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
