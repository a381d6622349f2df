//! The many-rule matcher: a per-path index of each branch's *trigger* condition, plus a check
//! of the branches those triggers make candidates.
//!
//! * Paths are interned: each used path has an id, a node in the flattener's [`PathTrie`] and
//!   a [`ValueIndex`] shared by every rule that constrains it.
//! * A rule's pattern is a set of branches (one per combination of its `$or` alternatives); a
//!   branch is a list of [`FieldCheck`]s, one per constrained path, in event-ruler's path
//!   order (full paths compared as UTF-16 code units).
//! * **Triggers.** Each branch registers exactly one field check in the value indexes: its most
//!   selective *required* one (no `exists: false`), ranked exact > prefix/ignore-case equals
//!   or prefix > suffix/ignore-case suffix/numeric/cidr/wildcard with a literal first byte >
//!   wildcard with any literal byte > bool/null > per-entry operators >
//!   `anything-but` > `exists: true` ([`value_index::rank`]); ties go to the check whose hash
//!   bucket is currently smallest. A leaf that satisfies a trigger makes its branch a
//!   *candidate*; only candidates have their other checks run, against the event's fields at
//!   those paths (a value list of more than 8 values through its own index,
//!   [`FieldCheck::index`]). So the work per event is the indexes' look-ups plus the
//!   candidates, not the number of rules: an `anything-but` next to an exact value costs
//!   nothing unless the exact value hits. Branches made only of `anything-but`/`exists`
//!   conditions have one of them as trigger, which accepts nearly every leaf: `anything-but`
//!   triggers are reported as a complement (all of a path's, minus those the value's operands
//!   exclude), so they cost per reported target, not per rule tested.
//! * A branch whose only check is its trigger needs no further check: its index target is
//!   [`RULE_MATCHED`]` | rule`, reported straight into the result. A one-field branch with a
//!   single exact string is stored compactly ([`BranchEntry::Exact`]); other branches keep
//!   their value lists, which the candidate check and removal need.
//! * Matching ([`match_event`]) flattens the event (skipping unused subtrees), feeds every leaf
//!   to its path's index, then checks the candidates plus the branches made only of
//!   `exists: false` conditions: without arrays of objects a branch matches iff every check is
//!   hit (or accepts absence and its path is absent); otherwise the array-consistency search
//!   runs (the fields a branch matches must not come from different elements of one array of
//!   objects; an `exists: false` check is decided in path order against the elements chosen
//!   so far).
//! * Exact strings, the bulk of large rule sets, live in [`exact_strings::ExactStrings`]: the
//!   flattener requests a value's bucket as soon as it reads the value, so the look-up after
//!   flattening rarely waits on memory.
//! * Adding and removing ([`build`]) is incremental; ids of branches and paths are recycled,
//!   and everything a rule added is removed with it.

mod affix_set;
mod anything_but;
pub(crate) mod build;
mod byte_trie;
mod case_fold;
pub(crate) mod exact_strings;
mod ignore_case;
mod ip_blocks;
mod leaf_match;
pub(crate) mod match_event;
mod numeric_ranges;
pub(crate) mod stats;
#[cfg(test)]
mod string_forms_tests;
mod targets;
pub(crate) mod value_index;
mod wildcard_automaton;
mod wildcard_index;
mod wildcard_set;

use crate::flatten::{Leaf, PathTrie};
use crate::pattern::ir::Condition;
use crate::util::FreeIds;
use crate::util::FxMap;
use leaf_match::leaf_matches;
use value_index::ValueIndex;

/// Index targets with this bit set are a rule index matched outright (the trigger alone
/// completes its branch); the others are branch ids to check.
pub(crate) const RULE_MATCHED: u32 = 1 << 31;

/// No trigger (a branch made only of `exists: false` checks).
pub(crate) const NO_TRIGGER: u32 = u32::MAX;

/// One interned path.
#[derive(Debug, Clone, Default)]
pub(crate) struct PathEntry {
    pub name: Box<str>,
    pub index: ValueIndex,
    /// Field checks on this path (live references).
    pub refs: u32,
}

/// One branch's condition on one path: its value list.
#[derive(Debug, Clone)]
pub(crate) struct FieldCheck {
    pub path: u32,
    /// The value list contains `{"exists": false}`.
    pub absence: bool,
    /// The value list.
    pub conditions: Box<[Condition]>,
    /// The value list indexed like a path's index, when it is longer than [`INDEXED_LIST`]:
    /// checking a candidate against 10,000 allowed accounts is then a hash look-up, not 10,000
    /// comparisons.
    pub index: Option<Box<ValueIndex>>,
}

/// Value lists longer than this get a [`FieldCheck::index`].
const INDEXED_LIST: usize = 8;

impl FieldCheck {
    pub fn new(path: u32, absence: bool, conditions: Box<[Condition]>) -> FieldCheck {
        let index = (conditions.len() > INDEXED_LIST).then(|| {
            let mut m = ValueIndex::default();
            for c in conditions.iter() {
                m.add(c, 0);
            }
            Box::new(m)
        });
        FieldCheck {
            path,
            absence,
            conditions,
            index,
        }
    }

    /// Whether some value-list element (other than `exists: false`) accepts `leaf`.
    #[inline]
    pub fn accepts(&self, leaf: Leaf<'_>) -> bool {
        match &self.index {
            Some(m) => m.accepts(leaf),
            None => self
                .conditions
                .iter()
                .any(|c| !matches!(c, Condition::Exists(false)) && leaf_matches(c, leaf)),
        }
    }
}

/// One `$or` branch of one rule pattern, as stored in the index.
#[derive(Debug, Clone, Default)]
pub(crate) enum BranchEntry {
    /// A recycled id.
    #[default]
    Free,
    /// One field whose value list is one exact string: registered as `RULE_MATCHED | rule`
    /// under `value` in `path`'s index.
    Exact {
        rule: u32,
        path: u32,
        value: Box<str>,
        /// Written `{"exactly": value}` rather than `value` (same meaning; kept for
        /// explanations, which show the condition as written).
        exactly: bool,
    },
    /// Anything else.
    General {
        rule: u32,
        /// Index in `checks` of the check registered in the indexes, or [`NO_TRIGGER`].
        trigger: u32,
        /// Field checks in event-ruler's path order.
        checks: Box<[FieldCheck]>,
    },
}

impl BranchEntry {
    /// The index target of a branch with a trigger.
    pub(crate) fn target(&self, id: u32) -> u32 {
        match self {
            BranchEntry::Exact { rule, .. } => RULE_MATCHED | rule,
            BranchEntry::General { rule, checks, .. } if checks.len() == 1 => RULE_MATCHED | rule,
            _ => id,
        }
    }
}

/// The trigger index of a machine: interned paths with their value indexes, and branches.
#[derive(Debug, Clone, Default)]
pub(crate) struct TriggerIndex {
    pub trie: PathTrie,
    pub paths: Vec<PathEntry>,
    pub path_ids: FxMap<Box<str>, u32>,
    free_paths: FreeIds,
    pub branches: Vec<BranchEntry>,
    free_branches: FreeIds,
    /// Live branches with no required check: they are checked on every event.
    pub absence_only: Vec<u32>,
    /// Live field checks (over all branches).
    live_checks: usize,
}

impl TriggerIndex {
    /// Branches currently stored.
    pub fn live_branches(&self) -> usize {
        self.branches.len() - self.free_branches.len()
    }
}
