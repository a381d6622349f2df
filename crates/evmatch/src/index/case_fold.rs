//! The case folding behind the ignore-case indexes: index keys for `equals-ignore-case`
//! operands, the folded bytes of a value, and [`CaseGroups`], the operands stored under one
//! folded key.
//!
//! Job: turn event-ruler's ignore-case relation (each UTF-16 code unit of the operand stands
//! for its lower- and upper-case mappings, see [`CaseExpansion`]) into byte keys a hash table
//! or a [`super::byte_trie::ByteTrie`] can look up. Two keys exist:
//!
//! * [`ascii_key`]: for operands whose every unit's alternatives are exactly the ASCII bytes
//!   with one ASCII lower-case form (every ASCII operand). For them, a value (or a prefix of
//!   it) matches **if and only if** its bytes, ASCII-lower-cased one by one, equal the key: such
//!   an operand accepts only ASCII bytes, so a value's non-ASCII byte never matches, and an
//!   ASCII byte matches a unit exactly when it lower-cases to the unit's byte. No check is
//!   needed after the look-up.
//! * [`folded_key`]: for the others, the per-character fold `φ(c) = lower(upper(lower(c)))`
//!   (Rust's full mappings, as [`CaseExpansion`] uses) of any one alternative of each unit,
//!   provided that every alternative of every unit folds alike (so far this holds for every
//!   Unicode character; an operand for which it does not gets no key and is checked per entry).
//!   `φ` is applied character by character, so it maps a concatenation of alternatives to the
//!   concatenation of their folds: a value that one operand accepts (or starts or ends with)
//!   folds to (or starts or ends with) that operand's key. The converse does not hold (the
//!   Kelvin sign and `k` fold alike, yet the operand `k` does not accept the Kelvin sign; a
//!   title-case letter folds like its pair), so a look-up by this key yields *candidates* that
//!   must be confirmed with the operand's exact check.
//!
//! Invariants: a value is folded at most once per look-up ([`fold_value`]); the folded bytes of
//! an ASCII value are its ASCII lower case, so both keys can be looked up in one buffer.
//!
//! Costs: folding is one pass over the value (a byte map for ASCII; per character case tables
//! otherwise), on the stack up to [`FoldBuf`]'s inline size. Confirming a candidate costs one
//! [`CaseExpansion`] check (linear in the operand). Operands with identical alternatives accept
//! exactly the same values, so [`CaseGroups`] confirms each distinct alternative list once and
//! reports all its targets: a candidate group fails only if its operand contains a character
//! whose alternatives are not its whole fold class (Kelvin sign, long s, dotless i, final
//! sigma, title case, …). Many distinct such operands under one key can all fail for one value
//! (e.g. the 2ⁿ spellings of `k`/Kelvin sign of length n, against a value of `K`s): the work is
//! then bounded by the number of distinct non-ASCII operands whose key is a prefix of the
//! value's fold, never by the ASCII operands, which are exact.

use smallvec::SmallVec;

use super::byte_trie::Payload;
use super::targets::{Targets, remove_one};
use crate::pattern::case::CaseExpansion;

/// A folded value: on the stack up to 64 bytes.
pub(crate) type FoldBuf = SmallVec<[u8; 64]>;

/// Append `φ(c) = lower(upper(lower(c)))` to `out`.
#[inline]
fn push_folded(c: char, out: &mut impl Extend<u8>) {
    if c.is_ascii() {
        out.extend([c.to_ascii_lowercase() as u8]);
        return;
    }
    let mut utf8 = [0u8; 4];
    for l in c.to_lowercase() {
        for u in l.to_uppercase() {
            for f in u.to_lowercase() {
                out.extend(f.encode_utf8(&mut utf8).bytes());
            }
        }
    }
}

