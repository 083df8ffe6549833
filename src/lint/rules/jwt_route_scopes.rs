use crate::diag::Severity;
use crate::ir::{Api, AuthKind};
use crate::lint::helpers::{written_as, Written};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// An HTTP API route authorized by a JWT authorizer names at least one scope.
///
/// ## Why
/// A JWT authorizer checks the token's issuer, audience and times, and "at least one of the
/// route's scopes" when the route has any [DG:http-api-jwt-authorizer]. Without scopes, any valid
/// token of the issuer and audience is accepted, including ID tokens, which identify a user to a
/// client and are not meant to grant access to an API; AWS recommends requiring scopes so that
/// only access tokens are accepted [DG:http-api-jwt-authorizer].
///
/// ## Example
/// ```yaml
/// get:
///   security:
///     - jwt: []
/// ```
///
/// ## Fix
/// List the scopes the route needs: `security: [{jwt: [orders.read]}]`.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html>
pub struct JwtRouteScopes;

impl Rule for JwtRouteScopes {
    const META: RuleMeta = RuleMeta {
        id: "jwt-route-scopes",
        category: Category::Authorizer,
        severity: Severity::Info,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Never,
        generic: false,
        summary: "JWT-authorized routes name scopes (else ID tokens are accepted)",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (path, op) in api.operations() {
            if let AuthKind::Jwt { authorizer, scopes } = api.authorization(op).kind {
                if scopes.is_empty() {
                    let loc = if op.security.is_some() { op.loc.child("security") } else { op.loc.clone() };
                    out.report(
                        loc,
                        format!("{} {} uses the JWT authorizer `{authorizer}` without scopes: any valid token, including an ID token, is accepted", op.method.as_str(), path.path),
                    )
                    .help(match written_as(api, &op.loc) {
                        Written::SamEvent => format!("name the scopes the route needs: `Auth: {{Authorizer: {authorizer}, AuthorizationScopes: [scope]}}` on the event"),
                        Written::Resource => "name the scopes the route needs in the Route's `AuthorizationScopes`".to_string(),
                        _ => format!("name the scopes the route needs: `security: [{{{authorizer}: [scope]}}]`"),
                    });
                }
            }
        }
    }
}
