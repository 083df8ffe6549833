use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// The ACM certificate of an edge-optimized custom domain is in `us-east-1`; a regional domain's
/// certificate is in the API's region; and a REGIONAL `AWS::ApiGateway::DomainName` gives its
/// certificate as `RegionalCertificateArn`, not `CertificateArn`.
///
/// The API's region is known only where the configuration states it: `region: eu-west-1` in
/// gwgen.yaml. A template leaves it to `AWS::Region` (a `${AWS::Region}` certificate is right by
/// construction), and the regions in integration URIs name the backends, which may live in other
/// regions, so gwgen does not guess from them. Without `region:`, regional certificates with a
/// hard-coded region are not checked.
///
/// The domains are read wherever a template defines them: a SAM Api's or HttpApi's `Domain`
/// (`EndpointConfiguration` REGIONAL unless it says EDGE, as SAM defaults it), including one
/// given by `Globals.Api` / `Globals.HttpApi` (to every API, the implicit ones too); and an
/// `AWS::ApiGateway::DomainName` (`CertificateArn` for EDGE, `RegionalCertificateArn` for
/// REGIONAL) or `AWS::ApiGatewayV2::DomainName` mapped to the API by a `BasePathMapping` /
/// `ApiMapping` (by `Ref`, or by the literal domain name the mapping gives).
///
/// ## Why
/// Edge-optimized domains are served by CloudFront, which only takes certificates from
/// us-east-1; a regional domain needs a certificate in the API's region. Otherwise the domain
/// cannot be created and the stack fails (API Gateway developer guide, custom domain
/// prerequisites; edge-optimized and regional custom domain names). CloudFormation's
/// `AWS::ApiGateway::DomainName` reads `CertificateArn` "for edge-optimized endpoint or private
/// endpoint" and `RegionalCertificateArn` "for validating the regional domain name"
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-domainname.html]:
/// a regional domain given only `CertificateArn` has no certificate for its endpoint.
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
        let api_region = api.deployment.region.as_deref();
        for domain in &api.deployment.domains {
            if domain.regional_without_regional_certificate {
                out.report(domain.certificate_loc.clone(), "a REGIONAL domain name takes its certificate from `RegionalCertificateArn`; `CertificateArn` is for edge-optimized and private domains")
                    .help("rename the property to RegionalCertificateArn (with a certificate from the API's region)");
                continue;
            }
            let Some(arn) = domain.certificate_arn.as_ref().and_then(Text::pattern) else { continue };
            let Some(region) = arn_region(arn) else { continue };
            if domain.endpoint_type == "EDGE" && region != "us-east-1" {
                out.report(domain.certificate_loc.clone(), format!("the certificate of an edge-optimized domain is in `{region}`; CloudFront takes certificates only from us-east-1"))
                    .help("use a certificate from us-east-1, or make the domain REGIONAL");
            } else if domain.endpoint_type == "REGIONAL" {
                if let Some(api_region) = api_region.filter(|r| *r != region) {
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


#[cfg(test)]
mod tests {
    /// The lines certificate-region reports on the rule's fixture, with the API's region known
    /// (as gwgen.yaml's `region:` states it) or not.
    fn lines(region: Option<&str>) -> Vec<u32> {
        let path = std::path::Path::new("specs/lint/certificate-region.yaml");
        let mut api = crate::load::load(path, &Default::default()).expect("the fixture loads");
        api.deployment.region = region.map(str::to_string);
        let findings: Vec<_> =
            crate::lint::run(&api, crate::lint::Mode::Lint).into_iter().filter(|f| f.rule == "certificate-region").collect();
        crate::report::locate(&findings, &api.sources).iter().map(|f| f.line).collect()
    }

    #[test]
    fn a_regional_certificate_is_checked_only_against_a_stated_region() {
        // The edge certificate outside us-east-1 and the misplaced CertificateArn need no region;
        // the us-west-2 regional certificate is wrong only for an API in eu-west-1.
        assert_eq!(lines(None), [11, 39]);
        assert_eq!(lines(Some("eu-west-1")), [11, 39, 51]);
        assert_eq!(lines(Some("us-west-2")), [11, 39]);
    }
}
