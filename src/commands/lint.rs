//! `gwgen lint [PATHS]`: every rule over every document found, in the format asked for.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::{FailOn, LintArgs, LintFormat};
use crate::config::{self, Config};
use crate::diag::{Error, Failed, Severity};
use crate::discover::{self, Target};
use crate::lint::{self, Mode};
use crate::load;
use crate::report::{self, Located, Summary};

use super::{print, Exit};

#[derive(Serialize)]
struct JsonOut {
    findings: Vec<Located>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
    /// APIs found but not read (WebSocket APIs, definitions in S3), each also a note on stderr.
    not_read: usize,
}

/// Configurations by file, each read once; `--config` replaces them all.
struct Configs {
    fixed: Option<Config>,
    by_path: HashMap<PathBuf, Option<Config>>,
    errors: Vec<Error>,
}

impl Configs {
    /// The configuration that governs `path`.
    fn for_path(&mut self, path: &Path) -> Option<&Config> {
        if self.fixed.is_some() {
            return self.fixed.as_ref();
        }
        let found = config::find(path)?;
        if !self.by_path.contains_key(&found) {
            let loaded = match config::load(&found) {
                Ok(c) => Some(c),
                Err(e) => {
                    self.errors.push(e);
                    None
                }
            };
            self.by_path.insert(found.clone(), loaded);
        }
        self.by_path.get(&found).and_then(Option::as_ref)
    }
}

pub fn run(args: &LintArgs) -> Exit {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let fixed = match &args.read.config {
        Some(path) => match config::load(path) {
            Ok(c) => Some(c),
            Err(e) => return super::fail(&[e]),
        },
        None => None,
    };
    let configs = std::cell::RefCell::new(Configs { fixed, by_path: HashMap::new(), errors: Vec::new() });
    let excluded = |p: &Path| configs.borrow_mut().for_path(p).is_some_and(|c| c.excludes(p));
    let targets = match discover::discover(&paths, &excluded) {
        Ok(t) => t,
        Err(e) => return super::fail(&[e]),
    };
    // Hooks pass every YAML and JSON file: keep the ones that look like OpenAPI.
    let targets: Vec<Target> = targets
        .into_iter()
        .filter(|t| !(args.only_openapi && t.named) || discover::looks_like_openapi(&t.path))
        .collect();
    let mut configs = configs.into_inner();
    let mut errors: Vec<Error> = Vec::new();
    let mut not_read: Vec<Error> = Vec::new();
    let mut located_all: Vec<Located> = Vec::new();
    let mut summary = Summary::default();
    let mut files = 0;
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warn => Severity::Warn,
        FailOn::Info => Severity::Info,
    };
    let mut failing = false;
    for Target { path, named } in targets {
        let cfg = configs.for_path(&path);
        let api_type = super::given_api_type(args.read.api_type, cfg.and_then(|c| c.api_type));
        let loaded = match load::load_all(
            &path,
            &load::Options { api_type, api: args.read.api.clone(), allow_external_refs: args.read.allow_external_refs },
        ) {
            Ok(all) => all,
            Err(errs) => {
                // A file found in a folder that turns out not to be OpenAPI is not an error.
                let not_a_document = errs.iter().all(|e| e.message.starts_with("not an OpenAPI document"));
                if (named && !args.only_openapi) || !not_a_document {
                    errors.extend(errs);
                }
                continue;
            }
        };
        for (_, api) in loaded {
            let api = match api {
                Ok(api) => api,
                Err(errs) => {
                    let (unsupported, failed): (Vec<_>, Vec<_>) =
                        errs.into_iter().partition(|e| e.what == Failed::Unsupported);
                    not_read.extend(unsupported);
                    errors.extend(failed);
                    continue;
                }
            };
            files += 1;
            let settings = cfg.map(|c| c.rules.clone()).unwrap_or_default();
            let findings = lint::run_with(&api, Mode::Lint, &settings);
            failing |= findings.iter().any(|f| f.severity >= threshold);
            let s = Summary::of(&findings);
            summary.errors += s.errors;
            summary.warnings += s.warnings;
            summary.infos += s.infos;
            match args.format {
                LintFormat::Text => report::text(&findings, &api.sources, &mut super::Stdout::new()),
                LintFormat::Github => {
                    report::github(&report::locate(&findings, &api.sources), &mut super::Stdout::new())
                }
                LintFormat::Json | LintFormat::Sarif => located_all.extend(report::locate(&findings, &api.sources)),
            }
            // The process ends soon: freeing a large document node by node would only cost time.
            std::mem::forget(api);
        }
    }
    super::note(&not_read);
    match args.format {
        LintFormat::Text => {
            let verdict = if summary.errors + summary.warnings + summary.infos == 0 { "no problems" } else { "" };
            let files_word = if files == 1 { "file" } else { "files" };
            let unread = match not_read.len() {
                0 => String::new(),
                1 => " (1 API not read, see the note)".to_string(),
                n => format!(" ({n} APIs not read, see the notes)"),
            };
            if files == 0 && !not_read.is_empty() {
                print(&format!("nothing linted: {} found, none read (see the notes)\n", plural(not_read.len(), "API")));
            } else if verdict.is_empty() {
                print(&format!("{summary} in {files} {files_word}{unread}\n"));
            } else {
                print(&format!("{verdict} in {files} {files_word}{unread}\n"));
            }
        }
        LintFormat::Json => {
            let out = JsonOut {
                findings: located_all,
                summary: JsonSummary {
                    errors: summary.errors,
                    warnings: summary.warnings,
                    infos: summary.infos,
                    files,
                    not_read: not_read.len(),
                },
            };
            write_json(&out);
        }
        LintFormat::Sarif => write_json(&report::sarif(&located_all)),
        LintFormat::Github => {}
    }
    errors.extend(configs.errors);
    if !errors.is_empty() {
        return super::fail(&errors);
    }
    // Templates whose every API is one gwgen does not read: nothing was checked.
    if files == 0 && !not_read.is_empty() {
        return super::fail(&[Error::new(
            Failed::Document,
            &paths[0],
            None,
            "no API here could be read, so nothing was linted",
        )
        .help("the notes above say what each API is; gwgen reads REST and HTTP APIs")]);
    }
    if failing {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Pretty JSON straight to stdout (a large report is not built as one string first).
fn write_json(value: &impl Serialize) {
    use std::io::Write;
    let mut out = super::Stdout::new();
    if serde_json::to_writer_pretty(out.io(), value).is_ok() {
        let _ = out.io().write_all(b"\n");
    }
}
