use serde_json::Value;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// What API Gateway reads of a parameter (Swagger 2.0 `items` and OpenAPI 3.0 `schema` carry the
/// type).
const READ: [&str; 7] = ["name", "in", "required", "type", "description", "schema", "items"];

/// ## What it checks
/// Notes the attributes of REST API operation parameters that API Gateway does not read: anything
/// other than `name`, `in`, `required`, `type` and `description` (with `schema` or `items`, which
/// carry the type), and extensions (`x-...`). `enum`, `pattern`, `format`, `minimum`, `default`,
/// `style`, `example` and the like are named.
///
/// ## Why
/// API Gateway's important notes say that for input parameters only `name`, `in`, `required`,
/// `type` and `description` are supported, and other attributes are ignored
/// [DG:api-gateway-known-issues]. Request validation checks only that required parameters are
/// present; a parameter's `enum` or `pattern` is never enforced, even though the document seems
/// to say so.
///
/// ## Example
/// ```yaml
/// parameters:
///   - {name: status, in: query, type: string, enum: [open, closed]}
/// ```
///
/// ## Fix
/// Validate these constraints in the backend (or with a model on the request body); keep them in
/// the document for clients if they help.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html>
pub struct ParameterUnsupportedAttrs;

impl Rule for ParameterUnsupportedAttrs {
    const META: RuleMeta = RuleMeta {
        id: "parameter-unsupported-attrs",
        category: Category::Import,
        severity: Severity::Info,
        applies_to: ApiTypes::REST,
        fails: Fails::Never,
        generic: false,
        summary: "parameter attributes beyond name, in, required, type and description are ignored",
    };

    fn check(api: &Api, out: &mut Findings) {
        let mut seen = std::collections::HashSet::new();
        for (_, op) in api.operations() {
            for p in &op.parameters {
                // Path-level parameters are shared by every operation: one note each.
                if !seen.insert(p.loc.clone()) {
                    continue;
                }
                let Some(Value::Object(m)) = api.sources.value(&p.loc) else { continue };
                let mut ignored: Vec<&str> =
                    m.keys().map(String::as_str).filter(|k| !READ.contains(k) && !k.starts_with("x-")).collect();
                if let Some(Value::Object(schema)) = m.get("schema") {
                    ignored.extend(schema.keys().map(String::as_str).filter(|k| *k != "type" && *k != "items" && *k != "$ref" && !k.starts_with("x-")));
                }
                if ignored.is_empty() {
                    continue;
                }
                out.report(
                    p.loc.clone(),
                    format!("API Gateway ignores `{}` of parameter `{}`: only name, in, required, type and description are read", ignored.join("`, `"), p.name),
                )
                .help("validate these constraints in the backend; keep them for clients if they help");
            }
        }
    }
}
