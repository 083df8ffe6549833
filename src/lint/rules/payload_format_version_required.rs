use crate::diag::Severity;
use crate::ir::{Api, IntegrationType, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::absent;

/// ## What it checks
/// Every `aws_proxy` and `http_proxy` integration of an HTTP API has a `payloadFormatVersion`:
/// `"1.0"` or `"2.0"` for a Lambda proxy (an `aws_proxy` integration without
/// `integrationSubtype`), `"1.0"` for everything else. The number `1.0` is the same as the string.
/// `1` and `2` are reported: the documented values are `1.0` and `2.0`, and gwgen does not assume
/// API Gateway reads anything else the same way. Integration types HTTP APIs do not support are
/// left to `http-api-integration-type`.
///
/// ## Why
/// The payload format version says which event shape API Gateway sends to the integration and
/// expects back. It is required for HTTP API integrations; Lambda proxy integrations support
/// 1.0 and 2.0, and 1.0 is the only value for every other integration
/// [BOTO2:Integration.PayloadFormatVersion] [DG:api-gateway-swagger-extensions-integration]
/// [DG:http-api-develop-integrations-lambda].
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: http_proxy
///   httpMethod: GET
///   uri: https://backend.example.com
///   payloadFormatVersion: "2.0"              # only 1.0 for HTTP proxies
/// ```
///
/// ## Fix
/// Add `payloadFormatVersion: "1.0"`; for a Lambda function choose `"2.0"` (the simpler event
/// format) or `"1.0"` (the REST API event format) and write the handler for it.
pub struct PayloadFormatVersionRequired;

impl Rule for PayloadFormatVersionRequired {
    const META: RuleMeta = RuleMeta {
        id: "payload-format-version-required",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "HTTP API integrations have payloadFormatVersion 1.0 (or 2.0 for Lambda)",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (op, integration) in crate::lint::helpers::integrations(api) {
            let Some(kind @ (IntegrationType::AwsProxy | IntegrationType::HttpProxy)) = integration.kind() else {
                continue;
            };
            let lambda = kind == IntegrationType::AwsProxy && integration.integration_subtype.is_none();
            let what = match (kind, lambda) {
                (IntegrationType::HttpProxy, _) => "an http_proxy integration",
                (_, true) => "a Lambda proxy integration",
                _ => "an AWS service integration",
            };
            match &integration.payload_format_version {
                None => {
                    // Only integrations that routes use (a referenced one is reached through its route).
                    if op.is_some() && absent(api, &integration.loc, "payloadFormatVersion") {
                        let help = if lambda {
                            "add `payloadFormatVersion: \"2.0\"` (or \"1.0\" for the REST API event format)"
                        } else {
                            "add `payloadFormatVersion: \"1.0\"`"
                        };
                        out.report(integration.loc.clone(), format!("{what} without `payloadFormatVersion`"))
                            .help(help);
                    }
                }
                Some(Text::Str(version)) => {
                    let version = version.trim();
                    if version == "1.0" || version == "2.0" && lambda || version.contains("${") {
                        continue;
                    }
                    let (message, help) = match version {
                        "1" | "2" if version == "1" || lambda => (
                            format!(
                                "payloadFormatVersion `{version}` is not a documented version: write \"{version}.0\""
                            ),
                            format!("write `payloadFormatVersion: \"{version}.0\"`"),
                        ),
                        "2.0" => (
                            format!(
                                "payloadFormatVersion 2.0 is for Lambda proxy integrations; {what} supports only 1.0"
                            ),
                            "write `payloadFormatVersion: \"1.0\"`".to_string(),
                        ),
                        _ if lambda => (
                            format!("payloadFormatVersion `{version}` is neither 1.0 nor 2.0"),
                            "write `payloadFormatVersion: \"2.0\"` or \"1.0\"".to_string(),
                        ),
                        _ => (
                            format!("payloadFormatVersion `{version}` is not 1.0, the only version {what} supports"),
                            "write `payloadFormatVersion: \"1.0\"`".to_string(),
                        ),
                    };
                    out.report(integration.loc.child("payloadFormatVersion"), message).help(help);
                }
                Some(Text::Intrinsic(_)) => {}
            }
        }
    }
}
