use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Notes an OpenAPI 3.1 document.
///
/// ## Why
/// API Gateway imports Swagger 2.0 and OpenAPI 3.0 only (REST import; HTTP import takes 3.0).
/// gwgen reads 3.1 so that it can lint it and generate from it, but the document cannot be
/// imported as it is.
///
/// ## Example
/// ```yaml
/// openapi: 3.1.0
/// ```
///
/// ## Fix
/// Write `openapi: 3.0.3` and 3.0 schema syntax (`nullable: true` instead of
/// `type: [string, "null"]`; `example` instead of `examples` in schemas).
pub struct Openapi31;

impl Rule for Openapi31 {
    const META: RuleMeta = RuleMeta {
        id: "openapi-31",
        category: Category::Import,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Warn),
        generic: true,
        summary: "API Gateway imports OpenAPI 3.0, not 3.1",
    };

    fn check(api: &Api, out: &mut Findings) {
        crate::lint::helpers::forward_diagnostics(api, Self::META.id, out);
    }
}
