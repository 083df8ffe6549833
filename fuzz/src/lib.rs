//! Shared by the fuzz targets: arbitrary bytes to loaded APIs, without touching the disk.

use std::path::PathBuf;

use gwgen::ir::Api;
use gwgen::load::{self, template, Options};

/// The document's folder. It does not exist, so every `$ref` to another file is refused (or not
/// found) and nothing outside the input is read: runs stay deterministic.
const DIR: &str = "/nonexistent-gwgen-fuzz";

/// Parses `data` as a file named `name` (its extension tells JSON from YAML in messages) and
/// loads it like `gwgen` does: a plain document, or each API of a template whose body is inline
/// (a body in another file would be read from disk, so those are skipped).
pub fn load(data: &[u8], name: &str) -> Vec<Api> {
    let path = PathBuf::from(DIR).join(name);
    let Ok(source) = load::parse_source(path, data.to_vec()) else {
        return Vec::new();
    };
    let options = Options::default();
    if !template::is_template(&source.value) {
        return load::load_source(source, &options).into_iter().collect();
    }
    template::apis(&source)
        .iter()
        .filter(|a| matches!(a.body, template::Body::Inline(_)))
        .filter_map(|a| load::load_template_api(&source, a, &options).ok())
        .collect()
}
