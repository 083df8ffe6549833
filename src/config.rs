//! `gwgen.yaml` (or `.gwgen.yaml`): found by walking up from the document's folder.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde_json::Value;

use crate::diag::{Error, Failed, Severity};
use crate::ir::ApiType;
use crate::lint::{RuleSetting, RuleSettings};
use crate::source::{Pointer, Source};

/// The names gwgen looks for, in order, in each folder.
pub const FILE_NAMES: [&str; 2] = ["gwgen.yaml", ".gwgen.yaml"];

#[derive(Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    /// `api_type: rest | http`.
    pub api_type: Option<ApiType>,
    /// `rules: {rule-id: off | error | warn | info}`.
    pub rules: RuleSettings,
    /// `exclude: [glob, ...]`: paths (relative to the config's folder) `lint` skips.
    pub exclude: Vec<String>,
    /// `stages: {name: {variables: {...}, domain: ..., base_path: ...}}`, in file order.
    pub stages: IndexMap<String, StageConfig>,
    /// `region: eu-west-1`: the region the API is deployed to (templates leave it to
    /// `AWS::Region`); the certificate check of regional domains needs it.
    pub region: Option<String>,
}

/// One deployment stage: its stage variables and, optionally, the custom domain serving it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageConfig {
    pub variables: IndexMap<String, String>,
    /// `domain: api.example.com`: the custom domain name mapped to the stage.
    pub domain: Option<String>,
    /// `base_path: v1`: the base path mapping on that domain (none: the domain's root).
    pub base_path: Option<String>,
}

