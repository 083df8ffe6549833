//! What a template says about deploying an API: endpoint, stages, domains, method settings, throttles and usage plans.

use serde_json::Value;

use crate::ir::{ApiType, Deployment, Domain, MethodSetting, Quota, Stage, Text, Throttle};
use crate::source::{FileId, Loc, Pointer, Source};

use super::{number, text, Context, TemplateApi};

/// Reads what a template says about deploying `api`: from the API resource itself (SAM's
/// properties, or RestApi / V2 Api ones) and from the resources that point at it (Stage,
/// DomainName with a BasePathMapping / ApiMapping, UsagePlan).
pub fn deployment(template: &Source, api: &TemplateApi, file: FileId, ctx: &Context) -> Deployment {
    let mut d = Deployment::default();
    let Some(Value::Object(resources)) = template.value.get("Resources") else { return d };
    let at = |ptr: &Pointer| Loc::new(file, ptr.clone());
    let resource_ptr = Pointer::root().push("Resources");
    let props_ptr = resource_ptr.push(&api.logical_id).push("Properties");
    let mut props = resources.get(&api.logical_id).and_then(|r| r.get("Properties")).cloned().unwrap_or(Value::Null);
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
    if props.get("Policy").is_some() {
        d.resource_policy = Some(at(&props_ptr.push("Policy")));
    }

    // SAM's own properties.
    if serverless {
        let auth = props.get("Auth");
        if auth.and_then(|a| a.get("ResourcePolicy")).is_some() {
            d.resource_policy = Some(at(&props_ptr.push("Auth").push("ResourcePolicy")));
        }
        d.default_authorizer =
            auth.and_then(|a| a.get("DefaultAuthorizer")).and_then(Value::as_str).map(str::to_string);
        d.api_key_required = auth.and_then(|a| a.get("ApiKeyRequired")).and_then(Value::as_bool).unwrap_or(false);
        if let Some(plan) = auth.and_then(|a| a.get("UsagePlan")).and_then(|u| u.get("Throttle")) {
            let p = props_ptr.push("Auth").push("UsagePlan").push("Throttle");
            d.throttles.push(throttle(file, &p, plan, "RateLimit", "BurstLimit", "the usage plan"));
        }
        let name = props.get("StageName").and_then(Value::as_str).unwrap_or("$default").to_string();
        let vars_key = if api.api_type == ApiType::Http { "StageVariables" } else { "Variables" };
        let mut stage = Stage {
            name: name.clone(),
            loc: at(&props_ptr.push("StageName")),
            variables: variables(props.get(vars_key)),
            cache_cluster_enabled: props.get("CacheClusterEnabled").and_then(Value::as_bool),
            cache_cluster_size: props.get("CacheClusterSize").map(text),
            method_settings: Vec::new(),
        };
        d.cors = props.get("Cors").cloned();
        if let Some(q) = auth.and_then(|a| a.get("UsagePlan")).and_then(|u| u.get("Quota")) {
            d.quotas.push(quota(file, &props_ptr.push("Auth").push("UsagePlan").push("Quota"), q));
        }
        method_settings(
            &mut stage,
            &mut d.throttles,
            props.get("MethodSettings"),
            &props_ptr.push("MethodSettings"),
            file,
        );
        for key in ["DefaultRouteSettings"] {
            if let Some(rs) = props.get(key) {
                d.throttles.push(throttle(
                    file,
                    &props_ptr.push(key),
                    rs,
                    "ThrottlingRateLimit",
                    "ThrottlingBurstLimit",
                    &format!("stage {name} route settings"),
                ));
            }
        }
        if let Some(Value::Object(routes)) = props.get("RouteSettings") {
            for (route, rs) in routes {
                let p = props_ptr.push("RouteSettings").push(route);
                d.throttles.push(throttle(
                    file,
                    &p,
                    rs,
                    "ThrottlingRateLimit",
                    "ThrottlingBurstLimit",
                    &format!("route {route}"),
                ));
            }
        }
        d.stages.push(stage);
        if let Some(domain) = props.get("Domain") {
            let p = props_ptr.push("Domain");
            // SAM's default for a custom domain is REGIONAL.
            let default = "REGIONAL";
            d.domains.push(Domain {
                loc: at(&p),
                name: domain.get("DomainName").map(text),
                endpoint_type: domain
                    .get("EndpointConfiguration")
                    .and_then(Value::as_str)
                    .unwrap_or(default)
                    .to_ascii_uppercase(),
                certificate_arn: domain.get("CertificateArn").map(text),
                certificate_loc: at(&p.push("CertificateArn")),
            });
        }
    }

    // Resources that point at this API.
    let points_here = |v: Option<&Value>| matches!(v, Some(Value::Object(m)) if m.get("Ref").and_then(Value::as_str) == Some(api.logical_id.as_str()));
    let mut mapped_domains: Vec<String> = Vec::new();
    for (id, r) in resources {
        let kind = r.get("Type").and_then(Value::as_str).unwrap_or("");
        let Some(rp) = r.get("Properties") else { continue };
        let p = resource_ptr.push(id).push("Properties");
        match kind {
            "AWS::ApiGateway::Stage" | "AWS::ApiGatewayV2::Stage"
                if points_here(rp.get("RestApiId").or_else(|| rp.get("ApiId"))) =>
            {
                let mut rp = rp.clone();
                ctx.resolve(&mut rp, 0);
                let name = rp.get("StageName").and_then(Value::as_str).unwrap_or(id).to_string();
                let vars = if kind.ends_with("V2::Stage") { rp.get("StageVariables") } else { rp.get("Variables") };
                let mut stage = Stage {
                    name: name.clone(),
                    loc: at(&resource_ptr.push(id)),
                    variables: variables(vars),
                    cache_cluster_enabled: rp.get("CacheClusterEnabled").and_then(Value::as_bool),
                    cache_cluster_size: rp.get("CacheClusterSize").map(text),
                    method_settings: Vec::new(),
                };
                method_settings(
                    &mut stage,
                    &mut d.throttles,
                    rp.get("MethodSettings"),
                    &p.push("MethodSettings"),
                    file,
                );
                if let Some(rs) = rp.get("DefaultRouteSettings") {
                    d.throttles.push(throttle(
                        file,
                        &p.push("DefaultRouteSettings"),
                        rs,
                        "ThrottlingRateLimit",
                        "ThrottlingBurstLimit",
                        &format!("stage {name} route settings"),
                    ));
                }
                d.stages.push(stage);
            }
            "AWS::ApiGateway::BasePathMapping" | "AWS::ApiGatewayV2::ApiMapping"
                if points_here(rp.get("RestApiId").or_else(|| rp.get("ApiId"))) =>
            {
                if let Some(Value::Object(m)) = rp.get("DomainName") {
                    if let Some(Value::String(r)) = m.get("Ref") {
                        mapped_domains.push(r.clone());
                    }
                }
            }
            "AWS::ApiGateway::UsagePlan" => {
                let stages_here = rp
                    .get("ApiStages")
                    .and_then(Value::as_array)
                    .is_some_and(|a| a.iter().any(|s| points_here(s.get("ApiId"))));
                if let (true, Some(t)) = (stages_here, rp.get("Throttle")) {
                    d.throttles.push(throttle(
                        file,
                        &p.push("Throttle"),
                        t,
                        "RateLimit",
                        "BurstLimit",
                        &format!("usage plan {id}"),
                    ));
                }
            }
            _ => {}
        }
    }
    for id in mapped_domains {
        let Some(r) = resources.get(&id) else { continue };
        let kind = r.get("Type").and_then(Value::as_str).unwrap_or("");
        let p = resource_ptr.push(&id).push("Properties");
        let Some(rp) = r.get("Properties") else { continue };
        match kind {
            "AWS::ApiGateway::DomainName" => {
                let types = rp.get("EndpointConfiguration").and_then(|e| e.get("Types")).and_then(Value::as_array);
                let regional = types
                    .is_some_and(|t| t.iter().any(|x| x.as_str().is_some_and(|x| x.eq_ignore_ascii_case("REGIONAL"))));
                let (key, endpoint) =
                    if regional { ("RegionalCertificateArn", "REGIONAL") } else { ("CertificateArn", "EDGE") };
                d.domains.push(Domain {
                    loc: at(&resource_ptr.push(&id)),
                    name: rp.get("DomainName").map(text),
                    endpoint_type: endpoint.into(),
                    certificate_arn: rp.get(key).map(text),
                    certificate_loc: at(&p.push(key)),
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
                        });
                    }
                }
            }
            _ => {}
        }
    }
    d
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

