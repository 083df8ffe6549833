use serde_json::Value;

use crate::diag::Severity;
use crate::ir::{Api, Operation, ParamIn, Parameter, PathItem};
use crate::lint::helpers::{written_as, Written};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::{Loc, Pointer};

/// ## What it checks
/// For every operation, the variables of its path template (`{id}`, and `{proxy+}`, whose name is
/// `proxy`) and its `in: path` parameters (the path item's and the operation's together) match:
/// - a template variable with no parameter is reported at the operation;
/// - a path parameter whose name is not in the template is reported at the parameter (where the
///   operation or path item lists it, when it is a `$ref`).
///
/// A greedy variable `{proxy+}` matches a parameter named `proxy` or `proxy+`. The HTTP API
/// `$default` route has no template and is skipped.
///
/// ## Why
/// OpenAPI requires each template expression of a path to correspond to a path parameter, and a
/// path parameter's name to appear in the path. API Gateway builds the method request from the
/// declared parameters: a variable without one cannot be referenced as
/// `method.request.path.<name>` in integration mappings or `cacheKeyParameters`, whose references
/// must be declared [BOTO1:Integration.cacheKeyParameters]. A parameter missing from the path is
/// never filled, and generated SDKs take an argument that goes nowhere.
///
/// API Gateway's import accepts both mismatches (many AWS samples leave `{proxy+}` undeclared),
/// so the rule warns; OpenAPI validators and SDK generators reject or misgenerate them.
///
/// An operation SAM's transform makes from a function's `Api` event is not reported for
/// undeclared variables: the template holds no document to declare them in, and SAM's own
/// document declares none (its translator's `implicit_api` test writes
/// `/{proxy+}: x-amazon-apigateway-any-method` without `parameters`), which API Gateway deploys.
/// The same holds for the `OPTIONS` method SAM writes for an API's `Cors` on each path (the
/// serverless-patterns `lambda-durable-webhook-sam-python` API, in the corpus, has one on
/// `/status/{executionToken}`).
/// A path parameter the event's `RequestParameters` names that is not in the path is still
/// reported: that is the template's to fix. A document the template writes (`DefinitionBody`,
/// `DefinitionUri`) is checked as any document.
///
/// ## Example
/// ```yaml
/// paths:
///   /pets/{petId}:
///     get:
///       parameters:
///         - {name: id, in: path, required: true, schema: {type: string}}   # not in the path
/// ```
///
/// ## Fix
/// Name the parameter exactly as the template variable (`name: petId`), or declare the missing
/// one: `{name: petId, in: path, required: true, schema: {type: string}}`.
pub struct PathParamsDeclared;

impl Rule for PathParamsDeclared {
    const META: RuleMeta = RuleMeta {
        id: "path-params-declared",
        category: Category::Generic,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Never,
        generic: true,
        summary: "path template variables and declared path parameters match",
    };

    fn check(api: &Api, out: &mut Findings) {
        for path in &api.paths {
            if path.path == "$default" || path.operations.is_empty() {
                continue;
            }
            let vars = template_variables(&path.path);
            for op in &path.operations {
                let declared: Vec<&Parameter> = op.parameters.iter().filter(|p| p.location == ParamIn::Path).collect();
                let missing: Vec<&str> =
                    vars.iter().copied().filter(|v| !declared.iter().any(|p| base_name(&p.name) == *v)).collect();
                if !missing.is_empty() && !matches!(written_as(api, &op.loc), Written::SamEvent | Written::SamCors) {
                    let names = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
                    let (what, be) = if missing.len() == 1 { ("parameter", "is") } else { ("parameters", "are") };
                    out.report(op.loc.clone(), format!("{} {}: path {what} {names} {be} not declared", op.method.as_str(), path.path))
                        .help(format!(
                            "add `{{name: {}, in: path, required: true, schema: {{type: string}}}}` to the operation's or the path's `parameters`",
                            missing[0]
                        ));
                }
                for p in declared {
                    if vars.contains(&base_name(&p.name)) {
                        continue;
                    }
                    let help = match missing.as_slice() {
                        [only] => format!("rename it to `{only}`, the template variable it should fill"),
                        _ if vars.is_empty() => "remove it: the path has no `{...}` variables".to_string(),
                        _ => {
                            let names = vars.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
                            format!("remove it, or rename it to one of the path's variables ({names})")
                        }
                    };
                    out.report(
                        parameter_loc(api, path, op, p),
                        format!("path parameter `{}` does not appear in the path `{}`", p.name, path.path),
                    )
                    .help(help);
                }
            }
        }
    }
}

/// The names of a template's `{...}` expressions (`+` removed), each once.
fn template_variables(path: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else { break };
        let name = base_name(&rest[open + 1..open + len]);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
        rest = &rest[open + len + 1..];
    }
    out
}

fn base_name(name: &str) -> &str {
    name.strip_suffix('+').unwrap_or(name)
}

/// Where to point at a parameter: where it is written when that is in this path item, else the
/// `$ref` to it in the operation's or the path item's `parameters`, else the operation.
fn parameter_loc(api: &Api, path: &PathItem, op: &Operation, p: &Parameter) -> Loc {
    if p.loc.file == path.loc.file && p.loc.ptr.starts_with(&path.loc.ptr) {
        return p.loc.clone();
    }
    for list in [op.loc.child("parameters"), path.loc.child("parameters")] {
        if list.file != p.loc.file {
            continue;
        }
        let Some(Value::Array(items)) = api.sources.value(&list) else { continue };
        for (i, item) in items.iter().enumerate() {
            let target = item.get("$ref").and_then(Value::as_str).filter(|r| r.starts_with('#')).map(Pointer::parse);
            if matches!(target, Some(Ok(ptr)) if ptr == p.loc.ptr) {
                return list.index(i);
            }
        }
    }
    op.loc.clone()
}

#[cfg(test)]
mod tests {
    #[test]
    fn template_variables_anywhere_in_the_path() {
        assert_eq!(
            super::template_variables("/a/{id}/files/{name}.{ext}/{proxy+}/{id}"),
            vec!["id", "name", "ext", "proxy"]
        );
        assert!(super::template_variables("/a/{").is_empty());
    }
}
