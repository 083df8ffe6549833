//! What several rules share: reading integration URIs, mapping expressions and declared
//! parameters, walking integrations and paths, forwarding the loader's findings.

mod declared;
pub(crate) mod dialect;
pub(crate) mod extensions;
mod mapping;
mod policy;
mod uri;

pub(crate) use declared::*;
pub(crate) use mapping::*;
pub(crate) use policy::*;
pub(crate) use uri::*;

use crate::ir::{Api, Integration, Operation, PathItem};

/// Repeats the loader's findings of one rule (the loader finds them; the rule documents them).
pub(crate) fn forward_diagnostics(api: &Api, rule: &str, out: &mut super::Findings) {
    for d in api.diagnostics.iter().filter(|d| d.rule == rule) {
        let f = out.report(d.loc.clone(), d.message.clone());
        f.help = d.help.clone();
        f.related = d.related.clone();
    }
}

/// The template an API was read from (its file and source, with SAM's Globals merged), and the
/// pointer of the API's resource in it; None for a plain document or an implicit API.
pub(crate) fn template_resource(
    api: &Api,
) -> Option<(crate::source::FileId, &crate::source::Source, crate::source::Pointer)> {
    let resource = api.template.as_ref()?;
    let (file, source) = api
        .sources
        .iter()
        .find(|(_, s)| s.base.is_root() && matches!(s.value.get("Resources"), Some(serde_json::Value::Object(_))))?;
    let ptr = crate::source::Pointer::root().push("Resources").push(&resource.logical_id);
    ptr.resolve(&source.value)?;
    Some((file, source, ptr))
}

/// Whether `v` names the resource `id`: `Ref: id`, `Fn::GetAtt: [id, ...]` (or `id.Attr`), or
/// `Fn::Sub: "${id}"`, as CloudFormation reads a reference to it.
pub(crate) fn names(v: &serde_json::Value, id: &str) -> bool {
    let Some(m) = v.as_object().filter(|m| m.len() == 1) else { return false };
    match m.iter().next() {
        Some((k, serde_json::Value::String(s))) if k == "Ref" => s == id,
        Some((k, serde_json::Value::String(s))) if k == "Fn::Sub" => {
            s.strip_prefix("${").and_then(|s| s.strip_suffix('}')).is_some_and(|s| s.split('.').next() == Some(id))
        }
        Some((k, serde_json::Value::Array(a))) if k == "Fn::GetAtt" => {
            a.first().and_then(serde_json::Value::as_str) == Some(id)
        }
        Some((k, serde_json::Value::String(s))) if k == "Fn::GetAtt" => s.split('.').next() == Some(id),
        _ => false,
    }
}

/// The resources of the API's template that belong to the API: each one whose `RestApiId` (REST)
/// or `ApiId` (V2) names it, as its logical id, type and `Properties`, in template order.
pub(crate) fn api_members<'t>(
    api: &Api,
    template: &'t crate::source::Source,
) -> impl Iterator<Item = (&'t str, &'t str, &'t serde_json::Value)> {
    let id = api.template.as_ref().map(|t| t.logical_id.clone()).unwrap_or_default();
    let resources = template.value.get("Resources").and_then(serde_json::Value::as_object).into_iter().flatten();
    resources.filter_map(move |(rid, r)| {
        let ty = r.get("Type").and_then(serde_json::Value::as_str)?;
        let props = r.get("Properties")?;
        let owner = props.get("RestApiId").or_else(|| props.get("ApiId"))?;
        (!id.is_empty() && names(owner, &id)).then_some((rid.as_str(), ty, props))
    })
}

/// A value as its author wrote it: `raw` (what the IR holds) as the template spells it, where the
/// node was read from a template property the loader changed the case of (a Method's
/// `Type: LAMBDA` is `lambda` in the IR), so that a finding quotes what the file says.
pub(crate) fn as_written(api: &Api, loc: &crate::source::Loc, raw: String) -> String {
    if api.template.is_none() {
        return raw;
    }
    let at = api.sources.origin(loc);
    let written = at.ptr.resolve(&api.sources.get(at.file).value).and_then(serde_json::Value::as_str);
    match written {
        Some(w) if w != raw && w.eq_ignore_ascii_case(&raw) => w.to_string(),
        _ => raw,
    }
}

/// Where a finding's node was written, for its help to say what to change there.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// An OpenAPI document (or a template's body).
    Document,
    /// A SAM function's `Api` / `HttpApi` event.
    SamEvent,
    /// The CORS preflight (`OPTIONS`) method SAM's transform writes for an API's `Cors`.
    SamCors,
    /// A CloudFormation `AWS::ApiGateway::Method` or `AWS::ApiGatewayV2::Route` resource.
    Resource,
    /// The route an `AWS::ApiGatewayV2::Api`'s `Target` makes (quick create).
    QuickCreate,
}

