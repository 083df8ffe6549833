//! `gwgen import SPEC`: the plan API Gateway would build, and what its import would report.

use serde::Serialize;

use crate::cli::{ImportArgs, PlanFormat};
use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{self, Mode};
use crate::plan;
use crate::render::picture::{picture, Style};
use crate::report::{self, display_path, Located, Summary};

use super::{fail, print, Exit};

#[derive(Serialize)]
struct JsonOut<'a> {
    file: String,
    files: Vec<String>,
    api: &'a Api,
    findings: Vec<Located>,
    summary: Summary,
    /// What gwgen could not decide and the plan rests on (template conditions it cannot evaluate).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<Located>,
}

pub fn run(args: &ImportArgs) -> Exit {
    let loaded = super::load_api(&args.spec, &args.read);
    let api = match loaded {
        Ok((_, api)) => api,
        Err(errors) => return fail(&errors),
    };
    let file = display_path(&args.spec);
    // Nothing is imported when the template creates the API method by method.
    let from_resources = lint::built_from_resources(&api);
    // The plan does not depend on the findings: it is written on a second thread meanwhile.
    let (findings, plan) = std::thread::scope(|scope| {
        let plan =
            (args.format == PlanFormat::Text).then(|| scope.spawn(|| plan::describe(&api, &file, from_resources)));
        let findings = lint::run(&api, Mode::Import);
        (findings, plan.map(|p| p.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))))
    });
    let summary = Summary::of(&findings);
    let heading = if from_resources { "Deployment findings" } else { "Import findings" };
    let notes = lint::plan_notes(&api);
    let mut notes_text = String::new();
    if !notes.is_empty() {
        notes_text.push_str(&format!(
            "Notes: {} place(s) the plan reads without knowing a template condition (each resource as created, each Fn::If through its first branch)\n\n",
            notes.len()
        ));
        report::text(&notes, &api.sources, &mut notes_text);
        notes_text.push('\n');
    }
    match args.format {
        PlanFormat::Text => {
            let mut out = plan.unwrap_or_default();
            out.push('\n');
            out.push_str(&notes_text);
            if findings.is_empty() {
                out.push_str(&format!("{heading}: none\n"));
            } else {
                out.push_str(&format!("{heading}: {summary}\n\n"));
                report::text(&findings, &api.sources, &mut out);
            }
            print(&out);
        }
        PlanFormat::Json => {
            let files = api.sources.iter().map(|(_, s)| display_path(&s.path)).collect();
            let out = JsonOut {
                file,
                files,
                api: &api,
                findings: report::locate(&findings, &api.sources),
                summary,
                notes: report::locate(&notes, &api.sources),
            };
            let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
            text.push('\n');
            print(&text);
        }
        PlanFormat::Mermaid | PlanFormat::Dot => {
            let style = if args.format == PlanFormat::Dot { Style::Dot } else { Style::Mermaid };
            print(&picture(&api, style));
            // The picture goes to stdout alone (to pipe into a renderer); notes and findings to stderr.
            eprint!("{notes_text}");
            if !findings.is_empty() {
                let mut out = format!("{heading}: {summary}\n\n");
                report::text(&findings, &api.sources, &mut out);
                eprint!("{out}");
            }
        }
    }
    let threshold = if args.fail_on_warnings { Severity::Warn } else { Severity::Error };
    let exit = if findings.iter().any(|f| f.severity >= threshold) { Exit::Findings } else { Exit::Clean };
    // The process ends here: freeing a large document node by node would only cost time.
    std::mem::forget(api);
    exit
}
