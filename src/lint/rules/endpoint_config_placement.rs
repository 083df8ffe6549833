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
pub struct EndpointConfigPlacement;

impl Rule for EndpointConfigPlacement {
    const META: RuleMeta = RuleMeta {
        id: "endpoint-config-placement",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: None,
        generic: false,
        summary: "endpoint configuration sits at the root (Swagger 2.0) or in servers[] (OpenAPI 3)",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
