//! `gwgen sdk --lang ts`: a TypeScript client package for an API.
//!
//! Everything that decides something happens here, in view models: one naming pass over models,
//! operations and their types (collision-checked against TypeScript's reserved words, the globals
//! generated code uses and the runtime's exports), the schema-to-type mapping (with request and
//! response shapes of the models that have readOnly / writeOnly properties), body and response
//! kinds, and API Gateway's authorization per operation. The templates in `templates/ts/` only
//! print what they are given; `runtime.ts` is copied as it is.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};

use heck::{ToLowerCamelCase, ToUpperCamelCase};
use indexmap::IndexMap;
use minijinja::{AutoEscape, Environment};
use serde::Serialize;
use serde_json::{json, Value};

use crate::ir::{
    Additional, Api, ApiKeySource, ApiType, AuthKind, AuthorizerType, Choice, Method, Operation, ParamIn, PathItem,
    Schema, SchemaId, SchemaKind, SecurityScheme,
};

pub const RUNTIME: &str = include_str!("../../templates/ts/runtime.ts");

const TEMPLATES: [(&str, &str, &str); 5] = [
    ("models.ts.j2", "src/models.ts", include_str!("../../templates/ts/models.ts.j2")),
    ("operations.ts.j2", "src/operations.ts", include_str!("../../templates/ts/operations.ts.j2")),
    ("client.ts.j2", "src/client.ts", include_str!("../../templates/ts/client.ts.j2")),
    ("index.ts.j2", "src/index.ts", include_str!("../../templates/ts/index.ts.j2")),
    ("README.md.j2", "README.md", include_str!("../../templates/ts/README.md.j2")),
];

/// What `gwgen sdk` was asked for.
pub struct Options {
    /// The npm package name (`--name`); None: from the API's title.
    pub name: Option<String>,
}

/// One file of the package, its path relative to the output folder.
#[derive(Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Words TypeScript reserves (or gives a meaning in type positions): never an identifier of ours.
const RESERVED: [&str; 62] = [
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
    "async",
    "any",
    "boolean",
    "number",
    "string",
    "symbol",
    "never",
    "unknown",
    "object",
    "undefined",
    "bigint",
    "type",
    "keyof",
    "readonly",
    "infer",
    "arguments",
];

/// Globals the generated code (or its users) rely on: a model of that name is renamed rather
/// than shadow them (`Error` becomes `ErrorModel`).
const GLOBALS: [&str; 40] = [
    "Error",
    "Response",
    "Request",
    "Headers",
    "Blob",
    "File",
    "FormData",
    "Record",
    "Array",
    "ReadonlyArray",
    "Promise",
    "Date",
    "Object",
    "String",
    "Number",
    "Boolean",
    "Symbol",
    "Map",
    "Set",
    "URL",
    "URLSearchParams",
    "Partial",
    "Required",
    "Readonly",
    "Pick",
    "Omit",
    "Exclude",
    "Extract",
    "NonNullable",
    "Function",
    "JSON",
    "Math",
    "RegExp",
    "Uint8Array",
    "ArrayBuffer",
    "ReadableStream",
    "AbortSignal",
    "AbortController",
    "TextEncoder",
    "Awaited",
];

/// Names the generated files declare themselves.
const GENERATED: [&str; 8] = [
    "ApiClient",
    "ApiClientOptions",
    "Authorizers",
    "Stage",
    "OperationErrors",
    "createClient",
    "environments",
    "isApiError",
];

/// The identifiers `runtime.ts` exports (read from its text, so the list cannot go stale).
fn runtime_exports() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(scan_runtime_exports)
}

fn scan_runtime_exports() -> Vec<&'static str> {
    let mut out = Vec::new();
    for line in RUNTIME.lines() {
        let Some(rest) = line.strip_prefix("export ") else { continue };
        let rest = rest.trim_start_matches("declare ").trim_start_matches("abstract ").trim_start_matches("async ");
        for kw in ["function ", "class ", "interface ", "type ", "const ", "let ", "enum "] {
            if let Some(name) = rest.strip_prefix(kw) {
                let end =
                    name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$')).unwrap_or(name.len());
                if end > 0 {
                    out.push(&name[..end]);
                }
            }
        }
    }
    out
}

