//! Identifiers and escaping: reserved words, de-duplication, string literals, property keys, doc comments.

use std::collections::HashSet;

use heck::{ToLowerCamelCase, ToUpperCamelCase};

use super::package::{RUNTIME, SIGV4};
use crate::ir::{Method, Operation, PathItem};

/// Words TypeScript reserves (or gives a meaning in type positions): never an identifier of ours.
const RESERVED: [&str; 62] = [
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
    "async",
    "any",
    "boolean",
    "number",
    "string",
    "symbol",
    "never",
    "unknown",
    "object",
    "undefined",
    "bigint",
    "type",
    "keyof",
    "readonly",
    "infer",
    "arguments",
];

/// Globals the generated code (or its users) rely on: a model of that name is renamed rather
/// than shadow them (`Error` becomes `ErrorModel`).
const GLOBALS: [&str; 40] = [
    "Error",
    "Response",
    "Request",
    "Headers",
    "Blob",
    "File",
    "FormData",
    "Record",
    "Array",
    "ReadonlyArray",
    "Promise",
    "Date",
    "Object",
    "String",
    "Number",
    "Boolean",
    "Symbol",
    "Map",
    "Set",
    "URL",
    "URLSearchParams",
    "Partial",
    "Required",
    "Readonly",
    "Pick",
    "Omit",
    "Exclude",
    "Extract",
    "NonNullable",
    "Function",
    "JSON",
    "Math",
    "RegExp",
    "Uint8Array",
    "ArrayBuffer",
    "ReadableStream",
    "AbortSignal",
    "AbortController",
    "TextEncoder",
    "Awaited",
];

/// Names the generated files declare themselves.
const GENERATED: [&str; 8] = [
    "ApiClient",
    "ApiClientOptions",
    "Authorizers",
    "Stage",
    "OperationErrors",
    "createClient",
    "environments",
    "isApiError",
];

/// The namespace of types: no reserved word, global, generated name or runtime export.
pub(super) fn type_namer() -> Namer {
    let runtime_names = runtime_exports().iter().copied();
    Namer::new(RESERVED.iter().chain(&GLOBALS).chain(&GENERATED).copied().chain(runtime_names))
}

/// The namespace of values (operation functions, and the models' `const`s): no reserved word,
/// generated name, runtime export, or name the client object uses.
pub(super) fn value_namer() -> Namer {
    let runtime_names = runtime_exports().iter().copied();
    Namer::new(RESERVED.iter().copied().chain(GENERATED).chain(runtime_names).chain(["options", "__proto__", "ops"]))
}

/// The identifiers `runtime.ts` and `sigv4.ts` export (read from their text, so the list cannot go stale).
fn runtime_exports() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| exports_of(&[RUNTIME, SIGV4]))
}

/// The identifiers the given TypeScript files export (`export function x`, `export const x`...).
pub(super) fn exports_of(files: &[&'static str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for line in files.iter().flat_map(|f| f.lines()) {
        let Some(rest) = line.strip_prefix("export ") else { continue };
        let rest = rest.trim_start_matches("declare ").trim_start_matches("abstract ").trim_start_matches("async ");
        for kw in ["function ", "class ", "interface ", "type ", "const ", "let ", "enum "] {
            if let Some(name) = rest.strip_prefix(kw) {
                let end =
                    name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$')).unwrap_or(name.len());
                if end > 0 {
                    out.push(&name[..end]);
                }
            }
        }
    }
    out
}

/// A namespace of identifiers: claims a name, adding a number when it is taken.
pub(super) struct Namer {
    pub(super) taken: HashSet<String>,
}

impl Namer {
    pub(super) fn new<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Namer {
        Namer { taken: reserved.into_iter().map(str::to_string).collect() }
    }

