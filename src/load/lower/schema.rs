//! The schema store: named schemas registered before any is lowered, and schema objects converted to store entries.

use indexmap::IndexMap;
use serde_json::Value;

use crate::ir::{Additional, Discriminator, Keywords, Schema, SchemaId, SchemaKind};
use crate::source::{Field, Loc};

use super::fields::{boolean, string};
use super::{Cx, Obj};

/// The named schemas (`components.schemas`, or `definitions`), each with an id given before
/// any is lowered, so that every `$ref` to one finds it.
pub(super) struct Named<'s> {
    loc: Loc,
    map: Option<&'s Obj>,
    pub(super) ids: IndexMap<String, SchemaId>,
}

pub(super) fn register_named<'s>(cx: &mut Cx<'s>, root_loc: &Loc, root: &'s Obj) -> Named<'s> {
    let (loc, value) = if cx.sw2() {
        (root_loc.child("definitions"), root.field("definitions"))
    } else {
        (root_loc.child("components").child("schemas"), root.field("components").and_then(|c| c.field("schemas")))
    };
    let map = value.and_then(|v| cx.object(&loc, v, "the schemas"));
    let mut ids = IndexMap::new();
    for name in map.into_iter().flat_map(|m| m.keys()) {
        let id = cx.alloc_schema(loc.child(name), Some(name.clone()), true);
        ids.insert(name.clone(), id);
    }
    Named { loc, map, ids }
}

pub(super) fn fill_named<'s>(cx: &mut Cx<'s>, named: &Named<'s>) {
    for (name, v) in named.map.into_iter().flatten() {
        cx.fill_schema(named.ids[name], &named.loc.child(name), v, 0);
    }
}

/// The name of a schema under `components/schemas` or `definitions` (of any file).
fn component_name(loc: &Loc) -> Option<String> {
    let parent = loc.ptr.parent()?;
    matches!(parent.as_str(), "/components/schemas" | "/definitions").then(|| loc.ptr.last()).flatten()
}

/// How deep inline schemas may nest before gwgen stops descending.
const MAX_SCHEMA_DEPTH: usize = 128;

impl<'s> Cx<'s> {
    /// A new schema slot. Named schemas and `$ref` targets are registered by location, so
    /// every reference to them finds the same id; inline schemas are reached once and are not.
    pub(super) fn alloc_schema(&mut self, loc: Loc, name: Option<String>, register: bool) -> SchemaId {
        let id = SchemaId(self.base + self.schemas.len() as u32);
        if register {
            self.targets_registered |= name.is_none() || component_name(&loc).is_none();
            self.forked_registration |= self.base != 0;
            self.schema_ids.entry(loc.clone()).or_insert(id);
        }
        self.schemas.push(Schema {
            id,
            name,
            loc: loc.clone(),
            kind: SchemaKind::Any,
            title: None,
            description: None,
            format: None,
            nullable: false,
            read_only: false,
            write_only: false,
            deprecated: false,
            default: None,
            enum_values: Vec::new(),
            discriminator: None,
            keywords: Keywords::default(),
        });
        id
    }

    /// A schema this context allocated.
    pub(super) fn slot(&mut self, id: SchemaId) -> &mut Schema {
        &mut self.schemas[(id.0 - self.base) as usize]
    }

    /// A schema this context allocated, if `id` is one.
    pub(super) fn own(&self, id: SchemaId) -> Option<&Schema> {
        self.schemas.get(id.0.checked_sub(self.base)? as usize)
    }

    /// The schema at `loc`: its existing id, or a new one (following `$ref`s).
    pub(super) fn schema(&mut self, loc: &Loc, v: &'s Value, depth: usize) -> SchemaId {
        // Only a `$ref` target can be met again inline (a named schema is lowered once, by
        // name): until one is registered there is nothing to look up.
        if self.targets_registered {
            if let Some(id) = self.schema_ids.get(loc) {
                return *id;
            }
        }
        if let Some(r) = v.as_object().and_then(|m| m.field("$ref")) {
            let reference = r.as_str().unwrap_or_default().to_string();
            return match self.deref(loc.clone(), v) {
                Some((target, tv, _)) => {
                    if let Some(id) = self.schema_ids.get(&target) {
                        return *id;
                    }
                    let id = self.alloc_schema(target.clone(), component_name(&target), true);
                    self.fill_schema(id, &target, tv, depth + 1);
                    id
                }
                None => {
                    let id = self.alloc_schema(loc.clone(), None, false);
                    self.slot(id).kind = SchemaKind::Unresolved { reference };
                    id
                }
            };
        }
        let id = self.alloc_schema(loc.clone(), None, false);
        self.fill_schema(id, loc, v, depth);
        id
    }

