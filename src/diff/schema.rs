//! Schemas compared through `$ref`, `allOf`, `oneOf` / `anyOf` and recursion: a request schema
//! may only accept more, a response schema may only promise more.

use std::collections::{BTreeSet, HashSet};

use indexmap::IndexMap;
use serde_json::Value;

use super::Cx;
use crate::ir::{Additional, Api, Schema, SchemaId, SchemaKind, SchemaStore};
use crate::source::Loc;

/// Which way a schema's data flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dir {
    /// Callers send it (parameters, request bodies).
    Request,
    /// Callers receive it.
    Response,
}

/// Pairs of schemas already compared, in each direction: each pair once, so recursive schemas
/// end and a schema shared by many operations is reported once (at the first that reaches it).
pub type Seen = HashSet<(SchemaId, SchemaId, Dir)>;

/// A schema's shape, with `allOf` merged and single-member compositions seen through.
pub fn shape(store: &SchemaStore, id: SchemaId) -> &'static str {
    shape_depth(store, id, 0)
}

fn shape_depth(store: &SchemaStore, id: SchemaId, depth: u32) -> &'static str {
    let s = store.get(id);
    match &s.kind {
        SchemaKind::Any => "any",
        SchemaKind::String => "string",
        SchemaKind::Integer => "integer",
        SchemaKind::Number => "number",
        SchemaKind::Boolean => "boolean",
        SchemaKind::Null => "null",
        SchemaKind::Binary => "binary",
        SchemaKind::Array { .. } => "array",
        SchemaKind::Object { .. } => "object",
        SchemaKind::Unresolved { .. } => "unresolved",
        SchemaKind::AllOf { of } | SchemaKind::OneOf { of } | SchemaKind::AnyOf { of }
            if of.len() == 1 && depth < 32 =>
        {
            shape_depth(store, of[0], depth + 1)
        }
        SchemaKind::AllOf { of } => {
            if depth < 32 && of.iter().any(|m| shape_depth(store, *m, depth + 1) == "object") {
                "object"
            } else {
                "allOf"
            }
        }
        SchemaKind::OneOf { .. } => "oneOf",
        SchemaKind::AnyOf { .. } => "anyOf",
    }
}

/// The schema a single-member `allOf` / `oneOf` / `anyOf` stands for (a `$ref` with siblings is
/// often written so), else the schema itself.
fn through(store: &SchemaStore, mut id: SchemaId) -> SchemaId {
    for _ in 0..32 {
        match &store.get(id).kind {
            SchemaKind::AllOf { of } | SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } if of.len() == 1 => {
                id = of[0];
            }
            _ => break,
        }
    }
    id
}

/// The properties and required names of an object, with the members of an `allOf` merged.
fn object_view(store: &SchemaStore, id: SchemaId) -> (IndexMap<String, SchemaId>, BTreeSet<String>) {
    let mut props = IndexMap::new();
    let mut required = BTreeSet::new();
    let mut stack = vec![id];
    let mut visited = HashSet::new();
    while let Some(id) = stack.pop() {
        if !visited.insert(id) {
            continue;
        }
        match &store.get(id).kind {
            SchemaKind::Object { properties, required: r, .. } => {
                for (k, v) in properties {
                    props.entry(k.clone()).or_insert(*v);
                }
                required.extend(r.iter().cloned());
            }
            SchemaKind::AllOf { of } => stack.extend(of.iter().rev()),
            SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } if of.len() == 1 => stack.push(of[0]),
            _ => {}
        }
    }
    (props, required)
}

fn variants(s: &Schema) -> Option<&[SchemaId]> {
    match &s.kind {
        SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } if of.len() > 1 => Some(of),
        _ => None,
    }
}

/// Compares the base schema `b` with the revision schema `r`, as data flowing in `dir`. `what`
/// names the place for messages ("request body of POST /pets (application/json)").
pub fn compare(cx: &mut Cx, seen: &mut Seen, dir: Dir, b: SchemaId, r: SchemaId, what: &str) {
    compare_as(cx, seen, dir, b, r, what, "schema-format-changed");
}

