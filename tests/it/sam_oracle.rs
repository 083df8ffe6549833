//! SAM's own translator tests as an oracle: for every input template and every REST / HTTP API in
//! it, what gwgen reads (paths, methods, integrations, authorizers, API keys, CORS, stages,
//! domains) against what SAM's transform wrote (the output's RestApi / Api `Body` and resources).
//! Every difference is listed with its reason in tests/sam-oracle-expectations.tsv; a difference
//! not listed fails, and so does a listed one that is gone (the list only shrinks).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use gwgen::ir::{Api, AuthKind, Text};
use gwgen::load::template::{self, Context};

use crate::common::{corpus, gwgen, root, stderr, stdout};

fn oracle() -> std::path::PathBuf {
    corpus().join("sam-translator")
}

/// The pseudo parameters SAM's translator tests run with: the region `ap-southeast-1` (its
/// harness patches boto3's session region), and the partition SAM derives from it (`aws`:
/// `SamParameterValues.add_pseudo_parameter_values`); no account or stack name. Its outputs show
/// them: a custom domain `example-${AWS::Region}.com` is written `example-ap-southeast-1.com`,
/// REST integration URIs `arn:aws:apigateway:${AWS::Region}:...`, and `${AWS::AccountId}` stays.
/// gwgen reads every input with the region given, and what CloudFormation makes of the output
/// is read in the same region.
const SAM_HARNESS_REGION: &str = "ap-southeast-1";

fn harness_pseudo() -> Vec<(String, String)> {
    vec![("AWS::Region".to_string(), SAM_HARNESS_REGION.to_string())]
}

fn harness_options() -> gwgen::load::Options {
    gwgen::load::Options { parameters: harness_pseudo(), ..Default::default() }
}

/// `input<TAB>api<TAB>what` -> reason.
fn expectations() -> BTreeMap<(String, String, String), String> {
    let text = std::fs::read_to_string(root().join("tests/sam-oracle-expectations.tsv")).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "an expectation is input, api, what and reason: {line}");
        assert!(!cols[3].trim().is_empty(), "an expectation needs a reason: {line}");
        out.insert((cols[0].into(), cols[1].into(), cols[2].into()), cols[3].into());
    }
    out
}

/// The value of an `Fn::If` through its first branch that is a mapping (as gwgen reads it).
fn branch(v: &Value) -> Option<&Value> {
    if let Some(Value::Array(b)) = v.as_object().filter(|m| m.len() == 1).and_then(|m| m.get("Fn::If")) {
        return b.iter().skip(1).find(|x| x.as_object().is_some_and(|m| !gwgen::ir::is_intrinsic(m)));
    }
    v.is_object().then_some(v)
}

fn text(t: &Option<Text>) -> String {
    match t {
        None => "-".into(),
        Some(Text::Str(s)) => s.clone(),
        Some(Text::Intrinsic(v)) => v.to_string(),
    }
}

fn value_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A number as text (`5000`, `0.5`), or an intrinsic as written.
fn number(v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), |f| f.to_string()),
        Some(Value::String(s)) => s.trim().parse::<f64>().map_or_else(|_| s.clone(), |f| f.to_string()),
        other => value_text(other),
    }
}

/// One method as both sides see it.
#[derive(Debug, PartialEq)]
struct Method {
    kind: String,
    uri: String,
    authorizer: String,
    api_key: bool,
}

/// What SAM wrote for an API: methods by "METHOD path", stage names, CORS, domains.
#[derive(Debug, Default)]
struct Facts {
    methods: BTreeMap<String, Method>,
    stages: BTreeSet<String>,
    cors: bool,
    domains: BTreeSet<String>,
    /// The API's authorizers: `name: type` (token, request, cognito_user_pools, jwt).
    authorizers: BTreeSet<String>,
    /// `stage: name=value`.
    variables: BTreeSet<String>,
    /// Usage plan quotas (`limit/PERIOD`) and throttles (`rate/burst`).
    quotas: BTreeSet<String>,
    plan_throttles: BTreeSet<String>,
}

