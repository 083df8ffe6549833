use std::collections::HashMap;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// No two operations share an `operationId`. Each repeat after the first is reported, naming the
/// method and path of the operation that used the ID first. IDs are compared exactly (`getPet`
/// and `GetPet` are different IDs).
///
/// ## Why
/// OpenAPI requires every `operationId` to be unique among all operations of the API, because
/// tools use it to identify the operation. API Gateway keeps it as the method's operation name
/// ("a human-friendly operation identifier", [BOTO1:Method.operationName]), and SDK generators,
/// gwgen's included, turn it into a function name: two operations with one ID would need two
/// functions with the same name.
///
/// ## Example
/// ```yaml
/// paths:
///   /pets:
///     get: {operationId: getPets}
///   /pets/{id}:
///     get: {operationId: getPets}    # already used by GET /pets
/// ```
///
/// ## Fix
/// Give each operation its own ID, such as `listPets` and `getPet`.
pub struct OperationIdUnique;

impl Rule for OperationIdUnique {
    const META: RuleMeta = RuleMeta {
        id: "operation-id-unique",
        category: Category::Generic,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Never,
        generic: true,
        summary: "operationIds are unique",
    };

    fn check(api: &Api, out: &mut Findings) {
        let mut first: HashMap<&str, (&str, &str, &crate::source::Loc)> = HashMap::new();
        for (path, op) in api.operations() {
            let Some(id) = op.operation_id.as_deref() else { continue };
            match first.get(id) {
                Some((method, at, loc)) => {
                    out.report(
                        op.loc.child("operationId"),
                        format!("operationId `{id}` is already used by {method} {at}"),
                    )
                    .help(format!(
                        "give {} {} its own operationId",
                        op.method.as_str(),
                        path.path
                    ))
                    .related(loc.child("operationId"), format!("first used by {method} {at}"));
                }
                None => {
                    first.insert(id, (op.method.as_str(), &path.path, &op.loc));
                }
            }
        }
    }
}
