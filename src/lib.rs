//! gwgen: an OpenAPI toolchain for AWS API Gateway.
//!
//! The pipeline: `load` reads a document into the typed [`ir::Api`]; `lint` checks it;
//! `plan` describes what API Gateway would build; `report` turns findings into output.
//! Imports run one way: `source` <- `diag` <- `ir` <- `load`, `lint`, `plan` <- `render`, `report`
//! <- `commands` (the `layering` test below checks it).

pub mod cli;
pub(crate) mod commands;
pub(crate) mod config;
pub mod diag;
pub mod diff;
pub(crate) mod discover;
pub mod ir;
pub mod lint;
pub mod load;
pub(crate) mod plan;
pub mod render;
pub mod report;
pub mod source;

pub use commands::Exit;

/// Runs one command line.
pub fn run(cli: cli::Cli) -> Exit {
    match &cli.command {
        cli::Command::Import(args) => commands::import::run(args),
        cli::Command::Lint(args) => commands::lint::run(args),
        cli::Command::Rules(args) => commands::rules::run(args),
        cli::Command::Export(args) => commands::export::run(args),
        cli::Command::Sdk(args) => commands::sdk::run(args),
        cli::Command::Diff(args) => commands::diff::run(args),
        cli::Command::Help { command } => commands::help(command.as_deref()),
        #[cfg(feature = "bench")]
        cli::Command::ParseEvents { file } => commands::parse_events(file),
    }
}

/// The layering, checked: a module's code (its tests aside) names only the modules below it.
#[cfg(test)]
mod layering {
    use std::path::Path;

    /// Each module and what it may use besides itself. `cli`, `commands` and the crate root sit
    /// on top and may use everything.
    const ALLOWED: &[(&str, &[&str])] = &[
        ("source", &[]),
        ("diag", &["source"]),
        ("ir", &["source", "diag"]),
        ("load", &["ir", "source", "diag"]),
        ("lint", &["ir", "source", "diag"]),
        ("plan", &["ir", "source", "diag"]),
        ("render", &["plan", "ir", "source", "diag"]),
        ("report", &["lint", "load", "ir", "source", "diag"]),
        ("discover", &["load", "ir", "source", "diag"]),
        ("config", &["lint", "load", "ir", "source", "diag"]),
        ("diff", &["report", "load", "ir", "source", "diag"]),
    ];

    /// The lines of a file without its `#[cfg(test)]` items and without comments.
    fn code_lines(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let (mut skipping, mut depth, mut opened) = (false, 0i64, false);
        for line in text.lines() {
            let t = line.trim_start();
            if t.starts_with("#[cfg(test)]") {
                (skipping, depth, opened) = (true, 0, false);
                continue;
            }
            if skipping {
                depth += line.matches('{').count() as i64 - line.matches('}').count() as i64;
                opened |= line.contains('{');
                if (opened && depth <= 0) || (!opened && t.ends_with(';')) {
                    skipping = false;
                }
                continue;
            }
            if !t.starts_with("//") {
                out.push(line);
            }
        }
        out
    }

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn modules_import_only_downwards() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        files.sort();
        let mut wrong = Vec::new();
        let mut checked = 0;
        for file in files {
            let rel = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            let module = rel.split(['/', '.']).next().unwrap();
            let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else { continue };
            checked += 1;
            let text = std::fs::read_to_string(&file).unwrap();
            for (i, line) in code_lines(&text).iter().enumerate() {
                for (at, _) in line.match_indices("crate::") {
                    let used: String =
                        line[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if used != module && !allowed.contains(&used.as_str()) {
                        wrong.push(format!("src/{rel} (code line {}): {module} uses {used}", i + 1));
                    }
                }
            }
        }
        assert!(checked > 50, "only {checked} files checked");
        assert!(wrong.is_empty(), "imports against the layering:\n{}", wrong.join("\n"));
    }

    #[test]
    fn the_check_sees_what_it_should() {
        let text = "use crate::ir::Api;\n// crate::commands in a comment\nfn f() { crate::load::x(); }\n#[cfg(test)]\nmod tests {\n    use crate::load::y;\n}\nfn g() {}\n";
        let lines = code_lines(text);
        assert_eq!(lines, vec!["use crate::ir::Api;", "fn f() { crate::load::x(); }", "fn g() {}"]);
    }
}
