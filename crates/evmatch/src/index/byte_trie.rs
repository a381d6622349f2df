//! [`ByteTrie`]: a radix trie over byte strings that reports every stored key which is a prefix
//! of a given byte sequence.
//!
//! Job: an [`super::affix_set::AffixSet`] with many distinct operand lengths (prefixes as
//! written, suffixes reversed, ASCII ignore-case forms lower-cased) and the folded ignore-case
//! prefixes and suffixes need "which operands does this value start with?" answered in time
//! proportional to the value's length plus the operands found, however many operands share the
//! path. An Aho–Corasick automaton answers a different question (occurrences anywhere) and must
//! be rebuilt on every change; a radix trie answers exactly this question and changes in place.
//! No crate offers one with in-place removal, node recycling and a caller-chosen byte view of
//! the value (reversed, case-folded, with event-ruler's closing quote), hence this small one.
//!
//! Layout: nodes live in one `Vec`, addressed by `u32` ids; node 0 is the root (the empty key).
//! A node holds the bytes of the edge into it (inline up to 16), its children sorted by the
//! first byte of their edge, and a payload `P` (the operands whose key ends there).
//!
//! Invariants:
//! * every node other than the root has a non-empty edge, and a non-empty payload or at least
//!   two children (paths are compressed), so there are at most two nodes per stored key;
//! * sibling edges start with distinct bytes, and children are sorted by that byte;
//! * a node whose payload empties is unlinked (or merged with its only child) at once; its id
//!   is recycled, and when fewer than half of the slots are live the table is compacted, so the
//!   memory held follows the live keys; an empty trie holds no memory at all.
//!
//! Costs: [`ByteTrie::walk`] visits at most `len + 1` nodes, each a child search among its
//! siblings (linear up to 8, binary above) plus an edge comparison, and calls its visitor once
//! per non-empty payload on the way; insertion and removal cost the key's length plus a child
//! insertion or removal; compaction is linear in the live nodes and amortised over as many
//! removals. No recursion.

use smallvec::SmallVec;

use crate::util::FreeIds;

/// What a node stores: a payload knows whether it is empty (the node then goes away).
pub(crate) trait Payload: Default {
    /// Whether nothing is stored (the node carrying it may be pruned).
    fn is_empty(&self) -> bool;
    /// Heap bytes owned (for statistics).
    fn heap_bytes(&self) -> usize;
}

impl<A: smallvec::Array<Item = u32>> Payload for SmallVec<A> {
    fn is_empty(&self) -> bool {
        SmallVec::is_empty(self)
    }

    fn heap_bytes(&self) -> usize {
        if self.spilled() {
            self.capacity() * 4
        } else {
            0
        }
    }
}

/// Children with more siblings than this are found by binary search.
const LINEAR_CHILDREN: usize = 8;

/// Tables with at least this many slots are compacted when at most half of them are live.
const COMPACT_MIN_SLOTS: usize = 64;

/// One trie node.
#[derive(Debug, Clone, Default)]
struct Node<P> {
    /// The edge into this node (empty only for the root).
    label: SmallVec<[u8; 16]>,
    /// (first byte of the child's edge, child id), sorted by byte.
    children: SmallVec<[(u8, u32); 2]>,
    payload: P,
}

impl<P> Node<P> {
    /// The child whose edge starts with `b`.
    #[inline]
    fn child(&self, b: u8) -> Option<u32> {
        let c = &self.children;
        if c.len() <= LINEAR_CHILDREN {
            c.iter().find(|e| e.0 == b).map(|e| e.1)
        } else {
            c.binary_search_by_key(&b, |e| e.0).ok().map(|i| c[i].1)
        }
    }

    /// Point the child entry for `b` at `id`, inserting it in order if absent.
    fn set_child(&mut self, b: u8, id: u32) {
        match self.children.binary_search_by_key(&b, |e| e.0) {
            Ok(i) => self.children[i].1 = id,
            Err(i) => self.children.insert(i, (b, id)),
        }
    }

    fn remove_child(&mut self, b: u8) {
        if let Ok(i) = self.children.binary_search_by_key(&b, |e| e.0) {
            self.children.remove(i);
        }
    }
}

