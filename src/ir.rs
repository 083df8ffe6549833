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
use serde_json::Value;

use crate::diag::Finding;
use crate::source::{Loc, Sources};

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

/// A stage variable name: letters, digits and underscores ("Variable names can have
/// alphanumeric and underscore characters", [DG:stage-variables]).
pub fn is_stage_variable_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The stage variable name at the start of `text` (what follows `stageVariables.`): the longest
/// run of name characters, possibly empty.
pub fn stage_variable_name_at(text: &str) -> &str {
    let len = text.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    &text[..len]
}

/// Swagger 2.0's `collectionFormat` (None: `csv`, the default) for an array parameter `in`
/// `location`, as OpenAPI 3.0's `style` and `explode`. None where OpenAPI 3.0 has no equivalent:
/// `tsv` anywhere, and `multi`, `ssv` and `pipes` outside a query (Swagger allows `multi` only
/// in a query or form; `spaceDelimited` and `pipeDelimited` exist only for queries).
pub fn collection_format_style(format: Option<&str>, location: &str) -> Option<(&'static str, bool)> {
    match (format.unwrap_or("csv"), location) {
        ("csv", "query") => Some(("form", false)),
        ("csv", _) => Some(("simple", false)),
        ("multi", "query") => Some(("form", true)),
        ("ssv", "query") => Some(("spaceDelimited", false)),
        ("pipes", "query") => Some(("pipeDelimited", false)),
        _ => None,
    }
}

/// Is this object a CloudFormation intrinsic function (`{"Fn::Sub": ...}`, `{"Ref": ...}`)?
pub fn is_intrinsic(m: &serde_json::Map<String, Value>) -> bool {
    m.len() == 1 && m.keys().next().is_some_and(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
}

/// A string field that may be an unresolved CloudFormation intrinsic.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Text {
    Str(String),
    /// `{"Fn::Sub": ...}`, `{"Ref": ...}` and the other intrinsic functions, as written.
    Intrinsic(Value),
}

impl Text {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Text::Str(s) => Some(s),
            Text::Intrinsic(_) => None,
        }
    }

    /// The intrinsic's function name (`Fn::Sub`, `Ref`...), if this is one.
    pub fn intrinsic(&self) -> Option<&str> {
        match self {
            Text::Intrinsic(Value::Object(m)) => m.keys().next().map(String::as_str),
            _ => None,
        }
    }

    /// The string, or for `Fn::Sub` its template string, which keeps the shape of the value.
    pub fn pattern(&self) -> Option<&str> {
        match self {
            Text::Str(s) => Some(s),
            Text::Intrinsic(v) => match v.get("Fn::Sub") {
                Some(Value::String(s)) => Some(s),
                Some(Value::Array(a)) => a.first().and_then(Value::as_str),
                _ => None,
            },
        }
    }

    /// A short human form: the string, or `Fn::Sub "..."`, `Ref X`, `Fn::GetAtt X.Arn`.
    pub fn display(&self) -> String {
        match self {
            Text::Str(s) => s.clone(),
            Text::Intrinsic(v) => {
                let Some((name, arg)) = v.as_object().and_then(|m| m.iter().next()) else {
                    return v.to_string();
                };
                match (name.as_str(), arg) {
                    ("Fn::Sub", _) => format!("Fn::Sub \"{}\"", self.pattern().unwrap_or("…")),
                    ("Ref", Value::String(s)) => format!("Ref {s}"),
                    ("Fn::GetAtt", Value::Array(a)) => {
                        format!("Fn::GetAtt {}", a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("."))
                    }
                    ("Fn::GetAtt", Value::String(s)) => format!("Fn::GetAtt {s}"),
                    (name, _) => format!("{name} …"),
                }
            }
        }
    }
}

/// An enum-valued field: the text as written and the value it means, if it means one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Choice<T> {
    pub raw: Value,
    pub value: Option<T>,
}

impl<T: Copy> Choice<T> {
    pub fn get(&self) -> Option<T> {
        self.value
    }

    pub fn is(&self, v: T) -> bool
    where
        T: PartialEq,
    {
        self.value == Some(v)
    }

