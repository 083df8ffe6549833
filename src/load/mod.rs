//! Reading documents: files to values (JSON or YAML, by content), external `$ref` files, the
//! version check, and lowering into the IR.

pub mod json;
mod lower;
pub mod yaml;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::LoadError;
use crate::ir::{Api, ApiType, ApiTypeFrom, AuthorizerType};
use crate::source::{Pos, Source, Sources, Syntax};

pub use lower::{is_intrinsic, kind_of, OPENAPI_31, OPENAPI_STRUCTURE, UNRESOLVED_REF};

/// What the caller knows about the API before reading it.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The API type when it was given (`--api-type` or config), and by which.
    pub api_type: Option<(ApiType, ApiTypeFrom)>,
}

/// Reads one file into a [`Source`]: JSON when the text starts with `{` or `[`, else YAML.
pub fn read_source(path: &Path) -> Result<Source, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| {
        LoadError::new(path, None, format!("cannot read the file: {e}"))
            .help("check the path and that the file is readable")
    })?;
    parse_source(path.to_path_buf(), bytes)
}

/// Parses text already read (the file name is used in messages and to resolve `$ref`s).
pub fn parse_source(path: PathBuf, bytes: Vec<u8>) -> Result<Source, LoadError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let pos = pos_of_offset(bytes, offset);
        LoadError::new(&path, Some(pos), "the file is not UTF-8 text (is it a binary file?)")
            .help("OpenAPI documents are UTF-8 JSON or YAML")
    })?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if body.trim().is_empty() {
        return Err(LoadError::new(&path, None, "the file is empty")
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
                    return Err(LoadError::new(&path, Some(pos), format!("invalid JSON: {message}"))
                        .help("fix the JSON syntax at this position"));
                }
            }
        }
    }
    match yaml::parse(body) {
        Ok((value, positions)) => Ok(Source::new(path, text, Syntax::Yaml, value).with_positions(positions)),
        Err(e) => Err(LoadError::new(&path, Some(e.pos), format!("invalid YAML: {}", e.message))
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

/// Loads a document and every file it references into the IR.
pub fn load(path: &Path, options: &Options) -> Result<Api, Vec<LoadError>> {
    let source = read_source(path).map_err(|e| vec![e])?;
    load_source(source, options)
}

/// Loads an already parsed root document.
pub fn load_source(source: Source, options: &Options) -> Result<Api, Vec<LoadError>> {
    let (version, version_text) = match lower::sniff_version(&source.value) {
        Ok(v) => v,
        Err((ptr, message, help)) => {
            let (span, _) = source.locate(&ptr);
            let pos = (source.syntax == Syntax::Yaml || !ptr.is_root()).then_some(span.start).filter(|p| p.line > 0);
            let mut e = LoadError::new(&source.path, pos, message);
            if let Some(help) = help {
                e = e.help(help);
            }
            return Err(vec![e]);
        }
    };
    let mut sources = Sources::default();
    sources.add(source);
    read_referenced_files(&mut sources);
    let (parts, diagnostics) = lower::lower(&sources, version, version_text);
    let parts = parts?;
    let uses_extensions = sources.iter().any(|(_, s)| s.text.contains("x-amazon-apigateway-"));
    let mut api = Api {
        sources,
        version: parts.version,
        version_text: parts.version_text,
        api_type: ApiType::Rest,
        api_type_from: ApiTypeFrom::Default,
        uses_extensions,
        info: parts.info,
        servers: parts.servers,
        base_path: parts.base_path,
        paths: parts.paths,
        security_schemes: parts.security_schemes,
        security: parts.security,
        schemas: parts.schemas,
        tags: parts.tags,
        apigw: parts.apigw,
        diagnostics,
        models: Default::default(),
    };
    let (api_type, from) = match &options.api_type {
        Some((t, from)) => (*t, from.clone()),
        None => match http_signal(&api) {
            Some(what) => (ApiType::Http, ApiTypeFrom::Document(what)),
            None => (ApiType::Rest, ApiTypeFrom::Default),
        },
    };
    api.api_type = api_type;
    api.api_type_from = from;
    Ok(api)
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
        collect_refs(&sources.get(id).value, &mut |r| {
            if let Some(Ok(path)) = lower::ref_target_path(&from, r) {
                if !wanted.contains(&path) {
                    wanted.push(path);
                }
            }
        });
        for path in wanted {
            if sources.find(&path).is_none() {
                if let Ok(source) = read_source(&path) {
                    sources.add(source);
                }
            }
        }
    }
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

/// The first construct that exists only in HTTP APIs, if any (named for the user).
fn http_signal(api: &Api) -> Option<String> {
    // HTTP APIs import OpenAPI 3 only: a Swagger 2.0 document is a REST API unless told otherwise.
    if api.version == crate::ir::SpecVersion::Swagger2 {
        return None;
    }
    if api.apigw.cors.is_some() {
        return Some("x-amazon-apigateway-cors".into());
    }
    if !api.apigw.integrations.is_empty() {
        return Some("components.x-amazon-apigateway-integrations".into());
    }
    if api.apigw.importexport_version.is_some() {
        return Some("x-amazon-apigateway-importexport-version".into());
    }
    if api.tags.iter().any(|t| t.value.is_some()) {
        return Some("x-amazon-apigateway-tag-value".into());
    }
    for scheme in api.security_schemes.values() {
        if let Some(a) = &scheme.authorizer {
            if a.kind.as_ref().is_some_and(|k| k.is(AuthorizerType::Jwt)) {
                return Some("a jwt authorizer".into());
            }
            if a.payload_format_version.is_some() || a.enable_simple_responses.is_some() {
                return Some("authorizerPayloadFormatVersion on an authorizer".into());
            }
        }
    }
    for (path, op) in api.operations() {
        if op.is_default_route || path.path == "$default" {
            return Some("the $default route".into());
        }
        if let Some(i) = &op.integration {
            if i.payload_format_version.is_some() {
                return Some("payloadFormatVersion on an integration".into());
            }
            if i.integration_subtype.is_some() {
                return Some("integrationSubtype on an integration".into());
            }
        }
    }
    None
}
