//! `gwgen export`: the document as Swagger 2.0 or OpenAPI 3.0, with a chosen set of API Gateway
//! extensions, optionally for one stage.
//!
//! The conversion works on the document's raw values, not on the IR (which keeps only the schema
//! keywords gwgen reasons about): every keyword, example and extension the user wrote survives.
//! `$ref`s into other files are inlined, so the export is one self-contained document; `$ref`s
//! inside the document are kept as written (rewritten to the target version's component paths).
//! The IR is used for decisions only: the API type and which operations are CORS mock `OPTIONS`
//! methods. Output order follows the document.
//!
//! Constructs the target version cannot express are reported as `export-not-representable`
//! warnings at their place in the source; schema keywords Swagger 2.0 lacks are kept as `x-`
//! extensions (`nullable` becomes `x-nullable`, `oneOf` becomes `x-oneOf`) so nothing is lost.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diag::{Error, Failed, Finding, Report, Severity};
use crate::ir::{Api, IntegrationType, Method, SpecVersion};
use crate::source::{FileId, Loc, Pointer};

/// The rule-like id of export warnings (they are not lint rules).
pub const NOT_REPRESENTABLE: &str = "export-not-representable";
/// A `$ref` into another file that could not be inlined.
pub const UNRESOLVED_REF: &str = "export-unresolved-ref";

type Obj = Map<String, Value>;

/// The specification version to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Oas30,
    Swagger2,
}

/// Which `x-amazon-apigateway-*` extensions the export keeps (as `aws apigateway get-export`'s
/// `extensions` parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtensionSet {
    /// Everything.
    Apigateway,
    /// Only `x-amazon-apigateway-integration(s)`.
    Integrations,
    /// Only `x-amazon-apigateway-authorizer` and `x-amazon-apigateway-authtype`.
    Authorizers,
    /// A clean public document: no API Gateway extension, no CORS mock `OPTIONS` methods, no
    /// `x-gwgen-ignore`.
    None,
}

impl ExtensionSet {
    fn keeps(self, key: &str) -> bool {
        if !key.starts_with("x-amazon-apigateway-") {
            return !(self == ExtensionSet::None && key == "x-gwgen-ignore");
        }
        match self {
            ExtensionSet::Apigateway => true,
            // The ANY method is structure (a method), not an extension of one: kept unless `none`.
            _ if key == "x-amazon-apigateway-any-method" => self != ExtensionSet::None,
            ExtensionSet::Integrations => {
                matches!(key, "x-amazon-apigateway-integration" | "x-amazon-apigateway-integrations")
            }
            ExtensionSet::Authorizers => {
                matches!(key, "x-amazon-apigateway-authorizer" | "x-amazon-apigateway-authtype")
            }
            ExtensionSet::None => false,
        }
    }
}

/// One deployment stage: its variables, and optionally the custom domain that serves it.
#[derive(Clone, Debug, Default)]
pub struct Stage {
    pub name: String,
    pub variables: IndexMap<String, String>,
    pub domain: Option<String>,
    pub base_path: Option<String>,
    /// The configuration file that declares the stage (named in errors).
    pub config: Option<std::path::PathBuf>,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub target: Target,
    pub extensions: ExtensionSet,
    pub stage: Option<Stage>,
}

/// The exported document and what could not be carried over.
#[derive(Debug)]
pub struct Export {
    pub document: Value,
    pub warnings: Vec<Finding>,
}

/// Converts the API's document. Errors are what makes the export impossible (an HTTP API to
/// Swagger 2.0, a stage variable the stage does not define).
pub fn export(api: &Api, options: &Options) -> Result<Export, Vec<Error>> {
    let path = &api.sources.get(FileId(0)).path;
    if options.target == Target::Swagger2 && api.api_type == crate::ir::ApiType::Http {
        return Err(vec![Error::new(Failed::Arguments, path, None, "HTTP APIs export as OpenAPI 3.0 only")
            .help("use `--to oas30` (API Gateway imports HTTP APIs from OpenAPI 3.0 documents only)")]);
    }
    let mut cx = Cx { warnings: Vec::new(), root: Value::Null };
    cx.root = inline_external(api, &mut cx.warnings);
    let root = std::mem::take(&mut cx.root);
    let Value::Object(root_map) = &root else {
        return Ok(Export { document: root.clone(), warnings: cx.warnings });
    };
    cx.root = root.clone();
    let source_is_sw2 = api.version == SpecVersion::Swagger2;
    let mut doc = match (source_is_sw2, options.target) {
        (true, Target::Oas30) => cx.sw2_to_oas3(root_map),
        (false, Target::Swagger2) => cx.oas3_to_sw2(root_map),
        (true, Target::Swagger2) => root_map.clone(),
        (false, Target::Oas30) => cx.oas3_to_oas30(root_map, api.version == SpecVersion::OpenApi31),
    };
    if api.version == SpecVersion::OpenApi31 {
        cx.clear_non_oauth_scopes(api, &mut doc);
        cx.require_responses(&mut doc);
    }
    // The version key leads, as in every OpenAPI document (the rest keeps the document's order).
    let version_key = if options.target == Target::Oas30 { "openapi" } else { "swagger" };
    if let Some(v) = doc.shift_remove(version_key) {
        let rest = std::mem::take(&mut doc);
        doc.insert(version_key.into(), v);
        doc.extend(rest);
    }
    let cors_mocks = cors_mock_options(api);
    cx.apply_extension_set(&mut doc, options.extensions, &cors_mocks);
    canonical_integrations(&mut doc);
    if let Some(stage) = &options.stage {
        apply_stage(api, &mut doc, stage, options.target)?;
    }
    Ok(Export { document: Value::Object(doc), warnings: cx.warnings })
}

struct Cx {
    /// The document with other files' `$ref`s inlined.
    root: Value,
    warnings: Vec<Finding>,
}

