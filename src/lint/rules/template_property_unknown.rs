use serde_json::Value;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// Every API Gateway resource a template builds the API from sets only properties its type has, at
/// every level: the `AWS::ApiGateway::RestApi` or `AWS::ApiGatewayV2::Api` itself, and the
/// resources whose `RestApiId` / `ApiId` names it: REST `Method` (its `Integration`, the
/// Integration's `IntegrationResponses`, its `MethodResponses`), `Resource`, `Authorizer`, `Model`,
/// `RequestValidator`, `GatewayResponse`, `Deployment` (its `StageDescription` with
/// `MethodSettings`, `AccessLogSetting`, `CanarySetting`, and `DeploymentCanarySettings`), `Stage`
/// (`MethodSettings`, `AccessLogSetting`, `CanarySetting`), `BasePathMapping`; V2 `Route`,
/// `Integration` (`TlsConfig`), `Authorizer` (`JwtConfiguration`), `RouteResponse`,
/// `IntegrationResponse`, `Stage` (`DefaultRouteSettings`, `AccessLogSettings`), `ApiMapping`,
/// `Model`; and the `DomainName` (REST: its `EndpointConfiguration`, `MutualTlsAuthentication`; V2:
/// its `DomainNameConfigurations`) a BasePathMapping or ApiMapping of the API maps it to.
/// `StageName` on a RestApi (a SAM `AWS::Serverless::Api` property), `HttpMethod` in a Method's
/// `Integration` (it is `IntegrationHttpMethod`) and `IntegrationResponse` (it is
/// `IntegrationResponses`) are the common cases; misspellings get the nearest name. A value written
/// as an intrinsic (`Fn::If`, `Ref`) is CloudFormation's to pick and is not looked into.
///
/// The properties are those of CloudFormation's resource schemas for these types (the registry
/// schemas that cfn-lint validates against), without the read-only ones (`RootResourceId`,
/// `ApiEndpoint`, `DeploymentId` of a Deployment, `RouteId` of a Route...). A Method's
/// `Integration` also accepts `IntegrationTarget` (CDK's `CfnMethod` writes it), and
/// `ResponseTransferMode` and `TlsConfig`, which API Gateway's `PutIntegration` takes: a key a
/// newer schema may have is let through rather than refused. A Deployment accepts `Tags`, which a
/// template CloudFormation deployed sets. DomainName properties follow the CloudFormation template
/// reference (`RoutingMode`, `EndpointAccessMode`, a V2 DomainNameConfiguration's `IpAddressType`,
/// newer than the registry schemas). SAM's own types are checked by SAM's transform, and gwgen
/// reports what it refuses.
///
/// ## Why
/// CloudFormation validates a resource's properties against its type's schema and rejects the
/// stack with "extraneous key [StageName] is not permitted" before anything is created
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-restapi.html]
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html]
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html]
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-method-integration.html]
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html]
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-route.html]
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html]
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-domainname.html]
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-domainname.html].
/// When gwgen builds the API from these resources it reads only the keys it knows, so without
/// this rule a misspelled key shows only as its consequence ("no IntegrationHttpMethod").
///
/// ## Example
/// ```yaml
/// Api:
///   Type: AWS::ApiGateway::RestApi
///   Properties:
///     Name: orders
///     StageName: prod        # a RestApi has no stage
/// GetOrders:
///   Type: AWS::ApiGateway::Method
///   Properties:
///     RestApiId: !Ref Api
///     Integration:
///       Type: HTTP
///       HttpMethod: GET      # it is IntegrationHttpMethod
/// ```
///
/// ## Fix
/// Remove the property, or move it where it belongs: a stage is an `AWS::ApiGateway::Stage` (or
/// a Deployment's `StageName`); a misspelled property gets its right name (the help names it);
/// a SAM property (`Cors`, `Auth`...) belongs on an `AWS::Serverless::Api`.
pub struct TemplatePropertyUnknown;

