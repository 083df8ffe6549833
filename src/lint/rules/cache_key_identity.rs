use crate::diag::Severity;
use crate::ir::{Api, AuthKind, IdentitySource, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// When the template turns caching on for a stage (`CacheClusterEnabled` and a method setting
/// with `CachingEnabled: true`), every cached method that requires authorization (a Lambda or
/// Cognito authorizer, IAM, or an API key) has the caller's identity among its integration's
/// `cacheKeyParameters`: the authorizer's identity header (`Authorization` for Cognito and IAM,
/// `x-api-key` for API keys).
///
/// The stage's settings are read wherever the template keeps them: `CacheClusterEnabled` and
/// `MethodSettings` of an `AWS::ApiGateway::Stage`, of a Deployment's `StageDescription` (whose
/// own `CachingEnabled` applies to every method), and of a SAM Api (with `Globals.Api`). A
/// method setting's `ResourcePath` is read in CloudFormation's encoding: `/~1orders` is
/// `/orders`, `/*` every resource; a plain `/orders` applies to nothing, as in CloudFormation.
///
/// ## Why
/// The cache key is the resource path plus the cache key parameters. Without the caller's
/// identity in it, the response cached for one user is served to every other user who calls the
/// same path within the TTL: a data leak (API Gateway developer guide, caching: cache keys).
///
/// ## Example
/// ```yaml
/// MethodSettings:
///   - {ResourcePath: "/*", HttpMethod: "*", CachingEnabled: true}
/// # GET /orders is authorized by a Cognito pool, and its integration has no cacheKeyParameters
/// ```
///
/// ## Fix
/// Add the identity to the cache key, e.g. `cacheKeyParameters: [method.request.header.Authorization]`
/// (declare the header parameter too), or turn caching off for that method.
pub struct CacheKeyIdentity;

impl Rule for CacheKeyIdentity {
    const META: RuleMeta = RuleMeta {
        id: "cache-key-identity",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "cached authorized methods key the cache on the caller's identity",
    };

    fn check(api: &Api, out: &mut Findings) {
        for stage in api.deployment.stages.iter().filter(|s| s.cache_cluster_enabled == Some(true)) {
            for setting in stage.method_settings.iter().filter(|m| m.caching_enabled == Some(true)) {
                let Some(resource) = setting.resource() else { continue };
                for (item, op) in api.operations() {
                    let path_matches = resource.as_ref().is_none_or(|p| *p == item.path);
                    let method_matches =
                        setting.http_method == "*" || setting.http_method.eq_ignore_ascii_case(op.method.as_str());
                    if !path_matches || !method_matches {
                        continue;
                    }
                    let auth = api.authorization(op);
                    let Some(header) = identity_header(api, &auth) else { continue };
                    let keys = op.integration.as_ref().map(|i| i.cache_key_parameters.as_slice()).unwrap_or_default();
                    let keyed = keys.iter().filter_map(Text::as_str).any(|k| {
                        k.strip_prefix("method.request.header.").is_some_and(|h| h.eq_ignore_ascii_case(&header))
                    });
                    if !keyed {
                        out.report(setting.loc.clone(), format!("stage {} caches {} {}, which is authorized, but its cache key does not include `{header}`: one caller's cached response is served to others", stage.name, op.method.as_str(), item.path))
                            .help(format!("add method.request.header.{header} to the integration's cacheKeyParameters (and declare the header), or turn caching off for this method"));
                    }
                }
            }
        }
    }
}

/// The request header that carries the caller's identity for this authorization, if any.
fn identity_header(api: &Api, auth: &crate::ir::Authorization) -> Option<String> {
    match &auth.kind {
        AuthKind::Cognito { .. } | AuthKind::Iam => Some("Authorization".into()),
        AuthKind::Lambda { authorizer } | AuthKind::Jwt { authorizer, .. } => {
            let scheme = api.security_schemes.get(authorizer)?;
            match scheme.identity_sources().into_iter().next()? {
                IdentitySource::Header(h) => Some(h),
                // Not a header: named as written, so that no cache key matches it.
                _ => scheme.identity_source_text()?.split(',').next().map(|s| s.trim().to_string()),
            }
        }
        AuthKind::None if auth.api_key => Some("x-api-key".into()),
        AuthKind::None => None,
    }
}
