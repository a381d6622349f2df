//! The positioned document tree: a JSON or YAML document with the 1-based `line:column` where
//! each node starts, as the template readers ([`super::json`], [`super::yaml`]) build it and the
//! CloudFormation search ([`super::cloudformation`]) walks it.
//!
//! Job: hold the document, resolve YAML aliases, and hand a subtree back as an
//! [`evmatch::json::Value`] so that its compact JSON text comes from the one JSON writer of the
//! project (`Value`'s `Display`), with numbers spelled as in the source.
//!
//! Invariants:
//!
//! * Nodes live in one arena ([`Document`]); a node refers to its children, and an alias to its
//!   anchored node, by index, and every such index is smaller than the referring node's own (a
//!   collection is stored when it closes, after its children; an alias can only name an anchor
//!   that is complete). The nodes form a DAG, so every walk over it ends.
//! * A YAML alias is a node of its own, at its own position, that *refers* to the anchored node:
//!   repeated content is shared, never copied, so memory is linear in the text whatever the
//!   aliases. [`Document::kind`] looks through aliases.
//! * Nothing here recurses: building, converting and finding are loops over explicit stacks,
//!   and dropping is the arena's (a flat `Vec`). Any nesting depth the readers accept is fine.
//!
//! Costs: building is O(nodes). Each node records its *expanded size* (see [`Builder::size`]),
//! the work of visiting it with every alias inside replaced by a copy; converting a subtree
//! ([`Document::to_value`]) costs that much time and memory. The YAML reader budgets the
//! expansion aliases add, which bounds every walk over the document.

use std::collections::HashMap;

use evmatch::json::Value;

/// Index of a node in its [`Document`].
pub(super) type NodeId = usize;

/// A scalar's or key's text counts one more unit of expanded size per this many bytes, so that
/// repeating a long string through aliases costs what copying it would.
pub(super) const BYTES_PER_SIZE_UNIT: usize = 64;

/// One node: where it starts and what it is.
#[derive(Debug)]
pub(super) struct Node {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Expanded size (see [`Builder::size`]).
    size: u64,
    /// The content.
    pub kind: NodeKind,
}

/// What a node holds.
#[derive(Debug)]
pub(super) enum NodeKind {
    Null,
    Bool(bool),
    /// A JSON number, spelled as in the source when the source spelling is valid JSON.
    Number(String),
    String(String),
    Array(Vec<NodeId>),
    /// Members in document order (duplicates kept), keys as text.
    Object(Vec<(String, NodeId)>),
    /// A YAML short-form intrinsic (`!Ref`, `!Sub`, …), by tag; its content is not kept.
    Tagged(String),
    /// A YAML alias: the anchored node, repeated here.
    Alias(NodeId),
}

/// A whole document.
#[derive(Debug)]
pub(super) struct Document {
    nodes: Vec<Node>,
    root: NodeId,
    /// The scalar argument of tagged scalars (`!Ref Name` → `Name`), by node.
    tag_args: HashMap<NodeId, String>,
}

impl Document {
    /// The top-level node.
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// The node `id` itself (for an alias: the alias, at its own position).
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The content of `id`, looking through aliases (never [`NodeKind::Alias`]).
    pub fn kind(&self, mut id: NodeId) -> &NodeKind {
        loop {
            match &self.nodes[id].kind {
                // Targets have smaller indices, so this ends.
                NodeKind::Alias(target) => id = *target,
                kind => return kind,
            }
        }
    }

    /// The subtree at `id` as a JSON value, aliases expanded; a tagged node becomes `null`.
    pub fn to_value(&self, id: NodeId) -> Value {
        to_value(&self.nodes, id, &|_| None)
    }

    /// [`to_value`](Self::to_value), with the nodes for which `replace` gives a value (looked
    /// at before aliases are resolved and before their children) written as that value.
    pub fn to_value_with(&self, id: NodeId, replace: &dyn Fn(NodeId) -> Option<Value>) -> Value {
        to_value(&self.nodes, id, replace)
    }