/// `φ` of each character of `s`.
fn fold_str(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// `φ` of each character of `value` into `out` (cleared first): for ASCII values, their ASCII
/// lower case.
pub(crate) fn fold_value(value: &str, out: &mut FoldBuf) {
    out.clear();
    if value.is_ascii() {
        out.extend(value.bytes().map(|b| b.to_ascii_lowercase()));
    } else {
        for c in value.chars() {
            push_folded(c, out);
        }
    }
}

/// The exact ASCII key of an operand whose every unit's alternatives are the one or two ASCII
/// bytes sharing an ASCII lower case (see the module docs), else `None`.
pub(crate) fn ascii_key(e: &CaseExpansion) -> Option<Vec<u8>> {
    e.units()
        .iter()
        .map(|alts| {
            let lower = alts.first()?.as_bytes();
            let &[k] = lower else { return None };
            let k = k.to_ascii_lowercase();
            let all_fold = alts
                .iter()
                .all(|a| a.len() == 1 && a.as_bytes()[0].to_ascii_lowercase() == k);
            let has = |b: u8| alts.iter().any(|a| a.as_bytes()[0] == b);
            (k.is_ascii() && all_fold && has(k) && has(k.to_ascii_uppercase())).then_some(k)
        })
        .collect()
}

/// The folded key of an operand whose every unit's alternatives fold alike (see the module
/// docs), else `None`.
pub(crate) fn folded_key(e: &CaseExpansion) -> Option<Vec<u8>> {
    let mut key = Vec::new();
    for alts in e.units() {
        let f = fold_str(alts.first()?);
        if alts.iter().skip(1).any(|a| fold_str(a) != f) {
            return None;
        }
        key.extend_from_slice(&f);
    }
    Some(key)
}

/// Operands stored under one folded key, grouped by their alternatives: a group's operands
/// accept exactly the same values, so one check decides them all.
#[derive(Debug, Clone, Default)]
pub(crate) struct CaseGroups(Vec<(CaseExpansion, Targets)>);

impl CaseGroups {
    /// Register `e` for `t`.
    pub fn add(&mut self, e: &CaseExpansion, t: u32) {
        match self.0.iter_mut().find(|(g, _)| g.units() == e.units()) {
            Some((_, targets)) => targets.push(t),
            None => self.0.push((e.clone(), Targets::from_slice(&[t]))),
        }
    }

    /// Unregister one registration of `e` for `t`; whether there was one.
    pub fn remove(&mut self, e: &CaseExpansion, t: u32) -> bool {
        let Some(i) = self.0.iter().position(|(g, _)| g.units() == e.units()) else {
            return false;
        };
        let before = self.0[i].1.len();
        remove_one(&mut self.0[i].1, t);
        let removed = self.0[i].1.len() < before;
        if self.0[i].1.is_empty() {
            self.0.swap_remove(i);
        }
        removed
    }

    /// Report the targets of every group that `accepts`.
    #[inline]
    pub fn confirm(&self, accepts: impl Fn(&CaseExpansion) -> bool, hit: &mut impl FnMut(u32)) {
        for (e, targets) in &self.0 {
            if accepts(e) {
                targets.iter().for_each(|&t| hit(t));
            }
        }
    }

    /// Registered targets (over all groups).
    pub fn targets(&self) -> usize {
        self.0.iter().map(|(_, t)| t.len()).sum()
    }
}

impl Payload for CaseGroups {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn heap_bytes(&self) -> usize {
        self.0.capacity() * std::mem::size_of::<(CaseExpansion, Targets)>()
            + self
                .0
                .iter()
                .map(|(e, t)| e.heap_bytes() + t.heap_bytes())
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> CaseExpansion {
        CaseExpansion::new(s)
    }

    #[test]
    fn keys() {
        assert_eq!(ascii_key(&e("aB-1\"")), Some(b"ab-1\"".to_vec()));
        assert_eq!(ascii_key(&e("")), Some(Vec::new()));
        assert_eq!(ascii_key(&e("é")), None);
        assert_eq!(ascii_key(&e("\u{212A}")), None);
        assert_eq!(folded_key(&e("\u{212A}")), Some(b"k".to_vec()));
        assert_eq!(folded_key(&e("straße")), Some(b"strasse".to_vec()));
        assert_eq!(folded_key(&e("ẞ")), Some(b"ss".to_vec()));
        assert_eq!(folded_key(&e("😀")), Some(b"??".to_vec()));
        assert_eq!(folded_key(&e("ÉTÉ")), Some("été".as_bytes().to_vec()));
    }

    #[test]
    fn every_character_folds_alike_across_its_alternatives() {
        // The per-entry fallback exists for safety; today no character needs it.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let ex = e(c.encode_utf8(&mut [0; 4]));
            assert!(folded_key(&ex).is_some(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn fold_value_matches_keys() {
        let mut buf = FoldBuf::new();
        for (v, k) in [("STRASSE", "straße"), ("ÉtÉ", "été"), ("k", "\u{212A}")] {
            fold_value(v, &mut buf);
            assert_eq!(buf.as_slice(), folded_key(&e(k)).unwrap().as_slice(), "{v}");
        }
        fold_value("AbC", &mut buf);
        assert_eq!(buf.as_slice(), b"abc");
    }

    #[test]
    fn groups_share_checks_by_alternatives() {
        let mut g = CaseGroups::default();
        g.add(&e("ab"), 1);
        g.add(&e("AB"), 2);
        g.add(&e("a\u{212A}"), 3);
        assert_eq!(g.0.len(), 2);
        assert_eq!(g.targets(), 3);
        let mut hits = Vec::new();
        g.confirm(|x| x.equals("AB"), &mut |t| hits.push(t));
        hits.sort_unstable();
        assert_eq!(hits, vec![1, 2]);
        g.remove(&e("AB"), 1);
        g.remove(&e("ab"), 2);
        g.remove(&e("a\u{212A}"), 3);
        assert!(Payload::is_empty(&g));
    }
}