    pub fn raw_text(&self) -> String {
        match &self.raw {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// A number that may have been written as a string (`"300"`); `value` is None when it is not a number.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Num {
    pub raw: Value,
    pub value: Option<f64>,
}

impl Num {
    pub fn as_i64(&self) -> Option<i64> {
        self.value.filter(|v| v.fract() == 0.0).map(|v| v as i64)
    }
}

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
    /// Problems found while loading (unresolved `$ref`s, a 3.1 document...).
    #[serde(skip)]
    pub diagnostics: Vec<Finding>,
    /// Computed on first use: which schemas become API Gateway models.
    #[serde(skip)]
    pub models: std::sync::OnceLock<Vec<bool>>,
}

/// What a template says about the API's deployment: endpoint, stages, domains, throttling.
/// Locations point into the template (a file of its own in `sources`).
#[derive(Debug, Default, Serialize)]
pub struct Deployment {
    /// `EndpointConfiguration` types as written (EDGE, REGIONAL, PRIVATE), upper-cased.
    pub endpoint_types: Vec<String>,
    #[serde(rename = "endpoint_pointer")]
    pub endpoint_loc: Option<Loc>,
    pub vpc_endpoint_ids: Vec<Text>,
    /// Where the template attaches a resource policy (`Auth.ResourcePolicy`, `Policy`).
    #[serde(rename = "resource_policy_pointer")]
    pub resource_policy: Option<Loc>,
    pub stages: Vec<Stage>,
    pub domains: Vec<Domain>,
    /// Throttle limits: method settings, usage plans, route settings.
    pub throttles: Vec<Throttle>,
    /// SAM `Auth.DefaultAuthorizer`.
    pub default_authorizer: Option<String>,
    /// SAM `Auth.ApiKeyRequired`.
    pub api_key_required: bool,
    /// Usage plan quotas: limit and period (DAY, WEEK, MONTH).
    pub quotas: Vec<Quota>,
    /// SAM `Cors` (a string origin, or the mapping as written).
    pub cors: Option<Value>,
}

#[derive(Debug, Serialize)]
pub struct Quota {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub limit: Option<Num>,
    pub period: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Stage {
    pub name: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub variables: IndexMap<String, Text>,
    pub cache_cluster_enabled: Option<bool>,
    /// `CacheClusterSize` in GB, as written (0.5, 1.6, 6.1...).
    pub cache_cluster_size: Option<Text>,
    pub method_settings: Vec<MethodSetting>,
}

#[derive(Debug, Serialize)]
pub struct MethodSetting {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// `ResourcePath` (`/*` for all) and `HttpMethod` (`*` for all).
    pub resource_path: String,
    pub http_method: String,
    pub caching_enabled: Option<bool>,
    pub cache_ttl_in_seconds: Option<Num>,
}

#[derive(Debug, Serialize)]
pub struct Domain {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub name: Option<Text>,
    /// EDGE or REGIONAL.
    pub endpoint_type: String,
    pub certificate_arn: Option<Text>,
    #[serde(rename = "certificate_pointer")]
    pub certificate_loc: Loc,
}

#[derive(Debug, Serialize)]
pub struct Throttle {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// Where it is set, for messages ("stage Prod method settings", "usage plan").
    pub place: String,
    pub rate: Option<Num>,
    pub burst: Option<Num>,
    #[serde(rename = "rate_pointer")]
    pub rate_loc: Loc,
    #[serde(rename = "burst_pointer")]
    pub burst_loc: Loc,
}

/// An API resource of a SAM / CloudFormation template.
#[derive(Clone, Debug, Serialize)]
pub struct TemplateResource {
    pub logical_id: String,
    #[serde(rename = "type")]
    pub resource_type: String,
}

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

/// One path of `paths`, with its operations.
#[derive(Debug, Serialize)]
pub struct PathItem {
    pub path: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub operations: Vec<Operation>,
}

/// HTTP methods, plus API Gateway's catch-all `ANY` (`x-amazon-apigateway-any-method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
    Any,
}

impl Method {
    pub const KEYS: [(&'static str, Method); 9] = [
        ("get", Method::Get),
        ("put", Method::Put),
        ("post", Method::Post),
        ("delete", Method::Delete),
        ("options", Method::Options),
        ("head", Method::Head),
        ("patch", Method::Patch),
        ("trace", Method::Trace),
        ("x-amazon-apigateway-any-method", Method::Any),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
            Method::Any => "ANY",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Operation {
    pub method: Method,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub tags: Vec<String>,
    /// Path-level and operation-level parameters merged (the operation's win).
    pub parameters: Vec<Parameter>,
    pub request_body: Option<RequestBody>,
    /// None when the operation has no `responses` at all.
    pub responses: Option<Vec<Response>>,
    /// The operation's own `security`; None when it has none.
    pub security: Option<Vec<SecurityRequirement>>,
    /// `x-amazon-apigateway-auth.type`.
    pub auth: Option<Choice<AuthType>>,
    pub integration: Option<Integration>,
    /// `x-amazon-apigateway-request-validator` on the operation.
    pub request_validator: Option<String>,
    /// `isDefaultRoute` of an HTTP API's `$default` any-method.
    pub is_default_route: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamIn {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamIn {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "query",
            ParamIn::Header => "header",
            ParamIn::Cookie => "cookie",
        }
    }

    /// The name API Gateway uses in mapping expressions (`method.request.querystring.x`).
    pub fn mapping_name(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "querystring",
            ParamIn::Header => "header",
            ParamIn::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: ParamIn,
    pub required: bool,
    pub description: Option<String>,
    pub deprecated: bool,
    pub schema: Option<SchemaId>,
    /// How an array or object value is written: OpenAPI 3 `style` / `explode`, or Swagger 2.0
    /// `collectionFormat` as its OpenAPI 3 equivalent (`csv` is `form` without explode, `multi`
    /// with it, `ssv` `spaceDelimited`, `pipes` `pipeDelimited`). None when the document is silent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explode: Option<bool>,
    #[serde(rename = "pointer")]
    pub loc: Loc,
}

#[derive(Debug, Serialize)]
pub struct RequestBody {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub required: bool,
    pub description: Option<String>,
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Serialize)]
pub struct MediaType {
    pub schema: Option<SchemaId>,
}

#[derive(Debug, Serialize)]
pub struct Response {
    /// The status code or `default`, as written.
    pub status: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// The `$ref` this response came through, as written (`#/responses/NotFound`).
    pub reference: Option<String>,
    pub description: Option<String>,
    pub headers: IndexMap<String, Header>,
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Serialize)]
pub struct Header {
    pub description: Option<String>,
    pub schema: Option<SchemaId>,
}

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IntegrationType {
    Aws,
    AwsProxy,
    Http,
    HttpProxy,
    Mock,
}

impl IntegrationType {
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "aws" => Some(Self::Aws),
            "aws_proxy" => Some(Self::AwsProxy),
            "http" => Some(Self::Http),
            "http_proxy" => Some(Self::HttpProxy),
            "mock" => Some(Self::Mock),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Aws => "aws",
            Self::AwsProxy => "aws_proxy",
            Self::Http => "http",
            Self::HttpProxy => "http_proxy",
            Self::Mock => "mock",
        }
    }

