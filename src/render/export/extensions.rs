//! Which `x-amazon-apigateway-*` extensions the export keeps, and integrations in canonical case.

use serde_json::Value;

use crate::ir::{Api, IntegrationType, Method};
use crate::source::{FileId, Pointer};

use super::{is_method, Cx, ExtensionSet, Obj};

impl ExtensionSet {
    fn keeps(self, key: &str) -> bool {
        if !key.starts_with("x-amazon-apigateway-") {
            return !(self == ExtensionSet::None && key == "x-gwgen-ignore");
        }
        match self {
            ExtensionSet::Apigateway => true,
            // The ANY method is structure (a method), not an extension of one: kept unless `none`.
            _ if key == "x-amazon-apigateway-any-method" => self != ExtensionSet::None,
            ExtensionSet::Integrations => {
                matches!(key, "x-amazon-apigateway-integration" | "x-amazon-apigateway-integrations")
            }
            ExtensionSet::Authorizers => {
                matches!(key, "x-amazon-apigateway-authorizer" | "x-amazon-apigateway-authtype")
            }
            ExtensionSet::None => false,
        }
    }
}

impl Cx {
    pub(super) fn apply_extension_set(&mut self, doc: &mut Obj, set: ExtensionSet, cors_mocks: &[(String, String)]) {
        if set == ExtensionSet::None {
            if let Some(Value::Object(paths)) = doc.get_mut("paths") {
                for (path, key) in cors_mocks {
                    if let Some(Value::Object(item)) = paths.get_mut(path) {
                        item.shift_remove(key);
                        if item.keys().all(|k| !is_method(k) && !k.starts_with("$ref")) {
                            paths.shift_remove(path);
                        }
                    }
                }
                for (path, item) in paths.iter() {
                    if let Some(item) = item.as_object() {
                        for key in item.keys().filter(|k| *k == "x-amazon-apigateway-any-method" || *k == "any") {
                            self.warn(
                                &Pointer::root().push("paths").push(path).push(key),
                                "the ANY method cannot be expressed without API Gateway extensions; dropped",
                                "export with `--extensions apigateway` to keep it",
                            );
                        }
                    }
                }
            }
        }
        if set != ExtensionSet::Apigateway {
            filter_keys(doc, set);
        }
    }
}

fn filter_keys(m: &mut Obj, set: ExtensionSet) {
    m.retain(|k, _| set.keeps(k) && !(set == ExtensionSet::None && k == "any"));
    for v in m.values_mut() {
        filter_value(v, set);
    }
}

fn filter_value(v: &mut Value, set: ExtensionSet) {
    match v {
        Value::Object(m) => filter_keys(m, set),
        Value::Array(a) => a.iter_mut().for_each(|v| filter_value(v, set)),
        _ => {}
    }
}

/// The `(path, key)` of every CORS mock `OPTIONS` method: an `options` operation whose
/// integration is `mock`.
pub(super) fn cors_mock_options(api: &Api) -> Vec<(String, String)> {
    api.operations()
        .filter(|(_, op)| {
            op.method == Method::Options
                && op.loc.file == FileId(0)
                && op.integration.as_ref().is_some_and(|i| i.kind() == Some(IntegrationType::Mock))
        })
        .filter_map(|(path, op)| op.loc.ptr.last().map(|key| (path.path.clone(), key)))
        .collect()
}

/// `type` and `passthroughBehavior` of integrations in canonical lowercase, as AWS exports them.
pub(super) fn canonical_integrations(doc: &mut Obj) {
    fn canon(v: &mut Value) {
        let Value::Object(m) = v else { return };
        if let Some(Value::String(t)) = m.get_mut("type") {
            if IntegrationType::parse(t).is_some() {
                *t = t.to_ascii_lowercase();
            }
        }
        if let Some(Value::String(p)) = m.get_mut("passthroughBehavior") {
            if matches!(p.to_ascii_lowercase().as_str(), "when_no_match" | "when_no_templates" | "never") {
                *p = p.to_ascii_lowercase();
            }
        }
    }
    fn walk(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for (k, v) in m.iter_mut() {
                    if k == "x-amazon-apigateway-integration" {
                        canon(v);
                    } else if k == "x-amazon-apigateway-integrations" {
                        if let Value::Object(all) = v {
                            all.values_mut().for_each(canon);
                        }
                    } else {
                        walk(v);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    doc.values_mut().for_each(walk);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_sets() {
        assert!(ExtensionSet::Integrations.keeps("x-amazon-apigateway-integration"));
        assert!(!ExtensionSet::Integrations.keeps("x-amazon-apigateway-authorizer"));
        assert!(ExtensionSet::Authorizers.keeps("x-amazon-apigateway-authtype"));
        assert!(!ExtensionSet::None.keeps("x-gwgen-ignore"));
        assert!(ExtensionSet::None.keeps("x-custom"));
        assert!(ExtensionSet::Integrations.keeps("x-gwgen-ignore"));
    }
}