fn refers_to(v: Option<&Value>, id: &str) -> bool {
    v.and_then(|v| v.get("Ref")).and_then(Value::as_str) == Some(id)
}

fn oracle_facts(output: &Value, id: &str, http: bool) -> Facts {
    let ctx = Context::of(output).with_pseudo(&harness_pseudo());
    let resources = output["Resources"].as_object().unwrap();
    let mut body = resources[id]["Properties"]["Body"].clone();
    ctx.resolve(&mut body, 0);
    let mut facts = Facts::default();
    let schemes = if http { body.pointer("/components/securitySchemes") } else { body.get("securityDefinitions") }
        .or_else(|| body.pointer("/components/securitySchemes"))
        .cloned()
        .unwrap_or(Value::Null);
    let root_security = body.get("security").cloned();
    if let Value::Object(schemes) = &schemes {
        for (name, scheme) in schemes {
            if let Some(a) = scheme.get("x-amazon-apigateway-authorizer") {
                facts.authorizers.insert(format!("{name}: {}", value_text(a.get("type")).to_ascii_lowercase()));
            }
        }
    }
    if let Some(Value::Object(paths)) = body.get("paths") {
        for (path, item) in paths {
            let Some(Value::Object(item)) = branch(item) else { continue };
            for (key, op) in item {
                let method = match key.to_ascii_lowercase().as_str() {
                    "x-amazon-apigateway-any-method" | "any" => "ANY".to_string(),
                    k @ ("get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace") => {
                        k.to_ascii_uppercase()
                    }
                    _ => continue,
                };
                let Some(op) = branch(op) else { continue };
                let integration = op.get("x-amazon-apigateway-integration");
                let security = op.get("security").or(root_security.as_ref());
                let names: Vec<String> = security
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_object)
                    .flat_map(|m| m.keys().cloned())
                    .collect();
                let api_key = names.iter().any(|n| n == "api_key");
                let authorizer = names
                    .iter()
                    .find(|n| *n != "api_key" && *n != "api_key_false")
                    .map(|n| {
                        let authtype = schemes.get(n).and_then(|s| s.get("x-amazon-apigateway-authtype"));
                        if n == "AWS_IAM" || authtype.and_then(Value::as_str) == Some("awsSigv4") {
                            "AWS_IAM".to_string()
                        } else {
                            n.clone()
                        }
                    })
                    .unwrap_or_else(|| "NONE".into());
                facts.methods.insert(
                    format!("{method} {path}"),
                    Method {
                        kind: value_text(integration.and_then(|i| i.get("type"))).to_ascii_lowercase(),
                        uri: value_text(integration.and_then(|i| i.get("uri"))),
                        authorizer,
                        api_key,
                    },
                );
            }
        }
    }
    facts.cors = body.get("x-amazon-apigateway-cors").is_some();
    for r in resources.values() {
        let p = &r["Properties"];
        match r["Type"].as_str().unwrap_or_default() {
            "AWS::ApiGateway::Stage" | "AWS::ApiGatewayV2::Stage"
                if refers_to(p.get("RestApiId").or_else(|| p.get("ApiId")), id) =>
            {
                let stage = value_text(p.get("StageName"));
                if let Some(Value::Object(vars)) = p.get("Variables").or_else(|| p.get("StageVariables")) {
                    for (k, v) in vars {
                        let mut v = v.clone();
                        ctx.resolve(&mut v, 0);
                        facts.variables.insert(format!("{stage}: {k}={}", value_text(Some(&v))));
                    }
                }
                facts.stages.insert(stage);
            }
            "AWS::ApiGateway::UsagePlan" => {
                let stages = p.get("ApiStages").and_then(Value::as_array).cloned().unwrap_or_default();
                if !stages.iter().any(|s| refers_to(s.get("ApiId"), id)) {
                    continue;
                }
                if let Some(q) = p.get("Quota") {
                    let period = value_text(q.get("Period")).to_ascii_uppercase();
                    facts.quotas.insert(format!("{}/{period}", number(q.get("Limit"))));
                }
                if let Some(t) = p.get("Throttle") {
                    facts.plan_throttles.insert(format!(
                        "{}/{}",
                        number(t.get("RateLimit")),
                        number(t.get("BurstLimit"))
                    ));
                }
            }
            "AWS::ApiGateway::BasePathMapping" | "AWS::ApiGateway::BasePathMappingV2"
                if refers_to(p.get("RestApiId"), id) =>
            {
                let domain = p.get("DomainName").or_else(|| p.get("DomainNameArn"));
                if let Some(d) = domain.and_then(|d| d.get("Ref")).and_then(Value::as_str) {
                    facts.domains.insert(domain_name(&ctx, &resources[d]));
                }
            }
            "AWS::ApiGatewayV2::ApiMapping" if refers_to(p.get("ApiId"), id) => {
                if let Some(d) = p.get("DomainName").and_then(|d| d.get("Ref")).and_then(Value::as_str) {
                    facts.domains.insert(domain_name(&ctx, &resources[d]));
                }
            }
            _ => {}
        }
    }
    facts
}