const REST_API: Shape = Shape {
    name: "AWS::ApiGateway::RestApi",
    nested: &[],
    props: &[
    "ApiKeySourceType",
    "BinaryMediaTypes",
    "Body",
    "BodyS3Location",
    "CloneFrom",
    "Description",
    "DisableExecuteApiEndpoint",
    "EndpointAccessMode",
    "EndpointConfiguration",
    "FailOnWarnings",
    "MinimumCompressionSize",
    "Mode",
    "Name",
    "Parameters",
    "Policy",
    "SecurityPolicy",
    "Tags",
],
};

const V2_API: Shape = Shape {
    name: "AWS::ApiGatewayV2::Api",
    nested: &[],
    props: &[
    "ApiKeySelectionExpression",
    "BasePath",
    "Body",
    "BodyS3Location",
    "CorsConfiguration",
    "CredentialsArn",
    "Description",
    "DisableExecuteApiEndpoint",
    "DisableSchemaValidation",
    "FailOnWarnings",
    "IpAddressType",
    "Name",
    "ProtocolType",
    "RouteKey",
    "RouteSelectionExpression",
    "Tags",
    "Target",
    "Version",
],
};

/// One CloudFormation property type: what a message calls it, its properties, and the
/// properties that hold a nested property type (`true`: a list of them).
struct Shape {
    name: &'static str,
    props: &'static [&'static str],
    nested: &'static [(&'static str, bool, &'static Shape)],
}

