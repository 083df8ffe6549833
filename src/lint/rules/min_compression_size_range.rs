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
pub struct MinCompressionSizeRange;

impl Rule for MinCompressionSizeRange {
    const META: RuleMeta = RuleMeta {
        id: "min-compression-size-range",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "minimum-compression-size is an integer 0..10485760",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
