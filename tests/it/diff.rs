//! `gwgen diff`: exit codes and formats through the binary, `git:REF:PATH` sides, reviewed
//! snapshots, real history from the corpus, and the property that a document and gwgen's own
//! export of it are the same API.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{gwgen, stderr, stdout};
use gwgen::diff;
use gwgen::ir::Api;
use gwgen::load;
use gwgen::render::export::{self, ExtensionSet, Options, Target};

fn fixture(id: &str) -> (String, String) {
    (format!("specs/diff/{id}/base.yaml"), format!("specs/diff/{id}/revision.yaml"))
}

fn run(id: &str, extra: &[&str]) -> std::process::Output {
    let (b, r) = fixture(id);
    let mut args = vec!["diff", b.as_str(), r.as_str()];
    args.extend_from_slice(extra);
    gwgen(&args)
}

#[test]
fn exit_codes_follow_fail_on() {
    // Breaking: 1 by default.
    assert_eq!(run("operation-removed", &[]).status.code(), Some(1));
    // A warning only (Cognito to NONE): 0 by default, 1 from --fail-on warn.
    assert_eq!(run("authorization-removed", &[]).status.code(), Some(0));
    assert_eq!(run("authorization-removed", &["--fail-on", "warn"]).status.code(), Some(1));
    // Info only: 1 only from --fail-on info.
    assert_eq!(run("operation-added", &["--fail-on", "warn"]).status.code(), Some(0));
    assert_eq!(run("operation-added", &["--fail-on", "info"]).status.code(), Some(1));
    // A side that cannot be read: 2, with the file named.
    let missing = gwgen(&["diff", "specs/diff/nope.yaml", "specs/diff/operation-added/base.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("specs/diff/nope.yaml"), "{}", stderr(&missing));
    // No change at all: 0 and an empty list.
    let (b, _) = fixture("operation-added");
    let same = gwgen(&["diff", &b, &b, "--format", "json"]);
    assert_eq!(same.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&same)).unwrap();
    assert_eq!(v["changes"], serde_json::json!([]));
}

/// A template with several APIs: `--api` chooses one (on both sides); without it, exit 2 naming
/// the APIs to choose from.
#[test]
fn templates_with_several_apis_need_api() {
    let template = common::corpus().join(
        "sam-templates/aws__aws-sam-cli__tests__integration__testdata__start_api__lambda_authorizers__swagger-api.yaml",
    );
    let t = template.to_str().unwrap();
    let out = gwgen(&["diff", t, t]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("choose one with --api (RestApiSwagger, RestApiOpenApi)"), "{}", stderr(&out));
    let chosen = gwgen(&["diff", t, t, "--api", "RestApiOpenApi", "--format", "json"]);
    assert_eq!(chosen.status.code(), Some(0), "{}", stderr(&chosen));
    let v: serde_json::Value = serde_json::from_str(&stdout(&chosen)).unwrap();
    assert_eq!(v["changes"], serde_json::json!([]));
    let unknown = gwgen(&["diff", t, t, "--api", "Nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no API `Nope`") && stderr(&unknown).contains("RestApiSwagger"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn explain_prints_the_documentation() {
    let out = gwgen(&["diff", "--explain", "authorization-removed"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("# authorization-removed\n\nlevel: warn"), "{text}");
    assert!(text.contains("## Why it matters"));
    let wrong = gwgen(&["diff", "--explain", "authorisation-removed"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("did you mean authorization-removed"), "{}", stderr(&wrong));
}

/// A scratch git repository with `api.yaml` committed as the base and the revision in the
/// working tree.
fn repository(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gwgen-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=gwgen", "-c", "user.email=gwgen@example.com", "-c", "init.defaultBranch=main"])
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let (b, r) = fixture("operation-removed");
    let root = common::root();
    git(&["init", "-q"]);
    std::fs::copy(root.join(&b), dir.join("specs/api.yaml")).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    std::fs::copy(root.join(&r), dir.join("specs/api.yaml")).unwrap();
    dir
}

fn gwgen_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gwgen")).args(args).current_dir(dir).output().expect("gwgen runs")
}

#[test]
fn git_revisions_are_read_with_git_show() {
    let dir = repository("git");
    let out = gwgen_in(&dir, &["diff", "git:main:specs/api.yaml", "specs/api.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["base"], "git:main:specs/api.yaml");
    assert_eq!(v["changes"][0]["id"], "operation-removed");
    assert_eq!(v["changes"][0]["base"]["file"], "git:main:specs/api.yaml");
    // The base's line is the line in the committed text: `post:` is on line 9 there, and the
    // working-tree file has 8 lines.
    assert_eq!(v["changes"][0]["base"]["line"], 9);
    assert_eq!(v["changes"][0]["revision"]["file"], "specs/api.yaml");
    // From a subfolder, the path is relative to it, as git's `./` paths are.
    let sub = gwgen_in(&dir.join("specs"), &["diff", "git:HEAD:api.yaml", "api.yaml", "--format", "json"]);
    assert_eq!(sub.status.code(), Some(1), "{}", stderr(&sub));
    // Against itself: nothing.
    let same = gwgen_in(&dir, &["diff", "git:main:specs/api.yaml", "git:HEAD:specs/api.yaml"]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    // A ref or a path git does not know: exit 2, naming what was asked.
    let bad_ref = gwgen_in(&dir, &["diff", "git:no-such-branch:specs/api.yaml", "specs/api.yaml"]);
    assert_eq!(bad_ref.status.code(), Some(2));
    assert!(stderr(&bad_ref).contains("git:no-such-branch:specs/api.yaml"), "{}", stderr(&bad_ref));
    assert!(stderr(&bad_ref).contains("no-such-branch"), "{}", stderr(&bad_ref));
    let bad_path = gwgen_in(&dir, &["diff", "git:main:specs/gone.yaml", "specs/api.yaml"]);
    assert_eq!(bad_path.status.code(), Some(2));
    assert!(stderr(&bad_path).contains("gone.yaml"), "{}", stderr(&bad_path));
    let malformed = gwgen_in(&dir, &["diff", "git:main", "specs/api.yaml"]);
    assert_eq!(malformed.status.code(), Some(2));
    assert!(stderr(&malformed).contains("git:REF:PATH"), "{}", stderr(&malformed));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_git_side_that_does_not_parse_is_located_in_its_committed_text() {
    let dir = repository("broken");
    std::fs::write(dir.join("specs/api.yaml"), "openapi: 3.0.3\ninfo: {title: t\n").unwrap();
    let add = |args: &[&str]| {
        Command::new("git")
            .args(["-c", "user.name=gwgen", "-c", "user.email=gwgen@example.com"])
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    add(&["commit", "-qam", "broken"]);
    let out = gwgen_in(&dir, &["diff", "git:HEAD:specs/api.yaml", "git:HEAD~1:specs/api.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("git:HEAD:specs/api.yaml:"), "{err}");
    assert!(err.contains("invalid YAML"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn snapshot(name: &str, text: &str) {
    common::snapshot_settings().bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn snapshots_of_each_format() {
    snapshot("diff-text-authorization-added", &stdout(&run("authorization-added", &[])));
    snapshot("diff-text-stage-variable-removed", &stdout(&run("stage-variable-removed", &[])));
    snapshot(
        "diff-json-request-constraint-tightened",
        &stdout(&run("request-constraint-tightened", &["--format", "json"])),
    );
    snapshot("diff-github-cors-narrowed", &stdout(&run("cors-narrowed", &["--format", "github"])));
    snapshot(
        "diff-text-integration-request-template-removed",
        &stdout(&run("integration-request-template-removed", &[])),
    );
    let petstore = |v: &str| {
        format!("{}/general/OAI__OpenAPI-Specification__examples__{v}__petstore.yaml", common::corpus().display())
    };
    let out = gwgen(&["diff", &petstore("v2.0__yaml"), &petstore("v3.0"), "--format", "markdown"]);
    let text = stdout(&out).replace(&common::corpus().display().to_string(), "CORPUS");
    snapshot("diff-markdown-petstore", &text);
    // Deterministic: the same run twice gives the same bytes.
    assert_eq!(
        stdout(&run("authorization-added", &["--format", "json"])),
        stdout(&run("authorization-added", &["--format", "json"]))
    );
}

fn load(path: &Path) -> Api {
    load::load(path, &load::Options::default()).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

fn ids(changes: &[diff::Change]) -> Vec<(&'static str, String)> {
    changes.iter().map(|c| (c.id, c.message.clone())).collect()
}

/// GitHub's REST API description at two dates: v1.1.4 (June 2022, the octokit cache) and the one
/// in @octokit/openapi 23.0.2. Changes GitHub announced between them are reported as breaking,
/// each checked first against the raw documents.
#[test]
fn history_github_at_two_dates() {
    let large = common::corpus().join("large");
    let (old_path, new_path) =
        (large.join("octokit__openapi__cache__api.github.com.json"), large.join("github-api.yaml"));
    let raw_old: serde_json::Value = serde_json::from_slice(&std::fs::read(&old_path).unwrap()).unwrap();
    assert_eq!(raw_old["info"]["version"], "1.1.4");
    let new_text = std::fs::read_to_string(&new_path).unwrap();
    assert!(new_text.contains("\n  version: 23.0.2\n"));
    let (old, new) = (load(&old_path), load(&new_path));
    let changes = diff::diff(&old, &new);
    let has = |id: &str, text: &str| changes.iter().any(|c| c.id == id && c.message.contains(text));
    // The OAuth Authorizations API, and the classic Projects API of organisations, are gone.
    for path in ["/authorizations", "/orgs/{org}/projects"] {
        assert!(raw_old["paths"].get(path).is_some(), "{path} in 1.1.4");
        assert!(!new_text.contains(&format!("\n  \"{path}\":\n")) && !new_text.contains(&format!("\n  {path}:\n")));
        assert!(has("path-removed", &format!("{path} was removed")), "{path}");
    }
    // The compare endpoint's operationId was renamed (SDK method names change).
    assert_eq!(
        raw_old["paths"]["/repos/{owner}/{repo}/compare/{basehead}"]["get"]["operationId"],
        "repos/compare-commits"
    );
    assert!(new_text.contains("operationId: repos/compare-commits-with-basehead"));
    assert!(has("operation-id-changed", "`repos/compare-commits` became `repos/compare-commits-with-basehead`"));
    assert!(diff::fails(&changes, diff::Level::Breaking));
    // The pull-request summary stays short: breaking first, each level cut at 30 rows.
    let base = diff::output::Side { label: "1.1.4.json", path: &old_path, api: &old };
    let rev = diff::output::Side { label: "23.0.2.yaml", path: &new_path, api: &new };
    let mut markdown = String::new();
    diff::output::markdown(&changes, &base, &rev, &mut markdown);
    let breaking = changes.iter().filter(|c| c.level == diff::Level::Breaking).count();
    assert!(breaking > 30);
    assert!(markdown.contains(&format!("#### Breaking changes ({breaking})")));
    assert!(markdown.contains(&format!("…and {} more", breaking - 30)));
    assert!(markdown.find("#### Breaking").unwrap() < markdown.find("#### Warnings").unwrap());
    assert!(markdown.lines().count() < 150, "{} lines", markdown.lines().count());
    // Each against itself: nothing.
    assert_eq!(ids(&diff::diff(&old, &old)), []);
    assert_eq!(ids(&diff::diff(&new, &new)), []);
}

/// Figma's REST API description at 0.10.0 and 0.43.0 (the npm package @figma/rest-api-spec,
/// committed under specs/diff/history/ with its licence): changes the raw files show.
#[test]
fn history_figma_at_two_versions() {
    let dir = common::root().join("specs/diff/history");
    let (old_path, new_path) = (dir.join("figma-rest-api-0.10.0.yaml"), dir.join("figma-rest-api-0.43.0.yaml"));
    let (t_old, t_new) = (std::fs::read_to_string(&old_path).unwrap(), std::fs::read_to_string(&new_path).unwrap());
    assert!(t_old.contains("\n  version: 0.10.0\n") && t_new.contains("\n  version: 0.43.0\n"));
    let (old, new) = (load(&old_path), load(&new_path));
    let changes = diff::diff(&old, &new);
    let has = |id: &str, text: &str| changes.iter().any(|c| c.id == id && c.message.contains(text));
    // POST /v2/webhooks requires `context` and `context_id` in 0.43.0, not in 0.10.0.
    let required = |t: &str| {
        let at = t.find("  /v2/webhooks:\n").unwrap();
        let rest = &t[at..];
        let post = &rest[rest.find("    post:").unwrap()..];
        let body = &post[..post.find("      responses:").unwrap()];
        body[body.find("required:\n").unwrap_or(0)..].to_string()
    };
    assert!(!required(&t_old).contains("- context") && required(&t_new).contains("- context_id"));
    assert!(has("request-required-property-added", "property `context` was added as required"));
    assert!(has("request-required-property-added", "property `context_id` was added as required"));
    // GET /v1/payments: `user_id` was a number and is a string.
    let raw_old: serde_json::Value = serde_json::to_value(&old.sources.get(Default::default()).value).unwrap();
    let raw_new: serde_json::Value = serde_json::to_value(&new.sources.get(Default::default()).value).unwrap();
    let user_id = |v: &serde_json::Value| {
        v["paths"]["/v1/payments"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "user_id")
            .map(|p| p["schema"]["type"].clone())
    };
    assert_eq!(user_id(&raw_old), Some("number".into()));
    assert_eq!(user_id(&raw_new), Some("string".into()));
    assert!(has("parameter-type-changed", "GET /v1/payments: query parameter `user_id`: type number became string"));
    assert!(diff::fails(&changes, diff::Level::Breaking));
    assert_eq!(ids(&diff::diff(&old, &old)), []);
    assert_eq!(ids(&diff::diff(&new, &new)), []);
}

/// The OpenAPI Initiative's petstore as written for Swagger 2.0 and rewritten for OpenAPI 3.0:
/// the rewrite changed the API in ways the raw files show.
#[test]
fn history_petstore_rewritten_for_openapi_3() {
    let general = common::corpus().join("general");
    let v2 = general.join("OAI__OpenAPI-Specification__examples__v2.0__yaml__petstore.yaml");
    let v3 = general.join("OAI__OpenAPI-Specification__examples__v3.0__petstore.yaml");
    let (t2, t3) = (std::fs::read_to_string(&v2).unwrap(), std::fs::read_to_string(&v3).unwrap());
    // GET /pets/{petId}: 2.0 answers `Pets` (an array), 3.0 a `Pet`; 3.0 caps `limit` at 100;
    // 3.0's createPets has a required request body, 2.0's has no body parameter.
    assert!(t2.contains("showPetById") && t2.matches("$ref: '#/definitions/Pets'").count() == 2);
    assert!(t3.contains("maximum: 100") && !t2.contains("maximum"));
    assert!(t3.contains("requestBody") && !t2.contains("in: body"));
    let changes = diff::diff(&load(&v2), &load(&v3));
    assert_eq!(
        changes.iter().map(|c| c.id).collect::<Vec<_>>(),
        ["request-body-became-required", "request-constraint-tightened", "schema-type-changed"]
    );
    assert!(
        changes[2].message.contains("GET /pets/{petId} response 200")
            && changes[2].message.contains("array became object")
    );

    // petstore-expanded: 2.0's `tags` is a csv array (`collectionFormat` default), 3.0 writes
    // `style: form` whose `explode` defaults to true (`tags=a&tags=b`).
    let e2 = general.join("OAI__OpenAPI-Specification__examples__v2.0__yaml__petstore-expanded.yaml");
    let e3 = general.join("OAI__OpenAPI-Specification__examples__v3.0__petstore-expanded.yaml");
    let t3 = std::fs::read_to_string(&e3).unwrap();
    assert!(t3.contains("style: form") && !t3.contains("explode"));
    let changes = diff::diff(&load(&e2), &load(&e3));
    assert_eq!(ids(&changes).len(), 1, "{changes:?}");
    assert_eq!(changes[0].id, "parameter-style-changed");
}

/// Stripe's description (2020-08-27) in its JSON and YAML forms, and the Uber example as the OAI
/// and AWS's importer each wrote it: the same API, so nothing changes.
#[test]
fn history_same_api_in_two_forms() {
    let c = common::corpus();
    let json = c.join("large/stripe__openapi__openapi__spec3.json");
    let yaml = c.join("large/stripe__openapi__openapi__spec3.yaml");
    let (a, b) = (load(&json), load(&yaml));
    assert_eq!(a.info.version, b.info.version);
    assert_eq!(ids(&diff::diff(&a, &b)), []);
    let oai = c.join("general/OAI__OpenAPI-Specification__examples__v2.0__json__uber.json");
    let importer = c.join("general/awslabs__aws-apigateway-importer__tst__resources__swagger__uber.yaml");
    assert_eq!(ids(&diff::diff(&load(&oai), &load(&importer))), []);
}

/// Every corpus document against itself, and against gwgen's own export of it (to the same
/// specification version, read back with the same API type): no change, except about what the
/// export warns it cannot write.
#[test]
fn property_a_document_and_its_export_are_the_same_api() {
    let c = common::corpus();
    let mut files = Vec::new();
    for dir in ["apigw", "general", "large"] {
        files.extend(common::files_in(&c.join(dir)));
    }
    // And both sides of every change's fixture pair: each holds the construct its change is about.
    for entry in std::fs::read_dir(common::root().join("specs/diff")).unwrap() {
        let folder = entry.unwrap().path();
        files.extend(["base.yaml", "revision.yaml"].map(|f| folder.join(f)).into_iter().filter(|f| f.is_file()));
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for doc in files {
        let Ok(api) = load::load(&doc, &load::Options::default()) else { continue };
        let name = doc.file_name().unwrap().to_string_lossy().to_string();
        let same = diff::diff(&api, &api);
        if !same.is_empty() {
            failures.push(format!("{name} against itself: {:?}", ids(&same)));
        }
        // A WebSocket API has no OpenAPI form to export to.
        if api.websocket.is_some() {
            continue;
        }
        let target = if api.version == gwgen::ir::SpecVersion::Swagger2 { Target::Swagger2 } else { Target::Oas30 };
        let Ok(out) = export::export(&api, &Options { target, extensions: ExtensionSet::Apigateway, stage: None })
        else {
            continue;
        };
        let text = gwgen::render::to_json(&out.document);
        let source = load::parse_source(doc.with_extension("export.json"), text.into_bytes()).unwrap();
        let options = load::Options {
            api_type: Some((api.api_type, api.api_type_from.clone())),
            api: None,
            allow_external_refs: false,
            parameters: Vec::new(),
        };
        let again = load::load_source(source, &options).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        // What export says it cannot write in the target version (OpenAPI 3.1's scopes on a
        // bearer scheme, written as 3.0) is no surprise: a change about a node that holds such a
        // construct is excused.
        let warned: Vec<&gwgen::source::Pointer> = out.warnings.iter().map(|w| &w.loc.ptr).collect();
        let changes: Vec<diff::Change> = diff::diff(&api, &again)
            .into_iter()
            .filter(|c| c.base.ptr.is_root() || !warned.iter().any(|w| w.starts_with(&c.base.ptr)))
            .collect();
        if !changes.is_empty() {
            failures.push(format!("{name} against its export: {:?}", ids(&changes)));
        }
        checked += 1;
    }
    assert!(checked > 130, "only {checked} documents checked");
    assert!(failures.is_empty(), "{} documents differ:\n{}", failures.len(), failures.join("\n"));
}

/// A real CloudFormation template (a REST API in front of DynamoDB, integrations with mapping
/// templates) and a revision of it: a status selected by a new pattern and a response template
/// changed are located on the template's own lines, in both files.
#[test]
fn integration_mappings_of_a_template_are_located_in_it() {
    let original =
        common::corpus().join("cfn-resources/aws-samples__serverless-patterns__apigw-rest-api-dynamodb__template.yml");
    let text = std::fs::read_to_string(&original).unwrap();
    let old_template = "              application/json: \"{}\"";
    let old_status = "          - StatusCode: '200'\n            ResponseTemplates:";
    assert_eq!(text.matches(old_template).count(), 1);
    let revised = text.replacen(old_template, "              application/json: \"{\\\"ok\\\": true}\"", 1).replacen(
        old_status,
        "          - StatusCode: '200'\n            SelectionPattern: '2\\d{2}'\n            ResponseTemplates:",
        1,
    );
    let dir = std::env::temp_dir().join(format!("gwgen-diff-mappings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (base, rev) = (dir.join("base.yml"), dir.join("revision.yml"));
    std::fs::write(&base, &text).unwrap();
    std::fs::write(&rev, &revised).unwrap();
    let out = gwgen(&["diff", base.to_str().unwrap(), rev.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changes = v["changes"].as_array().unwrap();
    let ids: Vec<&str> = changes.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["integration-response-pattern-changed", "integration-response-template-changed"]);
    // Each side's line holds what changed there.
    let line = |t: &str, side: &serde_json::Value| {
        t.lines().nth(side["line"].as_u64().unwrap() as usize - 1).unwrap().to_string()
    };
    let template = &changes[1];
    assert_eq!(line(&text, &template["base"]), old_template);
    assert!(line(&revised, &template["revision"]).contains("\\\"ok\\\": true"));
    assert!(line(&text, &changes[0]["base"]).contains("StatusCode: '200'"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// An HTTP API made of CloudFormation resources (`AWS::ApiGatewayV2::Integration` with
/// `ResponseParameters`, CloudFormation's list of `Destination` and `Source`): a header mapping
/// removed and a status code changed are found, each located on the template's line of that
/// mapping.
#[test]
fn http_response_mappings_of_a_template_are_located_in_it() {
    let text = "\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pets:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: pets, ProtocolType: HTTP}
  Backend:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Pets
      IntegrationType: AWS_PROXY
      IntegrationUri: arn:aws:lambda:us-east-1:123456789012:function:pets
      PayloadFormatVersion: '2.0'
      ResponseParameters:
        '404':
          ResponseParameters:
            - Destination: overwrite:statuscode
              Source: '410'
            - Destination: append:header.X-Gone
              Source: 'true'
  GetPet:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Pets
      RouteKey: GET /pets/{id}
      Target: !Sub integrations/${Backend}
";
    let revised = text
        .replace("            - Destination: append:header.X-Gone\n              Source: 'true'\n", "")
        .replace("Source: '410'", "Source: '404'");
    assert_ne!(text, revised);
    let dir = std::env::temp_dir().join(format!("gwgen-diff-http-mappings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (base, rev) = (dir.join("base.yml"), dir.join("revision.yml"));
    std::fs::write(&base, text).unwrap();
    std::fs::write(&rev, &revised).unwrap();
    let out = gwgen(&["diff", base.to_str().unwrap(), rev.to_str().unwrap(), "--format", "json"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changes = v["changes"].as_array().unwrap();
    let ids: Vec<&str> = changes.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["response-mapping-header-removed", "response-mapping-status-changed"]);
    let line = |t: &str, side: &serde_json::Value| {
        t.lines().nth(side["line"].as_u64().unwrap() as usize - 1).unwrap().to_string()
    };
    assert!(line(text, &changes[0]["base"]).contains("append:header.X-Gone"), "{}", changes[0]);
    assert!(line(text, &changes[1]["base"]).contains("overwrite:statuscode"), "{}", changes[1]);
    assert!(line(&revised, &changes[1]["revision"]).contains("overwrite:statuscode"), "{}", changes[1]);
    assert!(changes[1]["message"].as_str().unwrap().contains("status 404 instead of 410"), "{}", changes[1]);
}

/// A REST API made of resources whose integration response maps its headers with a whole-map
/// `Fn::If`. With a condition gwgen cannot evaluate (`Env` has no Default) it reads the first
/// branch, as it reads other `Fn::If`s: a change there is found, located on the template's line
/// inside that branch. With the condition decided (`--parameter Env=dev`) it reads the branch
/// CloudFormation chooses: a change in the other branch is no change.
#[test]
fn conditional_response_mappings_of_a_template_are_read() {
    let text = "\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Pets:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: pets}
  GetPets:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Pets
      ResourceId: !GetAtt Pets.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: HTTP
        IntegrationHttpMethod: GET
        Uri: https://example.com/pets
        RequestTemplates: !If
          - IsProd
          - application/json: '{\"stage\": \"prod\"}'
          - application/json: '{\"stage\": \"dev\"}'
        IntegrationResponses:
          - StatusCode: '200'
            ResponseParameters: !If
              - IsProd
              - method.response.header.X-Env: \"'prod'\"
              - method.response.header.X-Env: \"'dev'\"
      MethodResponses:
        - StatusCode: '200'
          ResponseParameters:
            method.response.header.X-Env: true
";
    let dir = std::env::temp_dir().join(format!("gwgen-diff-conditional-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (base, rev) = (dir.join("base.yml"), dir.join("revision.yml"));
    std::fs::write(&base, text).unwrap();
    let diff_to = |revised: &str, extra: &[&str]| {
        std::fs::write(&rev, revised).unwrap();
        let mut args = vec!["diff", base.to_str().unwrap(), rev.to_str().unwrap(), "--format", "json"];
        args.extend_from_slice(extra);
        let out = gwgen(&args);
        let v: serde_json::Value =
            serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {} {}", stdout(&out), stderr(&out)));
        v["changes"].as_array().unwrap().clone()
    };
    let ids = |changes: &[serde_json::Value]| {
        changes.iter().map(|c| c["id"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    let first = text.replace("X-Env: \"'prod'\"", "X-Env: \"'production'\"");
    let second = text.replace("X-Env: \"'dev'\"", "X-Env: \"'development'\"");
    // Unknown: the first branch is read; the change in it is located inside it.
    assert_eq!(ids(&diff_to(text, &[])), Vec::<String>::new());
    let changes = diff_to(&first, &[]);
    assert_eq!(ids(&changes), ["integration-response-header-changed"]);
    let line = |t: &str, side: &serde_json::Value| {
        t.lines().nth(side["line"].as_u64().unwrap() as usize - 1).unwrap().to_string()
    };
    assert!(line(text, &changes[0]["base"]).contains("'prod'"), "{}", changes[0]);
    assert!(line(&first, &changes[0]["revision"]).contains("'production'"), "{}", changes[0]);
    assert_eq!(ids(&diff_to(&second, &[])), Vec::<String>::new());
    // A request template in the first branch, read the same way.
    let template = text.replace("'{\"stage\": \"prod\"}'", "'{\"stage\": \"live\"}'");
    assert_eq!(ids(&diff_to(&template, &[])), ["integration-request-template-changed"]);
    // Decided: the branch CloudFormation chooses.
    assert_eq!(ids(&diff_to(&second, &["--parameter", "Env=dev"])), ["integration-response-header-changed"]);
    assert_eq!(ids(&diff_to(&first, &["--parameter", "Env=dev"])), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&dir);
}
