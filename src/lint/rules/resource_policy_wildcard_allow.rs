use serde_json::Value;

use super::{is_everyone, is_intrinsic};
use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// A statement of `x-amazon-apigateway-policy` with `Effect: Allow`, a principal of everyone
/// (`Principal: "*"`, `{AWS: "*"}` or `{AWS: ["*"]}`) and no `Condition`, on an API that is not
/// private (its endpoint configuration lists no `vpcEndpointIds`).
///
/// Not reported:
/// - a policy that also has a `Deny` statement with a `Condition` (such as a `NotIpAddress` on
///   `aws:SourceIp`, or `StringNotEquals` on `aws:SourceVpce`): the usual way to write an
///   allow-list is to allow everyone and deny whoever does not match, so such a deny is taken
///   to narrow the allow;
/// - private APIs, which only VPC endpoints can reach (`private-api-needs-policy` checks their
///   policy);
/// - statements gwgen cannot read (CloudFormation intrinsics).
///
/// ## Why
/// A resource policy is an IAM policy document attached to the REST API
/// [DG:openapi-extensions-policy]. An unconditional Allow to `*` grants every caller on the
/// internet the actions it lists, so the policy restricts nothing: only method authorization
/// stands between callers and the API. Such statements are usually left over from a template
/// whose IP or VPC condition was removed.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-policy:
///   Version: "2012-10-17"
///   Statement:
///     - Effect: Allow
///       Principal: "*"
///       Action: execute-api:Invoke
///       Resource: execute-api:/*       # no Condition: anyone, from anywhere
/// ```
///
/// ## Fix
/// Add a `Condition` to the statement (for example `IpAddress: {aws:SourceIp: [203.0.113.0/24]}`),
/// or add a `Deny` statement with a condition that excludes unwanted callers. If the API is meant
/// to be public, remove the policy: without one, method authorization alone decides.
pub struct ResourcePolicyWildcardAllow;

impl Rule for ResourcePolicyWildcardAllow {
    const META: RuleMeta = RuleMeta {
        id: "resource-policy-wildcard-allow",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        import: None,
        generic: false,
        summary: "the resource policy does not allow everyone unconditionally",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(policy) = &api.apigw.policy else { return };
        if api.apigw.endpoint_configuration.as_ref().is_some_and(|e| !e.vpc_endpoint_ids.is_empty()) {
            return;
        }
        let document = &policy.document;
        if is_intrinsic(document) {
            return;
        }
        // Statements written in the document can be pointed at; a policy given as a JSON string
        // is pointed at as a whole.
        let written = api.sources.value(&policy.loc).is_some_and(Value::is_object);
        let base = policy.loc.child("Statement");
        let statements: Vec<(Loc, &Value)> = match document.get("Statement") {
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, s)| (if written { base.index(i) } else { policy.loc.clone() }, s))
                .collect(),
            Some(s @ Value::Object(_)) => vec![(if written { base.clone() } else { policy.loc.clone() }, s)],
            _ => return,
        };
        let narrowed = statements.iter().any(|(_, s)| {
            effect_is(s, "Deny") && s.get("Condition").is_some_and(|c| !matches!(c, Value::Object(o) if o.is_empty()))
        });
        if narrowed {
            return;
        }
        for (loc, s) in statements {
            if is_intrinsic(s) || !effect_is(s, "Allow") || s.get("Principal").is_none_or(|p| !is_everyone(p)) {
                continue;
            }
            let unconditional = match s.get("Condition") {
                None | Some(Value::Null) => true,
                Some(Value::Object(o)) => o.is_empty(),
                Some(_) => false,
            };
            if unconditional {
                out.report(loc, "this policy statement allows everyone (Principal \"*\") with no Condition: the resource policy does not restrict who can call the API")
                    .with_help("add a Condition (aws:SourceIp, aws:SourceVpce...) or a Deny statement with one; if the API is public on purpose, remove the policy");
            }
        }
    }
}

fn effect_is(statement: &Value, effect: &str) -> bool {
    statement.get("Effect").and_then(Value::as_str).is_some_and(|e| e.eq_ignore_ascii_case(effect))
}

#[cfg(test)]
mod tests {
    fn pointers(yaml: &str) -> Vec<String> {
        super::super::pointers_of("resource-policy-wildcard-allow", yaml, None)
    }

    const OPEN: &str = "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\nx-amazon-apigateway-policy:\n  Statement:\n    - {Effect: Allow, Principal: {AWS: [\"*\"]}, Action: execute-api:Invoke, Resource: \"execute-api:/*\"}\n";

    #[test]
    fn a_conditional_deny_narrows_the_allow() {
        assert_eq!(pointers(OPEN), vec!["/x-amazon-apigateway-policy/Statement/0"]);
        let narrowed = format!("{OPEN}    - {{Effect: Deny, Principal: \"*\", Action: execute-api:Invoke, Resource: \"execute-api:/*\", Condition: {{NotIpAddress: {{aws:SourceIp: [203.0.113.0/24]}}}}}}\n");
        assert!(pointers(&narrowed).is_empty());
        let private =
            format!("{OPEN}x-amazon-apigateway-endpoint-configuration: {{vpcEndpointIds: [vpce-0123456789abcdef0]}}\n");
        assert!(pointers(&private).is_empty());
    }

    #[test]
    fn a_policy_written_as_a_json_string_is_reported_as_a_whole() {
        let yaml = "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\nx-amazon-apigateway-policy: '{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\"}}'\n";
        assert_eq!(pointers(yaml), vec!["/x-amazon-apigateway-policy"]);
    }
}
