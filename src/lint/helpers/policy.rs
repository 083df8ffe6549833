//! The API's resource policies, wherever they are written: the document's
//! `x-amazon-apigateway-policy` (where SAM's transform also writes `Auth.ResourcePolicy`), and
//! the template's `Policy` property of the API resource (RestApi, or SAM Api).

use serde_json::Value;

use crate::ir::Api;
use crate::source::Loc;

/// One resource policy of the API and its content.
pub(crate) struct ResourcePolicy<'a> {
    pub loc: &'a Loc,
    pub document: &'a Value,
    /// Written as a mapping, so that its statements can be pointed at (not a JSON string).
    pub written: bool,
}

/// The API's resource policies: the document's, then the template's.
pub(crate) fn resource_policies(api: &Api) -> Vec<ResourcePolicy<'_>> {
    let mut out = Vec::new();
    if let Some(p) = &api.apigw.policy {
        let written = api.sources.value(&p.loc).is_some_and(Value::is_object);
        out.push(ResourcePolicy { loc: &p.loc, document: &p.document, written });
    }
    if let Some(p) = &api.deployment.policy {
        out.push(ResourcePolicy { loc: &p.loc, document: &p.document, written: p.written });
    }
    out
}

/// Is the API private: its template makes it `PRIVATE` (the resource, or SAM's Globals), or its
/// endpoint configuration lists VPC endpoints (which only a private API has)?
pub(crate) fn is_private(api: &Api) -> bool {
    api.deployment.endpoint_types.iter().any(|t| t == "PRIVATE")
        || !api.deployment.vpc_endpoint_ids.is_empty()
        || api.apigw.endpoint_configuration.as_ref().is_some_and(|e| !e.vpc_endpoint_ids.is_empty())
}
