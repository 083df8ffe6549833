//! One view per operation: its parameters, body and responses, and how each is sent or read.

use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use serde_json::Value;

use super::auth::{authorizer_view, operation_security};
use super::names::{doc_lines, key, operation_base, single_quoted, Namer};
use super::types::{join_unique, schema_doc, Side, Types};
use super::views::{AuthorizerView, CommonErrorsView, FieldView, OperationView};
use crate::ir::{Api, IntegrationType, Method, Operation, ParamIn, PathItem, Schema, SchemaId, SchemaKind};

/// API Gateway's gateway response types, their default statuses, and the authorization that
/// makes them possible for a method [DG:supported-gateway-response-types].
const GATEWAY_RESPONSES: &[(&str, u16, Needs)] = &[
    ("ACCESS_DENIED", 403, Needs::Nothing),
    ("API_CONFIGURATION_ERROR", 500, Needs::Nothing),
    ("AUTHORIZER_CONFIGURATION_ERROR", 500, Needs::Authorizer),
    ("AUTHORIZER_FAILURE", 500, Needs::Authorizer),
    ("BAD_REQUEST_PARAMETERS", 400, Needs::Nothing),
    ("BAD_REQUEST_BODY", 400, Needs::Nothing),
    ("EXPIRED_TOKEN", 403, Needs::Iam),
    ("INTEGRATION_FAILURE", 504, Needs::Nothing),
    ("INTEGRATION_TIMEOUT", 504, Needs::Nothing),
    ("INVALID_API_KEY", 403, Needs::ApiKey),
    ("INVALID_SIGNATURE", 403, Needs::Iam),
    ("MISSING_AUTHENTICATION_TOKEN", 403, Needs::Nothing),
    ("QUOTA_EXCEEDED", 429, Needs::Nothing),
    ("REQUEST_TOO_LARGE", 413, Needs::Nothing),
    ("RESOURCE_NOT_FOUND", 404, Needs::Nothing),
    ("THROTTLED", 429, Needs::Nothing),
    ("UNAUTHORIZED", 401, Needs::Authorizer),
    ("UNSUPPORTED_MEDIA_TYPE", 415, Needs::Nothing),
    ("WAF_FILTERED", 403, Needs::Nothing),
];

/// Statuses that share a body type become one result whose status is their union (GitHub's
/// operations declare one inline error body for 400, 401, 403, 404 and 422): the same type for the
/// caller, one type instead of several for the checker. Order is that of first appearance.
fn by_body(results: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut out: Vec<(Vec<String>, String)> = Vec::new();
    for (status, data) in results {
        match out.iter_mut().find(|(_, d)| *d == data) {
            Some((statuses, _)) if !statuses.contains(&status) => statuses.push(status),
            Some(_) => {}
            None => out.push((vec![status], data)),
        }
    }
    out.into_iter().map(|(statuses, data)| (statuses.join(" | "), data)).collect()
}

/// What a gateway response needs of a method's authorization to be possible.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    Nothing,
    /// A Cognito, JWT or Lambda authorizer (a token or identity sources).
    Authorizer,
    Iam,
    ApiKey,
}

/// The statuses API Gateway itself may answer an operation with: its gateway responses for the
/// authorization in use (with the API's own `statusCode`s), a Lambda proxy's malformed answer
/// (502), and HTTP APIs' and CloudFront's 503. And whether the API rewrites their bodies (its
/// gateway responses' `responseTemplates`), so that `{message}` cannot be promised.
fn gateway_statuses(api: &Api, auth: &[Vec<Value>]) -> (Vec<u16>, bool) {
    let uses = |types: &[&str]| {
        auth.iter().flatten().any(|a| a.get("type").and_then(Value::as_str).is_some_and(|t| types.contains(&t)))
    };
    let possible = |needs: Needs| match needs {
        Needs::Nothing => true,
        Needs::Authorizer => uses(&["token", "request"]),
        Needs::Iam => uses(&["sigv4"]),
        Needs::ApiKey => uses(&["apiKey"]),
    };
    let mut statuses: Vec<u16> = vec![502, 503];
    for (kind, status, needs) in GATEWAY_RESPONSES {
        if !possible(*needs) {
            continue;
        }
        let own = api.apigw.gateway_responses.get(*kind).and_then(|g| g.status_code.as_ref());
        statuses.push(own.and_then(|t| t.as_str()).and_then(|s| s.trim().parse().ok()).unwrap_or(*status));
    }
    // DEFAULT_4XX / DEFAULT_5XX with a statusCode of their own replace every type left at default.
    for kind in ["DEFAULT_4XX", "DEFAULT_5XX"] {
        let own = api.apigw.gateway_responses.get(kind).and_then(|g| g.status_code.as_ref());
        if let Some(status) = own.and_then(|t| t.as_str()).and_then(|s| s.trim().parse().ok()) {
            statuses.push(status);
        }
    }
    statuses.sort_unstable();
    statuses.dedup();
    let rewritten = api.apigw.gateway_responses.values().any(|g| !g.response_templates.is_empty());
    (statuses, rewritten)
}

