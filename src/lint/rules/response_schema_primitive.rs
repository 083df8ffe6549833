use crate::diag::Severity;
use crate::ir::{Api, SchemaKind};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// A method response body schema written inline is not a bare primitive (`{type: string}`).
///
/// ## Why
/// API Gateway creates a model for each inline response schema, and it cannot make one from a
/// primitive type (API Gateway developer guide, known issues: method response schemas must be
/// object-typed; the workaround is a `$ref` to a named definition).
///
/// ## Example
/// ```yaml
/// responses:
///   "200":
///     content:
///       text/plain:
///         schema: {type: string}
/// ```
///
/// ## Fix
/// Move the schema to `components.schemas` (or `definitions`) and `$ref` it.
pub struct ResponseSchemaPrimitive;

impl Rule for ResponseSchemaPrimitive {
    const META: RuleMeta = RuleMeta {
        id: "response-schema-primitive",
        category: Category::Model,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "inline method response schemas must not be primitives",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, op) in api.operations() {
            for r in op.responses.iter().flatten() {
                for media in r.content.values() {
                    let Some(id) = media.schema else { continue };
                    let s = api.schemas.get(id);
                    let primitive = matches!(
                        s.kind,
                        SchemaKind::String | SchemaKind::Integer | SchemaKind::Number | SchemaKind::Boolean
                    );
                    if s.name.is_none() && primitive {
                        out.report(
                            s.loc.clone(),
                            format!(
                                "response `{}` has an inline primitive schema; API Gateway cannot make a model of it",
                                r.status
                            ),
                        )
                        .help("define the schema under components.schemas (or definitions) and `$ref` it");
                    }
                }
            }
        }
    }
}
