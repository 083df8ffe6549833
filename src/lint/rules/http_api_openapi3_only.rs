use crate::diag::Severity;
use crate::ir::{Api, SpecVersion};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// A document imported as an HTTP API is OpenAPI 3.0.
///
/// ## Why
/// `aws apigatewayv2 import-api` accepts only OpenAPI 3.0; a Swagger 2.0 definition is an
/// error (API Gateway developer guide, "Working with OpenAPI definitions for HTTP APIs").
///
/// ## Example
/// ```yaml
/// swagger: "2.0"      # imported with --api-type http
/// ```
///
/// ## Fix
/// Convert the document to OpenAPI 3.0 (`gwgen export --to oas30`), or import it as a REST API.
pub struct HttpApiOpenapi3Only;

impl Rule for HttpApiOpenapi3Only {
    const META: RuleMeta = RuleMeta {
        id: "http-api-openapi3-only",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: true,
        summary: "HTTP APIs import OpenAPI 3.0 only",
    };

    fn check(api: &Api, out: &mut Findings) {
        if api.version == SpecVersion::Swagger2 {
            out.report(
                crate::source::Loc::default().child("swagger"),
                "HTTP APIs import OpenAPI 3.0 only; this is Swagger 2.0",
            )
            .help("convert the document to OpenAPI 3.0, or import it as a REST API");
        }
    }
}
