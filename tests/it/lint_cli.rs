//! `gwgen lint` and `gwgen rules` through the binary: formats (SARIF checked against the official
//! schema by a real validator), configuration, suppression, discovery, exit codes.

use crate::common;

use std::path::Path;

use common::{findings_of, gwgen, scratch, stderr, stdout, text_of};

/// A REST document with one integration-missing error and one warning-level finding.
const DOC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
x-amazon-apigateway-binary-media-types: []
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
    post:
      operationId: noResponses
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

fn rules_of(v: &serde_json::Value) -> Vec<String> {
    v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

#[test]
fn json_format_and_exit_codes() {
    let dir = scratch("lint-json");
    let file = write(&dir, "api.yaml", DOC);
    let out = gwgen(&["lint", &file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "integration-missing")
        .expect("integration-missing");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["pointer"], "/paths/~1a/get");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(6), Some(5)));
    assert!(f["end_line"].as_u64().unwrap() >= 6 && f["help"].as_str().is_some());
    assert_eq!(v["summary"]["files"], 1);
    // --fail-on: errors decide by default; with the error turned off, warnings only decide with --fail-on warn.
    write(&dir, "gwgen.yaml", "rules:\n  integration-missing: off\n");
    let out = gwgen(&["lint", &file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!rules_of(&json(&out)).contains(&"integration-missing".to_string()));
    assert!(rules_of(&json(&out)).contains(&"operation-responses-missing".to_string()));
    assert_eq!(gwgen(&["lint", &file, "--fail-on", "warn"]).status.code(), Some(1));
    // Re-grading a rule.
    write(&dir, "gwgen.yaml", "rules:\n  operation-responses-missing: error\n");
    let v = json(&gwgen(&["lint", &file, "--format", "json"]));
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "operation-responses-missing").unwrap();
    assert_eq!(f["severity"], "error");
}