    pub(super) fn claim(&mut self, base: &str) -> String {
        let mut name = base.to_string();
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        let mut i = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{sep}{i}");
            i += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// Keeps the characters an ASCII identifier may hold.
pub(super) fn ascii_ident(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$').collect()
}

pub(super) fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A PascalCase type name for `raw`; reserved words and globals get a `Model` suffix.
pub(super) fn type_base(raw: &str) -> String {
    let mut name = ascii_ident(&raw.to_upper_camel_case());
    if name.is_empty() {
        name = "Model".into();
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("Model{name}");
    }
    if RESERVED.contains(&name.as_str())
        || GLOBALS.contains(&name.as_str())
        || runtime_exports().contains(&name.as_str())
    {
        name.push_str("Model");
    }
    name
}

/// A JSON string literal.
pub(super) fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A string literal (JSON's escapes are TypeScript's).
pub(super) fn lit(s: &str) -> String {
    // Line and paragraph separators are legal in string literals but end lines in some tools.
    json_string(s).replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// A single-quoted TypeScript string literal, for text full of double quotes (JSON): backslashes,
/// single quotes and line terminators escaped.
pub(super) fn single_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A property key: bare when it is an identifier, else quoted.
pub(super) fn key(s: &str) -> String {
    if is_ident(s) {
        s.to_string()
    } else {
        lit(s)
    }
}

/// Lines of a doc comment, safe inside `/** ... */`: `*/` cannot close it, and a line that
/// starts with `@` cannot start a tag.
pub(super) fn doc_lines(text: &str) -> Vec<String> {
    let normalized = text.replace("\r\n", "\n").replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    let mut lines: Vec<String> = normalized
        .lines()
        .map(|l| {
            let l = l.trim_end().replace("*/", "*\\/");
            if l.trim_start().starts_with('@') {
                l.replacen('@', "\\@", 1)
            } else {
                l
            }
        })
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

/// The `comment` filter: doc lines as a `/** ... */` block followed by `indent` (for the line it
/// precedes), or nothing.
pub(super) fn comment(lines: Vec<String>, indent: String) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let mut out = String::from("/**\n");
    for l in &lines {
        out.push_str(&indent);
        out.push_str(if l.is_empty() { " *" } else { " * " });
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(&indent);
    out.push_str(" */\n");
    out.push_str(&indent);
    out
}

/// The base of an operation's function name: its operationId, else method and path; a reserved
/// word gets an `Op` suffix.
pub(super) fn operation_base(path: &PathItem, op: &Operation) -> String {
    let raw = op.operation_id.as_deref().map(|id| ascii_ident(&id.to_lower_camel_case())).unwrap_or_default();
    let base = if raw.is_empty() || raw.starts_with(|c: char| c.is_ascii_digit()) {
        fallback_op_name(path, op.method)
    } else {
        raw
    };
    if RESERVED.contains(&base.as_str()) {
        format!("{base}Op")
    } else {
        base
    }
}

/// The function name for an operation without a usable operationId: method and path.
fn fallback_op_name(path: &PathItem, method: Method) -> String {
    let verb = match method {
        Method::Any => "any".to_string(),
        m => m.as_str().to_ascii_lowercase(),
    };
    let mut name = verb;
    let segments: Vec<&str> = path.path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        name.push_str("Root");
    }
    for seg in segments {
        let seg = seg.trim_start_matches('{').trim_end_matches('}').trim_end_matches('+');
        name.push_str(&ascii_ident(&seg.to_upper_camel_case()));
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_quoted_literals_round_trip() {
        assert_eq!(single_quoted(r#"{"a":"it's \"x\""}"#), r#"'{"a":"it\'s \\"x\\""}'"#);
        assert_eq!(single_quoted("a\nb\u{2028}"), r"'a\nb\u2028'");
    }

    #[test]
    fn names_are_claimed_once() {
        let mut n = Namer::new(["Error"]);
        assert_eq!(n.claim("Pet"), "Pet");
        assert_eq!(n.claim("Pet"), "Pet2");
        assert_eq!(n.claim("EtcGmt1"), "EtcGmt1");
        assert_eq!(n.claim("EtcGmt1"), "EtcGmt1_2");
        assert_eq!(type_base("Error"), "ErrorModel");
        assert_eq!(type_base("1st"), "Model1st");
        assert_eq!(type_base("class"), "Class");
        assert_eq!(type_base("pet-list"), "PetList");
    }

    #[test]
    fn doc_comments_cannot_be_closed_early() {
        assert_eq!(doc_lines("a */ b\r\n@tag\u{2028}c"), vec!["a *\\/ b", "\\@tag", "c"]);
    }
}
