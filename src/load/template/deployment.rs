//! What a template says about deploying an API: endpoint, resource policy, stages (with their
//! variables, caching and method or route settings), domains, throttles and usage plans,
//! wherever the template keeps each of them.

use serde_json::{Map, Value};

use crate::ir::{
    ApiType, BasePath, Deployment, Domain, MethodSetting, Quota, RouteSettingKey, Stage, TemplatePolicy, Text, Throttle,
};
use crate::source::{FileId, Loc, Pointer, Source};

use super::sam::globals::globals_for;
use super::{number, text, Context, TemplateApi};

/// Reads what a template says about deploying `api`, from every place it can be written:
/// - the API resource itself: SAM's Api / HttpApi properties (with `Globals` merged in; for an
///   implicit API, its `Globals` section), or a RestApi's / V2 Api's (`EndpointConfiguration`,
///   `Policy`);
/// - `AWS::ApiGateway::Stage` and `AWS::ApiGatewayV2::Stage` resources (`Variables` /
///   `StageVariables`, `MethodSettings`, `RouteSettings`, `DefaultRouteSettings`, cache cluster);
/// - `AWS::ApiGateway::Deployment` with a `StageName` (the stage it creates, configured by its
///   `StageDescription`);
/// - `AWS::ApiGateway::UsagePlan` (plan `Throttle` and `Quota`, and each API stage's per-method
///   `Throttle`), and SAM's `Auth.UsagePlan`;
/// - DomainName resources mapped to the API (BasePathMapping / ApiMapping), and SAM's `Domain`.
pub fn deployment(template: &Source, api: &TemplateApi, file: FileId, ctx: &Context) -> Deployment {
    let mut d = Deployment::default();
    let Some(Value::Object(resources)) = template.value.get("Resources") else { return d };
    let at = |ptr: &Pointer| Loc::new(file, ptr.clone());
    let resource_ptr = Pointer::root().push("Resources");
    let http = api.api_type == ApiType::Http;
    // The API's own properties, and where they are written.
    let (mut props, props_ptr) = if api.implicit {
        let section = if http { "HttpApi" } else { "Api" };
        match globals_for(&template.value, section) {
            Some((p, ptr)) => (Value::Object(p.clone()), ptr),
            None => (Value::Object(Map::new()), Pointer::root().push("Globals").push(section)),
        }
    } else {
        let props = resources.get(&api.logical_id).and_then(|r| r.get("Properties")).cloned();
        (props.unwrap_or(Value::Null), resource_ptr.push(&api.logical_id).push("Properties"))
    };
    ctx.resolve(&mut props, 0);
    let serverless = api.resource_type.starts_with("AWS::Serverless");

    // Endpoint.
    match props.get("EndpointConfiguration") {
        Some(Value::String(t)) => d.endpoint_types.push(t.to_ascii_uppercase()),
        Some(Value::Object(ec)) => {
            match ec.get("Types").or_else(|| ec.get("Type")) {
                Some(Value::String(t)) => d.endpoint_types.push(t.to_ascii_uppercase()),
                Some(Value::Array(ts)) => {
                    d.endpoint_types.extend(ts.iter().filter_map(Value::as_str).map(str::to_ascii_uppercase))
                }
                _ => {}
            }
            if let Some(Value::Array(ids)) = ec.get("VpcEndpointIds").or_else(|| ec.get("VPCEndpointIds")) {
                d.vpc_endpoint_ids = ids.iter().map(text).collect();
            }
        }
        _ => {}
    }
    if props.get("EndpointConfiguration").is_some() {
        d.endpoint_loc = Some(at(&props_ptr.push("EndpointConfiguration")));
    }

    // Resource policy: the `Policy` property, with its content.
    if let Some(policy) = props.get("Policy") {
        let loc = at(&props_ptr.push("Policy"));
        d.resource_policy = Some(loc.clone());
        let (document, written) = match policy {
            // CloudFormation takes the policy as a JSON string too.
            Value::String(s) => (serde_json::from_str(s).unwrap_or_else(|_| policy.clone()), false),
            other => (other.clone(), other.is_object()),
        };
        d.policy = Some(TemplatePolicy { loc, document, written });
    }

    // SAM's own properties.
    if serverless {
        let auth = props.get("Auth");
        let auth_ptr = props_ptr.push("Auth");
        if auth.and_then(|a| a.get("ResourcePolicy")).is_some() {
            d.resource_policy = Some(at(&auth_ptr.push("ResourcePolicy")));
        }
        d.default_authorizer =
            auth.and_then(|a| a.get("DefaultAuthorizer")).and_then(Value::as_str).map(str::to_string);
        d.api_key_required = auth.and_then(|a| a.get("ApiKeyRequired")).and_then(Value::as_bool).unwrap_or(false);
        let plan = auth.and_then(|a| a.get("UsagePlan")).filter(|p| {
            !p.get("CreateUsagePlan").and_then(Value::as_str).is_some_and(|c| c.eq_ignore_ascii_case("NONE"))
        });
        let plan_ptr = auth_ptr.push("UsagePlan");
        if let Some(t) = plan.and_then(|p| p.get("Throttle")) {
            d.throttles.push(throttle(
                file,
                &plan_ptr.push("Throttle"),
                t,
                "RateLimit",
                "BurstLimit",
                "the usage plan",
            ));
        }
        if let Some(q) = plan.and_then(|p| p.get("Quota")) {
            d.quotas.push(quota(file, &plan_ptr.push("Quota"), q));
        }
        // SAM names a WebSocketApi's stage `default` (its `<Api>DefaultStage`).
        let default_name = match (api.implicit, http) {
            _ if api.resource_type == "AWS::Serverless::WebSocketApi" => "default",
            (true, false) => "Prod",
            _ => "$default",
        };
        let name = props.get("StageName").and_then(Value::as_str).unwrap_or(default_name).to_string();
        let vars_key = if http { "StageVariables" } else { "Variables" };
        let mut stage = Stage {
            name: name.clone(),
            loc: at(&if api.implicit { props_ptr.clone() } else { props_ptr.push("StageName") }),
            variables: variables(props.get(vars_key)),
            variables_loc: props.get(vars_key).map(|_| at(&props_ptr.push(vars_key))),
            cache_cluster_enabled: boolean(props.get("CacheClusterEnabled")),
            cache_cluster_size: props.get("CacheClusterSize").map(text),
            method_settings: Vec::new(),
            deployment: None,
        };
        d.cors = props.get("Cors").cloned();
        method_settings(
            &mut stage,
            &mut d.throttles,
            props.get("MethodSettings"),
            &props_ptr.push("MethodSettings"),
            file,
        );
        route_settings(&name, &props, &props_ptr, file, &mut d.throttles);
        route_setting_keys(&name, &props, &props_ptr, file, &mut d.route_settings);
        d.stages.push(stage);
        if let Some(domain) = props.get("Domain") {
            let p = props_ptr.push("Domain");
            // SAM's default for a custom domain is REGIONAL.
            d.domains.push(Domain {
                loc: at(&p),
                name: domain.get("DomainName").map(text),
                endpoint_type: domain
                    .get("EndpointConfiguration")
                    .and_then(Value::as_str)
                    .unwrap_or("REGIONAL")
                    .to_ascii_uppercase(),
                certificate_arn: domain.get("CertificateArn").map(text),
                certificate_loc: at(&p.push("CertificateArn")),
                regional_without_regional_certificate: false,
                base_paths: sam_base_paths(domain.get("BasePath"), &p.push("BasePath"), file),
            });
        }
    }

    // Resources that point at this API.
    let points_here = |v: Option<&Value>| matches!(v, Some(Value::Object(m)) if m.get("Ref").and_then(Value::as_str) == Some(api.logical_id.as_str()));
    // Each domain resource mapped to the API, with the base paths that map it.
    let mut mapped_domains: Vec<(String, Vec<BasePath>)> = Vec::new();
    for (id, r) in resources {
        let kind = r.get("Type").and_then(Value::as_str).unwrap_or("");
        let Some(raw) = r.get("Properties") else { continue };
        let p = resource_ptr.push(id).push("Properties");
        let here = points_here(raw.get("RestApiId").or_else(|| raw.get("ApiId")));
        let mut rp = raw.clone();
        ctx.resolve(&mut rp, 0);
        match kind {
            "AWS::ApiGateway::Stage" | "AWS::ApiGatewayV2::Stage" if here => {
                let name = rp.get("StageName").and_then(Value::as_str).unwrap_or(id).to_string();
                let vars_key = if kind.ends_with("V2::Stage") { "StageVariables" } else { "Variables" };
                let mut stage = Stage {
                    name: name.clone(),
                    loc: at(&resource_ptr.push(id)),
                    variables: variables(rp.get(vars_key)),
                    variables_loc: rp.get(vars_key).map(|_| at(&p.push(vars_key))),
                    cache_cluster_enabled: boolean(rp.get("CacheClusterEnabled")),
                    cache_cluster_size: rp.get("CacheClusterSize").map(text),
                    method_settings: Vec::new(),
                    deployment: ref_of(raw.get("DeploymentId")),
                };
                method_settings(
                    &mut stage,
                    &mut d.throttles,
                    rp.get("MethodSettings"),
                    &p.push("MethodSettings"),
                    file,
                );
                route_settings(&name, &rp, &p, file, &mut d.throttles);
                route_setting_keys(&name, &rp, &p, file, &mut d.route_settings);
                d.stages.push(stage);
            }
            "AWS::ApiGatewayV2::Route" if here => {
                d.route_resources.push(rp.get("RouteKey").map_or_else(|| Text::Str(String::new()), text));
            }
            // A Deployment with a StageName creates that stage, configured by its StageDescription.
            "AWS::ApiGateway::Deployment" if here => {
                let Some(name) = rp.get("StageName").and_then(Value::as_str) else { continue };
                let sd_ptr = p.push("StageDescription");
                let sd = rp.get("StageDescription").cloned().unwrap_or(Value::Null);
                let mut stage = Stage {
                    name: name.to_string(),
                    loc: at(&p.push("StageName")),
                    variables: variables(sd.get("Variables")),
                    variables_loc: sd.get("Variables").map(|_| at(&sd_ptr.push("Variables"))),
                    cache_cluster_enabled: boolean(sd.get("CacheClusterEnabled")),
                    cache_cluster_size: sd.get("CacheClusterSize").map(text),
                    method_settings: Vec::new(),
                    deployment: Some(id.clone()),
                };
                // Its own caching and throttling fields are the settings of every method.
                let whole = ["CachingEnabled", "CacheTtlInSeconds"];
                if whole.iter().any(|k| sd.get(*k).is_some()) {
                    stage.method_settings.push(method_setting(&sd, &sd_ptr, "/*", "*", file));
                }
                if sd.get("ThrottlingRateLimit").is_some() || sd.get("ThrottlingBurstLimit").is_some() {
                    let place = format!("stage {name} (the StageDescription of deployment {id})");
                    d.throttles.push(throttle(
                        file,
                        &sd_ptr,
                        &sd,
                        "ThrottlingRateLimit",
                        "ThrottlingBurstLimit",
                        &place,
                    ));
                }
                method_settings(
                    &mut stage,
                    &mut d.throttles,
                    sd.get("MethodSettings"),
                    &sd_ptr.push("MethodSettings"),
                    file,
                );
                d.stages.push(stage);
            }
            "AWS::ApiGateway::BasePathMapping" | "AWS::ApiGatewayV2::ApiMapping" if here => {
                // The domain's resource, by `Ref`, or by the name it gives (a literal name
                // that a DomainName resource of the template declares).
                let domain = ref_of(raw.get("DomainName")).filter(|id| resources.contains_key(id)).or_else(|| {
                    let name = rp.get("DomainName").and_then(Value::as_str)?;
                    resources.iter().find_map(|(id, r)| {
                        let declares =
                            r.get("Type").and_then(Value::as_str).is_some_and(|t| t.ends_with("::DomainName"))
                                && r.pointer("/Properties/DomainName").and_then(Value::as_str) == Some(name);
                        declares.then(|| id.clone())
                    })
                });
                if let Some(domain) = domain {
                    let key = if kind.ends_with("ApiMapping") { "ApiMappingKey" } else { "BasePath" };
                    let written = rp.get(key).and_then(Value::as_str).unwrap_or("");
                    let base_path = BasePath::new(at(&resource_ptr.push(id)), written);
                    match mapped_domains.iter_mut().find(|(d, _)| *d == domain) {
                        Some((_, paths)) => paths.push(base_path),
                        None => mapped_domains.push((domain, vec![base_path])),
                    }
                }
            }
            "AWS::ApiGateway::UsagePlan" => {
                let Some(Value::Array(stages)) = raw.get("ApiStages") else { continue };
                let mut uses_api = false;
                for (i, _) in stages.iter().enumerate().filter(|(_, s)| points_here(s.get("ApiId"))) {
                    uses_api = true;
                    let Some(Value::Object(methods)) = rp.pointer(&format!("/ApiStages/{i}/Throttle")) else {
                        continue;
                    };
                    let stage = rp.pointer(&format!("/ApiStages/{i}/Stage")).and_then(Value::as_str).unwrap_or("?");
                    let tp = p.push("ApiStages").index(i).push("Throttle");
                    for (method, t) in methods {
                        let place = format!("usage plan {id}, stage {stage}, method {method}");
                        d.throttles.push(throttle(file, &tp.push(method), t, "RateLimit", "BurstLimit", &place));
                    }
                }
                if !uses_api {
                    continue;
                }
                if let Some(t) = rp.get("Throttle") {
                    let place = format!("usage plan {id}");
                    d.throttles.push(throttle(file, &p.push("Throttle"), t, "RateLimit", "BurstLimit", &place));
                }
                if let Some(q) = rp.get("Quota") {
                    d.quotas.push(quota(file, &p.push("Quota"), q));
                }
            }
            _ => {}
        }
    }
    for (id, mut base_paths) in mapped_domains {
        let Some(r) = resources.get(&id) else { continue };
        let kind = r.get("Type").and_then(Value::as_str).unwrap_or("");
        let p = resource_ptr.push(&id).push("Properties");
        let Some(rp) = r.get("Properties") else { continue };
        let mut rp = rp.clone();
        ctx.resolve(&mut rp, 0);
        match kind {
            "AWS::ApiGateway::DomainName" => {
                let types = rp.get("EndpointConfiguration").and_then(|e| e.get("Types")).and_then(Value::as_array);
                let regional = types
                    .is_some_and(|t| t.iter().any(|x| x.as_str().is_some_and(|x| x.eq_ignore_ascii_case("REGIONAL"))));
                let (key, endpoint) =
                    if regional { ("RegionalCertificateArn", "REGIONAL") } else { ("CertificateArn", "EDGE") };
                // A regional domain given only the edge property: shown where it is written.
                let misplaced = regional && rp.get(key).is_none() && rp.get("CertificateArn").is_some();
                let key = if misplaced { "CertificateArn" } else { key };
                d.domains.push(Domain {
                    loc: at(&resource_ptr.push(&id)),
                    name: rp.get("DomainName").map(text),
                    endpoint_type: endpoint.into(),
                    certificate_arn: rp.get(key).map(text),
                    certificate_loc: at(&p.push(key)),
                    regional_without_regional_certificate: misplaced,
                    base_paths,
                });
            }
            "AWS::ApiGatewayV2::DomainName" => {
                if let Some(Value::Array(configs)) = rp.get("DomainNameConfigurations") {
                    for (i, c) in configs.iter().enumerate() {
                        d.domains.push(Domain {
                            loc: at(&resource_ptr.push(&id)),
                            name: rp.get("DomainName").map(text),
                            endpoint_type: c
                                .get("EndpointType")
                                .and_then(Value::as_str)
                                .unwrap_or("REGIONAL")
                                .to_ascii_uppercase(),
                            certificate_arn: c.get("CertificateArn").map(text),
                            certificate_loc: at(&p.push("DomainNameConfigurations").index(i).push("CertificateArn")),
                            regional_without_regional_certificate: false,
                            base_paths: if i == 0 { std::mem::take(&mut base_paths) } else { Vec::new() },
                        });
                    }
                }
            }
            _ => {}
        }
    }
    d
}

