use crate::diag::Severity;
use crate::ir::{Api, AuthKind, Method};
use crate::lint::helpers::{written_as, Written};
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
                .help(match written_as(api, &op.loc) {
                    Written::Resource => "add an `AWS::ApiGatewayV2::Route` with RouteKey `OPTIONS /{proxy+}` and no AuthorizationType",
                    Written::SamEvent => "add a function event (`Type: HttpApi`) on `Path: /{proxy+}`, `Method: OPTIONS` with `Auth: {Authorizer: NONE}`",
                    _ => "add an `options` operation on `/{proxy+}` without `security`",
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;

    fn doc(cors: bool, options: bool) -> String {
        let mut s = String::from("openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-importexport-version: '1.0'\n");
        if cors {
            s.push_str("x-amazon-apigateway-cors: {allowOrigins: ['https://app.example.com']}\n");
        }
        s.push_str("paths:\n  /$default:\n    x-amazon-apigateway-any-method:\n      isDefaultRoute: true\n      security: [{iam: []}]\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: 'https://example.com', payloadFormatVersion: '1.0'}\n");
        if options {
            s.push_str("  /{proxy+}:\n    options:\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: 'https://example.com', payloadFormatVersion: '1.0'}\n");
        }
        s.push_str("components:\n  securitySchemes:\n    iam: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}\n");
        s
    }

    #[test]
    fn only_with_cors_and_without_an_open_options_route() {
        assert_eq!(pointers_of("default-route-options", &doc(true, false), None), ["/paths/~1$default/x-amazon-apigateway-any-method"]);
        assert!(pointers_of("default-route-options", &doc(true, true), None).is_empty());
        assert!(pointers_of("default-route-options", &doc(false, false), None).is_empty());
    }
}
