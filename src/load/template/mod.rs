//! SAM and CloudFormation templates: the APIs a template defines and where their OpenAPI bodies are.
//!
//! The intrinsic functions CloudFormation would resolve in them are in `intrinsics`, what the
//! template says about deploying an API in `deployment`, and what SAM's transform adds in `sam`.

mod deployment;
mod intrinsics;
mod sam;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::ir::{ApiType, Num, Text};
use crate::source::{Pointer, Source};

pub use deployment::deployment;
pub use intrinsics::Context;
pub use sam::{
    apply_sam_auth, apply_sam_events, function_events, FunctionEvent, SAM_EVENT_CONFLICT, SAM_EVENT_NOT_MERGED,
};

/// Resource types that define an API from an OpenAPI document, and the API type each makes.
pub const API_RESOURCE_TYPES: [(&str, ApiType, &str); 4] = [
    ("AWS::Serverless::Api", ApiType::Rest, "DefinitionBody"),
    ("AWS::Serverless::HttpApi", ApiType::Http, "DefinitionBody"),
    ("AWS::ApiGateway::RestApi", ApiType::Rest, "Body"),
    ("AWS::ApiGatewayV2::Api", ApiType::Http, "Body"),
];

/// One API resource of a template.
#[derive(Clone, Debug)]
pub struct TemplateApi {
    pub logical_id: String,
    pub resource_type: String,
    pub api_type: ApiType,
    pub body: Body,
}

/// Where an API's OpenAPI document is.
#[derive(Clone, Debug)]
pub enum Body {
    /// Inline, at this pointer of the template.
    Inline(Pointer),
    /// In a local file (`DefinitionUri: ./api.yaml`, or `Fn::Transform: AWS::Include`).
    File(PathBuf, Pointer),
    /// Nowhere gwgen can read, with why (and where that is said in the template).
    Missing(String, Pointer),
    /// Both `DefinitionBody` and `DefinitionUri` are set (SAM refuses that).
    Conflict(Pointer),
}

/// Is this value a CloudFormation template (a `Resources` mapping)?
pub fn is_template(root: &Value) -> bool {
    let Value::Object(m) = root else { return false };
    matches!(m.get("Resources"), Some(Value::Object(_))) && !m.contains_key("openapi") && !m.contains_key("swagger")
}

/// The API resources of a template, in document order.
pub fn apis(template: &Source) -> Vec<TemplateApi> {
    let Some(Value::Object(resources)) = template.value.get("Resources") else { return Vec::new() };
    let dir = template.path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for (id, resource) in resources {
        let Some(kind) = resource.get("Type").and_then(Value::as_str) else { continue };
        let Some((_, api_type, body_key)) = API_RESOURCE_TYPES.iter().find(|(t, _, _)| *t == kind) else { continue };
        let props_ptr = Pointer::root().push("Resources").push(id).push("Properties");
        let props = resource.get("Properties");
        let body = props.and_then(|p| p.get(*body_key));
        let uri = props.and_then(|p| p.get("DefinitionUri").or_else(|| p.get("BodyS3Location")));
        let body = match (body, uri) {
            (Some(_), Some(_)) if kind.starts_with("AWS::Serverless") => {
                Body::Conflict(props_ptr.push("DefinitionUri"))
            }
            (Some(b), _) => match include_location(b) {
                Some(location) => Body::File(dir.join(location), props_ptr.push(body_key)),
                None => Body::Inline(props_ptr.push(body_key)),
            },
            (None, Some(Value::String(u))) if !u.contains("://") => {
                Body::File(dir.join(u), props_ptr.push("DefinitionUri"))
            }
            (None, Some(u)) => {
                let key = if kind.starts_with("AWS::Serverless") { "DefinitionUri" } else { "BodyS3Location" };
                Body::Missing(
                    format!("its definition is in S3 ({}), which gwgen does not fetch", short(u)),
                    props_ptr.push(key),
                )
            }
            (None, None) => Body::Missing(
                "it has no OpenAPI definition (SAM builds one from the functions' events)".into(),
                Pointer::root().push("Resources").push(id),
            ),
        };
        out.push(TemplateApi { logical_id: id.clone(), resource_type: kind.to_string(), api_type: *api_type, body });
    }
    out
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 60 {
        format!("{}…", &s[..s.char_indices().nth(60).map_or(s.len(), |(i, _)| i)])
    } else {
        s
    }
}

/// `{"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "./api.yaml"}}}` with a
/// local location.
fn include_location(body: &Value) -> Option<String> {
    let t = body.get("Fn::Transform")?;
    if t.get("Name").and_then(Value::as_str) != Some("AWS::Include") {
        return None;
    }
    let location = t.get("Parameters")?.get("Location")?.as_str()?;
    (!location.contains("://")).then(|| location.to_string())
}

fn text(v: &Value) -> Text {
    match v {
        Value::String(s) => Text::Str(s.clone()),
        Value::Number(n) => Text::Str(n.to_string()),
        other => Text::Intrinsic(other.clone()),
    }
}

fn number(v: Option<&Value>) -> Option<Num> {
    let raw = v?;
    let value = match raw {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    Some(Num { raw: raw.clone(), value })
}
