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
pub struct IntegrationTimeoutRange;

impl Rule for IntegrationTimeoutRange {
    const META: RuleMeta = RuleMeta {
        id: "integration-timeout-range",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "timeoutInMillis is 50..29000 (REST) or 50..30000 (HTTP)",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