/// A DomainName resource's name, resolved as gwgen resolves the template's.
fn domain_name(ctx: &Context, domain: &Value) -> String {
    let mut name = domain["Properties"].get("DomainName").cloned().unwrap_or(Value::Null);
    ctx.resolve(&mut name, 0);
    value_text(Some(&name))
}

fn gwgen_facts(api: &Api) -> Facts {
    let mut facts = Facts::default();
    for item in &api.paths {
        for op in &item.operations {
            let auth = api.authorization(op);
            let authorizer = match auth.kind {
                AuthKind::None => "NONE".to_string(),
                AuthKind::Iam => "AWS_IAM".to_string(),
                AuthKind::Cognito { authorizer, .. }
                | AuthKind::Lambda { authorizer }
                | AuthKind::Jwt { authorizer, .. } => authorizer,
            };
            let integration = op.integration.as_ref();
            facts.methods.insert(
                format!("{} {}", op.method.as_str(), item.path),
                Method {
                    kind: integration
                        .and_then(|i| i.kind.as_ref())
                        .map_or("-".into(), |k| value_text(Some(&k.raw)).to_ascii_lowercase()),
                    uri: text(&integration.and_then(|i| i.uri.clone())),
                    authorizer,
                    api_key: auth.api_key,
                },
            );
        }
    }
    for (name, scheme) in &api.security_schemes {
        if let Some(a) = &scheme.authorizer {
            let kind = a.kind.as_ref().map_or("-".to_string(), |k| value_text(Some(&k.raw)).to_ascii_lowercase());
            facts.authorizers.insert(format!("{name}: {kind}"));
        }
    }
    facts.stages = api.deployment.stages.iter().map(|s| s.name.clone()).collect();
    facts.cors = api.apigw.cors.is_some();
    facts.domains = api.deployment.domains.iter().map(|d| text(&d.name)).collect();
    for stage in &api.deployment.stages {
        for (k, v) in &stage.variables {
            facts.variables.insert(format!("{}: {k}={}", stage.name, text(&Some(v.clone()))));
        }
    }
    let num = |n: &Option<gwgen::ir::Num>| n.as_ref().map_or("-".to_string(), |n| number(Some(&n.raw)));
    facts.quotas = api
        .deployment
        .quotas
        .iter()
        .map(|q| format!("{}/{}", num(&q.limit), q.period.clone().unwrap_or_else(|| "-".into())))
        .collect();
    facts.plan_throttles = api
        .deployment
        .throttles
        .iter()
        .filter(|t| t.place.contains("usage plan"))
        .map(|t| format!("{}/{}", num(&t.rate), num(&t.burst)))
        .collect();
    facts
}

