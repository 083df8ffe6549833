use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// In a SAM template, every function `Api` event on a REST API with a `DefinitionBody` lands on
/// a method that the document integrates, unless the API sets `MergeDefinitions: true`.
///
/// ## Why
/// SAM builds a REST API's OpenAPI document from the events only when the API has no definition,
/// or sets `MergeDefinitions: true`. For one whose `DefinitionBody` the template writes, the events
/// add the function's invoke permission and nothing else: a path the document does not declare
/// is never created, and a method it declares without `x-amazon-apigateway-integration` fails
/// the deployment (`No integration defined for method`). Either way requests never reach the
/// function, although the template reads as if they would. (An HTTP API's events do add their
/// integrations to its `DefinitionBody`, so HTTP APIs are not checked.)
///
/// ## Example
/// ```yaml
/// Resources:
///   Api:
///     Type: AWS::Serverless::Api
///     Properties:
///       StageName: prod
///       DefinitionBody:
///         openapi: 3.0.1
///         paths: {}
///   PetsFn:
///     Type: AWS::Serverless::Function
///     Properties:
///       Events:
///         Show: {Type: Api, Properties: {RestApiId: !Ref Api, Path: "/pets/{id}", Method: get}}
/// ```
///
/// ## Fix
/// Set `MergeDefinitions: true` on the API, so that SAM adds each event's Lambda proxy
/// integration to the document; or write the method in the `DefinitionBody` with an
/// `x-amazon-apigateway-integration` that invokes the function.
pub struct SamEventNotMerged;

impl Rule for SamEventNotMerged {
    const META: RuleMeta = RuleMeta {
        id: "sam-event-not-merged",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "SAM function events land on methods the DefinitionBody integrates (or the API merges them)",
    };

    fn check(api: &Api, out: &mut Findings) {
        crate::lint::helpers::forward_diagnostics(api, Self::META.id, out);
    }
}
