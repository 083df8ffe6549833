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

pub fn run(args: &RulesArgs) -> Exit {
    if let Some(id) = &args.id {
        let Some(rule) = find_rule(id) else {
            let close: Vec<&str> =
                REGISTRY.iter().map(|r| r.meta.id).filter(|r| r.contains(id.as_str())).take(5).collect();
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
                "# {}\n\n{} · {} · {} · {:?}\n\n{}\n",
                m.id,
                m.severity,
                m.applies_to.label(),
                m.fails.at_import().map_or("not checked by the import".to_string(), |s| format!("import: {s}")),
                m.category,
                rule.doc()
            )),
            RulesFormat::Json => print(&(serde_json::to_string_pretty(&json(rule)).unwrap_or_default() + "\n")),
        }
        return Exit::Clean;
    }
    match args.format {
        RulesFormat::Text => {
            let mut out = format!("{:<38} {:<12} {:<6} {:<10} summary\n", "id", "category", "level", "api");
            for r in REGISTRY {
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
