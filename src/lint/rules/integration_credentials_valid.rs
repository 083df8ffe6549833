use crate::diag::Severity;
use crate::ir::{Api, Choice, IntegrationType, Text};
use crate::lint::helpers::{as_written, uri_pattern, HOLE, SEGMENT_HOLE};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// A REST integration's `credentials`, where written out, is one of the two values API Gateway
/// takes: the ARN of an IAM role it assumes (`arn:aws:iam::123456789012:role/api-calls-sqs`), or
/// `arn:aws:iam::*:user/*`, which calls the backend with the caller's own credentials. And an
/// `aws` integration with an AWS service other than Lambda (SQS, Step Functions, S3, DynamoDB...)
/// has `credentials` at all. A value built with placeholders (`Fn::Sub`, stage variables) is not
/// checked.
///
/// ## Why
/// `credentials` takes "the role's Amazon Resource Name (ARN)", "the string
/// arn:aws:iam::\*:user/\*" to pass the caller's identity, or nothing, to use the resource-based
/// permissions of the services that have them [BOTO1:Integration.credentials]. Anything else is
/// refused with "Invalid ARN specified in the request" (recorded for `credentials: NONE` in
/// aws-sdk-java#860). A service integration needs the role: without one PutIntegration answers
/// "Role ARN must be specified for AWS integrations" (recorded for EC2 in
/// terraform-provider-aws#7916 and for Step Functions in aws-cdk#1465); only Lambda is invoked on
/// its resource policy.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws
///   httpMethod: POST
///   uri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders
///   credentials: NONE          # not an ARN; an SQS integration needs a role
/// ```
///
/// ## Fix
/// Give the ARN of a role that trusts `apigateway.amazonaws.com` and may call the service, or
/// `arn:aws:iam::*:user/*` to call with the caller's credentials (an IAM-authorized method);
/// remove `credentials` from a Lambda integration whose function allows API Gateway to invoke it.
pub struct IntegrationCredentialsValid;

/// Whether `s` is an IAM ARN (`arn:aws:iam::ACCOUNT:role/NAME`) or the caller-credentials form
/// (`arn:aws:iam::*:user/*`). Any other resource of an account (a user) is let through: it is an
/// ARN, and what API Gateway does with it is not recorded.
fn credentials_ok(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    let [arn, partition, iam, region, account, resource] = parts.as_slice() else { return false };
    // The account as written: digits, or a placeholder of the document's (`ACCOUNT_ID`), as the
    // URI rules read an ARN's account.
    let account_ok = !account.is_empty() && account.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    *arn == "arn"
        && partition.starts_with("aws")
        && *iam == "iam"
        && region.is_empty()
        && ((account_ok && resource.split_once('/').is_some_and(|(kind, name)| !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_alphabetic()) && !name.is_empty()))
            || (*account == "*" && *resource == "user/*"))
}

impl Rule for IntegrationCredentialsValid {
    const META: RuleMeta = RuleMeta {
        id: "integration-credentials-valid",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "credentials are a role ARN or arn:aws:iam::*:user/*, and AWS service integrations have them",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            match &integration.credentials {
                Some(Text::Str(c)) if !c.contains("${") => {
                    if !credentials_ok(c.trim()) {
                        let loc = integration.loc.child("credentials");
                        let written = as_written(api, &loc, c.clone());
                        out.report(
                            loc,
                            format!("credentials `{written}` is neither an IAM role ARN nor `arn:aws:iam::*:user/*`: API Gateway answers \"Invalid ARN specified in the request\""),
                        )
                        .help("give a role's ARN (arn:aws:iam::123456789012:role/NAME), `arn:aws:iam::*:user/*` for the caller's own credentials, or no credentials for a Lambda function that allows API Gateway");
                    }
                }
                Some(_) => {}
                None => {
                    let aws = integration.kind.as_ref().and_then(Choice::get) == Some(IntegrationType::Aws);
                    let Some((_, uri)) = uri_pattern(integration).filter(|_| aws) else { continue };
                    let parts: Vec<&str> = uri.splitn(6, ':').collect();
                    let Some(service) = parts.get(4).filter(|_| parts.get(2) == Some(&"apigateway")) else {
                        continue;
                    };
                    if service.is_empty() || service.contains([HOLE, SEGMENT_HOLE]) || *service == "lambda" {
                        continue;
                    }
                    out.report(
                        integration.loc.clone(),
                        format!("the `{service}` integration has no credentials: API Gateway answers \"Role ARN must be specified for AWS integrations\""),
                    )
                    .help(format!("add `credentials`: the ARN of a role that trusts apigateway.amazonaws.com and may call {service}"));
                }
            }
        }
    }
}
