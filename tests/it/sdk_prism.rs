//! Every operation of the SDK samples, called through the generated TypeScript client against a
//! real Prism mock server started from the same document (`--errors`: Prism answers 4xx to a
//! request that does not match the document). The driver (`tests/ts/prism-driver.ts`) checks
//! the request the SDK sent against what this file expects from the document: method, path,
//! query, headers, body, the authorization API Gateway asks for, and SigV4 signatures
//! (re-computed with aws4fetch).

use crate::common;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use gwgen::ir::{Additional, Api, Method, ParamIn, SchemaId, SchemaKind};
use serde_json::{json, Map, Value};

use common::{gwgen, root, stderr};

fn tool(name: &str) -> PathBuf {
    let path = root().join(".tools/node_modules/.bin").join(name);
    assert!(path.exists(), "{} is missing: run `bash .ci/setup` first", path.display());
    path
}

/// A Prism mock server, stopped when dropped.
struct Prism(Child);

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_prism(spec: &Path, port: u16, log: &Path) -> Prism {
    let log = std::fs::File::create(log).unwrap();
    let child = Command::new(tool("prism"))
        .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string(), "--errors"])
        .arg(spec)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .stdin(Stdio::null())
        .spawn()
        .expect("prism starts");
    let prism = Prism(child);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(90), "prism did not start on port {port}");
        std::thread::sleep(Duration::from_millis(200));
    }
    prism
}

/// A value the schema accepts (bytes are `{"$binary": [...]}`).
fn sample(api: &Api, id: SchemaId, depth: usize) -> Value {
    let s = api.schemas.get(id);
    if let Some(v) = s.enum_values.iter().find(|v| !v.is_null()) {
        return v.clone();
    }
    match &s.kind {
        SchemaKind::String | SchemaKind::Any => match s.format.as_deref() {
            Some("date") => json!("2024-05-01"),
            Some("date-time") => json!("2024-05-01T10:00:00Z"),
            Some("email") => json!("someone@example.com"),
            Some("uuid") => json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            Some("uri") => json!("https://example.com/x"),
            _ => json!("some text"),
        },
        SchemaKind::Integer => json!(7),
        SchemaKind::Number => json!(1.5),
        SchemaKind::Boolean => json!(true),
        SchemaKind::Null => Value::Null,
        SchemaKind::Binary => json!({"$binary": [1, 2, 3, 250]}),
        SchemaKind::Array { items } => match items {
            Some(i) if depth < 4 => {
                let item = api.schemas.get(*i);
                match item.enum_values.as_slice() {
                    [a, b, ..] => json!([a, b]),
                    _ => json!([sample(api, *i, depth + 1)]),
                }
            }
            _ => json!([]),
        },
        SchemaKind::Object { properties, required, additional } => {
            let mut m = Map::new();
            for (name, p) in properties {
                let ps = api.schemas.get(*p);
                if ps.read_only || (depth >= 3 && !required.contains(name)) {
                    continue;
                }
                m.insert(name.clone(), sample(api, *p, depth + 1));
            }
            if let (true, Some(Additional::Schema(a))) = (properties.is_empty(), additional) {
                m.insert("key".into(), sample(api, *a, depth + 1));
            }
            Value::Object(m)
        }
        SchemaKind::AllOf { of } => {
            let mut m = Map::new();
            for part in of {
                if let Value::Object(o) = sample(api, *part, depth + 1) {
                    m.extend(o);
                }
            }
            Value::Object(m)
        }
        SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } => {
            of.first().map(|f| sample(api, *f, depth + 1)).unwrap_or(Value::Null)
        }
        SchemaKind::Unresolved { .. } => Value::Null,
    }
}

