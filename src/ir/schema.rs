//! The schema store: every schema of the document, named and inline, each once.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use crate::source::Loc;

/// An index into the [`SchemaStore`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SchemaId(pub u32);

/// Every schema of the document, named (components/definitions) and inline, each once.
#[derive(Debug, Default, Serialize)]
pub struct SchemaStore {
    pub schemas: Vec<Schema>,
    /// Component (or definition) name to schema, in document order.
    pub named: IndexMap<String, SchemaId>,
}

impl SchemaStore {
    pub fn get(&self, id: SchemaId) -> &Schema {
        &self.schemas[id.0 as usize]
    }
}

#[derive(Debug, Serialize)]
pub struct Schema {
    pub id: SchemaId,
    /// The component name, for named schemas.
    pub name: Option<String>,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub kind: SchemaKind,
    pub title: Option<String>,
    pub description: Option<String>,
    pub format: Option<String>,
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    pub default: Option<Value>,
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<Value>,
    pub discriminator: Option<Discriminator>,
    /// Which of [`NOTABLE_KEYWORDS`] the schema object uses, as written.
    pub keywords: Keywords,
}

/// Schema keywords rules ask about (API Gateway's draft-4 models reject or ignore them).
pub const NOTABLE_KEYWORDS: [&str; 28] = [
    "discriminator",
    "example",
    "examples",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "const",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "prefixItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "propertyNames",
    "readOnly",
    "writeOnly",
    "default",
    "minItems",
    "maxItems",
    "deprecated",
    "oneOf",
    "anyOf",
    "additionalProperties",
    "nullable",
    "xml",
    "externalDocs",
];

/// The position of `key` in [`NOTABLE_KEYWORDS`]: a `match` rather than a search, as every key
/// of every schema object passes through it.
fn keyword_index(key: &str) -> Option<usize> {
    // Most keys are not notable: the first byte sends each to a handful of candidates.
    let candidates: &[(&str, usize)] = match key.as_bytes().first()? {
        b'a' => &[("anyOf", 23), ("additionalProperties", 24)],
        b'c' => &[("const", 5), ("contains", 14)],
        b'd' => &[
            ("discriminator", 0),
            ("dependentRequired", 9),
            ("dependentSchemas", 10),
            ("default", 18),
            ("deprecated", 21),
        ],
        b'e' => &[
            ("example", 1),
            ("examples", 2),
            ("exclusiveMinimum", 3),
            ("exclusiveMaximum", 4),
            ("else", 8),
            ("externalDocs", 27),
        ],
        b'i' => &[("if", 6)],
        b'm' => &[("minItems", 19), ("maxItems", 20)],
        b'n' => &[("nullable", 25)],
        b'o' => &[("oneOf", 22)],
        b'p' => &[("prefixItems", 11), ("propertyNames", 15)],
        b'r' => &[("readOnly", 16)],
        b't' => &[("then", 7)],
        b'u' => &[("unevaluatedProperties", 12), ("unevaluatedItems", 13)],
        b'w' => &[("writeOnly", 17)],
        b'x' => &[("xml", 26)],
        _ => return None,
    };
    candidates.iter().find(|(k, _)| *k == key).map(|(_, i)| *i)
}

/// A set of [`NOTABLE_KEYWORDS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keywords(u32);

impl Keywords {
    pub fn insert(&mut self, key: &str) {
        if let Some(i) = keyword_index(key) {
            self.0 |= 1 << i;
        }
    }

    pub fn has(self, key: &str) -> bool {
        debug_assert!(NOTABLE_KEYWORDS.contains(&key), "`{key}` is not in NOTABLE_KEYWORDS, so it is never recorded");
        keyword_index(key).is_some_and(|i| self.0 & (1 << i) != 0)
    }

    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        NOTABLE_KEYWORDS.iter().enumerate().filter(move |(i, _)| self.0 & (1 << i) != 0).map(|(_, k)| *k)
    }
}

impl Serialize for Keywords {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum SchemaKind {
    /// No type constraint (`{}`), or one gwgen cannot express.
    Any,
    String,
    Integer,
    Number,
    Boolean,
    Null,
    /// Swagger 2.0 `type: file`, or `format: binary`.
    Binary,
    Array {
        items: Option<SchemaId>,
    },
    Object {
        properties: IndexMap<String, SchemaId>,
        required: Vec<String>,
        /// `additionalProperties`: None when absent, `Any` when `true`.
        additional: Option<Additional>,
    },
    AllOf {
        of: Vec<SchemaId>,
    },
    OneOf {
        of: Vec<SchemaId>,
    },
    AnyOf {
        of: Vec<SchemaId>,
    },
    /// A `$ref` gwgen could not follow (reported as a finding).
    Unresolved {
        reference: String,
    },
}

impl SchemaKind {
    /// The schemas directly inside this one: array items, properties (in order), the
    /// `additionalProperties` schema, and the members of `allOf` / `oneOf` / `anyOf`.
    pub fn children(&self) -> Vec<SchemaId> {
        match self {
            SchemaKind::Array { items } => items.iter().copied().collect(),
            SchemaKind::Object { properties, additional, .. } => {
                let mut out: Vec<SchemaId> = properties.values().copied().collect();
                if let Some(Additional::Schema(a)) = additional {
                    out.push(*a);
                }
                out
            }
            SchemaKind::AllOf { of } | SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } => of.clone(),
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Additional {
    Any,
    Forbidden,
    Schema(SchemaId),
}

#[derive(Debug, Serialize)]
pub struct Discriminator {
    pub property_name: String,
    pub mapping: IndexMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_index_follows_the_list() {
        for (i, k) in NOTABLE_KEYWORDS.iter().enumerate() {
            assert_eq!(keyword_index(k), Some(i), "{k}");
        }
        assert_eq!(keyword_index("type"), None);
        assert_eq!(keyword_index("Example"), None);
    }
}
