use crate::diag::Severity;
use crate::ir::{Api, ApiType, Method};
use crate::lint::helpers::{written_as, Written};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Every operation of a REST API (including `x-amazon-apigateway-any-method`) has an
/// `x-amazon-apigateway-integration`.
///
/// ## Why
/// API Gateway's import accepts a method without an integration, without a warning (also with
/// `failonwarnings=true`, as recorded imports show); then every deployment of the API fails with
/// "No integration defined for method" until one is added (aws-apigateway-importer#29). So
/// `gwgen import` does not raise it, and `gwgen lint` reports it as the error it becomes.
///
/// ## Example
/// ```yaml
/// paths:
///   /pets:
///     get:            # no x-amazon-apigateway-integration: deployment fails
///       responses: {"200": {description: ok}}
/// ```
///
/// ## Fix
/// Add an integration, for example a Lambda proxy:
/// `x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: arn:aws:apigateway:...}`.
/// A CORS preflight `options` method can use `type: mock`.
pub struct IntegrationMissing;

impl Rule for IntegrationMissing {
    const META: RuleMeta = RuleMeta {
        id: "integration-missing",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Deploy,
        generic: false,
        summary: "every operation needs an x-amazon-apigateway-integration",
    };

    fn check(api: &Api, out: &mut Findings) {
        debug_assert_eq!(api.api_type, ApiType::Rest);
        for (path, op) in api.operations() {
            if op.integration.is_none() {
                let method = if op.method == Method::Any { "ANY" } else { op.method.as_str() };
                out.report(op.loc.clone(), format!("No integration defined for method {method} {}", path.path))
                    .help(if written_as(api, &op.loc) == Written::Resource {
                        "add an `Integration` to the Method; CloudFormation creates the method, but the Deployment fails without one"
                    } else {
                        "add `x-amazon-apigateway-integration` to this operation; the import succeeds but every deployment fails without it"
                    });
            }
        }
    }
}
