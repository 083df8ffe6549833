//! SAM's `Globals` section: properties written once and given to every resource of a type
//! (`Globals.Api` to each `AWS::Serverless::Api`, `HttpApi` to each `AWS::Serverless::HttpApi`,
//! `Function`, `SimpleTable`, `StateMachine`, `LayerVersion`, `WebSocketApi`, ...), merged as
//! SAM's transform merges them:
//! - a mapping on both sides is merged key by key, recursively;
//! - a list on both sides becomes the Globals items followed by the resource's own;
//! - anything else (a string, a number, a boolean, a CloudFormation intrinsic such as `Fn::If`
//!   or `Ref`, or values of different kinds) is the resource's own value when it has one, and
//!   the Globals value otherwise.
//!
//! The merged value keeps every node of the resource where the template has it: a merged
//! mapping has the resource's own keys first, in their order, then the keys only Globals has;
//! a merged list has the resource's items, then the Globals items. SAM puts the Globals keys
//! and items first. gwgen finds a node's line in the template by its key's and item's index, so
//! it keeps the template's; the order carries no meaning in the lists Globals can give an API
//! (`MethodSettings`, `BinaryMediaTypes`, the lists of `Auth.ResourcePolicy`), which API Gateway
//! reads as sets.
//!
//! A resource's `IgnoreGlobals` attribute (`"*"`, or a list of property names) leaves Globals
//! out, wholly or for those properties. SAM refuses a template whose `Globals.Api` or
//! `Globals.HttpApi` carries a property it does not merge (`StageName` above all: the implicit
//! API's stage cannot be set there); [`invalid`] says which.

use serde_json::{Map, Value};

use super::super::Added;
use crate::source::Pointer;

/// What `Globals.Api` may carry: every `AWS::Serverless::Api` property except `DefinitionBody`
/// and `StageName` (the list SAM's transform prints when it refuses another one).
pub const API_PROPERTIES: [&str; 22] = [
    "Auth",
    "Name",
    "DefinitionUri",
    "CacheClusterEnabled",
    "CacheClusterSize",
    "MergeDefinitions",
    "Variables",
    "EndpointConfiguration",
    "MethodSettings",
    "BinaryMediaTypes",
    "MinimumCompressionSize",
    "Cors",
    "GatewayResponses",
    "AccessLogSetting",
    "CanarySetting",
    "TracingEnabled",
    "OpenApiVersion",
    "Domain",
    "AlwaysDeploy",
    "PropagateTags",
    "SecurityPolicy",
    "EndpointAccessMode",
];

/// What `Globals.HttpApi` may carry.
pub const HTTP_API_PROPERTIES: [&str; 10] = [
    "Auth",
    "AccessLogSettings",
    "StageVariables",
    "Tags",
    "CorsConfiguration",
    "DefaultRouteSettings",
    "Domain",
    "RouteSettings",
    "FailOnWarnings",
    "PropagateTags",
];

const PREFIX: &str = "AWS::Serverless::";

/// Merges `Globals` into every `AWS::Serverless::*` resource of the section's type, in place,
/// and returns where each merged node came from: `at` the node under
/// `/Resources/<id>/Properties`, `from` the node under `/Globals/<section>` (or, for a resource's
/// own list items that the Globals items pushed down, their place in the resource). The
/// `Globals` section itself stays in the template: every `from` points into it.
pub fn merge(template: &mut Value) -> Vec<Added> {
    let mut added = Vec::new();
    let Some(Value::Object(sections)) = template.get("Globals").cloned() else { return added };
    let Some(Value::Object(resources)) = template.get_mut("Resources") else { return added };
    for (id, resource) in resources.iter_mut() {
        let Some(section) =
            resource.get("Type").and_then(Value::as_str).and_then(|t| t.strip_prefix(PREFIX)).map(str::to_string)
        else {
            continue;
        };
        let Some(Value::Object(globals)) = sections.get(&section) else { continue };
        let Some(globals) = without_ignored(globals, resource.get("IgnoreGlobals")) else { continue };
        let Value::Object(r) = resource else { continue };
        let props = r.entry("Properties").or_insert_with(|| Value::Object(Map::new()));
        let local = std::mem::take(props);
        let at = Pointer::root().push("Resources").push(id).push("Properties");
        let from = Pointer::root().push("Globals").push(&section);
        *props = merge_value(&Value::Object(globals), local, &at, &from, &mut added);
    }
    added
}

