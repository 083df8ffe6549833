//! YAML to JSON values, in one pass over the parser's events, recording positions as it goes.
//!
//! CloudFormation short tags (`!Sub`, `!Ref`, `!GetAtt`...) become their long forms
//! (`{"Fn::Sub": ...}`), plain scalars follow the YAML 1.2 core schema, keys are always strings,
//! anchors and aliases are expanded within a budget, and merge keys (`<<`) are honoured.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};

use crate::source::{Pos, PosTree};

/// A syntax or structure error in YAML text, with where it happened.
#[derive(Debug)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
}

/// How deep collections may nest before the document is refused.
pub const MAX_DEPTH: usize = 512;

struct Node {
    value: Value,
    pos: PosTree,
    size: usize,
}

enum Frame {
    Seq {
        items: Vec<Value>,
        pos: Vec<PosTree>,
        start: Pos,
        anchor: usize,
        tag: Option<String>,
        size: usize,
    },
    Map {
        map: Map<String, Value>,
        pos: Vec<PosTree>,
        start: Pos,
        anchor: usize,
        tag: Option<String>,
        size: usize,
        key: Option<(String, Pos)>,
        merges: Vec<Value>,
    },
}

fn pos(m: &Marker) -> Pos {
    Pos { line: m.line() as u32, column: m.col() as u32 + 1 }
}

/// Parses YAML text into a JSON value and its position tree.
///
/// Multi-line quoted scalars whose continuation lines are indented less than the parser wants
/// (common in CloudFormation templates, and accepted by libyaml-based tools) are read as those
/// tools read them: leading white space of a continuation line is not part of the value, so the
/// lines are indented and the text parsed again. Line numbers do not change.
pub fn parse(text: &str) -> Result<(Value, PosTree), YamlError> {
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

fn parse_once(text: &str) -> Result<(Value, PosTree), YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let mut budget = 1_000_000usize + text.len();

    while let Some(event) = parser.next_event() {
        let (event, span): (Event, Span) = event.map_err(|e| YamlError {
            pos: pos(e.marker()),
            message: if e.info().contains("recursion limit") {
                "collections nest deeper than gwgen reads (recursion limit)".to_string()
            } else {
                e.info().to_string()
            },
        })?;
        let here = pos(&span.start);
        let done: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        pos: here,
                        message: "a second YAML document in the same file: gwgen reads one document per file".into(),
                    });
                }
                None
            }
            Event::Alias(id) => {
                let Some(node) = anchors.get(&id) else {
                    return Err(YamlError { pos: here, message: "alias to an unknown anchor".into() });
                };
                if node.size > budget {
                    return Err(YamlError {
                        pos: here,
                        message: "aliases expand to more nodes than the document can reasonably hold (an alias bomb?)"
                            .into(),
                    });
                }
                budget -= node.size;
                let mut tree = node.pos.clone();
                tree.value = here;
                Some((Node { value: node.value.clone(), pos: tree, size: node.size }, 0))
            }
            Event::Scalar(text, style, anchor, tag) => {
                if let Some(Frame::Map { key: key @ None, .. }) = stack.last_mut() {
                    // Keys are strings as written: `200:` is "200", `2.10:` is "2.10".
                    let k = text.into_owned();
                    if anchor != 0 {
                        let tree = PosTree { key: here, value: here, end: pos(&span.end), children: Vec::new() };
                        anchors.insert(anchor, Node { value: Value::String(k.clone()), pos: tree, size: 1 });
                    }
                    *key = Some((k, here));
                    continue;
                }
                let end = pos(&span.end);
                let value = scalar(&text, style, tag.as_deref()).map_err(|message| YamlError { pos: here, message })?;
                let tree = PosTree { key: here, value: here, end, children: Vec::new() };
                let node = tag_node(tag.as_deref(), Node { value, pos: tree, size: 1 }, here);
                Some((node, anchor))
            }
            Event::SequenceStart(anchor, tag) => {
                check_depth(&stack, here)?;
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    pos: Vec::new(),
                    start: here,
                    anchor,
                    tag: local_tag(tag.as_deref()),
                    size: 1,
                });
                None
            }
            Event::MappingStart(anchor, tag) => {
                check_depth(&stack, here)?;
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    return Err(YamlError {
                        pos: here,
                        message: "a mapping key must be a plain value, not a mapping (is a template placeholder like `{{ name }}` left unquoted?)".into(),
                    });
                }
                stack.push(Frame::Map {
                    map: Map::new(),
                    pos: Vec::new(),
                    start: here,
                    anchor,
                    tag: local_tag(tag.as_deref()),
                    size: 1,
                    key: None,
                    merges: Vec::new(),
                });
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq { items, pos: children, start, anchor, tag, size }) => {
                    let tree = PosTree { key: start, value: start, end: pos(&span.end), children };
                    let node = Node { value: Value::Array(items), pos: tree, size };
                    Some((tag_local(tag, node, start), anchor))
                }
                _ => return Err(YamlError { pos: here, message: "unbalanced sequence".into() }),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map { mut map, pos: mut children, start, anchor, tag, size, merges, .. }) => {
                    for merge in merges {
                        merge_into(&mut map, &mut children, merge, start);
                    }
                    let tree = PosTree { key: start, value: start, end: pos(&span.end), children };
                    let node = Node { value: Value::Object(map), pos: tree, size };
                    Some((tag_local(tag, node, start), anchor))
                }
                _ => return Err(YamlError { pos: here, message: "unbalanced mapping".into() }),
            },
        };
        let Some((node, anchor)) = done else { continue };
        if anchor != 0 {
            anchors.insert(anchor, Node { value: node.value.clone(), pos: node.pos.clone(), size: node.size });
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, pos, size, .. }) => {
                *size += node.size;
                items.push(node.value);
                pos.push(node.pos);
            }
            Some(Frame::Map { map, pos, size, key, merges, .. }) => match key.take() {
                None => {
                    let k = match node.value {
                        Value::String(s) => s,
                        Value::Null | Value::Bool(_) | Value::Number(_) => node.value.to_string(),
                        _ => {
                            return Err(YamlError {
                                pos: node.pos.value,
                                message: "a mapping key must be a plain value, not a collection".into(),
                            })
                        }
                    };
                    *key = Some((k, node.pos.value));
                }
                Some((k, key_pos)) => {
                    *size += node.size;
                    if k == "<<" && matches!(node.value, Value::Object(_) | Value::Array(_)) {
                        merges.push(node.value);
                        continue;
                    }
                    match map.entry(k) {
                        serde_json::map::Entry::Occupied(e) => {
                            return Err(YamlError {
                                pos: key_pos,
                                message: format!("duplicate key `{}` in the same mapping", e.key()),
                            });
                        }
                        serde_json::map::Entry::Vacant(e) => {
                            e.insert(node.value);
                        }
                    }
                    let mut tree = node.pos;
                    tree.key = key_pos;
                    pos.push(tree);
                }
            },
        }
    }
    let root = root.unwrap_or(Node { value: Value::Null, pos: PosTree::default(), size: 0 });
    Ok((root.value, root.pos))
}

