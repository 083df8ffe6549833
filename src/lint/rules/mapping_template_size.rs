use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::helpers::known_text;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// The largest mapping template API Gateway takes: 300 KB.
const MAX_BYTES: usize = 300 * 1024;

/// ## What it checks
/// Each mapping template (an integration's `requestTemplates`, and the `responseTemplates` of
/// its responses) is at most 300 KB.
///
/// ## Why
/// "The maximum size of a mapping template is 300 KB" [DG:api-gateway-known-issues]; the REST
/// API quotas list the same limit [DG:limits].
/// A larger template is refused when the integration is created. gwgen measures the template's
/// UTF-8 bytes and counts a kilobyte as 1024 bytes.
///
/// ## Example
/// ```yaml
/// requestTemplates:
///   application/json: "#set($lookup = { ... 400 KB of data ... })"
/// ```
///
/// ## Fix
/// Move large data out of the template (into the backend, or a lookup the backend performs), or
/// split it across content types.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html>
pub struct MappingTemplateSize;

impl Rule for MappingTemplateSize {
    const META: RuleMeta = RuleMeta {
        id: "mapping-template-size",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "each mapping template is at most 300 KB",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let responses = integration.responses.values().map(|r| (&r.response_templates, r.loc.child("responseTemplates")));
            let all = std::iter::once((&integration.request_templates, integration.loc.child("requestTemplates")))
                .chain(responses);
            for (templates, loc) in all {
                for (content_type, template) in templates {
                    // A template CloudFormation substitutes into has its size only after that.
                    let Some(text) = known_text(template) else { continue };
                    if text.len() > MAX_BYTES {
                        out.report(
                            loc.child(content_type),
                            format!(
                                "the `{content_type}` mapping template is {} KB; API Gateway takes at most 300 KB",
                                text.len().div_ceil(1024)
                            ),
                        )
                        .help("move large data out of the template, or split the work between the template and the backend");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;

    #[test]
    fn limit_is_300_kb() {
        let doc = |n: usize| {
            format!(
                "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    post:\n      responses: {{'200': {{description: ok}}}}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: '{}'\n        responses: {{default: {{statusCode: '200', responseTemplates: {{application/json: '{}'}}}}}}\n",
                "a".repeat(n),
                "b".repeat(n + 1)
            )
        };
        assert!(pointers_of("mapping-template-size", &doc(300 * 1024 - 1), None).is_empty());
        assert_eq!(
            pointers_of("mapping-template-size", &doc(300 * 1024), None),
            ["/paths/~1a/post/x-amazon-apigateway-integration/responses/default/responseTemplates/application~1json"]
        );
        assert_eq!(pointers_of("mapping-template-size", &doc(300 * 1024 + 1), None).len(), 2);
    }
}
