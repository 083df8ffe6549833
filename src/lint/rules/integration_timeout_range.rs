use crate::diag::Severity;
use crate::ir::{Api, ApiType, ResponseTransferMode};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::is_intrinsic;

/// ## What it checks
/// `timeoutInMillis` is a whole number of milliseconds in range: 50 to 29,000 on a REST API (up
/// to 900,000 with `responseTransferMode: STREAM`), and 50 to 30,000 on an HTTP API. A
/// WebSocket API's integrations (`TimeoutInMillis` of an `AWS::ApiGatewayV2::Integration`, or
/// `IntegrationTimeout` of a route of a SAM WebSocketApi) take 50 to 29,000.
///
/// ## Why
/// REST integrations time out after 50 ms to 29 seconds, 29 seconds by default
/// [BOTO1:Integration.timeoutInMillis] [DG:limits]. Since 2024 a Regional or private REST API
/// can go beyond 29 seconds, but only after the account's quota has been raised; streamed
/// responses may run for up to 15 minutes
/// [WEB:https://docs.aws.amazon.com/es_es/apigateway/latest/developerguide/response-streaming-http.html].
/// HTTP API integrations take 50 to 30,000 ms [BOTO2:Integration.TimeoutInMillis] (shape
/// IntegerWithLengthBetween50And30000). WebSocket integrations take "between 50 and 29,000
/// milliseconds", 29 seconds by default [BOTO2:CreateIntegrationRequest.TimeoutInMillis], a
/// quota that cannot be increased
/// [WEB:https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html];
/// clients of the API validate the two API types against their own ranges
/// [ISSUE:https://github.com/hashicorp/terraform-provider-aws/pull/16017]. Values outside these
/// ranges, or that are not whole numbers, are rejected. A WebSocket API is not imported from a
/// document: its integrations are created one by one (CloudFormation's CreateIntegration for an
/// `AWS::ApiGatewayV2::Integration`, or for the integration SAM makes of a route), and that call
/// is what refuses the timeout, as it does for an HTTP API built from resources; `gwgen import`
/// lists the finding because creating the API's integrations is the step its plan stands for.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws_proxy
///   timeoutInMillis: 60000        # a REST API, no quota increase
/// ```
///
/// ## Fix
/// Keep the timeout within the limit (29000 for REST, 30000 for HTTP), make long work
/// asynchronous, or stream the response. On a Regional or private REST API you can request a
/// higher integration timeout quota and then ignore this finding for that integration.
pub struct IntegrationTimeoutRange;

impl Rule for IntegrationTimeoutRange {
    const META: RuleMeta = RuleMeta {
        id: "integration-timeout-range",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::ALL,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "timeoutInMillis is 50..29000 (REST, WebSocket) or 50..30000 (HTTP)",
    };

    fn check(api: &Api, out: &mut Findings) {
        if let Some(ws) = &api.websocket {
            for t in ws.integrations.values().filter_map(|i| i.timeout.as_ref()) {
                let raw = match &t.value.raw {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let loc = t.loc.clone();
                let Some(ms) = t.value.value.filter(|v| v.fract() == 0.0) else {
                    if !is_intrinsic(&t.value.raw) {
                        out.report(loc, format!("the timeout `{raw}` is not a whole number of milliseconds"))
                            .help("write the timeout as an integer, for example `TimeoutInMillis: 29000`");
                    }
                    continue;
                };
                if !(50.0..=29_000.0).contains(&ms) {
                    let side = if ms < 50.0 { "below the minimum of 50" } else { "above the maximum of 29000" };
                    out.report(loc, format!("the timeout {raw} is {side}: WebSocket integrations allow 50 to 29000 ms"))
                        .help("use 50 to 29000 ms; for longer work, answer at once and reply later through the @connections API");
                }
            }
            return;
        }
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(timeout) = &integration.timeout_in_millis else { continue };
            let loc = integration.loc.child("timeoutInMillis");
            let raw = match &timeout.raw {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let Some(ms) = timeout.value.filter(|v| v.fract() == 0.0) else {
                if !is_intrinsic(&timeout.raw) {
                    out.report(loc, format!("timeoutInMillis `{raw}` is not a whole number of milliseconds"))
                        .help("write the timeout as an integer, for example `timeoutInMillis: 29000`");
                }
                continue;
            };
            let streaming =
                integration.response_transfer_mode.as_ref().is_some_and(|m| m.is(ResponseTransferMode::Stream));
            let (max, what) = match api.api_type {
                ApiType::Http => (30_000.0, "HTTP API integrations allow 50 to 30000 ms"),
                ApiType::Rest if streaming => (900_000.0, "streamed REST responses allow 50 to 900000 ms (15 minutes)"),
                ApiType::Rest => (29_000.0, "REST integrations allow 50 to 29000 ms"),
            };
            if ms < 50.0 {
                out.report(loc, format!("timeoutInMillis {raw} is below the minimum of 50: {what}"))
                    .help("use at least 50 ms");
            } else if ms > max {
                let (message, help) = if api.api_type == ApiType::Rest && !streaming {
                    (
                        format!("timeoutInMillis {raw} is above 29000: beyond 29 seconds needs a Regional or private API and a raised integration timeout quota"),
                        "use at most 29000, stream the response (`responseTransferMode: STREAM`), or request the quota increase for a Regional or private API",
                    )
                } else {
                    (
                        format!("timeoutInMillis {raw} is above the maximum: {what}"),
                        "lower the timeout to the maximum or below",
                    )
                };
                out.report(loc, message).help(help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::http_findings;

    #[test]
    fn http_api_limit_is_30_seconds() {
        let paths = r#"
  /a:
    get:
      x-amazon-apigateway-integration:
        {type: http_proxy, httpMethod: GET, uri: "https://example.com", payloadFormatVersion: "1.0", timeoutInMillis: 30000}
  /b:
    get:
      x-amazon-apigateway-integration:
        {type: http_proxy, httpMethod: GET, uri: "https://example.com", payloadFormatVersion: "1.0", timeoutInMillis: 30001}
"#;
        assert_eq!(
            http_findings("integration-timeout-range", paths),
            vec!["/paths/~1b/get/x-amazon-apigateway-integration/timeoutInMillis"]
        );
    }
}
