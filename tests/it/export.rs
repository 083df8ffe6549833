//! `gwgen export`: round trips over the corpus (the IR of the export equals the IR of the
//! document), validation with openapi-spec-validator, no new import findings, extension sets,
//! stages, atomic `-o`, determinism, and reviewed snapshots of the shipped samples.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{gwgen, scratch, stderr, stdout};
use gwgen::ir::{Api, ApiType};
use gwgen::lint::{self, Mode};
use gwgen::load;
use gwgen::render::export::{self, ExtensionSet, Options, Target};
use serde_json::{json, Map, Value};

const TARGETS: [(Target, &str); 2] = [(Target::Oas30, "oas30"), (Target::Swagger2, "swagger2")];

fn corpus_documents() -> Vec<PathBuf> {
    let mut files = common::files_in(&common::corpus().join("apigw"));
    files.extend(common::files_in(&common::corpus().join("general")));
    assert!(files.len() > 100, "the shared corpus is expected beside the checkout");
    files
}

fn options(target: Target) -> Options {
    Options { target, extensions: ExtensionSet::Apigateway, stage: None }
}

/// Loads an exported document from its JSON text, as `gwgen import` would read that file.
/// The original's API type is given, as a user's `--api-type` or config would: a REST API's
/// HTTP-only fields (`payloadFormatVersion`) would otherwise make its OpenAPI 3.0 export read as an
/// HTTP API, and a Swagger 2.0 document is always read as REST.
fn reimport(path: &Path, text: &str, original: &Api) -> Api {
    let source = load::parse_source(path.to_path_buf(), text.as_bytes().to_vec()).expect("the export parses");
    let options = load::Options {
        api_type: Some((original.api_type, original.api_type_from.clone())),
        api: None,
        allow_external_refs: false,
        parameters: Vec::new(),
    };
    load::load_source(source, &options).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

// ------------------------------------------------------------------ IR comparison

/// The IR as JSON, with what legitimately differs between versions normalized away. Each step is
/// a construct that the two versions write differently or that one of them cannot express:
///
/// 1. `pointer`s, `version`, `version_text`: where things are written, not what they mean.
/// 2. Schema ids: schemas are compared by content (named ones by name), since the two versions
///    allocate inline schemas in different orders.
/// 3. Enum fields: `raw` is dropped when the value is understood (export writes `type` and
///    `passthroughBehavior` in canonical lowercase, as AWS does).
/// 4. Servers: the first one's URL, variables at their defaults and without scheme; relative
///    URLs are dropped (Swagger 2.0 has one host, several schemes and no variables; a document
///    without `host` has a base path only). `base_path` is still compared.
/// 5. Parameter and header schemas' `description`: Swagger 2.0 reads the parameter's own
///    description as its schema's.
/// 6. The `nullable` keyword (Swagger 2.0 writes `x-nullable`; the flag itself is compared).
/// 7. Security schemes: Swagger 2.0 `basic` is OpenAPI 3.0 `http` + `basic`; an oauth2 `flow`
///    is a `flows` entry.
/// 8. Media types without a schema: Swagger 2.0 gives a schema-less body or response no media
///    type.
/// 9. Swagger 2.0 target only: `oneOf`, `anyOf` and `not` (kept as `x-oneOf`...) read as
///    untyped schemas; `http` schemes other than basic, and `openIdConnect`, are exported as an
///    `Authorization` header API key.
/// 10. A `$ref` gwgen cannot follow is compared without its version's component prefix
///     (`#/definitions/X` is `#/components/schemas/X`).
/// 11. A trailing `/` of `base_path` (an OpenAPI 3.0 server URL's path has none).
/// 12. A header without a schema is a string header (Swagger 2.0 headers need a type); a
///     parameter's `example` (Swagger 2.0 has none: kept as `x-example`).
/// 13. A form body's `required` (Swagger 2.0 has a flag per form field, none for the body).
/// 14. The `format` of a binary schema (Swagger 2.0 `type: file` has none, OpenAPI 3.0 writes
///     `format: binary`).
/// 15. `type: null` (Swagger 2.0, OpenAPI 3.1) reads as `nullable: true, enum: [null]`.
/// 16. A server host holding a `${...}` substitution, which Swagger 2.0's `host` cannot hold.
/// 17. OpenAPI 3.1 only: scopes on security requirements of non-OAuth schemes; operations
///     without `responses` (given an empty `default` one).
fn normalized(api: &Api, target: Target, from_31: bool) -> Value {
    let mut v = serde_json::to_value(api).unwrap();
    let schemas = v["schemas"]["schemas"].as_array().cloned().unwrap_or_default();
    let named: BTreeMap<u64, String> = v["schemas"]["named"]
        .as_object()
        .map(|m| m.iter().map(|(k, id)| (id.as_u64().unwrap(), k.clone())).collect())
        .unwrap_or_default();
    let expand = Expander { schemas: &schemas, named: &named, target };
    let mut named_out = Map::new();
    for (id, name) in &named {
        named_out.insert(name.clone(), expand.schema(*id, &mut Vec::new(), true));
    }
    let m = v.as_object_mut().unwrap();
    m.insert("schemas".into(), Value::Object(named_out));
    for key in ["version", "version_text"] {
        m.remove(key);
    }
    let servers = m.remove("servers").unwrap_or_default();
    m.insert("servers".into(), first_server(&servers));
    if let Some(Value::String(b)) = m.get_mut("base_path") {
        while b.len() > 1 && b.ends_with('/') {
            b.pop();
        }
    }
    if let Some(Value::Object(schemes)) = m.get_mut("security_schemes") {
        schemes.values_mut().for_each(|s| security_scheme(s, target));
    }
    walk(&mut v, &expand, None);
    if from_31 {
        clear_scopes(&mut v);
    }
    v
}

fn clear_scopes(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let added =
                json!([{"status": "default", "reference": null, "description": "", "headers": {}, "content": {}}]);
            if m.get("responses") == Some(&added) {
                m.insert("responses".into(), Value::Null);
            }
            if let Some(Value::Object(schemes)) = m.get_mut("schemes") {
                schemes.values_mut().for_each(|s| *s = json!([]));
            }
            m.values_mut().for_each(clear_scopes);
        }
        Value::Array(a) => a.iter_mut().for_each(clear_scopes),
        _ => {}
    }
}

