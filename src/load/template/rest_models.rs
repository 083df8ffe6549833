//! The schemas of a REST API's `AWS::ApiGateway::Model` resources as the export writes them:
//! the models API Gateway creates with every API (`Empty`, `Error`), references between models
//! rewritten to `#/components/schemas/<Name>`, and the models a Method's `RequestModels` /
//! `ResponseModels` name.

use super::*;

impl<'t> Builder<'t> {
    /// `components.schemas` from the API's models, by logical id: the schema name each has.
    pub(super) fn models(&mut self) -> HashMap<&'t str, String> {
        let all = pointing_at(self.t, MODEL, "RestApiId", self.api);
        let out: HashMap<&'t str, String> = all
            .iter()
            .map(|m| {
                (m.id, plain(self.ctx, m.get("Name")).filter(|n| !n.is_empty()).unwrap_or_else(|| m.id.to_string()))
            })
            .collect();
        for m in &all {
            let name = out[m.id].clone();
            let ptr = Pointer::root().push("components").push("schemas").push(&name);
            let schema = match m.get("Schema") {
                Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
                    Ok(v) => {
                        self.out.made(&ptr, &m.at("Schema"));
                        v
                    }
                    Err(_) => {
                        self.out.made(&ptr, &m.at("Schema"));
                        json!({})
                    }
                },
                Some(s) => {
                    self.out.copied(&ptr, &m.at("Schema"));
                    copy(s)
                }
                None => {
                    self.out.made(&ptr, &m.resource_ptr());
                    json!({"type": "object"})
                }
            };
            let schema = model_refs(schema, &out, 0);
            let schemas = entry(entry(&mut self.doc, "components"), "schemas");
            put(schemas, &name, schema);
        }
        out
    }

    /// A `$ref` to the schema of a model named in `property` (`RequestModels` / `ResponseModels`,
    /// at `from`): a `Ref` to a Model resource, or a model's name (one of the template's, or
    /// `Empty` / `Error`). A name no model has is a finding (PutMethod refuses it), and no schema.
    pub(super) fn model_ref(
        &mut self,
        model: &Value,
        models: &HashMap<&'t str, String>,
        property: &str,
        from: &Pointer,
    ) -> Value {
        let name = match referenced(model) {
            Some((id, None)) => models.get(id).cloned().unwrap_or_else(|| id.to_string()),
            _ => match plain(self.ctx, Some(model)) {
                Some(n) => n,
                None => return json!({}),
            },
        };
        let known = self.doc.pointer(&format!("/components/schemas/{}", name.replace('~', "~0").replace('/', "~1")));
        if known.is_none() {
            let Some(schema) = built_in_model(&name) else {
                self.findings.push(Noted {
                    rule: "unresolved-ref",
                    severity: crate::diag::Severity::Error,
                    at: At::Template(from.clone()),
                    message: format!(
                        "{property} names the model `{name}`, which the API does not have: PutMethod refuses it (\"Invalid model identifier specified: {name}\"), and the stack fails"
                    ),
                    help: Some(format!(
                        "add an AWS::ApiGateway::Model named `{name}` to `{}` (a `Ref` to it makes CloudFormation create it first), name one the template defines, or use API Gateway's own `Empty` or `Error`",
                        self.api
                    )),
                    related: Vec::new(),
                });
                return json!({});
            };
            put(entry(entry(&mut self.doc, "components"), "schemas"), &name, schema);
        }
        json!({"$ref": format!("#/components/schemas/{name}")})
    }
}

/// The models every REST API has without declaring them (API Gateway creates them with the API).
fn built_in_model(name: &str) -> Option<Value> {
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
fn model_refs(mut v: Value, names: &HashMap<&str, String>, depth: usize) -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_references_point_at_components() {
        let s = model_refs(
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "array",
                "items": {"$ref": "https://apigateway.amazonaws.com/restapis/abc/models/Pet"},
                "x": {"$ref": {"Fn::Join": ["", ["https://apigateway.amazonaws.com/restapis/", {"Ref": "Api"}, "/models/", {"Ref": "BookModel1"}]]}}}),
            &HashMap::from([("BookModel1", "Book".to_string())]),
            0,
        );
        assert_eq!(
            s,
            json!({"type": "array", "items": {"$ref": "#/components/schemas/Pet"}, "x": {"$ref": "#/components/schemas/Book"}})
        );
    }
}
