//! CloudFormation's `Conditions`, `Fn::If` and `AWS::NoValue`, applied to a template as
//! CloudFormation applies them when it makes the stack: a resource whose `Condition` is false is
//! not created, `Fn::If` is the branch its condition chooses, and a property (or list item) whose
//! value is `Ref: AWS::NoValue` is left out.
//!
//! A condition is evaluated when its inputs are known: literals, and parameters with a value (a
//! `Default`, or one given with `--parameter`). One that depends on anything else (a parameter
//! without a default, `AWS::Region`, ...) is unknown: its resources are kept, its `Fn::If` stays
//! as written, and each place it decides is listed so that gwgen can say so.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::intrinsics::{scalar_text, Context};
use crate::source::{Pointer, PosNode, Positions};

/// A resource CloudFormation does not create: its condition is false.
#[derive(Clone, Debug)]
pub struct Removed {
    pub logical_id: String,
    pub condition: String,
}

/// A place decided by a condition gwgen cannot evaluate.
#[derive(Clone, Debug)]
pub struct Unknown {
    /// The condition's name (a rule's name, for a rule).
    pub condition: String,
    /// The resource's `Condition`, the `Fn::If` (in the template as rewritten), or the rule's
    /// `RuleCondition` or `Assert`.
    pub at: Pointer,
    /// What it decides.
    pub decides: Decides,
    /// Why it cannot be evaluated ("parameter `Env` has no Default").
    pub why: String,
}

impl Unknown {
    /// Whether a `--parameter` can decide it: its reason then names the value to give. What reads
    /// the account (`Fn::GetAZs`, a rule's `Fn::RefAll`, a Parameter Store value) cannot.
    pub fn settable(&self) -> bool {
        self.why.contains("--parameter")
    }
}

/// What a condition gwgen cannot evaluate decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decides {
    /// Whether a resource is created (its `Condition`).
    Resource,
    /// Which branch of an `Fn::If` is the value.
    Value,
    /// Which branch of an `Fn::If` between mappings (a path, a body, a set of mapping
    /// templates) is the value: gwgen reads the first that is a mapping.
    Mapping,
    /// Whether a rule's assertions hold (or apply): whether CloudFormation accepts the
    /// parameter values.
    Rule,
}

/// What applying the conditions did.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    pub removed: Vec<Removed>,
    pub unknown: Vec<Unknown>,
    /// For each copy of a `Globals` value given to [`apply`], where it is in the template as
    /// rewritten (a list item moves up when one before it is left out), or None when it is left out.
    pub copies: Vec<Option<Pointer>>,
}

/// The template's conditions: true, false, or unknown with why.
pub struct Conditions<'t> {
    defined: Option<&'t Map<String, Value>>,
    ctx: Context,
    /// Parameters whose value is read from Parameter Store when the stack is made.
    from_store: BTreeSet<String>,
    known: BTreeMap<String, Result<bool, String>>,
    evaluating: BTreeSet<String>,
}

