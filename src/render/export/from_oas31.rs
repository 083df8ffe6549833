//! OpenAPI 3.1 -> 3.0: the down-conversion, and the 3.1-only constructs fixed for either target.

use serde_json::Value;

use crate::ir::Api;
use crate::source::Pointer;

use super::{is_method, Cx, Obj, Target};

impl Cx {
    pub(super) fn oas3_to_oas30(&mut self, root: &Obj, from_31: bool) -> Obj {
        if !from_31 {
            return root.clone();
        }
        let mut out = Obj::new();
        for (k, v) in root {
            let at = Pointer::root().push(k);
            match k.as_str() {
                "openapi" => {
                    out.insert(k.clone(), "3.0.3".into());
                }
                "webhooks" | "jsonSchemaDialect" => {
                    self.warn(&at, format!("`{k}` (OpenAPI 3.1) cannot be expressed in OpenAPI 3.0; dropped"), "");
                }
                "components" => {
                    let mut c = v.as_object().cloned().unwrap_or_default();
                    if let Some(s) = c.get("schemas").cloned() {
                        let schemas = self
                            .map_values(&s, &at.push("schemas"), false, |cx, v, at| cx.schema(v, at, Target::Oas30));
                        c.insert("schemas".into(), schemas);
                    }
                    out.insert(k.clone(), Value::Object(c));
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if !out.contains_key("paths") {
            out.insert("paths".into(), Value::Object(Obj::new()));
        }
        out
    }

    /// OpenAPI 3.1 operations may omit `responses`; 3.0 and Swagger 2.0 need one.
    pub(super) fn require_responses(&mut self, doc: &mut Obj) {
        let Some(Value::Object(paths)) = doc.get_mut("paths") else { return };
        let mut added = Vec::new();
        for (path, item) in paths.iter_mut() {
            for (key, op) in item.as_object_mut().into_iter().flatten() {
                if let (true, Value::Object(op)) = (is_method(key), op) {
                    if !op.contains_key("responses") {
                        let mut default = Obj::new();
                        default.insert("description".into(), "".into());
                        let mut responses = Obj::new();
                        responses.insert("default".into(), Value::Object(default));
                        op.insert("responses".into(), Value::Object(responses));
                        added.push(Pointer::root().push("paths").push(path).push(key));
                    }
                }
            }
        }
        for at in added {
            self.warn(&at, "an operation without `responses` is OpenAPI 3.1 only; a `default` response is added", "");
        }
    }

    /// OpenAPI 3.1 allows role scopes on any scheme; 3.0 and Swagger 2.0 only on OAuth2 (and
    /// OpenID Connect in 3.0).
    pub(super) fn clear_non_oauth_scopes(&mut self, api: &Api, doc: &mut Obj) {
        let oauth = |name: &str| {
            api.security_schemes.get(name).is_some_and(|s| matches!(s.kind.as_str(), "oauth2" | "openIdConnect"))
        };
        let mut lists: Vec<(Pointer, &mut Value)> = Vec::new();
        let root = Pointer::root();
        for (key, v) in doc.iter_mut() {
            match (key.as_str(), v) {
                ("security", v) => lists.push((root.push("security"), v)),
                ("paths", Value::Object(paths)) => {
                    for (path, item) in paths.iter_mut() {
                        for (key, op) in item.as_object_mut().into_iter().flatten() {
                            if let Some(v) = op.get_mut("security") {
                                lists.push((root.push("paths").push(path).push(key).push("security"), v));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let mut cleared = Vec::new();
        for (at, list) in lists {
            for (i, requirement) in list.as_array_mut().into_iter().flatten().enumerate() {
                for (name, scopes) in requirement.as_object_mut().into_iter().flatten() {
                    if !oauth(name) && scopes.as_array().is_some_and(|a| !a.is_empty()) {
                        *scopes = Value::Array(Vec::new());
                        cleared.push(at.index(i).push(name));
                    }
                }
            }
        }
        for at in cleared {
            self.warn(&at, "scopes on a scheme other than OAuth2 are OpenAPI 3.1 only; dropped", "");
        }
    }
}
