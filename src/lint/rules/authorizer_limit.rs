use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// The default quota of authorizers per API.
const LIMIT: usize = 10;

/// ## What it checks
/// An API defines at most 10 authorizers (security schemes with `x-amazon-apigateway-authorizer`).
///
/// ## Why
/// API Gateway's default quota is 10 authorizers per API, for REST and HTTP APIs alike; it can be
/// raised on request [DG:limits]. Without a raised quota, creating the eleventh authorizer fails,
/// and the import with it.
///
/// ## Example
/// Eleven security schemes, each with its own Lambda authorizer.
///
/// ## Fix
/// Share authorizers between operations (one Lambda can read several identity sources), or
/// request a quota increase and ignore this finding.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html>
pub struct AuthorizerLimit;

impl Rule for AuthorizerLimit {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-limit",
        category: Category::Authorizer,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "at most 10 authorizers per API (default quota)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let with: Vec<(&String, &crate::ir::SecurityScheme)> =
            api.security_schemes.iter().filter(|(_, s)| s.authorizer.is_some()).collect();
        if with.len() > LIMIT {
            let (name, scheme) = with[LIMIT];
            out.report(
                scheme.loc.clone(),
                format!("{} authorizers are defined; the default quota is {LIMIT} per API, and `{name}` is the first beyond it", with.len()),
            )
            .help("share authorizers between operations, or request a quota increase");
        }
    }
}
