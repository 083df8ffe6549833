//! `gwgen diff`: what changed between two versions of an API, for its callers and its gate.
//!
//! Both sides are loaded by the same loader into [`ir::Api`] and compared as models, not as
//! text: a schema moved behind a `$ref`, keys reordered or a document reformatted are no change.
//! Every change has an id from the [`catalog`] (with its documentation and level), a message, and
//! the node it concerns on both sides (on the side where the node is missing, its nearest
//! enclosing node).

pub mod catalog;
mod gateway;
mod mapping;
mod openapi;
pub mod output;
mod schema;
mod websocket;

use serde::Serialize;

use crate::ir::Api;
use crate::source::{FileId, Loc, Pointer};

pub use catalog::{find, Kind, CATALOG};

/// How much a change matters to the API's callers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing a caller needs to act on.
    Info,
    /// A risk to callers or to the API's security.
    Warn,
    /// Existing callers (or SDKs generated from the base) stop working.
    Breaking,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Breaking => "breaking",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change between the base and the revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The catalog id (`operation-removed`).
    pub id: &'static str,
    pub level: Level,
    pub message: String,
    /// The node in the base (its sources), or the nearest node that encloses where it would be.
    pub base: Loc,
    /// The node in the revision, or the nearest node that encloses where it would be.
    pub revision: Loc,
}

/// What the comparison collects, with both sides at hand.
pub(crate) struct Cx<'a> {
    pub base: &'a Api,
    pub rev: &'a Api,
    pub out: Vec<Change>,
    /// How deep the schema comparison is.
    pub depth: u32,
}

impl Cx<'_> {
    /// Records a change of kind `id` (which must be in the catalog: its level comes from there).
    pub fn add(&mut self, id: &'static str, base: Loc, revision: Loc, message: String) {
        let level = match find(id) {
            Some(k) => k.level,
            None => {
                debug_assert!(false, "change id `{id}` is not in the catalog");
                Level::Info
            }
        };
        self.out.push(Change { id, level, message, base, revision });
    }
}

/// The root of a side's document (or of the document a template builds).
pub(crate) fn root() -> Loc {
    Loc::new(FileId(0), Pointer::root())
}

/// Every change from `base` to `revision`: breaking first, then warnings, then the rest; within
/// a level by id, then by where the change is in the revision and in the base.
pub fn diff(base: &Api, revision: &Api) -> Vec<Change> {
    let mut cx = Cx { base, rev: revision, out: Vec::new(), depth: 0 };
    gateway::api_type(&mut cx);
    openapi::paths(&mut cx);
    gateway::extensions(&mut cx);
    gateway::deployment(&mut cx);
    websocket::websocket(&mut cx);
    let mut out = cx.out;
    for c in &mut out {
        c.base = base.sources.origin(&c.base);
        c.revision = revision.sources.origin(&c.revision);
    }
    out.sort_by(|a, b| {
        b.level
            .cmp(&a.level)
            .then(a.id.cmp(b.id))
            .then_with(|| a.revision.cmp(&b.revision))
            .then_with(|| a.base.cmp(&b.base))
            .then_with(|| a.message.cmp(&b.message))
    });
    out.dedup();
    out
}

