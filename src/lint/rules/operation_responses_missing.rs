use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Every operation declares at least one response.
///
/// ## Why
/// REST import warns "No responses specified for 'POST /path'" and creates the method without
/// method responses, so no integration response can map a status code or header to the client
/// (aws-apigateway-importer#202).
///
/// ## Example
/// ```yaml
/// post:
///   responses: {}
/// ```
///
/// ## Fix
/// Declare the responses the method returns, at least `"200": {description: OK}`.
pub struct OperationResponsesMissing;

impl Rule for OperationResponsesMissing {
    const META: RuleMeta = RuleMeta {
        id: "operation-responses-missing",
        category: Category::Import,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Warn),
        generic: true,
        summary: "every operation declares at least one response",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (path, op) in api.operations() {
            if op.responses.as_ref().is_none_or(Vec::is_empty) {
                let at = if op.responses.is_some() { op.loc.child("responses") } else { op.loc.clone() };
                out.report(at, format!("No responses specified for '{} {}'", op.method.as_str(), path.path))
                    .with_help("declare at least one response, like `\"200\": {description: OK}`");
            }
        }
    }
}
