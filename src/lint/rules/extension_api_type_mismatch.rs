use serde_json::Value;

use crate::diag::Severity;
use crate::ir::{Api, ApiType, ApiTypeFrom, HTTP_ONLY_ROOT, REST_ONLY_ROOT};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::{FileId, Loc};

/// ## What it checks
/// API Gateway extensions used on the wrong kind of API, each reported where it is written.
///
/// On an HTTP API, these REST-only root extensions: `x-amazon-apigateway-policy`,
/// `-gateway-responses`, `-request-validators`, `-request-validator`, `-binary-media-types`,
/// `-api-key-source`, `-minimum-compression-size`, `-documentation`, `-security-policy` and
/// `-endpoint-access-mode`.
///
/// On a REST API, these HTTP-only constructs: `x-amazon-apigateway-cors`,
/// `components.x-amazon-apigateway-integrations`, `x-amazon-apigateway-importexport-version`,
/// `x-amazon-apigateway-tag-value` on a tag, `isDefaultRoute: true` on an operation, and
/// `integrationSubtype` on an integration, and `payloadFormatVersion` other than `"1.0"` (REST
/// generators such as Smithy and Terraform write `"1.0"`, which is what a REST Lambda proxy sends
/// anyway, so that value is not reported).
///
/// gwgen decides the API type from the document by weighing the constructs only one type has,
/// so this rule fires on the constructs that were outweighed (and `api-type-mixed` names both
/// sides), or when the type is given with `--api-type`, gwgen.yaml or a template.
///
/// ## Why
/// Each extension page of the developer guide says which API type reads it (the table in §1.0
/// of gwgen's reference): policy [DG:openapi-extensions-policy], gateway responses
/// [DG:api-gateway-swagger-extensions-gateway-responses], request validators
/// [DG:api-gateway-swagger-extensions-request-validators], binary media types
/// [DG:api-gateway-swagger-extensions-binary-media-types], API key source
/// [DG:api-gateway-swagger-extensions-api-key-source], minimum compression size
/// [DG:api-gateway-openapi-minimum-compression-size], documentation
/// [DG:api-gateway-swagger-extensions-documentation] and the 2025 security policy and access mode
/// [BOTO1:SecurityPolicy], [BOTO1:EndpointAccessMode] exist only for REST APIs; CORS
/// [DG:api-gateway-swagger-extensions-cors-configuration], reusable integrations
/// [DG:api-gateway-extensions-integrations], the import/export version
/// [DG:api-gateway-extensions-importexport-version], tag values
/// [DG:api-gateway-openapi-extensions-x-amazon-apigateway-tag-value], the `$default` route
/// [DG:api-gateway-swagger-extensions-any-method] and `payloadFormatVersion` /
/// `integrationSubtype` [BOTO2:Integration.PayloadFormatVersion],
/// [BOTO2:Integration.IntegrationSubtype] exist only for HTTP APIs. The other kind of API does
/// not apply them, so the setting the author meant to make is not made.
///
/// ## Example
/// ```yaml
/// openapi: 3.0.1
/// x-amazon-apigateway-importexport-version: "1.0"     # an HTTP API
/// x-amazon-apigateway-binary-media-types: [image/png] # REST only: ignored
/// ```
///
/// ## Fix
/// Remove the extension, or import the document as the API type it is written for. For the HTTP
/// equivalents: CORS on a REST API is an `OPTIONS` method with a mock integration; request
/// validation and gateway responses on an HTTP API belong in the integration.
pub struct ExtensionApiTypeMismatch;