/// [`compare`], reporting a change of this schema's own `format` as `format_id`.
pub fn compare_as(
    cx: &mut Cx,
    seen: &mut Seen,
    dir: Dir,
    b: SchemaId,
    r: SchemaId,
    what: &str,
    format_id: &'static str,
) {
    let (base, rev) = (cx.base, cx.rev);
    let (b, r) = (through(&base.schemas, b), through(&rev.schemas, r));
    // A chain of thousands of schemas, each a property of the one before, ends here rather
    // than in a stack overflow (documents written by people nest a few dozen levels).
    if cx.depth >= MAX_DEPTH || !seen.insert((b, r, dir)) {
        return;
    }
    cx.depth += 1;
    compare_inner(cx, seen, dir, b, r, what, format_id);
    cx.depth -= 1;
}

/// How deep [`compare`] follows schemas inside schemas.
pub const MAX_DEPTH: u32 = 200;

fn compare_inner(
    cx: &mut Cx,
    seen: &mut Seen,
    dir: Dir,
    b: SchemaId,
    r: SchemaId,
    what: &str,
    format_id: &'static str,
) {
    let (base, rev) = (cx.base, cx.rev);
    let (sb, sr) = (base.schemas.get(b), rev.schemas.get(r));
    let (kb, kr) = (shape(&base.schemas, b), shape(&rev.schemas, r));
    if kb == "unresolved" || kr == "unresolved" {
        return;
    }
    if kb != kr {
        let widened = match dir {
            Dir::Request => kb == "integer" && kr == "number",
            Dir::Response => kb == "number" && kr == "integer",
        };
        let loose = kb == "any" || kr == "any" || kb == "allOf" || kr == "allOf";
        if !widened && !loose {
            cx.add("schema-type-changed", sb.loc.clone(), sr.loc.clone(), format!("{what}: type {kb} became {kr}"));
        }
        return;
    }
    format_change(cx, dir, sb, sr, what, format_id);
    enums(cx, dir, sb, sr, what);
    nullable(cx, dir, sb, sr, what);
    constraints(cx, dir, sb, sr, what);
    match (&sb.kind, &sr.kind) {
        (SchemaKind::Array { items: Some(ib) }, SchemaKind::Array { items: Some(ir) }) => {
            compare(cx, seen, dir, *ib, *ir, &format!("{what}[]"));
        }
        _ if kb == "object" => {
            properties(cx, seen, dir, b, r, what);
            additional(cx, seen, dir, sb, sr, what);
        }
        _ => {}
    }
    if let (Some(vb), Some(vr)) = (variants(sb), variants(sr)) {
        compare_variants(cx, seen, dir, (sb, vb), (sr, vr), what);
    }
}

/// A change of `format`: any change between two formats; a format added to a request (it
/// accepts less) or removed from a response (it promises less).
fn format_change(cx: &mut Cx, dir: Dir, sb: &Schema, sr: &Schema, what: &str, id: &'static str) {
    let changed = match (&sb.format, &sr.format, dir) {
        (Some(a), Some(b), _) => a != b,
        // A size hint on a number (`int64`, `double`...) narrows nothing JSON can carry.
        (None, Some(f), Dir::Request) | (Some(f), None, Dir::Response) => {
            !matches!(f.as_str(), "int64" | "double" | "float")
        }
        _ => false,
    };
    if changed {
        let show = |f: &Option<String>| f.as_deref().map_or("none".to_string(), |f| format!("`{f}`"));
        cx.add(
            id,
            sb.loc.clone(),
            sr.loc.clone(),
            format!("{what}: format {} became {}", show(&sb.format), show(&sr.format)),
        );
    }
}

