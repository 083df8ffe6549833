use std::collections::BTreeSet;

use crate::diag::Severity;
use crate::ir::{Api, ApiType};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// The default quota of REST resources, HTTP routes and HTTP integrations per API.
const LIMIT: usize = 300;

/// ## What it checks
/// A REST API has at most 300 resources (every path prefix is a resource, the root included); an
/// HTTP API has at most 300 routes (operations) and 300 integrations.
///
/// ## Why
/// API Gateway's default quotas are 300 resources per REST API, and 300 routes and 300
/// integrations per HTTP API; they can be raised on request [DG:limits]. Past the quota the import
/// fails.
///
/// ## Example
/// A REST API whose paths make 301 resources.
///
/// ## Fix
/// Merge resources (a greedy `{proxy+}` path), split the API, or request a quota increase and
/// ignore this finding.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html>
pub struct ResourceCountLimit;

impl Rule for ResourceCountLimit {
    const META: RuleMeta = RuleMeta {
        id: "resource-count-limit",
        category: Category::Import,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "at most 300 resources (REST) or 300 routes and integrations (HTTP), the default quotas",
    };

    fn check(api: &Api, out: &mut Findings) {
        let root = crate::source::Loc::default().child("paths");
        match api.api_type {
            ApiType::Rest => {
                let mut resources = BTreeSet::from([String::new()]);
                for path in &api.paths {
                    let mut prefix = String::new();
                    for segment in crate::lint::helpers::segments(&path.path) {
                        prefix.push('/');
                        prefix.push_str(segment);
                        resources.insert(prefix.clone());
                    }
                }
                if resources.len() > LIMIT {
                    out.report(root, format!("the paths make {} resources; the default quota is {LIMIT} per REST API", resources.len()))
                        .help("merge resources (a greedy `{proxy+}` path), split the API, or request a quota increase");
                }
            }
            ApiType::Http => {
                let routes = api.operations().count();
                if routes > LIMIT {
                    out.report(root.clone(), format!("the API has {routes} routes; the default quota is {LIMIT} per HTTP API"))
                        .help("merge routes (a greedy `{proxy+}` path or ANY), split the API, or request a quota increase");
                }
                // Operations that share a `$ref`ed integration share one integration.
                let mut shared = BTreeSet::new();
                let mut integrations = 0;
                for (_, integration) in crate::lint::helpers::integrations(api) {
                    match &integration.reference {
                        Some(name) => {
                            if shared.insert(name.clone()) {
                                integrations += 1;
                            }
                        }
                        None => integrations += 1,
                    }
                }
                if integrations > LIMIT {
                    out.report(root, format!("the API has {integrations} integrations; the default quota is {LIMIT} per HTTP API"))
                        .help("share integrations through `components.x-amazon-apigateway-integrations`, or request a quota increase");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;

    #[test]
    fn counts_resources() {
        let doc = |n: usize| {
            let mut s = String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n");
            for i in 0..n {
                s.push_str(&format!("  /r{i}:\n    get: {{responses: {{'200': {{description: ok}}}}, x-amazon-apigateway-integration: {{type: mock}}}}\n"));
            }
            s
        };
        // The root and 299 paths are 300 resources; one more is over the quota.
        assert!(pointers_of("resource-count-limit", &doc(299), None).is_empty());
        assert_eq!(pointers_of("resource-count-limit", &doc(300), None), ["/paths"]);
    }
}
