//! Paths, operations, parameters, bodies and responses.

use indexmap::IndexMap;
use serde::Serialize;

use super::*;
use crate::source::Loc;

/// One path of `paths`, with its operations.
#[derive(Debug, Serialize)]
pub struct PathItem {
    pub path: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub operations: Vec<Operation>,
}

/// HTTP methods, plus API Gateway's catch-all `ANY` (`x-amazon-apigateway-any-method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
    Any,
}

impl Method {
    pub const KEYS: [(&'static str, Method); 9] = [
        ("get", Method::Get),
        ("put", Method::Put),
        ("post", Method::Post),
        ("delete", Method::Delete),
        ("options", Method::Options),
        ("head", Method::Head),
        ("patch", Method::Patch),
        ("trace", Method::Trace),
        ("x-amazon-apigateway-any-method", Method::Any),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
            Method::Any => "ANY",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Operation {
    pub method: Method,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub tags: Vec<String>,
    /// Path-level and operation-level parameters merged (the operation's win).
    pub parameters: Vec<Parameter>,
    pub request_body: Option<RequestBody>,
    /// None when the operation has no `responses` at all.
    pub responses: Option<Vec<Response>>,
    /// The operation's own `security`; None when it has none.
    pub security: Option<Vec<SecurityRequirement>>,
    /// `x-amazon-apigateway-auth.type`.
    pub auth: Option<Choice<AuthType>>,
    pub integration: Option<Integration>,
    /// `x-amazon-apigateway-request-validator` on the operation.
    pub request_validator: Option<String>,
    /// `isDefaultRoute` of an HTTP API's `$default` any-method.
    pub is_default_route: bool,
    /// The URLs of the operation's own `servers`, else its path item's (OpenAPI 3), with each
    /// variable's default filled in; empty when neither declares any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamIn {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamIn {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "query",
            ParamIn::Header => "header",
            ParamIn::Cookie => "cookie",
        }
    }

    /// The name API Gateway uses in mapping expressions (`method.request.querystring.x`).
    pub fn mapping_name(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "querystring",
            ParamIn::Header => "header",
            ParamIn::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: ParamIn,
    pub required: bool,
    pub description: Option<String>,
    pub deprecated: bool,
    pub schema: Option<SchemaId>,
    /// How an array or object value is written: OpenAPI 3 `style` / `explode`, or Swagger 2.0
    /// `collectionFormat` as its OpenAPI 3 equivalent (`csv` is `form` without explode, `multi`
    /// with it, `ssv` `spaceDelimited`, `pipes` `pipeDelimited`). None when the document is silent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explode: Option<bool>,
    /// The media type of an OpenAPI 3 parameter described by `content` instead of `schema`
    /// (`application/json`: the value is sent as JSON text); `schema` is that media type's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(rename = "pointer")]
    pub loc: Loc,
}

#[derive(Debug, Serialize)]
pub struct RequestBody {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub required: bool,
    pub description: Option<String>,
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Serialize)]
pub struct MediaType {
    pub schema: Option<SchemaId>,
    /// OpenAPI 3 `encoding`, by property name: how a form or multipart body writes each field.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub encoding: IndexMap<String, Encoding>,
}

/// One property's `encoding` in a form or multipart body.
#[derive(Debug, Default, Serialize)]
pub struct Encoding {
    pub content_type: Option<String>,
    pub style: Option<String>,
    pub explode: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct Response {
    /// The status code or `default`, as written.
    pub status: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// The `$ref` this response came through, as written (`#/responses/NotFound`).
    pub reference: Option<String>,
    pub description: Option<String>,
    pub headers: IndexMap<String, Header>,
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Serialize)]
pub struct Header {
    pub description: Option<String>,
    pub schema: Option<SchemaId>,
}

/// Swagger 2.0's `collectionFormat` (None: `csv`, the default) for an array parameter `in`
/// `location`, as OpenAPI 3.0's `style` and `explode`. None where OpenAPI 3.0 has no equivalent:
/// `tsv` anywhere, and `multi`, `ssv` and `pipes` outside a query (Swagger allows `multi` only
/// in a query or form; `spaceDelimited` and `pipeDelimited` exist only for queries).
pub fn collection_format_style(format: Option<&str>, location: &str) -> Option<(&'static str, bool)> {
    match (format.unwrap_or("csv"), location) {
        ("csv", "query") => Some(("form", false)),
        ("csv", _) => Some(("simple", false)),
        ("multi", "query") => Some(("form", true)),
        ("ssv", "query") => Some(("spaceDelimited", false)),
        ("pipes", "query") => Some(("pipeDelimited", false)),
        _ => None,
    }
}
