//! WebSocket APIs: every corpus WebSocket template loads, SAM's WebSocketApi is read as SAM's
//! own transform expands it (its recorded output is the oracle), plans, and findings land on
//! the template's lines.

use crate::common;

use std::path::{Path, PathBuf};

use common::{corpus, gwgen, stderr, stdout};
use gwgen::ir::{Api, Text, WebSocketApi};
use gwgen::load::{self, template};

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// The corpus templates (CDK output, SAM examples) that define a WebSocket API.
fn websocket_templates() -> Vec<PathBuf> {
    let mut all = common::files_in(&corpus().join("cdk"));
    all.extend(common::files_in(&corpus().join("sam-events")));
    all.retain(|p| {
        load::read_source(p).is_ok_and(|s| template::is_template(&s.value) && !template::websocket_apis(&s).is_empty())
    });
    all
}

/// The WebSocket APIs of a template, loaded (logical id and API).
fn websocket_apis(file: &Path) -> Vec<(String, Api)> {
    let all = load::load_all(file, &load::Options::default()).unwrap_or_else(|e| panic!("{}: {e:?}", name(file)));
    all.into_iter()
        .filter_map(|(id, api)| {
            let api = api.unwrap_or_else(|e| panic!("{} {id:?}: {e:?}", name(file)));
            api.websocket.is_some().then(|| (id.unwrap(), api))
        })
        .collect()
}

#[test]
fn every_corpus_websocket_template_loads() {
    let files = websocket_templates();
    let mut count = 0;
    for file in &files {
        for (id, api) in websocket_apis(file) {
            let ws = api.websocket.as_ref().unwrap();
            assert_eq!(ws.logical_id, id);
            assert!(ws.route_selection_expression.is_some(), "{} {id}", name(file));
            // Each route's target is an integration the template defines.
            for r in &ws.routes {
                if let Some(t) = &r.integration {
                    assert!(
                        ws.integrations.contains_key(&t.value),
                        "{} {id}: route {:?} targets {}",
                        name(file),
                        r.key,
                        t.value
                    );
                }
            }
            count += 1;
        }
    }
    // cdk: 10 AWS::ApiGatewayV2::Api resources with ProtocolType WEBSOCKET; sam-events: 7.
    assert_eq!((files.len(), count), (17, 17));
}

/// What SAM makes of a WebSocketApi, in the terms both readings share: route keys with their
/// authorization, authorizer and integration (type, URI, timeout), and the stage names.
fn shape(api: &Api) -> Vec<String> {
    let ws: &WebSocketApi = api.websocket.as_ref().unwrap();
    let text = |t: &Text| serde_json::to_string(t).unwrap();
    let mut out: Vec<String> = ws
        .routes
        .iter()
        .map(|r| {
            let i = ws.integration_of(r).expect("SAM gives every route an integration");
            let a = ws.authorizer_of(r).map(|a| {
                let ids: Vec<String> = a.identity_sources.iter().map(|s| text(&s.value)).collect();
                format!(
                    "{:?} {} {} [{}]",
                    a.kind.as_ref().map(|k| &k.value),
                    a.name.as_ref().map(text).unwrap_or_default(),
                    a.uri.as_ref().map(|u| text(&u.value)).unwrap_or_default(),
                    ids.join(",")
                )
            });
            format!(
                "{} auth={:?} authorizer={:?} {:?} {} timeout={:?} key={:?} rrse={:?} msel={:?} models={:?}",
                text(&r.key.value),
                r.authorization.as_ref().map(|a| a.value),
                a,
                i.kind(),
                i.uri.as_ref().map(|u| text(&u.value)).unwrap_or_default(),
                i.timeout.as_ref().and_then(|t| t.value.value),
                r.api_key_required.as_ref().map(|k| k.value),
                r.route_response_selection_expression.as_ref().map(|e| text(&e.value)),
                r.model_selection_expression.as_ref().map(|e| text(&e.value)),
                r.request_models.iter().map(|(k, v)| format!("{k}={}", text(&v.value))).collect::<Vec<_>>(),
            )
        })
        .collect();
    out.sort();
    out.push(format!("name {:?}", ws.name.as_ref().map(text)));
    out.push(format!(
        "rse {:?} akse {:?}",
        ws.route_selection_expression.as_ref().map(|e| text(&e.value)),
        ws.api_key_selection_expression.as_ref().map(|e| text(&e.value))
    ));
    let mut stages: Vec<String> = api
        .deployment
        .stages
        .iter()
        .map(|s| format!("stage {} {:?}", s.name, s.variables.iter().collect::<std::collections::BTreeMap<_, _>>()))
        .collect();
    stages.sort();
    out.extend(stages);
    out
}

