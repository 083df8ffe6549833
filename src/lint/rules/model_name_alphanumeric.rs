use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Schema names (`components.schemas` in OpenAPI 3, `definitions` in Swagger 2.0) contain only
/// letters and digits.
///
/// ## Why
/// Each named schema becomes an API Gateway model, and model names must be alphanumeric. The
/// import fails with "Model name must be alphanumeric: inline_response_200_1"
/// (aws-apigateway-importer#194), and references to the model are then dropped with
/// "Reference to model 'X' not found. Ignoring."
///
/// ## Example
/// ```yaml
/// components:
///   schemas:
///     pet-list: {type: array}      # hyphen
/// ```
///
/// ## Fix
/// Rename the schema (`PetList`) and update every `$ref` to it.
pub struct ModelNameAlphanumeric;

impl Rule for ModelNameAlphanumeric {
    const META: RuleMeta = RuleMeta {
        id: "model-name-alphanumeric",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "model (schema) names must be alphanumeric",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, id) in &api.schemas.named {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                let suggestion: String = heck::ToUpperCamelCase::to_upper_camel_case(name.as_str())
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                out.report(api.schemas.get(*id).loc.clone(), format!("Model name must be alphanumeric: {name}"))
                    .help(format!("rename the schema to `{suggestion}` and update the `$ref`s to it"));
            }
        }
    }
}