fn enums(cx: &mut Cx, dir: Dir, sb: &Schema, sr: &Schema, what: &str) {
    let show = |v: &[&Value]| v.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ");
    // A request must still accept every value it accepted; a response may not send a value the
    // base never sent. `wide` is the side whose extra values break the other's readers.
    let (id, wide, narrow, unlimited, extra) = match dir {
        Dir::Request => ("request-enum-value-removed", sb, sr, "now limited to", "no longer accepts"),
        Dir::Response => ("response-enum-value-added", sr, sb, "no longer limited to", "may now be"),
    };
    if narrow.enum_values.is_empty() {
        return;
    }
    let message = if wide.enum_values.is_empty() {
        format!("{what}: {unlimited} {}", show(&narrow.enum_values.iter().collect::<Vec<_>>()))
    } else {
        let beyond: Vec<&Value> = wide.enum_values.iter().filter(|v| !narrow.enum_values.contains(v)).collect();
        if beyond.is_empty() {
            return;
        }
        format!("{what}: {extra} {}", show(&beyond))
    };
    cx.add(id, sb.loc.clone(), sr.loc.clone(), message);
}

fn nullable(cx: &mut Cx, dir: Dir, sb: &Schema, sr: &Schema, what: &str) {
    let id = match (dir, sb.nullable, sr.nullable) {
        (Dir::Request, true, false) => "request-nullable-removed",
        (Dir::Request, false, true) => "request-nullable-added",
        (Dir::Response, false, true) => "response-nullable-added",
        (Dir::Response, true, false) => "response-nullable-removed",
        _ => return,
    };
    let message =
        if sr.nullable { format!("{what}: may now be null") } else { format!("{what}: may no longer be null") };
    cx.add(id, sb.loc.clone(), sr.loc.clone(), message);
}

/// Upper bounds: a lower value (or a new bound) is stricter.
const UPPER: [&str; 4] = ["maxLength", "maximum", "maxItems", "maxProperties"];
/// Lower bounds: a higher value (or a new bound) is stricter.
const LOWER: [&str; 4] = ["minLength", "minimum", "minItems", "minProperties"];

/// A keyword as written on the schema object (the IR keeps no bounds: they are read from the
/// node the schema was built from).
fn keyword<'a>(api: &'a Api, s: &Schema, key: &str) -> Option<&'a Value> {
    api.sources.value(&s.loc).and_then(|v| v.get(key))
}

fn constraints(cx: &mut Cx, dir: Dir, sb: &Schema, sr: &Schema, what: &str) {
    let (base, rev) = (cx.base, cx.rev);
    let mut stricter = Vec::new();
    let mut looser = Vec::new();
    let num = |api: &Api, s: &Schema, k: &str| keyword(api, s, k).and_then(Value::as_f64);
    for (keys, upper) in [(UPPER, true), (LOWER, false)] {
        for key in keys {
            let (vb, vr) = (num(base, sb, key), num(rev, sr, key));
            let show = |v: Option<f64>| v.map_or("none".to_string(), |v| v.to_string());
            let text = format!("{key} {} became {}", show(vb), show(vr));
            match (vb, vr) {
                (None, Some(_)) => stricter.push(text),
                (Some(_), None) => looser.push(text),
                (Some(x), Some(y)) if (upper && y < x) || (!upper && y > x) => stricter.push(text),
                (Some(x), Some(y)) if x != y => looser.push(text),
                _ => {}
            }
        }
    }
    for key in ["pattern", "multipleOf"] {
        let (vb, vr) = (keyword(base, sb, key), keyword(rev, sr, key));
        match (vb, vr) {
            (None, Some(v)) => stricter.push(format!("{key} {v} added")),
            (Some(v), None) => looser.push(format!("{key} {v} removed")),
            (Some(x), Some(y)) if x != y => {
                stricter.push(format!("{key} {x} became {y}"));
                looser.push(format!("{key} {x} became {y}"));
            }
            _ => {}
        }
    }
    let flag = |api: &Api, s: &Schema, k: &str| keyword(api, s, k).and_then(Value::as_bool).unwrap_or(false);
    for key in ["uniqueItems", "exclusiveMaximum", "exclusiveMinimum"] {
        match (flag(base, sb, key), flag(rev, sr, key)) {
            (false, true) => stricter.push(format!("{key} added")),
            (true, false) => looser.push(format!("{key} removed")),
            _ => {}
        }
    }
    match dir {
        Dir::Request if !stricter.is_empty() => cx.add(
            "request-constraint-tightened",
            sb.loc.clone(),
            sr.loc.clone(),
            format!("{what}: {}", stricter.join("; ")),
        ),
        Dir::Response if !looser.is_empty() => cx.add(
            "response-constraint-loosened",
            sb.loc.clone(),
            sr.loc.clone(),
            format!("{what}: {}", looser.join("; ")),
        ),
        _ => {}
    }
}