impl<'t> Conditions<'t> {
    #[cfg(test)]
    pub fn of(template: &'t Value) -> Conditions<'t> {
        Conditions::with(template, &[])
    }

    /// The template's conditions, with values given to pseudo parameters (`AWS::Region`, ...).
    pub fn with(template: &'t Value, pseudo: &[(String, String)]) -> Conditions<'t> {
        let parameters = template.get("Parameters").and_then(Value::as_object);
        let from_store = parameters
            .into_iter()
            .flatten()
            .filter(|(_, p)| p.get("Type").and_then(Value::as_str).is_some_and(|t| t.starts_with("AWS::SSM::")))
            .map(|(n, _)| n.clone())
            .collect();
        Conditions {
            defined: template.get("Conditions").and_then(Value::as_object),
            ctx: Context::of(template).with_pseudo(pseudo),
            from_store,
            known: BTreeMap::new(),
            evaluating: BTreeSet::new(),
        }
    }

    /// A named condition: `Ok(true/false)`, or `Err(why it cannot be evaluated)`.
    pub fn get(&mut self, name: &str) -> Result<bool, String> {
        if let Some(k) = self.known.get(name) {
            return k.clone();
        }
        let Some(expr) = self.defined.and_then(|d| d.get(name)) else {
            return Err(format!("the template defines no condition `{name}`"));
        };
        if !self.evaluating.insert(name.to_string()) {
            return Err(format!("condition `{name}` refers to itself"));
        }
        let result = self.eval(expr, 0);
        self.evaluating.remove(name);
        self.known.insert(name.to_string(), result.clone());
        result
    }

    /// A condition function (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`) or a reference to a
    /// named condition (`Condition: Name`). `Fn::And` is false once one operand is false, and
    /// `Fn::Or` true once one is true, whatever the unknown ones are.
    fn eval(&mut self, expr: &Value, depth: usize) -> Result<bool, String> {
        if depth > crate::load::yaml::MAX_DEPTH {
            return Err("the condition is nested too deeply".into());
        }
        let m = expr.as_object().filter(|m| m.len() == 1).ok_or("a condition is one condition function")?;
        let (name, arg) = m.iter().next().ok_or("a condition is one condition function")?;
        let args = || arg.as_array().map(Vec::as_slice).unwrap_or_default();
        match name.as_str() {
            "Condition" => self.get(arg.as_str().ok_or("`Condition` names a condition")?),
            "Fn::Equals" => {
                let [a, b] = args() else { return Err("`Fn::Equals` takes two values".into()) };
                Ok(self.operand(a)? == self.operand(b)?)
            }
            "Fn::Not" => {
                let [a] = args() else { return Err("`Fn::Not` takes one condition".into()) };
                Ok(!self.eval(a, depth + 1)?)
            }
            "Fn::And" | "Fn::Or" => {
                let decisive = name == "Fn::Or";
                let mut open = None;
                for a in args() {
                    match self.eval(a, depth + 1) {
                        Ok(b) if b == decisive => return Ok(decisive),
                        Ok(_) => {}
                        Err(why) => open = open.or(Some(why)),
                    }
                }
                open.map_or(Ok(!decisive), Err)
            }
            other => Err(format!("`{other}` is not a condition function")),
        }
    }

    /// An operand of `Fn::Equals`, resolved: its text (a list: its items' texts).
    pub(super) fn operand(&self, v: &Value) -> Result<Value, String> {
        let mut v = v.clone();
        self.ctx.resolve(&mut v, 0);
        let literal = |v: &Value| scalar_text(v).map(Value::String);
        match &v {
            Value::Array(items) => {
                items.iter().map(|i| literal(i).ok_or(())).collect::<Result<Vec<_>, _>>().map(Value::Array)
            }
            other => literal(other).ok_or(()),
        }
        .map_err(|_| self.why_open(&v))
    }

    /// Why a value does not resolve: the first parameter or pseudo parameter it depends on.
    fn why_open(&self, v: &Value) -> String {
        let mut names = Vec::new();
        refs(v, &mut names);
        match names.into_iter().find(|n| !self.ctx.has_parameter(n)) {
            Some(n) if super::PSEUDO_PARAMETERS.contains(&n.as_str()) => {
                format!("`{n}` is known only when the stack is made (give it with --parameter {n}=VALUE)")
            }
            Some(n) if n.starts_with("AWS::") => format!("`{n}` is known only when the stack is made"),
            Some(n) if self.from_store.contains(&n) => {
                format!("parameter `{n}` is read from Parameter Store when the stack is made")
            }
            Some(n) => format!("parameter `{n}` has no Default (give one with --parameter {n}=VALUE)"),
            None if uses(v, "Fn::GetAZs") => match self.ctx.parameter("AWS::Region") {
                Some(region) => format!("`Fn::GetAZs` lists the Availability Zones the account has in the region (in `{region}` too), known only when the stack is made"),
                None => "`Fn::GetAZs` lists the Availability Zones the account has in the region, known only when the stack is made".into(),
            },
            None => "its value is known only when the stack is made".into(),
        }
    }
}

/// The names a value refers to with `Ref` or in `Fn::Sub` placeholders.
pub(super) fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("Ref") {
                out.push(r.clone());
            }
            if let Some(t) = m.get("Fn::Sub").and_then(|s| s.as_str().or_else(|| s.get(0).and_then(Value::as_str))) {
                for part in t.split("${").skip(1) {
                    if let Some((name, _)) = part.split_once('}') {
                        if !name.starts_with('!') {
                            out.push(name.split('.').next().unwrap_or(name).to_string());
                        }
                    }
                }
            }
            m.values().for_each(|c| refs(c, out));
        }
        Value::Array(a) => a.iter().for_each(|c| refs(c, out)),
        _ => {}
    }
}

/// Does the value call this intrinsic function anywhere?
fn uses(v: &Value, function: &str) -> bool {
    match v {
        Value::Object(m) => m.contains_key(function) || m.values().any(|c| uses(c, function)),
        Value::Array(a) => a.iter().any(|c| uses(c, function)),
        _ => false,
    }
}

