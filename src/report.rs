//! Turning findings and load errors into output. This is the only place pointers become
//! file:line:column.

use std::fmt::{self, Display, Write as _};
use std::path::Path;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

use crate::diag::{Error, Finding, Place, Severity};
use crate::source::{Pos, Source, Sources};

/// A finding with its place in the file resolved.
#[derive(Clone, Debug, Serialize)]
pub struct Located {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub file: String,
    /// RFC 6901 pointer into the document as written.
    pub pointer: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// Other places that explain this one, each with its label (left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<LocatedRelated>,
}

/// A related place, resolved.
#[derive(Clone, Debug, Serialize)]
pub struct LocatedRelated {
    pub label: String,
    pub file: String,
    pub pointer: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// How a path is shown: relative to the working directory when it is below it.
/// A relative path loses its leading `./` (`gwgen lint .` reports `api.yaml`, as GitHub's
/// annotations expect).
pub fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let mut parts = shown.components().peekable();
    while parts.peek() == Some(&std::path::Component::CurDir) {
        parts.next();
    }
    let trimmed: std::path::PathBuf = parts.collect();
    if trimmed.as_os_str().is_empty() {
        shown.display().to_string()
    } else {
        trimmed.display().to_string()
    }
}

pub fn locate(findings: &[Finding], sources: &Sources) -> Vec<Located> {
    findings
        .iter()
        .map(|f| {
            let related = f
                .related
                .iter()
                .map(|r| {
                    let (file, pointer, span) = resolve(sources, &r.loc);
                    LocatedRelated {
                        label: r.label.clone(),
                        file,
                        pointer,
                        line: span.start.line,
                        column: span.start.column,
                        end_line: span.end.line,
                        end_column: span.end.column,
                    }
                })
                .collect();
            let (file, pointer, span) = resolve(sources, &f.loc);
            Located {
                rule: f.rule,
                severity: f.severity,
                message: f.message.clone(),
                help: f.help.clone(),
                file,
                pointer,
                line: span.start.line,
                column: span.start.column,
                end_line: span.end.line,
                end_column: span.end.column,
                related,
            }
        })
        .collect()
}

/// A location's file as shown, its pointer in that file, and its span.
fn resolve(sources: &Sources, loc: &crate::source::Loc) -> (String, String, crate::source::Span) {
    let source = sources.get(loc.file);
    (display_path(&source.path), source.file_pointer(&loc.ptr), source.span_of(loc))
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warn => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

impl Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            f,
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info")
        )
    }
}

fn handler() -> GraphicalReportHandler {
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .with_links(false)
        .with_context_lines(1)
        .without_primary_span_start()
}

/// Lines longer than this are shown as a window of [`WINDOW`] bytes each side of the span.
const LONG_LINE: usize = 400;
const WINDOW: usize = 60;
/// The longest label underline drawn.
const MAX_LABEL: usize = 80;

/// miette's view of one file, using gwgen's line index (so each report costs one line lookup).
struct Snippet<'a> {
    source: &'a Source,
    name: String,
}

impl SourceCode for Snippet<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = &self.source.text;
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let line = self.source.line_of_offset(start);
        let (line_start, line_end) = self.source.line_range(line);
        if line_end.saturating_sub(line_start) > LONG_LINE {
            // A long line (minified JSON): a window around the span, without context lines.
            let mut from = start.saturating_sub(WINDOW).max(line_start);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (end.max(start + 1) + WINDOW).min(line_end).max(from);
            while !text.is_char_boundary(to) {
                to += 1;
            }
            let column = self.source.char_column(line as u32 + 1, from - line_start);
            let data = &text.as_bytes()[from..to];
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.clone(),
                data,
                (from, data.len()).into(),
                line,
                column,
                1,
            )));
        }
        let first = line.saturating_sub(before);
        let last = self.source.line_of_offset(end.saturating_sub(usize::from(end > start))) + after;
        let (from, _) = self.source.line_range(first);
        let (_, to) = self.source.line_range(last.min(self.source.line_count().saturating_sub(1)));
        let data = &text.as_bytes()[from..to.max(from)];
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            data,
            (from, data.len()).into(),
            first,
            0,
            last - first + 1,
        )))
    }
}

struct Report<'a> {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    snippet: Option<Snippet<'a>>,
    label: Option<(usize, usize, String)>,
    /// Secondary labels in the same file.
    others: Vec<(usize, usize, String)>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn Display + 'b>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (offset, len, label) = self.label.clone()?;
        let primary = LabeledSpan::new_primary_with_span(Some(label), (offset, len));
        let others = self.others.iter().map(|(o, l, text)| LabeledSpan::new_with_span(Some(text.clone()), (*o, *l)));
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warn => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// How many findings get a code frame; the rest are listed one line each (a wall of thousands
/// of frames helps nobody, and `--format json` has every detail).
pub const MAX_FRAMES: usize = 200;