/// SAM's `Domain.BasePath`: a list of paths or one path; none given maps the root.
fn sam_base_paths(v: Option<&Value>, ptr: &Pointer, file: FileId) -> Vec<BasePath> {
    let at = |p: &Pointer| Loc::new(file, p.clone());
    match v {
        None => vec![BasePath::new(at(ptr), "/")],
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.as_str().map(|s| BasePath::new(at(&ptr.index(i)), s)))
            .collect(),
        Some(b) => b.as_str().map(|s| vec![BasePath::new(at(ptr), s)]).unwrap_or_default(),
    }
}

/// The logical id a `{"Ref": id}` names.
fn ref_of(v: Option<&Value>) -> Option<String> {
    v?.as_object()?.get("Ref")?.as_str().map(str::to_string)
}

/// A boolean as CloudFormation takes it: `true`, or the string `"true"`.
fn boolean(v: Option<&Value>) -> Option<bool> {
    v.and_then(|b| b.as_bool().or_else(|| b.as_str().and_then(|s| s.to_ascii_lowercase().parse().ok())))
}

fn variables(v: Option<&Value>) -> indexmap::IndexMap<String, Text> {
    match v {
        Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
        _ => Default::default(),
    }
}

fn throttle(file: FileId, ptr: &Pointer, v: &Value, rate: &str, burst: &str, place: &str) -> Throttle {
    Throttle {
        loc: Loc::new(file, ptr.clone()),
        place: place.to_string(),
        rate: number(v.get(rate)),
        burst: number(v.get(burst)),
        rate_loc: Loc::new(file, ptr.push(rate)),
        burst_loc: Loc::new(file, ptr.push(burst)),
    }
}

