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
pub struct IntegrationUriAwsFormat;

impl Rule for IntegrationUriAwsFormat {
    const META: RuleMeta = RuleMeta {
        id: "integration-uri-aws-format",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "AWS integration URIs are arn:aws:apigateway:{region}:{service}:action/... or path/...",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
