//! SAM and CloudFormation templates: the APIs they define, their OpenAPI bodies, and the
//! intrinsic functions CloudFormation would resolve in them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::ir::{ApiType, Deployment, Domain, MethodSetting, Num, Quota, Stage, Text, Throttle};
use crate::source::{FileId, Loc, Pointer, Source};

/// Resource types that define an API from an OpenAPI document, and the API type each makes.
pub const API_RESOURCE_TYPES: [(&str, ApiType, &str); 4] = [
    ("AWS::Serverless::Api", ApiType::Rest, "DefinitionBody"),
    ("AWS::Serverless::HttpApi", ApiType::Http, "DefinitionBody"),
    ("AWS::ApiGateway::RestApi", ApiType::Rest, "Body"),
    ("AWS::ApiGatewayV2::Api", ApiType::Http, "Body"),
];

/// One API resource of a template.
#[derive(Clone, Debug)]
pub struct TemplateApi {
    pub logical_id: String,
    pub resource_type: String,
    pub api_type: ApiType,
    pub body: Body,
}

/// Where an API's OpenAPI document is.
#[derive(Clone, Debug)]
pub enum Body {
    /// Inline, at this pointer of the template.
    Inline(Pointer),
    /// In a local file (`DefinitionUri: ./api.yaml`, or `Fn::Transform: AWS::Include`).
    File(PathBuf, Pointer),
    /// Nowhere gwgen can read, with why (and where that is said in the template).
    Missing(String, Pointer),
    /// Both `DefinitionBody` and `DefinitionUri` are set (SAM refuses that).
    Conflict(Pointer),
}

/// Is this value a CloudFormation template (a `Resources` mapping)?
pub fn is_template(root: &Value) -> bool {
    let Value::Object(m) = root else { return false };
    matches!(m.get("Resources"), Some(Value::Object(_))) && !m.contains_key("openapi") && !m.contains_key("swagger")
}

/// The API resources of a template, in document order.
pub fn apis(template: &Source) -> Vec<TemplateApi> {
    let Some(Value::Object(resources)) = template.value.get("Resources") else { return Vec::new() };
    let dir = template.path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for (id, resource) in resources {
        let Some(kind) = resource.get("Type").and_then(Value::as_str) else { continue };
        let Some((_, api_type, body_key)) = API_RESOURCE_TYPES.iter().find(|(t, _, _)| *t == kind) else { continue };
        let props_ptr = Pointer::root().push("Resources").push(id).push("Properties");
        let props = resource.get("Properties");
        let body = props.and_then(|p| p.get(*body_key));
        let uri = props.and_then(|p| p.get("DefinitionUri").or_else(|| p.get("BodyS3Location")));
        let body = match (body, uri) {
            (Some(_), Some(_)) if kind.starts_with("AWS::Serverless") => {
                Body::Conflict(props_ptr.push("DefinitionUri"))
            }
            (Some(b), _) => match include_location(b) {
                Some(location) => Body::File(dir.join(location), props_ptr.push(body_key)),
                None => Body::Inline(props_ptr.push(body_key)),
            },
            (None, Some(Value::String(u))) if !u.contains("://") => {
                Body::File(dir.join(u), props_ptr.push("DefinitionUri"))
            }
            (None, Some(u)) => {
                let key = if kind.starts_with("AWS::Serverless") { "DefinitionUri" } else { "BodyS3Location" };
                Body::Missing(
                    format!("its definition is in S3 ({}), which gwgen does not fetch", short(u)),
                    props_ptr.push(key),
                )
            }
            (None, None) => Body::Missing(
                "it has no OpenAPI definition (SAM builds one from the functions' events)".into(),
                Pointer::root().push("Resources").push(id),
            ),
        };
        out.push(TemplateApi { logical_id: id.clone(), resource_type: kind.to_string(), api_type: *api_type, body });
    }
    out
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 60 {
        format!("{}…", &s[..s.char_indices().nth(60).map_or(s.len(), |(i, _)| i)])
    } else {
        s
    }
}

/// `{"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "./api.yaml"}}}` with a
/// local location.
fn include_location(body: &Value) -> Option<String> {
    let t = body.get("Fn::Transform")?;
    if t.get("Name").and_then(Value::as_str) != Some("AWS::Include") {
        return None;
    }
    let location = t.get("Parameters")?.get("Location")?.as_str()?;
    (!location.contains("://")).then(|| location.to_string())
}

