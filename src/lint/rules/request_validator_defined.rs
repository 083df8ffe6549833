use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// Every `x-amazon-apigateway-request-validator`, the root default and each operation's, names
/// a validator defined under the root `x-amazon-apigateway-request-validators` map. Names are
/// compared exactly; when only the case differs, the finding says so.
///
/// ## Why
/// The `x-amazon-apigateway-request-validator` value is a reference: "a string naming an entry
/// of" the `x-amazon-apigateway-request-validators` map, with the operation's value overriding
/// the root default [DG:api-gateway-swagger-extensions-request-validator],
/// [DG:api-gateway-swagger-extensions-request-validators]. A name that matches no entry leaves
/// API Gateway no validator to attach to the method, and the import stops on it.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-request-validators:
///   all: {validateRequestBody: true, validateRequestParameters: true}
/// paths:
///   /pets:
///     post:
///       x-amazon-apigateway-request-validator: body-only   # not defined above
/// ```
///
/// ## Fix
/// Use one of the names defined in `x-amazon-apigateway-request-validators`, or define the
/// validator there (`body-only: {validateRequestBody: true, validateRequestParameters: false}`).
pub struct RequestValidatorDefined;

const KEY: &str = "x-amazon-apigateway-request-validator";

impl Rule for RequestValidatorDefined {
    const META: RuleMeta = RuleMeta {
        id: "request-validator-defined",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "x-amazon-apigateway-request-validator names a defined validator",
    };

    fn check(api: &Api, out: &mut Findings) {
        if let Some(name) = &api.apigw.request_validator {
            check_name(api, name, Loc::default().child(KEY), "the root default", out);
        }
        for (path, op) in api.operations() {
            if let Some(name) = &op.request_validator {
                let what = format!("{} {}", op.method.as_str(), path.path);
                check_name(api, name, op.loc.child(KEY), &what, out);
            }
        }
    }
}

fn check_name(api: &Api, name: &str, loc: Loc, what: &str, out: &mut Findings) {
    let defined = &api.apigw.request_validators;
    if defined.contains_key(name) {
        return;
    }
    let message =
        format!("request validator `{name}` ({what}) is not defined in `x-amazon-apigateway-request-validators`");
    let help = if let Some(other) = defined.keys().find(|k| k.eq_ignore_ascii_case(name)) {
        format!("validator names are case-sensitive: write `{other}`")
    } else if defined.is_empty() {
        format!("define it at the root: `x-amazon-apigateway-request-validators: {{{name}: {{validateRequestBody: true, validateRequestParameters: true}}}}`")
    } else {
        let names: Vec<String> = defined.keys().take(5).map(|k| format!("`{k}`")).collect();
        let more = if defined.len() > names.len() { ", ..." } else { "" };
        format!(
            "use a defined validator ({}{more}), or add `{name}` to `x-amazon-apigateway-request-validators`",
            names.join(", ")
        )
    };
    out.report(loc, message).help(help);
}
