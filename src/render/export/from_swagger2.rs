//! Swagger 2.0 -> OpenAPI 3.0: the root, paths, operations, request bodies and responses.

use serde_json::Value;

use crate::source::Pointer;

use super::{is_method, rewrite_ref, strings, Cx, Obj, Target};

impl Cx {
    pub(super) fn sw2_to_oas3(&mut self, root: &Obj) -> Obj {
        let root_ptr = Pointer::root();
        let consumes = strings(root.get("consumes"));
        let produces = strings(root.get("produces"));
        let mut out = Obj::new();
        let mut components = Obj::new();
        for (key, v) in root {
            let at = root_ptr.push(key);
            match key.as_str() {
                "swagger" => {
                    out.insert("openapi".into(), Value::String("3.0.1".into()));
                }
                "host" | "basePath" | "schemes" | "x-amazon-apigateway-endpoint-configuration" => {
                    if !out.contains_key("servers") {
                        let servers = self.sw2_servers(root);
                        if !servers.is_empty() {
                            out.insert("servers".into(), Value::Array(servers));
                        }
                    }
                }
                "consumes" | "produces" => {}
                "definitions" | "parameters" | "responses" | "securityDefinitions" => {
                    out.entry("components").or_insert(Value::Null);
                    match key.as_str() {
                        "definitions" => {
                            let schemas = self.map_values(v, &at, false, |cx, v, at| cx.schema(v, at, Target::Oas30));
                            components.insert("schemas".into(), schemas);
                        }
                        "parameters" => {
                            let mut params = Obj::new();
                            for (name, p) in v.as_object().into_iter().flatten() {
                                // Body and form parameters become request bodies where they are used.
                                let kind = p.get("in").and_then(Value::as_str).unwrap_or("");
                                if kind != "body" && kind != "formData" {
                                    params.insert(name.clone(), Value::Object(self.sw2_param(p, &at.push(name))));
                                }
                            }
                            if !params.is_empty() {
                                components.insert("parameters".into(), Value::Object(params));
                            }
                        }
                        "responses" => {
                            let produces = produces.clone();
                            let responses = self.map_values(v, &at, false, |cx, v, at| {
                                Value::Object(cx.sw2_response(v, at, &produces))
                            });
                            components.insert("responses".into(), responses);
                        }
                        _ => {
                            let schemes = self.map_values(v, &at, false, |cx, v, at| cx.sw2_security_scheme(v, at));
                            components.insert("securitySchemes".into(), schemes);
                        }
                    }
                }
                "paths" => {
                    let paths = self.sw2_paths(v, &at, &consumes, &produces);
                    out.insert("paths".into(), paths);
                }
                "openapi" | "servers" | "components" => self.warn(
                    &at,
                    format!("`{key}` is an OpenAPI 3 field, which a Swagger 2.0 import ignores; dropped"),
                    "",
                ),
                _ => {
                    out.insert(key.clone(), v.clone());
                }
            }
        }
        if out.contains_key("components") {
            out.insert("components".into(), Value::Object(components));
        }
        out
    }