/// encodeURIComponent.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The cases of one document: parameters for each operation and the request they must become.
fn cases(api: &Api, functions: &[String], authorizers: &mut Map<String, Value>) -> Vec<Value> {
    let mut out = Vec::new();
    for ((path, op), function) in api.operations().zip(functions) {
        let mut params = Map::new();
        let mut url_path = path.path.clone();
        let mut query: Vec<(String, String)> = Vec::new();
        let mut headers = Map::new();
        for p in &op.parameters {
            if p.location == ParamIn::Cookie {
                continue;
            }
            let value = match (p.location, p.schema) {
                (ParamIn::Path, _) => json!("id 1"),
                (_, Some(s)) => sample(api, s, 0),
                (_, None) => json!("x"),
            };
            params.insert(p.name.clone(), value.clone());
            match p.location {
                ParamIn::Path => url_path = url_path.replace(&format!("{{{}}}", p.name), &encode(&text(&value))),
                ParamIn::Header => {
                    headers.insert(p.name.to_ascii_lowercase(), json!(text(&value)));
                }
                _ => match &value {
                    Value::Array(items) => {
                        if p.explode == Some(false) {
                            let joined: Vec<String> = items.iter().map(text).collect();
                            query.push((p.name.clone(), joined.join(",")));
                        } else {
                            query.extend(items.iter().map(|i| (p.name.clone(), text(i))));
                        }
                    }
                    v => query.push((p.name.clone(), text(v))),
                },
            }
        }
        let mut body = Value::Null;
        if let Some(rb) = &op.request_body {
            let (media, m) = rb
                .content
                .iter()
                .min_by_key(|(t, _)| match t.as_str() {
                    t if t.contains("json") => 0,
                    "application/x-www-form-urlencoded" => 1,
                    t if t.starts_with("multipart/") => 2,
                    _ => 3,
                })
                .expect("a body media type");
            let value = m.schema.map(|s| sample(api, s, 0)).unwrap_or(json!({}));
            body = if media.contains("json") {
                json!({"kind": "json", "value": value})
            } else if media == "application/x-www-form-urlencoded" {
                let pairs: Vec<Value> =
                    value.as_object().into_iter().flatten().map(|(k, v)| json!([k, text(v)])).collect();
                json!({"kind": "form", "pairs": pairs})
            } else if media.starts_with("multipart/") {
                json!({"kind": "multipart", "names": value.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>())})
            } else {
                json!({"kind": "binary", "bytes": [1, 2, 3, 250], "contentType": media})
            };
            let param_value = if body["kind"] == "binary" { json!({"$binary": [1, 2, 3, 250]}) } else { value };
            params.insert("body".into(), param_value);
        }
        // What API Gateway checks for this method.
        let security = api.authorization(op);
        let mut sigv4 = false;
        match &security.kind {
            gwgen::ir::AuthKind::Iam => sigv4 = true,
            gwgen::ir::AuthKind::None => {}
            gwgen::ir::AuthKind::Cognito { authorizer, .. }
            | gwgen::ir::AuthKind::Lambda { authorizer }
            | gwgen::ir::AuthKind::Jwt { authorizer, .. } => {
                let a = api.security_schemes[authorizer].authorizer.as_ref();
                let source = a.and_then(|a| a.identity_source.as_ref()).and_then(|t| t.as_str()).unwrap_or("");
                let jwt = matches!(security.kind, gwgen::ir::AuthKind::Jwt { .. });
                let request =
                    a.and_then(|a| a.kind.as_ref()).is_some_and(|k| k.raw_text().eq_ignore_ascii_case("request"));
                if request {
                    let mut values = Map::new();
                    for part in source.split(',').map(str::trim) {
                        let part = part.trim_start_matches("method.request.").trim_start_matches("$request.");
                        if let Some(h) = part.strip_prefix("header.") {
                            values.insert(h.to_string(), json!(format!("{h}-value")));
                            headers.insert(h.to_ascii_lowercase(), json!(format!("{h}-value")));
                        } else if let Some(q) = part.strip_prefix("querystring.") {
                            // The authorizer's value stands in for a parameter of the same name.
                            query.retain(|(k, _)| k != q);
                            values.insert(q.to_string(), json!(format!("{q}-value")));
                            query.push((q.to_string(), format!("{q}-value")));
                        }
                    }
                    authorizers.insert(authorizer.clone(), Value::Object(values));
                } else {
                    let header = source
                        .split(',')
                        .map(str::trim)
                        .find_map(|p| {
                            p.strip_prefix("method.request.header.").or_else(|| p.strip_prefix("$request.header."))
                        })
                        .or(api.security_schemes[authorizer].param_name.as_deref())
                        .unwrap_or("Authorization");
                    let token = format!("token-for-{authorizer}");
                    let sent = if jwt { format!("Bearer {token}") } else { token.clone() };
                    headers.insert(header.to_ascii_lowercase(), json!(sent));
                    authorizers.insert(authorizer.clone(), json!(token));
                }
            }
        }
        if security.api_key {
            headers.insert("x-api-key".into(), json!("test-api-key"));
        }
        out.push(json!({
            "op": function,
            "params": params,
            "method": if op.method == Method::Any { "GET" } else { op.method.as_str() },
            "path": url_path,
            "query": query.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            "headers": headers,
            "body": body,
            "sigv4": sigv4,
            "any": op.method == Method::Any,
        }));
    }
    out
}

