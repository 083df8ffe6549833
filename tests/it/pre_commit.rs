//! The hooks of .pre-commit-hooks.yaml, run by the real pre-commit against a sample repository.
//! pre-commit clones this repository at its HEAD commit and installs gwgen from it: `gwgen-lint`
//! with pip (which builds the wheel pyproject.toml describes), `gwgen-lint-rust` with cargo install.

use crate::{common, packaging};

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git").args(args).current_dir(dir).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_python_hook_lints_openapi_files_and_skips_others() {
    lints_openapi_files_and_skips_others("gwgen-lint");
}

#[test]
fn the_rust_hook_lints_openapi_files_and_skips_others() {
    lints_openapi_files_and_skips_others("gwgen-lint-rust");
}

fn lints_openapi_files_and_skips_others(hook: &str) {
    let root = common::root();
    let pre_commit = root.join(".tools/venv/bin/pre-commit");
    assert!(pre_commit.exists(), "this test needs pre-commit: run `bash .ci/setup` (see README)");
    let head = Command::new("git").args(["rev-parse", "HEAD"]).current_dir(&root).output().unwrap();
    let head = String::from_utf8(head.stdout).unwrap().trim().to_string();

    let dir = crate::common::scratch(&format!("pre-commit-{hook}"));
    git(&dir, &["init", "-q"]);
    git(&dir, &["config", "user.email", "test@example.com"]);
    git(&dir, &["config", "user.name", "test"]);
    let config = format!("repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: {hook}\n", root.display());
    std::fs::write(dir.join(".pre-commit-config.yaml"), config).unwrap();
    let api = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-binary-media-types: []\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n";
    std::fs::write(dir.join("api.yaml"), api).unwrap();
    std::fs::write(dir.join("workflow.yml"), "on: push\njobs: {}\n").unwrap();
    git(&dir, &["add", "."]);

    let run = |dir: &Path| {
        Command::new(&pre_commit)
            .args(["run", "--all-files", "--color", "never"])
            .current_dir(dir)
            .env("PRE_COMMIT_HOME", packaging::target_dir().join("pre-commit-home"))
            // Reuse one build folder across runs (and hooks: pip's maturin build and cargo install
            // share the release build of the dependencies) so that each install is incremental.
            .env("CARGO_TARGET_DIR", packaging::release_build_dir())
            .output()
            .unwrap()
    };
    let out = run(&dir);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "the missing integration fails the hook:\n{text}");
    assert!(text.contains("integration-missing") && text.contains("api.yaml"), "{text}");
    assert!(!text.contains("workflow.yml"), "non-OpenAPI YAML is skipped:\n{text}");
    if hook == "gwgen-lint" {
        // The binary the hook ran is the one pip installed into the hook's Python environment.
        let clone = hook_clone(&packaging::target_dir().join("pre-commit-home"), &root, &head);
        let installed = std::fs::read_dir(&clone).unwrap().flatten().map(|e| e.path().join("bin/gwgen")).find(|p| {
            p.parent()
                .and_then(|b| b.parent())
                .and_then(|e| e.file_name())
                .is_some_and(|n| n.to_string_lossy().starts_with("py_env-"))
                && p.is_file()
        });
        assert!(installed.is_some(), "no py_env-*/bin/gwgen in {}", clone.display());
    }

    let fixed = api.replace("      responses:", "      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{}'}, responses: {default: {statusCode: '200'}}}\n      responses:");
    std::fs::write(dir.join("api.yaml"), fixed).unwrap();
    git(&dir, &["add", "."]);
    let out = run(&dir);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "a clean document passes:\n{text}");
    assert!(text.contains("gwgen lint"), "{text}");
}

/// The folder where pre-commit cloned `repo` at `rev` (its store's `repos` table).
fn hook_clone(home: &Path, repo: &Path, rev: &str) -> std::path::PathBuf {
    let python = common::root().join(".tools/venv/bin/python");
    let query = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT path FROM repos WHERE repo = ? AND ref = ?', (sys.argv[2], sys.argv[3])).fetchone()[0])";
    let out = Command::new(python).args(["-c", query]).arg(home.join("db.db")).arg(repo).arg(rev).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().into()
}
