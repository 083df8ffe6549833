use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// The ACM certificate of an edge-optimized custom domain is in `us-east-1`, and a regional
/// domain's certificate is in the region of the API's own ARNs, when both regions are written
/// out (a `${AWS::Region}` certificate is right by construction; a hard-coded region is checked).
///
/// The domains are read wherever a template defines them: a SAM Api's or HttpApi's `Domain`
/// (`EndpointConfiguration` REGIONAL unless it says EDGE, as SAM defaults it), including one
/// given by `Globals.Api` / `Globals.HttpApi` (to every API, the implicit ones too); and an
/// `AWS::ApiGateway::DomainName` (`CertificateArn` for EDGE, `RegionalCertificateArn` for
/// REGIONAL) or `AWS::ApiGatewayV2::DomainName` mapped to the API by a `BasePathMapping` /
/// `ApiMapping`.
///
/// ## Why
/// Edge-optimized domains are served by CloudFront, which only takes certificates from
/// us-east-1; a regional domain needs a certificate in the API's region. Otherwise the domain
/// cannot be created and the stack fails (API Gateway developer guide, custom domain
/// prerequisites; edge-optimized and regional custom domain names).
///
/// ## Example
/// ```yaml
/// Domain:
///   DomainName: api.example.com
///   EndpointConfiguration: EDGE
///   CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
/// ```
///
/// ## Fix
/// Issue (or import) the certificate in us-east-1 for an edge domain, or in the API's region for
/// a regional one; or make the domain REGIONAL.
pub struct CertificateRegion;

impl Rule for CertificateRegion {
    const META: RuleMeta = RuleMeta {
        id: "certificate-region",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Deploy,
        generic: false,
        summary: "custom domain certificates are in us-east-1 (edge) or the API's region (regional)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let api_region = api_region(api);
        for domain in &api.deployment.domains {
            let Some(arn) = domain.certificate_arn.as_ref().and_then(Text::pattern) else { continue };
            let Some(region) = arn_region(arn) else { continue };
            if domain.endpoint_type == "EDGE" && region != "us-east-1" {
                out.report(domain.certificate_loc.clone(), format!("the certificate of an edge-optimized domain is in `{region}`; CloudFront takes certificates only from us-east-1"))
                    .help("use a certificate from us-east-1, or make the domain REGIONAL");
            } else if domain.endpoint_type == "REGIONAL" {
                if let Some(api_region) = api_region.as_deref().filter(|r| *r != region) {
                    out.report(
                        domain.certificate_loc.clone(),
                        format!(
                            "the certificate of a regional domain is in `{region}`, but the API is in `{api_region}`"
                        ),
                    )
                    .help(format!("use a certificate from {api_region}"));
                }
            }
        }
    }
}

/// The literal region of an ARN (`arn:aws:acm:eu-west-1:...`), if it is written out.
fn arn_region(arn: &str) -> Option<&str> {
    let region = arn.split(':').nth(3)?;
    (!region.is_empty()
        && !region.contains('$')
        && region.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
    .then_some(region)
}

/// The region the API's own integration ARNs name, when they all name the same literal one.
fn api_region(api: &Api) -> Option<String> {
    let mut found: Option<String> = None;
    for (_, i) in crate::lint::helpers::integrations(api) {
        let Some(uri) = i.uri.as_ref().and_then(Text::pattern) else { continue };
        if !uri.starts_with("arn:") {
            continue;
        }
        let Some(r) = arn_region(uri) else { continue };
        match &found {
            Some(f) if f != r => return None,
            _ => found = Some(r.to_string()),
        }
    }
    found
}
