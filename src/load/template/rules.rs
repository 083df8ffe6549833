//! A template's `Rules`: CloudFormation checks the parameter values against them before it
//! creates or updates the stack. A rule whose `RuleCondition` is true (or that has none) has its
//! `Assertions` checked; one that is false refuses the stack with its `AssertDescription`.
//!
//! gwgen checks them with the parameter values it knows (the `Default`s and `--parameter`s),
//! with the rule functions: `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Fn::Contains`,
//! `Fn::EachMemberEquals`, `Fn::EachMemberIn` (and `Fn::If` on a condition it can evaluate).
//! `Fn::RefAll`, `Fn::ValueOf` and `Fn::ValueOfAll` read what the account holds (its VPCs, the
//! tags of a subnet): they are unknown, and so is a parameter without a value. An assertion gwgen
//! cannot evaluate is never reported as failing.

use serde_json::Value;

use super::conditions::{refs, Conditions};
use crate::source::Pointer;

/// What checking the rules found.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    /// Assertions that are false: CloudFormation refuses the stack.
    pub failed: Vec<Failed>,
    /// Rule conditions or assertions gwgen cannot evaluate: where, and why.
    pub unknown: Vec<Open>,
}

/// A false assertion.
#[derive(Clone, Debug)]
pub struct Failed {
    pub rule: String,
    /// The assertion's `Assert`.
    pub at: Pointer,
    /// Its `AssertDescription` (CloudFormation's answer), if it has one.
    pub description: Option<String>,
}

/// A rule condition or assertion gwgen cannot evaluate.
#[derive(Clone, Debug)]
pub struct Open {
    pub rule: String,
    pub at: Pointer,
    pub why: String,
}

/// Checks the template's `Rules` with the parameter values it declares (and those given to
/// pseudo parameters).
pub fn check(template: &Value, pseudo: &[(String, String)]) -> Checked {
    let mut out = Checked::default();
    let Some(Value::Object(rules)) = template.get("Rules") else { return out };
    let mut c = Conditions::with(template, pseudo);
    let from_store = store_parameters(template);
    let root = Pointer::root().push("Rules");
    for (name, rule) in rules {
        let at = root.push(name);
        let open = |at: Pointer, why: String, expr: &Value, out: &mut Checked| {
            // A value read from Parameter Store when the stack is made (CDK's check of its
            // bootstrap version) cannot be given with --parameter: nothing to say.
            let mut names = Vec::new();
            refs(expr, &mut names);
            let only_store = !names.is_empty()
                && names.iter().all(|n| from_store.contains(n) || has_value(template, n))
                && names.iter().any(|n| from_store.contains(n));
            if !only_store {
                out.unknown.push(Open { rule: name.clone(), at, why });
            }
        };
        if let Some(condition) = rule.get("RuleCondition") {
            match eval(&mut c, condition, 0) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(why) => {
                    open(at.push("RuleCondition"), why, condition, &mut out);
                    continue;
                }
            }
        }
        let Some(Value::Array(assertions)) = rule.get("Assertions") else { continue };
        for (i, a) in assertions.iter().enumerate() {
            let Some(assert) = a.get("Assert") else { continue };
            let at = at.push("Assertions").index(i).push("Assert");
            match eval(&mut c, assert, 0) {
                Ok(true) => {}
                Ok(false) => out.failed.push(Failed {
                    rule: name.clone(),
                    at,
                    description: a.get("AssertDescription").and_then(Value::as_str).map(str::to_string),
                }),
                Err(why) => open(at, why, assert, &mut out),
            }
        }
    }
    out
}

/// Does the template give this parameter a value gwgen reads (a Default, not a Parameter Store key)?
fn has_value(template: &Value, name: &str) -> bool {
    super::intrinsics::Context::of(template).has_parameter(name)
}

/// The parameters whose value CloudFormation reads from Parameter Store (`AWS::SSM::Parameter::Value<...>`).
fn store_parameters(template: &Value) -> Vec<String> {
    let Some(Value::Object(ps)) = template.get("Parameters") else { return Vec::new() };
    ps.iter()
        .filter(|(_, p)| p.get("Type").and_then(Value::as_str).is_some_and(|t| t.starts_with("AWS::SSM::")))
        .map(|(n, _)| n.clone())
        .collect()
}

