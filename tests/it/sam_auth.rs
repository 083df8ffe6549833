//! What SAM's transform adds to an API's document from the API's `Auth`, `Cors` and other
//! properties, checked against SAM's own translator outputs: the oracle's output `Body` is read
//! by gwgen like any document, and the facts of both (security schemes, each method's security
//! and IAM credentials, policy, CORS, binary media types, gateway responses, models) must match.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use gwgen::ir::{Api, ApiType, ApiTypeFrom};
use gwgen::load::{self, template, Options};

use crate::common::{corpus, gwgen as run_gwgen, root, scratch, stdout};

fn oracle(dir: &str, case: &str, ext: &str) -> PathBuf {
    corpus().join("sam-translator").join(dir).join(format!("{case}.{ext}"))
}

/// The API `id` of an oracle input, as gwgen loads it (its `Globals` merged by gwgen, as SAM
/// merges them).
fn load_case(case: &str, id: &str) -> Result<Api, String> {
    let file = oracle("input", case, "yaml");
    let options = Options { api: Some(id.to_string()), ..Default::default() };
    let mut all = load::load_all(&file, &options).map_err(|e| format!("{e:?}"))?;
    let (_, api) = all.pop().ok_or("no such API")?;
    api.map_err(|e| e.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; "))
}

/// The oracle's output `Body` of API `id`, intrinsics resolved as gwgen resolves the template's,
/// loaded as a document of the API's type.
fn oracle_body(case: &str, id: &str, api_type: ApiType) -> Api {
    let out = oracle_output(case);
    let mut body = out["Resources"][id]["Properties"]["Body"].clone();
    assert!(body.is_object(), "{case}: {id} has no Body in SAM's output");
    let input = load::read_source(&oracle("input", case, "yaml")).unwrap();
    template::Context::of(&input.value).resolve(&mut body, 0);
    let text = serde_json::to_vec_pretty(&body).unwrap();
    let source = load::parse_source(PathBuf::from(format!("{case}.{id}.json")), text).unwrap();
    let options = Options { api_type: Some((api_type, ApiTypeFrom::Flag)), ..Default::default() };
    load::load_source(source, &options).unwrap_or_else(|e| panic!("{case}: SAM's body does not load: {e:?}"))
}

/// SAM's output as CloudFormation creates it: its Conditions applied (as gwgen applies the input's).
fn oracle_output(case: &str) -> Value {
    let out: Value = serde_json::from_str(&std::fs::read_to_string(oracle("output", case, "json")).unwrap()).unwrap();
    template::evaluate_conditions(&out).0
}

/// A value without the `pointer` fields (where each node is, which differs between the two).
fn strip(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.into_iter().filter(|(k, _)| k != "pointer").map(|(k, v)| (k, strip(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(strip).collect()),
        other => other,
    }
}

fn to(v: impl serde::Serialize) -> Value {
    strip(serde_json::to_value(v).unwrap())
}

/// What SAM's `Auth`, `Cors` and other properties decide, as gwgen's IR holds it.
fn facts(api: &Api) -> Value {
    let mut ops = serde_json::Map::new();
    for path in &api.paths {
        for op in &path.operations {
            let credentials = op.integration.as_ref().and_then(|i| i.credentials.as_ref()).map(to);
            let key = format!("{} {}", op.method.as_str(), path.path);
            ops.insert(key, json!({"security": to(&op.security), "credentials": credentials, "cors": cors_of(op)}));
        }
    }
    json!({
        "security_schemes": to(&api.security_schemes),
        "operations": ops,
        "policy": api.apigw.policy.as_ref().map(|p| unordered_statements(p.document.clone())),
        "cors": sorted_lists(to(&api.apigw.cors)),
        "binary_media_types": sorted_lists(to(&api.apigw.binary_media_types)),
        "gateway_responses": to(&api.apigw.gateway_responses),
        "endpoint_configuration": to(&api.apigw.endpoint_configuration),
    })
}

/// The value with every list of strings sorted: the order of CORS origins, methods and headers,
/// or of binary media types, means nothing to API Gateway, and SAM's `Globals` put their items
/// first where gwgen's merge puts them last (gwgen locates a resource's own items by index).
fn sorted_lists(v: Value) -> Value {
    match v {
        Value::Array(mut items) if items.iter().all(Value::is_string) => {
            items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            Value::Array(items)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted_lists).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, sorted_lists(v))).collect()),
        other => other,
    }
}

