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
    #[serde(flatten)]
    counts: Counts,
}

/// What a lint run looked at and read.
#[derive(Clone, Copy, Debug, Default, Serialize)]
struct Counts {
    /// Files looked at: the files named, and every file in the folders named.
    searched: usize,
    /// Files read: OpenAPI documents plus templates.
    files: usize,
    documents: usize,
    templates: usize,
    /// Files that could not be read (each has its error).
    unreadable: usize,
    /// APIs linted: one a document, one or more a template.
    apis: usize,
    /// APIs found but not read (WebSocket APIs, definitions in S3), each also a note on stderr.
    not_read: usize,
    /// APIs a template defines that could not be built as written (each has its error).
    failed: usize,
}

impl Counts {
    /// The summary line: the findings, then what was linted and searched.
    fn line(self, summary: &Summary) -> String {
        let searched = plural(self.searched, "file");
        if self.apis == 0 && self.not_read == 0 {
            return if self.failed > 0 {
                format!("nothing linted: searched {searched}, {} could not be read", plural(self.failed, "API"))
            } else if self.unreadable > 0 {
                format!("nothing linted: searched {searched}, {} unreadable", self.unreadable)
            } else {
                format!("nothing linted: searched {searched}, none is an OpenAPI document or an API template")
            };
        }
        if self.apis == 0 {
            return format!("nothing linted: {} found, none read (see the notes)", plural(self.not_read, "API"));
        }
        let verdict = if summary.errors + summary.warnings + summary.infos == 0 {
            "no problems".to_string()
        } else {
            summary.to_string()
        };
        let mut read = Vec::new();
        if self.documents > 0 {
            read.push(plural(self.documents, "document"));
        }
        if self.templates > 0 {
            read.push(plural(self.templates, "template"));
        }
        let mut tail = format!("{}; searched {searched}", read.join(", "));
        if self.unreadable > 0 {
            tail.push_str(&format!(", {} unreadable", self.unreadable));
        }
        if self.failed > 0 {
            tail.push_str(&format!("; {} could not be read", plural(self.failed, "API")));
        }
        if self.not_read > 0 {
            tail.push_str(&format!("; {} not read, see the notes", plural(self.not_read, "API")));
        }
        format!("{verdict} in {} ({tail})", plural(self.apis, "API"))
    }
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
    let found = match discover::discover(&paths, &excluded) {
        Ok(t) => t,
        Err(e) => return super::fail(&[e]),
    };
    let mut configs = configs.into_inner();
    let mut errors: Vec<Error> = Vec::new();
    let mut not_read: Vec<Error> = Vec::new();
    let mut located_all: Vec<Located> = Vec::new();
    let mut summary = Summary::default();
    let mut count = Counts { searched: found.searched, ..Counts::default() };
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warn => Severity::Warn,
        FailOn::Info => Severity::Info,
    };
    let mut failing = false;
    // Code frames for the first findings of the run; the rest one line each.
    let mut frames = report::MAX_FRAMES;
    for Target { path, named } in found.targets {
        // Hooks pass every YAML and JSON file: they are searched, not named.
        let named = named && !args.only_openapi;
        let cfg = configs.for_path(&path);
        let api_type = super::given_api_type(args.read.api_type, cfg.and_then(|c| c.api_type));
        let source = match load::read_source(&path) {
            Ok(source) => source,
            Err(e) => {
                // A file met in a search that does not parse is reported when it says it is OpenAPI.
                let says = std::fs::read_to_string(&path).is_ok_and(|t| discover::says_openapi(&t));
                if named || says || e.what == Failed::Read {
                    count.unreadable += 1;
                    errors.push(e);
                }
                continue;
            }
        };
        let kind = load::kind(&source);
        // Named, a file of another kind is loaded so that the loader says what is wrong; met in
        // a search, it is someone else's file.
        if kind == load::Kind::Other && !named {
            continue;
        }
        let options = load::Options {
            api_type,
            api: args.read.api.clone(),
            allow_external_refs: args.read.allow_external_refs,
            parameters: args.read.parameters.clone(),
        };
        let loaded = match load::load_all_source(source, &options) {
            Ok(all) => all,
            Err(errs) => {
                count.unreadable += 1;
                errors.extend(errs);
                continue;
            }
        };
        // A document that does not load is unreadable; a template is read even when one of
        // its APIs is not.
        match kind {
            load::Kind::Template => count.templates += 1,
            _ if loaded.iter().all(|(_, api)| api.is_ok()) => count.documents += 1,
            _ => count.unreadable += 1,
        }
        for (_, api) in loaded {
            let mut api = match api {
                Ok(api) => api,
                Err(errs) => {
                    let (unsupported, failed): (Vec<_>, Vec<_>) =
                        errs.into_iter().partition(|e| e.what == Failed::Unsupported);
                    not_read.extend(unsupported);
                    // A document that fails is counted unreadable above; a template's API here.
                    count.failed += usize::from(kind == load::Kind::Template && !failed.is_empty());
                    errors.extend(failed);
                    continue;
                }
            };
            count.apis += 1;
            api.deployment.region =
                super::deployment_region(cfg.and_then(|c| c.region.as_ref()), &args.read.parameters);
            let settings = cfg.map(|c| c.rules.clone()).unwrap_or_default();
            let findings = lint::run_with(&api, Mode::Lint, &settings);
            failing |= findings.iter().any(|f| f.severity >= threshold);
            let s = Summary::of(&findings);
            summary.errors += s.errors;
            summary.warnings += s.warnings;
            summary.infos += s.infos;
            match args.format {
                LintFormat::Text => {
                    report::text_within(&findings, &api.sources, &mut super::Stdout::new(), &mut frames)
                }
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
    // Errors come before the summary line, which ends the output.
    errors.extend(configs.errors);
    let failed = (!errors.is_empty()).then(|| super::fail(&errors));
    count.not_read = not_read.len();
    count.files = count.documents + count.templates;
    match args.format {
        LintFormat::Text => print(&format!("{}\n", count.line(&summary))),
        LintFormat::Json => {
            let out = JsonOut {
                findings: located_all,
                summary: JsonSummary {
                    errors: summary.errors,
                    warnings: summary.warnings,
                    infos: summary.infos,
                    counts: count,
                },
            };
            write_json(&out);
        }
        LintFormat::Sarif => write_json(&report::sarif(&located_all)),
        LintFormat::Github => {}
    }
    if let Some(exit) = failed {
        return exit;
    }
    // Nothing was checked: say so, and fail, unless a hook passed files that are simply not
    // OpenAPI (pre-commit hands over every YAML and JSON file).
    if count.apis == 0 && (!args.only_openapi || count.not_read > 0) {
        let message = if count.not_read > 0 {
            "no API here could be read, so nothing was linted"
        } else {
            "nothing to lint: no OpenAPI document or API template was found"
        };
        let help = if count.not_read > 0 {
            "the notes above say what each API is; gwgen reads REST and HTTP APIs"
        } else {
            "name a document or template, or a folder holding some (JSON, YAML, .tpl and .template files are searched)"
        };
        let at = if paths.len() == 1 { paths[0].clone() } else { PathBuf::from(".") };
        return super::fail(&[Error::new(Failed::Document, at, None, message).help(help)]);
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
