//! From parsed values to the IR: `$ref`s followed, Swagger 2.0 and OpenAPI 3.x lowered to one
//! model, extensions typed. Structural errors (a list where an object must be) stop the load;
//! everything else is kept, leniently, for the rules to judge.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diag::{Error, Failed, Finding, Report, Severity};
use crate::ir::*;
use crate::source::{Field, FileId, Loc, Pointer, Sources};

type Obj = Map<String, Value>;

/// Rule id of the loader's own finding for a `$ref` it cannot follow.
pub const UNRESOLVED_REF: &str = "unresolved-ref";
/// Rule id of the loader's findings for misshapen OpenAPI structure it could skip.
pub const OPENAPI_STRUCTURE: &str = "openapi-structure";
/// Rule id of the loader's findings for nodes the specification does not define where they stand, which are skipped.
pub const OPENAPI_IGNORED: &str = "openapi-ignored";
/// Rule id of the loader's finding for OpenAPI 3.1 documents.
pub const OPENAPI_31: &str = "openapi-31";

pub(crate) struct Cx<'s> {
    src: &'s Sources,
    version: SpecVersion,
    errors: Vec<Error>,
    diags: Vec<Finding>,
    schemas: Vec<Schema>,
    schema_ids: HashMap<Loc, SchemaId>,
    reported: HashSet<Loc>,
    /// Has a schema been registered that is not a named component (see [`Cx::schema`])?
    targets_registered: bool,
    /// The first id this context gives out: 0, or [`FORK_BASE`] in a fork (see [`lower`]).
    base: u32,
    /// Has a fork registered a schema by location?
    forked_registration: bool,
    consumes: Vec<String>,
    produces: Vec<String>,
}

/// Works out the specification version from the root value, or says why it is not a document.
pub fn sniff_version(root: &Value) -> Result<(SpecVersion, String), (Pointer, String, Option<String>)> {
    let Value::Object(m) = root else {
        let what = match root {
            Value::Null => "empty",
            Value::Array(_) => "a list",
            _ => "a single value",
        };
        return Err((
            Pointer::root(),
            format!("not an OpenAPI document: the file is {what}"),
            Some("an OpenAPI document is a mapping with `openapi: 3.0.x` or `swagger: \"2.0\"` at the top".into()),
        ));
    };
    let version_text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            let s = n.to_string();
            if s.contains('.') {
                s
            } else {
                format!("{s}.0")
            }
        }
        other => other.to_string(),
    };
    if let Some(v) = m.field("swagger") {
        let text = version_text(v);
        if text == "2.0" {
            return Ok((SpecVersion::Swagger2, text));
        }
        return Err((
            Pointer::root().push("swagger"),
            format!("Swagger version `{text}` is not supported"),
            Some("API Gateway imports Swagger 2.0 and OpenAPI 3.0: write `swagger: \"2.0\"`".into()),
        ));
    }
    if let Some(v) = m.field("openapi") {
        let text = version_text(v);
        if text == "3.0" || text.starts_with("3.0.") {
            return Ok((SpecVersion::OpenApi30, text));
        }
        if text == "3.1" || text.starts_with("3.1.") {
            return Ok((SpecVersion::OpenApi31, text));
        }
        return Err((
            Pointer::root().push("openapi"),
            format!("OpenAPI version `{text}` is not supported"),
            Some("gwgen reads OpenAPI 3.0.x (what API Gateway imports), 3.1.x, and Swagger 2.0".into()),
        ));
    }
    if m.contains_key("swaggerVersion") {
        return Err((
            Pointer::root().push("swaggerVersion"),
            "Swagger 1.2 is not supported".into(),
            Some("convert the document to OpenAPI 3.0 or Swagger 2.0, the versions API Gateway imports".into()),
        ));
    }
    if is_intrinsic(m) {
        let name = m.keys().next().cloned().unwrap_or_default();
        return Err((Pointer::root().push(&name), format!("the whole document is a CloudFormation `{name}`, not an OpenAPI object"), Some("gwgen reads the OpenAPI document itself: point it at one of the branches, or at the template that holds it".into())));
    }
    if m.contains_key("Resources") || m.contains_key("AWSTemplateFormatVersion") {
        return Err((
            Pointer::root(),
            "this is a CloudFormation / SAM template, not an OpenAPI document".into(),
            Some(
                "point gwgen at the API's OpenAPI body (DefinitionBody / Body), or at the file its DefinitionUri names"
                    .into(),
            ),
        ));
    }
    Err((
        Pointer::root(),
        "not an OpenAPI document: no `openapi` or `swagger` field at the top".into(),
        Some("add `openapi: 3.0.3` (or `swagger: \"2.0\"`) as the first line".into()),
    ))
}

