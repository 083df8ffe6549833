//! REST or HTTP, and the version of the specification a document is written in.

use serde::Serialize;

/// The specification version a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SpecVersion {
    #[serde(rename = "swagger-2.0")]
    Swagger2,
    #[serde(rename = "openapi-3.0")]
    OpenApi30,
    #[serde(rename = "openapi-3.1")]
    OpenApi31,
}

impl SpecVersion {
    pub fn label(self) -> &'static str {
        match self {
            SpecVersion::Swagger2 => "Swagger 2.0",
            SpecVersion::OpenApi30 => "OpenAPI 3.0",
            SpecVersion::OpenApi31 => "OpenAPI 3.1",
        }
    }
}

/// API Gateway's two kinds of API that import OpenAPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiType {
    /// API Gateway v1, `RestApi`.
    Rest,
    /// API Gateway v2 with `ProtocolType=HTTP`.
    Http,
}

impl ApiType {
    pub fn parse(s: &str) -> Option<ApiType> {
        match s.to_ascii_lowercase().as_str() {
            "rest" => Some(ApiType::Rest),
            "http" => Some(ApiType::Http),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ApiType::Rest => "REST",
            ApiType::Http => "HTTP",
        }
    }
}

/// Why the API type is what it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "from", content = "detail", rename_all = "lowercase")]
pub enum ApiTypeFrom {
    /// `--api-type` on the command line.
    Flag,
    /// `api_type` in gwgen.yaml.
    Config,
    /// The template resource that defines the API (its type, e.g. `AWS::Serverless::HttpApi`).
    Template(String),
    /// The constructs of the document that only one API type has (weighed in `load`).
    Document(Evidence),
    /// Nothing said otherwise: REST, what `aws apigateway import-rest-api` builds.
    Default,
}

/// Root extensions that only REST APIs read (each extension page of the developer guide).
pub const REST_ONLY_ROOT: [&str; 10] = [
    "x-amazon-apigateway-policy",
    "x-amazon-apigateway-gateway-responses",
    "x-amazon-apigateway-request-validators",
    "x-amazon-apigateway-request-validator",
    "x-amazon-apigateway-binary-media-types",
    "x-amazon-apigateway-api-key-source",
    "x-amazon-apigateway-minimum-compression-size",
    "x-amazon-apigateway-documentation",
    "x-amazon-apigateway-security-policy",
    "x-amazon-apigateway-endpoint-access-mode",
];

/// Root extensions that only HTTP APIs read.
pub const HTTP_ONLY_ROOT: [&str; 2] = ["x-amazon-apigateway-cors", "x-amazon-apigateway-importexport-version"];

/// What a document says about its API type: the constructs only HTTP APIs have, those only
/// REST APIs have (each named once, in document order), and `payloadFormatVersion`, which REST
/// generators write too and so counts only when nothing else speaks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub http: Vec<String>,
    pub rest: Vec<String>,
    pub weak_http: Option<String>,
}

impl Evidence {
    pub fn add_http(&mut self, what: String) {
        if !self.http.contains(&what) {
            self.http.push(what);
        }
    }

    pub fn add_rest(&mut self, what: String) {
        if !self.rest.contains(&what) {
            self.rest.push(what);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.http.is_empty() && self.rest.is_empty() && self.weak_http.is_none()
    }

    /// The constructs on the side of `t`, for messages.
    pub fn for_type(&self, t: ApiType) -> Vec<&str> {
        match t {
            ApiType::Http => self.http.iter().map(String::as_str).chain(self.weak_http.as_deref()).collect(),
            ApiType::Rest => self.rest.iter().map(String::as_str).collect(),
        }
    }
}
