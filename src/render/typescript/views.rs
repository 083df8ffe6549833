//! The view models the templates print; those of the models (schemas) and environments (base URLs) are built here.

use std::collections::HashSet;

use heck::ToUpperCamelCase;
use serde::Serialize;
use serde_json::Value;

use super::names::{ascii_ident, key, lit, Namer};
use super::types::{enum_literals, schema_doc, Side, Types};
use crate::ir::{Api, SchemaId, SchemaKind};

#[derive(Serialize)]
pub(super) struct FieldView {
    pub(super) key: String,
    pub(super) optional: bool,
    #[serde(rename = "type")]
    pub(super) ty: String,
    pub(super) doc: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct MemberView {
    pub(super) name: String,
    pub(super) value: String,
}

#[derive(Serialize)]
pub(super) struct ModelView {
    pub(super) name: String,
    pub(super) doc: Vec<String>,
    /// `interface`, `alias` or `enum`.
    pub(super) form: &'static str,
    pub(super) fields: Vec<FieldView>,
    pub(super) index: Option<String>,
    #[serde(rename = "type")]
    pub(super) ty: String,
    pub(super) members: Vec<MemberView>,
}

#[derive(Serialize)]
pub(super) struct OperationView {
    pub(super) name: String,
    pub(super) doc: Vec<String>,
    pub(super) params_type: String,
    pub(super) response_type: String,
    pub(super) error_type: String,
    pub(super) fields: Vec<FieldView>,
    /// Every field is optional: `params` defaults to `{}`.
    pub(super) params_optional: bool,
    pub(super) response_union: String,
    pub(super) error_union: String,
    /// What names the error union where operations share it: its declared statuses
    /// (`404And422`); None when the operation declares no error (its union is a common one).
    #[serde(skip)]
    pub(super) error_label: Option<String>,
    /// The call as the runtime's `call` reads it: JSON text, as a TypeScript string literal.
    pub(super) descriptor: String,
    /// The keys of the parameters written as JSON text (`content: application/json`), as a
    /// JavaScript array literal; None when there are none.
    pub(super) json_keys: Option<String>,
    /// What the call carries for the runtime (authorization, body encoder, signer), as TypeScript.
    pub(super) carried: String,
    /// The body's kind (`json`, `form`, `multipart`...), if the call sends one.
    pub(super) body_kind: Option<String>,
    #[serde(skip)]
    pub(super) auth: Vec<Vec<Value>>,
}

/// An error union operations share, declared once so that the checker builds it once instead of
/// once per operation: the errors API Gateway itself answers with the undeclared statuses (every
/// operation with the same gateway statuses), or that with the same declared errors (Stripe's 417
/// operations share one of each).
#[derive(Serialize)]
pub(super) struct CommonErrorsView {
    pub(super) name: String,
    pub(super) union: String,
    pub(super) doc: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct AuthorizerView {
    pub(super) key: String,
    #[serde(rename = "type")]
    pub(super) ty: String,
    pub(super) doc: Vec<String>,
    /// A value that runs, for the README's example.
    pub(super) example: String,
}

#[derive(Serialize)]
pub(super) struct EnvironmentView {
    pub(super) key: String,
    pub(super) url: String,
}

/// The models: one per named schema, in document order, and the request shape after a model
/// whose shapes differ.
pub(super) fn models(types: &Types<'_>) -> Vec<ModelView> {
    let mut models = Vec::new();
    let mut seen_models = HashSet::new();
    for id in types.api.schemas.named.values() {
        if !seen_models.insert(*id) {
            continue;
        }
        let i = id.0 as usize;
        let name = types.names[i].clone().unwrap_or_default();
        models.push(model_view(types, *id, name, Side::Read));
        if let Some(input) = types.input_names[i].clone() {
            let mut view = model_view(types, *id, input, Side::Write);
            view.doc.insert(
                0,
                format!(
                    "The request shape of `{}`: without its read-only properties.",
                    types.names[i].as_deref().unwrap_or_default()
                ),
            );
            models.push(view);
        }
    }
    models
}

fn model_view(types: &Types<'_>, id: SchemaId, name: String, side: Side) -> ModelView {
    let s = types.schema(id);
    let doc = schema_doc(s);
    let mut stack = vec![id];
    if let (Some(literals), false) = (enum_literals(s), s.nullable) {
        if matches!(s.kind, SchemaKind::String | SchemaKind::Integer | SchemaKind::Number) {
            let mut members = Namer::new([]);
            let values: Vec<MemberView> = s
                .enum_values
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| {
                    let text = match v {
                        Value::String(t) => t.clone(),
                        other => other.to_string(),
                    };
                    let camel = text.to_upper_camel_case();
                    let mut m = ascii_ident(&camel);
                    if m.len() != camel.len() {
                        // Letters an ASCII identifier cannot hold: a neutral name rather than a mangled one.
                        m = "Value".into();
                    }
                    if m.is_empty() {
                        m = if text.is_empty() { "Empty".into() } else { "Value".into() };
                    } else if m.starts_with(|c: char| c.is_ascii_digit()) {
                        m = format!("_{m}");
                    }
                    MemberView { name: members.claim(&m), value: if v.is_string() { lit(&text) } else { text } }
                })
                .collect();
            return ModelView {
                name,
                doc,
                form: "enum",
                fields: Vec::new(),
                index: None,
                ty: literals.join(" | "),
                members: values,
            };
        }
    }
    if let (SchemaKind::Object { properties, .. }, false, None) = (&s.kind, s.nullable, enum_literals(s)) {
        if !properties.is_empty() {
            let (fields, index) = types.fields(s, side, &mut stack);
            return ModelView { name, doc, form: "interface", fields, index, ty: String::new(), members: Vec::new() };
        }
    }
    let ty = types.body(id, side, &mut stack);
    ModelView { name, doc, form: "alias", fields: Vec::new(), index: None, ty, members: Vec::new() }
}

/// Base URLs the document and its template declare: servers (variables filled in; one entry per
/// value of a variable with an enum), and custom domains.
pub(super) fn environments(api: &Api) -> Vec<EnvironmentView> {
    let mut keys = Namer::new([]);
    let mut out = Vec::new();
    let mut urls = HashSet::new();
    let mut push = |name: &str, url: String, out: &mut Vec<EnvironmentView>| {
        // A URL with a variable left to fill (API Gateway's export writes `{restapi_id}` and
        // `{region}` undeclared) is no base URL.
        let unfilled = url.contains('{') || url.contains('}');
        if !(url.starts_with("https://") || url.starts_with("http://")) || unfilled || !urls.insert(url.clone()) {
            return;
        }
        let k = keys.claim(name);
        out.push(EnvironmentView { key: key(&k), url: lit(url.trim_end_matches('/')) });
    };
    let single = api.servers.len() == 1;
    for (i, server) in api.servers.iter().enumerate() {
        let fill = |choice: Option<(&str, &str)>| {
            let mut url = server.url.clone();
            for (name, var) in &server.variables {
                let value = match choice {
                    Some((n, v)) if n == name => v.to_string(),
                    _ => var.default.clone().unwrap_or_default(),
                };
                url = url.replace(&format!("{{{name}}}"), &value);
            }
            url
        };
        let enumerated: Vec<(&String, &crate::ir::ServerVariable)> =
            server.variables.iter().filter(|(_, v)| v.values.len() > 1).collect();
        if let [(var, values)] = enumerated.as_slice() {
            for v in &values.values {
                push(v, fill(Some((var, v))), &mut out);
            }
            continue;
        }
        let name = if single { "default".to_string() } else { format!("server{}", i + 1) };
        push(&name, fill(None), &mut out);
    }
    for d in &api.deployment.domains {
        if let Some(host) = d.name.as_ref().and_then(|n| n.as_str()) {
            push(host, format!("https://{host}"), &mut out);
        }
    }
    out
}