/// A namespace of identifiers: claims a name, adding a number when it is taken.
struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    fn new<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Namer {
        Namer { taken: reserved.into_iter().map(str::to_string).collect() }
    }

    fn claim(&mut self, base: &str) -> String {
        let mut name = base.to_string();
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        let mut i = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{sep}{i}");
            i += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// Keeps the characters an ASCII identifier may hold.
fn ascii_ident(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$').collect()
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A PascalCase type name for `raw`; reserved words and globals get a `Model` suffix.
fn type_base(raw: &str) -> String {
    let mut name = ascii_ident(&raw.to_upper_camel_case());
    if name.is_empty() {
        name = "Model".into();
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("Model{name}");
    }
    if RESERVED.contains(&name.as_str())
        || GLOBALS.contains(&name.as_str())
        || runtime_exports().contains(&name.as_str())
    {
        name.push_str("Model");
    }
    name
}

/// A string literal (JSON's escapes are TypeScript's).
fn lit(s: &str) -> String {
    // Line and paragraph separators are legal in string literals but end lines in some tools.
    serde_json::to_string(s).unwrap_or_default().replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// A property key: bare when it is an identifier, else quoted.
fn key(s: &str) -> String {
    if is_ident(s) {
        s.to_string()
    } else {
        lit(s)
    }
}

/// Lines of a doc comment, safe inside `/** ... */`: `*/` cannot close it, and a line that
/// starts with `@` cannot start a tag.
fn doc_lines(text: &str) -> Vec<String> {
    let normalized = text.replace("\r\n", "\n").replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    let mut lines: Vec<String> = normalized
        .lines()
        .map(|l| {
            let l = l.trim_end().replace("*/", "*\\/");
            if l.trim_start().starts_with('@') {
                l.replacen('@', "\\@", 1)
            } else {
                l
            }
        })
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// In a response: writeOnly properties are left out.
    Read,
    /// In a request: readOnly properties are left out.
    Write,
}

/// The schema-to-type mapping, with the names of the models.
struct Types<'a> {
    api: &'a Api,
    /// Per schema id: its model name, for named schemas.
    names: Vec<Option<String>>,
    /// Per schema id: the name of its request shape, for models whose shapes differ.
    input_names: Vec<Option<String>>,
    /// The models a rendering used (for the imports of `operations.ts`).
    used: RefCell<BTreeSet<String>>,
}

impl<'a> Types<'a> {
    fn schema(&self, id: SchemaId) -> &'a Schema {
        self.api.schemas.get(id)
    }

    fn children(s: &Schema) -> Vec<SchemaId> {
        match &s.kind {
            SchemaKind::Array { items } => items.iter().copied().collect(),
            SchemaKind::Object { properties, additional, .. } => {
                let mut v: Vec<SchemaId> = properties.values().copied().collect();
                if let Some(Additional::Schema(a)) = additional {
                    v.push(*a);
                }
                v
            }
            SchemaKind::AllOf { of } | SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } => of.clone(),
            _ => Vec::new(),
        }
    }

    /// Which schemas have different request and response shapes, through everything they reach.
    fn compute_differs(api: &Api) -> Vec<bool> {
        let schemas = &api.schemas.schemas;
        let mut differs: Vec<bool> = schemas
            .iter()
            .map(|s| match &s.kind {
                SchemaKind::Object { properties, .. } => properties.values().any(|p| {
                    let p = api.schemas.get(*p);
                    p.read_only || p.write_only
                }),
                _ => false,
            })
            .collect();
        let children: Vec<Vec<SchemaId>> = schemas.iter().map(Self::children).collect();
        loop {
            let mut changed = false;
            for (i, kids) in children.iter().enumerate() {
                if !differs[i] && kids.iter().any(|k| differs[k.0 as usize]) {
                    differs[i] = true;
                    changed = true;
                }
            }
            if !changed {
                return differs;
            }
        }
    }

    /// The type of schema `id` where it is used: a model name, or the type written out.
    fn expr(&self, id: SchemaId, side: Side, stack: &mut Vec<SchemaId>) -> String {
        let i = id.0 as usize;
        if let Some(name) = &self.names[i] {
            let name = match (&self.input_names[i], side) {
                (Some(input), Side::Write) => input,
                _ => name,
            };
            self.used.borrow_mut().insert(name.clone());
            return name.clone();
        }
        if stack.contains(&id) {
            return "unknown".into();
        }
        stack.push(id);
        let t = self.body(id, side, stack);
        stack.pop();
        t
    }

    /// The type a schema describes, written out (a model's own definition).
    fn body(&self, id: SchemaId, side: Side, stack: &mut Vec<SchemaId>) -> String {
        let s = self.schema(id);
        let base = self.base(s, side, stack);
        if s.nullable && base != "unknown" && base != "null" {
            format!("{} | null", group(&base))
        } else {
            base
        }
    }

    fn base(&self, s: &Schema, side: Side, stack: &mut Vec<SchemaId>) -> String {
        if let Some(literals) = enum_literals(s) {
            return literals.join(" | ");
        }
        match &s.kind {
            SchemaKind::Any | SchemaKind::Unresolved { .. } => "unknown".into(),
            SchemaKind::String => "string".into(),
            SchemaKind::Integer | SchemaKind::Number => "number".into(),
            SchemaKind::Boolean => "boolean".into(),
            SchemaKind::Null => "null".into(),
            SchemaKind::Binary => match side {
                Side::Read => "Blob".into(),
                Side::Write => "Blob | Uint8Array".into(),
            },
            SchemaKind::Array { items } => {
                let item = items.map(|t| self.expr(t, side, stack)).unwrap_or_else(|| "unknown".into());
                format!("Array<{item}>")
            }
            SchemaKind::Object { .. } => {
                let (fields, index) = self.fields(s, side, stack);
                let mut parts: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{}{}: {}", f.key, if f.optional { "?" } else { "" }, f.ty))
                    .collect();
                if let Some(ix) = index {
                    parts.push(format!("[key: string]: {ix}"));
                }
                if parts.is_empty() {
                    "Record<string, never>".into()
                } else {
                    format!("{{ {} }}", parts.join("; "))
                }
            }
            SchemaKind::AllOf { of } => {
                let parts: Vec<String> = of.iter().map(|m| group(&self.expr(*m, side, stack))).collect();
                join_unique(parts, " & ", "unknown")
            }
            SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } => {
                let parts: Vec<String> = of.iter().map(|m| self.member(s, *m, side, stack)).collect();
                join_unique(parts, " | ", "unknown")
            }
        }
    }

    /// A member of a union: tagged with its discriminator values when the union has one.
    fn member(&self, union: &Schema, m: SchemaId, side: Side, stack: &mut Vec<SchemaId>) -> String {
        let t = self.expr(m, side, stack);
        let (Some(d), Some(name)) = (&union.discriminator, &self.schema(m).name) else {
            return t;
        };
        let mut tags: Vec<String> = d
            .mapping
            .iter()
            .filter(|(_, target)| target.rsplit('/').next() == Some(name.as_str()))
            .map(|(k, _)| lit(k))
            .collect();
        if d.mapping.is_empty() {
            tags.push(lit(name));
        }
        if tags.is_empty() || d.property_name.is_empty() {
            return t;
        }
        format!("({{ {}: {} }} & {})", key(&d.property_name), tags.join(" | "), group(&t))
    }

    /// An object's properties for one side, and the type of its index signature.
    fn fields(&self, s: &Schema, side: Side, stack: &mut Vec<SchemaId>) -> (Vec<FieldView>, Option<String>) {
        let SchemaKind::Object { properties, required, additional } = &s.kind else {
            return (Vec::new(), None);
        };
        let mut fields = Vec::with_capacity(properties.len());
        for (name, p) in properties {
            let ps = self.schema(*p);
            if (side == Side::Write && ps.read_only) || (side == Side::Read && ps.write_only) {
                continue;
            }
            fields.push(FieldView {
                key: key(name),
                optional: !required.contains(name),
                ty: self.expr(*p, side, stack),
                doc: schema_doc(ps),
            });
        }
        let index = match additional {
            Some(Additional::Forbidden) => None,
            Some(Additional::Schema(a)) if fields.is_empty() => Some(self.expr(*a, side, stack)),
            Some(_) => Some("unknown".to_string()),
            None if fields.is_empty() && properties.is_empty() => Some("unknown".to_string()),
            None => None,
        };
        (fields, index)
    }
}