impl Rule for ExtensionApiTypeMismatch {
    const META: RuleMeta = RuleMeta {
        id: "extension-api-type-mismatch",
        category: Category::Import,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Info),
        generic: false,
        summary: "extensions match the API type (REST-only vs HTTP-only)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Value::Object(root) = &api.sources.get(FileId(0)).value else { return };
        let top = Loc::default();
        let because = because(&api.api_type_from, api.api_type);
        match api.api_type {
            ApiType::Http => {
                for key in REST_ONLY_ROOT {
                    if root.contains_key(key) {
                        out.report(
                            top.child(key),
                            format!("`{key}` is a REST API extension; this HTTP API does not apply it"),
                        )
                        .help(format!("remove it, or import the document as a REST API ({because})"));
                    }
                }
            }
            ApiType::Rest => {
                let help = format!("remove it, or import the document as an HTTP API ({because})");
                let mut http_only = |loc: Loc, what: &str| {
                    out.report(loc, format!("{what} exists only for HTTP APIs; this REST API does not apply it"))
                        .help(help.clone());
                };
                for key in HTTP_ONLY_ROOT {
                    if root.contains_key(key) {
                        http_only(top.child(key), &format!("`{key}`"));
                    }
                }
                let components = root.get("components").and_then(Value::as_object);
                if components.is_some_and(|c| c.contains_key("x-amazon-apigateway-integrations")) {
                    let loc = top.child("components").child("x-amazon-apigateway-integrations");
                    http_only(loc, "`components.x-amazon-apigateway-integrations`");
                }
                if let Some(Value::Array(tags)) = root.get("tags") {
                    for (i, tag) in tags.iter().enumerate() {
                        let key = "x-amazon-apigateway-tag-value";
                        if tag.as_object().is_some_and(|t| t.contains_key(key)) {
                            http_only(top.child("tags").index(i).child(key), &format!("`{key}`"));
                        }
                    }
                }
                for (path, op) in api.operations() {
                    if op.is_default_route {
                        http_only(op.loc.child("isDefaultRoute"), &format!("`isDefaultRoute` (on {})", path.path));
                    }
                    let Some(integration) = &op.integration else { continue };
                    if integration.reference.is_some() {
                        // Reported once, on `components.x-amazon-apigateway-integrations`.
                        continue;
                    }
                    // REST generators write `payloadFormatVersion: "1.0"`, which is what a REST
                    // Lambda proxy sends anyway; any other version is a promise REST does not keep.
                    let pfv = integration.payload_format_version.as_ref();
                    if pfv.is_some_and(|v| v.as_str() != Some("1.0")) {
                        http_only(
                            integration.loc.child("payloadFormatVersion"),
                            "`payloadFormatVersion` on an integration",
                        );
                    }
                    if integration.integration_subtype.is_some() {
                        http_only(
                            integration.loc.child("integrationSubtype"),
                            "`integrationSubtype` on an integration",
                        );
                    }
                }
            }
        }
    }
}

/// Why gwgen thinks the API is what it is, for the help text.
fn because(from: &ApiTypeFrom, t: ApiType) -> String {
    match from {
        ApiTypeFrom::Flag => "the type was given with --api-type".into(),
        ApiTypeFrom::Config => "the type was set by `api_type` in gwgen.yaml".into(),
        ApiTypeFrom::Template(resource) => format!("the template defines it as an {resource}"),
        ApiTypeFrom::Document(e) => {
            let article = if t == ApiType::Http { "an HTTP" } else { "a REST" };
            format!("gwgen reads it as {article} API because of {}", e.for_type(t).join(", "))
        }
        ApiTypeFrom::Default => "gwgen reads it as a REST API because it has no HTTP-only construct".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::ApiType;

    #[test]
    fn http_only_constructs_on_a_rest_api() {
        let yaml = r##"
openapi: 3.0.1
info: {title: t, version: "1"}
x-amazon-apigateway-cors: {allowOrigins: ["*"]}
x-amazon-apigateway-importexport-version: "1.0"
x-amazon-apigateway-binary-media-types: [image/png]
tags:
  - name: team
    x-amazon-apigateway-tag-value: payments
  - name: plain
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:sqs:path/x
        payloadFormatVersion: "2.0"
        integrationSubtype: SQS-SendMessage
    put:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: PUT, uri: "https://example.com", payloadFormatVersion: "1.0"}
    post:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {$ref: "#/components/x-amazon-apigateway-integrations/shared"}
  $default:
    x-amazon-apigateway-any-method:
      isDefaultRoute: true
      responses: {"200": {description: ok}}
components:
  x-amazon-apigateway-integrations:
    shared: {type: http_proxy, httpMethod: ANY, uri: "https://example.com", payloadFormatVersion: "1.0"}
"##;
        let api = crate::load::test_api(yaml, Some(ApiType::Rest));
        let found: Vec<String> = crate::lint::run(&api, crate::lint::Mode::Lint)
            .into_iter()
            .filter(|f| f.rule == "extension-api-type-mismatch")
            .map(|f| f.loc.ptr.as_str().to_string())
            .collect();
        assert_eq!(
            found,
            vec![
                "/components/x-amazon-apigateway-integrations",
                "/paths/$default/x-amazon-apigateway-any-method/isDefaultRoute",
                "/paths/~1a/get/x-amazon-apigateway-integration/integrationSubtype",
                "/paths/~1a/get/x-amazon-apigateway-integration/payloadFormatVersion",
                "/tags/0/x-amazon-apigateway-tag-value",
                "/x-amazon-apigateway-cors",
                "/x-amazon-apigateway-importexport-version",
            ]
        );
    }
}
