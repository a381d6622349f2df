//! [`AffixSet`]: the prefix (or suffix) operands of one path, looked up by a value's start (or
//! end).
//!
//! Job: report the targets of every operand the value starts (ends) with, where event-ruler
//! matches prefixes against the value followed by its closing quote and suffixes against the
//! value preceded by its opening quote: an operand ending (starting) with `"` also matches the
//! value without it. The case-sensitive prefixes and suffixes use it over the value's bytes,
//! the ASCII ignore-case forms over the value's ASCII lower case.
//!
//! Two representations, chosen by the number of distinct operand lengths:
//!
//! * **by length** (at most [`MAX_LENGTHS`] distinct lengths, the usual case): the operands in
//!   one hash table, and the value's start (end) of each operand length looked up in it: at
//!   most [`MAX_LENGTHS`] hash look-ups (keys and targets inline up to 16 bytes and 4 targets);
//! * **trie**: beyond that, a [`ByteTrie`] over the operands (reversed for suffixes), walked
//!   along the value: at most `len + 2` nodes however many lengths there are.
//!
//! A set switches to the trie when an operand brings its `MAX_LENGTHS + 1`-th length, and back
//! when at most `MAX_LENGTHS / 2` lengths remain and at least as many updates as operands
//! happened since the last switch, so the rebuilds (linear in the operands) cost O(1) per
//! update amortised; a single update can pay one rebuild.
//!
//! Invariants: `lengths` counts the operands of each distinct length (sorted by length) in
//! both representations; the trie holds suffixes reversed; an empty set holds no memory.
//!
//! Costs per value: by length, one hash of at most `len + 1` bytes per distinct length not
//! longer than the value plus one; trie, the walk. Both plus one call per target reported.

use smallvec::SmallVec;

use super::byte_trie::ByteTrie;
use super::targets::{StrKey, Targets, remove_one};
use crate::util::FxMap;

/// Distinct operand lengths served by hash look-ups; more switch to the trie.
pub(crate) const MAX_LENGTHS: usize = 8;

/// The two representations (see the module docs).
#[derive(Debug, Clone)]
enum Repr {
    Lengths(FxMap<StrKey, Targets>),
    /// Keys reversed when matching from the end.
    Trie(ByteTrie<Targets>),
}

/// Prefix operands (`FROM_END = false`) or suffix operands (`true`) of one path.
#[derive(Debug, Clone)]
pub(crate) struct AffixSet<const FROM_END: bool> {
    repr: Repr,
    /// (operand length, operands of that length), sorted by length.
    lengths: SmallVec<[(u32, u32); MAX_LENGTHS]>,
    /// Registrations (a key registered twice counts twice).
    entries: usize,
    /// Updates since the representation last changed.
    updates: usize,
}

impl<const FROM_END: bool> Default for AffixSet<FROM_END> {
    fn default() -> Self {
        AffixSet {
            repr: Repr::Lengths(FxMap::default()),
            lengths: SmallVec::new(),
            entries: 0,
            updates: 0,
        }
    }
}

/// `key` as the trie stores it.
fn trie_key<const FROM_END: bool>(key: &[u8]) -> SmallVec<[u8; 64]> {
    if FROM_END {
        key.iter().rev().copied().collect()
    } else {
        SmallVec::from_slice(key)
    }
}