const fn shape(name: &'static str, props: &'static [&'static str]) -> Shape {
    Shape { name, props, nested: &[] }
}

const METHOD: Shape = Shape {
    name: "AWS::ApiGateway::Method",
    props: &["ApiKeyRequired", "AuthorizationScopes", "AuthorizationType", "AuthorizerId", "HttpMethod", "Integration", "MethodResponses", "OperationName", "RequestModels", "RequestParameters", "RequestValidatorId", "ResourceId", "RestApiId"],
    nested: &[("Integration", false, &METHOD_INTEGRATION), ("MethodResponses", true, &METHOD_RESPONSE)],
};
const METHOD_INTEGRATION: Shape = Shape {
    name: "a Method's Integration",
    props: &["CacheKeyParameters", "CacheNamespace", "ConnectionId", "ConnectionType", "ContentHandling", "Credentials", "IntegrationHttpMethod", "IntegrationResponses", "IntegrationTarget", "PassthroughBehavior", "RequestParameters", "RequestTemplates", "ResponseTransferMode", "TimeoutInMillis", "TlsConfig", "Type", "Uri"],
    nested: &[("IntegrationResponses", true, &METHOD_INTEGRATION_RESPONSE)],
};
const METHOD_INTEGRATION_RESPONSE: Shape =
    shape("an IntegrationResponse", &["ContentHandling", "ResponseParameters", "ResponseTemplates", "SelectionPattern", "StatusCode"]);
const METHOD_RESPONSE: Shape = shape("a MethodResponse", &["ResponseModels", "ResponseParameters", "StatusCode"]);
const RESOURCE: Shape = shape("AWS::ApiGateway::Resource", &["ParentId", "PathPart", "RestApiId"]);
const AUTHORIZER: Shape = shape(
    "AWS::ApiGateway::Authorizer",
    &["AuthType", "AuthorizerCredentials", "AuthorizerResultTtlInSeconds", "AuthorizerUri", "IdentitySource", "IdentityValidationExpression", "Name", "ProviderARNs", "RestApiId", "Type"],
);
const MODEL: Shape = shape("AWS::ApiGateway::Model", &["ContentType", "Description", "Name", "RestApiId", "Schema"]);
const VALIDATOR: Shape =
    shape("AWS::ApiGateway::RequestValidator", &["Name", "RestApiId", "ValidateRequestBody", "ValidateRequestParameters"]);
const GATEWAY_RESPONSE: Shape = shape(
    "AWS::ApiGateway::GatewayResponse",
    &["ResponseParameters", "ResponseTemplates", "ResponseType", "RestApiId", "StatusCode"],
);
const DEPLOYMENT: Shape = Shape {
    name: "AWS::ApiGateway::Deployment",
    // `Tags`: not in the registry schema, but a template that CloudFormation deployed sets it
    // (localstack's apigw-awsintegration-request-parameters.yaml), so it is accepted.
    props: &["DeploymentCanarySettings", "Description", "RestApiId", "StageDescription", "StageName", "Tags"],
    nested: &[("DeploymentCanarySettings", false, &DEPLOYMENT_CANARY), ("StageDescription", false, &STAGE_DESCRIPTION)],
};
const DEPLOYMENT_CANARY: Shape =
    shape("a Deployment's DeploymentCanarySettings", &["PercentTraffic", "StageVariableOverrides", "UseStageCache"]);
const STAGE_DESCRIPTION: Shape = Shape {
    name: "a Deployment's StageDescription",
    props: &["AccessLogSetting", "CacheClusterEnabled", "CacheClusterSize", "CacheDataEncrypted", "CacheTtlInSeconds", "CachingEnabled", "CanarySetting", "ClientCertificateId", "DataTraceEnabled", "Description", "DocumentationVersion", "LoggingLevel", "MethodSettings", "MetricsEnabled", "Tags", "ThrottlingBurstLimit", "ThrottlingRateLimit", "TracingEnabled", "Variables"],
    nested: &[("AccessLogSetting", false, &ACCESS_LOG), ("CanarySetting", false, &DEPLOYMENT_STAGE_CANARY), ("MethodSettings", true, &METHOD_SETTING)],
};
const DEPLOYMENT_STAGE_CANARY: Shape = shape("a CanarySetting", &["PercentTraffic", "StageVariableOverrides", "UseStageCache"]);
const STAGE: Shape = Shape {
    name: "AWS::ApiGateway::Stage",
    props: &["AccessLogSetting", "CacheClusterEnabled", "CacheClusterSize", "CanarySetting", "ClientCertificateId", "DeploymentId", "Description", "DocumentationVersion", "MethodSettings", "RestApiId", "StageName", "Tags", "TracingEnabled", "Variables"],
    nested: &[("AccessLogSetting", false, &ACCESS_LOG), ("CanarySetting", false, &STAGE_CANARY), ("MethodSettings", true, &METHOD_SETTING)],
};
const ACCESS_LOG: Shape = shape("an AccessLogSetting", &["DestinationArn", "Format"]);
const STAGE_CANARY: Shape = shape("a CanarySetting", &["DeploymentId", "PercentTraffic", "StageVariableOverrides", "UseStageCache"]);
const METHOD_SETTING: Shape = shape(
    "a MethodSetting",
    &["CacheDataEncrypted", "CacheTtlInSeconds", "CachingEnabled", "DataTraceEnabled", "HttpMethod", "LoggingLevel", "MetricsEnabled", "ResourcePath", "ThrottlingBurstLimit", "ThrottlingRateLimit"],
);
const BASE_PATH_MAPPING: Shape = shape("AWS::ApiGateway::BasePathMapping", &["BasePath", "DomainName", "RestApiId", "Stage"]);

const ROUTE: Shape = shape(
    "AWS::ApiGatewayV2::Route",
    &["ApiId", "ApiKeyRequired", "AuthorizationScopes", "AuthorizationType", "AuthorizerId", "ModelSelectionExpression", "OperationName", "RequestModels", "RequestParameters", "RouteKey", "RouteResponseSelectionExpression", "Target"],
);
const V2_INTEGRATION: Shape = Shape {
    name: "AWS::ApiGatewayV2::Integration",
    props: &["ApiId", "ConnectionId", "ConnectionType", "ContentHandlingStrategy", "CredentialsArn", "Description", "IntegrationMethod", "IntegrationSubtype", "IntegrationType", "IntegrationUri", "PassthroughBehavior", "PayloadFormatVersion", "RequestParameters", "RequestTemplates", "ResponseParameters", "TemplateSelectionExpression", "TimeoutInMillis", "TlsConfig"],
    nested: &[("TlsConfig", false, &V2_TLS)],
};
const V2_TLS: Shape = shape("an Integration's TlsConfig", &["ServerNameToVerify"]);
const V2_AUTHORIZER: Shape = Shape {
    name: "AWS::ApiGatewayV2::Authorizer",
    props: &["ApiId", "AuthorizerCredentialsArn", "AuthorizerPayloadFormatVersion", "AuthorizerResultTtlInSeconds", "AuthorizerType", "AuthorizerUri", "EnableSimpleResponses", "IdentitySource", "IdentityValidationExpression", "JwtConfiguration", "Name"],
    nested: &[("JwtConfiguration", false, &JWT)],
};
const JWT: Shape = shape("a JwtConfiguration", &["Audience", "Issuer"]);
const ROUTE_RESPONSE: Shape = shape(
    "AWS::ApiGatewayV2::RouteResponse",
    &["ApiId", "ModelSelectionExpression", "ResponseModels", "ResponseParameters", "RouteId", "RouteResponseKey"],
);
const V2_INTEGRATION_RESPONSE: Shape = shape(
    "AWS::ApiGatewayV2::IntegrationResponse",
    &["ApiId", "ContentHandlingStrategy", "IntegrationId", "IntegrationResponseKey", "ResponseParameters", "ResponseTemplates", "TemplateSelectionExpression"],
);
const V2_STAGE: Shape = Shape {
    name: "AWS::ApiGatewayV2::Stage",
    props: &["AccessLogSettings", "AccessPolicyId", "ApiId", "AutoDeploy", "ClientCertificateId", "DefaultRouteSettings", "DeploymentId", "Description", "RouteSettings", "StageName", "StageVariables", "Tags"],
    nested: &[("AccessLogSettings", false, &ACCESS_LOG_V2), ("DefaultRouteSettings", false, &ROUTE_SETTINGS)],
};
const ACCESS_LOG_V2: Shape = shape("an AccessLogSettings", &["DestinationArn", "Format"]);
const ROUTE_SETTINGS: Shape = shape(
    "a RouteSettings",
    &["DataTraceEnabled", "DetailedMetricsEnabled", "LoggingLevel", "ThrottlingBurstLimit", "ThrottlingRateLimit"],
);
const API_MAPPING: Shape = shape("AWS::ApiGatewayV2::ApiMapping", &["ApiId", "ApiMappingKey", "DomainName", "Stage"]);
const V2_MODEL: Shape = shape("AWS::ApiGatewayV2::Model", &["ApiId", "ContentType", "Description", "Name", "Schema"]);

const DOMAIN_NAME: Shape = Shape {
    name: "AWS::ApiGateway::DomainName",
    props: &["CertificateArn", "DomainName", "EndpointAccessMode", "EndpointConfiguration", "MutualTlsAuthentication", "OwnershipVerificationCertificateArn", "RegionalCertificateArn", "RoutingMode", "SecurityPolicy", "Tags"],
    nested: &[("EndpointConfiguration", false, &DOMAIN_ENDPOINT), ("MutualTlsAuthentication", false, &MUTUAL_TLS)],
};
const DOMAIN_ENDPOINT: Shape = shape("a DomainName's EndpointConfiguration", &["IpAddressType", "Types"]);
const MUTUAL_TLS: Shape = shape("a MutualTlsAuthentication", &["TruststoreUri", "TruststoreVersion"]);
const V2_DOMAIN_NAME: Shape = Shape {
    name: "AWS::ApiGatewayV2::DomainName",
    props: &["DomainName", "DomainNameConfigurations", "MutualTlsAuthentication", "RoutingMode", "Tags"],
    nested: &[("DomainNameConfigurations", true, &DOMAIN_CONFIGURATION), ("MutualTlsAuthentication", false, &MUTUAL_TLS)],
};
const DOMAIN_CONFIGURATION: Shape = shape(
    "a DomainNameConfiguration",
    &["CertificateArn", "CertificateName", "EndpointType", "IpAddressType", "OwnershipVerificationCertificateArn", "SecurityPolicy"],
);

/// The resource types that belong to an API through their `RestApiId` (REST) or `ApiId` (V2).
const MEMBERS: &[(&str, &str, &Shape)] = &[
    ("AWS::ApiGateway::Method", "RestApiId", &METHOD),
    ("AWS::ApiGateway::Resource", "RestApiId", &RESOURCE),
    ("AWS::ApiGateway::Authorizer", "RestApiId", &AUTHORIZER),
    ("AWS::ApiGateway::Model", "RestApiId", &MODEL),
    ("AWS::ApiGateway::RequestValidator", "RestApiId", &VALIDATOR),
    ("AWS::ApiGateway::GatewayResponse", "RestApiId", &GATEWAY_RESPONSE),
    ("AWS::ApiGateway::Deployment", "RestApiId", &DEPLOYMENT),
    ("AWS::ApiGateway::Stage", "RestApiId", &STAGE),
    ("AWS::ApiGateway::BasePathMapping", "RestApiId", &BASE_PATH_MAPPING),
    ("AWS::ApiGatewayV2::Route", "ApiId", &ROUTE),
    ("AWS::ApiGatewayV2::Integration", "ApiId", &V2_INTEGRATION),
    ("AWS::ApiGatewayV2::Authorizer", "ApiId", &V2_AUTHORIZER),
    ("AWS::ApiGatewayV2::RouteResponse", "ApiId", &ROUTE_RESPONSE),
    ("AWS::ApiGatewayV2::IntegrationResponse", "ApiId", &V2_INTEGRATION_RESPONSE),
    ("AWS::ApiGatewayV2::Stage", "ApiId", &V2_STAGE),
    ("AWS::ApiGatewayV2::ApiMapping", "ApiId", &API_MAPPING),
    ("AWS::ApiGatewayV2::Model", "ApiId", &V2_MODEL),
];

/// The logical id of the DomainName resource a BasePathMapping's or ApiMapping's `DomainName`
/// names: a `Ref` to it, or the domain name a DomainName resource of the template declares.
fn mapped_domain<'t>(resources: &'t serde_json::Map<String, Value>, domain: &Value) -> Option<&'t str> {
    let is_domain = |r: &Value| r.get("Type").and_then(Value::as_str).is_some_and(|t| t.ends_with("::DomainName"));
    if let Some((id, _)) = resources.iter().find(|(id, r)| crate::lint::helpers::names(domain, id) && is_domain(r)) {
        return Some(id.as_str());
    }
    let name = domain.as_str()?;
    resources
        .iter()
        .find(|(_, r)| is_domain(r) && r.pointer("/Properties/DomainName").and_then(Value::as_str) == Some(name))
        .map(|(id, _)| id.as_str())
}

