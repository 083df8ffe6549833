//! What the REST and HTTP builders share: the resources that point at an API, the references
//! between resources (`Ref`, `Fn::GetAtt`), CloudFormation values copied into a document, and
//! the record of where each built node was written.

use serde_json::{Map, Value};

use super::{Added, Context, Refused};
use crate::source::Pointer;

/// One resource of the template: its logical id, its `Properties` and where they are.
pub(super) struct Res<'t> {
    pub id: &'t str,
    pub props: &'t Map<String, Value>,
    /// `/Resources/<id>/Properties`.
    pub ptr: Pointer,
}

impl<'t> Res<'t> {
    pub fn get(&self, key: &str) -> Option<&'t Value> {
        self.props.get(key)
    }

    /// Where property `key` is (or would be).
    pub fn at(&self, key: &str) -> Pointer {
        self.ptr.push(key)
    }

    /// The resource itself (`/Resources/<id>`).
    pub fn resource_ptr(&self) -> Pointer {
        resource_ptr(self.id)
    }
}

pub(super) fn resource_ptr(id: &str) -> Pointer {
    Pointer::root().push("Resources").push(id)
}

static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();

/// The template's resources of type `kind` whose property `api_key` (`RestApiId`, `ApiId`)
/// names the API `api`, in document order.
pub(super) fn pointing_at<'t>(template: &'t Value, kind: &str, api_key: &str, api: &str) -> Vec<Res<'t>> {
    of_type(template, kind).into_iter().filter(|r| r.get(api_key).is_some_and(|v| names(v, api))).collect()
}

/// The template's resources of type `kind`, in document order.
pub(super) fn of_type<'t>(template: &'t Value, kind: &str) -> Vec<Res<'t>> {
    let Some(Value::Object(resources)) = template.get("Resources") else { return Vec::new() };
    resources
        .iter()
        .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some(kind))
        .map(|(id, r)| Res {
            id,
            props: r.get("Properties").and_then(Value::as_object).unwrap_or_else(|| EMPTY.get_or_init(Map::new)),
            ptr: resource_ptr(id).push("Properties"),
        })
        .collect()
}

/// The type of the template's resource `id`, if it has one.
pub(super) fn type_of<'t>(template: &'t Value, id: &str) -> Option<&'t str> {
    template.get("Resources")?.get(id)?.get("Type")?.as_str()
}

/// Does `v` name the resource `id` (`Ref: id`, or `Fn::GetAtt: [id, ...]`)?
pub(super) fn names(v: &Value, id: &str) -> bool {
    referenced(v).is_some_and(|(r, _)| r == id)
}

/// The resource a value refers to, and the attribute: `{Ref: X}` and `{Fn::Sub: "${X}"}` are
/// `(X, None)`, `{Fn::GetAtt: [X, A]}`, `{Fn::GetAtt: "X.A"}` and `{Fn::Sub: "${X.A}"}` are
/// `(X, Some(A))`.
pub(super) fn referenced(v: &Value) -> Option<(&str, Option<&str>)> {
    let m = v.as_object().filter(|m| m.len() == 1)?;
    if let Some(Value::String(id)) = m.get("Ref") {
        return Some((id, None));
    }
    if let Some(Value::String(t)) = m.get("Fn::Sub") {
        let inner = t.strip_prefix("${")?.strip_suffix('}')?;
        if inner.is_empty() || inner.contains(['$', '{', '}', '!']) {
            return None;
        }
        return Some(match inner.split_once('.') {
            Some((id, attr)) => (id, Some(attr)),
            None => (inner, None),
        });
    }
    match m.get("Fn::GetAtt")? {
        Value::Array(a) => Some((a.first()?.as_str()?, Some(a.get(1)?.as_str()?))),
        Value::String(s) => s.split_once('.').map(|(id, attr)| (id, Some(attr))),
        _ => None,
    }
}

/// A property that must be a plain string (a path part, a method, a name), with the template's
/// parameters resolved: None when it is not one.
pub(super) fn plain(ctx: &Context, v: Option<&Value>) -> Option<String> {
    let mut v = v?.clone();
    ctx.resolve(&mut v, 0);
    match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A boolean property (`true`, or the string `"true"`).
pub(super) fn flag(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A number property as API Gateway's export writes it (a JSON number); a string that is not a
/// number, or an intrinsic, is copied as written.
pub(super) fn number(v: &Value) -> Value {
    match v {
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => copy(v),
        },
        other => copy(other),
    }
}

/// A template value as it goes into a document: an `Fn::Join` whose parts are text, `Ref`s and
/// `Fn::GetAtt`s becomes the `Fn::Sub` CloudFormation reads the same way (or plain text when
/// nothing is left to substitute), and an `Fn::Sub` variable that is such a reference is
/// written into its template. CDK writes Lambda URIs as joins; as a substitution their shape
/// (`arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/...`) stays readable, and
/// what the template's context knows is resolved later as for any other document.
pub(super) fn copy(v: &Value) -> Value {
    copy_at(v, 0)
}

fn copy_at(v: &Value, depth: usize) -> Value {
    if depth > crate::load::yaml::MAX_DEPTH {
        return v.clone();
    }
    if let Some(m) = v.as_object().filter(|m| m.len() == 1) {
        if m.contains_key("Fn::Join") || m.get("Fn::Sub").is_some_and(Value::is_array) {
            if let Some(text) = sub_text(v, 0) {
                return if has_placeholder(&text) {
                    let mut out = Map::new();
                    out.insert("Fn::Sub".into(), Value::String(text));
                    Value::Object(out)
                } else {
                    Value::String(text.replace("${!", "${"))
                };
            }
        }
    }
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, c)| (k.clone(), copy_at(c, depth + 1))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(|c| copy_at(c, depth + 1)).collect()),
        other => other.clone(),
    }
}

