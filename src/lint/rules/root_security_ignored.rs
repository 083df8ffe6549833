use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// A REST API document with a non-empty root-level `security` list. The finding says how many
/// operations have no `security` of their own, and names the first few of them.
///
/// ## Why
/// OpenAPI applies root-level `security` to every operation that does not set its own, but REST
/// API import ignores it: the important-notes page lists root-level security among the
/// unsupported features and says to define security per operation [DG:api-gateway-known-issues].
/// An operation that relied on the root requirement is imported without it. HTTP APIs do honour
/// root-level `security`, which is why this rule is REST-only.
///
/// ## Example
/// ```yaml
/// security:
///   - lambdaAuth: []     # ignored by REST import
/// paths:
///   /pets:
///     get: {...}         # imported without an authorizer
/// ```
///
/// ## Fix
/// Copy the requirement onto each operation (`security: [{lambdaAuth: []}]` under the
/// operation), then remove the root-level list.
pub struct RootSecurityIgnored;

impl Rule for RootSecurityIgnored {
    const META: RuleMeta = RuleMeta {
        id: "root-security-ignored",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        import: Some(Severity::Warn),
        generic: false,
        summary: "root-level security is ignored by REST import",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(security) = &api.security else { return };
        if security.is_empty() {
            // `security: []` asks for nothing; ignoring it changes nothing.
            return;
        }
        let mut total = 0usize;
        let mut bare: Vec<String> = Vec::new();
        let mut bare_count = 0usize;
        for (path, op) in api.operations() {
            total += 1;
            if op.security.is_none() {
                bare_count += 1;
                if bare.len() < 3 {
                    bare.push(format!("{} {}", op.method.as_str(), path.path));
                }
            }
        }
        let loc = Loc::default().child("security");
        if bare_count == 0 {
            out.report(loc, "root-level `security` is ignored by REST API import; every operation sets its own, so nothing depends on it")
                .with_help("remove the root-level `security` list");
            return;
        }
        let examples = if bare_count > bare.len() {
            format!("{}, and {} more", bare.join(", "), bare_count - bare.len())
        } else {
            bare.join(", ")
        };
        let count = if bare_count == 1 {
            format!("1 of {total} operations has no `security` of its own")
        } else {
            format!("{bare_count} of {total} operations have no `security` of their own")
        };
        out.report(
            loc,
            format!("root-level `security` is ignored by REST API import: {count} and will not get it ({examples})"),
        )
        .with_help("copy the requirement into each operation's `security`, then remove the root-level list");
    }
}
