use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// No integration turns on `tlsConfig.insecureSkipVerification`.
///
/// ## Why
/// With the flag on, API Gateway no longer checks that the backend's certificate was issued by a
/// supported certificate authority; it still checks the expiry date, the host name and that a
/// root CA is present [DG:api-gateway-extensions-integration-tls-config] [BOTO1:TlsConfig]. Any
/// self-signed or privately signed certificate is then accepted, which lets someone who can
/// intercept the traffic to the backend pose as it (a man-in-the-middle risk).
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: http_proxy
///   httpMethod: ANY
///   uri: https://backend.example.com
///   tlsConfig:
///     insecureSkipVerification: true
/// ```
///
/// ## Fix
/// Give the backend a certificate from a CA that API Gateway trusts (ACM issues them for load
/// balancers) and remove the flag. If a private CA is unavoidable, keep the backend reachable
/// only through a VPC link and document the exception.
pub struct TlsInsecureSkipVerification;

impl Rule for TlsInsecureSkipVerification {
    const META: RuleMeta = RuleMeta {
        id: "tls-insecure-skip-verification",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Never,
        generic: false,
        summary: "tlsConfig.insecureSkipVerification is not turned on",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            if integration.tls_config.as_ref().and_then(|t| t.insecure_skip_verification) == Some(true) {
                out.report(
                    integration.loc.child("tlsConfig").child("insecureSkipVerification"),
                    "insecureSkipVerification is true: API Gateway accepts backend certificates from any CA, including self-signed ones",
                )
                .help("use a certificate from a publicly trusted CA (for example ACM) and remove the flag");
            }
        }
    }
}
