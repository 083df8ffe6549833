//! Writing gwgen's output safely.
//!
//! Everything is rendered in memory before anything is written, so a failure leaves the disk as
//! it was. A single file (`export -o`) is written beside its place and renamed over it. A package
//! folder (`sdk -o`): a new or empty one is written beside its final place and renamed into it; an
//! earlier gwgen output is updated file by file (each replaced atomically), the files its manifest
//! lists and the new output no longer has are removed, and nothing else is touched
//! (`node_modules`, `dist`, a lock file). A non-empty folder without a manifest, or an existing
//! file gwgen did not write, is refused unless `--force`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Error, Failed};
use crate::render::typescript::GeneratedFile;

/// The file listing what gwgen wrote into a folder.
pub const MANIFEST: &str = ".gwgen-manifest.json";

/// Writes to a temporary file beside `path`, then renames it over `path`: readers see the old
/// file or the new one, never a part; on failure the temporary file is removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.gwgen-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn manifest_text(files: &[GeneratedFile]) -> String {
    let list: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    crate::render::to_json(&serde_json::json!({
        "generator": concat!("gwgen ", env!("CARGO_PKG_VERSION")),
        "files": list,
    }))
}

/// The files an earlier gwgen output lists; None when the folder has no manifest.
fn previous_files(dir: &Path) -> Option<BTreeSet<String>> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(v.get("files")?.as_array()?.iter().filter_map(|f| f.as_str().map(str::to_string)).collect())
}

/// Whether a manifest path stays inside the folder (a tampered manifest must not reach out).
fn safe_relative(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty() && p.is_relative() && p.components().all(|c| matches!(c, std::path::Component::Normal(_)))
}

pub fn write_package(dir: &Path, files: &[GeneratedFile], force: bool) -> Result<(), Error> {
    let io = |what: &str, path: &Path, e: std::io::Error| {
        Error::new(Failed::Write, path, None, format!("cannot {what}: {e}")).help("check that the folder is writable")
    };
    let existing = match std::fs::read_dir(dir) {
        Ok(entries) => Some(entries.count()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io("read the output folder", dir, e)),
    };
    match existing {
        None | Some(0) => write_fresh(dir, files).map_err(|e| io("write the package", dir, e)),
        Some(_) => {
            let previous = previous_files(dir);
            if previous.is_none() && !force {
                return Err(Error::new(
                    Failed::Write,
                    dir,
                    None,
                    "the output folder is not empty and was not written by gwgen (it has no .gwgen-manifest.json)",
                )
                .help("choose an empty or new folder, or pass --force to write into it (other files are kept)"));
            }
            update(dir, files, previous.unwrap_or_default()).map_err(|e| io("update the package", dir, e))
        }
    }
}

/// Writes the package beside `dir` and renames it into place.
fn write_fresh(dir: &Path, files: &[GeneratedFile]) -> std::io::Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "sdk".into());
    let tmp = parent.join(format!(".{name}.gwgen-{}.tmp", std::process::id()));
    let result = (|| {
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        for f in files {
            let path = tmp.join(&f.path);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p)?;
            }
            std::fs::write(&path, &f.contents)?;
        }
        std::fs::write(tmp.join(MANIFEST), manifest_text(files))?;
        if dir.exists() {
            // An empty folder: replace it.
            std::fs::remove_dir(dir)?;
        }
        std::fs::rename(&tmp, dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Replaces the generated files of an earlier output one by one, and removes those it had that
/// the new output does not.
fn update(dir: &Path, files: &[GeneratedFile], previous: BTreeSet<String>) -> std::io::Result<()> {
    for f in files {
        let path = dir.join(&f.path);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        if std::fs::read(&path).ok().as_deref() != Some(f.contents.as_bytes()) {
            write_atomically(&path, f.contents.as_bytes())?;
        }
    }
    let now: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for old in previous.iter().filter(|p| !now.contains(p.as_str()) && safe_relative(p)) {
        let _ = std::fs::remove_file(dir.join(old));
    }
    write_atomically(&dir.join(MANIFEST), manifest_text(files).as_bytes())
}

/// Before `export -o FILE` writes: an existing file must be one gwgen wrote (listed in the
/// manifest of its folder), or `force` given.
pub fn check_file(path: &Path, force: bool) -> Result<(), Error> {
    let (dir, name) = dir_and_name(path);
    if path.exists() && !force && !previous_files(&dir).unwrap_or_default().contains(&name) {
        return Err(Error::new(Failed::Write, path, None, "the output file exists and was not written by gwgen")
            .help("choose another file, or pass --force to replace it"));
    }
    Ok(())
}

/// After `export -o FILE` wrote: records the file in its folder's manifest.
pub fn record_file(path: &Path) -> Result<(), Error> {
    let (dir, name) = dir_and_name(path);
    let mut listed = previous_files(&dir).unwrap_or_default();
    if !listed.insert(name) {
        return Ok(());
    }
    let manifest = dir.join(MANIFEST);
    let mut v: serde_json::Value = std::fs::read_to_string(&manifest)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| serde_json::json!({"generator": concat!("gwgen ", env!("CARGO_PKG_VERSION"))}));
    v["files"] = serde_json::json!(listed);
    write_atomically(&manifest, crate::render::to_json(&v).as_bytes()).map_err(|e| {
        Error::new(Failed::Write, &manifest, None, format!("cannot write the manifest: {e}"))
            .help("check that the folder is writable")
    })
}

fn dir_and_name(path: &Path) -> (PathBuf, String) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (dir, path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}
