//! `Ref`, `Fn::Sub`, `Fn::GetAtt`, `Fn::Join`, `Fn::FindInMap`, `Fn::Select`, `Fn::Split` and
//! `Fn::Cidr` resolved as CloudFormation would, from a template's [`Context`] (`Fn::GetAZs`
//! never is: the Availability Zones are the account's). Pseudo parameters (`AWS::Region`, ...)
//! resolve only when given with `--parameter`; a region given gives its partition and URL
//! suffix. (`Conditions`, `Fn::If` and `AWS::NoValue` are applied to the whole template first:
//! see `conditions`.)

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// What CloudFormation knows when it resolves intrinsics in a template.
pub struct Context {
    /// Parameter values (their `Default`, or the value given with `--parameter`): a string, or
    /// for a list type (`CommaDelimitedList`, `List<...>`) the list of its items, as `Ref` gives it.
    parameters: BTreeMap<String, Value>,
    /// The template's `Mappings`, for `Fn::FindInMap`.
    mappings: Value,
    /// Lambda functions: logical id -> its `FunctionName` as written, if it has one.
    functions: BTreeMap<String, Option<Value>>,
}

impl Context {
    pub fn of(template: &Value) -> Context {
        let mut parameters = BTreeMap::new();
        if let Some(Value::Object(ps)) = template.get("Parameters") {
            for (name, p) in ps {
                // The value of an `AWS::SSM::Parameter::Value<...>` parameter is read from
                // Parameter Store when the stack is made: its default is the store's key.
                if p.get("Type").and_then(Value::as_str).is_some_and(|t| t.starts_with("AWS::SSM::")) {
                    continue;
                }
                if let Some(d) = p.get("Default").filter(|d| d.is_string() || d.is_number() || d.is_boolean()) {
                    let text = scalar_text(d).unwrap_or_default();
                    let list = p.get("Type").and_then(Value::as_str).is_some_and(is_list_type);
                    let value = if list {
                        Value::Array(text.split(',').map(|s| Value::String(s.trim().to_string())).collect())
                    } else {
                        Value::String(text)
                    };
                    parameters.insert(name.clone(), value);
                }
            }
        }
        let mut functions = BTreeMap::new();
        if let Some(Value::Object(rs)) = template.get("Resources") {
            for (id, r) in rs {
                if matches!(
                    r.get("Type").and_then(Value::as_str),
                    Some("AWS::Serverless::Function" | "AWS::Lambda::Function")
                ) {
                    let name = r.get("Properties").and_then(|p| p.get("FunctionName")).cloned();
                    functions.insert(id.clone(), name);
                }
            }
        }
        let mappings = template.get("Mappings").cloned().unwrap_or(Value::Null);
        Context { parameters, mappings, functions }
    }

    /// The context with pseudo parameters given values (`--parameter AWS::Region=...`), as
    /// parameters: conditions, rules and the API's values that read them see these values. A
    /// region given without `AWS::Partition` / `AWS::URLSuffix` gives them too, as the stack
    /// made in that region sees them ([`partition_of`]); what is not given stays open.
    pub fn with_pseudo(mut self, pseudo: &[(String, String)]) -> Context {
        for (name, value) in pseudo {
            self.parameters.insert(name.clone(), Value::String(value.clone()));
        }
        if let Some(region) = self.parameter("AWS::Region") {
            let (partition, suffix) = partition_of(&region);
            for (name, value) in [("AWS::Partition", partition), ("AWS::URLSuffix", suffix)] {
                self.parameters.entry(name.to_string()).or_insert_with(|| Value::String(value.to_string()));
            }
        }
        self
    }

    /// The partition SAM's transform writes into the ARNs it generates with a literal partition
    /// (a REST API's Lambda integration URI, a Lambda authorizer's URI): the partition of the
    /// region it runs in (SAM's `ArnGenerator.get_partition_name`), here the one given or
    /// derived from the region given; `aws` when neither is, as SAM writes in its own tests.
    pub fn sam_partition(&self) -> String {
        self.parameter("AWS::Partition").unwrap_or_else(|| "aws".to_string())
    }

