use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// An `x-amazon-apigateway-authtype` that starts with `aws` (in any letter case) is exactly
/// `awsSigv4`.
///
/// ## Why
/// `x-amazon-apigateway-authtype` is a free label for a REST API's Lambda authorizer, except that
/// "The value awsSigv4 is reserved ... as are any terms prefixed by aws"
/// [DG:api-gateway-swagger-extensions-authtype]; `awsSigv4` is the one that turns on IAM
/// authorization. A near miss such as `awsIam`, `aws_iam` or `awsSigV4Auth` is not IAM: the
/// operations that use the scheme are not signed-request protected, while the document reads as
/// if they were. AWS does not document that the import rejects these values, so gwgen describes
/// the failure as what happens at run time (the catalog files this rule as an import error).
///
/// ## Example
/// ```yaml
/// securitySchemes:
///   sigv4:
///     type: apiKey
///     name: Authorization
///     in: header
///     x-amazon-apigateway-authtype: awsIam
/// ```
///
/// ## Fix
/// Write `awsSigv4` for IAM authorization, or choose a label that does not start with `aws` for a
/// Lambda authorizer.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html>
pub struct AuthtypeReservedAwsPrefix;

impl Rule for AuthtypeReservedAwsPrefix {
    const META: RuleMeta = RuleMeta {
        id: "authtype-reserved-aws-prefix",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Runtime,
        generic: false,
        summary: "an x-amazon-apigateway-authtype starting with aws is exactly awsSigv4",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, scheme) in &api.security_schemes {
            let Some(authtype) = scheme.authtype.as_deref() else { continue };
            let reserved = authtype.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("aws"));
            if reserved && !scheme.is_iam() {
                out.report(
                    scheme.loc.child("x-amazon-apigateway-authtype"),
                    format!("security scheme `{name}`: authtype `{authtype}` uses the reserved `aws` prefix but is not `awsSigv4`, so it does not turn on IAM authorization"),
                )
                .help("write `awsSigv4` for IAM authorization, or a label without the `aws` prefix for a Lambda authorizer");
            }
        }
    }
}
