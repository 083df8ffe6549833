//! Which files `gwgen lint` reads: the files named, and in folders named, the JSON and YAML
//! documents that look like OpenAPI or like templates defining an API (skipping `.git`, `node_modules`, `target` and config excludes).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Error, Failed};

/// Folders never walked into.
const SKIP_DIRS: [&str; 4] = [".git", "node_modules", "target", ".tools"];

/// A file to lint, and whether the user named it (named files must be documents).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    pub named: bool,
}

/// Expands paths into targets, in a stable order. `excluded` says whether config excludes a path.
pub fn discover(paths: &[PathBuf], excluded: &dyn Fn(&Path) -> bool) -> Result<Vec<Target>, Error> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::new(Failed::Read, path, None, format!("cannot read: {e}")).help("check the path"))?;
        if meta.is_file() {
            out.push(Target { path: path.clone(), named: true });
            continue;
        }
        let walker = WalkDir::new(path).sort_by_file_name().into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let skipped_dir = e.file_type().is_dir() && SKIP_DIRS.contains(&name.as_ref());
            e.depth() == 0 || !(skipped_dir || excluded(e.path()))
        });
        for entry in walker {
            let entry = entry.map_err(|e| {
                let at = e.path().map(Path::to_path_buf).unwrap_or_else(|| path.clone());
                Error::new(Failed::Read, at, None, format!("cannot read: {e}"))
            })?;
            if entry.file_type().is_file() && looks_like_openapi(entry.path()) {
                out.push(Target { path: entry.path().to_path_buf(), named: false });
            }
        }
    }
    Ok(out)
}

/// A JSON or YAML file with a top-level `openapi` or `swagger` key (a cheap look, confirmed by
/// loading).
pub fn looks_like_openapi(path: &Path) -> bool {
    // Terraform `templatefile` inputs keep their syntax's extension before `.tpl`.
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let name = name.strip_suffix(".tpl").unwrap_or(&name);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_string();
    // `.template` is what SAM's .NET projects and some CloudFormation users name templates.
    if !matches!(ext.as_str(), "yaml" | "yml" | "json" | "template") {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(path) else { return false };
    // A SAM / CloudFormation template that defines an API.
    if crate::load::template::may_define_api(&text) {
        return true;
    }
    if ext == "template" {
        return false;
    }
    if ext == "json" {
        return text.contains("\"openapi\"") || text.contains("\"swagger\"");
    }
    text.lines().any(|line| {
        let l = line.trim_start_matches(['"', '\'']);
        (l.starts_with("openapi") || l.starts_with("swagger"))
            && line.chars().next().is_some_and(|c| c != ' ' && c != '\t')
            && line.contains(':')
    })
}
