//! How to fix what SAM's transform refuses: the helps gwgen gives beside SAM's own messages,
//! one function for each kind of refusal that many properties share.

/// The kinds of value SAM expects a property to be, as a help names them.
pub(crate) const MAP: &str = "a mapping (indented `Key: value` entries)";
pub(crate) const LIST: &str = "a list (`- item` entries, or `[a, b]`)";
pub(crate) const BOOL: &str = "`true` or `false` (unquoted)";

/// A property written as the wrong kind of value.
pub(crate) fn write_as(property: &str, kind: &str) -> String {
    format!("write `{property}` as {kind}")
}

/// A mapping property written as something else, with the keys it takes.
pub(crate) fn map_of(property: &str, keys: &[&str]) -> String {
    format!("write `{property}` as {MAP} with {}", one_of(keys))
}

/// `A`, `B` or `C`.
pub(crate) fn one_of(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => "nothing".into(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// A key the property does not take.
pub(crate) fn unknown_key(property: &str, key: &str, keys: &[&str]) -> String {
    format!("`{property}` takes only {}: remove `{key}` or correct its spelling", one_of(keys))
}

/// A property SAM writes into the API's document, on an API whose document is a file SAM does
/// not edit (`DefinitionUri`).
pub(crate) fn inline_only(property: &str) -> String {
    format!(
        "SAM edits only a document under `DefinitionBody`: replace `DefinitionUri` with `DefinitionBody` (inline, or `Fn::Transform` `AWS::Include` with the file's `Location`), or remove `{property}` and write what it says in the OpenAPI file"
    )
}

/// A property SAM writes into a `DefinitionBody` it does not recognise as Swagger / OpenAPI.
pub(crate) fn not_a_document(property: &str, http: bool) -> String {
    let version = if http { "`openapi: 3.0.1` (3.x)" } else { "`swagger: '2.0'` or `openapi: 3.0.1`" };
    format!(
        "SAM adds `{property}` only to a `DefinitionBody` with {version} and a `paths` mapping: complete the document, or remove `{property}`"
    )
}

/// A name that must be one a mapping of the API defines (`Auth.Authorizers`, `Models`).
pub(crate) fn define_or_name(name: &str, under: &str, defined: &[String]) -> String {
    match defined {
        [] => format!("define `{name}` under the API's `{under}`"),
        _ => {
            let names: Vec<&str> = defined.iter().map(String::as_str).collect();
            format!("define `{name}` under the API's `{under}`, or name one it defines: {}", one_of(&names))
        }
    }
}

/// The keys of a mapping value, for a help to list (none when it is not a mapping).
pub(crate) fn keys_of(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(serde_json::Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

/// How to write an HTTP or WebSocket API's `RouteSettings`.
pub(crate) fn route_settings() -> String {
    write_as(
        "RouteSettings",
        &format!("{MAP} of route keys (such as `GET /items` or `$connect`) to their settings (`ThrottlingBurstLimit`, `ThrottlingRateLimit`, `DetailedMetricsEnabled`, ...)"),
    )
}

/// A value API Gateway or SAM takes from a fixed list.
pub(crate) fn accepted(property: &str, values: &[&str]) -> String {
    format!("set `{property}` to {}", one_of(values))
}