fn at_root(ptr: &Pointer) -> Loc {
    Loc::new(FileId(0), ptr.clone())
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

const METHODS: [&str; 10] =
    ["get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method", "any"];

fn is_method(key: &str) -> bool {
    METHODS.iter().any(|m| m.eq_ignore_ascii_case(key))
}

/// Swagger 2.0 parameter fields that are schema keywords in OpenAPI 3.0.
const SW2_SCHEMA_FIELDS: [&str; 17] = [
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// Root fields of Swagger 2.0 that OpenAPI 3.0 does not have.
const SW2_ONLY_ROOT: [&str; 10] = [
    "swagger",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
];

const FORM_TYPES: [&str; 2] = ["application/x-www-form-urlencoded", "multipart/form-data"];

impl Cx {
    fn warn(&mut self, at: &Pointer, message: impl Into<String>, help: impl Into<String>) {
        let finding = self.warnings.report(NOT_REPRESENTABLE, Severity::Warn, at_root(at), message);
        let help = help.into();
        if !help.is_empty() {
            finding.help(help);
        }
    }

    /// A local `$ref`'s target in the (inlined) document.
    fn local(&self, reference: &str) -> Option<&Value> {
        if !reference.starts_with('#') {
            return None;
        }
        Pointer::parse(reference).ok()?.resolve(&self.root)
    }

    /// Follows local `$ref`s (a few hops) to the object they name.
    fn deref<'v>(&'v self, v: &'v Value) -> &'v Value {
        let mut v = v;
        for _ in 0..8 {
            match v.get("$ref").and_then(Value::as_str).and_then(|r| self.local(r)) {
                Some(t) => v = t,
                None => break,
            }
        }
        v
    }

    // ---------------------------------------------------------------- Swagger 2.0 -> OpenAPI 3.0

    fn sw2_to_oas3(&mut self, root: &Obj) -> Obj {
        let root_ptr = Pointer::root();
        let consumes = strings(root.get("consumes"));
        let produces = strings(root.get("produces"));
        let mut out = Obj::new();
        let mut components = Obj::new();
        for (key, v) in root {
            let at = root_ptr.push(key);
            match key.as_str() {
                "swagger" => {
                    out.insert("openapi".into(), Value::String("3.0.1".into()));
                }
                "host" | "basePath" | "schemes" | "x-amazon-apigateway-endpoint-configuration" => {
                    if !out.contains_key("servers") {
                        let servers = self.sw2_servers(root);
                        if !servers.is_empty() {
                            out.insert("servers".into(), Value::Array(servers));
                        }
                    }
                }
                "consumes" | "produces" => {}
                "definitions" | "parameters" | "responses" | "securityDefinitions" => {
                    out.entry("components").or_insert(Value::Null);
                    match key.as_str() {
                        "definitions" => {
                            let schemas = self.map_values(v, &at, false, |cx, v, at| cx.schema(v, at, Target::Oas30));
                            components.insert("schemas".into(), schemas);
                        }
                        "parameters" => {
                            let mut params = Obj::new();
                            for (name, p) in v.as_object().into_iter().flatten() {
                                // Body and form parameters become request bodies where they are used.
                                let kind = p.get("in").and_then(Value::as_str).unwrap_or("");
                                if kind != "body" && kind != "formData" {
                                    params.insert(name.clone(), Value::Object(self.sw2_param(p, &at.push(name))));
                                }
                            }
                            if !params.is_empty() {
                                components.insert("parameters".into(), Value::Object(params));
                            }
                        }
                        "responses" => {
                            let produces = produces.clone();
                            let responses = self.map_values(v, &at, false, |cx, v, at| {
                                Value::Object(cx.sw2_response(v, at, &produces))
                            });
                            components.insert("responses".into(), responses);
                        }
                        _ => {
                            let schemes = self.map_values(v, &at, false, |cx, v, at| cx.sw2_security_scheme(v, at));
                            components.insert("securitySchemes".into(), schemes);
                        }
                    }
                }
                "paths" => {
                    let paths = self.sw2_paths(v, &at, &consumes, &produces);
                    out.insert("paths".into(), paths);
                }
                "openapi" | "servers" | "components" => self.warn(
                    &at,
                    format!("`{key}` is an OpenAPI 3 field, which a Swagger 2.0 import ignores; dropped"),
                    "",
                ),
                _ => {
                    out.insert(key.clone(), v.clone());
                }
            }
        }
        if out.contains_key("components") {
            out.insert("components".into(), Value::Object(components));
        }
        out
    }

    fn map_values(
        &mut self,
        v: &Value,
        at: &Pointer,
        skip_ext: bool,
        mut f: impl FnMut(&mut Self, &Value, &Pointer) -> Value,
    ) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| {
                        let converted =
                            if skip_ext && k.starts_with("x-") { v.clone() } else { f(self, v, &at.push(k)) };
                        (k.clone(), converted)
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// `host`, `basePath` and `schemes` as `servers` (one per scheme); the root endpoint
    /// configuration moves into the first server, where OpenAPI 3.0 documents carry it.
    fn sw2_servers(&mut self, root: &Obj) -> Vec<Value> {
        let base = root.get("basePath").and_then(Value::as_str).unwrap_or("");
        let mut urls = Vec::new();
        match root.get("host") {
            Some(Value::String(host)) => {
                let mut schemes = strings(root.get("schemes"));
                if schemes.is_empty() {
                    schemes.push("https".into());
                }
                for scheme in schemes {
                    urls.push(format!("{scheme}://{host}{base}"));
                }
            }
            Some(_) => {
                self.warn(
                    &Pointer::root().push("host"),
                    "`host` is not a string; the servers of the export hold the base path only",
                    "write the host name as a string",
                );
                urls.push(if base.is_empty() { "/".into() } else { base.to_string() });
            }
            None => urls.push(if base.is_empty() { "/".into() } else { base.to_string() }),
        }
        // `{` starts a server variable in OpenAPI 3.0: a base path holding one is the variable's default.
        let mut variables = None;
        if base.contains('{') {
            for url in &mut urls {
                *url = format!("{}{{basePath}}", url.strip_suffix(base).unwrap_or(url));
            }
            let mut var = Obj::new();
            var.insert("default".into(), Value::String(base.to_string()));
            let mut vars = Obj::new();
            vars.insert("basePath".into(), Value::Object(var));
            variables = Some(Value::Object(vars));
        }
        let endpoint = root.get("x-amazon-apigateway-endpoint-configuration");
        if root.get("host").is_none() && root.get("basePath").is_none() && endpoint.is_none() {
            return Vec::new();
        }
        urls.into_iter()
            .enumerate()
            .map(|(i, url)| {
                let mut s = Obj::new();
                s.insert("url".into(), Value::String(url));
                if let Some(v) = &variables {
                    s.insert("variables".into(), v.clone());
                }
                if let (0, Some(e)) = (i, endpoint) {
                    s.insert("x-amazon-apigateway-endpoint-configuration".into(), e.clone());
                }
                Value::Object(s)
            })
            .collect()
    }

    fn sw2_security_scheme(&mut self, v: &Value, at: &Pointer) -> Value {
        let Value::Object(m) = v else { return v.clone() };
        let kind = m.get("type").and_then(Value::as_str).unwrap_or("");
        let mut out = Obj::new();
        let mut flow = Obj::new();
        for (k, v) in m {
            match (kind, k.as_str()) {
                ("basic", "type") => {
                    out.insert("type".into(), "http".into());
                    out.insert("scheme".into(), "basic".into());
                }
                ("oauth2", "flow") => {
                    out.entry("flows").or_insert(Value::Null);
                }
                ("oauth2", "authorizationUrl" | "tokenUrl" | "scopes") => {
                    out.entry("flows").or_insert(Value::Null);
                    flow.insert(k.clone(), v.clone());
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if kind == "oauth2" {
            let name = match m.get("flow").and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                other => {
                    self.warn(
                        &at.push("flow"),
                        format!("OAuth2 flow {other:?} has no OpenAPI 3.0 equivalent; exported as `implicit`"),
                        "use one of implicit, password, application, accessCode",
                    );
                    "implicit"
                }
            };
            flow.entry("scopes").or_insert(Value::Object(Obj::new()));
            let mut flows = Obj::new();
            flows.insert(name.into(), Value::Object(flow));
            out.insert("flows".into(), Value::Object(flows));
        }
        Value::Object(out)
    }

    fn sw2_paths(&mut self, v: &Value, at: &Pointer, consumes: &[String], produces: &[String]) -> Value {
        let Value::Object(paths) = v else { return v.clone() };
        let mut out = Obj::new();
        for (path, item) in paths {
            let pat = at.push(path);
            let Value::Object(item) = item else {
                out.insert(path.clone(), item.clone());
                continue;
            };
            if path.starts_with("x-") {
                out.insert(path.clone(), Value::Object(item.clone()));
                continue;
            }
            // Path-level body and form parameters move into each operation's request body.
            let path_params: Vec<(Pointer, Value)> = item
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(i, p)| (pat.push("parameters").index(i), p.clone()))
                .collect();
            let mut new_item = Obj::new();
            for (key, v) in item {
                let kat = pat.push(key);
                if key == "parameters" {
                    let mut params: Vec<Value> = Vec::new();
                    for (pat, p) in &path_params {
                        if !self.sw2_is_body_or_form(p) {
                            params.push(self.sw2_param_or_ref(p, pat));
                        }
                    }
                    if !params.is_empty() {
                        new_item.insert(key.clone(), Value::Array(params));
                    }
                } else if is_method(key) {
                    let op = self.sw2_operation(v, &kat, &path_params, consumes, produces);
                    new_item.insert(key.clone(), op);
                } else {
                    new_item.insert(key.clone(), v.clone());
                }
            }
            out.insert(path.clone(), Value::Object(new_item));
        }
        Value::Object(out)
    }

    fn sw2_is_body_or_form(&self, p: &Value) -> bool {
        matches!(self.deref(p).get("in").and_then(Value::as_str), Some("body" | "formData"))
    }

    fn sw2_param_or_ref(&mut self, p: &Value, at: &Pointer) -> Value {
        if let Some(r) = p.get("$ref").and_then(Value::as_str) {
            let mut m = Obj::new();
            m.insert("$ref".into(), Value::String(rewrite_ref(r, Target::Oas30)));
            return Value::Object(m);
        }
        Value::Object(self.sw2_param(p, at))
    }

    fn sw2_operation(
        &mut self,
        v: &Value,
        at: &Pointer,
        path_params: &[(Pointer, Value)],
        root_consumes: &[String],
        root_produces: &[String],
    ) -> Value {
        let Value::Object(op) = v else { return v.clone() };
        let consumes = if op.contains_key("consumes") { strings(op.get("consumes")) } else { root_consumes.to_vec() };
        let produces = if op.contains_key("produces") { strings(op.get("produces")) } else { root_produces.to_vec() };
        // Path-level parameters the operation does not override, then the operation's own.
        let own: Vec<(Pointer, Value)> = op
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, p)| (at.push("parameters").index(i), p.clone()))
            .collect();
        let key_of = |cx: &Self, p: &Value| {
            let p = cx.deref(p);
            (p.get("name").cloned(), p.get("in").cloned())
        };
        let mut bodies: Vec<(Pointer, Value)> = Vec::new();
        for (pat, p) in path_params.iter().chain(own.iter()) {
            if self.sw2_is_body_or_form(p) {
                let k = key_of(self, p);
                bodies.retain(|(_, q)| key_of(self, q) != k);
                bodies.push((pat.clone(), self.deref(p).clone()));
            }
        }
        let body = self.sw2_request_body(&bodies, &consumes);
        let mut out = Obj::new();
        let mut body_placed = false;
        for (key, v) in op {
            let kat = at.push(key);
            match key.as_str() {
                "consumes" | "produces" => {}
                "parameters" => {
                    let mut params: Vec<Value> = Vec::new();
                    for (pat, p) in &own {
                        if !self.sw2_is_body_or_form(p) {
                            params.push(self.sw2_param_or_ref(p, pat));
                        }
                    }
                    if !params.is_empty() {
                        out.insert("parameters".into(), Value::Array(params));
                    }
                    if let Some(b) = &body {
                        out.insert("requestBody".into(), b.clone());
                        body_placed = true;
                    }
                }
                "responses" => {
                    if let (Some(b), false) = (&body, body_placed) {
                        out.insert("requestBody".into(), b.clone());
                        body_placed = true;
                    }
                    let responses =
                        self.map_values(v, &kat, true, |cx, v, at| Value::Object(cx.sw2_response(v, at, &produces)));
                    out.insert(key.clone(), responses);
                }
                "schemes" => self.warn(
                    &kat,
                    "operation-level `schemes` cannot be expressed in OpenAPI 3.0 without operation servers; dropped",
                    "declare the schemes at the root",
                ),
                _ => {
                    out.insert(key.clone(), v.clone());
                }
            }
        }
        if let (Some(b), false) = (body, body_placed) {
            out.insert("requestBody".into(), b);
        }
        Value::Object(out)
    }

    /// A Swagger 2.0 `body` parameter, or the `formData` parameters, as a request body.
    fn sw2_request_body(&mut self, params: &[(Pointer, Value)], consumes: &[String]) -> Option<Value> {
        let body = params.iter().rev().find(|(_, p)| p.get("in").and_then(Value::as_str) == Some("body"));
        let mut out = Obj::new();
        if let Some((at, p)) = body {
            let types = if consumes.is_empty() { vec!["application/json".to_string()] } else { consumes.to_vec() };
            if let Some(d) = p.get("description") {
                out.insert("description".into(), d.clone());
            }
            let schema = p.get("schema").map(|s| self.schema(s, &at.push("schema"), Target::Oas30));
            let mut content = Obj::new();
            for t in types {
                let mut media = Obj::new();
                if let Some(s) = &schema {
                    media.insert("schema".into(), s.clone());
                }
                content.insert(t, Value::Object(media));
            }
            out.insert("content".into(), Value::Object(content));
            if p.get("required") == Some(&Value::Bool(true)) {
                out.insert("required".into(), Value::Bool(true));
            }
            for (k, v) in p.as_object().into_iter().flatten() {
                if k.starts_with("x-") {
                    out.insert(k.clone(), v.clone());
                }
            }
            return Some(Value::Object(out));
        }
        let form: Vec<&(Pointer, Value)> =
            params.iter().filter(|(_, p)| p.get("in").and_then(Value::as_str) == Some("formData")).collect();
        if form.is_empty() {
            return None;
        }
        let has_file = form.iter().any(|(_, p)| {
            let ty = p.get("type").and_then(Value::as_str);
            ty == Some("file") || ty == Some("string") && p.get("format").and_then(Value::as_str) == Some("binary")
        });
        let media = if consumes.iter().any(|c| c.starts_with("multipart/")) || has_file {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let mut properties = Obj::new();
        let mut required = Vec::new();
        for (at, p) in &form {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
            let Value::Object(pm) = p else { continue };
            let mut schema = self.sw2_param_schema(pm, at, "formData");
            if let Some(d) = pm.get("description") {
                schema.insert("description".into(), d.clone());
            }
            if pm.get("required") == Some(&Value::Bool(true)) {
                required.push(Value::String(name.clone()));
            }
            properties.insert(name, Value::Object(schema));
        }
        let mut schema = Obj::new();
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Value::Object(properties));
        let any_required = !required.is_empty();
        if any_required {
            schema.insert("required".into(), Value::Array(required));
        }
        let mut m = Obj::new();
        m.insert("schema".into(), Value::Object(schema));
        let mut content = Obj::new();
        content.insert(media.into(), Value::Object(m));
        out.insert("content".into(), Value::Object(content));
        if any_required {
            out.insert("required".into(), Value::Bool(true));
        }
        Some(Value::Object(out))
    }

    /// A non-body Swagger 2.0 parameter: its type fields become `schema`, `collectionFormat`
    /// becomes `style` / `explode`.
    fn sw2_param(&mut self, p: &Value, at: &Pointer) -> Obj {
        let Value::Object(pm) = p else { return Obj::new() };
        let location = pm.get("in").and_then(Value::as_str).unwrap_or("");
        let mut out = Obj::new();
        for (k, v) in pm {
            if SW2_SCHEMA_FIELDS.contains(&k.as_str()) {
                if !out.contains_key("schema") {
                    out.insert("schema".into(), Value::Object(self.sw2_param_schema(pm, at, location)));
                    self.collection_format(pm, at, location, &mut out);
                }
            } else if k == "schema" || k == "content" {
                self.warn(
                    &at.push(k),
                    format!("`{k}` on a Swagger 2.0 `{location}` parameter is not Swagger 2.0 (an import ignores it); dropped"),
                    "give the parameter `type` (and `format`, `items`...) directly",
                );
            } else {
                out.insert(k.clone(), v.clone());
            }
        }
        if !out.contains_key("schema") {
            // OpenAPI 3.0 parameters need a schema; an untyped Swagger parameter has the empty one.
            out.insert("schema".into(), Value::Object(Obj::new()));
        }
        out
    }

    /// `collectionFormat` as `style` and `explode` (csv is Swagger's default for arrays).
    fn collection_format(&mut self, pm: &Obj, at: &Pointer, location: &str, out: &mut Obj) {
        if pm.get("type").and_then(Value::as_str) != Some("array") {
            return;
        }
        let written = pm.get("collectionFormat").and_then(Value::as_str);
        let format = written.unwrap_or("csv");
        let (style, explode) = match crate::ir::collection_format_style(written, location) {
            Some(serialization) => serialization,
            None => {
                self.warn(
                    &at.push("collectionFormat"),
                    format!("`collectionFormat: {format}` in {location} cannot be expressed in OpenAPI 3.0"),
                    "use csv (or, in a query, multi, ssv or pipes)",
                );
                return;
            }
        };
        out.insert("style".into(), Value::String(style.into()));
        out.insert("explode".into(), Value::Bool(explode));
    }

    /// The type fields of a Swagger 2.0 parameter, header or items object, as a schema.
    fn sw2_param_schema(&mut self, pm: &Obj, at: &Pointer, location: &str) -> Obj {
        let mut schema = Obj::new();
        for (k, v) in pm {
            match k.as_str() {
                "collectionFormat" if location == "items" => {
                    self.warn(
                        &at.push(k),
                        "`collectionFormat` of nested array items cannot be expressed in OpenAPI 3.0",
                        "flatten the parameter or document the format in its description",
                    );
                }
                "collectionFormat" => {}
                "type" if v == "file" => {
                    schema.insert("type".into(), "string".into());
                    schema.insert("format".into(), "binary".into());
                }
                "format" if schema.contains_key("format") => {}
                "items" => {
                    let items = match v {
                        Value::Object(im) => Value::Object(self.sw2_param_schema(im, &at.push("items"), "items")),
                        other => other.clone(),
                    };
                    schema.insert("items".into(), items);
                }
                "x-nullable" => {
                    schema.insert("nullable".into(), v.clone());
                }
                _ if SW2_SCHEMA_FIELDS.contains(&k.as_str()) => {
                    schema.insert(k.clone(), v.clone());
                }
                _ if (location == "items" || location == "header") && k.starts_with("x-")
                    || location == "items" && k == "description" =>
                {
                    schema.insert(k.clone(), v.clone());
                }
                _ => {}
            }
        }
        schema
    }

    fn sw2_response(&mut self, v: &Value, at: &Pointer, produces: &[String]) -> Obj {
        let Value::Object(r) = v else { return Obj::new() };
        if let Some(Value::String(reference)) = r.get("$ref") {
            let mut m = Obj::new();
            m.insert("$ref".into(), Value::String(rewrite_ref(reference, Target::Oas30)));
            return m;
        }
        let types = if produces.is_empty() { vec!["application/json".to_string()] } else { produces.to_vec() };
        let mut out = Obj::new();
        let examples = r.get("examples").and_then(Value::as_object);
        for (k, v) in r {
            let kat = at.push(k);
            match k.as_str() {
                "schema" => {
                    let schema = self.schema(v, &kat, Target::Oas30);
                    let mut content = Obj::new();
                    for t in &types {
                        let mut media = Obj::new();
                        media.insert("schema".into(), schema.clone());
                        if let Some(example) = examples.and_then(|e| e.get(t)) {
                            media.insert("example".into(), example.clone());
                        }
                        content.insert(t.clone(), Value::Object(media));
                    }
                    out.insert("content".into(), Value::Object(content));
                }
                "examples" => {
                    for (mt, _) in v.as_object().into_iter().flatten() {
                        if !(r.contains_key("schema") && types.contains(mt)) {
                            self.warn(
                                &kat.push(mt),
                                format!("the `{mt}` example has no media type with a schema to sit in; dropped"),
                                "add the media type to `produces` and give the response a schema",
                            );
                        }
                    }
                }
                "headers" => {
                    let headers = self.map_values(v, &kat, false, |cx, h, hat| {
                        let Value::Object(hm) = h else { return h.clone() };
                        let mut out = Obj::new();
                        if let Some(d) = hm.get("description") {
                            out.insert("description".into(), d.clone());
                        }
                        out.insert("schema".into(), Value::Object(cx.sw2_param_schema(hm, hat, "header")));
                        Value::Object(out)
                    });
                    out.insert(k.clone(), headers);
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        out
    }

    // ---------------------------------------------------------------- OpenAPI 3.x -> OpenAPI 3.0

    fn oas3_to_oas30(&mut self, root: &Obj, from_31: bool) -> Obj {
        if !from_31 {
            return root.clone();
        }
        let mut out = Obj::new();
        for (k, v) in root {
            let at = Pointer::root().push(k);
            match k.as_str() {
                "openapi" => {
                    out.insert(k.clone(), "3.0.3".into());
                }
                "webhooks" | "jsonSchemaDialect" => {
                    self.warn(&at, format!("`{k}` (OpenAPI 3.1) cannot be expressed in OpenAPI 3.0; dropped"), "");
                }
                "components" => {
                    let mut c = v.as_object().cloned().unwrap_or_default();
                    if let Some(s) = c.get("schemas").cloned() {
                        let schemas = self
                            .map_values(&s, &at.push("schemas"), false, |cx, v, at| cx.schema(v, at, Target::Oas30));
                        c.insert("schemas".into(), schemas);
                    }
                    out.insert(k.clone(), Value::Object(c));
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if !out.contains_key("paths") {
            out.insert("paths".into(), Value::Object(Obj::new()));
        }
        out
    }

    // ---------------------------------------------------------------- OpenAPI 3.0 -> Swagger 2.0

    fn oas3_to_sw2(&mut self, root: &Obj) -> Obj {
        let mut out = Obj::new();
        for (key, v) in root {
            let at = Pointer::root().push(key);
            match key.as_str() {
                "openapi" => {
                    out.insert("swagger".into(), "2.0".into());
                }
                "servers" => self.oas3_servers(v, &at, &mut out),
                "components" => {
                    let Value::Object(c) = v else { continue };
                    for (section, sv) in c {
                        let sat = at.push(section);
                        match section.as_str() {
                            "schemas" => {
                                let s =
                                    self.map_values(sv, &sat, false, |cx, v, at| cx.schema(v, at, Target::Swagger2));
                                out.insert("definitions".into(), s);
                            }
                            "parameters" => {
                                let mut params = Obj::new();
                                for (name, p) in sv.as_object().into_iter().flatten() {
                                    if let Some(p) = self.oas3_param(p, &sat.push(name)) {
                                        params.insert(name.clone(), p);
                                    }
                                }
                                out.insert("parameters".into(), Value::Object(params));
                            }
                            "responses" => {
                                let mut produces = Vec::new();
                                let r = self.map_values(sv, &sat, false, |cx, v, at| {
                                    Value::Object(cx.oas3_response(v, at, &mut produces))
                                });
                                out.insert("responses".into(), r);
                            }
                            "securitySchemes" => {
                                let s = self.map_values(sv, &sat, false, |cx, v, at| cx.oas3_security_scheme(v, at));
                                out.insert("securityDefinitions".into(), s);
                            }
                            // Inlined where they are used.
                            "requestBodies" => {}
                            s if s.starts_with("x-") => {
                                self.warn(
                                    &sat,
                                    format!("`components.{s}` has no place in Swagger 2.0; dropped"),
                                    "Swagger 2.0 has no components object",
                                );
                            }
                            s => {
                                if sv.as_object().is_some_and(|m| !m.is_empty()) {
                                    self.warn(
                                        &sat,
                                        format!("`components.{s}` cannot be expressed in Swagger 2.0; dropped"),
                                        "Swagger 2.0 has definitions, parameters, responses and securityDefinitions only",
                                    );
                                }
                            }
                        }
                    }
                }
                "paths" => {
                    let paths = self.oas3_paths(v, &at);
                    out.insert("paths".into(), paths);
                }
                "webhooks" | "jsonSchemaDialect" => {
                    self.warn(&at, format!("`{key}` cannot be expressed in Swagger 2.0; dropped"), "");
                }
                k if SW2_ONLY_ROOT.contains(&k) => self.warn(
                    &at,
                    format!("`{k}` is a Swagger 2.0 field, which an OpenAPI 3.0 import ignores; dropped"),
                    "",
                ),
                _ => {
                    out.insert(key.clone(), v.clone());
                }
            }
        }
        if !out.contains_key("paths") {
            out.insert("paths".into(), Value::Object(Obj::new()));
        }
        out
    }

    /// The first server as `host`, `basePath` and `schemes` (variables take their defaults).
    fn oas3_servers(&mut self, v: &Value, at: &Pointer, out: &mut Obj) {
        let servers = match v {
            Value::Array(a) => a.clone(),
            Value::Object(_) => vec![v.clone()],
            _ => return,
        };
        let Some(first) = servers.first() else { return };
        if servers.len() > 1 {
            let others: Vec<String> =
                servers[1..].iter().filter_map(|s| s.get("url").and_then(Value::as_str)).map(str::to_string).collect();
            self.warn(
                &at.index(1),
                format!("Swagger 2.0 has one host: only the first server is exported (not {})", others.join(", ")),
                "list the other servers in the description, or export as OpenAPI 3.0",
            );
        }
        let fat = at.index(0);
        let url = first.get("url").and_then(Value::as_str).unwrap_or("/");
        let vars = first.get("variables").and_then(Value::as_object);
        let (url, substituted) = substitute_server_variables(url, vars);
        if !substituted.is_empty() {
            self.warn(
                &fat.push("variables"),
                format!("server variables ({}) are replaced by their defaults", substituted.join(", ")),
                "Swagger 2.0 has no server variables",
            );
        }
        let (scheme, host, mut path) = split_url(&url);
        // As the loader reads it: the `basePath` variable, else the URL's path.
        if let Some(b) = vars.and_then(|v| v.get("basePath")).and_then(|b| b.get("default")).and_then(Value::as_str) {
            path = if b.starts_with('/') { b.to_string() } else { format!("/{b}") };
        }
        if path == "/" {
            path.clear();
        }
        let host = match host {
            Some(h) if h.contains(['{', '}']) => {
                self.warn(
                    &fat.push("url"),
                    format!("the host `{h}` holds a substitution, which a Swagger 2.0 `host` cannot; dropped"),
                    "resolve the substitution before exporting (CloudFormation does at deployment)",
                );
                None
            }
            h => h,
        };
        if let Some(host) = host {
            out.insert("host".into(), Value::String(host));
        }
        if !path.is_empty() {
            out.insert("basePath".into(), Value::String(path));
        }
        if let Some(scheme) = scheme {
            out.insert("schemes".into(), Value::Array(vec![Value::String(scheme)]));
        }
        if let Some(e) = first.get("x-amazon-apigateway-endpoint-configuration") {
            out.insert("x-amazon-apigateway-endpoint-configuration".into(), e.clone());
        }
        if let Some(d) = first.get("description") {
            let _ = d;
            self.warn(&fat.push("description"), "a server description cannot be expressed in Swagger 2.0", "");
        }
    }

    fn oas3_security_scheme(&mut self, v: &Value, at: &Pointer) -> Value {
        let Value::Object(m) = v else { return v.clone() };
        let kind = m.get("type").and_then(Value::as_str).unwrap_or("");
        let scheme = m.get("scheme").and_then(Value::as_str).unwrap_or("");
        let mut out = Obj::new();
        for (k, v) in m {
            match (kind, k.as_str()) {
                ("http", "type") if scheme.eq_ignore_ascii_case("basic") => {
                    out.insert("type".into(), "basic".into());
                }
                ("http", "scheme") => {}
                ("http" | "openIdConnect", "type") => {
                    self.warn(
                        at,
                        format!(
                            "a `{}` security scheme cannot be expressed in Swagger 2.0; exported as an `Authorization` header API key",
                            if kind == "http" { format!("http {scheme}") } else { kind.to_string() }
                        ),
                        "Swagger 2.0 has basic, apiKey and oauth2 schemes",
                    );
                    out.insert("type".into(), "apiKey".into());
                    out.insert("name".into(), "Authorization".into());
                    out.insert("in".into(), "header".into());
                }
                ("http", "bearerFormat") | ("openIdConnect", "openIdConnectUrl") => {}
                ("oauth2", "flows") => {
                    let Some(flows) = v.as_object() else { continue };
                    if flows.len() > 1 {
                        self.warn(
                            &at.push("flows"),
                            "Swagger 2.0 has one flow per OAuth2 scheme: only the first is exported",
                            "declare one scheme per flow",
                        );
                    }
                    if let Some((name, flow)) = flows.iter().next() {
                        let flow_name = match name.as_str() {
                            "clientCredentials" => "application",
                            "authorizationCode" => "accessCode",
                            other => other,
                        };
                        out.insert("flow".into(), Value::String(flow_name.into()));
                        for (fk, fv) in flow.as_object().into_iter().flatten() {
                            if fk == "refreshUrl" {
                                self.warn(
                                    &at.push("flows").push(name).push(fk),
                                    "`refreshUrl` cannot be expressed in Swagger 2.0",
                                    "",
                                );
                            } else {
                                out.insert(fk.clone(), fv.clone());
                            }
                        }
                    }
                }
                ("apiKey", "in") if v == "cookie" => {
                    self.warn(
                        &at.push("in"),
                        "cookie API keys cannot be expressed in Swagger 2.0; exported as a header",
                        "",
                    );
                    out.insert("in".into(), "header".into());
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        Value::Object(out)
    }

    fn oas3_paths(&mut self, v: &Value, at: &Pointer) -> Value {
        let Value::Object(paths) = v else { return v.clone() };
        let mut out = Obj::new();
        for (path, item) in paths {
            let pat = at.push(path);
            let Value::Object(item) = item else {
                out.insert(path.clone(), item.clone());
                continue;
            };
            if path.starts_with("x-") {
                out.insert(path.clone(), Value::Object(item.clone()));
                continue;
            }
            let mut new_item = Obj::new();
            for (key, v) in item {
                let kat = pat.push(key);
                match key.as_str() {
                    "parameters" => {
                        let params = self.oas3_params(v, &kat);
                        new_item.insert(key.clone(), Value::Array(params));
                    }
                    "servers" | "summary" | "description" => {
                        self.warn(
                            &kat,
                            format!("a path item's `{key}` cannot be expressed in Swagger 2.0; dropped"),
                            "",
                        );
                    }
                    k if is_method(k) => {
                        let op = self.oas3_operation(v, &kat);
                        new_item.insert(key.clone(), op);
                    }
                    _ => {
                        new_item.insert(key.clone(), v.clone());
                    }
                }
            }
            out.insert(path.clone(), Value::Object(new_item));
        }
        Value::Object(out)
    }

    fn oas3_params(&mut self, v: &Value, at: &Pointer) -> Vec<Value> {
        v.as_array().into_iter().flatten().enumerate().filter_map(|(i, p)| self.oas3_param(p, &at.index(i))).collect()
    }

    fn oas3_param(&mut self, p: &Value, at: &Pointer) -> Option<Value> {
        let Value::Object(pm) = p else { return Some(p.clone()) };
        if let Some(Value::String(r)) = pm.get("$ref") {
            if self.local(r).and_then(|t| t.get("in")).and_then(Value::as_str) == Some("cookie") {
                self.warn(at, "cookie parameters cannot be expressed in Swagger 2.0; dropped", "");
                return None;
            }
            let mut m = Obj::new();
            m.insert("$ref".into(), Value::String(rewrite_ref(r, Target::Swagger2)));
            return Some(Value::Object(m));
        }
        let location = pm.get("in").and_then(Value::as_str).unwrap_or("");
        if location == "cookie" {
            self.warn(at, "cookie parameters cannot be expressed in Swagger 2.0; dropped", "");
            return None;
        }
        let mut out = Obj::new();
        for (k, v) in pm {
            let kat = at.push(k);
            match k.as_str() {
                "schema" => self.flatten_schema(v, &kat, &mut out),
                "content" => {
                    self.warn(
                        &kat,
                        "a parameter's `content` cannot be expressed in Swagger 2.0; its first schema is used",
                        "",
                    );
                    if let Some((mt, m)) = v.as_object().and_then(|c| c.iter().next()) {
                        if let Some(s) = m.get("schema") {
                            self.flatten_schema(s, &kat.push(mt).push("schema"), &mut out);
                        }
                    }
                }
                "style" | "explode" => {}
                "deprecated" | "example" | "examples" | "allowReserved" => {
                    self.warn(
                        &kat,
                        format!("a parameter's `{k}` cannot be expressed in Swagger 2.0; kept as `x-{k}`"),
                        "",
                    );
                    out.insert(format!("x-{k}"), v.clone());
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if !out.contains_key("type") {
            self.warn(
                at,
                "a Swagger 2.0 parameter needs a primitive type; exported as `type: string`",
                "give the parameter a schema with a type",
            );
            out.insert("type".into(), "string".into());
        }
        self.style_to_collection_format(pm, at, location, &mut out);
        Some(Value::Object(out))
    }

    fn style_to_collection_format(&mut self, pm: &Obj, at: &Pointer, location: &str, out: &mut Obj) {
        if out.get("type").and_then(Value::as_str) != Some("array") {
            return;
        }
        let style = pm.get("style").and_then(Value::as_str);
        let explode = pm.get("explode").and_then(Value::as_bool);
        let format = match (location, style.unwrap_or(if location == "query" { "form" } else { "simple" })) {
            ("query", "form") if explode.unwrap_or(true) => "multi",
            (_, "form" | "simple") => "csv",
            ("query", "spaceDelimited") => "ssv",
            ("query", "pipeDelimited") => "pipes",
            (_, s) => {
                self.warn(&at.push("style"), format!("`style: {s}` cannot be expressed in Swagger 2.0"), "");
                return;
            }
        };
        out.insert("collectionFormat".into(), Value::String(format.into()));
    }

    /// A parameter or header schema, written as Swagger 2.0 type fields into `out`.
    fn flatten_schema(&mut self, s: &Value, at: &Pointer, out: &mut Obj) {
        let s = self.deref(s).clone();
        let Value::Object(sm) = s else { return };
        for (k, v) in &sm {
            let kat = at.push(k);
            match k.as_str() {
                "type" => {
                    let t = match v {
                        Value::Array(types) => {
                            types.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("string")
                        }
                        v => v.as_str().unwrap_or("string"),
                    };
                    if t == "object" {
                        self.warn(&kat, "an object-typed parameter or header cannot be expressed in Swagger 2.0; exported as `type: string`", "");
                        out.insert("type".into(), "string".into());
                    } else {
                        out.insert("type".into(), Value::String(t.into()));
                    }
                }
                "items" => {
                    let mut items = Obj::new();
                    self.flatten_schema(v, &kat, &mut items);
                    if !items.contains_key("type") {
                        items.insert("type".into(), "string".into());
                    }
                    out.insert("items".into(), Value::Object(items));
                }
                "nullable" => {
                    out.insert("x-nullable".into(), v.clone());
                }
                "description" | "title" if out.contains_key("description") || k == "title" => {}
                "description" => {
                    out.insert(k.clone(), v.clone());
                }
                _ if SW2_SCHEMA_FIELDS.contains(&k.as_str()) || k.starts_with("x-") => {
                    out.insert(k.clone(), v.clone());
                }
                _ => {
                    self.warn(&kat, format!("schema keyword `{k}` of a parameter or header cannot be expressed in Swagger 2.0; kept as `x-{k}`"), "");
                    out.insert(format!("x-{k}"), v.clone());
                }
            }
        }
        if out.get("type").and_then(Value::as_str) == Some("string")
            && out.get("format").and_then(Value::as_str) == Some("binary")
        {
            out.insert("type".into(), "file".into());
            out.remove("format");
        }
    }

    fn oas3_operation(&mut self, v: &Value, at: &Pointer) -> Value {
        let Value::Object(op) = v else { return v.clone() };
        let mut params: Vec<Value> = Vec::new();
        if let Some(p) = op.get("parameters") {
            params = self.oas3_params(p, &at.push("parameters"));
        }
        let mut consumes: Vec<String> = Vec::new();
        if let Some(body) = op.get("requestBody") {
            params.extend(self.oas3_request_body(body, &at.push("requestBody"), &mut consumes));
        }
        let mut produces: Vec<String> = Vec::new();
        let responses = op.get("responses").map(|r| {
            let rat = at.push("responses");
            self.map_values(r, &rat, true, |cx, v, at| Value::Object(cx.oas3_response(v, at, &mut produces)))
        });
        let mut out = Obj::new();
        let mut placed = false;
        for (k, v) in op {
            let kat = at.push(k);
            match k.as_str() {
                "parameters" | "requestBody" | "responses" => {
                    if !placed {
                        placed = true;
                        if !consumes.is_empty() {
                            out.insert(
                                "consumes".into(),
                                Value::Array(consumes.iter().cloned().map(Value::String).collect()),
                            );
                        }
                        if !produces.is_empty() {
                            out.insert(
                                "produces".into(),
                                Value::Array(produces.iter().cloned().map(Value::String).collect()),
                            );
                        }
                        if !params.is_empty() {
                            out.insert("parameters".into(), Value::Array(std::mem::take(&mut params)));
                        }
                    }
                    if k == "responses" {
                        if let Some(r) = &responses {
                            out.insert("responses".into(), r.clone());
                        }
                    }
                }
                "callbacks" | "servers" => {
                    self.warn(&kat, format!("an operation's `{k}` cannot be expressed in Swagger 2.0; dropped"), "");
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        Value::Object(out)
    }

    /// A request body as a `body` parameter (or `formData` parameters), and its media types.
    fn oas3_request_body(&mut self, v: &Value, at: &Pointer, consumes: &mut Vec<String>) -> Vec<Value> {
        let body = self.deref(v).clone();
        let Value::Object(bm) = body else { return Vec::new() };
        let Some(content) = bm.get("content").and_then(Value::as_object) else { return Vec::new() };
        let cat = at.push("content");
        let required = bm.get("required").cloned();
        let form: Vec<&String> = content.keys().filter(|k| FORM_TYPES.contains(&k.as_str())).collect();
        if !form.is_empty() && form.len() == content.len() {
            if form.len() > 1 {
                self.warn(&cat, "form bodies of several media types: only the first's fields are exported", "");
            }
            let mt = form[0].clone();
            consumes.push(mt.clone());
            let media = &content[&mt];
            let schema = media.get("schema").map(|s| self.deref(s).clone()).unwrap_or(Value::Null);
            let sat = cat.push(&mt).push("schema");
            let req: Vec<String> = strings(schema.get("required"));
            let mut params = Vec::new();
            for (name, prop) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                let mut p = Obj::new();
                p.insert("name".into(), Value::String(name.clone()));
                p.insert("in".into(), "formData".into());
                if let Some(d) = self.deref(prop).get("description") {
                    p.insert("description".into(), d.clone());
                }
                if req.contains(name) {
                    p.insert("required".into(), Value::Bool(true));
                }
                self.flatten_schema(prop, &sat.push("properties").push(name), &mut p);
                if !p.contains_key("type") {
                    self.warn(
                        &sat.push("properties").push(name),
                        "an untyped form field is exported as `type: string`",
                        "",
                    );
                    p.insert("type".into(), "string".into());
                }
                params.push(Value::Object(p));
            }
            if media.get("encoding").is_some() {
                self.warn(
                    &cat.push(&mt).push("encoding"),
                    "`encoding` cannot be expressed in Swagger 2.0; dropped",
                    "",
                );
            }
            return params;
        }
        let mut schema: Option<(String, Value)> = None;
        for (mt, media) in content {
            if FORM_TYPES.contains(&mt.as_str()) {
                self.warn(
                    &cat.push(mt),
                    "a form media type beside other media types cannot be expressed in Swagger 2.0; dropped",
                    "",
                );
                continue;
            }
            consumes.push(mt.clone());
            if let Some(s) = media.get("schema") {
                match &schema {
                    None => schema = Some((mt.clone(), s.clone())),
                    Some((_, first)) if first != s => self.warn(
                        &cat.push(mt).push("schema"),
                        format!(
                            "Swagger 2.0 has one body schema: the `{}` schema is used for `{mt}` too",
                            schema.as_ref().map(|s| s.0.as_str()).unwrap_or("")
                        ),
                        "",
                    ),
                    _ => {}
                }
            }
            for k in ["examples", "encoding", "example"] {
                if media.get(k).is_some() {
                    self.warn(
                        &cat.push(mt).push(k),
                        format!("a request body's `{k}` cannot be expressed in Swagger 2.0; dropped"),
                        "",
                    );
                }
            }
        }
        let mut p = Obj::new();
        let name = bm.get("x-codegen-request-body-name").and_then(Value::as_str).unwrap_or("body");
        p.insert("in".into(), "body".into());
        p.insert("name".into(), Value::String(name.into()));
        if let Some(d) = bm.get("description") {
            p.insert("description".into(), d.clone());
        }
        if let Some(r) = required {
            p.insert("required".into(), r);
        }
        let schema = match schema {
            Some((mt, s)) => self.schema(&s, &cat.push(&mt).push("schema"), Target::Swagger2),
            None => Value::Object(Obj::new()),
        };
        p.insert("schema".into(), schema);
        for (k, v) in &bm {
            if k.starts_with("x-") && k != "x-codegen-request-body-name" {
                p.insert(k.clone(), v.clone());
            }
        }
        vec![Value::Object(p)]
    }

    fn oas3_response(&mut self, v: &Value, at: &Pointer, produces: &mut Vec<String>) -> Obj {
        let Value::Object(r) = v else { return Obj::new() };
        if let Some(Value::String(reference)) = r.get("$ref") {
            if let Some(Value::Object(target)) = self.local(reference) {
                for mt in target.get("content").and_then(Value::as_object).into_iter().flatten().map(|(k, _)| k) {
                    if !produces.contains(mt) {
                        produces.push(mt.clone());
                    }
                }
            }
            let mut m = Obj::new();
            m.insert("$ref".into(), Value::String(rewrite_ref(reference, Target::Swagger2)));
            return m;
        }
        let mut out = Obj::new();
        for (k, v) in r {
            let kat = at.push(k);
            match k.as_str() {
                "content" => {
                    let Some(content) = v.as_object() else { continue };
                    let mut schema: Option<(String, Value)> = None;
                    let mut examples = Obj::new();
                    for (mt, media) in content {
                        if !produces.contains(mt) {
                            produces.push(mt.clone());
                        }
                        if let Some(s) = media.get("schema") {
                            match &schema {
                                None => schema = Some((mt.clone(), s.clone())),
                                Some((first_mt, first)) if first != s => self.warn(
                                    &kat.push(mt).push("schema"),
                                    format!("Swagger 2.0 has one response schema: the `{first_mt}` schema is used for `{mt}` too"),
                                    "",
                                ),
                                _ => {}
                            }
                        }
                        if let Some(e) = media.get("example") {
                            examples.insert(mt.clone(), e.clone());
                        }
                        if media.get("examples").is_some() {
                            self.warn(
                                &kat.push(mt).push("examples"),
                                "named `examples` cannot be expressed in Swagger 2.0; dropped",
                                "",
                            );
                        }
                    }
                    if let Some((mt, s)) = schema {
                        out.insert("schema".into(), self.schema(&s, &kat.push(&mt).push("schema"), Target::Swagger2));
                    }
                    if !examples.is_empty() {
                        out.insert("examples".into(), Value::Object(examples));
                    }
                }
                "headers" => {
                    let headers = self.map_values(v, &kat, false, |cx, h, hat| {
                        let h = cx.deref(h).clone();
                        let Value::Object(hm) = h else { return h };
                        let mut out = Obj::new();
                        for (hk, hv) in &hm {
                            match hk.as_str() {
                                "schema" => cx.flatten_schema(hv, &hat.push("schema"), &mut out),
                                "description" => {
                                    out.insert(hk.clone(), hv.clone());
                                }
                                "style" | "explode" | "required" => {}
                                _ if hk.starts_with("x-") => {
                                    out.insert(hk.clone(), hv.clone());
                                }
                                _ => cx.warn(
                                    &hat.push(hk),
                                    format!("a header's `{hk}` cannot be expressed in Swagger 2.0; dropped"),
                                    "",
                                ),
                            }
                        }
                        if !out.contains_key("type") {
                            out.insert("type".into(), "string".into());
                        }
                        Value::Object(out)
                    });
                    out.insert(k.clone(), headers);
                }
                "links" => self.warn(&kat, "response `links` cannot be expressed in Swagger 2.0; dropped", ""),
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if !out.contains_key("description") {
            out.insert("description".into(), "".into());
        }
        out
    }

    // ---------------------------------------------------------------- schemas

    /// A schema in the target version's dialect.
    fn schema(&mut self, v: &Value, at: &Pointer, target: Target) -> Value {
        let Value::Object(m) = v else { return v.clone() };
        let mut out = Obj::new();
        for (k, v) in m {
            let kat = at.push(k);
            match (k.as_str(), target) {
                ("$ref", _) => {
                    let r = v.as_str().map(|r| rewrite_ref(r, target)).map(Value::String).unwrap_or_else(|| v.clone());
                    out.insert(k.clone(), r);
                }
                ("properties" | "patternProperties" | "definitions", _) => {
                    let props = self.map_values_all(v, &kat, target);
                    out.insert(k.clone(), props);
                }
                ("items", _) => {
                    let items = match v {
                        Value::Array(tuple) => {
                            self.warn(&kat, "tuple `items` cannot be expressed; the first item schema is used", "");
                            tuple
                                .first()
                                .map(|s| self.schema(s, &kat.index(0), target))
                                .unwrap_or(Value::Object(Obj::new()))
                        }
                        s => self.schema(s, &kat, target),
                    };
                    out.insert(k.clone(), items);
                }
                ("additionalProperties", _) if v.is_object() => {
                    let s = self.schema(v, &kat, target);
                    out.insert(k.clone(), s);
                }
                ("allOf", _) | ("oneOf" | "anyOf", Target::Oas30) => {
                    let list = self.schema_list(v, &kat, target);
                    out.insert(k.clone(), list);
                }
                ("not", Target::Oas30) => {
                    let s = self.schema(v, &kat, target);
                    out.insert(k.clone(), s);
                }
                ("oneOf" | "anyOf" | "not", Target::Swagger2) => {
                    self.warn(&kat, format!("`{k}` cannot be expressed in Swagger 2.0; kept as `x-{k}`"), "");
                    let list =
                        if k == "not" { self.schema(v, &kat, target) } else { self.schema_list(v, &kat, target) };
                    out.insert(format!("x-{k}"), list);
                }
                ("x-nullable", Target::Oas30) => {
                    out.insert("nullable".into(), v.clone());
                }
                ("nullable", Target::Swagger2) => {
                    self.warn(&kat, "`nullable` cannot be expressed in Swagger 2.0; kept as `x-nullable`", "");
                    out.insert("x-nullable".into(), v.clone());
                }
                ("writeOnly" | "deprecated", Target::Swagger2) => {
                    self.warn(&kat, format!("`{k}` cannot be expressed in Swagger 2.0; kept as `x-{k}`"), "");
                    out.insert(format!("x-{k}"), v.clone());
                }
                ("type", Target::Oas30) if v == "null" => {
                    self.warn(
                        &kat,
                        "`type: null` cannot be expressed in OpenAPI 3.0; exported as `nullable: true, enum: [null]`",
                        "",
                    );
                    out.insert("nullable".into(), Value::Bool(true));
                    out.insert("enum".into(), Value::Array(vec![Value::Null]));
                }
                ("type", Target::Oas30) if v == "file" => {
                    out.insert("type".into(), "string".into());
                    out.insert("format".into(), "binary".into());
                }
                ("type", Target::Oas30) if v.is_array() => {
                    // OpenAPI 3.1 type lists: one type plus `nullable`.
                    let types = strings(Some(v));
                    let non_null: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
                    if non_null.len() > 1 {
                        self.warn(&kat, "a list of types cannot be expressed in OpenAPI 3.0; the first is used", "");
                    }
                    if let Some(t) = non_null.first() {
                        out.insert("type".into(), Value::String((*t).clone()));
                    }
                    if non_null.len() < types.len() {
                        out.insert("nullable".into(), Value::Bool(true));
                    }
                }
                ("format", Target::Oas30) if out.contains_key("format") => {}
                ("discriminator", Target::Oas30) if v.is_string() => {
                    let mut d = Obj::new();
                    d.insert("propertyName".into(), v.clone());
                    out.insert(k.clone(), Value::Object(d));
                }
                ("discriminator", Target::Swagger2) if v.is_object() => {
                    if v.get("mapping").is_some() {
                        self.warn(
                            &kat.push("mapping"),
                            "a discriminator `mapping` cannot be expressed in Swagger 2.0; dropped",
                            "",
                        );
                    }
                    if let Some(p) = v.get("propertyName") {
                        out.insert(k.clone(), p.clone());
                    }
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        Value::Object(out)
    }

    fn map_values_all(&mut self, v: &Value, at: &Pointer, target: Target) -> Value {
        match v {
            Value::Object(m) => {
                Value::Object(m.iter().map(|(k, v)| (k.clone(), self.schema(v, &at.push(k), target))).collect())
            }
            other => other.clone(),
        }
    }

    fn schema_list(&mut self, v: &Value, at: &Pointer, target: Target) -> Value {
        match v {
            Value::Array(a) => {
                Value::Array(a.iter().enumerate().map(|(i, s)| self.schema(s, &at.index(i), target)).collect())
            }
            other => other.clone(),
        }
    }

    /// OpenAPI 3.1 operations may omit `responses`; 3.0 and Swagger 2.0 need one.
    fn require_responses(&mut self, doc: &mut Obj) {
        let Some(Value::Object(paths)) = doc.get_mut("paths") else { return };
        let mut added = Vec::new();
        for (path, item) in paths.iter_mut() {
            for (key, op) in item.as_object_mut().into_iter().flatten() {
                if let (true, Value::Object(op)) = (is_method(key), op) {
                    if !op.contains_key("responses") {
                        let mut default = Obj::new();
                        default.insert("description".into(), "".into());
                        let mut responses = Obj::new();
                        responses.insert("default".into(), Value::Object(default));
                        op.insert("responses".into(), Value::Object(responses));
                        added.push(Pointer::root().push("paths").push(path).push(key));
                    }
                }
            }
        }
        for at in added {
            self.warn(&at, "an operation without `responses` is OpenAPI 3.1 only; a `default` response is added", "");
        }
    }

    /// OpenAPI 3.1 allows role scopes on any scheme; 3.0 and Swagger 2.0 only on OAuth2 (and
    /// OpenID Connect in 3.0).
    fn clear_non_oauth_scopes(&mut self, api: &Api, doc: &mut Obj) {
        let oauth = |name: &str| {
            api.security_schemes.get(name).is_some_and(|s| matches!(s.kind.as_str(), "oauth2" | "openIdConnect"))
        };
        let mut lists: Vec<(Pointer, &mut Value)> = Vec::new();
        let root = Pointer::root();
        for (key, v) in doc.iter_mut() {
            match (key.as_str(), v) {
                ("security", v) => lists.push((root.push("security"), v)),
                ("paths", Value::Object(paths)) => {
                    for (path, item) in paths.iter_mut() {
                        for (key, op) in item.as_object_mut().into_iter().flatten() {
                            if let Some(v) = op.get_mut("security") {
                                lists.push((root.push("paths").push(path).push(key).push("security"), v));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let mut cleared = Vec::new();
        for (at, list) in lists {
            for (i, requirement) in list.as_array_mut().into_iter().flatten().enumerate() {
                for (name, scopes) in requirement.as_object_mut().into_iter().flatten() {
                    if !oauth(name) && scopes.as_array().is_some_and(|a| !a.is_empty()) {
                        *scopes = Value::Array(Vec::new());
                        cleared.push(at.index(i).push(name));
                    }
                }
            }
        }
        for at in cleared {
            self.warn(&at, "scopes on a scheme other than OAuth2 are OpenAPI 3.1 only; dropped", "");
        }
    }

    // ---------------------------------------------------------------- extension sets

    fn apply_extension_set(&mut self, doc: &mut Obj, set: ExtensionSet, cors_mocks: &[(String, String)]) {
        if set == ExtensionSet::None {
            if let Some(Value::Object(paths)) = doc.get_mut("paths") {
                for (path, key) in cors_mocks {
                    if let Some(Value::Object(item)) = paths.get_mut(path) {
                        item.shift_remove(key);
                        if item.keys().all(|k| !is_method(k) && !k.starts_with("$ref")) {
                            paths.shift_remove(path);
                        }
                    }
                }
                for (path, item) in paths.iter() {
                    if let Some(item) = item.as_object() {
                        for key in item.keys().filter(|k| *k == "x-amazon-apigateway-any-method" || *k == "any") {
                            self.warn(
                                &Pointer::root().push("paths").push(path).push(key),
                                "the ANY method cannot be expressed without API Gateway extensions; dropped",
                                "export with `--extensions apigateway` to keep it",
                            );
                        }
                    }
                }
            }
        }
        if set != ExtensionSet::Apigateway {
            filter_keys(doc, set);
        }
    }
}

fn filter_keys(m: &mut Obj, set: ExtensionSet) {
    m.retain(|k, _| set.keeps(k) && !(set == ExtensionSet::None && k == "any"));
    for v in m.values_mut() {
        filter_value(v, set);
    }
}

fn filter_value(v: &mut Value, set: ExtensionSet) {
    match v {
        Value::Object(m) => filter_keys(m, set),
        Value::Array(a) => a.iter_mut().for_each(|v| filter_value(v, set)),
        _ => {}
    }
}

/// The `(path, key)` of every CORS mock `OPTIONS` method: an `options` operation whose
/// integration is `mock`.
fn cors_mock_options(api: &Api) -> Vec<(String, String)> {
    api.operations()
        .filter(|(_, op)| {
            op.method == Method::Options
                && op.loc.file == FileId(0)
                && op.integration.as_ref().is_some_and(|i| i.kind() == Some(IntegrationType::Mock))
        })
        .filter_map(|(path, op)| op.loc.ptr.last().map(|key| (path.path.clone(), key)))
        .collect()
}

/// `type` and `passthroughBehavior` of integrations in canonical lowercase, as AWS exports them.
fn canonical_integrations(doc: &mut Obj) {
    fn canon(v: &mut Value) {
        let Value::Object(m) = v else { return };
        if let Some(Value::String(t)) = m.get_mut("type") {
            if IntegrationType::parse(t).is_some() {
                *t = t.to_ascii_lowercase();
            }
        }
        if let Some(Value::String(p)) = m.get_mut("passthroughBehavior") {
            if matches!(p.to_ascii_lowercase().as_str(), "when_no_match" | "when_no_templates" | "never") {
                *p = p.to_ascii_lowercase();
            }
        }
    }
    fn walk(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for (k, v) in m.iter_mut() {
                    if k == "x-amazon-apigateway-integration" {
                        canon(v);
                    } else if k == "x-amazon-apigateway-integrations" {
                        if let Value::Object(all) = v {
                            all.values_mut().for_each(canon);
                        }
                    } else {
                        walk(v);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    doc.values_mut().for_each(walk);
}

/// A local `$ref` rewritten to the target version's component paths.
fn rewrite_ref(r: &str, target: Target) -> String {
    let pairs: [(&str, &str); 4] = [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
        ("#/securityDefinitions/", "#/components/securitySchemes/"),
    ];
    for (sw2, oas3) in pairs {
        let (from, to) = match target {
            Target::Oas30 => (sw2, oas3),
            Target::Swagger2 => (oas3, sw2),
        };
        if let Some(rest) = r.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    r.to_string()
}

/// A server URL with its `{variables}` replaced by their defaults; the names replaced.
fn substitute_server_variables(url: &str, vars: Option<&Obj>) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut names = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + close];
        out.push_str(&rest[..open]);
        match vars.and_then(|v| v.get(name)).and_then(|v| v.get("default")).and_then(Value::as_str) {
            Some(d) => {
                // `{basePath}` defaults are written with or without their leading slash.
                if out.ends_with('/') && d.starts_with('/') {
                    out.push_str(&d[1..]);
                } else {
                    out.push_str(d);
                }
                names.push(name.to_string());
            }
            None => out.push_str(&rest[open..open + close + 1]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    (out, names)
}

/// `https://host:443/base` -> (scheme, host, path); a relative URL has only a path.
fn split_url(url: &str) -> (Option<String>, Option<String>, String) {
    let Some(i) = url.find("://") else {
        let path = url.trim_end_matches('/');
        return (None, None, if path.is_empty() { String::new() } else { path.to_string() });
    };
    let scheme = url[..i].to_ascii_lowercase();
    let after = &url[i + 3..];
    let (host, path) = match after.find('/') {
        Some(j) => (&after[..j], &after[j..]),
        None => (after, ""),
    };
    let path = path.trim_end_matches('/');
    (Some(scheme), Some(host.to_string()), path.to_string())
}

// -------------------------------------------------------------------- external references

/// The root document with every `$ref` into another file replaced by its target (recursively;
/// a cycle keeps its `$ref` as written and is reported).
fn inline_external(api: &Api, warnings: &mut Vec<Finding>) -> Value {
    let root = &api.sources.get(FileId(0)).value;
    if api.sources.iter().count() == 1 {
        return root.clone();
    }
    let mut stack = Vec::new();
    inline_value(api, FileId(0), &Pointer::root(), root, &mut stack, warnings)
}

fn inline_value(
    api: &Api,
    file: FileId,
    at: &Pointer,
    v: &Value,
    stack: &mut Vec<(FileId, String)>,
    warnings: &mut Vec<Finding>,
) -> Value {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                let local = r.starts_with('#');
                if !(local && file == FileId(0)) {
                    return inline_ref(api, file, at, r, stack, warnings).unwrap_or_else(|| v.clone());
                }
            }
            Value::Object(
                m.iter().map(|(k, v)| (k.clone(), inline_value(api, file, &at.push(k), v, stack, warnings))).collect(),
            )
        }
        Value::Array(a) => Value::Array(
            a.iter().enumerate().map(|(i, v)| inline_value(api, file, &at.index(i), v, stack, warnings)).collect(),
        ),
        other => other.clone(),
    }
}

fn inline_ref(
    api: &Api,
    file: FileId,
    at: &Pointer,
    r: &str,
    stack: &mut Vec<(FileId, String)>,
    warnings: &mut Vec<Finding>,
) -> Option<Value> {
    let (target_file, fragment) = if r.starts_with('#') {
        (file, r.to_string())
    } else {
        let found = ref_file(api, &api.sources.get(file).path, r);
        let fragment = r.split_once('#').map(|(_, f)| format!("#{f}")).unwrap_or_else(|| "#".into());
        match found {
            Some(f) => (f, fragment),
            None => {
                if file == FileId(0) {
                    warnings
                        .report(
                            UNRESOLVED_REF,
                            Severity::Warn,
                            Loc::new(file, at.push("$ref")),
                            format!("`{r}` cannot be inlined: the file was not read; kept as written"),
                        )
                        .help("check the path; it is relative to the file that holds the `$ref`");
                }
                return None;
            }
        }
    };
    if target_file == FileId(0) {
        // A reference back into the document itself stays a local reference.
        let mut m = Obj::new();
        m.insert("$ref".into(), Value::String(fragment));
        return Some(Value::Object(m));
    }
    let key = (target_file, fragment.clone());
    if stack.contains(&key) {
        if file == FileId(0) {
            warnings.report(
                UNRESOLVED_REF,
                Severity::Warn,
                Loc::new(file, at.push("$ref")),
                format!("`{r}` refers to itself through other files and cannot be inlined; kept as written"),
            );
        }
        return None;
    }
    let ptr = Pointer::parse(&fragment).ok()?;
    let target = ptr.resolve(&api.sources.get(target_file).value)?;
    stack.push(key);
    let v = inline_value(api, target_file, &ptr, target, stack, warnings);
    stack.pop();
    Some(v)
}

/// The file read for a `$ref` written in `from` (compared by canonical path).
fn ref_file(api: &Api, from: &std::path::Path, r: &str) -> Option<FileId> {
    let file = r.split('#').next().filter(|f| !f.is_empty() && !f.contains("://"))?;
    let target = std::fs::canonicalize(from.parent().unwrap_or(std::path::Path::new("")).join(file)).ok()?;
    api.sources.iter().find(|(_, s)| std::fs::canonicalize(&s.path).ok().as_ref() == Some(&target)).map(|(id, _)| id)
}

// -------------------------------------------------------------------- stages

/// Substitutes the stage's variables in every string and points the servers at the stage.
fn apply_stage(api: &Api, doc: &mut Obj, stage: &Stage, target: Target) -> Result<(), Vec<Error>> {
    let mut missing: Vec<String> = Vec::new();
    for v in doc.values_mut() {
        substitute(v, stage, &mut missing, false);
    }
    if !missing.is_empty() {
        return Err(missing.iter().map(|name| undefined_variable(api, stage, name)).collect());
    }
    match (&stage.domain, target) {
        (Some(domain), Target::Oas30) => {
            let base = stage.base_path.as_deref().map(|b| b.trim_matches('/')).filter(|b| !b.is_empty());
            let url = match base {
                Some(b) => format!("https://{domain}/{b}"),
                None => format!("https://{domain}"),
            };
            let mut server = Obj::new();
            server.insert("url".into(), Value::String(url));
            if let Some(e) = doc
                .get("servers")
                .and_then(|s| s.get(0))
                .and_then(|s| s.get("x-amazon-apigateway-endpoint-configuration"))
            {
                server.insert("x-amazon-apigateway-endpoint-configuration".into(), e.clone());
            }
            insert_near(doc, "servers", Value::Array(vec![Value::Object(server)]), &["info", "openapi"]);
        }
        (Some(domain), Target::Swagger2) => {
            let base = stage.base_path.as_deref().map(|b| b.trim_matches('/')).filter(|b| !b.is_empty());
            insert_near(doc, "host", Value::String(domain.clone()), &["info", "swagger"]);
            match base {
                Some(b) => insert_near(doc, "basePath", Value::String(format!("/{b}")), &["host"]),
                None => {
                    doc.shift_remove("basePath");
                }
            }
            insert_near(doc, "schemes", Value::Array(vec!["https".into()]), &["basePath", "host"]);
        }
        (None, Target::Oas30) => {
            for server in doc.get_mut("servers").and_then(Value::as_array_mut).into_iter().flatten() {
                if let Some(Value::Object(var)) = server.pointer_mut("/variables/basePath") {
                    var.insert("default".into(), Value::String(stage.name.clone()));
                }
            }
        }
        (None, Target::Swagger2) => {
            // The base path variable took its default in the conversion; the stage replaces it.
            let from_variable = api
                .servers
                .first()
                .is_some_and(|s| s.variables.contains_key("basePath") && s.url.contains("{basePath}"));
            if from_variable {
                insert_near(doc, "basePath", Value::String(format!("/{}", stage.name)), &["host", "info"]);
            }
        }
    }
    Ok(())
}

/// Inserts (or replaces) `key`, placing a new key right after the first of `after` present.
fn insert_near(doc: &mut Obj, key: &str, value: Value, after: &[&str]) {
    if let Some(slot) = doc.get_mut(key) {
        *slot = value;
        return;
    }
    let index = after.iter().find_map(|a| doc.keys().position(|k| k == a)).map(|i| i + 1).unwrap_or(0);
    let entries: Vec<(String, Value)> = std::mem::take(doc).into_iter().collect();
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i == index {
            doc.insert(key.to_string(), value.clone());
        }
        doc.insert(k, v);
    }
    if !doc.contains_key(key) {
        doc.insert(key.to_string(), value);
    }
}

fn substitute(v: &mut Value, stage: &Stage, missing: &mut Vec<String>, mapping: bool) {
    match v {
        Value::String(s) => {
            if mapping {
                if let Some(name) = s.strip_prefix("stageVariables.") {
                    if crate::ir::is_stage_variable_name(name) {
                        match stage.variables.get(name) {
                            Some(value) => *s = format!("'{value}'"),
                            None => note_missing(missing, name),
                        }
                        return;
                    }
                }
            }
            if s.contains("${stageVariables.") {
                *s = substitute_text(s, stage, missing);
            }
        }
        Value::Object(m) => {
            for (k, v) in m.iter_mut() {
                let mapping = matches!(k.as_str(), "requestParameters" | "responseParameters");
                if mapping {
                    if let Value::Object(params) = v {
                        for pv in params.values_mut() {
                            substitute(pv, stage, missing, true);
                        }
                        continue;
                    }
                }
                substitute(v, stage, missing, false);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|v| substitute(v, stage, missing, mapping)),
        _ => {}
    }
}

fn note_missing(missing: &mut Vec<String>, name: &str) {
    if !missing.iter().any(|m| m == name) {
        missing.push(name.to_string());
    }
}

fn substitute_text(s: &str, stage: &Stage, missing: &mut Vec<String>) -> String {
    const OPEN: &str = "${stageVariables.";
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(OPEN) {
        let Some(end) = rest[i..].find('}') else { break };
        let name = &rest[i + OPEN.len()..i + end];
        out.push_str(&rest[..i]);
        match stage.variables.get(name) {
            // Not a stage variable name: API Gateway substitutes nothing there, nor does export.
            _ if !crate::ir::is_stage_variable_name(name) => out.push_str(&rest[i..i + end + 1]),
            Some(value) => out.push_str(value),
            None => {
                note_missing(missing, name);
                out.push_str(&rest[i..i + end + 1]);
            }
        }
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}

/// The error for a variable the stage does not define, at its first use in the document.
fn undefined_variable(api: &Api, stage: &Stage, name: &str) -> Error {
    let needles = [format!("${{stageVariables.{name}}}"), format!("stageVariables.{name}")];
    let mut found: Option<(FileId, Pointer)> = None;
    for (id, source) in api.sources.iter() {
        find_string(&source.value, &Pointer::root(), &mut |ptr, s| {
            if found.is_none() && (s.contains(&needles[0]) || s == needles[1]) {
                found = Some((id, ptr.clone()));
            }
        });
        if found.is_some() {
            break;
        }
    }
    let (path, pos) = match &found {
        Some((id, ptr)) => {
            let source = api.sources.get(*id);
            (source.path.clone(), Some(source.locate(ptr).0.start))
        }
        None => (api.sources.get(FileId(0)).path.clone(), None),
    };
    let config = stage.config.as_ref().map(|p| format!(" in {}", p.display())).unwrap_or_default();
    Error::new(Failed::Config, path, pos, format!("stage variable `{name}` is not defined for stage `{}`", stage.name))
        .help(format!("add `{name}` under `stages.{}.variables`{config}", stage.name))
}

fn find_string(v: &Value, at: &Pointer, f: &mut dyn FnMut(&Pointer, &str)) {
    match v {
        Value::String(s) => f(at, s),
        Value::Object(m) => m.iter().for_each(|(k, v)| find_string(v, &at.push(k), f)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| find_string(v, &at.index(i), f)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_rewritten_both_ways() {
        assert_eq!(rewrite_ref("#/definitions/Pet", Target::Oas30), "#/components/schemas/Pet");
        assert_eq!(rewrite_ref("#/components/responses/E", Target::Swagger2), "#/responses/E");
        assert_eq!(rewrite_ref("other.yaml#/x", Target::Swagger2), "other.yaml#/x");
    }

    #[test]
    fn server_urls_split_with_variable_defaults() {
        let vars: Obj =
            serde_json::from_str(r#"{"basePath": {"default": "/v1"}, "region": {"default": "eu-west-1"}}"#).unwrap();
        let (url, names) = substitute_server_variables("https://x.{region}.amazonaws.com/{basePath}", Some(&vars));
        assert_eq!(url, "https://x.eu-west-1.amazonaws.com/v1");
        assert_eq!(names, ["region", "basePath"]);
        assert_eq!(split_url(&url), (Some("https".into()), Some("x.eu-west-1.amazonaws.com".into()), "/v1".into()));
        assert_eq!(split_url("/v1/"), (None, None, "/v1".into()));
    }

    #[test]
    fn stage_variables_are_substituted() {
        let stage = Stage {
            name: "prod".into(),
            variables: IndexMap::from([("alias".into(), "live".into())]),
            ..Stage::default()
        };
        let mut missing = Vec::new();
        assert_eq!(
            substitute_text("arn:${stageVariables.alias}/x${stageVariables.nope}", &stage, &mut missing),
            "arn:live/x${stageVariables.nope}"
        );
        assert_eq!(missing, ["nope"]);
        // Only stage variable names are substituted: `a-b` is none, in either form.
        let stage =
            Stage { name: "prod".into(), variables: IndexMap::from([("a-b".into(), "x".into())]), ..Stage::default() };
        let mut missing = Vec::new();
        assert_eq!(substitute_text("${stageVariables.a-b}", &stage, &mut missing), "${stageVariables.a-b}");
        let mut mapping = Value::String("stageVariables.a-b".into());
        substitute(&mut mapping, &stage, &mut missing, true);
        assert_eq!((mapping.as_str(), missing.len()), (Some("stageVariables.a-b"), 0));
    }

    #[test]
    fn extension_sets() {
        assert!(ExtensionSet::Integrations.keeps("x-amazon-apigateway-integration"));
        assert!(!ExtensionSet::Integrations.keeps("x-amazon-apigateway-authorizer"));
        assert!(ExtensionSet::Authorizers.keeps("x-amazon-apigateway-authtype"));
        assert!(!ExtensionSet::None.keeps("x-gwgen-ignore"));
        assert!(ExtensionSet::None.keeps("x-custom"));
        assert!(ExtensionSet::Integrations.keeps("x-gwgen-ignore"));
    }
}
