//! `gwgen rules [ID]`: the rule table, or one rule's documentation.

use serde::Serialize;

use crate::cli::{RulesArgs, RulesFormat};
use crate::diag::{Error, Failed};
use crate::lint::{find_rule, Category, REGISTRY};

use super::{fail, print, Exit};

#[derive(Serialize)]
struct RuleJson {
    id: &'static str,
    category: Category,
    severity: &'static str,
    api_types: &'static str,
    import: Option<&'static str>,
    fails: &'static str,
    generic: bool,
    summary: &'static str,
    doc: String,
}

/// What the header line of a rule's page says.
const LEGEND: &str = "(lint level · API types · what `gwgen import` reports, which is what AWS's import does: \
an error it rejects, a warning it accepts with a warning · category; lint levels can be changed \
in gwgen.yaml, import levels cannot)";

pub fn run(args: &RulesArgs) -> Exit {
    if let Some(id) = &args.id {
        let Some(rule) = find_rule(id) else {
            // Ids that contain what was typed, then ids a few edits away, nearest first.
            let mut close: Vec<(usize, &str)> = REGISTRY
                .iter()
                .map(|r| r.meta.id)
                .filter_map(|r| {
                    let d = crate::diag::edit_distance(r, id);
                    (r.contains(id.as_str()) || d <= 3.max(id.len() / 4)).then_some((d, r))
                })
                .collect();
            close.sort();
            let close: Vec<&str> = close.into_iter().map(|(_, r)| r).take(5).collect();
            let help = if close.is_empty() {
                "`gwgen rules` lists every rule".to_string()
            } else {
                format!("did you mean {}?", close.join(", "))
            };
            return fail(&[Error::new(Failed::Arguments, id, None, "no such rule").help(help)]);
        };
        let m = rule.meta;
        match args.format {
            RulesFormat::Text => print(&format!(
                "# {}\n\n{} · {} · {} · {:?}\n{}\n\n{}\n",
                m.id,
                m.severity,
                m.applies_to.label(),
                m.fails.at_import().map_or("not checked by the import".to_string(), |s| format!("import: {s}")),
                m.category,
                LEGEND,
                rule.doc()
            )),
            RulesFormat::Json => print(&(serde_json::to_string_pretty(&json(rule)).unwrap_or_default() + "\n")),
        }
        return Exit::Clean;
    }
    match args.format {
        RulesFormat::Text => {
            let mut out = format!("{:<38} {:<12} {:<6} {:<10} summary\n", "id", "category", "level", "api");
            let mut sorted: Vec<&crate::lint::RuleEntry> = REGISTRY.iter().collect();
            sorted.sort_by_key(|r| r.meta.id);
            for r in sorted {
                let m = r.meta;
                let category = serde_json::to_value(m.category)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{:<38} {:<12} {:<6} {:<10} {}\n",
                    m.id,
                    category,
                    m.severity.as_str(),
                    m.applies_to.label(),
                    m.summary
                ));
            }
            out.push_str(&format!("\n{} rules. `gwgen rules <id>` prints one rule's documentation.\n", REGISTRY.len()));
            print(&out);
        }
        RulesFormat::Json => {
            let all: Vec<RuleJson> = REGISTRY.iter().map(json).collect();
            print(&(serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"));
        }
    }
    Exit::Clean
}

fn json(r: &crate::lint::RuleEntry) -> RuleJson {
    let m = r.meta;
    RuleJson {
        id: m.id,
        category: m.category,
        severity: m.severity.as_str(),
        api_types: m.applies_to.label(),
        import: m.fails.at_import().map(|s| s.as_str()),
        fails: m.fails.label(),
        generic: m.generic,
        summary: m.summary,
        doc: r.doc(),
    }
}
