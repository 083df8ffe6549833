//! Parameters and headers both ways: Swagger 2.0 type fields <-> schemas, `collectionFormat` <-> `style`.

use serde_json::Value;

use crate::source::Pointer;

use super::{rewrite_ref, Cx, Obj, Target};

/// Swagger 2.0 parameter fields that are schema keywords in OpenAPI 3.0.
const SW2_SCHEMA_FIELDS: [&str; 17] = [
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

impl Cx {
    /// A non-body Swagger 2.0 parameter: its type fields become `schema`, `collectionFormat`
    /// becomes `style` / `explode`.
    pub(super) fn sw2_param(&mut self, p: &Value, at: &Pointer) -> Obj {
        let Value::Object(pm) = p else { return Obj::new() };
        let location = pm.get("in").and_then(Value::as_str).unwrap_or("");
        let mut out = Obj::new();
        for (k, v) in pm {
            if SW2_SCHEMA_FIELDS.contains(&k.as_str()) {
                if !out.contains_key("schema") {
                    out.insert("schema".into(), Value::Object(self.sw2_param_schema(pm, at, location)));
                    self.collection_format(pm, at, location, &mut out);
                }
            } else if k == "schema" || k == "content" {
                self.warn(
                    &at.push(k),
                    format!("`{k}` on a Swagger 2.0 `{location}` parameter is not Swagger 2.0 (an import ignores it); dropped"),
                    "give the parameter `type` (and `format`, `items`...) directly",
                );
            } else {
                out.insert(k.clone(), v.clone());
            }
        }
        if !out.contains_key("schema") {
            // OpenAPI 3.0 parameters need a schema; an untyped Swagger parameter has the empty one.
            out.insert("schema".into(), Value::Object(Obj::new()));
        }
        out
    }

    /// `collectionFormat` as `style` and `explode` (csv is Swagger's default for arrays).
    fn collection_format(&mut self, pm: &Obj, at: &Pointer, location: &str, out: &mut Obj) {
        if pm.get("type").and_then(Value::as_str) != Some("array") {
            return;
        }
        let written = pm.get("collectionFormat").and_then(Value::as_str);
        let format = written.unwrap_or("csv");
        let (style, explode) = match crate::ir::collection_format_style(written, location) {
            Some(serialization) => serialization,
            None => {
                self.warn(
                    &at.push("collectionFormat"),
                    format!("`collectionFormat: {format}` in {location} cannot be expressed in OpenAPI 3.0"),
                    "use csv (or, in a query, multi, ssv or pipes)",
                );
                return;
            }
        };
        out.insert("style".into(), Value::String(style.into()));
        out.insert("explode".into(), Value::Bool(explode));
    }

    /// The type fields of a Swagger 2.0 parameter, header or items object, as a schema.
    pub(super) fn sw2_param_schema(&mut self, pm: &Obj, at: &Pointer, location: &str) -> Obj {
        let mut schema = Obj::new();
        for (k, v) in pm {
            match k.as_str() {
                "collectionFormat" if location == "items" => {
                    self.warn(
                        &at.push(k),
                        "`collectionFormat` of nested array items cannot be expressed in OpenAPI 3.0",
                        "flatten the parameter or document the format in its description",
                    );
                }
                "collectionFormat" => {}
                "type" if v == "file" => {
                    schema.insert("type".into(), "string".into());
                    schema.insert("format".into(), "binary".into());
                }
                "format" if schema.contains_key("format") => {}
                "items" => {
                    let items = match v {
                        Value::Object(im) => Value::Object(self.sw2_param_schema(im, &at.push("items"), "items")),
                        other => other.clone(),
                    };
                    schema.insert("items".into(), items);
                }
                "x-nullable" => {
                    schema.insert("nullable".into(), v.clone());
                }
                _ if SW2_SCHEMA_FIELDS.contains(&k.as_str()) => {
                    schema.insert(k.clone(), v.clone());
                }
                _ if (location == "items" || location == "header") && k.starts_with("x-")
                    || location == "items" && k == "description" =>
                {
                    schema.insert(k.clone(), v.clone());
                }
                _ => {}
            }
        }
        schema
    }

    pub(super) fn oas3_params(&mut self, v: &Value, at: &Pointer) -> Vec<Value> {
        v.as_array().into_iter().flatten().enumerate().filter_map(|(i, p)| self.oas3_param(p, &at.index(i))).collect()
    }

    pub(super) fn oas3_param(&mut self, p: &Value, at: &Pointer) -> Option<Value> {
        let Value::Object(pm) = p else { return Some(p.clone()) };
        if let Some(Value::String(r)) = pm.get("$ref") {
            if self.local(r).and_then(|t| t.get("in")).and_then(Value::as_str) == Some("cookie") {
                self.warn(at, "cookie parameters cannot be expressed in Swagger 2.0; dropped", "");
                return None;
            }
            let mut m = Obj::new();
            m.insert("$ref".into(), Value::String(rewrite_ref(r, Target::Swagger2)));
            return Some(Value::Object(m));
        }
        let location = pm.get("in").and_then(Value::as_str).unwrap_or("");
        if location == "cookie" {
            self.warn(at, "cookie parameters cannot be expressed in Swagger 2.0; dropped", "");
            return None;
        }
        let mut out = Obj::new();
        for (k, v) in pm {
            let kat = at.push(k);
            match k.as_str() {
                "schema" => self.flatten_schema(v, &kat, &mut out),
                "content" => {
                    self.warn(
                        &kat,
                        "a parameter's `content` cannot be expressed in Swagger 2.0; its first schema is used",
                        "",
                    );
                    if let Some((mt, m)) = v.as_object().and_then(|c| c.iter().next()) {
                        if let Some(s) = m.get("schema") {
                            self.flatten_schema(s, &kat.push(mt).push("schema"), &mut out);
                        }
                    }
                }
                "style" | "explode" => {}
                "deprecated" | "example" | "examples" | "allowReserved" => {
                    self.warn(
                        &kat,
                        format!("a parameter's `{k}` cannot be expressed in Swagger 2.0; kept as `x-{k}`"),
                        "",
                    );
                    out.insert(format!("x-{k}"), v.clone());
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if !out.contains_key("type") {
            self.warn(
                at,
                "a Swagger 2.0 parameter needs a primitive type; exported as `type: string`",
                "give the parameter a schema with a type",
            );
            out.insert("type".into(), "string".into());
        }
        self.style_to_collection_format(pm, at, location, &mut out);
        Some(Value::Object(out))
    }

    fn style_to_collection_format(&mut self, pm: &Obj, at: &Pointer, location: &str, out: &mut Obj) {
        if out.get("type").and_then(Value::as_str) != Some("array") {
            return;
        }
        let style = pm.get("style").and_then(Value::as_str);
        let explode = pm.get("explode").and_then(Value::as_bool);
        let format = match (location, style.unwrap_or(if location == "query" { "form" } else { "simple" })) {
            ("query", "form") if explode.unwrap_or(true) => "multi",
            (_, "form" | "simple") => "csv",
            ("query", "spaceDelimited") => "ssv",
            ("query", "pipeDelimited") => "pipes",
            (_, s) => {
                self.warn(&at.push("style"), format!("`style: {s}` cannot be expressed in Swagger 2.0"), "");
                return;
            }
        };
        out.insert("collectionFormat".into(), Value::String(format.into()));
    }

    /// A parameter or header schema, written as Swagger 2.0 type fields into `out`.
    pub(super) fn flatten_schema(&mut self, s: &Value, at: &Pointer, out: &mut Obj) {
        let s = self.deref(s).clone();
        let Value::Object(sm) = s else { return };
        for (k, v) in &sm {
            let kat = at.push(k);
            match k.as_str() {
                "type" => {
                    let t = match v {
                        Value::Array(types) => {
                            types.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("string")
                        }
                        v => v.as_str().unwrap_or("string"),
                    };
                    if t == "object" {
                        self.warn(&kat, "an object-typed parameter or header cannot be expressed in Swagger 2.0; exported as `type: string`", "");
                        out.insert("type".into(), "string".into());
                    } else {
                        out.insert("type".into(), Value::String(t.into()));
                    }
                }
                "items" => {
                    let mut items = Obj::new();
                    self.flatten_schema(v, &kat, &mut items);
                    if !items.contains_key("type") {
                        items.insert("type".into(), "string".into());
                    }
                    out.insert("items".into(), Value::Object(items));
                }
                "nullable" => {
                    out.insert("x-nullable".into(), v.clone());
                }
                "description" | "title" if out.contains_key("description") || k == "title" => {}
                "description" => {
                    out.insert(k.clone(), v.clone());
                }
                _ if SW2_SCHEMA_FIELDS.contains(&k.as_str()) || k.starts_with("x-") => {
                    out.insert(k.clone(), v.clone());
                }
                _ => {
                    self.warn(&kat, format!("schema keyword `{k}` of a parameter or header cannot be expressed in Swagger 2.0; kept as `x-{k}`"), "");
                    out.insert(format!("x-{k}"), v.clone());
                }
            }
        }
        if out.get("type").and_then(Value::as_str) == Some("string")
            && out.get("format").and_then(Value::as_str) == Some("binary")
        {
            out.insert("type".into(), "file".into());
            out.remove("format");
        }
    }
}
