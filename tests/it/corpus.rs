//! The shared corpus as a regression wall: real documents load (exit 0 or 1) and never panic;
//! broken ones fail with exit 2 and a message that names the file (and line:column for syntax).

use crate::common;

use common::{corpus, gwgen, scratch, stderr};

/// Documents in broken/ whose defect is outside the document itself, with the reason.
const BROKEN_ELSEWHERE: [(&str, &str); 1] = [(
    "aws__serverless-application-model__tests__translator__input__error_http_api_def_body_uri__MyApi.DefinitionBody.yaml",
    "the template sets both DefinitionBody and DefinitionUri; the body on its own is a valid HTTP API document",
)];

#[test]
fn real_documents_load() {
    let mut checked = 0;
    for dir in ["apigw", "general", "large"] {
        for file in common::files_in(&corpus().join(dir)) {
            let out = gwgen(&["import", file.to_str().unwrap()]);
            let code = out.status.code();
            assert!(matches!(code, Some(0 | 1)), "{}: exit {code:?}\n{}", file.display(), stderr(&out));
            assert!(!stderr(&out).contains("panicked"), "{}", file.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} corpus documents found");
}

#[test]
fn broken_documents_fail_with_a_located_message() {
    let files = common::files_in(&corpus().join("broken"));
    assert!(files.len() >= 8);
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let out = gwgen(&["import", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{name}: {err}");
        if let Some((_, why)) = BROKEN_ELSEWHERE.iter().find(|(n, _)| *n == name) {
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{name} ({why}) now exits {:?}: update BROKEN_ELSEWHERE",
                out.status.code()
            );
            continue;
        }
        assert_eq!(out.status.code(), Some(2), "{name}: expected exit 2\n{err}");
        assert!(err.contains(&name[..40]), "{name}: message does not name the file:\n{err}");
        assert!(err.contains("help:"), "{name}: no fix suggested:\n{err}");
    }
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let yaml = corpus().join("broken/aws__aws-cdk__packages__@aws-cdk-testing__framework-integ__test__aws-apigateway__test__sample-definition-substitution.yaml");
    let err = stderr(&gwgen(&["import", yaml.to_str().unwrap()]));
    assert!(err.contains("substitution.yaml:9:"), "{err}");
    assert!(err.contains("{{ testMethod }}"), "the code frame shows the line: {err}");
    let dir = scratch("corpus-bad-json");
    let json = dir.join("bad.json");
    std::fs::write(&json, "{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {,}\n}\n").unwrap();
    let err = stderr(&gwgen(&["import", json.to_str().unwrap()]));
    assert!(err.contains("bad.json:3:13"), "{err}");
    std::fs::write(&json, [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let out = gwgen(&["import", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
}

/// Every error-level lint finding on the API Gateway corpus is a known, explained defect of
/// that document (tests/corpus-lint-expectations.tsv: file, rule, count, reason). A new error
/// is either a real defect to add there with its reason, or a false positive to fix.
#[test]
fn lint_errors_on_the_corpus_are_real_defects() {
    use std::collections::BTreeMap;
    let out = gwgen(&["lint", corpus().join("apigw").to_str().unwrap(), "--format", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut actual: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in v["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error") {
        let file = f["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
        *actual.entry((file, f["rule"].as_str().unwrap().to_string())).or_default() += 1;
    }
    let text = std::fs::read_to_string(common::root().join("tests/corpus-lint-expectations.tsv")).unwrap();
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() == 4 && !cols[3].trim().is_empty(),
            "expectation needs file, rule, count and a reason: {line}"
        );
        expected.insert((cols[0].to_string(), cols[1].to_string()), cols[2].parse().unwrap());
    }
    let mut problems = Vec::new();
    for (key, n) in &actual {
        match expected.get(key) {
            Some(e) if e == n => {}
            Some(e) => problems.push(format!("{}\t{}: {n} errors, expected {e}", key.0, key.1)),
            None => problems.push(format!("{}\t{}\t{n}\t(new: a real defect, or a false positive?)", key.0, key.1)),
        }
    }
    for key in expected.keys().filter(|k| !actual.contains_key(*k)) {
        problems.push(format!("{}\t{}: expected errors no longer reported", key.0, key.1));
    }
    assert!(
        problems.is_empty(),
        "lint errors on the corpus differ from tests/corpus-lint-expectations.tsv:\n{}",
        problems.join("\n")
    );
}

/// The folder search finds every document of the corpus folders: each file of `apigw/` and
/// `general/` is an OpenAPI document (indented YAML and `.json.tpl` included), and each is read.
#[test]
fn folder_search_finds_every_corpus_document() {
    for (folder, n) in [("apigw", 101), ("general", 33)] {
        let dir = corpus().join(folder);
        let files = std::fs::read_dir(&dir).unwrap().filter(|e| e.as_ref().unwrap().path().is_file()).count();
        assert_eq!(files, n, "{folder}: the corpus folder changed");
        let out = gwgen(&["lint", dir.to_str().unwrap(), "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let s = &v["summary"];
        assert_eq!(
            (s["searched"].as_u64(), s["documents"].as_u64()),
            (Some(n as u64), Some(n as u64)),
            "{folder}: {s}"
        );
        assert_eq!((s["apis"].as_u64(), s["unreadable"].as_u64()), (Some(n as u64), Some(0)), "{folder}: {s}");
    }
}
