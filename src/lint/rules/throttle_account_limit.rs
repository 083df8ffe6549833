use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// The account-level defaults per region: steady rate and burst.
const ACCOUNT_RATE: f64 = 10_000.0;
const ACCOUNT_BURST: f64 = 5_000.0;

/// ## What it checks
/// Throttling limits set in the template do not exceed the account's regional defaults: 10,000
/// requests per second and a burst of 5,000. They are read wherever a template sets them:
/// - `MethodSettings` (`ThrottlingRateLimit`, `ThrottlingBurstLimit`) of an
///   `AWS::ApiGateway::Stage`, of a Deployment's `StageDescription` (and the `StageDescription`'s
///   own throttling fields), and of a SAM Api (with `Globals.Api`);
/// - `DefaultRouteSettings` and per-route `RouteSettings` of an `AWS::ApiGatewayV2::Stage` and
///   of a SAM HttpApi or WebSocketApi (with `Globals.HttpApi` / `Globals.WebSocketApi`), for HTTP
///   and WebSocket APIs alike;
/// - an `AWS::ApiGateway::UsagePlan` of the API: the plan's `Throttle` (`RateLimit`,
///   `BurstLimit`) and each API stage's per-method `Throttle` map (`"/pets/GET": {...}`);
///   SAM's `Auth.UsagePlan.Throttle`.
///
/// ## Why
/// Per-method and usage-plan limits only narrow the account limit; a higher number has no effect,
/// and it suggests capacity the API does not have. The burst limit cannot be raised at all
/// (API Gateway developer guide, quotas: "10,000 requests per second with a 5,000 burst";
/// Cape Town and Milan default to 2,500 / 1,250).
///
/// ## Example
/// ```yaml
/// MethodSettings:
///   - ResourcePath: "/*"
///     HttpMethod: "*"
///     ThrottlingRateLimit: 20000
/// ```
///
/// ## Fix
/// Set limits at or below the account's (raise the rate through a quota increase first if you
/// need more).
pub struct ThrottleAccountLimit;

impl Rule for ThrottleAccountLimit {
    const META: RuleMeta = RuleMeta {
        id: "throttle-account-limit",
        category: Category::Endpoint,
        severity: Severity::Warn,
        applies_to: ApiTypes::ALL,
        fails: Fails::Runtime,
        generic: false,
        summary: "throttling limits stay within the account defaults (10,000 rps, 5,000 burst)",
    };

    fn check(api: &Api, out: &mut Findings) {
        for t in &api.deployment.throttles {
            if let Some(rate) = t.rate.as_ref().and_then(|n| n.value).filter(|r| *r > ACCOUNT_RATE) {
                out.report(
                    t.rate_loc.clone(),
                    format!(
                        "{} sets a rate of {rate} requests per second, above the account default of 10,000",
                        t.place
                    ),
                )
                .help("lower it, or request a higher account quota first");
            }
            if let Some(burst) = t.burst.as_ref().and_then(|n| n.value).filter(|b| *b > ACCOUNT_BURST) {
                out.report(
                    t.burst_loc.clone(),
                    format!("{} sets a burst of {burst}, above the account's 5,000 (which cannot be raised)", t.place),
                )
                .help("set the burst to 5,000 or less");
            }
        }
    }
}
