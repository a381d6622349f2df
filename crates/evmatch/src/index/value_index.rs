//! [`ValueIndex`]: the trigger conditions registered on one path, looked up by leaf value.
//!
//! Given one leaf, which *targets* do the registered conditions accept? A target is a `u32`
//! chosen by the trigger index (a branch to check, or a rule matched outright, see
//! [`super::RULE_MATCHED`]). Only each branch's *trigger* is registered here (see the module
//! docs of [`super`]), so the work per leaf is proportional to the targets it reports plus a
//! few hash look-ups, not to the number of rules:
//!
//! * exact strings (and wildcards without a star), numbers (by comparable value, or by token
//!   text when not comparable): one hash look-up;
//! * CIDR blocks and IP-address literals (a literal is the block of its one address): the value
//!   is parsed once, then one hash look-up per distinct prefix length ([`IpBlocks`]);
//! * prefixes and suffixes: an [`AffixSet`] each: up to 8 operands compared in place, then one
//!   hash look-up per distinct operand length while there are at most 8 lengths, else a trie
//!   walk over the value (at most `len + 2` nodes); all see the value followed (suffixes:
//!   preceded) by its quote, which is event-ruler's quote quirk (a prefix ending in `"` also
//!   matches the value without it, a suffix starting with `"` likewise);
//! * `equals-ignore-case` and the `prefix`/`suffix` `equals-ignore-case` forms
//!   ([`IgnoreCaseIndex`]): ASCII operands in the same structures over ASCII lower case, exact;
//!   the others over case-folded keys, each candidate confirmed; the value lower-cased and
//!   folded at most once;
//! * wildcards with a star: one [`WildcardSet`] (a lazily determinised automaton of all of them,
//!   plus a small one of those added recently, each walked once per value; up to 16 wildcards
//!   are checked one by one);
//! * numeric ranges: sorted by lower bound, scanned only while an earlier range can reach x;
//! * booleans, null and `exists: true`: plain lists;
//! * `anything-but` in every form: as a complement, every registration minus those whose
//!   operands the value hits, found in an inner exclusion index ([`AnythingButs`]).
//!
//! The rest (the empty prefix and suffix, ignore-case operands with no fixed folded key) are
//! evaluated per entry; the trigger choice keeps them out of here unless a branch has nothing
//! more selective.

use super::affix_set::AffixSet;
use super::anything_but::AnythingButs;
use super::exact_strings::ExactStrings;
use super::ignore_case::{CaseForm, IgnoreCaseIndex};
use super::ip_blocks::IpBlocks;
use super::leaf_match::leaf_matches;
use super::numeric_ranges::NumericRanges;
use super::targets::{Targets, remove_one};
use super::wildcard_set::WildcardSet;
use crate::flatten::Leaf;
use crate::pattern::ip::Address;
use crate::pattern::ir::Condition;
use crate::util::FxMap;

/// The conditions registered on one path, by target.
#[derive(Debug, Clone, Default)]
pub(crate) struct ValueIndex {
    strings: ExactStrings,
    numbers: FxMap<u64, Targets>,
    number_texts: FxMap<Box<str>, Targets>,
    /// CIDR blocks and IP-address literals; `None` when there are none.
    ips: Option<Box<IpBlocks>>,
    trues: Vec<u32>,
    falses: Vec<u32>,
    nulls: Vec<u32>,
    any: Vec<u32>,
    numeric: NumericRanges,
    prefixes: AffixSet<false, false>,
    suffixes: AffixSet<true, false>,
    ignore_case: IgnoreCaseIndex,
    /// Wildcards with at least one star.
    wildcards: WildcardSet,
    /// `anything-but` conditions; `None` when there are none.
    anything_buts: Option<Box<AnythingButs>>,
    others: Vec<(Condition, u32)>,
    entries: usize,
}

#[inline]
fn num_key(x: f64) -> u64 {
    (x + 0.0).to_bits()
}

fn remove_vec<T: PartialEq>(list: &mut Vec<T>, t: &T) {
    if let Some(i) = list.iter().position(|s| s == t) {
        list.swap_remove(i);
    }
}