/// Reports every key of the property map `map` (at `ptr`) that `shape` does not have, and walks
/// into its nested property types. A value that is not a map (an intrinsic such as `Fn::If`
/// stands for one CloudFormation picks later) is not looked into.
fn check_map(map: &Value, shape: &Shape, file: crate::source::FileId, ptr: &crate::source::Pointer, out: &mut Findings) {
    let Value::Object(props) = map else { return };
    if props.len() == 1 && props.keys().next().is_some_and(|k| k == "Ref" || k.starts_with("Fn::")) {
        return;
    }
    for (key, value) in props {
        if !shape.props.contains(&key.as_str()) {
            report(key, shape, file, ptr, out);
            continue;
        }
        let Some((_, list, inner)) = shape.nested.iter().find(|(k, _, _)| k == key) else { continue };
        match (list, value) {
            (true, Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    check_map(item, inner, file, &ptr.push(key).push(&i.to_string()), out);
                }
            }
            (false, _) => check_map(value, inner, file, &ptr.push(key), out),
            _ => {}
        }
    }
}

/// One finding for the unknown key `key` of a `shape` map at `ptr`, with the nearest name (or a
/// known confusion) as its help.
fn report(key: &str, shape: &Shape, file: crate::source::FileId, ptr: &crate::source::Pointer, out: &mut Findings) {
    let near = shape
        .props
        .iter()
        .map(|k| (crate::diag::edit_distance(k, key), *k))
        .filter(|(d, k)| *d <= 2.max(key.len() / 5) || (key.len() >= 6 && k.starts_with(key)))
        .min()
        .map(|(_, k)| k);
    let help = match (shape.name, key, near) {
        ("AWS::ApiGatewayV2::Integration", "IntegrationHttpMethod" | "HttpMethod", _) => "an AWS::ApiGatewayV2::Integration's backend method is `IntegrationMethod` (`IntegrationHttpMethod` is an AWS::ApiGateway::Method Integration's)".to_string(),
        ("AWS::ApiGatewayV2::Stage", "Variables", _) => "an AWS::ApiGatewayV2::Stage's variables are `StageVariables` (`Variables` is an AWS::ApiGateway::Stage's)".to_string(),
        ("AWS::ApiGateway::Stage", "StageVariables", _) => "an AWS::ApiGateway::Stage's variables are `Variables` (`StageVariables` is an AWS::ApiGatewayV2::Stage's)".to_string(),
        ("AWS::ApiGateway::RestApi", "StageName", _) => "a RestApi has no stage: declare an AWS::ApiGateway::Stage (or give a Deployment a StageName), or use AWS::Serverless::Api, which has StageName".to_string(),
        ("a Method's Integration", "HttpMethod", _) => "the method API Gateway calls the backend with is `IntegrationHttpMethod` (`HttpMethod` is the Method's own, one level up); a Lambda integration uses POST".to_string(),
        ("a Method's Integration", "Responses", _) => "a Method's integration responses are `IntegrationResponses` (`responses` is the OpenAPI extension's name)".to_string(),
        ("AWS::ApiGateway::Method", "Responses", _) => "a Method's responses are `MethodResponses`".to_string(),
        (name, "Cors" | "Auth" | "DefinitionBody" | "DefinitionUri" | "Events" | "Domain" | "Models" | "GatewayResponses", _) if name.starts_with("AWS::") => {
            format!("`{key}` is an AWS::Serverless::Api / HttpApi property, which SAM's transform turns into resources: {name} has no such property")
        }
        (_, _, Some(near)) => format!("did you mean `{near}`?"),
        (name, _, None) => format!("remove it: {name} has no such property"),
    };
    out.report(Loc::new(file, ptr.push(key)), format!("`{key}` is not a property of {}", shape.name)).help(help);
}

