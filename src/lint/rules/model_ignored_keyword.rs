use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// Keywords models accept and API Gateway then ignores, with what happens to each.
const IGNORED: [(&str, &str); 5] = [
    ("readOnly", "is not supported: request validation does not enforce it"),
    ("deprecated", "is not supported and is dropped"),
    ("default", "is not supported: API Gateway does not fill in defaults"),
    ("minItems", "is not checked by request validation"),
    ("maxItems", "is not checked by request validation"),
];

/// ## What it checks
/// Models (named schemas, and request and response body schemas and what they reach) that use
/// `readOnly`, `deprecated`, `default`, `minItems` or `maxItems`.
///
/// ## Why
/// API Gateway's important notes for REST APIs list these keywords: `readOnly` is not supported,
/// `deprecated` is not supported and is dropped on export, `default` is not supported, and
/// `maxItems` and `minItems` are not part of simple request validation
/// [DG:api-gateway-known-issues]. The import succeeds, and the document says
/// more than the API does.
///
/// ## Example
/// ```yaml
/// Order:
///   type: object
///   properties:
///     items: {type: array, maxItems: 10, items: {type: string}}
/// ```
///
/// ## Fix
/// Check these constraints in the backend, or remove them from the model.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html>
pub struct ModelIgnoredKeyword;

impl Rule for ModelIgnoredKeyword {
    const META: RuleMeta = RuleMeta {
        id: "model-ignored-keyword",
        category: Category::Model,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "models do not rely on readOnly, deprecated, default, minItems or maxItems",
    };

    fn check(api: &Api, out: &mut Findings) {
        for schema in api.models() {
            for (key, what) in IGNORED.iter().filter(|(k, _)| schema.keywords.has(k)) {
                out.report(schema.loc.child(key), format!("`{key}` {what}"))
                    .help("enforce it in the backend, or remove it from the model");
            }
        }
    }
}
