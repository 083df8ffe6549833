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
pub struct ResponseHeaderMappingDeclared;

impl Rule for ResponseHeaderMappingDeclared {
    const META: RuleMeta = RuleMeta {
        id: "response-header-mapping-declared",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "mapped method.response.header values are declared response headers",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
