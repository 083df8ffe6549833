//! Schemas to TypeScript types: model names, request and response shapes, unions, enums, a schema's doc comment.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::names::{doc_lines, key, lit, type_base, Namer};
use super::views::FieldView;
use crate::ir::{Additional, Api, Schema, SchemaId, SchemaKind};

/// Which shape of a model: the one responses have, or the one requests send.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// In a response: writeOnly properties are left out.
    Read,
    /// In a request: readOnly properties are left out.
    Write,
}

/// The schema-to-type mapping, with the names of the models.
pub(super) struct Types<'a> {
    pub(super) api: &'a Api,
    /// Per schema id: its model name, for named schemas.
    pub(super) names: Vec<Option<String>>,
    /// Per schema id: the name of its request shape, for models whose shapes differ.
    pub(super) input_names: Vec<Option<String>>,
    /// The models a rendering used (for the imports of `operations.ts`).
    pub(super) used: RefCell<BTreeSet<String>>,
}

impl<'a> Types<'a> {
    /// The mapping for `api`, with a model name for each named schema (and one for its request
    /// shape where that differs), in document order.
    pub(super) fn new(api: &'a Api, type_names: &mut Namer, value_names: &mut Namer) -> Types<'a> {
        let n = api.schemas.schemas.len();
        let differs = Types::compute_differs(api);
        let mut names = vec![None; n];
        let mut input_names = vec![None; n];
        for (raw, id) in &api.schemas.named {
            let i = id.0 as usize;
            if names[i].is_some() {
                continue;
            }
            let name = type_names.claim(&type_base(raw));
            if differs[i] {
                input_names[i] = Some(type_names.claim(&format!("{name}Input")));
            }
            value_names.taken.insert(name.clone());
            names[i] = Some(name);
        }
        Types { api, names, input_names, used: RefCell::new(BTreeSet::new()) }
    }

    pub(super) fn schema(&self, id: SchemaId) -> &'a Schema {
        self.api.schemas.get(id)
    }

    /// Which schemas have different request and response shapes, through everything they reach.
    fn compute_differs(api: &Api) -> Vec<bool> {
        let schemas = &api.schemas.schemas;
        let mut differs: Vec<bool> = schemas
            .iter()
            .map(|s| match &s.kind {
                SchemaKind::Object { properties, .. } => properties.values().any(|p| {
                    let p = api.schemas.get(*p);
                    p.read_only || p.write_only
                }),
                _ => false,
            })
            .collect();
        let children: Vec<Vec<SchemaId>> = schemas.iter().map(|s| s.kind.children()).collect();
        loop {
            let mut changed = false;
            for (i, kids) in children.iter().enumerate() {
                if !differs[i] && kids.iter().any(|k| differs[k.0 as usize]) {
                    differs[i] = true;
                    changed = true;
                }
            }
            if !changed {
                return differs;
            }
        }
    }

    /// The type of schema `id` where it is used: a model name, or the type written out.
    pub(super) fn expr(&self, id: SchemaId, side: Side, stack: &mut Vec<SchemaId>) -> String {
        let i = id.0 as usize;
        if let Some(name) = &self.names[i] {
            let name = match (&self.input_names[i], side) {
                (Some(input), Side::Write) => input,
                _ => name,
            };
            self.used.borrow_mut().insert(name.clone());
            return name.clone();
        }
        if stack.contains(&id) {
            return "unknown".into();
        }
        stack.push(id);
        let t = self.body(id, side, stack);
        stack.pop();
        t
    }

    /// The type a schema describes, written out (a model's own definition).
    pub(super) fn body(&self, id: SchemaId, side: Side, stack: &mut Vec<SchemaId>) -> String {
        let s = self.schema(id);
        let base = self.base(s, side, stack);
        if s.nullable && base != "unknown" && base != "null" {
            format!("{} | null", group(&base))
        } else {
            base
        }
    }

