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
pub struct IntegrationResponseStatusDeclared;

impl Rule for IntegrationResponseStatusDeclared {
    const META: RuleMeta = RuleMeta {
        id: "integration-response-status-declared",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "integration response status codes are declared operation responses",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
