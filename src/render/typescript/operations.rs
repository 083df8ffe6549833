//! One view per operation: its parameters, body and responses, and how each is sent or read.

use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use serde_json::Value;

use super::auth::{authorizer_view, operation_security};
use super::names::{doc_lines, key, lit, operation_base, Namer};
use super::types::{join_unique, schema_doc, Side, Types};
use super::views::{AuthorizerView, BodyView, FieldView, OperationView, PairView, QueryView};
use crate::ir::{Method, Operation, ParamIn, PathItem, Schema, SchemaId, SchemaKind};

/// The operations, in document order, and the authorizers they use, by security scheme.
pub(super) fn operations(
    types: &Types<'_>,
    binary: &[String],
    type_names: &mut Namer,
    value_names: &mut Namer,
) -> (Vec<OperationView>, IndexMap<String, AuthorizerView>) {
    let mut operations = Vec::new();
    let mut authorizers: IndexMap<String, AuthorizerView> = IndexMap::new();
    for (path, op) in types.api.operations() {
        let name = value_names.claim(&operation_base(path, op));
        let pascal = name.to_upper_camel_case();
        let view = operation_view(types, binary, path, op, &name, type_names, &pascal);
        for auth in view.auth.iter().flatten() {
            authorizer_view(types.api, auth, &mut authorizers);
        }
        operations.push(view);
    }
    (operations, authorizers)
}

/// How a body is written or read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
    Multipart,
    Binary,
    Text,
}

impl BodyKind {
    fn as_str(self) -> &'static str {
        match self {
            BodyKind::Json => "json",
            BodyKind::Form => "form",
            BodyKind::Multipart => "multipart",
            BodyKind::Binary => "binary",
            BodyKind::Text => "text",
        }
    }

    /// Preference when a body offers several media types.
    fn rank(self) -> u8 {
        match self {
            BodyKind::Json => 0,
            BodyKind::Form => 1,
            BodyKind::Multipart => 2,
            BodyKind::Binary => 3,
            BodyKind::Text => 4,
        }
    }
}

/// Whether `media` is one of the API's binary media types (`image/*` and `*/*` match by type).
fn is_binary_media(media: &str, binary: &[String]) -> bool {
    binary.iter().any(|b| {
        let b = b.to_ascii_lowercase().replace("~1", "/");
        b == media || b == "*/*" || b.strip_suffix("/*").is_some_and(|t| media.split('/').next() == Some(t))
    })
}

fn media_kind(media: &str, schema: Option<&Schema>, binary: &[String]) -> BodyKind {
    let m = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let binary_schema = schema.is_some_and(|s| matches!(s.kind, SchemaKind::Binary));
    if m.contains("json") {
        BodyKind::Json
    } else if m == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if m.starts_with("multipart/") {
        BodyKind::Multipart
    } else if binary_schema || is_binary_media(&m, binary) {
        BodyKind::Binary
    } else if m.starts_with("text/") || m.contains("xml") {
        BodyKind::Text
    } else if m == "*/*" || m.is_empty() {
        match schema.map(|s| &s.kind) {
            Some(SchemaKind::String) => BodyKind::Text,
            _ => BodyKind::Json,
        }
    } else if schema.is_some_and(|s| matches!(s.kind, SchemaKind::String)) {
        BodyKind::Text
    } else if m.starts_with("application/octet-stream")
        || ["image/", "audio/", "video/", "font/"].iter().any(|p| m.starts_with(p))
        || ["application/pdf", "application/zip", "application/gzip"].contains(&m.as_str())
    {
        BodyKind::Binary
    } else {
        BodyKind::Json
    }
}

/// The media type an operation's body or response is read as: the preferred of those declared.
fn pick_media<'m>(
    types: &Types<'_>,
    content: &'m IndexMap<String, crate::ir::MediaType>,
    binary: &[String],
) -> Option<(&'m str, BodyKind, Option<SchemaId>)> {
    content
        .iter()
        .map(|(mt, media)| (mt.as_str(), media_kind(mt, media.schema.map(|s| types.schema(s)), binary), media.schema))
        .min_by_key(|(_, kind, _)| kind.rank())
}

