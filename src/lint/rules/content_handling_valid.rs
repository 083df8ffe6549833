use crate::diag::Severity;
use crate::ir::{Api, Choice, ContentHandling};
use crate::lint::helpers::is_intrinsic;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// `contentHandling`, on an integration or on one of its `responses`, is `CONVERT_TO_BINARY` or
/// `CONVERT_TO_TEXT` (letter case is not compared).
///
/// ## Why
/// API Gateway has exactly two content handling strategies, `CONVERT_TO_BINARY` and
/// `CONVERT_TO_TEXT` [BOTO1:ContentHandlingStrategy]; without the field the payload passes
/// through unchanged [DG:api-gateway-swagger-extensions-integration]. Any other value (for
/// example `CONVERT_TO_BASE64`, or `PASSTHROUGH`, which is what the absent field means) is
/// rejected.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws
///   contentHandling: PASSTHROUGH
/// ```
///
/// ## Fix
/// Write `CONVERT_TO_BINARY` or `CONVERT_TO_TEXT`, or remove the field to pass the payload
/// through.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html>
pub struct ContentHandlingValid;

impl Rule for ContentHandlingValid {
    const META: RuleMeta = RuleMeta {
        id: "content-handling-valid",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "contentHandling is CONVERT_TO_BINARY or CONVERT_TO_TEXT",
    };

    fn check(api: &Api, out: &mut Findings) {
        let mut check = |c: &Option<Choice<ContentHandling>>, loc: Loc| {
            let Some(c) = c else { return };
            if c.value.is_none() && !is_intrinsic(&c.raw) {
                let written = crate::lint::helpers::as_written(api, &loc, c.raw_text());
                out.report(loc, format!("contentHandling `{written}` is not CONVERT_TO_BINARY or CONVERT_TO_TEXT"))
                .help("use CONVERT_TO_BINARY or CONVERT_TO_TEXT, or remove the field to pass the payload through unchanged");
            }
        };
        for (_, integration) in crate::lint::helpers::integrations(api) {
            check(&integration.content_handling, integration.loc.child("contentHandling"));
            for response in integration.responses.values() {
                check(&response.content_handling, response.loc.child("contentHandling"));
            }
        }
    }
}