struct Expander<'a> {
    schemas: &'a [Value],
    named: &'a BTreeMap<u64, String>,
    target: Target,
}

impl Expander<'_> {
    fn schema(&self, id: u64, stack: &mut Vec<u64>, top: bool) -> Value {
        if let (false, Some(name)) = (top, self.named.get(&id)) {
            return json!({ "$named": name });
        }
        if stack.contains(&id) {
            return json!("$cycle");
        }
        stack.push(id);
        let mut s = self.schemas[id as usize].clone();
        let m = s.as_object_mut().unwrap();
        for key in ["id", "name", "pointer"] {
            m.remove(key);
        }
        if let Some(Value::Array(k)) = m.get_mut("keywords") {
            k.retain(|k| k != "nullable");
            if self.target == Target::Swagger2 {
                k.retain(|k| k != "oneOf" && k != "anyOf");
            }
        }
        let kind = m.get("kind").and_then(|k| k["type"].as_str()).unwrap_or("").to_string();
        if self.target == Target::Swagger2 && (kind == "oneof" || kind == "anyof") {
            m.insert("kind".into(), json!({"type": "any"}));
        }
        if kind == "null" {
            // `type: null` is `nullable: true, enum: [null]` in OpenAPI 3.0 (step 15).
            m.insert("kind".into(), json!({"type": "any"}));
            m.insert("nullable".into(), json!(true));
            m.insert("enum".into(), json!([null]));
        }
        if kind == "binary" {
            m.insert("format".into(), Value::Null);
        }
        if kind == "unresolved" {
            let r = m["kind"]["reference"].as_str().unwrap_or("").replace("#/components/schemas/", "#/definitions/");
            m["kind"]["reference"] = Value::String(r);
        }
        if let Some(Value::Object(kind)) = m.get_mut("kind") {
            for (k, v) in kind.iter_mut() {
                match (k.as_str(), v) {
                    ("items", v @ Value::Number(_)) => *v = self.schema(v.as_u64().unwrap(), stack, false),
                    ("of", Value::Array(list)) => {
                        for v in list {
                            *v = self.schema(v.as_u64().unwrap(), stack, false);
                        }
                    }
                    ("properties", Value::Object(props)) => {
                        for v in props.values_mut() {
                            *v = self.schema(v.as_u64().unwrap(), stack, false);
                        }
                    }
                    ("additional", Value::Object(a)) => {
                        if let Some(v) = a.get_mut("schema") {
                            *v = self.schema(v.as_u64().unwrap(), stack, false);
                        }
                    }
                    _ => {}
                }
            }
        }
        stack.pop();
        s
    }
}

