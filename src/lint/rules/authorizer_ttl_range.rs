use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::is_intrinsic;

/// ## What it checks
/// An authorizer's `authorizerResultTtlInSeconds` is a whole number from 0 to 3600. It may be
/// written as a number or as a string (`"300"`); a CloudFormation intrinsic is not checked.
///
/// ## Why
/// The TTL is an integer; 0 turns caching off, the default is 300 and "the maximum value is
/// 3600, or 1 hour" [BOTO1:Authorizer.authorizerResultTtlInSeconds]; HTTP APIs have the same
/// range (the v2 shape `IntegerWithLengthBetween0And3600`, [BOTO2:Authorizer.AuthorizerResultTtlInSeconds]).
/// The limit cannot be raised, and a value outside it fails the import.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-authorizer:
///   type: token
///   authorizerResultTtlInSeconds: 86400
/// ```
///
/// ## Fix
/// Use a value from 0 (no caching) to 3600 seconds.
pub struct AuthorizerTtlRange;

impl Rule for AuthorizerTtlRange {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-ttl-range",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "authorizerResultTtlInSeconds is an integer 0..3600",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, scheme) in &api.security_schemes {
            let Some(authorizer) = &scheme.authorizer else { continue };
            let Some(ttl) = &authorizer.result_ttl_in_seconds else { continue };
            if is_intrinsic(&ttl.raw) {
                continue;
            }
            let raw = match &ttl.raw {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let problem = match ttl.value {
                None => format!("`{raw}` is not a number"),
                Some(v) if v.fract() != 0.0 => format!("`{raw}` is not a whole number of seconds"),
                Some(v) if !(0.0..=3600.0).contains(&v) => format!("`{raw}` is outside the allowed 0..3600 seconds"),
                Some(_) => continue,
            };
            out.report(
                authorizer.loc.child("authorizerResultTtlInSeconds"),
                format!("authorizerResultTtlInSeconds of security scheme `{name}`: {problem}"),
            )
            .help("use a whole number of seconds from 0 (no caching) to 3600 (one hour, the maximum)");
        }
    }
}
