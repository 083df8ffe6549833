//! The rule engine: a registry of rules, one file each under `rules/`, run over an [`Api`].
//!
//! A rule reports [`Loc`]s (JSON pointers), never positions; the reporter locates them at the end.
//! A rule's documentation is the doc comment of its struct, read from its source at compile time
//! (build.rs).

mod helpers;
mod rules;

use serde::Serialize;

use crate::diag::{Finding, Severity};
use crate::ir::{Api, ApiType};
use crate::source::Loc;

pub use rules::REGISTRY;

/// What a rule is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// What API Gateway's import itself checks.
    Import,
    Integration,
    Authorizer,
    Security,
    Endpoint,
    Model,
    /// Plain OpenAPI correctness that SDKs and export rely on.
    Generic,
}

/// Which API types a rule applies to. A rule that applies to WebSocket APIs reads the API's
/// [`crate::ir::WebSocketApi`] (`api.websocket`), or what a template says about its deployment;
/// the others never see a WebSocket API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiTypes {
    pub rest: bool,
    pub http: bool,
    pub websocket: bool,
}

impl ApiTypes {
    pub const REST: ApiTypes = ApiTypes { rest: true, http: false, websocket: false };
    pub const HTTP: ApiTypes = ApiTypes { rest: false, http: true, websocket: false };
    pub const BOTH: ApiTypes = ApiTypes { rest: true, http: true, websocket: false };
    pub const WEBSOCKET: ApiTypes = ApiTypes { rest: false, http: false, websocket: true };
    /// REST, HTTP and WebSocket APIs.
    pub const ALL: ApiTypes = ApiTypes { rest: true, http: true, websocket: true };

    pub fn contains(self, t: ApiType) -> bool {
        match t {
            ApiType::Rest => self.rest,
            ApiType::Http => self.http,
        }
    }

    /// Does the rule check this API (a WebSocket API, or a REST / HTTP API of its type)?
    pub fn applies(self, api: &Api) -> bool {
        if api.websocket.is_some() {
            self.websocket
        } else {
            self.contains(api.api_type)
        }
    }

    pub fn label(self) -> &'static str {
        match (self.rest, self.http, self.websocket) {
            (true, true, true) => "REST/HTTP/WebSocket",
            (true, true, false) => "REST/HTTP",
            (true, false, false) => "REST",
            (false, true, false) => "HTTP",
            (false, false, true) => "WebSocket",
            (false, true, true) => "HTTP/WebSocket",
            (true, false, true) => "REST/WebSocket",
            (false, false, false) => "-",
        }
    }
}

/// When what a rule finds makes AWS fail. `gwgen import` raises only the import-time findings,
/// at the import's own level; `gwgen lint` raises all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fails {
    /// API Gateway's import rejects the document (`Error`), imports it with a warning (`Warn`,
    /// which `failonwarnings=true` turns into a rollback), or notes it (`Info`).
    Import(Severity),
    /// The import succeeds; creating the deployment (or the stage, domain or template that
    /// deploys it) fails.
    Deploy,
    /// Everything deploys; requests fail or do something other than the document says.
    Runtime,
    /// Nothing fails: advice on security, hygiene, or what SDKs and export need.
    Never,
}

impl Fails {
    /// The level the import raises it at, when it does.
    pub fn at_import(self) -> Option<Severity> {
        match self {
            Fails::Import(s) => Some(s),
            _ => None,
        }
    }

    /// The sentence the rule's documentation carries.
    pub fn describe(self) -> &'static str {
        match self {
            Fails::Import(Severity::Error) => "at import: API Gateway rejects the document",
            Fails::Import(Severity::Warn) => {
                "at import, as a warning: the document imports without this part (with failonwarnings=true the import rolls back)"
            }
            Fails::Import(Severity::Info) => "at import, as a note: the import succeeds and says so",
            Fails::Deploy => "at deployment: the import succeeds, and creating the deployment fails",
            Fails::Runtime => "at run time: everything deploys, and requests fail or behave otherwise than written",
            Fails::Never => "never: nothing fails; this is advice",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Fails::Import(Severity::Error) => "import-error",
            Fails::Import(Severity::Warn) => "import-warning",
            Fails::Import(Severity::Info) => "import-info",
            Fails::Deploy => "deploy",
            Fails::Runtime => "runtime",
            Fails::Never => "never",
        }
    }
}

