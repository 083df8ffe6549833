use std::collections::BTreeMap;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::{segments, variable};

/// ## What it checks
/// Under one parent resource, every variable path segment uses the same name: `/users/{id}`
/// and `/users/{userId}/fans` conflict, and so do `/a/{proxy+}` and `/a/{id}`.
///
/// ## Why
/// REST APIs allow only one variable child per resource. The import fails with "A sibling
/// ({id}) of this resource already has a variable path part -- only one is allowed"
/// (aws-apigateway-importer#202; LocalStack confirms that a greedy `{proxy+}` beside another
/// variable is rejected the same way).
///
/// ## Example
/// ```yaml
/// paths:
///   /users/{id}: {}
///   /users/{userId}/fans: {}
/// ```
///
/// ## Fix
/// Use one name at each level (`/users/{id}/fans`).
pub struct SiblingVariableConflict;

impl Rule for SiblingVariableConflict {
    const META: RuleMeta = RuleMeta {
        id: "sibling-variable-conflict",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "sibling resources may have only one variable path part",
    };

    fn check(api: &Api, out: &mut Findings) {
        // parent path -> first variable segment seen there (and the path that introduced it)
        let mut first: BTreeMap<String, (String, String)> = BTreeMap::new();
        for item in &api.paths {
            let mut parent = String::new();
            for seg in segments(&item.path) {
                if variable(seg).is_some() {
                    match first.get(&parent) {
                        Some((existing, from)) if existing != seg => {
                            out.report(item.loc.clone(), format!("Unable to create resource at path '{}': A sibling ({existing}) of this resource already has a variable path part -- only one is allowed", item.path))
                                .help(format!("use `{existing}` here too (as in `{from}`): one variable name per level"));
                            break;
                        }
                        Some(_) => {}
                        None => {
                            first.insert(parent.clone(), (seg.to_string(), item.path.clone()));
                        }
                    }
                }
                parent.push('/');
                parent.push_str(seg);
            }
        }
    }
}
