use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::absent;
use crate::lint::helpers::is_intrinsic;

/// ## What it checks
/// The `type` of every `x-amazon-apigateway-integration` is one of `aws`, `aws_proxy`, `http`,
/// `http_proxy` or `mock` (in any letter case), and an operation's integration has a `type` at
/// all.
///
/// ## Why
/// API Gateway knows exactly five integration types: `HTTP`, `AWS`, `MOCK`, `HTTP_PROXY` and
/// `AWS_PROXY` [BOTO1:IntegrationType] [BOTO2:Integration.IntegrationType], and `type` is a
/// required property of the integration [DG:api-gateway-swagger-extensions-integration]. The
/// developer guide's own examples write it in lower and upper case alike, so case does not
/// matter. Any other value fails with "Member must satisfy enum value set", and an integration
/// without a type cannot be created.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: lambda_proxy        # not a type; Lambda proxy integrations are aws_proxy
///   httpMethod: POST
///   uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations
/// ```
///
/// ## Fix
/// Use `aws_proxy` for a Lambda proxy, `aws` for a Lambda or AWS service integration with
/// mapping templates, `http_proxy` or `http` for an HTTP backend, and `mock` for a response
/// that API Gateway makes up itself.
pub struct IntegrationTypeValid;

impl Rule for IntegrationTypeValid {
    const META: RuleMeta = RuleMeta {
        id: "integration-type-valid",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "integration type is aws, aws_proxy, http, http_proxy or mock",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (op, integration) in crate::lint::helpers::integrations(api) {
            match &integration.kind {
                Some(kind) if kind.value.is_none() && !is_intrinsic(&kind.raw) => {
                    out.report(
                        integration.loc.child("type"),
                        format!(
                            "integration type `{}` is not one of `aws`, `aws_proxy`, `http`, `http_proxy`, `mock`",
                            crate::lint::helpers::as_written(api, &integration.loc.child("type"), kind.raw_text())
                        ),
                    )
                    .help("use `aws_proxy` (Lambda proxy), `aws`, `http_proxy`, `http` or `mock`");
                }
                None if op.is_some() && absent(api, &integration.loc, "type") => {
                    out.report(integration.loc.clone(), "the integration has no `type`")
                        .help("add `type`: `aws_proxy` (Lambda proxy), `aws`, `http_proxy`, `http` or `mock`");
                }
                _ => {}
            }
        }
    }
}