fn remove_from_map<K, Q>(map: &mut FxMap<K, Targets>, key: &Q, t: u32)
where
    K: std::hash::Hash + Eq + std::borrow::Borrow<Q>,
    Q: std::hash::Hash + Eq + ?Sized,
{
    if let Some(list) = map.get_mut(key) {
        remove_one(list, t);
        if list.is_empty() {
            map.remove(key);
        }
    }
}

/// How selective a condition is as a trigger: lower is better.
pub(crate) fn rank(c: &Condition) -> u8 {
    match c {
        Condition::String(_)
        | Condition::Exactly(_)
        | Condition::Number(_)
        | Condition::IpAddress(..) => 0,
        Condition::Wildcard(w) if w.segments().len() == 1 => 0,
        Condition::Prefix(p) if !p.is_empty() => 1,
        Condition::EqualsIgnoreCase(e) if IgnoreCaseIndex::indexable(e) => 1,
        // An empty ignore-case prefix or suffix accepts every string, like an empty prefix.
        Condition::PrefixIgnoreCase(e) | Condition::SuffixIgnoreCase(e) if e.units().is_empty() => {
            6
        }
        Condition::PrefixIgnoreCase(e) if IgnoreCaseIndex::indexable(e) => 1,
        Condition::Suffix(s) if !s.is_empty() => 2,
        Condition::SuffixIgnoreCase(e) if IgnoreCaseIndex::indexable(e) => 2,
        Condition::Numeric(_) | Condition::Cidr(..) => 2,
        // Wildcards are indexed whatever their shape; a literal first segment is the most
        // selective, any literal byte next; `*` alone matches every string.
        Condition::Wildcard(w) if !w.segments()[0].is_empty() => 2,
        Condition::Wildcard(w) if w.segments().iter().any(|s| !s.is_empty()) => 3,
        Condition::Bool(_) | Condition::Null => 4,
        Condition::PrefixIgnoreCase(_)
        | Condition::SuffixIgnoreCase(_)
        | Condition::EqualsIgnoreCase(_) => 5,
        Condition::Prefix(_) | Condition::Suffix(_) | Condition::Wildcard(_) => 6,
        Condition::AnythingBut(_) => 7,
        Condition::Exists(_) => 8,
    }
}

impl ValueIndex {
    /// The number of targets already registered under `c`'s key (0 when not hashed): breaks
    /// ties between equally ranked trigger candidates.
    pub fn load(&self, c: &Condition) -> usize {
        match c {
            Condition::String(s) | Condition::Exactly(s) => {
                self.strings.get(s.as_bytes()).map_or(0, |l| l.len())
            }
            Condition::Number(lit) => match lit.value {
                Some(v) => self.numbers.get(&num_key(v)).map_or(0, |l| l.len()),
                None => self
                    .number_texts
                    .get(lit.text.as_str())
                    .map_or(0, |l| l.len()),
            },
            Condition::Prefix(p) => self.prefixes.load(p.as_bytes()),
            Condition::Suffix(s) => self.suffixes.load(s.as_bytes()),
            Condition::EqualsIgnoreCase(e) => self.ignore_case.load(CaseForm::Equals, e),
            Condition::PrefixIgnoreCase(e) => self.ignore_case.load(CaseForm::Prefix, e),
            Condition::SuffixIgnoreCase(e) => self.ignore_case.load(CaseForm::Suffix, e),
            _ => 0,
        }
    }

    /// Register `cond` for target `t`. `Exists(false)` is not a value condition and is ignored.
    pub fn add(&mut self, cond: &Condition, t: u32) {
        match cond {
            Condition::Exists(false) => return,
            Condition::String(s) | Condition::Exactly(s) => self.add_str(s.as_bytes(), t),
            Condition::Wildcard(w) if w.segments().len() == 1 => self.add_str(&w.segments()[0], t),
            Condition::IpAddress(_, r) | Condition::Cidr(_, r) => {
                self.ips.get_or_insert_default().add(r, t)
            }
            Condition::AnythingBut(ab) => self.anything_buts.get_or_insert_default().add(ab, t),
            Condition::Number(lit) => match lit.value {
                Some(v) => self.numbers.entry(num_key(v)).or_default().push(t),
                None => self
                    .number_texts
                    .entry(lit.text.as_str().into())
                    .or_default()
                    .push(t),
            },
            Condition::Bool(true) => self.trues.push(t),
            Condition::Bool(false) => self.falses.push(t),
            Condition::Null => self.nulls.push(t),
            Condition::Exists(true) => self.any.push(t),
            Condition::Numeric(r) => self.numeric.add(*r, t),
            Condition::Prefix(p) => self.prefixes.add(p.as_bytes(), t),
            Condition::Suffix(s) => self.suffixes.add(s.as_bytes(), t),
            Condition::EqualsIgnoreCase(e) if self.ignore_case.add(CaseForm::Equals, e, t) => {}
            Condition::PrefixIgnoreCase(e) if self.ignore_case.add(CaseForm::Prefix, e, t) => {}
            Condition::SuffixIgnoreCase(e) if self.ignore_case.add(CaseForm::Suffix, e, t) => {}
            Condition::Wildcard(w) => self.wildcards.add(w, t),
            other => self.others.push((other.clone(), t)),
        }
        self.entries += 1;
    }

