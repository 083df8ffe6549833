//! The specification version of a document, read from its root (or why it is not a document).

use serde_json::Value;

use crate::ir::{is_intrinsic, SpecVersion};
use crate::source::{Field, Pointer};

/// Works out the specification version from the root value, or says why it is not a document.
pub(super) fn sniff_version(root: &Value) -> Result<(SpecVersion, String), (Pointer, String, Option<String>)> {
    let Value::Object(m) = root else {
        let what = match root {
            Value::Null => "empty",
            Value::Array(_) => "a list",
            _ => "a single value",
        };
        return Err((
            Pointer::root(),
            format!("not an OpenAPI document: the file is {what}"),
            Some("an OpenAPI document is a mapping with `openapi: 3.0.x` or `swagger: \"2.0\"` at the top".into()),
        ));
    };
    let version_text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            let s = n.to_string();
            if s.contains('.') {
                s
            } else {
                format!("{s}.0")
            }
        }
        other => other.to_string(),
    };
    if let Some(v) = m.field("swagger") {
        let text = version_text(v);
        if text == "2.0" {
            return Ok((SpecVersion::Swagger2, text));
        }
        return Err((
            Pointer::root().push("swagger"),
            format!("Swagger version `{text}` is not supported"),
            Some("API Gateway imports Swagger 2.0 and OpenAPI 3.0: write `swagger: \"2.0\"`".into()),
        ));
    }
    if let Some(v) = m.field("openapi") {
        let text = version_text(v);
        if text == "3.0" || text.starts_with("3.0.") {
            return Ok((SpecVersion::OpenApi30, text));
        }
        if text == "3.1" || text.starts_with("3.1.") {
            return Ok((SpecVersion::OpenApi31, text));
        }
        return Err((
            Pointer::root().push("openapi"),
            format!("OpenAPI version `{text}` is not supported"),
            Some("gwgen reads OpenAPI 3.0.x (what API Gateway imports), 3.1.x, and Swagger 2.0".into()),
        ));
    }
    if m.contains_key("swaggerVersion") {
        return Err((
            Pointer::root().push("swaggerVersion"),
            "Swagger 1.2 is not supported".into(),
            Some("convert the document to OpenAPI 3.0 or Swagger 2.0, the versions API Gateway imports".into()),
        ));
    }
    if is_intrinsic(m) {
        let name = m.keys().next().cloned().unwrap_or_default();
        return Err((Pointer::root().push(&name), format!("the whole document is a CloudFormation `{name}`, not an OpenAPI object"), Some("gwgen reads the OpenAPI document itself: point it at one of the branches, or at the template that holds it".into())));
    }
    if m.contains_key("Resources") || m.contains_key("AWSTemplateFormatVersion") {
        return Err((
            Pointer::root(),
            "this is a CloudFormation / SAM template, not an OpenAPI document".into(),
            Some(
                "point gwgen at the API's OpenAPI body (DefinitionBody / Body), or at the file its DefinitionUri names"
                    .into(),
            ),
        ));
    }
    Err((
        Pointer::root(),
        "not an OpenAPI document: no `openapi` or `swagger` field at the top".into(),
        Some("if it is an API document, start it with `openapi: 3.0.3` (or `swagger: \"2.0\"`); if it is not, leave it out of gwgen's paths, exclude it in gwgen.yaml, or pass --only-openapi (what the pre-commit hooks do) to skip such files".into()),
    ))
}
