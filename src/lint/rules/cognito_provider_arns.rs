use crate::diag::Severity;
use crate::ir::{Api, AuthorizerType, Text};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// Why `text` (with `Fn::Sub` placeholders standing for anything) is not a user pool ARN
/// `arn:{partition}:cognito-idp:{region}:{account}:userpool/{id}`; None when it is one.
fn arn_problem(text: &str) -> Option<&'static str> {
    // Each placeholder becomes one opaque character, so `${AWS::Region}` is one field.
    let mut shape = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        shape.push_str(&rest[..i]);
        shape.push('\u{1}');
        match rest[i..].find('}') {
            Some(j) => rest = &rest[i + j + 1..],
            None => return None,
        }
    }
    shape.push_str(rest);
    let any = |s: &str| s.contains('\u{1}');
    let fields: Vec<&str> = shape.splitn(6, ':').collect();
    if fields.len() < 6 || (fields[0] != "arn" && !any(fields[0])) {
        return Some("it is not an ARN");
    }
    if fields[2] != "cognito-idp" && !any(fields[2]) {
        return Some("it is not a Cognito user pool ARN (the service is not `cognito-idp`)");
    }
    if fields[3].is_empty() {
        return Some("it has no region");
    }
    let account_ok = any(fields[4]) || (fields[4].len() == 12 && fields[4].bytes().all(|b| b.is_ascii_digit()));
    if !account_ok {
        return Some("its account is not a 12-digit account ID");
    }
    let resource = fields[5];
    if !any(resource) && resource.strip_prefix("userpool/").is_none_or(str::is_empty) {
        return Some("its resource is not `userpool/{id}`");
    }
    None
}

/// ## What it checks
/// A `cognito_user_pools` authorizer has a non-empty `providerARNs`, and each entry written out
/// is a user pool ARN: `arn:{partition}:cognito-idp:{region}:{account}:userpool/{pool-id}`.
/// `Fn::Sub` placeholders stand for any text; other intrinsics (`Fn::GetAtt Pool.Arn`) are not
/// checked.
///
/// ## Why
/// `providerARNs` lists the Cognito user pool ARNs of a COGNITO_USER_POOLS authorizer, each of the
/// form `arn:aws:cognito-idp:{region}:{account_id}:userpool/{user_pool_id}`
/// [BOTO1:Authorizer.providerARNs], [DG:apigateway-enable-cognito-user-pool]. Without a user pool
/// the authorizer cannot validate any token, so every call to the methods it protects fails. The
/// API model gives `providerARNs` no pattern and AWS does not document that the import checks
/// it, so gwgen does not claim an import failure (the catalog files this rule as an error, and
/// gwgen keeps that severity); what is certain is that such an authorizer authorizes nobody.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-authorizer:
///   type: cognito_user_pools
///   providerARNs:
///     - us-east-1_AbCdEf123          # a pool ID, not its ARN
/// ```
///
/// ## Fix
/// List the pools' ARNs (in a template, `!GetAtt UserPool.Arn`).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html>
pub struct CognitoProviderArns;

impl Rule for CognitoProviderArns {
    const META: RuleMeta = RuleMeta {
        id: "cognito-provider-arns",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "a cognito_user_pools authorizer lists user pool ARNs in providerARNs",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, scheme) in &api.security_schemes {
            let Some(authorizer) = &scheme.authorizer else { continue };
            if authorizer.kind.as_ref().and_then(|k| k.get()) != Some(AuthorizerType::CognitoUserPools) {
                continue;
            }
            if authorizer.provider_arns.is_empty() {
                let raw = api.sources.value(&authorizer.loc.child("providerARNs"));
                if raw.is_some_and(crate::lint::helpers::is_intrinsic) {
                    continue;
                }
                out.report(
                    authorizer.loc.clone(),
                    format!("the Cognito authorizer of security scheme `{name}` lists no user pools in providerARNs"),
                )
                .help("add `providerARNs: [arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID]`");
                continue;
            }
            for (i, arn) in authorizer.provider_arns.iter().enumerate() {
                let text = match arn {
                    Text::Str(s) => s.as_str(),
                    Text::Intrinsic(_) => match arn.pattern() {
                        Some(p) => p,
                        None => continue,
                    },
                };
                if let Some(problem) = arn_problem(text) {
                    let loc = if authorizer.provider_arns.len() == 1
                        && api.sources.value(&authorizer.loc.child("providerARNs")).is_some_and(|v| v.is_string())
                    {
                        authorizer.loc.child("providerARNs")
                    } else {
                        authorizer.loc.child("providerARNs").index(i)
                    };
                    out.report(loc, format!("providerARNs entry `{}` of security scheme `{name}`: {problem}", arn.display()))
                        .help("write the pool's ARN: arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::arn_problem;

    #[test]
    fn arns() {
        assert_eq!(arn_problem("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"), None);
        assert_eq!(arn_problem("arn:aws:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/${Pool}"), None);
        assert!(arn_problem("us-east-1_abc").is_some());
        assert!(arn_problem("arn:aws:cognito-identity:us-east-1:123456789012:userpool/x").is_some());
        assert!(arn_problem("arn:aws:cognito-idp:us-east-1:1234:userpool/x").is_some());
        assert!(arn_problem("arn:aws:cognito-idp:us-east-1:123456789012:identitypool/x").is_some());
    }
}
