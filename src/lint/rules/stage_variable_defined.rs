use std::collections::BTreeSet;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// When the template declares the API's stages, every stage variable the API refers to
/// (`${stageVariables.name}` in URIs and credentials, `stageVariables.name` in request and
/// response mappings, `$stageVariables.name` in request and response mapping templates) is
/// defined in each of those stages; a variable a stage defines but nothing uses is reported too,
/// as a hint.
///
/// The stages and their variables are read from every place a template declares them:
/// - a SAM Api's `StageName` and `Variables`, a SAM HttpApi's `StageVariables` (its stage is
///   `$default` unless named), with SAM's `Globals.Api` / `Globals.HttpApi` merged in as SAM
///   merges them (the variables of both, the resource's value winning), and for the implicit
///   API (`ServerlessRestApi`, stage `Prod`; `ServerlessHttpApi`, stage `$default`) from
///   `Globals` alone;
/// - `AWS::ApiGateway::Stage` (`Variables`) and `AWS::ApiGatewayV2::Stage` (`StageVariables`)
///   resources of the API;
/// - a SAM WebSocketApi's `StageVariables` (its stage is `default` unless `StageName` names
///   it, as SAM's transform makes it). A WebSocket API's references are read from its
///   integrations (`IntegrationUri`, `CredentialsArn`, `RequestParameters`, request and response
///   templates) and authorizers (`AuthorizerUri`, `AuthorizerCredentialsArn`, `IdentitySource`);
/// - an `AWS::ApiGateway::Deployment` of the API with a `StageName`, which creates that stage
///   with its `StageDescription.Variables`.
///
/// ## Why
/// An undefined stage variable is replaced by an empty string: the integration calls a broken URI
/// or the wrong Lambda alias, and API Gateway answers 500 with "Invalid stage variable value"
/// or an internal error (API Gateway developer guide, stage variables).
///
/// ## Example
/// ```yaml
/// Variables: {lambdaAlias: live}
/// # ... uri: .../functions/arn:aws:lambda:...:function:orders:${stageVariables.alias}/invocations
/// ```
///
/// ## Fix
/// Define the variable in every stage (`Variables:` / `StageVariables:`), or correct its name.
pub struct StageVariableDefined;

impl Rule for StageVariableDefined {
    const META: RuleMeta = RuleMeta {
        id: "stage-variable-defined",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::ALL,
        fails: Fails::Runtime,
        generic: false,
        summary: "stage variables the API uses are defined in its stages",
    };

    fn check(api: &Api, out: &mut Findings) {
        // Only a template says what the stages are; a bare document is deployed elsewhere.
        if api.template.is_none() || api.deployment.stages.is_empty() {
            return;
        }
        let used = api.stage_variable_refs();
        let mut used_names = BTreeSet::new();
        for (name, loc) in &used {
            used_names.insert(name.as_str());
            for stage in api.deployment.stages.iter().filter(|s| !s.variables.contains_key(name)) {
                out.report(loc.clone(), format!("stage variable `{name}` is not defined in stage {}", stage.name))
                    .help(format!("add `{name}` to the stage's variables in the template"));
            }
        }
        for stage in &api.deployment.stages {
            for name in stage.variables.keys().filter(|n| !used_names.contains(n.as_str())) {
                let at = stage.variables_loc.as_ref().map_or_else(|| stage.loc.clone(), |v| v.child(name));
                out.report(
                    at,
                    format!("stage {} defines variable `{name}`, which the API does not use", stage.name),
                )
                .help("remove it, or check the name used in the document")
                .severity = Severity::Info;
            }
        }
    }
}
