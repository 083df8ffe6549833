//! SAM and CloudFormation templates: the APIs a template defines and where their OpenAPI bodies are.
//!
//! The intrinsic functions CloudFormation would resolve in them are in `intrinsics`, what the
//! template says about deploying an API in `deployment`, and what SAM's transform adds in `sam`.

mod conditions;
mod dangling;
mod deployment;
mod http;
mod intrinsics;
mod resources;
mod rest;
mod rules;
mod sam;
mod websocket;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::ir::{ApiType, Num, Text};
use crate::source::{Pointer, Source};

pub use conditions::{evaluate as evaluate_conditions, Applied, Decides, Removed, Unknown};
pub use dangling::Dangling;
pub use deployment::deployment;
pub use intrinsics::Context;
pub use rules::Failed as FailedAssertion;
pub use sam::globals::invalid as invalid_globals;
pub use sam::{
    function_events, FunctionEvent, IMPLICIT_HTTP_API, IMPLICIT_REST_API, SAM_EVENT_CONFLICT, SAM_EVENT_NOT_MERGED,
};
pub use websocket::read as read_websocket;

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
    /// An API SAM creates for events that name none (`ServerlessRestApi`, `ServerlessHttpApi`):
    /// no resource of the template has its logical id.
    pub implicit: bool,
}

/// A node a template's transform puts into a value (an API's document, or a resource that SAM's
/// Globals add to), and the template node it comes from. Findings on it, or below it, are
/// reported there.
#[derive(Clone, Debug)]
pub struct Added {
    /// Where the node is, in the value that was edited.
    pub at: Pointer,
    /// The template node it comes from.
    pub from: Pointer,
    /// The node is a copy of `from`: what is below it is below `from` under the same keys.
    pub mirror: bool,
}

/// An API's document built from the template, and where each part of it comes from.
#[derive(Clone, Debug, Default)]
pub struct Built {
    pub doc: Value,
    pub added: Vec<Added>,
    /// What the builder found that the stack would fail on but that still reads (a model name
    /// no Model has), reported as findings.
    pub findings: Vec<Noted>,
}

/// What a template cannot be read as: the message (in SAM's words where SAM's transform refuses
/// it), the template node it is about, and how to fix the template. SAM's transform, the
/// WebSocket reader and the builders of APIs made resource by resource give these.
#[derive(Clone, Debug)]
pub struct Refused {
    pub message: String,
    pub at: Pointer,
    pub help: String,
}

impl Refused {
    pub fn new(message: impl Into<String>, help: impl Into<String>, at: Pointer) -> Self {
        Refused { message: message.into(), at, help: help.into() }
    }

    /// The load error it is: exit 2, at its node of `template`.
    pub fn into_error(self, template: &Source) -> crate::diag::Error {
        let place = crate::diag::Place::Key(template.file_pointer_of(&self.at));
        crate::diag::Error::at(crate::diag::Failed::Document, &template.path, place, self.message).help(self.help)
    }
}

/// What SAM's transform did to an API's document: the nodes it added, and what it found to
/// report on the way.
#[derive(Clone, Debug, Default)]
pub struct Transformed {
    pub added: Vec<Added>,
    pub findings: Vec<Noted>,
}

/// A node either in the API's document or in the template.
#[derive(Clone, Debug)]
pub enum At {
    Document(Pointer),
    Template(Pointer),
}

/// A finding of the transform, before the API's files are numbered.
#[derive(Clone, Debug)]
pub struct Noted {
    pub rule: &'static str,
    pub severity: crate::diag::Severity,
    pub at: At,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<(At, String)>,
}

/// A template as gwgen reads it: what SAM's `Globals` give each resource merged into it (as SAM's
/// transform merges them), parameter values given on the command line, and then conditions
/// applied as CloudFormation applies them when it makes the stack.
pub struct Prepared {
    pub source: Source,
    /// Where each merged value was written.
    pub merged: Vec<Added>,
    /// What the conditions removed, and where a condition could not be evaluated.
    pub conditions: Applied,
    /// The conditions rewrote the template (`source` has the positions of its nodes as rewritten).
    pub rewritten: bool,
    /// References of created resources and outputs to resources the conditions removed: each
    /// makes CloudFormation refuse the template. Each is where it is written (a reference SAM's
    /// Globals gave a resource: in `Globals`), once.
    pub dangling: Vec<Dangling>,
    /// Assertions of the template's `Rules` that are false with its parameter values:
    /// CloudFormation refuses to create the stack.
    pub failed_rules: Vec<FailedAssertion>,
    /// The values given to pseudo parameters ([`PSEUDO_PARAMETERS`]) with `--parameter`.
    pub pseudo: Vec<(String, String)>,
}

