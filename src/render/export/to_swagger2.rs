//! OpenAPI 3.0 -> Swagger 2.0: the root, paths, operations, request bodies and responses.

use serde_json::Value;

use crate::source::Pointer;

use super::{is_method, rewrite_ref, strings, Cx, Obj, Target};

/// Root fields of Swagger 2.0 that OpenAPI 3.0 does not have.
const SW2_ONLY_ROOT: [&str; 10] = [
    "swagger",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
];

const FORM_TYPES: [&str; 2] = ["application/x-www-form-urlencoded", "multipart/form-data"];

impl Cx {
    pub(super) fn oas3_to_sw2(&mut self, root: &Obj) -> Obj {
        let mut out = Obj::new();
        for (key, v) in root {
            let at = Pointer::root().push(key);
            match key.as_str() {
                "openapi" => {
                    out.insert("swagger".into(), "2.0".into());
                }
                "servers" => self.oas3_servers(v, &at, &mut out),
                "components" => {
                    let Value::Object(c) = v else { continue };
                    for (section, sv) in c {
                        let sat = at.push(section);
                        match section.as_str() {
                            "schemas" => {
                                let s =
                                    self.map_values(sv, &sat, false, |cx, v, at| cx.schema(v, at, Target::Swagger2));
                                out.insert("definitions".into(), s);
                            }
                            "parameters" => {
                                let mut params = Obj::new();
                                for (name, p) in sv.as_object().into_iter().flatten() {
                                    if let Some(p) = self.oas3_param(p, &sat.push(name)) {
                                        params.insert(name.clone(), p);
                                    }
                                }
                                out.insert("parameters".into(), Value::Object(params));
                            }
                            "responses" => {
                                let mut produces = Vec::new();
                                let r = self.map_values(sv, &sat, false, |cx, v, at| {
                                    Value::Object(cx.oas3_response(v, at, &mut produces))
                                });
                                out.insert("responses".into(), r);
                            }
                            "securitySchemes" => {
                                let s = self.map_values(sv, &sat, false, |cx, v, at| cx.oas3_security_scheme(v, at));
                                out.insert("securityDefinitions".into(), s);
                            }
                            // Inlined where they are used.
                            "requestBodies" => {}
                            s if s.starts_with("x-") => {
                                self.warn(
                                    &sat,
                                    format!("`components.{s}` has no place in Swagger 2.0; dropped"),
                                    "Swagger 2.0 has no components object",
                                );
                            }
                            s => {
                                if sv.as_object().is_some_and(|m| !m.is_empty()) {
                                    self.warn(
                                        &sat,
                                        format!("`components.{s}` cannot be expressed in Swagger 2.0; dropped"),
                                        "Swagger 2.0 has definitions, parameters, responses and securityDefinitions only",
                                    );
                                }
                            }
                        }
                    }
                }
                "paths" => {
                    let paths = self.oas3_paths(v, &at);
                    out.insert("paths".into(), paths);
                }
                "webhooks" | "jsonSchemaDialect" => {
                    self.warn(&at, format!("`{key}` cannot be expressed in Swagger 2.0; dropped"), "");
                }
                k if SW2_ONLY_ROOT.contains(&k) => self.warn(
                    &at,
                    format!("`{k}` is a Swagger 2.0 field, which an OpenAPI 3.0 import ignores; dropped"),
                    "",
                ),
                _ => {
                    out.insert(key.clone(), v.clone());
                }
            }
        }
        if !out.contains_key("paths") {
            out.insert("paths".into(), Value::Object(Obj::new()));
        }
        out
    }

    fn oas3_paths(&mut self, v: &Value, at: &Pointer) -> Value {
        let Value::Object(paths) = v else { return v.clone() };
        let mut out = Obj::new();
        for (path, item) in paths {
            let pat = at.push(path);
            let Value::Object(item) = item else {
                out.insert(path.clone(), item.clone());
                continue;
            };
            if path.starts_with("x-") {
                out.insert(path.clone(), Value::Object(item.clone()));
                continue;
            }
            let mut new_item = Obj::new();
            for (key, v) in item {
                let kat = pat.push(key);
                match key.as_str() {
                    "parameters" => {
                        let params = self.oas3_params(v, &kat);
                        new_item.insert(key.clone(), Value::Array(params));
                    }
                    "servers" | "summary" | "description" => {
                        self.warn(
                            &kat,
                            format!("a path item's `{key}` cannot be expressed in Swagger 2.0; dropped"),
                            "",
                        );
                    }
                    k if is_method(k) => {
                        let op = self.oas3_operation(v, &kat);
                        new_item.insert(key.clone(), op);
                    }
                    _ => {
                        new_item.insert(key.clone(), v.clone());
                    }
                }
            }
            out.insert(path.clone(), Value::Object(new_item));
        }
        Value::Object(out)
    }