/// Walks the IR (outside the schema store): drops pointers, expands schema ids, normalizes
/// enum fields, parameter schemas and media types.
fn walk(v: &mut Value, expand: &Expander, parent_key: Option<&str>) {
    match v {
        Value::Object(m) => {
            m.remove("pointer");
            if m.len() == 2 && m.contains_key("raw") && m.contains_key("value") && !m["value"].is_null() {
                m.remove("raw");
            }
            if let Some(id) = m.get("schema").and_then(Value::as_u64) {
                let mut s = expand.schema(id, &mut Vec::new(), false);
                // Parameter and header schemas (step 5).
                if matches!(parent_key, Some("parameters" | "headers")) || m.contains_key("in") {
                    if let Some(o) = s.as_object_mut() {
                        o.insert("description".into(), Value::Null);
                        if let Some(Value::Array(k)) = o.get_mut("keywords") {
                            k.retain(|k| k != "example");
                        }
                    }
                    // A header without a schema is a string header (step 12).
                    if s.is_null() && parent_key == Some("headers") {
                        s = bare_string();
                    }
                }
                m.insert("schema".into(), s);
            }
            if let Some(Value::Object(content)) = m.get_mut("content") {
                content.retain(|_, media| !media["schema"].is_null());
                if parent_key == Some("request_body") && content.keys().any(|k| k.contains("form")) {
                    m.insert("required".into(), Value::Null);
                }
            }
            if parent_key == Some("headers") && m.get("schema").is_some_and(Value::is_null) {
                m.insert("schema".into(), bare_string());
            }
            let in_headers = parent_key == Some("headers");
            for (k, child) in m.iter_mut() {
                if k == "schemas" && parent_key.is_none() {
                    continue;
                }
                walk(child, expand, Some(if in_headers { "headers" } else { k.as_str() }));
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|c| walk(c, expand, parent_key)),
        _ => {}
    }
}

fn bare_string() -> Value {
    json!({"kind": {"type": "string"}, "title": null, "description": null, "format": null, "nullable": false,
        "read_only": false, "write_only": false, "deprecated": false, "default": null, "discriminator": null,
        "keywords": []})
}

fn first_server(servers: &Value) -> Value {
    let Some(first) = servers.as_array().and_then(|a| a.first()) else { return Value::Null };
    let mut url = first["url"].as_str().unwrap_or("").to_string();
    if let Some(vars) = first["variables"].as_object() {
        for (name, var) in vars {
            if let Some(d) = var["default"].as_str() {
                url = url.replace(&format!("{{{name}}}"), d);
            }
        }
    }
    if !url.contains("://") || url.contains("${") {
        return Value::Null;
    }
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(&url);
    let mut rest = rest.replace("//", "/");
    while rest.ends_with('/') {
        rest.pop();
    }
    Value::String(rest)
}

fn security_scheme(s: &mut Value, target: Target) {
    let Some(m) = s.as_object_mut() else { return };
    m.remove("pointer");
    let http_other = m["type"] == "http" && !m["scheme"].as_str().is_some_and(|s| s.eq_ignore_ascii_case("basic"));
    if target == Target::Swagger2 && (http_other || m["type"] == "openIdConnect") {
        m.insert("type".into(), json!("apiKey"));
        m.insert("param_name".into(), json!("Authorization"));
        m.insert("param_in".into(), json!("header"));
        m.insert("scheme".into(), Value::Null);
        m.insert("open_id_connect_url".into(), Value::Null);
    }
    if m["type"] == "basic" {
        m.insert("type".into(), json!("http"));
        m.insert("scheme".into(), json!("basic"));
    }
    if let Some(Value::Object(f)) = m.get("flows").cloned() {
        if let Some(flow) = f.get("flow").and_then(Value::as_str) {
            let name = match flow {
                "application" => "clientCredentials",
                "accessCode" => "authorizationCode",
                other => other,
            };
            let mut body = f.clone();
            body.remove("flow");
            body.entry("scopes").or_insert(json!({}));
            m.insert("flows".into(), json!({ name: body }));
        }
    }
}

/// The first place two values differ, as a pointer with both sides.
fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let (va, vb) = (x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null));
                if let Some(d) = first_difference(va, vb, &format!("{at}/{k}")) {
                    return Some(d);
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (va, vb))| first_difference(va, vb, &format!("{at}/{i}")))
        }
        _ if a == b => None,
        _ => {
            let show = |v: &Value| {
                let s = v.to_string();
                if s.len() > 300 {
                    format!("{}…", &s[..s.char_indices().nth(300).map_or(s.len(), |(i, _)| i)])
                } else {
                    s
                }
            };
            Some(format!("{at}: {} != {}", show(a), show(b)))
        }
    }
}