/// The differences between what SAM wrote and what gwgen read, as `what` keys.
fn differences(sam: &Facts, ours: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    for (key, m) in &sam.methods {
        match ours.methods.get(key) {
            None => out.push(format!("{key}: missing")),
            Some(o) => {
                for (field, a, b) in [
                    ("integration type", &m.kind, &o.kind),
                    ("integration uri", &m.uri, &o.uri),
                    ("authorizer", &m.authorizer, &o.authorizer),
                ] {
                    if a != b {
                        out.push(format!("{key}: {field}"));
                    }
                }
                if m.api_key != o.api_key {
                    out.push(format!("{key}: api key required"));
                }
            }
        }
    }
    for key in ours.methods.keys().filter(|k| !sam.methods.contains_key(*k)) {
        out.push(format!("{key}: not in SAM's output"));
    }
    if sam.authorizers != ours.authorizers {
        out.push("authorizers".into());
    }
    if sam.stages != ours.stages {
        out.push("stages".into());
    }
    if sam.cors != ours.cors {
        out.push("cors".into());
    }
    if sam.domains != ours.domains {
        out.push("domains".into());
    }
    if sam.stages == ours.stages && sam.variables != ours.variables {
        out.push("stage variables".into());
    }
    if sam.quotas != ours.quotas {
        out.push("usage plan quotas".into());
    }
    if sam.plan_throttles != ours.plan_throttles {
        out.push("usage plan throttles".into());
    }
    out
}

/// Every difference of gwgen's reading from SAM's output, over the whole oracle.
fn all_differences() -> BTreeSet<(String, String, String)> {
    let mut found = BTreeSet::new();
    let inputs: Vec<_> = crate::common::files_in(&oracle().join("input"));
    assert!(inputs.len() >= 150, "the oracle has its inputs");
    for input in inputs {
        let name = input.file_stem().unwrap().to_string_lossy().to_string();
        let output: Value =
            serde_json::from_str(&std::fs::read_to_string(oracle().join(format!("output/{name}.json"))).unwrap())
                .unwrap();
        // What CloudFormation creates from SAM's output: its Conditions applied (as gwgen applies
        // the input's), with the parameters' defaults.
        let output =
            if output.get("errorMessage").is_some() { output } else { template::evaluate_conditions(&output).0 };
        let mut diff = |api: &str, what: String| {
            found.insert((name.clone(), api.to_string(), what));
        };
        let loaded = gwgen::load::load_all(&input, &harness_options());
        if output.get("errorMessage").is_some() {
            if !rejected(&input, loaded) {
                diff("-", "error not caught".into());
            }
            continue;
        }
        let source = gwgen::load::read_source(&input).unwrap();
        let websockets: BTreeSet<String> = template::websocket_apis(&source).into_iter().map(|w| w.0).collect();
        let creates_api = output["Resources"].as_object().is_some_and(|r| {
            r.values()
                .any(|r| matches!(r["Type"].as_str(), Some("AWS::ApiGateway::RestApi" | "AWS::ApiGatewayV2::Api")))
        });
        let loaded = match loaded {
            Ok(l) => l,
            // Every API has a condition that is false: CloudFormation creates none, and gwgen
            // says so (a note when met in a folder).
            Err(e) if !creates_api && e.iter().all(|e| e.what == gwgen::diag::Failed::Unsupported) => continue,
            Err(e) => {
                diff("-", format!("load failed: {}", e[0].message));
                continue;
            }
        };
        let resources = output["Resources"].as_object().unwrap();
        let mut seen = BTreeSet::new();
        for (id, r) in resources {
            let kind = r["Type"].as_str().unwrap_or_default();
            let http = match kind {
                "AWS::ApiGateway::RestApi" => false,
                "AWS::ApiGatewayV2::Api" => true,
                _ => continue,
            };
            if r["Properties"]["ProtocolType"] == "WEBSOCKET" {
                if !websockets.contains(id) {
                    diff(id, "WebSocket API not listed".into());
                }
                continue;
            }
            seen.insert(id.clone());
            let ours = loaded.iter().find(|(l, _)| l.as_deref() == Some(id.as_str()));
            let has_body = r["Properties"].get("Body").is_some();
            match (ours, has_body) {
                (None, _) => diff(id, "API not read".into()),
                (Some((_, Err(_))), false) => {}
                (Some((_, Err(e))), true) => diff(id, format!("load failed: {}", e[0].message)),
                // CloudFormation builds it from resources (gwgen's document of it is tested
                // against the resources in tests/it/cfn.rs).
                (Some((_, Ok(api))), false)
                    if api.template.as_ref().is_some_and(|t| !t.resource_type.starts_with("AWS::Serverless")) => {}
                (Some((_, Ok(_))), false) => diff(id, "read although SAM's output has no Body".into()),
                (Some((_, Ok(api))), true) => {
                    let sam = oracle_facts(&output, id, http);
                    for what in differences(&sam, &gwgen_facts(api)) {
                        diff(id, what);
                    }
                }
            }
        }
        for (id, _) in &loaded {
            let id = id.clone().unwrap_or_default();
            // WebSocket APIs are named as not read (checked above against the output).
            if !seen.contains(&id) && !websockets.contains(&id) {
                diff(&id, "API not in SAM's output".into());
            }
        }
    }
    found
}