fn join_ref_path(base: &Path, rel: &str) -> PathBuf {
    let dir = base.parent().unwrap_or(Path::new(""));
    let mut out = PathBuf::new();
    for c in dir.join(rel).components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The file a `$ref` (written in `from`) points at: None for a local (`#...`) reference,
/// Err for a remote URL.
pub fn ref_target_path(from: &Path, reference: &str) -> Option<Result<PathBuf, String>> {
    let file = reference.split('#').next().unwrap_or("");
    if file.is_empty() {
        return None;
    }
    if file.contains("://") {
        return Some(Err(format!("remote reference `{file}` is not fetched")));
    }
    Some(Ok(join_ref_path(from, file)))
}

impl<'s> Cx<'s> {
    pub fn new(src: &'s Sources, version: SpecVersion) -> Self {
        Cx {
            src,
            version,
            errors: Vec::new(),
            diags: Vec::new(),
            // Room for the schemas up front: growing a vector of large elements copies it each
            // time (a schema per ~200 bytes of text is typical; unused capacity costs no memory).
            schemas: Vec::with_capacity(src.get(FileId(0)).text.len() / 128 + 16),
            schema_ids: HashMap::new(),
            reported: HashSet::new(),
            targets_registered: false,
            base: 0,
            forked_registration: false,
            consumes: Vec::new(),
            produces: Vec::new(),
        }
    }

    fn shape(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        let source = self.src.get(loc.file);
        let (span, _) = source.locate(&loc.ptr);
        self.errors.push(Error::new(Failed::Document, &source.path, Some(span.start), message).help(help));
    }

    fn sw2(&self) -> bool {
        self.version == SpecVersion::Swagger2
    }

    /// Follows `$ref` chains. Returns the final location and value, the first reference text,
    /// or None (after reporting) when the chain breaks.
    fn deref(&mut self, loc: Loc, v: &'s Value) -> Option<(Loc, &'s Value, Option<String>)> {
        let mut loc = loc;
        let mut v = v;
        let mut first: Option<String> = None;
        // Chains are short: a list finds loops faster than a hashed set, up to a point.
        let mut seen: Vec<Loc> = Vec::new();
        let mut seen_many: HashSet<Loc> = HashSet::new();
        loop {
            let Some(r) = v.as_object().and_then(|m| m.field("$ref")) else {
                return Some((loc, v, first));
            };
            let Some(r) = r.as_str() else {
                self.shape(
                    &loc.child("$ref"),
                    "`$ref` must be a string",
                    "write the reference as a string, like `#/components/schemas/Pet`",
                );
                return None;
            };
            if first.is_none() {
                first = Some(r.to_string());
            }
            let looped = if seen_many.is_empty() && seen.len() < 16 {
                let again = seen.contains(&loc);
                seen.push(loc.clone());
                again
            } else {
                seen_many.extend(seen.drain(..));
                !seen_many.insert(loc.clone())
            };
            if looped {
                self.unresolved(&loc, r, "the reference chain loops back on itself");
                return None;
            }
            match self.resolve_ref(&loc, r) {
                Ok((target, value)) => {
                    loc = target;
                    v = value;
                }
                Err(why) => {
                    self.unresolved(&loc, r, &why);
                    return None;
                }
            }
        }
    }

    fn resolve_ref(&self, at: &Loc, r: &str) -> Result<(Loc, &'s Value), String> {
        let from = &self.src.get(at.file).path;
        let file = match ref_target_path(from, r) {
            None => at.file,
            Some(Err(why)) => return Err(why),
            Some(Ok(path)) if self.src.find(&path).is_none() && self.src.refused(&path) => {
                return Err(format!(
                    "`{}` is outside the document's folder, and gwgen does not follow references out of it \
                     (pass --allow-external-refs to allow it)",
                    path.display()
                ))
            }
            Some(Ok(path)) => {
                self.src.find(&path).ok_or_else(|| format!("file `{}` could not be read", path.display()))?
            }
        };
        let fragment = r.split_once('#').map_or("", |(_, f)| f);
        let ptr = Pointer::parse(fragment)?;
        let value = ptr.resolve(&self.src.get(file).value).ok_or_else(|| "no such node".to_string())?;
        Ok((Loc::new(file, ptr), value))
    }

    fn unresolved(&mut self, loc: &Loc, r: &str, why: &str) {
        if self.reported.insert(loc.clone()) {
            self.diags
                .report(
                    UNRESOLVED_REF,
                    Severity::Error,
                    loc.child("$ref"),
                    format!("`$ref: {r}` cannot be followed: {why}"),
                )
                .help("point the reference at an existing node (local `#/...` or a relative file path)");
        }
    }

    /// A value of the wrong shape. Inside an `x-amazon-apigateway-*` extension, where API
    /// Gateway reads every field, it stops the load; elsewhere it is reported and skipped.
    fn wrong(&mut self, loc: &Loc, message: String, help: String) {
        if loc.ptr.as_str().contains("/x-amazon-apigateway-") {
            self.shape(loc, message, help);
        } else {
            self.note(loc, message, help);
        }
    }

    /// A structural problem the rest of the document can live with: a finding, not a stop.
    fn note(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        self.diags.report(OPENAPI_STRUCTURE, Severity::Error, loc.clone(), message).help(help);
    }

    /// A node the specification does not define where it stands: skipped, as the import skips it.
    fn ignored(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        self.diags.report(OPENAPI_IGNORED, Severity::Warn, loc.clone(), message).help(help);
    }

    /// The object at `loc`, or a structural problem naming what it should be.
    fn object(&mut self, loc: &Loc, v: &'s Value, what: &str) -> Option<&'s Obj> {
        match v {
            Value::Object(m) => Some(m),
            Value::Null => None,
            other => {
                self.wrong(
                    loc,
                    format!("{what} must be a mapping, found {}", kind_of(other)),
                    format!("write {what} as key: value pairs"),
                );
                None
            }
        }
    }

    fn array(&mut self, loc: &Loc, v: &'s Value, what: &str) -> &'s [Value] {
        match v {
            Value::Array(a) => a,
            Value::Null => &[],
            other => {
                self.wrong(
                    loc,
                    format!("{what} must be a list, found {}", kind_of(other)),
                    format!("write {what} as a list (`- item` lines)"),
                );
                &[]
            }
        }
    }

    /// A string-valued field: strings as they are, numbers and booleans as text, intrinsics kept.
    fn text(&mut self, loc: &Loc, v: Option<&'s Value>) -> Option<Text> {
        match v? {
            Value::Null => None,
            Value::String(s) => Some(Text::Str(s.clone())),
            Value::Number(n) => Some(Text::Str(n.to_string())),
            Value::Bool(b) => Some(Text::Str(b.to_string())),
            Value::Object(m) if is_intrinsic(m) => Some(Text::Intrinsic(Value::Object(m.clone()))),
            other => {
                self.wrong(
                    loc,
                    format!("expected a string, found {}", kind_of(other)),
                    "write a single string value here".into(),
                );
                None
            }
        }
    }

    fn field(&mut self, parent: &Loc, m: &'s Obj, key: &str) -> Option<Text> {
        let loc = parent.child(key);
        self.text(&loc, m.get(key))
    }

    fn text_map(&mut self, parent: &Loc, m: &'s Obj, key: &str) -> IndexMap<String, Text> {
        let mut out = IndexMap::new();
        let Some(v) = m.get(key) else { return out };
        let loc = parent.child(key);
        let Some(map) = self.object(&loc, v, &format!("`{key}`")) else {
            return out;
        };
        for (k, v) in map {
            if let Some(t) = self.text(&loc.child(k), Some(v)) {
                out.insert(k.clone(), t);
            }
        }
        out
    }

    fn text_list(&mut self, parent: &Loc, m: &'s Obj, key: &str) -> Vec<Text> {
        let Some(v) = m.get(key) else {
            return Vec::new();
        };
        let loc = parent.child(key);
        if let Value::String(s) = v {
            return vec![Text::Str(s.clone())];
        }
        if matches!(v, Value::Object(o) if is_intrinsic(o)) {
            return vec![Text::Intrinsic(v.clone())];
        }
        let items = self.array(&loc, v, &format!("`{key}`"));
        items.iter().enumerate().filter_map(|(i, v)| self.text(&loc.index(i), Some(v))).collect()
    }

    fn string_list(&mut self, parent: &Loc, m: &'s Obj, key: &str) -> Vec<String> {
        self.text_list(parent, m, key).into_iter().filter_map(|t| t.as_str().map(str::to_string)).collect()
    }

    fn choice<T>(&mut self, m: &'s Obj, key: &str, parse: fn(&str) -> Option<T>) -> Option<Choice<T>> {
        let raw = m.get(key)?;
        if raw.is_null() {
            return None;
        }
        let value = match raw {
            Value::String(s) => parse(s.trim()),
            _ => None,
        };
        Some(Choice { raw: raw.clone(), value })
    }

    /// The lowered parts with every schema, or the errors; and the findings.
    fn finish(mut self, parts: ApiParts) -> Lowering {
        let schemas = std::mem::take(&mut self.schemas);
        (self.build(parts).map(|p| p.with_schemas(schemas)), self.diags)
    }

    fn build<T>(&mut self, api: T) -> Result<T, Vec<Error>> {
        if self.errors.is_empty() {
            Ok(api)
        } else {
            Err(std::mem::take(&mut self.errors))
        }
    }
}

fn num(v: Option<&Value>) -> Option<Num> {
    let raw = v?;
    let value = match raw {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        Value::Null => return None,
        _ => None,
    };
    Some(Num { raw: raw.clone(), value })
}

fn boolean(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn string(m: &Obj, key: &str) -> Option<String> {
    match m.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn upper_enum<T>(table: &'static [(&'static str, T)]) -> impl Fn(&str) -> Option<T> + 'static
where
    T: Copy,
{
    move |s: &str| table.iter().find(|(k, _)| k.eq_ignore_ascii_case(s)).map(|(_, v)| *v)
}

fn connection_type(s: &str) -> Option<ConnectionType> {
    upper_enum(&[("INTERNET", ConnectionType::Internet), ("VPC_LINK", ConnectionType::VpcLink)])(s)
}
fn passthrough(s: &str) -> Option<PassthroughBehavior> {
    upper_enum(&[
        ("WHEN_NO_MATCH", PassthroughBehavior::WhenNoMatch),
        ("WHEN_NO_TEMPLATES", PassthroughBehavior::WhenNoTemplates),
        ("NEVER", PassthroughBehavior::Never),
    ])(s)
}
fn content_handling(s: &str) -> Option<ContentHandling> {
    upper_enum(&[
        ("CONVERT_TO_BINARY", ContentHandling::ConvertToBinary),
        ("CONVERT_TO_TEXT", ContentHandling::ConvertToText),
    ])(s)
}
fn transfer_mode(s: &str) -> Option<ResponseTransferMode> {
    upper_enum(&[("BUFFERED", ResponseTransferMode::Buffered), ("STREAM", ResponseTransferMode::Stream)])(s)
}
fn auth_type(s: &str) -> Option<AuthType> {
    upper_enum(&[("NONE", AuthType::None), ("AWS_IAM", AuthType::AwsIam)])(s)
}
fn api_key_source(s: &str) -> Option<ApiKeySource> {
    upper_enum(&[("HEADER", ApiKeySource::Header), ("AUTHORIZER", ApiKeySource::Authorizer)])(s)
}
fn access_mode(s: &str) -> Option<EndpointAccessMode> {
    upper_enum(&[("BASIC", EndpointAccessMode::Basic), ("STRICT", EndpointAccessMode::Strict)])(s)
}

/// A path item written as `Fn::If: [condition, item, other]`: the first branch that is an item.
fn conditional_branch<'s>(loc: &Loc, v: &'s Value) -> (Loc, &'s Value) {
    if let Some(Value::Array(branches)) = v.as_object().filter(|m| m.len() == 1).and_then(|m| m.field("Fn::If")) {
        let at = loc.child("Fn::If");
        for (i, b) in branches.iter().enumerate().skip(1) {
            if matches!(b, Value::Object(m) if !is_intrinsic(m)) {
                return (at.index(i), b);
            }
        }
    }
    (loc.clone(), v)
}

/// Path Item fields that are not operations.
const PATH_ITEM_FIELDS: [&str; 5] = ["parameters", "summary", "description", "servers", "$ref"];

/// Documents at least this large lower their named schemas on a second thread.
const PARALLEL_BYTES: usize = 256 * 1024;

/// Where a fork's schema ids start; they are renumbered when the halves are joined.
const FORK_BASE: u32 = 1 << 31;

/// Lowers the root document of `src` into an [`Api`]: a large one in two halves at once (see
/// [`lower_split`]).
pub fn lower(src: &Sources, version: SpecVersion, version_text: String) -> Lowering {
    if src.get(FileId(0)).text.len() >= PARALLEL_BYTES {
        if let Some(done) = lower_split(src, version, &version_text) {
            return done;
        }
    }
    let (mut cx, named) = begin(src, version, &version_text);
    fill_named(&mut cx, &named);
    let parts = lower_rest(&mut cx, root(src), version, version_text, named.ids);
    cx.finish(parts)
}

/// What lowering gives: the parts of the API (or the errors that stop it) and the findings.
pub type Lowering = (Result<ApiParts, Vec<Error>>, Vec<Finding>);

fn root(src: &Sources) -> &Obj {
    src.get(FileId(0)).value.as_object().expect("sniffed as an object")
}

/// A context with the document-wide settings read and the named schemas registered.
fn begin<'s>(src: &'s Sources, version: SpecVersion, version_text: &str) -> (Cx<'s>, Named<'s>) {
    let root_loc = Loc::new(FileId(0), Pointer::root());
    let root = root(src);
    let mut cx = Cx::new(src, version);
    if version == SpecVersion::OpenApi31 {
        cx.diags.report(OPENAPI_31, Severity::Warn, root_loc.child("openapi"), format!("OpenAPI {version_text}: API Gateway imports OpenAPI 3.0 only")).help("gwgen reads 3.1 to lint and generate; write `openapi: 3.0.3` (and 3.0 schema syntax) for a document API Gateway will import");
    }
    if cx.sw2() {
        cx.consumes = cx.string_list(&root_loc, root, "consumes");
        cx.produces = cx.string_list(&root_loc, root, "produces");
    }
    let named = register_named(&mut cx, &root_loc, root);
    (cx, named)
}

/// [`lower`] in two halves at once: the named schemas on a second thread, everything else on
/// this one, referring to named schemas by the ids given out before the split. The result is
/// the one lowering in one pass gives (ids, findings and their order). None when the halves
/// cannot be joined that way: either registered a `$ref` target other than a named schema (a
/// schema inside another, or in another file), which the other half may meet as well.
fn lower_split(src: &Sources, version: SpecVersion, version_text: &str) -> Option<Lowering> {
    let (mut cx, named) = begin(src, version, version_text);
    if named.ids.is_empty() {
        return None;
    }
    let mut fork = cx.fork();
    let parts = std::thread::scope(|scope| {
        let filling = scope.spawn(|| fill_named(&mut cx, &named));
        let parts = lower_rest(&mut fork, root(src), version, version_text.to_string(), named.ids.clone());
        filling.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        parts
    });
    if fork.forked_registration || cx.targets_registered {
        return None;
    }
    let parts = cx.join(fork, parts);
    Some(cx.finish(parts))
}

/// Everything of an [`Api`] except what the caller adds (sources, api type).
#[derive(Debug)]
pub struct ApiParts {
    pub version: SpecVersion,
    pub version_text: String,
    pub info: Info,
    pub servers: Vec<Server>,
    pub base_path: Option<String>,
    pub paths: Vec<PathItem>,
    pub security_schemes: IndexMap<String, SecurityScheme>,
    pub security: Option<Vec<SecurityRequirement>>,
    pub schemas: SchemaStore,
    pub tags: Vec<TagInfo>,
    pub apigw: RootExtensions,
}

impl ApiParts {
    fn with_schemas(mut self, schemas: Vec<Schema>) -> Self {
        self.schemas.schemas = schemas;
        self
    }
}

/// The named schemas (`components.schemas`, or `definitions`), each with an id given before
/// any is lowered, so that every `$ref` to one finds it.
struct Named<'s> {
    loc: Loc,
    map: Option<&'s Obj>,
    ids: IndexMap<String, SchemaId>,
}

