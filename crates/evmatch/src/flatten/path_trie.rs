//! [`PathTrie`]: the paths rules use, as a trie over their `.`-separated segments.
//!
//! The flattener walks it member by member: a member whose joined path is neither a used path
//! nor the prefix of one (at a `.` boundary) has no node and is skipped unread. Member names
//! are split at `.` on the way down, so `{"a.b": 1}` and `{"a": {"b": 1}}` reach the same
//! node. Nodes with few children compare a name's first eight bytes and length as words
//! instead of hashing it; node ids are recycled ([`FreeIds`]).

use super::swar::has_dot;
use crate::util::FreeIds;
use crate::util::FxMap;

/// "No node" / "no path".
pub(crate) const NONE: u32 = u32::MAX;

/// One trie node: a joined-path prefix ending at a `.` boundary (or a whole used path).
#[derive(Debug, Clone, Default)]
struct Node {
    children: FxMap<Box<[u8]>, u32>,
    /// `(first 8 bytes zero-padded, length, child)` of every child while there are at most
    /// [`FEW`]: looked up by comparing words instead of hashing.
    few: Vec<(u64, u32, u32)>,
    /// The interned path id when this prefix is itself a used path.
    leaf: u32,
    parent: u32,
    key: Box<[u8]>,
}

/// The used paths, as a trie over their `.`-separated segments; leaves carry path ids.
#[derive(Debug, Clone)]
pub(crate) struct PathTrie {
    nodes: Vec<Node>,
    free: FreeIds,
}

/// Nodes with at most this many children are searched linearly.
const FEW: usize = 8;

/// The first 8 bytes of `seg`, zero-padded, little-endian.
#[inline(always)]
pub(crate) fn head_word(seg: &[u8]) -> u64 {
    match seg.get(..8) {
        Some(h) => u64::from_le_bytes(h.try_into().expect("8 bytes")),
        None => {
            let mut w = 0u64;
            for (i, &c) in seg.iter().enumerate() {
                w |= (c as u64) << (8 * i);
            }
            w
        }
    }
}

impl Default for PathTrie {
    fn default() -> Self {
        PathTrie {
            nodes: vec![
                Node {
                    leaf: NONE,
                    parent: NONE,
                    children: std::iter::once((Box::<[u8]>::from(&b""[..]), EMPTY)).collect(),
                    few: vec![(0, 0, EMPTY)],
                    ..Node::default()
                },
                Node {
                    leaf: NONE,
                    parent: ROOT,
                    ..Node::default()
                },
            ],
            free: FreeIds::default(),
        }
    }
}

pub(crate) const ROOT: u32 = 0;
/// The node of the joined path `""` (the root's empty member name). It always exists: the
/// reference never forms `"" + "." + k`, so members of an object at path `""` start afresh from
/// the root.
pub(crate) const EMPTY: u32 = 1;

impl PathTrie {
    /// The path id of `path`, if used.
    #[cfg(test)]
    pub fn get(&self, path: &str) -> Option<u32> {
        let node = self.walk(ROOT, path.as_bytes());
        (node != NONE && self.nodes[node as usize].leaf != NONE)
            .then(|| self.nodes[node as usize].leaf)
    }

    /// Record `path` as used with id `id` (the path must not be present yet).
    pub fn insert(&mut self, path: &str, id: u32) {
        let mut node = ROOT;
        for seg in path.as_bytes().split(|&b| b == b'.') {
            node = match self.nodes[node as usize].children.get(seg) {
                Some(&n) => n,
                None => {
                    let fresh = Node {
                        children: FxMap::default(),
                        few: Vec::new(),
                        leaf: NONE,
                        parent: node,
                        key: seg.into(),
                    };
                    let n = self.free.insert(&mut self.nodes, fresh);
                    self.nodes[node as usize].children.insert(seg.into(), n);
                    self.rebuild_few(node);
                    n
                }
            };
        }
        self.nodes[node as usize].leaf = id;
    }

