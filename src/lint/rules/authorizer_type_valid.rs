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
pub struct AuthorizerTypeValid;

impl Rule for AuthorizerTypeValid {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-type-valid",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "authorizer type is token, request or cognito_user_pools (REST), request or jwt (HTTP)",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
