use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::{segments, variable};

/// ## What it checks
/// A greedy path variable (`{proxy+}`) is the last segment of its path.
///
/// ## Why
/// A proxy resource catches everything below it and cannot have children: `/{proxy+}/child`
/// and `/a/{proxy+}/{b}` are rejected by REST import, and HTTP APIs require "the greedy path
/// variable must be at the end of the resource path" (API Gateway developer guide).
///
/// ## Example
/// ```yaml
/// paths:
///   /files/{path+}/meta: {}    # greedy variable in the middle
/// ```
///
/// ## Fix
/// Move the greedy variable to the end (`/files/meta/{path+}`), or use a plain `{path}`.
pub struct GreedyPathLast;

impl Rule for GreedyPathLast {
    const META: RuleMeta = RuleMeta {
        id: "greedy-path-last",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "a greedy {proxy+} variable must be the last path segment",
    };

    fn check(api: &Api, out: &mut Findings) {
        for item in &api.paths {
            let segs: Vec<&str> = segments(&item.path).collect();
            for (i, seg) in segs.iter().enumerate() {
                if variable(seg).is_some_and(|v| v.ends_with('+')) && i + 1 < segs.len() {
                    out.report(
                        item.loc.clone(),
                        format!("greedy variable `{seg}` is not the last segment of `{}`", item.path),
                    )
                    .help("a proxy resource cannot have children: put the greedy variable at the end of the path");
                }
            }
        }
    }
}
