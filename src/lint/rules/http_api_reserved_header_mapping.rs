use serde_json::Value;

use super::http_api_param_mapping_syntax::{request_key, response_key, response_mappings, Target};
use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// Headers HTTP API parameter mappings cannot change (lowercase).
const RESERVED: &[&str] = &[
    "authorization",
    "connection",
    "content-encoding",
    "content-length",
    "content-location",
    "forwarded",
    "keep-alive",
    "origin",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "via",
];
/// Prefixes of reserved headers (lowercase).
const RESERVED_PREFIXES: &[&str] = &["access-control-", "apigw-", "x-amz-", "x-amzn-"];

/// The reserved header `name` is, if it is one (compared without regard to case).
pub(crate) fn reserved(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if RESERVED.contains(&lower.as_str()) {
        return Some(name.to_string());
    }
    RESERVED_PREFIXES.iter().find(|p| lower.starts_with(**p)).map(|p| format!("{p}*"))
}

/// ## What it checks
/// No `requestParameters` or `responseParameters` key of an HTTP API integration changes a
/// reserved header: `access-control-*`, `apigw-*`, `Authorization`, `Connection`,
/// `Content-Encoding`, `Content-Length`, `Content-Location`, `Forwarded`, `Keep-Alive`, `Origin`,
/// `Proxy-Authenticate`, `Proxy-Authorization`, `TE`, `Trailers`, `Transfer-Encoding`,
/// `Upgrade`, `x-amz-*`, `x-amzn-*`, `X-Forwarded-For`, `X-Forwarded-Host`,
/// `X-Forwarded-Proto` and `Via` (names compared without regard to case).
///
/// ## Why
/// HTTP API parameter mapping lists these headers as reserved: "You can't configure request or
/// response mappings for these headers" [DG:http-api-parameter-mapping]. API Gateway refuses such
/// a mapping.
///
/// ## Example
/// ```yaml
/// requestParameters:
///   overwrite:header.Authorization: $request.querystring.token
/// ```
///
/// ## Fix
/// Map the value into a header of your own (`overwrite:header.x-auth-token`) and read that in the
/// backend; for authorization, use an authorizer.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html#http-api-mapping-reserved-headers>
pub struct HttpApiReservedHeaderMapping;

impl Rule for HttpApiReservedHeaderMapping {
    const META: RuleMeta = RuleMeta {
        id: "http-api-reserved-header-mapping",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "HTTP API parameter mappings do not change reserved headers",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            if integration.integration_subtype.is_none() {
                let requests = integration.loc.child("requestParameters");
                for key in integration.request_parameters.keys() {
                    if let Ok(Target::Header(name)) = request_key(key) {
                        if let Some(which) = reserved(name) {
                            out.report(requests.child(key), format!("`{key}` maps the reserved header `{which}`, which HTTP APIs do not let mappings change"))
                                .help("map the value into a header of your own instead");
                        }
                    }
                }
            }
            let responses = integration.loc.child("responseParameters");
            let Some(Value::Object(by_status)) = api.sources.value(&responses) else { continue };
            if crate::ir::is_intrinsic(by_status) {
                continue;
            }
            for (status, mappings) in by_status {
                for (loc, key, _) in response_mappings(&responses.child(status), mappings) {
                    if let Ok(Target::Header(name)) = response_key(key) {
                        if let Some(which) = reserved(name) {
                            out.report(
                                loc,
                                format!("`{key}` maps the reserved header `{which}`, which HTTP APIs do not let mappings change"),
                            )
                            .help("map the value into a header of your own instead");
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::reserved;

    #[test]
    fn reserved_headers() {
        assert!(reserved("Authorization").is_some());
        assert!(reserved("X-Amzn-Trace-Id").is_some());
        assert!(reserved("access-control-allow-origin").is_some());
        assert!(reserved("x-forwarded-port").is_none());
        assert!(reserved("x-user").is_none());
    }
}
