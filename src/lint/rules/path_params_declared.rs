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
pub struct PathParamsDeclared;

impl Rule for PathParamsDeclared {
    const META: RuleMeta = RuleMeta {
        id: "path-params-declared",
        category: Category::Generic,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: None,
        generic: true,
        summary: "path template variables and declared path parameters match",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
