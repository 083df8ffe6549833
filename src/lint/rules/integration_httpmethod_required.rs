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
pub struct IntegrationHttpmethodRequired;

impl Rule for IntegrationHttpmethodRequired {
    const META: RuleMeta = RuleMeta {
        id: "integration-httpmethod-required",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "integrations other than mock have an httpMethod",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
