//! SAM's `Auth.ResourcePolicy` (on an API, or on one function event's method): the statements
//! SAM writes into the document's `x-amazon-apigateway-policy`.

use serde_json::{json, Map, Value};

use crate::load::template::{Refused, Transformed};
use crate::source::Pointer;

use super::{falsy, help, path_items, record, refuse};

const POLICY: &str = "x-amazon-apigateway-policy";

/// The `execute-api` resources SAM scopes a path's statements to: one per method of the path
/// (`*` for ANY), in the stage, with path parameters as `*`.
fn resources(doc: &Value, path: &str, methods: Option<&[String]>, stage: &Value) -> Vec<Value> {
    let listed: Vec<String> = match methods {
        Some(m) => m.to_vec(),
        None => path_items(doc, path)
            .iter()
            .filter_map(|p| p.resolve(doc).and_then(Value::as_object))
            .flat_map(|m| m.keys().cloned())
            .collect(),
    };
    let path = wildcard_parameters(path);
    listed
        .iter()
        .map(|m| {
            let lower = m.to_ascii_lowercase();
            let method = if lower == "any" || lower == "x-amazon-apigateway-any-method" {
                "*".to_string()
            } else {
                m.to_ascii_uppercase()
            };
            json!({"Fn::Sub": [format!("execute-api:/${{__Stage__}}/{method}{path}"), {"__Stage__": stage}]})
        })
        .collect()
}