/// An invalid template is refused by gwgen: a load error with a position in the file, or an
/// error finding.
fn rejected(input: &Path, loaded: Result<Vec<gwgen::load::LoadedApi>, Vec<gwgen::diag::Error>>) -> bool {
    let located = |e: &gwgen::diag::Error| {
        let shown = gwgen::report::load_error(e);
        let file = input.file_name().unwrap().to_string_lossy().to_string();
        shown.split_whitespace().any(|w| w.contains(&format!("{file}:")) && w.matches(':').count() >= 2)
    };
    let Ok(loaded) = loaded else { return true };
    loaded.into_iter().any(|(_, r)| match r {
        Err(errors) => errors.iter().any(located),
        Ok(api) => {
            api.diagnostics.iter().any(|f| f.severity == gwgen::diag::Severity::Error)
                || gwgen::lint::run(&api, gwgen::lint::Mode::Lint)
                    .iter()
                    .any(|f| f.severity == gwgen::diag::Severity::Error)
        }
    })
}

#[test]
fn gwgen_reads_what_sams_transform_writes() {
    let found = all_differences();
    if std::env::var_os("GWGEN_ORACLE_PRINT").is_some() {
        for (input, api, what) in &found {
            println!("{input}\t{api}\t{what}");
        }
    }
    let expected = expectations();
    let unlisted: Vec<_> = found.iter().filter(|k| !expected.contains_key(*k)).collect();
    let gone: Vec<_> = expected.keys().filter(|k| !found.contains(*k)).collect();
    let show = |list: &[&(String, String, String)]| {
        list.iter().map(|(i, a, w)| format!("{i}\t{a}\t{w}")).collect::<Vec<_>>().join("\n")
    };
    assert!(unlisted.is_empty(), "differences from SAM's output not in the expectations:\n{}", show(&unlisted));
    assert!(gone.is_empty(), "expected differences that are gone (remove them):\n{}", show(&gone));
}

