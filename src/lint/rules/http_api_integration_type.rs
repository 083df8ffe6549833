use crate::diag::Severity;
use crate::ir::{Api, IntegrationType};
use crate::lint::helpers::in_resource_property;
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
///
/// An `AWS::ApiGatewayV2::Integration` resource is not imported but created, and CreateIntegration
/// refuses it: "Currently, an API with a protocol type of HTTP may only be associated with proxy
/// integrations (AWS_PROXY, HTTP_PROXY)" (aws-cli#6363, terraform-provider-aws#17289 and #25848
/// recorded it). There the finding is an error: the stack fails.
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
        let created = out.raised(Severity::Error);
        for (_, integration) in crate::lint::helpers::integrations(api) {
            if let Some(kind @ (IntegrationType::Aws | IntegrationType::Http | IntegrationType::Mock)) =
                integration.kind()
            {
                let at = integration.loc.child("type");
                if in_resource_property(api, &at) {
                    let f = out.report(
                        at,
                        format!(
                            "integration type `{}` on an HTTP API: CreateIntegration refuses it (\"Currently, an API with a protocol type of HTTP may only be associated with proxy integrations (AWS_PROXY, HTTP_PROXY)\")",
                            kind.as_str().to_ascii_uppercase()
                        ),
                    );
                    f.severity = created;
                    f.help("use `IntegrationType: AWS_PROXY` (a Lambda function, or an AWS service with an `IntegrationSubtype`) or `HTTP_PROXY`");
                    continue;
                }
                out.report(at, format!("integration type `{}` is not supported by HTTP APIs", kind.as_str()))
                    .help("use aws_proxy or http_proxy, or import the document as a REST API");
            }
        }
    }
}
