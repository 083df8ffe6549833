use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// An `aws_proxy` or `http_proxy` integration of a REST API has no `requestTemplates` and no
/// `responseTemplates` in its `responses`.
///
/// ## Why
/// In a proxy integration API Gateway passes the request to the backend as it is (for Lambda, as
/// the proxy event) and returns the backend's response as it is: "you do not set the integration
/// request or the integration response" [DG:api-gateway-api-integration-types]. Mapping
/// templates written on such an integration are never applied, so the document describes a
/// transformation that does not happen. The catalog also lists `contentHandling`; gwgen does not
/// report it: the binary-payload guide describes `contentHandling` for non-proxy integrations
/// only [DG:api-gateway-payload-encodings], yet AWS's own examples set it on Lambda proxy
/// integrations (SAM's binary media types integration test, CDK's `LambdaIntegration` example),
/// and what API Gateway does with it there is not documented.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws_proxy
///   requestTemplates:
///     application/json: '{"id": "$input.params(''id'')"}'
/// ```
///
/// ## Fix
/// Remove the templates, or make the integration `aws` / `http` if the request or response must
/// be transformed.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-integration-types.html>
pub struct ProxyIntegrationNoMappings;

impl Rule for ProxyIntegrationNoMappings {
    const META: RuleMeta = RuleMeta {
        id: "proxy-integration-no-mappings",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "proxy integrations have no mapping templates (they are not applied)",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(kind) = integration.kind().filter(|k| k.is_proxy()) else { continue };
            if !integration.request_templates.is_empty() {
                out.report(
                    integration.loc.child("requestTemplates"),
                    format!("requestTemplates on an {} integration are not applied: the request is passed through as it is", kind.as_str()),
                )
                .help("remove them, or use a non-proxy integration to transform the request");
            }
            for (pattern, response) in &integration.responses {
                if !response.response_templates.is_empty() {
                    out.report(
                        response.loc.child("responseTemplates"),
                        format!("responseTemplates of integration response `{pattern}` are not applied: an {} integration returns the backend's response as it is", kind.as_str()),
                    )
                    .help("remove them, or use a non-proxy integration to transform the response");
                }
            }
        }
    }
}
