use crate::diag::Severity;
use crate::ir::{Api, AuthKind, Method};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// An HTTP API with CORS configured (`x-amazon-apigateway-cors`) whose `$default` route requires
/// authorization also has an `OPTIONS` route that answers preflight requests without it (for
/// example `OPTIONS /{proxy+}`).
///
/// ## Why
/// With CORS configured, API Gateway answers preflight `OPTIONS` requests itself only when no
/// route matches them; a `$default` route matches everything, so preflights reach it, and since
/// browsers send preflights without credentials an authorizer on `$default` rejects them. AWS's
/// advice is to add an `OPTIONS /{proxy+}` route without authorization [DG:http-api-cors].
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-cors: {allowOrigins: ["https://app.example.com"]}
/// paths:
///   /$default:
///     x-amazon-apigateway-any-method:
///       isDefaultRoute: true
///       security: [{jwt: []}]
/// ```
///
/// ## Fix
/// Add `/{proxy+}` with an `options` operation and no `security` (its integration is never
/// called: API Gateway answers the preflight).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html>
pub struct DefaultRouteOptions;

impl Rule for DefaultRouteOptions {
    const META: RuleMeta = RuleMeta {
        id: "default-route-options",
        category: Category::Authorizer,
        severity: Severity::Info,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Runtime,
        generic: false,
        summary: "a $default route with authorization and CORS has an unauthenticated OPTIONS route",
    };

    fn check(api: &Api, out: &mut Findings) {
        if api.apigw.cors.is_none() {
            return;
        }
        let has_open_options =
            api.operations().any(|(_, op)| op.method == Method::Options && api.authorization(op).kind == AuthKind::None);
        if has_open_options {
            return;
        }
        for (path, op) in api.operations() {
            let default = op.is_default_route || path.path == "/$default" || path.path == "$default";
            if default && api.authorization(op).kind != AuthKind::None {
                out.report(
                    op.loc.clone(),
                    "the $default route requires authorization and CORS is configured: preflight OPTIONS requests reach $default and are rejected",
                )
                .help("add an `options` operation on `/{proxy+}` without `security`");
            }
        }
    }
}
