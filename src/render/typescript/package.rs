//! The package's files: the template that prints each, those copied as they are, and package.json's values.

use serde::Serialize;

use super::names::json_string;
use super::Options;
use crate::ir::Api;

/// The runtime every package carries: its TypeScript source (which names it exports), and the
/// ES module and declarations the pinned `tsc` builds from it (`templates/ts/lib/`, checked
/// against the source by `sdk::prebuilt_runtime_is_built_from_its_source`), copied as they are.
pub const RUNTIME: &str = include_str!("../../../templates/ts/runtime.ts");
const RUNTIME_JS: &str = include_str!("../../../templates/ts/lib/runtime.js");
const RUNTIME_DTS: &str = include_str!("../../../templates/ts/lib/runtime.d.ts");

/// The SigV4 signer, likewise; only operations that IAM authorizes import it.
pub const SIGV4: &str = include_str!("../../../templates/ts/sigv4.ts");
pub(super) const SIGV4_JS: &str = include_str!("../../../templates/ts/lib/sigv4.js");
pub(super) const SIGV4_DTS: &str = include_str!("../../../templates/ts/lib/sigv4.d.ts");

/// The strictest settings, checking the package's declarations (`tsc -p .`, nothing to emit):
/// the generated declarations pass them, so they pass any.
pub const TSCONFIG: &str = include_str!("../../../templates/ts/tsconfig.json");

/// Each template, the file it prints and its text. The package is ready to use as written:
/// ES modules beside their declarations, no build step. The declarations' own comments name
/// other declarations in backticks, not `{@link}`: the compiler parses the JSDoc of declaration
/// files for every project that uses them, and a link costs nodes (GitHub's package: 4% of its
/// type-check time and 9 MB).
pub(super) const TEMPLATES: [(&str, &str, &str); 10] = [
    ("models.d.ts.j2", "lib/models.d.ts", include_str!("../../../templates/ts/models.d.ts.j2")),
    ("models.js.j2", "lib/models.js", include_str!("../../../templates/ts/models.js.j2")),
    ("operations.d.ts.j2", "lib/operations.d.ts", include_str!("../../../templates/ts/operations.d.ts.j2")),
    ("operations.js.j2", "lib/operations.js", include_str!("../../../templates/ts/operations.js.j2")),
    ("client.d.ts.j2", "lib/client.d.ts", include_str!("../../../templates/ts/client.d.ts.j2")),
    ("client.js.j2", "lib/client.js", include_str!("../../../templates/ts/client.js.j2")),
    ("index.j2", "lib/index.d.ts", include_str!("../../../templates/ts/index.j2")),
    ("index.j2", "lib/index.js", include_str!("../../../templates/ts/index.j2")),
    ("README.md.j2", "README.md", include_str!("../../../templates/ts/README.md.j2")),
    ("package.json.j2", "package.json", include_str!("../../../templates/ts/package.json.j2")),
];

/// The files copied as they are, and their text.
pub(super) const COPIED: [(&str, &str); 5] = [
    ("lib/runtime.js", RUNTIME_JS),
    ("lib/runtime.d.ts", RUNTIME_DTS),
    ("lib/sigv4.js", SIGV4_JS),
    ("lib/sigv4.d.ts", SIGV4_DTS),
    ("tsconfig.json", TSCONFIG),
];

/// What `package.json` takes from the document, each a JSON string literal.
#[derive(Serialize)]
pub(super) struct PackageJsonView {
    name: String,
    version: String,
    description: String,
}

impl PackageJsonView {
    /// The package `name`, the API's version, and the first line of its description (else a
    /// sentence naming `title`).
    pub(super) fn new(api: &Api, name: &str, title: &str) -> PackageJsonView {
        let description = api.info.description.as_deref().map(|d| d.lines().next().unwrap_or("").to_string());
        PackageJsonView {
            name: json_string(name),
            version: json_string(&package_version(api)),
            description: json_string(&description.unwrap_or_else(|| format!("TypeScript client for {title}"))),
        }
    }
}

/// The npm package name: `--name` when it is a valid one, else from the API's title.
pub(super) fn package_name(api: &Api, options: &Options) -> Result<String, String> {
    if let Some(name) = &options.name {
        let bare = name.strip_prefix('@').and_then(|n| n.split_once('/')).map(|(s, p)| format!("{s}{p}"));
        let valid = name.len() <= 214
            && !name.starts_with(['.', '_'])
            && bare
                .as_deref()
                .unwrap_or(name)
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c))
            && !name.is_empty();
        return if valid {
            Ok(name.clone())
        } else {
            Err(format!(
                "`{name}` is not a valid npm package name: use lowercase letters, digits, `-`, `.`, `_` (optionally `@scope/name`)"
            ))
        };
    }
    let title = api.info.title.as_ref().and_then(|t| t.as_str()).unwrap_or("");
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    Ok(if slug.is_empty() { "api-client".to_string() } else { format!("{}-client", &slug[..slug.len().min(100)]) })
}

/// The API's version when it is a semantic version (`1.0` becomes `1.0.0`), else 0.0.0.
fn package_version(api: &Api) -> String {
    let v = api.info.version.as_ref().and_then(|t| t.as_str()).unwrap_or("").trim().trim_start_matches('v');
    let numbers: Vec<&str> = v.split('.').collect();
    let all_numbers = numbers.iter().all(|n| !n.is_empty() && n.len() < 10 && n.bytes().all(|b| b.is_ascii_digit()));
    match numbers.len() {
        1..=3 if all_numbers => {
            let mut parts: Vec<String> = numbers.iter().map(|n| n.parse::<u64>().unwrap_or(0).to_string()).collect();
            parts.resize(3, "0".into());
            parts.join(".")
        }
        _ => "0.0.0".into(),
    }
}
