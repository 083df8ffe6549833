use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// Notes each place of a SAM / CloudFormation template that a condition decides (a resource's
/// `Condition`, an `Fn::If`) when gwgen cannot evaluate the condition, and each rule of the
/// template's `Rules` (its `RuleCondition`, or an `Assert`) it cannot evaluate. An `Fn::If` in
/// SAM's `Globals` is noted once, at its `Globals` line.
///
/// ## Why
/// CloudFormation evaluates `Conditions` when it makes the stack, from the parameter values it is
/// given: a resource whose condition is false is not created, `Fn::If` becomes the branch its
/// condition chooses, and `Ref: AWS::NoValue` leaves the property out. gwgen does the same with
/// the parameters' `Default`s and the values given with `--parameter NAME=VALUE` (as
/// `sam deploy --parameter-overrides` gives them). A condition that reads a parameter without a
/// value, or something known only when the stack is made (`AWS::Region`, `AWS::AccountId`, a
/// resource's attribute, the Availability Zones `Fn::GetAZs` lists), cannot be evaluated; gwgen
/// then never guesses: it reads the resource as created and keeps the `Fn::If` as written (an
/// API's document is read through its first branch), and says so here, since what is true of one
/// branch need not be of the other.
///
/// CloudFormation also checks the parameter values against the template's `Rules` before it
/// creates the stack; gwgen does too, and a false assertion is an error. A rule that reads a
/// parameter without a value, or the account's resources (`Fn::RefAll`, `Fn::ValueOf`,
/// `Fn::ValueOfAll`), cannot be checked and is noted. (A value read from Parameter Store, as
/// in CDK's check of its bootstrap version, cannot be given with `--parameter`: not noted.)
///
/// ## Example
/// ```yaml
/// Parameters:
///   Env: {Type: String}
/// Conditions:
///   IsProd: !Equals [!Ref Env, prod]
/// Resources:
///   Api:
///     Type: AWS::Serverless::Api
///     Properties:
///       StageName: prod
///       Auth:
///         DefaultAuthorizer: !If [IsProd, AWS_IAM, !Ref AWS::NoValue]
/// ```
///
/// ## Fix
/// Nothing is wrong. To check one case, give the parameters the condition reads a value:
/// `gwgen lint template.yaml --parameter Env=prod` (or a `Default` in the template).
pub struct TemplateConditionUnknown;

impl Rule for TemplateConditionUnknown {
    const META: RuleMeta = RuleMeta {
        id: "template-condition-unknown",
        category: Category::Generic,
        severity: Severity::Info,
        applies_to: ApiTypes::ALL,
        fails: Fails::Never,
        generic: false,
        summary: "a template condition gwgen cannot evaluate decides part of the API",
    };

    fn check(api: &Api, out: &mut Findings) {
        crate::lint::helpers::forward_diagnostics(api, Self::META.id, out);
    }
}
