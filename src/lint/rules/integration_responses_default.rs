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
pub struct IntegrationResponsesDefault;

impl Rule for IntegrationResponsesDefault {
    const META: RuleMeta = RuleMeta {
        id: "integration-responses-default",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        import: None,
        generic: false,
        summary: "non-proxy integrations have a default integration response",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
