//! A REST API CloudFormation builds from resources (`AWS::ApiGateway::RestApi` without a `Body`):
//! its document, made from the `Resource` tree, the `Method`s, `Authorizer`s, `Model`s,
//! `RequestValidator`s and `GatewayResponse`s that point at it.

use super::{Built, Context, NotBuilt, TemplateApi};
use crate::source::{Pointer, Source};

/// The document of a REST API defined by resources.
pub fn build_body(_template: &Source, api: &TemplateApi, _ctx: &Context) -> Result<Built, NotBuilt> {
    Err((
        format!("API `{}` is built from resources, which gwgen does not read yet", api.logical_id),
        Pointer::root().push("Resources").push(&api.logical_id),
    ))
}
