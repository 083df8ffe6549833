use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Notes request validation an HTTP API will not perform: request body schemas and
/// `x-amazon-apigateway-request-validator(s)`.
///
/// ## Why
/// HTTP APIs do not validate requests. Import reports `requestBody` and `schema` at the info
/// level and ignores them (API Gateway developer guide, HTTP API OpenAPI import).
///
/// ## Example
/// ```yaml
/// post:
///   requestBody:
///     content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
/// ```
///
/// ## Fix
/// Validate in the integration (the Lambda function or backend), or use a REST API if API
/// Gateway must reject invalid requests.
pub struct HttpApiIgnoredValidation;

impl Rule for HttpApiIgnoredValidation {
    const META: RuleMeta = RuleMeta {
        id: "http-api-ignored-validation",
        category: Category::Import,
        severity: Severity::Info,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Info),
        generic: false,
        summary: "HTTP APIs ignore request bodies' schemas and request validators",
    };

    fn check(api: &Api, out: &mut Findings) {
        if let Some((_, v)) = api.apigw.request_validators.first() {
            out.report(
                v.loc.parent_or_self(),
                "HTTP APIs do not validate requests: x-amazon-apigateway-request-validators is ignored",
            )
            .help("validate in the integration, or use a REST API");
        }
        for (path, op) in api.operations() {
            let Some(body) = &op.request_body else { continue };
            if body.content.values().any(|m| m.schema.is_some()) {
                out.report(
                    body.loc.clone(),
                    format!(
                        "the request body schema of {} {} is not validated by an HTTP API",
                        op.method.as_str(),
                        path.path
                    ),
                )
                .help("validate in the integration, or use a REST API");
            }
        }
    }
}