/// `T` wrapped in parentheses when it is a union or intersection.
fn group(t: &str) -> String {
    let (mut depth, mut in_string, mut escaped, mut operator) = (0i32, false, false, false);
    for c in t.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '{' | '<' | '[' => depth += 1,
            ')' | '}' | '>' | ']' => depth -= 1,
            '|' | '&' if depth == 0 => operator = true,
            _ => {}
        }
    }
    if operator {
        format!("({t})")
    } else {
        t.to_string()
    }
}

fn join_unique(parts: Vec<String>, sep: &str, empty: &str) -> String {
    let mut seen = HashSet::new();
    let parts: Vec<String> = parts.into_iter().filter(|p| seen.insert(p.clone())).collect();
    if parts.is_empty() {
        empty.to_string()
    } else {
        parts.join(sep)
    }
}

/// The literal types of an enum, when every value has one.
fn enum_literals(s: &Schema) -> Option<Vec<String>> {
    if s.enum_values.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for v in &s.enum_values {
        let l = match v {
            Value::String(t) => lit(t),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => continue,
            _ => return None,
        };
        if !out.contains(&l) {
            out.push(l);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The doc comment of a schema used as a property or a model.
fn schema_doc(s: &Schema) -> Vec<String> {
    let mut doc = Vec::new();
    if let Some(t) = &s.title {
        doc.extend(doc_lines(t));
    }
    if let Some(d) = &s.description {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.extend(doc_lines(d));
    }
    match s.format.as_deref() {
        Some("int64") if matches!(s.kind, SchemaKind::Integer | SchemaKind::Number) => {
            doc.push("Format: int64. A JavaScript number is exact up to 2^53 - 1; larger values lose precision.".into())
        }
        Some(f @ ("date" | "date-time" | "time" | "duration" | "uuid" | "email" | "uri" | "byte")) => {
            doc.push(format!("Format: {f} (kept as a string)."))
        }
        _ => {}
    }
    if s.read_only {
        doc.push("Read-only: sent by the server, never in requests.".into());
    }
    if s.write_only {
        doc.push("Write-only: sent in requests, never in responses.".into());
    }
    if let Some(d) = &s.default {
        if let Ok(text) = serde_json::to_string(d) {
            if text.len() <= 200 {
                doc.extend(doc_lines(&format!("@default {text}")).into_iter().map(|l| l.replacen("\\@", "@", 1)));
            }
        }
    }
    if s.deprecated {
        doc.push("@deprecated".into());
    }
    doc
}

#[derive(Serialize)]
struct FieldView {
    key: String,
    optional: bool,
    #[serde(rename = "type")]
    ty: String,
    doc: Vec<String>,
}

#[derive(Serialize)]
struct MemberView {
    name: String,
    value: String,
}

#[derive(Serialize)]
struct ModelView {
    name: String,
    doc: Vec<String>,
    /// `interface`, `alias` or `enum`.
    form: &'static str,
    fields: Vec<FieldView>,
    index: Option<String>,
    #[serde(rename = "type")]
    ty: String,
    members: Vec<MemberView>,
}

#[derive(Serialize)]
struct QueryView {
    name: String,
    access: String,
    style: Option<String>,
    /// `true` / `false` as TypeScript writes them.
    explode: Option<&'static str>,
}

#[derive(Serialize)]
struct PairView {
    name: String,
    access: String,
}

#[derive(Serialize)]
struct BodyView {
    kind: &'static str,
    access: String,
    content_type: Option<String>,
}

#[derive(Serialize)]
struct OperationView {
    name: String,
    doc: Vec<String>,
    params_type: String,
    response_type: String,
    error_type: String,
    fields: Vec<FieldView>,
    /// Every field is optional: `params` defaults to `{}`.
    params_optional: bool,
    response_union: String,
    error_union: String,
    method: String,
    path: String,
    path_params: Vec<PairView>,
    query: Vec<QueryView>,
    headers: Vec<PairView>,
    body: Option<BodyView>,
    /// The runtime's `Auth` alternatives, as TypeScript (JSON) text.
    security: String,
    #[serde(skip)]
    auth: Vec<Vec<Value>>,
    responses: String,
    accept: Option<String>,
}

#[derive(Serialize)]
struct AuthorizerView {
    key: String,
    #[serde(rename = "type")]
    ty: String,
    doc: Vec<String>,
}

#[derive(Serialize)]
struct EnvironmentView {
    key: String,
    url: String,
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

/// The identity sources a client supplies: `(in, name)` of each header or query string source.
fn identity_sources(source: &str) -> Vec<(&'static str, String)> {
    source
        .split(',')
        .filter_map(|part| {
            let p = part.trim();
            let p = p.strip_prefix("method.request.").or_else(|| p.strip_prefix("$request.")).unwrap_or(p);
            if let Some(h) = p.strip_prefix("header.") {
                Some(("header", h.to_string()))
            } else if let Some(q) = p.strip_prefix("querystring.") {
                Some(("query", q.to_string()))
            } else {
                None
            }
        })
        .collect()
}

/// `x-amazon-apigateway-api-key-source: AUTHORIZER`: the Lambda authorizer supplies the API key,
/// so the client sends none.
fn key_from_authorizer(api: &Api) -> bool {
    api.apigw.api_key_source.as_ref().and_then(Choice::get) == Some(ApiKeySource::Authorizer)
}

/// What a security scheme asks of the client, as the runtime's `Auth` value; None when the client
/// has nothing to send (an API key the authorizer supplies, a cookie).
fn scheme_auth(api: &Api, name: &str, scheme: &SecurityScheme) -> Option<Value> {
    if scheme.is_iam() {
        return Some(json!({"type": "sigv4"}));
    }
    let header_name = || match (scheme.param_in.as_deref(), scheme.param_name.as_deref()) {
        (Some("header"), Some(n)) => n.to_string(),
        _ => "Authorization".to_string(),
    };
    if let Some(a) = &scheme.authorizer {
        let sources = a.identity_source.as_ref().and_then(|t| t.pattern()).map(identity_sources).unwrap_or_default();
        let kind = a.kind.as_ref().and_then(Choice::get).unwrap_or(AuthorizerType::Token);
        let first_header =
            || sources.iter().find(|(i, _)| *i == "header").map(|(_, n)| n.clone()).unwrap_or_else(header_name);
        return match kind {
            AuthorizerType::CognitoUserPools | AuthorizerType::Token => {
                Some(json!({"type": "token", "scheme": name, "in": "header", "name": first_header()}))
            }
            AuthorizerType::Jwt => Some(
                json!({"type": "token", "scheme": name, "in": "header", "name": first_header(), "prefix": "Bearer "}),
            ),
            AuthorizerType::Request if sources.is_empty() => None,
            AuthorizerType::Request => {
                let sources: Vec<Value> = sources.iter().map(|(i, n)| json!({"in": i, "name": n})).collect();
                Some(json!({"type": "request", "scheme": name, "sources": sources}))
            }
        };
    }
    let apigw_rest = api.uses_extensions && api.api_type == ApiType::Rest;
    match scheme.kind.to_ascii_lowercase().as_str() {
        "apikey" if apigw_rest => (!key_from_authorizer(api)).then(|| json!({"type": "apiKey"})),
        "apikey" => match (scheme.param_in.as_deref(), scheme.param_name.as_deref()) {
            (Some(place @ ("header" | "query")), Some(n)) => {
                Some(json!({"type": "token", "scheme": name, "in": place, "name": n}))
            }
            _ => None,
        },
        "http" | "basic" => {
            let s = scheme.scheme.as_deref().unwrap_or(if scheme.kind == "basic" { "basic" } else { "bearer" });
            let prefix = match s.to_ascii_lowercase().as_str() {
                "bearer" => "Bearer ".to_string(),
                "basic" => "Basic ".to_string(),
                other => format!("{} ", other.to_upper_camel_case()),
            };
            Some(json!({"type": "token", "scheme": name, "in": "header", "name": "Authorization", "prefix": prefix}))
        }
        "oauth2" | "openidconnect" => {
            Some(json!({"type": "token", "scheme": name, "in": "header", "name": "Authorization", "prefix": "Bearer "}))
        }
        _ => None,
    }
}

/// An operation's security as alternatives of requirements. For documents written for API
/// Gateway, what API Gateway enforces: the method's one authorizer plus its API key flag. For
/// plain OpenAPI documents, OpenAPI's rules (the root `security` applies; requirements are OR).
fn operation_security(api: &Api, op: &Operation) -> Vec<Vec<Value>> {
    if api.uses_extensions {
        let auth = api.authorization(op);
        let mut all = Vec::new();
        match &auth.kind {
            AuthKind::None => {}
            AuthKind::Iam => all.push(json!({"type": "sigv4"})),
            AuthKind::Cognito { authorizer, .. }
            | AuthKind::Lambda { authorizer }
            | AuthKind::Jwt { authorizer, .. } => {
                if let Some(a) = api.security_schemes.get(authorizer).and_then(|s| scheme_auth(api, authorizer, s)) {
                    all.push(a);
                }
            }
        }
        if auth.api_key && !key_from_authorizer(api) {
            all.push(json!({"type": "apiKey"}));
        }
        return if all.is_empty() { Vec::new() } else { vec![all] };
    }
    let Some(requirements) = op.security.as_ref().or(api.security.as_ref()) else {
        return Vec::new();
    };
    let mut out: Vec<Vec<Value>> = Vec::new();
    for r in requirements {
        let all: Vec<Value> = r
            .schemes
            .keys()
            .filter_map(|name| api.security_schemes.get(name).and_then(|s| scheme_auth(api, name, s)))
            .collect();
        if all.is_empty() {
            // An empty requirement makes authentication optional.
            return Vec::new();
        }
        if !out.contains(&all) {
            out.push(all);
        }
    }
    out
}

/// The function name for an operation without a usable operationId: method and path.
fn fallback_op_name(path: &PathItem, method: Method) -> String {
    let verb = match method {
        Method::Any => "any".to_string(),
        m => m.as_str().to_ascii_lowercase(),
    };
    let mut name = verb;
    let segments: Vec<&str> = path.path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        name.push_str("Root");
    }
    for seg in segments {
        let seg = seg.trim_start_matches('{').trim_end_matches('}').trim_end_matches('+');
        name.push_str(&ascii_ident(&seg.to_upper_camel_case()));
    }
    name
}

/// Renders the package.
pub fn render(api: &Api, options: &Options) -> Result<Vec<GeneratedFile>, String> {
    let runtime_names = runtime_exports().iter().copied();
    let mut type_names =
        Namer::new(RESERVED.iter().chain(&GLOBALS).chain(&GENERATED).copied().chain(runtime_names.clone()));
    let mut value_names = Namer::new(RESERVED.iter().copied().chain(GENERATED).chain(runtime_names).chain([
        "options",
        "__proto__",
        "ops",
    ]));
    let binary: Vec<String> =
        api.apigw.binary_media_types.iter().filter_map(|t| t.as_str()).map(str::to_ascii_lowercase).collect();

    // Models: one per named schema, in document order.
    let n = api.schemas.schemas.len();
    let differs = Types::compute_differs(api);
    let mut names = vec![None; n];
    let mut input_names = vec![None; n];
    for (raw, id) in &api.schemas.named {
        let i = id.0 as usize;
        if names[i].is_some() {
            continue;
        }
        let name = type_names.claim(&type_base(raw));
        if differs[i] {
            input_names[i] = Some(type_names.claim(&format!("{name}Input")));
        }
        value_names.taken.insert(name.clone());
        names[i] = Some(name);
    }
    let types = Types { api, names, input_names, used: RefCell::new(BTreeSet::new()) };

    let mut models = Vec::new();
    let mut seen_models = HashSet::new();
    for id in api.schemas.named.values() {
        if !seen_models.insert(*id) {
            continue;
        }
        let i = id.0 as usize;
        let name = types.names[i].clone().unwrap_or_default();
        models.push(model_view(&types, *id, name, Side::Read));
        if let Some(input) = types.input_names[i].clone() {
            let mut view = model_view(&types, *id, input, Side::Write);
            view.doc.insert(
                0,
                format!(
                    "The request shape of {{@link {}}}: without its read-only properties.",
                    types.names[i].as_deref().unwrap_or_default()
                ),
            );
            models.push(view);
        }
    }

    // Operations (importing only the models they name).
    types.used.borrow_mut().clear();
    let mut operations = Vec::new();
    let mut authorizers: IndexMap<String, AuthorizerView> = IndexMap::new();
    for (path, op) in api.operations() {
        let raw = op.operation_id.as_deref().map(|id| ascii_ident(&id.to_lower_camel_case())).unwrap_or_default();
        let base = if raw.is_empty() || raw.starts_with(|c: char| c.is_ascii_digit()) {
            fallback_op_name(path, op.method)
        } else {
            raw
        };
        let base = if RESERVED.contains(&base.as_str()) { format!("{base}Op") } else { base };
        let name = value_names.claim(&base);
        let pascal = name.to_upper_camel_case();
        let view = operation_view(&types, &binary, path, op, &name, &mut type_names, &pascal);
        for auth in view.auth.iter().flatten() {
            authorizer_view(api, auth, &mut authorizers);
        }
        operations.push(view);
    }

    let environments = environments(api);
    let mut stages: Vec<String> = api.deployment.stages.iter().map(|s| lit(&s.name)).collect();
    stages.dedup();
    let package = package_name(api, options)?;
    let version = package_version(api);
    let title = api.info.title.as_ref().and_then(|t| t.as_str()).unwrap_or("API").to_string();

    let used_models: Vec<String> = types.used.borrow().iter().cloned().collect();
    let mut runtime_imports: Vec<&str> = Vec::new();
    if !operations.is_empty() {
        runtime_imports.extend([
            "send",
            "ApiError",
            "type ApiResult",
            "type Client",
            "type GatewayError",
            "type RequestOptions",
        ]);
    }
    let mut client_imports = vec!["client as createRuntimeClient", "type ClientOptions"];
    if !authorizers.is_empty() {
        client_imports.push("type Provider");
    }
    if !operations.is_empty() {
        client_imports.push("type RequestOptions");
    }
    let uses = |kind: &str| operations.iter().any(|o| o.auth.iter().flatten().any(|a| a["type"] == kind));
    let (any_iam, any_api_key) = (uses("sigv4"), uses("apiKey"));
    let example = operations.iter().find(|o| o.params_optional).or(operations.first());
    let example_args = match example {
        Some(o) if o.params_optional => String::new(),
        Some(o) => format!(
            "{{ {} }}",
            o.fields.iter().filter(|f| !f.optional).map(|f| format!("{}: ...", f.key)).collect::<Vec<_>>().join(", ")
        ),
        None => String::new(),
    };
    let title_md: String = title.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();

    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::None);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| format!("template syntax: {e}"))?;
    env.set_syntax(syntax);
    env.add_filter("comment", comment);
    for (name, _, source) in TEMPLATES {
        env.add_template(name, source).map_err(|e| format!("template {name}: {e}"))?;
    }
    let ctx = minijinja::context! {
        package => package.clone(),
        title_md => title_md.clone(),
        api_type => api.api_type.label(),
        models => minijinja::Value::from(minijinja::value::Serde(&models)),
        example => example.map(|o| o.name.clone()),
        example_args => example_args,
        operations => minijinja::Value::from(minijinja::value::Serde(&operations)),
        used_models => used_models,
        runtime_imports => runtime_imports,
        client_imports => client_imports,
        authorizers => minijinja::Value::from(minijinja::value::Serde(authorizers.into_values().collect::<Vec<_>>())),
        first_environment => environments.first().map(|e| if is_ident(&e.key) { e.key.clone() } else { format!("[{}]", e.key) }),
        environments => minijinja::Value::from(minijinja::value::Serde(&environments)),
        stages => stages,
        any_iam => any_iam,
        any_api_key => any_api_key,
    };
    let mut files = Vec::new();
    for (template, path, _) in TEMPLATES {
        let contents = env
            .get_template(template)
            .and_then(|t| t.render(&ctx))
            .map_err(|e| format!("rendering {template}: {e:#}"))?;
        let mut contents = contents.trim_end().to_string();
        contents.push('\n');
        files.push(GeneratedFile { path: path.to_string(), contents });
    }
    let description = api.info.description.as_deref().map(|d| d.lines().next().unwrap_or("").to_string());
    let package_json = json!({
        "name": package,
        "version": version,
        "description": description.unwrap_or_else(|| format!("TypeScript client for {title_md}")),
        "type": "module",
        "sideEffects": false,
        "main": "./dist/cjs/index.js",
        "module": "./dist/esm/index.js",
        "types": "./dist/esm/index.d.ts",
        "exports": {
            ".": {
                "import": {"types": "./dist/esm/index.d.ts", "default": "./dist/esm/index.js"},
                "require": {"types": "./dist/cjs/index.d.ts", "default": "./dist/cjs/index.js"}
            }
        },
        "files": ["dist", "src"],
        "scripts": {
            "build": "tsc -p tsconfig.json && tsc -p tsconfig.cjs.json && node -e \"require('fs').writeFileSync('dist/cjs/package.json', JSON.stringify({type: 'commonjs'}))\""
        },
        "engines": {"node": ">=18"},
        "devDependencies": {"typescript": "^5.9.3"}
    });
    files.push(GeneratedFile { path: "package.json".into(), contents: super::to_json(&package_json) });
    files.push(GeneratedFile { path: "src/runtime.ts".into(), contents: RUNTIME.to_string() });
    files.push(GeneratedFile { path: "tsconfig.json".into(), contents: TSCONFIG.to_string() });
    files.push(GeneratedFile { path: "tsconfig.cjs.json".into(), contents: TSCONFIG_CJS.to_string() });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The `comment` filter: doc lines as a `/** ... */` block followed by `indent` (for the line it
/// precedes), or nothing.
fn comment(lines: Vec<String>, indent: String) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let mut out = String::from("/**\n");
    for l in &lines {
        out.push_str(&indent);
        out.push_str(if l.is_empty() { " *" } else { " * " });
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(&indent);
    out.push_str(" */\n");
    out.push_str(&indent);
    out
}

/// The strictest settings: the generated code compiles under them, so it compiles under any.
pub const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "target": "es2020",
    "lib": ["es2020", "dom"],
    "module": "es2020",
    "moduleResolution": "bundler",
    "declaration": true,
    "sourceMap": true,
    "rootDir": "src",
    "outDir": "dist/esm",
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "noUncheckedIndexedAccess": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "noImplicitOverride": true,
    "noImplicitReturns": true,
    "noFallthroughCasesInSwitch": true,
    "verbatimModuleSyntax": true,
    "isolatedModules": true,
    "skipLibCheck": true
  },
  "include": ["src"]
}
"#;

const TSCONFIG_CJS: &str = r#"{
  "extends": "./tsconfig.json",
  "compilerOptions": {
    "module": "commonjs",
    "moduleResolution": "node10",
    "verbatimModuleSyntax": false,
    "outDir": "dist/cjs"
  }
}
"#;

