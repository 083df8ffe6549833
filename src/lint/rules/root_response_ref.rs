use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// No operation response is a `$ref` to the root-level `responses` of a Swagger 2.0 document
/// (`"500": {$ref: "#/responses/Error"}`).
///
/// ## Why
/// REST import does not support references to root-level responses (API Gateway developer
/// guide, known issues).
///
/// ## Example
/// ```yaml
/// responses:
///   "404": {$ref: "#/responses/NotFound"}
/// ```
///
/// ## Fix
/// Write the response inline in each operation (its schema may still be a `$ref` to a definition).
pub struct RootResponseRef;

impl Rule for RootResponseRef {
    const META: RuleMeta = RuleMeta {
        id: "root-response-ref",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "responses must not $ref the root-level #/responses",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, op) in api.operations() {
            for r in op.responses.iter().flatten() {
                if let Some(reference) = r.reference.as_deref().filter(|x| x.starts_with("#/responses/")) {
                    let at = op.loc.child("responses").child(&r.status).child("$ref");
                    out.report(
                        at,
                        format!(
                            "response `{}` refers to `{reference}`; root-level response references are not supported",
                            r.status
                        ),
                    )
                    .help("inline the response in this operation");
                }
            }
        }
    }
}