    /// A parameter's value as text (`Fn::Sub` takes no list parameter).
    pub(super) fn parameter(&self, name: &str) -> Option<String> {
        self.parameters.get(name).and_then(Value::as_str).map(str::to_string)
    }

    /// Does the template declare a value for this parameter (a `Default`, or one given)?
    pub fn has_parameter(&self, name: &str) -> bool {
        self.parameters.contains_key(name)
    }

    /// A Lambda function's ARN: the region, account and partition given with `--parameter`
    /// written in, symbolic (an `Fn::Sub`) where the deployment decides.
    ///
    /// Without a `FunctionName` (or with one the template does not resolve), CloudFormation names
    /// the function itself (`Stack-LogicalId-RANDOM`): the name stays `${LogicalId}`, which is
    /// what a `Ref` to the function gives.
    fn function_arn(&self, id: &str) -> Option<Value> {
        let written = self.functions.get(id)?;
        let resolved = written.clone().map(|mut v| {
            self.resolve(&mut v, 1);
            v
        });
        let name = match resolved {
            Some(Value::String(name)) => name.replace("${", "${!"),
            _ => format!("${{{id}}}"),
        };
        let arn = format!("arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{name}");
        Some(self.substitute(&arn, &Map::new()))
    }

    /// Resolves, in place, the intrinsics CloudFormation semantics allow: `Ref` to a parameter
    /// with a default (or a value given, pseudo parameters included), `Fn::Sub` placeholders
    /// naming such parameters or a function's `.Arn`, `Fn::GetAtt Function.Arn`, and `Fn::Join`
    /// of what resolves. What stays open (the region and account when not given, other
    /// resources) stays an `Fn::Sub` whose text keeps the value's shape.
    pub fn resolve(&self, v: &mut Value, depth: usize) {
        if depth > crate::load::yaml::MAX_DEPTH {
            return;
        }
        if let Some(resolved) = self.resolve_intrinsic(v) {
            *v = resolved;
            return;
        }
        match v {
            Value::Object(m) => m.values_mut().for_each(|c| self.resolve(c, depth + 1)),
            Value::Array(a) => a.iter_mut().for_each(|c| self.resolve(c, depth + 1)),
            _ => {}
        }
    }

    fn resolve_intrinsic(&self, v: &Value) -> Option<Value> {
        let m = v.as_object().filter(|m| crate::load::is_intrinsic(m))?;
        let (name, arg) = m.iter().next()?;
        match (name.as_str(), arg) {
            ("Ref", Value::String(p)) => self.parameters.get(p).cloned(),
            ("Fn::FindInMap", Value::Array(a)) => self.find_in_map(a),
            ("Fn::Select", Value::Array(a)) if a.len() == 2 => {
                let mut index = a[0].clone();
                self.resolve(&mut index, 0);
                let i: usize = match &index {
                    Value::Number(n) => n.as_u64()? as usize,
                    Value::String(s) => s.trim().parse().ok()?,
                    _ => return None,
                };
                let mut list = a[1].clone();
                self.resolve(&mut list, 0);
                // Out of range, CloudFormation fails the stack: the intrinsic is kept.
                list.as_array()?.get(i).cloned()
            }
            ("Fn::Split", Value::Array(a)) if a.len() == 2 => {
                let delim = a[0].as_str().filter(|d| !d.is_empty())?;
                let mut text = a[1].clone();
                self.resolve(&mut text, 0);
                let text = text.as_str()?;
                Some(Value::Array(text.split(delim).map(|s| Value::String(s.to_string())).collect()))
            }
            ("Fn::Cidr", Value::Array(a)) if a.len() == 3 => {
                let mut texts = Vec::with_capacity(3);
                for v in a {
                    let mut v = v.clone();
                    self.resolve(&mut v, 0);
                    texts.push(scalar_text(&v)?);
                }
                let blocks = cidr(&texts[0], texts[1].trim().parse().ok()?, texts[2].trim().parse().ok()?)?;
                Some(Value::Array(blocks.into_iter().map(Value::String).collect()))
            }
            // `Fn::GetAZs` lists the Availability Zones the account has in the region: known only
            // when the stack is made (the region alone does not say which), so it stays.
            ("Fn::GetAtt", Value::Array(a)) if a.get(1).and_then(Value::as_str) == Some("Arn") => {
                self.function_arn(a.first()?.as_str()?)
            }
            ("Fn::GetAtt", Value::String(s)) => {
                let (id, attr) = s.split_once('.')?;
                (attr == "Arn").then(|| self.function_arn(id)).flatten()
            }
            ("Fn::Sub", Value::String(t)) => Some(self.substitute(t, &Map::new())),
            ("Fn::Sub", Value::Array(a)) => {
                let t = a.first()?.as_str()?;
                let mut vars = a.get(1).and_then(Value::as_object).cloned().unwrap_or_default();
                for value in vars.values_mut() {
                    self.resolve(value, 0);
                }
                Some(self.substitute(t, &vars))
            }
            ("Fn::Join", Value::Array(a)) => {
                let delim = a.first()?.as_str()?;
                let mut list = a.get(1)?.clone();
                if !list.is_array() {
                    // A list parameter, `Fn::Split`, ...: joined once it is a list.
                    self.resolve(&mut list, 0);
                }
                let mut parts = list.as_array()?.clone();
                let mut texts = Vec::new();
                let mut open = false;
                for p in &mut parts {
                    self.resolve(p, 0);
                    match p {
                        Value::String(s) => texts.push(s.replace("${", "${!")),
                        Value::Object(o) => match o.get("Fn::Sub") {
                            Some(Value::String(s)) => {
                                texts.push(s.clone());
                                open = true;
                            }
                            _ => return None,
                        },
                        _ => return None,
                    }
                }
                let joined = texts.join(&delim.replace("${", "${!"));
                Some(if open { sub(joined) } else { Value::String(unescape_sub(&joined)) })
            }
            _ => None,
        }
    }