/// A policy with its statements in a fixed order: the order of a policy's statements means
/// nothing to IAM, and SAM's follows the order in which it walks the paths.
fn unordered_statements(mut policy: Value) -> Value {
    if let Some(Value::Array(list)) = policy.get_mut("Statement") {
        list.sort_by_key(canonical);
    }
    policy
}

/// A value's JSON text with every map's keys sorted.
fn canonical(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<_> = m.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys.iter().map(|k| format!("{k:?}:{}", canonical(&m[k.as_str()]))).collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(canonical).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

/// A CORS preflight method's mock integration responses.
fn cors_of(op: &gwgen::ir::Operation) -> Value {
    match (&op.method, &op.integration) {
        (gwgen::ir::Method::Options, Some(i)) => to(&i.responses),
        _ => Value::Null,
    }
}

/// Where gwgen's reading of the case differs from SAM's output (none when they agree).
fn differences(case: &str, id: &str) -> Vec<String> {
    let ours = match load_case(case, id) {
        Ok(api) => api,
        // Its condition is false: CloudFormation does not create it, and gwgen says so.
        Err(e) if oracle_output(case)["Resources"].get(id).is_none() && e.contains("is created") => return Vec::new(),
        Err(e) => return vec![format!("{case}: {id} does not load: {e}")],
    };
    let sams = oracle_body(case, id, ours.api_type);
    let (a, b) = (facts(&ours), facts(&sams));
    let mut out = Vec::new();
    for (key, theirs) in b.as_object().unwrap() {
        if key == "operations" {
            for (op, t) in theirs.as_object().unwrap() {
                if &a[key][op] != t {
                    out.push(format!("{case}: {id}: {op} differs\n gwgen: {}\n   SAM: {t}", a[key][op]));
                }
            }
            for op in a[key].as_object().unwrap().keys().filter(|op| theirs.get(op.as_str()).is_none()) {
                out.push(format!("{case}: {id}: {op} is not in SAM's output"));
            }
        } else if &a[key] != theirs {
            out.push(format!("{case}: {id}: `{key}` differs\n gwgen: {}\n   SAM: {theirs}", a[key]));
        }
    }
    out
}

fn assert_all_match(cases: &[(&str, &str)]) {
    let found: Vec<String> = cases.iter().flat_map(|(case, id)| differences(case, id)).collect();
    assert!(found.is_empty(), "{} differences from SAM's outputs:\n{}", found.len(), found.join("\n"));
}

/// Templates whose API writes its `DefinitionBody`: what SAM's transform adds from the API's
/// `Auth` / `Cors` (its own or from `Globals`) does not depend on function events.
#[test]
fn definition_bodies_get_what_sams_transform_adds() {
    assert_all_match(&[
        ("api_with_cors_and_apikey", "MyApi"),
        ("api_with_cors_and_apikey_defined_at_api_level", "MyApi"),
        ("api_with_openapi_definition_body_no_flag", "ExplicitApi"),
        ("api_rest_paths_with_if_condition_openapi", "MyApi"),
        ("api_with_custom_domain_security_policy_private", "Api"),
        ("api_with_cors_and_apikey", "MyApi"),
        ("api_with_swagger_and_openapi_with_auth", "ExplicitApi"),
        ("api_with_cors", "ExplicitApi"),
        ("api_with_swagger_authorizer_none", "MyApiWithLambdaRequestAuth"),
    ]);
}

/// Templates whose APIs SAM builds from function events (or whose events SAM adds to the
/// document): they need the events' routes and integrations as well.
#[test]
fn apis_built_from_events_get_what_sams_transform_adds() {
    assert_all_match(&[
        ("api_with_auth_all_maximum", "MyApi"),
        ("api_with_auth_all_minimum", "MyApiWithCognitoAuth"),
        ("api_with_auth_all_minimum", "MyApiWithLambdaTokenAuth"),
        ("api_with_auth_all_minimum", "MyApiWithLambdaRequestAuth"),
        ("api_with_auth_no_default", "MyApiWithCognitoAuth"),
        ("api_with_auth_with_default_scopes", "MyApiWithCognitoAuth"),
        ("api_with_auth_with_default_scopes_openapi", "MyApiWithCognitoAuth"),
        ("api_with_aws_account_whitelist", "ServerlessRestApi"),
        ("api_with_aws_account_blacklist", "ServerlessRestApi"),
        ("api_with_ip_range_whitelist", "ServerlessRestApi"),
        ("api_with_ip_range_blacklist", "ServerlessRestApi"),
        ("api_with_source_vpc_whitelist", "MyApi"),
        ("api_with_source_vpc_blacklist", "ServerlessRestApi"),
        ("api_with_resource_policy", "ExplicitApi"),
        ("api_with_aws_iam_auth_overrides", "MyApiWithAwsIamAuth"),
        ("api_with_default_aws_iam_auth", "MyApiWithAwsIamAuth"),
        ("api_with_method_aws_iam_auth", "MyApiWithoutAuth"),
        ("api_with_cors_and_only_methods", "ServerlessRestApi"),
        ("api_with_cors_and_auth_preflight_auth", "ServerlessApi"),
        ("api_with_gateway_responses", "ExplicitApi"),
        ("api_with_gateway_responses_all", "ExplicitApi"),
        ("api_with_gateway_responses_all_openapi_3", "ExplicitApi"),
        ("api_with_gateway_responses_minimal", "ExplicitApi"),
        ("api_with_swagger_and_openapi_with_auth", "ExplicitApi"),
        ("http_api_lambda_auth_full", "MyApi"),
        ("state_machine_with_api_resource_policy", "ExplicitApi"),
        ("state_machine_with_api_authorizer_maximum", "MyApi"),
        ("api_with_auth_and_conditions_all_max", "MyApi"),
        ("implicit_api_with_auth_and_conditions_max", "ServerlessRestApi"),
        ("api_with_default_aws_iam_auth_and_no_auth_route", "MyApiWithAwsIamAuth"),
        ("api_with_if_conditional_with_resource_policy", "ExplicitApi"),
        ("api_with_resource_policy_global_implicit", "ServerlessRestApi"),
        ("api_with_usageplans", "MyApiOne"),
        ("api_model_without_properties", "MyApi"),
        ("api_request_model_openapi_3", "HtmlApi"),
        ("api_with_disable_api_execute_endpoint_openapi_3", "ApiGatewayApi"),
        ("http_api_global_iam_auth_enabled_with_existing_conflicting_authorizer", "MyApi"),
        ("http_api_custom_iam_auth", "MyApi"),
        ("http_api_existing_openapi", "MyApi"),
        ("http_api_with_cors", "MyApi"),
        ("http_api_with_cors", "ServerlessHttpApi"),
        ("http_api_local_iam_auth_enabled", "MyDefaultIamAuthHttpApi"),
        ("api_http_with_default_iam_authorizer", "HttpApi"),
        ("explicit_http_api", "MyApi"),
        ("explicit_http_api", "MyApi2"),
    ]);
}

/// The APIs of a SAM error case: (logical id, gwgen's messages) for those gwgen refuses.
fn refused(case: &str) -> (String, Vec<(String, String)>) {
    let out: Value = serde_json::from_str(&std::fs::read_to_string(oracle("output", case, "json")).unwrap()).unwrap();
    let expected = out["errorMessage"].as_str().unwrap_or_default().to_string();
    let all = load::load_all(&oracle("input", case, "yaml"), &Options::default()).unwrap();
    let mut refused = Vec::new();
    for (id, api) in all {
        if let Err(errors) = api {
            for e in errors {
                assert!(
                    matches!(e.place, gwgen::diag::Place::Key(_) | gwgen::diag::Place::Node(_)),
                    "{case}: the error is not located: {}",
                    e.message
                );
                refused.push((id.clone().unwrap_or_default(), e.message));
            }
        }
    }
    (expected, refused)
}

/// SAM's transform refuses these templates; gwgen refuses them with SAM's message, at the
/// template node that SAM refuses.
#[test]
fn what_sam_refuses_gwgen_refuses_at_the_property() {
    for (case, id, wanted) in [
        ("error_api_with_cors_and_empty_allow_origin", "ExplicitApi", "Value for AllowedOrigins is required"),
        ("error_cors_credentials_true_with_wildcard_origin", "ExplicitApi", "'AllowCredentials' can not be true"),
        ("error_api_invalid_auth", "AuthWithInvalidDefinitionBodyApi", "does not contain a valid Swagger definition"),
    ] {
        assert_refused(case, id, wanted);
    }
}

/// An oracle input whose API `id` is given SAM's own output document, less the nodes `strip`
/// names, as its `DefinitionBody`: the API's properties must put those nodes back as SAM did.
/// (A REST API with a `DefinitionBody` and no `MergeDefinitions` takes nothing from its
/// events, so this reads what the properties add without the events' part of the transform.)
fn with_sams_body(case: &str, id: &str, strip: &[&str]) -> Result<Api, String> {
    let input = load::read_source(&oracle("input", case, "yaml")).unwrap();
    let mut template = input.value;
    let out = oracle_output(case);
    let mut body = out["Resources"][id]["Properties"]["Body"].clone();
    for key in strip {
        body.as_object_mut().unwrap().remove(*key);
    }
    let props = template["Resources"][id]["Properties"].as_object_mut().unwrap();
    props.remove("DefinitionUri");
    props.insert("DefinitionBody".into(), body);
    let dir = scratch(&format!("sam-auth-bodies-{case}"));
    let file = dir.join(format!("{case}.json"));
    std::fs::write(&file, serde_json::to_vec_pretty(&template).unwrap()).unwrap();
    let options = Options { api: Some(id.to_string()), ..Default::default() };
    let mut all = load::load_all(&file, &options).map_err(|e| format!("{e:?}"))?;
    let (_, api) = all.pop().ok_or("no such API")?;
    api.map_err(|e| e.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; "))
}

/// `GatewayResponses` become SAM's `x-amazon-apigateway-gateway-responses` (prefixed
/// parameters, status codes as text, empty templates).
#[test]
fn gateway_responses_are_what_sam_writes() {
    for case in [
        "api_with_gateway_responses",
        "api_with_gateway_responses_all",
        "api_with_gateway_responses_all_openapi_3",
        "api_with_gateway_responses_minimal",
    ] {
        let ours = with_sams_body(case, "ExplicitApi", &["x-amazon-apigateway-gateway-responses"])
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        assert!(!ours.apigw.gateway_responses.is_empty(), "{case}");
        let sams = oracle_body(case, "ExplicitApi", ours.api_type);
        assert_eq!(facts(&ours), facts(&sams), "{case}");
    }
}

/// `Models` become SAM's `definitions` (`components.schemas` in an OpenAPI 3 document), named in
/// lower case.
#[test]
fn models_are_what_sam_writes() {
    for (case, id, strip) in [
        ("api_model_without_properties", "MyApi", "definitions"),
        ("api_request_model", "HtmlApi", "definitions"),
        ("api_request_model_openapi_3", "HtmlApi", "components"),
    ] {
        let ours = with_sams_body(case, id, &[strip]).unwrap_or_else(|e| panic!("{case}: {e}"));
        let sams = oracle_body(case, id, ours.api_type);
        let names = |api: &Api| api.schemas.named.keys().cloned().collect::<Vec<_>>();
        assert!(!names(&ours).is_empty(), "{case}");
        assert_eq!(names(&ours), names(&sams), "{case}");
        for (name, &sid) in &ours.schemas.named {
            let theirs = sams.schemas.named[name];
            assert_eq!(to(ours.schemas.get(sid)), to(sams.schemas.get(theirs)), "{case}: {name}");
        }
    }
}

/// SAM's refusals of `Auth`, `Cors` and the other properties, for every API of these error
/// cases (most are built from function events): gwgen refuses each API SAM refuses there,
/// with SAM's message.
#[test]
fn what_sam_refuses_in_apis_built_from_events_gwgen_refuses() {
    for case in [
        "error_api_authorizer_property_indentity_with_invalid_type",
        "error_api_invalid_auth",
        "error_api_invalid_event_authorizer_type",
        "error_api_invalid_source_vpc_blacklist",
        "error_api_invalid_source_vpc_whitelist",
        "error_api_override_api_auth_without_authorizer",
        "error_api_with_invalid_auth_scopes_openapi",
        "error_default_authorizer_should_be_string_in_api",
        "error_gateway_response_invalid_type_int",
        "error_http_api_invalid_auth",
        "error_http_api_invalid_event_authorizer_type",
        "error_http_api_invalid_lambda_auth",
        "error_invalid_cors_dict",
        "error_invalid_httpapi_cors_property",
        "error_state_machine_with_undefined_api_authorizer",
    ] {
        let (expected, refused) = refused(case);
        assert!(!refused.is_empty(), "{case}: nothing refused; SAM: {expected}");
        for (id, message) in &refused {
            // An API whose document is in S3 is refused for that before SAM's transform.
            if message.contains("which gwgen does not fetch") {
                continue;
            }
            assert!(expected.contains(message.as_str()), "{case}: {id}: SAM says otherwise: {message}\n{expected}");
        }
    }
}

fn assert_refused(case: &str, id: &str, wanted: &str) {
    {
        let (expected, refused) = refused(case);
        let message = refused
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("{case}: {id} is not refused ({refused:?})"));
        assert!(message.contains(wanted), "{case}: {id}: {message}");
        assert!(expected.contains(&message), "{case}: {id}: SAM says otherwise: {message}\n{expected}");
    }
}

fn fixture(name: &str) -> PathBuf {
    root().join("specs/templates").join(name)
}

fn lint_json(file: &Path) -> Value {
    let out = run_gwgen(&["lint", file.to_str().unwrap(), "--format", "json"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}: exit {:?}\n{}",
        file.display(),
        out.status.code(),
        stdout(&out)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rules(v: &Value) -> Vec<String> {
    v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

/// A default authorizer, or a required API key, protects every method SAM gives it to.
#[test]
fn default_authorizer_and_api_key_protect_every_method() {
    for name in ["sam-auth-default-authorizer.yaml", "sam-auth-api-key.yaml"] {
        let file = fixture(name);
        let api = load::load(&file, &Default::default()).unwrap();
        let ops: Vec<_> = api.paths.iter().flat_map(|p| &p.operations).collect();
        assert!(ops.len() >= 2, "{name}");
        for op in ops {
            let auth = api.authorization(op);
            assert!(auth.kind != gwgen::ir::AuthKind::None || auth.api_key, "{name}: {} is open", op.method.as_str());
        }
        let v = lint_json(&file);
        assert!(!rules(&v).contains(&"operation-unauthenticated".to_string()), "{name}: {v}");
    }
    // Without them, the same methods are open to anyone, and the rule says so.
    let v = lint_json(&fixture("sam-auth-none.yaml"));
    assert!(rules(&v).contains(&"operation-unauthenticated".to_string()), "{v}");
}

/// `Auth.ResourcePolicy` becomes the document's `x-amazon-apigateway-policy`, which the policy
/// rules read as a body policy; findings about its statements are shown at the template line
/// that made them.
#[test]
fn resource_policy_is_a_body_policy() {
    let file = fixture("sam-auth-ip-allowlist.yaml");
    let api = load::load(&file, &Default::default()).unwrap();
    let policy = api.apigw.policy.as_ref().expect("a policy in the document");
    let deny = policy.statements.iter().find(|s| s.effect.as_deref() == Some("Deny")).expect("a Deny statement");
    assert_eq!(deny.condition, Some(json!({"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8"]}})));
    let shown = api.sources.origin(&deny.loc);
    assert!(shown.ptr.as_str().ends_with("/Auth/ResourcePolicy/IpRangeWhitelist"), "{:?}", shown.ptr);
    let v = lint_json(&file);
    assert!(!rules(&v).contains(&"operation-unauthenticated".to_string()), "{v}");
}

/// A finding on what SAM writes from the template (an authorizer's cache time) is shown at the
/// template line it comes from.
#[test]
fn findings_on_what_auth_adds_point_at_the_template() {
    let file = fixture("sam-auth-lambda-authorizer.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let v = lint_json(&file);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "authorizer-ttl-range")
        .unwrap_or_else(|| panic!("no authorizer-ttl-range finding: {v}"));
    let line = text.lines().nth(f["line"].as_u64().unwrap() as usize - 1).unwrap();
    assert!(line.trim() == "ReauthorizeEvery: 7200", "line {}: {line}", f["line"]);
    assert_eq!(f["pointer"], "/Resources/Orders/Properties/Auth/Authorizers/Partner/Identity/ReauthorizeEvery");
    // The default authorizer protects the method.
    assert!(!rules(&v).contains(&"operation-unauthenticated".to_string()), "{v}");
}

/// `BinaryMediaTypes` reach the document with `~1` read as `/` (SAM's escape), and
/// `DisableExecuteApiEndpoint` as the endpoint configuration extension; both are shown at the
/// template's lines.
#[test]
fn binary_media_types_and_the_execute_api_endpoint() {
    let api = load::load(&fixture("sam-props-binary-media-types.yaml"), &Default::default()).unwrap();
    let types: Vec<String> = api.apigw.binary_media_types.iter().map(|t| t.display()).collect();
    assert_eq!(types, ["image/png", "*/*"]);
    let endpoint = api.apigw.endpoint_configuration.as_ref().expect("an endpoint configuration");
    assert_eq!(endpoint.disable_execute_api_endpoint, Some(true));
    let shown = api.sources.origin(&endpoint.loc.child("disableExecuteApiEndpoint"));
    assert_eq!(shown.ptr.as_str(), "/Resources/Images/Properties/DisableExecuteApiEndpoint");
}
