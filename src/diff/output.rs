//! `gwgen diff`'s outputs: text with code frames from both sides, JSON, a markdown summary for a
//! pull-request comment, and GitHub workflow annotations. All deterministic: the changes come
//! sorted from [`super::diff`].

use serde::Serialize;

use super::{Change, Level};
use crate::diag::Severity;
use crate::ir::Api;
use crate::report;
use crate::source::Loc;

/// One side as the user named it (`api.yaml`, `git:main:api.yaml`), and its API.
pub struct Side<'a> {
    pub label: &'a str,
    /// The file the label names (for a git revision, the path it has in the working tree).
    pub path: &'a std::path::Path,
    pub api: &'a Api,
}

impl Side<'_> {
    /// How a file of this side is shown: the side's own label for the file it was named by
    /// (so a file read from git says so), else the file's path.
    fn file_name(&self, loc: &Loc) -> String {
        let path = &self.api.sources.get(loc.file).path;
        if path == self.path {
            self.label.to_string()
        } else {
            report::display_path(path)
        }
    }

    fn place(&self, loc: &Loc) -> Place {
        let source = self.api.sources.get(loc.file);
        let span = source.span_of(loc);
        Place {
            file: self.file_name(loc),
            pointer: source.file_pointer(&loc.ptr),
            line: span.start.line,
            column: span.start.column,
        }
    }
}

/// A location resolved: file as shown, JSON pointer in that file, 1-based line and column.
#[derive(Clone, Debug, Serialize)]
pub struct Place {
    pub file: String,
    pub pointer: String,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A change with both places resolved (the JSON output's `changes[]`).
#[derive(Clone, Debug, Serialize)]
pub struct Located {
    pub id: &'static str,
    pub level: Level,
    pub message: String,
    pub base: Place,
    pub revision: Place,
}

pub fn locate(changes: &[Change], base: &Side, rev: &Side) -> Vec<Located> {
    changes
        .iter()
        .map(|c| Located {
            id: c.id,
            level: c.level,
            message: c.message.clone(),
            base: base.place(&c.base),
            revision: rev.place(&c.revision),
        })
        .collect()
}

/// Counts by level.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Summary {
    pub breaking: usize,
    pub warn: usize,
    pub info: usize,
}

impl Summary {
    pub fn of(changes: &[Change]) -> Summary {
        let mut s = Summary::default();
        for c in changes {
            match c.level {
                Level::Breaking => s.breaking += 1,
                Level::Warn => s.warn += 1,
                Level::Info => s.info += 1,
            }
        }
        s
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{}, {}, {}",
            plural(self.breaking, "breaking change", "breaking changes"),
            plural(self.warn, "warning", "warnings"),
            plural(self.info, "info", "info")
        )
    }
}

fn severity(level: Level) -> Severity {
    match level {
        Level::Breaking => Severity::Error,
        Level::Warn => Severity::Warn,
        Level::Info => Severity::Info,
    }
}

/// How many changes get code frames; the rest are listed one line each.
pub const MAX_FRAMES: usize = 100;

/// Each change as a code frame in the base and one in the revision, then a summary line.
pub fn text(changes: &[Change], base: &Side, rev: &Side, out: &mut impl std::fmt::Write) {
    let located = locate(changes, base, rev);
    for (i, (c, l)) in changes.iter().zip(&located).enumerate() {
        if i == MAX_FRAMES {
            let _ = writeln!(
                out,
                "{} more changes, one line each (--format json gives them all in full):",
                changes.len() - MAX_FRAMES
            );
        }
        if i >= MAX_FRAMES {
            let _ = writeln!(out, "  {}({}) {}: {}", l.level, l.id, l.revision, l.message);
            continue;
        }
        let code = Some(format!("{}({})", c.level, c.id));
        let first = report::frame(
            &base.api.sources,
            &c.base,
            &base.file_name(&c.base),
            severity(c.level),
            code,
            c.message.clone(),
            format!("base {}", pointer_label(&l.base.pointer)),
        );
        let second = report::frame(
            &rev.api.sources,
            &c.revision,
            &rev.file_name(&c.revision),
            severity(c.level),
            None,
            "in the revision".into(),
            format!("revision {}", pointer_label(&l.revision.pointer)),
        );
        let _ = writeln!(out, "{first}{second}");
    }
    let _ = writeln!(out, "{} → {}: {}", base.label, rev.label, Summary::of(changes));
}

fn pointer_label(p: &str) -> &str {
    if p.is_empty() {
        "/"
    } else {
        p
    }
}

/// The JSON output (its shape is documented in README, `gwgen diff`).
pub fn json(changes: &[Change], base: &Side, rev: &Side) -> serde_json::Value {
    serde_json::json!({
        "base": base.label,
        "revision": rev.label,
        "summary": Summary::of(changes),
        "changes": locate(changes, base, rev),
    })
}

/// Rows shown per level in the markdown summary.
pub const MARKDOWN_ROWS: usize = 30;

/// A short markdown summary for a pull-request comment: a heading with the counts, then a table
/// per level (breaking first), each cut at [`MARKDOWN_ROWS`]; info changes folded away.
pub fn markdown(changes: &[Change], base: &Side, rev: &Side, out: &mut impl std::fmt::Write) {
    let located = locate(changes, base, rev);
    let summary = Summary::of(changes);
    let _ = writeln!(out, "### gwgen diff: {summary}\n");
    let _ = writeln!(out, "`{}` → `{}`\n", base.label, rev.label);
    if changes.is_empty() {
        let _ = writeln!(out, "No changes.");
        return;
    }
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    for (level, title, fold) in
        [(Level::Breaking, "Breaking changes", false), (Level::Warn, "Warnings", false), (Level::Info, "Info", true)]
    {
        let rows: Vec<&Located> = located.iter().filter(|l| l.level == level).collect();
        if rows.is_empty() {
            continue;
        }
        if fold {
            let _ = writeln!(out, "<details><summary>{title} ({})</summary>\n", rows.len());
        } else {
            let _ = writeln!(out, "#### {title} ({})\n", rows.len());
        }
        let _ = writeln!(out, "| change | what | where |\n|---|---|---|");
        for l in rows.iter().take(MARKDOWN_ROWS) {
            let _ = writeln!(
                out,
                "| `{}` | {} | `{}:{}` |",
                l.id,
                cell(&l.message),
                cell(&l.revision.file),
                l.revision.line
            );
        }
        if rows.len() > MARKDOWN_ROWS {
            let _ = writeln!(
                out,
                "\n…and {} more (`gwgen diff --format json` lists them all).",
                rows.len() - MARKDOWN_ROWS
            );
        }
        let _ = writeln!(out, "{}", if fold { "\n</details>\n" } else { "" });
    }
}

/// GitHub workflow annotations, one per change, on the revision (the file a pull request
/// changes), naming the base place in the message.
pub fn github(changes: &[Change], base: &Side, rev: &Side, out: &mut impl std::fmt::Write) {
    let located: Vec<report::Located> = locate(changes, base, rev)
        .into_iter()
        .map(|l| report::Located {
            rule: l.id,
            severity: severity(l.level),
            message: format!("{} ({}; base: {})", l.message, l.level, l.base),
            help: None,
            file: l.revision.file.clone(),
            pointer: l.revision.pointer.clone(),
            line: l.revision.line,
            column: l.revision.column,
            end_line: l.revision.line,
            end_column: l.revision.column,
            related: Vec::new(),
        })
        .collect();
    report::github(&located, out);
}
