//! [`AffixSet`]: the prefix (or suffix) operands of one path, looked up by a value's start (or
//! end).
//!
//! Job: report the targets of every operand the value starts (ends) with, where event-ruler
//! matches prefixes against the value followed by its closing quote and suffixes against the
//! value preceded by its opening quote: an operand ending (starting) with `"` also matches the
//! value without it. The case-sensitive prefixes and suffixes use it with `FOLD = false`; the
//! ASCII ignore-case forms with `FOLD = true`: their operands are stored in ASCII lower case
//! and compared with the value's bytes in ASCII lower case (non-ASCII bytes unchanged).
//!
//! Three representations, chosen by the number of distinct operands and of their lengths:
//!
//! * **few** (at most [`FEW_KEYS`] operands, as in most rule sets): a list, each operand
//!   compared in place with the value's start (end);
//! * **by length** (at most [`MAX_LENGTHS`] distinct lengths): one hash table, and the value's
//!   start (end) of each operand length looked up in it: at most [`MAX_LENGTHS`] look-ups
//!   (keys and targets inline up to 16 bytes and 4 targets);
//! * **trie**: beyond that, a [`ByteTrie`] over the operands (reversed for suffixes), walked
//!   along the value: at most `len + 2` nodes however many lengths there are.
//!
//! A set moves to a larger representation as soon as an addition needs it, and back to the one
//! its size calls for when it has shrunk to half the limit that made it move *and* at least as
//! many updates as registrations happened since its last move: each rebuild (linear in the
//! operands) is paid for by as many updates, O(1) per update amortised; a single update can pay
//! one rebuild.
//!
//! Invariants: `lengths` counts the registrations of each distinct operand length (sorted by
//! length) whatever the representation; the trie holds suffixes reversed; `FOLD` operands are
//! ASCII lower case; an empty set holds no memory.
//!
//! Costs per value: few, one comparison of at most `len + 1` bytes per operand; by length, one
//! hash of at most `len + 1` bytes per distinct length; trie, the walk; `FOLD` sets other than
//! few copy the value in lower case first (on the stack up to 64 bytes). All plus one call per
//! target reported.

use smallvec::SmallVec;

use super::byte_trie::ByteTrie;
use super::targets::{StrKey, Targets, remove_one};
use crate::util::FxMap;

/// Operands compared in place; more go to a hash table.
pub(crate) const FEW_KEYS: usize = 8;

/// Distinct operand lengths served by hash look-ups; more go to the trie.
pub(crate) const MAX_LENGTHS: usize = 8;

/// The representations (see the module docs).
#[derive(Debug, Clone)]
enum Repr {
    Few(Vec<(StrKey, Targets)>),
    Lengths(FxMap<StrKey, Targets>),
    /// Keys reversed when matching from the end.
    Trie(ByteTrie<Targets>),
}

/// Prefix operands (`FROM_END = false`) or suffix operands (`true`) of one path, compared
/// ignoring ASCII case when `FOLD`.
#[derive(Debug, Clone)]
pub(crate) struct AffixSet<const FROM_END: bool, const FOLD: bool> {
    repr: Repr,
    /// (operand length, registrations of that length), sorted by length.
    lengths: SmallVec<[(u32, u32); MAX_LENGTHS]>,
    /// Registrations (a key registered twice counts twice).
    entries: usize,
    /// Updates since the representation last changed.
    updates: usize,
    /// Registrations whose operand ends (suffixes: starts) with `"`: the only ones the value's
    /// quote can complete, so without them the value plus its quote is not looked up.
    quoted: usize,
}

impl<const FROM_END: bool, const FOLD: bool> Default for AffixSet<FROM_END, FOLD> {
    fn default() -> Self {
        AffixSet {
            repr: Repr::Few(Vec::new()),
            lengths: SmallVec::new(),
            entries: 0,
            updates: 0,
            quoted: 0,
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

/// Which representation to rebuild into.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Few,
    Lengths,
    Trie,
}

impl<const FROM_END: bool, const FOLD: bool> AffixSet<FROM_END, FOLD> {
    /// Whether nothing is registered.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Distinct operands.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Few(list) => list.len(),
            Repr::Lengths(table) => table.len(),
            Repr::Trie(trie) => trie.len(),
        }
    }

    /// The targets registered under exactly `key`.
    fn targets(&self, key: &[u8]) -> Option<&Targets> {
        match &self.repr {
            Repr::Few(list) => list.iter().find(|(k, _)| k.as_slice() == key).map(|e| &e.1),
            Repr::Lengths(table) => table.get(key),
            Repr::Trie(trie) => trie.get(&trie_key::<FROM_END>(key)),
        }
    }

