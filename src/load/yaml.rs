//! YAML to JSON values, in one pass over the parser's events, recording positions as it goes.
//!
//! CloudFormation short tags (`!Sub`, `!Ref`, `!GetAtt`...) become their long forms
//! (`{"Fn::Sub": ...}`), plain scalars follow the YAML 1.2 core schema, keys are always strings,
//! anchors and aliases are expanded within a budget, and merge keys (`<<`) are honoured.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};

use crate::source::{Duplicate, Pointer, Pos, PosNode, Positions};

/// A syntax or structure error in YAML text, with where it happened.
#[derive(Debug)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
}

/// How deep collections may nest before the document is refused.
pub const MAX_DEPTH: usize = 512;

fn pos(m: &Marker) -> Pos {
    Pos { line: m.line() as u32, column: m.col() as u32 + 1 }
}

/// Parses YAML text into a JSON value and its position tree.
///
/// Multi-line quoted scalars whose continuation lines are indented less than the parser wants
/// (common in CloudFormation templates, and accepted by libyaml-based tools) are read as those
/// tools read them: leading white space of a continuation line is not part of the value, so the
/// lines are indented and the text parsed again. Line numbers do not change.
pub fn parse(text: &str) -> Result<(Value, Positions), YamlError> {
    let mut fixed: Option<String> = None;
    for _ in 0..256 {
        let current = fixed.as_deref().unwrap_or(text);
        match parse_once(current) {
            Err(e) if e.message.contains("invalid indentation in quoted scalar") => {
                match indent_quoted_continuations(current, e.pos) {
                    Some(next) => fixed = Some(next),
                    None => return Err(e),
                }
            }
            other => return other,
        }
    }
    parse_once(fixed.as_deref().unwrap_or(text))
}

/// Indents the continuation lines of the quoted scalar that opens at `at` to the column of its
/// opening quote. None when there is nothing to change.
fn indent_quoted_continuations(text: &str, at: Pos) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = lines.get(at.line.checked_sub(1)? as usize)?;
    let start_col = at.column.checked_sub(1)? as usize;
    let quote = line.chars().nth(start_col)?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let width = start_col + 1;
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut changed = false;
    // Walk the scalar from just after its opening quote to its closing quote.
    let mut li = at.line as usize - 1;
    let mut chars: Vec<char> = line.chars().skip(start_col + 1).collect();
    loop {
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '\\' if quote == '"' => i += 2,
                '\'' if quote == '\'' && chars.get(i + 1) == Some(&'\'') => i += 2,
                c if c == quote => return changed.then(|| out.join("\n")),
                _ => i += 1,
            }
        }
        li += 1;
        let next = lines.get(li)?;
        let indent = next.chars().take_while(|c| *c == ' ').count();
        if indent < width && !next.trim().is_empty() {
            out[li] = format!("{}{}", " ".repeat(width - indent), next);
            changed = true;
        }
        chars = next.chars().collect();
    }
}

/// Runs the event parser alone and counts the events (the benchmark baseline).
pub fn count_events(text: &str) -> Result<usize, YamlError> {
    let mut n = 0;
    for event in Parser::new_from_str(text) {
        event.map_err(|e| YamlError { pos: pos(e.marker()), message: e.info().to_string() })?;
        n += 1;
    }
    Ok(n)
}

/// An open collection while parsing.
struct Frame {
    mapping: bool,
    /// Where its children start in the builder's scratch vectors.
    start: usize,
    /// Its node in the position list, and the node of a short-tag wrapper around it.
    node: usize,
    wrapper: Option<(usize, &'static str)>,
    anchor: usize,
    /// A mapping's key waiting for its value.
    key: Option<(String, Pos)>,
    merges: Vec<Value>,
    /// Children attached so far.
    count: usize,
}

struct Anchor {
    value: Value,
    /// First node of its subtree, when it has positions (an anchored key has none).
    node: Option<usize>,
}

/// Builds the value and its positions from parser events, in one pass. Children wait in shared
/// scratch vectors until their collection ends, so each collection is allocated once, at its
/// final size.
struct Builder {
    nodes: Vec<PosNode>,
    items: Vec<Value>,
    entries: Vec<(String, Value)>,
    /// Per entry: where its key is written and the first node of its value.
    entry_meta: Vec<(Pos, usize)>,
    duplicates: Vec<Duplicate>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchor>,
    root: Option<Value>,
    limit: usize,
}

impl Builder {
    /// The key position for a value starting now: its mapping key, or the value itself.
    fn key_pos(&self, here: Pos) -> Pos {
        match self.stack.last() {
            Some(Frame { mapping: true, key: Some((_, at)), .. }) => *at,
            _ => here,
        }
    }

