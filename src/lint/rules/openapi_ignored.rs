use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// Nodes the OpenAPI specification does not define where they stand, which gwgen (like API
/// Gateway's import) skips: a key in a path item that is neither an operation nor a path item
/// field, and a parameter whose `in` is missing or not a location of the document's version
/// (`in: body` in OpenAPI 3.0, for example).
///
/// ## Why
/// The rest of the document imports; the skipped node does not. The import says so with a
/// warning, so that the node's intent (a parameter that should be validated or mapped, an
/// operation under a misspelt method) is lost unless someone reads the warnings, and an import
/// with `failonwarnings=true` rolls back. Nodes that make the document unreadable are
/// `openapi-structure` errors instead.
///
/// ## Example
/// ```yaml
/// paths:
///   /items:
///     gett: {...}                     # not an operation: skipped
///     post:
///       parameters:
///         - {name: item, in: body}    # OpenAPI 3.0 has requestBody, not `in: body`
/// ```
///
/// ## Fix
/// Write the node as the specification says (`get`, a `requestBody`), or remove it.
pub struct OpenapiIgnored;

impl Rule for OpenapiIgnored {
    const META: RuleMeta = RuleMeta {
        id: "openapi-ignored",
        category: Category::Import,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Warn),
        generic: true,
        summary: "no node stands where the specification does not define it (it is skipped)",
    };

    fn check(api: &Api, out: &mut Findings) {
        crate::lint::helpers::forward_diagnostics(api, Self::META.id, out);
    }
}
