//! REST or HTTP, read from the document: the constructs only one API type has, weighed.

use crate::ir::{Api, ApiType, AuthorizerType, Evidence, IntegrationType, SpecVersion, HTTP_ONLY_ROOT, REST_ONLY_ROOT};

/// The constructs of the document that only one API type has, each named once, in document
/// order. `payloadFormatVersion` is kept apart: REST generators (Smithy, Terraform) write it and
/// REST import ignores it, so it is evidence only when nothing else speaks.
pub fn evidence(api: &Api) -> Evidence {
    let mut e = Evidence::default();
    let root = api.sources.get(crate::source::FileId(0)).value.as_object();
    let has_root = |key: &str| root.is_some_and(|r| r.contains_key(key));
    for key in HTTP_ONLY_ROOT {
        if has_root(key) {
            e.add_http(format!("`{key}`"));
        }
    }
    if !api.apigw.integrations.is_empty() {
        e.add_http("`components.x-amazon-apigateway-integrations`".into());
    }
    if api.tags.iter().any(|t| t.value.is_some()) {
        e.add_http("`x-amazon-apigateway-tag-value`".into());
    }
    for key in REST_ONLY_ROOT {
        if has_root(key) {
            e.add_rest(format!("`{key}`"));
        }
    }
    for scheme in api.security_schemes.values() {
        if scheme.is_api_key() {
            e.add_rest("API keys".into());
        }
        let Some(a) = &scheme.authorizer else { continue };
        match a.kind.as_ref().and_then(|k| k.get()) {
            Some(AuthorizerType::Jwt) => e.add_http("`jwt` authorizers".into()),
            Some(AuthorizerType::CognitoUserPools) => e.add_rest("`cognito_user_pools` authorizers".into()),
            Some(AuthorizerType::Token) => e.add_rest("`token` authorizers".into()),
            _ => {}
        }
        if a.payload_format_version.is_some() || a.enable_simple_responses.is_some() {
            e.add_http("`authorizerPayloadFormatVersion` on an authorizer".into());
        }
    }
    for (path, op) in api.operations() {
        if op.is_default_route || path.path == "$default" {
            e.add_http("the `$default` route".into());
        }
        if op.request_validator.is_some() {
            e.add_rest("`x-amazon-apigateway-request-validator` on an operation".into());
        }
        let Some(i) = &op.integration else { continue };
        if i.reference.is_some() {
            continue;
        }
        if let Some(k @ (IntegrationType::Mock | IntegrationType::Aws | IntegrationType::Http)) = i.kind() {
            e.add_rest(format!("`{}` integrations", k.as_str()));
        }
        if !i.request_templates.is_empty() {
            e.add_rest("`requestTemplates` on an integration".into());
        }
        if !i.responses.is_empty() {
            e.add_rest("`responses` on an integration".into());
        }
        if i.integration_subtype.is_some() {
            e.add_http("`integrationSubtype` on an integration".into());
        }
        if i.payload_format_version.is_some() {
            e.weak_http = Some("`payloadFormatVersion` on an integration".into());
        }
    }
    e
}

/// The type the evidence points to, when it points anywhere. A Swagger 2.0 document is REST
/// (HTTP APIs import OpenAPI 3 only). More kinds of construct on one side win; a tie goes to
/// REST, what `import-rest-api` builds. `payloadFormatVersion` decides only when alone.
pub fn decide(version: SpecVersion, e: &Evidence) -> Option<ApiType> {
    if version == SpecVersion::Swagger2 {
        return (!e.is_empty()).then_some(ApiType::Rest);
    }
    match (e.http.len(), e.rest.len()) {
        (0, 0) => e.weak_http.as_ref().map(|_| ApiType::Http),
        (h, r) if h > r => Some(ApiType::Http),
        _ => Some(ApiType::Rest),
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{ApiType, ApiTypeFrom};

    fn load(yaml: &str) -> crate::ir::Api {
        crate::load::test_api(yaml, None)
    }

    const REST_WITH_PFV: &str = r#"
openapi: 3.0.1
info: {title: t, version: "1"}
x-amazon-apigateway-request-validators: {all: {validateRequestBody: true}}
paths:
  /a:
    get:
      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, payloadFormatVersion: "1.0",
        uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations"}
  /b:
    get:
      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: "{}"}}
components:
  securitySchemes:
    pool:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer: {type: cognito_user_pools, providerARNs: [arn]}
"#;

    #[test]
    fn payload_format_version_loses_to_rest_constructs() {
        let api = load(REST_WITH_PFV);
        assert_eq!(api.api_type, ApiType::Rest);
        let ApiTypeFrom::Document(e) = &api.api_type_from else { panic!("{:?}", api.api_type_from) };
        assert!(e.http.is_empty(), "{e:?}");
        assert_eq!(e.weak_http.as_deref(), Some("`payloadFormatVersion` on an integration"));
        assert!(e.rest.iter().any(|r| r == "`cognito_user_pools` authorizers"), "{e:?}");
        assert!(e.rest.iter().any(|r| r.contains("mock")), "{e:?}");
        assert!(e.rest.iter().any(|r| r.contains("request-validators")), "{e:?}");
    }

    #[test]
    fn payload_format_version_alone_is_http() {
        let api = load(
            "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, payloadFormatVersion: '2.0', uri: x}\n",
        );
        assert_eq!(api.api_type, ApiType::Http);
    }

    #[test]
    fn more_kinds_of_construct_win_and_ties_go_to_rest() {
        let http = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-cors: {allowOrigins: ['*']}\nx-amazon-apigateway-importexport-version: '1.0'\nx-amazon-apigateway-binary-media-types: [image/png]\npaths: {}\n";
        assert_eq!(load(http).api_type, ApiType::Http);
        let tie = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-cors: {allowOrigins: ['*']}\nx-amazon-apigateway-binary-media-types: [image/png]\npaths: {}\n";
        assert_eq!(load(tie).api_type, ApiType::Rest);
    }

    #[test]
    fn nothing_said_is_the_default() {
        let api = load("openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n");
        assert_eq!((api.api_type, &api.api_type_from), (ApiType::Rest, &ApiTypeFrom::Default));
        let api = load("swagger: '2.0'\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-cors: {allowOrigins: ['*']}\npaths: {}\n");
        assert_eq!(api.api_type, ApiType::Rest);
    }
}