fn check_depth(stack: &[Frame], here: Pos) -> Result<(), YamlError> {
    if stack.len() >= MAX_DEPTH {
        return Err(YamlError { pos: here, message: format!("collections nest deeper than {MAX_DEPTH} levels") });
    }
    Ok(())
}

fn merge_into(map: &mut Map<String, Value>, pos: &mut Vec<PosTree>, merge: Value, at: Pos) {
    let sources = match merge {
        Value::Array(items) => items,
        other => vec![other],
    };
    for source in sources {
        if let Value::Object(entries) = source {
            for (k, v) in entries {
                if !map.contains_key(&k) {
                    map.insert(k, v);
                    pos.push(PosTree { key: at, value: at, end: at, children: Vec::new() });
                }
            }
        }
    }
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

fn local_tag(tag: Option<&Tag>) -> Option<String> {
    tag.filter(|t| t.handle == "!").map(|t| t.suffix.clone())
}

fn tag_node(tag: Option<&Tag>, node: Node, at: Pos) -> Node {
    tag_local(local_tag(tag), node, at)
}

/// Wraps a node carrying a CloudFormation short tag into its long form.
fn tag_local(tag: Option<String>, node: Node, at: Pos) -> Node {
    let Some(suffix) = tag else { return node };
    let Some(key) = cfn_key(&suffix) else {
        return node;
    };
    let mut inner = node;
    if key == "Fn::GetAtt" {
        // `!GetAtt Resource.Attribute` splits at the first dot.
        if let Value::String(s) = &inner.value {
            if let Some((res, attr)) = s.split_once('.') {
                let children = vec![inner.pos.clone(), inner.pos.clone()];
                inner.value = Value::Array(vec![Value::String(res.into()), Value::String(attr.into())]);
                inner.pos.children = children;
            }
        }
    }
    let mut map = Map::new();
    map.insert(key.to_string(), inner.value);
    let mut child = inner.pos;
    child.key = at;
    Node {
        value: Value::Object(map),
        pos: PosTree { key: at, value: at, end: child.end, children: vec![child] },
        size: inner.size + 1,
    }
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
        let (_, tree) = parse("openapi: 3.0.0\npaths:\n  /a:\n    get: {}\n").unwrap();
        let paths = &tree.children[1];
        assert_eq!(paths.key, Pos { line: 2, column: 1 });
        let get = &paths.children[0].children[0];
        assert_eq!(get.key, Pos { line: 4, column: 5 });
        assert_eq!(get.value, Pos { line: 4, column: 10 });
    }

    #[test]
    fn errors_are_located() {
        let err = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.pos.line, 2);
        assert!(err.message.contains("duplicate key `a`"));
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
        assert_eq!(tree.children[1].key.line, 4);
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
