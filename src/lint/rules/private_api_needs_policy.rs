use serde_json::Value;

use crate::lint::helpers::{is_intrinsic, is_private, resource_policies};
use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// When the endpoint configuration lists `vpcEndpointIds` (which only a PRIVATE API has), the
/// document also has an `x-amazon-apigateway-policy`, and some statement of that policy has a
/// condition on `aws:SourceVpce` or `aws:SourceVpc` (the newer `aws:VpceAccount`,
/// `aws:VpceOrgID` and `aws:VpceOrgPaths` keys, which also limit callers to VPC endpoints, are
/// accepted too). A missing policy is reported at the endpoint configuration, a policy without
/// such a condition at the policy. A policy gwgen cannot read (a CloudFormation intrinsic, a
/// string that is not JSON) is not judged.
///
/// For an API read from its template, the template's settings count wherever they are written:
/// an `EndpointConfiguration` of type PRIVATE (or listing VPC endpoints) on the API resource or
/// in SAM's `Globals.Api` makes it private, and the policy may be the document's, the API
/// resource's `Policy` property (RestApi or SAM Api, a mapping or a JSON string, whose
/// statements are judged the same way), or SAM's `Auth.ResourcePolicy` (on the Api or in
/// `Globals.Api`; SAM's transform writes it into the document). A missing policy is reported at
/// the template's `EndpointConfiguration`.
///
/// ## Why
/// A private API is reachable only through interface VPC endpoints, and it needs a resource
/// policy: until one is attached, every call to the API fails. The policy should grant access
/// by source VPC or VPC endpoint with `aws:SourceVpc` or `aws:SourceVpce` conditions
/// [DG:apigateway-private-apis].
///
/// ## Example
/// ```yaml
/// servers:
///   - url: https://api.example.com
///     x-amazon-apigateway-endpoint-configuration:
///       vpcEndpointIds: [vpce-0123456789abcdef0]   # private, but no x-amazon-apigateway-policy
/// ```
///
/// ## Fix
/// Add a resource policy that allows `execute-api:Invoke` and limits it to your endpoints:
/// ```yaml
/// x-amazon-apigateway-policy:
///   Version: "2012-10-17"
///   Statement:
///     - Effect: Allow
///       Principal: "*"
///       Action: execute-api:Invoke
///       Resource: execute-api:/*
///       Condition: {StringEquals: {aws:SourceVpce: vpce-0123456789abcdef0}}
/// ```
pub struct PrivateApiNeedsPolicy;

const VPC_KEYS: [&str; 5] = ["aws:SourceVpce", "aws:SourceVpc", "aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths"];

impl Rule for PrivateApiNeedsPolicy {
    const META: RuleMeta = RuleMeta {
        id: "private-api-needs-policy",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Deploy,
        generic: false,
        summary: "a private API has a resource policy limiting callers to VPC endpoints",
    };

    fn check(api: &Api, out: &mut Findings) {
        if !is_private(api) {
            return;
        }
        let policies = resource_policies(api);
        if policies.is_empty() {
            // SAM's `Auth.ResourcePolicy` counts even before its statements are in the document.
            if api.deployment.resource_policy.is_some() {
                return;
            }
            if let (Some(at), true) = (&api.deployment.endpoint_loc, api.deployment.endpoint_types.iter().any(|t| t == "PRIVATE")) {
                out.report(at.clone(), "the template makes the API PRIVATE, but attaches no resource policy: every call fails until one is attached")
                    .help("add Auth.ResourcePolicy (SAM) or Policy (RestApi) allowing execute-api:Invoke from your VPC endpoints, or `x-amazon-apigateway-policy` in the document");
            } else if let Some(endpoint) = &api.apigw.endpoint_configuration {
                out.report(endpoint.loc.clone(), "the API lists vpcEndpointIds, so it is private, but it has no `x-amazon-apigateway-policy`: every call fails until a resource policy is attached")
                    .help("add `x-amazon-apigateway-policy` allowing execute-api:Invoke with a Condition on aws:SourceVpce (or aws:SourceVpc)");
            } else {
                let at = api.deployment.endpoint_loc.clone().unwrap_or_default();
                out.report(at, "the template lists VPC endpoints for the API, so it is private, but attaches no resource policy: every call fails until one is attached")
                    .help("add Auth.ResourcePolicy (SAM) or Policy (RestApi) allowing execute-api:Invoke from your VPC endpoints");
            }
            return;
        }
        // One policy that limits callers to VPC endpoints (or that gwgen cannot read) is enough.
        let verdicts: Vec<Option<bool>> = policies.iter().map(|p| uses_vpc_condition(p.document)).collect();
        if verdicts.iter().any(|v| *v != Some(false)) {
            return;
        }
        let why = if api.apigw.endpoint_configuration.as_ref().is_some_and(|e| !e.vpc_endpoint_ids.is_empty()) {
            "it lists vpcEndpointIds"
        } else {
            "its template makes it PRIVATE"
        };
        for policy in policies {
            out.report(policy.loc.clone(), format!("the API is private ({why}), but no statement of its resource policy has an aws:SourceVpce or aws:SourceVpc condition"))
                .help("limit access to your VPC endpoints: add `Condition: {StringEquals: {aws:SourceVpce: vpce-...}}` to the Allow statement, or a Deny with StringNotEquals");
        }
    }
}

