use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// An identifier in the languages SDKs are generated for: a letter, `_` or `$`, then letters,
/// digits, `_` or `$`.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// ## What it checks
/// Each `operationId` is an identifier: a letter, `_` or `$`, then letters, digits, `_` or `$`
/// (no spaces, hyphens or dots). Uniqueness is `operation-id-unique`'s check.
///
/// ## Why
/// API Gateway takes any text as an operation name ("a human-friendly operation identifier"
/// [BOTO1:Method.operationName]; HTTP API examples use `GET HTTP` [DG:http-api-open-api]), so
/// nothing fails on import. But generated SDKs name their methods after it
/// [DG:how-to-generate-sdk-javascript]: `get-pets` or `list pets` becomes a mangled name, or two
/// operations end up with the same one.
///
/// ## Example
/// ```yaml
/// get:
///   operationId: list-pets
/// ```
///
/// ## Fix
/// Use camelCase or snake_case: `listPets`.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/api/API_Method.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-generate-sdk.html>
pub struct OperationIdSdkSafe;

impl Rule for OperationIdSdkSafe {
    const META: RuleMeta = RuleMeta {
        id: "operation-id-sdk-safe",
        category: Category::Generic,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Never,
        generic: true,
        summary: "operationId is an identifier SDK generators can use",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, op) in api.operations() {
            let Some(id) = op.operation_id.as_deref() else { continue };
            if !is_identifier(id) {
                let suggestion: String = id
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '$')
                    .filter(|w| !w.is_empty())
                    .enumerate()
                    .map(|(i, w)| {
                        let mut cs = w.chars();
                        let first = cs.next().map(|c| if i == 0 { c } else { c.to_ascii_uppercase() });
                        first.into_iter().chain(cs).collect::<String>()
                    })
                    .collect();
                let f = out.report(op.loc.child("operationId"), format!("operationId `{id}` is not an identifier; SDK method names are made from it"));
                if is_identifier(&suggestion) {
                    f.help(format!("rename it `{suggestion}`"));
                } else {
                    f.help("use letters, digits and underscores, starting with a letter");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_identifier;

    #[test]
    fn identifiers() {
        assert!(is_identifier("listPets") && is_identifier("_x1") && is_identifier("$get"));
        assert!(!is_identifier("list-pets") && !is_identifier("list pets") && !is_identifier("1st") && !is_identifier(""));
    }
}
