use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// No path is `/ping` or `/sping` at the root of the API.
///
/// ## Why
/// "The paths of /ping and /sping are reserved for the service health check. Use of these for
/// API root-level resources with custom domains will fail to produce the expected result"
/// [DG:api-gateway-known-issues]. The import succeeds; requests through a custom domain reach
/// the health check instead of the API.
///
/// ## Example
/// ```yaml
/// paths:
///   /ping:
///     get: ...
/// ```
///
/// ## Fix
/// Move the route below another segment (`/health/ping`) or rename it (`/healthz`).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html>
pub struct ReservedRootPath;

impl Rule for ReservedRootPath {
    const META: RuleMeta = RuleMeta {
        id: "reserved-root-path",
        category: Category::Endpoint,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "no root-level /ping or /sping path (reserved for health checks)",
    };

    fn check(api: &Api, out: &mut Findings) {
        for path in &api.paths {
            let trimmed = path.path.trim_end_matches('/');
            if trimmed == "/ping" || trimmed == "/sping" {
                out.report(
                    path.loc.clone(),
                    format!("`{trimmed}` is reserved for API Gateway's health check; through a custom domain it does not reach this API"),
                )
                .help("move it below another segment (`/health/ping`) or rename it");
            }
        }
    }
}
