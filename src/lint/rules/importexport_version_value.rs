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
pub struct ImportexportVersionValue;

impl Rule for ImportexportVersionValue {
    const META: RuleMeta = RuleMeta {
        id: "importexport-version-value",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        import: Some(Severity::Error),
        generic: false,
        summary: "x-amazon-apigateway-importexport-version is \"1.0\"",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