/// SAM's translator tests hold each WebSocketApi input and the CloudFormation its transform
/// wrote: gwgen's reading of the input equals its reading of that output.
#[test]
fn sam_websocket_apis_read_as_sams_transform_expands_them() {
    let dir = corpus().join("sam-translator");
    let mut compared = 0;
    for input in common::files_in(&dir.join("input")) {
        let n = name(&input);
        if !n.starts_with("websocket_api") {
            continue;
        }
        let output = dir.join("output").join(n.replace(".yaml", ".json"));
        let ours = websocket_apis(&input);
        let sams = websocket_apis(&output);
        assert_eq!(ours.len(), sams.len(), "{n}");
        for ((id, api), (sam_id, sam_api)) in ours.iter().zip(&sams) {
            assert_eq!(id, sam_id, "{n}");
            assert_eq!(shape(api), shape(sam_api), "{n} {id}");
            compared += 1;
        }
    }
    assert!(compared >= 20, "{compared}");
}

/// SAM's refusals of a WebSocketApi are errors at the property, in SAM's words.
#[test]
fn sam_refusals_are_located_errors() {
    let dir = corpus().join("sam-translator");
    for (file, line) in [
        ("error_websocket_api_auth_no_connect.yaml", "Authorization is only available if there is a $connect route."),
        ("error_websocket_api_route_no_function.yaml", "Route must have associated function."),
        (
            "error_websocket_api_non_connect_request_parameters.yaml",
            "Request parameters are only supported for the $connect route in WebSocket APIs.",
        ),
        ("error_websocket_api_list_route_settings.yaml", "Property 'RouteSettings' should be a map."),
        ("error_websocket_api_invalid_basepath_type.yaml", "Basepath must be a string."),
    ] {
        let path = dir.join("input").join(file);
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("output").join(file.replace(".yaml", ".json"))).unwrap(),
        )
        .unwrap();
        assert!(
            expected["errorMessage"].as_str().unwrap().ends_with(line),
            "{file}: SAM says {}",
            expected["errorMessage"]
        );
        let out = gwgen(&["import", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = stderr(&out);
        // The message as one line (the report wraps long lines).
        let flat = err.replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(line), "{file}: {err}");
        // At the property: file:line:column.
        let at = err.split_whitespace().find(|w| w.contains(&format!("{file}:"))).unwrap_or_default();
        assert!(
            at.trim_end_matches(':').split(':').rev().take(2).all(|n| n.parse::<u32>().is_ok()),
            "{file}: not located: {err}"
        );
    }
}

