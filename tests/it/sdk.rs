//! `gwgen sdk --lang ts`: the generated packages (ES modules beside their declarations) pass the
//! strictest compiler settings with the real TypeScript compiler, load in Node by import and by
//! require, are deterministic, resist injection through the document's text, and are written
//! safely; the runtime they carry is the one built from `templates/ts/runtime.ts`. The runtime's own behaviour
//! (SigV4 against AWS's test vectors, retries, timeouts, auth) is tested by `tests/ts/run.sh`.
//!
//! The TypeScript tools come from `.tools/node_modules` (`bash .ci/setup`).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{corpus, gwgen, root, snapshot_settings, stderr};

fn tool(name: &str) -> PathBuf {
    let path = root().join(".tools/node_modules/.bin").join(name);
    assert!(path.exists(), "{} is missing: run `bash .ci/setup` first", path.display());
    path
}

/// A path under target/ for one test's output folder, which does not exist yet (gwgen writes it).
fn output_dir(name: &str) -> PathBuf {
    let dir = root().join("target/sdk-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    dir
}

fn generate(spec: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec!["sdk", "--lang", "ts", spec.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = gwgen(&args);
    assert_eq!(o.status.code(), Some(0), "gwgen sdk {}: {}", spec.display(), stderr(&o));
}

/// Type-checks a generated package; returns the compiler's diagnostics.
fn tsc_errors(dir: &Path, node_only: bool) -> String {
    let mut cmd = Command::new(tool("tsc"));
    cmd.current_dir(dir).args([
        "-p",
        "tsconfig.json",
        "--noEmit",
        "--strict",
        "--exactOptionalPropertyTypes",
        "--noUncheckedIndexedAccess",
        "--noUnusedLocals",
        "--noUnusedParameters",
    ]);
    if node_only {
        // No DOM: the package must run on Node's own fetch and WebCrypto.
        let types = root().join(".tools/node_modules/@types");
        cmd.args(["--lib", "es2020", "--types", "node", "--typeRoots", types.to_str().unwrap()]);
    }
    let o = cmd.output().expect("tsc runs");
    if o.status.success() {
        String::new()
    } else {
        format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
    }
}

/// The SDK samples: every item of the SDK's feature list is in one of them.
fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = ["comp.oas30.yaml", "store.swagger2.yaml", "http-api.oas30.yaml", "injection.oas30.yaml"]
        .iter()
        .map(|f| root().join("specs/sdk").join(f))
        .collect();
    for f in [
        "lambda-cognito-authorizers.swagger2.json",
        "http-api-iam-jwt.oas30.json",
        "plain-petstore.oas30.yaml",
        "s3-proxy-iam.swagger2.json",
        "mock-cors-payment.oas30.yaml",
    ] {
        v.push(root().join("specs/import").join(f));
    }
    v.push(corpus().join(
        "general/swagger-api__swagger-codegen__modules__swagger-codegen__src__test__resources__3_0_0__petstore-with-fake-endpoints-models-for-testing.yaml",
    ));
    v.push(corpus().join(
        "general/swagger-api__swagger-codegen__modules__swagger-codegen__src__test__resources__2_0__petstore-with-fake-endpoints-models-for-testing.yaml",
    ));
    v
}

fn stem(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}

#[test]
fn samples_compile_under_the_strictest_settings_with_and_without_dom() {
    let mut failures = Vec::new();
    for spec in samples() {
        let out = output_dir(&format!("strict-{}", stem(&spec)));
        generate(&spec, &out, &[]);
        for node_only in [false, true] {
            let errors = tsc_errors(&out, node_only);
            if !errors.is_empty() {
                failures.push(format!("{} (node only: {node_only}):\n{errors}", spec.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn stripe_and_github_compile_under_the_strictest_settings() {
    for file in ["large/stripe__openapi__openapi__spec3.json", "large/github-api.yaml"] {
        let spec = corpus().join(file);
        let out = output_dir(&format!("large-{}", stem(&spec)));
        generate(&spec, &out, &[]);
        let errors = tsc_errors(&out, false);
        assert!(errors.is_empty(), "{file}:\n{}", &errors[..errors.len().min(4000)]);
        let operations = std::fs::read_to_string(out.join("lib/operations.js")).unwrap();
        let declared = std::fs::read_to_string(out.join("lib/operations.d.ts")).unwrap();
        let functions = operations.matches("\nexport function ").count();
        assert!(functions > 400, "{file}: every operation has a function");
        assert_eq!(declared.matches("\nexport declare function ").count(), functions, "{file}: and a declaration");
        assert_eq!(load_packages(&[&out]), "", "{file}: the package loads");
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    for spec in
        [root().join("specs/sdk/store.swagger2.yaml"), corpus().join("large/stripe__openapi__openapi__spec3.json")]
    {
        let a = output_dir(&format!("det-a-{}", stem(&spec)));
        let b = output_dir(&format!("det-b-{}", stem(&spec)));
        generate(&spec, &a, &[]);
        generate(&spec, &b, &[]);
        for f in walk(&a) {
            let rel = f.strip_prefix(&a).unwrap();
            assert_eq!(std::fs::read(&f).unwrap(), std::fs::read(b.join(rel)).unwrap(), "{}", rel.display());
        }
        assert_eq!(walk(&a).len(), walk(&b).len());
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

/// Imports each package's `lib/index.js` in one Node process; returns what failed.
fn load_packages(dirs: &[&Path]) -> String {
    let urls: Vec<String> = dirs.iter().map(|d| format!("file://{}", d.join("lib/index.js").display())).collect();
    let script = "for (const u of process.argv.slice(1)) { const m = await import(u); \
                  if (typeof m.createClient !== 'function' && typeof m.connect !== 'function') throw new Error(u + ': no client'); }";
    let o = Command::new("node").args(["--input-type=module", "-e", script]).args(&urls).output().expect("node runs");
    if o.status.success() {
        String::new()
    } else {
        String::from_utf8_lossy(&o.stderr).into_owned()
    }
}

/// The generated code of each SDK sample (the runtime is the same file everywhere and is left out).
#[test]
fn generated_code_snapshots() {
    for spec in samples().into_iter().take(9) {
        let out = output_dir(&format!("snap-{}", stem(&spec)));
        generate(&spec, &out, &[]);
        let mut text = String::new();
        for f in [
            "package.json",
            "lib/models.d.ts",
            "lib/models.js",
            "lib/operations.d.ts",
            "lib/operations.js",
            "lib/client.d.ts",
            "lib/client.js",
            "lib/index.js",
        ] {
            text.push_str(&format!("=== {f}\n{}", std::fs::read_to_string(out.join(f)).unwrap()));
        }
        snapshot_settings().bind(|| insta::assert_snapshot!(format!("sdk-{}", stem(&spec)), text));
    }
}

/// Descriptions, names and enum values full of comment closers, backticks, quotes, `${`,
/// newlines and unicode: the code compiles, and no text of the document became code (the
/// compiler's own parser finds the marker `INJECTED` in comments and strings only).
#[test]
fn document_text_cannot_inject_code() {
    let spec = root().join("specs/sdk/injection.oas30.yaml");
    let out = output_dir("injection");
    generate(&spec, &out, &[]);
    let errors = tsc_errors(&out, false);
    assert!(errors.is_empty(), "{errors}");
    assert_eq!(load_packages(&[&out]), "", "the code loads");
    let script = r#"
const ts = require(process.argv[1]);
const fs = require("fs");
let found = [];
let strings = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
  const visit = (node) => {
    if (ts.isIdentifier(node) && node.text.includes("INJECTED")) found.push(file + ": identifier " + node.text);
    if (ts.isStringLiteral(node) && node.text.includes("INJECTED")) strings++;
    if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(file + ": template literal");
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
if (found.length) { console.error(found.join("\n")); process.exit(1); }
console.log(strings);
"#;
    let files: Vec<String> = ["models", "operations", "client"]
        .iter()
        .flat_map(|f| [format!("lib/{f}.d.ts"), format!("lib/{f}.js")])
        .map(|f| out.join(f).to_string_lossy().into_owned())
        .collect();
    let typescript = root().join(".tools/node_modules/typescript");
    let o = Command::new("node").arg("-e").arg(script).arg(typescript).args(&files).output().expect("node runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let strings: usize = String::from_utf8_lossy(&o.stdout).trim().parse().unwrap();
    assert!(strings >= 4, "the marker survives as data in string literals ({strings})");
    let all: String = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    // Every doc comment line that carried a closer has it escaped.
    assert!(all.contains("*\\/ INJECTED"));
    assert!(!all.contains('\u{2028}'), "line separators are escaped");
    // Enum members that normalise to the same name stay distinct.
    assert!(all.contains("EtcGmt1: \"Etc/GMT+1\"") && all.contains("EtcGmt1_2: \"Etc/GMT-1\""));
    // Names that would shadow globals or the runtime are renamed; duplicate operationIds too.
    for name in ["ErrorModel", "ResponseModel", "PromiseModel", "ApiErrorModel", "deleteOp(", "deleteOp2("] {
        assert!(all.contains(name), "{name}");
    }
}

/// A generated package is ready as written, with no build step: a consumer installs it and
/// imports it by its name (ESM), or requires it (Node 20.19+ loads ES modules with `require`), and
/// a TypeScript consumer finds its declarations through `exports` with both module resolutions a
/// project uses (`node16` and `bundler`).
#[test]
fn package_is_ready_to_use_without_a_build() {
    let consumer = output_dir("consumer");
    let out = consumer.join("node_modules/@acme/comp-client");
    generate(&root().join("specs/sdk/comp.oas30.yaml"), &out, &["--name", "@acme/comp-client"]);
    std::fs::write(consumer.join("package.json"), r#"{"name": "consumer", "type": "module", "private": true}"#)
        .unwrap();
    let run = |args: &[&str]| {
        let o = Command::new("node").args(args).current_dir(&consumer).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    assert_eq!(
        run(&[
            "--input-type=module",
            "-e",
            "const m = await import('@acme/comp-client'); console.log(typeof m.createClient, typeof m.upload, m.environments.dev)"
        ]),
        "function function https://abc123.execute-api.us-east-1.amazonaws.com/dev"
    );
    assert_eq!(
        run(&[
            "--no-warnings",
            "-e",
            "const m = require('@acme/comp-client'); console.log(typeof m.createClient, typeof m.getPet, m.environments.prod)"
        ]),
        "function function https://abc123.execute-api.us-east-1.amazonaws.com/prod"
    );
    // TypeScript finds the types by the package's name, and they are the operation's own.
    std::fs::write(
        consumer.join("app.ts"),
        "import { createClient, environments } from \"@acme/comp-client\";\n\
         const api = createClient({ baseUrl: environments.prod });\n\
         export const pending: Promise<unknown> = api.getPet({ petId: \"p1\" });\n\
         // @ts-expect-error: getPet needs its petId\n\
         export const wrong = api.getPet({});\n",
    )
    .unwrap();
    for (module, resolution) in [("node16", "node16"), ("esnext", "bundler")] {
        let o = Command::new(tool("tsc"))
            .current_dir(&consumer)
            .args(["--noEmit", "--strict", "--skipLibCheck", "--target", "es2020", "--lib", "es2020,dom"])
            .args(["--module", module, "--moduleResolution", resolution, "--typeRoots", ".none", "app.ts"])
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{resolution}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // An editor shows the operation's documentation on the client's method, as on the function.
    let o = Command::new("node")
        .arg(root().join("tests/ts/quickinfo.cjs"))
        .arg(root().join(".tools/node_modules/typescript"))
        .arg(consumer.join("app.ts"))
        .arg("getPet({ petId")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let hover = String::from_utf8_lossy(&o.stdout);
    assert!(hover.starts_with("(property) getPet: (params: GetPetParams"), "{hover}");
    assert!(hover.contains("Get a pet. Has a `backtick`") && hover.contains("`GET /pets/{petId}`"), "{hover}");
    assert!(hover.contains("@deprecated"), "{hover}");
    let pkg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("package.json")).unwrap()).unwrap();
    assert_eq!(pkg["name"], "@acme/comp-client");
    assert_eq!(pkg["sideEffects"], false);
    assert!(pkg.get("dependencies").is_none(), "no runtime dependencies");
    assert!(pkg["scripts"].get("build").is_none(), "nothing to build");
}

/// The runtime a package carries (`templates/ts/lib/*.js` and `*.d.ts`) is what the pinned
/// TypeScript compiler builds from `templates/ts/*.ts` today: the two cannot drift apart. After a
/// change to the sources, `GWGEN_REBUILD_RUNTIME=1 cargo test --test it prebuilt_runtime` writes
/// the new build (and still fails, to be run again).
#[test]
fn prebuilt_runtime_is_built_from_its_source() {
    let out = output_dir("prebuilt-runtime");
    let ts = root().join("templates/ts");
    let o = Command::new(tool("tsc"))
        .args(["runtime.ts", "sigv4.ts", "websocket.ts", "--outDir", out.to_str().unwrap()])
        .args(["--declaration", "--target", "es2020", "--module", "es2020", "--moduleResolution", "bundler"])
        .args([
            "--lib",
            "es2020,dom",
            "--typeRoots",
            ".none",
            "--newLine",
            "lf",
            "--strict",
            "--exactOptionalPropertyTypes",
        ])
        .args(["--noUncheckedIndexedAccess", "--noUnusedLocals", "--noUnusedParameters", "--noImplicitOverride"])
        .args(["--noImplicitReturns", "--noFallthroughCasesInSwitch", "--verbatimModuleSyntax", "--isolatedModules"])
        .current_dir(&ts)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    let mut stale = Vec::new();
    for built in walk(&out) {
        let name = built.file_name().unwrap().to_owned();
        let shipped = ts.join("lib").join(&name);
        let text = std::fs::read_to_string(&built).unwrap();
        if std::fs::read_to_string(&shipped).ok().as_deref() != Some(text.as_str()) {
            if std::env::var_os("GWGEN_REBUILD_RUNTIME").is_some() {
                std::fs::write(&shipped, &text).unwrap();
            }
            stale.push(name.to_string_lossy().into_owned());
        }
    }
    assert_eq!(walk(&out).len(), 6, "runtime, sigv4 and websocket, each a module and its declarations");
    assert!(
        stale.is_empty(),
        "templates/ts/lib is not the build of templates/ts: {stale:?}; run `GWGEN_REBUILD_RUNTIME=1 cargo test --test it prebuilt_runtime`"
    );
}

/// SAM / CloudFormation templates: every API gwgen can read gives a package that compiles.
/// (The others exit 2 with a located reason: several APIs without `--api`, no definition in the
/// template, or the template's own defects.)
#[test]
fn template_apis_generate_compiling_packages() {
    let mut compiled = 0;
    let mut failures = Vec::new();
    for template in common::files_in(&corpus().join("sam-templates")) {
        let out = output_dir(&format!("template-{}", stem(&template)));
        let o = gwgen(&["sdk", template.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        match o.status.code() {
            Some(0) => {
                let errors = tsc_errors(&out, false);
                if errors.is_empty() {
                    compiled += 1;
                } else {
                    failures.push(format!("{}: {errors}", template.display()));
                }
            }
            Some(2) => assert!(stderr(&o).contains(template.file_name().unwrap().to_str().unwrap()), "{}", stderr(&o)),
            other => panic!("{}: exit {other:?}", template.display()),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(compiled >= 20, "only {compiled} templates gave a package");
}

#[test]
fn output_folder_safety() {
    let spec = root().join("specs/sdk/comp.oas30.yaml");
    let spec = spec.to_str().unwrap();

    // A non-empty folder gwgen did not write is refused, and left as it was.
    let foreign = output_dir("safety-foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    let o = gwgen(&["sdk", spec, "-o", foreign.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not written by gwgen") && stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(walk(&foreign).len(), 1);
    // With --force it writes its files and keeps the others.
    let o = gwgen(&["sdk", spec, "-o", foreign.to_str().unwrap(), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(foreign.join("notes.txt")).unwrap(), "mine");
    assert!(foreign.join("lib/operations.js").exists());

    // Regenerating over an earlier output: files gwgen did not write survive (node_modules, a
    // build), and a file only the earlier output had is removed.
    let dir = output_dir("safety-regen");
    generate(Path::new(spec), &dir, &[]);
    std::fs::create_dir_all(dir.join("node_modules/x")).unwrap();
    std::fs::write(dir.join("node_modules/x/index.js"), "keep").unwrap();
    std::fs::write(dir.join("lib/old.js"), "stale").unwrap();
    let manifest = dir.join(".gwgen-manifest.json");
    let text =
        std::fs::read_to_string(&manifest).unwrap().replace("\"README.md\"", "\"README.md\",\n    \"lib/old.js\"");
    std::fs::write(&manifest, text).unwrap();
    std::fs::write(dir.join("lib/models.d.ts"), "edited").unwrap();
    generate(Path::new(spec), &dir, &[]);
    assert_eq!(std::fs::read_to_string(dir.join("node_modules/x/index.js")).unwrap(), "keep");
    assert!(!dir.join("lib/old.js").exists(), "a file of the earlier output is removed");
    assert_ne!(
        std::fs::read_to_string(dir.join("lib/models.d.ts")).unwrap(),
        "edited",
        "generated files are refreshed"
    );

    // A manifest cannot make gwgen delete outside its folder.
    let outside = output_dir("safety-outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("precious.txt"), "keep").unwrap();
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("\"README.md\"", "\"README.md\",\n    \"../safety-outside/precious.txt\"");
    std::fs::write(&manifest, text).unwrap();
    generate(Path::new(spec), &dir, &[]);
    assert!(outside.join("precious.txt").exists());

    // A failure before writing (an invalid package name) leaves no folder behind.
    let never = output_dir("safety-never");
    let o = gwgen(&["sdk", spec, "-o", never.to_str().unwrap(), "--name", "Not Valid"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a valid npm package name"), "{}", stderr(&o));
    assert!(!never.exists());
    // No temporary folders are left beside the outputs.
    let leftovers: Vec<_> = std::fs::read_dir(never.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// The runtime's behaviour, in TypeScript: SigV4 against AWS's published test vectors and an
/// independent implementation, request building, auth, retries, timeouts.
#[test]
fn runtime_behaviour() {
    let out = output_dir("runtime");
    let o = Command::new("bash").arg(root().join("tests/ts/run.sh")).arg(&out).current_dir(root()).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{text}");
    // node --test reports its totals: make sure tests ran and none failed.
    let count = |label: &str| -> usize {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(&format!("ℹ {label} ")).and_then(|n| n.trim().parse().ok()))
            .unwrap_or_else(|| panic!("no `{label}` total in:\n{text}"))
    };
    assert!(count("pass") >= 20, "{text}");
    assert_eq!(count("fail"), 0, "{text}");
}

/// A client for an API that AWS would not import comes with a note saying so, and how to see why.
#[test]
fn sdk_notes_an_api_aws_would_reject() {
    let out_dir = output_dir("rejected");
    let spec = "specs/lint/response-schema-primitive.yaml";
    let out = gwgen(&["sdk", spec, "-o", out_dir.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("import would reject this API"), "{err}");
    assert!(err.contains(&format!("gwgen import {spec}")), "{err}");
    let clean_dir = output_dir("clean");
    let out = gwgen(&["sdk", "specs/sdk/store.swagger2.yaml", "-o", clean_dir.to_str().unwrap(), "--force"]);
    assert!(!stderr(&out).contains("reject"), "{}", stderr(&out));
}

/// A GET or HEAD operation whose document declares a request body takes none: fetch cannot send
/// one. The same body on POST is a parameter.
#[test]
fn get_and_head_calls_take_no_body() {
    let dir = output_dir("get-body");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("api.yaml");
    let body = "requestBody: {content: {application/json: {schema: {type: object, properties: {q: {type: string}}}}}}";
    std::fs::write(
        &spec,
        format!(
            "openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\npaths:\n  /search:\n    get:\n      operationId: search\n      {body}\n      responses: {{'200': {{description: ok}}}}\n    post:\n      operationId: searchPost\n      {body}\n      responses: {{'200': {{description: ok}}}}\n"
        ),
    )
    .unwrap();
    let out = dir.join("sdk");
    generate(&spec, &out, &[]);
    let ops = std::fs::read_to_string(out.join("lib/operations.js")).unwrap();
    let get = ops.split("export function search(").nth(1).unwrap().split("export function").next().unwrap();
    assert!(!get.contains("\"body\""), "{get}");
    let types = std::fs::read_to_string(out.join("lib/operations.d.ts")).unwrap();
    assert!(types.contains("export type SearchParams = Record<string, never>;"), "{types}");
    let post = ops.split("export function searchPost(").nth(1).unwrap();
    assert!(post.contains(r#""body":{"kind":"json"}"#), "{post}");
    assert_eq!(tsc_errors(&out, false), "", "the package compiles");
}

/// Every API Gateway and general document of the corpus gets an SDK (or a located refusal,
/// exit 2), and all the packages compile together under the strict flags in one compiler run.
#[test]
fn every_corpus_document_gets_an_sdk_that_compiles() {
    let dir = output_dir("corpus-documents");
    std::fs::create_dir_all(&dir).unwrap();
    let (mut written, mut refused) = (0, Vec::new());
    for folder in ["apigw", "general"] {
        for file in common::files_in(&corpus().join(folder)) {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            if name == "MANIFEST.tsv" {
                continue;
            }
            let out = dir.join(format!("sdk{written}"));
            let o = gwgen(&["sdk", "--lang", "ts", file.to_str().unwrap(), "-o", out.to_str().unwrap()]);
            match o.status.code() {
                Some(0) => written += 1,
                Some(2) => {
                    assert!(stderr(&o).contains(&name), "{name}: a refusal names the file: {}", stderr(&o));
                    refused.push(name);
                }
                other => panic!("{name}: exit {other:?}: {}", stderr(&o)),
            }
        }
    }
    assert!(written >= 100, "only {written} documents gave a package; refused: {refused:?}");
    let config = common::strict_project("sdk*/lib");
    std::fs::write(dir.join("tsconfig.json"), serde_json::to_string_pretty(&config).unwrap()).unwrap();
    let o = Command::new(tool("tsc")).current_dir(&dir).args(["-p", "tsconfig.json"]).output().expect("tsc runs");
    let errors = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{}", &errors[..errors.len().min(6000)]);
    // And every package's code loads.
    let packages: Vec<PathBuf> = (0..written).map(|i| dir.join(format!("sdk{i}"))).collect();
    let failed = load_packages(&packages.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    assert_eq!(failed, "", "{}", &failed[..failed.len().min(4000)]);
}
