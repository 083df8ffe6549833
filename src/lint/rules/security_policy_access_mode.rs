use crate::lint::helpers::is_intrinsic;
use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// - `x-amazon-apigateway-security-policy` is one of the TLS security policies API Gateway knows
///   (compared without regard to case);
/// - a security policy whose name starts with `SecurityPolicy_` comes with
///   `x-amazon-apigateway-endpoint-access-mode`;
/// - `x-amazon-apigateway-endpoint-access-mode`, when present, is `BASIC` or `STRICT`.
///
/// CloudFormation intrinsics in either place are not checked.
///
/// ## Why
/// The security policy values are `TLS_1_0`, `TLS_1_2`, `SecurityPolicy_TLS13_1_3_2025_09`,
/// `SecurityPolicy_TLS13_1_3_FIPS_2025_09`, `SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09`,
/// `SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09`, `SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09`,
/// `SecurityPolicy_TLS13_1_2_PQ_2025_09`, `SecurityPolicy_TLS13_1_2_2021_06`,
/// `SecurityPolicy_TLS13_2025_EDGE`, `SecurityPolicy_TLS12_PFS_2025_EDGE` and
/// `SecurityPolicy_TLS12_2018_EDGE` [BOTO1:SecurityPolicy]. The 2025 enhanced policies (those
/// named `SecurityPolicy_...`) must be paired with an endpoint access mode, `BASIC` or `STRICT`
/// [WEB:docs.amazonaws.cn/en_us/apigateway/latest/developerguide/openapi-extensions-security-policy.md],
/// [BOTO1:RestApi.endpointAccessMode], [BOTO1:EndpointAccessMode].
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-security-policy: SecurityPolicy_TLS13_1_3_2025_09
/// # x-amazon-apigateway-endpoint-access-mode is missing
/// ```
///
/// ## Fix
/// Add `x-amazon-apigateway-endpoint-access-mode: BASIC` (or `STRICT`) at the root, or use
/// `TLS_1_2`.
pub struct SecurityPolicyAccessMode;

const POLICY: &str = "x-amazon-apigateway-security-policy";
const MODE: &str = "x-amazon-apigateway-endpoint-access-mode";

const POLICIES: [&str; 12] = [
    "TLS_1_0",
    "TLS_1_2",
    "SecurityPolicy_TLS13_1_3_2025_09",
    "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
    "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_2021_06",
    "SecurityPolicy_TLS13_2025_EDGE",
    "SecurityPolicy_TLS12_PFS_2025_EDGE",
    "SecurityPolicy_TLS12_2018_EDGE",
];

impl Rule for SecurityPolicyAccessMode {
    const META: RuleMeta = RuleMeta {
        id: "security-policy-access-mode",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "SecurityPolicy_* TLS policies come with an endpoint access mode",
    };

    fn check(api: &Api, out: &mut Findings) {
        let top = Loc::default();
        let mode = api.apigw.endpoint_access_mode.as_ref();
        if let Some(mode) = mode {
            if mode.value.is_none() && !is_intrinsic(&mode.raw) {
                out.report(
                    top.child(MODE),
                    format!("`{}` is not an endpoint access mode: the values are BASIC and STRICT", mode.raw_text()),
                )
                .help("write `BASIC` or `STRICT`");
            }
        }
        let Some(Text::Str(policy)) = &api.apigw.security_policy else { return };
        if !POLICIES.iter().any(|p| p.eq_ignore_ascii_case(policy)) {
            let help = if policy.to_ascii_uppercase().starts_with("TLS") {
                "the TLS policies are TLS_1_0 and TLS_1_2; the newer ones are named SecurityPolicy_... (`gwgen rules security-policy-access-mode` lists them)"
            } else {
                "use one of the security policies `gwgen rules security-policy-access-mode` lists, such as TLS_1_2 or SecurityPolicy_TLS13_1_3_2025_09"
            };
            out.report(top.child(POLICY), format!("`{policy}` is not an API Gateway security policy")).help(help);
        }
        let enhanced = policy.get(..15).is_some_and(|p| p.eq_ignore_ascii_case("SecurityPolicy_"));
        if enhanced && mode.is_none() {
            out.report(top.child(POLICY), format!("security policy `{policy}` requires `{MODE}`, which is missing"))
                .help(format!("add `{MODE}: BASIC` (or STRICT) at the root"));
        }
    }
}

#[cfg(test)]
mod tests {
    fn messages(root: &str) -> Vec<String> {
        let yaml = format!("swagger: \"2.0\"\ninfo: {{title: t, version: \"1\"}}\npaths: {{}}\n{root}");
        let api = crate::load::test_api(&yaml, None);
        crate::lint::run(&api, crate::lint::Mode::Lint)
            .into_iter()
            .filter(|f| f.rule == "security-policy-access-mode")
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn enhanced_policies_need_an_access_mode() {
        assert!(messages("x-amazon-apigateway-security-policy: TLS_1_2\n").is_empty());
        assert!(messages("x-amazon-apigateway-security-policy: securitypolicy_tls13_1_3_2025_09\nx-amazon-apigateway-endpoint-access-mode: strict\n").is_empty());
        assert_eq!(messages("x-amazon-apigateway-security-policy: SecurityPolicy_TLS13_1_3_2025_09\n").len(), 1);
        assert_eq!(messages("x-amazon-apigateway-security-policy: TLS_1_3\n").len(), 1);
        assert_eq!(messages("x-amazon-apigateway-endpoint-access-mode: LOOSE\n").len(), 1);
        assert!(messages("x-amazon-apigateway-security-policy: {Ref: Policy}\n").is_empty());
    }
}
