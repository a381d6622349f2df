//! The compiled many-rule matcher.
//!
//! * Paths are interned: each used path has an id, a node in the flattener's [`PathTrie`] and a
//!   [`values::ValueMatcher`] shared by every rule that constrains it.
//! * A rule's pattern is a set of branches (its `$or` combinations); a branch is a list of
//!   **slots**, one per constrained path, in event-ruler's path order (PATTERNS.md §5.2).
//! * **Triggers.** Each branch registers exactly one slot in the value matchers: its most
//!   selective *required* slot (no `exists: false`), ranked exact > prefix/folded ignore-case >
//!   suffix/numeric/wildcard with a literal end > bool/null > per-entry operators >
//!   `anything-but` > `exists: true` ([`values::rank`]); ties go to the slot whose hash bucket
//!   is currently smallest. A leaf that satisfies a trigger makes its branch a *candidate*;
//!   only candidates have their other slots checked, against the event's fields at those paths
//!   (a value list of more than 8 values through its own index, [`Slot::index`]).
//!   So the work per event is the matchers' look-ups plus the candidates, not the number of
//!   rules: an `anything-but` next to an exact value costs nothing unless the exact value hits.
//!   Branches made only of `anything-but`/`exists` conditions still fall back to per-entry
//!   evaluation of their trigger (rare in practice).
//! * A branch whose only slot is its trigger needs no check: its matcher target is
//!   [`COMPLETE`]` | rule`, reported straight into the result. A one-slot branch with a single
//!   exact string is stored compactly ([`Branch::Exact`]); other branches keep their slots'
//!   value lists, which the candidate check and removal need.
//! * Matching ([`run`]) flattens the event (skipping unused subtrees), feeds every leaf to its
//!   path's matcher, then checks the candidates plus the branches made only of
//!   `exists: false` conditions: without arrays of objects a branch matches iff every slot is
//!   hit (or accepts absence and its path is absent); otherwise the exact array-consistency
//!   search of PATTERNS.md §5.2/§10.4 runs.
//! * Exact strings, the bulk of large rule sets, live in [`exact::ExactStrings`]: the flattener
//!   requests a value's slot as soon as it reads the value, so the look-up after flattening
//!   rarely waits on memory.
//! * Adding and removing ([`build`]) is incremental; ids of branches and paths are recycled,
//!   and everything a rule added is removed with it.

pub(crate) mod build;
pub(crate) mod exact;
pub(crate) mod run;
pub(crate) mod values;

use crate::flatten::{FxMap, PathTrie};
use crate::pattern::ir::Condition;
use values::ValueMatcher;

/// Matcher targets with this bit set are a rule index matched outright; the others are branch
/// ids to check.
pub(crate) const COMPLETE: u32 = 1 << 31;

/// No trigger (a branch made only of `exists: false` slots).
pub(crate) const NO_TRIGGER: u32 = u32::MAX;

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
    /// The value list contains `{"exists": false}`.
    pub absence: bool,
    /// The value list.
    pub conditions: Box<[Condition]>,
    /// The value list indexed like a path's matcher, when it is longer than [`INDEXED_LIST`]:
    /// checking a candidate against 10,000 allowed accounts is then a hash look-up, not 10,000
    /// comparisons.
    pub index: Option<Box<ValueMatcher>>,
}

/// Value lists longer than this get a [`Slot::index`].
const INDEXED_LIST: usize = 8;

impl Slot {
    pub fn new(path: u32, absence: bool, conditions: Box<[Condition]>) -> Slot {
        let index = (conditions.len() > INDEXED_LIST).then(|| {
            let mut m = ValueMatcher::default();
            for c in conditions.iter() {
                m.add(c, 0);
            }
            Box::new(m)
        });
        Slot {
            path,
            absence,
            conditions,
            index,
        }
    }

    /// Whether some value-list element (other than `exists: false`) accepts `leaf`.
    #[inline]
    pub fn accepts(&self, leaf: crate::flatten::Leaf<'_>) -> bool {
        match &self.index {
            Some(m) => m.accepts(leaf),
            None => self
                .conditions
                .iter()
                .any(|c| !matches!(c, Condition::Exists(false)) && values::leaf_matches(c, leaf)),
        }
    }
}

