use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::helpers::extensions::GATEWAY_RESPONSE_TYPES;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Each key of `x-amazon-apigateway-gateway-responses` is one of the 21 gateway response types
/// (compared without regard to case), `REQUEST_TOO_LARGE` is not among them, and each literal
/// `statusCode` is a three-digit status from 100 to 599 (`[1-5]\d\d`).
///
/// ## Why
/// The gateway response types are a fixed enum: ACCESS_DENIED, API_CONFIGURATION_ERROR,
/// AUTHORIZER_CONFIGURATION_ERROR, AUTHORIZER_FAILURE, BAD_REQUEST_PARAMETERS, BAD_REQUEST_BODY,
/// DEFAULT_4XX, DEFAULT_5XX, EXPIRED_TOKEN, INTEGRATION_FAILURE, INTEGRATION_TIMEOUT,
/// INVALID_API_KEY, INVALID_SIGNATURE, MISSING_AUTHENTICATION_TOKEN, QUOTA_EXCEEDED,
/// REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, THROTTLED, UNAUTHORIZED, UNSUPPORTED_MEDIA_TYPE and
/// WAF_FILTERED [BOTO1:GatewayResponseType], [DG:supported-gateway-response-types]. A gateway
/// response's status code follows the `StatusCode` pattern `[1-5]\d\d` [BOTO1:StatusCode].
/// `REQUEST_TOO_LARGE` (413) is in the enum but cannot be customized
/// [DG:api-gateway-known-issues].
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-gateway-responses:
///   NOT_FOUND:                 # not a type: RESOURCE_NOT_FOUND
///     statusCode: "404"
///   DEFAULT_4XX:
///     statusCode: "4xx"        # not a status code
/// ```
///
/// ## Fix
/// Use the type names listed above, and a literal status code such as `"404"`. Customize the
/// response to an oversized request through `DEFAULT_4XX` instead of `REQUEST_TOO_LARGE`.
pub struct GatewayResponseTypeValid;

impl Rule for GatewayResponseTypeValid {
    const META: RuleMeta = RuleMeta {
        id: "gateway-response-type-valid",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "gateway responses use known types and status codes",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (kind, response) in &api.apigw.gateway_responses {
            match GATEWAY_RESPONSE_TYPES.iter().find(|t| t.eq_ignore_ascii_case(kind)) {
                None => {
                    let help = match closest(kind) {
                        Some(t) => format!("did you mean `{t}`? The types are the 21 GatewayResponseType values (`gwgen rules gateway-response-type-valid` lists them)"),
                        None => "use one of the 21 GatewayResponseType values (`gwgen rules gateway-response-type-valid` lists them)".to_string(),
                    };
                    out.report(response.loc.clone(), format!("`{kind}` is not a gateway response type"))
                        .help(help);
                }
                Some(&"REQUEST_TOO_LARGE") => {
                    out.report(response.loc.clone(), format!("`{kind}` (413) cannot be customized"))
                        .help("remove it; DEFAULT_4XX covers the response to a request that is too large");
                }
                Some(_) => {}
            }
            if let Some(Text::Str(code)) = &response.status_code {
                if !is_status(code) {
                    out.report(
                        response.loc.child("statusCode"),
                        format!("gateway response status code `{code}` is not a status from 100 to 599"),
                    )
                    .help("write a three-digit status code such as \"403\"");
                }
            }
        }
    }
}

/// `[1-5]\d\d`.
fn is_status(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 3 && (b'1'..=b'5').contains(&b[0]) && b[1].is_ascii_digit() && b[2].is_ascii_digit()
}

/// The type nearest to a misspelt one, when it is near enough to suggest.
fn closest(kind: &str) -> Option<&'static str> {
    let upper = kind.to_ascii_uppercase().replace(['-', ' '], "_");
    GATEWAY_RESPONSE_TYPES
        .iter()
        .map(|t| (distance(&upper, t), *t))
        .filter(|(d, t)| *d <= t.len() / 3 || t.contains(upper.as_str()) && upper.len() >= 4)
        .min()
        .map(|(_, t)| t)
}

/// Levenshtein distance over bytes (type names are ASCII).
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