/// The properties `Globals.<section>` gives every resource of that type (`"Api"`,
/// `"HttpApi"`, ...), and their place (`/Globals/<section>`): all the properties of an API SAM
/// creates for events that name none (`ServerlessRestApi` from `Api`, `ServerlessHttpApi` from
/// `HttpApi`), since no resource of the template holds them. None when the template has no such
/// section.
pub fn globals_for<'a>(template: &'a Value, section: &str) -> Option<(&'a Map<String, Value>, Pointer)> {
    let props = template.get("Globals")?.get(section)?.as_object()?;
    Some((props, Pointer::root().push("Globals").push(section)))
}

/// Why SAM refuses this template's `Globals`, and where: a section that is not a mapping, or a
/// property `Globals.Api` / `Globals.HttpApi` may not carry (`StageName`, `DefinitionBody`, ...).
/// The other sections' properties are not checked here.
pub fn invalid(template: &Value) -> Option<(String, Pointer)> {
    let globals = template.get("Globals")?;
    let at = Pointer::root().push("Globals");
    let Value::Object(sections) = globals else {
        return Some(("the `Globals` section is invalid: it must be a mapping of resource types".into(), at));
    };
    for (section, props) in sections {
        let at = at.push(section);
        let Value::Object(props) = props else {
            return Some((
                format!("the `Globals` section is invalid: `{section}` must be a mapping of properties"),
                at,
            ));
        };
        let allowed: &[&str] = match section.as_str() {
            "Api" => &API_PROPERTIES,
            "HttpApi" => &HTTP_API_PROPERTIES,
            _ => continue,
        };
        if let Some(key) = props.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Some((
                format!(
                    "the `Globals` section is invalid: `{key}` is not a property SAM merges from `Globals.{section}` (it takes {})",
                    allowed.join(", ")
                ),
                at.push(key),
            ));
        }
    }
    None
}

/// The Globals a resource takes, given its `IgnoreGlobals` attribute: None for `"*"`.
fn without_ignored(globals: &Map<String, Value>, ignore: Option<&Value>) -> Option<Map<String, Value>> {
    match ignore {
        Some(Value::String(s)) if s == "*" => None,
        Some(Value::Array(keys)) => {
            let mut kept = globals.clone();
            for k in keys.iter().filter_map(Value::as_str) {
                kept.shift_remove(k);
            }
            Some(kept)
        }
        _ => Some(globals.clone()),
    }
}

#[derive(PartialEq)]
enum Kind {
    Primitive,
    Map,
    List,
}

