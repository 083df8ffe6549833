use crate::diag::Severity;
use crate::ir::{Api, FunctionArn, ServiceUri};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// A Lambda integration URI whose function is chosen by a stage variable does not take the
/// function's account from a stage variable too
/// (`arn:aws:lambda:us-east-1:${stageVariables.account}:function:${stageVariables.fn}`).
///
/// ## Why
/// A stage variable may stand for a Lambda function's name or alias, but "the function must be
/// in the same account as the API. Stage variables don't support cross-account Lambda functions"
/// [DG:aws-api-gateway-stage-variables-reference] [DG:http-api-stages.stage-variables-reference].
/// An account chosen per stage exists only to reach other accounts, which the invocation then
/// fails to do. gwgen does not know the account an API is deployed to, so a literal account in
/// such a URI is not compared with it (the catalog's row asks for that comparison). The catalog
/// scopes the rule to REST APIs; the HTTP API stage variable reference carries the same note, so
/// gwgen checks both.
///
/// ## Example
/// ```yaml
/// uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:${stageVariables.account}:function:${stageVariables.fn}/invocations
/// ```
///
/// ## Fix
/// Keep the function in the API's account and vary only its name or alias by stage; to call
/// another account's function, name it in full (and grant API Gateway permission to invoke it).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.stage-variables-reference.html>
pub struct StageVariableCrossAccountLambda;

impl Rule for StageVariableCrossAccountLambda {
    const META: RuleMeta = RuleMeta {
        id: "stage-variable-cross-account-lambda",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Runtime,
        generic: false,
        summary: "a stage variable does not choose the account of a Lambda function",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let Some(uri) = integration.uri.as_ref().and_then(|u| u.pattern()) else { continue };
            let function = match ServiceUri::parse(uri).and_then(|s| s.function_and_after()) {
                Some(f) => f,
                None => uri,
            };
            let Some(arn) = FunctionArn::parse(function) else { continue };
            let account = arn.rest.split(":function:").next().unwrap_or("");
            if account.contains("stageVariables.") {
                out.report(
                    integration.loc.child("uri"),
                    format!("the Lambda function's account `{account}` is a stage variable; stage variables cannot reach functions in other accounts"),
                )
                .help("keep the function in the API's account and vary only its name or alias by stage");
            }
        }
    }
}
