//! The typed model of an API Gateway API: what every command reads.
//!
//! Built by `load` from Swagger 2.0 or OpenAPI 3.x, with `$ref`s resolved and the two versions'
//! differences lowered away (a Swagger `body` parameter is a request body here, `host` and
//! `basePath` are a server). Every node keeps the [`Loc`] where it is written, so findings point
//! into the document as the user wrote it. Every `x-amazon-apigateway-*` extension has a field,
//! parsed leniently: enums ignore case, numbers may be strings, and the raw text is kept beside
//! the parsed value. CloudFormation intrinsics where a string belongs stay as [`Text::Intrinsic`].

use indexmap::IndexMap;
use serde::Serialize;

use crate::diag::Finding;
use crate::source::{Loc, Sources};

mod api_type;
mod deployment;
mod integration;
pub mod mapping;
mod operation;
mod root;
mod schema;
mod security;
mod values;
mod websocket;

pub use api_type::*;
pub use deployment::*;
pub use integration::*;
pub use operation::*;
pub use root::*;
pub use schema::*;
pub use security::*;
pub use values::*;
pub use websocket::*;

/// The whole API.
#[derive(Debug, Serialize)]
pub struct Api {
    /// Every file read: the document first, then files reached by `$ref`.
    #[serde(skip)]
    pub sources: Sources,
    pub version: SpecVersion,
    /// The `swagger` / `openapi` value as written.
    pub version_text: String,
    pub api_type: ApiType,
    pub api_type_from: ApiTypeFrom,
    /// The document uses `x-amazon-apigateway-*` extensions.
    pub uses_extensions: bool,
    /// The template resource the API comes from, when it was read from a SAM / CloudFormation
    /// template (whose intrinsics CloudFormation resolves at deployment).
    pub template: Option<TemplateResource>,
    pub info: Info,
    pub servers: Vec<Server>,
    /// Swagger `basePath`, or the path of the first server URL (or its `basePath` variable).
    pub base_path: Option<String>,
    pub paths: Vec<PathItem>,
    pub security_schemes: IndexMap<String, SecurityScheme>,
    /// Root-level `security` (REST import ignores it).
    pub security: Option<Vec<SecurityRequirement>>,
    pub schemas: SchemaStore,
    pub tags: Vec<TagInfo>,
    pub apigw: RootExtensions,
    /// How the template deploys the API (empty for a bare document).
    pub deployment: Deployment,
    /// A WebSocket API, which has no OpenAPI form: read from its template, it is here, and the
    /// OpenAPI parts above are empty (`paths`, `security_schemes`, `schemas`...). Rules, the plan
    /// and export read it from here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub websocket: Option<Box<WebSocketApi>>,
    /// Problems found while loading (unresolved `$ref`s, a 3.1 document...).
    #[serde(skip)]
    pub diagnostics: Vec<Finding>,
    /// Computed on first use: which schemas become API Gateway models.
    #[serde(skip)]
    pub models: std::sync::OnceLock<Vec<bool>>,
}

impl Api {
    /// The schemas API Gateway turns into models: named ones, request and response bodies, and
    /// everything they reach. Indexed by schema id.
    pub fn model_schemas(&self) -> &[bool] {
        self.models.get_or_init(|| {
            let mut seen = vec![false; self.schemas.schemas.len()];
            let mut stack: Vec<SchemaId> = self.schemas.named.values().copied().collect();
            for (_, op) in self.operations() {
                if let Some(body) = &op.request_body {
                    stack.extend(body.content.values().filter_map(|m| m.schema));
                }
                for r in op.responses.iter().flatten() {
                    stack.extend(r.content.values().filter_map(|m| m.schema));
                }
            }
            while let Some(id) = stack.pop() {
                if std::mem::replace(&mut seen[id.0 as usize], true) {
                    continue;
                }
                stack.extend(self.schemas.get(id).kind.children());
            }
            seen
        })
    }

    /// The model schemas, in id order.
    pub fn models(&self) -> impl Iterator<Item = &Schema> {
        self.model_schemas().iter().enumerate().filter(|(_, m)| **m).map(|(i, _)| &self.schemas.schemas[i])
    }

    pub fn operations(&self) -> impl Iterator<Item = (&PathItem, &Operation)> {
        self.paths.iter().flat_map(|p| p.operations.iter().map(move |o| (p, o)))
    }

