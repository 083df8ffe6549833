//! What a template says about deploying the API: stages, domains, throttles, quotas.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use super::*;
use crate::source::Loc;

/// What a template says about the API's deployment: endpoint, stages, domains, throttling.
/// Locations point into the template (a file of its own in `sources`).
#[derive(Debug, Default, Serialize)]
pub struct Deployment {
    /// The region the API is deployed to, when the configuration states it (`region:` in
    /// gwgen.yaml); a template leaves it to `AWS::Region`.
    pub region: Option<String>,
    /// `EndpointConfiguration` types as written (EDGE, REGIONAL, PRIVATE), upper-cased.
    pub endpoint_types: Vec<String>,
    #[serde(rename = "endpoint_pointer")]
    pub endpoint_loc: Option<Loc>,
    pub vpc_endpoint_ids: Vec<Text>,
    /// Where the template attaches a resource policy (`Auth.ResourcePolicy`, `Policy`).
    #[serde(rename = "resource_policy_pointer")]
    pub resource_policy: Option<Loc>,
    /// The API resource's `Policy` property (RestApi, or SAM Api), its intrinsics resolved, with
    /// a policy written as a JSON string parsed. SAM's `Auth.ResourcePolicy` is not here: SAM
    /// writes it into the document as `x-amazon-apigateway-policy`.
    pub policy: Option<TemplatePolicy>,
    pub stages: Vec<Stage>,
    pub domains: Vec<Domain>,
    /// Throttle limits: method settings, usage plans, route settings.
    pub throttles: Vec<Throttle>,
    /// The route keys of the stages' `RouteSettings` (V2 Stage, SAM HttpApi / WebSocketApi), in
    /// template order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub route_settings: Vec<RouteSettingKey>,
    /// The `RouteKey` of each `AWS::ApiGatewayV2::Route` resource whose `ApiId` names the API:
    /// routes the template adds besides those of the API's document (an intrinsic the template
    /// does not resolve stays one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub route_resources: Vec<Text>,
    /// SAM `Auth.DefaultAuthorizer`.
    pub default_authorizer: Option<String>,
    /// SAM `Auth.ApiKeyRequired`.
    pub api_key_required: bool,
    /// Usage plan quotas: limit and period (DAY, WEEK, MONTH).
    pub quotas: Vec<Quota>,
    /// SAM `Cors` (a string origin, or the mapping as written).
    pub cors: Option<Value>,
}

/// One entry of a stage's `RouteSettings`: the route key it names, where it is written.
#[derive(Debug, Serialize)]
pub struct RouteSettingKey {
    pub stage: String,
    pub route_key: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
}

/// A resource policy the template attaches to the API resource.
#[derive(Debug, Serialize)]
pub struct TemplatePolicy {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// The policy document (an intrinsic gwgen could not resolve stays one).
    pub document: Value,
    /// The template writes the document as a mapping (its statements can be pointed at), not as
    /// a JSON string.
    pub written: bool,
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
    /// Where the stage's variables are written, when they are.
    #[serde(rename = "variables_pointer")]
    pub variables_loc: Option<Loc>,
    /// The logical id of the `AWS::ApiGateway::Deployment` a Stage resource names (`DeploymentId`).
    pub deployment: Option<String>,
}

/// One `MethodSettings` entry of a stage (Stage resource, Deployment `StageDescription`, SAM
/// Api), or the settings `StageDescription` gives every method (`/*`, `*`).
#[derive(Debug, Default, Serialize)]
pub struct MethodSetting {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// `ResourcePath` (`/*` for all) and `HttpMethod` (`*` for all).
    pub resource_path: String,
    pub http_method: String,
    pub caching_enabled: Option<bool>,
    pub cache_ttl_in_seconds: Option<Num>,
}

impl MethodSetting {
    /// The resource a setting applies to, as CloudFormation encodes it: `Some(None)` for every
    /// resource (`/*`), `Some(Some(path))` for one (`/~1orders~1{id}` is `/orders/{id}`: a leading
    /// `/`, then the path with each `/` written `~1`), and None for a path not in that encoding
    /// (`/orders`), which applies to nothing.
    pub fn resource(&self) -> Option<Option<String>> {
        let p = self.resource_path.as_str();
        if p == "/*" {
            return Some(None);
        }
        let rest = p.strip_prefix('/')?;
        if rest.is_empty() {
            return Some(Some("/".to_string()));
        }
        if rest.contains('/') || !rest.starts_with("~1") {
            return None;
        }
        Some(Some(rest.replace("~1", "/")))
    }
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
    /// A REGIONAL `AWS::ApiGateway::DomainName` that gives its certificate as `CertificateArn`
    /// (the edge and private property) and no `RegionalCertificateArn`.
    pub regional_without_regional_certificate: bool,
    /// The base paths that map the API onto the domain (`BasePathMapping.BasePath`,
    /// `ApiMapping.ApiMappingKey`, SAM's `Domain.BasePath`), without slashes; "" is the root.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub base_paths: Vec<BasePath>,
}

/// One base path mapping of the API onto a custom domain.
#[derive(Debug, Serialize)]
pub struct BasePath {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// Without leading or trailing slashes; "" for the root (`(none)`, `/`, or none given).
    pub path: String,
}

impl BasePath {
    /// A base path as written, normalised: slashes trimmed, and `(none)` (API Gateway's root) as "".
    pub fn new(loc: Loc, written: &str) -> BasePath {
        let path = written.trim().trim_matches('/');
        BasePath { loc, path: if path == "(none)" { String::new() } else { path.to_string() } }
    }
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

#[cfg(test)]
mod tests {
    use super::MethodSetting;

    #[test]
    fn resource_paths_in_cloudformation_encoding() {
        let of = |p: &str| MethodSetting { resource_path: p.into(), ..Default::default() }.resource();
        assert_eq!(of("/*"), Some(None));
        assert_eq!(of("/"), Some(Some("/".into())));
        assert_eq!(of("/~1orders"), Some(Some("/orders".into())));
        assert_eq!(of("/~1orders~1{id}"), Some(Some("/orders/{id}".into())));
        // The plain path is not CloudFormation's encoding: it applies to no resource.
        assert_eq!(of("/orders"), None);
        assert_eq!(of("/orders/{id}"), None);
        assert_eq!(of("orders"), None);
    }
}
