
use crate::lint::helpers::*;


use crate::diag::Severity;
use crate::ir::{Api, ApiType, IntegrationType};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// An integration that invokes a Lambda function through API Gateway's Lambda path (an `aws_proxy`
/// `uri` containing `:lambda:path/`, or an `aws` one ending in `invocations`) has the complete
/// invocation URI:
/// `arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`,
/// or for response streaming
/// `arn:{partition}:apigateway:{region}:lambda:path/2021-11-15/functions/{functionArn}/response-streaming-invocations`.
/// On a REST API it also reports an `aws` or `aws_proxy` integration whose `uri` is the bare
/// function ARN (`arn:aws:lambda:{region}:{account}:function:{name}`); HTTP APIs accept that form.
/// The `authorizerUri` of a Lambda authorizer (TOKEN or REQUEST, REST or HTTP) must be the
/// function's invocation URI as well: a bare function ARN is reported there for both API types.
/// Placeholders such as `${AWS::Region}`, `${MyFunction.Arn}` or `${stageVariables.fn}` stand for
/// any text.
///
/// ## Why
/// For `aws` and `aws_proxy` integrations the URI names an AWS service API called through API
/// Gateway; for Lambda that is the Invoke action of the `2015-03-31` API
/// [BOTO1:Integration.uri] [DG:api-gateway-swagger-extensions-integration], and for response
/// streaming the `2021-11-15` `response-streaming-invocations` action
/// [WEB:docs.amazonaws.cn/en_us/apigateway/latest/developerguide/response-transfer-mode-lambda.md].
/// A REST integration given the function's own ARN is rejected with "AWS ARN for integration
/// must contain path or action"; Terraform users meet this as `arn` versus `invoke_arn`
/// [ISSUE:https://github.com/hashicorp/terraform-provider-aws/issues/10330]. Only HTTP APIs take
/// the function ARN directly [BOTO2:Integration.IntegrationUri] [DG:http-api-open-api]. An
/// authorizer's URI "must be a well-formed Lambda function URI", the invocation URI above, in both
/// APIs [BOTO1:Authorizer.authorizerUri] [BOTO2:Authorizer.AuthorizerUri].
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws_proxy
///   httpMethod: POST
///   uri: arn:aws:apigateway:us-east-1:lambda:path/functions/arn:aws:lambda:us-east-1:123456789012:function:pets
/// ```
///
/// ## Fix
/// Write the whole invocation URI, with the `2015-03-31` version and the `/invocations` suffix:
/// `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations`
/// (in CloudFormation, `!Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations`).
pub struct IntegrationUriLambdaFormat;

impl Rule for IntegrationUriLambdaFormat {
    const META: RuleMeta = RuleMeta {
        id: "integration-uri-lambda-format",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "Lambda integration URIs have the apigateway lambda:path form",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(kind @ (IntegrationType::Aws | IntegrationType::AwsProxy)) = integration.kind() else {
                continue;
            };
            let Some((uri, masked)) = uri_pattern(integration) else { continue };
            let loc = integration.loc.child("uri");
            if is_invocation(kind, &masked) {
                if !matches_any(&masked, &[LAMBDA_INVOKE, LAMBDA_STREAM]) {
                    let why = lambda_problem(&masked);
                    out.report(loc, format!("`uri` `{}` is not a Lambda invocation URI: {why}", uri.display()))
                        .help("write arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations");
                }
            } else if api.api_type == ApiType::Rest && is_function_arn(&masked) {
                out.report(loc, format!("`uri` `{}` is a Lambda function ARN; a REST API integration needs the function's invocation URI", uri.display()))
                    .help("wrap the ARN: arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations (Terraform: `invoke_arn`, not `arn`)");
            }
        }
        for (name, authorizer, uri, masked) in authorizer_uris(api) {
            let loc = authorizer.loc.child("authorizerUri");
            if is_function_arn(&masked) {
                out.report(loc, format!("authorizer `{name}`: `authorizerUri` `{}` is a Lambda function ARN; an authorizer needs the function's invocation URI", uri.display()))
                    .help("wrap the ARN: arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations (Terraform: `invoke_arn`, not `arn`)");
            } else if masked.contains(":lambda:path/") && !matches_any(&masked, &[LAMBDA_INVOKE]) {
                let why = lambda_problem(&masked);
                out.report(loc, format!("authorizer `{name}`: `authorizerUri` `{}` is not a Lambda invocation URI: {why}", uri.display()))
                    .help("write arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations");
            }
        }
    }
}