/// Does the template use conditions or `AWS::NoValue` (is there anything to apply)?
pub fn used(template: &Value, text: &str) -> bool {
    template.get("Conditions").is_some() || text.contains("AWS::NoValue")
}

/// Applies the template's conditions to its `Resources` and SAM's `Globals`: the value CloudFormation would create,
/// and (when `positions` are given) the positions of its nodes in the file, so that every node
/// kept is still found where it is written (a chosen branch where the branch is written).
///
/// `copies` are the places in `Resources` where SAM's `Globals` were merged: a condition gwgen
/// cannot evaluate there is the one written in `Globals`, listed once, at its place in `Globals`.
///
/// `pseudo` are the values given to pseudo parameters (`--parameter AWS::Region=...`).
pub fn apply(
    template: &Value,
    positions: Option<&Positions>,
    copies: &[Pointer],
    pseudo: &[(String, String)],
) -> (Value, Positions, Applied) {
    let mut conditions = Conditions::with(template, pseudo);
    let applied = Applied { copies: vec![None; copies.len()], ..Applied::default() };
    let mut w = Rewrite { positions, nodes: Vec::new(), applied, copies };
    let root = positions.map(|_| 0);
    let value = w.copy_root(template, root, &mut conditions);
    let positions = Positions {
        nodes: w.nodes,
        duplicates: positions.map(|p| p.duplicates.clone()).unwrap_or_default(),
        ..Default::default()
    };
    (value, positions, w.applied)
}

struct Rewrite<'p> {
    positions: Option<&'p Positions>,
    /// Where `Globals` values were merged into resources (in the template as written).
    copies: &'p [Pointer],
    /// The rewritten value's positions, in document order.
    nodes: Vec<PosNode>,
    applied: Applied,
}