/// What CloudFormation knows when it resolves intrinsics in a template.
pub struct Context {
    /// Parameter defaults.
    parameters: BTreeMap<String, Value>,
    /// Lambda functions: logical id -> function name (its `FunctionName`, else the id).
    functions: BTreeMap<String, String>,
}

impl Context {
    pub fn of(template: &Value) -> Context {
        let mut parameters = BTreeMap::new();
        if let Some(Value::Object(ps)) = template.get("Parameters") {
            for (name, p) in ps {
                if let Some(d) = p.get("Default").filter(|d| d.is_string() || d.is_number() || d.is_boolean()) {
                    parameters.insert(name.clone(), d.clone());
                }
            }
        }
        let mut functions = BTreeMap::new();
        if let Some(Value::Object(rs)) = template.get("Resources") {
            for (id, r) in rs {
                if matches!(
                    r.get("Type").and_then(Value::as_str),
                    Some("AWS::Serverless::Function" | "AWS::Lambda::Function")
                ) {
                    let name =
                        r.get("Properties").and_then(|p| p.get("FunctionName")).and_then(Value::as_str).unwrap_or(id);
                    functions.insert(id.clone(), name.to_string());
                }
            }
        }
        Context { parameters, functions }
    }

    fn parameter(&self, name: &str) -> Option<String> {
        self.parameters.get(name).map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }

    /// A Lambda function's ARN, symbolic where the deployment decides (region, account).
    fn function_arn(&self, id: &str) -> Option<String> {
        self.functions
            .get(id)
            .map(|name| format!("arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{name}"))
    }

    /// Resolves, in place, the intrinsics CloudFormation semantics allow: `Ref` to a parameter
    /// with a default, `Fn::Sub` placeholders naming such parameters or a function's `.Arn`,
    /// `Fn::GetAtt Function.Arn`, and `Fn::Join` of what resolves. What stays open (the region,
    /// the account, other resources) stays an `Fn::Sub` whose text keeps the value's shape.
    pub fn resolve(&self, v: &mut Value, depth: usize) {
        if depth > crate::load::yaml::MAX_DEPTH {
            return;
        }
        if let Some(resolved) = self.resolve_intrinsic(v) {
            *v = resolved;
            return;
        }
        match v {
            Value::Object(m) => m.values_mut().for_each(|c| self.resolve(c, depth + 1)),
            Value::Array(a) => a.iter_mut().for_each(|c| self.resolve(c, depth + 1)),
            _ => {}
        }
    }

    fn resolve_intrinsic(&self, v: &Value) -> Option<Value> {
        let m = v.as_object().filter(|m| crate::load::is_intrinsic(m))?;
        let (name, arg) = m.iter().next()?;
        match (name.as_str(), arg) {
            ("Ref", Value::String(p)) => self.parameter(p).map(Value::String),
            ("Fn::GetAtt", Value::Array(a)) if a.get(1).and_then(Value::as_str) == Some("Arn") => {
                let arn = self.function_arn(a.first()?.as_str()?)?;
                Some(sub(arn))
            }
            ("Fn::GetAtt", Value::String(s)) => {
                let (id, attr) = s.split_once('.')?;
                (attr == "Arn").then(|| self.function_arn(id)).flatten().map(sub)
            }
            ("Fn::Sub", Value::String(t)) => Some(self.substitute(t, &Map::new())),
            ("Fn::Sub", Value::Array(a)) => {
                let t = a.first()?.as_str()?;
                let mut vars = a.get(1).and_then(Value::as_object).cloned().unwrap_or_default();
                for value in vars.values_mut() {
                    self.resolve(value, 0);
                }
                Some(self.substitute(t, &vars))
            }
            ("Fn::Join", Value::Array(a)) => {
                let delim = a.first()?.as_str()?;
                let mut parts = a.get(1)?.as_array()?.clone();
                let mut texts = Vec::new();
                let mut open = false;
                for p in &mut parts {
                    self.resolve(p, 0);
                    match p {
                        Value::String(s) => texts.push(s.replace("${", "${!")),
                        Value::Object(o) => match o.get("Fn::Sub") {
                            Some(Value::String(s)) => {
                                texts.push(s.clone());
                                open = true;
                            }
                            _ => return None,
                        },
                        _ => return None,
                    }
                }
                let joined = texts.join(&delim.replace("${", "${!"));
                Some(if open { sub(joined) } else { Value::String(unescape_sub(&joined)) })
            }
            _ => None,
        }
    }

