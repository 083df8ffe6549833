use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// Keywords of later JSON Schema drafts and OpenAPI that API Gateway's draft-4 models reject.
const UNSUPPORTED: [&str; 13] = [
    "discriminator",
    "example",
    "exclusiveMinimum",
    "const",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "prefixItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
];

/// ## What it checks
/// Schemas that become REST API models (named schemas, request and response bodies, and what
/// they contain) use no keyword API Gateway's JSON Schema draft 4 models reject: `discriminator`,
/// `example`, `exclusiveMinimum`, and later-draft keywords such as `const`, `if`/`then`/`else`,
/// `dependentRequired`.
///
/// ## Why
/// The import fails with "Invalid model schema specified. Unsupported keyword(s): [\"example\"]"
/// followed by "Reference to model 'X' not found. Ignoring." (aws-apigateway-importer#200 and
/// #213; API Gateway developer guide, known issues).
///
/// ## Example
/// ```yaml
/// Pet:
///   type: object
///   example: {name: Rex}     # rejected in a model
/// ```
///
/// ## Fix
/// Remove the keyword from the schemas you import (keep examples in a separate, public copy of
/// the document, which `gwgen export --extensions none` can produce).
pub struct ModelUnsupportedKeyword;

impl Rule for ModelUnsupportedKeyword {
    const META: RuleMeta = RuleMeta {
        id: "model-unsupported-keyword",
        category: Category::Model,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "models use only JSON Schema draft 4 keywords API Gateway supports",
    };

    fn check(api: &Api, out: &mut Findings) {
        for schema in api.models() {
            for key in UNSUPPORTED.into_iter().filter(|k| schema.keywords.has(k)) {
                out.report(
                    schema.loc.child(key),
                    format!("Invalid model schema specified. Unsupported keyword(s): [\"{key}\"]"),
                )
                .help(format!("remove `{key}` from this schema: API Gateway models are JSON Schema draft 4"));
            }
        }
    }
}
