use serde_json::Value;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::{Loc, Pointer};

/// ## What it checks
/// In an API resource of a SAM / CloudFormation template (its properties and its inline
/// document), every `Ref`, `Fn::GetAtt` and `Fn::Sub` variable names something the template
/// has: a parameter, a resource, a pseudo parameter (`AWS::Region`...), or a variable of the
/// `Fn::Sub` itself. Names SAM's transform creates from a serverless resource's logical id
/// (`MyFunctionRole`, `MyApiProdStage`, `ServerlessRestApi`...) count as present: any name
/// that starts with the logical id of an `AWS::Serverless::*` resource, or with
/// `ServerlessRestApi` / `ServerlessHttpApi`. `${!Literal}` is not a variable. Templates that
/// use `AWS::LanguageExtensions` (which adds `Fn::ForEach` names) are not checked.
///
/// ## Why
/// CloudFormation resolves `Ref` to a parameter or a resource's logical id, `Fn::GetAtt` to a
/// resource's attribute, and every `${Name}` in `Fn::Sub` to a parameter, resource or pseudo
/// parameter, unless the second argument defines it
/// [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html].
/// A name that is none of these fails template validation ("Unresolved resource dependencies"),
/// which cfn-lint reports as E1019 / E3005; a typo in an API's URI or authorizer never reaches
/// API Gateway.
///
/// ## Example
/// ```yaml
/// uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${OrdersFuncion.Arn}/invocations
/// ```
///
/// ## Fix
/// Name an existing parameter or resource (here `OrdersFunction`), or escape a literal
/// `${...}` as `${!...}`.
pub struct IntrinsicTargetMissing;

impl Rule for IntrinsicTargetMissing {
    const META: RuleMeta = RuleMeta {
        id: "intrinsic-target-missing",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Deploy,
        generic: false,
        summary: "Ref, GetAtt and Sub in an API resource name what the template has",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some((file, template, ptr)) = crate::lint::helpers::template_resource(api) else { return };
        let root = &template.value;
        let extended = match root.get("Transform") {
            Some(Value::String(t)) => t == "AWS::LanguageExtensions",
            Some(Value::Array(ts)) => ts.iter().any(|t| t == "AWS::LanguageExtensions"),
            _ => false,
        };
        let Some(node) = ptr.resolve(root) else { return };
        if extended {
            return;
        }
        let known = Known::of(root);
        walk(node, &ptr, &known, &mut |at, name, how| {
            let help = match known.nearest(name) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name an existing parameter or resource, or escape a literal `${...}` in Fn::Sub as `${!...}`".into(),
            };
            out.report(Loc::new(file, at), format!("{how} `{name}`, which is not a parameter, resource or pseudo parameter of this template"))
                .help(help);
        });
    }
}

/// What a template's intrinsics may name.
struct Known {
    names: std::collections::BTreeSet<String>,
    /// Logical ids SAM's transform derives resources from.
    prefixes: Vec<String>,
}

impl Known {
    fn of(template: &Value) -> Known {
        let mut names = std::collections::BTreeSet::new();
        let mut prefixes = vec!["ServerlessRestApi".to_string(), "ServerlessHttpApi".to_string()];
        for section in ["Parameters", "Resources"] {
            if let Some(Value::Object(m)) = template.get(section) {
                names.extend(m.keys().cloned());
            }
        }
        if let Some(Value::Object(resources)) = template.get("Resources") {
            for (id, r) in resources {
                if r.get("Type").and_then(Value::as_str).is_some_and(|t| t.starts_with("AWS::Serverless::")) {
                    prefixes.push(id.clone());
                }
            }
        }
        Known { names, prefixes }
    }

    /// The known name closest to a misspelled one (a few edits away).
    fn nearest(&self, name: &str) -> Option<&str> {
        self.names
            .iter()
            .map(|n| (crate::diag::edit_distance(n, name), n))
            .filter(|(d, _)| *d <= 2.max(name.len() / 5))
            .min()
            .map(|(_, n)| n.as_str())
    }

    fn has(&self, name: &str) -> bool {
        name.starts_with("AWS::") || self.names.contains(name) || self.prefixes.iter().any(|p| name.starts_with(p.as_str()))
    }
}

/// Calls `report(pointer, name, what)` for each intrinsic under `v` that names what the
/// template lacks.
fn walk(v: &Value, at: &Pointer, known: &Known, report: &mut dyn FnMut(Pointer, &str, &str)) {
    match v {
        Value::Object(m) if m.len() == 1 => {
            let (key, arg) = m.iter().next().expect("one entry");
            match (key.as_str(), arg) {
                ("Ref", Value::String(name)) if !known.has(name) => report(at.clone(), name, "Ref names"),
                ("Fn::GetAtt", Value::Array(a)) => {
                    if let Some(name) = a.first().and_then(Value::as_str).filter(|n| !known.has(n)) {
                        report(at.clone(), name, "Fn::GetAtt names");
                    }
                }
                ("Fn::GetAtt", Value::String(s)) => {
                    let name = s.split('.').next().unwrap_or(s);
                    if !known.has(name) {
                        report(at.clone(), name, "Fn::GetAtt names");
                    }
                }
                ("Fn::Sub", Value::String(t)) => sub_names(t, &serde_json::Map::new(), known, at, report),
                ("Fn::Sub", Value::Array(a)) => {
                    let locals = a.get(1).and_then(Value::as_object).cloned().unwrap_or_default();
                    if let Some(t) = a.first().and_then(Value::as_str) {
                        sub_names(t, &locals, known, at, report);
                    }
                    if let Some(vars) = a.get(1) {
                        walk(vars, &at.push("Fn::Sub").index(1), known, report);
                    }
                }
                _ => walk_children(v, at, known, report),
            }
        }
        _ => walk_children(v, at, known, report),
    }
}

fn walk_children(v: &Value, at: &Pointer, known: &Known, report: &mut dyn FnMut(Pointer, &str, &str)) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| walk(c, &at.push(k), known, report)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| walk(c, &at.index(i), known, report)),
        _ => {}
    }
}

/// The `${Name}` / `${Name.Attribute}` variables of an `Fn::Sub` text that name nothing.
fn sub_names(
    text: &str,
    locals: &serde_json::Map<String, Value>,
    known: &Known,
    at: &Pointer,
    report: &mut dyn FnMut(Pointer, &str, &str),
) {
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        let after = &rest[i + 2..];
        let Some(end) = after.find('}') else { return };
        let var = after[..end].trim();
        rest = &after[end + 1..];
        if var.starts_with('!') || var.is_empty() || locals.contains_key(var) {
            continue;
        }
        // Stage variables and mapping-template references are API Gateway's, written escaped
        // in a Sub (`${!stageVariables.x}`); unescaped they are stage-variable-ref-syntax's.
        if var.starts_with("stageVariables.") {
            continue;
        }
        let name = if var.starts_with("AWS::") { var } else { var.split('.').next().unwrap_or(var) };
        if !known.has(name) {
            report(at.clone(), name, "Fn::Sub names");
        }
    }
}
