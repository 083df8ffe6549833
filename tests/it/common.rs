//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared document corpus: `GWGEN_CORPUS` when set, else `../shared/corpus` beside the
/// checkout. A test that needs it fails with one message saying where it looked and what to set.
pub fn corpus() -> PathBuf {
    let dir = std::env::var_os("GWGEN_CORPUS").map_or_else(|| root().join("../shared/corpus"), PathBuf::from);
    assert!(
        dir.join("apigw").is_dir(),
        "the shared corpus is not at {}: set GWGEN_CORPUS to the folder that holds apigw/, general/, \
         sam-templates/... (see README, Tests)",
        dir.display()
    );
    dir
}

/// Runs the gwgen binary from the repository root.
pub fn gwgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwgen")).args(args).current_dir(root()).output().expect("gwgen runs")
}

/// A fresh, empty folder of its own for one test (`name` unique among the tests), under the
/// target folder's tmp/: what the test writes stays there to be read after a failure.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// insta settings: flat snapshot names in the top-level snapshots/ folder.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "MANIFEST.tsv"))
        .collect();
    files.sort();
    files
}

/// A tsconfig.json that type-checks the TypeScript and the declarations under `include` with the
/// flags each generated package's own tsconfig sets (the strictest), emitting nothing. The
/// packages are declarations (`lib/*.d.ts`): they are checked (`skipLibCheck` off), the
/// compiler's own lib files are not.
pub fn strict_project(include: &str) -> serde_json::Value {
    serde_json::json!({
        "compilerOptions": {
            "target": "es2020", "lib": ["es2020", "dom"], "module": "es2020", "moduleResolution": "bundler",
            "strict": true, "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true,
            "noUnusedLocals": true, "noUnusedParameters": true, "noImplicitOverride": true,
            "noImplicitReturns": true, "noFallthroughCasesInSwitch": true, "verbatimModuleSyntax": true,
            "isolatedModules": true, "skipLibCheck": false, "skipDefaultLibCheck": true,
            "types": [], "noEmit": true
        },
        "include": [include]
    })
}

/// The findings of `rule` in a JSON report.
pub fn findings_of<'v>(v: &'v serde_json::Value, rule: &str) -> Vec<&'v serde_json::Value> {
    v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == rule).collect()
}

/// A finding's text field.
pub fn text_of(f: &serde_json::Value, field: &str) -> String {
    f[field].as_str().unwrap_or_else(|| panic!("no {field}: {f:#}")).to_string()
}
