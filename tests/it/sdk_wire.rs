//! The generated TypeScript client on the wire and in the type checker, for the cases real APIs
//! need (specs/sdk/wire.oas30.yaml): Stripe-style form and multipart bodies (`encoding` with
//! deepObject), deepObject queries whose schema is `anyOf`, ANY methods, operation servers,
//! bodies an integration forwards though the document describes none, dot path segments, and
//! API Gateway's own error responses. A recording server (`tests/ts/wire-driver.mjs`) receives the
//! requests; the bytes expected here follow OpenAPI's serialization rules and the bracket form
//! Stripe's API reads (`address[city]=Berlin`, `lines[0][price]=p_1`).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{gwgen, root, stderr};
use serde_json::Value;

fn tsc() -> PathBuf {
    let path = root().join(".tools/node_modules/.bin/tsc");
    assert!(path.exists(), "{} is missing: run `bash .ci/setup` first", path.display());
    path
}

/// Generates the SDK of `spec` into a fresh folder under target/ and checks its declarations.
fn built_sdk(spec: &str, name: &str) -> PathBuf {
    let dir = root().join("target/sdk-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    let o = gwgen(&["sdk", "--lang", "ts", spec, "-o", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = Command::new(tsc()).current_dir(&dir).args(["-p", "tsconfig.json"]).output().unwrap();
    assert!(o.status.success(), "tsc in {}:\n{}", dir.display(), String::from_utf8_lossy(&o.stdout));
    dir
}

/// Compiles `file` (in the package's folder, importing `./lib/index.js`) as a strict consumer
/// project would, emitting it beside itself when `emit`.
fn consumer_tsc(dir: &Path, file: &str, emit: bool) -> std::process::Output {
    let mut cmd = Command::new(tsc());
    cmd.current_dir(dir)
        .args(["--strict", "--exactOptionalPropertyTypes", "--noUncheckedIndexedAccess", "--noUnusedLocals"])
        .args(["--noUnusedParameters", "--noImplicitReturns", "--noFallthroughCasesInSwitch", "--skipLibCheck"])
        .args(["--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler", "--lib", "es2022,dom"])
        .args(["--typeRoots", ".none", file]);
    if !emit {
        cmd.arg("--noEmit");
    }
    cmd.output().unwrap()
}

fn compile(dir: &Path, file: &str, emit: bool) {
    let o = consumer_tsc(dir, file, emit);
    assert!(
        o.status.success(),
        "tsc in {}:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn wire() -> Value {
    let dir = built_sdk("specs/sdk/wire.oas30.yaml", "wire");
    let o = Command::new("node").arg(root().join("tests/ts/wire-driver.mjs")).arg(&dir).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The one request a case sent: method, URL, content type and body.
fn sent(cases: &Value, case: &str) -> (String, String, String, String) {
    let c = &cases[case];
    let requests = c["requests"].as_array().unwrap_or_else(|| panic!("no case {case}"));
    assert_eq!(requests.len(), 1, "{case}: {c:#}");
    assert!(c["outcome"]["resolved"] == 200, "{case}: {c:#}");
    let r = &requests[0];
    let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
    (s("method"), s("url"), s("contentType"), s("body"))
}

/// A case that must fail before sending anything, with an SdkError saying why.
fn refused(cases: &Value, case: &str, says: &str) {
    let c = &cases[case];
    assert_eq!(c["requests"], serde_json::json!([]), "{case}: nothing is sent: {c:#}");
    assert_eq!(c["outcome"]["error"], "SdkError", "{case}: {c:#}");
    assert!(c["outcome"]["message"].as_str().unwrap().contains(says), "{case}: {c:#}");
}

#[test]
fn requests_are_right_on_the_wire() {
    let cases = wire();
    let form = "application/x-www-form-urlencoded";

    // 1. Form bodies follow `encoding`: deepObject nests with brackets and indices; a JSON
    // contentType writes JSON; other arrays repeat the key (form, explode).
    let (method, url, ct, body) = sent(&cases, "form-deep-object");
    assert_eq!((method.as_str(), url.as_str(), ct.as_str()), ("POST", "/prod/v1/customers", form));
    assert_eq!(
        body,
        "name=Ann%20Lee&address[city]=Berlin&address[line1]=Main%20St%201\
         &lines[0][price]=p_1&lines[0][quantity]=2&lines[1][price]=p_2\
         &expand[0]=customer&expand[1]=invoice&metadata[order]=42\
         &preferences=%7B%22tz%22%3A%22UTC%22%7D&tags=a&tags=b"
    );
    assert_eq!(sent(&cases, "form-empty-string-unsets").3, "metadata=", "an empty string is sent (Stripe's unset)");

    // 1. Multipart: deepObject fields become bracketed parts, a contentType types its part, a
    // Blob keeps its own type.
    let (_, url, ct, body) = sent(&cases, "multipart-own-server");
    assert_eq!(ct, "multipart/form-data; boundary=BOUNDARY");
    let part = |name: &str, extra: &str, value: &str| {
        format!("--BOUNDARY\r\nContent-Disposition: form-data; name=\"{name}\"{extra}\r\n\r\n{value}\r\n")
    };
    let expected = [
        part("purpose", "", "dispute_evidence"),
        part("file", "; filename=\"blob\"\r\nContent-Type: image/png", "\u{1}\u{2}\u{3}"),
        part("file_link_data[create]", "", "true"),
        part("file_link_data[expires_at]", "", "1700000000"),
        part("meta", "; filename=\"blob\"\r\nContent-Type: application/json", "{\"a\":\"b\"}"),
        "--BOUNDARY--\r\n".to_string(),
    ]
    .concat();
    assert_eq!(body, expected);

    // 2. deepObject on an anyOf query parameter keeps its brackets; a scalar is sent plain; a
    // Date (10) is written in ISO 8601.
    let (_, url2, _, _) = sent(&cases, "query-anyof-deep-object");
    assert_eq!(url2, "/prod/v1/charges?created[gte]=100&created[lt]=200&since=2024-01-02T03%3A04%3A05.000Z");
    assert_eq!(sent(&cases, "query-anyof-scalar").1, "/prod/v1/charges?created=5");
    // A parameter described by `content: application/json` is sent as JSON text (percent-encoded
    // in the query, as it is in a header); another media type's value is the text given.
    assert_eq!(
        sent(&cases, "query-json-content").1,
        "/prod/v1/charges?filter=%7B%22status%22%3A%22paid%22%2C%22amount%22%3A%7B%22gte%22%3A5%7D%7D&note=x%26y"
    );
    assert_eq!(cases["query-json-content"]["requests"][0]["trace"], r#"["a","b c"]"#);

    // 3. ANY: the call chooses the method and may send a body; GET is the default.
    let (method, url3, ct, body) = sent(&cases, "any-post-with-body");
    assert_eq!(
        (method.as_str(), url3.as_str(), ct.as_str(), body.as_str()),
        ("POST", "/prod/proxy/a/b", "application/json", "{\"x\":1}")
    );
    let (method, url3, _, body) = sent(&cases, "any-default-get");
    assert_eq!((method.as_str(), url3.as_str(), body.as_str()), ("GET", "/prod/proxy/c", ""));
    refused(&cases, "any-get-with-body-refused", "a GET request cannot have a body");

    // 4. "", "." and ".." would leave the stage: refused before sending.
    refused(&cases, "dot-dot-refused", "path parameter \"key\" is \"..\"");
    refused(&cases, "dot-refused", "path parameter \"bucket\" is \".\"");
    refused(&cases, "empty-refused", "path parameter \"key\" is \"\"");
    refused(&cases, "greedy-dot-dot-refused", "is \"a/../../x\"");

    // 5. An operation's own server: mapped by the client's `servers`, overridden by the call's
    // baseUrl, and otherwise the document's URL with its variables filled.
    assert_eq!(url, "/files/v1/files");
    assert_eq!(sent(&cases, "call-base-url-wins").1, "/other/v1/files");
    assert_eq!(
        cases["own-server-unmapped"]["requests"],
        serde_json::json!([
            "GET https://eu-west-1.status.example.com/v2/v1/ping",
            "POST https://files.example.com/v1/files"
        ])
    );

    // 6. No requestBody, but the S3 integration forwards one: raw bytes with the caller's type.
    let (method, url6, ct, body) = sent(&cases, "raw-body-forwarded");
    assert_eq!((method.as_str(), url6.as_str(), ct.as_str()), ("PUT", "/prod/s3/photos/cat.jpg", "image/jpeg"));
    assert_eq!(body.as_bytes(), "\u{1}\u{2}\u{ff}".as_bytes(), "bytes 01 02 ff, read as latin1");

    // 8. Who wrote an error: API Gateway (named by x-amzn-ErrorType, or an HTTP API's bare
    // {message}, or CloudFront's HTML), a declared status, the default response, or nobody known.
    let outcome = |case: &str| {
        let o = &cases[case]["outcome"];
        (
            o["error"].as_str().unwrap_or("").to_string(),
            o["source"].as_str().unwrap_or("").to_string(),
            o["status"].as_u64().unwrap_or(0),
        )
    };
    let api_error = |source: &str, status: u64| ("ApiError".to_string(), source.to_string(), status);
    assert_eq!(outcome("error-gateway-401"), api_error("gateway", 401));
    assert_eq!(outcome("error-gateway-http-api"), api_error("gateway", 400));
    assert_eq!(outcome("error-declared-404"), api_error("api", 404));
    assert_eq!(outcome("error-default"), api_error("default", 500));
    assert_eq!(outcome("error-cloudfront-html"), api_error("gateway", 504));
    assert_eq!(cases["error-cloudfront-html"]["outcome"]["data"], "<html>504 Gateway Timeout</html>");
    assert_eq!(outcome("error-undeclared"), api_error("undeclared", 418));
}

/// Types that must hold (and must not): the errors of each operation by source, with 401 only
/// where an authorizer can send it; a Lambda REQUEST authorizer with one identity source given
/// as a string, an object or a provider; `Date` for date-time parameters; no body on GET; the
/// methods of an ANY method. Each `@ts-expect-error` fails the compile if its line compiles.
#[test]
fn types_say_what_the_wire_does() {
    let dir = built_sdk("specs/sdk/wire.oas30.yaml", "wire-types");
    let usage = r#"
import { createClient, isApiError } from "./lib/index.js";

const api = createClient({ baseUrl: "http://localhost", authorizers: { tenant: "t-1", cognito: "id-token" } });
createClient({ baseUrl: "http://localhost", authorizers: { tenant: { "x-tenant": "t-1" } } });
createClient({ baseUrl: "http://localhost", authorizers: { tenant: async () => "t-1" } });
createClient({ baseUrl: "http://localhost", authorizers: { tenant: () => ({ "x-tenant": "t-1" }) } });
// @ts-expect-error the identity source is x-tenant
createClient({ baseUrl: "http://localhost", authorizers: { tenant: { "x-other": "t-1" } } });

void api.listCharges({ since: new Date(), created: { gte: 1 } });
void api.listCharges({ since: "2024-01-02T03:04:05Z", created: 5 });
// @ts-expect-error a number is no date-time
void api.listCharges({ since: 5 });
void api.listCharges({ filter: { status: "paid" }, "X-Trace": ["a"], note: "n" });
// @ts-expect-error a JSON parameter is typed by its schema
void api.listCharges({ filter: { status: 5 } });
// @ts-expect-error a text/plain parameter takes the text to send
void api.listCharges({ note: 5 });
// @ts-expect-error a GET sends no body
void api.getObject({ bucket: "b", key: "k", body: "x" });
void api.putObject({ bucket: "b", key: "k", body: new Uint8Array([1]), contentType: "image/png" });
void api.proxy({ proxy: "p", method: "PATCH", body: "{}", contentType: "application/json" });
// @ts-expect-error not an HTTP method
void api.proxy({ proxy: "p", method: "FETCH" });

export function chargesMessage(e: unknown): string {
  if (!isApiError(e, "listCharges")) return "not listCharges";
  const r = e.result;
  switch (r.source) {
    case "gateway":
      if (r.status === 401) return "sign in again"; // Cognito's UNAUTHORIZED
      if (r.status === 404) return "no route"; // MISSING_AUTHENTICATION_TOKEN, as the API sets it
      return typeof r.data === "string" ? r.data : (r.data?.message ?? "");
    case "default":
      return r.data.reason;
    case "undeclared":
      return String(r.status);
    default: {
      const unreachable: never = r;
      return unreachable;
    }
  }
}

export function customerMessage(e: unknown): string {
  if (!isApiError(e, "createCustomer")) return "";
  const r = e.result;
  if (r.source === "api") {
    const status: 404 = r.status;
    return `${status} ${r.data.reason}`;
  }
  // @ts-expect-error createCustomer has no authorizer: API Gateway sends it no 401
  if (r.source === "gateway" && r.status === 401) return "";
  // @ts-expect-error createCustomer declares no default response
  if (r.source === "default") return "";
  if (r.source === "gateway" && r.status === 429) return "slow down";
  return e.source;
}
"#;
    std::fs::write(dir.join("usage.ts"), usage).unwrap();
    compile(&dir, "usage.ts", false);
    // The same file with a wrong expectation must not compile: the check is live.
    std::fs::write(
        dir.join("usage.ts"),
        usage.replace("if (r.status === 401) return \"sign in again\";", "if (r.status === 418) return \"\";"),
    )
    .unwrap();
    let o = consumer_tsc(&dir, "usage.ts", false);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success() && out.contains("TS2367"), "418 is no status listCharges can get:\n{out}");
}

/// The README's example runs as written (the package imported by its folder instead of its
/// name): it compiles, and its call reaches fetch without an SdkError, for every sample API.
#[test]
fn readme_example_runs_as_written() {
    for spec in [
        "specs/sdk/wire.oas30.yaml",
        "specs/sdk/comp.oas30.yaml",
        "specs/sdk/store.swagger2.yaml",
        "specs/sdk/http-api.oas30.yaml",
    ] {
        let name = format!("readme-{}", Path::new(spec).file_stem().unwrap().to_string_lossy().replace('.', "-"));
        let dir = built_sdk(spec, &name);
        let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
        let package: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("package.json")).unwrap()).unwrap();
        let code = readme.split("```ts\n").nth(1).and_then(|r| r.split("```").next()).expect("a ts example");
        assert!(code.contains("await api."), "{spec}: the example calls an operation:\n{code}");
        let code = code.replace(&format!("from \"{}\"", package["name"].as_str().unwrap()), "from \"./lib/index.js\"");
        std::fs::write(dir.join("example.ts"), code).unwrap();
        compile(&dir, "example.ts", true);
        let run = "globalThis.fetch = async (r) => { globalThis.sent = r; return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }); };\
                   await import('./example.js');\
                   console.log('sent', globalThis.sent.method, new URL(globalThis.sent.url).host, globalThis.sent.headers.has('authorization') || globalThis.sent.headers.has('x-api-key'));";
        let o = Command::new("node").args(["--input-type=module", "-e", run]).current_dir(&dir).output().unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{spec}: {}{out}", String::from_utf8_lossy(&o.stderr));
        assert!(out.lines().any(|l| l.starts_with("200 ")), "{spec}: the example prints the result:\n{out}");
        assert!(out.contains("sent "), "{spec}: {out}");
    }
}
