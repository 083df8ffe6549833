//! `$ref`s into other files, inlined.

use serde_json::Value;

use crate::diag::{Finding, Report, Severity};
use crate::ir::Api;
use crate::source::{FileId, Loc, Pointer};

use super::{Obj, UNRESOLVED_REF};

/// The root document with every `$ref` into another file replaced by its target (recursively;
/// a cycle keeps its `$ref` as written and is reported).
pub(super) fn inline_external(api: &Api, warnings: &mut Vec<Finding>) -> Value {
    let root = &api.sources.get(FileId(0)).value;
    if api.sources.iter().count() == 1 {
        return root.clone();
    }
    let mut stack = Vec::new();
    inline_value(api, FileId(0), &Pointer::root(), root, &mut stack, warnings)
}

fn inline_value(
    api: &Api,
    file: FileId,
    at: &Pointer,
    v: &Value,
    stack: &mut Vec<(FileId, String)>,
    warnings: &mut Vec<Finding>,
) -> Value {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                let local = r.starts_with('#');
                if !(local && file == FileId(0)) {
                    return inline_ref(api, file, at, r, stack, warnings).unwrap_or_else(|| v.clone());
                }
            }
            Value::Object(
                m.iter().map(|(k, v)| (k.clone(), inline_value(api, file, &at.push(k), v, stack, warnings))).collect(),
            )
        }
        Value::Array(a) => Value::Array(
            a.iter().enumerate().map(|(i, v)| inline_value(api, file, &at.index(i), v, stack, warnings)).collect(),
        ),
        other => other.clone(),
    }
}

fn inline_ref(
    api: &Api,
    file: FileId,
    at: &Pointer,
    r: &str,
    stack: &mut Vec<(FileId, String)>,
    warnings: &mut Vec<Finding>,
) -> Option<Value> {
    let (target_file, fragment) = if r.starts_with('#') {
        (file, r.to_string())
    } else {
        let found = api.sources.file_of_ref(&api.sources.get(file).path, r);
        let fragment = r.split_once('#').map(|(_, f)| format!("#{f}")).unwrap_or_else(|| "#".into());
        match found {
            Some(f) => (f, fragment),
            None => {
                if file == FileId(0) {
                    warnings
                        .report(
                            UNRESOLVED_REF,
                            Severity::Warn,
                            Loc::new(file, at.push("$ref")),
                            format!("`{r}` cannot be inlined: the file was not read; kept as written"),
                        )
                        .help("check the path; it is relative to the file that holds the `$ref`");
                }
                return None;
            }
        }
    };
    if target_file == FileId(0) {
        // A reference back into the document itself stays a local reference.
        let mut m = Obj::new();
        m.insert("$ref".into(), Value::String(fragment));
        return Some(Value::Object(m));
    }
    let key = (target_file, fragment.clone());
    if stack.contains(&key) {
        if file == FileId(0) {
            warnings.report(
                UNRESOLVED_REF,
                Severity::Warn,
                Loc::new(file, at.push("$ref")),
                format!("`{r}` refers to itself through other files and cannot be inlined; kept as written"),
            );
        }
        return None;
    }
    let ptr = Pointer::parse(&fragment).ok()?;
    let target = ptr.resolve(&api.sources.get(target_file).value)?;
    stack.push(key);
    let v = inline_value(api, target_file, &ptr, target, stack, warnings);
    stack.pop();
    Some(v)
}