    fn fill_schema(&mut self, id: SchemaId, loc: &Loc, v: &'s Value, depth: usize) {
        let Value::Object(m) = v else {
            if let Value::Bool(false) = v {
                self.slot(id).kind = SchemaKind::Null;
            }
            return;
        };
        if m.contains_key("$ref") {
            // A named schema that is itself a reference: an alias of the target.
            let kind = match self.deref(loc.clone(), v) {
                Some((target, tv, _)) => {
                    let target_id = match self.schema_ids.get(&target) {
                        Some(t) => *t,
                        None => {
                            let t = self.alloc_schema(target.clone(), component_name(&target), true);
                            self.fill_schema(t, &target, tv, depth + 1);
                            t
                        }
                    };
                    SchemaKind::AllOf { of: vec![target_id] }
                }
                None => SchemaKind::Unresolved { reference: m["$ref"].as_str().unwrap_or_default().to_string() },
            };
            self.slot(id).kind = kind;
            return;
        }
        if depth > MAX_SCHEMA_DEPTH {
            return;
        }
        let d = depth + 1;
        // One pass over the keys (large documents have tens of thousands of schemas).
        let f = SchemaFields::of(m);
        let (ty, mut nullable) = match f.ty {
            Some(Value::String(t)) => (Some(t.as_str()), false),
            Some(Value::Array(types)) => {
                let null = types.iter().any(|t| t == "null");
                (types.iter().filter_map(Value::as_str).find(|t| *t != "null"), null)
            }
            _ => (None, false),
        };
        nullable |= boolean(f.nullable).unwrap_or(false) || boolean(f.x_nullable).unwrap_or(false);
        let format = f.format.and_then(Value::as_str).map(str::to_string);
        let members = |cx: &mut Self, key: &str, list: &'s [Value]| -> Vec<SchemaId> {
            let l = loc.child(key);
            list.iter().enumerate().map(|(i, s)| cx.schema(&l.index(i), s, d)).collect()
        };
        let has_object_shape = f.properties.is_some() || f.additional.is_some();
        let kind = if let Some(list) = f.all_of {
            let mut of = members(self, "allOf", list);
            if has_object_shape {
                let extra = self.alloc_schema(loc.child("properties"), None, false);
                let kind = self.object_kind(loc, &f, d);
                self.slot(extra).kind = kind;
                of.push(extra);
            }
            SchemaKind::AllOf { of }
        } else if let Some(list) = f.one_of {
            SchemaKind::OneOf { of: members(self, "oneOf", list) }
        } else if let Some(list) = f.any_of {
            SchemaKind::AnyOf { of: members(self, "anyOf", list) }
        } else {
            match ty {
                Some("string") if matches!(format.as_deref(), Some("binary")) => SchemaKind::Binary,
                Some("file") => SchemaKind::Binary,
                Some("string") => SchemaKind::String,
                Some("integer") => SchemaKind::Integer,
                Some("number") => SchemaKind::Number,
                Some("boolean") => SchemaKind::Boolean,
                Some("null") => SchemaKind::Null,
                Some("array") => SchemaKind::Array { items: self.items(loc, f.items, d) },
                Some("object") => self.object_kind(loc, &f, d),
                _ if has_object_shape => self.object_kind(loc, &f, d),
                _ if f.items.is_some() => SchemaKind::Array { items: self.items(loc, f.items, d) },
                _ => SchemaKind::Any,
            }
        };
        let discriminator = match f.discriminator {
            Some(Value::String(p)) => Some(Discriminator { property_name: p.clone(), mapping: IndexMap::new() }),
            Some(Value::Object(dm)) => Some(Discriminator {
                property_name: string(dm, "propertyName").unwrap_or_default(),
                mapping: dm
                    .field("mapping")
                    .and_then(Value::as_object)
                    .map(|mm| mm.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string()))).collect())
                    .unwrap_or_default(),
            }),
            _ => None,
        };
        let s = self.slot(id);
        s.keywords = f.keywords;
        s.kind = kind;
        s.nullable = nullable;
        s.format = format;
        s.title = f.title.and_then(Value::as_str).map(str::to_string);
        s.description = f.description.and_then(Value::as_str).map(str::to_string);
        s.read_only = boolean(f.read_only).unwrap_or(false);
        s.write_only = boolean(f.write_only).unwrap_or(false);
        s.deprecated = boolean(f.deprecated).unwrap_or(false);
        s.default = f.default.cloned();
        s.enum_values = f.enum_values.and_then(Value::as_array).cloned().unwrap_or_default();
        s.discriminator = discriminator;
    }

    fn items(&mut self, loc: &Loc, items: Option<&'s Value>, depth: usize) -> Option<SchemaId> {
        match items? {
            Value::Array(tuple) => tuple.first().map(|s| self.schema(&loc.child("items").index(0), s, depth)),
            s => Some(self.schema(&loc.child("items"), s, depth)),
        }
    }

    fn object_kind(&mut self, loc: &Loc, f: &SchemaFields<'s>, depth: usize) -> SchemaKind {
        let mut properties = IndexMap::new();
        if let Some(Value::Object(props)) = f.properties {
            let ploc = loc.child("properties");
            properties.reserve(props.len());
            for (name, s) in props {
                properties.insert(name.clone(), self.schema(&ploc.child(name), s, depth));
            }
        }
        let required = match f.required {
            Some(Value::Array(r)) => r.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        };
        let additional = match f.additional {
            None => None,
            Some(Value::Bool(true)) => Some(Additional::Any),
            Some(Value::Bool(false)) => Some(Additional::Forbidden),
            Some(Value::Object(o)) if o.is_empty() => Some(Additional::Any),
            Some(s) => Some(Additional::Schema(self.schema(&loc.child("additionalProperties"), s, depth))),
        };
        SchemaKind::Object { properties, required, additional }
    }
}