fn register_named<'s>(cx: &mut Cx<'s>, root_loc: &Loc, root: &'s Obj) -> Named<'s> {
    let (loc, value) = if cx.sw2() {
        (root_loc.child("definitions"), root.field("definitions"))
    } else {
        (root_loc.child("components").child("schemas"), root.field("components").and_then(|c| c.field("schemas")))
    };
    let map = value.and_then(|v| cx.object(&loc, v, "the schemas"));
    let mut ids = IndexMap::new();
    for name in map.into_iter().flat_map(|m| m.keys()) {
        let id = cx.alloc_schema(loc.child(name), Some(name.clone()), true);
        ids.insert(name.clone(), id);
    }
    Named { loc, map, ids }
}

fn fill_named<'s>(cx: &mut Cx<'s>, named: &Named<'s>) {
    for (name, v) in named.map.into_iter().flatten() {
        cx.fill_schema(named.ids[name], &named.loc.child(name), v, 0);
    }
}

/// A required top-level field that is missing: at the key that looks like a misspelling of it,
/// or at the document's root.
fn required_missing(cx: &mut Cx<'_>, root_loc: &Loc, root: &Obj, field: &str) {
    let what = "the API's resources and methods";
    let near = root.keys().find(|k| crate::diag::edit_distance(&k.to_ascii_lowercase(), field) <= 2 && k.len() > 2);
    match near {
        Some(key) => cx.note(
            &root_loc.child(key),
            format!("'{field}' is a required property, and the document has none: `{key}` is not `{field}`"),
            format!("did you mean `{field}`? Rename `{key}`: it holds {what}"),
        ),
        None => cx.note(
            root_loc,
            format!("'{field}' is a required property, and the document has none"),
            format!("add `{field}` at the top level: it holds {what}"),
        ),
    }
}

/// Everything but the named schemas.
fn lower_rest<'s>(
    cx: &mut Cx<'s>,
    root: &'s Obj,
    version: SpecVersion,
    version_text: String,
    named: IndexMap<String, SchemaId>,
) -> ApiParts {
    let root_loc = &Loc::new(FileId(0), Pointer::root());
    let info = match root.field("info") {
        Some(v) => match cx.object(&root_loc.child("info"), v, "`info`") {
            Some(m) => {
                let loc = root_loc.child("info");
                Info {
                    title: cx.field(&loc, m, "title"),
                    version: cx.field(&loc, m, "version"),
                    description: string(m, "description"),
                }
            }
            None => Info::default(),
        },
        None => Info::default(),
    };

    let mut apigw = RootExtensions::default();
    let (servers, base_path) = lower_servers(cx, root_loc, root, &mut apigw);
    lower_root_extensions(cx, root_loc, root, &mut apigw);

    let security_schemes = lower_security_schemes(cx, root_loc, root);
    let security = root.field("security").map(|v| lower_security(cx, &root_loc.child("security"), v));

    let tags = match root.field("tags") {
        Some(v) => {
            let loc = root_loc.child("tags");
            let items = cx.array(&loc, v, "`tags`");
            let mut out = Vec::new();
            for (i, t) in items.iter().enumerate() {
                let tloc = loc.index(i);
                if let Some(m) = cx.object(&tloc, t, "a tag") {
                    out.push(TagInfo {
                        name: string(m, "name").unwrap_or_default(),
                        description: string(m, "description"),
                        value: cx.field(&tloc, m, "x-amazon-apigateway-tag-value"),
                    });
                }
            }
            out
        }
        None => Vec::new(),
    };

    // `paths` is required by both versions, and the import rejects a document without it.
    // `info` is too, by the specification, but API Gateway deploys bodies without it (SAM
    // templates in the corpus do), so it is not reported.
    if root.field("paths").is_none() {
        required_missing(cx, root_loc, root, "paths");
    }
    let paths = match root.field("paths") {
        Some(v) => lower_paths(cx, &root_loc.child("paths"), v),
        None => Vec::new(),
    };

    ApiParts {
        version,
        version_text,
        info,
        servers,
        base_path,
        paths,
        security_schemes,
        security,
        schemas: SchemaStore { schemas: Vec::new(), named },
        tags,
        apigw,
    }
}

fn lower_servers<'s>(
    cx: &mut Cx<'s>,
    root_loc: &Loc,
    root: &'s Obj,
    apigw: &mut RootExtensions,
) -> (Vec<Server>, Option<String>) {
    let mut servers = Vec::new();
    let mut base_path = None;
    if cx.sw2() {
        let host = string(root, "host");
        base_path = string(root, "basePath").filter(|b| b != "/");
        if let Some(host) = host {
            let scheme = cx
                .string_list(root_loc, root, "schemes")
                .into_iter()
                .find(|s| s == "https")
                .unwrap_or_else(|| "https".into());
            let url = format!("{scheme}://{host}{}", base_path.as_deref().unwrap_or(""));
            servers.push(Server { loc: root_loc.child("host"), url, description: None, variables: IndexMap::new() });
        }
        return (servers, base_path);
    }
    let Some(v) = root.field("servers") else {
        return (servers, None);
    };
    let loc = root_loc.child("servers");
    let items: Vec<(Loc, &'s Value)> = match v {
        // A single server written without the list: read it, and say so.
        Value::Object(_) => {
            cx.note(
                &loc,
                "`servers` must be a list, found a mapping; it is read as one server",
                "write `servers:` followed by `- url: ...` entries",
            );
            vec![(loc.clone(), v)]
        }
        _ => cx.array(&loc, v, "`servers`").iter().enumerate().map(|(i, s)| (loc.index(i), s)).collect(),
    };
    for (sloc, s) in items {
        let Some(m) = cx.object(&sloc, s, "a server") else {
            continue;
        };
        let mut variables = IndexMap::new();
        if let Some(vars) = m.field("variables") {
            let vloc = sloc.child("variables");
            if let Some(vm) = cx.object(&vloc, vars, "server `variables`") {
                for (name, var) in vm {
                    let Some(var) = cx.object(&vloc.child(name), var, "a server variable") else {
                        continue;
                    };
                    let values = cx.string_list(&vloc.child(name), var, "enum");
                    variables.insert(name.clone(), ServerVariable { default: string(var, "default"), values });
                }
            }
        }
        if let Some(ec) = m.field("x-amazon-apigateway-endpoint-configuration") {
            if apigw.endpoint_configuration.is_none() {
                apigw.endpoint_configuration =
                    lower_endpoint_config(cx, &sloc.child("x-amazon-apigateway-endpoint-configuration"), ec);
            }
        }
        let url = string(m, "url").unwrap_or_default();
        servers.push(Server { loc: sloc, url, description: string(m, "description"), variables });
    }
    if let Some(first) = servers.first() {
        base_path = match first.variables.get("basePath").and_then(|v| v.default.clone()) {
            Some(b) => Some(if b.starts_with('/') { b } else { format!("/{b}") }),
            None => url_path(&first.url),
        }
        .filter(|b| b != "/" && !b.is_empty());
    }
    (servers, base_path)
}

