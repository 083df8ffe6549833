use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// The longest resource policy API Gateway takes, in characters.
const LIMIT: usize = 8192;

/// ## What it checks
/// The resource policy (`x-amazon-apigateway-policy`), written as compact JSON, is at most 8192
/// characters long.
///
/// ## Why
/// API Gateway's REST API quotas limit the length of a resource policy to 8192 characters
/// [DG:limits]. A longer policy is refused when the API is imported or updated. gwgen measures the
/// policy serialized without whitespace, the smallest form it can take; CloudFormation intrinsics
/// in it are measured as written.
///
/// ## Example
/// A policy that allows hundreds of IP ranges one by one.
///
/// ## Fix
/// Merge statements, use wider CIDR ranges or `aws:SourceVpce` conditions, or move access control
/// into an authorizer or AWS WAF.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html>
pub struct ResourcePolicySize;

impl Rule for ResourcePolicySize {
    const META: RuleMeta = RuleMeta {
        id: "resource-policy-size",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "the resource policy is at most 8192 characters",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(policy) = &api.apigw.policy else { return };
        let length = serde_json::to_string(&policy.document).map(|s| s.chars().count()).unwrap_or(0);
        if length > LIMIT {
            out.report(policy.loc.clone(), format!("the resource policy is {length} characters of JSON; API Gateway takes at most {LIMIT}"))
                .help("merge statements, use wider conditions, or move access control into an authorizer or AWS WAF");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;

    #[test]
    fn limit_is_8192_characters() {
        // A policy of one statement whose condition lists `n` /32 ranges.
        let doc = |n: usize| {
            let ips: Vec<String> = (0..n).map(|i| format!("'10.0.{}.{}/32'", i / 256, i % 256)).collect();
            format!(
                "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths: {{}}\nx-amazon-apigateway-policy: {{Version: '2012-10-17', Statement: [{{Effect: Allow, Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: {{IpAddress: {{'aws:SourceIp': [{}]}}}}}}]}}\n",
                ips.join(", ")
            )
        };
        assert!(pointers_of("resource-policy-size", &doc(10), None).is_empty());
        assert_eq!(pointers_of("resource-policy-size", &doc(600), None), ["/x-amazon-apigateway-policy"]);
    }
}
