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
pub struct IntegrationLambdaPost;

impl Rule for IntegrationLambdaPost {
    const META: RuleMeta = RuleMeta {
        id: "integration-lambda-post",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "Lambda integrations use httpMethod POST",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
