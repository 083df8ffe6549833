//! Typed field readers: objects, lists, text, numbers, booleans, choices and maps, read leniently.

use indexmap::IndexMap;
use serde_json::Value;

use crate::ir::{is_intrinsic, Choice, Num, Text};
use crate::source::Loc;

use super::{Cx, Obj};

impl<'s> Cx<'s> {
    /// The object at `loc`, or a structural problem naming what it should be.
    pub(super) fn object(&mut self, loc: &Loc, v: &'s Value, what: &str) -> Option<&'s Obj> {
        match v {
            Value::Object(m) => Some(m),
            Value::Null => None,
            other => {
                self.wrong(
                    loc,
                    format!("{what} must be a mapping, found {}", kind_of(other)),
                    format!("write {what} as key: value pairs"),
                );
                None
            }
        }
    }

    pub(super) fn array(&mut self, loc: &Loc, v: &'s Value, what: &str) -> &'s [Value] {
        match v {
            Value::Array(a) => a,
            Value::Null => &[],
            other => {
                self.wrong(
                    loc,
                    format!("{what} must be a list, found {}", kind_of(other)),
                    format!("write {what} as a list (`- item` lines)"),
                );
                &[]
            }
        }
    }

    /// A string-valued field: strings as they are, numbers and booleans as text, intrinsics kept.
    pub(super) fn text(&mut self, loc: &Loc, v: Option<&'s Value>) -> Option<Text> {
        match v? {
            Value::Null => None,
            Value::String(s) => Some(Text::Str(s.clone())),
            Value::Number(n) => Some(Text::Str(n.to_string())),
            Value::Bool(b) => Some(Text::Str(b.to_string())),
            Value::Object(m) if is_intrinsic(m) => Some(Text::Intrinsic(Value::Object(m.clone()))),
            other => {
                self.wrong(
                    loc,
                    format!("expected a string, found {}", kind_of(other)),
                    "write a single string value here".into(),
                );
                None
            }
        }
    }

    pub(super) fn field(&mut self, parent: &Loc, m: &'s Obj, key: &str) -> Option<Text> {
        let loc = parent.child(key);
        self.text(&loc, m.get(key))
    }

    /// A map of text values (`requestParameters`, `responseTemplates`...). A whole map written
    /// as `Fn::If` (its condition one gwgen cannot evaluate: a decidable one is its branch by
    /// now) is read through its first branch that is a mapping, as gwgen reads other `Fn::If`s.
    pub(super) fn text_map(&mut self, parent: &Loc, m: &'s Obj, key: &str) -> IndexMap<String, Text> {
        let mut out = IndexMap::new();
        let Some(v) = m.get(key) else { return out };
        let (loc, v) = conditional_branch(&parent.child(key), v);
        let Some(map) = self.object(&loc, v, &format!("`{key}`")) else {
            return out;
        };
        for (k, v) in map {
            if let Some(t) = self.text(&loc.child(k), Some(v)) {
                out.insert(k.clone(), t);
            }
        }
        out
    }

    pub(super) fn text_list(&mut self, parent: &Loc, m: &'s Obj, key: &str) -> Vec<Text> {
        let Some(v) = m.get(key) else {
            return Vec::new();
        };
        let loc = parent.child(key);
        if let Value::String(s) = v {
            return vec![Text::Str(s.clone())];
        }
        if matches!(v, Value::Object(o) if is_intrinsic(o)) {
            return vec![Text::Intrinsic(v.clone())];
        }
        let items = self.array(&loc, v, &format!("`{key}`"));
        items.iter().enumerate().filter_map(|(i, v)| self.text(&loc.index(i), Some(v))).collect()
    }

    pub(super) fn string_list(&mut self, parent: &Loc, m: &'s Obj, key: &str) -> Vec<String> {
        self.text_list(parent, m, key).into_iter().filter_map(|t| t.as_str().map(str::to_string)).collect()
    }

    pub(super) fn choice<T>(&mut self, m: &'s Obj, key: &str, parse: fn(&str) -> Option<T>) -> Option<Choice<T>> {
        let raw = m.get(key)?;
        if raw.is_null() {
            return None;
        }
        let value = match raw {
            Value::String(s) => parse(s.trim()),
            _ => None,
        };
        Some(Choice { raw: raw.clone(), value })
    }
}

pub(super) fn num(v: Option<&Value>) -> Option<Num> {
    let raw = v?;
    let value = match raw {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        Value::Null => return None,
        _ => None,
    };
    Some(Num { raw: raw.clone(), value })
}

pub(super) fn boolean(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

pub(super) fn string(m: &Obj, key: &str) -> Option<String> {
    match m.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

pub(super) fn upper_enum<T>(table: &'static [(&'static str, T)]) -> impl Fn(&str) -> Option<T> + 'static
where
    T: Copy,
{
    move |s: &str| table.iter().find(|(k, _)| k.eq_ignore_ascii_case(s)).map(|(_, v)| *v)
}

pub use crate::source::first_mapping_branch;

/// A value written as `Fn::If`: its first mapping branch, where it is; any other value as it is.
pub(super) fn conditional_branch<'s>(loc: &Loc, v: &'s Value) -> (Loc, &'s Value) {
    match first_mapping_branch(v) {
        Some((i, branch)) => (loc.child("Fn::If").index(i), branch),
        None => (loc.clone(), v),
    }
}
