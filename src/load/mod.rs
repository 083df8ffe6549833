//! Reading documents: files to values (JSON or YAML, by content), external `$ref` files, the
//! version check, and lowering into the IR.

mod api_type;
mod lower;
pub mod template;
mod version;
pub mod yaml;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::{Error, Failed, Report};
use crate::ir::{Api, ApiType, ApiTypeFrom};
use crate::source::{FileId, Pos, Source, Sources, Syntax};

pub use crate::ir::is_intrinsic;
pub use lower::{first_mapping_branch, kind_of, OPENAPI_31, OPENAPI_IGNORED, OPENAPI_STRUCTURE, UNRESOLVED_REF};

/// Rule id of the loader's finding for a key written twice in one YAML mapping.
pub const DUPLICATE_KEY: &str = "duplicate-key";

/// What the caller knows about the API before reading it.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The API type when it was given (`--api-type` or config), and by which.
    pub api_type: Option<(ApiType, ApiTypeFrom)>,
    /// In a template with several APIs, the logical id of the one to read (`--api`).
    pub api: Option<String>,
    /// Follow `$ref`s to files outside the document's folder (`--allow-external-refs`).
    pub allow_external_refs: bool,
    /// Template parameter values (`--parameter NAME=VALUE`): they replace the `Default`s.
    pub parameters: Vec<(String, String)>,
}

/// Rule id of the loader's note on a template condition gwgen cannot evaluate.
pub const CONDITION_UNKNOWN: &str = "template-condition-unknown";

/// The template prepared for reading ([`template::prepare`]), or the located error of a
/// `--parameter` it refuses.
fn prepare(source: Source, options: &Options) -> Result<template::Prepared, Vec<Error>> {
    let path = source.path.clone();
    template::prepare(source, &options.parameters).map_err(|(message, help, at)| {
        let e = match at {
            Some(ptr) => Error::at(Failed::Arguments, &path, crate::diag::Place::Key(ptr), message),
            None => Error::new(Failed::Arguments, &path, None, message),
        };
        vec![e.help(help)]
    })
}

/// Reads one file into a [`Source`]: JSON when the text starts with `{` or `[`, else YAML.
pub fn read_source(path: &Path) -> Result<Source, Error> {
    if path.is_dir() {
        return Err(Error::new(Failed::Read, path, None, "this is a folder, not a file")
            .help("import, export and sdk read one document or template: name the file; `gwgen lint FOLDER` searches a folder"));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new(Failed::Read, path, None, format!("cannot read the file: {e}"))
            .help("check the path and that the file is readable")
    })?;
    parse_source(path.to_path_buf(), bytes)
}

/// Parses text already read (the file name is used in messages and to resolve `$ref`s).
pub fn parse_source(path: PathBuf, bytes: Vec<u8>) -> Result<Source, Error> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let pos = pos_of_offset(bytes, offset);
        Error::new(Failed::Read, &path, Some(pos), "the file is not UTF-8 text (is it a binary file?)")
            .help("OpenAPI documents are UTF-8 JSON or YAML")
    })?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if body.trim().is_empty() {
        return Err(Error::new(Failed::Document, &path, None, "the file is empty")
            .help("an OpenAPI document starts with `openapi: 3.0.3` or `swagger: \"2.0\"`"));
    }
    let first = body.trim_start().as_bytes()[0];
    if first == b'{' || first == b'[' {
        match serde_json::from_str::<Value>(body) {
            Ok(value) => return Ok(Source::new(path, text, Syntax::Json, value)),
            Err(e) => {
                let is_json_name = path.extension().is_some_and(|x| x.eq_ignore_ascii_case("json"));
                if is_json_name || yaml::parse(body).is_err() {
                    let pos = Pos { line: e.line() as u32, column: e.column().max(1) as u32 };
                    let message = e.to_string();
                    let message = message.rsplit_once(" at line").map_or(message.as_str(), |(m, _)| m).to_string();
                    return Err(Error::new(Failed::Syntax, &path, Some(pos), format!("invalid JSON: {message}"))
                        .help("fix the JSON syntax at this position"));
                }
            }
        }
    }
    match yaml::parse(body) {
        Ok((value, positions)) => Ok(Source::new(path, text, Syntax::Yaml, value).with_positions(positions)),
        Err(e) => Err(Error::new(Failed::Syntax, &path, Some(e.pos), format!("invalid YAML: {}", e.message))
            .help("fix the YAML syntax at this position")),
    }
}