fn model_view(types: &Types<'_>, id: SchemaId, name: String, side: Side) -> ModelView {
    let s = types.schema(id);
    let doc = schema_doc(s);
    let mut stack = vec![id];
    if let (Some(literals), false) = (enum_literals(s), s.nullable) {
        if matches!(s.kind, SchemaKind::String | SchemaKind::Integer | SchemaKind::Number) {
            let mut members = Namer::new([]);
            let values: Vec<MemberView> = s
                .enum_values
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| {
                    let text = match v {
                        Value::String(t) => t.clone(),
                        other => other.to_string(),
                    };
                    let camel = text.to_upper_camel_case();
                    let mut m = ascii_ident(&camel);
                    if m.len() != camel.len() {
                        // Letters an ASCII identifier cannot hold: a neutral name rather than a mangled one.
                        m = "Value".into();
                    }
                    if m.is_empty() {
                        m = if text.is_empty() { "Empty".into() } else { "Value".into() };
                    } else if m.starts_with(|c: char| c.is_ascii_digit()) {
                        m = format!("_{m}");
                    }
                    MemberView { name: members.claim(&m), value: if v.is_string() { lit(&text) } else { text } }
                })
                .collect();
            return ModelView {
                name,
                doc,
                form: "enum",
                fields: Vec::new(),
                index: None,
                ty: literals.join(" | "),
                members: values,
            };
        }
    }
    if let (SchemaKind::Object { properties, .. }, false, None) = (&s.kind, s.nullable, enum_literals(s)) {
        if !properties.is_empty() {
            let (fields, index) = types.fields(s, side, &mut stack);
            return ModelView { name, doc, form: "interface", fields, index, ty: String::new(), members: Vec::new() };
        }
    }
    let ty = types.body(id, side, &mut stack);
    ModelView { name, doc, form: "alias", fields: Vec::new(), index: None, ty, members: Vec::new() }
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
    if let Some(rb) = &op.request_body {
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

/// The client option an authorizer's token (or identity sources) is given in.
fn authorizer_view(api: &Api, auth: &Value, out: &mut IndexMap<String, AuthorizerView>) {
    let Some(scheme) = auth.get("scheme").and_then(Value::as_str) else { return };
    if out.contains_key(scheme) {
        return;
    }
    let described = api.security_schemes.get(scheme);
    let kind = described.and_then(|s| s.authorizer.as_ref()).and_then(|a| a.kind.as_ref()).and_then(Choice::get);
    let (ty, what) = match auth.get("type").and_then(Value::as_str) {
        Some("request") => {
            let sources: Vec<String> = auth["sources"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.get("name").and_then(Value::as_str))
                .map(|n| format!("{}: string", key(n)))
                .collect();
            let single = if sources.len() == 1 { "string | " } else { "" };
            (
                format!("Provider<{single}{{ {} }}>", sources.join("; ")),
                "The identity sources of Lambda REQUEST authorizer",
            )
        }
        _ => (
            "Provider<string>".to_string(),
            match kind {
                Some(AuthorizerType::CognitoUserPools) => {
                    "The Cognito user pool token (ID token, or access token for scoped methods) for authorizer"
                }
                Some(AuthorizerType::Jwt) => "The JWT (sent as `Bearer <token>`) for authorizer",
                Some(AuthorizerType::Token) | None if described.is_some_and(|s| s.authorizer.is_some()) => {
                    "The token of Lambda TOKEN authorizer"
                }
                _ => "The credential of security scheme",
            },
        ),
    };
    let name = auth.get("name").and_then(Value::as_str);
    let mut doc = vec![format!("{what} `{scheme}`{}.", name.map(|n| format!(", sent in `{n}`")).unwrap_or_default())];
    doc = doc.iter().flat_map(|d| doc_lines(d)).collect();
    out.insert(scheme.to_string(), AuthorizerView { key: key(scheme), ty, doc });
}

/// Base URLs the document and its template declare: servers (variables filled in; one entry per
/// value of a variable with an enum), and custom domains.
fn environments(api: &Api) -> Vec<EnvironmentView> {
    let mut keys = Namer::new([]);
    let mut out = Vec::new();
    let mut urls = HashSet::new();
    let mut push = |name: &str, url: String, out: &mut Vec<EnvironmentView>| {
        if !(url.starts_with("https://") || url.starts_with("http://")) || !urls.insert(url.clone()) {
            return;
        }
        let k = keys.claim(name);
        out.push(EnvironmentView { key: key(&k), url: lit(url.trim_end_matches('/')) });
    };
    let single = api.servers.len() == 1;
    for (i, server) in api.servers.iter().enumerate() {
        let fill = |choice: Option<(&str, &str)>| {
            let mut url = server.url.clone();
            for (name, var) in &server.variables {
                let value = match choice {
                    Some((n, v)) if n == name => v.to_string(),
                    _ => var.default.clone().unwrap_or_default(),
                };
                url = url.replace(&format!("{{{name}}}"), &value);
            }
            url
        };
        let enumerated: Vec<(&String, &crate::ir::ServerVariable)> =
            server.variables.iter().filter(|(_, v)| v.values.len() > 1).collect();
        if let [(var, values)] = enumerated.as_slice() {
            for v in &values.values {
                push(v, fill(Some((var, v))), &mut out);
            }
            continue;
        }
        let name = if single { "default".to_string() } else { format!("server{}", i + 1) };
        push(&name, fill(None), &mut out);
    }
    for d in &api.deployment.domains {
        if let Some(host) = d.name.as_ref().and_then(|n| n.as_str()) {
            push(host, format!("https://{host}"), &mut out);
        }
    }
    out
}

fn package_name(api: &Api, options: &Options) -> Result<String, String> {
    if let Some(name) = &options.name {
        let bare = name.strip_prefix('@').and_then(|n| n.split_once('/')).map(|(s, p)| format!("{s}{p}"));
        let valid = name.len() <= 214
            && !name.starts_with(['.', '_'])
            && bare
                .as_deref()
                .unwrap_or(name)
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c))
            && !name.is_empty();
        return if valid {
            Ok(name.clone())
        } else {
            Err(format!(
                "`{name}` is not a valid npm package name: use lowercase letters, digits, `-`, `.`, `_` (optionally `@scope/name`)"
            ))
        };
    }
    let title = api.info.title.as_ref().and_then(|t| t.as_str()).unwrap_or("");
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    Ok(if slug.is_empty() { "api-client".to_string() } else { format!("{}-client", &slug[..slug.len().min(100)]) })
}

