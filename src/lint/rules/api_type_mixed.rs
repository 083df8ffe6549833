use crate::diag::Severity;
use crate::ir::{Api, ApiType, ApiTypeFrom};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// A document that has constructs only REST APIs have and constructs only HTTP APIs have, when
/// nothing else (`--api-type`, `api_type` in gwgen.yaml, a template's resource type) says which
/// it is. gwgen weighs the two sides: the side with more kinds of construct wins, a tie goes to
/// REST, and `payloadFormatVersion` counts only when nothing else speaks. This note names the
/// constructs on each side and the type gwgen chose.
///
/// ## Why
/// A document does not say which API type it is; the import call does (`import-rest-api` or
/// `apigatewayv2 import-api`). Generators write constructs of both: Smithy and Terraform REST
/// documents carry `payloadFormatVersion`, which REST import ignores. Every rule, the plan, the
/// SDK and export depend on the type, so a document read as the wrong type gets wrong answers
/// everywhere. The type each construct belongs to is in the extension pages of the developer
/// guide (the table in gwgen's reference, section 1.0).
///
/// ## Example
/// ```yaml
/// openapi: 3.0.1
/// x-amazon-apigateway-request-validators: {...}     # REST only
/// paths:
///   /pets:
///     get:
///       x-amazon-apigateway-integration:
///         type: mock                                 # REST only
///         payloadFormatVersion: "1.0"                # HTTP only, weak evidence
/// ```
///
/// ## Fix
/// Pin the type: `--api-type rest` (or `http`) on the command line, or `api_type: rest` in
/// gwgen.yaml beside the document. Then remove the constructs of the other type:
/// `extension-api-type-mismatch` reports each one.
pub struct ApiTypeMixed;

impl Rule for ApiTypeMixed {
    const META: RuleMeta = RuleMeta {
        id: "api-type-mixed",
        category: Category::Import,
        severity: Severity::Info,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Never,
        generic: false,
        summary: "a document without a given type mixes REST-only and HTTP-only constructs",
    };

    fn check(api: &Api, out: &mut Findings) {
        let ApiTypeFrom::Document(evidence) = &api.api_type_from else { return };
        let (http, rest) = (evidence.for_type(ApiType::Http), evidence.for_type(ApiType::Rest));
        if http.is_empty() || rest.is_empty() {
            return;
        }
        let (chosen, other) = match api.api_type {
            ApiType::Rest => ("REST", "HTTP"),
            ApiType::Http => ("HTTP", "REST"),
        };
        out.report(
            Loc::default(),
            format!(
                "gwgen reads this document as a {chosen} API; REST-only: {}; HTTP-only: {}",
                rest.join(", "),
                http.join(", ")
            ),
        )
        .help(format!(
            "pin the type with --api-type {} (or `api_type:` in gwgen.yaml); if it is meant as an {other} API, say so the same way",
            chosen.to_ascii_lowercase()
        ));
    }
}