/// A radix trie from byte strings to payloads (see the module docs).
#[derive(Debug, Clone)]
pub(crate) struct ByteTrie<P> {
    /// Node 0 is the root; empty when nothing is stored.
    nodes: Vec<Node<P>>,
    free: FreeIds,
    /// Nodes with a non-empty payload.
    keys: usize,
}

impl<P> Default for ByteTrie<P> {
    fn default() -> Self {
        ByteTrie {
            nodes: Vec::new(),
            free: FreeIds::default(),
            keys: 0,
        }
    }
}

impl<P: Payload> ByteTrie<P> {
    /// Whether nothing is stored.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Keys with a non-empty payload.
    pub fn len(&self) -> usize {
        self.keys
    }

    /// Live nodes.
    #[cfg(test)]
    pub fn node_count(&self) -> usize {
        self.nodes.len() - self.free.len()
    }

    /// Call `visit` with the payload of every stored key that is a prefix of the byte sequence
    /// `byte(0), …, byte(len - 1)`, shortest first.
    #[inline]
    pub fn walk(&self, len: usize, byte: impl Fn(usize) -> u8, mut visit: impl FnMut(&P)) {
        let Some(root) = self.nodes.first() else {
            return;
        };
        if !root.payload.is_empty() {
            visit(&root.payload);
        }
        let mut node = root;
        let mut i = 0;
        while i < len {
            let Some(c) = node.child(byte(i)) else {
                return;
            };
            node = &self.nodes[c as usize];
            let label = &node.label;
            if i + label.len() > len || (1..label.len()).any(|j| byte(i + j) != label[j]) {
                return;
            }
            i += label.len();
            if !node.payload.is_empty() {
                visit(&node.payload);
            }
        }
    }

    /// The payload stored under exactly `key`.
    pub fn get(&self, key: &[u8]) -> Option<&P> {
        let id = self.find(key)?;
        let p = &self.nodes[id as usize].payload;
        (!p.is_empty()).then_some(p)
    }

    /// The node whose path spells `key`, if any.
    fn find(&self, key: &[u8]) -> Option<u32> {
        let mut id = 0u32;
        let mut i = 0;
        self.nodes.first()?;
        while i < key.len() {
            id = self.nodes[id as usize].child(key[i])?;
            let label = &self.nodes[id as usize].label;
            if !key[i..].starts_with(label) {
                return None;
            }
            i += label.len();
        }
        Some(id)
    }

    /// Call `f` with every stored key and its (non-empty) payload, in no particular order.
    pub fn for_each(&self, mut f: impl FnMut(&[u8], &P)) {
        if self.nodes.is_empty() {
            return;
        }
        // (node, length of the key up to and including its edge); `key` holds the path.
        let mut stack = vec![(0u32, 0usize)];
        let mut key = Vec::new();
        while let Some((id, end)) = stack.pop() {
            let node = &self.nodes[id as usize];
            key.truncate(end - node.label.len());
            key.extend_from_slice(&node.label);
            if !node.payload.is_empty() {
                f(&key, &node.payload);
            }
            for &(_, c) in &node.children {
                stack.push((c, end + self.nodes[c as usize].label.len()));
            }
        }
    }

    fn alloc(&mut self, node: Node<P>) -> u32 {
        self.free.insert(&mut self.nodes, node)
    }

    /// Change the payload of `key` (created empty when absent) with `f`; a payload left empty
    /// is removed with its node.
    pub fn update(&mut self, key: &[u8], f: impl FnOnce(&mut P)) {
        let id = self.insert_node(key);
        let was_empty = self.nodes[id as usize].payload.is_empty();
        f(&mut self.nodes[id as usize].payload);
        let now_empty = self.nodes[id as usize].payload.is_empty();
        match (was_empty, now_empty) {
            (true, false) => self.keys += 1,
            (false, true) => self.keys -= 1,
            _ => {}
        }
        if now_empty {
            self.prune(key);
        }
    }

    /// Change the payload of `key` with `f` only if the key is stored; a payload left empty
    /// is removed with its node. Never creates nodes.
    pub fn update_existing(&mut self, key: &[u8], f: impl FnOnce(&mut P)) {
        if let Some(id) = self.find(key)
            && !self.nodes[id as usize].payload.is_empty()
        {
            f(&mut self.nodes[id as usize].payload);
            if self.nodes[id as usize].payload.is_empty() {
                self.keys -= 1;
                self.prune(key);
            }
        }
    }