/// A rule function: `Ok(true/false)`, or `Err(why gwgen cannot evaluate it)`.
fn eval(c: &mut Conditions, expr: &Value, depth: usize) -> Result<bool, String> {
    if depth > crate::load::yaml::MAX_DEPTH {
        return Err("the rule is nested too deeply".into());
    }
    let m = expr.as_object().filter(|m| m.len() == 1).ok_or("a rule condition or assertion is one rule function")?;
    let (name, arg) = m.iter().next().ok_or("a rule condition or assertion is one rule function")?;
    let args = || arg.as_array().map(Vec::as_slice).unwrap_or_default();
    match name.as_str() {
        "Fn::Equals" => {
            let [a, b] = args() else { return Err("`Fn::Equals` takes two values".into()) };
            Ok(value(c, a)? == value(c, b)?)
        }
        "Fn::Not" => {
            let [a] = args() else { return Err("`Fn::Not` takes one condition".into()) };
            Ok(!eval(c, a, depth + 1)?)
        }
        "Fn::And" | "Fn::Or" => {
            // False once one operand is false (true once one is true), whatever the others are.
            let decisive = name == "Fn::Or";
            let mut open = None;
            for a in args() {
                match eval(c, a, depth + 1) {
                    Ok(b) if b == decisive => return Ok(decisive),
                    Ok(_) => {}
                    Err(why) => open = open.or(Some(why)),
                }
            }
            open.map_or(Ok(!decisive), Err)
        }
        "Fn::Contains" | "Fn::EachMemberEquals" => {
            let [list, one] = args() else { return Err(format!("`{name}` takes a list and a string")) };
            let (list, one) = (texts(c, list)?, text(c, one)?);
            Ok(if name == "Fn::Contains" { list.contains(&one) } else { list.iter().all(|m| *m == one) })
        }
        "Fn::EachMemberIn" => {
            let [check, allowed] = args() else { return Err("`Fn::EachMemberIn` takes two lists".into()) };
            let (check, allowed) = (texts(c, check)?, texts(c, allowed)?);
            Ok(check.iter().all(|m| allowed.contains(m)))
        }
        "Fn::If" => {
            let [Value::String(condition), yes, no] = args() else {
                return Err("`Fn::If` takes a condition's name and two values".into());
            };
            let branch = if c.get(condition)? { yes } else { no };
            eval(c, branch, depth + 1)
        }
        other => Err(format!("`{other}` is not a rule function gwgen evaluates")),
    }
}

/// A rule function's operand: its text, or the texts of a list. `Fn::RefAll`, `Fn::ValueOf` and
/// `Fn::ValueOfAll` read the account's resources: unknown.
fn value(c: &Conditions, v: &Value) -> Result<Value, String> {
    if let Some(f) = ["Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll"].into_iter().find(|f| uses(v, f)) {
        return Err(format!("`{f}` reads the account's resources when the stack is made"));
    }
    c.operand(v)
}

fn text(c: &Conditions, v: &Value) -> Result<String, String> {
    match value(c, v)? {
        Value::String(s) => Ok(s),
        _ => Err("a list where the rule function takes a string".into()),
    }
}

fn texts(c: &Conditions, v: &Value) -> Result<Vec<String>, String> {
    match value(c, v)? {
        Value::Array(items) => Ok(items.into_iter().filter_map(|i| i.as_str().map(str::to_string)).collect()),
        _ => Err("a string where the rule function takes a list".into()),
    }
}