    fn base(&self, s: &Schema, side: Side, stack: &mut Vec<SchemaId>) -> String {
        if let Some(literals) = enum_literals(s) {
            return literals.join(" | ");
        }
        match &s.kind {
            SchemaKind::Any | SchemaKind::Unresolved { .. } => "unknown".into(),
            SchemaKind::String => "string".into(),
            SchemaKind::Integer | SchemaKind::Number => "number".into(),
            SchemaKind::Boolean => "boolean".into(),
            SchemaKind::Null => "null".into(),
            SchemaKind::Binary => match side {
                Side::Read => "Blob".into(),
                Side::Write => "Blob | Uint8Array".into(),
            },
            SchemaKind::Array { items } => {
                let item = items.map(|t| self.expr(t, side, stack)).unwrap_or_else(|| "unknown".into());
                format!("Array<{item}>")
            }
            SchemaKind::Object { .. } => {
                let (fields, index) = self.fields(s, side, stack);
                let mut parts: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{}{}: {}", f.key, if f.optional { "?" } else { "" }, f.ty))
                    .collect();
                if let Some(ix) = index {
                    parts.push(format!("[key: string]: {ix}"));
                }
                if parts.is_empty() {
                    "Record<string, never>".into()
                } else {
                    format!("{{ {} }}", parts.join("; "))
                }
            }
            SchemaKind::AllOf { of } => {
                let parts: Vec<String> = of.iter().map(|m| group(&self.expr(*m, side, stack))).collect();
                join_unique(parts, " & ", "unknown")
            }
            SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } => {
                let parts: Vec<String> = of.iter().map(|m| self.member(s, *m, side, stack)).collect();
                join_unique(parts, " | ", "unknown")
            }
        }
    }

    /// A member of a union: tagged with its discriminator values when the union has one.
    fn member(&self, union: &Schema, m: SchemaId, side: Side, stack: &mut Vec<SchemaId>) -> String {
        let t = self.expr(m, side, stack);
        let (Some(d), Some(name)) = (&union.discriminator, &self.schema(m).name) else {
            return t;
        };
        let mut tags: Vec<String> = d
            .mapping
            .iter()
            .filter(|(_, target)| target.rsplit('/').next() == Some(name.as_str()))
            .map(|(k, _)| lit(k))
            .collect();
        if d.mapping.is_empty() {
            tags.push(lit(name));
        }
        if tags.is_empty() || d.property_name.is_empty() {
            return t;
        }
        format!("({{ {}: {} }} & {})", key(&d.property_name), tags.join(" | "), group(&t))
    }

    /// An object's properties for one side, and the type of its index signature.
    pub(super) fn fields(&self, s: &Schema, side: Side, stack: &mut Vec<SchemaId>) -> (Vec<FieldView>, Option<String>) {
        let SchemaKind::Object { properties, required, additional } = &s.kind else {
            return (Vec::new(), None);
        };
        let mut fields = Vec::with_capacity(properties.len());
        for (name, p) in properties {
            let ps = self.schema(*p);
            if (side == Side::Write && ps.read_only) || (side == Side::Read && ps.write_only) {
                continue;
            }
            fields.push(FieldView {
                key: key(name),
                optional: !required.contains(name),
                ty: self.expr(*p, side, stack),
                doc: schema_doc(ps),
            });
        }
        let index = match additional {
            Some(Additional::Forbidden) => None,
            Some(Additional::Schema(a)) if fields.is_empty() => Some(self.expr(*a, side, stack)),
            Some(_) => Some("unknown".to_string()),
            None if fields.is_empty() && properties.is_empty() => Some("unknown".to_string()),
            None => None,
        };
        (fields, index)
    }
}

/// `T` wrapped in parentheses when it is a union or intersection.
fn group(t: &str) -> String {
    let (mut depth, mut in_string, mut escaped, mut operator) = (0i32, false, false, false);
    for c in t.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '{' | '<' | '[' => depth += 1,
            ')' | '}' | '>' | ']' => depth -= 1,
            '|' | '&' if depth == 0 => operator = true,
            _ => {}
        }
    }
    if operator {
        format!("({t})")
    } else {
        t.to_string()
    }
}

pub(super) fn join_unique(parts: Vec<String>, sep: &str, empty: &str) -> String {
    let mut seen = HashSet::new();
    let parts: Vec<String> = parts.into_iter().filter(|p| seen.insert(p.clone())).collect();
    if parts.is_empty() {
        empty.to_string()
    } else {
        parts.join(sep)
    }
}

/// The literal types of an enum, when every value has one.
pub(super) fn enum_literals(s: &Schema) -> Option<Vec<String>> {
    if s.enum_values.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for v in &s.enum_values {
        let l = match v {
            Value::String(t) => lit(t),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => continue,
            _ => return None,
        };
        if !out.contains(&l) {
            out.push(l);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The doc comment of a schema used as a property or a model.
pub(super) fn schema_doc(s: &Schema) -> Vec<String> {
    let mut doc = Vec::new();
    if let Some(t) = &s.title {
        doc.extend(doc_lines(t));
    }
    if let Some(d) = &s.description {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.extend(doc_lines(d));
    }
    match s.format.as_deref() {
        Some("int64") if matches!(s.kind, SchemaKind::Integer | SchemaKind::Number) => {
            doc.push("Format: int64. A JavaScript number is exact up to 2^53 - 1; larger values lose precision.".into())
        }
        Some(f @ ("date" | "date-time" | "time" | "duration" | "uuid" | "email" | "uri" | "byte")) => {
            doc.push(format!("Format: {f} (kept as a string)."))
        }
        _ => {}
    }
    if s.read_only {
        doc.push("Read-only: sent by the server, never in requests.".into());
    }
    if s.write_only {
        doc.push("Write-only: sent in requests, never in responses.".into());
    }
    if let Some(d) = &s.default {
        if let Ok(text) = serde_json::to_string(d) {
            if text.len() <= 200 {
                doc.extend(doc_lines(&format!("@default {text}")).into_iter().map(|l| l.replacen("\\@", "@", 1)));
            }
        }
    }
    if s.deprecated {
        doc.push("@deprecated".into());
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_wraps_top_level_unions_only() {
        assert_eq!(group("string"), "string");
        assert_eq!(group("string | null"), "(string | null)");
        assert_eq!(group("Array<string | null>"), "Array<string | null>");
        assert_eq!(group("{ a: string | number }"), "{ a: string | number }");
        assert_eq!(group("\"a|b\""), "\"a|b\"");
        assert_eq!(group("\"a\" | \"b\""), "(\"a\" | \"b\")");
    }
}