fn pos_of_offset(bytes: &[u8], offset: usize) -> Pos {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u32 + 1;
    Pos { line, column }
}

/// Loads a document and every file it references into the IR. A template must hold exactly one
/// API, or `options.api` must name one.
pub fn load(path: &Path, options: &Options) -> Result<Api, Vec<Error>> {
    let source = read_source(path).map_err(|e| vec![e])?;
    if !template::is_template(&source.value) {
        return load_source(source, options);
    }
    let defined_api = !template::apis(&source).is_empty() || !template::websocket_apis(&source).is_empty();
    let prepared = prepare(source, options)?;
    let source = &prepared.source;
    refused_globals(source)?;
    refused_by_cloudformation(&prepared, options)?;
    let apis = template::apis(source);
    let sockets = template::websocket_apis(source);
    let ids = || {
        let mut all: Vec<&str> = apis.iter().map(|a| a.logical_id.as_str()).collect();
        all.extend(sockets.iter().map(|(id, _, _)| id.as_str()));
        all.join(", ")
    };
    let socket = match &options.api {
        Some(id) => sockets.iter().find(|(s, _, _)| s == id),
        None if apis.is_empty() && sockets.len() == 1 => sockets.first(),
        None => None,
    };
    if let Some((id, _, _)) = socket {
        return load_websocket(&prepared, id, options.api.as_deref());
    }
    let chosen = match &options.api {
        Some(id) => apis.iter().find(|a| &a.logical_id == id).ok_or_else(|| {
            if let Some(r) = prepared.conditions.removed.iter().find(|r| &r.logical_id == id) {
                return vec![not_created(source, r)];
            }
            vec![Error::new(Failed::Arguments, path, None, format!("the template has no API `{id}`"))
                .help(format!("its APIs: {}", ids()))]
        })?,
        None => match (apis.as_slice(), sockets.len()) {
            ([one], 0) => one,
            ([], 0) if defined_api && !prepared.conditions.removed.is_empty() => {
                return Err(vec![none_created(source, &prepared.conditions.removed)])
            }
            ([], 0) => return Err(vec![no_api(path)]),
            _ => {
                return Err(vec![Error::new(Failed::Arguments, path, None, "the template defines several APIs")
                    .help(format!("choose one with --api ({})", ids()))])
            }
        },
    };
    load_template_api(&prepared, chosen, options)
}

/// A template whose every API (or every function whose events make one) has a `Condition` that is
/// false: CloudFormation creates no API. Named, it fails; met in a folder, it is a note.
fn none_created(source: &Source, removed: &[template::Removed]) -> Error {
    let list: Vec<String> =
        removed.iter().map(|r| format!("`{}` (Condition `{}`)", r.logical_id, r.condition)).collect();
    let message = format!(
        "no API of the template is created with its parameter values: the conditions of {} are false",
        list.join(", ")
    );
    let place = match removed.first() {
        Some(r) => crate::diag::Place::Key(
            crate::source::Pointer::root().push("Resources").push(&r.logical_id).push("Condition"),
        ),
        None => crate::diag::Place::File,
    };
    Error::at(Failed::Unsupported, &source.path, place, message)
        .help("give the parameters the conditions read other values with --parameter NAME=VALUE")
}

/// An API resource whose `Condition` is false: CloudFormation does not create it.
fn not_created(source: &Source, removed: &template::Removed) -> Error {
    let ptr = crate::source::Pointer::root().push("Conditions").push(&removed.condition);
    let message = format!(
        "API `{}` is not created: its Condition `{}` is false with the template's parameter values",
        removed.logical_id, removed.condition
    );
    Error::at(Failed::Arguments, &source.path, crate::diag::Place::Key(ptr), message)
        .help("give the parameters the condition reads other values with --parameter NAME=VALUE")
}

/// A template that defines no REST or HTTP API.
fn no_api(path: &Path) -> Error {
    Error::new(Failed::Document, path, None, "the template defines no API").help(
        "gwgen reads AWS::Serverless::Api / HttpApi / WebSocketApi (and the APIs SAM makes for functions' Api / HttpApi events), AWS::ApiGateway::RestApi and AWS::ApiGatewayV2::Api resources",
    )
}

