//! Source files, JSON pointers and the mapping from pointers to positions.
//!
//! Everything that reaches a user names a place in a file. Rules and the loader only ever speak
//! in [`Loc`]s (a file and an RFC 6901 pointer); the [`Locator`] turns them into line and column
//! at the very end, when something is reported.

mod json;

use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

/// The syntax a file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

/// One position in a text: 1-based line and 1-based column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// Where one node of a parsed tree is written: its key (inside a mapping), its value, the end
/// of its value, and how many nodes its subtree holds (itself included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PosNode {
    pub key: Pos,
    pub value: Pos,
    pub end: Pos,
    pub size: u32,
}

/// The positions of every node of a value, in document (pre-)order: a node's children follow it,
/// each child followed by its own subtree. One flat vector, however large the document.
#[derive(Clone, Debug, Default)]
pub struct Positions {
    pub nodes: Vec<PosNode>,
    /// Keys written twice in one mapping (YAML): the first is kept.
    pub duplicates: Vec<Duplicate>,
    /// The child nodes of large containers, indexed on first use.
    pub children: ChildIndex,
}

/// Child offsets of the containers asked about with a large index: finding the `k`-th child by
/// hopping over siblings is linear, and reports over thousands of paths ask for every one.
#[derive(Debug, Default)]
pub struct ChildIndex(std::sync::Mutex<std::collections::HashMap<usize, std::sync::Arc<Vec<usize>>>>);

impl Clone for ChildIndex {
    fn clone(&self) -> Self {
        ChildIndex::default()
    }
}

/// A mapping key written again: where the kept key is, and where the repeat is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    pub ptr: Pointer,
    pub repeat: Pos,
}

impl Positions {
    /// The node of the `k`-th child of `node`.
    pub fn child(&self, node: usize, k: usize) -> Option<usize> {
        let end = node + self.nodes.get(node)?.size as usize;
        if k >= 64 {
            let children = {
                let mut cache = self.children.0.lock().unwrap_or_else(|e| e.into_inner());
                cache
                    .entry(node)
                    .or_insert_with(|| {
                        let mut v = Vec::new();
                        let mut at = node + 1;
                        while at < end {
                            v.push(at);
                            at += self.nodes[at].size.max(1) as usize;
                        }
                        std::sync::Arc::new(v)
                    })
                    .clone()
            };
            return children.get(k).copied();
        }
        let mut at = node + 1;
        for _ in 0..k {
            if at >= end {
                return None;
            }
            at += self.nodes[at].size.max(1) as usize;
        }
        (at < end).then_some(at)
    }
}

/// A read file: where it came from, its text and its parsed value.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    pub syntax: Syntax,
    pub value: Value,
    /// Filled by the YAML loader as it parses; built on demand for JSON.
    positions: OnceLock<Positions>,
    /// Byte offsets of line starts, and which lines are ASCII, built on demand.
    lines: OnceLock<Lines>,
    /// Where `value` sits in the file: the root, or an API's body inside a template.
    pub base: Pointer,
}

/// The line index of a file.
#[derive(Debug, Default)]
struct Lines {
    starts: Vec<usize>,
    ascii: Vec<bool>,
}

impl Source {
    pub fn new(path: PathBuf, text: String, syntax: Syntax, value: Value) -> Self {
        Source { path, text, syntax, value, positions: OnceLock::new(), lines: OnceLock::new(), base: Pointer::root() }
    }

    pub fn with_positions(mut self, positions: Positions) -> Self {
        self.positions = OnceLock::from(positions);
        self
    }

