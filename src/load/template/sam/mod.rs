//! What SAM's transform makes of a template: `Globals` merged into resources, the implicit APIs,
//! an API's document built from its functions' events, and what the API's properties (`Auth`,
//! `Cors`, ...) add to the document.

mod auth;
mod events;
mod properties;

use serde_json::Value;

use super::{Added, Built, Context, NotBuilt, TemplateApi, Transformed};
use crate::source::{Pointer, Source};

pub use events::{apply_sam_events, function_events, FunctionEvent, SAM_EVENT_CONFLICT, SAM_EVENT_NOT_MERGED};

/// Merges `Globals` into the resources they apply to, as SAM does.
pub fn merge_globals(_template: &mut Value) -> Vec<Added> {
    Vec::new()
}

/// The APIs SAM creates for events that name no API.
pub fn implicit_apis(_template: &Source, _explicit: &[TemplateApi]) -> Vec<TemplateApi> {
    Vec::new()
}

/// The document SAM builds for an API without a `DefinitionBody`.
pub fn build_body(_template: &Source, api: &TemplateApi, _ctx: &Context) -> Result<Built, NotBuilt> {
    Err((
        format!("API `{}` is built from its functions' events, which gwgen does not read yet", api.logical_id),
        Pointer::root().push("Resources").push(&api.logical_id),
    ))
}

/// What SAM adds to an API's document, in the order SAM's transform adds it: the events'
/// routes and integrations, then the API's and the events' `Auth`, then the API's other
/// properties (`Cors`, `BinaryMediaTypes`, `GatewayResponses`, `Models`, ...).
pub fn transform_body(
    doc: &mut Value,
    template: &Source,
    api: &TemplateApi,
    ctx: &Context,
) -> Result<Transformed, Vec<NotBuilt>> {
    let events = events::events_of(template, api);
    let mut out = Transformed::default();
    events::apply(doc, template, api, ctx, &events, &mut out)?;
    auth::apply(doc, template, api, ctx, &events, &mut out)?;
    properties::apply(doc, template, api, ctx, &mut out)?;
    Ok(out)
}
