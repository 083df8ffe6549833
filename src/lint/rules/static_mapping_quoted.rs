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
pub struct StaticMappingQuoted;

impl Rule for StaticMappingQuoted {
    const META: RuleMeta = RuleMeta {
        id: "static-mapping-quoted",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "static mapping values are in single quotes",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