    /// The positions, scanning the text the first time they are asked for (JSON).
    pub fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| json::scan_positions(&self.text))
    }

    /// The node at `ptr` as a source of its own (an API body inside a template): same file and
    /// text, its value, its positions, and `ptr` as its base.
    pub fn subtree(&self, ptr: &Pointer) -> Option<Source> {
        let value = ptr.resolve(&self.value)?.clone();
        let (node, _, _, exact) = self.walk_index(ptr);
        if !exact {
            return None;
        }
        let positions = self.positions();
        let size = positions.nodes.get(node)?.size as usize;
        let nodes = positions.nodes[node..node + size].to_vec();
        let prefix = ptr.as_str();
        let duplicates = positions
            .duplicates
            .iter()
            .filter(|d| d.ptr.starts_with(ptr))
            .map(|d| Duplicate { ptr: Pointer(d.ptr.as_str()[prefix.len()..].to_string()), repeat: d.repeat })
            .collect();
        let mut source = Source::new(self.path.clone(), self.text.clone(), self.syntax, value)
            .with_positions(Positions { nodes, duplicates, children: ChildIndex::default() });
        source.base = Pointer(format!("{}{}", self.base.as_str(), ptr.as_str()));
        Some(source)
    }

    /// A pointer of this source's value as a pointer into the file.
    pub fn file_pointer(&self, ptr: &Pointer) -> String {
        format!("{}{}", self.base.as_str(), ptr.as_str())
    }

    /// [`Self::file_pointer`], as a pointer.
    pub fn file_pointer_of(&self, ptr: &Pointer) -> Pointer {
        Pointer(self.file_pointer(ptr))
    }

    fn walk_index(&self, ptr: &Pointer) -> (usize, &Value, usize, bool) {
        let positions = self.positions();
        let mut value = &self.value;
        let mut node = 0;
        let mut depth = 0;
        for token in ptr.tokens() {
            let child = match value {
                Value::Object(map) => map.get(token.as_ref()).map(|v| (index_in(map, v, token.as_ref()), v)),
                Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i).map(|v| (i, v))),
                _ => None,
            };
            let Some((next_node, next_value)) = child.and_then(|(i, v)| positions.child(node, i).map(|n| (n, v)))
            else {
                return (node, value, depth, false);
            };
            value = next_value;
            node = next_node;
            depth += 1;
        }
        (node, value, depth, true)
    }

    /// Follows `ptr` as far as it goes: the last node reached, its value, how many tokens were
    /// followed, and whether all of them were.
    fn walk(&self, ptr: &Pointer) -> (PosNode, &Value, usize, bool) {
        let (node, value, depth, exact) = self.walk_index(ptr);
        (self.positions().nodes.get(node).copied().unwrap_or_default(), value, depth, exact)
    }

    /// Where the value at `ptr` starts (not its key), or its nearest existing ancestor's.
    pub fn locate_value(&self, ptr: &Pointer) -> Pos {
        self.walk(ptr).0.value
    }

    /// The position of the node at `ptr`, or of its nearest existing ancestor.
    /// Returns the position and whether the exact node was found.
    pub fn locate(&self, ptr: &Pointer) -> (Span, bool) {
        let (tree, value, depth, exact) = self.walk(ptr);
        // For a container, point at its key (the line that opens it) when it has one.
        let container = matches!(value, Value::Object(_) | Value::Array(_));
        let start =
            if depth > 0 && container && tree.key.line > 0 && tree.key < tree.value { tree.key } else { tree.value };
        let end = if container {
            // Highlight only the opening line of a container.
            self.line_end(start)
        } else if tree.end > start {
            self.quoted_end(start).unwrap_or(tree.end)
        } else {
            self.line_end(start)
        };
        (Span { start, end }, exact)
    }

    /// Where the key of the node at `ptr` is written (its value's position for list items and
    /// the root; the nearest ancestor's when the node is missing).
    /// Where a [`Loc`]'s node is: [`Source::locate`], or for a repeated key the repeat (its key).
    pub fn span_of(&self, loc: &Loc) -> Span {
        if loc.repeat {
            if let Some(d) = self.positions().duplicates.iter().find(|d| d.ptr == loc.ptr) {
                let key = loc.ptr.last().unwrap_or_default();
                let end = Pos { line: d.repeat.line, column: d.repeat.column + key.chars().count() as u32 };
                return Span { start: d.repeat, end };
            }
        }
        self.locate(&loc.ptr).0
    }

    pub fn locate_key(&self, ptr: &Pointer) -> Pos {
        let (tree, _, _, _) = self.walk(ptr);
        if tree.key.line > 0 {
            tree.key
        } else {
            tree.value
        }
    }

    fn lines(&self) -> &Lines {
        self.lines.get_or_init(|| {
            let starts: Vec<usize> =
                std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect();
            let bytes = self.text.as_bytes();
            let ascii = starts
                .iter()
                .enumerate()
                .map(|(i, &s)| bytes[s..starts.get(i + 1).copied().unwrap_or(bytes.len())].is_ascii())
                .collect();
            Lines { starts, ascii }
        })
    }

    fn line_starts(&self) -> &[usize] {
        &self.lines().starts
    }

    /// The byte index of a 0-based character column in a 1-based line (its length when past the
    /// end). Constant time on ASCII lines, so long minified lines do not make reports quadratic.
    fn byte_column(&self, line: u32, column: usize) -> usize {
        let text = self.line(line);
        if self.lines().ascii.get(line.saturating_sub(1) as usize).copied().unwrap_or(false) {
            column.min(text.len())
        } else {
            text.char_indices().nth(column).map_or(text.len(), |(i, _)| i)
        }
    }

    /// The character column (0-based) of a byte index in a 1-based line.
    pub fn char_column(&self, line: u32, byte: usize) -> usize {
        let text = self.line(line);
        let byte = byte.min(text.len());
        if self.lines().ascii.get(line.saturating_sub(1) as usize).copied().unwrap_or(false) {
            byte
        } else {
            text[..byte].chars().count()
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// The byte range of a 0-based line, its line break included.
    pub fn line_range(&self, line: usize) -> (usize, usize) {
        let starts = self.line_starts();
        let start = starts.get(line).copied().unwrap_or(self.text.len());
        let end = starts.get(line + 1).copied().unwrap_or(self.text.len());
        (start, end)
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of_offset(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: u32) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1) as usize) else {
            return "";
        };
        let end = starts.get(line as usize).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset of a position (columns count characters).
    pub fn offset(&self, pos: Pos) -> usize {
        let starts = self.line_starts();
        let Some(&start) = starts.get(pos.line.saturating_sub(1) as usize) else {
            return self.text.len();
        };
        start + self.byte_column(pos.line, pos.column.saturating_sub(1) as usize)
    }

    /// The end of a quoted scalar that closes on the line it opens (the YAML parser's end
    /// marker runs on over trailing comments).
    fn quoted_end(&self, start: Pos) -> Option<Pos> {
        let line = self.line(start.line);
        let from = self.byte_column(start.line, start.column.saturating_sub(1) as usize);
        let mut chars = line[from..].chars().enumerate().peekable();
        let (_, quote) = chars.next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let mut escaped = false;
        while let Some((i, c)) = chars.next() {
            if escaped {
                escaped = false;
            } else if c == '\\' && quote == '"' {
                escaped = true;
            } else if c == quote {
                if quote == '\'' && chars.peek().is_some_and(|(_, c)| *c == '\'') {
                    chars.next();
                    continue;
                }
                return Some(Pos { line: start.line, column: start.column + i as u32 + 1 });
            }
        }
        None
    }

    fn line_end(&self, start: Pos) -> Pos {
        let text = self.line(start.line);
        let width = self.char_column(start.line, text.trim_end().len()) as u32;
        Pos { line: start.line, column: width.max(start.column) + 1 }
    }
}

