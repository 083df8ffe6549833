use serde_json::Value;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// An `AWS::ApiGateway::RestApi` or `AWS::ApiGatewayV2::Api` resource sets only properties its
/// type has. `StageName` on a RestApi (a SAM `AWS::Serverless::Api` property, often carried over
/// when a template is rewritten by hand) is the common case; misspellings get the nearest name.
///
/// The properties are those of CloudFormation's resource schemas for the two types (the
/// registry schemas that cfn-lint validates against), without the read-only ones
/// (`RootResourceId`, `ApiEndpoint`...): RestApi: `ApiKeySourceType`, `BinaryMediaTypes`,
/// `Body`, `BodyS3Location`, `CloneFrom`, `Description`, `DisableExecuteApiEndpoint`,
/// `EndpointAccessMode`, `EndpointConfiguration`, `FailOnWarnings`, `MinimumCompressionSize`,
/// `Mode`, `Name`, `Parameters`, `Policy`, `SecurityPolicy`, `Tags`; V2 Api:
/// `ApiKeySelectionExpression`, `BasePath`, `Body`, `BodyS3Location`, `CorsConfiguration`,
/// `CredentialsArn`, `Description`, `DisableExecuteApiEndpoint`, `DisableSchemaValidation`,
/// `FailOnWarnings`, `IpAddressType`, `Name`, `ProtocolType`, `RouteKey`,
/// `RouteSelectionExpression`, `Tags`, `Target`, `Version`. SAM's own types are checked by SAM's
/// transform, and gwgen reports what it refuses.
///
/// ## Why
/// CloudFormation validates a resource's properties against its type's schema and rejects the
/// stack with "extraneous key [StageName] is not permitted" before anything is created
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-restapi.html]
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html].
///
/// ## Example
/// ```yaml
/// Api:
///   Type: AWS::ApiGateway::RestApi
///   Properties:
///     Name: orders
///     StageName: prod        # a RestApi has no stage
/// ```
///
/// ## Fix
/// Remove the property, or move it where it belongs: a stage is an `AWS::ApiGateway::Stage` (or
/// a Deployment's `StageName`); a misspelled property gets its right name.
pub struct TemplatePropertyUnknown;

const REST_API: &[&str] = &[
    "ApiKeySourceType",
    "BinaryMediaTypes",
    "Body",
    "BodyS3Location",
    "CloneFrom",
    "Description",
    "DisableExecuteApiEndpoint",
    "EndpointAccessMode",
    "EndpointConfiguration",
    "FailOnWarnings",
    "MinimumCompressionSize",
    "Mode",
    "Name",
    "Parameters",
    "Policy",
    "SecurityPolicy",
    "Tags",
];

const V2_API: &[&str] = &[
    "ApiKeySelectionExpression",
    "BasePath",
    "Body",
    "BodyS3Location",
    "CorsConfiguration",
    "CredentialsArn",
    "Description",
    "DisableExecuteApiEndpoint",
    "DisableSchemaValidation",
    "FailOnWarnings",
    "IpAddressType",
    "Name",
    "ProtocolType",
    "RouteKey",
    "RouteSelectionExpression",
    "Tags",
    "Target",
    "Version",
];

impl Rule for TemplatePropertyUnknown {
    const META: RuleMeta = RuleMeta {
        id: "template-property-unknown",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Deploy,
        generic: false,
        summary: "RestApi and V2 Api resources set only properties their type has",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some((file, template, ptr)) = crate::lint::helpers::template_resource(api) else { return };
        let Some(resource) = ptr.resolve(&template.value) else { return };
        let known = match resource.get("Type").and_then(Value::as_str) {
            Some("AWS::ApiGateway::RestApi") => REST_API,
            Some("AWS::ApiGatewayV2::Api") => V2_API,
            _ => return,
        };
        let Some(Value::Object(props)) = resource.get("Properties") else { return };
        for key in props.keys().filter(|k| !known.contains(&k.as_str())) {
            let near = known
                .iter()
                .map(|k| (crate::diag::edit_distance(k, key), *k))
                .filter(|(d, _)| *d <= 2.max(key.len() / 5))
                .min()
                .map(|(_, k)| k);
            let help = match (key.as_str(), near) {
                ("StageName", _) => "a RestApi has no stage: declare an AWS::ApiGateway::Stage (or give a Deployment a StageName), or use AWS::Serverless::Api, which has StageName".to_string(),
                (_, Some(near)) => format!("did you mean `{near}`?"),
                _ => format!("remove it: {} has no such property", resource["Type"].as_str().unwrap_or("this type")),
            };
            let kind = resource["Type"].as_str().unwrap_or("the resource");
            out.report(Loc::new(file, ptr.push("Properties").push(key)), format!("`{key}` is not a property of {kind}"))
                .help(help);
        }
    }
}