fn quota(file: FileId, ptr: &Pointer, v: &Value) -> Quota {
    Quota {
        loc: Loc::new(file, ptr.clone()),
        limit: number(v.get("Limit")),
        period: v.get("Period").and_then(Value::as_str).map(str::to_ascii_uppercase),
    }
}

fn method_setting(s: &Value, ptr: &Pointer, resource_path: &str, http_method: &str, file: FileId) -> MethodSetting {
    MethodSetting {
        loc: Loc::new(file, ptr.clone()),
        caching_enabled: boolean(s.get("CachingEnabled")),
        cache_ttl_in_seconds: number(s.get("CacheTtlInSeconds")),
        resource_path: resource_path.to_string(),
        http_method: http_method.to_string(),
    }
}

/// A stage's `MethodSettings` list, and the throttles its entries set.
fn method_settings(stage: &mut Stage, throttles: &mut Vec<Throttle>, v: Option<&Value>, ptr: &Pointer, file: FileId) {
    let Some(Value::Array(settings)) = v else { return };
    for (i, s) in settings.iter().enumerate() {
        let p = ptr.index(i);
        let resource_path = s.get("ResourcePath").and_then(Value::as_str).unwrap_or("/*");
        let http_method = s.get("HttpMethod").and_then(Value::as_str).unwrap_or("*");
        stage.method_settings.push(method_setting(s, &p, resource_path, http_method, file));
        if s.get("ThrottlingRateLimit").is_some() || s.get("ThrottlingBurstLimit").is_some() {
            let place = format!("stage {} method settings {http_method} {resource_path}", stage.name);
            throttles.push(throttle(file, &p, s, "ThrottlingRateLimit", "ThrottlingBurstLimit", &place));
        }
    }
}

