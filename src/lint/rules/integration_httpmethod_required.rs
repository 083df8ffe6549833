use crate::diag::Severity;
use crate::ir::{Api, IntegrationType, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::absent;

/// ## What it checks
/// Every REST API integration except `mock` has an `httpMethod`, and it is not empty.
///
/// ## Why
/// `httpMethod` is the method of the integration request, the call API Gateway makes to the
/// backend. It is optional only for `MOCK` integrations and required for every other type
/// [BOTO1:Integration.httpMethod] [DG:api-gateway-swagger-extensions-integration]; without it
/// the integration cannot be created ("Enumeration value for HttpMethod must be non-empty").
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: http_proxy          # no httpMethod
///   uri: https://backend.example.com/pets
/// ```
///
/// ## Fix
/// Add `httpMethod`: `POST` for Lambda (`aws` or `aws_proxy` to a function), the method the
/// backend expects for `http` and `http_proxy` (`ANY` passes the client's method through), and
/// the method of the service API for other `aws` integrations.
pub struct IntegrationHttpmethodRequired;

impl Rule for IntegrationHttpmethodRequired {
    const META: RuleMeta = RuleMeta {
        id: "integration-httpmethod-required",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "integrations other than mock have an httpMethod",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(kind) = integration.kind() else { continue };
            if kind == IntegrationType::Mock {
                continue;
            }
            let help = match kind {
                IntegrationType::AwsProxy => "add `httpMethod: POST` (Lambda is always invoked with POST)",
                IntegrationType::HttpProxy => {
                    "add the backend's method as `httpMethod` (`ANY` passes the client's method on)"
                }
                _ => "add `httpMethod`: POST for Lambda, else the method the backend or service API expects",
            };
            match &integration.http_method {
                Some(Text::Str(method)) if method.trim().is_empty() => {
                    out.report(
                        integration.loc.child("httpMethod"),
                        format!("the `{}` integration's `httpMethod` is empty", kind.as_str()),
                    )
                    .help(help);
                }
                None if absent(api, &integration.loc, "httpMethod") => {
                    out.report(
                        integration.loc.clone(),
                        format!("the `{}` integration has no `httpMethod`", kind.as_str()),
                    )
                    .help(help);
                }
                _ => {}
            }
        }
    }
}
