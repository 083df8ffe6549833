//! The documented fields of every API Gateway extension object, and which objects they hold:
//! what `extension-unknown-key` checks keys against.

use crate::source::Loc;

pub(crate) const PREFIX: &str = "x-amazon-apigateway-";
pub(crate) const INTEGRATION: &str = "x-amazon-apigateway-integration";
pub(crate) const INTEGRATIONS: &str = "x-amazon-apigateway-integrations";
pub(crate) const AUTHORIZER: &str = "x-amazon-apigateway-authorizer";

/// The gateway response types (`GatewayResponseType`), as API Gateway's API spells them.
pub(crate) const GATEWAY_RESPONSE_TYPES: [&str; 21] = [
    "ACCESS_DENIED",
    "API_CONFIGURATION_ERROR",
    "AUTHORIZER_CONFIGURATION_ERROR",
    "AUTHORIZER_FAILURE",
    "BAD_REQUEST_PARAMETERS",
    "BAD_REQUEST_BODY",
    "DEFAULT_4XX",
    "DEFAULT_5XX",
    "EXPIRED_TOKEN",
    "INTEGRATION_FAILURE",
    "INTEGRATION_TIMEOUT",
    "INVALID_API_KEY",
    "INVALID_SIGNATURE",
    "MISSING_AUTHENTICATION_TOKEN",
    "QUOTA_EXCEEDED",
    "REQUEST_TOO_LARGE",
    "RESOURCE_NOT_FOUND",
    "THROTTLED",
    "UNAUTHORIZED",
    "UNSUPPORTED_MEDIA_TYPE",
    "WAF_FILTERED",
];

/// The objects extensions are made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Integration,
    IntegrationResponse,
    TlsConfig,
    Authorizer,
    JwtConfiguration,
    Auth,
    Cors,
    Documentation,
    DocumentationPart,
    DocumentationLocation,
    EndpointConfiguration,
    GatewayResponse,
    RequestValidator,
}

/// What an extension or a field holds, as far as this rule looks inside.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Holds {
    /// A scalar, a list of scalars, an open map or a policy: nothing to check inside.
    Value,
    /// An OpenAPI operation (`x-amazon-apigateway-any-method`): walked as document.
    Operation,
    Object(Kind),
    /// A map from names the user chooses to objects.
    MapOf(Kind),
    ListOf(Kind),
}

/// Every documented extension, sorted by name.
pub(crate) const EXTENSIONS: [(&str, Holds); 20] = [
    ("x-amazon-apigateway-any-method", Holds::Operation),
    ("x-amazon-apigateway-api-key-source", Holds::Value),
    ("x-amazon-apigateway-auth", Holds::Object(Kind::Auth)),
    ("x-amazon-apigateway-authorizer", Holds::Object(Kind::Authorizer)),
    ("x-amazon-apigateway-authtype", Holds::Value),
    ("x-amazon-apigateway-binary-media-types", Holds::Value),
    ("x-amazon-apigateway-cors", Holds::Object(Kind::Cors)),
    ("x-amazon-apigateway-documentation", Holds::Object(Kind::Documentation)),
    ("x-amazon-apigateway-endpoint-access-mode", Holds::Value),
    ("x-amazon-apigateway-endpoint-configuration", Holds::Object(Kind::EndpointConfiguration)),
    ("x-amazon-apigateway-gateway-responses", Holds::MapOf(Kind::GatewayResponse)),
    ("x-amazon-apigateway-importexport-version", Holds::Value),
    ("x-amazon-apigateway-integration", Holds::Object(Kind::Integration)),
    ("x-amazon-apigateway-integrations", Holds::MapOf(Kind::Integration)),
    ("x-amazon-apigateway-minimum-compression-size", Holds::Value),
    // An IAM policy document: its own language, not checked here.
    ("x-amazon-apigateway-policy", Holds::Value),
    ("x-amazon-apigateway-request-validator", Holds::Value),
    ("x-amazon-apigateway-request-validators", Holds::MapOf(Kind::RequestValidator)),
    ("x-amazon-apigateway-security-policy", Holds::Value),
    ("x-amazon-apigateway-tag-value", Holds::Value),
];

// The documented fields of each object, sorted.

pub(crate) const INTEGRATION_FIELDS: &[&str] = &[
    "cacheKeyParameters",
    "cacheNamespace",
    "connectionId",
    "connectionType",
    "contentHandling",
    "credentials",
    "httpMethod",
    "integrationSubtype",
    "integrationTarget",
    "passthroughBehavior",
    "payloadFormatVersion",
    "requestParameters",
    "requestTemplates",
    "responseTransferMode",
    "responses",
    "timeoutInMillis",
    "tlsConfig",
    "type",
    "uri",
];
pub(crate) const INTEGRATION_RESPONSE_FIELDS: &[&str] =
    &["contentHandling", "responseParameters", "responseTemplates", "statusCode"];
