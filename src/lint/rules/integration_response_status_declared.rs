use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::integrations;
use crate::lint::helpers::operation_label;
use crate::lint::helpers::passes_response_through;
use crate::lint::helpers::{written_as, Written};

/// ## What it checks
/// The `statusCode` of every integration response (`x-amazon-apigateway-integration.responses.*`)
/// of an operation is one of that operation's `responses` keys. A `default` operation response
/// does not stand in for a status code. Status codes given as `Fn::Sub` or other intrinsics are
/// not checked, and neither are proxy integrations (`aws_proxy`, `http_proxy`): they pass the
/// backend's response through without integration responses, and AWS's own Lambda proxy
/// examples carry `responses: {default: {statusCode: "200"}}` with no operation responses
/// [DG:set-up-lambda-proxy-integrations], [DG:setup-http-integrations].
///
/// ## Why
/// An integration response selects a method response by its status code, and "must match a
/// response declared in the Operation's `responses`"
/// [DG:api-gateway-swagger-extensions-integration-response]. When none matches, the import fails
/// with "Invalid mapping expression specified: Validation Result: warnings : [], errors : [No
/// method response exists for method.]"
/// (https://github.com/amazon-archives/aws-apigateway-importer/issues/121). Method responses are
/// created only for status codes: the reference importer skips a `default` response ("Default
/// response not supported, skipping", aws-apigateway-importer `ApiGatewaySdkSwaggerApiImporter`),
/// and a method response status code must match `[1-5]\d\d` [BOTO1:StatusCode].
///
/// A template's `AWS::ApiGateway::Method` is not imported: CloudFormation creates it with
/// PutIntegrationResponse, which accepts the status without a method response (the CDK's
/// `lambda-api-nonproxy` integration test, in the corpus, was deployed with one). The failure
/// comes at run time instead: each call the integration response answers ends in a 500, its
/// execution log saying "Execution failed due to configuration error: Output mapping refers to an
/// invalid method response: 200" (a recorded case:
/// https://dev.classmethod.jp/articles/tsnote-output-mapping-refers-to-an-invalid-method-response-200/).
/// The finding says so for such methods.
///
/// ## Example
/// ```yaml
/// get:
///   responses:
///     "200": {description: ok}
///   x-amazon-apigateway-integration:
///     type: mock
///     responses:
///       default:
///         statusCode: "201"      # no "201" response above
/// ```
///
/// ## Fix
/// Declare the status code under the operation's `responses` (`"201": {description: created}`),
/// or change `statusCode` to a status the operation declares.
pub struct IntegrationResponseStatusDeclared;

impl Rule for IntegrationResponseStatusDeclared {
    const META: RuleMeta = RuleMeta {
        id: "integration-response-status-declared",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "integration response status codes are declared operation responses",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (op, integration) in integrations(api) {
            let Some((path, op)) = op else { continue };
            if passes_response_through(integration) {
                continue;
            }
            let declared: Vec<&str> = op.responses.iter().flatten().map(|r| r.status.as_str()).collect();
            for (pattern, response) in &integration.responses {
                let Some(Text::Str(code)) = &response.status_code else { continue };
                let code = code.trim();
                if declared.contains(&code) {
                    continue;
                }
                let codes: Vec<String> =
                    declared.iter().filter(|s| **s != "default").map(|s| format!("`{s}`")).collect();
                let resource = written_as(api, &op.loc) == Written::Resource;
                let mut help = if resource {
                    format!("add `{{StatusCode: \"{code}\"}}` to the Method's `MethodResponses`")
                } else {
                    format!("add a `\"{code}\"` response to the operation's `responses`")
                };
                if !codes.is_empty() {
                    help.push_str(&format!(", or use a declared status ({})", codes.join(", ")));
                }
                if declared.contains(&"default") {
                    help.push_str("; the `default` response does not count, API Gateway creates method responses for status codes only");
                }
                let message = if resource {
                    format!(
                        "integration response `{pattern}` returns status `{code}`, which the MethodResponses of {} do not declare: CloudFormation creates it, but each call it answers ends in a 500 (\"Output mapping refers to an invalid method response: {code}\")",
                        operation_label(path, op)
                    )
                } else {
                    format!(
                        "integration response `{pattern}` returns status `{code}`, which {} does not declare: \"No method response exists for method.\"",
                        operation_label(path, op)
                    )
                };
                out.report(response.loc.child("statusCode"), message)
                .help(help);
            }
        }
    }
}
