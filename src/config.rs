//! `gwgen.yaml` (or `.gwgen.yaml`): found by walking up from the document's folder.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::LoadError;
use crate::ir::ApiType;
use crate::source::Pointer;

/// The names gwgen looks for, in order, in each folder.
pub const FILE_NAMES: [&str; 2] = ["gwgen.yaml", ".gwgen.yaml"];

#[derive(Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    /// `api_type: rest | http`.
    pub api_type: Option<ApiType>,
}

/// The nearest config file at or above `start` (a file or a folder).
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if start.is_dir() { Some(start.as_path()) } else { start.parent() };
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

/// Loads the config that applies to `target`; no file means the defaults.
pub fn load_for(target: &Path) -> Result<Config, LoadError> {
    match find(target) {
        Some(path) => load(&path),
        None => Ok(Config::default()),
    }
}

pub fn load(path: &Path) -> Result<Config, LoadError> {
    let source = crate::load::read_source(path)?;
    let mut config = Config { path: Some(path.to_path_buf()), ..Config::default() };
    let Value::Object(m) = &source.value else {
        if source.value.is_null() {
            return Ok(config);
        }
        return Err(LoadError::new(path, None, "the configuration must be a mapping")
            .help("write settings as `key: value` lines, like `api_type: rest`"));
    };
    for (key, value) in m {
        // Settings of other commands are read by them.
        if key == "api_type" {
            let parsed = value.as_str().and_then(ApiType::parse);
            if parsed.is_none() {
                let at = source.locate(&Pointer::root().push(key)).0.start;
                return Err(LoadError::new(
                    path,
                    Some(at),
                    format!("`api_type` must be `rest` or `http`, found {value}"),
                )
                .help("write `api_type: rest` or `api_type: http`"));
            }
            config.api_type = parsed;
        }
    }
    Ok(config)
}
