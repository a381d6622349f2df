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
//! * prefixes and suffixes: one hash look-up per distinct operand length (suffixes keyed by the
//!   value's tail); the variants for event-ruler's quote quirk (a prefix ending in `"` also
//!   matches the value without it, a suffix starting with `"` likewise) are exact look-ups;
//! * `equals-ignore-case` operands whose every code unit's alternatives lower-case to the same
//!   text: a look-up of the lower-cased value, then the exact check;
//! * wildcards: bucketed by their literal first segment (prefix-style) or, failing that, their
//!   literal last segment (suffix-style), then the exact check;
//! * numeric ranges: sorted by lower bound, scanned only while an earlier range can reach x;
//! * booleans, null and `exists: true`: plain lists;
//! * `anything-but` in every form: as a complement, every registration minus those whose
//!   operands the value hits, found in an inner exclusion index ([`AnythingButs`]).
//!
//! The rest (prefix/suffix ignore-case, the empty prefix/suffix, wildcards starting and ending
//! with `*`) are evaluated per entry; the trigger choice keeps them out of here unless a branch
//! has nothing more selective.

use super::affix::Affix;
use super::anything_but::AnythingButs;
use super::exact_strings::ExactStrings;
use super::ip_blocks::IpBlocks;
use super::leaf_match::leaf_matches;
use super::numeric_ranges::NumericRanges;
use super::targets::{Targets, remove_one};
use crate::flatten::Leaf;
use crate::pattern::case::CaseExpansion;
use crate::pattern::ip::Address;
use crate::pattern::ir::Condition;
use crate::pattern::wildcard::Wildcard;
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
    prefixes: Affix<u32>,
    suffixes: Affix<u32>,
    /// Prefixes ending in `"`, keyed without it: they also match that exact value (§8.1).
    quoted_prefixes: FxMap<Box<str>, Targets>,
    /// Suffixes starting with `"`, keyed without it (§8.3).
    quoted_suffixes: FxMap<Box<str>, Targets>,
    /// Indexable `equals-ignore-case` operands by their lower-cased text.
    folded: FxMap<Box<[u8]>, Vec<(CaseExpansion, u32)>>,
    wild_first: Affix<(Wildcard, u32)>,
    wild_last: Affix<(Wildcard, u32)>,
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

/// Lower-case `s` character by character (a homomorphism on concatenation).
fn fold(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.chars().flat_map(char::to_lowercase).collect()
    }
}

