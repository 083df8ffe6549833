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
pub struct AuthorizerTtlRange;

impl Rule for AuthorizerTtlRange {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-ttl-range",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "authorizerResultTtlInSeconds is an integer 0..3600",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