/// Some(true) when a statement conditions on the VPC or VPC endpoint, Some(false) when no
/// statement does, None when the policy cannot be read.
fn uses_vpc_condition(document: &Value) -> Option<bool> {
    if is_intrinsic(document) {
        return None;
    }
    let statements: Vec<&Value> = match document.get("Statement")? {
        Value::Array(a) => a.iter().collect(),
        s @ Value::Object(_) => vec![s],
        _ => return None,
    };
    let mut unknown = false;
    for s in statements {
        let Some(m) = s.as_object().filter(|_| !is_intrinsic(s)) else {
            unknown = true;
            continue;
        };
        let Some(condition) = m.get("Condition") else { continue };
        let Some(operators) = condition.as_object().filter(|_| !is_intrinsic(condition)) else {
            unknown = true;
            continue;
        };
        for keys in operators.values() {
            match keys.as_object() {
                Some(_) if is_intrinsic(keys) => unknown = true,
                Some(k) => {
                    if k.keys().any(|key| VPC_KEYS.iter().any(|v| v.eq_ignore_ascii_case(key))) {
                        return Some(true);
                    }
                }
                None => unknown = true,
            }
        }
    }
    (!unknown).then_some(false)
}

#[cfg(test)]
mod tests {
    fn pointers(yaml: &str) -> Vec<String> {
        super::super::pointers_of("private-api-needs-policy", yaml, None)
    }

    const PRIVATE: &str = "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\nx-amazon-apigateway-endpoint-configuration: {vpcEndpointIds: [vpce-0123456789abcdef0]}\n";

    #[test]
    fn missing_policy_is_reported_at_the_endpoint_configuration() {
        assert_eq!(pointers(PRIVATE), vec!["/x-amazon-apigateway-endpoint-configuration"]);
        let public = PRIVATE.replace("vpcEndpointIds: [vpce-0123456789abcdef0]", "disableExecuteApiEndpoint: true");
        assert!(pointers(&public).is_empty());
    }

    #[test]
    fn deny_with_source_vpce_and_string_policies() {
        let deny = format!("{PRIVATE}x-amazon-apigateway-policy:\n  Statement:\n    - {{Effect: Allow, Principal: \"*\", Action: execute-api:Invoke, Resource: \"execute-api:/*\"}}\n    - {{Effect: Deny, Principal: \"*\", Action: execute-api:Invoke, Resource: \"execute-api:/*\", Condition: {{StringNotEquals: {{aws:sourcevpce: vpce-0123456789abcdef0}}}}}}\n");
        assert!(pointers(&deny).is_empty());
        let as_string = format!("{PRIVATE}x-amazon-apigateway-policy: '{{\"Statement\": [{{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\"}}]}}'\n");
        assert_eq!(pointers(&as_string), vec!["/x-amazon-apigateway-policy"]);
        let intrinsic = format!("{PRIVATE}x-amazon-apigateway-policy: {{Fn::If: [IsProd, {{}}, {{}}]}}\n");
        assert!(pointers(&intrinsic).is_empty());
    }
}