pub(crate) const TLS_CONFIG_FIELDS: &[&str] = &["insecureSkipVerification", "serverNameToVerify"];
pub(crate) const AUTHORIZER_FIELDS: &[&str] = &[
    "authorizerCredentials",
    "authorizerPayloadFormatVersion",
    "authorizerResultTtlInSeconds",
    "authorizerUri",
    "enableSimpleResponses",
    "identitySource",
    "identityValidationExpression",
    "jwtConfiguration",
    "providerARNs",
    "type",
];
pub(crate) const JWT_CONFIGURATION_FIELDS: &[&str] = &["audience", "issuer"];
pub(crate) const AUTH_FIELDS: &[&str] = &["type"];
pub(crate) const CORS_FIELDS: &[&str] =
    &["allowCredentials", "allowHeaders", "allowMethods", "allowOrigins", "exposeHeaders", "maxAge"];
/// With the documentation version's `createdDate` and `description`, which API Gateway's export
/// writes beside the documented two.
pub(crate) const DOCUMENTATION_FIELDS: &[&str] = &["createdDate", "description", "documentationParts", "version"];
pub(crate) const DOCUMENTATION_PART_FIELDS: &[&str] = &["id", "location", "properties"];
pub(crate) const DOCUMENTATION_LOCATION_FIELDS: &[&str] = &["method", "name", "path", "statusCode", "type"];
pub(crate) const ENDPOINT_CONFIGURATION_FIELDS: &[&str] =
    &["disableExecuteApiEndpoint", "ipAddressType", "vpcEndpointIds"];
pub(crate) const GATEWAY_RESPONSE_FIELDS: &[&str] = &["responseParameters", "responseTemplates", "statusCode"];
pub(crate) const REQUEST_VALIDATOR_FIELDS: &[&str] = &["validateRequestBody", "validateRequestParameters"];

/// Keys an HTTP API's integration may carry besides the documented ones: the v2 API's
/// `ResponseParameters`, a map from status code to response mappings.
pub(crate) const INTEGRATION_HTTP_FIELDS: &[&str] = &["responseParameters"];

impl Kind {
    pub(crate) fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Integration => INTEGRATION_FIELDS,
            Kind::IntegrationResponse => INTEGRATION_RESPONSE_FIELDS,
            Kind::TlsConfig => TLS_CONFIG_FIELDS,
            Kind::Authorizer => AUTHORIZER_FIELDS,
            Kind::JwtConfiguration => JWT_CONFIGURATION_FIELDS,
            Kind::Auth => AUTH_FIELDS,
            Kind::Cors => CORS_FIELDS,
            Kind::Documentation => DOCUMENTATION_FIELDS,
            Kind::DocumentationPart => DOCUMENTATION_PART_FIELDS,
            Kind::DocumentationLocation => DOCUMENTATION_LOCATION_FIELDS,
            Kind::EndpointConfiguration => ENDPOINT_CONFIGURATION_FIELDS,
            Kind::GatewayResponse => GATEWAY_RESPONSE_FIELDS,
            Kind::RequestValidator => REQUEST_VALIDATOR_FIELDS,
        }
    }

    /// The fields that hold objects this rule checks too.
    pub(crate) fn nested(self) -> &'static [(&'static str, Holds)] {
        match self {
            Kind::Integration => {
                &[("responses", Holds::MapOf(Kind::IntegrationResponse)), ("tlsConfig", Holds::Object(Kind::TlsConfig))]
            }
            Kind::Authorizer => &[("jwtConfiguration", Holds::Object(Kind::JwtConfiguration))],
            Kind::Documentation => &[("documentationParts", Holds::ListOf(Kind::DocumentationPart))],
            Kind::DocumentationPart => &[("location", Holds::Object(Kind::DocumentationLocation))],
            _ => &[],
        }
    }

    /// How a message names the object at `loc`.
    pub(crate) fn describe(self, loc: &Loc) -> String {
        let last = loc.ptr.last().unwrap_or_default();
        match self {
            Kind::Integration if loc.ptr.parent().and_then(|p| p.last()).as_deref() == Some(INTEGRATIONS) => {
                format!("integration `{last}`")
            }
            Kind::Integration => format!("`{INTEGRATION}`"),
            Kind::IntegrationResponse => format!("integration response `{last}`"),
            Kind::TlsConfig => "the integration's `tlsConfig`".into(),
            Kind::Authorizer => format!("`{AUTHORIZER}`"),
            Kind::JwtConfiguration => "the authorizer's `jwtConfiguration`".into(),
            Kind::Auth => "`x-amazon-apigateway-auth`".into(),
            Kind::Cors => "`x-amazon-apigateway-cors`".into(),
            Kind::Documentation => "`x-amazon-apigateway-documentation`".into(),
            Kind::DocumentationPart => format!("documentation part {last}"),
            Kind::DocumentationLocation => "a documentation part's `location`".into(),
            Kind::EndpointConfiguration => "`x-amazon-apigateway-endpoint-configuration`".into(),
            Kind::GatewayResponse => format!("gateway response `{last}`"),
            Kind::RequestValidator => format!("request validator `{last}`"),
        }
    }
}
