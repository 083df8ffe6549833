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
pub struct RequestParameterDeclared;

impl Rule for RequestParameterDeclared {
    const META: RuleMeta = RuleMeta {
        id: "request-parameter-declared",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "method.request parameters used in mappings are declared on the operation",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
