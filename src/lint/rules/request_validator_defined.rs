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
pub struct RequestValidatorDefined;

impl Rule for RequestValidatorDefined {
    const META: RuleMeta = RuleMeta {
        id: "request-validator-defined",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "x-amazon-apigateway-request-validator names a defined validator",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