impl Rule for TemplatePropertyUnknown {
    const META: RuleMeta = RuleMeta {
        id: "template-property-unknown",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::ALL,
        fails: Fails::Deploy,
        generic: false,
        summary: "API Gateway resources of a template (the Api and its Methods, Routes, Integrations, Stages...) set only properties their type has",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some((file, template, ptr)) = crate::lint::helpers::template_resource(api) else { return };
        let Some(resource) = ptr.resolve(&template.value) else { return };
        let top = match resource.get("Type").and_then(Value::as_str) {
            Some("AWS::ApiGateway::RestApi") => Some(&REST_API),
            Some("AWS::ApiGatewayV2::Api") => Some(&V2_API),
            _ => None,
        };
        if let (Some(shape), Some(props)) = (top, resource.get("Properties")) {
            check_map(props, shape, file, &ptr.push("Properties"), out);
        }
        let Some(Value::Object(resources)) = template.value.get("Resources") else { return };
        let mut domains = Vec::new();
        for (rid, ty, props) in crate::lint::helpers::api_members(api, template) {
            let Some((_, key, shape)) = MEMBERS.iter().find(|(t, _, _)| *t == ty) else { continue };
            if props.get(*key).is_none() {
                continue;
            }
            let at = crate::source::Pointer::root().push("Resources").push(rid).push("Properties");
            check_map(props, shape, file, &at, out);
            if matches!(ty, "AWS::ApiGateway::BasePathMapping" | "AWS::ApiGatewayV2::ApiMapping") {
                domains.extend(props.get("DomainName").and_then(|d| mapped_domain(resources, d)));
            }
        }
        // The custom domain names the API is mapped to, each once.
        let mut seen = std::collections::BTreeSet::new();
        for did in domains.into_iter().filter(|d| seen.insert(*d)) {
            let r = &resources[did];
            let shape = match r.get("Type").and_then(Value::as_str) {
                Some("AWS::ApiGateway::DomainName") => &DOMAIN_NAME,
                Some("AWS::ApiGatewayV2::DomainName") => &V2_DOMAIN_NAME,
                _ => continue,
            };
            let Some(props) = r.get("Properties") else { continue };
            let at = crate::source::Pointer::root().push("Resources").push(did).push("Properties");
            check_map(props, shape, file, &at, out);
        }
    }
}