/// Whether a property is part of the data in `dir` (`readOnly` ones are not sent, `writeOnly`
/// ones not received).
fn flows(store: &SchemaStore, id: SchemaId, dir: Dir) -> bool {
    let s = store.get(id);
    match dir {
        Dir::Request => !s.read_only,
        Dir::Response => !s.write_only,
    }
}

fn properties(cx: &mut Cx, seen: &mut Seen, dir: Dir, b: SchemaId, r: SchemaId, what: &str) {
    let (base, rev) = (cx.base, cx.rev);
    let (pb, rb) = object_view(&base.schemas, b);
    let (pr, rr) = object_view(&rev.schemas, r);
    let (lb, lr) = (base.schemas.get(b).loc.clone(), rev.schemas.get(r).loc.clone());
    let named = |name: &str| format!("{what}: property `{name}`");
    for (name, &idb) in &pb {
        if !flows(&base.schemas, idb, dir) {
            continue;
        }
        let locb = base.schemas.get(idb).loc.clone();
        let Some(&idr) = pr.get(name).filter(|id| flows(&rev.schemas, **id, dir)) else {
            // An object that refuses properties it does not name rejects the one callers still send.
            let closed = matches!(additional_of(rev.schemas.get(r)), Some(Additional::Forbidden));
            let id = match dir {
                Dir::Request if closed => "request-property-refused",
                Dir::Request => "request-property-removed",
                Dir::Response => "response-property-removed",
            };
            let why = if closed && dir == Dir::Request { " and is refused (additionalProperties: false)" } else { "" };
            cx.add(id, locb, lr.clone(), format!("{} was removed{why}", named(name)));
            continue;
        };
        let locr = rev.schemas.get(idr).loc.clone();
        let change = match (dir, rb.contains(name), rr.contains(name)) {
            (Dir::Request, false, true) => Some(("request-property-became-required", "became required")),
            (Dir::Request, true, false) => Some(("request-property-became-optional", "became optional")),
            (Dir::Response, true, false) => Some(("response-property-became-optional", "became optional")),
            (Dir::Response, false, true) => Some(("response-property-became-required", "became required")),
            _ => None,
        };
        if let Some((id, text)) = change {
            cx.add(id, locb, locr, format!("{} {text}", named(name)));
        }
        let inner = if what.ends_with(']') || what.contains(": ") {
            format!("{what}.{name}")
        } else {
            format!("{what}: {name}")
        };
        compare(cx, seen, dir, idb, idr, &inner);
    }
    if dir == Dir::Request {
        for (name, &idr) in &pr {
            if !pb.contains_key(name) && rr.contains(name) && flows(&rev.schemas, idr, dir) {
                cx.add(
                    "request-required-property-added",
                    lb.clone(),
                    rev.schemas.get(idr).loc.clone(),
                    format!("{} was added as required", named(name)),
                );
            }
        }
    }
}

/// What an object says of properties it does not name (`additionalProperties`): absent is the
/// same as `true` (JSON Schema's default, which API Gateway's model validation follows).
fn additional_of(s: &Schema) -> Option<&Additional> {
    match &s.kind {
        SchemaKind::Object { additional, .. } => Some(additional.as_ref().unwrap_or(&Additional::Any)),
        _ => None,
    }
}