    fn oas3_operation(&mut self, v: &Value, at: &Pointer) -> Value {
        let Value::Object(op) = v else { return v.clone() };
        let mut params: Vec<Value> = Vec::new();
        if let Some(p) = op.get("parameters") {
            params = self.oas3_params(p, &at.push("parameters"));
        }
        let mut consumes: Vec<String> = Vec::new();
        if let Some(body) = op.get("requestBody") {
            params.extend(self.oas3_request_body(body, &at.push("requestBody"), &mut consumes));
        }
        let mut produces: Vec<String> = Vec::new();
        let responses = op.get("responses").map(|r| {
            let rat = at.push("responses");
            self.map_values(r, &rat, true, |cx, v, at| Value::Object(cx.oas3_response(v, at, &mut produces)))
        });
        let mut out = Obj::new();
        let mut placed = false;
        for (k, v) in op {
            let kat = at.push(k);
            match k.as_str() {
                "parameters" | "requestBody" | "responses" => {
                    if !placed {
                        placed = true;
                        if !consumes.is_empty() {
                            out.insert(
                                "consumes".into(),
                                Value::Array(consumes.iter().cloned().map(Value::String).collect()),
                            );
                        }
                        if !produces.is_empty() {
                            out.insert(
                                "produces".into(),
                                Value::Array(produces.iter().cloned().map(Value::String).collect()),
                            );
                        }
                        if !params.is_empty() {
                            out.insert("parameters".into(), Value::Array(std::mem::take(&mut params)));
                        }
                    }
                    if k == "responses" {
                        if let Some(r) = &responses {
                            out.insert("responses".into(), r.clone());
                        }
                    }
                }
                "callbacks" | "servers" => {
                    self.warn(&kat, format!("an operation's `{k}` cannot be expressed in Swagger 2.0; dropped"), "");
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        Value::Object(out)
    }

    /// A request body as a `body` parameter (or `formData` parameters), and its media types.
    fn oas3_request_body(&mut self, v: &Value, at: &Pointer, consumes: &mut Vec<String>) -> Vec<Value> {
        let body = self.deref(v).clone();
        let Value::Object(bm) = body else { return Vec::new() };
        let Some(content) = bm.get("content").and_then(Value::as_object) else { return Vec::new() };
        let cat = at.push("content");
        let required = bm.get("required").cloned();
        let form: Vec<&String> = content.keys().filter(|k| FORM_TYPES.contains(&k.as_str())).collect();
        if !form.is_empty() && form.len() == content.len() {
            if form.len() > 1 {
                self.warn(&cat, "form bodies of several media types: only the first's fields are exported", "");
            }
            let mt = form[0].clone();
            consumes.push(mt.clone());
            let media = &content[&mt];
            let schema = media.get("schema").map(|s| self.deref(s).clone()).unwrap_or(Value::Null);
            let sat = cat.push(&mt).push("schema");
            let req: Vec<String> = strings(schema.get("required"));
            let mut params = Vec::new();
            for (name, prop) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                let mut p = Obj::new();
                p.insert("name".into(), Value::String(name.clone()));
                p.insert("in".into(), "formData".into());
                if let Some(d) = self.deref(prop).get("description") {
                    p.insert("description".into(), d.clone());
                }
                if req.contains(name) {
                    p.insert("required".into(), Value::Bool(true));
                }
                self.flatten_schema(prop, &sat.push("properties").push(name), &mut p);
                if !p.contains_key("type") {
                    self.warn(
                        &sat.push("properties").push(name),
                        "an untyped form field is exported as `type: string`",
                        "",
                    );
                    p.insert("type".into(), "string".into());
                }
                params.push(Value::Object(p));
            }
            if media.get("encoding").is_some() {
                self.warn(
                    &cat.push(&mt).push("encoding"),
                    "`encoding` cannot be expressed in Swagger 2.0; dropped",
                    "",
                );
            }
            return params;
        }
        let mut schema: Option<(String, Value)> = None;
        for (mt, media) in content {
            if FORM_TYPES.contains(&mt.as_str()) {
                self.warn(
                    &cat.push(mt),
                    "a form media type beside other media types cannot be expressed in Swagger 2.0; dropped",
                    "",
                );
                continue;
            }
            consumes.push(mt.clone());
            if let Some(s) = media.get("schema") {
                match &schema {
                    None => schema = Some((mt.clone(), s.clone())),
                    Some((_, first)) if first != s => self.warn(
                        &cat.push(mt).push("schema"),
                        format!(
                            "Swagger 2.0 has one body schema: the `{}` schema is used for `{mt}` too",
                            schema.as_ref().map(|s| s.0.as_str()).unwrap_or("")
                        ),
                        "",
                    ),
                    _ => {}
                }
            }
            for k in ["examples", "encoding", "example"] {
                if media.get(k).is_some() {
                    self.warn(
                        &cat.push(mt).push(k),
                        format!("a request body's `{k}` cannot be expressed in Swagger 2.0; dropped"),
                        "",
                    );
                }
            }
        }
        let mut p = Obj::new();
        let name = bm.get("x-codegen-request-body-name").and_then(Value::as_str).unwrap_or("body");
        p.insert("in".into(), "body".into());
        p.insert("name".into(), Value::String(name.into()));
        if let Some(d) = bm.get("description") {
            p.insert("description".into(), d.clone());
        }
        if let Some(r) = required {
            p.insert("required".into(), r);
        }
        let schema = match schema {
            Some((mt, s)) => self.schema(&s, &cat.push(&mt).push("schema"), Target::Swagger2),
            None => Value::Object(Obj::new()),
        };
        p.insert("schema".into(), schema);
        for (k, v) in &bm {
            if k.starts_with("x-") && k != "x-codegen-request-body-name" {
                p.insert(k.clone(), v.clone());
            }
        }
        vec![Value::Object(p)]
    }

    fn oas3_response(&mut self, v: &Value, at: &Pointer, produces: &mut Vec<String>) -> Obj {
        let Value::Object(r) = v else { return Obj::new() };
        if let Some(Value::String(reference)) = r.get("$ref") {
            if let Some(Value::Object(target)) = self.local(reference) {
                for mt in target.get("content").and_then(Value::as_object).into_iter().flatten().map(|(k, _)| k) {
                    if !produces.contains(mt) {
                        produces.push(mt.clone());
                    }
                }
            }
            let mut m = Obj::new();
            m.insert("$ref".into(), Value::String(rewrite_ref(reference, Target::Swagger2)));
            return m;
        }
        let mut out = Obj::new();
        for (k, v) in r {
            let kat = at.push(k);
            match k.as_str() {
                "content" => {
                    let Some(content) = v.as_object() else { continue };
                    let mut schema: Option<(String, Value)> = None;
                    let mut examples = Obj::new();
                    for (mt, media) in content {
                        if !produces.contains(mt) {
                            produces.push(mt.clone());
                        }
                        if let Some(s) = media.get("schema") {
                            match &schema {
                                None => schema = Some((mt.clone(), s.clone())),
                                Some((first_mt, first)) if first != s => self.warn(
                                    &kat.push(mt).push("schema"),
                                    format!("Swagger 2.0 has one response schema: the `{first_mt}` schema is used for `{mt}` too"),
                                    "",
                                ),
                                _ => {}
                            }
                        }
                        if let Some(e) = media.get("example") {
                            examples.insert(mt.clone(), e.clone());
                        }
                        if media.get("examples").is_some() {
                            self.warn(
                                &kat.push(mt).push("examples"),
                                "named `examples` cannot be expressed in Swagger 2.0; dropped",
                                "",
                            );
                        }
                    }
                    if let Some((mt, s)) = schema {
                        out.insert("schema".into(), self.schema(&s, &kat.push(&mt).push("schema"), Target::Swagger2));
                    }
                    if !examples.is_empty() {
                        out.insert("examples".into(), Value::Object(examples));
                    }
                }
                "headers" => {
                    let headers = self.map_values(v, &kat, false, |cx, h, hat| {
                        let h = cx.deref(h).clone();
                        let Value::Object(hm) = h else { return h };
                        let mut out = Obj::new();
                        for (hk, hv) in &hm {
                            match hk.as_str() {
                                "schema" => cx.flatten_schema(hv, &hat.push("schema"), &mut out),
                                "description" => {
                                    out.insert(hk.clone(), hv.clone());
                                }
                                "style" | "explode" | "required" => {}
                                _ if hk.starts_with("x-") => {
                                    out.insert(hk.clone(), hv.clone());
                                }
                                _ => cx.warn(
                                    &hat.push(hk),
                                    format!("a header's `{hk}` cannot be expressed in Swagger 2.0; dropped"),
                                    "",
                                ),
                            }
                        }
                        if !out.contains_key("type") {
                            out.insert("type".into(), "string".into());
                        }
                        Value::Object(out)
                    });
                    out.insert(k.clone(), headers);
                }
                "links" => self.warn(&kat, "response `links` cannot be expressed in Swagger 2.0; dropped", ""),
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if !out.contains_key("description") {
            out.insert("description".into(), "".into());
        }
        out
    }
}