    fn push_node(&mut self, key: Pos, value: Pos) -> usize {
        self.nodes.push(PosNode { key, value, end: value, size: 1 });
        self.nodes.len() - 1
    }

    fn close(&mut self, node: usize, end: Pos) {
        let size = (self.nodes.len() - node) as u32;
        let n = &mut self.nodes[node];
        n.size = size;
        n.end = end;
    }

    /// Opens the wrapper node of a CloudFormation short tag; returns it with the long-form key.
    fn open_wrapper(&mut self, tag: Option<&Tag>, here: Pos) -> Option<(usize, &'static str)> {
        let key = tag.filter(|t| t.handle == "!").and_then(|t| cfn_key(&t.suffix))?;
        let at = self.key_pos(here);
        Some((self.push_node(at, here), key))
    }

    fn close_wrapper(&mut self, wrapper: Option<(usize, &'static str)>, value: Value, end: Pos) -> Value {
        let Some((node, key)) = wrapper else { return value };
        self.close(node, end);
        let mut map = Map::with_capacity(1);
        map.insert(key.to_string(), value);
        Value::Object(map)
    }

    /// Hands a finished value (whose subtree starts at node `first`) to its parent.
    fn attach(&mut self, value: Value, first: usize, anchor: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchors.insert(anchor, Anchor { value: value.clone(), node: Some(first) });
        }
        let Some(top) = self.stack.last_mut() else {
            self.root = Some(value);
            return Ok(());
        };
        top.count += 1;
        if !top.mapping {
            self.items.push(value);
            return Ok(());
        }
        let Some((key, key_pos)) = top.key.take() else {
            let at = self.nodes.get(first).map(|n| n.value).unwrap_or_default();
            return Err(YamlError { pos: at, message: "a mapping key must be a plain value, not a collection".into() });
        };
        if key == "<<" && matches!(value, Value::Object(_) | Value::Array(_)) {
            // A merge key is not an entry: its positions go, its entries join at the end.
            self.nodes.truncate(first);
            top.merges.push(value);
            return Ok(());
        }
        self.entries.push((key, value));
        self.entry_meta.push((key_pos, first));
        Ok(())
    }

