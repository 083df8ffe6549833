//! `gwgen import` through the binary: plans of the shipped samples (reviewed snapshots),
//! JSON output, exit codes, determinism.

mod common;

use common::{gwgen, stderr, stdout};

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
    let plain = "specs/import/plain-petstore.oas30.yaml";
    assert_eq!(gwgen(&["import", plain]).status.code(), Some(0));
    assert_eq!(gwgen(&["import", plain, "--fail-on-warnings"]).status.code(), Some(1));
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
    assert!(stdout(&http).contains("HTTP API (the document uses x-amazon-apigateway-cors)"), "{}", stdout(&http));
    let flag = gwgen(&["import", "specs/import/http-api-cors.oas30.json", "--api-type", "rest"]);
    assert!(stdout(&flag).contains("REST API (--api-type)"));
    let dir = tempdir("config");
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
    let dir = tempdir("refs");
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

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gwgen-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
