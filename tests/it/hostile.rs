//! Hostile input: every one of these must end in a clear result (exit 2 with a located message,
//! or a normal run), never a crash, a hang or unbounded memory. Each run has a deadline; a run
//! that passes it is killed and the test fails.

use crate::common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::root;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// Peak resident memory in KiB, when GNU time is there to measure it.
    peak_kib: Option<u64>,
}

/// Runs gwgen with a deadline (killed after it, and the test fails).
fn run(args: &[&str]) -> Run {
    let dir = scratch("time");
    let mem = dir.join(format!("mem-{}", std::process::id() as u64 * 1000 + rand_suffix()));
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut cmd = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(&mem).arg(env!("CARGO_BIN_EXE_gwgen"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_gwgen"))
    };
    let mut child =
        cmd.args(args).current_dir(root()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("gwgen starts");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("gwgen {args:?} did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&reader.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
    let peak_kib = std::fs::read_to_string(&mem).ok().and_then(|t| t.lines().last()?.trim().parse().ok());
    // GNU time reports the child's exit code as its own.
    Run { code: status.code(), stdout, stderr, peak_kib }
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as u64
}

fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/hostile").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(name: &str, bytes: &[u8]) -> String {
    let path = scratch("inputs").join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn assert_located_failure(r: &Run, file: &str, what: &str) {
    assert_eq!(r.code, Some(2), "{what}: exit code (stderr: {})", r.stderr);
    let name = Path::new(file).file_name().unwrap().to_string_lossy().into_owned();
    assert!(r.stderr.contains(&name), "{what}: the message names the file: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{what}: {}", r.stderr);
}

#[test]
fn yaml_alias_bomb_fails_fast_in_bounded_memory() {
    let mut doc = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
    doc.push_str("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = "a".to_string();
    for i in 0..12 {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        doc.push_str(&format!("x-{i}: &b{i} [{refs}]\n"));
        prev = format!("b{i}");
    }
    let file = write("bomb.yaml", doc.as_bytes());
    for command in ["import", "lint"] {
        let r = run(&[command, &file]);
        assert_located_failure(&r, &file, "alias bomb");
        assert!(r.stderr.contains("alias"), "{}", r.stderr);
        if let Some(kib) = r.peak_kib {
            assert!(kib < 1024 * 1024, "an alias bomb must not take a GiB ({kib} KiB)");
        }
    }
}

#[test]
fn ten_thousand_deep_nesting_is_refused_without_overflowing_the_stack() {
    let open = "[".repeat(10_000);
    let close = "]".repeat(10_000);
    let json = format!("{{\"openapi\":\"3.0.0\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"paths\":{{}},\"x-deep\":{open}{close}}}");
    let yaml = format!("openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\nx-deep: {open}{close}\n");
    let mut block = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep:\n");
    for depth in 0..10_000 {
        block.push_str(&" ".repeat(depth + 1));
        block.push_str("- \n");
    }
    for (name, text) in [("deep.json", json), ("deep-flow.yaml", yaml), ("deep-block.yaml", block)] {
        let file = write(name, text.as_bytes());
        let r = run(&["import", &file]);
        assert_ne!(r.code, None, "{name}: killed by a signal (stack overflow?): {}", r.stderr);
        assert!(r.code == Some(2) || r.code == Some(0) || r.code == Some(1), "{name}: {:?} {}", r.code, r.stderr);
        if r.code == Some(2) {
            assert_located_failure(&r, &file, name);
        }
        // The code frame of a 20,000-character line is a window, not the whole line.
        assert!(r.stderr.lines().all(|l| l.chars().count() < 400), "{name}: a frame line is too long");
    }
}

#[test]
fn reference_cycles_and_self_references_end() {
    let doc = r##"openapi: 3.0.3
info: {title: cycles, version: "1"}
paths:
  /a:
    $ref: "#/paths/~1a"
  /b:
    get:
      parameters:
        - $ref: "#/components/parameters/P"
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Self"}
components:
  parameters:
    P: {$ref: "#/components/parameters/Q"}
    Q: {$ref: "#/components/parameters/P"}
  schemas:
    Self: {$ref: "#/components/schemas/Self"}
    A: {type: object, properties: {b: {$ref: "#/components/schemas/B"}}}
    B: {type: object, properties: {a: {$ref: "#/components/schemas/A"}}}
"##;
    let file = write("cycles.yaml", doc.as_bytes());
    for command in ["import", "lint"] {
        let r = run(&[command, &file]);
        assert!(matches!(r.code, Some(0..=2)), "{command}: {:?} {}", r.code, r.stderr);
        assert!(!r.stderr.contains("panicked"));
    }
    let out = scratch("cycles-sdk");
    let _ = std::fs::remove_dir_all(&out);
    let r = run(&["sdk", &file, "-o", out.to_str().unwrap()]);
    assert!(matches!(r.code, Some(0 | 2)), "{:?} {}", r.code, r.stderr);
    // Files that reference each other.
    let dir = scratch("cross-files");
    std::fs::write(dir.join("a.yaml"), "A: {type: object, properties: {b: {$ref: 'b.yaml#/B'}}}\n").unwrap();
    std::fs::write(dir.join("b.yaml"), "B: {type: object, properties: {a: {$ref: 'a.yaml#/A'}}}\n").unwrap();
    std::fs::write(
        dir.join("api.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'a.yaml#/A'}\n",
    )
    .unwrap();
    let r = run(&["import", dir.join("api.yaml").to_str().unwrap()]);
    assert!(matches!(r.code, Some(0 | 1)), "{:?} {}", r.code, r.stderr);
}

#[test]
fn a_fifty_megabyte_document_works() {
    let mut doc = String::with_capacity(52 * 1024 * 1024);
    doc.push_str("openapi: 3.0.3\ninfo: {title: big, version: '1'}\npaths:\n");
    let mut i = 0;
    while doc.len() < 50 * 1024 * 1024 {
        doc.push_str(&format!(
            "  /items{i}/{{id}}:\n    get:\n      operationId: getItem{i}\n      description: \"{}\"\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: object, properties: {{id: {{type: string}}, n: {{type: integer}}}}}}\n",
            "padding ".repeat(40)
        ));
        i += 1;
    }
    let file = write("fifty.yaml", doc.as_bytes());
    let r = run(&["lint", "--format", "json", &file]);
    assert!(matches!(r.code, Some(0 | 1)), "{:?} {}", r.code, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("lint json output");
    assert!(v.is_object() || v.is_array());
    let r = run(&["import", &file]);
    assert!(matches!(r.code, Some(0 | 1)), "{:?} {}", r.code, r.stderr);
    assert!(r.stdout.contains(&format!("/items{}", i - 1)), "the last path is in the plan");
}

#[test]
fn invalid_utf8_and_binary_files_fail_with_a_message() {
    let bad = write("bad-utf8.yaml", b"openapi: 3.0.0\ninfo: {title: \"\xff\xfe\", version: '1'}\npaths: {}\n");
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let bin = write("binary.json", &binary);
    let empty = write("empty.yaml", b"");
    for (file, what) in [(&bad, "invalid UTF-8"), (&bin, "binary"), (&empty, "empty")] {
        for command in ["import", "lint", "export"] {
            let args: Vec<&str> =
                if command == "export" { vec![command, file, "--to", "oas30"] } else { vec![command, file] };
            let r = run(&args);
            assert_located_failure(&r, file, what);
        }
    }
    let r = run(&["import", &bad]);
    assert!(r.stderr.contains("UTF-8"), "{}", r.stderr);
}

#[test]
fn references_outside_the_document_folder_are_refused_unless_allowed() {
    let base = scratch("outside");
    std::fs::create_dir_all(base.join("api")).unwrap();
    std::fs::create_dir_all(base.join("private")).unwrap();
    std::fs::write(base.join("private/secret.yaml"), "Secret: {type: object, properties: {token: {type: string}}}\n")
        .unwrap();
    std::fs::write(base.join("api/inside.yaml"), "Inside: {type: string}\n").unwrap();
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '../private/secret.yaml#/Secret'}\n        '201':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'inside.yaml#/Inside'}\n";
    let api = base.join("api/api.yaml");
    std::fs::write(&api, doc).unwrap();
    let api = api.to_str().unwrap();

    let r = run(&["lint", "--format", "json", api]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stdout.contains("outside the document's folder"), "{}", r.stdout);
    assert!(r.stdout.contains("--allow-external-refs"));
    assert!(!r.stdout.contains("inside.yaml` could not"), "a file inside the folder is read");
    let out = scratch("outside-sdk");
    let _ = std::fs::remove_dir_all(&out);
    let r = run(&["sdk", api, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let code = |out: &std::path::Path| {
        ["lib/operations.js", "lib/operations.d.ts", "lib/models.d.ts"]
            .map(|f| std::fs::read_to_string(out.join(f)).unwrap())
            .concat()
    };
    assert!(!code(&out).contains("token"), "nothing of the refused file reaches the output");

    let r = run(&["lint", "--format", "json", "--allow-external-refs", api]);
    assert!(!r.stdout.contains("outside the document's folder"), "{}", r.stdout);
    let _ = std::fs::remove_dir_all(&out);
    let r = run(&["sdk", "--allow-external-refs", api, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(code(&out).contains("token"));
}

/// 40,000 findings on one 1.4 MB line (minified JSON): every one is reported, in all formats,
/// and the work stays linear (the locator once walked siblings and whole lines per finding).
#[test]
fn a_huge_number_of_findings_on_one_line() {
    let mut paths = serde_json::Map::new();
    for i in 0..20_000 {
        paths.insert(
            format!("/r{i}"),
            serde_json::json!({"get": {"responses": {"200": {"description": "ok"}},
                "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "GET", "uri": "bad"}}}),
        );
    }
    let doc = serde_json::json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": paths});
    let file = write("many.json", serde_json::to_string(&doc).unwrap().as_bytes());
    let r = run(&["lint", &file]);
    assert_eq!(r.code, Some(1));
    // One more warning: 20,000 paths are far beyond the 300 resources of a REST API (resource-count-limit).
    assert!(r.stdout.contains("20000 errors, 20001 warnings"), "{}", &r.stdout[r.stdout.len().saturating_sub(300)..]);
    assert!(r.stdout.contains("many.json:1:"), "findings are located");
    assert!(r.stdout.lines().all(|l| l.chars().count() < 400), "frames show a window of the long line");
    let r = run(&["lint", "--format", "json", &file]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let count = v["findings"].as_array().map(Vec::len).or_else(|| v.as_array().map(Vec::len)).unwrap_or(0);
    assert_eq!(count, 40_001, "every finding is in the JSON output");
    let r = run(&["lint", "--format", "sarif", &file]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout.matches("\"ruleId\"").count(), 40_001);

    // The report streams: a reader that stops after the first lines (`| head`) ends the run
    // quietly, without an error about the closed pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_gwgen"))
        .args(["lint", &file])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "gwgen kept running after its reader left");
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?} {err}");
    assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{err}");
}
