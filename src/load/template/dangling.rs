//! References to resources that CloudFormation does not create. A resource whose `Condition` is
//! false is left out of the stack; a resource (or output) that is created and still refers to it
//! with `Ref`, `Fn::GetAtt`, an `Fn::Sub` placeholder or `DependsOn` makes CloudFormation refuse
//! the whole template when the change set is made ("Template format error: Unresolved resource
//! dependencies [Name] in the Resources block of the template", or "... in the Outputs block").
//!
//! Only what is sure is reported: a reference inside an `Fn::If` whose condition gwgen cannot
//! evaluate, or in a resource (or output) whose own condition it cannot evaluate, may never be
//! made, and is left alone. SAM's transform runs before CloudFormation checks this and does not
//! apply conditions: a SAM event naming such an API is accepted by SAM and refused here.

use std::collections::BTreeMap;

use serde_json::Value;

use super::conditions::{Conditions, Removed};
use crate::source::Pointer;

/// A created resource or output that refers to a resource CloudFormation does not create.
#[derive(Clone, Debug)]
pub struct Dangling {
    /// The reference (in the template as rewritten by the conditions).
    pub at: Pointer,
    /// The logical id of the resource (or the output's name) that refers.
    pub from: String,
    /// `Resources` or `Outputs`.
    pub block: &'static str,
    /// The resource it refers to, and the condition that removed it.
    pub target: String,
    pub condition: String,
    /// `DependsOn` (which cannot hold an `Fn::If`), else a value.
    pub depends_on: bool,
    /// The reference is in SAM's `Globals`, which gave it to the resource.
    pub globals: bool,
}

impl Dangling {
    /// CloudFormation's answer, and how to make the template valid.
    pub fn message(&self) -> (String, String) {
        let (target, condition, from) = (&self.target, &self.condition, &self.from);
        let what = if self.block == "Outputs" { format!("output `{from}`") } else { format!("`{from}`") };
        let through = if self.globals { " (through Globals)" } else { "" };
        let message = format!(
            "{what}{through} refers to `{target}`, which is not created: its Condition `{condition}` is false with the template's parameter values; CloudFormation refuses the template (Unresolved resource dependencies [{target}] in the {} block of the template)",
            self.block
        );
        let help = if self.depends_on {
            format!("give {what} the Condition `{condition}` too, or remove `{target}` from its DependsOn (which takes no Fn::If)")
        } else if self.block == "Outputs" {
            format!(
                "give {what} the Condition `{condition}` too (the output is then left out with its resource), or choose its value with `!If [{condition}, <the reference>, <another value>]`"
            )
        } else if self.globals {
            format!(
                "wrap the reference in `!If [{condition}, <the reference>, !Ref AWS::NoValue]`, or set the property on the resources that have the Condition `{condition}` instead of in Globals"
            )
        } else {
            format!(
                "give {what} the Condition `{condition}` too, or wrap the reference in `!If [{condition}, <the reference>, !Ref AWS::NoValue]` (or another value)"
            )
        };
        (message, help)
    }
}

/// The references of `template` (as the conditions rewrote it: `Fn::If`s decided, removed
/// resources gone) to the `removed` resources, in document order. `pseudo` are the values given
/// to pseudo parameters.
pub fn dangling(template: &Value, removed: &[Removed], pseudo: &[(String, String)]) -> Vec<Dangling> {
    if removed.is_empty() {
        return Vec::new();
    }
    let removed: BTreeMap<&str, &str> = removed.iter().map(|r| (r.logical_id.as_str(), r.condition.as_str())).collect();
    let mut conditions = Conditions::with(template, pseudo);
    let mut out = Vec::new();
    for block in ["Resources", "Outputs"] {
        let Some(Value::Object(entries)) = template.get(block) else { continue };
        let at = Pointer::root().push(block);
        for (id, entry) in entries {
            let Value::Object(fields) = entry else { continue };
            // Its own condition: made only when it is true (the conditions have already left out
            // the resources whose condition is false, and the condition of those they keep).
            if let Some(name) = fields.get("Condition").and_then(Value::as_str) {
                if conditions.get(name) != Ok(true) {
                    continue;
                }
            }
            let mut found = Found { removed: &removed, conditions: &mut conditions, refs: Vec::new() };
            // Where CloudFormation resolves references: a resource's properties and DependsOn,
            // an output's value and export name.
            for (key, v) in fields {
                let at = at.push(id).push(key);
                match (block, key.as_str()) {
                    ("Resources", "DependsOn") => found.depends_on(v, &at),
                    ("Resources", "Properties") | ("Outputs", "Value" | "Export") => found.value(v, &at, 0),
                    _ => {}
                }
            }
            for (at, target, depends_on) in found.refs {
                out.push(Dangling {
                    at,
                    from: id.clone(),
                    block,
                    condition: removed.get(target.as_str()).map(|c| c.to_string()).unwrap_or_default(),
                    target,
                    depends_on,
                    globals: false,
                });
            }
        }
    }
    out
}