/// What `gwgen import` plans for WebSocket APIs.
#[test]
fn websocket_plans() {
    let settings = common::snapshot_settings();
    let _guard = settings.bind_to_scope();
    let cdk = "../shared/corpus/cdk/aws__aws-cdk__packages__@aws-cdk-testing__framework-integ__test__";
    for (short, rel) in [
        ("ws-cdk-lambda", format!("{cdk}aws-apigatewayv2-integrations__test__websocket__integ.lambda.js.snapshot__WebSocketApiInteg.template.json")),
        ("ws-cdk-mock", format!("{cdk}aws-apigatewayv2-integrations__test__websocket__integ.mock.js.snapshot__integ-mock-websocket-integration.template.json")),
        ("ws-cdk-iam", format!("{cdk}aws-apigatewayv2-authorizers__test__websocket__integ.iam.js.snapshot__IntegApiGatewayV2Iam.template.json")),
        ("ws-sam-integrations", "../shared/corpus/sam-events/aws-samples__serverless-samples__apigw-ws-integrations__template.yaml".into()),
        ("ws-sam-authorizer", "../shared/corpus/sam-events/aws-samples__serverless-patterns__apigw-websocket-mapping-template-authorizer__template.yaml".into()),
        ("ws-sam-auth-config", "../shared/corpus/sam-translator/input/websocket_api_with_auth_config.yaml".into()),
        ("ws-chat", "specs/templates/websocket-chat.yaml".into()),
    ] {
        let out = gwgen(&["import", &rel]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{short}: {}", stderr(&out));
        insta::assert_snapshot!(format!("plan-{short}"), stdout(&out));
    }
}

/// `gwgen lint` of a folder reads its WebSocket templates and lints them.
#[test]
fn lint_of_a_folder_reads_websocket_templates() {
    let dir = common::root().join("target/ws-lint");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(common::root().join("specs/lint/websocket-auth-connect-only.yaml"), dir.join("chat.yaml")).unwrap();
    let out = gwgen(&["lint", dir.to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["summary"]["apis"], 1, "{}", stdout(&out));
    assert_eq!(report["summary"]["not_read"], 0);
    let rules: Vec<&str> = report["findings"].as_array().unwrap().iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(rules.contains(&"websocket-auth-connect-only"), "{rules:?}");
    assert_eq!(out.status.code(), Some(1));
}

/// Every WebSocket API of the corpus (CDK, SAM examples, SAM's translator inputs) and the
/// example chat exports to AsyncAPI 3.0, and AsyncAPI's own parser finds no error in any.
#[test]
fn every_websocket_api_exports_asyncapi_that_validates() {
    let dir = common::root().join("target/ws-asyncapi");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = websocket_templates();
    files.extend(
        common::files_in(&corpus().join("sam-translator/input"))
            .into_iter()
            .filter(|p| name(p).starts_with("websocket_api")),
    );
    files.push(common::root().join("specs/templates/websocket-chat.yaml"));
    let mut written = Vec::new();
    for file in &files {
        for (id, _) in websocket_apis(file) {
            let out = dir.join(format!("{}.json", written.len()));
            let o = gwgen(&[
                "export",
                "--to",
                "asyncapi",
                file.to_str().unwrap(),
                "--api",
                &id,
                "-o",
                out.to_str().unwrap(),
            ]);
            assert_eq!(o.status.code(), Some(0), "{} {id}: {}", name(file), stderr(&o));
            written.push(out.to_string_lossy().into_owned());
        }
    }
    // 17 in the corpus templates, 21 in SAM's translator inputs, and the chat.
    assert_eq!(written.len(), 39);
    let script = common::root().join("tests/asyncapi/validate.cjs");
    let o = std::process::Command::new("node").arg(&script).args(&written).output().expect("node runs");
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o).lines().filter(|l| l.ends_with(": ok")).count(), written.len());
}