    /// How API Gateway authorizes an operation, from its `security` and `x-amazon-apigateway-auth`.
    pub fn authorization(&self, op: &Operation) -> Authorization {
        let mut out = Authorization::default();
        // Both API types apply the root-level `security` to an operation without its own, as
        // OpenAPI says: recorded REST imports of OpenAPI 3.0 documents gave such methods the root
        // requirement's Cognito authorizer and scopes, or its Lambda authorizer.
        let security = op.security.as_ref().or(self.security.as_ref());
        // An HTTP API route has one requirement. A REST method has one authorizer and an API key
        // flag, and documents spread them over requirements (SAM writes `[{NONE: []}, {api_key: []}]`):
        // the first authorizer named wins, and any API key scheme sets the flag.
        let take = if self.api_type == ApiType::Http { 1 } else { usize::MAX };
        for requirement in security.into_iter().flatten().take(take) {
            for (name, scopes) in &requirement.schemes {
                let Some(scheme) = self.security_schemes.get(name) else {
                    continue;
                };
                if out.kind != AuthKind::None && !scheme.is_api_key() {
                    continue;
                }
                if scheme.is_iam() {
                    out.kind = AuthKind::Iam;
                } else if let Some(authorizer) = &scheme.authorizer {
                    let kind = authorizer.kind.as_ref().and_then(Choice::get);
                    out.kind = match kind {
                        Some(AuthorizerType::CognitoUserPools) => {
                            AuthKind::Cognito { authorizer: name.clone(), scopes: scopes.clone() }
                        }
                        Some(AuthorizerType::Jwt) => AuthKind::Jwt { authorizer: name.clone(), scopes: scopes.clone() },
                        _ => AuthKind::Lambda { authorizer: name.clone() },
                    };
                } else if scheme.is_api_key() {
                    if self.api_type == ApiType::Rest {
                        out.api_key = true;
                    }
                } else if matches!(scheme.kind.as_str(), "oauth2" | "openIdConnect") && self.api_type == ApiType::Http {
                    out.kind = AuthKind::Jwt { authorizer: name.clone(), scopes: scopes.clone() };
                }
            }
        }
        match op.auth.as_ref().and_then(Choice::get) {
            Some(AuthType::AwsIam) => out.kind = AuthKind::Iam,
            Some(AuthType::None) if matches!(out.kind, AuthKind::Iam) => out.kind = AuthKind::None,
            _ => {}
        }
        out
    }

    /// Every stage variable reference, with the field it is in (`${stageVariables.x}` in URIs,
    /// credentials and templates; `stageVariables.x` in mappings and identity sources).
    pub fn stage_variable_refs(&self) -> Vec<(String, Loc)> {
        let mut out = Vec::new();
        let mut scan = |text: &Text, loc: Loc| {
            let Some(mut rest) = text.pattern() else { return };
            while let Some(i) = rest.find("stageVariables.") {
                let after = &rest[i + 15..];
                let name = stage_variable_name_at(after);
                if !name.is_empty() {
                    out.push((name.to_string(), loc.clone()));
                }
                rest = after;
            }
        };
        let ops = self.operations().filter_map(|(_, o)| o.integration.as_ref());
        for i in ops.chain(self.apigw.integrations.values()) {
            for (field, t) in [("uri", &i.uri), ("credentials", &i.credentials), ("connectionId", &i.connection_id)] {
                if let Some(t) = t {
                    scan(t, i.loc.child(field));
                }
            }
            for (k, v) in &i.request_parameters {
                scan(v, i.loc.child("requestParameters").child(k));
            }
            for (k, v) in &i.request_templates {
                scan(v, i.loc.child("requestTemplates").child(k));
            }
            for r in i.responses.values() {
                for (k, v) in &r.response_parameters {
                    scan(v, r.loc.child("responseParameters").child(k));
                }
                for (k, v) in &r.response_templates {
                    scan(v, r.loc.child("responseTemplates").child(k));
                }
            }
        }
        if let Some(ws) = &self.websocket {
            for i in ws.integrations.values() {
                for t in i.uri.iter().chain(&i.credentials) {
                    scan(&t.value, t.loc.clone());
                }
                for t in i.request_templates.values().chain(i.request_parameters.values()) {
                    scan(&t.value, t.loc.clone());
                }
                for r in &i.responses {
                    for t in r.response_templates.values() {
                        scan(&t.value, t.loc.clone());
                    }
                }
            }
            for a in ws.authorizers.values() {
                for t in a.uri.iter().chain(&a.credentials).chain(&a.identity_sources) {
                    scan(&t.value, t.loc.clone());
                }
            }
        }
        for scheme in self.security_schemes.values() {
            if let Some(a) = &scheme.authorizer {
                for (field, t) in [
                    ("authorizerUri", &a.authorizer_uri),
                    ("identitySource", &a.identity_source),
                    ("authorizerCredentials", &a.authorizer_credentials),
                ] {
                    if let Some(t) = t {
                        scan(t, a.loc.child(field));
                    }
                }
            }
        }
        out
    }