    /// The node for `key`, created (splitting an edge if needed) when absent.
    fn insert_node(&mut self, key: &[u8]) -> u32 {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut id = 0u32;
        let mut i = 0;
        while i < key.len() {
            let b = key[i];
            let Some(c) = self.nodes[id as usize].child(b) else {
                let leaf = self.alloc(Node {
                    label: SmallVec::from_slice(&key[i..]),
                    ..Node::default()
                });
                self.nodes[id as usize].set_child(b, leaf);
                return leaf;
            };
            let label = &self.nodes[c as usize].label;
            let common = label
                .iter()
                .zip(&key[i..])
                .take_while(|(x, y)| x == y)
                .count();
            if common < label.len() {
                // Split the edge: a new node for the common part takes the child's place.
                let rest = SmallVec::from_slice(&label[common..]);
                let mid = self.alloc(Node {
                    label: SmallVec::from_slice(&key[i..i + common]),
                    children: SmallVec::from_slice(&[(rest[0], c)]),
                    ..Node::default()
                });
                self.nodes[c as usize].label = rest;
                self.nodes[id as usize].set_child(b, mid);
                id = mid;
            } else {
                id = c;
            }
            i += common;
        }
        id
    }

    /// Restore the invariants after the payload of `key` emptied: unlink its node if it has
    /// no child, merge it with its only child, and do the same for its parent if the unlinking
    /// left that one with a single child and no payload.
    fn prune(&mut self, key: &[u8]) {
        // The nodes on the path: (id, first byte of its edge).
        let mut path: SmallVec<[(u32, u8); 16]> = SmallVec::new();
        let mut id = 0u32;
        let mut i = 0;
        path.push((0, 0));
        while i < key.len() {
            id = self.nodes[id as usize]
                .child(key[i])
                .expect("the key's node exists");
            path.push((id, key[i]));
            i += self.nodes[id as usize].label.len();
        }
        // Walk up: each step either stops or removes one node.
        while let Some(&(id, b)) = path.last() {
            if id == 0 {
                break;
            }
            let node = &self.nodes[id as usize];
            if !node.payload.is_empty() || node.children.len() >= 2 {
                break;
            }
            let parent = path[path.len() - 2].0;
            match node.children.first().copied() {
                None => {
                    self.nodes[parent as usize].remove_child(b);
                    self.release(id);
                    path.pop();
                }
                Some((_, only)) => {
                    // Merge: the child takes this node's place, with both edges.
                    let mut label = std::mem::take(&mut self.nodes[id as usize].label);
                    label.extend_from_slice(&self.nodes[only as usize].label);
                    self.nodes[only as usize].label = label;
                    self.nodes[parent as usize].set_child(b, only);
                    self.release(id);
                    break;
                }
            }
        }
        if self.keys == 0 {
            *self = ByteTrie::default();
        } else if self.nodes.len() >= COMPACT_MIN_SLOTS && self.free.len() * 2 >= self.nodes.len() {
            self.compact();
        }
    }

    fn release(&mut self, id: u32) {
        self.nodes[id as usize] = Node::default();
        self.free.release(id);
    }

    /// Renumber the live nodes densely (breadth first) and drop the free slots.
    fn compact(&mut self) {
        let mut old = std::mem::take(&mut self.nodes);
        let mut nodes = Vec::with_capacity(old.len() - self.free.len());
        nodes.push(std::mem::take(&mut old[0]));
        let mut k = 0;
        while k < nodes.len() {
            for j in 0..nodes[k].children.len() {
                let child = nodes[k].children[j].1 as usize;
                nodes[k].children[j].1 = u32::try_from(nodes.len()).expect("fewer than 2^32");
                nodes.push(std::mem::take(&mut old[child]));
            }
            k += 1;
        }
        self.nodes = nodes;
        self.free = FreeIds::default();
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node<P>>()
            + self
                .nodes
                .iter()
                .map(|n| {
                    let label = if n.label.spilled() { n.label.len() } else { 0 };
                    let children = if n.children.spilled() {
                        n.children.capacity() * 8
                    } else {
                        0
                    };
                    label + children + n.payload.heap_bytes()
                })
                .sum::<usize>()
            + self.free.approx_bytes()
    }
}

#[cfg(test)]
#[path = "byte_trie_tests.rs"]
mod tests;