    fn open(&mut self, mapping: bool, anchor: usize, tag: Option<&Tag>, here: Pos) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError { pos: here, message: format!("collections nest deeper than {MAX_DEPTH} levels") });
        }
        if let Some(Frame { mapping: true, key: None, .. }) = self.stack.last() {
            return Err(YamlError {
                pos: here,
                message: "a mapping key must be a plain value, not a collection (is a template placeholder like `{{ name }}` left unquoted?)".into(),
            });
        }
        let wrapper = self.open_wrapper(tag, here);
        let key = if wrapper.is_some() { here } else { self.key_pos(here) };
        let node = self.push_node(key, here);
        let start = if mapping { self.entries.len() } else { self.items.len() };
        self.stack.push(Frame { mapping, start, node, wrapper, anchor, key: None, merges: Vec::new(), count: 0 });
        Ok(())
    }

    fn end(&mut self, end: Pos) -> Result<(), YamlError> {
        let Some(frame) = self.stack.pop() else {
            return Err(YamlError { pos: end, message: "unbalanced collection".into() });
        };
        let value = if frame.mapping {
            let count = self.entries.len() - frame.start;
            let mut map = Map::with_capacity(count);
            let mut repeated: Vec<(usize, usize)> = Vec::new();
            let metas: Vec<(Pos, usize)> = self.entry_meta.drain(frame.start..).collect();
            for (j, (k, v)) in self.entries.drain(frame.start..).enumerate() {
                if map.contains_key(&k) {
                    // Keep the first; its repeat's positions go (YAML forbids the repeat).
                    let from = metas[j].1;
                    let to = metas.get(j + 1).map_or(self.nodes.len(), |m| m.1);
                    repeated.push((from, to));
                    let ptr = path_of(&self.stack).push(&k);
                    self.duplicates.push(Duplicate { ptr, repeat: metas[j].0 });
                    continue;
                }
                map.insert(k, v);
            }
            for (from, to) in repeated.into_iter().rev() {
                self.nodes.drain(from..to);
            }
            let at = self.nodes[frame.node].value;
            for merge in frame.merges {
                let sources = match merge {
                    Value::Array(items) => items,
                    other => vec![other],
                };
                for (k, v) in
                    sources.into_iter().filter_map(|s| if let Value::Object(m) = s { Some(m) } else { None }).flatten()
                {
                    if !map.contains_key(&k) {
                        push_synthetic(&mut self.nodes, &v, at);
                        map.insert(k, v);
                    }
                }
            }
            Value::Object(map)
        } else {
            Value::Array(self.items.drain(frame.start..).collect())
        };
        self.close(frame.node, end);
        let first = frame.wrapper.map_or(frame.node, |(w, _)| w);
        let value = self.close_wrapper(frame.wrapper, value, end);
        self.attach(value, first, frame.anchor)
    }

    fn scalar(
        &mut self,
        text: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        here: Pos,
        end: Pos,
    ) -> Result<(), YamlError> {
        if let Some(Frame { mapping: true, key: key @ None, .. }) = self.stack.last_mut() {
            // Keys are strings as written: `200:` is "200", `2.10:` is "2.10". The text is
            // copied at its size: the parser's buffer has room for 128 more bytes.
            let k = String::from(text.as_ref());
            if anchor != 0 {
                self.anchors.insert(anchor, Anchor { value: Value::String(k.clone()), node: None });
            }
            *key = Some((k, here));
            return Ok(());
        }
        let wrapper = self.open_wrapper(tag, here);
        let key = if wrapper.is_some() { here } else { self.key_pos(here) };
        let mut value = scalar(&text, style, tag).map_err(|message| YamlError { pos: here, message })?;
        let node = self.push_node(key, here);
        self.nodes[node].end = end;
        if let (Some((_, "Fn::GetAtt")), Value::String(s)) = (wrapper, &value) {
            // `!GetAtt Resource.Attribute` splits at the first dot.
            if let Some((resource, attribute)) = s.split_once('.') {
                value = Value::Array(vec![Value::String(resource.into()), Value::String(attribute.into())]);
                self.push_node(here, here);
                self.push_node(here, here);
                self.close(node, end);
            }
        }
        let first = wrapper.map_or(node, |(w, _)| w);
        let value = self.close_wrapper(wrapper, value, end);
        self.attach(value, first, anchor)
    }

    fn alias(&mut self, id: usize, here: Pos) -> Result<(), YamlError> {
        let Some(anchor) = self.anchors.get(&id) else {
            return Err(YamlError { pos: here, message: "alias to an unknown anchor".into() });
        };
        let key = self.key_pos(here);
        let first = self.nodes.len();
        let size = anchor.node.map_or(1, |n| self.nodes[n].size as usize);
        if first + size > self.limit {
            return Err(YamlError {
                pos: here,
                message: "aliases expand to more nodes than the document can reasonably hold (an alias bomb?)".into(),
            });
        }
        let value = anchor.value.clone();
        match anchor.node {
            Some(n) => self.nodes.extend_from_within(n..n + size),
            None => {
                self.push_node(key, here);
            }
        }
        self.nodes[first].key = key;
        self.nodes[first].value = here;
        self.attach(value, first, 0)
    }
}

/// The pointer of the collection being built on top of `stack` (after a pop: of the one just
/// closed).
fn path_of(stack: &[Frame]) -> Pointer {
    let mut ptr = Pointer::root();
    for frame in stack {
        ptr = if frame.mapping {
            ptr.push(frame.key.as_ref().map_or("", |(k, _)| k.as_str()))
        } else {
            ptr.index(frame.count)
        };
    }
    ptr
}

/// Position nodes for a value that has none of its own (merged in by `<<`), all at `at`.
fn push_synthetic(nodes: &mut Vec<PosNode>, value: &Value, at: Pos) {
    let node = nodes.len();
    nodes.push(PosNode { key: at, value: at, end: at, size: 1 });
    match value {
        Value::Object(m) => m.values().for_each(|v| push_synthetic(nodes, v, at)),
        Value::Array(a) => a.iter().for_each(|v| push_synthetic(nodes, v, at)),
        _ => {}
    }
    nodes[node].size = (nodes.len() - node) as u32;
}