    /// Targets registered under exactly `key`.
    pub fn load(&self, key: &[u8]) -> usize {
        self.targets(key).map_or(0, |l| l.len())
    }

    /// The representation a set of this size calls for.
    fn wanted(&self) -> Kind {
        if self.len() <= FEW_KEYS {
            Kind::Few
        } else if self.lengths.len() <= MAX_LENGTHS {
            Kind::Lengths
        } else {
            Kind::Trie
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
        self.quoted += usize::from(ends_in_quote::<FROM_END>(key));
        match &mut self.repr {
            Repr::Few(list) => match list.iter_mut().find(|(k, _)| k.as_slice() == key) {
                Some((_, l)) => l.push(t),
                None => list.push((StrKey::from_slice(key), Targets::from_slice(&[t]))),
            },
            Repr::Lengths(table) => match table.get_mut(key) {
                Some(l) => l.push(t),
                None => {
                    table.insert(StrKey::from_slice(key), Targets::from_slice(&[t]));
                }
            },
            Repr::Trie(trie) => trie.update(&trie_key::<FROM_END>(key), |l| l.push(t)),
        }
        let outgrown = match self.repr {
            Repr::Few(ref list) => list.len() > FEW_KEYS,
            Repr::Lengths(_) => self.lengths.len() > MAX_LENGTHS,
            Repr::Trie(_) => false,
        };
        if outgrown {
            let kind = self.wanted();
            self.rebuild(kind);
        }
    }

    /// Unregister one registration of `key` for `t`; whether there was one.
    pub fn remove(&mut self, key: &[u8], t: u32) -> bool {
        if !self.targets(key).is_some_and(|l| l.contains(&t)) {
            return false;
        }
        match &mut self.repr {
            Repr::Few(list) => {
                if let Some(i) = list.iter().position(|(k, _)| k.as_slice() == key) {
                    remove_one(&mut list[i].1, t);
                    if list[i].1.is_empty() {
                        list.swap_remove(i);
                    }
                }
            }
            Repr::Lengths(table) => {
                if let Some(l) = table.get_mut(key) {
                    remove_one(l, t);
                    if l.is_empty() {
                        table.remove(key);
                    }
                }
            }
            Repr::Trie(trie) => {
                trie.update_existing(&trie_key::<FROM_END>(key), |l| remove_one(l, t));
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
        self.quoted -= usize::from(ends_in_quote::<FROM_END>(key));
        if self.entries == 0 {
            *self = AffixSet::default();
            return true;
        }
        let shrunk = match self.repr {
            Repr::Few(_) => false,
            Repr::Lengths(_) => self.len() <= FEW_KEYS / 2,
            Repr::Trie(_) => self.lengths.len() <= MAX_LENGTHS / 2,
        };
        if shrunk && self.updates >= self.entries {
            let kind = self.wanted();
            self.rebuild(kind);
        }
        true
    }

    /// Move every registration to a representation of `kind`.
    fn rebuild(&mut self, kind: Kind) {
        let old = std::mem::replace(&mut self.repr, Repr::Few(Vec::new()));
        let mut pairs: Vec<(SmallVec<[u8; 64]>, Targets)> = Vec::with_capacity(self.len());
        match old {
            Repr::Few(list) => {
                pairs.extend(list.into_iter().map(|(k, l)| (SmallVec::from_slice(&k), l)));
            }
            Repr::Lengths(table) => {
                pairs.extend(
                    table
                        .into_iter()
                        .map(|(k, l)| (SmallVec::from_slice(&k), l)),
                );
            }
            Repr::Trie(trie) => {
                trie.for_each(|k, l| pairs.push((trie_key::<FROM_END>(k), l.clone())))
            }
        }
        self.repr = match kind {
            Kind::Few => Repr::Few(
                pairs
                    .into_iter()
                    .map(|(k, l)| (StrKey::from_slice(&k), l))
                    .collect(),
            ),
            Kind::Lengths => Repr::Lengths(
                pairs
                    .into_iter()
                    .map(|(k, l)| (StrKey::from_slice(&k), l))
                    .collect(),
            ),
            Kind::Trie => {
                let mut trie: ByteTrie<Targets> = ByteTrie::default();
                for (k, l) in pairs {
                    trie.update(&trie_key::<FROM_END>(&k), |p| *p = l);
                }
                Repr::Trie(trie)
            }
        };
        self.updates = 0;
    }

    /// Whether [`Self::lookup`] reads the value in lower case (`FOLD` sets not compared in
    /// place): a caller that has it may pass it.
    #[inline]
    pub fn needs_lower(&self) -> bool {
        FOLD && !matches!(self.repr, Repr::Few(_))
    }

    /// Call `hit` for the targets of every operand that `v` followed (preceded) by `"` starts
    /// (ends) with (ignoring ASCII case when `FOLD`; `lower` is `v` in ASCII lower case, if the
    /// caller has it).
    #[inline(always)]
    pub fn lookup(&self, v: &[u8], lower: Option<&[u8]>, hit: &mut impl FnMut(u32)) {
        match &self.repr {
            Repr::Few(list) => {
                // The byte every operand but the empty one must end (start) with.
                let edge = match (v.first(), v.last()) {
                    (Some(&f), Some(&l)) => fold::<FOLD>(if FROM_END { l } else { f }),
                    _ => b'"',
                };
                for (k, l) in list {
                    let k_edge = if FROM_END { k.last() } else { k.first() };
                    if k_edge.is_none_or(|&b| b == edge) && affix_eq::<FROM_END, FOLD>(v, k) {
                        l.iter().for_each(|&t| hit(t));
                    }
                }
            }
            _ if FOLD => match lower {
                Some(lower) => self.lookup_hashed(lower, hit),
                None => {
                    let mut lower = SmallVec::<[u8; 64]>::from_slice(v);
                    lower.make_ascii_lowercase();
                    self.lookup_hashed(&lower, hit);
                }
            },
            _ => self.lookup_hashed(v, hit),
        }
    }

    /// [`Self::lookup`] by length or in the trie, `v` already lower-cased when `FOLD`.
    #[inline(always)]
    fn lookup_hashed(&self, v: &[u8], hit: &mut impl FnMut(u32)) {
        let n = v.len();
        match &self.repr {
            Repr::Few(_) => {}
            Repr::Lengths(table) => {
                for &(len, _) in &self.lengths {
                    let len = len as usize;
                    let found = if len <= n {
                        table.get(if FROM_END { &v[n - len..] } else { &v[..len] })
                    } else if len == n + 1 && self.quoted > 0 {
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
        let entry = std::mem::size_of::<(StrKey, Targets)>();
        let heap = |k: &StrKey, l: &Targets| {
            (if k.spilled() { k.len() } else { 0 }) + if l.spilled() { l.capacity() * 4 } else { 0 }
        };
        let repr = match &self.repr {
            Repr::Few(list) => {
                list.capacity() * entry + list.iter().map(|(k, l)| heap(k, l)).sum::<usize>()
            }
            Repr::Lengths(table) => {
                table.capacity() * (entry + 1)
                    + table.iter().map(|(k, l)| heap(k, l)).sum::<usize>()
            }
            Repr::Trie(trie) => trie.approx_bytes(),
        };
        repr + if self.lengths.spilled() {
            self.lengths.capacity() * 8
        } else {
            0
        }
    }

    /// The representation in use (for tests): 0 few, 1 by length, 2 trie.
    #[cfg(test)]
    pub fn kind(&self) -> u8 {
        match self.repr {
            Repr::Few(_) => 0,
            Repr::Lengths(_) => 1,
            Repr::Trie(_) => 2,
        }
    }
}

/// `b` in ASCII lower case when `FOLD`.
#[inline(always)]
fn fold<const FOLD: bool>(b: u8) -> u8 {
    if FOLD { b.to_ascii_lowercase() } else { b }
}

/// Whether `v` followed (`FROM_END`: preceded) by `"` starts (ends) with `key`, ignoring ASCII
/// case when `FOLD` (`key` is then lower case).
#[inline(always)]
fn affix_eq<const FROM_END: bool, const FOLD: bool>(v: &[u8], key: &[u8]) -> bool {
    // `key` is lower case when `FOLD`: only the value's side needs folding.
    let eq = |a: &[u8], b: &[u8]| {
        if FOLD {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_ascii_lowercase() == *y)
        } else {
            a == b
        }
    };
    let (n, len) = (v.len(), key.len());
    if len <= n {
        eq(if FROM_END { &v[n - len..] } else { &v[..len] }, key)
    } else if len == n + 1 {
        if FROM_END {
            key[0] == b'"' && eq(v, &key[1..])
        } else {
            key[n] == b'"' && eq(v, &key[..n])
        }
    } else {
        false
    }
}

/// The trie's part of [`AffixSet::lookup`]: out of line, so that the usual look-ups inline
/// small.
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

/// Whether a prefix operand ends (a suffix operand starts) with `"`.
fn ends_in_quote<const FROM_END: bool>(key: &[u8]) -> bool {
    (if FROM_END { key.first() } else { key.last() }) == Some(&b'"')
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
