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
pub struct CacheKeyParamsDeclared;

impl Rule for CacheKeyParamsDeclared {
    const META: RuleMeta = RuleMeta {
        id: "cache-key-params-declared",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "cacheKeyParameters are declared method request parameters",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
