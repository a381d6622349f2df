//! [`IgnoreCaseIndex`]: the `equals-ignore-case`, `prefix`/`suffix` `equals-ignore-case`
//! trigger conditions of one path, looked up by a string value.
//!
//! Job: report the targets of every ignore-case condition a value satisfies, in time
//! proportional to the value's length plus the conditions reported, however many conditions
//! share the path. Operands are keyed as [`super::case_fold`] describes:
//!
//! * ASCII operands (exact keys): `equals-ignore-case` in a hash table under the key (compared
//!   in place while there are at most [`FEW_EQUAL`]), prefixes and suffixes in an [`AffixSet`]
//!   each. They are looked up with the value's bytes in ASCII lower case (non-ASCII bytes
//!   unchanged, so they match no ASCII key), and every target found is satisfied.
//! * Other operands (folded keys): the same three forms over folded keys, in a hash table and
//!   two [`ByteTrie`]s (suffix keys reversed) holding [`CaseGroups`]; the value is folded
//!   once, every group found is a candidate and is confirmed with its exact check (see
//!   [`super::case_fold`] for why a candidate is almost always satisfied and what bounds the
//!   exceptions).
//!
//! event-ruler matches prefixes against the value followed by its closing quote and suffixes
//! against the value preceded by its opening quote ([`CaseExpansion::is_prefix_of_quoted`]):
//! every affix look-up sees the value with that quote, so an operand ending (suffix: starting)
//! with `"` also matches the value without it, as the reference evaluator has it.
//!
//! Invariants: every registration is in exactly one structure, chosen from the operand alone,
//! so removal finds it again; `entries` counts the registrations; empty structures hold no
//! memory.
//!
//! Costs per value: nothing when empty; otherwise one copy of the value in ASCII lower case
//! (on the stack up to 64 bytes) unless only a few ASCII `equals-ignore-case` keys exist, the
//! [`AffixSet`] look-ups, one hash look-up, and, when folded operands exist, one fold of a
//! non-ASCII value, the folded structures' look-ups and one check per candidate group. An
//! operand for which neither key exists (none today) is left to the caller.

use super::affix_set::AffixSet;
use super::byte_trie::ByteTrie;
use super::case_fold::{CaseGroups, FoldBuf, ascii_key, fold_value, folded_key};
use super::targets::{StrKey, Targets, remove_one};
use crate::pattern::case::CaseExpansion;
use crate::util::FxMap;

/// `bytes` in ASCII lower case, made in `slot` on first use.
#[inline]
fn lowered<'a>(slot: &'a mut Option<FoldBuf>, bytes: &[u8]) -> &'a [u8] {
    slot.get_or_insert_with(|| {
        let mut lower = FoldBuf::from_slice(bytes);
        lower.make_ascii_lowercase();
        lower
    })
}

/// `equals-ignore-case` tables with at most this many ASCII keys are compared in place.
const FEW_EQUAL: usize = 4;

/// Which ignore-case form a condition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaseForm {
    Equals,
    Prefix,
    Suffix,
}

/// How an operand is keyed.
enum Key {
    Ascii(Vec<u8>),
    Folded(Vec<u8>),
}

impl Key {
    /// The key of `e`; folded suffix keys are reversed (the trie's order), ASCII ones are not
    /// ([`AffixSet`] takes them as written).
    fn of(e: &CaseExpansion, form: CaseForm) -> Option<Key> {
        match ascii_key(e) {
            Some(k) => Some(Key::Ascii(k)),
            None => folded_key(e).map(|mut k| {
                if form == CaseForm::Suffix {
                    k.reverse();
                }
                Key::Folded(k)
            }),
        }
    }
}

/// The ignore-case conditions of one path (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct IgnoreCaseIndex {
    equal_ascii: FxMap<StrKey, Targets>,
    equal_folded: FxMap<Box<[u8]>, CaseGroups>,
    prefix_ascii: AffixSet<false, true>,
    prefix_folded: ByteTrie<CaseGroups>,
    suffix_ascii: AffixSet<true, true>,
    /// Keys reversed.
    suffix_folded: ByteTrie<CaseGroups>,
    /// Whether any folded structure is non-empty.
    any_folded: bool,
    /// Registrations in all structures.
    entries: usize,
}