/// The distinct findings (rule and message: the same finding at the copies of a schema that
/// Swagger 2.0 shares between media types is one).
/// An unresolved `$ref` is the same finding whatever folder the document is read from, and
/// whichever version's component path it names.
fn findings(api: &Api) -> BTreeSet<(&'static str, String)> {
    let key = |rule: &str, message: String| {
        if rule != "unresolved-ref" {
            return message;
        }
        let message = message.replace("#/components/schemas/", "#/definitions/");
        message.split(" cannot be followed").next().unwrap_or("").to_string()
    };
    lint::run(api, Mode::Import).into_iter().map(|f| (f.rule, key(f.rule, f.message))).collect()
}

/// One export of a corpus document.
struct Exported {
    document: PathBuf,
    /// The document as gwgen reads it (CloudFormation tags as their long forms), as JSON.
    source_json: PathBuf,
    target: &'static str,
    export: PathBuf,
}

/// Exports every corpus document to both targets, writing the exports under `dir`; checks each
/// round trip and that the re-import has no new findings. Returns the exports and the failures.
fn export_corpus(dir: &Path) -> (Vec<Exported>, Vec<String>) {
    std::fs::create_dir_all(dir).unwrap();
    let mut written = Vec::new();
    let mut failures = Vec::new();
    for (n, doc) in corpus_documents().into_iter().enumerate() {
        let Ok(api) = load::load(&doc, &load::Options::default()) else { continue };
        let name = doc.file_name().unwrap().to_string_lossy().to_string();
        let source_json = dir.join(format!("{n:03}-source.json"));
        std::fs::write(&source_json, gwgen::render::to_json(&api.sources.get(Default::default()).value)).unwrap();
        for (target, label) in TARGETS {
            let result = export::export(&api, &options(target));
            if api.api_type == ApiType::Http && target == Target::Swagger2 {
                assert!(result.is_err(), "{name}: an HTTP API must not export as Swagger 2.0");
                continue;
            }
            let export = match result {
                Ok(e) => e,
                Err(e) => {
                    failures.push(format!("{name} -> {label}: export failed: {e:?}"));
                    continue;
                }
            };
            let text = gwgen::render::to_json(&export.document);
            let yaml = gwgen::render::to_yaml(&export.document);
            match load::yaml::parse(&yaml) {
                Ok((v, _)) if v == export.document => {}
                Ok(_) => failures.push(format!("{name} -> {label}: the YAML export reads back differently")),
                Err(e) => failures.push(format!("{name} -> {label}: the YAML export does not parse: {}", e.message)),
            }
            let out = dir.join(format!("{n:03}-{label}.json"));
            std::fs::write(&out, &text).unwrap();
            let again = reimport(&out, &text, &api);
            let from_31 = api.version == gwgen::ir::SpecVersion::OpenApi31;
            let (a, b) = (normalized(&api, target, from_31), normalized(&again, target, from_31));
            if let Some(d) = first_difference(&a, &b, "") {
                failures.push(format!("{name} -> {label}: IR differs at {d}"));
            }
            let before = findings(&api);
            for (rule, message) in findings(&again).difference(&before) {
                failures.push(format!("{name} -> {label}: new import finding `{rule}`: {message}"));
            }
            written.push(Exported {
                document: doc.clone(),
                source_json: source_json.clone(),
                target: label,
                export: out,
            });
        }
    }
    (written, failures)
}

