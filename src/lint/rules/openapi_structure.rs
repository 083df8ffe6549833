use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// The OpenAPI structure has the shapes the specification gives it: `servers` is a list, a
/// parameter has `name` and `in`, a path item holds operations and its own few fields, and so on.
/// (Misshapen `x-amazon-apigateway-*` extensions, security requirements and operations are worse:
/// gwgen stops with exit code 2, as API Gateway's import would.)
///
/// ## Why
/// API Gateway, SDK generators and other tools skip what they cannot read, so a misshapen node
/// silently drops part of the API: a parameter that is never validated, a base path that is never
/// applied.
///
/// ## Example
/// ```yaml
/// servers:            # must be a list
///   url: https://api.example.com
/// paths:
///   /items/{id}:
///     parameters:
///       - id: {in: path}     # should be `- name: id` / `in: path`
/// ```
///
/// ## Fix
/// Write the node in the shape the OpenAPI specification gives it; the message names the node.
pub struct OpenapiStructure;

impl Rule for OpenapiStructure {
    const META: RuleMeta = RuleMeta {
        id: "openapi-structure",
        category: Category::Generic,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        import: Some(Severity::Error),
        generic: true,
        summary: "OpenAPI nodes have the shape the specification gives them",
    };

    fn check(api: &Api, out: &mut Findings) {
        super::forward_diagnostics(api, Self::META.id, out);
    }
}
