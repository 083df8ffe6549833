use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// In a SAM template, no function's `Api` event lands on a method that the REST API's
/// `DefinitionBody` already integrates when the API sets `MergeDefinitions: true`.
///
/// ## Why
/// With `MergeDefinitions: true`, SAM's transform adds a Lambda proxy integration for every such
/// event to the event's path and method in the OpenAPI document (adding the path and method when
/// the document lacks them). When the method already has an `x-amazon-apigateway-integration`,
/// the transform fails and the deployment stops with
/// `API method "get" defined multiple times for path "/pets".` A method the document declares
/// without an integration is fine: the event supplies it. (Without `MergeDefinitions` the events
/// leave the document alone; an HTTP API keeps the document's integration without complaint.)
///
/// ## Example
/// ```yaml
/// Resources:
///   Api:
///     Type: AWS::Serverless::Api
///     Properties:
///       StageName: prod
///       MergeDefinitions: true
///       DefinitionBody:
///         openapi: 3.0.1
///         paths:
///           /pets:
///             get:
///               x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: https://example.com/pets}
///   PetsFn:
///     Type: AWS::Serverless::Function
///     Properties:
///       Events:
///         List: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /pets, Method: get}}
/// ```
///
/// ## Fix
/// Keep one of the two: remove the event (and invoke the function from the document's
/// integration), or remove the document's `x-amazon-apigateway-integration` and let SAM add it.
pub struct SamEventConflict;

impl Rule for SamEventConflict {
    const META: RuleMeta = RuleMeta {
        id: "sam-event-conflict",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "no SAM function event lands on a method the DefinitionBody already integrates",
    };

    fn check(api: &Api, out: &mut Findings) {
        crate::lint::helpers::forward_diagnostics(api, Self::META.id, out);
    }
}
