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
pub struct IntegrationLambdaRegionMatch;

impl Rule for IntegrationLambdaRegionMatch {
    const META: RuleMeta = RuleMeta {
        id: "integration-lambda-region-match",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        import: None,
        generic: false,
        summary: "the apigateway region of a Lambda URI matches the function's region",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