/// The corpus exported once, for the round-trip and the validation tests.
fn exported_corpus() -> &'static (Vec<Exported>, Vec<String>) {
    static EXPORTED: std::sync::OnceLock<(Vec<Exported>, Vec<String>)> = std::sync::OnceLock::new();
    EXPORTED.get_or_init(|| export_corpus(&PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("export-corpus")))
}

#[test]
fn corpus_round_trips_to_the_same_ir_without_new_findings() {
    let (written, failures) = exported_corpus();
    assert!(written.len() > 150, "only {} exports", written.len());
    assert!(failures.is_empty(), "{} round-trip failures:\n{}", failures.len(), failures.join("\n"));
}

fn validator() -> PathBuf {
    let v = common::root().join(".tools/venv/bin/openapi-spec-validator");
    assert!(v.is_file(), "openapi-spec-validator is missing: run `bash .ci/setup` (it installs it into .tools/venv)");
    v
}

/// Runs openapi-spec-validator over files; the files it rejects, with its first message line.
fn invalid(files: &[PathBuf]) -> BTreeMap<PathBuf, String> {
    let mut bad = BTreeMap::new();
    let verdicts = |files: &[PathBuf]| {
        let out = Command::new(validator()).args(files).output().expect("openapi-spec-validator runs");
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    for chunk in files.chunks(64) {
        let text = verdicts(chunk);
        for file in chunk {
            let prefix = format!("{}: ", file.display());
            let line = text.lines().find(|l| l.starts_with(&prefix));
            match line {
                Some(l) if l.ends_with(": OK") => {}
                Some(l) => {
                    bad.insert(file.clone(), l[prefix.len()..].to_string());
                }
                // A file that stops the whole run (an unresolvable `$ref`) is validated alone.
                None => {
                    let alone = verdicts(std::slice::from_ref(file));
                    if !alone.lines().any(|l| l.starts_with(&prefix) && l.ends_with(": OK")) {
                        let why = alone.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("no verdict");
                        bad.insert(file.clone(), why.to_string());
                    }
                }
            }
        }
    }
    bad
}

#[test]
fn exports_of_valid_documents_validate() {
    let (written, _) = exported_corpus();
    // A document the validator rejects cannot be expected to export into a valid one (the corpus
    // holds CloudFormation intrinsics where strings belong): only valid sources are held to it.
    let mut sources: Vec<PathBuf> = written.iter().map(|e| e.source_json.clone()).collect();
    sources.dedup();
    let bad_sources = invalid(&sources);
    let exports: Vec<PathBuf> =
        written.iter().filter(|e| !bad_sources.contains_key(&e.source_json)).map(|e| e.export.clone()).collect();
    assert!(exports.len() > 60, "only {} exports of valid documents", exports.len());
    let bad = invalid(&exports);
    let report: Vec<String> = written
        .iter()
        .filter_map(|e| bad.get(&e.export).map(|why| format!("{} -> {}: {why}", e.document.display(), e.target)))
        .collect();
    assert!(report.is_empty(), "{} exports fail validation:\n{}", report.len(), report.join("\n"));
}

// ------------------------------------------------------------------ the command

fn run(args: &[&str]) -> (i32, String, String) {
    let out = gwgen(args);
    (out.status.code().unwrap(), stdout(&out), stderr(&out))
}

#[test]
fn snapshots_of_the_samples() {
    let settings = common::snapshot_settings();
    let _guard = settings.bind_to_scope();
    for file in common::files_in(&common::root().join("specs/import")) {
        let file_name = file.file_name().unwrap().to_string_lossy().to_string();
        let rel = format!("specs/import/{file_name}");
        let http = file_name.starts_with("http-api");
        // JSON samples export as JSON, YAML ones as YAML (the default: the input's syntax).
        for target in ["oas30", "swagger2"] {
            let (code, out, err) = run(&["export", &rel, "--to", target]);
            if http && target == "swagger2" {
                assert_eq!(code, 2, "{rel}: an HTTP API cannot export as Swagger 2.0");
                assert!(err.contains("HTTP APIs export as OpenAPI 3.0 only"), "{err}");
                continue;
            }
            assert_eq!(code, 0, "{rel} -> {target}: {err}");
            let name = format!("export-{}-{target}", file_name.replace('.', "_"));
            let warnings = if err.is_empty() { String::new() } else { format!("\n--- warnings ---\n{err}") };
            insta::assert_snapshot!(name, format!("{out}{warnings}"));
        }
    }
}

#[test]
fn output_is_deterministic() {
    for args in [
        ["export", "specs/import/lambda-cognito-authorizers.swagger2.json", "--to", "oas30"],
        ["export", "specs/import/mock-cors-payment.oas30.yaml", "--to", "swagger2"],
        ["export", "specs/import/http-api-iam-jwt.oas30.json", "--to", "oas30"],
    ] {
        let (a, b) = (gwgen(&args), gwgen(&args));
        assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
        assert_eq!(a.stdout, b.stdout);
        assert_eq!(a.stderr, b.stderr);
    }
}

#[test]
fn extension_sets() {
    let doc = "specs/import/lambda-cognito-authorizers.swagger2.json";
    let export = |set: &str| {
        let (code, out, err) = run(&["export", doc, "--to", "oas30", "--format", "json", "--extensions", set]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let all = export("apigateway");
    assert!(all.contains("x-amazon-apigateway-integration") && all.contains("x-amazon-apigateway-authorizer"));
    let integrations = export("integrations");
    assert!(integrations.contains("x-amazon-apigateway-integration\""));
    assert!(!integrations.contains("x-amazon-apigateway-authorizer") && !integrations.contains("-authtype"));
    let authorizers = export("authorizers");
    assert!(
        authorizers.contains("x-amazon-apigateway-authorizer") && authorizers.contains("x-amazon-apigateway-authtype")
    );
    assert!(!authorizers.contains("x-amazon-apigateway-integration"));
    // The ANY method is structure, not an extension set member: kept unless `none`.
    assert!(integrations.contains("x-amazon-apigateway-any-method"));

    let dir = scratch("export-extension-none");
    let cors = dir.join("cors.yaml");
    std::fs::write(
        &cors,
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-gwgen-ignore: [operation-unauthenticated]\npaths:\n  /pets:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: HTTP_PROXY, httpMethod: GET, uri: 'https://example.com/pets'}\n    options:\n      responses: {'200': {description: cors}}\n      x-amazon-apigateway-integration:\n        type: MOCK\n        requestTemplates: {application/json: '{\"statusCode\": 200}'}\n  /only-cors:\n    options:\n      responses: {'200': {description: cors}}\n      x-amazon-apigateway-integration: {type: mock}\n",
    )
    .unwrap();
    let path = cors.to_string_lossy().to_string();
    let (code, out, err) = run(&["export", &path, "--to", "oas30", "--extensions", "none"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("x-amazon-apigateway") && !out.contains("x-gwgen-ignore"), "{out}");
    assert!(!out.contains("options:") && !out.contains("/only-cors"), "CORS mock OPTIONS methods are dropped:\n{out}");
    assert!(out.contains("/pets:") && out.contains("get:"), "{out}");
    // Canonical lowercase `type`, as AWS exports it.
    let (_, all, _) = run(&["export", &path, "--to", "oas30"]);
    assert!(all.contains("type: http_proxy") && all.contains("type: mock") && !all.contains("MOCK"), "{all}");
}

#[test]
fn http_apis_do_not_export_as_swagger2() {
    let (code, _, err) = run(&["export", "specs/import/http-api-cors.oas30.json", "--to", "swagger2"]);
    assert_eq!(code, 2);
    assert!(err.contains("HTTP APIs export as OpenAPI 3.0 only") && err.contains("--to oas30"), "{err}");
}

#[test]
fn warnings_name_what_cannot_be_expressed() {
    let dir = scratch("export-warnings");
    let doc = dir.join("api.yaml");
    std::fs::write(
        &doc,
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nservers:\n  - url: https://a.example.com/v1\n  - url: https://b.example.com/v1\npaths:\n  /p:\n    get:\n      parameters:\n        - {name: session, in: cookie, schema: {type: string}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                oneOf: [{type: string}, {type: integer}]\n                nullable: true\n",
    )
    .unwrap();
    let path = doc.to_string_lossy().to_string();
    let (code, out, err) = run(&["export", &path, "--to", "swagger2"]);
    assert_eq!(code, 0, "warnings do not fail the export: {err}");
    for expected in ["export-not-representable", "b.example.com", "cookie parameters", "`oneOf`", "`nullable`"] {
        assert!(err.contains(expected), "no `{expected}` in:\n{err}");
    }
    assert!(err.contains("api.yaml:5:") && err.contains("api.yaml:10:"), "warnings have code frames:\n{err}");
    assert!(
        out.contains("x-oneOf:") && out.contains("x-nullable: true") && out.contains("host: a.example.com"),
        "{out}"
    );
}

#[test]
fn atomic_output_file() {
    let dir = scratch("export-atomic");
    let out = dir.join("api.json");
    let path = out.to_string_lossy().to_string();
    std::fs::write(&out, "old").unwrap();
    // A file gwgen did not write is not replaced without --force.
    let (code, _, err) = run(&["export", "specs/import/vpc-link.swagger2.json", "--to", "oas30", "-o", &path]);
    assert_eq!(code, 2);
    assert!(err.contains("not written by gwgen") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    let (code, _, err) =
        run(&["export", "specs/import/vpc-link.swagger2.json", "--to", "oas30", "-o", &path, "--force"]);
    assert_eq!(code, 0, "{err}");
    // Once written, gwgen knows the file (its folder's manifest lists it) and replaces it.
    let (code, _, err) = run(&["export", "specs/import/vpc-link.swagger2.json", "--to", "oas30", "-o", &path]);
    assert_eq!(code, 0, "{err}");
    let (_, stdout_text, _) =
        run(&["export", "specs/import/vpc-link.swagger2.json", "--to", "oas30", "--format", "json"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), stdout_text, "-o writes what stdout shows (json from the name)");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 2, "the export and the manifest, no temporary file: {left:?}");
    // A folder that does not exist: exit 2, nothing written.
    let missing = dir.join("nope/api.yaml");
    let (code, _, err) =
        run(&["export", "specs/import/vpc-link.swagger2.json", "--to", "oas30", "-o", &missing.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write the export"), "{err}");
    assert!(!missing.exists() && !dir.join("nope").exists());
}

const STAGE_DOC: &str = "swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: abc.execute-api.eu-west-1.amazonaws.com\nbasePath: /dev\npaths:\n  /p:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://${stageVariables.backend}/p\n        requestParameters:\n          integration.request.header.x-env: stageVariables.env\n";

#[test]
fn stages_substitute_variables_and_set_the_server() {
    let dir = scratch("export-stages");
    std::fs::write(dir.join("api.yaml"), STAGE_DOC).unwrap();
    std::fs::write(
        dir.join("gwgen.yaml"),
        "stages:\n  prod:\n    variables: {backend: api.internal.example.com, env: production}\n    domain: api.example.com\n    base_path: v1\n  dev:\n    variables: {backend: dev.internal.example.com}\n",
    )
    .unwrap();
    let doc = dir.join("api.yaml").to_string_lossy().to_string();
    let (code, out, err) = run(&["export", &doc, "--to", "oas30", "--stage", "prod"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("uri: https://api.internal.example.com/p"), "{out}");
    assert!(out.contains("integration.request.header.x-env: \"'production'\""), "{out}");
    assert!(out.contains("- url: https://api.example.com/v1"), "{out}");
    let (code, out, err) = run(&["export", &doc, "--to", "swagger2", "--stage", "prod"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("host: api.example.com") && out.contains("basePath: /v1"), "{out}");

    // `env` is used but not defined for dev: exit 2, naming the variable, the stage and the place.
    let (code, _, err) = run(&["export", &doc, "--to", "oas30", "--stage", "dev"]);
    assert_eq!(code, 2);
    assert!(err.contains("stage variable `env` is not defined for stage `dev`"), "{err}");
    assert!(err.contains("api.yaml:14:"), "located at its use: {err}");
    assert!(err.contains("stages.dev.variables"), "{err}");

    let (code, _, err) = run(&["export", &doc, "--to", "oas30", "--stage", "qa"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown stage `qa`") && err.contains("prod, dev"), "{err}");
}

#[test]
fn stage_config_errors_are_located() {
    let dir = scratch("export-stage-config");
    std::fs::write(dir.join("api.yaml"), STAGE_DOC).unwrap();
    std::fs::write(dir.join("gwgen.yaml"), "stages:\n  prod:\n    variables: [a, b]\n").unwrap();
    let doc = dir.join("api.yaml").to_string_lossy().to_string();
    let (code, _, err) = run(&["export", &doc, "--to", "oas30", "--stage", "prod"]);
    assert_eq!(code, 2);
    assert!(err.contains("gwgen.yaml:3:") && err.contains("`stages.prod.variables` must be a mapping"), "{err}");
}

/// `--stage` also reads the stages a template deploys (SAM `StageName` + `Variables`).
#[test]
fn template_stages_substitute_variables() {
    let dir = scratch("export-template-stage");
    let template = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Variables:\n        backend: api.example.com\n      DefinitionBody:\n        swagger: '2.0'\n        info: {title: t, version: '1'}\n        paths:\n          /p:\n            get:\n              responses: {'200': {description: ok}}\n              x-amazon-apigateway-integration:\n                type: http\n                httpMethod: GET\n                uri: https://${stageVariables.backend}/p\n";
    let path = dir.join("template.yaml");
    std::fs::write(&path, template).unwrap();
    let path = path.to_string_lossy().to_string();
    let (code, out, err) = run(&["export", &path, "--to", "oas30", "--stage", "prod", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("https://api.example.com/p"), "{out}");
    assert!(!out.contains("stageVariables.backend"));
    let (code, _, err) = run(&["export", &path, "--to", "oas30", "--stage", "dev"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown stage `dev`") && err.contains("prod"), "{err}");
}
