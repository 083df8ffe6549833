//! `--stage`: stage variables substituted, and the servers pointed at the stage.

use serde_json::Value;

use crate::diag::{Error, Failed, Place};
use crate::ir::Api;
use crate::source::{FileId, Pointer};

use super::{Obj, Stage, Target};

/// Substitutes the stage's variables in every string and points the servers at the stage.
pub(super) fn apply_stage(api: &Api, doc: &mut Obj, stage: &Stage, target: Target) -> Result<(), Vec<Error>> {
    let mut missing: Vec<String> = Vec::new();
    for v in doc.values_mut() {
        substitute(v, stage, &mut missing, false);
    }
    if !missing.is_empty() {
        return Err(missing.iter().map(|name| undefined_variable(api, stage, name)).collect());
    }
    match (&stage.domain, target) {
        (Some(domain), Target::Oas30) => {
            let base = stage.base_path.as_deref().map(|b| b.trim_matches('/')).filter(|b| !b.is_empty());
            let url = match base {
                Some(b) => format!("https://{domain}/{b}"),
                None => format!("https://{domain}"),
            };
            let mut server = Obj::new();
            server.insert("url".into(), Value::String(url));
            if let Some(e) = doc
                .get("servers")
                .and_then(|s| s.get(0))
                .and_then(|s| s.get("x-amazon-apigateway-endpoint-configuration"))
            {
                server.insert("x-amazon-apigateway-endpoint-configuration".into(), e.clone());
            }
            insert_near(doc, "servers", Value::Array(vec![Value::Object(server)]), &["info", "openapi"]);
        }
        (Some(domain), Target::Swagger2) => {
            let base = stage.base_path.as_deref().map(|b| b.trim_matches('/')).filter(|b| !b.is_empty());
            insert_near(doc, "host", Value::String(domain.clone()), &["info", "swagger"]);
            match base {
                Some(b) => insert_near(doc, "basePath", Value::String(format!("/{b}")), &["host"]),
                None => {
                    doc.shift_remove("basePath");
                }
            }
            insert_near(doc, "schemes", Value::Array(vec!["https".into()]), &["basePath", "host"]);
        }
        (None, Target::Oas30) => {
            for server in doc.get_mut("servers").and_then(Value::as_array_mut).into_iter().flatten() {
                if let Some(Value::Object(var)) = server.pointer_mut("/variables/basePath") {
                    var.insert("default".into(), Value::String(stage.name.clone()));
                }
            }
        }
        (None, Target::Swagger2) => {
            // The base path variable took its default in the conversion; the stage replaces it.
            let from_variable = api
                .servers
                .first()
                .is_some_and(|s| s.variables.contains_key("basePath") && s.url.contains("{basePath}"));
            if from_variable {
                insert_near(doc, "basePath", Value::String(format!("/{}", stage.name)), &["host", "info"]);
            }
        }
    }
    Ok(())
}

/// Inserts (or replaces) `key`, placing a new key right after the first of `after` present.
fn insert_near(doc: &mut Obj, key: &str, value: Value, after: &[&str]) {
    if let Some(slot) = doc.get_mut(key) {
        *slot = value;
        return;
    }
    let index = after.iter().find_map(|a| doc.keys().position(|k| k == a)).map(|i| i + 1).unwrap_or(0);
    let entries: Vec<(String, Value)> = std::mem::take(doc).into_iter().collect();
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i == index {
            doc.insert(key.to_string(), value.clone());
        }
        doc.insert(k, v);
    }
    if !doc.contains_key(key) {
        doc.insert(key.to_string(), value);
    }
}