/// One API of a file: the template logical id (None for a plain document) and the API, or why
/// it could not be read.
pub type LoadedApi = (Option<String>, Result<Api, Vec<Error>>);

/// Loads every API a file defines: the document itself, or each API of a template (with the
/// logical id of each).
pub fn load_all(path: &Path, options: &Options) -> Result<Vec<LoadedApi>, Vec<Error>> {
    load_all_source(read_source(path).map_err(|e| vec![e])?, options)
}

/// What a read file is, as the loader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An OpenAPI or Swagger document (a root mapping with `openapi` or `swagger`).
    Document,
    /// A SAM / CloudFormation template that defines at least one API.
    Template,
    /// Anything else.
    Other,
}

/// Whether a read file is a document, a template defining an API, or neither: the one test both
/// the folder search and the loader go by.
pub fn kind(source: &Source) -> Kind {
    let Value::Object(root) = &source.value else { return Kind::Other };
    if root.contains_key("openapi") || root.contains_key("swagger") {
        Kind::Document
    } else if template::is_template(&source.value)
        && template::may_define_api(&source.text)
        && (!template::apis(source).is_empty() || !template::websocket_apis(source).is_empty())
    {
        Kind::Template
    } else {
        Kind::Other
    }
}

/// [`load_all`], for a file already read.
pub fn load_all_source(source: Source, options: &Options) -> Result<Vec<LoadedApi>, Vec<Error>> {
    if !template::is_template(&source.value) {
        return Ok(vec![(None, load_source(source, options))]);
    }
    let defines_api = !template::apis(&source).is_empty() || !template::websocket_apis(&source).is_empty();
    let prepared = prepare(source, options)?;
    let source = &prepared.source;
    refused_globals(source)?;
    refused_by_cloudformation(&prepared, options)?;
    if template::apis(source).is_empty() && template::websocket_apis(source).is_empty() {
        if defines_api && !prepared.conditions.removed.is_empty() {
            return Err(vec![none_created(source, &prepared.conditions.removed)]);
        }
        return Err(vec![no_api(&source.path)]);
    }
    if let Some(r) = prepared.conditions.removed.iter().find(|r| options.api.as_ref() == Some(&r.logical_id)) {
        return Err(vec![not_created(source, r)]);
    }
    let wanted = |id: &String| options.api.as_ref().is_none_or(|want| want == id);
    let mut all: Vec<LoadedApi> = template::apis(source)
        .iter()
        .filter(|a| wanted(&a.logical_id))
        .map(|a| (Some(a.logical_id.clone()), load_template_api(&prepared, a, options)))
        .collect();
    for (id, _, _) in template::websocket_apis(source).into_iter().filter(|(id, _, _)| wanted(id)) {
        let loaded = load_websocket(&prepared, &id, options.api.as_deref());
        all.push((Some(id), loaded));
    }
    Ok(all)
}

/// A `Globals` section SAM's transform refuses fails the whole template, at the property.
fn refused_globals(source: &Source) -> Result<(), Vec<Error>> {
    let Some((message, ptr)) = template::invalid_globals(&source.value) else { return Ok(()) };
    let place = crate::diag::Place::Key(source.file_pointer_of(&ptr));
    Err(vec![Error::at(Failed::Document, &source.path, place, message)
        .help("SAM refuses the template: remove the property from Globals (or set it on each resource)")])
}

