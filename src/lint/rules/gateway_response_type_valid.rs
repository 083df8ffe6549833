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
pub struct GatewayResponseTypeValid;

impl Rule for GatewayResponseTypeValid {
    const META: RuleMeta = RuleMeta {
        id: "gateway-response-type-valid",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "gateway responses use known types and status codes",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
