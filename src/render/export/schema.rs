//! Schemas in the target version's dialect.

use serde_json::Value;

use crate::source::Pointer;

use super::{rewrite_ref, strings, Cx, Obj, Target};

impl Cx {
    /// A schema in the target version's dialect.
    pub(super) fn schema(&mut self, v: &Value, at: &Pointer, target: Target) -> Value {
        let Value::Object(m) = v else { return v.clone() };
        let mut out = Obj::new();
        for (k, v) in m {
            let kat = at.push(k);
            match (k.as_str(), target) {
                ("$ref", _) => {
                    let r = v.as_str().map(|r| rewrite_ref(r, target)).map(Value::String).unwrap_or_else(|| v.clone());
                    out.insert(k.clone(), r);
                }
                ("properties" | "patternProperties" | "definitions", _) => {
                    let props = self.map_values_all(v, &kat, target);
                    out.insert(k.clone(), props);
                }
                ("items", _) => {
                    let items = match v {
                        Value::Array(tuple) => {
                            self.warn(&kat, "tuple `items` cannot be expressed; the first item schema is used", "");
                            tuple
                                .first()
                                .map(|s| self.schema(s, &kat.index(0), target))
                                .unwrap_or(Value::Object(Obj::new()))
                        }
                        s => self.schema(s, &kat, target),
                    };
                    out.insert(k.clone(), items);
                }
                ("additionalProperties", _) if v.is_object() => {
                    let s = self.schema(v, &kat, target);
                    out.insert(k.clone(), s);
                }
                ("allOf", _) | ("oneOf" | "anyOf", Target::Oas30) => {
                    let list = self.schema_list(v, &kat, target);
                    out.insert(k.clone(), list);
                }
                ("not", Target::Oas30) => {
                    let s = self.schema(v, &kat, target);
                    out.insert(k.clone(), s);
                }
                ("oneOf" | "anyOf" | "not", Target::Swagger2) => {
                    self.warn(&kat, format!("`{k}` cannot be expressed in Swagger 2.0; kept as `x-{k}`"), "");
                    let list =
                        if k == "not" { self.schema(v, &kat, target) } else { self.schema_list(v, &kat, target) };
                    out.insert(format!("x-{k}"), list);
                }
                ("x-nullable", Target::Oas30) => {
                    out.insert("nullable".into(), v.clone());
                }
                ("nullable", Target::Swagger2) => {
                    self.warn(&kat, "`nullable` cannot be expressed in Swagger 2.0; kept as `x-nullable`", "");
                    out.insert("x-nullable".into(), v.clone());
                }
                ("writeOnly" | "deprecated", Target::Swagger2) => {
                    self.warn(&kat, format!("`{k}` cannot be expressed in Swagger 2.0; kept as `x-{k}`"), "");
                    out.insert(format!("x-{k}"), v.clone());
                }
                ("type", Target::Oas30) if v == "null" => {
                    self.warn(
                        &kat,
                        "`type: null` cannot be expressed in OpenAPI 3.0; exported as `nullable: true, enum: [null]`",
                        "",
                    );
                    out.insert("nullable".into(), Value::Bool(true));
                    out.insert("enum".into(), Value::Array(vec![Value::Null]));
                }
                ("type", Target::Oas30) if v == "file" => {
                    out.insert("type".into(), "string".into());
                    out.insert("format".into(), "binary".into());
                }
                ("type", Target::Oas30) if v.is_array() => {
                    // OpenAPI 3.1 type lists: one type plus `nullable`.
                    let types = strings(Some(v));
                    let non_null: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
                    if non_null.len() > 1 {
                        self.warn(&kat, "a list of types cannot be expressed in OpenAPI 3.0; the first is used", "");
                    }
                    if let Some(t) = non_null.first() {
                        out.insert("type".into(), Value::String((*t).clone()));
                    }
                    if non_null.len() < types.len() {
                        out.insert("nullable".into(), Value::Bool(true));
                    }
                }
                ("format", Target::Oas30) if out.contains_key("format") => {}
                ("discriminator", Target::Oas30) if v.is_string() => {
                    let mut d = Obj::new();
                    d.insert("propertyName".into(), v.clone());
                    out.insert(k.clone(), Value::Object(d));
                }
                ("discriminator", Target::Swagger2) if v.is_object() => {
                    if v.get("mapping").is_some() {
                        self.warn(
                            &kat.push("mapping"),
                            "a discriminator `mapping` cannot be expressed in Swagger 2.0; dropped",
                            "",
                        );
                    }
                    if let Some(p) = v.get("propertyName") {
                        out.insert(k.clone(), p.clone());
                    }
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        Value::Object(out)
    }

    fn map_values_all(&mut self, v: &Value, at: &Pointer, target: Target) -> Value {
        match v {
            Value::Object(m) => {
                Value::Object(m.iter().map(|(k, v)| (k.clone(), self.schema(v, &at.push(k), target))).collect())
            }
            other => other.clone(),
        }
    }

    fn schema_list(&mut self, v: &Value, at: &Pointer, target: Target) -> Value {
        match v {
            Value::Array(a) => {
                Value::Array(a.iter().enumerate().map(|(i, s)| self.schema(s, &at.index(i), target)).collect())
            }
            other => other.clone(),
        }
    }
}