/// Where the node at `loc` (in the document as built) was written: a template's SAM event, SAM
/// CORS preflight, Method or Route resource, or quick-create Api, else a document (or a
/// template's body).
pub(crate) fn written_as(api: &Api, loc: &crate::source::Loc) -> Written {
    if api.template.is_none() {
        return Written::Document;
    }
    let at = api.sources.origin(loc);
    let tokens: Vec<_> = at.ptr.tokens().collect();
    if let [g, kind, property, ..] = tokens.as_slice() {
        // SAM's Globals give every Api / HttpApi their `Cors`.
        if g == "Globals" {
            return match (kind.as_ref(), property.as_ref()) {
                ("Api" | "HttpApi", "Cors" | "CorsConfiguration") => Written::SamCors,
                _ => Written::Document,
            };
        }
    }
    let Some((ty, property)) = resource_of(&api.sources, &at) else { return Written::Document };
    match (ty, property.as_deref()) {
        (_, Some("Events")) => Written::SamEvent,
        ("AWS::Serverless::Api" | "AWS::Serverless::HttpApi", Some("Cors" | "CorsConfiguration")) => Written::SamCors,
        ("AWS::ApiGateway::Method" | "AWS::ApiGatewayV2::Route", _) => Written::Resource,
        ("AWS::ApiGatewayV2::Api", Some("Target" | "RouteKey")) => Written::QuickCreate,
        _ => Written::Document,
    }
}

/// The template resource a node is written in (`at`, located in its template): the resource's
/// `Type`, and the property under its `Properties` that holds the node, if any.
pub(crate) fn resource_of<'s>(
    sources: &'s crate::source::Sources,
    at: &crate::source::Loc,
) -> Option<(&'s str, Option<String>)> {
    let mut tokens = at.ptr.tokens();
    if tokens.next()? != "Resources" {
        return None;
    }
    let resource = sources.get(at.file).value.get("Resources")?.get(tokens.next()?.as_ref())?;
    let ty = resource.get("Type").and_then(serde_json::Value::as_str)?;
    let property = match (tokens.next(), tokens.next()) {
        (Some(p), Some(name)) if p == "Properties" => Some(name.into_owned()),
        _ => None,
    };
    Some((ty, property))
}

/// Whether CloudFormation itself hands the node at `loc` to API Gateway, as a property of an
/// `AWS::ApiGateway::*` or `AWS::ApiGatewayV2::*` resource (a Method's `Integration`, a
/// GatewayResponse's `ResponseParameters`), rather than inside a document API Gateway imports
/// whole (a `Body`) or one SAM's transform writes. CloudFormation passes such a property's
/// booleans and numbers on as text.
pub(crate) fn in_resource_property(api: &Api, loc: &crate::source::Loc) -> bool {
    if api.template.is_none() {
        return false;
    }
    let at = api.sources.origin(loc);
    resource_of(&api.sources, &at).is_some_and(|(ty, property)| {
        (ty.starts_with("AWS::ApiGateway::") || ty.starts_with("AWS::ApiGatewayV2::"))
            && property.is_some_and(|p| p != "Body")
    })
}

/// The segments of a path (`/a/{b}/c` -> `a`, `{b}`, `c`).
pub(crate) fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// The variable name of a `{name}` or `{name+}` segment, with the `+` kept.
pub(crate) fn variable(segment: &str) -> Option<&str> {
    segment.strip_prefix('{')?.strip_suffix('}')
}

/// Every integration: each operation's (with its path and operation) and then
/// `components.x-amazon-apigateway-integrations` (without).
pub(crate) fn integrations(api: &Api) -> impl Iterator<Item = (Option<(&PathItem, &Operation)>, &Integration)> {
    let ops = api.operations().filter_map(|(p, o)| o.integration.as_ref().map(|i| (Some((p, o)), i)));
    ops.chain(api.apigw.integrations.values().map(|i| (None, i)))
}

/// A CloudFormation intrinsic (`{"Fn::Sub": ...}`, `{"Ref": ...}`) standing where a value belongs.
pub(crate) fn is_intrinsic(v: &serde_json::Value) -> bool {
    v.as_object().is_some_and(crate::ir::is_intrinsic)
}

/// An IAM policy principal that means everyone: `"*"`, `{"AWS": "*"}` or `{"AWS": ["*"]}`.
pub(crate) fn is_everyone(principal: &serde_json::Value) -> bool {
    use serde_json::Value;
    match principal {
        Value::String(s) => s == "*",
        Value::Object(m) => match m.get("AWS") {
            Some(Value::String(s)) => s == "*",
            Some(Value::Array(a)) => a.iter().any(|v| v.as_str() == Some("*")),
            _ => false,
        },
        _ => false,
    }
}
