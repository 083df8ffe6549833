//! gwgen's binary packages, built and installed as a user would install them: the Python wheel
//! (pyproject.toml, maturin's `bin` bindings) into a fresh venv with pip, and the npm packages
//! (`.ci/npm/pack`: `gwgen` and its platform package `@gwgen/cli-<os>-<cpu>`) from their tarballs
//! into a fresh folder with npm, offline. Each runs `gwgen lint` on the examples in specs/ and
//! must print what the gwgen binary prints, with its exit code.
//!
//! One release build (maturin's) serves both: the npm platform package holds the binary the
//! wheel installed.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// What the packaging steps left: the wheel's venv and the npm install folder.
struct Installed {
    wheel: PathBuf,
    venv_bin: PathBuf,
    npm_dir: PathBuf,
}

/// The cargo target folder of this test binary (`<target>/debug/gwgen` is the binary).
pub fn target_dir() -> PathBuf {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_gwgen"));
    exe.ancestors().nth(2).expect("the gwgen binary is in <target>/<profile>/").to_path_buf()
}

/// Removes the folders of earlier test processes that have ended (Linux: no `/proc/<pid>`).
fn remove_finished_runs(parent: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let name = entry.file_name();
        if name.to_str().is_some_and(|pid| pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The cargo target folder of the release builds these tests and the pre-commit hooks' installs
/// make: one release build of the dependencies serves all of them (cargo locks it, so they may
/// run at once), apart from `<target>/release`, which `cargo build --release` keeps.
pub fn release_build_dir() -> PathBuf {
    target_dir().join("release-packages")
}

fn run(cmd: &mut Command) -> Result<Output, String> {
    let shown = format!("{cmd:?}");
    let out = cmd.output().map_err(|e| format!("{shown}: {e}"))?;
    if out.status.success() {
        Ok(out)
    } else {
        Err(format!("{shown} failed ({}):\n{}{}", out.status, common::stdout(&out), common::stderr(&out)))
    }
}

/// Builds the wheel and the npm packages once per test process, each process in its own folder
/// (two `cargo test` runs at once share only cargo's release build, which cargo locks).
fn installed() -> &'static Installed {
    static INSTALLED: OnceLock<Result<Installed, String>> = OnceLock::new();
    INSTALLED.get_or_init(build_and_install).as_ref().unwrap_or_else(|e| panic!("{e}"))
}

fn build_and_install() -> Result<Installed, String> {
    let root = common::root();
    let tools = root.join(".tools/venv/bin");
    let maturin = tools.join("maturin");
    if !maturin.exists() {
        return Err(format!("{} is missing: run `bash .ci/setup` (see README)", maturin.display()));
    }
    for tool in ["node", "npm"] {
        if Command::new(tool).arg("--version").output().is_err() {
            return Err(format!("`{tool}` is not on the PATH: install Node.js 20 or later, then run `bash .ci/setup`"));
        }
    }
    let parent = target_dir().join("packaging");
    remove_finished_runs(&parent);
    let dir = parent.join(std::process::id().to_string());
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;

    // The wheel, as README says to build it.
    let wheels = dir.join("wheels");
    run(Command::new(&maturin)
        .args(["build", "--release", "--quiet", "--out"])
        .arg(&wheels)
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", release_build_dir()))?;
    let wheel = common::files_in(&wheels).into_iter().find(|p| p.extension().is_some_and(|e| e == "whl"));
    let wheel = wheel.ok_or_else(|| format!("maturin wrote no wheel into {}", wheels.display()))?;
    let venv = dir.join("venv");
    run(Command::new(tools.join("python")).args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--no-index", "--disable-pip-version-check"])
        .arg(&wheel))?;
    let venv_bin = venv.join("bin");

    // The npm packages, from the binary the wheel installed.
    let npm = dir.join("npm");
    run(Command::new("bash").arg(root.join(".ci/npm/pack")).arg(venv_bin.join("gwgen")).arg(&npm))?;
    let tarballs: Vec<PathBuf> =
        common::files_in(&npm).into_iter().filter(|p| p.extension().is_some_and(|e| e == "tgz")).collect();
    let npm_dir = dir.join("npm-project");
    std::fs::create_dir_all(&npm_dir).map_err(|e| e.to_string())?;
    std::fs::write(npm_dir.join("package.json"), "{\"private\": true}\n").map_err(|e| e.to_string())?;
    run(Command::new("npm")
        .args(["install", "--offline", "--no-audit", "--no-fund", "--loglevel", "error", "--cache"])
        .arg(dir.join("npm-cache"))
        .args(&tarballs)
        .current_dir(&npm_dir))?;
    Ok(Installed { wheel, venv_bin, npm_dir })
}

/// `gwgen lint FILE` through an installed package, run from the repository root, prints what the
/// gwgen binary prints there, on the same streams, with the same exit code: 1 with errors, 0 for a
/// clean document, 2 for a file that cannot be read.
fn lints_like_the_binary(run_installed: impl Fn(&[&str]) -> Output) {
    let cases = [
        ("specs/lint/integration-missing.yaml", 1),
        ("specs/import/plain-petstore.oas30.yaml", 0),
        ("specs/no-such-file.yaml", 2),
    ];
    for (file, code) in cases {
        let out = run_installed(&["lint", file]);
        let expected = common::gwgen(&["lint", file]);
        let text = format!("{}{}", common::stdout(&out), common::stderr(&out));
        assert_eq!(out.status.code(), Some(code), "gwgen lint {file}:\n{text}");
        assert_eq!(common::stdout(&out), common::stdout(&expected), "gwgen lint {file}: stdout");
        assert_eq!(common::stderr(&out), common::stderr(&expected), "gwgen lint {file}: stderr");
    }
    let out = run_installed(&["lint", "specs/lint/integration-missing.yaml"]);
    let text = common::stdout(&out);
    assert!(text.contains("No integration defined for method GET /pets"), "{text}");
    assert!(text.contains("[specs/lint/integration-missing.yaml:5:5]"), "the finding is located:\n{text}");
    let version = run_installed(&["--version"]);
    assert_eq!(common::stdout(&version).trim(), format!("gwgen {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn the_wheel_puts_gwgen_on_the_venv_path() {
    let venv_bin = &installed().venv_bin;
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(venv_bin.clone()).chain(std::env::split_paths(&path))).unwrap();
    lints_like_the_binary(|args| {
        // `gwgen` by name, found on the PATH as in an activated venv.
        Command::new("gwgen")
            .args(args)
            .env("PATH", &path)
            .current_dir(common::root())
            .output()
            .expect("gwgen from the venv runs")
    });
}

#[test]
fn the_npm_package_runs_its_platform_binary() {
    let dir = &installed().npm_dir;
    let platform = format!("{}-{}", node_value(dir, "process.platform"), node_value(dir, "process.arch"));
    let binary = dir.join(format!("node_modules/@gwgen/cli-{platform}/bin/gwgen"));
    assert!(binary.is_file(), "npm installed the platform package's binary at {}", binary.display());
    let launcher = dir.join("node_modules/.bin/gwgen");
    lints_like_the_binary(|args| {
        Command::new(&launcher).args(args).current_dir(common::root()).output().expect("the launcher runs")
    });
    // npx finds the installed package (`--no`: never ask to download one).
    let out = Command::new("npx")
        .args(["--no", "gwgen", "lint", common::root().join("specs/lint/integration-missing.yaml").to_str().unwrap()])
        .current_dir(dir)
        .output()
        .expect("npx runs");
    assert_eq!(out.status.code(), Some(1), "{}{}", common::stdout(&out), common::stderr(&out));
    assert!(common::stdout(&out).contains("integration-missing"), "{}", common::stdout(&out));
}

fn node_value(dir: &Path, expr: &str) -> String {
    let out = Command::new("node").args(["-p", expr]).current_dir(dir).output().expect("node runs");
    common::stdout(&out).trim().to_string()
}

/// README's `repo: local` pre-commit config, with the wheel's path: the hook installs the wheel
/// and lints, with no cargo or rustc on the PATH.
#[test]
fn the_readme_pre_commit_config_installs_the_wheel() {
    let root = common::root();
    let pre_commit = root.join(".tools/venv/bin/pre-commit");
    assert!(pre_commit.exists(), "this test needs pre-commit: run `bash .ci/setup` (see README)");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let config = readme
        .split("```yaml\n")
        .filter_map(|block| block.split_once("```").map(|(yaml, _)| yaml))
        .find(|yaml| yaml.contains("- repo: local"))
        .expect("README shows a `repo: local` pre-commit config");
    let (before, rest) = config.split_once("additional_dependencies: [").expect("the config names the wheel");
    let (_, after) = rest.split_once(']').unwrap();
    let config = format!("{before}additional_dependencies: [{}]{after}", installed().wheel.display());

    let dir = target_dir().join("packaging").join(std::process::id().to_string()).join("pre-commit-local");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for args in [&["init", "-q"][..], &["config", "user.email", "test@example.com"], &["config", "user.name", "test"]] {
        run(Command::new("git").args(args).current_dir(&dir)).unwrap();
    }
    std::fs::write(dir.join(".pre-commit-config.yaml"), config).unwrap();
    std::fs::copy(root.join("specs/lint/integration-missing.yaml"), dir.join("api.yaml")).unwrap();
    std::fs::write(dir.join("workflow.yml"), "on: push\njobs: {}\n").unwrap();
    run(Command::new("git").args(["add", "."]).current_dir(&dir)).unwrap();

    let path = std::env::var_os("PATH").unwrap_or_default();
    let no_compiler = std::env::split_paths(&path).filter(|d| !d.join("cargo").exists() && !d.join("rustc").exists());
    let out = Command::new(&pre_commit)
        .args(["run", "--all-files", "--color", "never"])
        .current_dir(&dir)
        .env("PRE_COMMIT_HOME", dir.join("home"))
        .env("PATH", std::env::join_paths(no_compiler).unwrap())
        .output()
        .unwrap();
    let text = format!("{}{}", common::stdout(&out), common::stderr(&out));
    assert_eq!(out.status.code(), Some(1), "the missing integrations fail the hook:\n{text}");
    assert!(text.contains("No integration defined for method GET /pets") && text.contains("[api.yaml:5:5]"), "{text}");
    assert!(!text.contains("workflow.yml"), "non-OpenAPI YAML is skipped:\n{text}");
}