/// An HTTP API stage's `DefaultRouteSettings` and per-route `RouteSettings` (V2 Stage, SAM
/// HttpApi): the throttles they set.
fn route_settings(stage: &str, props: &Value, ptr: &Pointer, file: FileId, throttles: &mut Vec<Throttle>) {
    let (rate, burst) = ("ThrottlingRateLimit", "ThrottlingBurstLimit");
    if let Some(rs) = props.get("DefaultRouteSettings") {
        let place = format!("stage {stage} default route settings");
        throttles.push(throttle(file, &ptr.push("DefaultRouteSettings"), rs, rate, burst, &place));
    }
    if let Some(Value::Object(routes)) = props.get("RouteSettings") {
        for (route, rs) in routes {
            let place = format!("stage {stage} route {route}");
            throttles.push(throttle(file, &ptr.push("RouteSettings").push(route), rs, rate, burst, &place));
        }
    }
}

/// The route keys a stage's `RouteSettings` names, each where it is written.
fn route_setting_keys(stage: &str, props: &Value, ptr: &Pointer, file: FileId, out: &mut Vec<RouteSettingKey>) {
    if let Some(Value::Object(routes)) = props.get("RouteSettings") {
        for route in routes.keys() {
            let loc = Loc::new(file, ptr.push("RouteSettings").push(route));
            out.push(RouteSettingKey { stage: stage.to_string(), route_key: route.clone(), loc });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{prepare, Body, TemplateApi};
    use super::*;

    /// The template at `path`, with Globals merged, and what the template says about deploying
    /// its API `id` (an implicit one when no resource has that id).
    fn read(path: &str, id: &str, api_type: ApiType) -> Deployment {
        let source = prepare(crate::load::read_source(std::path::Path::new(path)).expect("template"), &[])
            .expect("prepares")
            .source;
        let resource = source.value.pointer(&format!("/Resources/{id}/Type")).and_then(Value::as_str);
        let implicit = resource.is_none();
        let resource_type = resource.map_or_else(
            || if api_type == ApiType::Http { "AWS::Serverless::HttpApi" } else { "AWS::Serverless::Api" }.to_string(),
            str::to_string,
        );
        let api = TemplateApi { logical_id: id.into(), resource_type, api_type, body: Body::Events, implicit };
        deployment(&source, &api, FileId(1), &Context::of(&source.value))
    }

    fn template(name: &str, text: &str) -> String {
        let dir = std::env::temp_dir().join(format!("gwgen-deployment-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    #[test]
    fn globals_for_api_gives_the_explicit_and_the_implicit_api_their_stage() {
        // SAM's output for globals_for_api: ServerlessRestApiProdStage and
        // ExplicitApiSomeStageStage both have CacheClusterEnabled true, CacheClusterSize "1.6"
        // and Variables {SomeVar: Value}.
        let path = "../shared/corpus/sam-translator/input/globals_for_api.yaml";
        for (id, stage_name) in [("ServerlessRestApi", "Prod"), ("ExplicitApi", "SomeStage")] {
            let d = read(path, id, ApiType::Rest);
            assert_eq!(d.stages.len(), 1, "{id}");
            let stage = &d.stages[0];
            assert_eq!(stage.name, stage_name);
            assert_eq!(stage.cache_cluster_enabled, Some(true));
            assert_eq!(stage.cache_cluster_size, Some(Text::Str("1.6".into())));
            assert_eq!(stage.variables.get("SomeVar"), Some(&Text::Str("Value".into())));
            assert_eq!(d.default_authorizer.as_deref(), Some("MyCognitoAuth"));
            assert!(d.api_key_required);
        }
        // The implicit API's settings are where Globals writes them.
        let d = read(path, "ServerlessRestApi", ApiType::Rest);
        assert_eq!(d.stages[0].variables_loc.as_ref().unwrap().ptr.as_str(), "/Globals/Api/Variables");
    }

    #[test]
    fn the_implicit_api_takes_the_resource_policy_of_globals() {
        // SAM's state_machine_with_implicit_api_globals: ServerlessRestApi's body has the Deny
        // that Globals.Api's Auth.ResourcePolicy makes.
        let path = "../shared/corpus/sam-translator/input/state_machine_with_implicit_api_globals.yaml";
        let d = read(path, "ServerlessRestApi", ApiType::Rest);
        assert_eq!(d.resource_policy.unwrap().ptr.as_str(), "/Globals/Api/Auth/ResourcePolicy");
        assert_eq!(d.stages[0].name, "Prod");
    }

    #[test]
    fn implicit_http_api_takes_globals_http_api() {
        let path = template(
            "implicit-http.yaml",
            "Globals:\n  HttpApi:\n    StageVariables: {a: '1'}\n    DefaultRouteSettings: {ThrottlingBurstLimit: 10}\n    Domain: {DomainName: x.example.com, CertificateArn: arn:aws:acm:us-west-2:1:certificate/x}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n",
        );
        let d = read(&path, "ServerlessHttpApi", ApiType::Http);
        assert_eq!(d.stages[0].name, "$default");
        assert_eq!(d.stages[0].variables.get("a"), Some(&Text::Str("1".into())));
        assert_eq!(d.throttles[0].burst_loc.ptr.as_str(), "/Globals/HttpApi/DefaultRouteSettings/ThrottlingBurstLimit");
        assert_eq!(d.domains[0].endpoint_type, "REGIONAL");
        assert_eq!(d.domains[0].certificate_loc.ptr.as_str(), "/Globals/HttpApi/Domain/CertificateArn");
    }

    #[test]
    fn deployment_stage_description_usage_plan_and_policy() {
        let path = template(
            "rest.yaml",
            r#"Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      EndpointConfiguration: {Types: [PRIVATE], VpcEndpointIds: [vpce-1]}
      Policy: '{"Statement": [{"Effect": "Allow", "Principal": "*"}]}'
  Dep:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: prod
      StageDescription:
        CacheClusterEnabled: "true"
        CachingEnabled: true
        CacheTtlInSeconds: 60
        ThrottlingRateLimit: 5
        Variables: {v: x}
        MethodSettings: [{ResourcePath: /~1a, HttpMethod: GET, ThrottlingBurstLimit: 7}]
  NoStage:
    Type: AWS::ApiGateway::Deployment
    Properties: {RestApiId: !Ref Api}
  Test:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: !Ref Api, DeploymentId: !Ref NoStage, StageName: test}
  Plan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      ApiStages: [{ApiId: !Ref Api, Stage: prod, Throttle: {/a/GET: {RateLimit: 3, BurstLimit: 4}}}]
      Throttle: {RateLimit: 1}
      Quota: {Limit: 10, Period: week}
  Elsewhere:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      ApiStages: [{ApiId: Other, Stage: prod}]
      Throttle: {RateLimit: 2}
"#,
        );
        let d = read(&path, "Api", ApiType::Rest);
        assert_eq!(d.endpoint_types, ["PRIVATE"]);
        assert_eq!(d.vpc_endpoint_ids, [Text::Str("vpce-1".into())]);
        let policy = d.policy.as_ref().unwrap();
        assert!(!policy.written);
        assert_eq!(policy.document["Statement"][0]["Effect"], "Allow");
        let names: Vec<&str> = d.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["prod", "test"]);
        let prod = &d.stages[0];
        assert_eq!(prod.cache_cluster_enabled, Some(true));
        assert_eq!(prod.deployment.as_deref(), Some("Dep"));
        assert_eq!(d.stages[1].deployment.as_deref(), Some("NoStage"));
        assert_eq!(prod.variables.get("v"), Some(&Text::Str("x".into())));
        // StageDescription's own caching fields apply to every method; then its MethodSettings.
        let settings: Vec<(&str, &str)> =
            prod.method_settings.iter().map(|m| (m.resource_path.as_str(), m.http_method.as_str())).collect();
        assert_eq!(settings, [("/*", "*"), ("/~1a", "GET")]);
        assert_eq!(prod.method_settings[0].caching_enabled, Some(true));
        assert_eq!(prod.method_settings[0].cache_ttl_in_seconds.as_ref().and_then(|n| n.value), Some(60.0));
        let throttles: Vec<&str> = d.throttles.iter().map(|t| t.loc.ptr.as_str()).collect();
        assert_eq!(
            throttles,
            [
                "/Resources/Dep/Properties/StageDescription",
                "/Resources/Dep/Properties/StageDescription/MethodSettings/0",
                "/Resources/Plan/Properties/ApiStages/0/Throttle/~1a~1GET",
                "/Resources/Plan/Properties/Throttle",
            ]
        );
        assert_eq!(d.throttles[2].rate.as_ref().and_then(|n| n.value), Some(3.0));
        assert_eq!(d.quotas.len(), 1);
        assert_eq!(d.quotas[0].period.as_deref(), Some("WEEK"));
    }

    #[test]
    fn sam_usage_plan_none_is_no_plan() {
        let path = template(
            "none.yaml",
            "Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: p\n      Auth:\n        UsagePlan: {CreateUsagePlan: NONE, Throttle: {RateLimit: 1}, Quota: {Limit: 1, Period: DAY}}\n",
        );
        let d = read(&path, "Api", ApiType::Rest);
        assert!(d.throttles.is_empty() && d.quotas.is_empty());
    }
}