impl Rewrite<'_> {
    fn node(&self, node: Option<usize>) -> PosNode {
        node.and_then(|n| self.positions?.nodes.get(n).copied()).unwrap_or_default()
    }

    fn kid(&self, node: Option<usize>, k: usize) -> Option<usize> {
        self.positions?.child(node?, k)
    }

    /// Pushes `at` (with `inherit`'s place when the node has none) and returns its index.
    fn open(&mut self, node: Option<usize>, inherit: PosNode) -> usize {
        let mut n = if node.is_some() { self.node(node) } else { inherit };
        n.size = 1;
        self.nodes.push(n);
        self.nodes.len() - 1
    }

    fn close(&mut self, at: usize) {
        self.nodes[at].size = (self.nodes.len() - at) as u32;
    }

    /// The root: `Resources` (and SAM's `Globals`) rewritten, the rest copied.
    fn copy_root(&mut self, template: &Value, node: Option<usize>, c: &mut Conditions) -> Value {
        let Value::Object(m) = template else { return self.copy(template, node, PosNode::default()) };
        let me = self.open(node, PosNode::default());
        let inherit = self.nodes[me];
        let mut out = Map::with_capacity(m.len());
        for (k, (key, v)) in m.iter().enumerate() {
            let child = self.kid(node, k);
            let v = match key.as_str() {
                "Resources" => Some(self.resources(v, child, inherit, c)),
                // What SAM's transform gives the APIs it makes itself (`ServerlessRestApi`, ...).
                "Globals" => {
                    let at = Pointer::root().push("Globals");
                    self.value(v, child, inherit, (&at, &at), c, 0)
                }
                _ => Some(self.copy(v, child, inherit)),
            };
            if let Some(v) = v {
                out.insert(key.clone(), v);
            }
        }
        self.close(me);
        Value::Object(out)
    }

    /// A subtree copied as it is.
    fn copy(&mut self, v: &Value, node: Option<usize>, inherit: PosNode) -> Value {
        let me = self.open(node, inherit);
        let inherit = self.nodes[me];
        match v {
            Value::Object(m) => {
                for (k, c) in m.values().enumerate() {
                    let child = self.kid(node, k);
                    self.copy(c, child, inherit);
                }
            }
            Value::Array(a) => {
                for (k, c) in a.iter().enumerate() {
                    let child = self.kid(node, k);
                    self.copy(c, child, inherit);
                }
            }
            _ => {}
        }
        self.close(me);
        v.clone()
    }

    /// `Resources`: those whose condition is false left out, the others' values rewritten.
    fn resources(&mut self, v: &Value, node: Option<usize>, inherit: PosNode, c: &mut Conditions) -> Value {
        let Value::Object(m) = v else { return self.copy(v, node, inherit) };
        let me = self.open(node, inherit);
        let inherit = self.nodes[me];
        let at = Pointer::root().push("Resources");
        let mut out = Map::with_capacity(m.len());
        for (k, (id, r)) in m.iter().enumerate() {
            let mut created = false;
            if let Some(name) = r.get("Condition").and_then(Value::as_str) {
                match c.get(name) {
                    Ok(false) => {
                        self.applied.removed.push(Removed { logical_id: id.clone(), condition: name.to_string() });
                        continue;
                    }
                    Ok(true) => created = true,
                    Err(why) => self.applied.unknown.push(Unknown {
                        condition: name.to_string(),
                        at: at.push(id).push("Condition"),
                        decides: Decides::Resource,
                        why,
                    }),
                }
            }
            let child = self.kid(node, k);
            let r = match r {
                // Created unconditionally, and so is what SAM's transform makes of it (it makes
                // a conditional function's methods conditional): its `Condition` is left out.
                Value::Object(fields) if created => {
                    let me = self.open(child, inherit);
                    let inherit = self.nodes[me];
                    let mut out = Map::with_capacity(fields.len());
                    for (k, (key, v)) in fields.iter().enumerate().filter(|(_, (key, _))| *key != "Condition") {
                        let grandchild = self.kid(child, k);
                        let here = at.push(id).push(key);
                        if let Some(v) = self.value(v, grandchild, inherit, (&here, &here), c, 1) {
                            out.insert(key.clone(), v);
                        }
                    }
                    self.close(me);
                    Some(Value::Object(out))
                }
                _ => {
                    let here = at.push(id);
                    self.value(r, child, inherit, (&here, &here), c, 0)
                }
            };
            if let Some(r) = r {
                out.insert(id.clone(), r);
            }
        }
        self.close(me);
        Value::Object(out)
    }

    /// A value with `Fn::If` decided and `AWS::NoValue` left out: None when the value itself is
    /// left out. `at` is where it is in the rewritten template, `written` where it is in the
    /// template as written.
    fn value(
        &mut self,
        v: &Value,
        node: Option<usize>,
        inherit: PosNode,
        (at, written): (&Pointer, &Pointer),
        c: &mut Conditions,
        depth: usize,
    ) -> Option<Value> {
        let copy = self.copies.iter().position(|p| p == written);
        let out = self.decided(v, node, inherit, (at, written), c, depth);
        if let (Some(i), Some(_)) = (copy, &out) {
            self.applied.copies[i] = Some(at.clone());
        }
        out
    }

    /// Is this place (as written) in a copy of a `Globals` value?
    fn in_copy(&self, written: &Pointer) -> bool {
        self.copies.iter().any(|p| written.starts_with(p))
    }

    /// [`Self::value`].
    fn decided(
        &mut self,
        v: &Value,
        node: Option<usize>,
        inherit: PosNode,
        (at, written): (&Pointer, &Pointer),
        c: &mut Conditions,
        depth: usize,
    ) -> Option<Value> {
        if depth > crate::load::yaml::MAX_DEPTH {
            return Some(self.copy(v, node, inherit));
        }
        if let Value::Object(m) = v {
            if m.len() == 1 {
                if m.get("Ref").and_then(Value::as_str) == Some("AWS::NoValue") {
                    return None;
                }
                if let Some(Value::Array(args)) = m.get("Fn::If") {
                    if let [Value::String(name), yes, no] = args.as_slice() {
                        match c.get(name) {
                            Ok(chosen) => {
                                let (branch, k) = if chosen { (yes, 1) } else { (no, 2) };
                                let list = self.kid(node, 0);
                                let branch_node = self.kid(list, k);
                                // The chosen value stands under the `Fn::If`'s key.
                                let before = self.nodes.len();
                                let written = written.push("Fn::If").index(k);
                                let here = self.node(node);
                                let out = self.value(branch, branch_node, inherit, (at, &written), c, depth + 1);
                                if let Some(first) = self.nodes.get_mut(before) {
                                    if node.is_some() && here.key.line > 0 {
                                        first.key = here.key;
                                    }
                                }
                                return out;
                            }
                            // A copy of a Globals value: noted where Globals has it.
                            Err(_) if self.in_copy(written) => {}
                            Err(why) => {
                                let mapping = |b: &Value| b.as_object().is_some_and(|o| !crate::ir::is_intrinsic(o));
                                let decides =
                                    if mapping(yes) || mapping(no) { Decides::Mapping } else { Decides::Value };
                                self.applied.unknown.push(Unknown {
                                    condition: name.clone(),
                                    at: at.clone(),
                                    decides,
                                    why,
                                })
                            }
                        }
                    }
                }
            }
        }
        let me = self.open(node, inherit);
        let inherit = self.nodes[me];
        let out = match v {
            Value::Object(m) => {
                let mut out = Map::with_capacity(m.len());
                for (k, (key, c2)) in m.iter().enumerate() {
                    let child = self.kid(node, k);
                    let (to, from) = (at.push(key), written.push(key));
                    if let Some(x) = self.value(c2, child, inherit, (&to, &from), c, depth + 1) {
                        out.insert(key.clone(), x);
                    }
                }
                Value::Object(out)
            }
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for (k, c2) in a.iter().enumerate() {
                    let child = self.kid(node, k);
                    let (to, from) = (at.index(out.len()), written.index(k));
                    if let Some(x) = self.value(c2, child, inherit, (&to, &from), c, depth + 1) {
                        out.push(x);
                    }
                }
                Value::Array(out)
            }
            other => other.clone(),
        };
        self.close(me);
        Some(out)
    }
}