/// The index of `value` (found under `key`) among the entries of `map`.
///
/// The map keeps its entries in one contiguous vector, so the index is the value's distance from
/// the first value over the entry stride; the answer is checked, and a linear scan is the fallback.
fn index_in(map: &serde_json::Map<String, Value>, value: &Value, key: &str) -> usize {
    let mut values = map.values();
    if let (Some(first), Some(second)) = (values.next(), values.next()) {
        let base = first as *const Value as usize;
        let stride = (second as *const Value as usize).wrapping_sub(base);
        let at = (value as *const Value as usize).wrapping_sub(base);
        if stride > 0 && at % stride == 0 {
            let i = at / stride;
            if map.iter().nth(i).is_some_and(|(k, _)| k == key) {
                return i;
            }
        }
    }
    map.keys().position(|k| k == key).unwrap_or(0)
}

/// A range in a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

/// An index into [`Sources`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// Every file read for one document: the root first, then files reached by `$ref`.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<Source>,
    /// `$ref`s may not leave this folder (the document's own), unless it is None.
    confined_to: Option<PathBuf>,
    /// Nodes that were not written where they are read: what a template's transform added to an
    /// API's document, or SAM's Globals merged into a resource. See [`Sources::origin`].
    origins: std::collections::BTreeMap<(FileId, String), Origin>,
}

