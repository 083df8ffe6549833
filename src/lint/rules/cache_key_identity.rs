use crate::diag::Severity;
use crate::ir::{Api, AuthKind, IdentitySource, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// When the template turns caching on for a stage (`CacheClusterEnabled` and a method setting
/// with `CachingEnabled: true`), every cached method that requires authorization (a Lambda or
/// Cognito authorizer, IAM, or an API key) has the caller's identity among its integration's
/// `cacheKeyParameters`: the authorizer's identity source (`method.request.header.X` or
/// `method.request.querystring.X`; `Authorization` for Cognito and IAM, `x-api-key` for API
/// keys). A setting for every method (`HttpMethod: "*"`) caches GET methods only; a setting that
/// names a method caches that method.
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
/// same path within the TTL: a data leak [DG:api-gateway-caching]. "When you enable caching for
/// a stage, only GET methods have caching enabled by default"; other methods are cached only
/// when a method setting names them [DG:api-gateway-caching].
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
                    // A setting for every method (`*`) caches GET methods only.
                    let method_matches = if setting.http_method == "*" {
                        op.method == crate::ir::Method::Get
                    } else {
                        setting.http_method.eq_ignore_ascii_case(op.method.as_str())
                    };
                    if !path_matches || !method_matches {
                        continue;
                    }
                    let auth = api.authorization(op);
                    let Some(identity) = identity(api, &auth) else { continue };
                    let keys = op.integration.as_ref().map(|i| i.cache_key_parameters.as_slice()).unwrap_or_default();
                    if keys.iter().filter_map(Text::as_str).any(|k| identity.is_key(k)) {
                        continue;
                    }
                    let shown = identity.shown();
                    let help = match identity.key() {
                        Some(key) => format!("add {key} to the integration's cacheKeyParameters (and declare the parameter), or turn caching off for this method"),
                        None => "the identity is not a request parameter, so it cannot key the cache: turn caching off for this method".to_string(),
                    };
                    out.report(setting.loc.clone(), format!("stage {} caches {} {}, which is authorized, but its cache key does not include `{shown}`: one caller's cached response is served to others", stage.name, op.method.as_str(), item.path))
                        .help(help);
                }
            }
        }
    }
}

/// The request header that carries the caller's identity for this authorization, if any.
/// Where the caller's identity comes from, as a cache key would name it.
enum Identity {
    Header(String),
    Query(String),
    /// A stage variable or context value: the same for every caller of a stage, or not a
    /// request parameter at all.
    Other(String),
}

impl Identity {
    /// The cache key parameter that carries it.
    fn key(&self) -> Option<String> {
        match self {
            Identity::Header(h) => Some(format!("method.request.header.{h}")),
            Identity::Query(q) => Some(format!("method.request.querystring.{q}")),
            Identity::Other(_) => None,
        }
    }

    /// Whether the cache key parameter `k` is this identity (header names ignore case).
    fn is_key(&self, k: &str) -> bool {
        match self {
            Identity::Header(h) => k.strip_prefix("method.request.header.").is_some_and(|x| x.eq_ignore_ascii_case(h)),
            Identity::Query(q) => k.strip_prefix("method.request.querystring.") == Some(q.as_str()),
            Identity::Other(_) => false,
        }
    }

    fn shown(&self) -> String {
        match self {
            Identity::Header(h) => h.clone(),
            Identity::Query(q) => format!("query string {q}"),
            Identity::Other(o) => o.clone(),
        }
    }
}

/// The caller's identity for this authorization, if any: the authorizer's first identity
/// source, `Authorization` for Cognito and IAM, `x-api-key` for an API key alone.
fn identity(api: &Api, auth: &crate::ir::Authorization) -> Option<Identity> {
    match &auth.kind {
        AuthKind::Cognito { .. } | AuthKind::Iam => Some(Identity::Header("Authorization".into())),
        AuthKind::Lambda { authorizer } | AuthKind::Jwt { authorizer, .. } => {
            let scheme = api.security_schemes.get(authorizer)?;
            match scheme.identity_sources().into_iter().next()? {
                IdentitySource::Header(h) => Some(Identity::Header(h)),
                IdentitySource::Query(q) => Some(Identity::Query(q)),
                _ => scheme.identity_source_text()?.split(',').next().map(|s| Identity::Other(s.trim().to_string())),
            }
        }
        AuthKind::None if auth.api_key => Some(Identity::Header("x-api-key".into())),
        AuthKind::None => None,
    }
}
