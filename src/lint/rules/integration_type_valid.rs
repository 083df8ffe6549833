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
pub struct IntegrationTypeValid;

impl Rule for IntegrationTypeValid {
    const META: RuleMeta = RuleMeta {
        id: "integration-type-valid",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "integration type is aws, aws_proxy, http, http_proxy or mock",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
