use serde_json::Value;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::helpers::extensions::GATEWAY_RESPONSE_TYPES;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::{Loc, Pointer};

/// ## What it checks
/// The properties of an API's CloudFormation resources whose schema lists their values are written
/// exactly as listed, upper case included: an `AWS::ApiGateway::Method`'s `Integration.Type`
/// (`AWS`, `AWS_PROXY`, `HTTP`, `HTTP_PROXY`, `MOCK`), `ConnectionType` (`INTERNET`, `VPC_LINK`),
/// `PassthroughBehavior` (`WHEN_NO_MATCH`, `WHEN_NO_TEMPLATES`, `NEVER`) and `ContentHandling`
/// (`CONVERT_TO_BINARY`, `CONVERT_TO_TEXT`, also in each of its `IntegrationResponses`), an
/// `AWS::ApiGateway::Authorizer`'s `Type` (`TOKEN`, `REQUEST`, `COGNITO_USER_POOLS`), and an
/// `AWS::ApiGateway::GatewayResponse`'s `ResponseType` (`DEFAULT_4XX`, `UNAUTHORIZED`...). It
/// reports a value that is one of these in another letter case (`aws_proxy`); a value that is none
/// of them is the value rules' (`integration-type-valid`, `passthrough-behavior-valid`,
/// `content-handling-valid`, `authorizer-type-valid`, `gateway-response-type-valid`).
///
/// ## Why
/// The OpenAPI extensions take these values in any case: the import reads `aws_proxy` and the
/// developer guide's own examples write it so [DG:api-gateway-swagger-extensions-integration].
/// CloudFormation does not. These properties are enums in the resource schemas CloudFormation
/// validates a resource against before it creates it (the registry schemas
/// `aws-apigateway-method.json` and `aws-apigateway-authorizer.json`, as cfn-lint ships them), and
/// a JSON schema enum compares exactly; a GatewayResponse's `ResponseType` is a plain string there,
/// which cfn-lint checks against the API's `GatewayResponseType` enum. Behind them, API Gateway's
/// PutIntegration, CreateAuthorizer and PutGatewayResponse check the same enums and answer a value
/// outside them with "Member must satisfy enum value set" (recorded for PutIntegration's `type` in
/// boto3#340 and aws-sdk-ruby#1036). Tools that write CloudFormation from other spellings
/// upper-case these values first (the Serverless Framework normalizes `aws_proxy` to `AWS_PROXY`).
/// So a value copied from an OpenAPI document into a template fails the stack, though gwgen, like
/// the import, can read it.
///
/// ## Example
/// ```yaml
/// GetOrders:
///   Type: AWS::ApiGateway::Method
///   Properties:
///     RestApiId: !Ref Api
///     Integration:
///       Type: aws_proxy        # CloudFormation lists AWS_PROXY
///       IntegrationHttpMethod: POST
/// ```
///
/// ## Fix
/// Write the value in upper case, as the help gives it.
pub struct TemplateValueCase;

const INTEGRATION_TYPES: &[&str] = &["AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK"];
const CONNECTION_TYPES: &[&str] = &["INTERNET", "VPC_LINK"];
const CONTENT_HANDLING: &[&str] = &["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"];
const PASSTHROUGH: &[&str] = &["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"];
const AUTHORIZER_TYPES: &[&str] = &["COGNITO_USER_POOLS", "REQUEST", "TOKEN"];

/// The enumerated properties: the resource type, the path under `Properties` (`*`: each item of
/// a list), and the values its schema lists.
const ENUMS: &[(&str, &[&str], &[&str])] = &[
    ("AWS::ApiGateway::Method", &["Integration", "Type"], INTEGRATION_TYPES),
    ("AWS::ApiGateway::Method", &["Integration", "ConnectionType"], CONNECTION_TYPES),
    ("AWS::ApiGateway::Method", &["Integration", "ContentHandling"], CONTENT_HANDLING),
    ("AWS::ApiGateway::Method", &["Integration", "PassthroughBehavior"], PASSTHROUGH),
    ("AWS::ApiGateway::Method", &["Integration", "IntegrationResponses", "*", "ContentHandling"], CONTENT_HANDLING),
    ("AWS::ApiGateway::Authorizer", &["Type"], AUTHORIZER_TYPES),
    ("AWS::ApiGateway::GatewayResponse", &["ResponseType"], &GATEWAY_RESPONSE_TYPES),
];

/// Every value at `path` under `value` (at `ptr`), with its pointer.
fn values_at<'v>(value: &'v Value, path: &[&str], ptr: Pointer, found: &mut Vec<(&'v Value, Pointer)>) {
    let Some((first, rest)) = path.split_first() else {
        found.push((value, ptr));
        return;
    };
    match (*first, value) {
        ("*", Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                values_at(item, rest, ptr.push(&i.to_string()), found);
            }
        }
        (key, Value::Object(map)) => {
            if let Some(v) = map.get(key) {
                values_at(v, rest, ptr.push(key), found);
            }
        }
        _ => {}
    }
}

impl Rule for TemplateValueCase {
    const META: RuleMeta = RuleMeta {
        id: "template-value-case",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Deploy,
        generic: false,
        summary: "enumerated properties of API Gateway resources in a template are written as CloudFormation lists them (AWS_PROXY, not aws_proxy)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some((file, template, _)) = crate::lint::helpers::template_resource(api) else { return };
        for (rid, ty, props) in crate::lint::helpers::api_members(api, template) {
            for (_, path, allowed) in ENUMS.iter().filter(|(t, _, _)| *t == ty) {
                let mut found = Vec::new();
                let at = Pointer::root().push("Resources").push(rid).push("Properties");
                values_at(props, path, at, &mut found);
                for (value, ptr) in found {
                    let Some(written) = value.as_str() else { continue };
                    if allowed.contains(&written) {
                        continue;
                    }
                    let Some(listed) = allowed.iter().find(|a| a.eq_ignore_ascii_case(written)) else { continue };
                    let property = path.last().copied().unwrap_or_default();
                    out.report(
                        Loc::new(file, ptr),
                        format!(
                            "{ty} `{property}: {written}` is not a value CloudFormation accepts: `{listed}` is, and the value is compared with its case"
                        ),
                    )
                    .help(format!("write `{listed}`: the OpenAPI extensions take any letter case, CloudFormation only this one"));
                }
            }
        }
    }
}
