//! An HTTP API CloudFormation builds from resources (`AWS::ApiGatewayV2::Api` without a `Body`):
//! its document, made from the `Route`s, `Integration`s and `Authorizer`s that point at it, or from
//! the quick-create `Target` and `RouteKey`.

use super::{Built, Context, NotBuilt, TemplateApi};
use crate::source::{Pointer, Source};

/// The document of an HTTP API defined by resources.
pub fn build_body(_template: &Source, api: &TemplateApi, _ctx: &Context) -> Result<Built, NotBuilt> {
    Err((
        format!("API `{}` is built from resources, which gwgen does not read yet", api.logical_id),
        Pointer::root().push("Resources").push(&api.logical_id),
    ))
}
