//! [`AnythingButs`]: the `anything-but` conditions registered on one path, reported as a
//! complement.
//!
//! Job: given one leaf, report the target of every registered `anything-but` condition that
//! does not exclude it, without testing the conditions one by one.
//!
//! * Each registration gets a dense *local id* (`0..n`): `targets[id]` is its target and
//!   `conditions[id]` its operands.
//! * The **exclusion index** is an inner [`ValueIndex`] in which every condition registers its
//!   operands as positive conditions with its local id as target: strings as `exactly` (text,
//!   never IP-normalised), numbers by comparable value only, prefixes and suffixes (with the
//!   quote quirk), `equals-ignore-case` and wildcards as themselves. A leaf's look-up there
//!   yields the excluded set E: exactly the conditions whose `is_excluded` holds, the type rules
//!   included (a number leaf meets only the number operands, a string leaf only the string
//!   ones, and booleans, `null` and non-comparable numbers none at all).
//! * Then one pass over `targets` reports every local id not in E: with E empty (the usual
//!   case) a plain copy of the list; with up to [`SORTED_MAX`] ids, sorted, the runs between
//!   them; with more, through a bit set of n bits.
//! * A path with at most [`PER_ENTRY_MAX`] registrations and operands keeps no exclusion index
//!   and tests its few conditions one by one, which is cheaper than a look-up (the index is
//!   built when either count grows past the bound, and dropped when both fall back to it).
//!
//! Cost of a look-up: the exclusion index's (the value's length, plus |E|) and O(n + |E|) for
//! the pass, n the conditions on the path, nearly all reported; or at most [`PER_ENTRY_MAX`]
//! condition tests. Targets are reported in local-id order, which is registration order until
//! removals reorder it (callers sort what they collect).
//!
//! Removal is exact: the condition's operands leave the exclusion index, and the last local id
//! moves into the freed one (its operands are re-registered under the new id), so ids stay
//! dense; O(n) to find the registration by target, plus its operands and the moved one's.
//! Adding costs its operands' registrations. The owner drops the whole structure with its last
//! registration.

use smallvec::SmallVec;

use super::leaf_match::is_excluded;
use super::value_index::ValueIndex;
use crate::flatten::Leaf;
use crate::pattern::ir::{AnythingBut, Condition, NumberLiteral};

/// Excluded sets at most this large are sorted; larger ones go through a bit set.
const SORTED_MAX: usize = 32;

/// Up to this many registrations holding up to this many operands in all, conditions are
/// tested one by one (cheaper than the exclusion index's look-up, callgrind on the CL2
/// `anything-but` sets) and the exclusion index is not kept.
const PER_ENTRY_MAX: usize = 4;

/// The `anything-but` registrations of one path (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct AnythingButs {
    /// By local id: the registration's target.
    targets: Vec<u32>,
    /// By local id: the registration's condition.
    conditions: Vec<AnythingBut>,
    /// The number of operands of all conditions.
    operands: usize,
    /// Operands as positive conditions, by local id; kept exactly when there are more than
    /// [`PER_ENTRY_MAX`] registrations or operands.
    exclusions: Option<Box<ValueIndex>>,
}

/// The number of operands of `ab`.
fn operand_count(ab: &AnythingBut) -> usize {
    match ab {
        AnythingBut::Strings(v) | AnythingBut::Prefixes(v) | AnythingBut::Suffixes(v) => v.len(),
        AnythingBut::Numbers(v) => v.len(),
        AnythingBut::EqualsIgnoreCase(v) => v.len(),
        AnythingBut::Wildcards(v) => v.len(),
    }
}

/// Call `f` with each operand of `ab` as the positive condition that accepts what it excludes.
fn for_each_operand(ab: &AnythingBut, mut f: impl FnMut(&Condition)) {
    match ab {
        AnythingBut::Strings(ss) => ss.iter().for_each(|s| f(&Condition::Exactly(s.clone()))),
        AnythingBut::Numbers(ns) => ns.iter().for_each(|&n| {
            // By value only: an empty text matches no number token.
            f(&Condition::Number(NumberLiteral {
                text: String::new(),
                value: Some(n),
            }))
        }),
        AnythingBut::Prefixes(ps) => ps.iter().for_each(|p| f(&Condition::Prefix(p.clone()))),
        AnythingBut::Suffixes(ss) => ss.iter().for_each(|s| f(&Condition::Suffix(s.clone()))),
        AnythingBut::EqualsIgnoreCase(es) => es
            .iter()
            .for_each(|e| f(&Condition::EqualsIgnoreCase(e.clone()))),
        AnythingBut::Wildcards(ws) => ws.iter().for_each(|w| f(&Condition::Wildcard(w.clone()))),
    }
}

/// Register the operands of `ab` under local id `id`.
fn register(exclusions: &mut ValueIndex, ab: &AnythingBut, id: u32) {
    for_each_operand(ab, |c| exclusions.add(c, id));
}

/// Unregister the operands of `ab` from local id `id`.
fn unregister(exclusions: &mut ValueIndex, ab: &AnythingBut, id: u32) {
    for_each_operand(ab, |c| exclusions.remove(c, id));
}