#[test]
fn config_errors_are_located() {
    let dir = scratch("lint-config");
    let file = write(&dir, "api.yaml", DOC);
    write(&dir, ".gwgen.yaml", "rules:\n  no-such-rule: warn\n");
    let out = gwgen(&["lint", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(".gwgen.yaml:2:3") && stderr(&out).contains("unknown rule `no-such-rule`"),
        "{}",
        stderr(&out)
    );
    write(&dir, ".gwgen.yaml", "rules:\n  integration-missing: loud\n");
    let out = gwgen(&["lint", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`\"loud\"` is not off"), "{}", stderr(&out));
}

#[test]
fn x_gwgen_ignore_silences_a_subtree() {
    let dir = scratch("lint-ignore");
    let doc = DOC.replace("    get:\n", "    get:\n      x-gwgen-ignore: [integration-missing]\n");
    let file = write(&dir, "api.yaml", &doc);
    let v = json(&gwgen(&["lint", &file, "--format", "json"]));
    assert!(!rules_of(&v).contains(&"integration-missing".to_string()));
    assert!(rules_of(&v).contains(&"operation-responses-missing".to_string()), "other rules still report");
    let doc = DOC.replace("paths:\n", "x-gwgen-ignore: all\npaths:\n");
    let file = write(&dir, "all.yaml", &doc);
    assert_eq!(json(&gwgen(&["lint", &file, "--format", "json"]))["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn folders_are_searched_for_openapi_documents() {
    let dir = scratch("lint-discover");
    write(&dir, "apis/one.yaml", DOC);
    write(&dir, "apis/two.json", r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#);
    write(&dir, "node_modules/pkg/api.yaml", DOC);
    write(&dir, "vendor/api.yaml", DOC);
    // `sam build`'s copy of a template, and a Python virtual environment's files.
    write(&dir, ".aws-sam/build/api.yaml", DOC);
    write(&dir, ".venv/pyvenv.cfg", "home = /usr/bin\n");
    write(&dir, ".venv/lib/site-packages/pkg/api.yaml", DOC);
    write(&dir, "env-like/api.yaml", DOC.replace("openapi", "# not a venv: no pyvenv.cfg\nopenapi").as_str());
    write(&dir, "ci.yml", "on: push\njobs: {}\n");
    write(&dir, "package.json", r#"{"name": "x"}"#);
    write(&dir, "gwgen.yaml", "exclude: [vendor]\n");
    let out = gwgen(&["lint", dir.to_str().unwrap(), "--format", "json"]);
    let v = json(&out);
    assert_eq!(v["summary"]["files"], 3, "{}", stdout(&out));
    let files: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert!(files.iter().all(|f| f.ends_with("apis/one.yaml") || f.ends_with("env-like/api.yaml")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("env-like/api.yaml")), "{files:?}");
    // A named file that is not OpenAPI is an error, unless --only-openapi (the hook's mode).
    let ci = dir.join("ci.yml");
    assert_eq!(gwgen(&["lint", ci.to_str().unwrap()]).status.code(), Some(2));
    assert_eq!(gwgen(&["lint", "--only-openapi", ci.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(gwgen(&["lint", dir.join("missing").to_str().unwrap()]).status.code(), Some(2));
}

#[test]
fn github_annotations() {
    let dir = scratch("lint-github");
    let file = write(&dir, "api.yaml", DOC);
    let out = stdout(&gwgen(&["lint", &file, "--format", "github"]));
    let line = out.lines().find(|l| l.contains("integration-missing")).expect("annotation");
    assert!(line.starts_with("::error file="), "{line}");
    assert!(
        line.contains(",line=6,col=5,") && line.contains("title=gwgen integration-missing::No integration"),
        "{line}"
    );
    assert!(!line.contains('\n'));
    assert!(out.lines().any(|l| l.starts_with("::warning ")), "{out}");
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let root = common::root();
    let python = root.join(".tools/venv/bin/python");
    let script = root.join("tests/validate_json_schema.py");
    let schema = root.join(".tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    assert!(python.exists() && schema.exists(), "the SARIF check needs its tools: run `bash .ci/setup` (see README)");
    let validate =
        |file: &Path| std::process::Command::new(&python).arg(&script).arg(&schema).arg(file).output().unwrap();
    let dir = scratch("lint-sarif");
    // `type` written twice: a finding with a related location.
    let file = write(
        &dir,
        "api.yaml",
        &DOC.replace("        httpMethod: POST\n", "        httpMethod: POST\n        type: http_proxy\n"),
    );
    let out = gwgen(&["lint", &file, "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let sarif = dir.join("out.sarif");
    std::fs::write(&sarif, &out.stdout).unwrap();
    let check = validate(&sarif);
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    // And the content is what the findings say.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &v["runs"][0];
    let result = run["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "integration-missing").unwrap();
    assert_eq!(result["level"], "error");
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 6);
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "integration-missing");
    // The repeated key is the finding; where it was first written is its related location.
    let dup = run["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "duplicate-key").unwrap();
    assert_eq!(dup["locations"][0]["physicalLocation"]["region"]["startLine"], 13);
    let related = &dup["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 11);
    assert_eq!(related["message"]["text"], "first written here (the one gwgen keeps)");
    // JSON carries the same, and text frames label both places.
    let json: serde_json::Value = serde_json::from_slice(&gwgen(&["lint", &file, "--format", "json"]).stdout).unwrap();
    let dup = json["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "duplicate-key").unwrap();
    assert_eq!((dup["line"].as_u64(), dup["related"][0]["line"].as_u64()), (Some(13), Some(11)));
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] != "duplicate-key")
        .all(|f| f.get("related").is_none()));
    let text = stdout(&gwgen(&["lint", &file]));
    assert!(text.contains("first written here (the one gwgen keeps)"), "{text}");
    // A broken document fails the schema check: the validator is really checking.
    std::fs::write(&sarif, r#"{"version": "2.1.0", "runs": [{"results": []}]}"#).unwrap();
    let check = validate(&sarif);
    assert!(!check.status.success(), "a run without a tool must be invalid SARIF");
}

#[test]
fn rules_table_and_docs() {
    let out = gwgen(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("integration-missing") && stdout(&out).contains("REST/HTTP"));
    let v: serde_json::Value = serde_json::from_str(&stdout(&gwgen(&["rules", "--format", "json"]))).unwrap();
    let rules = v.as_array().unwrap();
    assert_eq!(rules.len(), gwgen::lint::REGISTRY.len());
    assert!(rules.iter().all(|r| r["doc"].as_str().unwrap().contains("## Why")));
    let doc = stdout(&gwgen(&["rules", "sibling-variable-conflict"]));
    assert!(doc.starts_with("# sibling-variable-conflict") && doc.contains("only one is allowed"), "{doc}");
    let missing = gwgen(&["rules", "sibling"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("did you mean sibling-variable-conflict"), "{}", stderr(&missing));
}

#[test]
fn long_reports_frame_the_first_findings_and_list_the_rest() {
    let dir = scratch("lint-long");
    let mut doc = String::from(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-binary-media-types: []\npaths:\n",
    );
    for i in 0..250 {
        doc.push_str(&format!("  /p{i}:\n    get:\n      responses: {{'200': {{description: ok}}}}\n"));
    }
    let file = write(&dir, "api.yaml", &doc);
    let out = stdout(&gwgen(&["lint", &file]));
    // Each operation has two findings (no integration, no authorization): 500 in all.
    let frames = out.lines().filter(|l| l.starts_with("error(") || l.starts_with("warn(")).count();
    assert_eq!(frames, gwgen::report::MAX_FRAMES, "{out}");
    assert!(out.contains("300 more findings, one line each"), "{out}");
    let last = out.lines().find(|l| l.contains("/p249") && l.contains("integration-missing")).unwrap_or_default();
    assert!(last.contains("error(integration-missing)") && last.contains("api.yaml:753:5:"), "{last}");
    let v = json(&gwgen(&["lint", &file, "--format", "json"]));
    assert_eq!(v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "integration-missing").count(), 250);
}

/// A WebSocket API is linted beside a REST API of the same template, and alone; the folder
/// search finds a template of WebSocket APIs too. (The template's WebSocket API has no
/// `$connect` and no `$default` route: a warning and a note, on its resource and its route
/// selection expression.)
#[test]
fn websocket_apis_are_linted() {
    let mixed = "specs/templates/websocket-and-rest.yaml";
    let out = gwgen(&["lint", mixed, "--format", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["apis"], 2, "the REST API and the WebSocket API are linted");
    assert_eq!(v["summary"]["not_read"], 0);
    let at = |rule: &str| {
        v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == rule).map(|f| f["line"].as_u64().unwrap())
    };
    assert_eq!(at("websocket-connect-unauthorized"), Some(5), "at the API resource");
    assert_eq!(at("websocket-default-route-missing"), Some(10), "at its RouteSelectionExpression");

    let dir = scratch("lint-websocket-only");
    let text = std::fs::read_to_string(mixed).unwrap();
    let only = text.split("  Orders:").next().unwrap();
    write(&dir, "chat.yaml", only);
    // Found by the folder search, and linted: a warning does not fail the run.
    let out = gwgen(&["lint", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("0 errors, 1 warning, 1 info in 1 API (1 template"), "{}", stdout(&out));
}

/// What the folder search reads, and what the summary counts: files searched, documents and
/// templates read, files unreadable, APIs linted.
#[test]
fn folder_search_counts_files_documents_and_apis() {
    let dir = scratch("lint-counts");
    let body = "info: {title: t, version: \"1\"}\n  paths: {}\n";
    // Indented top-level mappings, with and without a document start.
    write(&dir, "indented-start.yaml", &format!("---\n  swagger: \"2.0\"\n  {body}"));
    write(&dir, "indented.yaml", &format!("  openapi: 3.0.3\n  {body}"));
    // Terraform templatefile inputs: `.json.tpl` and `.yaml.tpl` are read, a bare `.tpl` is not.
    write(&dir, "a.json.tpl", r#"{"openapi": "3.0.3", "info": {"title": "${title}", "version": "1"}, "paths": {}}"#);
    write(&dir, "b.yaml.tpl", "openapi: 3.0.3\ninfo: {title: \"${title}\", version: \"1\"}\npaths: {}\n");
    write(&dir, "c.tpl", "openapi: 3.0.3\ninfo: {title: c, version: \"1\"}\npaths: {}\n");
    // A stream of two documents: gwgen reads one document per file, and says so.
    write(&dir, "stream.yaml", "openapi: 3.0.3\ninfo: {title: a, version: \"1\"}\npaths: {}\n---\nopenapi: 3.0.3\n");
    // Unreadable: says it is OpenAPI, does not parse.
    write(&dir, "broken.yaml", "openapi: 3.0.3\ninfo: [\n");
    // A template holding three APIs.
    let api = |kind: &str, v: &str| {
        format!("    Type: {kind}\n    Properties:\n      {}:\n        openapi: {v}\n        info: {{title: t, version: \"1\"}}\n        paths: {{}}\n",
            if kind.contains("Serverless") { "DefinitionBody" } else { "Body" })
    };
    write(
        &dir,
        "template.yaml",
        &format!(
            "Resources:\n  One:\n{}  Two:\n{}  Three:\n{}",
            api("AWS::Serverless::Api", "3.0.1"),
            api("AWS::ApiGateway::RestApi", "3.0.1"),
            api("AWS::ApiGatewayV2::Api", "3.0.1")
        ),
    );
    // Someone else's files.
    write(&dir, "compose.yaml", "services: {web: {image: nginx}}\n");
    write(&dir, "notes.txt", "openapi: 3.0.3\n");
    let out = gwgen(&["lint", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "two files cannot be read: {}", stderr(&out));
    let s = json(&out)["summary"].clone();
    let counts: Vec<u64> = ["searched", "files", "documents", "templates", "unreadable", "apis", "not_read"]
        .iter()
        .map(|k| s[*k].as_u64().unwrap_or_else(|| panic!("{k} in {s}")))
        .collect();
    assert_eq!(
        counts,
        [10, 5, 4, 1, 2, 7, 0],
        "searched, files, documents, templates, unreadable, apis, not_read: {s}"
    );
    let err = stderr(&out);
    assert!(err.contains("stream.yaml:4:1") && err.contains("broken.yaml"), "{err}");
    assert!(!err.contains("c.tpl") && !err.contains("compose.yaml"), "{err}");
    let text = stdout(&gwgen(&["lint", dir.to_str().unwrap()]));
    assert!(text.contains("in 7 APIs (4 documents, 1 template; searched 10 files, 2 unreadable)"), "{text}");
    // A folder with nothing to lint says what it searched, and fails.
    let empty = scratch("lint-counts-none");
    write(&empty, "compose.yaml", "services: {}\n");
    let out = gwgen(&["lint", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("searched 1 file, none is an OpenAPI document or an API template"),
        "{}",
        stdout(&out)
    );
    // The hook's mode: files that are not OpenAPI are simply not for gwgen.
    let compose = empty.join("compose.yaml");
    let out = gwgen(&["lint", "--only-openapi", compose.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Rule pages cite their sources as links a reader can open, explain the header line, and the
/// rule list is sorted; a mistyped id gets a suggestion.
#[test]
fn rule_pages_link_their_references() {
    let page = stdout(&gwgen(&["rules", "passthrough-behavior-valid"]));
    let refs = page.split("## References").nth(1).expect("a References section");
    assert!(refs.contains("https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html"), "{page}");
    assert!(page.contains("what `gwgen import` reports"), "the header line is explained: {page}");
    let all: serde_json::Value = serde_json::from_slice(&gwgen(&["rules", "--format", "json"]).stdout).unwrap();
    for rule in all.as_array().unwrap() {
        let doc = rule["doc"].as_str().unwrap();
        for raw in ["[DG:", "[BOTO1:", "[BOTO2:", "[WEB:", "[ISSUE:"] {
            assert!(!doc.contains(raw), "{}: an unlinked citation {raw}", rule["id"]);
        }
        // Every numbered citation has its entry.
        let cited = (1..20).filter(|n| doc.contains(&format!("[{n}]"))).count();
        let refs = doc.split("## References").nth(1).unwrap_or("");
        let numbered = (1..20).filter(|n| refs.lines().any(|l| l.starts_with(&format!("{n}. ")))).count();
        assert_eq!(cited, numbered, "{}: {doc}", rule["id"]);
        let sections = doc.matches("## References").count();
        assert_eq!(sections, usize::from(!refs.is_empty()), "{}: one References section", rule["id"]);
    }
    let list = stdout(&gwgen(&["rules"]));
    let ids: Vec<&str> =
        list.lines().skip(1).take_while(|l| !l.is_empty()).map(|l| l.split(' ').next().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let out = gwgen(&["rules", "pasthrough-behavior-vald"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean passthrough-behavior-valid?"), "{}", stderr(&out));
}

/// Code frames are capped per run, not per file; paths found under `.` are shown without `./`.
#[test]
fn frames_are_capped_per_run_and_paths_are_plain() {
    let out = gwgen(&["lint", "specs/lint"]);
    let text = stdout(&out);
    assert_eq!(text.matches("╭─[").count(), 200, "200 frames in all");
    assert!(text.contains("more findings, one line each"), "the rest are listed");
    let dir = scratch("lint-dot");
    write(&dir, "api.yaml", DOC);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gwgen"))
        .args(["lint", ".", "--format", "github"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("file=api.yaml,"), "{text}");
    assert!(!text.contains("./api.yaml"), "{text}");
}

/// Help texts: `gwgen help` works with and without a command (and with --help); every command
/// that reads an API says it takes templates; flags are described; export keeps the version
/// unless told otherwise.
#[test]
fn help_texts_and_defaults() {
    let out = gwgen(&["help", "--help"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&gwgen(&["help", "lint"])).contains("Usage: gwgen lint"));
    assert_eq!(gwgen(&["help", "nope"]).status.code(), Some(2));
    for command in ["import", "export", "sdk"] {
        let help = stdout(&gwgen(&[command, "--help"]));
        assert!(help.contains("CloudFormation / CDK template"), "{command}: {help}");
        assert!(help.contains("--config") && help.contains("--allow-external-refs"), "{command}: {help}");
    }
    let rules = stdout(&gwgen(&["rules", "--help"]));
    let format = rules.lines().skip_while(|l| !l.contains("--format")).nth(1).unwrap_or("");
    assert!(rules.contains("Output format"), "{rules}\n{format}");
    let kept = stdout(&gwgen(&["export", "specs/sdk/store.swagger2.yaml"]));
    assert!(kept.starts_with("swagger: \"2.0\""), "{kept}");
}

/// A named file that is not OpenAPI gets a code frame, JSON or YAML, and a hint that fits both
/// a misnamed document and someone else's file; a template without an API says so.
#[test]
fn files_that_are_not_documents_are_explained() {
    let dir = scratch("lint-not-documents");
    let json_file = write(&dir, "package.json", r#"{"name": "x", "version": "1"}"#);
    let yaml_file = write(&dir, "docker-compose.yaml", "services:\n  web: {image: nginx}\n");
    for file in [&json_file, &yaml_file] {
        let out = gwgen(&["lint", file]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        let name = file.rsplit('/').next().unwrap();
        assert!(err.contains(&format!("{name}:1:1")) && err.contains("╭─["), "{err}");
        assert!(err.contains("--only-openapi") && err.contains("start it with `openapi: 3.0.3`"), "{err}");
        assert!(stdout(&out).contains("1 unreadable"), "{}", stdout(&out));
    }
    let template = write(&dir, "template.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
    let out = gwgen(&["lint", &template]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the template defines no API"), "{}", stderr(&out));
}

/// `region:` in gwgen.yaml, or `--parameter AWS::Region` (which wins, as the stack's region),
/// tells the certificate check the API's region; a malformed one is a located configuration error.
#[test]
fn config_region_reaches_the_certificate_check() {
    let dir = scratch("lint-region");
    let template = std::fs::read_to_string("specs/lint/certificate-region.yaml").unwrap();
    let file = write(&dir, "template.yaml", &template);
    let lines = |extra: &[&str]| -> Vec<u64> {
        let mut args = vec!["lint", file.as_str(), "--format", "json"];
        args.extend_from_slice(extra);
        let v = json(&gwgen(&args));
        findings_of(&v, "certificate-region").into_iter().map(|f| f["line"].as_u64().unwrap()).collect()
    };
    // Edge domains' certificates (11, 39) are outside us-east-1 whatever the API's region; the
    // regional one of line 51 is in us-west-2, and line 28's is in the stack's own region.
    assert_eq!(lines(&[]), [11, 39]);
    assert_eq!(lines(&["--parameter", "AWS::Region=eu-west-1"]), [11, 39, 51]);
    write(&dir, "gwgen.yaml", "region: eu-west-1\n");
    assert_eq!(lines(&[]), [11, 39, 51]);
    assert_eq!(lines(&["--parameter", "AWS::Region=us-west-2"]), [11, 39]);
    write(&dir, "gwgen.yaml", "region: Frankfurt\n");
    let out = gwgen(&["lint", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("gwgen.yaml:1:1") && stderr(&out).contains("`region` must be an AWS region"),
        "{}",
        stderr(&out)
    );
}

/// One wording for a file that cannot be read, a folder named where a file is needed says so,
/// and lint's errors come before its summary line.
#[test]
fn read_errors_are_worded_once_and_come_first() {
    let missing = gwgen(&["lint", "no-such-file.yaml"]);
    let imported = gwgen(&["import", "no-such-file.yaml"]);
    for out in [&missing, &imported] {
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(out).contains("no-such-file.yaml: cannot read the file:"), "{}", stderr(out));
    }
    let folder = gwgen(&["import", "specs"]);
    assert_eq!(folder.status.code(), Some(2));
    assert!(stderr(&folder).contains("specs: this is a folder, not a file"), "{}", stderr(&folder));
    assert!(stderr(&folder).contains("`gwgen lint FOLDER` searches a folder"), "{}", stderr(&folder));
    let dir = scratch("lint-order");
    write(&dir, "good.yaml", DOC);
    write(&dir, "bad.yaml", "openapi: 3.0.3\ninfo: [\n");
    let both = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{} lint {} 2>&1", env!("CARGO_BIN_EXE_gwgen"), dir.display()))
        .output()
        .unwrap();
    let text = stdout(&both);
    let error = text.find("invalid YAML").expect("the error");
    let summary = text.find("searched 2 files").expect("the summary");
    assert!(error < summary, "{text}");
}

/// An open operation's finding says what to change where it is written: the OpenAPI body, a SAM
/// function event, a CloudFormation Method or Route, or a quick-create HTTP API's Target.
#[test]
fn open_operations_are_fixed_where_they_are_written() {
    let found = |file: &str, line: u64| -> (String, String) {
        let v = json(&gwgen(&["lint", file, "--format", "json"]));
        let all = findings_of(&v, "operation-unauthenticated");
        let f = all.iter().find(|f| f["line"] == line).unwrap_or_else(|| panic!("{file}:{line}: {v:#}"));
        (text_of(f, "message"), text_of(f, "help"))
    };
    let (message, help) = found("specs/templates/sam-auth-none.yaml", 13);
    assert!(message.ends_with("it has no `security` and no `x-amazon-apigateway-auth`"), "{message}");
    assert!(help.contains("x-amazon-apigateway-auth: {type: NONE}"), "{help}");
    let (message, help) = found("specs/templates/sam-events-private.yaml", 17);
    assert!(message.contains("its event's `Auth`"), "{message}");
    assert!(help.contains("`Auth: {Authorizer: NONE}` on the event"), "{help}");
    let (message, help) = found("specs/templates/cfn-rest-defects.yaml", 20);
    assert!(message.contains("`AuthorizationType` is NONE (or not set) and it requires no API key"), "{message}");
    assert!(help.starts_with("set the Method's `AuthorizationType`"), "{help}");
    let (message, help) = found("specs/templates/cfn-http-defects.yaml", 54);
    assert!(message.ends_with("`AuthorizationType` is NONE (or not set)"), "{message}");
    assert!(help.starts_with("set the Route's `AuthorizationType`"), "{help}");
    let (_, help) = found("specs/templates/cfn-http-quick-create.yaml", 15);
    assert!(help.contains("define the route as an `AWS::ApiGatewayV2::Route`"), "{help}");
    // The same for another rule on the HTTP API's $default Route.
    let v = json(&gwgen(&["lint", "specs/templates/cfn-http-defects.yaml", "--format", "json"]));
    let help = text_of(findings_of(&v, "default-route-options").first().unwrap_or_else(|| panic!("{v:#}")), "help");
    assert!(help.starts_with("add an `AWS::ApiGatewayV2::Route` with RouteKey `OPTIONS /{proxy+}`"), "{help}");
}

/// Findings on a template's Method resources say what to change in the Method, in
/// CloudFormation's property names.
#[test]
fn method_resources_are_fixed_in_their_properties() {
    let dir = scratch("lint-method-resources");
    let file = write(
        &dir,
        "template.yaml",
        "Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: orders}
  Orders:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: orders}
  NoIntegration:
    Type: AWS::ApiGateway::Method
    Properties: {RestApiId: !Ref Api, ResourceId: !Ref Orders, HttpMethod: DELETE, AuthorizationType: AWS_IAM}
  NoResponses:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Orders
      HttpMethod: GET
      AuthorizationType: AWS_IAM
      Integration: {Type: HTTP, IntegrationHttpMethod: GET, Uri: 'https://backend.example.com/orders'}
  Created:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Orders
      HttpMethod: POST
      AuthorizationType: AWS_IAM
      Integration:
        Type: HTTP
        IntegrationHttpMethod: POST
        Uri: 'https://backend.example.com/orders'
        IntegrationResponses: [{StatusCode: '201'}]
  Patterned:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Orders
      HttpMethod: PUT
      AuthorizationType: AWS_IAM
      MethodResponses: [{StatusCode: '200'}]
      Integration:
        Type: HTTP
        IntegrationHttpMethod: PUT
        Uri: 'https://backend.example.com/orders'
        IntegrationResponses: [{StatusCode: '200', SelectionPattern: '2\\d{2}'}]
",
    );
    let v = json(&gwgen(&["lint", &file, "--format", "json"]));
    let first = |rule: &str| *findings_of(&v, rule).first().unwrap_or_else(|| panic!("{rule}: {v:#}"));
    let help = |rule: &str| text_of(first(rule), "help");
    assert!(help("integration-missing").starts_with("add an `Integration` to the Method"), "{v:#}");
    let defaults: Vec<String> =
        findings_of(&v, "integration-responses-default").iter().map(|f| text_of(f, "help")).collect();
    assert!(defaults.iter().any(|h| h.starts_with("add `IntegrationResponses: [{StatusCode")), "{defaults:?}");
    // Responses by pattern only: the usual one loses its SelectionPattern to become the default.
    assert!(defaults.iter().any(|h| h.starts_with("give the usual response no `SelectionPattern`")), "{defaults:?}");
    assert!(help("integration-response-status-declared").contains("to the Method's `MethodResponses`"), "{v:#}");
    // CloudFormation creates it; the call fails at run time, not at an import.
    let message = text_of(first("integration-response-status-declared"), "message");
    assert!(
        message.contains("ends in a 500 (\"Output mapping refers to an invalid method response: 201\")"),
        "{message}"
    );
    // No import reads a Method resource: PutMethod takes no responses and warns about nothing.
    assert!(!rules_of(&v).contains(&"operation-responses-missing".to_string()), "{v:#}");
}

/// A template whose one API cannot be built is still linted for its other APIs; the summary
/// counts the one that failed, and the run ends with exit 2.
#[test]
fn an_api_that_cannot_be_built_is_counted_beside_the_others() {
    let dir = scratch("lint-failed-api");
    write(
        &dir,
        "template.yaml",
        "Resources:\n  Good:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Body:\n        openapi: 3.0.1\n        info: {title: t, version: \"1\"}\n        paths: {}\n  Bad:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: {Name: bad, ProtocolType: HTTP}\n  Route:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Bad\n      RouteKey: GET /items\n      Target: !Sub integrations/${Missing}\n",
    );
    let file = dir.join("template.yaml");
    let out = gwgen(&["lint", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("in 1 API (1 template; searched 1 file; 1 API could not be read)"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("template.yaml:17:7"), "{}", stderr(&out));
    let v = json(&gwgen(&["lint", file.to_str().unwrap(), "--format", "json"]));
    assert_eq!((v["summary"]["apis"].as_u64(), v["summary"]["failed"].as_u64()), (Some(1), Some(1)), "{v}");
}
