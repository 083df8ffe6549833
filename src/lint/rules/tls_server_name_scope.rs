use crate::diag::Severity;
use crate::ir::{Api, ApiType, IntegrationType};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// Each `tlsConfig` field is used where API Gateway supports it:
///
/// - `serverNameToVerify` only on an HTTP API's private integration (`connectionType: VPC_LINK`);
/// - `insecureSkipVerification` only on a REST API, and there only on `http` and `http_proxy`
///   integrations.
///
/// ## Why
/// The `tlsConfig` page says of `insecureSkipVerification` "Supported only for REST APIs" and
/// "Supported only for HTTP and HTTP_PROXY integrations", and of `serverNameToVerify` "Supported
/// only for HTTP API private integrations" [DG:api-gateway-extensions-integration-tls-config].
/// The REST API's `TlsConfig` has no server name at all [BOTO1:TlsConfig], and CloudFormation's
/// `AWS::ApiGatewayV2::Integration TlsConfig` is "the TLS configuration for a private
/// integration". The catalog files this rule as an HTTP-only error. Both halves are about a field
/// written on the wrong API type or integration, so gwgen checks both API types; and AWS accepts
/// such a field and drops it: an HTTP API integration with `connectionType: INTERNET` and a
/// `ServerNameToVerify` is created, and its TLS configuration is not returned afterwards
/// [ISSUE:https://github.com/hashicorp/terraform-provider-aws/issues/41326]. What is written is
/// silently not applied, so gwgen warns (the catalog's own key for "silently ignored") and
/// describes the failure as what happens at run time: the backend is not verified as the
/// document says.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:     # an HTTP API, public backend
///   type: http_proxy
///   uri: https://backend.example.com
///   tlsConfig:
///     serverNameToVerify: backend.example.com
/// ```
///
/// ## Fix
/// Keep `serverNameToVerify` for HTTP API integrations through a VPC link, and
/// `insecureSkipVerification` for REST `http` / `http_proxy` integrations; remove them elsewhere.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-extensions-integration-tls-config.html>
/// - <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigatewayv2-integration-tlsconfig.html>
/// - <https://github.com/hashicorp/terraform-provider-aws/issues/41326>
pub struct TlsServerNameScope;

impl Rule for TlsServerNameScope {
    const META: RuleMeta = RuleMeta {
        id: "tls-server-name-scope",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Runtime,
        generic: false,
        summary: "serverNameToVerify only on HTTP API private integrations; insecureSkipVerification only on REST http/http_proxy",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(tls) = &integration.tls_config else { continue };
            let loc = integration.loc.child("tlsConfig");
            if tls.server_name_to_verify.is_some() {
                match api.api_type {
                    ApiType::Rest => {
                        out.report(
                            loc.child("serverNameToVerify"),
                            "serverNameToVerify is supported only for HTTP API private integrations; a REST API ignores it",
                        )
                        .help("remove it: a REST API verifies the host name of the integration's URI");
                    }
                    ApiType::Http => {
                        // A connection type that is an intrinsic or misspelt is not known here.
                        let unknown = integration.connection_type.as_ref().is_some_and(|c| c.value.is_none());
                        if !unknown && !integration.is_vpc_link() {
                            out.report(
                                loc.child("serverNameToVerify"),
                                "serverNameToVerify is supported only for private integrations (connectionType: VPC_LINK); here it is ignored",
                            )
                            .help("remove it, or route the integration through a VPC link");
                        }
                    }
                }
            }
            if tls.insecure_skip_verification.is_some() {
                let kind = integration.kind();
                if api.api_type == ApiType::Http {
                    out.report(
                        loc.child("insecureSkipVerification"),
                        "insecureSkipVerification is supported only for REST APIs; an HTTP API ignores it",
                    )
                    .help("remove it; HTTP API integrations always verify the backend's certificate");
                } else if let Some(k @ (IntegrationType::Aws | IntegrationType::AwsProxy | IntegrationType::Mock)) = kind {
                    out.report(
                        loc.child("insecureSkipVerification"),
                        format!(
                            "insecureSkipVerification is supported only for http and http_proxy integrations, not {}; here it is ignored",
                            k.as_str()
                        ),
                    )
                    .help("remove it: it applies only to HTTP backends");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;

    #[test]
    fn rest_api_scope() {
        let doc = r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /sni:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        {type: http_proxy, httpMethod: GET, uri: "https://example.com", tlsConfig: {serverNameToVerify: example.com}}
  /lambda:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
        tlsConfig: {insecureSkipVerification: true}
  /http:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        {type: http, httpMethod: GET, uri: "https://example.com", tlsConfig: {insecureSkipVerification: true}, responses: {default: {statusCode: "200"}}}
"#;
        assert_eq!(
            pointers_of("tls-server-name-scope", doc, None),
            [
                "/paths/~1lambda/get/x-amazon-apigateway-integration/tlsConfig/insecureSkipVerification",
                "/paths/~1sni/get/x-amazon-apigateway-integration/tlsConfig/serverNameToVerify",
            ]
        );
    }
}
