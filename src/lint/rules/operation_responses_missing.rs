use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::helpers::{written_as, Written};
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
/// A method a template builds as an `AWS::ApiGateway::Method` resource is not reported: no import
/// reads it. CloudFormation creates it with PutMethod, and its `MethodResponses` are optional.
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
            // No import reads a Method resource: CloudFormation creates it with PutMethod, which
            // takes no responses and warns about nothing.
            if op.responses.is_none() && written_as(api, &op.loc) != Written::Resource {
                out.report(op.loc.clone(), format!("No responses specified for '{} {}'", op.method.as_str(), path.path))
                    .help("declare at least one response, like `\"200\": {description: OK}`");
            }
        }
    }
}
