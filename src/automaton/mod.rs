//! The compiled many-rule matcher.
//!
//! * Paths are interned: each used path has an id, a node in the flattener's [`PathTrie`] and a
//!   [`values::ValueMatcher`] shared by every rule that constrains it.
//! * A rule's pattern is a set of branches (its `$or` combinations); a branch is a list of
//!   **slots**, one per constrained path, in event-ruler's path order. A slot is what the value
//!   matchers report: "this leaf satisfies branch b's condition on path p".
//! * Matching ([`run`]) flattens the event (skipping unused subtrees), feeds every leaf to its
//!   path's matcher, counts for each branch the distinct *required* slots hit (slots whose value
//!   list has no `exists: false`), and runs the exact array-consistency search of PATTERNS.md
//!   §5.2 only for branches whose required slots were all hit, plus the branches made only of
//!   `exists: false` conditions.
//! * Adding and removing ([`build`]) is incremental; ids of slots, branches and paths are
//!   recycled, and everything a rule added is removed with it.

pub(crate) mod build;
pub(crate) mod run;
pub(crate) mod values;

use crate::flatten::{FxMap, PathTrie};
use crate::pattern::ir::Condition;
use values::ValueMatcher;

/// One interned path.
#[derive(Debug, Clone, Default)]
pub(crate) struct PathEntry {
    pub name: Box<str>,
    pub matcher: ValueMatcher,
    /// Slots on this path (live references).
    pub refs: u32,
}

/// One branch's condition on one path.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub path: u32,
    pub branch: u32,
    /// The value list contains `{"exists": false}`.
    pub absence: bool,
    /// The value list, kept to unregister it on removal.
    pub conditions: Box<[Condition]>,
}

/// One `$or` combination of one rule pattern.
#[derive(Debug, Clone, Default)]
pub(crate) struct Branch {
    /// Slots in path order (PATTERNS.md §5.2).
    pub slots: Box<[u32]>,
    /// Number of slots without `exists: false`; all must be hit for the branch to match.
    pub required: u32,
    /// The rule (machine-level index) this branch belongs to.
    pub rule: u32,
}

/// The shared automaton of a machine.
#[derive(Debug, Clone, Default)]
pub(crate) struct Automaton {
    pub trie: PathTrie,
    pub paths: Vec<PathEntry>,
    pub path_ids: FxMap<Box<str>, u32>,
    free_paths: Vec<u32>,
    pub slots: Vec<Slot>,
    free_slots: Vec<u32>,
    pub branches: Vec<Branch>,
    free_branches: Vec<u32>,
    /// Live branches with no required slot: they are checked on every event.
    pub absence_only: Vec<u32>,
}

/// Size statistics of a machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Rule ids.
    pub rules: usize,
    /// Branches (`$or` combinations over all patterns).
    pub branches: usize,
    /// Interned paths.
    pub paths: usize,
    /// States: path-trie nodes, distinct value keys and branch conditions.
    pub states: usize,
    /// Transitions: path-trie edges plus value-matcher entries.
    pub transitions: usize,
    /// Approximate heap bytes.
    pub approx_bytes: usize,
    /// Highest wildcard complexity of any path (event-ruler's measure, capped at 1000).
    pub wildcard_complexity: usize,
}

impl Automaton {
    /// Statistics (rule count filled in by the machine).
    pub fn stats(&self) -> Stats {
        let (nodes, edges) = self.trie.size();
        let live_paths: Vec<&PathEntry> = self.paths.iter().filter(|p| p.refs > 0).collect();
        let (keys, entries) = live_paths
            .iter()
            .map(|p| p.matcher.size())
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        let live_slots = self.slots.len() - self.free_slots.len();
        let wildcard_complexity = live_paths
            .iter()
            .map(|p| crate::pattern::wildcard::complexity(p.matcher.wildcards(), 1000))
            .max()
            .unwrap_or(0);
        let approx_bytes = self.trie.approx_bytes()
            + self.paths.capacity() * std::mem::size_of::<PathEntry>()
            + live_paths
                .iter()
                .map(|p| p.name.len() * 2 + 48 + p.matcher.approx_bytes())
                .sum::<usize>()
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self
                .slots
                .iter()
                .map(|s| s.conditions.len() * std::mem::size_of::<Condition>())
                .sum::<usize>()
            + self.branches.capacity() * std::mem::size_of::<Branch>()
            + self
                .branches
                .iter()
                .map(|b| b.slots.len() * 4)
                .sum::<usize>();
        Stats {
            rules: 0,
            branches: self.branches.len() - self.free_branches.len(),
            paths: live_paths.len(),
            states: nodes + keys + live_slots,
            transitions: edges + entries,
            approx_bytes,
            wildcard_complexity,
        }
    }
}