fn substitute(v: &mut Value, stage: &Stage, missing: &mut Vec<String>, mapping: bool) {
    match v {
        Value::String(s) => {
            if mapping {
                if let Some(name) = crate::ir::mapping::mapping_stage_variable(s) {
                    match stage.variables.get(name) {
                        Some(value) => *s = format!("'{value}'"),
                        None => note_missing(missing, name),
                    }
                    return;
                }
            }
            if s.contains("${stageVariables.") {
                *s = substitute_text(s, stage, missing);
            }
        }
        Value::Object(m) => {
            for (k, v) in m.iter_mut() {
                let mapping = matches!(k.as_str(), "requestParameters" | "responseParameters");
                if mapping {
                    if let Value::Object(params) = v {
                        for pv in params.values_mut() {
                            substitute(pv, stage, missing, true);
                        }
                        continue;
                    }
                }
                substitute(v, stage, missing, false);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|v| substitute(v, stage, missing, mapping)),
        _ => {}
    }
}

fn note_missing(missing: &mut Vec<String>, name: &str) {
    if !missing.iter().any(|m| m == name) {
        missing.push(name.to_string());
    }
}

fn substitute_text(s: &str, stage: &Stage, missing: &mut Vec<String>) -> String {
    const OPEN: &str = "${stageVariables.";
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(OPEN) {
        let Some(end) = rest[i..].find('}') else { break };
        let name = &rest[i + OPEN.len()..i + end];
        out.push_str(&rest[..i]);
        match stage.variables.get(name) {
            // Not a stage variable name: API Gateway substitutes nothing there, nor does export.
            _ if !crate::ir::is_stage_variable_name(name) => out.push_str(&rest[i..i + end + 1]),
            Some(value) => out.push_str(value),
            None => {
                note_missing(missing, name);
                out.push_str(&rest[i..i + end + 1]);
            }
        }
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}

/// The error for a variable the stage does not define, at its first use in the document.
fn undefined_variable(api: &Api, stage: &Stage, name: &str) -> Error {
    let needles = [format!("${{stageVariables.{name}}}"), format!("stageVariables.{name}")];
    let mut found: Option<(FileId, Pointer)> = None;
    for (id, source) in api.sources.iter() {
        find_string(&source.value, &Pointer::root(), &mut |ptr, s| {
            if found.is_none() && (s.contains(&needles[0]) || s == needles[1]) {
                found = Some((id, ptr.clone()));
            }
        });
        if found.is_some() {
            break;
        }
    }
    let (path, place) = match &found {
        Some((id, ptr)) => {
            let source = api.sources.get(*id);
            (source.path.clone(), Place::node(source, ptr))
        }
        None => (api.sources.get(FileId(0)).path.clone(), Place::File),
    };
    let config = stage.config.as_ref().map(|p| format!(" in {}", p.display())).unwrap_or_default();
    Error::at(Failed::Config, path, place, format!("stage variable `{name}` is not defined for stage `{}`", stage.name))
        .help(format!("add `{name}` under `stages.{}.variables`{config}", stage.name))
}

fn find_string(v: &Value, at: &Pointer, f: &mut dyn FnMut(&Pointer, &str)) {
    match v {
        Value::String(s) => f(at, s),
        Value::Object(m) => m.iter().for_each(|(k, v)| find_string(v, &at.push(k), f)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| find_string(v, &at.index(i), f)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use indexmap::IndexMap;

    use super::*;

    #[test]
    fn stage_variables_are_substituted() {
        let stage = Stage {
            name: "prod".into(),
            variables: IndexMap::from([("alias".into(), "live".into())]),
            ..Stage::default()
        };
        let mut missing = Vec::new();
        assert_eq!(
            substitute_text("arn:${stageVariables.alias}/x${stageVariables.nope}", &stage, &mut missing),
            "arn:live/x${stageVariables.nope}"
        );
        assert_eq!(missing, ["nope"]);
        // Only stage variable names are substituted: `a-b` is none, in either form.
        let stage =
            Stage { name: "prod".into(), variables: IndexMap::from([("a-b".into(), "x".into())]), ..Stage::default() };
        let mut missing = Vec::new();
        assert_eq!(substitute_text("${stageVariables.a-b}", &stage, &mut missing), "${stageVariables.a-b}");
        let mut mapping = Value::String("stageVariables.a-b".into());
        substitute(&mut mapping, &stage, &mut missing, true);
        assert_eq!((mapping.as_str(), missing.len()), (Some("stageVariables.a-b"), 0));
    }
}
