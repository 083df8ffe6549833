use crate::diag::Severity;
use crate::ir::{Api, IntegrationType};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// HTTP API integrations are `aws_proxy` or `http_proxy`.
///
/// ## Why
/// HTTP APIs support only proxy integrations; `aws`, `http` and `mock` are "Supported only for
/// WebSocket APIs", and the import raises a warning and skips them (BOTO2:
/// Integration.IntegrationType; developer guide, HTTP API OpenAPI import).
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration: {type: mock}     # on an HTTP API
/// ```
///
/// ## Fix
/// Use `aws_proxy` (Lambda or a first-class AWS service with `integrationSubtype`) or
/// `http_proxy`; or import the document as a REST API.
pub struct HttpApiIntegrationType;

impl Rule for HttpApiIntegrationType {
    const META: RuleMeta = RuleMeta {
        id: "http-api-integration-type",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Warn),
        generic: false,
        summary: "HTTP APIs allow only aws_proxy and http_proxy integrations",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            if let Some(kind @ (IntegrationType::Aws | IntegrationType::Http | IntegrationType::Mock)) =
                integration.kind()
            {
                out.report(
                    integration.loc.child("type"),
                    format!("integration type `{}` is not supported by HTTP APIs", kind.as_str()),
                )
                .help("use aws_proxy or http_proxy, or import the document as a REST API");
            }
        }
    }
}
