//! Everything gwgen writes from an API: the exported document (`export`), the SDK (`typescript`), a
//! picture of the API (`picture`), and the text forms of a JSON value (pretty JSON, and YAML through the small emitter below).

pub mod asyncapi;
pub mod export;
pub mod picture;
pub mod typescript;

use serde_json::Value;

/// Pretty JSON (two-space indentation) with a final newline.
pub fn to_json(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Block-style YAML that reads back as the same value, in YAML 1.2 and 1.1 parsers alike
/// (strings that a parser could take for a number, boolean, null or date are quoted).
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => write_map(&mut out, m, 0, false),
        Value::Array(a) if !a.is_empty() => write_seq(&mut out, a, 0, false),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A mapping's entries at `level`; the first one on the current line when `inline`.
fn write_map(out: &mut String, m: &serde_json::Map<String, Value>, level: usize, inline: bool) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 || !inline {
            indent(out, level);
        }
        out.push_str(&quote(k));
        out.push(':');
        write_child(out, v, level);
    }
}

fn write_seq(out: &mut String, a: &[Value], level: usize, inline: bool) {
    for (i, v) in a.iter().enumerate() {
        if i > 0 || !inline {
            indent(out, level);
        }
        out.push('-');
        match v {
            Value::Object(m) if !m.is_empty() => {
                out.push(' ');
                write_map(out, m, level + 2, true);
            }
            Value::Array(items) if !items.is_empty() => {
                out.push(' ');
                write_seq(out, items, level + 2, true);
            }
            _ => write_child(out, v, level),
        }
    }
}

/// The value after `key:` or `-`, whose line is at `level`.
fn write_child(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            write_map(out, m, level + 2, false);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            write_seq(out, a, level + 2, false);
        }
        Value::String(s) if literal_block_ok(s) => {
            out.push_str(if s.ends_with('\n') { " |\n" } else { " |-\n" });
            for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
                if !line.is_empty() {
                    indent(out, level + 2);
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

/// Multi-line text reads best as a literal block; only text that a block keeps exactly qualifies.
fn literal_block_ok(s: &str) -> bool {
    let body = s.strip_suffix('\n').unwrap_or(s);
    s.contains('\n')
        && !body.ends_with('\n')
        && !body.starts_with([' ', '\t', '\n'])
        && !s.chars().any(|c| needs_escape(c) && c != '\n' && c != '\t')
        && body.split('\n').all(|l| !l.ends_with([' ', '\t']) && (l.is_empty() || !l.trim().is_empty()))
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            let text = n.to_string();
            // YAML 1.1 reads `1e5` as a string: give floats a fraction and a signed exponent.
            if n.is_f64() && text.contains(['e', 'E']) && !text.contains('.') {
                let (mantissa, exp) = text.split_once(['e', 'E']).unwrap_or((&text, "0"));
                let exp = if exp.starts_with(['-', '+']) { exp.to_string() } else { format!("+{exp}") };
                format!("{mantissa}.0e{exp}")
            } else {
                text
            }
        }
        Value::String(s) => quote(s),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A string as a plain scalar when that is unambiguous, else double-quoted.
pub fn quote(s: &str) -> String {
    if plain_ok(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Words YAML 1.1 or 1.2 parsers read as booleans or null.
const RESERVED: [&str; 12] = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"];

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if !(first.is_ascii_alphabetic() || matches!(first, '_' | '/' | '$' | '(' | '^')) {
        return false;
    }
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s)) {
        return false;
    }
    !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| needs_escape(c) || c == '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reread(v: &Value) -> Value {
        let text = to_yaml(v);
        crate::load::yaml::parse(&text).unwrap_or_else(|e| panic!("{}\n{text}", e.message)).0
    }

    #[test]
    fn yaml_reads_back_identically() {
        let v: Value = serde_json::from_str(
            r##"{
            "openapi": "3.0.1", "n": 3, "f": 1.5, "big": 1e300, "neg": -2, "t": true, "z": null,
            "strings": ["", " lead", "trail ", "yes", "No", "null", "~", "123", "1.5", "0x1f", "1e3",
                "2024-01-01", "-", "- x", "a: b", "a #b", "#c", "@x", "`x", "!tag", "&a", "*a",
                "{x}", "[x]", "x, y", "'q'", "\"q\"", "%p", "|", ">", "?", ":", "a:", "tab\there",
                "line\nbreak", "two\n\nblank\n", "trailing  \nspace", "\u0001ctl", "é ü", "\u2028",
                " |indented\nx", "${stageVariables.alias}", "method.request.path.id", "/pets/{id}"],
            "200": {"description": "ok"}, "/p/{id}": {}, "e": [], "m": {},
            "nested": [[1, [2, 3]], [], {"a": [{"b": {}}]}],
            "template": "#set($x = 1)\n{\n  \"a\": \"$input.params('id')\"\n}\n"
        }"##,
        )
        .unwrap();
        assert_eq!(reread(&v), v, "\n{}", to_yaml(&v));
    }

    #[test]
    fn multi_line_text_is_a_literal_block() {
        let v = serde_json::json!({"t": "a\nb\n", "u": "a\nb"});
        assert_eq!(to_yaml(&v), "t: |\n  a\n  b\nu: |-\n  a\n  b\n");
    }
}