/// What CloudFormation refuses before it creates anything, each at its line: assertions of the
/// template's `Rules` that the parameter values fail, and references of created resources to
/// resources whose condition is false.
fn refused_by_cloudformation(prepared: &template::Prepared, options: &Options) -> Result<(), Vec<Error>> {
    let source = &prepared.source;
    let given = if options.parameters.is_empty() { Failed::Document } else { Failed::Arguments };
    let mut errors: Vec<Error> = prepared
        .failed_rules
        .iter()
        .map(|f| {
            let says = f.description.as_deref().map_or(String::new(), |d| format!(": {d}"));
            let message = format!(
                "rule `{}` refuses the template's parameter values (its assertion is false){says}",
                f.rule
            );
            let place = crate::diag::Place::Key(source.file_pointer_of(&f.at));
            Error::at(given, &source.path, place, message).help(
                "CloudFormation does not create the stack with these values: give the parameters values the rule accepts with --parameter NAME=VALUE",
            )
        })
        .collect();
    errors.extend(prepared.dangling.iter().map(|d| {
        let (message, help) = d.message();
        let place = crate::diag::Place::Key(source.file_pointer_of(&d.at));
        Error::at(Failed::Document, &source.path, place, message).help(help)
    }));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// One API of a template: its document (inline, in the file it names, or built from the
/// template's events or resources), with what SAM's transform adds to it, intrinsics resolved as
/// CloudFormation would, typed by its resource. `prepared` is the template as
/// [`template::prepare`] made it.
pub fn load_template_api(
    prepared: &template::Prepared,
    api: &template::TemplateApi,
    options: &Options,
) -> Result<Api, Vec<Error>> {
    use crate::source::{Loc, Pointer};
    let (source, merged) = (&prepared.source, &prepared.merged);
    let located = |ptr: &Pointer, message: String, help: &str| {
        vec![template::Refused::new(message, help, ptr.clone()).into_error(source)]
    };
    let context = prepared.context();
    let selected = options.api.clone();
    // Nodes of the document that the template's transform made, and where it wrote each.
    let mut added = Vec::new();
    // Findings on the way to the API's document: the builders' and SAM's transform's.
    let mut noted = Vec::new();
    let mut body = match &api.body {
        template::Body::Inline(ptr) => source.subtree(ptr).ok_or_else(|| {
            located(
                ptr,
                format!("the body of `{}` cannot be read", api.logical_id),
                "write the OpenAPI document under it",
            )
        })?,
        template::Body::File(path, ptr) => read_source(path).map_err(|e| {
            located(
                ptr,
                format!("`{}` names {}: {}", api.logical_id, path.display(), e.message),
                "point it at an OpenAPI file next to the template",
            )
        })?,
        template::Body::Missing(why, ptr) => {
            let place = crate::diag::Place::Key(source.file_pointer_of(ptr));
            let message = format!("API `{}` is not read: {why}", api.logical_id);
            return Err(vec![Error::at(Failed::Unsupported, &source.path, place, message)
                .help("to lint it, give it a DefinitionBody (or Body), or a local DefinitionUri")]);
        }
        template::Body::Conflict(ptr) => {
            return Err(located(
                ptr,
                format!("API `{}` sets both DefinitionBody and DefinitionUri", api.logical_id),
                "SAM accepts only one of them: remove one",
            ));
        }
        template::Body::Events | template::Body::Resources => {
            let built = template::build(source, api, &context).map_err(|e| vec![e.into_error(source)])?;
            noted.extend(built.findings);
            // What no part claims comes from the API's resource.
            added.push(template::Added {
                at: Pointer::root(),
                from: Pointer::root().push("Resources").push(&api.logical_id),
                mirror: false,
            });
            added.extend(built.added);
            let text = serde_json::to_string_pretty(&built.doc).unwrap_or_default();
            Source::new(source.path.clone(), text, Syntax::Json, built.doc)
        }
    };
    // A conditional body (`Fn::If: [condition, body, other]`) is read through its first branch.
    if let Some(Value::Array(branches)) =
        body.value.get("Fn::If").filter(|_| body.value.as_object().is_some_and(|m| m.len() == 1))
    {
        if let Some(i) = branches.iter().skip(1).position(|b| b.is_object()) {
            let ptr = Pointer::root().push("Fn::If").index(i + 1);
            body = body.subtree(&ptr).unwrap_or(body);
        }
    }
    if api.resource_type.starts_with("AWS::Serverless") {
        let transformed = template::transform(&mut body.value, source, api, &context)
            .map_err(|errors| errors.into_iter().map(|r| r.into_error(source)).collect::<Vec<_>>())?;
        added.extend(transformed.added);
        noted.extend(transformed.findings);
    }
    context.resolve(&mut body.value, 0);
    let from_template = (api.api_type, ApiTypeFrom::Template(api.resource_type.clone()));
    let options = Options {
        api_type: match &options.api_type {
            Some(given @ (_, ApiTypeFrom::Flag)) => Some(given.clone()),
            _ => Some(from_template),
        },
        api: None,
        allow_external_refs: options.allow_external_refs,
        parameters: Vec::new(),
    };
    let built = matches!(api.body, template::Body::Events | template::Body::Resources);
    let mut loaded = load_source(body, &options).map_err(|errors| {
        // A built document is no file: its errors are shown where the template wrote the node,
        // found as findings' places are (the template is file 1 here, a file of its own).
        let mut origins = Sources::default();
        for a in added.iter().filter(|_| built) {
            origins.set_origin(Loc::new(FileId(0), a.at.clone()), Loc::new(FileId(1), a.from.clone()), a.mirror);
        }
        let at = |p: Pointer| if built { origins.origin(&Loc::new(FileId(0), p)).ptr } else { p };
        let place = |place| match place {
            crate::diag::Place::Node(p) => crate::diag::Place::Node(at(p)),
            crate::diag::Place::Key(p) => crate::diag::Place::Key(at(p)),
            crate::diag::Place::Value(p) => crate::diag::Place::Value(at(p)),
            other => other,
        };
        errors.into_iter().map(|e| crate::diag::Error { place: place(e.place), ..e }).collect::<Vec<_>>()
    })?;
    loaded.template = Some(crate::ir::TemplateResource {
        logical_id: api.logical_id.clone(),
        resource_type: api.resource_type.clone(),
    });
    // The template itself joins the sources, so that settings outside the body have places too.
    let whole = Source::new(source.path.clone(), source.text.clone(), source.syntax, source.value.clone());
    // (A template the conditions rewrote has the positions of its nodes as rewritten.)
    let whole = match source.syntax {
        Syntax::Json if !prepared.rewritten => whole,
        _ => whole.with_positions(source.positions().clone()),
    };
    let file = loaded.sources.add(whole);
    // Keys repeated in the template outside the APIs' documents (those report their own), once
    // per template: with its first API.
    let all = if source.syntax == Syntax::Yaml { template::apis(source) } else { Vec::new() };
    if all.first().is_some_and(|a| a.logical_id == api.logical_id) {
        let bodies: Vec<Pointer> = all
            .into_iter()
            .filter_map(|a| match a.body {
                template::Body::Inline(ptr) => Some(ptr),
                _ => None,
            })
            .collect();
        let outside = |ptr: &Pointer| !bodies.iter().any(|b| ptr.starts_with(b));
        let whole = loaded.sources.get(file);
        let mut found = Vec::new();
        report_duplicates(whole, file, &outside, &mut found);
        loaded.diagnostics.extend(found);
    }
    for a in added {
        loaded.sources.set_origin(Loc::new(FileId(0), a.at), Loc::new(file, a.from), a.mirror);
    }
    for a in merged {
        loaded.sources.set_origin(Loc::new(file, a.at.clone()), Loc::new(file, a.from.clone()), a.mirror);
    }
    note_unknown_conditions(
        &prepared.conditions.unknown,
        &api.logical_id,
        selected.as_deref(),
        &api_ids(source),
        file,
        &mut loaded.diagnostics,
    );
    let at = |at: template::At| match at {
        template::At::Document(ptr) => Loc::new(FileId(0), ptr),
        template::At::Template(ptr) => Loc::new(file, ptr),
    };
    for n in noted {
        let f = loaded.diagnostics.report(n.rule, n.severity, at(n.at), n.message);
        if let Some(help) = n.help {
            f.help(help);
        }
        for (place, label) in n.related {
            f.related(at(place), label);
        }
    }
    loaded.deployment = template::deployment(source, api, file, &context);
    Ok(loaded)
}

/// The logical ids of a template's APIs: REST and HTTP, then WebSocket.
fn api_ids(source: &Source) -> Vec<String> {
    let mut ids: Vec<String> = template::apis(source).into_iter().map(|a| a.logical_id).collect();
    ids.extend(template::websocket_apis(source).into_iter().map(|(id, _, _)| id));
    ids
}

/// A note for each place a condition gwgen cannot evaluate decides: on an API's own resource with
/// that API, elsewhere in the template (SAM's Globals, functions) with the API chosen with `--api`,
/// else with the template's first API (so once per template).
fn note_unknown_conditions(
    unknown: &[template::Unknown],
    api: &str,
    selected: Option<&str>,
    apis: &[String],
    file: FileId,
    diagnostics: &mut Vec<crate::diag::Finding>,
) {
    let resource = |id: &str| crate::source::Pointer::root().push("Resources").push(id);
    let lead = selected.or(apis.first().map(String::as_str));
    let owner = |u: &template::Unknown| match apis.iter().find(|id| u.at.starts_with(&resource(id))) {
        Some(id) => id == api,
        None => lead == Some(api),
    };
    for u in unknown.iter().filter(|u| owner(u)) {
        let message = match u.decides {
            template::Decides::Resource => {
                let id = u.at.parent().and_then(|p| p.last()).unwrap_or_default();
                format!("condition `{}` cannot be evaluated: {}; gwgen reads `{id}` as created", u.condition, u.why)
            }
            template::Decides::Value => format!(
                "condition `{}` cannot be evaluated: {}; gwgen keeps the value as written (an intrinsic)",
                u.condition, u.why
            ),
            template::Decides::Mapping => format!(
                "condition `{}` cannot be evaluated: {}; gwgen reads the `Fn::If`'s first branch that is a mapping",
                u.condition, u.why
            ),
            template::Decides::Rule => format!(
                "rule `{}` cannot be evaluated: {}; gwgen cannot tell whether CloudFormation accepts the parameter values",
                u.condition, u.why
            ),
        };
        let help = match (u.decides, u.settable()) {
            (template::Decides::Rule, true) => "CloudFormation refuses the stack when the assertion is false: give the parameters it reads a value with --parameter NAME=VALUE to check it",
            (template::Decides::Rule, false) => "CloudFormation checks it against what the account holds when the stack is made; no --parameter decides it here",
            (_, true) => "findings here may differ when the condition is false (or true): give the parameters it reads a value with --parameter NAME=VALUE to check that case",
            (_, false) => "it depends on what the account holds when the stack is made, so no --parameter decides it here: findings may differ in the other case",
        };
        diagnostics
            .report(
                CONDITION_UNKNOWN,
                crate::diag::Severity::Info,
                crate::source::Loc::new(file, u.at.clone()),
                message,
            )
            .help(help);
    }
}

/// One WebSocket API of a template (`AWS::ApiGatewayV2::Api` with `ProtocolType: WEBSOCKET`, or
/// `AWS::Serverless::WebSocketApi`): an [`Api`] whose `websocket` holds it, with the template
/// as its only file and what the template says about its stages and domains. `prepared` is the
/// template as [`template::prepare`] made it; `selected` is the API chosen with `--api`, if any.
pub fn load_websocket(prepared: &template::Prepared, id: &str, selected: Option<&str>) -> Result<Api, Vec<Error>> {
    use crate::source::Loc;
    let (source, merged, unknown) = (&prepared.source, &prepared.merged, &prepared.conditions.unknown);
    let context = prepared.context();
    let ws = template::read_websocket(source, id, &context)
        .map_err(|errors| errors.into_iter().map(|r| r.into_error(source)).collect::<Vec<_>>())?;
    let whole = Source::new(source.path.clone(), source.text.clone(), source.syntax, source.value.clone());
    let whole = match source.syntax {
        Syntax::Yaml => whole.with_positions(source.positions().clone()),
        Syntax::Json => whole,
    };
    let mut sources = Sources::default();
    let file = sources.add(whole);
    let mut diagnostics = Vec::new();
    if source.syntax == Syntax::Yaml {
        report_duplicates(sources.get(file), file, &|_| true, &mut diagnostics);
    }
    note_unknown_conditions(unknown, id, selected, &api_ids(source), file, &mut diagnostics);
    for a in merged {
        sources.set_origin(Loc::new(file, a.at.clone()), Loc::new(file, a.from.clone()), a.mirror);
    }
    let resource_type = ws.resource_type.clone();
    let as_template = template::TemplateApi {
        logical_id: id.to_string(),
        resource_type: resource_type.clone(),
        api_type: ApiType::Http,
        body: template::Body::Resources,
        implicit: false,
    };
    let deployment = template::deployment(source, &as_template, file, &context);
    Ok(Api {
        sources,
        version: crate::ir::SpecVersion::OpenApi30,
        version_text: String::new(),
        api_type: ApiType::Http,
        api_type_from: ApiTypeFrom::Template(resource_type.clone()),
        uses_extensions: true,
        template: Some(crate::ir::TemplateResource { logical_id: id.to_string(), resource_type }),
        deployment,
        info: crate::ir::Info {
            title: ws.name.clone().or_else(|| Some(crate::ir::Text::Str(id.to_string()))),
            version: None,
            description: ws.description.as_ref().and_then(|d| d.as_str()).map(str::to_string),
        },
        servers: Vec::new(),
        base_path: None,
        paths: Vec::new(),
        security_schemes: Default::default(),
        security: None,
        schemas: Default::default(),
        tags: Vec::new(),
        apigw: Default::default(),
        websocket: Some(Box::new(ws)),
        diagnostics,
        models: Default::default(),
    })
}

/// Loads an already parsed root document.
pub fn load_source(source: Source, options: &Options) -> Result<Api, Vec<Error>> {
    let (version, version_text) = match version::sniff_version(&source.value) {
        Ok(v) => v,
        Err((ptr, message, help)) => {
            // JSON and YAML alike: a code frame at the node (the root: the file's first line).
            let place = crate::diag::Place::node(&source, &ptr);
            let mut e = Error::at(Failed::Document, &source.path, place, message);
            if let Some(help) = help {
                e = e.help(help);
            }
            return Err(vec![e]);
        }
    };
    let mut sources = Sources::default();
    sources.confine_to(&source.path, options.allow_external_refs);
    sources.add(source);
    read_referenced_files(&mut sources);
    let (parts, mut diagnostics) = if sources.get(FileId(0)).text.len() >= 256 * 1024 {
        // Reports locate findings by line: on a large document the line index is built on a
        // second thread while the document is lowered. (JSON positions are left until a finding
        // needs them: a clean document never does.)
        std::thread::scope(|scope| {
            scope.spawn(|| sources.get(FileId(0)).line_count());
            lower::lower(&sources, version, version_text)
        })
    } else {
        lower::lower(&sources, version, version_text)
    };
    let parts = parts?;
    for (file, source) in sources.iter().filter(|(_, s)| s.syntax == Syntax::Yaml) {
        report_duplicates(source, file, &|_| true, &mut diagnostics);
    }
    let uses_extensions = sources.iter().any(|(_, s)| s.text.contains("x-amazon-apigateway-"));
    let mut api = Api {
        sources,
        version: parts.version,
        version_text: parts.version_text,
        api_type: ApiType::Rest,
        api_type_from: ApiTypeFrom::Default,
        uses_extensions,
        template: None,
        deployment: Default::default(),
        info: parts.info,
        servers: parts.servers,
        base_path: parts.base_path,
        paths: parts.paths,
        security_schemes: parts.security_schemes,
        security: parts.security,
        schemas: parts.schemas,
        tags: parts.tags,
        apigw: parts.apigw,
        websocket: None,
        diagnostics,
        models: Default::default(),
    };
    let (api_type, from) = match &options.api_type {
        Some((t, from)) => (*t, from.clone()),
        None => {
            let mut evidence = api_type::evidence(&api);
            match api_type::decide(api.version, &evidence) {
                Some(t) => {
                    if api.version == crate::ir::SpecVersion::Swagger2 {
                        evidence.rest.insert(0, "Swagger 2.0 (HTTP APIs import OpenAPI 3 only)".into());
                    }
                    (t, ApiTypeFrom::Document(evidence))
                }
                None => (ApiType::Rest, ApiTypeFrom::Default),
            }
        }
    };
    api.api_type = api_type;
    api.api_type_from = from;
    Ok(api)
}

/// Reports each key written twice in one YAML mapping of `source` (those under pointers `wanted`
/// accepts), at the repeat, with the first as related.
fn report_duplicates(
    source: &Source,
    file: FileId,
    wanted: &dyn Fn(&crate::source::Pointer) -> bool,
    diagnostics: &mut Vec<crate::diag::Finding>,
) {
    let template = source.base.is_root() && template::is_template(&source.value);
    for d in source.positions().duplicates.iter().filter(|d| wanted(&d.ptr)) {
        let key = d.ptr.last().unwrap_or_default();
        let first = crate::source::Loc::new(file, d.ptr.clone());
        let help = if template {
            "remove or rename one of them: CloudFormation rejects a template that repeats a key"
        } else {
            "remove or rename one of them: YAML forbids repeated keys, and tools disagree on which one wins"
        };
        diagnostics
            .report(
                DUPLICATE_KEY,
                crate::diag::Severity::Error,
                first.repeated(),
                format!("key `{key}` is written twice in this mapping; gwgen keeps the first"),
            )
            .help(help)
            .related(first, "first written here (the one gwgen keeps)");
    }
}

/// A small document loaded as a user would load it, for unit tests: `api_type` as if given with
/// `--api-type`.
#[cfg(test)]
pub(crate) fn test_api(text: &str, api_type: Option<ApiType>) -> Api {
    let source = parse_source("test.yaml".into(), text.as_bytes().to_vec()).expect("parses");
    let options = Options { api_type: api_type.map(|t| (t, ApiTypeFrom::Flag)), ..Default::default() };
    load_source(source, &options).expect("loads")
}

/// Reads the files that `$ref`s name, transitively. Files that cannot be read are left out;
/// the references into them are reported when they are followed.
fn read_referenced_files(sources: &mut Sources) {
    let mut next = 0;
    loop {
        let ids: Vec<_> = sources.iter().map(|(id, _)| id).collect();
        let Some(&id) = ids.get(next) else { break };
        next += 1;
        let mut wanted: Vec<PathBuf> = Vec::new();
        let from = sources.get(id).path.clone();
        // Walking a large tree costs more than looking at the text: skip documents whose every
        // `$ref` is local.
        if !mentions_other_files(&sources.get(id).text) {
            continue;
        }
        collect_refs(&sources.get(id).value, &mut |r| {
            if let Some(Ok(path)) = crate::source::ref_target_path(&from, r) {
                if !wanted.contains(&path) {
                    wanted.push(path);
                }
            }
        });
        for path in wanted {
            if sources.find(&path).is_none() && !sources.refused(&path) {
                if let Ok(source) = read_source(&path) {
                    sources.add(source);
                }
            }
        }
    }
}

/// Does the text have a `$ref` whose value does not start with `#` (a reference to another file)?
fn mentions_other_files(text: &str) -> bool {
    text.match_indices("$ref").any(|(i, _)| {
        let rest = text[i + 4..].trim_start_matches(|c: char| c == '"' || c == '\'' || c == ':' || c.is_whitespace());
        !rest.starts_with('#')
    })
}

fn collect_refs<'v>(v: &'v Value, f: &mut dyn FnMut(&'v str)) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    if !r.starts_with('#') {
                        f(r);
                    }
                }
                stack.extend(m.values().filter(|v| v.is_object() || v.is_array()));
            }
            Value::Array(a) => stack.extend(a.iter().filter(|v| v.is_object() || v.is_array())),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Failed;

    #[test]
    fn errors_say_what_failed() {
        let what = |path: &str, text: &str| {
            let dir = std::env::temp_dir().join(format!("gwgen-what-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(path);
            std::fs::write(&file, text).unwrap();
            let errors = super::load(&file, &Default::default()).unwrap_err();
            errors[0].what
        };
        assert_eq!(what("bad.yaml", "a: [1, 2\n"), Failed::Syntax);
        assert_eq!(what("empty.yaml", "\n"), Failed::Document);
        assert_eq!(what("list.yaml", "- 1\n"), Failed::Document);
        assert_eq!(what("sam.yaml", "Resources: {A: {Type: AWS::Serverless::Api, Properties: {}}, B: {Type: AWS::Serverless::Api, Properties: {}}}\n"), Failed::Arguments);
        let missing = super::load(std::path::Path::new("no/such/file.yaml"), &Default::default()).unwrap_err();
        assert_eq!(missing[0].what, Failed::Read);
    }

    #[test]
    fn errors_about_a_node_carry_its_pointer_and_the_reporter_locates_it() {
        let dir = std::env::temp_dir().join(format!("gwgen-place-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("api.yaml");
        std::fs::write(&file, "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration: [not, a, mapping]\n").unwrap();
        let errors = super::load(&file, &Default::default()).unwrap_err();
        let ptr = crate::source::Pointer::parse("/paths/~1a/get/x-amazon-apigateway-integration").unwrap();
        assert_eq!(errors[0].place, crate::diag::Place::Node(ptr));
        let shown = crate::report::load_error(&errors[0]);
        assert!(shown.contains("api.yaml:6:7"), "{shown}");
    }
}
