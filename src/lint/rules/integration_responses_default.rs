use crate::diag::Severity;
use crate::ir::{Api, IntegrationType};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::{is_invocation, uri_pattern, written_as, Written};

/// ## What it checks
/// A non-proxy integration (`aws`, `http` or `mock`) has a `default` entry in its `responses`,
/// the integration response used when no status pattern matches. An integration with no
/// `responses` at all is reported too. Proxy integrations are not checked: they return the
/// backend's response as it is.
///
/// ## Why
/// For non-proxy integrations API Gateway picks the integration response whose pattern matches
/// the backend's status code (or, for Lambda, its error message); the `default` key is the
/// catch-all [DG:api-gateway-swagger-extensions-integration-responses]. A successful Lambda
/// result has no error message and so matches only `default`. When nothing matches, the client
/// gets a 500 and the gateway response API_CONFIGURATION_ERROR
/// [DG:supported-gateway-response-types], a failure the import does not warn about.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: mock
///   requestTemplates: {application/json: '{"statusCode": 200}'}
///   responses:
///     "200": {statusCode: "200"}               # a pattern, not the catch-all
/// ```
///
/// ## Fix
/// Key the usual response `default` (`responses: {default: {statusCode: "200"}}`) and keep
/// patterns for the other cases (`"4\\d{2}": {statusCode: "400"}`).
pub struct IntegrationResponsesDefault;

impl Rule for IntegrationResponsesDefault {
    const META: RuleMeta = RuleMeta {
        id: "integration-responses-default",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "non-proxy integrations have a default integration response",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(kind @ (IntegrationType::Aws | IntegrationType::Http | IntegrationType::Mock)) =
                integration.kind()
            else {
                continue;
            };
            if integration.responses.keys().any(|k| k.trim().eq_ignore_ascii_case("default")) {
                continue;
            }
            let loc = integration.loc.child("responses");
            match api.sources.value(&loc) {
                None | Some(serde_json::Value::Null) => {
                    out.report(integration.loc.clone(), format!("the `{}` integration has no `responses`: every call ends in a 500 (API_CONFIGURATION_ERROR)", kind.as_str()))
                        .help(if written_as(api, &integration.loc) == Written::Resource {
                            "add `IntegrationResponses: [{StatusCode: \"200\"}]` to the Method's Integration (an entry without `SelectionPattern` is the default)"
                        } else {
                            "add `responses: {default: {statusCode: \"200\"}}`"
                        });
                }
                Some(serde_json::Value::Object(_)) => {
                    let lambda = kind == IntegrationType::Aws
                        && uri_pattern(integration).is_some_and(|(_, masked)| is_invocation(kind, &masked));
                    let message = if lambda {
                        "no `default` integration response: a successful Lambda result matches only `default`, so every successful call ends in a 500 (API_CONFIGURATION_ERROR)"
                    } else {
                        "no `default` integration response: a result that matches none of these patterns ends in a 500 (API_CONFIGURATION_ERROR)"
                    };
                    out.report(loc, message).help(if written_as(api, &integration.loc) == Written::Resource {
                        "give the usual response no `SelectionPattern` (it is then the catch-all); keep patterns for the other cases"
                    } else {
                        "key the usual response `default` (it is the catch-all); keep patterns for the other cases"
                    });
                }
                Some(_) => {}
            }
        }
    }
}