/// One `$or` combination of one rule pattern.
#[derive(Debug, Clone, Default)]
pub(crate) enum Branch {
    /// A recycled id.
    #[default]
    Free,
    /// One slot whose value list is one exact string: registered as `COMPLETE | rule` under
    /// `value` in `path`'s matcher.
    Exact {
        rule: u32,
        path: u32,
        value: Box<str>,
    },
    /// Anything else.
    General {
        rule: u32,
        /// Index in `slots` of the slot registered in the matchers, or [`NO_TRIGGER`].
        trigger: u32,
        /// Slots in path order (PATTERNS.md §5.2).
        slots: Box<[Slot]>,
    },
}

impl Branch {
    /// The matcher target of a branch with a trigger.
    pub(crate) fn target(&self, id: u32) -> u32 {
        match self {
            Branch::Exact { rule, .. } => COMPLETE | rule,
            Branch::General { rule, slots, .. } if slots.len() == 1 => COMPLETE | rule,
            _ => id,
        }
    }
}

/// The shared automaton of a machine.
#[derive(Debug, Clone, Default)]
pub(crate) struct Automaton {
    pub trie: PathTrie,
    pub paths: Vec<PathEntry>,
    pub path_ids: FxMap<Box<str>, u32>,
    free_paths: Vec<u32>,
    pub branches: Vec<Branch>,
    free_branches: Vec<u32>,
    /// Live branches with no required slot: they are checked on every event.
    pub absence_only: Vec<u32>,
    /// Live slots (over all branches).
    live_slots: usize,
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
        let live_paths = self.paths.iter().filter(|p| p.refs > 0);
        let (keys, entries) = live_paths
            .clone()
            .map(|p| p.matcher.size())
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        // Wildcard complexity is event-ruler's per-path measure over every wildcard on the path,
        // whether or not it is the branch's trigger.
        let mut wildcards: FxMap<u32, Vec<&crate::pattern::wildcard::Wildcard>> = FxMap::default();
        let mut branch_bytes = 0;
        for b in &self.branches {
            match b {
                Branch::Free => {}
                Branch::Exact { value, .. } => branch_bytes += value.len(),
                Branch::General { slots, .. } => {
                    branch_bytes += slots.len() * std::mem::size_of::<Slot>();
                    for s in slots.iter() {
                        branch_bytes += s.conditions.len() * std::mem::size_of::<Condition>()
                            + s.conditions
                                .iter()
                                .map(Condition::heap_bytes)
                                .sum::<usize>()
                            + s.index.as_ref().map_or(0, |m| {
                                std::mem::size_of::<ValueMatcher>() + m.approx_bytes()
                            });
                        for c in s.conditions.iter() {
                            let ws = values::wildcards_of(c);
                            if !ws.is_empty() {
                                wildcards.entry(s.path).or_default().extend(ws);
                            }
                        }
                    }
                }
            }
        }
        let wildcard_complexity = wildcards
            .values()
            .map(|ws| crate::pattern::wildcard::complexity(ws.iter().copied(), 1000))
            .max()
            .unwrap_or(0);
        let approx_bytes = self.trie.approx_bytes()
            + self.paths.capacity() * std::mem::size_of::<PathEntry>()
            + live_paths
                .clone()
                .map(|p| p.name.len() * 2 + 48 + p.matcher.approx_bytes())
                .sum::<usize>()
            + self.path_ids.capacity() * 25
            + self.branches.capacity() * std::mem::size_of::<Branch>()
            + branch_bytes
            + (self.free_branches.capacity() + self.free_paths.capacity()) * 4
            + self.absence_only.capacity() * 4;
        Stats {
            rules: 0,
            branches: self.branches.len() - self.free_branches.len(),
            paths: live_paths.count(),
            states: nodes + keys + self.live_slots,
            transitions: edges + entries,
            approx_bytes,
            wildcard_complexity,
        }
    }
}