    /// The scalar argument of a tagged scalar (`!Ref Name` → `Name`).
    pub fn tag_arg(&self, id: NodeId) -> Option<&str> {
        let mut id = id;
        while let NodeKind::Alias(target) = self.nodes[id].kind {
            id = target;
        }
        self.tag_args.get(&id).map(String::as_str)
    }
}

/// Convert without recursion: children are converted first, through an explicit stack.
fn to_value(nodes: &[Node], id: NodeId, replace: &dyn Fn(NodeId) -> Option<Value>) -> Value {
    enum Frame<'a> {
        Visit(NodeId),
        Array(usize),
        Object(&'a [(String, NodeId)]),
    }
    let kind = |mut id: NodeId| loop {
        match &nodes[id].kind {
            NodeKind::Alias(target) => id = *target,
            kind => return kind,
        }
    };
    let mut work = vec![Frame::Visit(id)];
    let mut done: Vec<Value> = Vec::new();
    while let Some(frame) = work.pop() {
        match frame {
            Frame::Visit(id) if let Some(value) = replace(id) => done.push(value),
            Frame::Visit(id) => match kind(id) {
                NodeKind::Null | NodeKind::Tagged(_) | NodeKind::Alias(_) => done.push(Value::Null),
                NodeKind::Bool(b) => done.push(Value::Bool(*b)),
                NodeKind::Number(n) => done.push(Value::Number(n.clone())),
                NodeKind::String(s) => done.push(Value::String(s.clone())),
                NodeKind::Array(items) => {
                    work.push(Frame::Array(items.len()));
                    work.extend(items.iter().rev().map(|&item| Frame::Visit(item)));
                }
                NodeKind::Object(members) => {
                    work.push(Frame::Object(members));
                    work.extend(members.iter().rev().map(|&(_, value)| Frame::Visit(value)));
                }
            },
            Frame::Array(n) => {
                let items = done.split_off(done.len() - n);
                done.push(Value::Array(items));
            }
            Frame::Object(members) => {
                let values = done.split_off(done.len() - members.len());
                let members = members.iter().map(|(k, _)| k.clone()).zip(values);
                done.push(Value::Object(members.collect()));
            }
        }
    }
    done.pop().unwrap_or(Value::Null)
}

/// A collection being built.
struct Open {
    line: usize,
    column: usize,
    /// Whether `line:column` is final. Otherwise (YAML block collections, which the YAML parser
    /// marks after their first key) the collection takes its first entry's position.
    exact: bool,
    /// Short-form intrinsic tag on the collection (`!If [...]`, `!Sub [...]`).
    tag: Option<String>,
    body: Body,
}

enum Body {
    Seq(Vec<NodeId>),
    /// Members so far, and a key waiting for its value.
    Map(Vec<(String, NodeId)>, Option<String>),
}