/// The chat's AsyncAPI document: the route selection property set to each route's key on its
/// message, the request models as payloads, a reply on the two-way route, the authorizer's
/// query string parameter on the handshake, the stage as a server.
#[test]
fn asyncapi_of_the_chat() {
    let out = gwgen(&["export", "--to", "asyncapi", "--format", "json", "specs/templates/websocket-chat.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let messages = &doc["channels"]["connection"]["messages"];
    assert_eq!(messages["send"]["payload"]["properties"]["action"]["const"], "send");
    assert_eq!(messages["send"]["payload"]["required"], serde_json::json!(["action", "room", "text"]));
    assert_eq!(messages["send"]["payload"]["properties"]["text"]["maxLength"], 1000);
    assert!(messages["send"]["payload"].get("$schema").is_none());
    assert_eq!(doc["operations"]["join"]["reply"]["messages"][0]["$ref"], "#/channels/connection/messages/join.reply");
    assert!(doc["operations"]["send"].get("reply").is_none(), "send is one-way");
    assert_eq!(doc["operations"]["send"]["action"], "receive");
    assert_eq!(doc["channels"]["connection"]["bindings"]["ws"]["query"]["required"], serde_json::json!(["token"]));
    assert_eq!(doc["servers"]["prod"]["pathname"], "/prod");
    assert_eq!(doc["servers"]["prod"]["protocol"], "wss");
    // A WebSocket API has no OpenAPI form, and a REST API no AsyncAPI one.
    let o = gwgen(&["export", "specs/templates/websocket-chat.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--to asyncapi"), "{}", stderr(&o));
    let o = gwgen(&["export", "--to", "asyncapi", "specs/templates/cfn-rest-full.yaml"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The tools of the TypeScript tests (`bash .ci/setup`).
fn tool(path: &str) -> PathBuf {
    let p = common::root().join(".tools").join(path);
    assert!(p.exists(), "{} is missing: run `bash .ci/setup` first", p.display());
    p
}

/// Every WebSocket API of the corpus and the chat gets a client that compiles under the strict
/// flags, with DOM types and with Node's only.
#[test]
fn every_websocket_api_gets_a_client_that_compiles() {
    let dir = common::root().join("target/sdk-tests/websocket");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = websocket_templates();
    files.push(common::root().join("specs/templates/websocket-chat.yaml"));
    let mut count = 0;
    for file in &files {
        for (id, _) in websocket_apis(file) {
            count += 1;
            let out = dir.join(format!("sdk{count}"));
            let o = gwgen(&["sdk", "--lang", "ts", file.to_str().unwrap(), "--api", &id, "-o", out.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(0), "{} {id}: {}", name(file), stderr(&o));
        }
    }
    assert_eq!(count, 18);
    let strict = serde_json::json!({
        "target": "es2020", "module": "es2020", "moduleResolution": "bundler",
        "strict": true, "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true,
        "noUnusedLocals": true, "noUnusedParameters": true, "noImplicitOverride": true,
        "noImplicitReturns": true, "noFallthroughCasesInSwitch": true, "verbatimModuleSyntax": true,
        "isolatedModules": true, "skipLibCheck": false, "skipDefaultLibCheck": true, "noEmit": true
    });
    let types = common::root().join(".tools/node_modules/@types");
    for (config, extra) in [
        ("tsconfig.dom.json", serde_json::json!({"lib": ["es2020", "dom"], "types": []})),
        ("tsconfig.node.json", serde_json::json!({"lib": ["es2020"], "types": ["node"], "typeRoots": [types]})),
    ] {
        let mut options = strict.clone();
        options.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        let project = serde_json::json!({"compilerOptions": options, "include": ["sdk*/lib"]});
        std::fs::write(dir.join(config), serde_json::to_string_pretty(&project).unwrap()).unwrap();
        let o = std::process::Command::new(tool("node_modules/.bin/tsc"))
            .current_dir(&dir)
            .args(["-p", config])
            .output()
            .unwrap();
        assert!(o.status.success(), "{config}: {}{}", stdout(&o), stderr(&o));
    }
}

/// The chat's client, compiled, against a local server that routes as API Gateway does:
/// connect with the authorizer's token, send per route, two-way replies, a refused connection,
/// reconnection after the server drops the connection, the heartbeat, and IAM's presigned URL
/// against aws4fetch's signing (tests/ts/websocket.test.mjs).
#[test]
fn the_chat_client_talks_to_a_gateway_like_server() {
    let dir = common::root().join("target/sdk-tests/websocket-chat");
    let _ = std::fs::remove_dir_all(&dir);
    let o = gwgen(&["sdk", "--lang", "ts", "specs/templates/websocket-chat.yaml", "-o", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The package's own settings (the strict ones) over its declarations.
    let o = std::process::Command::new(tool("node_modules/.bin/tsc"))
        .current_dir(&dir)
        .args(["-p", "tsconfig.json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let o = std::process::Command::new("node")
        .args(["--experimental-websocket", "--test", "--test-timeout=10000"])
        .arg(common::root().join("tests/ts/websocket.test.mjs"))
        .env("CLIENT_DIR", &dir)
        .env("WS_MODULE", tool("websocket/node_modules/ws"))
        .env("AWS4FETCH_MODULE", tool("node_modules/aws4fetch/dist/aws4fetch.esm.mjs"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("# pass 8"), "{}", stdout(&o));
}

/// The custom domains mapped to a WebSocket API are `wss` servers with their base path, next to
/// the stages' execute-api endpoints, and AsyncAPI's parser accepts the documents. SAM's
/// `Domain.BasePath: [/get, /post]` becomes the ApiMappingKeys `get` and `post` in SAM's own
/// output (`sam-translator/output/websocket_api_custom_domains_regional.json`), with the domain
/// name a parameter.
#[test]
fn asyncapi_servers_include_custom_domains() {
    let dir = common::root().join("target/ws-asyncapi-domains");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sam = corpus().join("sam-translator/input/websocket_api_custom_domains_regional.yaml");
    let mut written = Vec::new();
    let mut docs = Vec::new();
    for (i, file) in [common::root().join("specs/templates/websocket-domains.yaml"), sam].iter().enumerate() {
        let out = dir.join(format!("{i}.json"));
        let o = gwgen(&[
            "export",
            "--to",
            "asyncapi",
            "--format",
            "json",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        docs.push(serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&out).unwrap()).unwrap());
        written.push(out.to_string_lossy().into_owned());
    }
    let servers = &docs[0]["servers"];
    assert_eq!(servers.as_object().unwrap().len(), 3, "{servers:#}");
    assert_eq!(servers["prod"]["pathname"], "/prod");
    // The root mapping (no ApiMappingKey): the domain alone.
    assert_eq!(servers["chat.example.com"]["host"], "chat.example.com");
    assert_eq!(servers["chat.example.com"]["protocol"], "wss");
    assert!(servers["chat.example.com"].get("pathname").is_none());
    // A mapping that names the domain by its text, under `v1`.
    assert_eq!(servers["api.example.com_v1"]["host"], "api.example.com");
    assert_eq!(servers["api.example.com_v1"]["pathname"], "/v1");
    let servers = &docs[1]["servers"];
    assert_eq!(servers["Prod"]["pathname"], "/Prod");
    for path in ["get", "post"] {
        let s = &servers[format!("customDomain_{path}")];
        assert_eq!(s["host"], "{domainName}", "{servers:#}");
        assert_eq!(s["pathname"], format!("/{path}"));
        assert!(s["variables"]["domainName"]["description"].as_str().unwrap().contains("MyDomainName"));
    }
    let script = common::root().join("tests/asyncapi/validate.cjs");
    let o = std::process::Command::new("node").arg(&script).args(&written).output().expect("node runs");
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o).lines().filter(|l| l.ends_with(": ok")).count(), written.len());
}

/// `gwgen import` lists what creating a WebSocket API's definition refuses (an authorizer type
/// other than REQUEST, as CreateAuthorizer refuses it; an integration timeout out of range) and,
/// since a template creates the API resource by resource, what fails when its stage is created
/// (route settings for a route the API lacks), as errors: the stack would not deploy.
#[test]
fn import_findings_of_websocket_apis() {
    let rules_of = |args: &[&str]| -> Vec<String> {
        let out = gwgen(args);
        let report: serde_json::Value =
            serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
        report["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
    };
    let found = rules_of(&["import", "specs/lint/websocket-authorizer-type.yaml", "--api", "Chat", "--format", "json"]);
    assert_eq!(found, ["websocket-authorizer-type"; 3], "{found:?}");
    let found = rules_of(&[
        "import",
        "specs/lint/integration-timeout-range/websocket.yaml",
        "--api",
        "Chat",
        "--format",
        "json",
    ]);
    assert_eq!(found, ["integration-timeout-range"], "{found:?}");
    let stage = "specs/lint/route-settings-key/websocket.yaml";
    let imported = rules_of(&["import", stage, "--api", "Chat", "--format", "json"]);
    assert_eq!(imported, ["route-settings-key"; 2], "{imported:?}");
    let linted = rules_of(&["lint", stage, "--api", "Chat", "--format", "json"]);
    assert_eq!(linted.iter().filter(|r| *r == "route-settings-key").count(), 2, "{linted:?}");
}
