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
pub struct IntegrationUriLambdaFormat;

impl Rule for IntegrationUriLambdaFormat {
    const META: RuleMeta = RuleMeta {
        id: "integration-uri-lambda-format",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "Lambda integration URIs have the apigateway lambda:path form",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