/// Documents at least this large are parsed on a second thread.
const PIPELINE_BYTES: usize = 256 * 1024;
const EVENT_BATCH: usize = 2048;

type ParseEvent<'a> = Result<(Event<'a>, Span), saphyr_parser::ScanError>;

impl Builder {
    /// Takes one parser event into the tree.
    fn event(&mut self, event: ParseEvent<'_>, documents: &mut usize) -> Result<(), YamlError> {
        let (event, span) = event.map_err(|e| YamlError {
            pos: pos(e.marker()),
            message: if e.info().contains("recursion limit") {
                "collections nest deeper than gwgen reads (recursion limit)".to_string()
            } else {
                e.info().to_string()
            },
        })?;
        let here = pos(&span.start);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            Event::DocumentStart(_) => {
                *documents += 1;
                if *documents > 1 {
                    return Err(YamlError {
                        pos: here,
                        message: "a second YAML document in the same file: gwgen reads one document per file".into(),
                    });
                }
            }
            Event::Alias(id) => self.alias(id, here)?,
            Event::Scalar(text, style, anchor, tag) => {
                self.scalar(text, style, anchor, tag.as_deref(), here, pos(&span.end))?
            }
            Event::SequenceStart(anchor, tag) => self.open(false, anchor, tag.as_deref(), here)?,
            Event::MappingStart(anchor, tag) => self.open(true, anchor, tag.as_deref(), here)?,
            Event::SequenceEnd | Event::MappingEnd => self.end(pos(&span.end))?,
        }
        Ok(())
    }
}

fn parse_once(text: &str) -> Result<(Value, Positions), YamlError> {
    let parser = Parser::new_from_str(text);
    let mut b = Builder {
        nodes: Vec::with_capacity(text.len() / 16),
        items: Vec::new(),
        entries: Vec::new(),
        entry_meta: Vec::new(),
        duplicates: Vec::new(),
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        limit: 1_000_000 + text.len(),
    };
    let mut documents = 0;
    if text.len() < PIPELINE_BYTES {
        for event in parser {
            b.event(event, &mut documents)?;
        }
    } else {
        // Large documents: the parser runs on a thread of its own and hands events over in
        // batches, so building the tree overlaps with scanning.
        std::thread::scope(|scope| -> Result<(), YamlError> {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<ParseEvent<'_>>>(8);
            // Emptied batches go back to the parser thread to be filled again: memory it
            // allocated is best freed and reused there.
            let (give_back, returned) = std::sync::mpsc::channel::<Vec<ParseEvent<'_>>>();
            scope.spawn(move || {
                let fresh = || returned.try_recv().unwrap_or_else(|_| Vec::with_capacity(EVENT_BATCH));
                let mut batch = fresh();
                for event in parser {
                    let failed = event.is_err();
                    batch.push(event);
                    let full = batch.len() == EVENT_BATCH || failed;
                    if full && (send.send(std::mem::replace(&mut batch, fresh())).is_err() || failed) {
                        return;
                    }
                }
                let _ = send.send(batch);
            });
            for mut batch in receive {
                for event in batch.drain(..) {
                    // An error drops the receiver, which stops the parser thread.
                    b.event(event, &mut documents)?;
                }
                let _ = give_back.send(batch);
            }
            Ok(())
        })?;
    }
    let mut positions = Positions { nodes: b.nodes, duplicates: b.duplicates, children: Default::default() };
    if positions.nodes.is_empty() {
        positions.nodes.push(PosNode::default());
    }
    Ok((b.root.unwrap_or(Value::Null), positions))
}

/// CloudFormation's short-form tags and the long-form keys they stand for.
fn cfn_key(suffix: &str) -> Option<&'static str> {
    Some(match suffix {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "Sub" => "Fn::Sub",
        "GetAtt" => "Fn::GetAtt",
        "If" => "Fn::If",
        "Join" => "Fn::Join",
        "Select" => "Fn::Select",
        "ImportValue" => "Fn::ImportValue",
        "FindInMap" => "Fn::FindInMap",
        "Split" => "Fn::Split",
        "Base64" => "Fn::Base64",
        "Equals" => "Fn::Equals",
        "And" => "Fn::And",
        "Or" => "Fn::Or",
        "Not" => "Fn::Not",
        "GetAZs" => "Fn::GetAZs",
        "Cidr" => "Fn::Cidr",
        "Transform" => "Fn::Transform",
        "Length" => "Fn::Length",
        "ToJsonString" => "Fn::ToJsonString",
        _ => return None,
    })
}

