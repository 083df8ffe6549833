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
pub struct AuthorizerCacheNeedsIdentity;

impl Rule for AuthorizerCacheNeedsIdentity {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-cache-needs-identity",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: false,
        summary: "a caching request authorizer has an identitySource",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
