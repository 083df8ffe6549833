use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Every `$ref` can be followed: the file exists and can be read, and the pointer names a node.
///
/// ## Why
/// A reference that leads nowhere drops the schema, parameter or response it stood for: API
/// Gateway's import fails ("Invalid model identifier specified", "Reference to model 'X' not
/// found"), SDKs lose types, and exports are incomplete.
///
/// ## Example
/// ```yaml
/// schema:
///   $ref: "#/components/schemas/Missing"
/// ```
///
/// ## Fix
/// Point the reference at an existing node, or add the missing definition. Local references
/// start with `#/`; file references are relative to the referring file.
pub struct UnresolvedRef;

impl Rule for UnresolvedRef {
    const META: RuleMeta = RuleMeta {
        id: "unresolved-ref",
        category: Category::Generic,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: true,
        summary: "every $ref resolves",
    };

    fn check(api: &Api, out: &mut Findings) {
        crate::lint::helpers::forward_diagnostics(api, Self::META.id, out);
    }
}