/// `gwgen export` of an API SAM builds from its functions' events writes the document SAM's
/// transform writes: the same paths, methods and integrations.
#[test]
fn export_of_an_events_api_matches_sams_document() {
    for (name, id, to) in
        [("implicit_api", "ServerlessRestApi", "swagger2"), ("implicit_http_api", "ServerlessHttpApi", "oas30")]
    {
        let input = oracle().join(format!("input/{name}.yaml"));
        let output: Value =
            serde_json::from_str(&std::fs::read_to_string(oracle().join(format!("output/{name}.json"))).unwrap())
                .unwrap();
        let dir = crate::common::scratch(&format!("sam-oracle-export-{name}"));
        let file = dir.join(format!("{name}.json"));
        let out = gwgen(&["export", input.to_str().unwrap(), "--to", to, "-o", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}{}", stdout(&out), stderr(&out));
        let exported: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut sam = output["Resources"][id]["Properties"]["Body"].clone();
        Context::of(&output).resolve(&mut sam, 0);
        let routes = |doc: &Value| -> BTreeMap<String, (Value, Value)> {
            let mut out = BTreeMap::new();
            for (path, item) in doc["paths"].as_object().unwrap() {
                for (method, op) in item.as_object().unwrap() {
                    let i = &op["x-amazon-apigateway-integration"];
                    out.insert(format!("{method} {path}"), (i["type"].clone(), i["uri"].clone()));
                }
            }
            out
        };
        assert_eq!(routes(&exported), routes(&sam), "{name}");
        assert!(!routes(&sam).is_empty());
    }
}

/// What SAM refuses in an API's `Domain`, `FailOnWarnings` and `RouteSettings`, gwgen refuses
/// with SAM's own words (each message is in the error SAM's transform recorded), at a line of the
/// template, exit 2.
#[test]
fn domain_and_property_types_are_refused_as_sam_refuses_them() {
    for name in [
        "error_api_domain_access_association_not_dict",
        "error_api_invalid_fail_on_warnings",
        "error_api_mtls_configuration_invalid_field",
        "error_api_with_custom_domains_invalid",
        "error_http_api_list_route_settings",
        "error_httpapi_mtls_configuration_invalid_field",
    ] {
        let input = oracle().join(format!("input/{name}.yaml"));
        let output: Value =
            serde_json::from_str(&std::fs::read_to_string(oracle().join(format!("output/{name}.json"))).unwrap())
                .unwrap();
        let sams = output["errorMessage"].as_str().unwrap();
        let errors: Vec<gwgen::diag::Error> = match gwgen::load::load_all(&input, &Default::default()) {
            Err(e) => e,
            Ok(all) => all.into_iter().filter_map(|(_, r)| r.err()).flatten().collect(),
        };
        assert!(!errors.is_empty(), "{name}: not refused");
        for e in &errors {
            assert!(sams.contains(&e.message), "{name}: `{}` is not SAM's error: {sams}", e.message);
        }
        let out = gwgen(&["lint", input.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(stderr(&out).contains(&format!("{name}.yaml:")), "{name}: {}", stderr(&out));
    }
}

/// Every input SAM's transform refuses (its output is an `errorMessage`) and gwgen refuses with a
/// load error has, with each error, a help saying how to fix the template: a specific one, not
/// a placeholder.
#[test]
fn every_refusal_of_an_invalid_input_says_how_to_fix_it() {
    let (mut refused, mut without) = (0, Vec::new());
    for input in crate::common::files_in(&oracle().join("input")) {
        let name = input.file_stem().unwrap().to_string_lossy().to_string();
        let output: Value =
            serde_json::from_str(&std::fs::read_to_string(oracle().join(format!("output/{name}.json"))).unwrap())
                .unwrap();
        if output.get("errorMessage").is_none() {
            continue;
        }
        let errors: Vec<gwgen::diag::Error> = match gwgen::load::load_all(&input, &harness_options()) {
            Err(e) => e,
            Ok(all) => all.into_iter().filter_map(|(_, r)| r.err()).flatten().collect(),
        };
        refused += usize::from(!errors.is_empty());
        for e in &errors {
            let help = e.help.as_deref().unwrap_or_default();
            let generic = ["fix the template", "fix this property"].iter().any(|g| help.contains(g));
            if generic || help.len() < 20 {
                without.push(format!("{name}: `{}` has the help `{help}`", e.message));
            }
        }
    }
    assert!(without.is_empty(), "refusals without a specific help:\n{}", without.join("\n"));
    assert!(refused >= 30, "the oracle's invalid inputs are refused ({refused})");
}