/// Where a node that was added to a value was written.
#[derive(Clone, Debug)]
struct Origin {
    to: Loc,
    /// The node is a copy of `to`: a descendant's place is `to` followed by the same tokens.
    mirror: bool,
}

impl Sources {
    /// Refuses references to files outside the folder of `document`, unless `allow` is set.
    pub fn confine_to(&mut self, document: &Path, allow: bool) {
        self.confined_to = if allow {
            None
        } else {
            let dir = document.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Some(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()))
        };
    }

    /// Whether a referenced file lies outside the folder references are confined to.
    pub fn refused(&self, path: &Path) -> bool {
        let Some(root) = &self.confined_to else { return false };
        // A file that does not exist: its folder decides (the reference is reported as missing).
        let resolved = std::fs::canonicalize(path).or_else(|e| {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            std::fs::canonicalize(dir).map(|d| d.join(path.file_name().unwrap_or_default())).map_err(|_| e)
        });
        resolved.map_or(true, |r| !r.starts_with(root))
    }

    pub fn add(&mut self, source: Source) -> FileId {
        self.files.push(source);
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &Source {
        &self.files[id.0 as usize]
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path).map(|i| FileId(i as u32))
    }

    /// The file read for a `$ref` written in `from` to another file (None for a local or remote
    /// reference, or a file that was not read).
    pub fn file_of_ref(&self, from: &Path, reference: &str) -> Option<FileId> {
        self.find(&ref_target_path(from, reference)?.ok()?)
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &Source)> {
        self.files.iter().enumerate().map(|(i, s)| (FileId(i as u32), s))
    }

    /// Records that the node at `from` (and what is below it) was written at `to`: a copy of it
    /// when `mirror`, else made from it (as SAM makes an integration from a function's event).
    pub fn set_origin(&mut self, from: Loc, to: Loc, mirror: bool) {
        self.origins.insert((from.file, from.ptr.0), Origin { to, mirror });
    }

    /// Where the node at `loc` was written: `loc` itself, unless it or an ancestor was added by
    /// [`Sources::set_origin`]; then the nearest such ancestor's origin (followed by the rest of
    /// the pointer, for a copy). In a template, a mapping written as an `Fn::If` is followed
    /// through the branch gwgen reads.
    pub fn origin(&self, loc: &Loc) -> Loc {
        let mut at = loc.clone();
        // An origin may itself have been added (a Globals value SAM copies into a body); a few
        // hops are all a template makes.
        for _ in 0..4 {
            match self.origin_once(&at) {
                Some(next) if next != at => at = next,
                _ => break,
            }
        }
        // Only a template (built from, or a body within) holds `Fn::If`s.
        let source = self.get(at.file);
        if !self.origins.is_empty() || !source.base.is_root() {
            at.ptr = through_conditionals(&source.value, &at.ptr);
        }
        at
    }

    fn origin_once(&self, loc: &Loc) -> Option<Loc> {
        if self.origins.is_empty() {
            return None;
        }
        let mut ptr = loc.ptr.clone();
        loop {
            if let Some(o) = self.origins.get(&(loc.file, ptr.0.clone())) {
                let mut to = o.to.clone();
                if o.mirror {
                    to.ptr = Pointer(format!("{}{}", to.ptr.0, &loc.ptr.0[ptr.0.len()..]));
                    to.repeat = loc.repeat && ptr == loc.ptr;
                }
                return Some(to);
            }
            ptr = ptr.parent()?;
        }
    }

    /// The value at a location, if it exists.
    pub fn value(&self, loc: &Loc) -> Option<&Value> {
        loc.ptr.resolve(&self.get(loc.file).value)
    }
}