    /// Forget `path`, pruning nodes that no longer lead anywhere.
    pub fn remove(&mut self, path: &str) {
        let mut node = self.walk(ROOT, path.as_bytes());
        if node == NONE {
            return;
        }
        self.nodes[node as usize].leaf = NONE;
        while node != ROOT && node != EMPTY {
            let n = &self.nodes[node as usize];
            if n.leaf != NONE || !n.children.is_empty() {
                break;
            }
            let parent = n.parent;
            let key = std::mem::take(&mut self.nodes[node as usize].key);
            self.nodes[parent as usize].children.remove(&key);
            self.rebuild_few(parent);
            self.nodes[node as usize] = Node {
                leaf: NONE,
                parent: NONE,
                ..Node::default()
            };
            self.free.release(node);
            node = parent;
        }
    }

    fn rebuild_few(&mut self, node: u32) {
        let n = &self.nodes[node as usize];
        let few = if n.children.len() <= FEW {
            n.children
                .iter()
                .map(|(k, &c)| (head_word(k), k.len() as u32, c))
                .collect()
        } else {
            Vec::new()
        };
        self.nodes[node as usize].few = few;
    }

    /// The child of `node` for one segment `seg`; [`NONE`] when missing.
    #[inline]
    pub fn child(&self, node: u32, seg: &[u8]) -> u32 {
        self.child_headed(node, seg, head_word(seg))
    }

    /// [`Self::child`] with `head == head_word(seg)` already known.
    #[inline(always)]
    pub(crate) fn child_headed(&self, node: u32, seg: &[u8], head: u64) -> u32 {
        let n = &self.nodes[node as usize];
        if n.children.len() <= FEW {
            let len = seg.len() as u32;
            for &(h, l, c) in &n.few {
                // Lengths first: most member names differ in length from every child.
                if l == len
                    && h == head
                    && (len <= 8 || self.nodes[c as usize].key[8..] == seg[8..])
                {
                    return c;
                }
            }
            return NONE;
        }
        match n.children.get(seg) {
            Some(&c) => c,
            None => NONE,
        }
    }

    /// Follow the `.`-separated segments of `key` from `node`; [`NONE`] when a segment is missing.
    #[inline]
    pub fn walk(&self, node: u32, key: &[u8]) -> u32 {
        if !has_dot(key) {
            return self.child(node, key);
        }
        self.walk_dotted(node, key)
    }

    /// [`Self::walk`] for a key known to contain `.`.
    #[cold]
    pub(crate) fn walk_dotted(&self, mut node: u32, key: &[u8]) -> u32 {
        for seg in key.split(|&b| b == b'.') {
            node = self.child(node, seg);
            if node == NONE {
                return NONE;
            }
        }
        node
    }

    /// Whether the joined path `""` or a path under it (`".x"`) is used.
    #[inline]
    pub(crate) fn empty_needed(&self) -> bool {
        let e = &self.nodes[EMPTY as usize];
        e.leaf != NONE || !e.children.is_empty()
    }

    /// The number of distinct root names (first path segments) that lead to used paths.
    #[inline]
    pub(crate) fn roots_needed(&self) -> usize {
        self.nodes[ROOT as usize].children.len() - usize::from(!self.empty_needed())
    }

    #[inline]
    pub(crate) fn leaf(&self, node: u32) -> u32 {
        self.nodes[node as usize].leaf
    }

    #[inline]
    pub(crate) fn children_len(&self, node: u32) -> u32 {
        self.nodes[node as usize].children.len() as u32
    }

    #[inline]
    pub(crate) fn has_children(&self, node: u32) -> bool {
        !self.nodes[node as usize].children.is_empty()
    }

    /// Live nodes (for statistics).
    pub fn size(&self) -> usize {
        self.nodes.len() - self.free.len()
    }

    /// Node ids in use or free: per-node tables need this many entries.
    #[inline]
    pub(crate) fn node_slots(&self) -> usize {
        self.nodes.len()
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self
                .nodes
                .iter()
                .map(|n| n.key.len() + n.children.capacity() * 40)
                .sum::<usize>()
    }
}
#[cfg(test)]
mod tests {
    use super::PathTrie;

    #[test]
    fn trie_remove_prunes() {
        let mut t = PathTrie::default();
        t.insert("a.b.c", 0);
        t.insert("a.x", 1);
        t.remove("a.b.c");
        assert_eq!(t.get("a.b.c"), None);
        assert_eq!(t.get("a.x"), Some(1));
        assert_eq!(t.size(), 4);
        t.remove("a.x");
        assert_eq!(t.size(), 2);
    }
}