impl AnythingButs {
    /// Registrations.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether nothing is registered.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Build or drop the exclusion index as the sizes require (see [`PER_ENTRY_MAX`]).
    fn sync_index(&mut self) {
        let wanted = self.targets.len() > PER_ENTRY_MAX || self.operands > PER_ENTRY_MAX;
        match (&self.exclusions, wanted) {
            (None, true) => {
                let mut ex = Box::<ValueIndex>::default();
                for (id, ab) in self.conditions.iter().enumerate() {
                    register(&mut ex, ab, id as u32);
                }
                self.exclusions = Some(ex);
            }
            (Some(_), false) => self.exclusions = None,
            _ => {}
        }
    }

    /// Register `ab` for target `t`.
    pub fn add(&mut self, ab: &AnythingBut, t: u32) {
        let id = self.targets.len() as u32;
        if let Some(ex) = &mut self.exclusions {
            register(ex, ab, id);
        }
        self.targets.push(t);
        self.conditions.push(ab.clone());
        self.operands += operand_count(ab);
        self.sync_index();
    }

    /// Unregister one registration of `ab` for `t` (the inverse of [`AnythingButs::add`]).
    pub fn remove(&mut self, ab: &AnythingBut, t: u32) {
        let Some(id) = self
            .targets
            .iter()
            .zip(&self.conditions)
            .position(|(&s, c)| s == t && c == ab)
        else {
            return;
        };
        let last = self.targets.len() - 1;
        self.targets.swap_remove(id);
        let removed = self.conditions.swap_remove(id);
        self.operands -= operand_count(&removed);
        if let Some(ex) = &mut self.exclusions {
            unregister(ex, &removed, id as u32);
            if id != last {
                // The last registration now sits at `id`: renumber its operands.
                let moved = &self.conditions[id];
                unregister(ex, moved, last as u32);
                register(ex, moved, id as u32);
            }
        }
        self.sync_index();
        if self.targets.len() < self.targets.capacity() / 4 {
            self.targets.shrink_to_fit();
            self.conditions.shrink_to_fit();
        }
    }

    /// The local ids of the conditions that exclude `leaf` (possibly repeated). Not generic
    /// over the caller's callback, so that the inner index's `matches` is instantiated once.
    #[inline(never)]
    fn excluded(exclusions: &ValueIndex, leaf: Leaf<'_>) -> SmallVec<[u32; 8]> {
        let mut e = SmallVec::new();
        exclusions.matches(leaf, |id| e.push(id));
        e
    }

    /// Call `hit` for the target of every registration that does not exclude `leaf`.
    #[inline]
    pub fn matches(&self, leaf: Leaf<'_>, hit: &mut impl FnMut(u32)) {
        let Some(ex) = &self.exclusions else {
            for (&t, ab) in self.targets.iter().zip(&self.conditions) {
                if !is_excluded(ab, leaf) {
                    hit(t);
                }
            }
            return;
        };
        let mut excluded = Self::excluded(ex, leaf);
        if excluded.is_empty() {
            self.targets.iter().for_each(|&t| hit(t));
        } else if excluded.len() <= SORTED_MAX {
            excluded.sort_unstable();
            let mut from = 0;
            for &id in &excluded {
                let id = id as usize;
                if id >= from {
                    self.targets[from..id].iter().for_each(|&t| hit(t));
                    from = id + 1;
                }
            }
            self.targets[from..].iter().for_each(|&t| hit(t));
        } else {
            let mut out = vec![0u64; self.targets.len().div_ceil(64)];
            for &id in &excluded {
                out[id as usize / 64] |= 1 << (id % 64);
            }
            for (w, chunk) in out.iter().zip(self.targets.chunks(64)) {
                for (i, &t) in chunk.iter().enumerate() {
                    if w & (1 << i) == 0 {
                        hit(t);
                    }
                }
            }
        }
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        self.targets.capacity() * 4
            + self.conditions.capacity() * std::mem::size_of::<AnythingBut>()
            + self
                .conditions
                .iter()
                .map(AnythingBut::heap_bytes)
                .sum::<usize>()
            + self.exclusions.as_ref().map_or(0, |ex| {
                std::mem::size_of::<ValueIndex>() + ex.approx_bytes()
            })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::index::leaf_match::leaf_matches;
    use crate::pattern::case::CaseExpansion;
    use crate::pattern::number::comparable;
    use crate::pattern::wildcard::Wildcard;

    /// Operands small enough to collide often.
    const STRINGS: &[&str] = &[
        "",
        "x",
        "X",
        "xy",
        "a\"",
        "\"a",
        "a",
        "ab",
        "10.0.0.1",
        "010.0.0.1",
        "ß",
        "SS",
        "é",
    ];
    const WILDCARDS: &[&str] = &["*", "x*", "*y", "x*y", "a*b*", "*b*", "", "ab"];
    const NUMBERS: &[&str] = &["0", "-0", "1", "1.0", "1e0", "2.5", "100", "1e400", "5"];

    /// An `anything-but` of one form over operands picked from the pools.
    fn anything_but() -> impl Strategy<Value = AnythingBut> {
        let picks = || proptest::collection::vec(0..STRINGS.len(), 0..3);
        let strings = |ix: Vec<usize>| ix.iter().map(|&i| STRINGS[i].to_string()).collect();
        prop_oneof![
            picks().prop_map(move |ix| {
                let mut v: Vec<String> = strings(ix);
                v.sort();
                AnythingBut::Strings(v)
            }),
            proptest::collection::vec(0..NUMBERS.len(), 0..3).prop_map(|ix| {
                let mut v: Vec<f64> = ix
                    .iter()
                    .filter_map(|&i| comparable(NUMBERS[i]))
                    .map(|x| x + 0.0)
                    .collect();
                v.sort_by(f64::total_cmp);
                AnythingBut::Numbers(v)
            }),
            picks().prop_map(move |ix| AnythingBut::Prefixes(strings(ix))),
            picks().prop_map(move |ix| AnythingBut::Suffixes(strings(ix))),
            picks().prop_map(|ix| AnythingBut::EqualsIgnoreCase(
                ix.iter().map(|&i| CaseExpansion::new(STRINGS[i])).collect()
            )),
            proptest::collection::vec(0..WILDCARDS.len(), 0..3).prop_map(|ix| {
                AnythingBut::Wildcards(
                    ix.iter()
                        .map(|&i| Wildcard::parse(WILDCARDS[i]).unwrap())
                        .collect(),
                )
            }),
        ]
    }

    /// Every leaf kind: strings from the pool (and a few more), numbers, booleans, null.
    fn leaves() -> Vec<Leaf<'static>> {
        let mut out: Vec<Leaf<'static>> = STRINGS.iter().map(|s| Leaf::Str(s)).collect();
        out.extend(["xzy", "abab", "SSS", "ss", "y"].map(Leaf::Str));
        out.extend(NUMBERS.iter().map(|t| Leaf::Num(t, comparable(t))));
        out.extend([Leaf::Bool(true), Leaf::Bool(false), Leaf::Null]);
        out
    }