    fn sw2_paths(&mut self, v: &Value, at: &Pointer, consumes: &[String], produces: &[String]) -> Value {
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
            // Path-level body and form parameters move into each operation's request body.
            let path_params: Vec<(Pointer, Value)> = item
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(i, p)| (pat.push("parameters").index(i), p.clone()))
                .collect();
            let mut new_item = Obj::new();
            for (key, v) in item {
                let kat = pat.push(key);
                if key == "parameters" {
                    let mut params: Vec<Value> = Vec::new();
                    for (pat, p) in &path_params {
                        if !self.sw2_is_body_or_form(p) {
                            params.push(self.sw2_param_or_ref(p, pat));
                        }
                    }
                    if !params.is_empty() {
                        new_item.insert(key.clone(), Value::Array(params));
                    }
                } else if is_method(key) {
                    let op = self.sw2_operation(v, &kat, &path_params, consumes, produces);
                    new_item.insert(key.clone(), op);
                } else {
                    new_item.insert(key.clone(), v.clone());
                }
            }
            out.insert(path.clone(), Value::Object(new_item));
        }
        Value::Object(out)
    }

    fn sw2_is_body_or_form(&self, p: &Value) -> bool {
        matches!(self.deref(p).get("in").and_then(Value::as_str), Some("body" | "formData"))
    }

    fn sw2_param_or_ref(&mut self, p: &Value, at: &Pointer) -> Value {
        if let Some(r) = p.get("$ref").and_then(Value::as_str) {
            let mut m = Obj::new();
            m.insert("$ref".into(), Value::String(rewrite_ref(r, Target::Oas30)));
            return Value::Object(m);
        }
        Value::Object(self.sw2_param(p, at))
    }

    fn sw2_operation(
        &mut self,
        v: &Value,
        at: &Pointer,
        path_params: &[(Pointer, Value)],
        root_consumes: &[String],
        root_produces: &[String],
    ) -> Value {
        let Value::Object(op) = v else { return v.clone() };
        let consumes = if op.contains_key("consumes") { strings(op.get("consumes")) } else { root_consumes.to_vec() };
        let produces = if op.contains_key("produces") { strings(op.get("produces")) } else { root_produces.to_vec() };
        // Path-level parameters the operation does not override, then the operation's own.
        let own: Vec<(Pointer, Value)> = op
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, p)| (at.push("parameters").index(i), p.clone()))
            .collect();
        let key_of = |cx: &Self, p: &Value| {
            let p = cx.deref(p);
            (p.get("name").cloned(), p.get("in").cloned())
        };
        let mut bodies: Vec<(Pointer, Value)> = Vec::new();
        for (pat, p) in path_params.iter().chain(own.iter()) {
            if self.sw2_is_body_or_form(p) {
                let k = key_of(self, p);
                bodies.retain(|(_, q)| key_of(self, q) != k);
                bodies.push((pat.clone(), self.deref(p).clone()));
            }
        }
        let body = self.sw2_request_body(&bodies, &consumes);
        let mut out = Obj::new();
        let mut body_placed = false;
        for (key, v) in op {
            let kat = at.push(key);
            match key.as_str() {
                "consumes" | "produces" => {}
                "parameters" => {
                    let mut params: Vec<Value> = Vec::new();
                    for (pat, p) in &own {
                        if !self.sw2_is_body_or_form(p) {
                            params.push(self.sw2_param_or_ref(p, pat));
                        }
                    }
                    if !params.is_empty() {
                        out.insert("parameters".into(), Value::Array(params));
                    }
                    if let Some(b) = &body {
                        out.insert("requestBody".into(), b.clone());
                        body_placed = true;
                    }
                }
                "responses" => {
                    if let (Some(b), false) = (&body, body_placed) {
                        out.insert("requestBody".into(), b.clone());
                        body_placed = true;
                    }
                    let responses =
                        self.map_values(v, &kat, true, |cx, v, at| Value::Object(cx.sw2_response(v, at, &produces)));
                    out.insert(key.clone(), responses);
                }
                "schemes" => self.warn(
                    &kat,
                    "operation-level `schemes` cannot be expressed in OpenAPI 3.0 without operation servers; dropped",
                    "declare the schemes at the root",
                ),
                _ => {
                    out.insert(key.clone(), v.clone());
                }
            }
        }
        if let (Some(b), false) = (body, body_placed) {
            out.insert("requestBody".into(), b);
        }
        Value::Object(out)
    }

    /// A Swagger 2.0 `body` parameter, or the `formData` parameters, as a request body.
    fn sw2_request_body(&mut self, params: &[(Pointer, Value)], consumes: &[String]) -> Option<Value> {
        let body = params.iter().rev().find(|(_, p)| p.get("in").and_then(Value::as_str) == Some("body"));
        let mut out = Obj::new();
        if let Some((at, p)) = body {
            let types = if consumes.is_empty() { vec!["application/json".to_string()] } else { consumes.to_vec() };
            if let Some(d) = p.get("description") {
                out.insert("description".into(), d.clone());
            }
            let schema = p.get("schema").map(|s| self.schema(s, &at.push("schema"), Target::Oas30));
            let mut content = Obj::new();
            for t in types {
                let mut media = Obj::new();
                if let Some(s) = &schema {
                    media.insert("schema".into(), s.clone());
                }
                content.insert(t, Value::Object(media));
            }
            out.insert("content".into(), Value::Object(content));
            if p.get("required") == Some(&Value::Bool(true)) {
                out.insert("required".into(), Value::Bool(true));
            }
            for (k, v) in p.as_object().into_iter().flatten() {
                if k.starts_with("x-") {
                    out.insert(k.clone(), v.clone());
                }
            }
            return Some(Value::Object(out));
        }
        let form: Vec<&(Pointer, Value)> =
            params.iter().filter(|(_, p)| p.get("in").and_then(Value::as_str) == Some("formData")).collect();
        if form.is_empty() {
            return None;
        }
        let has_file = form.iter().any(|(_, p)| {
            let ty = p.get("type").and_then(Value::as_str);
            ty == Some("file") || ty == Some("string") && p.get("format").and_then(Value::as_str) == Some("binary")
        });
        let media = if consumes.iter().any(|c| c.starts_with("multipart/")) || has_file {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let mut properties = Obj::new();
        let mut required = Vec::new();
        for (at, p) in &form {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
            let Value::Object(pm) = p else { continue };
            let mut schema = self.sw2_param_schema(pm, at, "formData");
            if let Some(d) = pm.get("description") {
                schema.insert("description".into(), d.clone());
            }
            if pm.get("required") == Some(&Value::Bool(true)) {
                required.push(Value::String(name.clone()));
            }
            properties.insert(name, Value::Object(schema));
        }
        let mut schema = Obj::new();
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Value::Object(properties));
        let any_required = !required.is_empty();
        if any_required {
            schema.insert("required".into(), Value::Array(required));
        }
        let mut m = Obj::new();
        m.insert("schema".into(), Value::Object(schema));
        let mut content = Obj::new();
        content.insert(media.into(), Value::Object(m));
        out.insert("content".into(), Value::Object(content));
        if any_required {
            out.insert("required".into(), Value::Bool(true));
        }
        Some(Value::Object(out))
    }

    fn sw2_response(&mut self, v: &Value, at: &Pointer, produces: &[String]) -> Obj {
        let Value::Object(r) = v else { return Obj::new() };
        if let Some(Value::String(reference)) = r.get("$ref") {
            let mut m = Obj::new();
            m.insert("$ref".into(), Value::String(rewrite_ref(reference, Target::Oas30)));
            return m;
        }
        let types = if produces.is_empty() { vec!["application/json".to_string()] } else { produces.to_vec() };
        let mut out = Obj::new();
        let examples = r.get("examples").and_then(Value::as_object);
        for (k, v) in r {
            let kat = at.push(k);
            match k.as_str() {
                "schema" => {
                    let schema = self.schema(v, &kat, Target::Oas30);
                    let mut content = Obj::new();
                    for t in &types {
                        let mut media = Obj::new();
                        media.insert("schema".into(), schema.clone());
                        if let Some(example) = examples.and_then(|e| e.get(t)) {
                            media.insert("example".into(), example.clone());
                        }
                        content.insert(t.clone(), Value::Object(media));
                    }
                    out.insert("content".into(), Value::Object(content));
                }
                "examples" => {
                    for (mt, _) in v.as_object().into_iter().flatten() {
                        if !(r.contains_key("schema") && types.contains(mt)) {
                            self.warn(
                                &kat.push(mt),
                                format!("the `{mt}` example has no media type with a schema to sit in; dropped"),
                                "add the media type to `produces` and give the response a schema",
                            );
                        }
                    }
                }
                "headers" => {
                    let headers = self.map_values(v, &kat, false, |cx, h, hat| {
                        let Value::Object(hm) = h else { return h.clone() };
                        let mut out = Obj::new();
                        if let Some(d) = hm.get("description") {
                            out.insert("description".into(), d.clone());
                        }
                        out.insert("schema".into(), Value::Object(cx.sw2_param_schema(hm, hat, "header")));
                        Value::Object(out)
                    });
                    out.insert(k.clone(), headers);
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        out
    }
}
