//! The shared corpus as a regression wall: real documents load (exit 0 or 1) and never panic;
//! broken ones fail with exit 2 and a message that names the file (and line:column for syntax).

mod common;

use common::{corpus, gwgen, stderr};

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
    let dir = std::env::temp_dir().join(format!("gwgen-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("bad.json");
    std::fs::write(&json, "{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {,}\n}\n").unwrap();
    let err = stderr(&gwgen(&["import", json.to_str().unwrap()]));
    assert!(err.contains("bad.json:3:13"), "{err}");
    std::fs::write(&json, [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let out = gwgen(&["import", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
}
