//! `gwgen diff BASE REVISION`: the changes between two versions of an API, by level.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::{DiffArgs, DiffFormat, DiffLevel};
use crate::diag::{Error, Failed};
use crate::diff::{self, output, Level};
use crate::ir::Api;
use crate::load;

use super::{fail, print, Exit};

pub fn run(args: &DiffArgs) -> Exit {
    if let Some(id) = &args.explain {
        return explain(id);
    }
    let (Some(base_arg), Some(rev_arg)) = (&args.base, &args.revision) else {
        return fail(&[Error::new(Failed::Arguments, "gwgen diff", None, "name the base and the revision")
            .help("gwgen diff BASE REVISION (each a file, or git:REF:PATH)")]);
    };
    let mut errors = Vec::new();
    let base = read_side(base_arg, args).map_err(|e| errors.extend(e)).ok();
    let rev = read_side(rev_arg, args).map_err(|e| errors.extend(e)).ok();
    let (Some((base_path, base)), Some((rev_path, rev))) = (base, rev) else {
        return fail(&errors);
    };
    let changes = diff::diff(&base, &rev);
    let b = output::Side { label: base_arg, path: &base_path, api: &base };
    let r = output::Side { label: rev_arg, path: &rev_path, api: &rev };
    let mut out = String::new();
    match args.format {
        DiffFormat::Text => output::text(&changes, &b, &r, &mut out),
        DiffFormat::Json => {
            out = serde_json::to_string_pretty(&output::json(&changes, &b, &r)).unwrap_or_default();
            out.push('\n');
        }
        DiffFormat::Markdown => output::markdown(&changes, &b, &r, &mut out),
        DiffFormat::Github => output::github(&changes, &b, &r, &mut out),
    }
    print(&out);
    let level = match args.fail_on {
        DiffLevel::Breaking => Level::Breaking,
        DiffLevel::Warn => Level::Warn,
        DiffLevel::Info => Level::Info,
    };
    if diff::fails(&changes, level) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

fn explain(id: &str) -> Exit {
    if let Some(kind) = diff::find(id) {
        print(&diff::catalog::explain(kind));
        return Exit::Clean;
    }
    let mut close: Vec<(usize, &str)> = diff::CATALOG
        .iter()
        .map(|k| k.id)
        .filter_map(|k| {
            let d = crate::diag::edit_distance(k, id);
            (k.contains(id) || d <= 3.max(id.len() / 4)).then_some((d, k))
        })
        .collect();
    close.sort();
    let help = match close.iter().take(5).map(|(_, k)| *k).collect::<Vec<_>>() {
        c if c.is_empty() => {
            format!("the change ids: {}", diff::CATALOG.iter().map(|k| k.id).collect::<Vec<_>>().join(", "))
        }
        c => format!("did you mean {}?", c.join(", ")),
    };
    fail(&[Error::new(Failed::Arguments, id, None, "no such change id").help(help)])
}

/// Reads one side: a file, or `git:REF:PATH`. Returns the path the side stands for (for a git
/// revision, the path in the working tree) and its API.
fn read_side(arg: &str, args: &DiffArgs) -> Result<(PathBuf, Api), Vec<Error>> {
    let mut from_git = None;
    let (path, source) = match arg.strip_prefix("git:") {
        Some(spec) => {
            let (reference, path) =
                spec.split_once(':').filter(|(r, p)| !r.is_empty() && !p.is_empty()).ok_or_else(|| {
                    vec![Error::new(Failed::Arguments, arg, None, "a git revision is written git:REF:PATH")
                        .help("for example git:main:api.yaml or git:HEAD~1:specs/api.yaml")]
                })?;
            let path = PathBuf::from(path);
            let bytes = git_show(arg, reference, &path).map_err(|e| vec![e])?;
            from_git = Some(bytes.clone());
            (path.clone(), load::parse_source(path, bytes).map_err(|e| vec![relabel(e, arg, None)])?)
        }
        None => {
            let path = PathBuf::from(arg);
            (path.clone(), load::read_source(&path).map_err(|e| vec![e])?)
        }
    };
    let config = match &args.read.config {
        Some(p) => crate::config::load(p),
        None => crate::config::load_for(&path),
    }
    .map_err(|e| vec![e])?;
    let options = load::Options {
        api_type: super::given_api_type(args.read.api_type, config.api_type),
        api: args.read.api.clone(),
        allow_external_refs: args.read.allow_external_refs,
        parameters: args.read.parameters.clone(),
    };
    // Errors in a file read from git are placed in its text there, and name the revision.
    let relabel_all = |errors: Vec<Error>| match &from_git {
        Some(bytes) => {
            let source = load::parse_source(path.clone(), bytes.clone()).ok();
            errors.into_iter().map(|e| relabel(e, arg, source.as_ref())).collect()
        }
        None => errors,
    };
    // The template's APIs, to name them when --api names none of them.
    let known: Vec<String> = match load::kind(&source) {
        load::Kind::Template => load::template::apis(&source).iter().map(|a| a.logical_id.clone()).collect(),
        _ => Vec::new(),
    };
    let apis = load::load_all_source(source, &options).map_err(relabel_all)?;
    let mut ok: Vec<(Option<String>, Api)> = Vec::new();
    let mut errors = Vec::new();
    for (id, api) in apis {
        match api {
            Ok(api) => ok.push((id, api)),
            Err(e) => errors.extend(e),
        }
    }
    match ok.len() {
        1 => Ok((path, ok.pop().map(|(_, a)| a).expect("one API"))),
        0 if !errors.is_empty() => Err(relabel_all(errors)),
        0 => {
            let wanted = args.read.api.as_deref().unwrap_or("");
            Err(vec![Error::new(Failed::Arguments, &path, None, format!("{arg}: the template has no API `{wanted}`"))
                .help(format!("its APIs: {}", known.join(", ")))])
        }
        _ => {
            let ids: Vec<String> = ok.into_iter().filter_map(|(id, _)| id).collect();
            Err(vec![Error::new(Failed::Arguments, &path, None, "the template defines several APIs")
                .help(format!("choose one with --api ({})", ids.join(", ")))])
        }
    }
}

/// A load error in a file read from git names the revision (`git:REF:PATH`), not the
/// working-tree file, and its place is found in the text read from git.
fn relabel(mut e: Error, arg: &str, source: Option<&crate::source::Source>) -> Error {
    use crate::diag::Place;
    let same_file = source.is_none_or(|s| s.path == e.path);
    if !same_file {
        return e;
    }
    e.place = match (e.place, source) {
        (Place::Node(p), Some(s)) => Place::At(s.locate(&p).0.start),
        (Place::Key(p), Some(s)) => Place::At(s.locate_key(&p)),
        (Place::Value(p), Some(s)) => Place::At(s.locate_value(&p)),
        (Place::At(pos), _) => Place::At(pos),
        _ => Place::File,
    };
    e.path = PathBuf::from(arg);
    e
}

/// `git show REF:./NAME`, run in the folder that holds `path` (the nearest one that exists), so
/// the path is relative to where the user is, in whatever repository holds it.
fn git_show(arg: &str, reference: &str, path: &Path) -> Result<Vec<u8>, Error> {
    let mut dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let mut rest: Vec<String> = vec![path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()];
    while !dir.is_dir() {
        let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else { break };
        rest.insert(0, name);
        dir = dir.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    }
    let object = format!("{reference}:./{}", rest.join("/"));
    let output = Command::new("git").arg("-C").arg(&dir).arg("show").arg(&object).output().map_err(|e| {
        Error::new(Failed::Read, arg, None, format!("cannot run git: {e}"))
            .help("install git, or name the base as a file")
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("git show failed").trim();
        let reason = reason.strip_prefix("fatal: ").unwrap_or(reason);
        return Err(Error::new(Failed::Read, arg, None, format!("cannot read {object} with git: {reason}")).help(
            format!("check that `{reference}` is a branch, tag or commit of the repository holding {} and that the file exists there (`git log --oneline -- {}`)", dir.display(), path.display()),
        ));
    }
    Ok(output.stdout)
}