    /// Register an exact string for target `t`.
    pub fn add_str(&mut self, s: &[u8], t: u32) {
        self.strings.add(s, t);
    }

    /// Start loading where a look-up of the string `value` begins (see
    /// [`ExactStrings::prefetch`]).
    #[inline]
    pub fn prefetch_str(&self, value: &[u8]) {
        self.strings.prefetch(value);
    }

    /// Unregister an exact string (the inverse of [`ValueIndex::add_str`]).
    pub fn remove_str(&mut self, s: &[u8], t: u32) {
        self.strings.remove(s, t);
    }

    /// Count one registration made with [`ValueIndex::add_str`] directly.
    pub fn count_entry(&mut self, delta: isize) {
        self.entries = self.entries.wrapping_add_signed(delta);
    }

    /// Unregister one `cond` for `t` (the inverse of [`ValueIndex::add`]).
    pub fn remove(&mut self, cond: &Condition, t: u32) {
        match cond {
            Condition::Exists(false) => return,
            Condition::String(s) | Condition::Exactly(s) => self.remove_str(s.as_bytes(), t),
            Condition::Wildcard(w) if w.segments().len() == 1 => {
                self.remove_str(&w.segments()[0], t)
            }
            Condition::IpAddress(_, r) | Condition::Cidr(_, r) => {
                if let Some(ips) = &mut self.ips {
                    ips.remove(r, t);
                    if ips.is_empty() {
                        self.ips = None;
                    }
                }
            }
            Condition::AnythingBut(ab) => {
                if let Some(abs) = &mut self.anything_buts {
                    abs.remove(ab, t);
                    if abs.is_empty() {
                        self.anything_buts = None;
                    }
                }
            }
            Condition::Number(lit) => match lit.value {
                Some(v) => remove_from_map(&mut self.numbers, &num_key(v), t),
                None => remove_from_map(&mut self.number_texts, lit.text.as_str(), t),
            },
            Condition::Bool(true) => remove_vec(&mut self.trues, &t),
            Condition::Bool(false) => remove_vec(&mut self.falses, &t),
            Condition::Null => remove_vec(&mut self.nulls, &t),
            Condition::Exists(true) => remove_vec(&mut self.any, &t),
            Condition::Numeric(r) => self.numeric.remove(r, t),
            Condition::Prefix(p) => {
                self.prefixes.remove(p.as_bytes(), t);
            }
            Condition::Suffix(s) => {
                self.suffixes.remove(s.as_bytes(), t);
            }
            Condition::EqualsIgnoreCase(e) if self.ignore_case.remove(CaseForm::Equals, e, t) => {}
            Condition::PrefixIgnoreCase(e) if self.ignore_case.remove(CaseForm::Prefix, e, t) => {}
            Condition::SuffixIgnoreCase(e) if self.ignore_case.remove(CaseForm::Suffix, e, t) => {}
            Condition::Wildcard(w) => self.wildcards.remove(w, t),
            other => {
                if let Some(i) = self.others.iter().position(|(x, s)| *s == t && x == other) {
                    self.others.swap_remove(i);
                }
            }
        }
        self.entries -= 1;
    }

    /// Whether any registered condition accepts `leaf`. Out of line: it serves long value
    /// lists only, and inlined it would weigh on the candidate check of every short one.
    #[inline(never)]
    pub fn accepts(&self, leaf: Leaf<'_>) -> bool {
        let mut any = false;
        self.matches(leaf, |_| any = true);
        any
    }