    /// Substitutes what it can in an `Fn::Sub` template: a plain string when nothing is left
    /// open, else an `Fn::Sub` of the rest.
    fn substitute(&self, template: &str, vars: &Map<String, Value>) -> Value {
        let mut out = String::with_capacity(template.len());
        let mut open = false;
        let mut rest = template;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            let replacement = if name.starts_with('!') {
                None
            } else if let Some(v) = vars.get(name) {
                match v {
                    Value::String(s) => Some(s.replace("${", "${!")),
                    Value::Object(o) => o.get("Fn::Sub").and_then(Value::as_str).map(|s| {
                        open = true;
                        s.to_string()
                    }),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                }
            } else if let Some(p) = self.parameter(name) {
                Some(p.replace("${", "${!"))
            } else if let Some(id) = name.strip_suffix(".Arn") {
                self.function_arn(id).inspect(|_| open = true)
            } else {
                None
            };
            match replacement {
                Some(r) => out.push_str(&r),
                None => {
                    if !name.starts_with('!') {
                        open = true;
                    }
                    out.push_str(&rest[i..i + 2 + end + 1]);
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        if open {
            sub(out)
        } else {
            Value::String(unescape_sub(&out))
        }
    }
}

fn sub(text: String) -> Value {
    let mut m = Map::with_capacity(1);
    m.insert("Fn::Sub".into(), Value::String(text));
    Value::Object(m)
}

/// The literal text of a fully resolved `Fn::Sub` (`${!x}` stands for `${x}`).
fn unescape_sub(s: &str) -> String {
    s.replace("${!", "${")
}

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

fn text(v: &Value) -> Text {
    match v {
        Value::String(s) => Text::Str(s.clone()),
        Value::Number(n) => Text::Str(n.to_string()),
        other => Text::Intrinsic(other.clone()),
    }
}

fn variables(v: Option<&Value>) -> indexmap::IndexMap<String, Text> {
    match v {
        Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
        _ => Default::default(),
    }
}

fn number(v: Option<&Value>) -> Option<Num> {
    let raw = v?;
    let value = match raw {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    Some(Num { raw: raw.clone(), value })
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

/// What SAM adds to the body of an `AWS::Serverless::Api` / `HttpApi` from its `Auth`: a security
/// scheme for each of `Authorizers` (and `AWS_IAM`, `api_key`) the body does not define, the
/// `DefaultAuthorizer` on every method without `security` of its own, and the API key on every
/// method when `ApiKeyRequired` (OPTIONS too unless `AddDefaultAuthorizerToCorsPreflight` /
/// `AddApiKeyRequiredToCorsPreflight` is false). Locations point into the template.
pub fn apply_sam_auth(
    api: &mut crate::ir::Api,
    template: &Source,
    tapi: &TemplateApi,
    file: FileId,
    ctx: &Context,
    events: &[FunctionEvent],
) {
    use crate::ir::{
        Authorizer, AuthorizerType, Choice, JwtConfiguration, Method, SecurityRequirement, SecurityScheme,
    };
    if !tapi.resource_type.starts_with("AWS::Serverless") {
        return;
    }
    let Some(mut auth) = template
        .value
        .pointer(&format!("/Resources/{}/Properties/Auth", tapi.logical_id.replace('~', "~0").replace('/', "~1")))
        .cloned()
    else {
        return;
    };
    ctx.resolve(&mut auth, 0);
    let auth_ptr = Pointer::root().push("Resources").push(&tapi.logical_id).push("Properties").push("Auth");
    let at = |ptr: &Pointer| Loc::new(file, ptr.clone());
    let http = tapi.api_type == ApiType::Http;
    let scheme =
        |loc: Loc, kind: &str, name: &str, authtype: Option<&str>, authorizer: Option<Authorizer>| SecurityScheme {
            loc,
            kind: kind.to_string(),
            param_name: (kind == "apiKey").then(|| name.to_string()),
            param_in: (kind == "apiKey").then(|| "header".to_string()),
            scheme: None,
            open_id_connect_url: None,
            flows: None,
            authtype: authtype.map(str::to_string),
            authorizer,
        };
    let choice = |t: AuthorizerType, raw: &str| Some(Choice { raw: Value::String(raw.into()), value: Some(t) });
    if let Some(Value::Object(authorizers)) = auth.get("Authorizers") {
        for (name, a) in authorizers {
            if api.security_schemes.contains_key(name) {
                continue;
            }
            let loc = at(&auth_ptr.push("Authorizers").push(name));
            let identity = a.get("Identity");
            let header = identity.and_then(|i| i.get("Header")).and_then(Value::as_str).unwrap_or("Authorization");
            let mut authorizer = Authorizer {
                loc: loc.clone(),
                kind: None,
                authorizer_uri: None,
                authorizer_credentials: a.get("FunctionInvokeRole").map(text),
                identity_source: None,
                identity_validation_expression: identity
                    .and_then(|i| i.get("ValidationExpression"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                result_ttl_in_seconds: None,
                provider_arns: Vec::new(),
                payload_format_version: a.get("AuthorizerPayloadFormatVersion").map(text),
                enable_simple_responses: a.get("EnableSimpleResponses").and_then(Value::as_bool),
                jwt_configuration: None,
            };
            let made = if let Some(pools) = a.get("UserPoolArn") {
                authorizer.kind = choice(AuthorizerType::CognitoUserPools, "cognito_user_pools");
                authorizer.provider_arns = match pools {
                    Value::Array(list) => list.iter().map(text).collect(),
                    one => vec![text(one)],
                };
                authorizer.identity_source = Some(Text::Str(format!("method.request.header.{header}")));
                scheme(loc, "apiKey", header, Some("cognito_user_pools"), Some(authorizer))
            } else if let Some(jwt) = a.get("JwtConfiguration") {
                authorizer.kind = choice(AuthorizerType::Jwt, "jwt");
                authorizer.identity_source = a.get("IdentitySource").map(text);
                authorizer.jwt_configuration = Some(JwtConfiguration {
                    issuer: jwt.get("issuer").or_else(|| jwt.get("Issuer")).map(text),
                    audience: match jwt.get("audience").or_else(|| jwt.get("Audience")) {
                        Some(Value::Array(list)) => list.iter().map(text).collect(),
                        Some(one) => vec![text(one)],
                        None => Vec::new(),
                    },
                });
                scheme(loc, "oauth2", name, None, Some(authorizer))
            } else if let Some(function) = a.get("FunctionArn") {
                // As SAM writes it; a function ARN the template resolves is written in place.
                let resolved = match function {
                    Value::String(arn) => Some(arn.as_str()),
                    other => other.get("Fn::Sub").and_then(Value::as_str),
                };
                let sub = match resolved {
                    Some(arn) => serde_json::json!(format!(
                        "arn:aws:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/{arn}/invocations"
                    )),
                    None => serde_json::json!([
                        "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations",
                        {"__FunctionArn__": function}
                    ]),
                };
                authorizer.authorizer_uri = Some(Text::Intrinsic(serde_json::json!({ "Fn::Sub": sub })));
                let request = http || a.get("FunctionPayloadType").and_then(Value::as_str) == Some("REQUEST");
                if request {
                    authorizer.kind = choice(AuthorizerType::Request, "request");
                    let prefix = if http { "$request." } else { "method.request." };
                    let mut sources = Vec::new();
                    for (key, place) in [("Headers", "header"), ("QueryStrings", "querystring")] {
                        for v in identity.and_then(|i| i.get(key)).and_then(Value::as_array).into_iter().flatten() {
                            if let Some(v) = v.as_str() {
                                sources.push(format!("{prefix}{place}.{v}"));
                            }
                        }
                    }
                    for (key, place) in [("StageVariables", "stageVariables"), ("Context", "context")] {
                        for v in identity.and_then(|i| i.get(key)).and_then(Value::as_array).into_iter().flatten() {
                            if let Some(v) = v.as_str() {
                                sources.push(format!("{place}.{v}"));
                            }
                        }
                    }
                    authorizer.identity_source = (!sources.is_empty()).then(|| Text::Str(sources.join(", ")));
                } else {
                    authorizer.kind = choice(AuthorizerType::Token, "token");
                    authorizer.identity_source = Some(Text::Str(format!("method.request.header.{header}")));
                }
                scheme(loc, "apiKey", header, Some("custom"), Some(authorizer))
            } else {
                continue;
            };
            api.security_schemes.insert(name.clone(), made);
        }
    }
    let default = auth.get("DefaultAuthorizer").and_then(Value::as_str).map(str::to_string);
    let iam = default.as_deref() == Some("AWS_IAM")
        || (http && auth.get("EnableIamAuthorizer").and_then(Value::as_bool) == Some(true));
    if iam && !api.security_schemes.contains_key("AWS_IAM") {
        let loc = at(&auth_ptr.push(if http { "EnableIamAuthorizer" } else { "DefaultAuthorizer" }));
        api.security_schemes.insert("AWS_IAM".into(), scheme(loc, "apiKey", "Authorization", Some("awsSigv4"), None));
    }
    let key_required = !http && auth.get("ApiKeyRequired").and_then(Value::as_bool) == Some(true);
    if key_required && !api.security_schemes.contains_key("api_key") {
        let loc = at(&auth_ptr.push("ApiKeyRequired"));
        api.security_schemes.insert("api_key".into(), scheme(loc, "apiKey", "x-api-key", None, None));
    }
    let default = default.filter(|d| api.security_schemes.contains_key(d));
    let preflight = |key: &str| auth.get(key).and_then(Value::as_bool) != Some(false);
    for path in &mut api.paths {
        for op in &mut path.operations {
            let options = op.method == Method::Options;
            // A function event on this path and method may name its own authorizer (or NONE).
            let event = events.iter().find(|e| e.is_on(&path.path, op.method));
            // Scopes: the event's `AuthorizationScopes`, else the authorizer's own.
            let scopes = |name: &str| -> Vec<String> {
                event.and_then(|e| e.scopes.clone()).unwrap_or_else(|| {
                    let list =
                        auth.get("Authorizers").and_then(|a| a.get(name)).and_then(|a| a.get("AuthorizationScopes"));
                    list.and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
            };
            if let (Some(e), None) = (event, &op.security) {
                if let Some(name) = &e.authorizer {
                    let mut schemes = indexmap::IndexMap::new();
                    let scopes = if name == "NONE" { Vec::new() } else { scopes(name) };
                    schemes.insert(name.clone(), scopes);
                    op.security = Some(vec![SecurityRequirement { loc: e.loc.clone(), schemes }]);
                }
            }
            if let Some(d) = &default {
                if op.security.is_none() && (!options || preflight("AddDefaultAuthorizerToCorsPreflight")) {
                    let mut schemes = indexmap::IndexMap::new();
                    schemes.insert(d.clone(), scopes(d));
                    op.security =
                        Some(vec![SecurityRequirement { loc: at(&auth_ptr.push("DefaultAuthorizer")), schemes }]);
                }
            }
            let key_required = event.and_then(|e| e.api_key_required).unwrap_or(key_required);
            if key_required && (!options || preflight("AddApiKeyRequiredToCorsPreflight")) {
                let has_key = op.security.iter().flatten().any(|r| r.schemes.contains_key("api_key"));
                if !has_key {
                    let mut schemes = indexmap::IndexMap::new();
                    schemes.insert("api_key".to_string(), Vec::new());
                    op.security
                        .get_or_insert_with(Vec::new)
                        .push(SecurityRequirement { loc: at(&auth_ptr.push("ApiKeyRequired")), schemes });
                }
            }
        }
    }
}

/// A function's `Api` / `HttpApi` event on an API of the template.
pub struct FunctionEvent {
    /// The function's logical id.
    function: String,
    path: String,
    method: String,
    /// The event's `Properties`.
    properties: Value,
    /// `Auth.Authorizer`: a name, or NONE.
    authorizer: Option<String>,
    api_key_required: Option<bool>,
    /// `Auth.AuthorizationScopes`.
    scopes: Option<Vec<String>>,
    loc: Loc,
}

impl FunctionEvent {
    fn is_on(&self, path: &str, method: crate::ir::Method) -> bool {
        self.path == path && event_method(&self.method) == Some(method)
    }
}

/// An event's `Method` as an operation's method (`any` is API Gateway's ANY).
fn event_method(method: &str) -> Option<crate::ir::Method> {
    if method.eq_ignore_ascii_case("any") || method.eq_ignore_ascii_case("x-amazon-apigateway-any-method") {
        return Some(crate::ir::Method::Any);
    }
    crate::ir::Method::KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(method)).map(|(_, m)| *m)
}

/// The events of `AWS::Serverless::Function`s that attach to `tapi` (by `RestApiId` / `ApiId`).
pub fn function_events(template: &Source, tapi: &TemplateApi, file: FileId) -> Vec<FunctionEvent> {
    let mut out = Vec::new();
    let Some(Value::Object(resources)) = template.value.get("Resources") else { return out };
    for (fname, f) in resources {
        if f.get("Type").and_then(Value::as_str) != Some("AWS::Serverless::Function") {
            continue;
        }
        let Some(Value::Object(events)) = f.pointer("/Properties/Events") else { continue };
        for (ename, e) in events {
            let kind = e.get("Type").and_then(Value::as_str);
            if !matches!(kind, Some("Api" | "HttpApi")) {
                continue;
            }
            let Some(p) = e.get("Properties") else { continue };
            let api_ref = p.get("RestApiId").or_else(|| p.get("ApiId"));
            let attached = match api_ref {
                Some(Value::String(s)) => s == &tapi.logical_id,
                Some(v) => v.get("Ref").and_then(Value::as_str) == Some(tapi.logical_id.as_str()),
                None => false,
            };
            if !attached {
                continue;
            }
            let (path, method) = match (p.get("Path").and_then(Value::as_str), p.get("Method").and_then(Value::as_str))
            {
                (Some(path), Some(method)) => (path, method),
                // An HttpApi event without either is the API's $default route.
                (None, None) if kind == Some("HttpApi") => ("$default", "any"),
                _ => continue,
            };
            let auth = p.get("Auth");
            let scopes = auth.and_then(|a| a.get("AuthorizationScopes")).and_then(Value::as_array);
            out.push(FunctionEvent {
                function: fname.clone(),
                path: path.to_string(),
                method: method.to_string(),
                properties: p.clone(),
                authorizer: auth.and_then(|a| a.get("Authorizer")).and_then(Value::as_str).map(str::to_string),
                api_key_required: auth.and_then(|a| a.get("ApiKeyRequired")).and_then(Value::as_bool),
                scopes: scopes.map(|list| list.iter().filter_map(Value::as_str).map(str::to_string).collect()),
                loc: Loc::new(
                    file,
                    Pointer::root().push("Resources").push(fname).push("Properties").push("Events").push(ename),
                ),
            });
        }
    }
    out
}

/// Rule id of the finding for a function event on a method the body already integrates.
pub const SAM_EVENT_CONFLICT: &str = "sam-event-conflict";

/// Rule id of the finding for a function event SAM leaves out of the API's document.
pub const SAM_EVENT_NOT_MERGED: &str = "sam-event-not-merged";

/// What SAM's transform does with the functions' `Api` / `HttpApi` events on an API whose
/// OpenAPI document the template writes (`DefinitionBody`, inline or included):
/// - an HTTP API's events each get a Lambda proxy integration to the function on their path and
///   method (added, with their path parameters, when the document lacks them), unless the
///   document already integrates that method;
/// - a REST API's events edit the document only when the API sets `MergeDefinitions: true`, in
///   the same way, except that an event on a method that already has an integration stops the
///   transform (reported as an error). Without it the events add nothing, and an event whose
///   method the document does not integrate is reported: its route would not reach the function.
pub fn apply_sam_events(
    api: &mut crate::ir::Api,
    template: &Source,
    tapi: &TemplateApi,
    ctx: &Context,
    events: &[FunctionEvent],
) {
    use crate::diag::{Report, Severity};
    use crate::ir::{Choice, Integration, IntegrationType, Operation, ParamIn, Parameter, PathItem};
    let edited = match &tapi.body {
        Body::Inline(_) => true,
        Body::File(_, ptr) => ptr.last().as_deref() == Some("DefinitionBody"),
        Body::Missing(..) | Body::Conflict(_) => false,
    };
    if !edited || !tapi.resource_type.starts_with("AWS::Serverless") {
        return;
    }
    let http = tapi.api_type == ApiType::Http;
    let props = Pointer::root().push("Resources").push(&tapi.logical_id).push("Properties").resolve(&template.value);
    let auth = props.and_then(|p| p.get("Auth")).cloned().unwrap_or(Value::Null);
    let merged = http || props.and_then(|p| p.get("MergeDefinitions")).and_then(Value::as_bool) == Some(true);
    let resources = template.value.get("Resources");
    for event in events {
        let Some(method) = event_method(&event.method) else { continue };
        let integration = api
            .paths
            .iter()
            .filter(|p| p.path == event.path)
            .flat_map(|p| &p.operations)
            .find(|o| o.method == method)
            .and_then(|o| o.integration.as_ref())
            .map(|i| i.loc.clone());
        let integrated = integration.is_some();
        if !merged {
            if !integrated {
                let declared = api
                    .paths
                    .iter()
                    .filter(|p| p.path == event.path)
                    .flat_map(|p| &p.operations)
                    .any(|o| o.method == method);
                let what = if declared { "declares it without an integration" } else { "does not declare it" };
                api.diagnostics.report(
                        SAM_EVENT_NOT_MERGED,
                        Severity::Warn,
                        event.loc.clone(),
                        format!(
                            "this event's route {} {} never reaches `{}`: SAM adds nothing to `{}`'s DefinitionBody, which {what}",
                            method.as_str(), event.path, event.function, tapi.logical_id
                        ),
                    ).help("set `MergeDefinitions: true` on the API so that SAM adds the event's integration, or write the method with an x-amazon-apigateway-integration to the function in the DefinitionBody");
            }
            continue;
        }
        if integrated && http {
            continue;
        }
        if integrated {
            api.diagnostics.report(
                    SAM_EVENT_CONFLICT,
                    Severity::Error,
                    event.loc.clone(),
                    format!("API method \"{}\" defined multiple times for path \"{}\".", event.method, event.path),
                ).help("SAM adds the function's integration to this method, which the OpenAPI document already integrates: remove the event, or the document's x-amazon-apigateway-integration")
                .related(integration.unwrap_or_default(), "the document's integration of this method");
            continue;
        }
        // The function's ARN, or its alias's when it publishes one (as SAM points at it).
        let function = resources.and_then(|r| r.get(&event.function));
        let alias = function.and_then(|f| f.pointer("/Properties/AutoPublishAlias")).and_then(Value::as_str);
        let target = match alias {
            Some(alias) => format!("{}Alias{alias}", event.function),
            None => format!("{}.Arn", event.function),
        };
        let mut uri = serde_json::json!({
            "Fn::Sub": format!("arn:aws:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{{target}}}/invocations")
        });
        ctx.resolve(&mut uri, 0);
        let uri = match uri {
            Value::String(s) => Text::Str(s),
            other => Text::Intrinsic(other),
        };
        let loc = event.loc.clone();
        let integration = Integration {
            loc: loc.clone(),
            reference: None,
            kind: Some(Choice { raw: Value::String("aws_proxy".into()), value: Some(IntegrationType::AwsProxy) }),
            http_method: Some(Text::Str("POST".into())),
            uri: Some(uri),
            credentials: if http { None } else { iam_credentials(event, &auth) },
            connection_type: None,
            connection_id: None,
            request_parameters: Default::default(),
            request_templates: Default::default(),
            passthrough_behavior: None,
            content_handling: None,
            timeout_in_millis: if http { number(event.properties.get("TimeoutInMillis")) } else { None },
            cache_key_parameters: Vec::new(),
            cache_namespace: None,
            responses: Default::default(),
            tls_config: None,
            payload_format_version: http.then(|| {
                event.properties.get("PayloadFormatVersion").map(text).unwrap_or_else(|| Text::Str("2.0".into()))
            }),
            integration_subtype: None,
            response_transfer_mode: None,
            integration_target: None,
        };
        let i = match api.paths.iter().position(|p| p.path == event.path) {
            Some(i) => i,
            None => {
                api.paths.push(PathItem { path: event.path.clone(), loc: loc.clone(), operations: Vec::new() });
                api.paths.len() - 1
            }
        };
        let operations = &mut api.paths[i].operations;
        let op = match operations.iter().position(|o| o.method == method) {
            Some(j) => {
                operations[j].integration = Some(integration);
                &mut operations[j]
            }
            None => {
                operations.push(Operation {
                    method,
                    loc,
                    operation_id: None,
                    summary: None,
                    description: None,
                    deprecated: false,
                    tags: Vec::new(),
                    parameters: Vec::new(),
                    request_body: None,
                    // SAM writes `responses: {}`.
                    responses: Some(Vec::new()),
                    security: None,
                    auth: None,
                    integration: Some(integration),
                    request_validator: None,
                    is_default_route: false,
                });
                operations.last_mut().expect("just pushed")
            }
        };
        if http {
            // SAM declares the event path's variables on the method.
            for name in event.path.split('/').filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}')) {
                let name = name.trim_end_matches('+');
                if !op.parameters.iter().any(|p| p.location == ParamIn::Path && p.name == name) {
                    op.parameters.push(Parameter {
                        name: name.to_string(),
                        location: ParamIn::Path,
                        required: true,
                        description: None,
                        deprecated: false,
                        schema: None,
                        style: None,
                        explode: None,
                        loc: event.loc.clone(),
                    });
                }
            }
        }
        api.uses_extensions = true;
    }
}

/// The `credentials` SAM gives a REST event's integration when IAM authorizes the method: the
/// `InvokeRole` (the event's, else the API's), or the caller's credentials; none for `NONE`.
fn iam_credentials(event: &FunctionEvent, api_auth: &Value) -> Option<Text> {
    let method_auth = event.properties.get("Auth").filter(|a| a.as_object().is_some_and(|m| !m.is_empty()));
    let iam = event.authorizer.as_deref() == Some("AWS_IAM")
        || (method_auth.is_none() && api_auth.get("DefaultAuthorizer").and_then(Value::as_str) == Some("AWS_IAM"));
    if !iam {
        return None;
    }
    let role = |auth: Option<&Value>| -> Option<Value> {
        let auth = auth?.as_object()?;
        match auth.get("InvokeRole") {
            None => None,
            Some(Value::Null) => Some(Value::String("NONE".into())),
            Some(v) => Some(v.clone()),
        }
    };
    let chosen = role(method_auth).or_else(|| role(Some(api_auth)));
    match chosen {
        Some(Value::String(s)) if s == "NONE" => None,
        Some(Value::String(s)) if s == "CALLER_CREDENTIALS" => Some(Text::Str("arn:aws:iam::*:user/*".into())),
        Some(v) => Some(text(&v)),
        None => Some(Text::Str("arn:aws:iam::*:user/*".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ctx() -> Context {
        Context::of(&json!({
            "Parameters": {"Stage": {"Type": "String", "Default": "prod"}, "NoDefault": {"Type": "String"}},
            "Resources": {
                "ListFn": {"Type": "AWS::Serverless::Function"},
                "Named": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "orders"}},
                "Table": {"Type": "AWS::DynamoDB::Table"}
            }
        }))
    }

    fn resolved(v: Value) -> Value {
        let mut v = v;
        ctx().resolve(&mut v, 0);
        v
    }

    #[test]
    fn parameters_with_defaults_resolve() {
        assert_eq!(resolved(json!({"Ref": "Stage"})), json!("prod"));
        assert_eq!(resolved(json!({"Ref": "NoDefault"})), json!({"Ref": "NoDefault"}));
        assert_eq!(resolved(json!({"Fn::Sub": "api-${Stage}"})), json!("api-prod"));
        assert_eq!(resolved(json!({"Fn::Sub": ["${A}-${Stage}", {"A": "x"}]})), json!("x-prod"));
        assert_eq!(resolved(json!({"Fn::Sub": "literal ${!Stage}"})), json!("literal ${Stage}"));
    }

    #[test]
    fn function_arns_stay_symbolic_but_keep_their_shape() {
        assert_eq!(
            resolved(
                json!({"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ListFn.Arn}/invocations"})
            ),
            json!({"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:ListFn/invocations"})
        );
        assert_eq!(
            resolved(json!({"Fn::GetAtt": ["Named", "Arn"]})),
            json!({"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:orders"})
        );
        assert_eq!(resolved(json!({"Fn::GetAtt": ["Table", "Arn"]})), json!({"Fn::GetAtt": ["Table", "Arn"]}));
        assert_eq!(resolved(json!({"Fn::Sub": "${Table.Arn}"})), json!({"Fn::Sub": "${Table.Arn}"}));
    }

    #[test]
    fn joins_of_resolvable_parts() {
        assert_eq!(resolved(json!({"Fn::Join": ["-", ["a", {"Ref": "Stage"}]]})), json!("a-prod"));
        assert_eq!(
            resolved(json!({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Region"}]]})),
            json!({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Region"}]]})
        );
    }
}