/// SAM treats an intrinsic (a one-key mapping whose key is `Ref`, `Condition` or `Fn::...`) as
/// a primitive: CloudFormation resolves it to one.
fn kind(v: &Value) -> Kind {
    match v {
        Value::Object(m)
            if m.len() == 1 && m.keys().all(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::")) =>
        {
            Kind::Primitive
        }
        Value::Object(_) => Kind::Map,
        Value::Array(_) => Kind::List,
        _ => Kind::Primitive,
    }
}

/// Merges one Globals value (written at `from`) with the resource's own (written at `at`, where
/// the result goes).
fn merge_value(global: &Value, local: Value, at: &Pointer, from: &Pointer, added: &mut Vec<Added>) -> Value {
    let (g, l) = (kind(global), kind(&local));
    if g != l || g == Kind::Primitive {
        return local;
    }
    match (global, local) {
        (Value::Object(gm), Value::Object(mut lm)) => {
            // The resource's keys keep their order (the template's positions are found by it);
            // the keys only Globals has follow them.
            for (k, lv) in lm.iter_mut() {
                if let Some(gv) = gm.get(k) {
                    let own = std::mem::take(lv);
                    *lv = merge_value(gv, own, &at.push(k), &from.push(k), added);
                }
            }
            for (k, gv) in gm.iter().filter(|(k, _)| !lm.contains_key(k.as_str())).collect::<Vec<_>>() {
                added.push(Added { at: at.push(k), from: from.push(k), mirror: true });
                lm.insert(k.clone(), gv.clone());
            }
            Value::Object(lm)
        }
        (Value::Array(gl), Value::Array(mut ll)) => {
            // The resource's items keep their places; the Globals items follow them.
            for i in 0..gl.len() {
                added.push(Added { at: at.index(ll.len() + i), from: from.index(i), mirror: true });
            }
            ll.extend(gl.iter().cloned());
            Value::Array(ll)
        }
        (_, local) => local,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    fn yaml(text: &str) -> Value {
        crate::load::yaml::parse(text).expect("yaml").0
    }

    fn pairs(added: &[Added]) -> Vec<(String, String)> {
        added.iter().map(|a| (a.at.as_str().to_string(), a.from.as_str().to_string())).collect()
    }

    #[test]
    fn maps_merge_primitives_prefer_the_resource_lists_concatenate() {
        // The rules of SAM's merge, as its own tests state them (SAM's list is [1, 2, 1, 3]: the
        // same items, Globals' first).
        let mut t = json!({
            "Globals": {"Function": {"a": 1, "b": 2, "Env": {"X": "g", "Y": "g"}, "L": [1, 2], "C": "s3://b/k"}},
            "Resources": {"F": {"Type": "AWS::Serverless::Function",
                "Properties": {"a": "foo", "c": 3, "Env": {"Y": "l", "Z": "l"}, "L": [1, 3], "C": {"Bucket": "b", "Key": "k"}}}}
        });
        let added = merge(&mut t);
        assert_eq!(
            t["Resources"]["F"]["Properties"],
            json!({"a": "foo", "c": 3, "Env": {"Y": "l", "Z": "l", "X": "g"}, "L": [1, 3, 1, 2],
                   "C": {"Bucket": "b", "Key": "k"}, "b": 2})
        );
        // The resource's keys first, in its order; then those only Globals has.
        let keys: Vec<&String> = t["Resources"]["F"]["Properties"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["a", "c", "Env", "L", "C", "b"]);
        let p = "/Resources/F/Properties";
        assert_eq!(
            pairs(&added),
            vec![
                (format!("{p}/Env/X"), "/Globals/Function/Env/X".into()),
                (format!("{p}/L/2"), "/Globals/Function/L/0".into()),
                (format!("{p}/L/3"), "/Globals/Function/L/1".into()),
                (format!("{p}/b"), "/Globals/Function/b".into()),
            ]
        );
        assert!(added.iter().all(|a| a.mirror));
    }

    #[test]
    fn intrinsics_are_primitives() {
        // `Fn::If` in Globals is replaced by the resource's value, of whatever kind (SAM's
        // http_api_with_cors and api_with_resource_policy_global inputs); with none, it stays.
        let mut t = yaml(
            "Globals:\n  HttpApi:\n    CorsConfiguration:\n      Fn::If: [C1, {AllowOrigins: [a]}, {Ref: AWS::NoValue}]\nResources:\n  A:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      CorsConfiguration: {AllowOrigins: [b]}\n  B:\n    Type: AWS::Serverless::HttpApi\n",
        );
        let added = merge(&mut t);
        assert_eq!(t["Resources"]["A"]["Properties"]["CorsConfiguration"], json!({"AllowOrigins": ["b"]}));
        assert_eq!(t["Resources"]["B"]["Properties"]["CorsConfiguration"]["Fn::If"][0], json!("C1"));
        assert_eq!(
            pairs(&added),
            vec![("/Resources/B/Properties/CorsConfiguration".into(), "/Globals/HttpApi/CorsConfiguration".into())]
        );
        // A local intrinsic replaces a Globals mapping too.
        let mut t = json!({"Globals": {"Api": {"Variables": {"a": "1"}}},
            "Resources": {"A": {"Type": "AWS::Serverless::Api", "Properties": {"Variables": {"Fn::If": ["C", {}, {}]}}}}});
        assert!(merge(&mut t).is_empty());
        assert_eq!(t["Resources"]["A"]["Properties"]["Variables"], json!({"Fn::If": ["C", {}, {}]}));
    }

    #[test]
    fn globals_for_api_reaches_every_serverless_api_and_no_other_type() {
        // SAM's globals_for_api: the explicit Api keeps its StageName and gains the cache
        // settings, variables and Auth of Globals.Api (its output stage has CacheClusterSize
        // 1.6 and Variables {SomeVar: Value}); the function is untouched.
        let text = std::fs::read_to_string("../shared/corpus/sam-translator/input/globals_for_api.yaml").unwrap();
        let mut t = yaml(&text);
        let function_before = t["Resources"]["ImplicitApiFunction"].clone();
        let added = merge(&mut t);
        let api = &t["Resources"]["ExplicitApi"]["Properties"];
        assert_eq!(api["StageName"], json!("SomeStage"));
        assert_eq!(api["CacheClusterSize"], json!("1.6"));
        assert_eq!(api["CacheClusterEnabled"], json!(true));
        assert_eq!(api["Variables"], json!({"SomeVar": "Value"}));
        assert_eq!(api["Auth"]["DefaultAuthorizer"], json!("MyCognitoAuth"));
        assert_eq!(api["Auth"]["ApiKeyRequired"], json!(true));
        assert_eq!(t["Resources"]["ImplicitApiFunction"], function_before);
        assert!(added.iter().any(|a| a.at.as_str() == "/Resources/ExplicitApi/Properties/Variables"
            && a.from.as_str() == "/Globals/Api/Variables"));
        // The implicit API takes the section as it is.
        let (props, at) = globals_for(&t, "Api").unwrap();
        assert_eq!(at.as_str(), "/Globals/Api");
        assert_eq!(props["Name"], json!("some api"));
        assert!(globals_for(&t, "HttpApi").is_none());
    }

    #[test]
    fn oracle_inputs_with_globals() {
        let read = |name: &str| {
            yaml(&std::fs::read_to_string(format!("../shared/corpus/sam-translator/input/{name}.yaml")).unwrap())
        };
        // api_merge_definitions_global: MergeDefinitions reaches MyApi.
        let mut t = read("api_merge_definitions_global");
        let added = merge(&mut t);
        assert_eq!(t["Resources"]["MyApi"]["Properties"]["MergeDefinitions"], json!(true));
        assert_eq!(
            pairs(&added),
            vec![("/Resources/MyApi/Properties/MergeDefinitions".into(), "/Globals/Api/MergeDefinitions".into())]
        );
        // api_with_propagate_tags_globals: PropagateTags joins the Api's own Tags (its output
        // stage carries the tags).
        let mut t = read("api_with_propagate_tags_globals");
        merge(&mut t);
        let props = &t["Resources"]["MyApiWithPropagateTags"]["Properties"];
        assert_eq!(props["PropagateTags"], json!(true));
        assert_eq!(props["Tags"]["TagKey1"], json!("TagValue1"));
        // state_machine_with_implicit_api_globals: no Api resource; the implicit API's Auth comes
        // from the section (its output body has the Deny for account 12345).
        let mut t = read("state_machine_with_implicit_api_globals");
        let before = t["Resources"].clone();
        assert!(merge(&mut t).is_empty());
        assert_eq!(t["Resources"], before);
        let (props, _) = globals_for(&t, "Api").unwrap();
        assert_eq!(props["Auth"]["ResourcePolicy"]["AwsAccountBlacklist"], json!(["12345"]));
        // api_with_binary_media_types: SAM's ExplicitApi has the Globals types and its own
        // (["image~1gif", {Fn::Join}, "application~1octet-stream", {Ref: BMT}], Globals' first);
        // gwgen keeps the Api's own items in place and appends the Globals ones.
        let mut t = read("api_with_binary_media_types");
        let added = merge(&mut t);
        let types = t["Resources"]["ExplicitApi"]["Properties"]["BinaryMediaTypes"].as_array().unwrap().clone();
        assert_eq!(
            types,
            [
                json!("application~1octet-stream"),
                json!({"Ref": "BMT"}),
                json!("image~1gif"),
                json!({"Fn::Join": ["~1", ["image", "png"]]})
            ]
        );
        assert!(added.iter().any(|a| a.at.as_str() == "/Resources/ExplicitApi/Properties/BinaryMediaTypes/3"
            && a.from.as_str() == "/Globals/Api/BinaryMediaTypes/1"));
        // error_globals_api_with_stage_name: SAM refuses StageName in Globals.Api.
        let t = read("error_globals_api_with_stage_name");
        let (message, at) = invalid(&t).expect("refused");
        assert_eq!(at.as_str(), "/Globals/Api/StageName");
        assert!(message.contains("`StageName` is not a property"), "{message}");
        assert!(invalid(&read("globals_for_api")).is_none());
    }

    #[test]
    fn ignore_globals_and_missing_properties() {
        let mut t = json!({"Globals": {"Api": {"Variables": {"a": "1"}, "Name": "n"}},
            "Resources": {
                "All": {"Type": "AWS::Serverless::Api", "IgnoreGlobals": "*", "Properties": {"StageName": "p"}},
                "Some": {"Type": "AWS::Serverless::Api", "IgnoreGlobals": ["Name"], "Properties": {"StageName": "p"}},
                "Bare": {"Type": "AWS::Serverless::Api"},
                "Plain": {"Type": "AWS::ApiGateway::RestApi", "Properties": {}}}});
        merge(&mut t);
        let r = &t["Resources"];
        assert_eq!(r["All"]["Properties"], json!({"StageName": "p"}));
        assert_eq!(r["Some"]["Properties"], json!({"StageName": "p", "Variables": {"a": "1"}}));
        assert_eq!(r["Bare"]["Properties"], json!({"Variables": {"a": "1"}, "Name": "n"}));
        assert_eq!(r["Plain"]["Properties"], json!({}));
    }
}
