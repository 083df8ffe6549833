use crate::diag::Severity;
use crate::ir::{Api, ApiType, AuthorizerType, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::is_intrinsic;

/// ## What it checks
/// A `request` (Lambda) authorizer that caches its results has an `identitySource`. In a REST
/// API caching is on unless `authorizerResultTtlInSeconds` is 0, since the TTL defaults to 300
/// seconds; in an HTTP API only an explicit TTL above 0 is taken as caching. An empty string
/// counts as no identity source; a TTL given as a CloudFormation intrinsic is not checked.
///
/// ## Why
/// The results are cached under the values of the identity sources, so "for the REQUEST
/// authorizer, this is required when authorization caching is enabled"
/// [BOTO1:Authorizer.identitySource], and the TTL "defaults to 300"
/// [BOTO1:Authorizer.authorizerResultTtlInSeconds]. HTTP API Lambda authorizers likewise need an
/// identity source to cache [DG:http-api-lambda-authorizer], [BOTO2:Authorizer.IdentitySource].
/// The HTTP API model states no default TTL ([BOTO2:Authorizer.AuthorizerResultTtlInSeconds]),
/// so gwgen assumes none there.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-authorizer:
///   type: request
///   authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
///   # no identitySource, and the TTL defaults to 300
/// ```
///
/// ## Fix
/// Name what the cache key is made of, e.g.
/// `identitySource: method.request.header.Authorization, context.httpMethod` (REST) or
/// `$request.header.Authorization` (HTTP), or turn caching off with
/// `authorizerResultTtlInSeconds: 0`.
pub struct AuthorizerCacheNeedsIdentity;

impl Rule for AuthorizerCacheNeedsIdentity {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-cache-needs-identity",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "a caching request authorizer has an identitySource",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, scheme) in &api.security_schemes {
            let Some(authorizer) = &scheme.authorizer else { continue };
            if !authorizer.kind.as_ref().is_some_and(|k| k.is(AuthorizerType::Request)) {
                continue;
            }
            let has_identity = match &authorizer.identity_source {
                None => false,
                Some(Text::Str(s)) => !s.trim().is_empty(),
                Some(Text::Intrinsic(_)) => true,
            };
            if has_identity {
                continue;
            }
            let ttl = match &authorizer.result_ttl_in_seconds {
                Some(t) if is_intrinsic(&t.raw) => continue,
                // Not a number: authorizer-ttl-range reports it.
                Some(t) => match t.value {
                    Some(v) => (v, false),
                    None => continue,
                },
                None if api.api_type == ApiType::Rest => (300.0, true),
                None => continue,
            };
            if ttl.0 <= 0.0 {
                continue;
            }
            let why = if ttl.1 {
                "caches results for 300 seconds (the default when authorizerResultTtlInSeconds is absent)".to_string()
            } else {
                format!("caches results for {} seconds", ttl.0)
            };
            let example = match api.api_type {
                ApiType::Rest => "`identitySource: method.request.header.Authorization`",
                ApiType::Http => "`identitySource: $request.header.Authorization`",
            };
            out.report(
                authorizer.loc.clone(),
                format!("the request authorizer of security scheme `{name}` {why} but has no identitySource to key the cache on"),
            )
            .help(format!("add the sources the cache key is made of, e.g. {example}, or set `authorizerResultTtlInSeconds: 0` to turn caching off"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;
    use crate::ir::ApiType;

    #[test]
    fn http_needs_an_explicit_ttl() {
        let doc = r#"
openapi: 3.0.1
info: {title: t, version: "1"}
paths: {}
components:
  securitySchemes:
    NoTtl:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:a/invocations
        authorizerPayloadFormatVersion: "2.0"
    Cached:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:a/invocations
        authorizerPayloadFormatVersion: "2.0"
        authorizerResultTtlInSeconds: 60
"#;
        let found = pointers_of("authorizer-cache-needs-identity", doc, Some(ApiType::Http));
        assert_eq!(found, ["/components/securitySchemes/Cached/x-amazon-apigateway-authorizer"]);
    }
}
