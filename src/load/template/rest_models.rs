//! The schemas of a REST API's `AWS::ApiGateway::Model` resources as the export writes them:
//! the models API Gateway creates with every API (`Empty`, `Error`), and references between
//! models rewritten to `#/components/schemas/<Name>`.

use super::*;

/// The models every REST API has without declaring them (API Gateway creates them with the API).
pub(super) fn built_in_model(name: &str) -> Option<Value> {
    match name {
        "Empty" => Some(json!({"title": "Empty Schema", "type": "object"})),
        "Error" => {
            Some(json!({"title": "Error Schema", "type": "object", "properties": {"message": {"type": "string"}}}))
        }
        _ => None,
    }
}

/// A model's schema with its references to other models of the API
/// (`https://apigateway.amazonaws.com/restapis/<api>/models/<name>`) written as the export
/// writes them (`#/components/schemas/<name>`), and without `$schema`.
pub(super) fn model_refs(mut v: Value, names: &HashMap<&str, String>, depth: usize) -> Value {
    if depth > crate::load::yaml::MAX_DEPTH {
        return v;
    }
    match &mut v {
        Value::Object(m) => {
            if depth == 0 {
                m.remove("$schema");
            }
            if let Some(r) = m.get("$ref") {
                let text = match copy(r) {
                    Value::String(s) => Some(s),
                    Value::Object(o) => o.get("Fn::Sub").and_then(Value::as_str).map(str::to_string),
                    _ => None,
                };
                if let Some(name) = text.as_deref().and_then(|t| model_name_of_ref(t, names)) {
                    m.insert("$ref".into(), Value::String(format!("#/components/schemas/{name}")));
                }
            }
            for (k, c) in m.iter_mut() {
                if k != "$ref" {
                    *c = model_refs(std::mem::take(c), names, depth + 1);
                }
            }
        }
        Value::Array(a) => {
            for c in a.iter_mut() {
                *c = model_refs(std::mem::take(c), names, depth + 1);
            }
        }
        _ => {}
    }
    v
}

/// The model name of `https://apigateway.amazonaws.com/restapis/<api>/models/<name>`: written
/// out, or `${Model}` (a `Ref` to one of the API's Model resources, which stands for its name).
fn model_name_of_ref(r: &str, names: &HashMap<&str, String>) -> Option<String> {
    let rest = r.strip_prefix("https://apigateway.amazonaws.com/restapis/")?;
    let (_, name) = rest.split_once("/models/")?;
    if let Some(id) = name.strip_prefix("${").and_then(|n| n.strip_suffix('}')) {
        return names.get(id).cloned();
    }
    (!name.is_empty() && !name.contains("${") && !name.contains('/')).then(|| name.to_string())
}
