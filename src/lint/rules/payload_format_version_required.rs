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
pub struct PayloadFormatVersionRequired;

impl Rule for PayloadFormatVersionRequired {
    const META: RuleMeta = RuleMeta {
        id: "payload-format-version-required",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        import: Some(Severity::Error),
        generic: false,
        summary: "HTTP API integrations have payloadFormatVersion 1.0 (or 2.0 for Lambda)",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
