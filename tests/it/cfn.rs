//! REST and HTTP APIs that CloudFormation builds from resources (plain templates and CDK's
//! synthesized output) or SAM from function events: every corpus template loads, lints with only explained errors, gets an
//! SDK that compiles under the strict flags, and findings land on the template's own lines.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{corpus, gwgen, root, stderr, stdout};
use gwgen::diag::Severity;
use gwgen::lint::{self, Mode};
use gwgen::load::{self, template};

/// The plain CloudFormation and CDK templates of the corpus, and the SAM templates whose APIs
/// come from function events.
fn templates() -> Vec<PathBuf> {
    let mut all = common::files_in(&corpus().join("cfn-resources"));
    all.extend(common::files_in(&corpus().join("cdk")));
    all.extend(common::files_in(&corpus().join("sam-events")));
    all.retain(|p| p.file_name().is_some_and(|n| n != "MANIFEST.tsv"));
    all
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// Every API of a template, loaded (logical id, API or errors), WebSocket APIs included.
fn loaded_all(file: &Path) -> Vec<load::LoadedApi> {
    match load::load_all(file, &load::Options::default()) {
        Ok(all) => all,
        // A stack of shared pieces (a usage plan for another stack's API) defines no API.
        Err(e) if e.len() == 1 && e[0].message == "the template defines no API" => Vec::new(),
        Err(e) => panic!("{}: {e:?}", name(file)),
    }
}

/// Every REST and HTTP API of a template, loaded (logical id, API or errors); WebSocket APIs
/// are tested in websocket.rs.
fn loaded(file: &Path) -> Vec<load::LoadedApi> {
    let not_read = |api: &Result<gwgen::ir::Api, Vec<gwgen::diag::Error>>| match api {
        Err(e) => e.iter().all(|e| e.what == gwgen::diag::Failed::Unsupported),
        Ok(api) => api.websocket.is_some(),
    };
    loaded_all(file).into_iter().filter(|(_, api)| !not_read(api)).collect()
}

#[test]
fn every_cfn_and_cdk_template_loads() {
    let files = templates();
    assert!(files.len() >= 60, "only {} templates", files.len());
    let (mut rest, mut http, mut websocket, mut failures) = (0, 0, 0, Vec::new());
    for file in &files {
        let source = load::read_source(file).unwrap_or_else(|e| panic!("{}: {e:?}", name(file)));
        assert!(template::is_template(&source.value), "{}", name(file));
        let ws = template::websocket_apis(&source);
        websocket += ws.len();
        for (id, api) in loaded_all(file) {
            let id = id.expect("a template API has a logical id");
            let is_ws = ws.iter().any(|(w, _, _)| *w == id);
            match api {
                Ok(api) if is_ws => assert!(api.websocket.is_some(), "{}: {id}", name(file)),
                Ok(api) if api.api_type == gwgen::ir::ApiType::Rest => rest += 1,
                Ok(_) => http += 1,
                Err(e) => failures.push(format!("{} {id}: {e:?}", name(file))),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // cfn-resources and cdk: 50 AWS::ApiGateway::RestApi resources, and AWS::ApiGatewayV2::Api
    // resources with ProtocolType HTTP (14) and WEBSOCKET (10); sam-events: 32 REST APIs (explicit
    // and implicit), 11 HTTP APIs and 7 WebSocket APIs.
    assert_eq!((rest, http, websocket), (82, 25, 17));
}

/// A built REST API reads like API Gateway's export of what the resources make.
#[test]
fn a_rest_api_is_built_as_the_export_writes_it() {
    let api = &loaded(&root().join("specs/templates/cfn-rest-full.yaml"))[0];
    let api = api.1.as_ref().unwrap();
    let doc = &api.sources.get(Default::default()).value;
    assert_eq!(doc["openapi"], "3.0.1");
    assert_eq!(doc["info"]["title"], "pets");
    // The resource tree: /pets and /pets/{petId}; ANY is the any-method extension.
    let pets = &doc["paths"]["/pets"];
    let pet = &doc["paths"]["/pets/{petId}"];
    assert_eq!(pet["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"]["type"], "mock");
    // IAM: the sigv4 scheme.
    assert_eq!(pets["get"]["security"], serde_json::json!([{"sigv4": []}]));
    assert_eq!(doc["components"]["securitySchemes"]["sigv4"]["x-amazon-apigateway-authtype"], "awsSigv4");
    assert_eq!(pets["get"]["operationId"], "listPets");
    // A token authorizer and the API key, both required.
    assert_eq!(pets["post"]["security"], serde_json::json!([{"token": [], "api_key": []}]));
    let token = &doc["components"]["securitySchemes"]["token"];
    assert_eq!(token["name"], "X-Token");
    assert_eq!(token["x-amazon-apigateway-authtype"], "custom");
    assert_eq!(token["x-amazon-apigateway-authorizer"]["type"], "token");
    assert_eq!(token["x-amazon-apigateway-authorizer"]["authorizerResultTtlInSeconds"], 300);
    assert_eq!(doc["components"]["securitySchemes"]["api_key"]["name"], "x-api-key");
    // Parameters: querystring, header (required as written), and the path variable.
    let params = pets["get"]["parameters"].as_array().unwrap();
    assert!(params.contains(
        &serde_json::json!({"name": "limit", "in": "query", "required": false, "schema": {"type": "string"}})
    ));
    assert!(params.contains(
        &serde_json::json!({"name": "X-Trace", "in": "header", "required": true, "schema": {"type": "string"}})
    ));
    assert_eq!(pet["get"]["parameters"][0]["name"], "petId");
    assert_eq!(pet["get"]["parameters"][0]["in"], "path");
    // Models: a Ref to a Model, a model's name, the built-in Empty and Error; references between
    // models point at components.
    assert_eq!(
        pets["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Pet"
    );
    assert_eq!(
        pets["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Pets"
    );
    assert_eq!(pets["get"]["responses"]["200"]["headers"]["X-Next"]["schema"]["type"], "string");
    assert_eq!(doc["components"]["schemas"]["Pets"]["items"]["$ref"], "#/components/schemas/Pet");
    assert!(doc["components"]["schemas"]["Pet"].get("$schema").is_none());
    assert_eq!(doc["components"]["schemas"]["Empty"]["type"], "object");
    assert_eq!(doc["components"]["schemas"]["Error"]["properties"]["message"]["type"], "string");
    // The validator.
    assert_eq!(pets["post"]["x-amazon-apigateway-request-validator"], "body-only");
    assert_eq!(
        doc["x-amazon-apigateway-request-validators"]["body-only"],
        serde_json::json!({"validateRequestBody": true, "validateRequestParameters": false})
    );
    // The integration, with the export's lower-case enums and responses keyed by pattern.
    let post = &pets["post"]["x-amazon-apigateway-integration"];
    assert_eq!(post["type"], "aws");
    assert_eq!(post["passthroughBehavior"], "never");
    assert_eq!(post["timeoutInMillis"], 10000);
    assert_eq!(post["responses"]["default"]["statusCode"], "201");
    assert_eq!(post["responses"][".*Invalid.*"]["statusCode"], "400");
    // CDK's Fn::Join URI is read as the Fn::Sub it stands for; the function's ARN keeps its shape.
    let uri = post["uri"]["Fn::Sub"].as_str().unwrap();
    assert!(
        uri.starts_with("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:"),
        "{uri}"
    );
    // PetsFunction has no FunctionName: CloudFormation names it, and its Ref stands for the name.
    assert!(uri.ends_with(":function:${PetsFunction}/invocations"), "{uri}");
    let get = &pet["get"]["x-amazon-apigateway-integration"];
    assert_eq!(get["cacheKeyParameters"], serde_json::json!(["method.request.path.petId"]));
    assert_eq!(get["requestParameters"]["integration.request.path.id"], "method.request.path.petId");
    // The RestApi's own properties; `~1` in a binary media type is `/`.
    assert_eq!(doc["x-amazon-apigateway-binary-media-types"], serde_json::json!(["image/png"]));
    assert_eq!(doc["x-amazon-apigateway-api-key-source"], "HEADER");
    assert_eq!(doc["x-amazon-apigateway-minimum-compression-size"], 1024);
    assert_eq!(doc["x-amazon-apigateway-policy"]["Statement"][0]["Action"], "execute-api:Invoke");
    assert_eq!(doc["x-amazon-apigateway-gateway-responses"]["UNAUTHORIZED"]["statusCode"], "401");
}

/// A built HTTP API reads like `export-api` of what the resources make.
#[test]
fn an_http_api_is_built_as_the_export_writes_it() {
    let apis = loaded(&root().join("specs/templates/cfn-http-defects.yaml"));
    let api = apis[0].1.as_ref().unwrap();
    let doc = &api.sources.get(Default::default()).value;
    let item = &doc["paths"]["/items/{id}"];
    assert_eq!(item["get"]["security"], serde_json::json!([{"jwt": ["items.read"]}]));
    assert_eq!(item["parameters"][0]["name"], "id");
    let jwt = &doc["components"]["securitySchemes"]["jwt"];
    assert_eq!(jwt["type"], "oauth2");
    assert_eq!(jwt["x-amazon-apigateway-authorizer"]["type"], "jwt");
    assert_eq!(jwt["x-amazon-apigateway-authorizer"]["identitySource"], "$request.header.Authorization");
    assert_eq!(jwt["x-amazon-apigateway-authorizer"]["jwtConfiguration"]["issuer"], "https://issuer.example.com");
    let lambda = &item["get"]["x-amazon-apigateway-integration"];
    assert_eq!(lambda["type"], "aws_proxy");
    assert_eq!(lambda["payloadFormatVersion"], "2.0");
    assert_eq!(
        doc["paths"]["/items"]["get"]["x-amazon-apigateway-integration"]["uri"],
        "https://backend.example.com/items"
    );
    let default = &doc["paths"]["/$default"]["x-amazon-apigateway-any-method"];
    assert_eq!(default["isDefaultRoute"], true);
    assert_eq!(default["security"], serde_json::json!([{"sigv4": []}]));
    assert_eq!(doc["x-amazon-apigateway-cors"]["allowOrigins"], serde_json::json!(["https://example.com"]));
    assert_eq!(doc["x-amazon-apigateway-cors"]["maxAge"], 600);
    assert_eq!(doc["x-amazon-apigateway-importexport-version"], "1.0");

    // Quick create: a function makes a Lambda proxy on `$default`, a URL an HTTP proxy.
    let apis = loaded(&root().join("specs/templates/cfn-http-quick-create.yaml"));
    let quick = &apis[0].1.as_ref().unwrap().sources.get(Default::default()).value;
    let op = &quick["paths"]["/$default"]["x-amazon-apigateway-any-method"];
    assert_eq!(op["x-amazon-apigateway-integration"]["type"], "aws_proxy");
    assert_eq!(op["x-amazon-apigateway-integration"]["payloadFormatVersion"], "2.0");
    let proxy = &apis[1].1.as_ref().unwrap().sources.get(Default::default()).value;
    let op = &proxy["paths"]["/{proxy+}"]["x-amazon-apigateway-any-method"];
    assert_eq!(op["x-amazon-apigateway-integration"]["type"], "http_proxy");
    assert_eq!(op["x-amazon-apigateway-integration"]["uri"], "https://backend.example.com");
}

/// One error finding: file, API, rule.
type Key = (String, String, String);

/// Every error-level finding on a corpus API built from resources is explained in
/// tests/cfn-lint-expectations.tsv (file, api, rule, reason), and every line there still occurs.
#[test]
fn lint_errors_on_cfn_and_cdk_apis_are_explained() {
    let text = std::fs::read_to_string(root().join("tests/cfn-lint-expectations.tsv")).unwrap();
    let mut expected = BTreeSet::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() == 4 && !cols[3].trim().is_empty(), "file, api, rule, reason: {line}");
        expected.insert((cols[0].to_string(), cols[1].to_string(), cols[2].to_string()));
    }
    let mut actual = BTreeSet::new();
    let mut messages = Vec::new();
    for file in templates() {
        for (id, api) in loaded(&file) {
            let (id, api) = (id.unwrap(), api.unwrap());
            for f in lint::run(&api, Mode::Lint).into_iter().filter(|f| f.severity == Severity::Error) {
                let key: Key = (name(&file), id.clone(), f.rule.to_string());
                if !expected.contains(&key) {
                    messages.push(format!("{}\t{}\t{}\t{}", key.0, key.1, key.2, f.message));
                }
                actual.insert(key);
            }
        }
    }
    assert!(
        messages.is_empty(),
        "unexplained errors (add a reason to tests/cfn-lint-expectations.tsv, or fix):\n{}",
        messages.join("\n")
    );
    let gone: Vec<_> = expected.difference(&actual).collect();
    assert!(gone.is_empty(), "listed errors that no longer occur (remove them): {gone:?}");
}

/// The TypeScript compiler from `.tools`.
fn tsc() -> PathBuf {
    let path = root().join(".tools/node_modules/.bin/tsc");
    assert!(path.exists(), "{} is missing: run `bash .ci/setup` first", path.display());
    path
}

/// Every REST and HTTP API of the corpus templates gets an SDK; all of them compile together in
/// one run of the real TypeScript compiler under the strict flags.
#[test]
fn every_cfn_and_cdk_api_gets_an_sdk_that_compiles() {
    let dir = root().join("target/sdk-tests/cfn");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut count = 0;
    for file in templates() {
        for (id, api) in loaded(&file) {
            let id = id.unwrap();
            if api.is_err() {
                continue;
            }
            count += 1;
            let out = dir.join(format!("sdk{count}"));
            let o = gwgen(&["sdk", "--lang", "ts", file.to_str().unwrap(), "--api", &id, "-o", out.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(0), "{} {id}: {}", name(&file), stderr(&o));
        }
    }
    assert_eq!(count, 107, "every REST and HTTP API of the corpus templates");
    // One project over every package's declarations, with the flags each package's own tsconfig sets.
    let config = common::strict_project("sdk*/lib");
    std::fs::write(dir.join("tsconfig.json"), serde_json::to_string_pretty(&config).unwrap()).unwrap();
    let o = Command::new(tsc()).current_dir(&dir).args(["-p", "tsconfig.json"]).output().expect("tsc runs");
    let errors = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{}", &errors[..errors.len().min(6000)]);
}

/// What `gwgen import` plans for APIs built from resources.
#[test]
fn cfn_and_cdk_plans() {
    let settings = common::snapshot_settings();
    let _guard = settings.bind_to_scope();
    for (short, rel, api) in [
        ("cdk-rest-books", "../shared/corpus/cdk/aws__aws-cdk__packages__@aws-cdk-testing__framework-integ__test__aws-apigateway__test__integ.restapi.books.js.snapshot__restapi-books-example.template.json", None),
        ("cdk-http-lambda-authorizer", "../shared/corpus/cdk/aws__aws-cdk__packages__@aws-cdk-testing__framework-integ__test__aws-apigatewayv2-authorizers__test__http__integ.lambda.js.snapshot__AuthorizerInteg.template.json", Some("MyHttpApi8AEAAC21")),
        ("cfn-rest-usage-plan", "../shared/corpus/cfn-resources/localstack__localstack__tests__aws__templates__apigateway_integration_no_authorizer.yml", None),
        ("cfn-rest-domain", "../shared/corpus/cfn-resources/localstack__localstack__tests__aws__templates__apigateway_basepath_mapping.yaml", None),
        ("cfn-rest-full", "specs/templates/cfn-rest-full.yaml", None),
        ("cfn-http-defects", "specs/templates/cfn-http-defects.yaml", None),
    ] {
        let mut args = vec!["import", rel];
        if let Some(api) = api {
            args.extend(["--api", api]);
        }
        let out = gwgen(&args);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{short}: {}", stderr(&out));
        insta::assert_snapshot!(format!("plan-{short}"), stdout(&out));
    }
}

/// The findings of `gwgen lint` on a template: (rule, line, the line's text).
fn findings(file: &str) -> Vec<(String, u64, String)> {
    let path = root().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let out = gwgen(&["lint", path.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file}: {e}: {}", stderr(&out)));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert!(f["file"].as_str().unwrap().ends_with(file), "{f}");
            let line = f["line"].as_u64().unwrap();
            (
                f["rule"].as_str().unwrap().to_string(),
                line,
                text.lines().nth(line as usize - 1).unwrap().trim().to_string(),
            )
        })
        .collect()
}

fn line_of<'a>(found: &'a [(String, u64, String)], rule: &str) -> Vec<&'a str> {
    found.iter().filter(|(r, _, _)| r == rule).map(|(_, _, l)| l.as_str()).collect()
}

#[test]
fn findings_on_a_built_rest_api_point_at_the_property_that_holds_the_defect() {
    let found = findings("specs/templates/cfn-rest-defects.yaml");
    // A wrong region in a Method's Integration Uri: the Uri line.
    let region = line_of(&found, "integration-lambda-region-match");
    assert_eq!(region.len(), 1, "{found:?}");
    assert!(region[0].starts_with("Uri: arn:aws:apigateway:us-east-1:lambda"), "{region:?}");
    // GET on Lambda: the IntegrationHttpMethod line; the timeout: its line.
    assert_eq!(line_of(&found, "integration-lambda-post"), vec!["IntegrationHttpMethod: GET"]);
    assert_eq!(line_of(&found, "integration-timeout-range"), vec!["TimeoutInMillis: 45000"]);
    // The authorizer's TTL: the Authorizer resource's property.
    assert_eq!(line_of(&found, "authorizer-ttl-range"), vec!["AuthorizerResultTtlInSeconds: 7200"]);
    // What a Method lacks: the Method itself.
    assert!(line_of(&found, "operation-responses-missing").iter().all(|l| *l == "ListOrders:" || *l == "CreateOrder:"));
}

#[test]
fn findings_on_a_built_http_api_point_at_the_property_that_holds_the_defect() {
    let found = findings("specs/templates/cfn-http-defects.yaml");
    assert_eq!(line_of(&found, "integration-timeout-range"), vec!["TimeoutInMillis: 45000"]);
    assert_eq!(line_of(&found, "operation-unauthenticated"), vec!["ListItems:"]);
    assert!(line_of(&found, "payload-format-version-required").is_empty(), "{found:?}");
}

/// Resources that CloudFormation could not create: a located load error with what to change,
/// exit 2, and a summary that counts the API as not read.
#[test]
fn broken_resource_trees_fail_at_the_property() {
    for (file, line, says, help) in [
        (
            "specs/templates/cfn-broken-cycle.yaml",
            "16:7",
            "form a cycle",
            "make the chain of ParentIds end at the API's RootResourceId",
        ),
        (
            "specs/templates/cfn-broken-method.yaml",
            "10:7",
            "names `ItemsResource`, which the template does not define",
            "Unresolved resource dependencies [ItemsResource] in the Resources block of the template",
        ),
        (
            "specs/templates/cfn-broken-route.yaml",
            "11:7",
            "names `ItemsIntegration`, which the template does not define",
            "define `ItemsIntegration` as an AWS::ApiGatewayV2::Integration of `Api`",
        ),
    ] {
        let out = gwgen(&["lint", file]);
        assert_eq!(out.status.code(), Some(2), "{file}: {}", stdout(&out));
        let err = stderr(&out).replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(err.contains(&format!("{file}:{line}")), "{file}: {err}");
        assert!(err.contains(says), "{file}: {err}");
        assert!(err.contains(help), "{file}: {err}");
        assert!(stdout(&out).contains("nothing linted: searched 1 file, 1 API could not be read"), "{}", stdout(&out));
    }
}

/// Every node a built document records as made from the template is in the document, and the
/// template node it names is in the template: findings are reported at a real line.
#[test]
fn every_recorded_origin_names_real_nodes() {
    let mut checked = 0;
    let mut files = templates();
    files.extend(
        common::files_in(&root().join("specs/templates")).into_iter().filter(|f| !name(f).starts_with("cfn-broken")),
    );
    for file in files {
        let source = load::read_source(&file).unwrap();
        let ctx = template::Context::of(&source.value);
        for api in template::apis(&source).iter().filter(|a| matches!(a.body, template::Body::Resources)) {
            let built = template::build(&source, api, &ctx).unwrap_or_else(|e| panic!("{}: {e:?}", name(&file)));
            assert!(!built.added.is_empty(), "{} {}", name(&file), api.logical_id);
            for a in &built.added {
                assert!(
                    a.at.resolve(&built.doc).is_some(),
                    "{} {}: {} is not in the document",
                    name(&file),
                    api.logical_id,
                    a.at.as_str()
                );
                assert!(
                    a.from.resolve(&source.value).is_some(),
                    "{} {}: {} is not in the template",
                    name(&file),
                    api.logical_id,
                    a.from.as_str()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

/// Every API built from resources exports (OpenAPI 3.0; REST also Swagger 2.0), and the exported
/// document loads back with the same routes, integrations and authorization.
#[test]
fn every_cfn_and_cdk_api_exports_and_loads_back() {
    use gwgen::render::export::{self, ExtensionSet, Options, Target};
    let summary = |api: &gwgen::ir::Api| -> Vec<String> {
        api.operations()
            .map(|(path, op)| {
                let target = op.integration.as_ref().map(|i| format!("{:?}", i.kind())).unwrap_or_default();
                format!("{} {} {target} {:?}", op.method.as_str(), path.path, api.authorization(op))
            })
            .collect()
    };
    let mut checked = 0;
    for file in templates() {
        for (id, api) in loaded(&file) {
            let (id, api) = (id.unwrap(), api.unwrap());
            let targets: &[Target] = if api.api_type == gwgen::ir::ApiType::Rest {
                &[Target::Oas30, Target::Swagger2]
            } else {
                &[Target::Oas30]
            };
            for target in targets {
                let options = Options { target: *target, extensions: ExtensionSet::Apigateway, stage: None };
                let out = export::export(&api, &options).unwrap_or_else(|e| panic!("{} {id}: {e:?}", name(&file)));
                let text = gwgen::render::to_json(&out.document);
                let source = load::parse_source(file.with_extension("export.json"), text.into_bytes()).unwrap();
                let options = load::Options {
                    api_type: Some((api.api_type, api.api_type_from.clone())),
                    api: None,
                    allow_external_refs: false,
                    parameters: Vec::new(),
                };
                let back =
                    load::load_source(source, &options).unwrap_or_else(|e| panic!("{} {id}: {e:?}", name(&file)));
                assert_eq!(summary(&back), summary(&api), "{} {id} ({target:?})", name(&file));
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 82 * 2 + 25);
}

/// The `(file:line:column, message)` of each error a failed command printed, in order.
fn errors_of(out: &std::process::Output) -> Vec<String> {
    let err = stderr(out).replace('│', " ");
    err.lines()
        .filter_map(|l| l.trim_start().strip_prefix("× "))
        .map(|l| l.split_once(": ").map_or(l, |(at, _)| at).to_string())
        .collect()
}

/// A resource (or output) that CloudFormation creates and that refers to a resource whose
/// condition is false makes CloudFormation refuse the template ("Unresolved resource dependencies
/// [Name] in the Resources block of the template"): every command fails (exit 2) at each
/// reference, naming the condition; a reference guarded as CloudFormation allows is no error.
#[test]
fn references_to_a_resource_its_condition_leaves_out_fail_at_each_reference() {
    let file = "specs/templates/cfn-broken-condition-ref.yaml";
    for command in ["lint", "import", "export"] {
        let out = gwgen(&[command, file]);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stdout(&out));
        // AdminGet's ResourceId, Items' ParentId, the Deployment's DependsOn item and Fn::Sub,
        // the unconditional output; not AdminPost's Fn::If nor the output with the Condition.
        let at: Vec<String> = errors_of(&out);
        let expected = ["24:7", "32:7", "44:38", "47:7", "53:5"].map(|at| format!("{file}:{at}"));
        assert_eq!(at, expected, "{command}: {}", stderr(&out));
    }
    let err = stderr(&gwgen(&["lint", file])).replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        err.contains("`AdminGet` refers to `Admin`, which is not created: its Condition `IsProd` is false")
            && err.contains("(Unresolved resource dependencies [Admin] in the Resources block of the template)")
            && err.contains("(Unresolved resource dependencies [Admin] in the Outputs block of the template)")
            && err.contains("help: give `AdminGet` the Condition `IsProd` too, or wrap the reference in `!If [IsProd,")
            && err.contains("or remove `Admin` from its DependsOn"),
        "{err}"
    );
    // In prod every resource is created: the template is valid.
    let prod = gwgen(&["import", file, "--parameter", "Env=prod"]);
    assert_eq!(prod.status.code(), Some(0), "{}", stderr(&prod));
    assert!(stdout(&prod).contains("/admin\n      GET"), "{}", stdout(&prod));
}

/// A SAM event on an API whose condition is false: SAM's transform takes it (it applies no
/// conditions), CloudFormation refuses what it makes. An event naming no resource at all is
/// refused by SAM first, with SAM's message.
#[test]
fn a_sam_event_on_an_api_its_condition_leaves_out_is_cloudformation_s_error() {
    let file = "specs/templates/sam-event-removed-api.yaml";
    let out = gwgen(&["lint", file]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert_eq!(errors_of(&out), [format!("{file}:27:41")], "{}", stderr(&out));
    let err = stderr(&out).replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(err.contains("`ListFn` refers to `AdminApi`, which is not created: its Condition `IsProd`"), "{err}");
    assert!(!err.contains("must reference a valid resource"), "{err}");
    let prod = gwgen(&["lint", file, "--parameter", "Env=prod"]);
    assert_eq!(prod.status.code(), Some(0), "{}", stderr(&prod));

    let text = std::fs::read_to_string(file)
        .unwrap()
        .replace("RestApiId: !Ref AdminApi, Path: /admin,", "RestApiId: !Ref Nowhere, Path: /admin,");
    let dir = std::env::temp_dir().join(format!("gwgen-sam-nowhere-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let nowhere = dir.join("template.yaml");
    std::fs::write(&nowhere, text).unwrap();
    let out = gwgen(&["lint", nowhere.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out).replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        err.contains("RestApiId property of Api event must reference a valid resource in the same template."),
        "{err}"
    );
}
