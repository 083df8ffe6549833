use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// An HTTP API operation has at most one security requirement.
///
/// ## Why
/// An HTTP API route has one authorizer: IAM, a Lambda authorizer or a JWT authorizer. Import
/// fails when an operation models several security requirements (API Gateway developer guide,
/// HTTP API OpenAPI import).
///
/// ## Example
/// ```yaml
/// security:
///   - jwt: []
///   - iam: []
/// ```
///
/// ## Fix
/// Keep one requirement per operation.
pub struct OperationSingleSecurity;

impl Rule for OperationSingleSecurity {
    const META: RuleMeta = RuleMeta {
        id: "operation-single-security",
        category: Category::Security,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "HTTP API operations have at most one security requirement",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (path, op) in api.operations() {
            let Some(security) = &op.security else { continue };
            let many = security.len() > 1 || security.iter().any(|r| r.schemes.len() > 1);
            if many {
                out.report(
                    op.loc.child("security"),
                    format!(
                        "{} {} has more than one security requirement; an HTTP API route has one authorizer",
                        op.method.as_str(),
                        path.path
                    ),
                )
                .help("keep a single security requirement naming a single scheme");
            }
        }
    }
}