/// The path part of a server URL (`https://x.example.com/v1` -> `/v1`; `/v1` -> `/v1`).
fn url_path(url: &str) -> Option<String> {
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            &after[after.find('/').unwrap_or(after.len())..]
        }
        None => url,
    };
    let path = rest.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
    (!path.is_empty() && !path.contains('{')).then(|| path.to_string())
}

fn lower_endpoint_config<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Option<EndpointConfiguration> {
    let m = cx.object(loc, v, "`x-amazon-apigateway-endpoint-configuration`")?;
    Some(EndpointConfiguration {
        loc: loc.clone(),
        disable_execute_api_endpoint: boolean(m.field("disableExecuteApiEndpoint")),
        vpc_endpoint_ids: cx.text_list(loc, m, "vpcEndpointIds"),
    })
}

fn lower_root_extensions<'s>(cx: &mut Cx<'s>, root_loc: &Loc, root: &'s Obj, apigw: &mut RootExtensions) {
    apigw.api_key_source = cx.choice(root, "x-amazon-apigateway-api-key-source", api_key_source);
    apigw.binary_media_types = cx.text_list(root_loc, root, "x-amazon-apigateway-binary-media-types");
    apigw.importexport_version = cx.field(root_loc, root, "x-amazon-apigateway-importexport-version");
    apigw.minimum_compression_size = num(root.field("x-amazon-apigateway-minimum-compression-size"));
    apigw.security_policy = cx.field(root_loc, root, "x-amazon-apigateway-security-policy");
    apigw.endpoint_access_mode = cx.choice(root, "x-amazon-apigateway-endpoint-access-mode", access_mode);
    apigw.request_validator = string(root, "x-amazon-apigateway-request-validator");
    if let Some(v) = root.field("x-amazon-apigateway-endpoint-configuration") {
        // Swagger 2.0's place; an OpenAPI 3 document that puts it here is flagged by a rule.
        let ec = lower_endpoint_config(cx, &root_loc.child("x-amazon-apigateway-endpoint-configuration"), v);
        if apigw.endpoint_configuration.is_none() {
            apigw.endpoint_configuration = ec;
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-cors") {
        let loc = root_loc.child("x-amazon-apigateway-cors");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-cors`") {
            apigw.cors = Some(Cors {
                allow_origins: cx.string_list(&loc, m, "allowOrigins"),
                allow_credentials: boolean(m.field("allowCredentials")),
                expose_headers: cx.string_list(&loc, m, "exposeHeaders"),
                max_age: num(m.field("maxAge")),
                allow_methods: cx.string_list(&loc, m, "allowMethods"),
                allow_headers: cx.string_list(&loc, m, "allowHeaders"),
                loc,
            });
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-documentation") {
        let loc = root_loc.child("x-amazon-apigateway-documentation");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-documentation`") {
            let parts_loc = loc.child("documentationParts");
            let parts = match m.field("documentationParts") {
                Some(p) => cx
                    .array(&parts_loc, p, "`documentationParts`")
                    .iter()
                    .map(|part| DocumentationPart {
                        location_type: part
                            .field("location")
                            .and_then(|l| l.field("type"))
                            .and_then(Value::as_str)
                            .map(str::to_string),
                        location: part.field("location").cloned().unwrap_or(Value::Null),
                        properties: part.field("properties").cloned().unwrap_or(Value::Null),
                    })
                    .collect(),
                None => Vec::new(),
            };
            apigw.documentation = Some(Documentation { version: cx.field(&loc, m, "version"), parts, loc });
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-gateway-responses") {
        let loc = root_loc.child("x-amazon-apigateway-gateway-responses");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-gateway-responses`") {
            for (kind, r) in m {
                let rloc = loc.child(kind);
                let Some(rm) = cx.object(&rloc, r, "a gateway response") else {
                    continue;
                };
                let gr = GatewayResponse {
                    status_code: cx.field(&rloc, rm, "statusCode"),
                    response_parameters: cx.text_map(&rloc, rm, "responseParameters"),
                    response_templates: cx.text_map(&rloc, rm, "responseTemplates"),
                    loc: rloc,
                };
                apigw.gateway_responses.insert(kind.clone(), gr);
            }
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-request-validators") {
        let loc = root_loc.child("x-amazon-apigateway-request-validators");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-request-validators`") {
            for (name, r) in m {
                let rloc = loc.child(name);
                let Some(rm) = cx.object(&rloc, r, "a request validator") else {
                    continue;
                };
                apigw.request_validators.insert(
                    name.clone(),
                    RequestValidator {
                        validate_request_body: boolean(rm.field("validateRequestBody")).unwrap_or(false),
                        validate_request_parameters: boolean(rm.field("validateRequestParameters")).unwrap_or(false),
                        loc: rloc,
                    },
                );
            }
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-policy") {
        apigw.policy = lower_policy(cx, &root_loc.child("x-amazon-apigateway-policy"), v);
    }
    if let Some(v) = root.field("components").and_then(|c| c.field("x-amazon-apigateway-integrations")) {
        let loc = root_loc.child("components").child("x-amazon-apigateway-integrations");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-integrations`") {
            for (name, i) in m {
                if let Some(integration) = lower_integration(cx, &loc.child(name), i, None) {
                    apigw.integrations.insert(name.clone(), integration);
                }
            }
        }
    }
}

fn lower_policy<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Option<Policy> {
    let document = match v {
        // Some documents carry the policy as a JSON string.
        Value::String(s) => serde_json::from_str::<Value>(s).unwrap_or(Value::String(s.clone())),
        other => other.clone(),
    };
    let m = match v {
        Value::Object(m) => m,
        Value::String(_) => return Some(Policy { loc: loc.clone(), statements: Vec::new(), document }),
        other => {
            cx.shape(
                loc,
                format!("`x-amazon-apigateway-policy` must be an IAM policy document, found {}", kind_of(other)),
                "write the policy as a mapping with `Version` and `Statement`",
            );
            return None;
        }
    };
    let mut statements = Vec::new();
    let sloc = loc.child("Statement");
    let list: Vec<(Loc, &'s Value)> = match m.field("Statement") {
        Some(Value::Array(a)) => a.iter().enumerate().map(|(i, s)| (sloc.index(i), s)).collect(),
        Some(s @ Value::Object(_)) => vec![(sloc.clone(), s)],
        _ => Vec::new(),
    };
    for (l, s) in list {
        let Some(sm) = s.as_object() else { continue };
        let action = match sm.field("Action") {
            Some(Value::String(a)) => vec![a.clone()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        };
        let resource = match sm.field("Resource") {
            Some(Value::Array(a)) => {
                a.iter().enumerate().filter_map(|(i, r)| cx.text(&l.child("Resource").index(i), Some(r))).collect()
            }
            Some(r) => cx.text(&l.child("Resource"), Some(r)).into_iter().collect(),
            None => Vec::new(),
        };
        statements.push(PolicyStatement {
            effect: string(sm, "Effect"),
            principal: sm.field("Principal").cloned(),
            action,
            resource,
            condition: sm.field("Condition").cloned(),
            loc: l,
        });
    }
    Some(Policy { loc: loc.clone(), statements, document })
}

fn lower_security_schemes<'s>(cx: &mut Cx<'s>, root_loc: &Loc, root: &'s Obj) -> IndexMap<String, SecurityScheme> {
    let mut out = IndexMap::new();
    let (loc, v) = if cx.sw2() {
        (root_loc.child("securityDefinitions"), root.field("securityDefinitions"))
    } else {
        (
            root_loc.child("components").child("securitySchemes"),
            root.field("components").and_then(|c| c.field("securitySchemes")),
        )
    };
    let Some(v) = v else { return out };
    let Some(m) = cx.object(&loc, v, "the security schemes") else {
        return out;
    };
    for (name, s) in m {
        let Some((sloc, s, _)) = cx.deref(loc.child(name), s) else {
            continue;
        };
        let Some(sm) = cx.object(&sloc, s, "a security scheme") else {
            continue;
        };
        let authorizer = sm
            .field("x-amazon-apigateway-authorizer")
            .and_then(|a| lower_authorizer(cx, &sloc.child("x-amazon-apigateway-authorizer"), a));
        let flows = if cx.sw2() {
            let mut f = Map::new();
            for k in ["flow", "authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(v) = sm.get(k) {
                    f.insert(k.to_string(), v.clone());
                }
            }
            (!f.is_empty()).then_some(Value::Object(f))
        } else {
            sm.field("flows").cloned()
        };
        out.insert(
            name.clone(),
            SecurityScheme {
                kind: string(sm, "type").unwrap_or_default(),
                param_name: string(sm, "name"),
                param_in: string(sm, "in"),
                scheme: string(sm, "scheme"),
                open_id_connect_url: string(sm, "openIdConnectUrl"),
                flows,
                authtype: string(sm, "x-amazon-apigateway-authtype"),
                authorizer,
                loc: sloc,
            },
        );
    }
    out
}

fn lower_authorizer<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Option<Authorizer> {
    let m = cx.object(loc, v, "`x-amazon-apigateway-authorizer`")?;
    let jwt_configuration = match m.field("jwtConfiguration") {
        Some(j) => {
            let jloc = loc.child("jwtConfiguration");
            cx.object(&jloc, j, "`jwtConfiguration`").map(|jm| JwtConfiguration {
                issuer: cx.field(&jloc, jm, "issuer"),
                audience: cx.text_list(&jloc, jm, "audience"),
            })
        }
        None => None,
    };
    Some(Authorizer {
        kind: cx.choice(m, "type", AuthorizerType::parse),
        authorizer_uri: cx.field(loc, m, "authorizerUri"),
        authorizer_credentials: cx.field(loc, m, "authorizerCredentials"),
        identity_source: cx.field(loc, m, "identitySource"),
        identity_validation_expression: string(m, "identityValidationExpression"),
        result_ttl_in_seconds: num(m.field("authorizerResultTtlInSeconds")),
        provider_arns: cx.text_list(loc, m, "providerARNs"),
        payload_format_version: cx.field(loc, m, "authorizerPayloadFormatVersion"),
        enable_simple_responses: boolean(m.field("enableSimpleResponses")),
        jwt_configuration,
        loc: loc.clone(),
    })
}

fn lower_security<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Vec<SecurityRequirement> {
    // API Gateway builds authorization from these: a misshapen list stops the load.
    let items: &[Value] = match v {
        Value::Array(a) => a,
        Value::Null => &[],
        other => {
            cx.shape(
                loc,
                format!("`security` must be a list of requirements, found {}", kind_of(other)),
                "write `security:` followed by `- SchemeName: []` lines",
            );
            &[]
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let rloc = loc.index(i);
        let Value::Object(m) = item else {
            cx.shape(
                &rloc,
                format!("each `security` entry must be a mapping from scheme name to scopes, found {}", kind_of(item)),
                "write `- SchemeName: []` instead of `- SchemeName`",
            );
            continue;
        };
        let mut schemes = IndexMap::new();
        for (name, scopes) in m {
            let scopes = match scopes {
                Value::Array(a) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                Value::Null => Vec::new(),
                other => {
                    cx.shape(
                        &rloc.child(name),
                        format!("the scopes of `{name}` must be a list, found {}", kind_of(other)),
                        "write `[]` for no scopes",
                    );
                    Vec::new()
                }
            };
            schemes.insert(name.clone(), scopes);
        }
        out.push(SecurityRequirement { loc: rloc, schemes });
    }
    out
}

fn lower_paths<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Vec<PathItem> {
    let Some(m) = cx.object(loc, v, "`paths`") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, item) in m {
        if path.starts_with("x-") {
            continue;
        }
        let ploc = loc.child(path);
        let Some((iloc, item, _)) = cx.deref(ploc.clone(), item) else {
            continue;
        };
        let (iloc, item) = conditional_branch(&iloc, item);
        let Value::Object(im) = item else {
            let found = kind_of(item);
            cx.shape(
                &iloc,
                format!("the path item `{path}` must be a mapping of operations, found {found}"),
                "write the path's operations (get, post...) under it",
            );
            continue;
        };
        let path_params: Vec<(Loc, &'s Value)> = match im.field("parameters") {
            Some(p) => {
                let l = iloc.child("parameters");
                cx.array(&l, p, "`parameters`").iter().enumerate().map(|(i, p)| (l.index(i), p)).collect()
            }
            None => Vec::new(),
        };
        let mut operations = Vec::new();
        for (key, op) in im {
            // `any` is SAM's spelling of x-amazon-apigateway-any-method.
            let method = Method::KEYS
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, m)| *m)
                .or_else(|| (key == "any").then_some(Method::Any));
            if let Some(method) = method {
                if let Some(op) = lower_operation(cx, &iloc.child(key), op, method, &path_params) {
                    operations.push(op);
                }
            } else if !PATH_ITEM_FIELDS.contains(&key.as_str()) && !key.starts_with("x-") {
                let help = "a path item holds operations (get, put, post, delete, options, head, patch, trace, x-amazon-apigateway-any-method), `parameters`, `summary`, `description` and `servers`";
                if op.is_object() {
                    cx.ignored(&iloc.child(key), format!("`{key}` is not a field of a path item; it is ignored"), help);
                } else {
                    cx.shape(
                        &iloc.child(key),
                        format!("`{key}` is not a field of a path item, and its value is not an operation"),
                        help,
                    );
                }
            }
        }
        out.push(PathItem { path: path.clone(), loc: iloc, operations });
    }
    out
}

fn lower_operation<'s>(
    cx: &mut Cx<'s>,
    loc: &Loc,
    v: &'s Value,
    method: Method,
    path_params: &[(Loc, &'s Value)],
) -> Option<Operation> {
    let Value::Object(m) = v else {
        let name = method.as_str().to_ascii_lowercase();
        cx.shape(
            loc,
            format!("the `{name}` operation must be a mapping, found {}", kind_of(v)),
            "write the operation's fields (responses, parameters...) under it",
        );
        return None;
    };
    let mut parameters: Vec<Parameter> = Vec::new();
    let mut body: Option<RequestBody> = None;
    let mut form: Vec<Parameter> = Vec::new();
    let own: Vec<(Loc, &'s Value)> = match m.field("parameters") {
        Some(p) => {
            let l = loc.child("parameters");
            cx.array(&l, p, "`parameters`").iter().enumerate().map(|(i, p)| (l.index(i), p)).collect()
        }
        None => Vec::new(),
    };
    let consumes =
        if cx.sw2() && m.contains_key("consumes") { cx.string_list(loc, m, "consumes") } else { cx.consumes.clone() };
    let produces =
        if cx.sw2() && m.contains_key("produces") { cx.string_list(loc, m, "produces") } else { cx.produces.clone() };
    // Operation parameters override path-level ones with the same name and location.
    for (ploc, p) in path_params.iter().chain(own.iter()) {
        match lower_parameter(cx, ploc, p, &consumes)? {
            Lowered::Param(param) => {
                parameters.retain(|q| !(q.name == param.name && q.location == param.location));
                parameters.push(param);
            }
            Lowered::Body(b) => body = Some(b),
            Lowered::Form(param) => {
                form.retain(|q| q.name != param.name);
                form.push(param);
            }
            Lowered::Skip => {}
        }
    }
    if !form.is_empty() {
        body = Some(form_body(cx, form, &consumes));
    }
    if let Some(rb) = m.field("requestBody") {
        if let Some((bloc, b, _)) = cx.deref(loc.child("requestBody"), rb) {
            if let Some(bm) = cx.object(&bloc, b, "`requestBody`") {
                body = Some(RequestBody {
                    required: boolean(bm.field("required")).unwrap_or(false),
                    description: string(bm, "description"),
                    content: lower_content(cx, &bloc, bm),
                    loc: bloc.clone(),
                });
            }
        }
    }
    let responses = m.field("responses").map(|r| lower_responses(cx, &loc.child("responses"), r, &produces));
    let security = m.field("security").map(|s| lower_security(cx, &loc.child("security"), s));
    let auth = match m.field("x-amazon-apigateway-auth") {
        Some(a) => {
            let aloc = loc.child("x-amazon-apigateway-auth");
            cx.object(&aloc, a, "`x-amazon-apigateway-auth`").and_then(|am| cx.choice(am, "type", auth_type))
        }
        None => None,
    };
    let integration = match m.field("x-amazon-apigateway-integration") {
        Some(i) => lower_integration_ref(cx, &loc.child("x-amazon-apigateway-integration"), i),
        None => None,
    };
    let tags = cx.string_list(loc, m, "tags");
    Some(Operation {
        method,
        operation_id: string(m, "operationId"),
        summary: string(m, "summary"),
        description: string(m, "description"),
        deprecated: boolean(m.field("deprecated")).unwrap_or(false),
        tags,
        parameters,
        request_body: body,
        responses,
        security,
        auth,
        integration,
        request_validator: string(m, "x-amazon-apigateway-request-validator"),
        is_default_route: boolean(m.field("isDefaultRoute")).unwrap_or(false),
        loc: loc.clone(),
    })
}

enum Lowered {
    Param(Parameter),
    Body(RequestBody),
    Form(Parameter),
    Skip,
}

fn lower_parameter<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value, consumes: &[String]) -> Option<Lowered> {
    let Some((ploc, p, _)) = cx.deref(loc.clone(), v) else {
        return Some(Lowered::Skip);
    };
    let Some(pm) = cx.object(&ploc, p, "a parameter") else {
        return Some(Lowered::Skip);
    };
    let name = string(pm, "name").unwrap_or_default();
    let location = string(pm, "in").unwrap_or_default();
    let required = boolean(pm.field("required")).unwrap_or(false);
    let description = string(pm, "description");
    let location = match location.as_str() {
        "path" => ParamIn::Path,
        "query" => ParamIn::Query,
        "header" => ParamIn::Header,
        "cookie" => ParamIn::Cookie,
        "body" if cx.sw2() => {
            let schema = pm.field("schema").map(|s| cx.schema(&ploc.child("schema"), s, 0));
            let types = if consumes.is_empty() { vec!["application/json".to_string()] } else { consumes.to_vec() };
            let content = types.into_iter().map(|t| (t, MediaType { schema })).collect();
            return Some(Lowered::Body(RequestBody { loc: ploc, required, description, content }));
        }
        "formData" if cx.sw2() => {
            let schema = Some(cx.schema(&ploc, p, 0));
            return Some(Lowered::Form(Parameter {
                name,
                location: ParamIn::Query,
                required,
                description,
                deprecated: false,
                schema,
                style: None,
                explode: None,
                loc: ploc,
            }));
        }
        other => {
            cx.ignored(
                &ploc.child("in"),
                if name.is_empty() && other.is_empty() {
                    "a parameter without `name` and `in`; it is ignored".to_string()
                } else if other.is_empty() {
                    format!("parameter `{name}` has no `in`; it is ignored")
                } else {
                    format!("parameter `{name}` has `in: {other}`; it is ignored")
                },
                "`in` is one of path, query, header or cookie (Swagger 2.0 also has body and formData)",
            );
            return Some(Lowered::Skip);
        }
    };
    let schema = if cx.sw2() {
        // Swagger 2.0 non-body parameters carry their schema inline (type, format, items, enum).
        Some(cx.schema(&ploc, p, 0))
    } else if let Some(s) = pm.field("schema") {
        Some(cx.schema(&ploc.child("schema"), s, 0))
    } else {
        pm.field("content").and_then(Value::as_object).and_then(|c| c.iter().next()).and_then(|(mt, media)| {
            media.field("schema").map(|s| cx.schema(&ploc.child("content").child(mt).child("schema"), s, 0))
        })
    };
    let (style, explode) = serialization(cx.sw2(), pm, location);
    Some(Lowered::Param(Parameter {
        name,
        required: required || location == ParamIn::Path,
        location,
        description,
        deprecated: boolean(pm.field("deprecated")).unwrap_or(false),
        schema,
        style,
        explode,
        loc: ploc,
    }))
}

/// How an array (or object) parameter is written, as OpenAPI 3 says it: the effective `style`
/// and `explode`, with Swagger 2.0's `collectionFormat` translated. None for other parameters.
fn serialization(sw2: bool, pm: &Obj, location: ParamIn) -> (Option<String>, Option<bool>) {
    let simple = matches!(location, ParamIn::Path | ParamIn::Header);
    if sw2 {
        if pm.field("type").and_then(Value::as_str) != Some("array") {
            return (None, None);
        }
        // A format OpenAPI 3.0 cannot express (`tsv`, `multi` in a header) has no style: the
        // export says so, and a client falls back to the location's default.
        return match crate::ir::collection_format_style(string(pm, "collectionFormat").as_deref(), location.as_str()) {
            Some((style, explode)) => (Some(style.to_string()), Some(explode)),
            None => (None, None),
        };
    }
    let ty = pm.field("schema").and_then(|s| s.field("type")).and_then(Value::as_str);
    if !matches!(ty, Some("array" | "object")) {
        return (None, None);
    }
    let style = string(pm, "style").unwrap_or_else(|| if simple { "simple" } else { "form" }.to_string());
    let explode = boolean(pm.field("explode")).unwrap_or(style == "form");
    (Some(style), Some(explode))
}

/// Swagger 2.0 `formData` parameters become one form body with an object schema.
fn form_body(cx: &mut Cx<'_>, params: Vec<Parameter>, consumes: &[String]) -> RequestBody {
    let multipart = consumes.iter().any(|c| c.starts_with("multipart/"))
        || params
            .iter()
            .any(|p| p.schema.and_then(|s| cx.own(s)).is_some_and(|s| matches!(s.kind, SchemaKind::Binary)));
    let media = if multipart { "multipart/form-data" } else { "application/x-www-form-urlencoded" };
    let loc = params[0].loc.clone();
    let id = cx.alloc_schema(loc.clone(), None, false);
    let required = params.iter().filter(|p| p.required).map(|p| p.name.clone()).collect();
    let properties = params.iter().filter_map(|p| p.schema.map(|s| (p.name.clone(), s))).collect();
    cx.slot(id).kind = SchemaKind::Object { properties, required, additional: None };
    RequestBody {
        loc,
        required: params.iter().any(|p| p.required),
        description: None,
        content: IndexMap::from([(media.to_string(), MediaType { schema: Some(id) })]),
    }
}

fn lower_content<'s>(cx: &mut Cx<'s>, loc: &Loc, m: &'s Obj) -> IndexMap<String, MediaType> {
    let mut out = IndexMap::new();
    let Some(c) = m.field("content") else {
        return out;
    };
    let cloc = loc.child("content");
    let Some(cm) = cx.object(&cloc, c, "`content`") else {
        return out;
    };
    for (mt, media) in cm {
        let mloc = cloc.child(mt);
        let schema =
            media.as_object().and_then(|mm| mm.field("schema")).map(|s| cx.schema(&mloc.child("schema"), s, 0));
        out.insert(mt.clone(), MediaType { schema });
    }
    out
}

fn lower_responses<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value, produces: &[String]) -> Vec<Response> {
    let Some(m) = cx.object(loc, v, "`responses`") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (status, r) in m {
        if status.starts_with("x-") {
            continue;
        }
        let rloc0 = loc.child(status);
        let Some((rloc, r, reference)) = cx.deref(rloc0.clone(), r) else {
            out.push(Response {
                status: status.clone(),
                loc: rloc0,
                reference: r.field("$ref").and_then(Value::as_str).map(str::to_string),
                description: None,
                headers: IndexMap::new(),
                content: IndexMap::new(),
            });
            continue;
        };
        let Some(rm) = cx.object(&rloc, r, &format!("response `{status}`")) else {
            continue;
        };
        let mut headers = IndexMap::new();
        if let Some(h) = rm.field("headers") {
            let hloc = rloc.child("headers");
            if let Some(hm) = cx.object(&hloc, h, "response `headers`") {
                for (name, hv) in hm {
                    let Some((hl, hv, _)) = cx.deref(hloc.child(name), hv) else {
                        continue;
                    };
                    let Some(hvm) = cx.object(&hl, hv, "a header") else {
                        continue;
                    };
                    let schema = if cx.sw2() {
                        Some(cx.schema(&hl, hv, 0))
                    } else {
                        hvm.field("schema").map(|s| cx.schema(&hl.child("schema"), s, 0))
                    };
                    headers.insert(name.clone(), Header { description: string(hvm, "description"), schema });
                }
            }
        }
        let content = if cx.sw2() {
            match rm.field("schema") {
                Some(s) => {
                    let schema = Some(cx.schema(&rloc.child("schema"), s, 0));
                    let types =
                        if produces.is_empty() { vec!["application/json".to_string()] } else { produces.to_vec() };
                    types.into_iter().map(|t| (t, MediaType { schema })).collect()
                }
                None => IndexMap::new(),
            }
        } else {
            lower_content(cx, &rloc, rm)
        };
        out.push(Response {
            status: status.clone(),
            loc: rloc,
            reference,
            description: string(rm, "description"),
            headers,
            content,
        });
    }
    out
}

fn lower_integration_ref<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Option<Integration> {
    let reference = v.field("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()).map(str::to_string);
    let (iloc, iv, _) = cx.deref(loc.clone(), v)?;
    lower_integration(cx, &iloc, iv, reference)
}

fn lower_integration<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value, reference: Option<String>) -> Option<Integration> {
    let m = cx.object(loc, v, "`x-amazon-apigateway-integration`")?;
    let mut responses = IndexMap::new();
    if let Some(r) = m.field("responses") {
        let rloc = loc.child("responses");
        if let Some(rm) = cx.object(&rloc, r, "integration `responses`") {
            for (pattern, resp) in rm {
                let ploc = rloc.child(pattern);
                let Some(pm) = cx.object(&ploc, resp, "an integration response") else {
                    continue;
                };
                responses.insert(
                    pattern.clone(),
                    IntegrationResponse {
                        status_code: cx.field(&ploc, pm, "statusCode"),
                        response_parameters: cx.text_map(&ploc, pm, "responseParameters"),
                        response_templates: cx.text_map(&ploc, pm, "responseTemplates"),
                        content_handling: cx.choice(pm, "contentHandling", content_handling),
                        loc: ploc,
                    },
                );
            }
        }
    }
    let tls_config = match m.field("tlsConfig") {
        Some(t) => {
            let tloc = loc.child("tlsConfig");
            cx.object(&tloc, t, "`tlsConfig`").map(|tm| TlsConfig {
                insecure_skip_verification: boolean(tm.field("insecureSkipVerification")),
                server_name_to_verify: cx.field(&tloc, tm, "serverNameToVerify"),
            })
        }
        None => None,
    };
    Some(Integration {
        reference,
        kind: cx.choice(m, "type", IntegrationType::parse),
        http_method: cx.field(loc, m, "httpMethod"),
        uri: cx.field(loc, m, "uri"),
        credentials: cx.field(loc, m, "credentials"),
        connection_type: cx.choice(m, "connectionType", connection_type),
        connection_id: cx.field(loc, m, "connectionId"),
        request_parameters: cx.text_map(loc, m, "requestParameters"),
        request_templates: cx.text_map(loc, m, "requestTemplates"),
        passthrough_behavior: cx.choice(m, "passthroughBehavior", passthrough),
        content_handling: cx.choice(m, "contentHandling", content_handling),
        timeout_in_millis: num(m.field("timeoutInMillis")),
        cache_key_parameters: cx.text_list(loc, m, "cacheKeyParameters"),
        cache_namespace: cx.field(loc, m, "cacheNamespace"),
        responses,
        tls_config,
        payload_format_version: cx.field(loc, m, "payloadFormatVersion"),
        integration_subtype: cx.field(loc, m, "integrationSubtype"),
        response_transfer_mode: cx.choice(m, "responseTransferMode", transfer_mode),
        integration_target: cx.field(loc, m, "integrationTarget"),
        loc: loc.clone(),
    })
}

/// The name of a schema under `components/schemas` or `definitions` (of any file).
fn component_name(loc: &Loc) -> Option<String> {
    let parent = loc.ptr.parent()?;
    matches!(parent.as_str(), "/components/schemas" | "/definitions").then(|| loc.ptr.last()).flatten()
}

/// How deep inline schemas may nest before gwgen stops descending.
const MAX_SCHEMA_DEPTH: usize = 128;

impl<'s> Cx<'s> {
    /// A new schema slot. Named schemas and `$ref` targets are registered by location, so
    /// every reference to them finds the same id; inline schemas are reached once and are not.
    fn alloc_schema(&mut self, loc: Loc, name: Option<String>, register: bool) -> SchemaId {
        let id = SchemaId(self.base + self.schemas.len() as u32);
        if register {
            self.targets_registered |= name.is_none() || component_name(&loc).is_none();
            self.forked_registration |= self.base != 0;
            self.schema_ids.entry(loc.clone()).or_insert(id);
        }
        self.schemas.push(Schema {
            id,
            name,
            loc: loc.clone(),
            kind: SchemaKind::Any,
            title: None,
            description: None,
            format: None,
            nullable: false,
            read_only: false,
            write_only: false,
            deprecated: false,
            default: None,
            enum_values: Vec::new(),
            discriminator: None,
            keywords: Keywords::default(),
        });
        id
    }

    /// A context that lowers beside this one: it knows the ids given so far, and gives out its
    /// own from [`FORK_BASE`] (see [`Cx::join`]).
    fn fork(&self) -> Cx<'s> {
        Cx {
            src: self.src,
            version: self.version,
            errors: Vec::new(),
            diags: Vec::new(),
            schemas: Vec::with_capacity(self.schemas.capacity()),
            schema_ids: self.schema_ids.clone(),
            reported: HashSet::new(),
            targets_registered: self.targets_registered,
            base: FORK_BASE,
            forked_registration: false,
            consumes: self.consumes.clone(),
            produces: self.produces.clone(),
        }
    }

    /// Takes in a fork's schemas, findings and errors after this context's own, numbering the
    /// fork's schemas after this context's (in `parts` too, which the fork lowered).
    fn join(&mut self, fork: Cx<'s>, mut parts: ApiParts) -> ApiParts {
        let first = self.schemas.len() as u32;
        let renumber = |id: &mut SchemaId| {
            if id.0 >= FORK_BASE {
                id.0 = id.0 - FORK_BASE + first;
            }
        };
        for mut schema in fork.schemas {
            renumber(&mut schema.id);
            match &mut schema.kind {
                SchemaKind::Array { items } => items.iter_mut().for_each(renumber),
                SchemaKind::Object { properties, additional, .. } => {
                    properties.values_mut().for_each(renumber);
                    if let Some(Additional::Schema(id)) = additional {
                        renumber(id);
                    }
                }
                SchemaKind::AllOf { of } | SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } => {
                    of.iter_mut().for_each(renumber)
                }
                SchemaKind::Any
                | SchemaKind::String
                | SchemaKind::Integer
                | SchemaKind::Number
                | SchemaKind::Boolean
                | SchemaKind::Null
                | SchemaKind::Binary
                | SchemaKind::Unresolved { .. } => {}
            }
            self.schemas.push(schema);
        }
        for op in parts.paths.iter_mut().flat_map(|p| p.operations.iter_mut()) {
            op.parameters.iter_mut().filter_map(|p| p.schema.as_mut()).for_each(renumber);
            let bodies = op.request_body.iter_mut().flat_map(|b| b.content.values_mut());
            let responses = op.responses.iter_mut().flatten();
            let mut media: Vec<&mut MediaType> = bodies.collect();
            let mut headers = Vec::new();
            for r in responses {
                media.extend(r.content.values_mut());
                headers.extend(r.headers.values_mut());
            }
            media.into_iter().filter_map(|m| m.schema.as_mut()).for_each(renumber);
            headers.into_iter().filter_map(|h| h.schema.as_mut()).for_each(renumber);
        }
        self.errors.extend(fork.errors);
        self.diags.extend(fork.diags);
        parts
    }

    /// A schema this context allocated.
    fn slot(&mut self, id: SchemaId) -> &mut Schema {
        &mut self.schemas[(id.0 - self.base) as usize]
    }

    /// A schema this context allocated, if `id` is one.
    fn own(&self, id: SchemaId) -> Option<&Schema> {
        self.schemas.get(id.0.checked_sub(self.base)? as usize)
    }

    /// The schema at `loc`: its existing id, or a new one (following `$ref`s).
    fn schema(&mut self, loc: &Loc, v: &'s Value, depth: usize) -> SchemaId {
        // Only a `$ref` target can be met again inline (a named schema is lowered once, by
        // name): until one is registered there is nothing to look up.
        if self.targets_registered {
            if let Some(id) = self.schema_ids.get(loc) {
                return *id;
            }
        }
        if let Some(r) = v.as_object().and_then(|m| m.field("$ref")) {
            let reference = r.as_str().unwrap_or_default().to_string();
            return match self.deref(loc.clone(), v) {
                Some((target, tv, _)) => {
                    if let Some(id) = self.schema_ids.get(&target) {
                        return *id;
                    }
                    let id = self.alloc_schema(target.clone(), component_name(&target), true);
                    self.fill_schema(id, &target, tv, depth + 1);
                    id
                }
                None => {
                    let id = self.alloc_schema(loc.clone(), None, false);
                    self.slot(id).kind = SchemaKind::Unresolved { reference };
                    id
                }
            };
        }
        let id = self.alloc_schema(loc.clone(), None, false);
        self.fill_schema(id, loc, v, depth);
        id
    }

    fn fill_schema(&mut self, id: SchemaId, loc: &Loc, v: &'s Value, depth: usize) {
        let Value::Object(m) = v else {
            if let Value::Bool(false) = v {
                self.slot(id).kind = SchemaKind::Null;
            }
            return;
        };
        if m.contains_key("$ref") {
            // A named schema that is itself a reference: an alias of the target.
            let kind = match self.deref(loc.clone(), v) {
                Some((target, tv, _)) => {
                    let target_id = match self.schema_ids.get(&target) {
                        Some(t) => *t,
                        None => {
                            let t = self.alloc_schema(target.clone(), component_name(&target), true);
                            self.fill_schema(t, &target, tv, depth + 1);
                            t
                        }
                    };
                    SchemaKind::AllOf { of: vec![target_id] }
                }
                None => SchemaKind::Unresolved { reference: m["$ref"].as_str().unwrap_or_default().to_string() },
            };
            self.slot(id).kind = kind;
            return;
        }
        if depth > MAX_SCHEMA_DEPTH {
            return;
        }
        let d = depth + 1;
        // One pass over the keys (large documents have tens of thousands of schemas).
        let f = SchemaFields::of(m);
        let (ty, mut nullable) = match f.ty {
            Some(Value::String(t)) => (Some(t.as_str()), false),
            Some(Value::Array(types)) => {
                let null = types.iter().any(|t| t == "null");
                (types.iter().filter_map(Value::as_str).find(|t| *t != "null"), null)
            }
            _ => (None, false),
        };
        nullable |= boolean(f.nullable).unwrap_or(false) || boolean(f.x_nullable).unwrap_or(false);
        let format = f.format.and_then(Value::as_str).map(str::to_string);
        let members = |cx: &mut Self, key: &str, list: &'s [Value]| -> Vec<SchemaId> {
            let l = loc.child(key);
            list.iter().enumerate().map(|(i, s)| cx.schema(&l.index(i), s, d)).collect()
        };
        let has_object_shape = f.properties.is_some() || f.additional.is_some();
        let kind = if let Some(list) = f.all_of {
            let mut of = members(self, "allOf", list);
            if has_object_shape {
                let extra = self.alloc_schema(loc.child("properties"), None, false);
                let kind = self.object_kind(loc, &f, d);
                self.slot(extra).kind = kind;
                of.push(extra);
            }
            SchemaKind::AllOf { of }
        } else if let Some(list) = f.one_of {
            SchemaKind::OneOf { of: members(self, "oneOf", list) }
        } else if let Some(list) = f.any_of {
            SchemaKind::AnyOf { of: members(self, "anyOf", list) }
        } else {
            match ty {
                Some("string") if matches!(format.as_deref(), Some("binary")) => SchemaKind::Binary,
                Some("file") => SchemaKind::Binary,
                Some("string") => SchemaKind::String,
                Some("integer") => SchemaKind::Integer,
                Some("number") => SchemaKind::Number,
                Some("boolean") => SchemaKind::Boolean,
                Some("null") => SchemaKind::Null,
                Some("array") => SchemaKind::Array { items: self.items(loc, f.items, d) },
                Some("object") => self.object_kind(loc, &f, d),
                _ if has_object_shape => self.object_kind(loc, &f, d),
                _ if f.items.is_some() => SchemaKind::Array { items: self.items(loc, f.items, d) },
                _ => SchemaKind::Any,
            }
        };
        let discriminator = match f.discriminator {
            Some(Value::String(p)) => Some(Discriminator { property_name: p.clone(), mapping: IndexMap::new() }),
            Some(Value::Object(dm)) => Some(Discriminator {
                property_name: string(dm, "propertyName").unwrap_or_default(),
                mapping: dm
                    .field("mapping")
                    .and_then(Value::as_object)
                    .map(|mm| mm.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string()))).collect())
                    .unwrap_or_default(),
            }),
            _ => None,
        };
        let s = self.slot(id);
        s.keywords = f.keywords;
        s.kind = kind;
        s.nullable = nullable;
        s.format = format;
        s.title = f.title.and_then(Value::as_str).map(str::to_string);
        s.description = f.description.and_then(Value::as_str).map(str::to_string);
        s.read_only = boolean(f.read_only).unwrap_or(false);
        s.write_only = boolean(f.write_only).unwrap_or(false);
        s.deprecated = boolean(f.deprecated).unwrap_or(false);
        s.default = f.default.cloned();
        s.enum_values = f.enum_values.and_then(Value::as_array).cloned().unwrap_or_default();
        s.discriminator = discriminator;
    }

    fn items(&mut self, loc: &Loc, items: Option<&'s Value>, depth: usize) -> Option<SchemaId> {
        match items? {
            Value::Array(tuple) => tuple.first().map(|s| self.schema(&loc.child("items").index(0), s, depth)),
            s => Some(self.schema(&loc.child("items"), s, depth)),
        }
    }

    fn object_kind(&mut self, loc: &Loc, f: &SchemaFields<'s>, depth: usize) -> SchemaKind {
        let mut properties = IndexMap::new();
        if let Some(Value::Object(props)) = f.properties {
            let ploc = loc.child("properties");
            properties.reserve(props.len());
            for (name, s) in props {
                properties.insert(name.clone(), self.schema(&ploc.child(name), s, depth));
            }
        }
        let required = match f.required {
            Some(Value::Array(r)) => r.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        };
        let additional = match f.additional {
            None => None,
            Some(Value::Bool(true)) => Some(Additional::Any),
            Some(Value::Bool(false)) => Some(Additional::Forbidden),
            Some(Value::Object(o)) if o.is_empty() => Some(Additional::Any),
            Some(s) => Some(Additional::Schema(self.schema(&loc.child("additionalProperties"), s, depth))),
        };
        SchemaKind::Object { properties, required, additional }
    }
}

/// The fields of a schema object that lowering reads, found in one pass over its keys.
#[derive(Default)]
struct SchemaFields<'s> {
    ty: Option<&'s Value>,
    nullable: Option<&'s Value>,
    x_nullable: Option<&'s Value>,
    format: Option<&'s Value>,
    all_of: Option<&'s [Value]>,
    one_of: Option<&'s [Value]>,
    any_of: Option<&'s [Value]>,
    properties: Option<&'s Value>,
    additional: Option<&'s Value>,
    required: Option<&'s Value>,
    items: Option<&'s Value>,
    discriminator: Option<&'s Value>,
    title: Option<&'s Value>,
    description: Option<&'s Value>,
    read_only: Option<&'s Value>,
    write_only: Option<&'s Value>,
    deprecated: Option<&'s Value>,
    default: Option<&'s Value>,
    enum_values: Option<&'s Value>,
    keywords: Keywords,
}

impl<'s> SchemaFields<'s> {
    fn of(m: &'s Obj) -> Self {
        let mut f = SchemaFields::default();
        for (key, v) in m {
            f.keywords.insert(key);
            let slot = match key.as_str() {
                "type" => &mut f.ty,
                "nullable" => &mut f.nullable,
                "x-nullable" => &mut f.x_nullable,
                "format" => &mut f.format,
                "properties" => &mut f.properties,
                "additionalProperties" => &mut f.additional,
                "required" => &mut f.required,
                "items" => &mut f.items,
                "discriminator" => &mut f.discriminator,
                "title" => &mut f.title,
                "description" => &mut f.description,
                "readOnly" => &mut f.read_only,
                "writeOnly" => &mut f.write_only,
                "deprecated" => &mut f.deprecated,
                "default" => &mut f.default,
                "enum" => &mut f.enum_values,
                "allOf" => {
                    f.all_of = v.as_array().map(Vec::as_slice);
                    continue;
                }
                "oneOf" => {
                    f.one_of = v.as_array().map(Vec::as_slice);
                    continue;
                }
                "anyOf" => {
                    f.any_of = v.as_array().map(Vec::as_slice);
                    continue;
                }
                _ => continue,
            };
            *slot = Some(v);
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_source;

    fn sources(text: &str) -> Sources {
        let mut sources = Sources::default();
        sources.add(parse_source("t.yaml".into(), text.as_bytes().to_vec()).unwrap());
        sources
    }

    /// Lowered in one pass and in two halves: both results, printed in full.
    fn both(text: &str) -> (String, Option<String>) {
        let src = sources(text);
        let (version, version_text) = sniff_version(&src.get(FileId(0)).value).unwrap();
        let (mut cx, named) = begin(&src, version, &version_text);
        fill_named(&mut cx, &named);
        let parts = lower_rest(&mut cx, root(&src), version, version_text.clone(), named.ids);
        let one = format!("{:#?}", cx.finish(parts));
        (one, lower_split(&src, version, &version_text).map(|two| format!("{two:#?}")))
    }

    const DOC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      parameters: [{name: tags, in: query, schema: {type: array, items: {type: string}}}]
      responses:
        '200':
          description: ok
          headers: {X-Rate: {schema: {type: integer}}}
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
        '404': {description: no, content: {application/json: {schema: {$ref: '#/components/schemas/Nope'}}}}
    put:
      requestBody:
        content:
          application/json:
            schema:
              allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {extra: {type: boolean}}}]
      responses: {'204': {description: ok}}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, example: Rex}
        owner: {$ref: '#/components/schemas/Owner'}
        toys: {type: array, items: {oneOf: [{type: string}, {$ref: '#/components/schemas/Toy'}]}}
      additionalProperties: {type: integer}
    Owner: {type: object, properties: {pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
    Toy: {$ref: '#/components/schemas/Owner'}
    Broken: {$ref: '#/components/schemas/Missing'}
";

    #[test]
    fn two_halves_lower_as_one_pass_does() {
        let (one, two) = both(DOC);
        let two = two.expect("the document splits");
        assert!(!two.contains(&FORK_BASE.to_string()), "a fork id was left unnumbered");
        assert!(one.contains("unresolved-ref") && one.contains("Nope"), "{one}");
        assert_eq!(one, two);
    }

    #[test]
    fn swagger_form_bodies_lower_as_one_pass_does() {
        let doc = "swagger: '2.0'
info: {title: t, version: '1'}
consumes: [multipart/form-data]
paths:
  /upload:
    post:
      parameters:
        - {name: file, in: formData, type: file}
        - {name: body, in: body, schema: {$ref: '#/definitions/Meta'}}
      responses: {'200': {description: ok, schema: {$ref: '#/definitions/Meta'}}}
definitions:
  Meta: {type: object, properties: {size: {type: integer, format: int64}}}
";
        let (one, two) = both(doc);
        assert_eq!(one, two.expect("the document splits"));
    }

    #[test]
    fn a_reference_into_a_schema_lowers_in_one_pass() {
        // The paths refer to a property of a named schema: both halves could register it.
        let doc =
            DOC.replace("{$ref: '#/components/schemas/Nope'}", "{$ref: '#/components/schemas/Pet/properties/name'}");
        assert_eq!(both(&doc).1, None);
        // And a named schema that refers into the paths.
        let doc = DOC.replace(
            "Broken: {$ref: '#/components/schemas/Missing'}",
            "Broken: {$ref: '#/paths/~1pets~1{id}/put/requestBody/content/application~1json/schema'}",
        );
        assert_eq!(both(&doc).1, None);
    }
}
