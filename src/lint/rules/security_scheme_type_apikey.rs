use std::collections::HashSet;

use crate::diag::Severity;
use crate::ir::{Api, SecurityScheme};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Every security scheme a REST API relies on is written as `type: apiKey` with `in: header`
/// (or `in: query`). A scheme counts as relied on when an operation's `security` names it, or
/// when it carries `x-amazon-apigateway-authorizer` or `x-amazon-apigateway-authtype`. Schemes
/// of type `oauth2`, `http` (`basic` in Swagger 2.0), `openIdConnect` or `mutualTLS` are
/// reported, and so is an `apiKey` scheme read from a cookie.
///
/// ## Why
/// REST API Gateway builds all of its method authorization (API keys, IAM, Lambda and Cognito
/// authorizers) from `apiKey` schemes. The authorizer page says the scheme type is "Required and
/// the value must be 'apiKey' for an API Gateway API" and that `in` must be `header` (`query`
/// works for a single query-string identity source) [DG:api-gateway-swagger-extensions-authorizer].
/// The important-notes page repeats it: the `securitySchemes` type must be `apiKey`, and OAuth2
/// or HTTP Basic authentication has to be implemented with a Lambda authorizer
/// [DG:api-gateway-known-issues]. Any other scheme type gives the method no authorization at all.
///
/// ## Example
/// ```yaml
/// components:
///   securitySchemes:
///     oauth:
///       type: oauth2          # REST API Gateway cannot enforce this
///       flows: {clientCredentials: {tokenUrl: https://auth.example.com/token, scopes: {}}}
/// ```
///
/// ## Fix
/// Describe the scheme as API Gateway expects, `type: apiKey`, `name: Authorization`,
/// `in: header`, and attach the enforcement with `x-amazon-apigateway-authorizer` (a Lambda
/// `token`/`request` authorizer, or `cognito_user_pools`) or with
/// `x-amazon-apigateway-authtype: awsSigv4` for IAM.
pub struct SecuritySchemeTypeApikey;

impl Rule for SecuritySchemeTypeApikey {
    const META: RuleMeta = RuleMeta {
        id: "security-scheme-type-apikey",
        category: Category::Security,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "REST security schemes are type apiKey",
    };

    fn check(api: &Api, out: &mut Findings) {
        // Schemes named by operations (root-level security is ignored by REST import).
        let mut used: HashSet<&str> = HashSet::new();
        for (_, op) in api.operations() {
            for requirement in op.security.iter().flatten() {
                used.extend(requirement.schemes.keys().map(String::as_str));
            }
        }
        for (name, scheme) in &api.security_schemes {
            let for_apigw = scheme.authorizer.is_some() || scheme.authtype.is_some();
            if !for_apigw && !used.contains(name.as_str()) {
                continue;
            }
            let why = if for_apigw { "it configures API Gateway authorization" } else { "an operation uses it" };
            check_scheme(name, scheme, why, out);
        }
    }
}

fn check_scheme(name: &str, scheme: &SecurityScheme, why: &str, out: &mut Findings) {
    let kind = scheme.kind.as_str();
    if kind.is_empty() {
        out.report(
            scheme.loc.clone(),
            format!("security scheme `{name}` has no `type`; {why}, so it must be `type: apiKey`"),
        )
        .help("add `type: apiKey`, `name: Authorization` and `in: header`");
        return;
    }
    if !kind.eq_ignore_ascii_case("apiKey") {
        let what = match kind.to_ascii_lowercase().as_str() {
            "oauth2" | "openidconnect" => {
                "OAuth2 and OpenID Connect tokens are checked by a Lambda or Cognito authorizer"
            }
            "http" | "basic" => "HTTP Basic and bearer authentication are checked by a Lambda authorizer",
            _ => "REST APIs read only apiKey schemes",
        };
        out.report(
            scheme.loc.child("type"),
            format!("security scheme `{name}` is `type: {kind}`; {why}, but REST API Gateway only understands `type: apiKey`"),
        )
        .help(format!(
            "{what}: write `type: apiKey`, `name: Authorization`, `in: header` and attach `x-amazon-apigateway-authorizer`"
        ));
        return;
    }
    if let Some(place) = &scheme.param_in {
        if !place.eq_ignore_ascii_case("header") && !place.eq_ignore_ascii_case("query") {
            out.report(
                scheme.loc.child("in"),
                format!("security scheme `{name}` reads its key from `in: {place}`; API Gateway reads a header (or a query string)"),
            )
            .help("write `in: header` (or `in: query` for a single query-string identity source)");
        }
    }
}
