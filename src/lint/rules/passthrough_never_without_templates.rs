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
pub struct PassthroughNeverWithoutTemplates;

impl Rule for PassthroughNeverWithoutTemplates {
    const META: RuleMeta = RuleMeta {
        id: "passthrough-never-without-templates",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        import: None,
        generic: false,
        summary: "passthroughBehavior never or when_no_templates comes with requestTemplates",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