/// `{id}`, `{id+}` and `{proxy+}` path segments as `*`, as SAM writes them in policy resources.
fn wildcard_parameters(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = after[..close].strip_suffix('+').unwrap_or(&after[..close]);
                let ok =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
                if ok {
                    out.push('*');
                } else {
                    out.push_str(&rest[open..open + close + 2]);
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The document's policy as SAM edits it, and whether it already had one.
fn policy_of(doc: &Value) -> Map<String, Value> {
    doc.get(POLICY).and_then(Value::as_object).cloned().unwrap_or_default()
}

/// Appends statements the way SAM does: the first statement of a policy without `Statement`
/// becomes it (a single map when SAM adds one statement), later ones make it a list; statements
/// already there are not repeated when `dedupe`.
fn append(policy: &mut Map<String, Value>, statements: Vec<Value>, single: bool, dedupe: bool) -> Vec<usize> {
    policy.insert("Version".into(), json!("2012-10-17"));
    let mut placed = Vec::new();
    match policy.get_mut("Statement").filter(|s| !s.is_null()) {
        None => {
            if single && statements.len() == 1 {
                policy.insert("Statement".into(), statements.into_iter().next().unwrap_or(Value::Null));
                placed.push(usize::MAX);
            } else {
                placed.extend(0..statements.len());
                policy.insert("Statement".into(), Value::Array(statements));
            }
        }
        Some(existing) => {
            if !existing.is_array() {
                *existing = Value::Array(vec![std::mem::take(existing)]);
            }
            let list = existing.as_array_mut().expect("a list");
            for s in statements {
                if dedupe && list.contains(&s) {
                    continue;
                }
                placed.push(list.len());
                list.push(s);
            }
        }
    }
    placed
}

fn write(doc: &mut Value, policy: Map<String, Value>, placed: &[usize], from: &Pointer, out: &mut Transformed) {
    let had = doc.get(POLICY).is_some();
    if let Some(root) = doc.as_object_mut() {
        root.insert(POLICY.into(), Value::Object(policy));
    }
    let at = Pointer::root().push(POLICY);
    if !had {
        record(out, at.clone(), from.clone(), false);
    }
    for &i in placed {
        let s = if i == usize::MAX { at.push("Statement") } else { at.push("Statement").index(i) };
        record(out, s, from.clone(), false);
    }
}

/// Adds the statements an `Auth.ResourcePolicy` gives one path: allow or deny accounts, IP
/// ranges and VPCs / VPC endpoints, for the path's methods (`methods` when SAM sees only some
/// of them, else every method of the path in the document). `from` is the `ResourcePolicy` node.
pub(super) fn add_for_path(
    doc: &mut Value,
    rp: &Value,
    path: &str,
    stage: &Value,
    methods: Option<&[String]>,
    from: &Pointer,
    out: &mut Transformed,
) -> Result<(), Vec<Refused>> {
    let list = resources(doc, path, methods, stage);
    let mut policy = policy_of(doc);
    let mut added: Vec<(Vec<usize>, Pointer)> = Vec::new();
    for (key, effect) in [("AwsAccountWhitelist", "Allow"), ("AwsAccountBlacklist", "Deny")] {
        let Some(accounts) = rp.get(key).filter(|a| !falsy(Some(a))) else { continue };
        if !accounts.is_object() && !accounts.is_array() {
            return Err(refuse(
                format!("Type of '{accounts}' must be a list or dictionary"),
                help::write_as(key, &format!("{} of AWS account ids", help::LIST)),
                from.push(key),
            ));
        }
        let accounts = if accounts.is_array() { accounts.clone() } else { json!([accounts]) };
        let statement =
            json!({"Effect": effect, "Action": "execute-api:Invoke", "Resource": list, "Principal": {"AWS": accounts}});
        added.push((append(&mut policy, vec![statement], true, false), from.push(key)));
    }
    for (key, condition) in [("IpRangeWhitelist", "NotIpAddress"), ("IpRangeBlacklist", "IpAddress")] {
        let Some(ips) = rp.get(key).filter(|a| !falsy(Some(a))) else { continue };
        let ips = if ips.is_array() { ips.clone() } else { json!([ips]) };
        let allow = json!({"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": list, "Principal": "*"});
        let deny = json!({"Effect": "Deny", "Action": "execute-api:Invoke", "Resource": list, "Principal": "*",
            "Condition": {condition: {"aws:SourceIp": ips}}});
        added.push((append(&mut policy, vec![allow, deny], false, true), from.push(key)));
    }
    for (key, intrinsic, condition) in
        [("SourceVpcBlacklist", "Blacklist", "StringEquals"), ("SourceVpcWhitelist", "Whitelist", "StringNotEquals")]
    {
        let strings = rp.get(key).filter(|v| !v.is_null());
        if let Some(s) = strings {
            if s.as_array().is_none_or(|l| l.iter().any(|v| !v.is_string())) {
                return Err(refuse(
                    format!("{key} must be a list of strings. Use IntrinsicVpc{intrinsic} instead for values that use Intrinsic Functions"),
                    format!("list only literal VPC (`vpc-...`) and endpoint (`vpce-...`) ids in `{key}`; move values written with intrinsic functions to `IntrinsicVpc{intrinsic}` (VPC ids) or `IntrinsicVpce{intrinsic}` (endpoint ids)"),
                    from.push(key),
                ));
            }
        }
        let mut vpc: Vec<Value> = Vec::new();
        let mut vpce: Vec<Value> = Vec::new();
        for v in strings.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            if v.starts_with("vpce-") {
                vpce.push(json!(v));
            }
            if v.starts_with("vpc-") {
                vpc.push(json!(v));
            }
        }
        let extend = |list: &mut Vec<Value>, v: Option<&Value>| match v {
            Some(Value::Array(a)) => list.extend(a.iter().cloned()),
            Some(Value::Null) | None => {}
            Some(other) => list.push(other.clone()),
        };
        extend(&mut vpc, rp.get(format!("IntrinsicVpc{intrinsic}").as_str()));
        extend(&mut vpce, rp.get(format!("IntrinsicVpce{intrinsic}").as_str()));
        if vpc.is_empty() && vpce.is_empty() {
            continue;
        }
        let mut cond = Map::new();
        if !vpc.is_empty() {
            cond.insert("aws:SourceVpc".into(), Value::Array(vpc));
        }
        if !vpce.is_empty() {
            cond.insert("aws:SourceVpce".into(), Value::Array(vpce));
        }
        let allow = json!({"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": list, "Principal": "*"});
        let deny = json!({"Effect": "Deny", "Action": "execute-api:Invoke", "Resource": list, "Principal": "*",
            "Condition": {condition: cond}});
        let written = if strings.is_some() { from.push(key) } else { from.clone() };
        added.push((append(&mut policy, vec![allow, deny], false, true), written));
    }
    if added.is_empty() {
        return Ok(());
    }
    write(doc, policy, &[], from, out);
    let at = Pointer::root().push(POLICY).push("Statement");
    for (indices, src) in added {
        for i in indices {
            record(out, if i == usize::MAX { at.clone() } else { at.index(i) }, src.clone(), false);
        }
    }
    Ok(())
}

/// Adds `CustomStatements` (a statement or a list) to the document's policy, as SAM does:
/// statements already in it are not repeated.
pub(super) fn add_custom(doc: &mut Value, custom: &Value, from: &Pointer, out: &mut Transformed) {
    let mut policy = policy_of(doc);
    let at = Pointer::root().push(POLICY).push("Statement");
    if policy.get("Statement").is_none_or(Value::is_null) {
        policy.insert("Version".into(), json!("2012-10-17"));
        policy.insert("Statement".into(), custom.clone());
        write(doc, policy, &[], from, out);
        record(out, at, from.clone(), true);
        return;
    }
    let (list, single) = match custom {
        Value::Array(a) => (a.clone(), false),
        one => (vec![one.clone()], true),
    };
    let placed = append(&mut policy, list, false, true);
    write(doc, policy, &[], from, out);
    // A single statement is a copy of the template's.
    for i in placed {
        record(out, at.index(i), from.clone(), single);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_become_wildcards() {
        assert_eq!(wildcard_parameters("/users/{id}/files/{proxy+}"), "/users/*/files/*");
        assert_eq!(wildcard_parameters("/a/{bad name}"), "/a/{bad name}");
        assert_eq!(wildcard_parameters("/"), "/");
    }
}