impl IgnoreCaseIndex {
    /// Whether this index can hold `e` (else the caller checks it per entry).
    pub fn indexable(e: &CaseExpansion) -> bool {
        ascii_key(e).is_some() || folded_key(e).is_some()
    }

    /// Whether nothing is registered.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Register `e` of `form` for `t`; `false` (nothing registered) when not indexable.
    pub fn add(&mut self, form: CaseForm, e: &CaseExpansion, t: u32) -> bool {
        let Some(key) = Key::of(e, form) else {
            return false;
        };
        match (key, form) {
            (Key::Ascii(k), CaseForm::Equals) => self
                .equal_ascii
                .entry(StrKey::from_slice(&k))
                .or_default()
                .push(t),
            (Key::Ascii(k), CaseForm::Prefix) => self.prefix_ascii.add(&k, t),
            (Key::Ascii(k), CaseForm::Suffix) => self.suffix_ascii.add(&k, t),
            (Key::Folded(k), form) => {
                match form {
                    CaseForm::Equals => self
                        .equal_folded
                        .entry(k.into_boxed_slice())
                        .or_default()
                        .add(e, t),
                    CaseForm::Prefix => self.prefix_folded.update(&k, |g| g.add(e, t)),
                    CaseForm::Suffix => self.suffix_folded.update(&k, |g| g.add(e, t)),
                }
                self.any_folded = true;
            }
        }
        self.entries += 1;
        true
    }

    /// Unregister one registration of `e` of `form` for `t`; `false` when not indexable.
    pub fn remove(&mut self, form: CaseForm, e: &CaseExpansion, t: u32) -> bool {
        let Some(key) = Key::of(e, form) else {
            return false;
        };
        let removed = match (key, form) {
            (Key::Ascii(k), CaseForm::Equals) => {
                let Some(list) = self.equal_ascii.get_mut(k.as_slice()) else {
                    return true;
                };
                let before = list.len();
                remove_one(list, t);
                let removed = list.len() < before;
                if list.is_empty() {
                    self.equal_ascii.remove(k.as_slice());
                    if self.equal_ascii.is_empty() {
                        self.equal_ascii = FxMap::default();
                    }
                }
                removed
            }
            (Key::Ascii(k), CaseForm::Prefix) => self.prefix_ascii.remove(&k, t),
            (Key::Ascii(k), CaseForm::Suffix) => self.suffix_ascii.remove(&k, t),
            (Key::Folded(k), CaseForm::Equals) => {
                let Some(g) = self.equal_folded.get_mut(k.as_slice()) else {
                    return true;
                };
                let removed = g.remove(e, t);
                if g.targets() == 0 {
                    self.equal_folded.remove(k.as_slice());
                    if self.equal_folded.is_empty() {
                        self.equal_folded = FxMap::default();
                    }
                }
                removed
            }
            (Key::Folded(k), CaseForm::Prefix) => {
                let mut removed = false;
                self.prefix_folded
                    .update_existing(&k, |g| removed = g.remove(e, t));
                removed
            }
            (Key::Folded(k), CaseForm::Suffix) => {
                let mut removed = false;
                self.suffix_folded
                    .update_existing(&k, |g| removed = g.remove(e, t));
                removed
            }
        };
        if removed {
            self.entries -= 1;
        }
        self.any_folded = !self.equal_folded.is_empty()
            || !self.prefix_folded.is_empty()
            || !self.suffix_folded.is_empty();
        true
    }