/// Whether any change is at or above `level`.
pub fn fails(changes: &[Change], level: Level) -> bool {
    changes.iter().any(|c| c.level >= level)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn load(path: &Path) -> Api {
        crate::load::load(path, &crate::load::Options::default())
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
    }

    /// Every change id has a fixture pair `specs/diff/<id>/{base,revision}.yaml` in which it is
    /// reported; each side diffed against itself reports nothing; and every folder is an id.
    #[test]
    fn fixtures() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/diff");
        let mut failures = Vec::new();
        for kind in CATALOG {
            let folder = dir.join(kind.id);
            let (b, r) = (folder.join("base.yaml"), folder.join("revision.yaml"));
            if !b.is_file() || !r.is_file() {
                failures.push(format!("{}: no fixture pair in {}", kind.id, folder.display()));
                continue;
            }
            let (base, rev) = (load(&b), load(&r));
            let changes = diff(&base, &rev);
            if !changes.iter().any(|c| c.id == kind.id) {
                failures.push(format!(
                    "{}: not reported; got {:?}",
                    kind.id,
                    changes.iter().map(|c| c.id).collect::<Vec<_>>()
                ));
            }
            for c in changes.iter().filter(|c| c.id == kind.id) {
                assert_eq!(c.level, kind.level);
            }
            for (side, api) in [("base", &base), ("revision", &rev)] {
                let same = diff(api, api);
                if !same.is_empty() {
                    failures.push(format!("{}: the {side} against itself reports {:?}", kind.id, same));
                }
            }
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            // `history/`: real documents at two versions (tests/it/diff.rs).
            if name != "history" && find(&name).is_none() {
                failures.push(format!("specs/diff/{name} is not a change id"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Every kebab-case string the comparison code writes is a catalog id (or an extension
    /// name): no change is reported under an id without documentation.
    #[test]
    fn every_id_in_the_code_is_in_the_catalog() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/diff");
        let mut unknown = Vec::new();
        for file in ["openapi.rs", "schema.rs", "gateway.rs", "mapping.rs", "websocket.rs"] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            for literal in text.split('"').skip(1).step_by(2) {
                let kebab = literal.contains('-')
                    && literal.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
                if kebab && !literal.starts_with("x-") && find(literal).is_none() {
                    unknown.push(format!("{file}: {literal}"));
                }
            }
        }
        assert!(unknown.is_empty(), "{unknown:?}");
    }

    /// Reversing a fixture pair: what breaks one way does not break the other way for the
    /// changes whose reverse is harmless by API Gateway's rules.
    #[test]
    fn reversed_pairs_are_not_the_same_change() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/diff");
        for id in [
            "authorization-added",
            "authorization-removed",
            "request-nullable-removed",
            "response-nullable-added",
            "request-constraint-tightened",
            "response-property-removed",
            "throttle-lowered",
            "cors-narrowed",
            "binary-media-type-removed",
            "api-key-required",
            "integration-request-template-removed",
            "integration-request-parameter-removed",
            "integration-response-removed",
            "integration-response-header-removed",
            "integration-response-template-removed",
            "request-additional-properties-narrowed",
            "response-additional-properties-allowed",
            "request-property-refused",
            "response-mapping-header-removed",
        ] {
            let folder = dir.join(id);
            let (base, rev) = (load(&folder.join("base.yaml")), load(&folder.join("revision.yaml")));
            let back = diff(&rev, &base);
            assert!(!back.iter().any(|c| c.id == id), "{id} reported for the reversed pair: {back:?}");
        }
    }

    /// Scopes mean opposite things: API Gateway lets a token in with any one of a method's
    /// scopes, OpenAPI requires every scope listed. Adding a scope widens the first, narrows the
    /// second.
    #[test]
    fn scopes_follow_the_semantics_of_the_document() {
        let doc = |scopes: &str, gateway: bool| {
            let authorizer = if gateway {
                "\n      x-amazon-apigateway-authorizer: {type: cognito_user_pools, providerARNs: [arn:aws:cognito-idp:us-east-1:1:userpool/x]}"
            } else {
                ""
            };
            crate::load::test_api(
                &format!(
                    "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      security: [{{pool: [{scopes}]}}]\n      responses: {{'200': {{description: ok}}}}\ncomponents:\n  securitySchemes:\n    pool:\n      type: oauth2\n      flows: {{clientCredentials: {{tokenUrl: 'https://x', scopes: {{}}}}}}{authorizer}\n"
                ),
                None,
            )
        };
        let ids = |b: &Api, r: &Api| diff(b, r).iter().map(|c| c.id).collect::<Vec<_>>();
        let (one, two) = ("a", "a, b");
        assert_eq!(ids(&doc(one, true), &doc(two, true)), ["authorization-scopes-widened"]);
        assert_eq!(ids(&doc(two, true), &doc(one, true)), ["authorization-scopes-narrowed"]);
        assert_eq!(ids(&doc(one, false), &doc(two, false)), ["authorization-scopes-narrowed"]);
        assert_eq!(ids(&doc(two, false), &doc(one, false)), ["authorization-scopes-widened"]);
    }

    /// A REST method checks no scopes for an OAuth2 scheme without an authorizer: the backend
    /// that receives the token does, and OpenAPI requires every scope listed. An HTTP API makes
    /// such a scheme a JWT authorizer, whose token passes with any one scope.
    #[test]
    fn scopes_of_schemes_without_an_authorizer() {
        use crate::ir::ApiType::{Http, Rest};
        let doc = |scopes: &str, api_type: crate::ir::ApiType| {
            crate::load::test_api(
                &format!(
                    "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      security: [{{oauth: [{scopes}]}}]\n      responses: {{'200': {{description: ok}}}}\n      x-amazon-apigateway-integration: {{type: http_proxy, httpMethod: GET, uri: 'https://example.com/a'}}\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows: {{clientCredentials: {{tokenUrl: 'https://x', scopes: {{}}}}}}\n"
                ),
                Some(api_type),
            )
        };
        let ids = |b: &Api, r: &Api| diff(b, r).iter().map(|c| c.id).collect::<Vec<_>>();
        let (one, two) = ("a", "a, b");
        assert_eq!(ids(&doc(one, Rest), &doc(two, Rest)), ["authorization-scopes-narrowed"]);
        assert_eq!(ids(&doc(two, Rest), &doc(one, Rest)), ["authorization-scopes-widened"]);
        assert_eq!(ids(&doc(one, Http), &doc(two, Http)), ["authorization-scopes-widened"]);
        assert_eq!(ids(&doc(two, Http), &doc(one, Http)), ["authorization-scopes-narrowed"]);
    }

    /// A chain of schemas each holding the next (10,000 components, no deep nesting in the
    /// file) is compared without overflowing the stack, and a change at its start is found.
    #[test]
    fn long_reference_chains_end() {
        let chain = |first: &str| {
            let mut doc = String::from(
                "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content: {application/json: {schema: {$ref: '#/components/schemas/S0'}}}\ncomponents:\n  schemas:\n",
            );
            for i in 0..10_000 {
                let kind = if i == 0 { first } else { "string" };
                doc.push_str(&format!(
                    "    S{i}: {{type: object, properties: {{k: {{type: {kind}}}, next: {{$ref: '#/components/schemas/S{}'}}}}}}\n",
                    i + 1
                ));
            }
            doc.push_str("    S10000: {type: object}\n");
            crate::load::test_api(&doc, None)
        };
        let (a, b) = (chain("string"), chain("integer"));
        let run = move || diff(&a, &b).iter().map(|c| c.id).collect::<Vec<_>>();
        // The size of a test thread's stack, as small as gwgen's callers may give it.
        let ids = std::thread::Builder::new().stack_size(2 << 20).spawn(run).unwrap().join().unwrap();
        assert_eq!(ids, ["schema-type-changed"]);
    }

    /// Renaming a path parameter changes no route: API Gateway matches paths by position.
    #[test]
    fn renamed_path_parameters_are_no_change() {
        let doc = |name: &str| {
            crate::load::test_api(
                &format!(
                    "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /pets/{{{name}}}:\n    get:\n      parameters: [{{name: {name}, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'200': {{description: ok}}}}\n"
                ),
                None,
            )
        };
        assert_eq!(diff(&doc("id"), &doc("petId")), []);
        // A real change to it is still seen.
        let typed = crate::load::test_api(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{petId}:\n    get:\n      parameters: [{name: petId, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok}}\n",
            None,
        );
        assert_eq!(diff(&doc("id"), &typed).iter().map(|c| c.id).collect::<Vec<_>>(), ["parameter-type-changed"]);
    }

    /// `additionalProperties` as the property changes decide: absent is `true`; a request may
    /// only accept more, a response may only promise more; two schemas compare as values.
    #[test]
    fn additional_properties_follow_the_direction_of_data() {
        let doc = |request: &str, response: &str| {
            crate::load::test_api(
                &format!(
                    "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    post:\n      requestBody:\n        content: {{application/json: {{schema: {{type: object{request}}}}}}}\n      responses:\n        '200':\n          description: ok\n          content: {{application/json: {{schema: {{type: object{response}}}}}}}\n"
                ),
                None,
            )
        };
        let ids = |b: &Api, r: &Api| diff(b, r).iter().map(|c| c.id).collect::<Vec<_>>();
        let (none, strings, ints, any, closed) = (
            "",
            ", additionalProperties: {type: string}",
            ", additionalProperties: {type: integer}",
            ", additionalProperties: {}",
            ", additionalProperties: false",
        );
        // Request: absent is `true`; `{}` says no more; a schema or `false` accepts less.
        assert_eq!(ids(&doc(none, none), &doc(any, none)), Vec::<&str>::new());
        assert_eq!(ids(&doc(none, none), &doc(strings, none)), ["request-additional-properties-narrowed"]);
        assert_eq!(ids(&doc(strings, none), &doc(closed, none)), ["request-additional-properties-narrowed"]);
        assert_eq!(ids(&doc(closed, none), &doc(none, none)), Vec::<&str>::new());
        // A map's values compare as values: string to integer.
        assert_eq!(ids(&doc(strings, none), &doc(ints, none)), ["schema-type-changed"]);
        assert_eq!(ids(&doc(none, strings), &doc(none, ints)), ["schema-type-changed"]);
        // Response: `false` opened, or values no longer held to a schema, promise less.
        assert_eq!(ids(&doc(none, closed), &doc(none, strings)), ["response-additional-properties-allowed"]);
        assert_eq!(ids(&doc(none, strings), &doc(none, none)), ["response-additional-properties-allowed"]);
        assert_eq!(ids(&doc(none, none), &doc(none, closed)), Vec::<&str>::new());
        assert_eq!(ids(&doc(none, none), &doc(none, strings)), Vec::<&str>::new());
    }

    #[test]
    fn levels_follow_the_direction_of_data() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/diff");
        let pair = |id: &str| {
            let folder = dir.join(id);
            diff(&load(&folder.join("base.yaml")), &load(&folder.join("revision.yaml")))
        };
        // Cognito to NONE is a security warning; NONE to Cognito breaks callers.
        assert_eq!(pair("authorization-removed")[0].level, Level::Warn);
        assert_eq!(pair("authorization-added")[0].level, Level::Breaking);
        // A value that may be null: harmless in a request, breaking in a response.
        assert_eq!(pair("request-nullable-added")[0].level, Level::Info);
        assert_eq!(pair("response-nullable-added")[0].level, Level::Breaking);
        // The type change is found through allOf, $ref and a recursive property.
        let typed = pair("schema-type-changed");
        assert_eq!(typed.len(), 1, "{typed:?}");
        assert!(typed[0].message.contains("age"), "{}", typed[0].message);
    }
}