/// The template as CloudFormation would create it, without positions: for a template that is no
/// file (SAM's transform output, in tests).
pub fn evaluate(template: &Value) -> (Value, Applied) {
    let (value, _, applied) = apply(template, None, &[], &[]);
    (value, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn template() -> Value {
        json!({
            "Parameters": {
                "Env": {"Type": "String", "Default": "prod"},
                "Open": {"Type": "String"},
                "Zones": {"Type": "CommaDelimitedList", "Default": "a, b"}
            },
            "Mappings": {"ByEnv": {"prod": {"Auth": "AWS_IAM"}}},
            "Conditions": {
                "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
                "IsDev": {"Fn::Not": [{"Condition": "IsProd"}]},
                "Unknown": {"Fn::Equals": [{"Ref": "Open"}, "x"]},
                "InUsEast1": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
                "DevAndUnknown": {"Fn::And": [{"Condition": "IsDev"}, {"Condition": "Unknown"}]},
                "ProdOrUnknown": {"Fn::Or": [{"Condition": "Unknown"}, {"Condition": "IsProd"}]},
                "ProdAndUnknown": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "Unknown"}]},
                "Mapped": {"Fn::Equals": [{"Fn::FindInMap": ["ByEnv", {"Ref": "Env"}, "Auth"]}, "AWS_IAM"]},
                "SecondZone": {"Fn::Equals": [{"Fn::Select": [1, {"Ref": "Zones"}]}, "b"]},
                "Literal": {"Fn::Equals": [true, "true"]},
                "FirstZone": {"Fn::Equals": [{"Fn::Select": [0, {"Fn::GetAZs": "us-east-1"}]}, "us-east-1a"]},
                "Subnet": {"Fn::Equals": [{"Fn::Select": [1, {"Fn::Cidr": ["10.0.0.0/16", 2, 8]}]}, "10.0.1.0/24"]},
                "Loop": {"Fn::Not": [{"Condition": "Loop"}]}
            }
        })
    }

    #[test]
    fn conditions_see_the_partition_and_suffix_of_a_region_given() {
        let t = json!({"Conditions": {
            "InChina": {"Fn::Equals": [{"Ref": "AWS::Partition"}, "aws-cn"]},
            "ChinaSuffix": {"Fn::Equals": [{"Fn::Sub": "${AWS::URLSuffix}"}, "amazonaws.com.cn"]}
        }});
        let given = |region: &str| vec![("AWS::Region".to_string(), region.to_string())];
        let mut china = Conditions::with(&t, &given("cn-northwest-1"));
        assert_eq!((china.get("InChina"), china.get("ChinaSuffix")), (Ok(true), Ok(true)));
        let mut ireland = Conditions::with(&t, &given("eu-west-1"));
        assert_eq!((ireland.get("InChina"), ireland.get("ChinaSuffix")), (Ok(false), Ok(false)));
        let why = Conditions::of(&t).get("InChina").unwrap_err();
        assert!(why.contains("`AWS::Partition` is known only when the stack is made"), "{why}");
    }

    #[test]
    fn conditions_evaluate_from_literals_and_parameter_values() {
        let t = template();
        let mut c = Conditions::of(&t);
        assert_eq!(c.get("IsProd"), Ok(true));
        assert_eq!(c.get("IsDev"), Ok(false));
        assert_eq!(c.get("Mapped"), Ok(true));
        assert_eq!(c.get("SecondZone"), Ok(true), "a list parameter's items are trimmed as CloudFormation splits them");
        assert_eq!(c.get("Literal"), Ok(true), "Fn::Equals compares values as text");
        // Fn::And is false once one operand is, Fn::Or true once one is, whatever the others are.
        assert_eq!(c.get("DevAndUnknown"), Ok(false));
        assert_eq!(c.get("ProdOrUnknown"), Ok(true));
        let why = c.get("ProdAndUnknown").unwrap_err();
        assert!(why.contains("parameter `Open` has no Default"), "{why}");
        let why = c.get("InUsEast1").unwrap_err();
        assert!(why.contains("`AWS::Region` is known only when the stack is made"), "{why}");
        assert!(c.get("Loop").is_err());
        let why = c.get("FirstZone").unwrap_err();
        assert!(why.contains("`Fn::GetAZs` lists the Availability Zones the account has"), "{why}");
        assert_eq!(c.get("Subnet"), Ok(true), "Fn::Cidr is computed");
        assert!(c.get("Missing").is_err());
    }

    #[test]
    fn resources_and_values_follow_their_conditions() {
        let mut t = template();
        t["Resources"] = json!({
            "ProdApi": {"Type": "AWS::Serverless::Api", "Condition": "IsProd", "Properties": {
                "StageName": {"Fn::If": ["IsProd", "prod", "dev"]},
                "Auth": {"Fn::If": ["IsDev", {"DefaultAuthorizer": "NONE"}, {"Ref": "AWS::NoValue"}]},
                "BinaryMediaTypes": ["a", {"Fn::If": ["IsDev", "b", {"Ref": "AWS::NoValue"}]}, "c"],
                "Description": {"Fn::If": ["Unknown", "x", "y"]}
            }},
            "DevApi": {"Type": "AWS::Serverless::Api", "Condition": "IsDev"},
            "MaybeApi": {"Type": "AWS::Serverless::Api", "Condition": "Unknown"}
        });
        let (v, applied) = evaluate(&t);
        let r = &v["Resources"];
        assert!(r.get("DevApi").is_none());
        assert_eq!(r["ProdApi"].get("Condition"), None, "created unconditionally");
        assert_eq!(
            r["ProdApi"]["Properties"],
            json!({"StageName": "prod", "BinaryMediaTypes": ["a", "c"], "Description": {"Fn::If": ["Unknown", "x", "y"]}})
        );
        assert_eq!(r["MaybeApi"]["Condition"], "Unknown");
        assert_eq!(applied.removed.iter().map(|r| r.logical_id.as_str()).collect::<Vec<_>>(), ["DevApi"]);
        let unknown: Vec<String> = applied.unknown.iter().map(|u| format!("{} {}", u.condition, u.at)).collect();
        assert_eq!(
            unknown,
            ["Unknown /Resources/ProdApi/Properties/Description", "Unknown /Resources/MaybeApi/Condition"]
        );
        // The rest of the template is as written.
        assert_eq!(v["Conditions"], t["Conditions"]);
    }

    #[test]
    fn rewritten_nodes_keep_their_places_in_the_file() {
        let text = "Parameters:\n  Env: {Type: String, Default: prod}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Gone:\n    Type: AWS::SNS::Topic\n    Condition: Never\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      Skipped: !Ref AWS::NoValue\n      Types:\n        - !If [IsProd, !Ref AWS::NoValue, a]\n        - b\n      Stage: !If\n        - IsProd\n        - prod\n        - dev\n";
        let text = text.replace("Conditions:\n", "Conditions:\n  Never: !Equals [a, b]\n");
        let source = crate::load::parse_source("t.yaml".into(), text.into_bytes()).unwrap();
        let (value, positions, _) = apply(&source.value, Some(source.positions()), &[], &[]);
        let rewritten = crate::source::Source::new(source.path.clone(), source.text.clone(), source.syntax, value)
            .with_positions(positions);
        let line = |p: &str| rewritten.locate(&Pointer::parse(p).unwrap()).0.start.line;
        assert_eq!(rewritten.value["Resources"]["Api"]["Properties"], json!({"Types": ["b"], "Stage": "prod"}));
        assert_eq!(line("/Resources/Api/Type"), 11);
        assert_eq!(line("/Resources/Api/Properties/Types/0"), 16, "the list item after the one left out");
        assert_eq!(line("/Resources/Api/Properties/Stage"), 19, "the chosen branch, where it is written");
    }
}