/// Findings as miette code frames, each headed by `file:line:col` (beyond [`MAX_FRAMES`], one
/// line each).
pub fn text(findings: &[Finding], sources: &Sources, out: &mut impl fmt::Write) {
    let mut frames = MAX_FRAMES;
    text_within(findings, sources, out, &mut frames);
}

/// [`text`], with the frames a whole run may still print (`frames` is decreased): a run over many
/// files stops framing after [`MAX_FRAMES`] in all.
pub fn text_within(findings: &[Finding], sources: &Sources, out: &mut impl fmt::Write, frames: &mut usize) {
    let names: Vec<String> = sources.iter().map(|(_, s)| display_path(&s.path)).collect();
    let (framed, listed) = findings.split_at(findings.len().min(*frames));
    *frames -= framed.len();
    render_all(framed, sources, &names, out);
    if listed.is_empty() {
        return;
    }
    let _ = writeln!(out, "{} more findings, one line each (--format json gives them all in full):", listed.len());
    for f in listed {
        let source = sources.get(f.loc.file);
        let span = source.span_of(&f.loc);
        let _ = writeln!(
            out,
            "  {}({}) {}:{}:{}: {}",
            f.severity, f.rule, names[f.loc.file.0 as usize], span.start.line, span.start.column, f.message
        );
    }
    let _ = out.write_char('\n');
}

fn render_all(findings: &[Finding], sources: &Sources, names: &[String], out: &mut impl fmt::Write) {
    let handler = handler();
    for f in findings {
        let source = sources.get(f.loc.file);
        let span = source.span_of(&f.loc);
        let start = source.offset(span.start);
        let end = source.offset(span.end).max(start);
        let name = format!("{}:{}:{}", names[f.loc.file.0 as usize], span.start.line, span.start.column);
        // Related places in the same file are labelled in the frame; others are named below it.
        let mut others = Vec::new();
        let mut elsewhere = Vec::new();
        for r in &f.related {
            let rs = sources.get(r.loc.file).span_of(&r.loc);
            if r.loc.file == f.loc.file {
                let from = source.offset(rs.start);
                let to = source.offset(rs.end).max(from);
                others.push((from, (to - from).min(MAX_LABEL), r.label.clone()));
            } else {
                let at = format!("{}:{}:{}", names[r.loc.file.0 as usize], rs.start.line, rs.start.column);
                elsewhere.push(format!("{}: {at}", r.label));
            }
        }
        let help = match (&f.help, elsewhere.is_empty()) {
            (_, true) => f.help.clone(),
            (Some(h), false) => Some(format!("{h}\n{}", elsewhere.join("\n"))),
            (None, false) => Some(elsewhere.join("\n")),
        };
        let report = Report {
            message: f.message.clone(),
            code: Some(format!("{}({})", f.severity, f.rule)),
            severity: miette_severity(f.severity),
            help,
            snippet: Some(Snippet { source, name }),
            others,
            label: Some((
                start,
                if source.line(span.start.line).len() > LONG_LINE { (end - start).min(MAX_LABEL) } else { end - start },
                Some(source.file_pointer(&f.loc.ptr)).filter(|p| !p.is_empty()).unwrap_or_else(|| "/".into()),
            )),
        };
        let mut frame = String::new();
        let _ = handler.render_report(&mut frame, &report);
        frame.push('\n');
        if out.write_str(&frame).is_err() {
            return;
        }
    }
}

/// One code frame at `loc` in `sources`, headed by `message` (and `code`, when given), the node
/// underlined with `label`; `name` is how the file is shown. For outputs that frame places of
/// their own (`gwgen diff` frames each change on both sides).
pub fn frame(
    sources: &Sources,
    loc: &crate::source::Loc,
    name: &str,
    severity: Severity,
    code: Option<String>,
    message: String,
    label: String,
) -> String {
    let source = sources.get(loc.file);
    let span = source.span_of(loc);
    let start = source.offset(span.start);
    let end = source.offset(span.end).max(start);
    let len = if source.line(span.start.line).len() > LONG_LINE { (end - start).min(MAX_LABEL) } else { end - start };
    let report = Report {
        message,
        code,
        severity: miette_severity(severity),
        help: None,
        snippet: Some(Snippet { source, name: format!("{name}:{}:{}", span.start.line, span.start.column) }),
        label: Some((start, len, label)),
        others: Vec::new(),
    };
    let mut out = String::new();
    let _ = handler().render_report(&mut out, &report);
    out
}