/// The API's version when it is a semantic version (`1.0` becomes `1.0.0`), else 0.0.0.
fn package_version(api: &Api) -> String {
    let v = api.info.version.as_ref().and_then(|t| t.as_str()).unwrap_or("").trim().trim_start_matches('v');
    let numbers: Vec<&str> = v.split('.').collect();
    let all_numbers = numbers.iter().all(|n| !n.is_empty() && n.len() < 10 && n.bytes().all(|b| b.is_ascii_digit()));
    match numbers.len() {
        1..=3 if all_numbers => {
            let mut parts: Vec<String> = numbers.iter().map(|n| n.parse::<u64>().unwrap_or(0).to_string()).collect();
            parts.resize(3, "0".into());
            parts.join(".")
        }
        _ => "0.0.0".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_claimed_once() {
        let mut n = Namer::new(["Error"]);
        assert_eq!(n.claim("Pet"), "Pet");
        assert_eq!(n.claim("Pet"), "Pet2");
        assert_eq!(n.claim("EtcGmt1"), "EtcGmt1");
        assert_eq!(n.claim("EtcGmt1"), "EtcGmt1_2");
        assert_eq!(type_base("Error"), "ErrorModel");
        assert_eq!(type_base("1st"), "Model1st");
        assert_eq!(type_base("class"), "Class");
        assert_eq!(type_base("pet-list"), "PetList");
    }

    #[test]
    fn doc_comments_cannot_be_closed_early() {
        assert_eq!(doc_lines("a */ b\r\n@tag\u{2028}c"), vec!["a *\\/ b", "\\@tag", "c"]);
    }

    #[test]
    fn grouping_wraps_top_level_unions_only() {
        assert_eq!(group("string"), "string");
        assert_eq!(group("string | null"), "(string | null)");
        assert_eq!(group("Array<string | null>"), "Array<string | null>");
        assert_eq!(group("{ a: string | number }"), "{ a: string | number }");
        assert_eq!(group("\"a|b\""), "\"a|b\"");
        assert_eq!(group("\"a\" | \"b\""), "(\"a\" | \"b\")");
    }

    fn security_of(doc: &str) -> Vec<String> {
        let api = crate::load::test_api(doc, None);
        api.operations().map(|(_, op)| serde_json::to_string(&operation_security(&api, op)).unwrap()).collect()
    }

    #[test]
    fn api_keys_are_sent_only_when_the_key_source_is_the_header() {
        let doc = |source: &str| {
            format!(
                "swagger: '2.0'
info: {{title: t, version: '1'}}
x-amazon-apigateway-api-key-source: {source}
securityDefinitions:
  key: {{type: apiKey, name: x-api-key, in: header}}
paths:
  /a:
    get:
      security: [{{key: []}}]
      responses: {{'200': {{description: ok}}}}
      x-amazon-apigateway-integration: {{type: mock}}
"
            )
        };
        assert_eq!(security_of(&doc("HEADER")), vec![r#"[[{"type":"apiKey"}]]"#]);
        // The Lambda authorizer supplies the key: the client sends none.
        assert_eq!(security_of(&doc("AUTHORIZER")), vec!["[]"]);
    }

    #[test]
    fn root_security_follows_api_gateway_for_its_documents_and_openapi_otherwise() {
        let doc = |root: &str, extension: &str| {
            format!(
                "openapi: 3.0.3
info: {{title: t, version: '1'}}
security: [{{{root}: []}}]
components:
  securitySchemes:
    bearer: {{type: http, scheme: bearer}}
    lambda:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer: {{type: token, authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations'}}
paths:
  /a:
    get:
      responses: {{'200': {{description: ok}}}}
      {extension}
"
            )
        };
        let mock = "x-amazon-apigateway-integration: {type: mock}";
        // API Gateway applies the root requirement's authorizer to a method without its own.
        let lambda = security_of(&doc("lambda", mock));
        assert!(lambda[0].contains(r#""scheme":"lambda""#), "{lambda:?}");
        // An http bearer scheme is no authorizer: API Gateway enforces nothing for it.
        assert_eq!(security_of(&doc("bearer", mock)), vec!["[]"]);
        // Plain OpenAPI: the root requirement applies as OpenAPI says.
        let plain = doc("bearer", "");
        let plain = plain[..plain.find("    lambda:").unwrap()].to_string() + &plain[plain.find("paths:").unwrap()..];
        assert_eq!(
            security_of(&plain),
            vec![r#"[[{"type":"token","scheme":"bearer","in":"header","name":"Authorization","prefix":"Bearer "}]]"#]
        );
    }

    #[test]
    fn identity_sources_of_both_api_types() {
        assert_eq!(
            identity_sources("method.request.header.X-Token, method.request.querystring.q, context.x"),
            vec![("header", "X-Token".to_string()), ("query", "q".to_string())]
        );
        assert_eq!(identity_sources("$request.header.Authorization"), vec![("header", "Authorization".to_string())]);
    }
}
