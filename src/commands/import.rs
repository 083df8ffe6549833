//! `gwgen import SPEC`: the plan API Gateway would build, and what its import would report.

use serde::Serialize;

use crate::cli::{ImportArgs, PlanFormat};
use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{self, Mode};
use crate::report::{self, display_path, Located, Summary};
use crate::{config, load, plan};

use super::{fail, print, Exit};

#[derive(Serialize)]
struct JsonOut<'a> {
    file: String,
    files: Vec<String>,
    api: &'a Api,
    findings: Vec<Located>,
    summary: Summary,
}

pub fn run(args: &ImportArgs) -> Exit {
    let config = match config::load_for(&args.spec) {
        Ok(c) => c,
        Err(e) => return fail(&[e]),
    };
    let api_type = super::given_api_type(args.api_type, config.api_type);
    let api = match load::load(
        &args.spec,
        &load::Options { api_type, api: args.api.clone(), allow_external_refs: args.allow_external_refs },
    ) {
        Ok(api) => api,
        Err(errors) => return fail(&errors),
    };
    let findings = lint::run(&api, Mode::Import);
    let summary = Summary::of(&findings);
    let file = display_path(&args.spec);
    match args.format {
        PlanFormat::Text => {
            let mut out = plan::describe(&api, &file);
            out.push('\n');
            if findings.is_empty() {
                out.push_str("Import findings: none\n");
            } else {
                out.push_str(&format!("Import findings: {summary}\n\n"));
                report::text(&findings, &api.sources, &mut out);
            }
            print(&out);
        }
        PlanFormat::Json => {
            let files = api.sources.iter().map(|(_, s)| display_path(&s.path)).collect();
            let out = JsonOut { file, files, api: &api, findings: report::locate(&findings, &api.sources), summary };
            let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
            text.push('\n');
            print(&text);
        }
    }
    let threshold = if args.fail_on_warnings { Severity::Warn } else { Severity::Error };
    let exit = if findings.iter().any(|f| f.severity >= threshold) { Exit::Findings } else { Exit::Clean };
    // The process ends here: freeing a large document node by node would only cost time.
    std::mem::forget(api);
    exit
}