/// The Lambda invocation URI.
const LAMBDA_INVOKE: &[Part] = &[
    Part::Lit("arn:"),
    Part::Field(segment),
    Part::Lit(":apigateway:"),
    Part::Field(segment),
    Part::Lit(":lambda:path/2015-03-31/functions/"),
    Part::Field(path_segment),
    Part::Lit("/invocations"),
];

/// The Lambda response-streaming invocation URI.
const LAMBDA_STREAM: &[Part] = &[
    Part::Lit("arn:"),
    Part::Field(segment),
    Part::Lit(":apigateway:"),
    Part::Field(segment),
    Part::Lit(":lambda:path/2021-11-15/functions/"),
    Part::Field(path_segment),
    Part::Lit("/response-streaming-invocations"),
];

/// Says what is wrong with a Lambda path URI that matches neither form (for the message).
fn lambda_problem(masked: &str) -> String {
    let Some((head, tail)) = masked.split_once(":lambda:path/") else {
        return "it has no `:lambda:path/`".into();
    };
    if !matches_any(
        head,
        &[&[Part::Lit("arn:"), Part::Field(segment), Part::Lit(":apigateway:"), Part::Field(segment)]],
    ) {
        return "it does not start with `arn:{partition}:apigateway:{region}`".into();
    }
    let prefix = |p: &'static str| matches_format(tail, &[Part::Lit(p), Part::Any]);
    if !prefix("2015-03-31/functions/") && !prefix("2021-11-15/functions/") {
        return "the path after `lambda:path/` must start with `2015-03-31/functions/`".into();
    }
    if tail.starts_with("2021-11-15/") {
        "a streaming URI ends in `/response-streaming-invocations`".into()
    } else {
        "the path must end in `/functions/{functionArn}/invocations`".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_apis_may_use_the_function_arn() {
        let paths = r#"
  /arn:
    post:
      x-amazon-apigateway-integration:
        {type: aws_proxy, httpMethod: POST, payloadFormatVersion: "2.0", uri: "arn:aws:lambda:us-east-2:123456789012:function:f"}
  /short:
    post:
      x-amazon-apigateway-integration:
        {type: aws_proxy, payloadFormatVersion: "2.0", uri: "arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/f"}
"#;
        assert_eq!(
            super::super::http_findings("integration-uri-lambda-format", paths),
            vec!["/paths/~1short/post/x-amazon-apigateway-integration/uri"]
        );
    }

    #[test]
    fn mask_replaces_placeholders() {
        assert_eq!(mask("arn:${Partition}:x/${Fn.Arn}/y"), format!("arn:{HOLE}:x/{HOLE}/y"));
        assert_eq!(mask("plain"), "plain");
        assert_eq!(mask("a${open"), format!("a{HOLE}"));
        assert_eq!(mask("arn:${AWS::Region}:${Fn.Arn}"), format!("arn:{SEGMENT_HOLE}:{HOLE}"));
    }

    #[test]
    fn formats_match_with_holes_anywhere() {
        let ok = |s: &str| matches_any(&mask(s), &[LAMBDA_INVOKE, LAMBDA_STREAM]);
        assert!(ok("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations"));
        assert!(ok(
            "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${F.Arn}/invocations"
        ));
        assert!(ok(
            "arn:aws:apigateway:${region}:lambda:path/2021-11-15/functions/${arn}/response-streaming-invocations"
        ));
        assert!(ok("${uri}"));
        assert!(ok("arn:aws:apigateway:us-east-1:lambda:path/${rest}"));
        assert!(ok("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f/invocations"));
        assert!(!ok("arn:aws:apigateway:${AWS::Region}:path/2015-03-31/functions/f/invocations"));
        assert!(!ok(
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f"
        ));
        assert!(!ok("arn:aws:apigateway:us-east-1:lambda:path/2016-03-16/functions/f/invocations"));
        assert!(!ok("arn:aws:apigateway::lambda:path/2015-03-31/functions/f/invocations"));
        assert!(!ok("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions//invocations"));
    }

    #[test]
    fn function_arns() {
        assert!(is_function_arn("arn:aws:lambda:us-east-1:1:function:f"));
        assert!(is_function_arn(&mask("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f")));
        assert!(!is_function_arn(
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f"
        ));
        assert!(!is_function_arn(&mask("${FunctionArn}")));
    }
}