/// A template's `{"Fn::If": [condition, a, b]}` where a mapping belongs: the index (1 or 2) and
/// the value of its first branch that is a mapping (not an intrinsic). gwgen reads such a value
/// through that branch when it cannot evaluate the condition.
pub fn first_mapping_branch(v: &Value) -> Option<(usize, &Value)> {
    let Value::Object(m) = v else { return None };
    if m.len() != 1 {
        return None;
    }
    let Some(Value::Array(branches)) = m.get("Fn::If") else { return None };
    let intrinsic = |o: &serde_json::Map<String, Value>| {
        o.len() == 1 && o.keys().next().is_some_and(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
    };
    branches.iter().enumerate().skip(1).take(2).find(|(_, b)| matches!(b, Value::Object(o) if !intrinsic(o)))
}

/// `ptr` as written in `root`: where a mapping stands as an `Fn::If`, through the branch gwgen
/// reads ([`first_mapping_branch`]), `/Fn::If/1` inserted.
fn through_conditionals(root: &Value, ptr: &Pointer) -> Pointer {
    let mut node = Some(root);
    let mut out = Pointer::root();
    for token in ptr.tokens() {
        if let Some(v) = node.filter(|_| token != "Fn::If") {
            if let Some((i, branch)) = first_mapping_branch(v) {
                out = out.push("Fn::If").index(i);
                node = Some(branch);
            }
        }
        node = node.and_then(|v| match v {
            Value::Object(m) => m.get(token.as_ref()),
            Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        });
        out = out.push(token.as_ref());
    }
    out
}

/// Key lookup tuned for the small objects that make up most of a document: a few string
/// comparisons beat hashing the key, which is what the map's own `get` does.
pub trait Field {
    fn field(&self, key: &str) -> Option<&Value>;
}

impl Field for serde_json::Map<String, Value> {
    fn field(&self, key: &str) -> Option<&Value> {
        if self.len() <= 8 {
            self.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
        } else {
            self.get(key)
        }
    }
}

impl Field for Value {
    fn field(&self, key: &str) -> Option<&Value> {
        self.as_object()?.field(key)
    }
}

/// A JSON pointer (RFC 6901), stored in its escaped text form (`/paths/~1pets/get`).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// Parses the text form; `#` prefixes (URI fragments) are accepted.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.strip_prefix('#').unwrap_or(text);
        if !text.is_empty() && !text.starts_with('/') {
            return Err(format!("`{text}` is not a JSON pointer: it must start with `/`"));
        }
        // Fragments may be percent-encoded (they are URI fragments).
        let decoded = percent_decode(text);
        Ok(Pointer(decoded))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This pointer extended by one key or index.
    pub fn push(&self, token: &str) -> Pointer {
        let mut s = String::with_capacity(self.0.len() + token.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        if !token.contains(['~', '/']) {
            s.push_str(token);
            return Pointer(s);
        }
        for c in token.chars() {
            match c {
                '~' => s.push_str("~0"),
                '/' => s.push_str("~1"),
                c => s.push(c),
            }
        }
        Pointer(s)
    }

    pub fn index(&self, i: usize) -> Pointer {
        self.push(&i.to_string())
    }

    /// The unescaped tokens.
    pub fn tokens(&self) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + '_ {
        self.0.split('/').skip(1).map(|t| {
            if t.contains('~') {
                std::borrow::Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
            } else {
                std::borrow::Cow::Borrowed(t)
            }
        })
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn parent(&self) -> Option<Pointer> {
        self.0.rfind('/').map(|i| Pointer(self.0[..i].to_string()))
    }

    pub fn last(&self) -> Option<String> {
        self.tokens().last().map(|t| t.into_owned())
    }

    pub fn starts_with(&self, other: &Pointer) -> bool {
        self.0 == other.0 || (self.0.starts_with(&other.0) && self.0.as_bytes().get(other.0.len()) == Some(&b'/'))
    }

    pub fn resolve<'v>(&self, root: &'v Value) -> Option<&'v Value> {
        let mut v = root;
        for t in self.tokens() {
            v = match v {
                Value::Object(m) => m.field(t.as_ref())?,
                Value::Array(a) => a.get(t.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(v)
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("/")
        } else {
            f.write_str(&self.0)
        }
    }
}

impl fmt::Debug for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// A node of a document: which file, and where in it.
///
/// Serialized as its pointer (`/paths/~1pets/get`); a node in a file reached by `$ref` carries
/// that file's index first (`1:/components/schemas/Pet`).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: FileId,
    pub ptr: Pointer,
    /// The key written a second time in its YAML mapping (the value read is the first): one
    /// pointer names both, and this says which is meant.
    pub repeat: bool,
}