    /// The request validator that applies to an operation (its own, else the root default).
    pub fn validator_for<'a>(&'a self, op: &'a Operation) -> Option<&'a str> {
        op.request_validator.as_deref().or(self.apigw.request_validator.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_formats_as_openapi_3_styles() {
        assert_eq!(collection_format_style(None, "query"), Some(("form", false)));
        assert_eq!(collection_format_style(Some("csv"), "header"), Some(("simple", false)));
        assert_eq!(collection_format_style(Some("multi"), "query"), Some(("form", true)));
        assert_eq!(collection_format_style(Some("pipes"), "query"), Some(("pipeDelimited", false)));
        // OpenAPI 3.0 has no tab-delimited style, and `multi` exists only in queries and forms.
        assert_eq!(collection_format_style(Some("tsv"), "query"), None);
        assert_eq!(collection_format_style(Some("multi"), "header"), None);
        assert_eq!(collection_format_style(Some("ssv"), "path"), None);
        // The loader and export agree: the IR has no style where export says there is none.
        let api = crate::load::test_api(
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: t, in: query, type: array, items: {type: string}, collectionFormat: tsv}\n        - {name: m, in: header, type: array, items: {type: string}, collectionFormat: multi}\n        - {name: c, in: header, type: array, items: {type: string}}\n        - {name: s, in: query, type: array, items: {type: string}, collectionFormat: ssv}\n      responses: {'200': {description: ok}}\n",
            None,
        );
        let styles: Vec<_> = api.paths[0].operations[0]
            .parameters
            .iter()
            .map(|p| (p.name.as_str(), p.style.as_deref(), p.explode))
            .collect();
        assert_eq!(
            styles,
            [
                ("t", None, None),
                ("m", None, None),
                ("c", Some("simple"), Some(false)),
                ("s", Some("spaceDelimited"), Some(false))
            ]
        );
    }

    #[test]
    fn identity_sources_as_api_gateway_gives_them() {
        let list = IdentitySource::parse_list(
            "method.request.header.X-Token, method.request.querystring.q, context.x, $stageVariables.v, , other",
        );
        assert_eq!(
            list,
            [
                IdentitySource::Header("X-Token".into()),
                IdentitySource::Query("q".into()),
                IdentitySource::Context("x".into()),
                IdentitySource::StageVariable("v".into()),
                IdentitySource::Other("other".into()),
            ]
        );
        assert_eq!(
            IdentitySource::parse("$request.header.Authorization"),
            IdentitySource::Header("Authorization".into())
        );
        // A TOKEN authorizer reads the header its scheme names, whatever `identitySource` says.
        let api = crate::load::test_api(
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\nsecurityDefinitions:\n  tok:\n    type: apiKey\n    name: X-Auth\n    in: header\n    x-amazon-apigateway-authorizer: {type: token, authorizerUri: x, identitySource: method.request.header.Other}\n  req:\n    type: apiKey\n    name: unused\n    in: header\n    x-amazon-apigateway-authorizer: {type: request, authorizerUri: x, identitySource: 'method.request.header.A, method.request.querystring.b'}\n",
            None,
        );
        assert_eq!(api.security_schemes["tok"].identity_sources(), [IdentitySource::Header("X-Auth".into())]);
        assert_eq!(
            api.security_schemes["req"].identity_sources(),
            [IdentitySource::Header("A".into()), IdentitySource::Query("b".into())]
        );
    }

    #[test]
    fn method_setting_paths_as_cloudformation_encodes_them() {
        let setting = |p: &str| MethodSetting { resource_path: p.into(), ..Default::default() }.resource();
        assert_eq!(setting("/*"), Some(None));
        assert_eq!(setting("/~1orders"), Some(Some("/orders".into())));
        assert_eq!(setting("/~1orders~1{id}"), Some(Some("/orders/{id}".into())));
        assert_eq!(setting("/"), Some(Some("/".into())));
        assert_eq!(setting("/orders/{id}"), None);
        assert_eq!(setting("orders"), None);
    }

    #[test]
    fn stage_variable_names() {
        assert!(is_stage_variable_name("lambda_alias2"));
        assert!(!is_stage_variable_name("a-b") && !is_stage_variable_name("a.b") && !is_stage_variable_name(""));
        assert_eq!(stage_variable_name_at("alias/x"), "alias");
    }

    fn integrations(yaml: &str) -> Vec<bool> {
        let api = crate::load::test_api(yaml, None);
        api.operations().map(|(_, o)| o.integration.as_ref().is_some_and(Integration::is_lambda)).collect()
    }

    #[test]
    fn lambda_invocations_and_only_them() {
        let doc = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a: {get: {x-amazon-apigateway-integration: {type: aws_proxy, uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations'}}}
  /b: {get: {x-amazon-apigateway-integration: {type: aws_proxy, uri: {Fn::GetAtt: [F, Arn]}}}}
  /c: {get: {x-amazon-apigateway-integration: {type: aws, uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f'}}}
  /d: {get: {x-amazon-apigateway-integration: {type: http_proxy, uri: {Fn::GetAtt: [Service, Arn]}}}}
  /e: {get: {x-amazon-apigateway-integration: {type: aws_proxy, uri: 'arn:aws:lambda:us-east-1:1:function:f'}}}
";
        assert_eq!(integrations(doc), vec![true, true, false, false, true]);
    }
}