impl Prepared {
    /// What CloudFormation knows when it resolves the intrinsics of this template's APIs: its
    /// parameter values, and the pseudo parameters given (with the partition and URL suffix of
    /// a region given).
    pub fn context(&self) -> Context {
        Context::of(&self.source.value).with_pseudo(&self.pseudo)
    }
}

/// The pseudo parameters `--parameter` may give a value: conditions, rules and the API's values
/// that read them then see it (`AWS::Partition` and `AWS::URLSuffix` follow a region given,
/// unless given themselves).
pub const PSEUDO_PARAMETERS: [&str; 5] =
    ["AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::URLSuffix", "AWS::StackName"];

/// A `--parameter` that names no parameter of the template, or a value it does not allow: the
/// message, the help and the template node.
pub type BadParameter = (String, String, Option<Pointer>);

/// [`Prepared`]: `parameters` (`NAME`, `VALUE`) replace the parameters' `Default`s, as
/// `sam deploy --parameter-overrides` does; those naming a pseudo parameter
/// ([`PSEUDO_PARAMETERS`]) give it its value wherever the template reads it.
pub fn prepare(mut template: Source, parameters: &[(String, String)]) -> Result<Prepared, BadParameter> {
    let merged = sam::merge_globals(&mut template.value);
    let (pseudo, parameters): (Vec<_>, Vec<_>) =
        parameters.iter().cloned().partition(|(name, _)| PSEUDO_PARAMETERS.contains(&name.as_str()));
    for (name, value) in &parameters {
        set_parameter(&mut template.value, name, value)?;
    }
    let rules = rules::check(&template.value, &pseudo);
    let rules_unknown =
        rules.unknown.into_iter().map(|o| Unknown { condition: o.rule, at: o.at, decides: Decides::Rule, why: o.why });
    if !conditions::used(&template.value, &template.text) {
        return Ok(Prepared {
            source: template,
            merged,
            conditions: Applied { unknown: rules_unknown.collect(), ..Applied::default() },
            rewritten: false,
            dangling: Vec::new(),
            failed_rules: rules.failed,
            pseudo,
        });
    }
    let copies: Vec<Pointer> = merged.iter().map(|a| a.at.clone()).collect();
    let (value, positions, mut applied) =
        conditions::apply(&template.value, Some(template.positions()), &copies, &pseudo);
    applied.unknown.extend(rules_unknown);
    // The merged values where the rewritten template has them (none for one left out).
    let merged: Vec<Added> =
        merged.into_iter().zip(&applied.copies).filter_map(|(a, at)| Some(Added { at: at.clone()?, ..a })).collect();
    let mut found = dangling::dangling(&value, &applied.removed, &pseudo);
    // A reference in a Globals value: where Globals write it, once.
    for d in &mut found {
        if let Some(a) = merged.iter().find(|a| d.at.starts_with(&a.at)) {
            let rest = &d.at.as_str()[a.at.as_str().len()..];
            d.at = Pointer::parse(&format!("{}{rest}", a.from.as_str())).unwrap_or_else(|_| a.from.clone());
            d.globals = a.from.starts_with(&Pointer::root().push("Globals"));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    found.retain(|d| seen.insert((d.at.clone(), d.target.clone())));
    let mut source =
        Source::new(template.path.clone(), template.text.clone(), template.syntax, value).with_positions(positions);
    source.base = template.base.clone();
    // In the order of the file.
    found.sort_by_key(|d| source.locate(&d.at).0.start);
    Ok(Prepared {
        source,
        merged,
        conditions: applied,
        rewritten: true,
        dangling: found,
        failed_rules: rules.failed,
        pseudo,
    })
}

/// Gives a parameter its value, as its `Default`.
fn set_parameter(template: &mut Value, name: &str, value: &str) -> Result<(), BadParameter> {
    let declared = template.get("Parameters").and_then(Value::as_object);
    let Some(p) = declared.and_then(|ps| ps.get(name)) else {
        let names: Vec<&str> = declared.map(|ps| ps.keys().map(String::as_str).collect()).unwrap_or_default();
        let help = if names.is_empty() {
            "the template declares no Parameters: remove the --parameter".to_string()
        } else {
            format!("its parameters: {}", names.join(", "))
        };
        let at = declared.map(|_| Pointer::root().push("Parameters"));
        return Err((format!("--parameter {name}: the template has no parameter `{name}`"), help, at));
    };
    if let Some(Value::Array(allowed)) = p.get("AllowedValues") {
        let texts: Vec<String> = allowed.iter().filter_map(intrinsics::scalar_text).collect();
        if !texts.iter().any(|t| t == value) {
            return Err((
                format!("--parameter {name}={value}: `{value}` is not one of the parameter's AllowedValues"),
                format!("CloudFormation refuses it; allowed: {}", texts.join(", ")),
                Some(Pointer::root().push("Parameters").push(name).push("AllowedValues")),
            ));
        }
    }
    if let Some(Value::Object(p)) = template.get_mut("Parameters").and_then(|ps| ps.get_mut(name)) {
        p.insert("Default".into(), Value::String(value.to_string()));
    }
    Ok(())
}

/// Builds the document of an API the template defines without one: from its functions' events
/// (SAM), or from its resources (`AWS::ApiGateway::Resource` / `Method`, `AWS::ApiGatewayV2::Route`
/// / `Integration`, or the quick-create `Target`).
pub fn build(template: &Source, api: &TemplateApi, ctx: &Context) -> Result<Built, Refused> {
    match api.body {
        Body::Events => sam::build_body(template, api, ctx),
        Body::Resources if api.api_type == ApiType::Rest => rest::build_body(template, api, ctx),
        Body::Resources => http::build_body(template, api, ctx),
        _ => Err(Refused::new(
            "the API has a document of its own",
            "read it through its Body or DefinitionBody",
            Pointer::root().push("Resources").push(&api.logical_id),
        )),
    }
}

/// What SAM's transform adds to the document of an `AWS::Serverless::Api` / `HttpApi`: the
/// functions' events, `Auth`, `Cors`, `BinaryMediaTypes` and the rest, edited into `doc` (a
/// document the template wrote, or one [`build`] made).
pub fn transform(
    doc: &mut Value,
    template: &Source,
    api: &TemplateApi,
    ctx: &Context,
) -> Result<Transformed, Vec<Refused>> {
    sam::transform_body(doc, template, api, ctx)
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
    /// None: SAM builds it from the functions' events (and the API's properties).
    Events,
    /// None: CloudFormation builds the API from resources that point at it (or quick-create).
    Resources,
}

/// A cheap look at a file's text: might it be a template that defines a REST, HTTP or WebSocket
/// API (an API resource, or a SAM function or state machine with an `Api` / `HttpApi` event)?
/// Loading confirms it.
pub fn may_define_api(text: &str) -> bool {
    if !text.contains("Resources") {
        return false;
    }
    if API_RESOURCE_TYPES.iter().any(|(t, _, _)| text.contains(t)) || text.contains("AWS::Serverless::WebSocketApi") {
        return true;
    }
    if !text.contains("AWS::Serverless::") {
        return false;
    }
    // An event `Type: Api` / `"Type": "HttpApi"`, however quoted.
    text.match_indices("Type").any(|(i, _)| {
        let rest = text[i + 4..].trim_start_matches(['"', '\'', ' ', ':', '\t']);
        let word: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        matches!(word.as_str(), "Api" | "HttpApi")
    })
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
        if is_websocket(kind, resource) {
            continue;
        }
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
            (None, None) if kind.starts_with("AWS::Serverless") => Body::Events,
            (None, None) => Body::Resources,
        };
        out.push(TemplateApi {
            logical_id: id.clone(),
            resource_type: kind.to_string(),
            api_type: *api_type,
            body,
            implicit: false,
        });
    }
    // SAM's implicit API replaces a resource of the template with its logical id.
    let implicit = sam::implicit_apis(template, &out);
    out.retain(|a| !implicit.iter().any(|i| i.logical_id == a.logical_id));
    out.extend(implicit);
    out
}

/// The template's WebSocket APIs (`AWS::Serverless::WebSocketApi`, and `AWS::ApiGatewayV2::Api`
/// with `ProtocolType: WEBSOCKET`): logical id, type and where.
pub fn websocket_apis(template: &Source) -> Vec<(String, String, Pointer)> {
    let Some(Value::Object(resources)) = template.value.get("Resources") else { return Vec::new() };
    resources
        .iter()
        .filter_map(|(id, r)| {
            let kind = r.get("Type").and_then(Value::as_str)?;
            is_websocket(kind, r).then(|| (id.clone(), kind.to_string(), Pointer::root().push("Resources").push(id)))
        })
        .collect()
}

fn is_websocket(kind: &str, resource: &Value) -> bool {
    let protocol = resource.pointer("/Properties/ProtocolType").and_then(Value::as_str);
    kind == "AWS::Serverless::WebSocketApi"
        || (kind == "AWS::ApiGatewayV2::Api" && protocol.is_some_and(|p| p.eq_ignore_ascii_case("WEBSOCKET")))
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
