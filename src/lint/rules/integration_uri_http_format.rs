use crate::diag::Severity;
use crate::ir::{Api, ConnectionType, IntegrationType};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::{absent, has_hole, uri_pattern, HOLE, SEGMENT_HOLE};

/// ## What it checks
/// The `uri` of an `http` or `http_proxy` integration over the internet (not through a VPC link)
/// is an absolute `http://` or `https://` URL with a host, and a port, if it names one, of 80,
/// 443 or 1025 to 65535. It has no unencoded spaces. A missing `uri` is reported too. Stage
/// variables and other `${...}` placeholders may stand for the host, the path or the query; a
/// URI that starts with one is not checked.
///
/// ## Why
/// For HTTP integrations the URI is "the fully formed, encoded HTTP(S) URL according to the RFC
/// 3986 specification", and API Gateway integrates only with ports 80 and 443 and with custom
/// ports above 1024 [BOTO1:Integration.uri] [BOTO1:Integration.type]. Other values are refused
/// with "Invalid HTTP endpoint specified for URI". Through a `VPC_LINK` the URI names the load
/// balancer instead (a REST NLB DNS name, or an HTTP API listener or Cloud Map ARN
/// [BOTO2:Integration.IntegrationUri]), so those integrations are not checked here.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: http_proxy
///   httpMethod: ANY
///   uri: backend.example.com:8080/pets      # no scheme
/// ```
///
/// ## Fix
/// Write the full URL with its scheme, `https://backend.example.com:8080/pets`, on an allowed
/// port; percent-encode spaces and other reserved characters.
pub struct IntegrationUriHttpFormat;

impl Rule for IntegrationUriHttpFormat {
    const META: RuleMeta = RuleMeta {
        id: "integration-uri-http-format",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "HTTP integration URIs are absolute http(s) URLs on port 80, 443 or above 1024",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(kind @ (IntegrationType::Http | IntegrationType::HttpProxy)) = integration.kind() else {
                continue;
            };
            // Only internet integrations: VPC_LINK ones (and unknown connection types) name a target otherwise.
            if integration.connection_type.as_ref().is_some_and(|c| !c.is(ConnectionType::Internet)) {
                continue;
            }
            let Some((uri, masked)) = uri_pattern(integration) else {
                if integration.uri.is_none() && absent(api, &integration.loc, "uri") {
                    out.report(integration.loc.clone(), format!("the `{}` integration has no `uri`", kind.as_str()))
                        .help("add the backend's URL as `uri`, for example https://backend.example.com/pets");
                }
                continue;
            };
            if let Err(problem) = check_url(&masked) {
                out.report(integration.loc.child("uri"), format!("`uri` `{}` {problem}", uri.display()))
                    .help("write an absolute, encoded URL such as https://backend.example.com/pets, on port 80, 443 or 1025-65535");
            }
        }
    }
}

/// Checks a masked URL; what is known for certain only (a [`HOLE`] may stand for anything).
fn check_url(masked: &str) -> Result<(), String> {
    if masked.starts_with([HOLE, SEGMENT_HOLE]) {
        return Ok(());
    }
    let Some((scheme, rest)) = masked.split_once("://") else {
        return Err("is not an absolute URL: it has no `http://` or `https://` scheme".into());
    };
    if has_hole(scheme) {
        return Ok(());
    }
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!("uses the `{scheme}` scheme; HTTP integrations take http or https URLs"));
    }
    if masked.chars().any(char::is_whitespace) {
        return Err("contains white space; the URL must be encoded (`%20`)".into());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let (host, port) = match host_port.strip_prefix('[') {
        // [IPv6]:port
        Some(v6) => match v6.split_once(']') {
            Some((host, after)) => (host, after.strip_prefix(':')),
            None => return Err("has an unclosed `[` in its host".into()),
        },
        None => match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        },
    };
    if host.is_empty() {
        return Err("has no host".into());
    }
    let Some(port) = port else { return Ok(()) };
    if port.is_empty() || has_hole(port) {
        return Ok(());
    }
    if !port.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("has the port `{port}`, which is not a number"));
    }
    match port.parse::<u32>() {
        Ok(80 | 443) => Ok(()),
        Ok(n) if (1025..=65535).contains(&n) => Ok(()),
        _ => Err(format!("uses port {port}; API Gateway integrates only with ports 80, 443 and 1025-65535")),
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::helpers::mask;
    use super::check_url;

    fn ok(s: &str) -> bool {
        check_url(&mask(s)).is_ok()
    }

    #[test]
    fn urls() {
        assert!(ok("https://example.com"));
        assert!(ok("http://example.com:8080/a/{id}?q=1"));
        assert!(ok("HTTPS://example.com:443/"));
        assert!(ok("https://[::1]:8443/x"));
        assert!(ok("${stageVariables.url}/pets"));
        assert!(ok("https://${stageVariables.host}/pets"));
        assert!(ok("https://api.${AWS::Region}.example.com:${stageVariables.port}/pets"));
        assert!(ok("https://${Api}.execute-api.${AWS::Region}.amazonaws.com/Prod"));
        assert!(!ok("example.com/pets"));
        assert!(!ok("ftp://example.com/"));
        assert!(!ok("https:///pets"));
        assert!(!ok("https://example.com:22/"));
        assert!(!ok("https://example.com:1024/"));
        assert!(!ok("https://example.com:70000/"));
        assert!(!ok("https://example.com:http/"));
        assert!(!ok("https://example.com/a b"));
    }
}

#[cfg(test)]
mod http_api_tests {
    use super::super::http_findings;

    #[test]
    fn private_integrations_are_not_urls() {
        let paths = r#"
  /private:
    get:
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: ANY
        connectionType: VPC_LINK
        connectionId: abc123
        payloadFormatVersion: "1.0"
        uri: arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-alb/0123456789/0123456789
  /public:
    get:
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: ANY
        payloadFormatVersion: "1.0"
        uri: arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-alb/0123456789/0123456789
"#;
        assert_eq!(
            http_findings("integration-uri-http-format", paths),
            vec!["/paths/~1public/get/x-amazon-apigateway-integration/uri"]
        );
    }
}
