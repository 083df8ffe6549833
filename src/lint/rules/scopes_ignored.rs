use crate::diag::Severity;
use crate::ir::{Api, ApiType, AuthorizerType, Choice};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// An operation lists authorization scopes only for a security scheme whose authorizer checks
/// them: a Cognito user pool authorizer in a REST API, a JWT authorizer in an HTTP API. Scopes on
/// a Lambda authorizer's scheme (`token` or `request`), on IAM (`awsSigv4`) or on an API key are
/// reported, wherever they are written: an operation's or the document's `security`, a
/// CloudFormation Method's `AuthorizationScopes`, a SAM event's `Auth.AuthorizationScopes`.
///
/// ## Why
/// A REST method's scopes "are used with a COGNITO_USER_POOLS authorizer to authorize the method
/// invocation" [BOTO1:Method.authorizationScopes], and an HTTP API route's "with a JWT
/// authorizer" [BOTO2:Route.AuthorizationScopes]. A Lambda authorizer is not given them: its
/// own policy alone decides [DG:apigateway-use-lambda-authorizer]. IAM and API keys have no
/// scopes at all, and OpenAPI itself requires an empty list for schemes other than OAuth 2 and
/// OpenID Connect. Such scopes are accepted and then nothing enforces them, while whoever reads
/// the API believes the operation needs `orders/write`.
///
/// ## Example
/// ```yaml
/// post:
///   security:
///     - lambdaTokens: [orders/write]   # a Lambda authorizer: the scope is not checked
/// ```
///
/// ## Fix
/// Check the scope in the Lambda authorizer (it sees the token) and remove it from the
/// operation, or authorize the operation with a Cognito (REST) or JWT (HTTP) authorizer, which
/// checks scopes itself.
pub struct ScopesIgnored;

impl Rule for ScopesIgnored {
    const META: RuleMeta = RuleMeta {
        id: "scopes-ignored",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Never,
        generic: false,
        summary: "scopes are listed only for authorizers that check them (Cognito in REST, JWT in HTTP APIs)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let mut requirements: Vec<_> = api.security.iter().flatten().collect();
        requirements.extend(api.operations().filter_map(|(_, o)| o.security.as_ref()).flatten());
        for requirement in requirements {
            for (name, scopes) in &requirement.schemes {
                let Some(scheme) = api.security_schemes.get(name) else { continue };
                if scopes.is_empty() {
                    continue;
                }
                let kind = scheme.authorizer.as_ref().and_then(|a| a.kind.as_ref()).and_then(Choice::get);
                let what = match (api.api_type, kind) {
                    (ApiType::Rest, Some(AuthorizerType::CognitoUserPools)) | (ApiType::Http, Some(AuthorizerType::Jwt)) => {
                        continue
                    }
                    (_, Some(AuthorizerType::Token | AuthorizerType::Request)) => "a Lambda authorizer",
                    _ if scheme.is_iam() => "IAM authorization",
                    _ if scheme.is_api_key() => "an API key",
                    // OAuth 2 / OpenID Connect schemes (JWT in an HTTP API) and unknown types are
                    // other rules' to judge.
                    _ => continue,
                };
                let (checks, holder) = match api.api_type {
                    ApiType::Rest => ("a Cognito user pool authorizer", "a method's"),
                    ApiType::Http => ("a JWT authorizer", "a route's"),
                };
                out.report(
                    requirement.loc.child(name),
                    format!(
                        "scopes {} of `{name}` are not checked: `{name}` is {what}, and API Gateway checks {holder} scopes only with {checks}",
                        scopes.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                    ),
                )
                .help(if what == "a Lambda authorizer" {
                    format!("check the scopes in the Lambda authorizer (it sees the token) and remove them here, or authorize with {checks}")
                } else {
                    format!("remove them ({what} has no scopes), or authorize with {checks}")
                });
            }
        }
    }
}