fn operation_view(
    types: &Types<'_>,
    binary: &[String],
    path: &PathItem,
    op: &Operation,
    name: &str,
    type_names: &mut Namer,
    pascal: &str,
) -> OperationView {
    let mut doc = Vec::new();
    if let Some(s) = &op.summary {
        doc.extend(doc_lines(s));
    }
    if let Some(d) = &op.description {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.extend(doc_lines(d));
    }
    if !doc.is_empty() {
        doc.push(String::new());
    }
    doc.push(format!("`{} {}`", op.method.as_str(), path.path).replace("*/", "*\\/"));
    if op.deprecated {
        doc.push("@deprecated".into());
    }

    // Parameters: one object, keyed by the names the document gives (unique per operation).
    let mut keys = Namer::new(["body"]);
    let mut fields = Vec::new();
    let mut path_params = Vec::new();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut stack = Vec::new();
    for p in &op.parameters {
        if p.location == ParamIn::Cookie {
            continue;
        }
        if p.location == ParamIn::Header
            && ["accept", "content-type", "authorization"].contains(&p.name.to_ascii_lowercase().as_str())
        {
            continue;
        }
        let field_key = if keys.taken.contains(&p.name) {
            keys.claim(&format!("{}_{}", p.name, p.location.as_str()))
        } else {
            keys.claim(&p.name)
        };
        let access = format!("params[{}]", lit(&field_key));
        let ty = p.schema.map(|s| types.expr(s, Side::Write, &mut stack)).unwrap_or_else(|| "string".into());
        let mut pdoc = p.description.as_deref().map(doc_lines).unwrap_or_default();
        if let Some(s) = p.schema {
            let sd = schema_doc(types.schema(s));
            pdoc.extend(sd.into_iter().filter(|l| l.starts_with("Format") || l.starts_with("@default")));
        }
        if p.deprecated {
            pdoc.push("@deprecated".into());
        }
        fields.push(FieldView { key: key(&field_key), optional: !p.required, ty, doc: pdoc });
        match p.location {
            ParamIn::Path => path_params.push(PairView { name: lit(&p.name), access }),
            ParamIn::Header => headers.push(PairView { name: lit(&p.name), access }),
            _ => {
                let style =
                    p.style.as_deref().filter(|s| ["spaceDelimited", "pipeDelimited", "deepObject"].contains(s));
                let explode = match (style, p.explode) {
                    // OpenAPI's default: form with explode.
                    (None, Some(false)) => Some(false),
                    (Some(_), e) => e,
                    _ => None,
                };
                query.push(QueryView {
                    name: lit(&p.name),
                    access,
                    style: style.map(lit),
                    explode: explode.map(|e| if e { "true" } else { "false" }),
                });
            }
        }
    }
    let mut body = None;
    // fetch cannot send a GET or HEAD body (the document may declare one; API Gateway's own
    // clients cannot send it either): the call takes none.
    let bodiless = matches!(op.method, crate::ir::Method::Get | crate::ir::Method::Head);
    if let Some(rb) = op.request_body.as_ref().filter(|_| !bodiless) {
        if let Some((media, kind, schema)) = pick_media(types, &rb.content, binary) {
            let ty = match kind {
                BodyKind::Binary => "Blob | ArrayBuffer | Uint8Array | string".to_string(),
                BodyKind::Text => "string".to_string(),
                _ => schema.map(|s| types.expr(s, Side::Write, &mut stack)).unwrap_or_else(|| "unknown".into()),
            };
            let optional = !rb.required;
            fields.push(FieldView {
                key: "body".into(),
                optional,
                ty,
                doc: rb.description.as_deref().map(doc_lines).unwrap_or_default(),
            });
            let content_type = match kind {
                BodyKind::Json if media.eq_ignore_ascii_case("application/json") || media.contains('*') => None,
                BodyKind::Form | BodyKind::Multipart => None,
                BodyKind::Binary | BodyKind::Text if media.contains('*') => Some(lit("application/octet-stream")),
                _ => Some(lit(media)),
            };
            body = Some(BodyView { kind: kind.as_str(), access: "params[\"body\"]".into(), content_type });
        }
    }

    // Responses: successes resolve, everything else is an ApiError.
    let mut success = Vec::new();
    let mut errors = Vec::new();
    let mut kinds = serde_json::Map::new();
    let mut accept = None;
    let mut default_type = None;
    for r in op.responses.iter().flatten() {
        let picked = pick_media(types, &r.content, binary);
        let (kind, data) = match picked {
            None => ("empty", "undefined".to_string()),
            Some((_, BodyKind::Binary, _)) => ("binary", "Blob".to_string()),
            Some((_, BodyKind::Text, _)) => ("text", "string".to_string()),
            Some((_, _, schema)) => {
                ("json", schema.map(|s| types.expr(s, Side::Read, &mut stack)).unwrap_or_else(|| "unknown".into()))
            }
        };
        let status = r.status.as_str();
        kinds.insert(status.to_string(), Value::String(kind.into()));
        let is_code = status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit());
        let status_type = if is_code { status.to_string() } else { "number".into() };
        let result = format!("ApiResult<{status_type}, {data}>");
        if status.starts_with('2') {
            if accept.is_none() {
                accept = picked.map(|(m, _, _)| m.to_string());
            }
            success.push(result);
        } else if status == "default" {
            default_type = Some(result);
        } else {
            errors.push(result);
        }
    }
    match default_type {
        Some(d) if success.is_empty() => success.push(d),
        Some(d) => errors.push(d),
        None => {}
    }
    if success.is_empty() {
        success.push("ApiResult<number, unknown>".into());
    }
    errors.push("GatewayError".into());

    let params_type = type_names.claim(&format!("{pascal}Params"));
    let response_type = type_names.claim(&format!("{pascal}Response"));
    let error_type = type_names.claim(&format!("{pascal}Error"));
    let params_optional = fields.iter().all(|f| f.optional);
    let auth = operation_security(types.api, op);
    let security = Value::from(auth.iter().map(|a| Value::from(a.clone())).collect::<Vec<_>>()).to_string();
    OperationView {
        name: name.to_string(),
        doc,
        params_type,
        response_type,
        error_type,
        fields,
        params_optional,
        response_union: join_unique(success, " | ", "never"),
        error_union: join_unique(errors, " | ", "never"),
        method: lit(match op.method {
            // API Gateway's catch-all: the client has to pick a method; GET is the safe one.
            Method::Any => "GET",
            m => m.as_str(),
        }),
        path: lit(&path.path),
        path_params,
        query,
        headers,
        body,
        security,
        auth,
        responses: Value::Object(kinds).to_string(),
        accept: accept.filter(|a| !a.is_empty()).map(|a| lit(&a)),
    }
}
