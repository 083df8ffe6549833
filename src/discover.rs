//! Which files `gwgen lint` reads: the files named, and in folders named, the JSON and YAML
//! documents that look like OpenAPI or like templates defining an API (skipping `.git`,
//! `node_modules`, `target`, `.aws-sam`, Python virtual environments and config excludes).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Error, Failed};

/// Folders never walked into. `.aws-sam` holds `sam build`'s copies of the templates (linting
/// them would report each finding twice); Python virtual environments (a folder with a
/// `pyvenv.cfg`) are skipped too.
const SKIP_DIRS: [&str; 5] = [".git", "node_modules", "target", ".tools", ".aws-sam"];

/// A file to lint, and whether the user named it (named files must be documents).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    pub named: bool,
}

/// What the search found: the files to read, and how many files it looked at.
#[derive(Clone, Debug, Default)]
pub struct Found {
    pub targets: Vec<Target>,
    pub searched: usize,
}

/// Expands paths into targets, in a stable order. `excluded` says whether config excludes a path.
/// A folder's files are kept when their name says JSON or YAML ([`readable_name`]) and their text
/// mentions OpenAPI or an API resource; the loader decides ([`crate::load::kind`]).
pub fn discover(paths: &[PathBuf], excluded: &dyn Fn(&Path) -> bool) -> Result<Found, Error> {
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| {
            Error::new(Failed::Read, path, None, format!("cannot read the file: {e}"))
                .help("check the path and that the file is readable")
        })?;
        if meta.is_file() {
            found.searched += 1;
            found.targets.push(Target { path: path.clone(), named: true });
            continue;
        }
        let walker = WalkDir::new(path).sort_by_file_name().into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let skipped_dir =
                e.file_type().is_dir() && (SKIP_DIRS.contains(&name.as_ref()) || e.path().join("pyvenv.cfg").is_file());
            e.depth() == 0 || !(skipped_dir || excluded(e.path()))
        });
        for entry in walker {
            let entry = entry.map_err(|e| {
                let at = e.path().map(Path::to_path_buf).unwrap_or_else(|| path.clone());
                Error::new(Failed::Read, at, None, format!("cannot read the file: {e}"))
                    .help("check the path and that the file is readable")
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            found.searched += 1;
            if readable_name(entry.path()) && mentions_api(entry.path()) {
                found.targets.push(Target { path: entry.path().to_path_buf(), named: false });
            }
        }
    }
    Ok(found)
}

/// The file names a folder search reads: `.json`, `.yaml` and `.yml`; each of them followed by
/// `.tpl` (Terraform `templatefile` inputs); and `.template` (SAM's .NET projects, some
/// CloudFormation users). Named on the command line, any file is read.
pub fn readable_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let name = name.strip_suffix(".tpl").unwrap_or(&name);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(ext, "yaml" | "yml" | "json" | "template")
}

/// A cheap look at the text: does it mention `openapi` / `swagger`, or an API resource or event?
fn mentions_api(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        // Unreadable, or not UTF-8: the loader says which, if the name promised a document.
        return true;
    };
    text.contains("openapi") || text.contains("swagger") || crate::load::template::may_define_api(&text)
}

/// A file that fails to load, but whose text says it means to be OpenAPI (a top-level-looking
/// `openapi:` / `swagger:` key, however indented): worth reporting rather than skipping.
pub fn says_openapi(text: &str) -> bool {
    text.lines().any(|line| {
        let l = line.trim_start().trim_start_matches(['"', '\'']);
        (l.starts_with("openapi") || l.starts_with("swagger")) && line.contains(':')
    })
}
