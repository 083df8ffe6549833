use crate::diag::Severity;
use crate::ir::{Api, IntegrationType, PassthroughBehavior};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// A non-proxy integration (`aws`, `http` or `mock`) with `passthroughBehavior: never` has at
/// least one `requestTemplates` entry. Proxy integrations are not checked: they do not use
/// mapping templates. `when_no_templates` without templates is fine: it passes every request
/// through as long as the integration has no templates at all.
///
/// ## Why
/// `NEVER` rejects every request whose content type has no mapping template with 415
/// Unsupported Media Type [BOTO1:Integration.passthroughBehavior]. With no templates at all,
/// that is every request, including those without a body (API Gateway takes a missing
/// `Content-Type` for `application/json`, which has no template either). The import accepts
/// this; the method then answers nothing but 415.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws
///   httpMethod: POST
///   uri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders
///   passthroughBehavior: never                 # and no requestTemplates
/// ```
///
/// ## Fix
/// Add a template for each content type clients send (`requestTemplates: {application/json: ...}`),
/// or use `when_no_templates` / `when_no_match` to pass bodies through unchanged.
pub struct PassthroughNeverWithoutTemplates;

impl Rule for PassthroughNeverWithoutTemplates {
    const META: RuleMeta = RuleMeta {
        id: "passthrough-never-without-templates",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "passthroughBehavior never comes with requestTemplates",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            if !matches!(integration.kind(), Some(IntegrationType::Aws | IntegrationType::Http | IntegrationType::Mock))
            {
                continue;
            }
            let Some(behavior) = &integration.passthrough_behavior else { continue };
            if !behavior.is(PassthroughBehavior::Never) || !integration.request_templates.is_empty() {
                continue;
            }
            // Only when the document really has no templates (not some value gwgen could not read).
            let written = api.sources.value(&integration.loc.child("requestTemplates"));
            if !written.is_none_or(|v| v.is_null() || v.as_object().is_some_and(|m| m.is_empty())) {
                continue;
            }
            out.report(
                integration.loc.child("passthroughBehavior"),
                format!("passthroughBehavior `{}` without requestTemplates: every request is rejected with 415 Unsupported Media Type", behavior.raw_text()),
            )
            .help("add requestTemplates for the content types clients send, or use when_no_templates to pass bodies through");
        }
    }
}
