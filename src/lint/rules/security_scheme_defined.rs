use serde_json::Value;

use crate::diag::Severity;
use crate::ir::{Api, SecurityRequirement, SpecVersion};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::FileId;

/// ## What it checks
/// Every scheme named in a `security` requirement, at the root or on an operation, is defined
/// in `components.securitySchemes` (OpenAPI 3) or `securityDefinitions` (Swagger 2.0). Names are
/// compared exactly, as OpenAPI does. The name `NONE` is let through: AWS SAM writes
/// `security: [{NONE: []}]` to mean "no authorizer" in the definitions it generates, and API
/// Gateway accepts them.
///
/// ## Why
/// OpenAPI requires each name in a Security Requirement to correspond to a declared security
/// scheme. API Gateway finds the authorizer, IAM or API key setting of an operation through that
/// name (the scheme carries `x-amazon-apigateway-authorizer` or `x-amazon-apigateway-authtype`
/// [DG:api-gateway-swagger-extensions-authorizer], [DG:api-gateway-swagger-extensions-authtype]),
/// so a misspelt name leaves the operation without the protection it asks for.
///
/// ## Example
/// ```yaml
/// paths:
///   /pets:
///     get:
///       security:
///         - CognitoAuth: []      # defined below as cognitoAuth
/// components:
///   securitySchemes:
///     cognitoAuth: {type: apiKey, name: Authorization, in: header}
/// ```
///
/// ## Fix
/// Use the scheme's name exactly as it is defined, or define the scheme.
pub struct SecuritySchemeDefined;

impl Rule for SecuritySchemeDefined {
    const META: RuleMeta = RuleMeta {
        id: "security-scheme-defined",
        category: Category::Generic,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Runtime,
        generic: true,
        summary: "security requirements name defined schemes",
    };

    fn check(api: &Api, out: &mut Findings) {
        // Schemes written in the document but not lowered (misshapen ones, reported elsewhere)
        // still count as defined.
        let root = &api.sources.get(FileId(0)).value;
        let written = if api.version == SpecVersion::Swagger2 {
            root.get("securityDefinitions")
        } else {
            root.get("components").and_then(|c| c.get("securitySchemes"))
        }
        .and_then(Value::as_object);
        let container =
            if api.version == SpecVersion::Swagger2 { "securityDefinitions" } else { "components.securitySchemes" };
        let mut check = |requirements: &[SecurityRequirement], whose: &str| {
            for requirement in requirements {
                for name in requirement.schemes.keys() {
                    let defined =
                        api.security_schemes.contains_key(name) || written.is_some_and(|w| w.contains_key(name));
                    if defined || name == "NONE" {
                        continue;
                    }
                    let help = match api.security_schemes.keys().find(|k| k.eq_ignore_ascii_case(name)) {
                        Some(other) => format!("scheme names are case-sensitive: write `{other}`"),
                        None => format!("define `{name}` in `{container}`, or name a scheme defined there"),
                    };
                    out.report(
                        requirement.loc.child(name),
                        format!("{whose} names security scheme `{name}`, which is not defined in `{container}`"),
                    )
                    .help(help);
                }
            }
        };
        if let Some(security) = &api.security {
            check(security, "root-level `security`");
        }
        for (path, op) in api.operations() {
            if let Some(security) = &op.security {
                check(security, &format!("{} {}", op.method.as_str(), path.path));
            }
        }
    }
}