/// Generates the SDK, writes and compiles the driver, runs it against Prism; returns the
/// driver's summary.
fn run_sample(spec: &Path) -> Value {
    let name: String = spec.file_stem().unwrap().to_string_lossy().replace('.', "-");
    let dir = root().join("target/sdk-tests").join(format!("prism-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sdk = dir.join("sdk");
    let o = gwgen(&["sdk", spec.to_str().unwrap(), "-o", sdk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let api = gwgen::load::load(spec, &gwgen::load::Options::default()).expect("the sample loads");
    let operations = std::fs::read_to_string(sdk.join("lib/operations.js")).unwrap();
    let functions: Vec<String> = operations
        .lines()
        .filter_map(|l| l.strip_prefix("export function "))
        .map(|l| l.split(['(', '<']).next().unwrap().to_string())
        .filter(|f| f != "isApiError")
        .collect();
    assert_eq!(functions.len(), api.operations().count(), "one function per operation");
    let mut authorizers = Map::new();
    let cases = cases(&api, &functions, &mut authorizers);

    let port = free_port();
    let driver = std::fs::read_to_string(root().join("tests/ts/prism-driver.ts"))
        .unwrap()
        .replace("__CASES__", &serde_json::to_string_pretty(&cases).unwrap())
        .replace("__AUTHORIZERS__", &Value::Object(authorizers).to_string())
        .replace("__BASE_URL__", &format!("http://127.0.0.1:{port}"))
        .replace(
            "__AWS4FETCH__",
            &root().join(".tools/node_modules/aws4fetch/dist/aws4fetch.esm.mjs").to_string_lossy(),
        );
    // The driver sits beside the package's lib/ and compiles against its declarations, strict.
    std::fs::write(sdk.join("prism-driver.ts"), driver).unwrap();
    let types = root().join(".tools/node_modules/@types");
    let o = Command::new(tool("tsc"))
        .current_dir(&sdk)
        .args(["--strict", "--exactOptionalPropertyTypes", "--noUncheckedIndexedAccess", "--skipLibCheck"])
        .args(["--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler", "--lib", "es2022,dom"])
        .args(["--types", "node", "--typeRoots", types.to_str().unwrap(), "prism-driver.ts"])
        .output()
        .unwrap();
    assert!(o.status.success(), "the driver compiles with the SDK: {}", String::from_utf8_lossy(&o.stdout));

    let _prism = start_prism(spec, port, &dir.join("prism.log"));
    let o = Command::new("node").arg(sdk.join("prism-driver.js")).output().unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let summary: Value = stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("driver output: {stdout}\n{}", String::from_utf8_lossy(&o.stderr)));
    assert!(
        o.status.success(),
        "{}: {}\n(prism log: {})",
        spec.display(),
        serde_json::to_string_pretty(&summary["failures"]).unwrap(),
        dir.join("prism.log").display()
    );
    assert_eq!(summary["cases"], json!(cases.len()));
    let routable = api.operations().filter(|(_, o)| o.method != Method::Any);
    let without_responses = routable.filter(|(_, o)| o.responses.as_ref().is_none_or(Vec::is_empty)).count();
    assert_eq!(summary["unanswered"], json!(without_responses), "only operations without responses go unanswered");
    let any = api.operations().filter(|(_, o)| o.method == Method::Any).count();
    assert_eq!(summary["unroutable"], json!(any), "only API Gateway's ANY methods are unknown to Prism");
    summary
}

#[test]
fn comp_sample_against_prism() {
    let s = run_sample(&root().join("specs/sdk/comp.oas30.yaml"));
    assert_eq!(s["signed"], json!(1), "getPet is IAM-authorized and signed");
}

#[test]
fn store_sample_against_prism() {
    let s = run_sample(&root().join("specs/sdk/store.swagger2.yaml"));
    assert_eq!(s["signed"], json!(1), "getPhoto is IAM-authorized and signed");
}

#[test]
fn lambda_cognito_sample_against_prism() {
    run_sample(&root().join("specs/import/lambda-cognito-authorizers.swagger2.json"));
}

#[test]
fn http_api_sample_against_prism() {
    let s = run_sample(&root().join("specs/sdk/http-api.oas30.yaml"));
    assert_eq!(s["signed"], json!(1), "the IAM route is signed");
}

#[test]
fn plain_petstore_against_prism() {
    run_sample(&root().join("specs/import/plain-petstore.oas30.yaml"));
}