    /// Call `hit` for every target some condition of which accepts `leaf` (a target may be
    /// reported more than once).
    #[inline]
    pub fn matches(&self, leaf: Leaf<'_>, mut hit: impl FnMut(u32)) {
        for &s in &self.any {
            hit(s);
        }
        match leaf {
            Leaf::Str(v) => {
                let bytes = v.as_bytes();
                if let Some(list) = self.strings.get(bytes) {
                    list.iter().for_each(|&s| hit(s));
                }
                if !self.prefixes.is_empty()
                    || !self.suffixes.is_empty()
                    || !self.ignore_case.is_empty()
                {
                    self.match_affixes(v, &mut hit);
                }
                if let Some(ips) = &self.ips
                    && let Some(a) = Address::parse(v)
                {
                    ips.lookup(a, &mut hit);
                }
                self.wildcards.matches(v, &mut hit);
            }
            Leaf::Num(text, value) => {
                if let Some(x) = value {
                    if let Some(list) = self.numbers.get(&num_key(x)) {
                        list.iter().for_each(|&s| hit(s));
                    }
                    self.numeric.lookup(x, &mut hit);
                }
                if !self.number_texts.is_empty()
                    && let Some(list) = self.number_texts.get(text)
                {
                    list.iter().for_each(|&s| hit(s));
                }
            }
            Leaf::Bool(true) => self.trues.iter().for_each(|&s| hit(s)),
            Leaf::Bool(false) => self.falses.iter().for_each(|&s| hit(s)),
            Leaf::Null => self.nulls.iter().for_each(|&s| hit(s)),
        }
        if let Some(ab) = &self.anything_buts {
            ab.matches(leaf, &mut hit);
        }
        for (c, s) in &self.others {
            if leaf_matches(c, leaf) {
                hit(*s);
            }
        }
    }

    /// The prefixes, suffixes and ignore-case forms that accept the string `v`: out of line,
    /// so that [`ValueIndex::matches`] stays small enough to inline where paths hold none.
    #[inline(never)]
    fn match_affixes(&self, v: &str, hit: &mut impl FnMut(u32)) {
        let bytes = v.as_bytes();
        if !self.prefixes.is_empty() {
            self.prefixes.lookup(bytes, None, hit);
        }
        if !self.suffixes.is_empty() {
            self.suffixes.lookup(bytes, None, hit);
        }
        if !self.ignore_case.is_empty() {
            self.ignore_case.lookup(v, hit);
        }
    }

    /// (distinct keys, entries) for statistics.
    pub fn size(&self) -> (usize, usize) {
        let keys = self.strings.len()
            + self.numbers.len()
            + self.number_texts.len()
            + self.ips.as_ref().map_or(0, |ips| ips.keys())
            + self.anything_buts.as_ref().map_or(0, |ab| ab.len())
            + self.prefixes.len()
            + self.suffixes.len()
            + self.ignore_case.keys()
            + self.wildcards.len()
            + self.numeric.len;
        (keys, self.entries)
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        let targets = std::mem::size_of::<Targets>();
        let heap = |v: &Targets| if v.spilled() { v.capacity() * 4 } else { 0 };
        self.strings.approx_bytes()
            + self.numbers.capacity() * (8 + targets + 1)
            + self.numbers.values().map(heap).sum::<usize>()
            + self.number_texts.capacity() * (16 + targets + 1)
            + self
                .number_texts
                .iter()
                .map(|(k, v)| k.len() + heap(v))
                .sum::<usize>()
            + self.ips.as_ref().map_or(0, |ips| {
                std::mem::size_of::<IpBlocks>() + ips.approx_bytes()
            })
            + self.anything_buts.as_ref().map_or(0, |ab| {
                std::mem::size_of::<AnythingButs>() + ab.approx_bytes()
            })
            + (self.trues.capacity()
                + self.falses.capacity()
                + self.nulls.capacity()
                + self.any.capacity())
                * 4
            + self.numeric.approx_bytes()
            + self.prefixes.approx_bytes()
            + self.suffixes.approx_bytes()
            + self.ignore_case.approx_bytes()
            + self.wildcards.approx_bytes()
            + self.others.capacity() * std::mem::size_of::<(Condition, u32)>()
            + self
                .others
                .iter()
                .map(|(c, _)| c.heap_bytes())
                .sum::<usize>()
    }
}
