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
pub struct RequestParameterMappingSyntax;

impl Rule for RequestParameterMappingSyntax {
    const META: RuleMeta = RuleMeta {
        id: "request-parameter-mapping-syntax",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "integration requestParameters keys and values use API Gateway's mapping syntax",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