/// Builds a [`Document`] from a reader's stream of nodes: scalars, aliases, and collections
/// opened and closed around their entries. In a mapping, entries alternate key, value.
pub(super) struct Builder {
    nodes: Vec<Node>,
    open: Vec<Open>,
    root: Option<NodeId>,
    tag_args: HashMap<NodeId, String>,
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            nodes: Vec::new(),
            open: Vec::new(),
            root: None,
            tag_args: HashMap::new(),
        }
    }

    /// Start a sequence (`seq`) or a mapping at `line:column`.
    pub fn open(
        &mut self,
        line: usize,
        column: usize,
        exact: bool,
        tag: Option<String>,
        seq: bool,
    ) {
        let body = if seq {
            Body::Seq(Vec::new())
        } else {
            Body::Map(Vec::new(), None)
        };
        self.open.push(Open {
            line,
            column,
            exact,
            tag,
            body,
        });
    }

    /// End the innermost collection and add it to its parent; `None` if none is open.
    pub fn close(&mut self) -> Option<NodeId> {
        let open = self.open.pop()?;
        let (kind, size) = match (open.tag, open.body) {
            (Some(tag), _) => (NodeKind::Tagged(tag), 1),
            (None, Body::Seq(items)) => {
                let size = items
                    .iter()
                    .fold(1u64, |n, &i| n.saturating_add(self.size(i)));
                (NodeKind::Array(items), size)
            }
            (None, Body::Map(members, _)) => {
                let size = members.iter().fold(1u64, |n, (k, v)| {
                    n.saturating_add(text_size(k) - 1)
                        .saturating_add(self.size(*v))
                });
                (NodeKind::Object(members), size)
            }
        };
        Some(self.add(open.line, open.column, size, kind))
    }

    /// Add a scalar (or a tagged scalar) at `line:column`.
    pub fn scalar(&mut self, line: usize, column: usize, kind: NodeKind) -> NodeId {
        let size = match &kind {
            NodeKind::Number(s) | NodeKind::String(s) | NodeKind::Tagged(s) => text_size(s),
            _ => 1,
        };
        self.add(line, column, size, kind)
    }

    /// Add a tagged scalar (`!Ref Name`) at `line:column`, keeping its argument.
    pub fn tagged_scalar(
        &mut self,
        line: usize,
        column: usize,
        tag: String,
        arg: String,
    ) -> NodeId {
        let id = self.scalar(line, column, NodeKind::Tagged(tag));
        self.tag_args.insert(id, arg);
        id
    }

    /// Add an alias at `line:column` of the complete node `target`, or a `null` when the anchor
    /// is not complete (an alias inside its own anchor).
    pub fn alias(&mut self, line: usize, column: usize, target: Option<NodeId>) -> NodeId {
        match target {
            Some(target) => {
                let size = self.size(target);
                self.add(line, column, size, NodeKind::Alias(target))
            }
            None => self.add(line, column, 1, NodeKind::Null),
        }
    }

    /// Give the innermost open mapping its next key as text (the JSON reader's keys).
    pub fn key(&mut self, key: String) {
        if let Some(Open {
            body: Body::Map(_, pending),
            ..
        }) = self.open.last_mut()
        {
            *pending = Some(key);
        }
    }

    /// The expanded size of `id`: 1 per node, plus 1 per [`BYTES_PER_SIZE_UNIT`] bytes of each
    /// scalar's and key's text, with aliases counted as copies of their anchored nodes.
    pub fn size(&self, id: NodeId) -> u64 {
        self.nodes[id].size
    }

    /// The finished document; an empty one is a `null` at 1:1.
    pub fn finish(mut self) -> Document {
        let root = match self.root {
            Some(root) => root,
            None => self.add(1, 1, 1, NodeKind::Null),
        };
        Document {
            nodes: self.nodes,
            root,
            tag_args: self.tag_args,
        }
    }

    fn add(&mut self, line: usize, column: usize, size: u64, kind: NodeKind) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            line,
            column,
            size,
            kind,
        });
        self.attach(id);
        id
    }

    /// Make the new node `id` the next entry of the innermost open collection (or the root).
    fn attach(&mut self, id: NodeId) {
        let (line, column) = (self.nodes[id].line, self.nodes[id].column);
        // A mapping entry without a pending key is a key: keep its text.
        let key = match self.open.last() {
            Some(Open {
                body: Body::Map(_, None),
                ..
            }) => Some(key_text(&self.nodes, id)),
            _ => None,
        };
        let Some(open) = self.open.last_mut() else {
            if self.root.is_none() {
                self.root = Some(id);
            }
            return;
        };
        let first = match &open.body {
            Body::Seq(items) => items.is_empty(),
            Body::Map(members, pending) => members.is_empty() && pending.is_none(),
        };
        if first && !open.exact {
            open.line = line;
            open.column = column;
        }
        match &mut open.body {
            Body::Seq(items) => items.push(id),
            Body::Map(members, pending) => match (pending.take(), key) {
                (Some(key), _) => members.push((key, id)),
                (None, key) => *pending = key,
            },
        }
    }
}

/// 1, plus 1 per [`BYTES_PER_SIZE_UNIT`] bytes of `text`.
fn text_size(text: &str) -> u64 {
    1 + (text.len() / BYTES_PER_SIZE_UNIT) as u64
}