    pub fn is_proxy(self) -> bool {
        matches!(self, Self::AwsProxy | Self::HttpProxy)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConnectionType {
    Internet,
    VpcLink,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PassthroughBehavior {
    WhenNoMatch,
    WhenNoTemplates,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContentHandling {
    ConvertToBinary,
    ConvertToText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResponseTransferMode {
    Buffered,
    Stream,
}

/// `x-amazon-apigateway-integration` on an operation (or one of
/// `components.x-amazon-apigateway-integrations`, referenced by `$ref`).
#[derive(Debug, Serialize)]
pub struct Integration {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// The name in `components.x-amazon-apigateway-integrations`, when reached by `$ref`.
    pub reference: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<Choice<IntegrationType>>,
    pub http_method: Option<Text>,
    pub uri: Option<Text>,
    pub credentials: Option<Text>,
    pub connection_type: Option<Choice<ConnectionType>>,
    pub connection_id: Option<Text>,
    pub request_parameters: IndexMap<String, Text>,
    pub request_templates: IndexMap<String, Text>,
    pub passthrough_behavior: Option<Choice<PassthroughBehavior>>,
    pub content_handling: Option<Choice<ContentHandling>>,
    pub timeout_in_millis: Option<Num>,
    pub cache_key_parameters: Vec<Text>,
    pub cache_namespace: Option<Text>,
    pub responses: IndexMap<String, IntegrationResponse>,
    pub tls_config: Option<TlsConfig>,
    pub payload_format_version: Option<Text>,
    pub integration_subtype: Option<Text>,
    pub response_transfer_mode: Option<Choice<ResponseTransferMode>>,
    pub integration_target: Option<Text>,
}

impl Integration {
    pub fn kind(&self) -> Option<IntegrationType> {
        self.kind.as_ref().and_then(Choice::get)
    }

    /// A Lambda invocation: `aws_proxy` with an `apigateway:...:lambda:path/` URI, a function ARN
    /// (HTTP APIs) or `Fn::GetAtt Function.Arn`; or `aws` with a `.../invocations` URI (an `aws`
    /// call to Lambda's own API, like `GET .../functions/{arn}`, is not an invocation).
    pub fn is_lambda(&self) -> bool {
        let Some(uri) = self.uri.as_ref() else { return false };
        let getatt_arn = matches!(uri, Text::Intrinsic(v) if v.get("Fn::GetAtt").is_some_and(|a| {
            a.get(1).and_then(Value::as_str) == Some("Arn") || a.as_str().is_some_and(|s| s.ends_with(".Arn"))
        }));
        let pattern = uri.pattern().unwrap_or("");
        let function_arn = pattern.starts_with("arn:")
            && pattern.split(':').nth(2) == Some("lambda")
            && pattern.contains(":function:");
        match self.kind() {
            Some(IntegrationType::AwsProxy) => {
                self.integration_subtype.is_none() && (pattern.contains(":lambda:path/") || function_arn || getatt_arn)
            }
            Some(IntegrationType::Aws) => {
                pattern.contains(":lambda:path/") && (pattern.ends_with("invocations") || pattern.ends_with('}'))
            }
            _ => false,
        }
    }

    pub fn is_vpc_link(&self) -> bool {
        self.connection_type.as_ref().is_some_and(|c| c.is(ConnectionType::VpcLink))
    }
}

#[derive(Debug, Serialize)]
pub struct IntegrationResponse {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub status_code: Option<Text>,
    pub response_parameters: IndexMap<String, Text>,
    pub response_templates: IndexMap<String, Text>,
    pub content_handling: Option<Choice<ContentHandling>>,
}

#[derive(Debug, Serialize)]
pub struct TlsConfig {
    pub insecure_skip_verification: Option<bool>,
    pub server_name_to_verify: Option<Text>,
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

/// An index into the [`SchemaStore`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SchemaId(pub u32);

/// Every schema of the document, named (components/definitions) and inline, each once.
#[derive(Debug, Default, Serialize)]
pub struct SchemaStore {
    pub schemas: Vec<Schema>,
    /// Component (or definition) name to schema, in document order.
    pub named: IndexMap<String, SchemaId>,
}

impl SchemaStore {
    pub fn get(&self, id: SchemaId) -> &Schema {
        &self.schemas[id.0 as usize]
    }
}

#[derive(Debug, Serialize)]
pub struct Schema {
    pub id: SchemaId,
    /// The component name, for named schemas.
    pub name: Option<String>,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub kind: SchemaKind,
    pub title: Option<String>,
    pub description: Option<String>,
    pub format: Option<String>,
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    pub default: Option<Value>,
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<Value>,
    pub discriminator: Option<Discriminator>,
    /// Which of [`NOTABLE_KEYWORDS`] the schema object uses, as written.
    pub keywords: Keywords,
}

/// Schema keywords rules ask about (API Gateway's draft-4 models reject or ignore them).
pub const NOTABLE_KEYWORDS: [&str; 28] = [
    "discriminator",
    "example",
    "examples",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "const",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "prefixItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "propertyNames",
    "readOnly",
    "writeOnly",
    "default",
    "minItems",
    "maxItems",
    "deprecated",
    "oneOf",
    "anyOf",
    "additionalProperties",
    "nullable",
    "xml",
    "externalDocs",
];

/// The position of `key` in [`NOTABLE_KEYWORDS`]: a `match` rather than a search, as every key
/// of every schema object passes through it.
fn keyword_index(key: &str) -> Option<usize> {
    // Most keys are not notable: the first byte sends each to a handful of candidates.
    let candidates: &[(&str, usize)] = match key.as_bytes().first()? {
        b'a' => &[("anyOf", 23), ("additionalProperties", 24)],
        b'c' => &[("const", 5), ("contains", 14)],
        b'd' => &[
            ("discriminator", 0),
            ("dependentRequired", 9),
            ("dependentSchemas", 10),
            ("default", 18),
            ("deprecated", 21),
        ],
        b'e' => &[
            ("example", 1),
            ("examples", 2),
            ("exclusiveMinimum", 3),
            ("exclusiveMaximum", 4),
            ("else", 8),
            ("externalDocs", 27),
        ],
        b'i' => &[("if", 6)],
        b'm' => &[("minItems", 19), ("maxItems", 20)],
        b'n' => &[("nullable", 25)],
        b'o' => &[("oneOf", 22)],
        b'p' => &[("prefixItems", 11), ("propertyNames", 15)],
        b'r' => &[("readOnly", 16)],
        b't' => &[("then", 7)],
        b'u' => &[("unevaluatedProperties", 12), ("unevaluatedItems", 13)],
        b'w' => &[("writeOnly", 17)],
        b'x' => &[("xml", 26)],
        _ => return None,
    };
    candidates.iter().find(|(k, _)| *k == key).map(|(_, i)| *i)
}

/// A set of [`NOTABLE_KEYWORDS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keywords(u32);

impl Keywords {
    pub fn insert(&mut self, key: &str) {
        if let Some(i) = keyword_index(key) {
            self.0 |= 1 << i;
        }
    }

    pub fn has(self, key: &str) -> bool {
        debug_assert!(NOTABLE_KEYWORDS.contains(&key), "`{key}` is not in NOTABLE_KEYWORDS, so it is never recorded");
        keyword_index(key).is_some_and(|i| self.0 & (1 << i) != 0)
    }

    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        NOTABLE_KEYWORDS.iter().enumerate().filter(move |(i, _)| self.0 & (1 << i) != 0).map(|(_, k)| *k)
    }
}

impl Serialize for Keywords {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum SchemaKind {
    /// No type constraint (`{}`), or one gwgen cannot express.
    Any,
    String,
    Integer,
    Number,
    Boolean,
    Null,
    /// Swagger 2.0 `type: file`, or `format: binary`.
    Binary,
    Array {
        items: Option<SchemaId>,
    },
    Object {
        properties: IndexMap<String, SchemaId>,
        required: Vec<String>,
        /// `additionalProperties`: None when absent, `Any` when `true`.
        additional: Option<Additional>,
    },
    AllOf {
        of: Vec<SchemaId>,
    },
    OneOf {
        of: Vec<SchemaId>,
    },
    AnyOf {
        of: Vec<SchemaId>,
    },
    /// A `$ref` gwgen could not follow (reported as a finding).
    Unresolved {
        reference: String,
    },
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Additional {
    Any,
    Forbidden,
    Schema(SchemaId),
}

#[derive(Debug, Serialize)]
pub struct Discriminator {
    pub property_name: String,
    pub mapping: IndexMap<String, String>,
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
                match &self.schemas.get(id).kind {
                    SchemaKind::Array { items } => stack.extend(items.iter().copied()),
                    SchemaKind::Object { properties, additional, .. } => {
                        stack.extend(properties.values().copied());
                        if let Some(Additional::Schema(a)) = additional {
                            stack.push(*a);
                        }
                    }
                    SchemaKind::AllOf { of } | SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } => {
                        stack.extend(of.iter().copied())
                    }
                    _ => {}
                }
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
    fn keyword_index_follows_the_list() {
        for (i, k) in NOTABLE_KEYWORDS.iter().enumerate() {
            assert_eq!(keyword_index(k), Some(i), "{k}");
        }
        assert_eq!(keyword_index("type"), None);
        assert_eq!(keyword_index("Example"), None);
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
