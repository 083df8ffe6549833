//! What gwgen tells users: findings (about a document) and load errors (gwgen could not read it).

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::source::{Loc, Pointer, Pos};

/// How serious a finding is. Ordered: `Info < Warn < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warn,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warn" | "warning" => Some(Severity::Warn),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something wrong with, or worth knowing about, a document: a rule id, where, what, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub loc: Loc,
    pub message: String,
    pub help: Option<String>,
    /// Other places that explain this one (the first writing of a duplicate, the other
    /// operation with the same id), each with its label.
    pub related: Vec<Related>,
}

/// A place a finding points to besides its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub loc: Loc,
    pub label: String,
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity, loc: Loc, message: impl Into<String>) -> Self {
        Finding { rule, severity, loc, message: message.into(), help: None, related: Vec::new() }
    }

    /// Adds a related place, with what it is.
    pub fn related(&mut self, loc: Loc, label: impl Into<String>) -> &mut Self {
        self.related.push(Related { loc, label: label.into() });
        self
    }

    /// Adds the fix: the one way to give a finding its help, on the finding just reported.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
}

/// A list that findings are reported into: reporting one returns it, so that its help follows
/// (`out.report(...).help("...")`), as in the rules.
pub trait Report {
    fn report(&mut self, rule: &'static str, severity: Severity, loc: Loc, message: impl Into<String>) -> &mut Finding;
}

impl Report for Vec<Finding> {
    fn report(&mut self, rule: &'static str, severity: Severity, loc: Loc, message: impl Into<String>) -> &mut Finding {
        self.push(Finding::new(rule, severity, loc, message));
        self.last_mut().expect("just pushed")
    }
}

/// What gwgen could not do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Failed {
    /// A file or folder could not be read (missing, unreadable, not text).
    Read,
    /// A document is not valid JSON or YAML.
    Syntax,
    /// A document reads, but is not one gwgen can take (not OpenAPI, a misshapen extension, a
    /// template without the API asked for).
    Document,
    /// A gwgen.yaml is wrong, or a stage it (or a template) should define is missing.
    Config,
    /// The command line asks for something that cannot be (an unknown rule, an HTTP API as
    /// Swagger 2.0).
    Arguments,
    /// An output could not be written.
    Write,
    /// An SDK or export could not be rendered.
    Render,
    /// The input is sound but defines something gwgen does not read yet (a WebSocket API, a
    /// definition kept in S3). Asked for by name it fails; met while linting other APIs it is a
    /// note.
    Unsupported,
}

/// Where in its file an error is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A position, where there is no tree to point into (a syntax error).
    At(Pos),
    /// A node of the file, by its pointer from the file's root: located by the reporter.
    Node(Pointer),
    /// The key of a node (the line that opens it), by pointer.
    Key(Pointer),
    /// Where a node's value starts (a document embedded in a template, as a whole).
    Value(Pointer),
}

impl Place {
    /// The node at `ptr` of `source` (which may be a document inside a template's file).
    pub fn node(source: &crate::source::Source, ptr: &Pointer) -> Place {
        let in_file = source.file_pointer_of(ptr);
        // An embedded document as a whole is shown where its content starts, not at its key.
        if ptr.is_root() && !in_file.is_root() {
            Place::Value(in_file)
        } else {
            Place::Node(in_file)
        }
    }
}

/// gwgen could not do its job: exit code 2. What failed, where, why, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub what: Failed,
    pub path: PathBuf,
    pub place: Place,
    pub message: String,
    pub help: Option<String>,
}

impl Error {
    /// An error at a position (syntax errors), or about the whole file.
    pub fn new(what: Failed, path: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Error::at(what, path, pos.map_or(Place::File, Place::At), message)
    }

    pub fn at(what: Failed, path: impl Into<PathBuf>, place: Place, message: impl Into<String>) -> Self {
        Error { what, path: path.into(), place, message: message.into(), help: None }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Place::At(p) => write!(f, "{}:{}:{}: {}", self.path.display(), p.line, p.column, self.message)?,
            Place::Node(ptr) | Place::Key(ptr) | Place::Value(ptr) => {
                write!(f, "{} ({ptr}): {}", self.path.display(), self.message)?
            }
            Place::File => write!(f, "{}: {}", self.path.display(), self.message)?,
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Edit distance with adjacent transpositions (optimal string alignment), over characters: for
/// "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: the one before the previous (for transpositions), the previous and this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}