/// `additionalProperties`, as the property changes decide: a request may only accept more
/// (other properties forbidden, or now held to a schema, reject bodies that passed), a response
/// may only promise more (other properties where `false` promised none, or values no longer held
/// to a schema, reach clients that relied on it). Two schemas are compared as values of `dir`.
fn additional(cx: &mut Cx, seen: &mut Seen, dir: Dir, sb: &Schema, sr: &Schema, what: &str) {
    let (base, rev) = (cx.base, cx.rev);
    let (Some(ab), Some(ar)) = (additional_of(sb), additional_of(sr)) else { return };
    // A schema that accepts anything (`{}`) says no more than `true`.
    let open = |api: &Api, a: &Additional| match a {
        Additional::Any => true,
        Additional::Schema(id) => shape(&api.schemas, *id) == "any",
        Additional::Forbidden => false,
    };
    let (open_b, open_r) = (open(base, ab), open(rev, ar));
    let forbidden = |a: &Additional| matches!(a, Additional::Forbidden);
    let (lb, lr) = (sb.loc.child("additionalProperties"), sr.loc.child("additionalProperties"));
    let at = |api: &Api, s: &Schema, l: Loc| if api.sources.value(&l).is_some() { l } else { s.loc.clone() };
    let (lb, lr) = (at(base, sb, lb), at(rev, sr, lr));
    match dir {
        Dir::Request if !forbidden(ab) && forbidden(ar) => cx.add(
            "request-additional-properties-narrowed",
            lb,
            lr,
            format!("{what}: properties it does not name are no longer accepted (additionalProperties: false)"),
        ),
        Dir::Request if open_b && !open_r => cx.add(
            "request-additional-properties-narrowed",
            lb,
            lr,
            format!("{what}: properties it does not name must now match a schema"),
        ),
        Dir::Response if forbidden(ab) && !forbidden(ar) => cx.add(
            "response-additional-properties-allowed",
            lb,
            lr,
            format!("{what}: may now have properties it does not name (additionalProperties was false)"),
        ),
        Dir::Response if !open_b && !forbidden(ab) && open_r => cx.add(
            "response-additional-properties-allowed",
            lb,
            lr,
            format!("{what}: the values of properties it does not name are no longer held to a schema"),
        ),
        _ => {
            if let (Additional::Schema(ib), Additional::Schema(ir)) = (ab, ar) {
                compare(cx, seen, dir, *ib, *ir, &format!("{what}{{*}}"));
            }
        }
    }
}

/// `oneOf` / `anyOf` alternatives, matched by component name when both are named, else by
/// position among the unnamed ones.
fn compare_variants(
    cx: &mut Cx,
    seen: &mut Seen,
    dir: Dir,
    (sb, vb): (&Schema, &[SchemaId]),
    (sr, vr): (&Schema, &[SchemaId]),
    what: &str,
) {
    let (base, rev) = (cx.base, cx.rev);
    let name_b = |id: SchemaId| base.schemas.get(id).name.clone();
    let name_r = |id: SchemaId| rev.schemas.get(id).name.clone();
    let mut unnamed_r: Vec<SchemaId> = vr.iter().copied().filter(|id| name_r(*id).is_none()).collect();
    unnamed_r.reverse();
    let mut matched_r = HashSet::new();
    for (i, &idb) in vb.iter().enumerate() {
        let found = match name_b(idb) {
            Some(n) => vr.iter().copied().find(|id| name_r(*id).as_deref() == Some(n.as_str())),
            None => unnamed_r.pop(),
        };
        match found {
            Some(idr) => {
                matched_r.insert(idr);
                compare(cx, seen, dir, idb, idr, &format!("{what} (alternative {})", i + 1));
            }
            None if dir == Dir::Request => {
                let label = name_b(idb).map_or(format!("alternative {}", i + 1), |n| format!("`{n}`"));
                cx.add(
                    "request-schema-variant-removed",
                    base.schemas.get(idb).loc.clone(),
                    sr.loc.clone(),
                    format!("{what}: {label} is no longer accepted"),
                );
            }
            None => {}
        }
    }
    if dir == Dir::Response {
        for (i, &idr) in vr.iter().enumerate().filter(|(_, id)| !matched_r.contains(*id)) {
            let label = name_r(idr).map_or(format!("alternative {}", i + 1), |n| format!("`{n}`"));
            cx.add(
                "response-schema-variant-added",
                sb.loc.clone(),
                rev.schemas.get(idr).loc.clone(),
                format!("{what}: may now be {label}"),
            );
        }
    }
}
