use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::is_intrinsic;

/// ## What it checks
/// `passthroughBehavior` is `when_no_match`, `when_no_templates` or `never` (in any letter case).
///
/// ## Why
/// These are the only three behaviours API Gateway has for request bodies whose content type has
/// no mapping template [BOTO1:Integration.passthroughBehavior]
/// [DG:api-gateway-swagger-extensions-integration]. The import rejects any other value.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws
///   passthroughBehavior: when_no_template      # missing "s"
/// ```
///
/// ## Fix
/// Use `when_no_match` (pass unmapped content types through), `when_no_templates` (pass through
/// only while the integration has no templates at all) or `never` (reject unmapped content types
/// with 415).
pub struct PassthroughBehaviorValid;

impl Rule for PassthroughBehaviorValid {
    const META: RuleMeta = RuleMeta {
        id: "passthrough-behavior-valid",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "passthroughBehavior is when_no_match, when_no_templates or never",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(behavior) = &integration.passthrough_behavior else { continue };
            if behavior.value.is_none() && !is_intrinsic(&behavior.raw) {
                out.report(
                    integration.loc.child("passthroughBehavior"),
                    format!(
                        "passthroughBehavior `{}` is not one of `when_no_match`, `when_no_templates`, `never`",
                        crate::lint::helpers::as_written(api, &integration.loc.child("passthroughBehavior"), behavior.raw_text())
                    ),
                )
                .help("use `when_no_match`, `when_no_templates` or `never`");
            }
        }
    }
}
