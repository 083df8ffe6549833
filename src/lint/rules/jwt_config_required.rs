use crate::diag::Severity;
use crate::ir::{Api, AuthorizerType};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// The most audiences a JWT authorizer takes.
const MAX_AUDIENCES: usize = 50;

/// ## What it checks
/// A `jwt` authorizer has a `jwtConfiguration` with an `issuer` (or its security scheme is
/// `type: openIdConnect` with an `openIdConnectUrl`, from which the issuer is discovered) and an
/// `audience` of 1 to 50 entries.
///
/// ## Why
/// A JWT authorizer checks a token's `iss` against the issuer and its `aud` (or `client_id`)
/// against the audience list [DG:http-api-jwt-authorizer]. Both are "Required for the JWT
/// authorizer type" [BOTO2:JWTConfiguration]. In OpenAPI, the issuer may instead come from the
/// `openIdConnectUrl` of an `openIdConnect` security scheme
/// [DG:api-gateway-swagger-extensions-authorizer]. An authorizer may list at most 50 audiences
/// [DG:limits]. API Gateway rejects a JWT authorizer without them.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-authorizer:
///   type: jwt
///   identitySource: $request.header.Authorization
///   jwtConfiguration:
///     issuer: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc   # no audience
/// ```
///
/// ## Fix
/// Give the issuer URL and the client IDs (audiences) your tokens are issued for.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html>
pub struct JwtConfigRequired;

impl Rule for JwtConfigRequired {
    const META: RuleMeta = RuleMeta {
        id: "jwt-config-required",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "a jwt authorizer has an issuer and 1 to 50 audiences",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, scheme) in &api.security_schemes {
            let Some(authorizer) = &scheme.authorizer else { continue };
            if authorizer.kind.as_ref().and_then(|k| k.get()) != Some(AuthorizerType::Jwt) {
                continue;
            }
            let discovers_issuer = scheme.kind.eq_ignore_ascii_case("openIdConnect")
                && scheme.open_id_connect_url.as_deref().is_some_and(|u| !u.trim().is_empty());
            let Some(config) = &authorizer.jwt_configuration else {
                out.report(
                    authorizer.loc.clone(),
                    format!("the jwt authorizer of security scheme `{name}` has no jwtConfiguration (issuer and audience)"),
                )
                .help("add `jwtConfiguration: {issuer: https://..., audience: [client-id]}`");
                continue;
            };
            let loc = authorizer.loc.child("jwtConfiguration");
            let issuer_empty = config.issuer.as_ref().is_none_or(|i| i.as_str().is_some_and(|s| s.trim().is_empty()));
            if issuer_empty && !discovers_issuer {
                out.report(loc.clone(), format!("the jwt authorizer of security scheme `{name}` has no issuer"))
                    .help("add `issuer:` with the identity provider's issuer URL, or make the scheme `type: openIdConnect` with its `openIdConnectUrl`");
            }
            let audiences = config.audience.iter().filter(|a| a.as_str().is_none_or(|s| !s.trim().is_empty())).count();
            if audiences == 0 {
                out.report(loc.clone(), format!("the jwt authorizer of security scheme `{name}` has no audience"))
                    .help("add `audience:` with the client IDs your tokens are issued for");
            } else if audiences > MAX_AUDIENCES {
                out.report(
                    loc.child("audience"),
                    format!("the jwt authorizer of security scheme `{name}` lists {audiences} audiences; at most {MAX_AUDIENCES} are allowed"),
                )
                .help("keep at most 50 audiences per authorizer");
            }
        }
    }
}
