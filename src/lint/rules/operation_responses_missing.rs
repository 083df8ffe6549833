use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Every operation has a `responses` field. An empty `responses: {}` is not reported.
///
/// ## Why
/// REST import warns "No responses specified for 'POST /path'" when an operation has no
/// `responses` (aws-apigateway-importer#202), and creates the method without method responses.
/// `responses: {}` is what API Gateway's own export writes for a method without method
/// responses, and what the developer guide's import examples carry on every method (for
/// example the API key example, [DG:api-gateway-api-key-usage-plan-oas]); documents written that
/// way import without the warning, also with `failonwarnings=true`, so only the missing field is
/// reported. (A method without method responses still cannot map an integration response's
/// status code or headers: `integration-response-status-declared` reports that.)
///
/// ## Example
/// ```yaml
/// post:
///   operationId: createPet   # no `responses`
///   x-amazon-apigateway-integration: {...}
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
        fails: Fails::Import(Severity::Warn),
        generic: true,
        summary: "every operation declares at least one response",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (path, op) in api.operations() {
            if op.responses.is_none() {
                out.report(op.loc.clone(), format!("No responses specified for '{} {}'", op.method.as_str(), path.path))
                    .help("declare at least one response, like `\"200\": {description: OK}`");
            }
        }
    }
}
