use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::{segments, variable};

/// ## What it checks
/// Each segment of a REST API path is either literal text of letters, digits and `._,:-$`, or a
/// whole-segment variable `{name}` / `{name+}`.
///
/// ## Why
/// API Gateway creates one resource per segment and rejects any other character: "Resource's
/// path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end" (the import
/// also accepts `,` and `:`). A variable must be the whole segment: `/items/{id}` works,
/// `/items/item{id}` does not (API Gateway developer guide, known issues).
///
/// `$` is accepted too, though the message leaves it out: the CLI and the console create such
/// resources (aws-cdk#27083), and the CDK's `restapi` integration test, deployed with a resource
/// `$appliances:all` after aws-cdk#27619 allowed it, is in the corpus.
///
/// ## Example
/// ```yaml
/// paths:
///   /files/{name}.json: {}     # variable inside a segment
///   /users/~me: {}             # `~` is not allowed
/// ```
///
/// ## Fix
/// Make the variable a segment of its own (`/files/{name}`), and keep literal segments to
/// letters, digits and `._,:-$`.
pub struct PathSegmentCharset;

impl Rule for PathSegmentCharset {
    const META: RuleMeta = RuleMeta {
        id: "path-segment-charset",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "path segments use a-zA-Z0-9._,:-$ or are a whole {variable}",
    };

    fn check(api: &Api, out: &mut Findings) {
        for item in &api.paths {
            if !item.path.starts_with('/') {
                out.report(item.loc.clone(), format!("path `{}` does not start with `/`", item.path))
                    .help("write paths from the root, like `/pets`");
                continue;
            }
            for seg in segments(&item.path) {
                let ok = match variable(seg) {
                    Some(name) => {
                        let name = name.strip_suffix('+').unwrap_or(name);
                        !name.is_empty()
                            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    }
                    None => {
                        seg.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ',' | ':' | '-' | '$'))
                    }
                };
                if !ok {
                    let help = if seg.contains('{') {
                        "a path variable must be a whole segment, like `/files/{name}`"
                    } else {
                        "use only letters, digits and `._,:-$` in a path segment"
                    };
                    out.report(
                        item.loc.clone(),
                        format!("Resource's path part `{seg}` in `{}` is not allowed by API Gateway", item.path),
                    )
                    .help(help);
                }
            }
        }
    }
}
