use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::integrations;
use crate::lint::helpers::operation_label;
use crate::lint::helpers::{written_as, Written};
use crate::lint::helpers::{passes_response_through, strip_prefix_ci};

/// ## What it checks
/// Each `method.response.header.H` key in an integration response's `responseParameters` names a
/// header declared in the `headers` of the operation response whose status equals the
/// integration response's `statusCode`. Header names are compared without regard to case.
/// Integration responses whose status has no operation response are left to
/// `integration-response-status-declared`, and proxy integrations (`aws_proxy`, `http_proxy`)
/// are skipped: response parameter mapping needs a non-proxy integration
/// [WEB:https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping.html].
///
/// ## Why
/// On import the headers of an operation response become the method response's
/// `method.response.header.*` parameters, and an integration response may only map to those.
/// Mapping to an undeclared header fails the import with "Invalid mapping expression specified:
/// Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified:
/// method.response.header.Location]"
/// (https://github.com/amazon-archives/aws-apigateway-importer/issues/209;
/// [BOTO1:IntegrationResponse.responseParameters]).
///
/// ## Example
/// ```yaml
/// responses:
///   "201": {description: created}          # declares no headers
/// x-amazon-apigateway-integration:
///   responses:
///     default:
///       statusCode: "201"
///       responseParameters:
///         method.response.header.Location: integration.response.header.Location
/// ```
///
/// ## Fix
/// Declare the header on that response:
/// `"201": {description: created, headers: {Location: {schema: {type: string}}}}`. On an
/// `AWS::ApiGateway::Method` resource, declare it in that status's `MethodResponses` entry:
/// `ResponseParameters: {method.response.header.Location: false}` (CloudFormation's
/// PutIntegrationResponse fails the same way).
pub struct ResponseHeaderMappingDeclared;

impl Rule for ResponseHeaderMappingDeclared {
    const META: RuleMeta = RuleMeta {
        id: "response-header-mapping-declared",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "mapped method.response.header values are declared response headers",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (op, integration) in integrations(api) {
            let Some((path, op)) = op else { continue };
            if passes_response_through(integration) {
                continue;
            }
            for response in integration.responses.values() {
                if response.response_parameters.is_empty() {
                    continue;
                }
                let Some(code) = response.status_code.as_ref().and_then(|c| c.as_str()).map(str::trim) else {
                    continue;
                };
                let Some(declared) = op.responses.iter().flatten().find(|r| r.status == code) else { continue };
                let at = response.loc.child("responseParameters");
                for key in response.response_parameters.keys() {
                    let Some(header) = strip_prefix_ci(key, "method.response.header.") else { continue };
                    if header.is_empty() || declared.headers.keys().any(|h| h.eq_ignore_ascii_case(header)) {
                        continue;
                    }
                    out.report(
                        at.child(key),
                        format!(
                            "header `{header}` is mapped, but response `{code}` of {} does not declare it",
                            operation_label(path, op)
                        ),
                    )
                    .help(if written_as(api, &response.loc) == Written::Resource {
                        format!(
                            "declare it in the Method's `MethodResponses`: `{{StatusCode: \"{code}\", ResponseParameters: {{method.response.header.{header}: false}}}}`"
                        )
                    } else {
                        format!(
                            "declare it in the operation's responses: `\"{code}\": {{headers: {{{header}: {{schema: {{type: string}}}}}}}}`"
                        )
                    });
                }
            }
        }
    }
}
