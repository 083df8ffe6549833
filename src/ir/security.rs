//! Security requirements and schemes, authorizers, and the authorization a method gets.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use super::*;
use crate::source::Loc;

/// One entry of a `security` list: every scheme named must be satisfied.
#[derive(Debug, Serialize)]
pub struct SecurityRequirement {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub schemes: IndexMap<String, Vec<String>>,
}

#[derive(Debug, Serialize)]
pub struct SecurityScheme {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// `type` as written: apiKey, http, oauth2, openIdConnect (basic in Swagger 2.0).
    #[serde(rename = "type")]
    pub kind: String,
    /// `name` of an apiKey scheme.
    pub param_name: Option<String>,
    /// `in` of an apiKey scheme.
    pub param_in: Option<String>,
    /// `scheme` of an http scheme (bearer, basic...).
    pub scheme: Option<String>,
    pub open_id_connect_url: Option<String>,
    pub flows: Option<Value>,
    /// `x-amazon-apigateway-authtype`.
    pub authtype: Option<String>,
    /// `x-amazon-apigateway-authorizer`.
    pub authorizer: Option<Authorizer>,
}

impl SecurityScheme {
    /// An IAM (SigV4) scheme: `x-amazon-apigateway-authtype: awsSigv4`.
    pub fn is_iam(&self) -> bool {
        self.authtype.as_deref().is_some_and(|a| a.eq_ignore_ascii_case("awsSigv4"))
    }

    /// A plain API key scheme (no authorizer, no IAM): API Gateway's `apiKeyRequired`.
    pub fn is_api_key(&self) -> bool {
        self.authorizer.is_none() && !self.is_iam() && self.kind.eq_ignore_ascii_case("apiKey")
    }

    /// The identity source API Gateway gives this scheme's authorizer, as text: for TOKEN and
    /// Cognito authorizers the header the scheme names (`method.request.header.<name>`), whatever
    /// the authorizer says; for the others its `identitySource` as written. None without an
    /// authorizer or a source.
    pub fn identity_source_text(&self) -> Option<String> {
        let a = self.authorizer.as_ref()?;
        let kind = a.kind.as_ref().and_then(Choice::get);
        if matches!(kind, Some(AuthorizerType::Token | AuthorizerType::CognitoUserPools)) {
            if let Some(name) = self.param_name.as_deref().filter(|n| !n.trim().is_empty()) {
                return Some(format!("method.request.header.{name}"));
            }
        }
        a.identity_source.as_ref().map(Text::display).filter(|s| !s.trim().is_empty())
    }

    /// The identity sources of [`Self::identity_source_text`], parsed (an `Fn::Sub` source is
    /// read through its template).
    pub fn identity_sources(&self) -> Vec<IdentitySource> {
        let Some(a) = self.authorizer.as_ref() else { return Vec::new() };
        let kind = a.kind.as_ref().and_then(Choice::get);
        let named = self.param_name.as_deref().filter(|n| !n.trim().is_empty());
        match (kind, named) {
            (Some(AuthorizerType::Token | AuthorizerType::CognitoUserPools), Some(name)) => {
                vec![IdentitySource::Header(name.to_string())]
            }
            _ => a.identity_source.as_ref().and_then(Text::pattern).map(IdentitySource::parse_list).unwrap_or_default(),
        }
    }
}

/// One place an authorizer reads the caller's identity from, in either API type's syntax
/// (`method.request.header.X` / `$request.header.X`, `querystring`, `stageVariables`, `context`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentitySource {
    Header(String),
    Query(String),
    StageVariable(String),
    Context(String),
    /// Anything else, as written.
    Other(String),
}

impl IdentitySource {
    /// A comma-separated list, each entry trimmed; empty entries are skipped.
    pub fn parse_list(text: &str) -> Vec<IdentitySource> {
        text.split(',').map(str::trim).filter(|p| !p.is_empty()).map(IdentitySource::parse).collect()
    }

    pub fn parse(entry: &str) -> IdentitySource {
        let request = entry.strip_prefix("method.request.").or_else(|| entry.strip_prefix("$request."));
        if let Some(r) = request {
            if let Some(h) = r.strip_prefix("header.") {
                return IdentitySource::Header(h.to_string());
            }
            if let Some(q) = r.strip_prefix("querystring.") {
                return IdentitySource::Query(q.to_string());
            }
        }
        if let Some(v) = entry.strip_prefix("stageVariables.").or_else(|| entry.strip_prefix("$stageVariables.")) {
            return IdentitySource::StageVariable(v.to_string());
        }
        if let Some(c) = entry.strip_prefix("context.").or_else(|| entry.strip_prefix("$context.")) {
            return IdentitySource::Context(c.to_string());
        }
        IdentitySource::Other(entry.to_string())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthorizerType {
    Token,
    Request,
    CognitoUserPools,
    Jwt,
}

impl AuthorizerType {
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "token" => Some(Self::Token),
            "request" => Some(Self::Request),
            "cognito_user_pools" => Some(Self::CognitoUserPools),
            "jwt" => Some(Self::Jwt),
            _ => None,
        }
    }
}

/// `x-amazon-apigateway-authorizer` on a security scheme.
#[derive(Debug, Serialize)]
pub struct Authorizer {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    #[serde(rename = "type")]
    pub kind: Option<Choice<AuthorizerType>>,
    pub authorizer_uri: Option<Text>,
    pub authorizer_credentials: Option<Text>,
    pub identity_source: Option<Text>,
    pub identity_validation_expression: Option<String>,
    pub result_ttl_in_seconds: Option<Num>,
    pub provider_arns: Vec<Text>,
    pub payload_format_version: Option<Text>,
    pub enable_simple_responses: Option<bool>,
    pub jwt_configuration: Option<JwtConfiguration>,
}

#[derive(Debug, Serialize)]
pub struct JwtConfiguration {
    pub issuer: Option<Text>,
    pub audience: Vec<Text>,
}

/// `x-amazon-apigateway-auth.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthType {
    None,
    AwsIam,
}

/// The authorization API Gateway applies to a method.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Authorization {
    pub kind: AuthKind,
    /// REST `apiKeyRequired`.
    pub api_key: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthKind {
    #[default]
    None,
    #[serde(rename = "AWS_IAM")]
    Iam,
    #[serde(rename = "COGNITO_USER_POOLS")]
    Cognito {
        authorizer: String,
        scopes: Vec<String>,
    },
    #[serde(rename = "CUSTOM")]
    Lambda {
        authorizer: String,
    },
    Jwt {
        authorizer: String,
        scopes: Vec<String>,
    },
}