fn uses(v: &Value, function: &str) -> bool {
    match v {
        Value::Object(m) => m.contains_key(function) || m.values().any(|c| uses(c, function)),
        Value::Array(a) => a.iter().any(|c| uses(c, function)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn checked(parameters: Value, rules: Value) -> Vec<String> {
        let t = json!({"Parameters": parameters, "Rules": rules, "Resources": {}});
        let found = check(&t, &[]);
        let mut out: Vec<String> = found
            .failed
            .iter()
            .map(|f| format!("failed {} {}", f.at, f.description.clone().unwrap_or_default()))
            .collect();
        out.extend(found.unknown.iter().map(|u| format!("open {} {}", u.at, u.why)));
        out
    }

    /// The example of CloudFormation's Rules page: the instance type each environment allows.
    fn environment_rules() -> Value {
        json!({
            "testInstanceType": {
                "RuleCondition": {"Fn::Equals": [{"Ref": "Environment"}, "test"]},
                "Assertions": [{
                    "Assert": {"Fn::Contains": [["a1.medium"], {"Ref": "InstanceType"}]},
                    "AssertDescription": "For a test environment, the instance type must be a1.medium"
                }]
            },
            "prodInstanceType": {
                "RuleCondition": {"Fn::Equals": [{"Ref": "Environment"}, "prod"]},
                "Assertions": [{
                    "Assert": {"Fn::Contains": [["a1.large"], {"Ref": "InstanceType"}]},
                    "AssertDescription": "For a production environment, the instance type must be a1.large"
                }]
            }
        })
    }

    #[test]
    fn the_documented_example_refuses_what_it_says() {
        let p = |env: &str, it: &str| json!({"Environment": {"Type": "String", "Default": env}, "InstanceType": {"Type": "String", "Default": it}});
        assert!(checked(p("test", "a1.medium"), environment_rules()).is_empty());
        assert!(checked(p("prod", "a1.large"), environment_rules()).is_empty());
        // The rule whose condition is false is not checked.
        assert!(checked(p("dev", "a1.small"), environment_rules()).is_empty());
        assert_eq!(
            checked(p("prod", "a1.medium"), environment_rules()),
            ["failed /Rules/prodInstanceType/Assertions/0/Assert For a production environment, the instance type must be a1.large"]
        );
    }

    #[test]
    fn rule_functions() {
        let p = json!({
            "Subnets": {"Type": "CommaDelimitedList", "Default": "a, b"},
            "Zone": {"Type": "String", "Default": "a"},
            "Cert": {"Type": "String", "Default": ""},
            "Open": {"Type": "String"}
        });
        let rule = |assert: Value| json!({"R": {"Assertions": [{"Assert": assert, "AssertDescription": "no"}]}});
        let holds = |assert: Value| checked(p.clone(), rule(assert.clone())).is_empty();
        assert!(holds(json!({"Fn::Contains": [{"Ref": "Subnets"}, {"Ref": "Zone"}]})));
        assert!(!holds(json!({"Fn::Contains": [{"Ref": "Subnets"}, "c"]})));
        assert!(holds(json!({"Fn::EachMemberEquals": [["a", "a"], {"Ref": "Zone"}]})));
        assert!(!holds(json!({"Fn::EachMemberEquals": [{"Ref": "Subnets"}, "a"]})));
        assert!(holds(json!({"Fn::EachMemberIn": [{"Ref": "Subnets"}, ["a", "b", "c"]]})));
        assert!(!holds(json!({"Fn::EachMemberIn": [{"Ref": "Subnets"}, ["a"]]})));
        assert!(!holds(json!({"Fn::Not": [{"Fn::Equals": [{"Ref": "Cert"}, ""]}]})));
        assert!(holds(json!({"Fn::Or": [{"Fn::Equals": [{"Ref": "Open"}, "x"]}, {"Fn::Equals": ["1", 1]}]})));
        assert!(!holds(json!({"Fn::And": [{"Fn::Equals": [{"Ref": "Open"}, "x"]}, {"Fn::Equals": ["1", 2]}]})));
        // What gwgen cannot evaluate is never a failure: it is noted.
        for open in [
            json!({"Fn::Equals": [{"Ref": "Open"}, "x"]}),
            json!({"Fn::EachMemberIn": [{"Fn::ValueOfAll": ["AWS::EC2::Subnet::Id", "VpcId"]}, {"Fn::RefAll": "AWS::EC2::VPC::Id"}]}),
            json!({"Fn::Equals": [{"Fn::ValueOf": ["Zone", "Tags.Department"]}, "IT"]}),
            json!({"Condition": "Anything"}),
        ] {
            let found = checked(p.clone(), rule(open.clone()));
            assert!(found.len() == 1 && found[0].starts_with("open /Rules/R/Assertions/0/Assert"), "{open}: {found:?}");
        }
        let found = checked(
            p.clone(),
            rule(
                json!({"Fn::EachMemberIn": [{"Fn::ValueOfAll": ["AWS::EC2::Subnet::Id", "VpcId"]}, {"Fn::RefAll": "AWS::EC2::VPC::Id"}]}),
            ),
        );
        assert!(found[0].contains("reads the account's resources"), "{found:?}");
        // An unknown rule condition: its assertions are not checked, the condition is noted.
        let r = json!({"R": {"RuleCondition": {"Fn::Equals": [{"Ref": "Open"}, "x"]},
            "Assertions": [{"Assert": {"Fn::Equals": ["1", "2"]}}]}});
        let found = checked(p.clone(), r);
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("open /Rules/R/RuleCondition parameter `Open` has no Default"), "{found:?}");
    }

    #[test]
    fn the_cdk_bootstrap_version_check_is_silent() {
        let p = json!({"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/cdk-bootstrap/hnb659fds/version"}});
        let r = json!({"CheckBootstrapVersion": {"Assertions": [{
            "Assert": {"Fn::Not": [{"Fn::Contains": [["1", "2", "3", "4", "5"], {"Ref": "BootstrapVersion"}]}]},
            "AssertDescription": "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI."
        }]}});
        assert!(checked(p, r).is_empty());
    }
}