/// Does an `Fn::Sub` template still name something to substitute (`${X}`, not `${!X}`)?
fn has_placeholder(text: &str) -> bool {
    text.match_indices("${").any(|(i, _)| !text[i + 2..].starts_with('!'))
}

/// The text a value stands for inside an `Fn::Sub` template, when it can be written there.
fn sub_text(v: &Value, depth: usize) -> Option<String> {
    if depth > 32 {
        return None;
    }
    match v {
        Value::String(s) => Some(s.replace("${", "${!")),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(m) if m.len() == 1 => {
            if let Some((id, attr)) = referenced(v) {
                return Some(match attr {
                    Some(a) => format!("${{{id}.{a}}}"),
                    None => format!("${{{id}}}"),
                });
            }
            match (m.get("Fn::Sub"), m.get("Fn::Join")) {
                (Some(Value::String(t)), _) => Some(t.clone()),
                (Some(Value::Array(a)), _) => {
                    let t = a.first()?.as_str()?;
                    let vars = a.get(1).and_then(Value::as_object);
                    inline_vars(t, vars, depth)
                }
                (_, Some(Value::Array(a))) => {
                    let delim = a.first()?.as_str()?.replace("${", "${!");
                    let parts = a.get(1)?.as_array()?;
                    let texts = parts.iter().map(|p| sub_text(p, depth + 1)).collect::<Option<Vec<_>>>()?;
                    Some(texts.join(&delim))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// An `Fn::Sub` template with its variables written in.
fn inline_vars(template: &str, vars: Option<&Map<String, Value>>, depth: usize) -> Option<String> {
    let Some(vars) = vars.filter(|v| !v.is_empty()) else { return Some(template.to_string()) };
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[i..]);
            return Some(out);
        };
        let name = &after[..end];
        match vars.get(name) {
            Some(value) if !name.starts_with('!') => out.push_str(&sub_text(value, depth + 1)?),
            _ => out.push_str(&rest[i..i + 3 + end]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The logical id an `Fn::Sub` template or text names after `prefix` (`integrations/${Id}`),
/// or the literal rest (`integrations/abc123`).
pub(super) fn named_after(v: &Value, prefix: &str) -> Option<Result<String, String>> {
    let text = match v {
        Value::String(s) => return s.strip_prefix(prefix).map(|r| Err(r.to_string())),
        Value::Object(m) => m.get("Fn::Sub")?.as_str()?,
        _ => return None,
    };
    let rest = text.strip_prefix(prefix)?;
    let id = rest.strip_prefix("${")?.strip_suffix('}')?;
    (!id.contains("${") && !id.starts_with('!')).then(|| Ok(id.to_string()))
}

/// A document being built, and where each of its nodes was written in the template.
#[derive(Default)]
pub(super) struct Doc {
    pub added: Vec<Added>,
}

impl Doc {
    /// The document's `info` from an API resource: `title` from its `Name` (else its logical id)
    /// and `description` from its `Description`, each recorded where it was written.
    pub fn info(&mut self, api: &Res, logical_id: &str) -> Map<String, Value> {
        let ptr = Pointer::root().push("info");
        let mut info = Map::new();
        match api.get("Name") {
            Some(n) => {
                info.insert("title".into(), copy(n));
                self.made(&ptr.push("title"), &api.at("Name"));
            }
            None => {
                info.insert("title".into(), Value::String(logical_id.to_string()));
            }
        }
        if let Some(d) = api.get("Description") {
            info.insert("description".into(), copy(d));
            self.made(&ptr.push("description"), &api.at("Description"));
        }
        info
    }

    /// `at` (in the document) was made from `from` (in the template).
    pub fn made(&mut self, at: &Pointer, from: &Pointer) {
        self.added.push(Added { at: at.clone(), from: from.clone(), mirror: false });
    }

    /// `at` is a copy of `from`: what is below it is below `from` under the same keys.
    pub fn copied(&mut self, at: &Pointer, from: &Pointer) {
        self.added.push(Added { at: at.clone(), from: from.clone(), mirror: true });
    }
}

/// `what` (a property that must `Ref` an `expected` resource of API `api`) names `id`, which is
/// not one: a resource of another API, another kind of resource, or nothing the template defines
/// (CloudFormation then refuses the whole template).
pub(super) fn wrong_target(template: &Value, what: &str, id: &str, expected: &str, api: &str, at: Pointer) -> Refused {
    let short = expected.rsplit("::").next().unwrap_or(expected);
    match type_of(template, id) {
        Some(kind) if kind == expected => Refused::new(
            format!("{what} names `{id}`, {} {short} of another API", article(short)),
            format!("name {} {short} of `{api}`: an API's methods and routes use its own", article(short)),
            at,
        ),
        Some(kind) => Refused::new(
            format!("{what} names `{id}`, which is {} {kind}, not {} {expected}", article(kind), article(expected)),
            format!("Ref {} {expected} of `{api}`", article(expected)),
            at,
        ),
        None => Refused::new(
            format!("{what} names `{id}`, which the template does not define"),
            format!(
                "define `{id}` as {} {expected} of `{api}`, or name one that exists: CloudFormation refuses the template (\"Unresolved resource dependencies [{id}] in the Resources block of the template\")",
                article(expected)
            ),
            at,
        ),
    }
}

/// `what` is not a `Ref` (an imported value, or a literal id): the resource it names is defined
/// outside the template, where gwgen cannot read it.
pub(super) fn not_a_ref(what: &str, expected: &str, at: Pointer) -> Refused {
    Refused::new(
        format!("{what} must be a Ref to {} {expected} of this template", article(expected)),
        format!(
            "gwgen reads the API from this template only: define the {} here and Ref it (an imported or literal id names one gwgen cannot see)",
            expected.rsplit("::").next().unwrap_or(expected)
        ),
        at,
    )
}

fn article(word: &str) -> &'static str {
    let vowel = |w: &str| w.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']);
    // `AWS::...` reads "an AWS...".
    if vowel(word) {
        "an"
    } else {
        "a"
    }
}

/// Inserts `key: value` into an object node.
pub(super) fn put(obj: &mut Value, key: &str, value: Value) {
    if !obj.is_object() {
        *obj = Value::Object(Map::new());
    }
    if let Value::Object(m) = obj {
        m.insert(key.to_string(), value);
    }
}

/// The object under `key` of an object node, made when missing.
pub(super) fn entry<'v>(obj: &'v mut Value, key: &str) -> &'v mut Value {
    if !obj.is_object() {
        *obj = Value::Object(Map::new());
    }
    let Value::Object(m) = obj else { unreachable!("made an object above") };
    let v = m.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new()));
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    v
}

/// `{name}` and `{name+}` variables of a path, by name (`proxy` for `{proxy+}`).
pub(super) fn path_variables(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(i) = rest.find('{') {
        let Some(end) = rest[i..].find('}') else { break };
        let name = rest[i + 1..i + end].trim_end_matches('+');
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
        rest = &rest[i + end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cdk_joins_become_substitutions() {
        let uri = json!({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:", {"Ref": "AWS::Region"},
            ":lambda:path/2015-03-31/functions/", {"Fn::GetAtt": ["Hello4A628BD4", "Arn"]}, "/invocations"]]});
        assert_eq!(
            copy(&uri),
            json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Hello4A628BD4.Arn}/invocations"})
        );
        assert_eq!(copy(&json!({"Fn::Join": ["/", ["a", "b"]]})), json!("a/b"));
        assert_eq!(copy(&json!({"Fn::Join": ["", ["${x}", {"Ref": "P"}]]})), json!({"Fn::Sub": "${!x}${P}"}));
        // What cannot be written in a substitution stays as it is.
        let cond = json!({"Fn::Join": ["", ["a", {"Fn::If": ["C", "x", "y"]}]]});
        assert_eq!(copy(&cond), cond);
    }

    #[test]
    fn substitution_variables_are_written_in() {
        let uri = json!({"Fn::Sub": ["arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${lambdaArn}/invocations",
            {"lambdaArn": {"Fn::GetAtt": ["LambdaFunction", "Arn"]}}]});
        assert_eq!(
            copy(&uri),
            json!({"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${LambdaFunction.Arn}/invocations"})
        );
        assert_eq!(copy(&json!({"Fn::Sub": ["x-${a}", {"a": "b"}]})), json!("x-b"));
    }

    #[test]
    fn references() {
        assert_eq!(referenced(&json!({"Ref": "A"})), Some(("A", None)));
        assert_eq!(referenced(&json!({"Fn::GetAtt": ["A", "RootResourceId"]})), Some(("A", Some("RootResourceId"))));
        assert_eq!(referenced(&json!({"Fn::GetAtt": "A.ResourceId"})), Some(("A", Some("ResourceId"))));
        assert_eq!(referenced(&json!("A")), None);
        assert_eq!(referenced(&json!({"Fn::Sub": "${Api.RootResourceId}"})), Some(("Api", Some("RootResourceId"))));
        assert_eq!(referenced(&json!({"Fn::Sub": "x${Api}"})), None);
        assert_eq!(named_after(&json!({"Fn::Sub": "integrations/${I}"}), "integrations/"), Some(Ok("I".into())));
        assert_eq!(named_after(&json!("integrations/abc"), "integrations/"), Some(Err("abc".into())));
        assert_eq!(path_variables("/a/{id}/{proxy+}"), vec!["id", "proxy"]);
    }
}