/// Whether a method's integration receives the request body though the document describes none:
/// a proxy, or an `aws` / `http` integration (which passes it through or maps it). A `$ref`'d
/// integration is read through its reference by the loader.
fn forwards_body(op: &Operation) -> bool {
    matches!(
        op.integration.as_ref().and_then(|i| i.kind()),
        Some(IntegrationType::AwsProxy | IntegrationType::HttpProxy | IntegrationType::Aws | IntegrationType::Http)
    )
}

/// The operations' views, and what they share.
pub(super) struct OperationViews {
    /// In document order.
    pub(super) operations: Vec<OperationView>,
    /// The authorizers the operations use, by security scheme.
    pub(super) authorizers: IndexMap<String, AuthorizerView>,
    /// The error unions operations share: the gateway-and-undeclared ones, then those with the
    /// same declared errors, each in order of first use.
    pub(super) common_errors: Vec<CommonErrorsView>,
}

/// The operations, with the authorizers they use and the error unions they share.
pub(super) fn operations(
    types: &Types<'_>,
    binary: &[String],
    type_names: &mut Namer,
    value_names: &mut Namer,
) -> OperationViews {
    let mut operations = Vec::new();
    let mut authorizers: IndexMap<String, AuthorizerView> = IndexMap::new();
    let mut common = CommonErrors { base: gateway_statuses(types.api, &[]).0, by_union: IndexMap::new() };
    for (path, op) in types.api.operations() {
        let name = value_names.claim(&operation_base(path, op));
        let view = operation_view(types, binary, path, op, &name, type_names, &mut common);
        for auth in view.auth.iter().flatten() {
            authorizer_view(types.api, auth, &mut authorizers);
        }
        operations.push(view);
    }
    let mut common_errors: Vec<CommonErrorsView> = common.by_union.into_values().collect();
    common_errors.extend(share_error_unions(&mut operations, type_names));
    OperationViews { operations, authorizers, common_errors }
}

/// Operations with the same declared errors have the same error union (Stripe: 417 operations,
/// GitHub: a few dozen groups). Each union two or more share is declared once, named by its
/// statuses (`Errors404And422`, `ErrorsDefaultWith401`), and their `OpError`s name it, so that the
/// checker builds the union once and not once per operation. The operations' own aliases stay.
fn share_error_unions(operations: &mut [OperationView], type_names: &mut Namer) -> Vec<CommonErrorsView> {
    let mut uses: IndexMap<&str, (usize, &str)> = IndexMap::new();
    for o in operations.iter() {
        // A union of the gateway's errors alone is a common alias already.
        if let Some(label) = &o.error_label {
            uses.entry(o.error_union.as_str()).or_insert((0, label.as_str())).0 += 1;
        }
    }
    let mut shared: IndexMap<String, CommonErrorsView> = IndexMap::new();
    for (union, (count, label)) in uses {
        if count < 2 {
            continue;
        }
        let name = type_names.claim(&format!("Errors{label}"));
        let doc = vec![format!("The error union of {count} operations: their `…Error` types name it.")];
        shared.insert(union.to_string(), CommonErrorsView { name, union: union.to_string(), doc });
    }
    for o in operations.iter_mut() {
        if let Some(view) = shared.get(&o.error_union) {
            o.error_union = view.name.clone();
        }
    }
    shared.into_values().collect()
}