/// Resolves a scalar per the YAML 1.2 core schema (quoted scalars are always strings).
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    if let Some(tag) = tag {
        if tag.is_yaml_core_schema() {
            return Ok(match tag.suffix.as_str() {
                "str" | "binary" | "timestamp" => Value::String(text.to_string()),
                "null" => Value::Null,
                "bool" => match resolve_plain(text) {
                    v @ Value::Bool(_) => v,
                    _ => return Err(format!("`{text}` is tagged !!bool but is not true or false")),
                },
                "int" | "float" => match resolve_plain(text) {
                    v @ Value::Number(_) => v,
                    _ => return Err(format!("`{text}` is tagged !!{} but is not a number", tag.suffix)),
                },
                _ => Value::String(text.to_string()),
            });
        }
        if tag.handle == "!" && style == ScalarStyle::Plain && text.is_empty() {
            return Ok(Value::String(String::new()));
        }
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::String(text.to_string()));
    }
    Ok(resolve_plain(text))
}

fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return Value::String(s.to_string());
    }
    let unsigned = s.strip_prefix('+').unwrap_or(s);
    if let Some(hex) = unsigned.strip_prefix("0x") {
        if let Ok(n) = u64::from_str_radix(hex, 16) {
            return Value::Number(n.into());
        }
    }
    if let Some(oct) = unsigned.strip_prefix("0o") {
        if let Ok(n) = u64::from_str_radix(oct, 8) {
            return Value::Number(n.into());
        }
    }
    if is_int(unsigned) {
        if let Ok(n) = unsigned.parse::<i64>() {
            return Value::Number(n.into());
        }
        if let Ok(n) = unsigned.parse::<u64>() {
            return Value::Number(n.into());
        }
    }
    if is_float(unsigned) {
        if let Some(n) = unsigned.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(s.to_string())
}