impl<const FROM_END: bool> AffixSet<FROM_END> {
    /// Whether nothing is registered.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Distinct operands.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Lengths(table) => table.len(),
            Repr::Trie(trie) => trie.len(),
        }
    }

    /// Targets registered under exactly `key`.
    pub fn load(&self, key: &[u8]) -> usize {
        match &self.repr {
            Repr::Lengths(table) => table.get(key).map_or(0, |l| l.len()),
            Repr::Trie(trie) => trie.get(&trie_key::<FROM_END>(key)).map_or(0, |l| l.len()),
        }
    }

    /// Register `key` for `t`.
    pub fn add(&mut self, key: &[u8], t: u32) {
        let len = u32::try_from(key.len()).expect("operands are shorter than 4 GiB");
        match self.lengths.binary_search_by_key(&len, |e| e.0) {
            Ok(i) => self.lengths[i].1 += 1,
            Err(i) => self.lengths.insert(i, (len, 1)),
        }
        self.entries += 1;
        self.updates += 1;
        match &mut self.repr {
            Repr::Lengths(table) => {
                match table.get_mut(key) {
                    Some(list) => list.push(t),
                    None => {
                        table.insert(StrKey::from_slice(key), Targets::from_slice(&[t]));
                    }
                }
                if self.lengths.len() > MAX_LENGTHS {
                    self.rebuild(true);
                }
            }
            Repr::Trie(trie) => trie.update(&trie_key::<FROM_END>(key), |l| l.push(t)),
        }
    }

    /// Unregister one registration of `key` for `t`; whether there was one.
    pub fn remove(&mut self, key: &[u8], t: u32) -> bool {
        match &mut self.repr {
            Repr::Lengths(table) => {
                let Some(list) = table.get_mut(key).filter(|l| l.contains(&t)) else {
                    return false;
                };
                remove_one(list, t);
                if list.is_empty() {
                    table.remove(key);
                }
            }
            Repr::Trie(trie) => {
                let k = trie_key::<FROM_END>(key);
                if !trie.get(&k).is_some_and(|l| l.contains(&t)) {
                    return false;
                }
                trie.update_existing(&k, |l| remove_one(l, t));
            }
        }
        if let Ok(i) = self
            .lengths
            .binary_search_by_key(&(key.len() as u32), |e| e.0)
        {
            self.lengths[i].1 -= 1;
            if self.lengths[i].1 == 0 {
                self.lengths.remove(i);
            }
        }
        self.entries -= 1;
        self.updates += 1;
        if self.entries == 0 {
            *self = AffixSet::default();
        } else if matches!(self.repr, Repr::Trie(_))
            && self.lengths.len() <= MAX_LENGTHS / 2
            && self.updates >= self.entries
        {
            self.rebuild(false);
        }
        true
    }

    /// Move every registration to the trie (`to_trie`) or to the table.
    fn rebuild(&mut self, to_trie: bool) {
        let old = std::mem::replace(&mut self.repr, Repr::Lengths(FxMap::default()));
        let mut pairs: Vec<(SmallVec<[u8; 64]>, u32)> = Vec::with_capacity(self.entries);
        match old {
            Repr::Lengths(table) => {
                for (k, list) in table.iter() {
                    pairs.extend(list.iter().map(|&t| (SmallVec::from_slice(k), t)));
                }
            }
            Repr::Trie(trie) => trie.for_each(|k, list| {
                let k = trie_key::<FROM_END>(k);
                pairs.extend(list.iter().map(|&t| (k.clone(), t)));
            }),
        }
        if to_trie {
            let mut trie: ByteTrie<Targets> = ByteTrie::default();
            for (k, t) in pairs {
                trie.update(&trie_key::<FROM_END>(&k), |l| l.push(t));
            }
            self.repr = Repr::Trie(trie);
        } else {
            let mut table: FxMap<StrKey, Targets> = FxMap::default();
            for (k, t) in pairs {
                table.entry(StrKey::from_slice(&k)).or_default().push(t);
            }
            self.repr = Repr::Lengths(table);
        }
        self.updates = 0;
    }

    /// Call `hit` for the targets of every operand that `v` followed (preceded) by `"` starts
    /// (ends) with.
    #[inline(always)]
    pub fn lookup(&self, v: &[u8], hit: &mut impl FnMut(u32)) {
        let n = v.len();
        match &self.repr {
            Repr::Lengths(table) => {
                for &(len, _) in &self.lengths {
                    let len = len as usize;
                    let found = if len <= n {
                        table.get(if FROM_END { &v[n - len..] } else { &v[..len] })
                    } else if len == n + 1 {
                        table.get(quoted::<FROM_END>(v).as_slice())
                    } else {
                        break;
                    };
                    if let Some(list) = found {
                        list.iter().for_each(|&t| hit(t));
                    }
                }
            }
            Repr::Trie(trie) => walk_trie::<FROM_END>(trie, v, hit),
        }
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        let repr = match &self.repr {
            Repr::Lengths(table) => {
                let entry = std::mem::size_of::<(StrKey, Targets)>() + 1;
                table.capacity() * entry
                    + table
                        .iter()
                        .map(|(k, l)| {
                            (if k.spilled() { k.len() } else { 0 })
                                + if l.spilled() { l.capacity() * 4 } else { 0 }
                        })
                        .sum::<usize>()
            }
            Repr::Trie(trie) => trie.approx_bytes(),
        };
        repr + if self.lengths.spilled() {
            self.lengths.capacity() * 8
        } else {
            0
        }
    }

    /// Whether the set is currently a trie (for tests).
    #[cfg(test)]
    pub fn is_trie(&self) -> bool {
        matches!(self.repr, Repr::Trie(_))
    }
}

/// The trie's part of [`AffixSet::lookup`]: out of line, so that the usual look-ups by length
/// inline small.
#[inline(never)]
fn walk_trie<const FROM_END: bool>(trie: &ByteTrie<Targets>, v: &[u8], hit: &mut impl FnMut(u32)) {
    let n = v.len();
    let emit = |l: &Targets| l.iter().for_each(|&t| hit(t));
    if FROM_END {
        trie.walk(n + 1, |i| if i < n { v[n - 1 - i] } else { b'"' }, emit);
    } else {
        trie.walk(n + 1, |i| if i < n { v[i] } else { b'"' }, emit);
    }
}

/// `v` followed (preceded) by `"`.
#[cold]
fn quoted<const FROM_END: bool>(v: &[u8]) -> SmallVec<[u8; 64]> {
    let mut q = SmallVec::with_capacity(v.len() + 1);
    if FROM_END {
        q.push(b'"');
        q.extend_from_slice(v);
    } else {
        q.extend_from_slice(v);
        q.push(b'"');
    }
    q
}

#[cfg(test)]
#[path = "affix_set_tests.rs"]
mod tests;