    /// The targets `idx` reports for `leaf`, sorted.
    fn reported(idx: &AnythingButs, leaf: Leaf<'_>) -> Vec<u32> {
        let mut got = Vec::new();
        idx.matches(leaf, &mut |t| got.push(t));
        got.sort_unstable();
        got
    }

    /// What per-entry evaluation of `live` reports for `leaf`, sorted.
    fn per_entry(live: &[(AnythingBut, u32)], leaf: Leaf<'_>) -> Vec<u32> {
        let mut want: Vec<u32> = live
            .iter()
            .filter(|(ab, _)| leaf_matches(&Condition::AnythingBut(ab.clone()), leaf))
            .map(|&(_, t)| t)
            .collect();
        want.sort_unstable();
        want
    }

    #[test]
    fn many_identical_exclusions_use_the_bit_set() {
        let x = AnythingBut::Strings(vec!["x".into()]);
        let y = AnythingBut::Strings(vec!["y".into()]);
        let mut idx = AnythingButs::default();
        for t in 0..100 {
            idx.add(if t % 10 == 0 { &y } else { &x }, t);
        }
        assert_eq!(
            reported(&idx, Leaf::Str("x")),
            (0..100).step_by(10).collect::<Vec<_>>()
        );
        assert_eq!(reported(&idx, Leaf::Str("z")).len(), 100);
        for t in 0..100 {
            idx.remove(if t % 10 == 0 { &y } else { &x }, t);
        }
        assert!(idx.is_empty());
        assert!(idx.exclusions.is_none());
        assert_eq!(idx.approx_bytes(), 0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Many conditions of every form on one path, several per target, added and removed in
        /// any order (crossing the per-entry threshold both ways): the complement reports
        /// exactly what per-entry evaluation does, for every kind of leaf.
        #[test]
        fn complement_agrees_with_per_entry(
            adds in proptest::collection::vec((anything_but(), 0u32..24), 0..80),
            removals in proptest::collection::vec(any::<proptest::sample::Index>(), 0..80),
        ) {
            let mut idx = AnythingButs::default();
            let mut live: Vec<(AnythingBut, u32)> = Vec::new();
            for (ab, t) in &adds {
                idx.add(ab, *t);
                live.push((ab.clone(), *t));
            }
            for leaf in leaves() {
                prop_assert_eq!(reported(&idx, leaf), per_entry(&live, leaf), "{:?}", leaf);
            }
            for (step, r) in removals.iter().enumerate() {
                if live.is_empty() {
                    break;
                }
                let (ab, t) = live.swap_remove(r.index(live.len()));
                idx.remove(&ab, t);
                if step % 8 == 0 || live.len() <= PER_ENTRY_MAX + 1 {
                    for leaf in leaves() {
                        prop_assert_eq!(reported(&idx, leaf), per_entry(&live, leaf), "{:?}", leaf);
                    }
                }
            }
            if live.is_empty() {
                prop_assert!(idx.is_empty());
                prop_assert!(idx.exclusions.is_none());
            }
        }
    }
}
