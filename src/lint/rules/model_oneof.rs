use crate::diag::Severity;
use crate::ir::{Api, SpecVersion};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// No model (a named schema, or a request or response body schema and what it reaches) uses
/// `oneOf`.
///
/// ## Why
/// API Gateway's important notes for REST APIs say that `oneOf` is not supported for OpenAPI 2.0
/// or for SDK generation [DG:api-gateway-known-issues]. In an OpenAPI 3.0 document the model imports, but an
/// SDK generated from the API (by API Gateway or by gwgen) cannot represent the alternatives; in a
/// Swagger 2.0 document the keyword is not part of the specification at all. The message says
/// which of the two applies.
///
/// ## Example
/// ```yaml
/// Pet:
///   oneOf:
///     - $ref: '#/components/schemas/Cat'
///     - $ref: '#/components/schemas/Dog'
/// ```
///
/// ## Fix
/// Model the alternatives as one object with optional properties and a `type` field, or keep
/// `oneOf` and accept that SDKs see the body as untyped.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html>
pub struct ModelOneof;

impl Rule for ModelOneof {
    const META: RuleMeta = RuleMeta {
        id: "model-oneof",
        category: Category::Model,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Never,
        generic: false,
        summary: "models do not use oneOf (unsupported in Swagger 2.0 and SDK generation)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let swagger = api.version == SpecVersion::Swagger2;
        for schema in api.models().filter(|s| s.keywords.has("oneOf")) {
            let message = if swagger {
                "`oneOf` is not supported in Swagger 2.0 documents"
            } else {
                "`oneOf` is not supported for SDK generation: generated clients see this body as untyped"
            };
            out.report(schema.loc.child("oneOf"), message)
                .help("model the alternatives as one object with optional properties, or accept an untyped body in SDKs");
        }
    }
}
