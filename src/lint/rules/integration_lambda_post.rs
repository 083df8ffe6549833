use crate::diag::Severity;
use crate::ir::{Api, ApiType, Integration, IntegrationType, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::{is_function_arn, is_invocation, mask};

/// ## What it checks
/// An integration that invokes a Lambda function uses `httpMethod: POST`. Lambda integrations
/// are `aws_proxy` and `aws` integrations whose `uri` is a Lambda invocation URI
/// (`...:lambda:path/2015-03-31/functions/.../invocations`) or a function ARN, and on HTTP APIs
/// every `aws_proxy` integration without an `integrationSubtype`. A missing `httpMethod` is
/// left to `integration-httpmethod-required` (HTTP APIs may omit it for Lambda).
///
/// ## Why
/// `httpMethod` is the method of the integration request, the call API Gateway makes to the
/// backend, not the method clients use. Lambda's Invoke action is a POST, so for Lambda the
/// integration method must be `POST` whatever the operation's own method
/// [BOTO1:Integration.httpMethod] [DG:api-gateway-swagger-extensions-integration]. HTTP APIs
/// refuse anything else with "HttpMethod must be POST for AWS_PROXY IntegrationType"
/// [ISSUE:https://github.com/hashicorp/terraform-provider-aws/issues/42391]; a REST API may take
/// the document and then answer every call with "Internal server error"
/// [ISSUE:https://github.com/localstack/localstack/issues/10473]
/// [ISSUE:https://github.com/terraform-aws-modules/terraform-aws-apigateway-v2/pull/14].
///
/// ## Example
/// ```yaml
/// get:
///   x-amazon-apigateway-integration:
///     type: aws_proxy
///     httpMethod: GET          # copied from the operation: wrong
///     uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations
/// ```
///
/// ## Fix
/// Set `httpMethod: POST`. Clients still call the operation with its own method (`GET` above).
pub struct IntegrationLambdaPost;

impl Rule for IntegrationLambdaPost {
    const META: RuleMeta = RuleMeta {
        id: "integration-lambda-post",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "Lambda integrations use httpMethod POST",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(method) = integration.http_method.as_ref().and_then(Text::as_str) else { continue };
            let method = method.trim();
            if method.eq_ignore_ascii_case("POST") || method.contains("${") || !invokes_lambda(api, integration) {
                continue;
            }
            out.report(
                integration.loc.child("httpMethod"),
                format!("httpMethod `{method}` on a Lambda integration: API Gateway invokes Lambda only with POST"),
            )
            .help("set `httpMethod: POST`; clients keep calling the operation with its own method");
        }
    }
}

/// Whether the integration invokes a Lambda function (judged from what is known for certain).
fn invokes_lambda(api: &Api, integration: &Integration) -> bool {
    let Some(kind @ (IntegrationType::Aws | IntegrationType::AwsProxy)) = integration.kind() else {
        return false;
    };
    if kind == IntegrationType::AwsProxy
        && api.api_type == ApiType::Http
        && integration.integration_subtype.is_none()
        && !integration.is_vpc_link()
    {
        // HTTP APIs: an aws_proxy integration without a subtype can only be Lambda.
        return true;
    }
    let Some(pattern) = integration.uri.as_ref().and_then(Text::pattern) else { return false };
    let masked = mask(pattern.trim());
    is_invocation(kind, &masked) || kind == IntegrationType::AwsProxy && is_function_arn(&masked)
}

#[cfg(test)]
mod tests {
    use super::super::http_findings;

    #[test]
    fn http_api_lambda_integrations() {
        let paths = r#"
  /arn-get:
    get:
      x-amazon-apigateway-integration:
        {type: aws_proxy, httpMethod: GET, payloadFormatVersion: "2.0", uri: "arn:aws:lambda:us-east-2:123456789012:function:f"}
  /get-att:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: PUT
        payloadFormatVersion: "2.0"
        uri: !GetAtt Function.Arn
  /no-method:
    get:
      x-amazon-apigateway-integration:
        {type: aws_proxy, payloadFormatVersion: "2.0", uri: "arn:aws:lambda:us-east-2:123456789012:function:f"}
  /sqs:
    get:
      x-amazon-apigateway-integration:
        {type: aws_proxy, integrationSubtype: SQS-ReceiveMessage, httpMethod: GET, payloadFormatVersion: "1.0"}
  /private:
    get:
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        connectionType: VPC_LINK
        connectionId: abc123
        payloadFormatVersion: "1.0"
        uri: !GetAtt CloudMapService.Arn
"#;
        assert_eq!(
            http_findings("integration-lambda-post", paths),
            vec![
                "/paths/~1arn-get/get/x-amazon-apigateway-integration/httpMethod",
                "/paths/~1get-att/get/x-amazon-apigateway-integration/httpMethod",
            ]
        );
    }
}