    /// Call `hit` for the target of every registered condition that the string `v` satisfies.
    #[inline]
    pub fn lookup(&self, v: &str, hit: &mut impl FnMut(u32)) {
        let bytes = v.as_bytes();
        // The value's bytes in ASCII lower case, made at most once and only if read: what the
        // ASCII keys are compared with, and the fold of an ASCII value.
        let mut lower: Option<FoldBuf> = None;
        if !self.prefix_ascii.is_empty() {
            let l = self
                .prefix_ascii
                .needs_lower()
                .then(|| lowered(&mut lower, bytes));
            self.prefix_ascii.lookup(bytes, l, hit);
        }
        if !self.suffix_ascii.is_empty() {
            let l = self
                .suffix_ascii
                .needs_lower()
                .then(|| lowered(&mut lower, bytes));
            self.suffix_ascii.lookup(bytes, l, hit);
        }
        if self.equal_ascii.is_empty() && !self.any_folded {
            return;
        }
        let ascii = v.is_ascii();
        let few_equal = self.equal_ascii.len() <= FEW_EQUAL;
        if ascii && few_equal {
            // Compared in place: an ASCII value equals a key ignoring ASCII case exactly when
            // its lower case is the key.
            for (k, list) in &self.equal_ascii {
                if k.len() == v.len() && k.eq_ignore_ascii_case(bytes) {
                    list.iter().for_each(|&t| hit(t));
                }
            }
        }
        if ascii
            && !few_equal
            && let Some(list) = self.equal_ascii.get(lowered(&mut lower, bytes))
        {
            list.iter().for_each(|&t| hit(t));
        }
        if self.any_folded {
            if ascii {
                self.lookup_folded(v, lowered(&mut lower, bytes), hit);
            } else {
                let mut folded = FoldBuf::new();
                fold_value(v, &mut folded);
                self.lookup_folded(v, &folded, hit);
            }
        }
    }

    /// The folded structures' candidates for `v` (folded: `f`), confirmed.
    fn lookup_folded(&self, v: &str, f: &[u8], hit: &mut impl FnMut(u32)) {
        let n = f.len();
        if let Some(groups) = self.equal_folded.get(f) {
            groups.confirm(|e| e.equals(v), hit);
        }
        self.prefix_folded.walk(
            n + 1,
            |i| if i < n { f[i] } else { b'"' },
            |g| g.confirm(|e| e.is_prefix_of_quoted(v), hit),
        );
        self.suffix_folded.walk(
            n + 1,
            |i| if i < n { f[n - 1 - i] } else { b'"' },
            |g| g.confirm(|e| e.is_suffix_of_quoted(v), hit),
        );
    }

    /// Registered targets under one key of exactly `e` (ties between trigger candidates).
    pub fn load(&self, form: CaseForm, e: &CaseExpansion) -> usize {
        match (Key::of(e, form), form) {
            (Some(Key::Ascii(k)), CaseForm::Equals) => {
                self.equal_ascii.get(k.as_slice()).map_or(0, |l| l.len())
            }
            (Some(Key::Ascii(k)), CaseForm::Prefix) => self.prefix_ascii.load(&k),
            (Some(Key::Ascii(k)), CaseForm::Suffix) => self.suffix_ascii.load(&k),
            _ => 0,
        }
    }

    /// Distinct keys, for statistics.
    pub fn keys(&self) -> usize {
        self.equal_ascii.len()
            + self.equal_folded.len()
            + self.prefix_ascii.len()
            + self.prefix_folded.len()
            + self.suffix_ascii.len()
            + self.suffix_folded.len()
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        use super::byte_trie::Payload;
        self.equal_ascii.capacity() * (std::mem::size_of::<(StrKey, Targets)>() + 1)
            + self
                .equal_ascii
                .iter()
                .map(|(k, l)| (if k.spilled() { k.len() } else { 0 }) + l.heap_bytes())
                .sum::<usize>()
            + self.equal_folded.capacity() * (16 + std::mem::size_of::<CaseGroups>() + 1)
            + self
                .equal_folded
                .iter()
                .map(|(k, g)| k.len() + g.heap_bytes())
                .sum::<usize>()
            + self.prefix_ascii.approx_bytes()
            + self.prefix_folded.approx_bytes()
            + self.suffix_ascii.approx_bytes()
            + self.suffix_folded.approx_bytes()
    }
}
