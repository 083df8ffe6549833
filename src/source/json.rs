//! JSON positions: values come from serde_json (the fastest reader); positions from this small
//! scanner, which runs only when something has to be reported.

use std::collections::HashMap;

use super::{Pos, PosNode, Positions};

/// A scanned node with its children (flattened into [`Positions`] at the end).
#[derive(Clone, Debug, Default)]
struct PosTree {
    key: Pos,
    value: Pos,
    end: Pos,
    children: Vec<PosTree>,
}

struct Cursor<'t> {
    bytes: &'t [u8],
    i: usize,
    line: u32,
    column: u32,
}

impl Cursor<'_> {
    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column }
    }

    fn bump(&mut self) {
        let b = self.bytes[self.i];
        self.i += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.column += 1;
        }
    }

    fn skip_ws(&mut self) {
        while self.i < self.bytes.len() && matches!(self.bytes[self.i], b' ' | b'\t' | b'\r' | b'\n') {
            self.bump();
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    /// Skips a string token and returns its raw contents (escapes left as written).
    fn string(&mut self) -> &str {
        self.bump();
        let start = self.i;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => {
                    self.bump();
                    if self.peek().is_some() {
                        self.bump();
                    }
                }
                b'"' => break,
                _ => self.bump(),
            }
        }
        let raw = std::str::from_utf8(&self.bytes[start..self.i]).unwrap_or("");
        if self.peek().is_some() {
            self.bump();
        }
        raw
    }

    fn scalar(&mut self) {
        while let Some(b) = self.peek() {
            if matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                break;
            }
            self.bump();
        }
    }
}

struct Open {
    tree: PosTree,
    object: bool,
    keys: HashMap<String, usize>,
    key: Option<(String, Pos)>,
}

/// Positions of every node of a JSON text, in the shape serde_json gives its value
/// (a repeated key keeps the place of its first occurrence, as serde_json does).
pub fn scan_positions(text: &str) -> Positions {
    let mut out = Positions::default();
    flatten(scan_tree(text), &mut out.nodes);
    out
}

fn flatten(tree: PosTree, nodes: &mut Vec<PosNode>) {
    let at = nodes.len();
    nodes.push(PosNode { key: tree.key, value: tree.value, end: tree.end, size: 1 });
    for child in tree.children {
        flatten(child, nodes);
    }
    nodes[at].size = (nodes.len() - at) as u32;
}

fn scan_tree(text: &str) -> PosTree {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut c = Cursor { bytes: text.as_bytes(), i: 0, line: 1, column: 1 };
    let mut stack: Vec<Open> = Vec::new();
    let mut root = PosTree::default();
    loop {
        c.skip_ws();
        let Some(b) = c.peek() else { break };
        let at = c.pos();
        let done = match b {
            b'{' | b'[' => {
                c.bump();
                let tree = PosTree { key: at, value: at, end: at, children: Vec::new() };
                stack.push(Open { tree, object: b == b'{', keys: HashMap::new(), key: None });
                None
            }
            b'}' | b']' => {
                c.bump();
                stack.pop().map(|mut open| {
                    open.tree.end = c.pos();
                    open.tree
                })
            }
            b',' | b':' => {
                c.bump();
                None
            }
            b'"' => {
                let expecting_key = matches!(stack.last(), Some(Open { object: true, key: None, .. }));
                let raw = c.string().to_string();
                if expecting_key {
                    if let Some(open) = stack.last_mut() {
                        open.key = Some((unescape(&raw), at));
                    }
                    None
                } else {
                    Some(PosTree { key: at, value: at, end: c.pos(), children: Vec::new() })
                }
            }
            _ => {
                c.scalar();
                Some(PosTree { key: at, value: at, end: c.pos(), children: Vec::new() })
            }
        };
        let Some(mut node) = done else { continue };
        match stack.last_mut() {
            None => {
                root = node;
                break;
            }
            Some(open) if open.object => {
                let Some((key, key_pos)) = open.key.take() else {
                    continue;
                };
                node.key = key_pos;
                match open.keys.get(&key) {
                    Some(&i) => open.tree.children[i] = node,
                    None => {
                        open.keys.insert(key, open.tree.children.len());
                        open.tree.children.push(node);
                    }
                }
            }
            Some(open) => open.tree.children.push(node),
        }
    }
    root
}

fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_keys_values_and_items() {
        let text = "{\n  \"a\": 1,\n  \"b\": [true, {\"c\": \"x\"}],\n  \"a\": 2\n}";
        let tree = scan_tree(text);
        assert_eq!(tree.children.len(), 2);
        // the repeated "a" replaces the first one's place, as serde_json's value does
        assert_eq!(tree.children[0].value, Pos { line: 4, column: 8 });
        let b = &tree.children[1];
        assert_eq!(b.key, Pos { line: 3, column: 3 });
        assert_eq!(b.children[1].children[0].key, Pos { line: 3, column: 16 });
    }

    #[test]
    fn columns_count_characters_and_escapes_are_skipped() {
        let positions = scan_positions("{\"é\\\"\": \"ü\", \"k\": 1}");
        let k = positions.child(0, 1).unwrap();
        assert_eq!(positions.nodes[k].value, Pos { line: 1, column: 19 });
    }
}