impl Loc {
    pub fn new(file: FileId, ptr: Pointer) -> Self {
        Loc { file, ptr, repeat: false }
    }

    pub fn child(&self, token: &str) -> Loc {
        Loc::new(self.file, self.ptr.push(token))
    }

    pub fn index(&self, i: usize) -> Loc {
        Loc::new(self.file, self.ptr.index(i))
    }

    /// The enclosing node, or this one at the root.
    pub fn parent_or_self(&self) -> Loc {
        Loc::new(self.file, self.ptr.parent().unwrap_or_else(|| self.ptr.clone()))
    }

    /// The same key's second writing in its mapping.
    pub fn repeated(&self) -> Loc {
        Loc { repeat: true, ..self.clone() }
    }
}

impl serde::Serialize for Loc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.file.0 == 0 {
            s.serialize_str(self.ptr.as_str())
        } else {
            s.serialize_str(&format!("{}:{}", self.file.0, self.ptr.as_str()))
        }
    }
}

fn join_ref_path(base: &Path, rel: &str) -> PathBuf {
    let dir = base.parent().unwrap_or(Path::new(""));
    let mut out = PathBuf::new();
    for c in dir.join(rel).components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The file a `$ref` (written in `from`) points at: None for a local (`#...`) reference,
/// Err for a remote URL.
pub fn ref_target_path(from: &Path, reference: &str) -> Option<Result<PathBuf, String>> {
    let file = reference.split('#').next().unwrap_or("");
    if file.is_empty() {
        return None;
    }
    if file.contains("://") {
        return Some(Err(format!("remote reference `{file}` is not fetched")));
    }
    Some(Ok(join_ref_path(from, file)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_and_round_trips() {
        let p = Pointer::root().push("paths").push("/pets/{id}").push("a~b");
        assert_eq!(p.as_str(), "/paths/~1pets~1{id}/a~0b");
        assert_eq!(p.tokens().collect::<Vec<_>>(), vec!["paths", "/pets/{id}", "a~b"]);
        assert_eq!(p.parent().unwrap().as_str(), "/paths/~1pets~1{id}");
        assert!(p.starts_with(&Pointer::parse("/paths").unwrap()));
        assert!(!Pointer::parse("/pathsx").unwrap().starts_with(&Pointer::parse("/paths").unwrap()));
    }

    #[test]
    fn quoted_scalars_end_at_their_closing_quote() {
        let text = "a: \"2.0\" # note\nb: 'it''s' # x\nc: plain # y\n";
        let source = crate::load::parse_source("t.yaml".into(), text.as_bytes().to_vec()).unwrap();
        let span = |p: &str| source.locate(&Pointer::parse(p).unwrap()).0;
        assert_eq!((span("/a").start.column, span("/a").end.column), (4, 9));
        assert_eq!((span("/b").start.column, span("/b").end.column), (4, 11));
        assert_eq!((span("/c").start.column, span("/c").end.column), (4, 9));
    }

    #[test]
    fn pointer_parse_accepts_fragments_and_percent_encoding() {
        let p = Pointer::parse("#/components/schemas/Pet%20Name").unwrap();
        assert_eq!(p.tokens().collect::<Vec<_>>(), vec!["components", "schemas", "Pet Name"]);
        assert!(Pointer::parse("components").is_err());
        assert!(Pointer::parse("#").unwrap().is_root());
    }
}