/// The fields of a schema object that lowering reads, found in one pass over its keys.
#[derive(Default)]
struct SchemaFields<'s> {
    ty: Option<&'s Value>,
    nullable: Option<&'s Value>,
    x_nullable: Option<&'s Value>,
    format: Option<&'s Value>,
    all_of: Option<&'s [Value]>,
    one_of: Option<&'s [Value]>,
    any_of: Option<&'s [Value]>,
    properties: Option<&'s Value>,
    additional: Option<&'s Value>,
    required: Option<&'s Value>,
    items: Option<&'s Value>,
    discriminator: Option<&'s Value>,
    title: Option<&'s Value>,
    description: Option<&'s Value>,
    read_only: Option<&'s Value>,
    write_only: Option<&'s Value>,
    deprecated: Option<&'s Value>,
    default: Option<&'s Value>,
    enum_values: Option<&'s Value>,
    keywords: Keywords,
}

impl<'s> SchemaFields<'s> {
    fn of(m: &'s Obj) -> Self {
        let mut f = SchemaFields::default();
        for (key, v) in m {
            f.keywords.insert(key);
            let slot = match key.as_str() {
                "type" => &mut f.ty,
                "nullable" => &mut f.nullable,
                "x-nullable" => &mut f.x_nullable,
                "format" => &mut f.format,
                "properties" => &mut f.properties,
                "additionalProperties" => &mut f.additional,
                "required" => &mut f.required,
                "items" => &mut f.items,
                "discriminator" => &mut f.discriminator,
                "title" => &mut f.title,
                "description" => &mut f.description,
                "readOnly" => &mut f.read_only,
                "writeOnly" => &mut f.write_only,
                "deprecated" => &mut f.deprecated,
                "default" => &mut f.default,
                "enum" => &mut f.enum_values,
                "allOf" => {
                    f.all_of = v.as_array().map(Vec::as_slice);
                    continue;
                }
                "oneOf" => {
                    f.one_of = v.as_array().map(Vec::as_slice);
                    continue;
                }
                "anyOf" => {
                    f.any_of = v.as_array().map(Vec::as_slice);
                    continue;
                }
                _ => continue,
            };
            *slot = Some(v);
        }
        f
    }
}