/// A load error as a code frame (when it has a position and the file can be read) or one line.
pub fn load_error(e: &Error) -> String {
    let mut out = String::new();
    let path = display_path(&e.path);
    // A node is located here, in the file read again (errors are rare; a clean run never pays).
    let pos = match &e.place {
        Place::File => None,
        Place::At(pos) => Some(*pos),
        Place::Node(ptr) | Place::Key(ptr) | Place::Value(ptr) => {
            crate::load::read_source(&e.path).ok().map(|source| match &e.place {
                Place::Key(_) => source.locate_key(ptr),
                Place::Value(_) => source.locate_value(ptr),
                _ => source.locate(ptr).0.start,
            })
        }
    }
    .filter(|p| p.line > 0);
    let source = pos.and_then(|_| std::fs::read(&e.path).ok()).map(|bytes| {
        Source::new(
            e.path.clone(),
            String::from_utf8_lossy(&bytes).into_owned(),
            crate::source::Syntax::Yaml,
            serde_json::Value::Null,
        )
    });
    let header = match pos {
        Some(Pos { line, column }) => format!("{path}:{line}:{column}"),
        None => path.clone(),
    };
    match (&source, pos) {
        (Some(source), Some(pos)) if pos.line > 0 => {
            let start = source.offset(pos);
            let len = source.line(pos.line).len().saturating_sub(pos.column.saturating_sub(1) as usize).max(1);
            let report = Report {
                message: format!("{header}: {}", e.message),
                code: None,
                severity: if e.what == crate::diag::Failed::Unsupported {
                    miette::Severity::Advice
                } else {
                    miette::Severity::Error
                },
                help: e.help.clone(),
                snippet: Some(Snippet { source, name: header.clone() }),
                label: Some((start, len.min(MAX_LABEL).min(source.text.len().saturating_sub(start)), "here".into())),
                others: Vec::new(),
            };
            let _ = handler().render_report(&mut out, &report);
        }
        _ => {
            let level = if e.what == crate::diag::Failed::Unsupported { "note" } else { "error" };
            let _ = write!(out, "{level}: {header}: {}", e.message);
            if let Some(help) = &e.help {
                let _ = write!(out, "\n  help: {help}");
            }
            out.push('\n');
        }
    }
    out
}

/// GitHub Actions workflow commands, one line a finding.
pub fn github(findings: &[Located], out: &mut impl fmt::Write) {
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warn => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message.clone();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&f.file),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            escape_property(&format!("gwgen {}", f.rule)),
            escape_data(&message)
        );
    }
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// SARIF 2.1.0: one run, every rule in the driver, a result a finding.
pub fn sarif(findings: &[Located]) -> serde_json::Value {
    use serde_json::json;
    let rules: Vec<serde_json::Value> = crate::lint::REGISTRY
        .iter()
        .map(|r| {
            let m = r.meta;
            json!({
                "id": m.id,
                "name": heck::ToUpperCamelCase::to_upper_camel_case(m.id),
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": r.doc(), "markdown": r.doc()},
                "defaultConfiguration": {"level": sarif_level(m.severity)},
                "properties": {"tags": [serde_json::to_value(m.category).unwrap_or_default()]},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let index = crate::lint::REGISTRY.iter().position(|r| r.meta.id == f.rule);
            let text = match &f.help {
                Some(h) => format!("{} (fix: {h})", f.message),
                None => f.message.clone(),
            };
            let mut result = json!({
                "ruleId": f.rule,
                "level": sarif_level(f.severity),
                "message": {"text": text},
                "locations": [sarif_location(&f.file, &f.pointer, (f.line, f.column), (f.end_line, f.end_column))],
            });
            if !f.related.is_empty() {
                let related: Vec<serde_json::Value> = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, r)| {
                        let mut location =
                            sarif_location(&r.file, &r.pointer, (r.line, r.column), (r.end_line, r.end_column));
                        location["id"] = json!(id);
                        location["message"] = json!({"text": r.label});
                        location
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "gwgen", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// A SARIF location: the file region and the pointer.
fn sarif_location(file: &str, pointer: &str, start: (u32, u32), end: (u32, u32)) -> serde_json::Value {
    serde_json::json!({
        "physicalLocation": {
            "artifactLocation": {"uri": file.replace('\\', "/")},
            "region": {
                "startLine": start.0.max(1),
                "startColumn": start.1.max(1),
                "endLine": end.0.max(start.0).max(1),
                "endColumn": end.1.max(1),
            }
        },
        "logicalLocations": [{"fullyQualifiedName": pointer, "kind": "element"}],
    })
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warn => "warning",
        Severity::Info => "note",
    }
}
