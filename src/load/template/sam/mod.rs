//! What SAM's transform makes of a template: `Globals` merged into resources, the implicit APIs,
//! an API's document built from its functions' events, and what the API's properties (`Auth`,
//! `Cors`, ...) add to the document.

mod auth;
mod events;
pub mod globals;
pub(super) mod help;
mod properties;

use serde_json::{json, Value};

use super::{Added, Built, Context, Refused, TemplateApi, Transformed};
use crate::ir::ApiType;
use crate::source::{Pointer, Source};

pub use events::{
    function_events, implicit_apis, FunctionEvent, IMPLICIT_HTTP_API, IMPLICIT_REST_API, SAM_EVENT_CONFLICT,
    SAM_EVENT_NOT_MERGED,
};

/// Merges `Globals` into the resources they apply to, as SAM does.
pub fn merge_globals(template: &mut Value) -> Vec<Added> {
    globals::merge(template)
}

/// An API's properties, and where they are: the resource's `Properties`, or for an implicit API
/// (which no resource declares) the template's `Globals` for its type, as SAM applies them.
pub(super) fn api_properties<'t>(template: &'t Source, api: &TemplateApi) -> (Option<&'t Value>, Pointer) {
    if api.implicit {
        let kind = if api.api_type == ApiType::Http { "HttpApi" } else { "Api" };
        let ptr = Pointer::root().push("Globals").push(kind);
        return (ptr.resolve(&template.value), ptr);
    }
    let ptr = Pointer::root().push("Resources").push(&api.logical_id).push("Properties");
    (ptr.resolve(&template.value), ptr)
}

/// The document SAM starts from for an API without a `DefinitionBody`, before the events add
/// their routes:
/// - REST: `swagger: "2.0"` (or `openapi:` the API's `OpenApiVersion` when it is 3.x),
///   `info: {version: "1.0", title: !Ref AWS::StackName}` (the API's `Name` names the RestApi,
///   not the document), `paths: {}`;
/// - HTTP: `openapi: 3.0.1`, `info: {version: "1.0", title: <Name, else !Ref AWS::StackName>}`,
///   `paths: {}`.
///
/// The document of an implicit API comes from the first event that makes SAM create it.
pub fn build_body(template: &Source, api: &TemplateApi, _ctx: &Context) -> Result<Built, Refused> {
    let (props, props_ptr) = api_properties(template, api);
    let mut added = Vec::new();
    if api.implicit {
        if let Some(first) = events::first_implicit_event(template, api) {
            added.push(Added { at: Pointer::root(), from: first, mirror: false });
        }
    }
    let prop = |key: &str| props.and_then(|p| p.get(key));
    let title = json!({"Ref": "AWS::StackName"});
    let doc = if api.api_type == ApiType::Http {
        let title = match prop("Name") {
            Some(name) => {
                added.push(Added {
                    at: Pointer::root().push("info").push("title"),
                    from: props_ptr.push("Name"),
                    mirror: true,
                });
                name.clone()
            }
            None => title,
        };
        json!({"openapi": "3.0.1", "info": {"version": "1.0", "title": title}, "paths": {}})
    } else {
        let version = match prop("OpenApiVersion") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        match version.filter(|v| events::is_openapi3(v)) {
            Some(v) => {
                added.push(Added {
                    at: Pointer::root().push("openapi"),
                    from: props_ptr.push("OpenApiVersion"),
                    mirror: false,
                });
                json!({"openapi": v, "info": {"version": "1.0", "title": title}, "paths": {}})
            }
            None => json!({"swagger": "2.0", "info": {"version": "1.0", "title": title}, "paths": {}}),
        }
    };
    Ok(Built { doc, added, findings: Vec::new() })
}

/// What SAM adds to an API's document, in the order SAM's transform adds it: the events'
/// routes and integrations, then the API's and the events' `Auth`, then the API's other
/// properties (`Cors`, `BinaryMediaTypes`, `GatewayResponses`, `Models`, ...).
pub fn transform_body(
    doc: &mut Value,
    template: &Source,
    api: &TemplateApi,
    ctx: &Context,
) -> Result<Transformed, Vec<Refused>> {
    let events = events::events_of(template, api);
    let mut out = Transformed::default();
    events::apply(doc, template, api, ctx, &events, &mut out)?;
    auth::apply(doc, template, api, ctx, &events, &mut out)?;
    properties::apply(doc, template, api, ctx, &mut out)?;
    Ok(out)
}