struct Found<'r, 'c, 't> {
    removed: &'r BTreeMap<&'r str, &'r str>,
    conditions: &'c mut Conditions<'t>,
    /// Where, which resource, and whether in `DependsOn`.
    refs: Vec<(Pointer, String, bool)>,
}

impl Found<'_, '_, '_> {
    fn hit(&mut self, name: &str, at: &Pointer, depends_on: bool) {
        if self.removed.contains_key(name) {
            self.refs.push((at.clone(), name.to_string(), depends_on));
        }
    }

    /// `DependsOn: Name` or `DependsOn: [Names]`.
    fn depends_on(&mut self, v: &Value, at: &Pointer) {
        match v {
            Value::String(s) => self.hit(s, at, true),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::String(s) = item {
                        self.hit(s, &at.index(i), true);
                    }
                }
            }
            _ => {}
        }
    }

    /// The references in a value: `Ref`, `Fn::GetAtt`, `Fn::Sub` placeholders, and in the branch
    /// of an `Fn::If` its condition chooses (none when gwgen cannot tell which).
    fn value(&mut self, v: &Value, at: &Pointer, depth: usize) {
        if depth > crate::load::yaml::MAX_DEPTH {
            return;
        }
        match v {
            Value::Object(m) if m.len() == 1 => {
                let (name, arg) = m.iter().next().expect("one key");
                match (name.as_str(), arg) {
                    ("Ref", Value::String(r)) => self.hit(r, at, false),
                    ("Fn::GetAtt", Value::Array(a)) => {
                        if let Some(id) = a.first().and_then(Value::as_str) {
                            self.hit(id, at, false);
                        }
                        self.value(arg, &at.push(name), depth + 1);
                    }
                    ("Fn::GetAtt", Value::String(s)) => {
                        self.hit(s.split_once('.').map_or(s.as_str(), |(id, _)| id), at, false)
                    }
                    ("Fn::Sub", _) => {
                        let (text, vars) = match arg {
                            Value::String(t) => (Some(t.as_str()), None),
                            Value::Array(a) => (a.first().and_then(Value::as_str), a.get(1).and_then(Value::as_object)),
                            _ => (None, None),
                        };
                        for placeholder in text.map(placeholders).unwrap_or_default() {
                            let id = placeholder.split('.').next().unwrap_or_default();
                            if !vars.is_some_and(|vars| vars.contains_key(placeholder)) {
                                self.hit(id, at, false);
                            }
                        }
                        if let Some(vars) = vars {
                            let at = at.push(name).index(1);
                            for (k, v) in vars {
                                self.value(v, &at.push(k), depth + 1);
                            }
                        }
                    }
                    ("Fn::If", Value::Array(a)) if a.len() == 3 => {
                        let Some(condition) = a[0].as_str() else { return };
                        if let Ok(chosen) = self.conditions.get(condition) {
                            let k = if chosen { 1 } else { 2 };
                            self.value(&a[k], &at.push(name).index(k), depth + 1);
                        }
                    }
                    _ => self.value(arg, &at.push(name), depth + 1),
                }
            }
            Value::Object(m) => {
                for (k, c) in m {
                    self.value(c, &at.push(k), depth + 1);
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    self.value(c, &at.index(i), depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The names an `Fn::Sub` text substitutes (`${Name}`, `${Name.Attribute}`), without the
/// escaped `${!Literal}`s.
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        let after = &rest[i + 2..];
        let Some(end) = after.find('}') else { break };
        let name = after[..end].trim();
        if !name.starts_with('!') {
            out.push(name);
        }
        rest = &after[end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn found(template: Value) -> Vec<String> {
        let (rewritten, applied) = super::super::conditions::evaluate(&template);
        dangling(&rewritten, &applied.removed, &[])
            .iter()
            .map(|d| format!("{} {} {} {}", d.at, d.target, d.condition, d.depends_on))
            .collect()
    }

    #[test]
    fn created_resources_and_outputs_that_refer_to_a_removed_resource() {
        let found = found(json!({
            "Parameters": {"Env": {"Type": "String", "Default": "dev"}, "Open": {"Type": "String"}},
            "Conditions": {
                "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
                "IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]},
                "Unknown": {"Fn::Equals": [{"Ref": "Open"}, "x"]}
            },
            "Resources": {
                "Admin": {"Type": "AWS::Serverless::Api", "Condition": "IsProd"},
                "Fn": {"Type": "AWS::Serverless::Function", "DependsOn": ["Other", "Admin"], "Metadata": {"Note": {"Ref": "Admin"}}, "Properties": {
                    "A": {"Ref": "Admin"},
                    "B": {"Fn::GetAtt": ["Admin", "RootResourceId"]},
                    "C": {"Fn::GetAtt": "Admin.RootResourceId"},
                    "D": {"Fn::Sub": "https://${Admin}.execute-api.${AWS::Region}.amazonaws.com/${!Admin}"},
                    "E": {"Fn::Sub": ["${Admin}", {"Admin": "shadowed"}]},
                    "F": {"Fn::If": ["IsProd", {"Ref": "Admin"}, {"Ref": "AWS::NoValue"}]},
                    "G": {"Fn::If": ["Unknown", {"Ref": "Admin"}, "x"]},
                    "H": {"Fn::If": ["IsDev", {"Ref": "Admin"}, "x"]}
                }},
                "Other": {"Type": "AWS::SNS::Topic", "Properties": {"Name": {"Ref": "Env"}}},
                "Guarded": {"Type": "AWS::SNS::Topic", "Condition": "IsProd", "Properties": {"Name": {"Ref": "Admin"}}},
                "Maybe": {"Type": "AWS::SNS::Topic", "Condition": "Unknown", "Properties": {"Name": {"Ref": "Admin"}}},
                "Sure": {"Type": "AWS::SNS::Topic", "Condition": "IsDev", "Properties": {"Name": {"Ref": "Admin"}}}
            },
            "Outputs": {
                "Url": {"Value": {"Fn::GetAtt": ["Admin", "RootResourceId"]}},
                "Guarded": {"Condition": "IsProd", "Value": {"Ref": "Admin"}},
                "Chosen": {"Value": {"Fn::If": ["IsProd", {"Ref": "Admin"}, "none"]}}
            }
        }));
        assert_eq!(
            found,
            [
                "/Resources/Fn/DependsOn/1 Admin IsProd true",
                "/Resources/Fn/Properties/A Admin IsProd false",
                "/Resources/Fn/Properties/B Admin IsProd false",
                "/Resources/Fn/Properties/C Admin IsProd false",
                "/Resources/Fn/Properties/D Admin IsProd false",
                // `H` is the branch IsDev chooses, written where the Fn::If is.
                "/Resources/Fn/Properties/H Admin IsProd false",
                "/Resources/Sure/Properties/Name Admin IsProd false",
                "/Outputs/Url/Value Admin IsProd false",
            ]
        );
    }

    #[test]
    fn nothing_removed_nothing_dangles() {
        assert!(found(json!({"Resources": {"A": {"Type": "X", "Properties": {"B": {"Ref": "Missing"}}}}})).is_empty());
    }
}
