use crate::diag::Severity;
use crate::ir::{Api, IntegrationType};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::{
    absent, has_hole, is_function_arn, is_invocation, matches_any, segment, uri_pattern, Part,
};

/// ## What it checks
/// The `uri` of an `aws` integration (and of an `aws_proxy` one that does not go to Lambda) is an
/// API Gateway service URI: `arn:{partition}:apigateway:{region}:{service}:action/{Action...}`
/// or `arn:{partition}:apigateway:{region}:{service}:path/{path}`, where `{service}` may carry a
/// subdomain (`mybucket.s3`). A missing `uri` is reported too. Lambda invocation URIs are left to
/// `integration-uri-lambda-format`. Placeholders such as `${AWS::Region}` stand for any text.
///
/// ## Why
/// For AWS integrations API Gateway calls a service API named by
/// `arn:aws:apigateway:{region}:{subdomain.service|service}:path|action/{service_api}`, for
/// example `arn:aws:apigateway:us-west-2:s3:action/GetObject&Bucket={bucket}&Key={key}` or
/// `arn:aws:apigateway:us-west-2:s3:path/{bucket}/{key}` [BOTO1:Integration.uri]. Anything else
/// is rejected with "Invalid AWS URI"
/// [ISSUE:https://github.com/amazon-archives/aws-apigateway-importer/issues/63] or "AWS ARN for
/// integration must contain path or action".
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws
///   httpMethod: POST
///   uri: arn:aws:states:us-east-1:123456789012:stateMachine:orders   # the resource's ARN
/// ```
///
/// ## Fix
/// Name the service API through API Gateway:
/// `arn:aws:apigateway:us-east-1:states:action/StartExecution`, and pass the resource (here the
/// state machine ARN) in the request mapping template.
pub struct IntegrationUriAwsFormat;

impl Rule for IntegrationUriAwsFormat {
    const META: RuleMeta = RuleMeta {
        id: "integration-uri-aws-format",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "AWS integration URIs are arn:aws:apigateway:{region}:{service}:action/... or path/...",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(kind @ (IntegrationType::Aws | IntegrationType::AwsProxy)) = integration.kind() else {
                continue;
            };
            let Some((uri, masked)) = uri_pattern(integration) else {
                if integration.uri.is_none() && absent(api, &integration.loc, "uri") {
                    out.report(integration.loc.clone(), format!("the `{}` integration has no `uri`", kind.as_str()))
                        .help(
                        "add the service URI: arn:aws:apigateway:{region}:{service}:action/{Action} or ...:path/{path}",
                    );
                }
                continue;
            };
            let lambda = match kind {
                IntegrationType::Aws => is_invocation(kind, &masked),
                _ => masked.contains(":lambda:") || is_function_arn(&masked),
            };
            if lambda || matches_any(&masked, &[AWS_ACTION, AWS_PATH]) {
                continue;
            }
            out.report(integration.loc.child("uri"), format!("`uri` `{}` is not an AWS service URI: {}", uri.display(), problem(&masked)))
                .help("write arn:{partition}:apigateway:{region}:{service}:action/{Action} or arn:{partition}:apigateway:{region}:{service}:path/{path}");
        }
    }
}

const AWS_ACTION: &[Part] = &[
    Part::Lit("arn:"),
    Part::Field(segment),
    Part::Lit(":apigateway:"),
    Part::Field(segment),
    Part::Lit(":"),
    Part::Field(segment),
    Part::Lit(":action/"),
    Part::Any,
];

const AWS_PATH: &[Part] = &[
    Part::Lit("arn:"),
    Part::Field(segment),
    Part::Lit(":apigateway:"),
    Part::Field(segment),
    Part::Lit(":"),
    Part::Field(segment),
    Part::Lit(":path/"),
    Part::Any,
];

/// What is wrong with a URI that fits neither form (for the message).
fn problem(masked: &str) -> String {
    let lower = masked.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return "it is a URL; `aws` integrations call a service API (use `http` or `http_proxy` for URLs)".into();
    }
    let fields: Vec<&str> = masked.splitn(4, ':').collect();
    if fields.len() == 4 && fields[0] == "arn" && fields[2] != "apigateway" && !has_hole(fields[2]) {
        return format!("it is the ARN of a `{}` resource, not a service API called through `apigateway`", fields[2]);
    }
    let prefix: &[Part] = &[
        Part::Lit("arn:"),
        Part::Field(segment),
        Part::Lit(":apigateway:"),
        Part::Field(segment),
        Part::Lit(":"),
        Part::Field(segment),
        Part::Lit(":"),
        Part::Any,
    ];
    if matches_any(masked, &[prefix]) {
        "the service must be followed by `action/` or `path/`".into()
    } else {
        "it does not start with `arn:{partition}:apigateway:{region}:{service}:`".into()
    }
}
