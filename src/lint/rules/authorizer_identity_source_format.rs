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
pub struct AuthorizerIdentitySourceFormat;

impl Rule for AuthorizerIdentitySourceFormat {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-identity-source-format",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "identitySource uses the expression syntax of the API type",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
