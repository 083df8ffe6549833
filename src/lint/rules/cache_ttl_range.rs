use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Stage method settings' `CacheTtlInSeconds` is a whole number from 0 to 3600, wherever the
/// template sets it: an `AWS::ApiGateway::Stage`'s `MethodSettings`, an
/// `AWS::ApiGateway::Deployment`'s `StageDescription` (its own `CacheTtlInSeconds`, which every
/// method takes, and its `MethodSettings`), and a SAM Api's `MethodSettings` (with those of
/// `Globals.Api`, which SAM puts before the Api's own).
///
/// ## Why
/// API Gateway caches responses for 0 to 3600 seconds (default 300; 0 disables caching); other
/// values are rejected when the stage is deployed (API Gateway developer guide, caching;
/// CloudFormation `AWS::ApiGateway::Stage` MethodSetting and `AWS::ApiGateway::Deployment`
/// StageDescription: `CacheTtlInSeconds`).
///
/// ## Example
/// ```yaml
/// MethodSettings:
///   - ResourcePath: "/*"
///     HttpMethod: "*"
///     CachingEnabled: true
///     CacheTtlInSeconds: 7200
/// ```
///
/// ## Fix
/// Use a TTL from 0 to 3600.
pub struct CacheTtlRange;

impl Rule for CacheTtlRange {
    const META: RuleMeta = RuleMeta {
        id: "cache-ttl-range",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Deploy,
        generic: false,
        summary: "cache TTLs are 0..3600 seconds",
    };

    fn check(api: &Api, out: &mut Findings) {
        for stage in &api.deployment.stages {
            for m in &stage.method_settings {
                let Some(ttl) = &m.cache_ttl_in_seconds else { continue };
                if crate::lint::helpers::is_intrinsic(&ttl.raw) {
                    continue;
                }
                let ok = ttl.value.is_some_and(|v| v.fract() == 0.0 && (0.0..=3600.0).contains(&v));
                if !ok {
                    out.report(
                        m.loc.child("CacheTtlInSeconds"),
                        format!("stage {}: CacheTtlInSeconds `{}` is outside 0..3600", stage.name, ttl.raw),
                    )
                    .help("use a whole number of seconds from 0 to 3600 (0 disables caching)");
                }
            }
        }
    }
}
