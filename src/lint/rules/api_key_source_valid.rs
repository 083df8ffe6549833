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
pub struct ApiKeySourceValid;

impl Rule for ApiKeySourceValid {
    const META: RuleMeta = RuleMeta {
        id: "api-key-source-valid",
        category: Category::Security,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Error),
        generic: false,
        summary: "api-key-source is HEADER or AUTHORIZER (with a Lambda authorizer)",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
