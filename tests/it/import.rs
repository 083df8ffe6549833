//! `gwgen import` through the binary: plans of the shipped samples (reviewed snapshots),
//! JSON output, exit codes, determinism.

use crate::common;

use common::{gwgen, scratch, stderr, stdout};

#[test]
fn plans_of_the_samples() {
    let settings = common::snapshot_settings();
    let _guard = settings.bind_to_scope();
    let files = common::files_in(&common::root().join("specs/import"));
    assert!(files.len() >= 10, "at least 10 samples in specs/import");
    for file in files {
        let rel = format!("specs/import/{}", file.file_name().unwrap().to_string_lossy());
        let out = gwgen(&["import", &rel]);
        let code = out.status.code().unwrap();
        assert!(code == 0 || code == 1, "{rel}: exit {code}\n{}", stderr(&out));
        let name = file.file_name().unwrap().to_string_lossy().replace('.', "_");
        insta::assert_snapshot!(format!("import-{name}"), format!("exit {code}\n{}", stdout(&out)));
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    for args in [
        ["import", "specs/import/lambda-cognito-authorizers.swagger2.json"],
        ["import", "specs/import/mock-cors-payment.oas30.yaml"],
    ] {
        let a = gwgen(&args);
        let b = gwgen(&args);
        assert_eq!(a.stdout, b.stdout);
        let mut json_args = args.to_vec();
        json_args.extend(["--format", "json"]);
        assert_eq!(gwgen(&json_args).stdout, gwgen(&json_args).stdout);
    }
}

#[test]
fn json_output_is_the_ir_with_located_findings() {
    let out = gwgen(&["import", "specs/import/mock-cors-payment.oas30.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["api"]["api_type"], "rest");
    assert_eq!(v["api"]["version"], "openapi-3.0");
    let op = &v["api"]["paths"][0]["operations"][0];
    assert_eq!(op["method"], "POST");
    assert_eq!(op["pointer"], "/paths/~1makePayment/post");
    assert_eq!(op["integration"]["type"]["value"], "MOCK");
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "model-unsupported-keyword");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], "specs/import/mock-cors-payment.oas30.yaml");
    assert!(f["line"].as_u64().unwrap() > 1 && f["column"].as_u64().unwrap() > 1);
    assert_eq!(v["summary"]["errors"], v["findings"].as_array().unwrap().len());
}

