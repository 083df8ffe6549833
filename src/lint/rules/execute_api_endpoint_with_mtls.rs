use serde_json::Value;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// Does this template object turn mutual TLS on (`MutualTlsAuthentication` with a truststore)?
fn has_mtls(properties: Option<&Value>) -> bool {
    properties
        .and_then(|p| p.get("MutualTlsAuthentication"))
        .and_then(|m| m.get("TruststoreUri"))
        .is_some_and(|t| !t.is_null())
}

/// The API resource of the template the API comes from, as written, and the SAM `Globals`
/// section for its type (`Api` or `HttpApi`), if any.
fn template_resource(api: &Api) -> Option<(crate::source::Loc, &serde_json::Value, Option<&serde_json::Value>)> {
    let t = api.template.as_ref()?;
    api.sources.iter().find_map(|(id, s)| {
        let resource = s.value.get("Resources")?.get(&t.logical_id)?;
        let section = match t.resource_type.as_str() {
            "AWS::Serverless::Api" => Some("Api"),
            "AWS::Serverless::HttpApi" => Some("HttpApi"),
            _ => None,
        };
        let globals = section.and_then(|k| s.value.get("Globals")?.get(k));
        let ptr = crate::source::Pointer::root().push("Resources").push(&t.logical_id);
        Some((crate::source::Loc::new(id, ptr), resource, globals))
    })
}

/// ## What it checks
/// Notes an API served through a custom domain with mutual TLS (`MutualTlsAuthentication` on the
/// template's domain) whose default `execute-api` endpoint stays enabled (no
/// `disableExecuteApiEndpoint: true`, nor `DisableExecuteApiEndpoint: true` on the API
/// resource).
///
/// ## Why
/// Mutual TLS is configured on the custom domain, and only requests through that domain present a
/// client certificate. AWS advises disabling the default endpoint "to ensure that clients can
/// only access your API through the custom domain name with mutual TLS" [DG:rest-api-mutual-tls]
/// [DG:http-api-mutual-tls]; otherwise clients can bypass the certificate check by calling
/// `https://{api-id}.execute-api.{region}.amazonaws.com`.
///
/// ## Example
/// ```yaml
/// Domain:
///   Type: AWS::ApiGateway::DomainName
///   Properties:
///     DomainName: api.example.com
///     MutualTlsAuthentication: {TruststoreUri: s3://bucket/truststore.pem}
/// ```
///
/// ## Fix
/// Set `DisableExecuteApiEndpoint: true` on the API (or `disableExecuteApiEndpoint: true` in the
/// document's `x-amazon-apigateway-endpoint-configuration`).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mutual-tls.html>
pub struct ExecuteApiEndpointWithMtls;

impl Rule for ExecuteApiEndpointWithMtls {
    const META: RuleMeta = RuleMeta {
        id: "execute-api-endpoint-with-mtls",
        category: Category::Endpoint,
        severity: Severity::Info,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Never,
        generic: false,
        summary: "an API behind a mutual-TLS domain disables its execute-api endpoint",
    };

    fn check(api: &Api, out: &mut Findings) {
        let disabled_in_document =
            api.apigw.endpoint_configuration.as_ref().and_then(|e| e.disable_execute_api_endpoint) == Some(true);
        if disabled_in_document {
            return;
        }
        let resource = template_resource(api);
        let properties = resource.as_ref().and_then(|(_, r, _)| r.get("Properties"));
        let globals = resource.as_ref().and_then(|(_, _, g)| *g);
        let disabled = |v: Option<&Value>| v.and_then(|p| p.get("DisableExecuteApiEndpoint")).and_then(Value::as_bool) == Some(true);
        if disabled(properties) || disabled(globals) {
            return;
        }
        let mut mtls: Vec<Loc> = api
            .deployment
            .domains
            .iter()
            .filter(|d| has_mtls(api.sources.value(&d.loc).and_then(|r| r.get("Properties"))))
            .map(|d| d.loc.clone())
            .collect();
        // A SAM API's own `Domain`.
        if let Some((loc, _, _)) = &resource {
            if has_mtls(properties.and_then(|p| p.get("Domain"))) {
                mtls.push(loc.child("Properties").child("Domain"));
            } else if has_mtls(globals.and_then(|g| g.get("Domain"))) {
                mtls.push(loc.clone());
            }
        }
        mtls.dedup();
        for loc in mtls {
            out.report(
                loc,
                "this custom domain requires mutual TLS, but the API's execute-api endpoint is still enabled: clients can call it without a certificate",
            )
            .help("set `DisableExecuteApiEndpoint: true` on the API");
        }
    }
}
