use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// The OpenAPI structure has the shapes the specification gives it: the required top-level
/// `paths` is there (both versions; `info` is required by the specification too, but API
/// Gateway deploys bodies without it, so it is not reported), `servers` is a list, and so on. A
/// missing field next to a key that looks like its misspelling (`paaths`) is reported at that
/// key. Nodes that are merely skipped (an unknown key in a path item, a parameter with a
/// location its version does not have) are `openapi-ignored` warnings.
/// (Misshapen `x-amazon-apigateway-*` extensions, security requirements and operations are worse:
/// gwgen stops with exit code 2, as API Gateway's import would.)
///
/// ## Why
/// API Gateway's import validates the document against the specification and rejects it when a
/// required field is missing ("'paths' is a required property"). SDK generators and other tools
/// skip what they cannot read, so a misshapen node silently drops part of the API: a base path
/// that is never applied, a list of servers that is never read.
///
/// ## Example
/// ```yaml
/// servers:            # must be a list
///   url: https://api.example.com
/// paaths:             # `paths` is required
///   /items: {...}
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
        fails: Fails::Import(Severity::Error),
        generic: true,
        summary: "OpenAPI nodes have the shape the specification gives them",
    };

    fn check(api: &Api, out: &mut Findings) {
        crate::lint::helpers::forward_diagnostics(api, Self::META.id, out);
    }
}