impl Config {
    /// The folder paths in `exclude` are relative to.
    pub fn base(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// Is this path excluded? Globs match the path relative to the config's folder:
    /// `*` any run of characters but `/`, `**` any run including `/`, `?` one character;
    /// a pattern without `/` matches any path segment (like `.gitignore`).
    pub fn excludes(&self, path: &Path) -> bool {
        let Some(base) = self.base() else { return false };
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
        let Ok(rel) = abs.strip_prefix(&base) else { return false };
        let rel = rel.to_string_lossy().replace('\\', "/");
        self.exclude.iter().any(|pattern| {
            let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
            if pattern.contains('/') {
                glob_match(pattern, &rel) || glob_match(&format!("{pattern}/**"), &rel)
            } else {
                rel.split('/').any(|seg| glob_match(pattern, seg))
            }
        })
    }
}

/// Matches `text` against a glob with `*`, `**` and `?`.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match p.first() {
            None => t.is_empty(),
            Some(b'*') if p.get(1) == Some(&b'*') => {
                let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
                (0..=t.len()).any(|i| go(rest, &t[i..]))
            }
            Some(b'*') => (0..=t.len()).take_while(|i| *i == 0 || t[i - 1] != b'/').any(|i| go(&p[1..], &t[i..])),
            Some(b'?') => !t.is_empty() && t[0] != b'/' && go(&p[1..], &t[1..]),
            Some(c) => t.first() == Some(c) && go(&p[1..], &t[1..]),
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
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
pub fn load_for(target: &Path) -> Result<Config, Error> {
    match find(target) {
        Some(path) => load(&path),
        None => Ok(Config::default()),
    }
}

pub fn load(path: &Path) -> Result<Config, Error> {
    let source = crate::load::read_source(path)?;
    let mut config = Config { path: Some(path.to_path_buf()), ..Config::default() };
    let Value::Object(m) = &source.value else {
        if source.value.is_null() {
            return Ok(config);
        }
        return Err(Error::new(Failed::Config, path, None, "the configuration must be a mapping")
            .help("write settings as `key: value` lines, like `api_type: rest`"));
    };
    for (key, value) in m {
        let at = || source.locate_key(&Pointer::root().push(key));
        match key.as_str() {
            "api_type" => {
                let parsed = value.as_str().and_then(ApiType::parse);
                if parsed.is_none() {
                    return Err(Error::new(
                        Failed::Config,
                        path,
                        Some(at()),
                        format!("`api_type` must be `rest` or `http`, found {value}"),
                    )
                    .help("write `api_type: rest` or `api_type: http`"));
                }
                config.api_type = parsed;
            }
            "rules" => {
                let Value::Object(rules) = value else {
                    return Err(Error::new(
                        Failed::Config,
                        path,
                        Some(at()),
                        "`rules` must be a mapping from rule id to off, error, warn or info",
                    )
                    .help("write for example `rules: {integration-missing: warn, operation-unauthenticated: off}`"));
                };
                for (id, setting) in rules {
                    let at = source.locate_key(&Pointer::root().push("rules").push(id));
                    if crate::lint::find_rule(id).is_none() {
                        return Err(Error::new(Failed::Config, path, Some(at), format!("unknown rule `{id}`"))
                            .help("`gwgen rules` lists the rule ids"));
                    }
                    let parsed = match setting {
                        Value::String(s) if s.eq_ignore_ascii_case("off") => Some(RuleSetting::Off),
                        Value::Bool(false) => Some(RuleSetting::Off),
                        Value::String(s) => Severity::parse(s).map(RuleSetting::Severity),
                        _ => None,
                    };
                    let Some(parsed) = parsed else {
                        return Err(Error::new(
                            Failed::Config,
                            path,
                            Some(at),
                            format!("rule `{id}`: `{setting}` is not off, error, warn or info"),
                        )
                        .help("write one of off, error, warn, info"));
                    };
                    config.rules.insert(id.clone(), parsed);
                }
            }
            "exclude" => {
                let items = match value {
                    Value::Array(a) => a.iter().map(|v| v.as_str().map(str::to_string)).collect::<Option<Vec<_>>>(),
                    Value::String(s) => Some(vec![s.clone()]),
                    _ => None,
                };
                let Some(items) = items else {
                    return Err(Error::new(Failed::Config, path, Some(at()), "`exclude` must be a list of path globs")
                        .help("write for example `exclude: [\"vendor/**\", \"*.generated.yaml\"]`"));
                };
                config.exclude = items;
            }
            "stages" => config.stages = stages(path, &source, value)?,
            "region" => {
                let region = value.as_str().filter(|r| {
                    !r.is_empty() && r.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                });
                let Some(region) = region else {
                    return Err(Error::new(
                        Failed::Config,
                        path,
                        Some(at()),
                        format!("`region` must be an AWS region like `eu-west-1`, found {value}"),
                    )
                    .help("write `region: eu-west-1` (the region the API is deployed to)"));
                };
                config.region = Some(region.to_string());
            }
            // Settings of other commands (sdk, export) are read by them.
            _ => {}
        }
    }
    Ok(config)
}

/// `stages:`, checked: each stage a mapping of `variables` (scalars), `domain` and `base_path`.
fn stages(path: &Path, source: &Source, value: &Value) -> Result<IndexMap<String, StageConfig>, Error> {
    let example =
        "write for example `stages: {prod: {variables: {alias: live}, domain: api.example.com, base_path: v1}}`";
    let at = |ptr: &Pointer| Some(source.locate_key(ptr));
    let root = Pointer::root().push("stages");
    let Value::Object(m) = value else {
        return Err(Error::new(
            Failed::Config,
            path,
            at(&root),
            "`stages` must be a mapping from stage name to its settings",
        )
        .help(example));
    };
    let mut out = IndexMap::new();
    for (name, stage) in m {
        let sptr = root.push(name);
        let mut config = StageConfig::default();
        let fields = match stage {
            Value::Object(f) => f.clone(),
            Value::Null => Default::default(),
            _ => {
                return Err(Error::new(Failed::Config, path, at(&sptr), format!("stage `{name}` must be a mapping"))
                    .help(example));
            }
        };
        for (key, v) in &fields {
            let kptr = sptr.push(key);
            match key.as_str() {
                "variables" => {
                    let vars = match v {
                        Value::Object(vars) => vars,
                        Value::Null => continue,
                        _ => {
                            return Err(Error::new(
                                Failed::Config,
                                path,
                                at(&kptr),
                                format!("`stages.{name}.variables` must be a mapping from variable name to value"),
                            )
                            .help(example));
                        }
                    };
                    for (var, value) in vars {
                        let text = match value {
                            Value::String(s) => s.clone(),
                            Value::Number(n) => n.to_string(),
                            Value::Bool(b) => b.to_string(),
                            _ => {
                                return Err(Error::new(
                                    Failed::Config,
                                    path,
                                    at(&kptr.push(var)),
                                    format!("stage variable `{var}` of stage `{name}` must be a string"),
                                )
                                .help("stage variables are strings: write `name: value`"));
                            }
                        };
                        config.variables.insert(var.clone(), text);
                    }
                }
                "domain" | "base_path" => {
                    let Value::String(s) = v else {
                        return Err(Error::new(
                            Failed::Config,
                            path,
                            at(&kptr),
                            format!("`stages.{name}.{key}` must be a string"),
                        )
                        .help(example));
                    };
                    if key == "domain" {
                        config.domain = Some(s.clone());
                    } else {
                        config.base_path = Some(s.clone());
                    }
                }
                other => {
                    return Err(Error::new(
                        Failed::Config,
                        path,
                        at(&kptr),
                        format!("unknown stage setting `{other}`"),
                    )
                    .help("a stage has `variables`, `domain` and `base_path`"));
                }
            }
        }
        if config.base_path.is_some() && config.domain.is_none() {
            return Err(Error::new(
                Failed::Config,
                path,
                at(&sptr.push("base_path")),
                format!("stage `{name}` has a `base_path` but no `domain`"),
            )
            .help("a base path mapping belongs to a custom domain: add `domain:`"));
        }
        out.insert(name.clone(), config);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("*.yaml", "api.yaml"));
        assert!(!glob_match("*.yaml", "dir/api.yaml"));
        assert!(glob_match("vendor/**", "vendor/a/b.yaml"));
        assert!(glob_match("**/gen-*.json", "a/b/gen-x.json"));
        assert!(glob_match("**/gen-*.json", "gen-x.json"));
        assert!(glob_match("a?c", "abc") && !glob_match("a?c", "a/c"));
    }
}
