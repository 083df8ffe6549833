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
pub struct PassthroughBehaviorValid;

impl Rule for PassthroughBehaviorValid {
    const META: RuleMeta = RuleMeta {
        id: "passthrough-behavior-valid",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "passthroughBehavior is when_no_match, when_no_templates or never",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