/// A rule's fixed facts.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case id, as in the catalog.
    pub id: &'static str,
    pub category: Category,
    /// The severity `gwgen lint` gives it.
    pub severity: Severity,
    pub applies_to: ApiTypes,
    /// When AWS fails on it: at import (and at what level), at deployment, at run time, or never.
    pub fails: Fails,
    /// Checks plain OpenAPI: runs on documents without API Gateway extensions too.
    pub generic: bool,
    pub summary: &'static str,
}

/// A rule: its metadata and its check.
pub trait Rule {
    const META: RuleMeta;
    fn check(api: &Api, out: &mut Findings);
}

/// One registry entry.
pub struct RuleEntry {
    pub meta: &'static RuleMeta,
    pub check: fn(&Api, &mut Findings),
    /// The doc comment of the rule's struct (read from its source at compile time).
    pub written_doc: &'static str,
}

impl RuleEntry {
    /// The documentation: the rule struct's doc comment, as Markdown, and when AWS fails.
    pub fn doc(&self) -> String {
        let (body, references) = match self.written_doc.split_once("\n\n## References") {
            Some((body, refs)) => (body, format!("\n\n## References{refs}")),
            None => (self.written_doc, String::new()),
        };
        format!("{body}\n\n## When AWS fails\n{}{references}", self.meta.fails.describe())
    }
}

pub fn find_rule(id: &str) -> Option<&'static RuleEntry> {
    REGISTRY.iter().find(|r| r.meta.id == id)
}

/// Collects the findings of one rule.
pub struct Findings {
    rule: &'static RuleMeta,
    severity: Severity,
    found: Vec<Finding>,
}

impl Findings {
    /// The level for a finding where AWS fails harder than the rule's level says (a deployment
    /// error where the import only warns): `to`, unless the configuration re-graded the rule.
    pub fn raised(&self, to: Severity) -> Severity {
        if self.severity == self.rule.severity {
            to.max(self.severity)
        } else {
            self.severity
        }
    }

    pub fn report(&mut self, loc: Loc, message: impl Into<String>) -> &mut Finding {
        self.found.push(Finding::new(self.rule.id, self.severity, loc, message));
        self.found.last_mut().expect("just pushed")
    }
}

/// Which rules to run and at what severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The checks API Gateway's import makes, at the level the import raises them; for an API
    /// a template creates resource by resource ([`built_from_resources`]), also what fails its
    /// deployment, as errors.
    Import,
    /// Every rule, at its lint severity.
    Lint,
}

/// What a configuration says about one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    Severity(Severity),
}

/// Per-rule settings, by rule id.
pub type RuleSettings = std::collections::BTreeMap<String, RuleSetting>;

/// Runs the rules that apply to this API; findings sorted by file, pointer and rule.
pub fn run(api: &Api, mode: Mode) -> Vec<Finding> {
    run_with(api, mode, &RuleSettings::new())
}

/// [`run`], with rules turned off or re-graded (lint only) and `x-gwgen-ignore` honoured.
pub fn run_with(api: &Api, mode: Mode, settings: &RuleSettings) -> Vec<Finding> {
    let mut all = Vec::new();
    // Created resource by resource, the API is not imported: what fails its deployment fails
    // the stack, which is the check `gwgen import` stands for here.
    let deploying = mode == Mode::Import && built_from_resources(api);
    for entry in REGISTRY {
        let meta = entry.meta;
        if !meta.applies_to.applies(api) {
            continue;
        }
        if !meta.generic && !targets_api_gateway(api) && mode == Mode::Lint {
            continue;
        }
        let severity = match mode {
            Mode::Import => match meta.fails {
                Fails::Import(s) => s,
                Fails::Deploy if deploying => Severity::Error,
                _ => continue,
            },
            Mode::Lint => match settings.get(meta.id) {
                Some(RuleSetting::Off) => continue,
                Some(RuleSetting::Severity(s)) => *s,
                None => meta.severity,
            },
        };
        let mut out = Findings { rule: meta, severity, found: Vec::new() };
        (entry.check)(api, &mut out);
        all.extend(out.found);
    }
    finish(api, all)
}

/// Rules that say what gwgen could not decide about the API it read (no AWS failure): `gwgen
/// import` prints their findings beside the plan, since the plan rests on a choice they name.
const PLAN_NOTES: [&str; 1] = ["template-condition-unknown"];

