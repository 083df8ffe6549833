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
pub struct IntegrationUriHttpFormat;

impl Rule for IntegrationUriHttpFormat {
    const META: RuleMeta = RuleMeta {
        id: "integration-uri-http-format",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "HTTP integration URIs are absolute http(s) URLs on port 80, 443 or above 1024",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