fn method_settings(stage: &mut Stage, throttles: &mut Vec<Throttle>, v: Option<&Value>, ptr: &Pointer, file: FileId) {
    let Some(Value::Array(settings)) = v else { return };
    for (i, s) in settings.iter().enumerate() {
        let p = ptr.index(i);
        let resource_path = s.get("ResourcePath").and_then(Value::as_str).unwrap_or("/*").to_string();
        let http_method = s.get("HttpMethod").and_then(Value::as_str).unwrap_or("*").to_string();
        stage.method_settings.push(MethodSetting {
            loc: Loc::new(file, p.clone()),
            caching_enabled: s
                .get("CachingEnabled")
                .and_then(|b| b.as_bool().or_else(|| b.as_str().map(|s| s.eq_ignore_ascii_case("true")))),
            cache_ttl_in_seconds: number(s.get("CacheTtlInSeconds")),
            resource_path: resource_path.clone(),
            http_method: http_method.clone(),
        });
        if s.get("ThrottlingRateLimit").is_some() || s.get("ThrottlingBurstLimit").is_some() {
            let place = format!("stage {} method settings {http_method} {resource_path}", stage.name);
            throttles.push(throttle(file, &p, s, "ThrottlingRateLimit", "ThrottlingBurstLimit", &place));
        }
    }
}