    /// `Fn::FindInMap: [Map, TopKey, SecondKey]` once its keys resolve to text, and the value is
    /// in the template's `Mappings` (else the `DefaultValue` the fourth argument gives, as
    /// `AWS::LanguageExtensions` allows). A missing entry fails the stack: the intrinsic is kept.
    fn find_in_map(&self, a: &[Value]) -> Option<Value> {
        let mut keys = Vec::with_capacity(3);
        for k in a.iter().take(3) {
            let mut k = k.clone();
            self.resolve(&mut k, 0);
            keys.push(scalar_text(&k)?);
        }
        let [map, top, second] = keys.as_slice() else { return None };
        let found = self.mappings.get(map).and_then(|m| m.get(top)).and_then(|m| m.get(second)).cloned();
        let mut value = match found {
            Some(v) => v,
            None => a.get(3)?.get("DefaultValue")?.clone(),
        };
        self.resolve(&mut value, 0);
        Some(value)
    }

    /// Substitutes what it can in an `Fn::Sub` template: a plain string when nothing is left
    /// open, else an `Fn::Sub` of the rest.
    fn substitute(&self, template: &str, vars: &Map<String, Value>) -> Value {
        let mut out = String::with_capacity(template.len());
        let mut open = false;
        let mut rest = template;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            let replacement = if name.starts_with('!') {
                None
            } else if let Some(v) = vars.get(name) {
                match v {
                    Value::String(s) => Some(s.replace("${", "${!")),
                    Value::Object(o) => o.get("Fn::Sub").and_then(Value::as_str).map(|s| {
                        open = true;
                        s.to_string()
                    }),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                }
            } else if let Some(p) = self.parameter(name) {
                Some(p.replace("${", "${!"))
            } else if let Some(id) = name.strip_suffix(".Arn") {
                match self.function_arn(id) {
                    Some(Value::String(arn)) => Some(arn.replace("${", "${!")),
                    Some(Value::Object(o)) => o.get("Fn::Sub").and_then(Value::as_str).map(|t| {
                        open = true;
                        t.to_string()
                    }),
                    _ => None,
                }
            } else {
                None
            };
            match replacement {
                Some(r) => out.push_str(&r),
                None => {
                    if !name.starts_with('!') {
                        open = true;
                    }
                    out.push_str(&rest[i..i + 2 + end + 1]);
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        if open {
            sub(out)
        } else {
            Value::String(unescape_sub(&out))
        }
    }
}

/// The partition (`AWS::Partition`) and domain suffix (`AWS::URLSuffix`) of a stack made in
/// `region`. CloudFormation's pseudo parameter reference gives `aws` for the standard Regions,
/// `aws-cn` for the China Regions, `aws-us-gov` for AWS GovCloud (US), and `amazonaws.com` as the
/// suffix but `amazonaws.com.cn` in China; the other partitions, and which regions belong to
/// each, are AWS's endpoint partitions (the AWS SDKs' `partitions.json`: `cn-*` aws-cn /
/// amazonaws.com.cn, `us-gov-*` aws-us-gov / amazonaws.com, `us-iso-*` aws-iso / c2s.ic.gov,
/// `us-isob-*` aws-iso-b / sc2s.sgov.gov, `eu-isoe-*` aws-iso-e / cloud.adc-e.uk, `us-isof-*`
/// aws-iso-f / csp.hci.ic.gov, `eusc-*` aws-eusc / amazonaws.eu); SAM's transform maps regions
/// to partitions by the same prefixes. Any other region is in `aws` / `amazonaws.com`.
pub fn partition_of(region: &str) -> (&'static str, &'static str) {
    const PARTITIONS: [(&str, &str, &str); 7] = [
        ("cn-", "aws-cn", "amazonaws.com.cn"),
        ("us-gov-", "aws-us-gov", "amazonaws.com"),
        ("us-iso-", "aws-iso", "c2s.ic.gov"),
        ("us-isob-", "aws-iso-b", "sc2s.sgov.gov"),
        ("eu-isoe-", "aws-iso-e", "cloud.adc-e.uk"),
        ("us-isof-", "aws-iso-f", "csp.hci.ic.gov"),
        ("eusc-", "aws-eusc", "amazonaws.eu"),
    ];
    let region = region.trim().to_ascii_lowercase();
    PARTITIONS
        .iter()
        .find(|(prefix, _, _)| region.starts_with(prefix))
        .map_or(("aws", "amazonaws.com"), |(_, partition, suffix)| (partition, suffix))
}

/// `Fn::Cidr: [ipBlock, count, cidrBits]` as CloudFormation computes it: `count` consecutive
/// blocks of `cidrBits` host bits (a mask of 32 - cidrBits), from the start of `ipBlock`
/// ("192.168.0.0/24", 6, 5 gives 192.168.0.0/27, 192.168.0.32/27, ... 192.168.0.160/27). None
/// where CloudFormation fails the stack (a count outside 1-256, blocks that do not fit) and
/// where its answer is not documented: an address that is not the start of its block, and IPv6
/// (whose text form CloudFormation does not document).
pub fn cidr(block: &str, count: u32, cidr_bits: u32) -> Option<Vec<String>> {
    let (address, prefix) = block.trim().split_once('/')?;
    let address: std::net::Ipv4Addr = address.parse().ok()?;
    let prefix: u32 = prefix.parse().ok().filter(|p| *p <= 32)?;
    if !(1..=256).contains(&count) || cidr_bits == 0 || cidr_bits > 32 - prefix {
        return None;
    }
    let start = u32::from(address) as u64;
    let host_bits = 32 - prefix;
    if start & ((1u64 << host_bits) - 1) != 0 {
        return None;
    }
    // The blocks must fit in ipBlock.
    if (count as u64) << cidr_bits > 1u64 << host_bits {
        return None;
    }
    let size = 1u64 << cidr_bits;
    let out = (0..count as u64)
        .map(|i| format!("{}/{}", std::net::Ipv4Addr::from((start + i * size) as u32), 32 - cidr_bits))
        .collect();
    Some(out)
}

/// A parameter `Type` whose `Ref` is a list.
fn is_list_type(t: &str) -> bool {
    t == "CommaDelimitedList" || t.starts_with("List<")
}

/// A scalar as CloudFormation reads it in a template: text (`true`, `5` and `"5"` alike).
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn sub(text: String) -> Value {
    let mut m = Map::with_capacity(1);
    m.insert("Fn::Sub".into(), Value::String(text));
    Value::Object(m)
}

/// The literal text of a fully resolved `Fn::Sub` (`${!x}` stands for `${x}`).
fn unescape_sub(s: &str) -> String {
    s.replace("${!", "${")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ctx() -> Context {
        Context::of(&json!({
            "Parameters": {
                "Stage": {"Type": "String", "Default": "prod"},
                "NoDefault": {"Type": "String"},
                "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>", "Default": "subnet-1,subnet-2"},
                "FromStore": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/app/stage"}
            },
            "Mappings": {"Stages": {"prod": {"Domain": "api.example.com"}}},
            "Resources": {
                "ListFn": {"Type": "AWS::Serverless::Function"},
                "Named": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "orders"}},
                "Staged": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Fn::Sub": "${Stage}-orders"}}},
                "Opaque": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Ref": "NoDefault"}}},
                "Table": {"Type": "AWS::DynamoDB::Table"}
            }
        }))
    }

    fn resolved(v: Value) -> Value {
        let mut v = v;
        ctx().resolve(&mut v, 0);
        v
    }

    #[test]
    fn parameters_with_defaults_resolve() {
        assert_eq!(resolved(json!({"Ref": "Stage"})), json!("prod"));
        assert_eq!(resolved(json!({"Ref": "NoDefault"})), json!({"Ref": "NoDefault"}));
        assert_eq!(resolved(json!({"Fn::Sub": "api-${Stage}"})), json!("api-prod"));
        assert_eq!(resolved(json!({"Fn::Sub": ["${A}-${Stage}", {"A": "x"}]})), json!("x-prod"));
        assert_eq!(resolved(json!({"Fn::Sub": "literal ${!Stage}"})), json!("literal ${Stage}"));
    }

    #[test]
    fn function_arns_stay_symbolic_but_keep_their_shape() {
        assert_eq!(
            resolved(
                json!({"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ListFn.Arn}/invocations"})
            ),
            json!({"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ListFn}/invocations"})
        );
        assert_eq!(
            resolved(json!({"Fn::GetAtt": ["Named", "Arn"]})),
            json!({"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:orders"})
        );
        // A FunctionName the template resolves is the name; one it does not stays the Ref.
        assert_eq!(
            resolved(json!({"Fn::GetAtt": ["Staged", "Arn"]})),
            json!({"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:prod-orders"})
        );
        assert_eq!(
            resolved(json!({"Fn::GetAtt": ["Opaque", "Arn"]})),
            json!({"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Opaque}"})
        );
        assert_eq!(resolved(json!({"Fn::GetAtt": ["Table", "Arn"]})), json!({"Fn::GetAtt": ["Table", "Arn"]}));
        assert_eq!(resolved(json!({"Fn::Sub": "${Table.Arn}"})), json!({"Fn::Sub": "${Table.Arn}"}));
    }

    #[test]
    fn joins_of_resolvable_parts() {
        assert_eq!(resolved(json!({"Fn::Join": ["-", ["a", {"Ref": "Stage"}]]})), json!("a-prod"));
        assert_eq!(
            resolved(json!({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Region"}]]})),
            json!({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Region"}]]})
        );
    }

    #[test]
    fn list_parameters_mappings_selects_and_splits() {
        assert_eq!(resolved(json!({"Ref": "Subnets"})), json!(["subnet-1", "subnet-2"]));
        assert_eq!(resolved(json!({"Fn::Join": [" ", {"Ref": "Subnets"}]})), json!("subnet-1 subnet-2"));
        assert_eq!(resolved(json!({"Fn::Select": ["1", {"Ref": "Subnets"}]})), json!("subnet-2"));
        assert_eq!(resolved(json!({"Fn::Select": [0, {"Fn::Split": ["/", "a/b"]}]})), json!("a"));
        // Out of range, CloudFormation fails the stack: nothing is guessed.
        assert_eq!(resolved(json!({"Fn::Select": [5, ["a"]]})), json!({"Fn::Select": [5, ["a"]]}));
        assert_eq!(
            resolved(json!({"Fn::FindInMap": ["Stages", {"Ref": "Stage"}, "Domain"]})),
            json!("api.example.com")
        );
        assert_eq!(
            resolved(json!({"Fn::FindInMap": ["Stages", "dev", "Domain", {"DefaultValue": "dev.example.com"}]})),
            json!("dev.example.com")
        );
        let open = json!({"Fn::FindInMap": ["Stages", {"Ref": "NoDefault"}, "Domain"]});
        assert_eq!(resolved(open.clone()), open);
        // An SSM parameter's default names the Parameter Store key, not the value.
        assert_eq!(resolved(json!({"Ref": "FromStore"})), json!({"Ref": "FromStore"}));
    }

    fn with(pseudo: &[(&str, &str)]) -> Context {
        let pseudo: Vec<(String, String)> = pseudo.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        ctx().with_pseudo(&pseudo)
    }

    fn resolved_with(pseudo: &[(&str, &str)], v: Value) -> Value {
        let mut v = v;
        with(pseudo).resolve(&mut v, 0);
        v
    }

    #[test]
    fn given_pseudo_parameters_are_substituted_in_every_value() {
        let given = [("AWS::Region", "eu-west-1"), ("AWS::AccountId", "111122223333")];
        assert_eq!(resolved_with(&given, json!({"Ref": "AWS::Region"})), json!("eu-west-1"));
        assert_eq!(
            resolved_with(&given, json!({"Fn::Sub": "api.${AWS::Region}.example.com"})),
            json!("api.eu-west-1.example.com")
        );
        assert_eq!(
            resolved_with(
                &given,
                json!({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:", {"Ref": "AWS::Region"}, ":dynamodb:action/PutItem"]]})
            ),
            json!("arn:aws:apigateway:eu-west-1:dynamodb:action/PutItem")
        );
        // A named function's ARN is complete once region and account are given; one
        // CloudFormation names itself keeps its name open (`${ListFn}`, what its Ref gives).
        assert_eq!(
            resolved_with(&given, json!({"Fn::GetAtt": ["Named", "Arn"]})),
            json!("arn:aws:lambda:eu-west-1:111122223333:function:orders")
        );
        assert_eq!(
            resolved_with(&given, json!({"Fn::GetAtt": "ListFn.Arn"})),
            json!({"Fn::Sub": "arn:aws:lambda:eu-west-1:111122223333:function:${ListFn}"})
        );
        assert_eq!(
            resolved_with(
                &given,
                json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ListFn.Arn}/invocations"})
            ),
            json!({"Fn::Sub": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:${ListFn}/invocations"})
        );
        // `${!AWS::Region}` is the literal text, given or not.
        assert_eq!(resolved_with(&given, json!({"Fn::Sub": "${!AWS::Region}"})), json!("${AWS::Region}"));
        // What is not given stays open: the account here, in the function's ARN.
        assert_eq!(
            resolved_with(
                &[("AWS::Region", "cn-north-1")],
                json!({"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ListFn.Arn}/invocations"})
            ),
            json!({"Fn::Sub": "arn:aws:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:${AWS::AccountId}:function:${ListFn}/invocations"})
        );
        assert_eq!(
            resolved_with(&[("AWS::AccountId", "111122223333")], json!({"Fn::GetAtt": ["Named", "Arn"]})),
            json!({"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:111122223333:function:orders"})
        );
        assert_eq!(resolved_with(&[("AWS::StackName", "shop")], json!({"Ref": "AWS::StackName"})), json!("shop"));
        assert_eq!(resolved_with(&[], json!({"Ref": "AWS::StackName"})), json!({"Ref": "AWS::StackName"}));
    }

    #[test]
    fn partition_and_url_suffix_follow_the_region() {
        for (region, partition, suffix) in [
            ("cn-north-1", "aws-cn", "amazonaws.com.cn"),
            ("cn-northwest-1", "aws-cn", "amazonaws.com.cn"),
            ("us-gov-west-1", "aws-us-gov", "amazonaws.com"),
            ("us-gov-east-1", "aws-us-gov", "amazonaws.com"),
            ("us-iso-east-1", "aws-iso", "c2s.ic.gov"),
            ("us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov"),
            ("eu-isoe-west-1", "aws-iso-e", "cloud.adc-e.uk"),
            ("us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov"),
            ("eusc-de-east-1", "aws-eusc", "amazonaws.eu"),
            ("us-east-1", "aws", "amazonaws.com"),
            ("eu-west-1", "aws", "amazonaws.com"),
            ("ap-southeast-1", "aws", "amazonaws.com"),
        ] {
            assert_eq!(partition_of(region), (partition, suffix), "{region}");
            let c = with(&[("AWS::Region", region)]);
            assert_eq!(c.parameter("AWS::Partition").as_deref(), Some(partition), "{region}");
            assert_eq!(c.parameter("AWS::URLSuffix").as_deref(), Some(suffix), "{region}");
            assert_eq!(c.sam_partition(), partition, "{region}");
        }
        // Given values win over the region's.
        let c = with(&[("AWS::Region", "cn-north-1"), ("AWS::Partition", "aws"), ("AWS::URLSuffix", "example.net")]);
        assert_eq!(c.parameter("AWS::Partition").as_deref(), Some("aws"));
        assert_eq!(c.parameter("AWS::URLSuffix").as_deref(), Some("example.net"));
        // Without a region nothing is derived, and SAM's own partition is aws.
        let c = with(&[("AWS::AccountId", "111122223333")]);
        assert!(!c.has_parameter("AWS::Partition") && !c.has_parameter("AWS::URLSuffix"));
        assert_eq!(c.sam_partition(), "aws");
        assert_eq!(
            resolved_with(
                &[("AWS::Region", "cn-north-1")],
                json!({"Fn::Sub": "https://abc.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod"})
            ),
            json!("https://abc.execute-api.cn-north-1.amazonaws.com.cn/prod")
        );
    }

    #[test]
    fn cidr_splits_a_block_as_cloudformation_documents() {
        // The Fn::Cidr page's example: 6 CIDRs with a mask of /27 inside a /24.
        let six = [
            "192.168.0.0/27",
            "192.168.0.32/27",
            "192.168.0.64/27",
            "192.168.0.96/27",
            "192.168.0.128/27",
            "192.168.0.160/27",
        ];
        assert_eq!(resolved(json!({"Fn::Cidr": ["192.168.0.0/24", 6, 5]})), json!(six));
        // Its JSON form writes count and cidrBits as strings.
        assert_eq!(resolved(json!({"Fn::Cidr": ["192.168.0.0/24", "6", "5"]})), json!(six));
        // cidrBits 8 makes /24s (the page's "a value of 8 creates a CIDR with a mask of /24").
        assert_eq!(resolved(json!({"Fn::Select": [2, {"Fn::Cidr": ["10.0.0.0/16", 4, 8]}]})), json!("10.0.2.0/24"));
        assert_eq!(cidr("10.0.0.0/8", 1, 24), Some(vec!["10.0.0.0/8".to_string()]));
        // What CloudFormation refuses, or does not document, stays the intrinsic.
        for open in [
            json!({"Fn::Cidr": ["192.168.0.0/24", 9, 5]}),
            json!({"Fn::Cidr": ["192.168.0.0/24", 0, 5]}),
            json!({"Fn::Cidr": ["10.0.0.0/8", 257, 8]}),
            json!({"Fn::Cidr": ["192.168.0.0/24", 1, 9]}),
            json!({"Fn::Cidr": ["192.168.0.5/24", 1, 5]}),
            json!({"Fn::Cidr": ["2001:db8::/56", 1, 64]}),
            json!({"Fn::Cidr": [{"Fn::GetAtt": ["Vpc", "CidrBlock"]}, 1, 8]}),
            json!({"Fn::Cidr": [{"Ref": "NoDefault"}, 1, 8]}),
        ] {
            assert_eq!(resolved(open.clone()), open);
        }
    }

    #[test]
    fn availability_zones_are_never_guessed() {
        for azs in [
            json!({"Fn::GetAZs": ""}),
            json!({"Fn::GetAZs": "us-east-1"}),
            json!({"Fn::GetAZs": {"Ref": "AWS::Region"}}),
        ] {
            assert_eq!(resolved(azs.clone()), azs);
            let first = json!({"Fn::Select": [0, azs]});
            assert_eq!(resolved(first.clone()), first);
        }
    }
}
