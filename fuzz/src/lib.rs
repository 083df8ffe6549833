//! The fuzz targets' bodies, as plain functions: arbitrary bytes to loaded APIs (and on to lint
//! and the SDK), without touching the disk.
//!
//! Each `fuzz_targets/*.rs` calls one of [`load_yaml`], [`load_json`], [`lint`] and [`sdk`].
//! The main crate's integration tests include this file as a module (`tests/it/fuzz_replay.rs`)
//! and replay the committed corpus (`fuzz/corpus/<target>/`) through the same functions on a
//! stable toolchain, so it uses nothing but `gwgen` and the standard library.

use std::path::PathBuf;

use gwgen::ir::{Api, ApiTypeFrom};
use gwgen::load::{self, template, Options};
use gwgen::report;

/// The document's folder. It does not exist, so every `$ref` to another file is refused (or not
/// found) and nothing outside the input is read: runs stay deterministic.
const DIR: &str = "/nonexistent-gwgen-fuzz";

/// Parses `data` as a file named `name` (its extension tells JSON from YAML in messages) and
/// loads it like `gwgen` does: a plain document, or each API of a template whose body is not in
/// another file (one would be read from disk, so those are skipped).
pub fn load(data: &[u8], name: &str) -> Vec<Api> {
    let path = PathBuf::from(DIR).join(name);
    let Ok(source) = load::parse_source(path, data.to_vec()) else {
        return Vec::new();
    };
    let options = Options::default();
    if !template::is_template(&source.value) {
        return load::load_source(source, &options).into_iter().collect();
    }
    let Ok(prepared) = template::prepare(source, &[]) else { return Vec::new() };
    template::apis(&prepared.source)
        .iter()
        .filter(|a| !matches!(a.body, template::Body::File(..)))
        .filter_map(|a| load::load_template_api(&prepared, a, &options).ok())
        .collect()
}

/// The `load_yaml` target: the bytes loaded as a `.yaml` file.
pub fn load_yaml(data: &[u8]) {
    let _ = load(data, "api.yaml");
}

/// The `load_json` target: the bytes loaded as a `.json` file.
pub fn load_json(data: &[u8]) {
    let _ = load(data, "api.json");
}

/// The `lint` target: each loaded API linted as `gwgen lint` and `gwgen import` do, with the
/// text report (code frames through the locator).
pub fn lint(data: &[u8]) {
    use gwgen::lint::{self, Mode};

    for mut api in load(data, "api.yaml") {
        // As `gwgen lint` runs it, with the text report (code frames through the locator).
        let findings = lint::run(&api, Mode::Lint);
        let mut out = String::new();
        report::text(&findings, &api.sources, &mut out);
        let _ = report::locate(&findings, &api.sources);
        // As `gwgen import` runs it.
        let _ = report::locate(&lint::run(&api, Mode::Import), &api.sources);
        // A document without API Gateway extensions skips most rules: run them all, as
        // `--api-type` with the detected type would.
        if !lint::targets_api_gateway(&api) {
            api.api_type_from = ApiTypeFrom::Flag;
            let _ = report::locate(&lint::run(&api, Mode::Lint), &api.sources);
        }
    }
}

/// The `sdk` target: each loaded API rendered as a TypeScript client (an `Err` is fine, a panic
/// is a bug).
pub fn sdk(data: &[u8]) {
    use gwgen::render::typescript::{render, Options};

    for api in load(data, "api.yaml") {
        let _ = render(&api, &Options { name: None });
    }
}