/// Whether a template creates the API method by method (`AWS::ApiGateway::Method` or
/// `AWS::ApiGatewayV2::Route` resources, or an HTTP API's quick create) rather than from a
/// document, as every WebSocket API is: then nothing is imported, and what `gwgen import` finds is
/// what CloudFormation and the deployment would say.
pub fn built_from_resources(api: &Api) -> bool {
    api.websocket.is_some()
        || api.operations().any(|(_, op)| {
            matches!(helpers::written_as(api, &op.loc), helpers::Written::Resource | helpers::Written::QuickCreate)
        })
}

/// The findings of [`PLAN_NOTES`], located and ordered as [`run`]'s.
pub fn plan_notes(api: &Api) -> Vec<Finding> {
    let mut all = Vec::new();
    for entry in REGISTRY.iter().filter(|e| PLAN_NOTES.contains(&e.meta.id)) {
        let mut out = Findings { rule: entry.meta, severity: entry.meta.severity, found: Vec::new() };
        (entry.check)(api, &mut out);
        all.extend(out.found);
    }
    finish(api, all)
}

/// Drops what `x-gwgen-ignore` silences, locates each finding where its template wrote it, and
/// orders them.
fn finish(api: &Api, mut all: Vec<Finding>) -> Vec<Finding> {
    // Only a file that mentions the key can silence anything.
    let ignoring: Vec<bool> = api.sources.iter().map(|(_, s)| s.text.contains(IGNORE_KEY)).collect();
    all.retain(|f| !(ignoring[f.loc.file.0 as usize] && suppressed(api, f)));
    // What a template's transform added is reported where the template wrote it.
    for f in &mut all {
        f.loc = api.sources.origin(&f.loc);
        for r in &mut f.related {
            r.loc = api.sources.origin(&r.loc);
        }
        if api.template.is_some() {
            helpers::dialect::reword(&api.sources, f);
        }
    }
    all.sort_by(|a, b| (&a.loc, a.rule, &a.message).cmp(&(&b.loc, b.rule, &b.message)));
    all.dedup();
    all
}

/// The key that silences rules in a subtree: `x-gwgen-ignore: [rule-id, ...]` (or one id).
/// It is looked for in files whose text has it as written (not spelled with escapes).
pub const IGNORE_KEY: &str = "x-gwgen-ignore";

/// Does an `x-gwgen-ignore` on the finding's node or one of its ancestors name its rule?
fn suppressed(api: &Api, f: &Finding) -> bool {
    let mut node = &api.sources.get(f.loc.file).value;
    let names = |v: &serde_json::Value| match v.get(IGNORE_KEY) {
        Some(serde_json::Value::String(s)) => s == f.rule || s == "all",
        Some(serde_json::Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(|x| x == f.rule || x == "all")),
        _ => false,
    };
    if names(node) {
        return true;
    }
    for token in f.loc.ptr.tokens() {
        let next = match node {
            serde_json::Value::Object(m) => m.get(token.as_ref()),
            serde_json::Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        };
        let Some(next) = next else { return false };
        if names(next) {
            return true;
        }
        node = next;
    }
    false
}

/// A document targets API Gateway when it uses its extensions or its type was given.
pub fn targets_api_gateway(api: &Api) -> bool {
    api.uses_extensions || !matches!(api.api_type_from, crate::ir::ApiTypeFrom::Default)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule raises a finding where AWS fails harder, unless the configuration re-graded it.
    #[test]
    fn raised_levels_keep_a_configured_severity() {
        let meta = &find_rule("http-api-integration-type").unwrap().meta;
        let at = |severity| Findings { rule: meta, severity, found: Vec::new() };
        assert_eq!(at(meta.severity).raised(Severity::Error), Severity::Error);
        assert_eq!(at(Severity::Info).raised(Severity::Error), Severity::Info);
        assert_eq!(at(Severity::Error).raised(Severity::Warn), Severity::Error);
    }

    #[test]
    fn registry_metadata_is_honest() {
        let mut ids = std::collections::HashSet::new();
        for entry in REGISTRY {
            let id = entry.meta.id;
            assert!(ids.insert(id), "duplicate rule id {id}");
            assert!(
                id.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{id} is not kebab-case"
            );
            let doc = entry.doc();
            for heading in ["## What it checks", "## Why", "## Example", "## Fix"] {
                assert!(doc.contains(heading), "{id}: doc lacks `{heading}`");
            }
            assert!(!entry.meta.summary.is_empty(), "{id}: no summary");
            let fixture =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/lint").join(format!("{id}.yaml"));
            assert!(fixture.exists(), "{id}: no fixture at {}", fixture.display());
        }
    }
}
