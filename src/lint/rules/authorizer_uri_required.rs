use crate::diag::Severity;
use crate::ir::{Api, AuthorizerType, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// A Lambda authorizer (`type: token` or `type: request`) has a non-empty `authorizerUri`.
/// Cognito and JWT authorizers need none, and an authorizer without a known type is left to
/// `authorizer-type-valid`.
///
/// ## Why
/// The URI is how API Gateway finds the Lambda function to invoke: "For TOKEN or REQUEST
/// authorizers, this must be a well-formed Lambda function URI"
/// [BOTO1:Authorizer.authorizerUri], and HTTP API Lambda authorizers need it too
/// [BOTO2:Authorizer.AuthorizerUri]. An authorizer without one cannot be created.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-authorizer:
///   type: token
///   identitySource: method.request.header.Authorization
///   # no authorizerUri
/// ```
///
/// ## Fix
/// Add the invocation URI of the authorizer function:
/// `authorizerUri: arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/arn:aws:lambda:{region}:{account}:function:{name}/invocations`.
pub struct AuthorizerUriRequired;

impl Rule for AuthorizerUriRequired {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-uri-required",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "Lambda authorizers have an authorizerUri",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, scheme) in &api.security_schemes {
            let Some(authorizer) = &scheme.authorizer else { continue };
            let Some(kind) = authorizer.kind.as_ref() else { continue };
            let Some(t @ (AuthorizerType::Token | AuthorizerType::Request)) = kind.value else { continue };
            let missing = match &authorizer.authorizer_uri {
                None => true,
                Some(Text::Str(s)) => s.trim().is_empty(),
                Some(Text::Intrinsic(_)) => false,
            };
            if missing {
                let kind = if t == AuthorizerType::Token { "token" } else { "request" };
                out.report(
                    authorizer.loc.clone(),
                    format!("the {kind} authorizer of security scheme `{name}` has no `authorizerUri`: API Gateway cannot tell which Lambda function to call"),
                )
                .help("add `authorizerUri: arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations`");
            }
        }
    }
}
