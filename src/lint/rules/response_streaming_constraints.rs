use crate::diag::Severity;
use crate::ir::{Api, ApiType, IntegrationType, Method, ResponseTransferMode};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// An integration with `responseTransferMode: STREAM`:
///
/// - is in a REST API;
/// - is an `http_proxy` or `aws_proxy` integration;
/// - has no response mapping templates;
/// - is not cached by a stage of the template (a `MethodSettings` entry with `CachingEnabled`
///   that names the method, or names every method (`*`) and the method is a GET: "only GET
///   methods have caching enabled by default" [DG:api-gateway-caching]).
///
/// ## Why
/// "You can only use response payload streaming for HTTP_PROXY or AWS_PROXY integration types",
/// and response streaming is supported only for REST APIs. Because API Gateway does not buffer a
/// streamed response, streaming does not support endpoint caching, content encoding, or response
/// transformation with VTL
/// [WEB:https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html].
/// A non-proxy integration or an HTTP API cannot be set to stream; a cache or a response
/// template next to a streamed response does not work as written. The catalog scopes the rule to
/// REST APIs; gwgen also reports `STREAM` written in an HTTP API, where it cannot apply.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws
///   responseTransferMode: STREAM
/// ```
///
/// ## Fix
/// Stream only from `aws_proxy` (Lambda, with the `response-streaming-invocations` URI) or
/// `http_proxy` integrations, remove response templates, and turn caching off for the method.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html>
pub struct ResponseStreamingConstraints;

impl Rule for ResponseStreamingConstraints {
    const META: RuleMeta = RuleMeta {
        id: "response-streaming-constraints",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "responseTransferMode STREAM only on REST http_proxy/aws_proxy, without response templates or caching",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (at, integration) in crate::lint::helpers::integrations(api) {
            let Some(mode) = &integration.response_transfer_mode else { continue };
            if !mode.is(ResponseTransferMode::Stream) {
                continue;
            }
            let loc = integration.loc.child("responseTransferMode");
            if api.api_type == ApiType::Http {
                out.report(loc, "response streaming is supported only for REST APIs")
                    .help("remove `responseTransferMode`; HTTP APIs buffer integration responses");
                continue;
            }
            if let Some(kind @ (IntegrationType::Aws | IntegrationType::Http | IntegrationType::Mock)) = integration.kind() {
                out.report(
                    loc.clone(),
                    format!("responseTransferMode STREAM works only with http_proxy or aws_proxy integrations, not {}", kind.as_str()),
                )
                .help("make the integration a proxy integration, or use `responseTransferMode: BUFFERED`");
            }
            for (pattern, response) in &integration.responses {
                if !response.response_templates.is_empty() {
                    out.report(
                        response.loc.child("responseTemplates"),
                        format!("integration response `{pattern}` has mapping templates, which a streamed response does not go through"),
                    )
                    .help("remove the response templates, or buffer the response");
                }
            }
            let Some((path, op)) = at else { continue };
            for stage in &api.deployment.stages {
                for setting in &stage.method_settings {
                    if setting.caching_enabled != Some(true) {
                        continue;
                    }
                    // A setting for every method (`*`) caches only GET methods.
                    let method_ok = if setting.http_method == "*" {
                        op.method == Method::Get
                    } else {
                        op.method != Method::Any && setting.http_method.eq_ignore_ascii_case(op.method.as_str())
                    };
                    let resource_ok = match setting.resource() {
                        Some(None) => true,
                        Some(Some(p)) => p == path.path,
                        None => false,
                    };
                    if method_ok && resource_ok {
                        out.report(
                            loc.clone(),
                            format!("stage `{}` caches this method, and a streamed response cannot be cached", stage.name),
                        )
                        .help("turn caching off for this method in the stage's MethodSettings, or buffer the response");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::http_findings;

    #[test]
    fn http_apis_do_not_stream() {
        let paths = r#"
  /a:
    get:
      x-amazon-apigateway-integration:
        {type: http_proxy, httpMethod: GET, uri: "https://example.com", payloadFormatVersion: "1.0", responseTransferMode: STREAM}
  /b:
    get:
      x-amazon-apigateway-integration:
        {type: http_proxy, httpMethod: GET, uri: "https://example.com", payloadFormatVersion: "1.0", responseTransferMode: BUFFERED}
"#;
        assert_eq!(
            http_findings("response-streaming-constraints", paths),
            ["/paths/~1a/get/x-amazon-apigateway-integration/responseTransferMode"]
        );
    }
}