/// The text of a mapping key: a scalar's own text, a collection's compact JSON.
fn key_text(nodes: &[Node], mut id: NodeId) -> String {
    loop {
        match &nodes[id].kind {
            NodeKind::Alias(target) => id = *target,
            NodeKind::String(s) | NodeKind::Number(s) | NodeKind::Tagged(s) => return s.clone(),
            NodeKind::Bool(b) => return b.to_string(),
            NodeKind::Null => return "null".to_owned(),
            NodeKind::Array(_) | NodeKind::Object(_) => {
                return to_value(nodes, id, &|_| None).to_string();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(b: &mut Builder, s: &str) -> NodeId {
        b.scalar(1, 1, NodeKind::String(s.to_owned()))
    }

    #[test]
    fn builds_and_writes_compact_json_with_source_number_spelling() {
        let mut b = Builder::new();
        b.open(1, 1, true, None, false);
        leaf(&mut b, "a");
        b.open(1, 6, true, None, true);
        b.scalar(1, 7, NodeKind::Number("1.50".to_owned()));
        b.scalar(1, 12, NodeKind::Tagged("!Ref".to_owned()));
        b.scalar(1, 18, NodeKind::Bool(false));
        b.close();
        leaf(&mut b, "b\"");
        leaf(&mut b, "é\n");
        b.close();
        let doc = b.finish();
        assert_eq!(
            doc.to_value(doc.root()).to_string(),
            r#"{"a":[1.50,null,false],"b\"":"é\n"}"#
        );
    }

    #[test]
    fn block_collections_take_their_first_entry_position() {
        let mut b = Builder::new();
        b.open(9, 9, false, None, false);
        b.scalar(3, 4, NodeKind::String("k".to_owned()));
        b.scalar(3, 7, NodeKind::Null);
        b.close();
        let doc = b.finish();
        let root = doc.node(doc.root());
        assert_eq!((root.line, root.column), (3, 4));
    }

    #[test]
    fn aliases_share_their_anchor_and_count_its_size() {
        let mut b = Builder::new();
        b.open(1, 1, true, None, true);
        b.open(1, 2, true, None, true);
        leaf(&mut b, "x");
        leaf(&mut b, &"y".repeat(2 * BYTES_PER_SIZE_UNIT));
        let anchor = b.close().unwrap();
        assert_eq!(b.size(anchor), 1 + 1 + 3);
        let alias = b.alias(2, 5, Some(anchor));
        assert_eq!(b.size(alias), 5);
        let unknown = b.alias(2, 9, None);
        assert_eq!(b.size(unknown), 1);
        let root = b.close().unwrap();
        assert_eq!(b.size(root), 1 + 5 + 5 + 1);
        let doc = b.finish();
        assert!(matches!(doc.kind(alias), NodeKind::Array(items) if items.len() == 2));
        assert_eq!((doc.node(alias).line, doc.node(alias).column), (2, 5));
        let y = "y".repeat(2 * BYTES_PER_SIZE_UNIT);
        assert_eq!(
            doc.to_value(root).to_string(),
            format!(r#"[["x","{y}"],["x","{y}"],null]"#)
        );
    }

    #[test]
    fn collection_keys_are_written_as_compact_json() {
        let mut b = Builder::new();
        b.open(1, 1, true, None, false);
        b.open(1, 2, true, None, true);
        b.scalar(1, 3, NodeKind::Number("1".to_owned()));
        b.close();
        leaf(&mut b, "v");
        b.close();
        let doc = b.finish();
        assert_eq!(doc.to_value(doc.root()).to_string(), r#"{"[1]":"v"}"#);
    }

    #[test]
    fn an_empty_document_is_null() {
        let doc = Builder::new().finish();
        assert!(matches!(doc.kind(doc.root()), NodeKind::Null));
        assert_eq!(doc.to_value(doc.root()).to_string(), "null");
    }

    #[test]
    fn deep_documents_are_built_and_written_without_recursion() {
        let depth = 100_000;
        let mut b = Builder::new();
        for _ in 0..depth {
            b.open(1, 1, true, None, true);
        }
        for _ in 0..depth {
            b.close();
        }
        let doc = b.finish();
        let text = doc.to_value(doc.root()).to_string();
        assert_eq!(text, format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
    }
}