/// The key of an `equals-ignore-case` operand whose every code unit's alternatives fold to the
/// same text: every value it accepts folds to that key. `None` when some unit's alternatives
/// fold differently (e.g. `ß` accepts `ß` or `SS`).
fn folded_key(e: &CaseExpansion) -> Option<String> {
    let mut key = String::new();
    for alts in e.units() {
        let f = fold(alts.first()?);
        if alts.iter().skip(1).any(|a| fold(a) != f) {
            return None;
        }
        key.push_str(&f);
    }
    Some(key)
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
        Condition::EqualsIgnoreCase(e) if folded_key(e).is_some() => 1,
        Condition::Suffix(s) if !s.is_empty() => 2,
        Condition::Numeric(_) | Condition::Cidr(..) => 2,
        Condition::Wildcard(w) if !w.segments()[0].is_empty() => 2,
        Condition::Wildcard(w) if !w.segments()[w.segments().len() - 1].is_empty() => 3,
        Condition::Bool(_) | Condition::Null => 4,
        Condition::PrefixIgnoreCase(_)
        | Condition::SuffixIgnoreCase(_)
        | Condition::EqualsIgnoreCase(_)
        | Condition::Wildcard(_) => 5,
        Condition::Prefix(_) | Condition::Suffix(_) => 6,
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
            Condition::Prefix(p) => {
                self.prefixes.add(p.as_bytes(), t);
                if let Some(q) = p.strip_suffix('"') {
                    self.quoted_prefixes.entry(q.into()).or_default().push(t);
                }
            }
            Condition::Suffix(s) => {
                self.suffixes.add(s.as_bytes(), t);
                if let Some(q) = s.strip_prefix('"') {
                    self.quoted_suffixes.entry(q.into()).or_default().push(t);
                }
            }
            Condition::EqualsIgnoreCase(e) if folded_key(e).is_some() => {
                let key = folded_key(e).unwrap_or_default();
                self.folded
                    .entry(key.into_bytes().into())
                    .or_default()
                    .push((e.clone(), t));
            }
            Condition::Wildcard(w) if !w.segments()[0].is_empty() => {
                self.wild_first.add(&w.segments()[0], (w.clone(), t))
            }
            Condition::Wildcard(w) if !w.segments()[w.segments().len() - 1].is_empty() => {
                let last = &w.segments()[w.segments().len() - 1];
                self.wild_last.add(last, (w.clone(), t))
            }
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
                self.prefixes.remove(p.as_bytes(), &t);
                if let Some(q) = p.strip_suffix('"') {
                    remove_from_map(&mut self.quoted_prefixes, q, t);
                }
            }
            Condition::Suffix(s) => {
                self.suffixes.remove(s.as_bytes(), &t);
                if let Some(q) = s.strip_prefix('"') {
                    remove_from_map(&mut self.quoted_suffixes, q, t);
                }
            }
            Condition::EqualsIgnoreCase(e) if folded_key(e).is_some() => {
                let key = folded_key(e).unwrap_or_default();
                if let Some(list) = self.folded.get_mut(key.as_bytes()) {
                    if let Some(i) = list.iter().position(|(x, s)| *s == t && x == e) {
                        list.swap_remove(i);
                    }
                    if list.is_empty() {
                        self.folded.remove(key.as_bytes());
                    }
                }
            }
            Condition::Wildcard(w) if !w.segments()[0].is_empty() => {
                self.wild_first.remove(&w.segments()[0], &(w.clone(), t))
            }
            Condition::Wildcard(w) if !w.segments()[w.segments().len() - 1].is_empty() => {
                let last = &w.segments()[w.segments().len() - 1];
                self.wild_last.remove(last, &(w.clone(), t))
            }
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
                self.prefixes.lookup(bytes, false, |&s| hit(s));
                self.suffixes.lookup(bytes, true, |&s| hit(s));
                if !self.quoted_prefixes.is_empty()
                    && let Some(list) = self.quoted_prefixes.get(v)
                {
                    list.iter().for_each(|&s| hit(s));
                }
                if !self.quoted_suffixes.is_empty()
                    && let Some(list) = self.quoted_suffixes.get(v)
                {
                    list.iter().for_each(|&s| hit(s));
                }
                if let Some(ips) = &self.ips
                    && let Some(a) = Address::parse(v)
                {
                    ips.lookup(a, &mut hit);
                }
                if !self.folded.is_empty()
                    && let Some(list) = self.folded_list(v)
                {
                    for (e, s) in list {
                        if e.equals(v) {
                            hit(*s);
                        }
                    }
                }
                self.wild_first.lookup(bytes, false, |(w, s)| {
                    if w.matches(v) {
                        hit(*s)
                    }
                });
                self.wild_last.lookup(bytes, true, |(w, s)| {
                    if w.matches(v) {
                        hit(*s)
                    }
                });
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

    /// The `equals-ignore-case` operands keyed by `fold(v)`; short ASCII values are folded on
    /// the stack (this runs for every string at a path with such operands).
    fn folded_list(&self, v: &str) -> Option<&Vec<(CaseExpansion, u32)>> {
        const SHORT: usize = 64;
        if v.is_ascii() {
            // A few keys (the usual case) are compared in place: keys are folded, so an ASCII
            // value equals a key's fold exactly when it equals the key ignoring ASCII case.
            if self.folded.len() <= 4 {
                return self
                    .folded
                    .iter()
                    .find(|(k, _)| k.len() == v.len() && k.eq_ignore_ascii_case(v.as_bytes()))
                    .map(|(_, list)| list);
            }
            if v.len() <= SHORT {
                let mut buf = [0u8; SHORT];
                let folded = &mut buf[..v.len()];
                folded.copy_from_slice(v.as_bytes());
                folded.make_ascii_lowercase();
                return self.folded.get(&*folded);
            }
        }
        self.folded.get(fold(v).as_bytes())
    }

    /// (distinct keys, entries) for statistics.
    pub fn size(&self) -> (usize, usize) {
        let keys = self.strings.len()
            + self.numbers.len()
            + self.number_texts.len()
            + self.ips.as_ref().map_or(0, |ips| ips.keys())
            + self.anything_buts.as_ref().map_or(0, |ab| ab.len())
            + self.prefixes.map.len()
            + self.suffixes.map.len()
            + self.folded.len()
            + self.wild_first.map.len()
            + self.wild_last.map.len()
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
            + self.prefixes.approx_bytes(4)
            + self.suffixes.approx_bytes(4)
            + (self.quoted_prefixes.capacity() + self.quoted_suffixes.capacity())
                * (16 + targets + 1)
            + self.folded.capacity() * (16 + 24 + 1)
            + self
                .folded
                .iter()
                .map(|(k, v)| k.len() + v.capacity() * (std::mem::size_of::<CaseExpansion>() + 4))
                .sum::<usize>()
            + self
                .wild_first
                .approx_bytes(std::mem::size_of::<(Wildcard, u32)>())
            + self
                .wild_last
                .approx_bytes(std::mem::size_of::<(Wildcard, u32)>())
            + self.others.capacity() * std::mem::size_of::<(Condition, u32)>()
            + self
                .others
                .iter()
                .map(|(c, _)| c.heap_bytes())
                .sum::<usize>()
    }
}
