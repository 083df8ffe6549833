//! `gwgen diff`: what changed between two versions of an API, for its callers and its gate.
//!
//! Both sides are loaded by the same loader into [`ir::Api`] and compared as models, not as
//! text: a schema moved behind a `$ref`, keys reordered or a document reformatted are no change.
//! Every change has an id from the [`catalog`] (with its documentation and level), a message, and
//! the node it concerns on both sides (on the side where the node is missing, its nearest
//! enclosing node).

pub mod catalog;
mod gateway;
mod openapi;
pub mod output;
mod schema;

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
    let mut cx = Cx { base, rev: revision, out: Vec::new() };
    gateway::api_type(&mut cx);
    openapi::paths(&mut cx);
    gateway::extensions(&mut cx);
    gateway::deployment(&mut cx);
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
