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
