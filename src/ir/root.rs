//! The API's root: info, servers, tags and the root-level API Gateway extensions.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use super::*;
use crate::source::Loc;

#[derive(Debug, Default, Serialize)]
pub struct Info {
    pub title: Option<Text>,
    pub version: Option<Text>,
    pub description: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Server {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub url: String,
    pub description: Option<String>,
    pub variables: IndexMap<String, ServerVariable>,
}

#[derive(Debug, Serialize)]
pub struct ServerVariable {
    pub default: Option<String>,
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TagInfo {
    pub name: String,
    pub description: Option<String>,
    /// `x-amazon-apigateway-tag-value` (HTTP).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ApiKeySource {
    Header,
    Authorizer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EndpointAccessMode {
    Basic,
    Strict,
}

/// The root-level API Gateway extensions.
#[derive(Debug, Default, Serialize)]
pub struct RootExtensions {
    pub api_key_source: Option<Choice<ApiKeySource>>,
    pub binary_media_types: Vec<Text>,
    pub cors: Option<Cors>,
    pub documentation: Option<Documentation>,
    /// From the root (Swagger 2.0) or a `servers[]` entry (OpenAPI 3.0).
    pub endpoint_configuration: Option<EndpointConfiguration>,
    pub gateway_responses: IndexMap<String, GatewayResponse>,
    pub importexport_version: Option<Text>,
    pub minimum_compression_size: Option<Num>,
    pub policy: Option<Policy>,
    pub request_validators: IndexMap<String, RequestValidator>,
    /// The root default `x-amazon-apigateway-request-validator`.
    pub request_validator: Option<String>,
    pub security_policy: Option<Text>,
    pub endpoint_access_mode: Option<Choice<EndpointAccessMode>>,
    /// `components.x-amazon-apigateway-integrations` (HTTP).
    pub integrations: IndexMap<String, Integration>,
}

#[derive(Debug, Serialize)]
pub struct Cors {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub allow_origins: Vec<String>,
    pub allow_credentials: Option<bool>,
    pub expose_headers: Vec<String>,
    pub max_age: Option<Num>,
    pub allow_methods: Vec<String>,
    pub allow_headers: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Documentation {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub version: Option<Text>,
    pub parts: Vec<DocumentationPart>,
}

#[derive(Debug, Serialize)]
pub struct DocumentationPart {
    /// `location.type` (API, RESOURCE, METHOD...).
    pub location_type: Option<String>,
    pub location: Value,
    pub properties: Value,
}

#[derive(Debug, Serialize)]
pub struct EndpointConfiguration {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub disable_execute_api_endpoint: Option<bool>,
    pub vpc_endpoint_ids: Vec<Text>,
}

#[derive(Debug, Serialize)]
pub struct GatewayResponse {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub status_code: Option<Text>,
    pub response_parameters: IndexMap<String, Text>,
    pub response_templates: IndexMap<String, Text>,
}

/// `x-amazon-apigateway-policy`: an IAM policy document.
#[derive(Debug, Serialize)]
pub struct Policy {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub statements: Vec<PolicyStatement>,
    pub document: Value,
}

#[derive(Debug, Serialize)]
pub struct PolicyStatement {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub effect: Option<String>,
    pub principal: Option<Value>,
    pub action: Vec<String>,
    pub resource: Vec<Text>,
    pub condition: Option<Value>,
}

#[derive(Debug, Serialize)]
pub struct RequestValidator {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub validate_request_body: bool,
    pub validate_request_parameters: bool,
}