fn is_int(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v(text: &str) -> Value {
        parse(text).map(|(v, _)| v).map_err(|e| e.message).unwrap()
    }

    #[test]
    fn core_schema_scalars() {
        assert_eq!(
            v("a: 2.0\nb: '2.0'\nc: 200\nd: true\ne: ~\nf: yes\ng: 0x1f\nh: -3\ni: .5\nj: 1e3\nk: 1.2.3"),
            json!({"a": 2.0, "b": "2.0", "c": 200, "d": true, "e": null, "f": "yes", "g": 31, "h": -3, "i": 0.5, "j": 1000.0, "k": "1.2.3"})
        );
    }

    #[test]
    fn keys_are_strings_as_written() {
        let value = v("responses:\n  200: {description: ok}\n  2.10: x\n");
        let keys: Vec<_> = value["responses"].as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, vec!["200", "2.10"]);
    }

    #[test]
    fn cloudformation_short_tags_become_long_forms() {
        let value = v("a: !Sub 'arn:${AWS::Region}'\nb: !GetAtt Fn.Arn\nc: !Ref Param\nd: !If [Cond, x, !Ref y]\ne: !Join\n  - ''\n  - [a, b]\n");
        assert_eq!(
            value,
            json!({
                "a": {"Fn::Sub": "arn:${AWS::Region}"},
                "b": {"Fn::GetAtt": ["Fn", "Arn"]},
                "c": {"Ref": "Param"},
                "d": {"Fn::If": ["Cond", "x", {"Ref": "y"}]},
                "e": {"Fn::Join": ["", ["a", "b"]]}
            })
        );
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let value = v("base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n");
        assert_eq!(value["use"], json!({"x": 1, "y": 2}));
        assert_eq!(value["merged"], json!({"y": 3, "x": 1}));
    }

    #[test]
    fn positions_follow_keys_and_values() {
        let (_, p) = parse("openapi: 3.0.0\npaths:\n  /a:\n    get: {}\nx: [1, !Sub a]\n").unwrap();
        let paths = p.child(0, 1).unwrap();
        assert_eq!(p.nodes[paths].key, Pos { line: 2, column: 1 });
        let get = p.child(p.child(paths, 0).unwrap(), 0).unwrap();
        assert_eq!(p.nodes[get].key, Pos { line: 4, column: 5 });
        assert_eq!(p.nodes[get].value, Pos { line: 4, column: 10 });
        // the short tag's wrapper and its string are both nodes
        let sub = p.child(p.child(0, 2).unwrap(), 1).unwrap();
        assert_eq!(p.nodes[sub].size, 2);
        assert_eq!(p.nodes[sub + 1].value, Pos { line: 5, column: 8 });
        assert_eq!(p.nodes[0].size as usize, p.nodes.len());
    }

    #[test]
    fn merged_and_aliased_nodes_keep_the_shape_of_their_values() {
        let (v, p) = parse("a: &x {k: [1, 2]}\nb: *x\nc:\n  <<: *x\n  z: 1\n").unwrap();
        assert_eq!(v["c"], json!({"z": 1, "k": [1, 2]}));
        assert_eq!(p.nodes[0].size as usize, p.nodes.len());
        let c = p.child(0, 2).unwrap();
        assert_eq!(p.nodes[c].size, 5, "c, z, k, and k's two items");
        let b = p.child(0, 1).unwrap();
        assert_eq!(p.nodes[b].value, Pos { line: 2, column: 4 });
        assert_eq!(p.nodes[p.child(b, 0).unwrap()].value, Pos { line: 1, column: 11 });
    }

    #[test]
    fn errors_are_located() {
        let (v, p) = parse("x:\n  - a: 1\n    b: [1]\n    a: {z: 2}\n    c: 3\n").unwrap();
        assert_eq!(v, json!({"x": [{"a": 1, "b": [1], "c": 3}]}), "the first of a repeated key is kept");
        assert_eq!(
            p.duplicates,
            vec![Duplicate { ptr: Pointer::parse("/x/0/a").unwrap(), repeat: Pos { line: 4, column: 5 } }]
        );
        let c = p.child(p.child(p.child(0, 0).unwrap(), 0).unwrap(), 2).unwrap();
        assert_eq!(p.nodes[c].key.line, 5, "positions of later keys survive the repeat");
        let err = parse("x:\n  y: {{ name }}\n").unwrap_err();
        assert_eq!(err.pos.line, 2);
        assert!(err.message.contains("mapping key"), "{}", err.message);
        let err = parse("a: [1, 2\n").unwrap_err();
        assert!(err.pos.line >= 1);
    }

    #[test]
    fn underindented_quoted_continuations_are_read_like_libyaml() {
        let text = "a:\n  b: { \"k\": \"x \\\n  y\" }\nc: 1\n";
        let (value, tree) = parse(text).unwrap();
        assert_eq!(value, json!({"a": {"b": {"k": "x y"}}, "c": 1}));
        assert_eq!(tree.nodes[tree.child(0, 1).unwrap()].key.line, 4);
    }

    #[test]
    fn large_documents_parse_on_two_threads_to_the_same_tree() {
        // Past PIPELINE_BYTES: the threaded path.
        let mut text = String::from("root:\n");
        let mut expected = serde_json::Map::new();
        for i in 0..20_000 {
            text.push_str(&format!("  key{i}: {{name: 'item {i}', n: {i}, tags: [a, b]}}\n"));
            expected.insert(
                format!("key{i}"),
                serde_json::json!({"name": format!("item {i}"), "n": i, "tags": ["a", "b"]}),
            );
        }
        assert!(text.len() > PIPELINE_BYTES);
        let (value, positions) = parse_once(&text).unwrap();
        assert_eq!(value, serde_json::json!({ "root": expected }));
        assert_eq!(positions.nodes.len(), 2 + 20_000 * 6);
        // An error late in a large document is reported where it is.
        text.push_str("  bad: [unclosed\n");
        let err = parse_once(&text).unwrap_err();
        assert!(err.pos.line >= 20_001, "{:?} {}", err.pos, err.message);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            text.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 10].join(", ")));
        }
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("alias"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(MAX_DEPTH + 10) + &"]".repeat(MAX_DEPTH + 10);
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("nest deeper"), "{}", err.message);
    }
}
