use crate::diag::Severity;
use crate::ir::{Api, IntegrationType};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::{
    absent, has_hole, is_function_arn, is_invocation, matches_any, segment, uri_pattern, Part,
};

/// ## What it checks
/// The `uri` of an `aws` integration (and of an `aws_proxy` one that does not go to Lambda) is an
/// API Gateway service URI: `arn:{partition}:apigateway:{region}:{service}:action/{Action...}`
/// (with a non-empty action) or `arn:{partition}:apigateway:{region}:{service}:path/{path}`,
/// where `{service}` may carry a subdomain (`mybucket.s3`). A missing `uri` is reported too, and
/// an `aws_proxy` integration whose URI calls a service other than Lambda. Lambda invocation URIs
/// are left to `integration-uri-lambda-format`. Placeholders such as `${AWS::Region}` stand for
/// any text.
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
/// `AWS_PROXY` is the Lambda proxy integration: "for integrating the API method request with the
/// Lambda function-invoking action with the client request passed through as-is"
/// [BOTO1:Integration.type] [DG:api-gateway-api-integration-types]. Other services need `AWS`
/// with mapping templates. gwgen leaves `firehose` URIs alone: API Gateway's error message for
/// this case names Firehose stream invocations beside Lambda functions, and no recorded import
/// here shows which way it goes.
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
            if lambda {
                continue;
            }
            if matches_any(&masked, &[AWS_ACTION, AWS_PATH]) {
                // AWS_PROXY is the Lambda proxy integration; Firehose is left alone (see the doc).
                // Only a URI whose fields up to the service are written out says which service.
                let fields: Vec<&str> = masked.splitn(6, ':').collect();
                let written = fields.len() == 6 && fields[..5].iter().all(|f| !f.is_empty() && !has_hole(f));
                let service = fields.get(4).map_or("", |s| s.rsplit('.').next().unwrap_or(s));
                if kind == IntegrationType::AwsProxy && written && service != "lambda" && service != "firehose" {
                    out.report(
                        integration.loc.child("type"),
                        format!("an `aws_proxy` integration calls Lambda, but this `uri` calls `{service}`"),
                    )
                    .related(integration.loc.child("uri"), "the service URI")
                    .help("use `type: aws` with request and response mapping templates for other services");
                }
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
    Part::Field(action_name),
    Part::Any,
];

/// A character of an action's name (`StartExecution`, `GetObject`), which ends at `&`.
fn action_name(c: char) -> bool {
    c != '&' && c != '/' && !c.is_whitespace()
}

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
    let empty_action = masked.split_once(":action/").is_some_and(|(_, a)| a.is_empty() || a.starts_with('&'));
    if matches_any(masked, &[prefix]) && empty_action {
        "the action after `action/` is empty".into()
    } else if matches_any(masked, &[prefix]) {
        "the service must be followed by `action/` or `path/`".into()
    } else {
        "it does not start with `arn:{partition}:apigateway:{region}:{service}:`".into()
    }
}