#[test]
fn exit_codes() {
    // Warnings only: 0, or 1 with --fail-on-warnings.
    let warned = "specs/import/import-levels.oas30.yaml";
    assert_eq!(gwgen(&["import", warned]).status.code(), Some(0));
    assert_eq!(gwgen(&["import", warned, "--fail-on-warnings"]).status.code(), Some(1));
    let plain = "specs/import/plain-petstore.oas30.yaml";
    // Errors: 1.
    assert_eq!(gwgen(&["import", "specs/import/mock-cors-payment.oas30.yaml"]).status.code(), Some(1));
    // A Swagger 2.0 document imported as an HTTP API is an import error.
    let out = gwgen(&["import", "specs/import/s3-proxy-iam.swagger2.json", "--api-type", "http"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("http-api-openapi3-only"));
    // gwgen could not do its job: 2.
    let missing = gwgen(&["import", "specs/no-such-file.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("specs/no-such-file.yaml") && stderr(&missing).contains("cannot read"));
    assert_eq!(gwgen(&["import", plain, "--format", "xml"]).status.code(), Some(2));
    assert_eq!(gwgen(&["import"]).status.code(), Some(2));
    assert_eq!(gwgen(&["--help"]).status.code(), Some(0));
}

#[test]
fn api_type_comes_from_flag_config_or_document() {
    let http = gwgen(&["import", "specs/import/http-api-cors.oas30.json"]);
    assert!(
        stdout(&http).contains(
            "HTTP API (the document has `x-amazon-apigateway-cors`, `payloadFormatVersion` on an integration)"
        ),
        "{}",
        stdout(&http)
    );
    let flag = gwgen(&["import", "specs/import/http-api-cors.oas30.json", "--api-type", "rest"]);
    assert!(stdout(&flag).contains("REST API (--api-type)"));
    let dir = scratch("import-config");
    std::fs::copy(common::root().join("specs/import/plain-petstore.oas30.yaml"), dir.join("api.yaml")).unwrap();
    std::fs::write(dir.join("gwgen.yaml"), "api_type: http\n").unwrap();
    let out = gwgen(&["import", dir.join("api.yaml").to_str().unwrap()]);
    assert!(stdout(&out).contains("HTTP API (gwgen.yaml)"), "{}", stdout(&out));
    std::fs::write(dir.join("gwgen.yaml"), "api_type: soap\n").unwrap();
    let bad = gwgen(&["import", dir.join("api.yaml").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("gwgen.yaml:1:1") && stderr(&bad).contains("`rest` or `http`"), "{}", stderr(&bad));
}

#[test]
fn external_refs_and_cycles() {
    let dir = scratch("import-refs");
    std::fs::write(
        dir.join("api.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /n:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'models/node.yaml#/Node'}\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("models")).unwrap();
    std::fs::write(dir.join("models/node.yaml"), "Node:\n  type: object\n  properties:\n    next: {$ref: '#/Node'}\n    loop: {$ref: '#/A'}\nA: {$ref: '#/B'}\nB: {$ref: '#/A'}\n").unwrap();
    let out = gwgen(&["import", dir.join("api.yaml").to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    // The recursive schema is one schema whose `next` property is itself.
    let schemas = v["api"]["schemas"]["schemas"].as_array().unwrap();
    let node = schemas.iter().find(|s| s["pointer"] == "1:/Node").expect("Node read from the other file");
    assert_eq!(node["kind"]["properties"]["next"], node["id"]);
    // The A -> B -> A loop is reported where it is written, in the other file.
    let findings = v["findings"].as_array().unwrap();
    let cycle = findings.iter().find(|f| f["rule"] == "unresolved-ref").expect("cycle reported");
    assert!(cycle["file"].as_str().unwrap().ends_with("models/node.yaml"));
    assert!(cycle["message"].as_str().unwrap().contains("loops back"));
}

fn json_of(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

fn rules_of(v: &serde_json::Value) -> Vec<String> {
    v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

/// `payloadFormatVersion` beside REST-only constructs is a REST API: every command agrees.
#[test]
fn payload_format_version_does_not_outweigh_rest_constructs() {
    let doc = "specs/import/rest-with-payload-format-version.oas30.yaml";
    let v = json_of(&gwgen(&["import", doc, "--format", "json"]));
    assert_eq!(v["api"]["api_type"], "rest");
    assert_eq!(v["api"]["api_type_from"]["from"], "document");
    let detail = &v["api"]["api_type_from"]["detail"];
    assert_eq!(detail["weak_http"], "`payloadFormatVersion` on an integration");
    assert!(detail["http"].as_array().unwrap().is_empty());
    let rest: Vec<&str> = detail["rest"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert!(rest.contains(&"`cognito_user_pools` authorizers") && rest.contains(&"`mock` integrations"), "{rest:?}");
    let plan = stdout(&gwgen(&["import", doc]));
    assert!(plan.contains("Resources (3)") && !plan.contains("Routes"), "{plan}");
    assert!(plan.contains("HTTP-only, outweighed: `payloadFormatVersion` on an integration"), "{plan}");
    let lint = json_of(&gwgen(&["lint", doc, "--format", "json"]));
    let rules = rules_of(&lint);
    for wrong in ["authorizer-type-valid", "http-api-integration-type", "extension-api-type-mismatch"] {
        assert!(!rules.contains(&wrong.to_string()), "{wrong}: {rules:?}");
    }
    assert!(rules.contains(&"api-type-mixed".to_string()), "{rules:?}");
    let export = gwgen(&["export", doc, "--to", "swagger2"]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    // Pinned the other way, the type follows the flag and the REST constructs are reported.
    let pinned = json_of(&gwgen(&["lint", doc, "--format", "json", "--api-type", "http"]));
    assert!(rules_of(&pinned).contains(&"extension-api-type-mismatch".to_string()));
    assert!(!rules_of(&pinned).contains(&"api-type-mixed".to_string()));
}

/// Root-level security applies to operations without their own, in both versions: the plan,
/// lint and the SDK agree.
#[test]
fn root_security_applies_to_operations_without_their_own() {
    let oas = "specs/import/root-security-cognito.oas30.yaml";
    let plan = stdout(&gwgen(&["import", oas]));
    let method = |path: &str, m: &str| {
        let mut lines = plan.lines().skip_while(|l| l.trim() != path).skip(1);
        lines.find(|l| l.trim_start().starts_with(m)).unwrap_or_default().to_string()
    };
    assert!(method("/pets", "GET").ends_with("| auth COGNITO_USER_POOLS cognitoAuth [email]"), "{plan}");
    assert!(method("/pets", "POST").ends_with("| auth NONE + API key"), "{plan}");
    assert!(method("/ping", "GET").ends_with("| auth NONE"), "{plan}");
    let lint = json_of(&gwgen(&["lint", oas, "--format", "json"]));
    assert!(!rules_of(&lint).contains(&"operation-unauthenticated".to_string()), "{lint}");
    let sw2 = "specs/import/root-security-lambda.swagger2.yaml";
    let plan = stdout(&gwgen(&["import", sw2]));
    assert!(plan.contains("GET     aws_proxy  Lambda Reports  | auth CUSTOM tokenAuth"), "{plan}");
    assert!(plan.contains("GET     aws_proxy  Lambda Reports  | auth AWS_IAM"), "{plan}");
    assert!(plan.contains("identity method.request.header.X-Auth-Token"), "{plan}");
    // The SDK sends the root authorizer's token on GET /pets.
    let dir = scratch("import-root-security-sdk");
    let out = gwgen(&["sdk", oas, "-o", dir.join("sdk").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ops = std::fs::read_to_string(dir.join("sdk/lib/operations.js")).unwrap();
    assert!(ops.contains(r#""scheme":"cognitoAuth""#), "{ops}");
}

/// `gwgen import` raises what AWS's import raises, at its level; lint raises everything.
#[test]
fn import_raises_import_time_findings_at_the_import_level() {
    let doc = "specs/import/import-levels.oas30.yaml";
    let v = json_of(&gwgen(&["import", doc, "--format", "json"]));
    let mut found: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["severity"].as_str().unwrap().to_string()))
        .collect();
    found.sort();
    let expected =
        [("mapping-value-not-string", "warn"), ("openapi-ignored", "warn"), ("operation-responses-missing", "warn")];
    assert_eq!(found, expected.map(|(r, s)| (r.to_string(), s.to_string())));
    // The one missing responses is POST's; GET's `responses: {}` is fine.
    let missing =
        v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "operation-responses-missing").unwrap();
    assert_eq!(missing["pointer"], "/paths/~1items/post");
    // Lint also raises what fails later: the method without an integration fails at deployment.
    let lint = json_of(&gwgen(&["lint", doc, "--format", "json"]));
    let missing = lint["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "integration-missing").unwrap();
    assert_eq!(
        (missing["severity"].as_str(), missing["pointer"].as_str()),
        (Some("error"), Some("/paths/~1items~1{id}/delete"))
    );
    // The YAML boolean is not also called an unquoted static value.
    assert!(!rules_of(&lint).contains(&"static-mapping-quoted".to_string()));
    // Every rule says when AWS fails.
    let rule = stdout(&gwgen(&["rules", "integration-missing"]));
    assert!(rule.contains("## When AWS fails\nat deployment"), "{rule}");
}

/// A document whose `paths` is misspelt is rejected, at the misspelt key.
#[test]
fn a_document_without_paths_is_rejected() {
    let dir = scratch("import-no-paths");
    let doc = dir.join("api.yaml");
    std::fs::write(&doc, "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n").unwrap();
    let out = gwgen(&["import", doc.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("'paths' is a required property"), "{}", stdout(&out));
    let v = json_of(&gwgen(&["lint", doc.to_str().unwrap(), "--format", "json"]));
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "openapi-structure").unwrap();
    assert_eq!((f["pointer"].as_str(), f["line"].as_u64()), (Some("/paaths"), Some(3)));
    assert!(f["help"].as_str().unwrap().contains("did you mean `paths`?"));
    std::fs::write(&doc, "swagger: '2.0'\ninfo: {title: t, version: '1'}\n").unwrap();
    let out = gwgen(&["import", doc.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("'paths' is a required property"), "{}", stdout(&out));
}

/// HTTP routes are printed once each, with their target on the same line.
#[test]
fn http_plans_print_each_route_once() {
    let plan = stdout(&gwgen(&["import", "specs/import/http-api-cors.oas30.json"]));
    let routes: Vec<&str> =
        plan.lines().skip_while(|l| !l.starts_with("Routes")).skip(1).take_while(|l| !l.is_empty()).collect();
    assert_eq!(routes.len(), 3, "{plan}");
    assert!(routes.iter().all(|l| l.contains("http_proxy") && l.contains("| auth")), "{plan}");
}

/// `gwgen import --format mermaid|dot`: a picture of the API. Reviewed snapshots of three
/// documents and a WebSocket API; every one rendered by the real Graphviz and parsed by Mermaid's own parser.
#[test]
fn pictures_render_in_graphviz_and_mermaid() {
    let dir = scratch("import-pictures");
    let mut mermaid_files = Vec::new();
    for (name, spec) in [
        ("store", "specs/sdk/store.swagger2.yaml"),
        ("http-api-iam-jwt", "specs/import/http-api-iam-jwt.oas30.json"),
        ("s3-proxy-iam", "specs/import/s3-proxy-iam.swagger2.json"),
        ("websocket-chat", "specs/templates/websocket-chat.yaml"),
    ] {
        let mermaid = gwgen(&["import", spec, "--format", "mermaid"]);
        let dot = gwgen(&["import", spec, "--format", "dot"]);
        assert!(matches!(mermaid.status.code(), Some(0 | 1)), "{spec}: {}", stderr(&mermaid));
        common::snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("picture-{name}-mermaid"), stdout(&mermaid));
            insta::assert_snapshot!(format!("picture-{name}-dot"), stdout(&dot));
        });
        let file = dir.join(format!("{name}.mmd"));
        std::fs::write(&file, stdout(&mermaid)).unwrap();
        mermaid_files.push(file);
        let dot_file = dir.join(format!("{name}.dot"));
        std::fs::write(&dot_file, stdout(&dot)).unwrap();
        let svg = std::process::Command::new("dot")
            .args(["-Tsvg", dot_file.to_str().unwrap()])
            .output()
            .expect("Graphviz `dot` is on the PATH (.ci/setup installs it)");
        assert!(svg.status.success(), "{spec}: dot failed: {}", stderr(&svg));
        assert!(stdout(&svg).contains("<svg"), "{spec}");
    }
    let tools = common::root().join(".tools");
    std::fs::copy(common::root().join("tests/mermaid-check.mjs"), tools.join("mermaid-check.mjs")).unwrap();
    let mut args = vec![tools.join("mermaid-check.mjs").to_string_lossy().into_owned()];
    args.extend(mermaid_files.iter().map(|f| f.to_string_lossy().into_owned()));
    let out = std::process::Command::new("node").args(&args).output().expect("node runs");
    assert!(out.status.success(), "Mermaid's parser refused a picture: {}{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out).matches("flowchart").count(), 4, "{}", stdout(&out));
}

/// A template condition gwgen cannot evaluate is a note beside the plan (which reads the resource
/// as created); with the parameter given, the condition is decided and the note goes away.
#[test]
fn the_plan_notes_the_template_conditions_it_cannot_decide() {
    let spec = "specs/lint/template-condition-unknown.yaml";
    let o = gwgen(&["import", spec, "--api", "Api"]);
    let text = stdout(&o);
    let notes = text.split("\nNotes: ").nth(1).expect("a notes section").split("Import findings:").next().unwrap();
    assert!(notes.contains("condition `IsProd` cannot be evaluated"), "{notes}");
    assert!(notes.contains("template-condition-unknown.yaml:40:16"), "located where the template writes it: {notes}");
    let o = gwgen(&["import", spec, "--api", "Api", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["notes"].as_array().is_some_and(|n| !n.is_empty()), "{v:#}");
    assert_eq!(v["notes"][0]["rule"], "template-condition-unknown");
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["rule"] != "template-condition-unknown"));
    let o = gwgen(&["import", spec, "--api", "Api", "--parameter", "Env=prod"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("Notes: "), "{}", stdout(&o));
}

/// An API a template creates resource by resource is not imported: `gwgen import` lists what
/// fails its deployment among its findings, as errors, and exits 1. A document's import does not
/// fail on those: they stay `gwgen lint`'s.
#[test]
fn deployment_failures_count_where_nothing_is_imported() {
    let out = gwgen(&["import", "specs/lint/websocket-route-key-syntax.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("Deployment findings: 4 errors"), "{text}");
    assert_eq!(text.matches("error(websocket-route-key-syntax)").count(), 4, "{text}");
    let doc = gwgen(&["import", "specs/lint/integration-missing.yaml"]);
    assert_eq!(doc.status.code(), Some(0), "{}", stdout(&doc));
    assert!(stdout(&doc).contains("Import findings: none"), "{}", stdout(&doc));
    let lint = gwgen(&["lint", "specs/lint/integration-missing.yaml"]);
    assert!(stdout(&lint).contains("error(integration-missing)"), "{}", stdout(&lint));
}
