use crate::diag::Severity;
use crate::ir::{Api, AuthKind};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// Notes each REST method authorized by a Cognito user pool authorizer without scopes.
///
/// ## Why
/// A Cognito authorizer takes an ID token when the method names no OAuth scopes, and an access
/// token (whose scopes are checked) when it does [DG:apigateway-enable-cognito-user-pool]. Which
/// token a client must send is thus decided by the scope list, and is easy to get wrong: a client
/// that sends its access token to a method without scopes gets 401. gwgen notes the methods that
/// expect an ID token so the choice is deliberate (and generated SDKs can document it).
///
/// ## Example
/// ```yaml
/// get:
///   security:
///     - cognito: []          # clients must send the ID token
/// ```
///
/// ## Fix
/// Nothing if ID tokens are intended. To accept access tokens, list the scopes:
/// `security: [{cognito: [orders/read]}]`.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html>
pub struct CognitoScopesVsToken;

impl Rule for CognitoScopesVsToken {
    const META: RuleMeta = RuleMeta {
        id: "cognito-scopes-vs-token",
        category: Category::Authorizer,
        severity: Severity::Info,
        applies_to: ApiTypes::REST,
        fails: Fails::Never,
        generic: false,
        summary: "Cognito-authorized methods without scopes take ID tokens, not access tokens",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (path, op) in api.operations() {
            if let AuthKind::Cognito { authorizer, scopes } = api.authorization(op).kind {
                if scopes.is_empty() {
                    let loc = if op.security.is_some() { op.loc.child("security") } else { op.loc.clone() };
                    out.report(
                        loc,
                        format!("{} {} uses the Cognito authorizer `{authorizer}` without scopes: clients must send an ID token, and access tokens are refused", op.method.as_str(), path.path),
                    )
                    .help("list OAuth scopes to accept access tokens instead, if that is what clients send");
                }
            }
        }
    }
}