/// The gateway-and-undeclared unions named so far, by their TypeScript.
struct CommonErrors {
    /// The gateway statuses of an operation without authorization.
    base: Vec<u16>,
    by_union: IndexMap<String, CommonErrorsView>,
}

impl CommonErrors {
    /// The name of the union of API Gateway's errors with `statuses` and the undeclared ones:
    /// `CommonErrors` for the statuses of an operation without authorization, and for the ones
    /// authorization adds, `CommonErrorsWith401` (the added statuses).
    fn name(&mut self, statuses: &[u16], rewritten: bool, type_names: &mut Namer) -> String {
        let codes: Vec<String> = statuses.iter().map(u16::to_string).collect();
        let union = format!(
            "GatewayError<{}{}> | UndeclaredError",
            codes.join(" | "),
            if rewritten { ", unknown" } else { "" }
        );
        if let Some(view) = self.by_union.get(&union) {
            return view.name.clone();
        }
        let added: Vec<String> = statuses.iter().filter(|s| !self.base.contains(s)).map(u16::to_string).collect();
        let base = if added.is_empty() {
            "CommonErrors".to_string()
        } else {
            format!("CommonErrorsWith{}", added.join("And"))
        };
        let name = type_names.claim(&base);
        let body = if rewritten { "the body its gateway responses make" } else { "a `{message}` body, or text" };
        let doc = vec![
            format!("API Gateway's own answers (`source: \"gateway\"`, {body}): {},", codes.join(", ")),
            "and any status the document does not declare (`source: \"undeclared\"`).".to_string(),
        ];
        self.by_union.insert(union.clone(), CommonErrorsView { name: name.clone(), union, doc });
        name
    }
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
    common: &mut CommonErrors,
) -> OperationView {
    let pascal = name.to_upper_camel_case();
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
    // The runtime's description of the call: each value named by its key in `params`.
    let mut path_params = serde_json::Map::new();
    let mut query = Vec::new();
    let mut headers = serde_json::Map::new();
    let mut json_keys = Vec::new();
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
        // A parameter described by `content`: JSON is written by the call; another media type
        // (text/plain, XML) is given as the text to send.
        let json = p.media_type.as_deref().is_some_and(|m| m.to_ascii_lowercase().contains("json"));
        let mut ty = match (&p.media_type, p.schema) {
            (Some(_), _) if !json => "string".into(),
            (_, Some(s)) => types.expr(s, Side::Write, &mut stack),
            (_, None) if json => "unknown".into(),
            (_, None) => "string".into(),
        };
        // A date-time may be given as a Date: the runtime writes its ISO 8601 form.
        let date_time = p.schema.map(|s| types.schema(s)).is_some_and(|s| s.format.as_deref() == Some("date-time"));
        if date_time && (ty == "string" || ty == "string | null") {
            ty = ty.replacen("string", "string | Date", 1);
        }
        let mut pdoc = p.description.as_deref().map(doc_lines).unwrap_or_default();
        if let Some(s) = p.schema {
            let sd = schema_doc(types.schema(s));
            pdoc.extend(sd.into_iter().filter(|l| l.starts_with("Format") || l.starts_with("@default")));
        }
        if let Some(m) = &p.media_type {
            let how = if json { "Sent as JSON text" } else { "Sent as the text given" };
            pdoc.push(format!("{how} (`{}`).", m.replace("*/", "*\\/")));
            if json {
                json_keys.push(field_key.clone());
            }
        }
        if p.deprecated {
            pdoc.push("@deprecated".into());
        }
        fields.push(FieldView { key: key(&field_key), optional: !p.required, ty, doc: pdoc });
        match p.location {
            ParamIn::Path => {
                path_params.insert(p.name.clone(), field_key.into());
            }
            ParamIn::Header => {
                headers.insert(p.name.clone(), field_key.into());
            }
            _ => {
                let style =
                    p.style.as_deref().filter(|s| ["spaceDelimited", "pipeDelimited", "deepObject"].contains(s));
                let explode = match (style, p.explode) {
                    // OpenAPI's default: form with explode.
                    (None, Some(false)) => Some(false),
                    (Some(_), e) => e,
                    _ => None,
                };
                let mut q = serde_json::Map::new();
                q.insert("name".into(), p.name.as_str().into());
                q.insert("key".into(), field_key.into());
                if let Some(style) = style {
                    q.insert("style".into(), style.into());
                }
                if let Some(explode) = explode {
                    q.insert("explode".into(), explode.into());
                }
                query.push(Value::Object(q));
            }
        }
    }
    // An ANY method is called with the method the caller chooses.
    let mut method_key = None;
    if op.method == Method::Any {
        let k = keys.claim("method");
        fields.push(FieldView {
            key: key(&k),
            optional: true,
            ty: r#""GET" | "HEAD" | "OPTIONS" | "POST" | "PUT" | "PATCH" | "DELETE""#.into(),
            doc: vec!["The HTTP method to call this `ANY` method with; default GET.".into()],
        });
        method_key = Some(k);
    }
    let mut body = None;
    // fetch cannot send a GET or HEAD body (the document may declare one; API Gateway's own
    // clients cannot send it either): the call takes none.
    let bodiless = matches!(op.method, Method::Get | Method::Head);
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
                BodyKind::Binary | BodyKind::Text if media.contains('*') => {
                    Some("application/octet-stream".to_string())
                }
                _ => Some(media.to_string()),
            };
            let encoding = rb.content.get(media).map(|m| &m.encoding).filter(|e| !e.is_empty());
            let encoding = encoding.filter(|_| matches!(kind, BodyKind::Form | BodyKind::Multipart)).map(|e| {
                let fields = e.iter().map(|(name, enc)| {
                    let mut o = serde_json::Map::new();
                    let style = enc
                        .style
                        .as_deref()
                        .filter(|s| ["form", "spaceDelimited", "pipeDelimited", "deepObject"].contains(s));
                    if let Some(s) = style {
                        o.insert("style".into(), s.into());
                    }
                    if let Some(x) = enc.explode {
                        o.insert("explode".into(), x.into());
                    }
                    if let Some(c) = &enc.content_type {
                        o.insert("contentType".into(), c.as_str().into());
                    }
                    (name.clone(), Value::Object(o))
                });
                Value::Object(fields.collect())
            });
            let mut b = serde_json::Map::new();
            b.insert("kind".into(), kind.as_str().into());
            if let Some(ct) = content_type {
                b.insert("contentType".into(), ct.into());
            }
            if let Some(e) = encoding {
                b.insert("encoding".into(), e);
            }
            body = Some(b);
        }
    } else if op.request_body.is_none()
        && matches!(op.method, Method::Post | Method::Put | Method::Patch | Method::Any)
        && forwards_body(op)
    {
        // The document describes no body, but the integration forwards one (an S3 PUT, a proxy):
        // the call may send raw bytes or text with a content type of its choice.
        fields.push(FieldView {
            key: "body".into(),
            optional: true,
            ty: "RawValue".into(),
            doc: vec![
                "The request body, sent as it is (the document describes none; the integration forwards it).".into()
            ],
        });
        let ct = keys.claim("contentType");
        fields.push(FieldView {
            key: key(&ct),
            optional: true,
            ty: "string".into(),
            doc: vec![
                "The body's `Content-Type`; default: fetch's (a Blob's own type, text/plain for a string).".into()
            ],
        });
        let mut b = serde_json::Map::new();
        b.insert("kind".into(), "raw".into());
        b.insert("contentTypeKey".into(), ct.into());
        body = Some(b);
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
        // The runtime looks a class up as `4XX`; OpenAPI allows `4xx` too.
        let key =
            if status.len() == 3 && status.ends_with("xx") { status.to_ascii_uppercase() } else { status.to_string() };
        kinds.insert(key, Value::String(kind.into()));
        let is_code = status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit());
        let status_type = if is_code { status.to_string() } else { "number".into() };
        if status.starts_with('2') {
            if accept.is_none() {
                accept = picked.map(|(m, _, _)| m.to_string());
            }
            success.push((status_type, data));
        } else if status == "default" {
            default_type = Some(data);
        } else {
            errors.push((status_type, data));
        }
    }
    let mut success: Vec<String> = by_body(success).into_iter().map(|(s, d)| format!("ApiResult<{s}, {d}>")).collect();
    let declared = by_body(errors);
    // What a union these errors make is called where operations share it: its statuses.
    let mut labels: Vec<String> = declared
        .iter()
        .map(|(s, _)| s.split(" | ").map(|s| if s == "number" { "Other" } else { s }).collect::<Vec<_>>().join("Or"))
        .collect();
    let mut errors: Vec<String> =
        declared.into_iter().map(|(s, d)| format!("ErrorResult<\"api\", {s}, {d}>")).collect();
    if let Some(d) = default_type {
        // With no success declared, `default` is what a success holds too.
        if success.is_empty() {
            success.push(format!("ApiResult<number, {d}>"));
        }
        errors.push(format!("ErrorResult<\"default\", number, {d}>"));
        labels.push("Default".into());
    }
    if success.is_empty() {
        success.push("ApiResult<number, unknown>".into());
    }
    let auth = operation_security(types.api, op);
    let (gateway, rewritten) = gateway_statuses(types.api, &auth);
    let common_name = common.name(&gateway, rewritten, type_names);
    let error_label = (!labels.is_empty())
        .then(|| format!("{}{}", labels.join("And"), common_name.strip_prefix("CommonErrors").unwrap_or_default()));
    errors.push(common_name);

    let params_type = type_names.claim(&format!("{pascal}Params"));
    let response_type = type_names.claim(&format!("{pascal}Response"));
    let error_type = type_names.claim(&format!("{pascal}Error"));
    let params_optional = fields.iter().all(|f| f.optional);
    let iam = auth.iter().flatten().any(|a| a.get("type").and_then(Value::as_str) == Some("sigv4"));
    let mut d = serde_json::Map::new();
    d.insert("id".into(), name.into());
    d.insert("method".into(), if op.method == Method::Any { "GET" } else { op.method.as_str() }.into());
    if let Some(k) = method_key {
        d.insert("methodKey".into(), k.into());
    }
    d.insert("path".into(), path.path.as_str().into());
    if !path_params.is_empty() {
        d.insert("pathParams".into(), Value::Object(path_params));
    }
    // Form with explode (OpenAPI's default) is the runtime's own; any other style needs buildQuery.
    let styled_query = query.iter().any(|q| q.get("style").is_some() || q.get("explode").is_some());
    if !query.is_empty() {
        d.insert("query".into(), Value::Array(query));
    }
    if !headers.is_empty() {
        d.insert("headers".into(), Value::Object(headers));
    }
    let body_kind = body.as_ref().and_then(|b| b.get("kind")).and_then(Value::as_str).map(str::to_string);
    if let Some(b) = body {
        d.insert("body".into(), Value::Object(b));
    }
    d.insert("security".into(), Value::from(auth.iter().map(|a| Value::from(a.clone())).collect::<Vec<_>>()));
    d.insert("responses".into(), Value::Object(kinds));
    if let Some(a) = accept.filter(|a| !a.is_empty()) {
        d.insert("accept".into(), a.into());
    }
    let own_server = op.servers.first();
    if let Some(server) = own_server {
        d.insert("server".into(), server.as_str().into());
    }
    d.insert("gateway".into(), gateway.clone().into());
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
        error_label,
        descriptor: single_quoted(&Value::Object(d).to_string()),
        json_keys: (!json_keys.is_empty()).then(|| Value::from(json_keys).to_string()),
        carried: {
            let mut c = Vec::new();
            if !auth.is_empty() {
                c.push("authorization");
            }
            match body_kind.as_deref() {
                Some("multipart") => c.push("encode: encodeMultipart"),
                Some("form") => c.push("encode: encodeForm"),
                Some(_) => c.push("encode: encodeBody"),
                None => {}
            }
            if iam {
                c.push("signer: signRequest");
            }
            if styled_query {
                c.push("serializeQuery: buildQuery");
            }
            if own_server.is_some() {
                c.push("resolveServer: operationServer");
            }
            if c.is_empty() {
                "{}".to_string()
            } else {
                format!("{{ {} }}", c.join(", "))
            }
        },
        body_kind,
        auth,
    }
}
