use serde_json::Value;

use crate::lint::helpers::{is_everyone, is_intrinsic, is_private, resource_policies, ResourcePolicy};
use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// A statement of the API's resource policy with `Effect: Allow`, a principal of everyone
/// (`Principal: "*"`, `{AWS: "*"}` or `{AWS: ["*"]}`) and no `Condition`, on an API that is not
/// private.
///
/// The policy is read wherever it is written: the document's `x-amazon-apigateway-policy`
/// (where SAM's transform also writes an Api's `Auth.ResourcePolicy`, from the resource or from
/// `Globals.Api`), and the `Policy` property of the template's API resource
/// (`AWS::ApiGateway::RestApi`, or a SAM Api), given as a mapping or as a JSON string; a policy
/// written as a string is reported as a whole. An API is private when its endpoint configuration
/// lists `vpcEndpointIds`, or its template makes it `PRIVATE` (the resource's
/// `EndpointConfiguration`, or SAM's `Globals.Api`).
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
        fails: Fails::Never,
        generic: false,
        summary: "the resource policy does not allow everyone unconditionally",
    };

    fn check(api: &Api, out: &mut Findings) {
        if is_private(api) {
            return;
        }
        for policy in resource_policies(api) {
            check_policy(&policy, out);
        }
    }
}

/// The unconditional Allow-to-everyone statements of one policy.
fn check_policy(policy: &ResourcePolicy, out: &mut Findings) {
        let document = policy.document;
        if is_intrinsic(document) {
            return;
        }
        // Statements written as a mapping can be pointed at; a policy given as a JSON string
        // is pointed at as a whole.
        let written = policy.written;
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
                out.report(loc, format!("this policy statement allows everyone (Principal \"*\") to {} with no Condition", what_is_open(s)))
                    .help("add a Condition (aws:SourceIp, aws:SourceVpce...) or a Deny statement with one; if the API is public on purpose, remove the policy");
            }
        }
}

/// What an Allow statement opens, in words: its actions on its resources (the whole API when a
/// resource is `*` or `execute-api:/*`).
fn what_is_open(statement: &Value) -> String {
    let list = |key: &str| -> Vec<String> {
        match statement.get(key) {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect(),
            Some(other) => vec![other.to_string()],
            None => Vec::new(),
        }
    };
    let actions = list("Action");
    let actions = if actions.is_empty() { "act".to_string() } else { format!("call {}", actions.join(", ")) };
    let resources = list("Resource");
    // `*`, or an execute-api resource whose every part after the API id is `*`.
    let whole = |r: &String| {
        let tail = r.rsplit_once(':').map_or(r.as_str(), |(_, t)| t);
        let mut parts = tail.split('/').skip(1).peekable();
        r == "*" || tail == "*" || parts.peek().is_some() && parts.all(|p| p == "*")
    };
    if resources.is_empty() || resources.iter().any(whole) {
        format!("{actions} on the whole API")
    } else {
        format!("{actions} on {}", resources.join(", "))
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
    fn the_message_says_what_is_open() {
        let open = |resource: &str| {
            let statement: serde_json::Value = serde_json::from_str(&format!(
                r#"{{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": {resource}}}"#
            ))
            .unwrap();
            super::what_is_open(&statement)
        };
        assert_eq!(open(r#""execute-api:/*""#), "call execute-api:Invoke on the whole API");
        assert_eq!(open(r#""*""#), "call execute-api:Invoke on the whole API");
        assert_eq!(
            open(r#"["execute-api:/prod/GET/health", "execute-api:/prod/GET/status"]"#),
            "call execute-api:Invoke on execute-api:/prod/GET/health, execute-api:/prod/GET/status"
        );
    }

    #[test]
    fn a_policy_written_as_a_json_string_is_reported_as_a_whole() {
        let yaml = "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\nx-amazon-apigateway-policy: '{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\"}}'\n";
        assert_eq!(pointers(yaml), vec!["/x-amazon-apigateway-policy"]);
    }
}
