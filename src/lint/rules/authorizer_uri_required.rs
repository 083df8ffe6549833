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
pub struct AuthorizerUriRequired;

impl Rule for AuthorizerUriRequired {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-uri-required",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "Lambda authorizers have an authorizerUri",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
