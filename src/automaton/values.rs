//! Per-path value matchers: given one leaf, which slots (a rule branch's condition on this path)
//! does it satisfy?
//!
//! Exact strings, numbers (by comparable value, or by token text when not comparable),
//! booleans, null and `exists: true` are hash lookups or plain lists: their cost does not grow
//! with the number of rules. Numeric ranges are kept sorted by lower bound and scanned only up
//! to the value. The remaining operators (prefix, suffix, ignore-case, wildcard, CIDR/IP
//! literals, anything-but) are evaluated per entry; they share the leaf semantics of
//! [`leaf_matches`], which mirrors the reference evaluator condition for condition.

use crate::flatten::{FxMap, Leaf};
use crate::pattern::ir::{AnythingBut, Condition, NumericRange};

/// The slots one path's conditions feed.
#[derive(Debug, Clone, Default)]
pub(crate) struct ValueMatcher {
    strings: FxMap<Box<str>, Vec<u32>>,
    numbers: FxMap<u64, Vec<u32>>,
    number_texts: FxMap<Box<str>, Vec<u32>>,
    trues: Vec<u32>,
    falses: Vec<u32>,
    nulls: Vec<u32>,
    any: Vec<u32>,
    /// Sorted by lower bound (unbounded first).
    numeric: Vec<(NumericRange, u32)>,
    /// `numeric_max_high[i]`: the largest upper bound among `numeric[..=i]`.
    numeric_max_high: Vec<f64>,
    /// Prefix operands (bytes) → slots; looked up once per distinct operand length.
    prefixes: FxMap<Box<[u8]>, Vec<u32>>,
    /// (operand length, number of operands of that length), sorted by length.
    prefix_lens: Vec<(usize, u32)>,
    /// Prefixes ending in `"`, keyed without it: they also match that exact value (§8.1).
    quoted_prefixes: FxMap<Box<str>, Vec<u32>>,
    others: Vec<(Condition, u32)>,
    entries: usize,
}

#[inline]
fn num_key(x: f64) -> u64 {
    (x + 0.0).to_bits()
}

fn low_key(r: &NumericRange) -> f64 {
    r.low.map_or(f64::NEG_INFINITY, |(v, _)| v)
}

fn high_key(r: &NumericRange) -> f64 {
    r.high.map_or(f64::INFINITY, |(v, _)| v)
}

fn remove_one(list: &mut Vec<u32>, slot: u32) {
    if let Some(i) = list.iter().position(|&s| s == slot) {
        list.swap_remove(i);
    }
}

fn remove_from_map<K: std::hash::Hash + Eq>(map: &mut FxMap<K, Vec<u32>>, key: &K, slot: u32) {
    if let Some(list) = map.get_mut(key) {
        remove_one(list, slot);
        if list.is_empty() {
            map.remove(key);
        }
    }
}

impl ValueMatcher {
    /// Register `cond` for `slot`. `Exists(false)` is not a value condition and is ignored.
    pub fn add(&mut self, cond: &Condition, slot: u32) {
        match cond {
            Condition::Exists(false) => return,
            Condition::String(s) | Condition::Exactly(s) => self
                .strings
                .entry(s.as_str().into())
                .or_default()
                .push(slot),
            Condition::Number(lit) => match lit.value {
                Some(v) => self.numbers.entry(num_key(v)).or_default().push(slot),
                None => self
                    .number_texts
                    .entry(lit.text.as_str().into())
                    .or_default()
                    .push(slot),
            },
            Condition::Bool(true) => self.trues.push(slot),
            Condition::Bool(false) => self.falses.push(slot),
            Condition::Null => self.nulls.push(slot),
            Condition::Exists(true) => self.any.push(slot),
            Condition::Numeric(r) => {
                let at = self
                    .numeric
                    .partition_point(|(x, _)| low_key(x) <= low_key(r));
                self.numeric.insert(at, (*r, slot));
                self.numeric_max_high.push(f64::NEG_INFINITY);
                self.refresh_max_high(at);
            }
            Condition::Prefix(p) => {
                self.prefixes
                    .entry(p.as_bytes().into())
                    .or_default()
                    .push(slot);
                match self.prefix_lens.binary_search_by_key(&p.len(), |e| e.0) {
                    Ok(i) => self.prefix_lens[i].1 += 1,
                    Err(i) => self.prefix_lens.insert(i, (p.len(), 1)),
                }
                if let Some(q) = p.strip_suffix('"') {
                    self.quoted_prefixes.entry(q.into()).or_default().push(slot);
                }
            }
            other => self.others.push((other.clone(), slot)),
        }
        self.entries += 1;
    }

    /// Unregister one `cond` for `slot` (the inverse of [`ValueMatcher::add`]).
    pub fn remove(&mut self, cond: &Condition, slot: u32) {
        match cond {
            Condition::Exists(false) => return,
            Condition::String(s) | Condition::Exactly(s) => {
                remove_from_map(&mut self.strings, &Box::<str>::from(s.as_str()), slot)
            }
            Condition::Number(lit) => match lit.value {
                Some(v) => remove_from_map(&mut self.numbers, &num_key(v), slot),
                None => remove_from_map(
                    &mut self.number_texts,
                    &Box::<str>::from(lit.text.as_str()),
                    slot,
                ),
            },
            Condition::Bool(true) => remove_one(&mut self.trues, slot),
            Condition::Bool(false) => remove_one(&mut self.falses, slot),
            Condition::Null => remove_one(&mut self.nulls, slot),
            Condition::Exists(true) => remove_one(&mut self.any, slot),
            Condition::Numeric(r) => {
                if let Some(i) = self.numeric.iter().position(|(x, s)| *s == slot && x == r) {
                    self.numeric.remove(i);
                    self.numeric_max_high.pop();
                    self.refresh_max_high(i);
                }
            }
            Condition::Prefix(p) => {
                remove_from_map(&mut self.prefixes, &Box::<[u8]>::from(p.as_bytes()), slot);
                if let Ok(i) = self.prefix_lens.binary_search_by_key(&p.len(), |e| e.0) {
                    self.prefix_lens[i].1 -= 1;
                    if self.prefix_lens[i].1 == 0 {
                        self.prefix_lens.remove(i);
                    }
                }
                if let Some(q) = p.strip_suffix('"') {
                    remove_from_map(&mut self.quoted_prefixes, &Box::<str>::from(q), slot);
                }
            }
            other => {
                if let Some(i) = self
                    .others
                    .iter()
                    .position(|(x, s)| *s == slot && x == other)
                {
                    self.others.swap_remove(i);
                }
            }
        }
        self.entries -= 1;
    }

    /// Recompute the running maximum of upper bounds from index `from` on.
    fn refresh_max_high(&mut self, from: usize) {
        let mut m = if from == 0 {
            f64::NEG_INFINITY
        } else {
            self.numeric_max_high[from - 1]
        };
        for i in from..self.numeric.len() {
            m = m.max(high_key(&self.numeric[i].0));
            self.numeric_max_high[i] = m;
        }
    }

    /// Call `hit` for every slot whose condition accepts `leaf` (a slot may be reported twice).
    #[inline]
    pub fn matches(&self, leaf: Leaf<'_>, mut hit: impl FnMut(u32)) {
        for &s in &self.any {
            hit(s);
        }
        match leaf {
            Leaf::Str(v) => {
                if !self.strings.is_empty() {
                    if let Some(list) = self.strings.get(v) {
                        list.iter().for_each(|&s| hit(s));
                    }
                }
                let bytes = v.as_bytes();
                for &(len, _) in &self.prefix_lens {
                    if len > bytes.len() {
                        break;
                    }
                    if let Some(list) = self.prefixes.get(&bytes[..len]) {
                        list.iter().for_each(|&s| hit(s));
                    }
                }
                if !self.quoted_prefixes.is_empty() {
                    if let Some(list) = self.quoted_prefixes.get(v) {
                        list.iter().for_each(|&s| hit(s));
                    }
                }
            }
            Leaf::Num(text, value) => {
                if let Some(x) = value {
                    if let Some(list) = self.numbers.get(&num_key(x)) {
                        list.iter().for_each(|&s| hit(s));
                    }
                    // Ranges with a lower bound <= x, scanned downwards until no earlier range
                    // reaches x.
                    let end = self.numeric.partition_point(|(r, _)| low_key(r) <= x);
                    for i in (0..end).rev() {
                        if self.numeric_max_high[i] < x {
                            break;
                        }
                        let (r, s) = &self.numeric[i];
                        if r.contains(x) {
                            hit(*s);
                        }
                    }
                }
                if !self.number_texts.is_empty() {
                    if let Some(list) = self.number_texts.get(text) {
                        list.iter().for_each(|&s| hit(s));
                    }
                }
            }
            Leaf::Bool(true) => self.trues.iter().for_each(|&s| hit(s)),
            Leaf::Bool(false) => self.falses.iter().for_each(|&s| hit(s)),
            Leaf::Null => self.nulls.iter().for_each(|&s| hit(s)),
        }
        for (c, s) in &self.others {
            if leaf_matches(c, leaf) {
                hit(*s);
            }
        }
    }

    /// The wildcard operands registered on this path.
    pub fn wildcards(&self) -> impl Iterator<Item = &crate::pattern::wildcard::Wildcard> {
        self.others.iter().flat_map(|(c, _)| {
            let ws: &[crate::pattern::wildcard::Wildcard] = match c {
                Condition::Wildcard(w) => std::slice::from_ref(w),
                Condition::AnythingBut(AnythingBut::Wildcards(ws)) => ws,
                _ => &[],
            };
            ws.iter()
        })
    }

    /// (distinct keys, entries) for statistics.
    pub fn size(&self) -> (usize, usize) {
        let keys = self.strings.len()
            + self.numbers.len()
            + self.number_texts.len()
            + self.prefixes.len()
            + self.numeric.len();
        (keys, self.entries)
    }

    /// Approximate heap bytes.
    pub fn approx_bytes(&self) -> usize {
        let map_entry = 48;
        self.strings
            .iter()
            .map(|(k, v)| map_entry + k.len() + v.capacity() * 4)
            .sum::<usize>()
            + self.numbers.capacity() * map_entry
            + self.number_texts.capacity() * map_entry
            + (self.trues.capacity()
                + self.falses.capacity()
                + self.nulls.capacity()
                + self.any.capacity())
                * 4
            + self.numeric.capacity() * std::mem::size_of::<(NumericRange, u32)>()
            + self.numeric_max_high.capacity() * 8
            + self
                .prefixes
                .iter()
                .map(|(p, v)| map_entry + p.len() + v.capacity() * 4)
                .sum::<usize>()
            + self.quoted_prefixes.capacity() * map_entry
            + self.others.capacity() * std::mem::size_of::<(Condition, u32)>()
    }
}

/// event-ruler matches prefixes against the quoted value, so a prefix ending in `"` also
/// matches the value without it (PATTERNS.md §8.1).
#[inline]
fn has_prefix(value: &str, prefix: &str) -> bool {
    value.starts_with(prefix) || prefix.strip_suffix('"').is_some_and(|p| value == p)
}

/// Mirror of [`has_prefix`].
#[inline]
fn has_suffix(value: &str, suffix: &str) -> bool {
    value.ends_with(suffix) || suffix.strip_prefix('"').is_some_and(|s| value == s)
}

/// Whether one value-list element accepts one leaf (PATTERNS.md §12); the reference
/// evaluator's `leaf_matches` over a borrowed leaf.
pub(crate) fn leaf_matches(condition: &Condition, leaf: Leaf<'_>) -> bool {
    let string = match leaf {
        Leaf::Str(s) => Some(s),
        _ => None,
    };
    match condition {
        Condition::String(s) | Condition::Exactly(s) => string == Some(s.as_str()),
        Condition::IpAddress(_, range) | Condition::Cidr(_, range) => {
            string.is_some_and(|v| range.contains(v))
        }
        Condition::Number(lit) => match leaf {
            Leaf::Num(t, v) => t == lit.text || (lit.value.is_some() && v == lit.value),
            _ => false,
        },
        Condition::Bool(b) => matches!(leaf, Leaf::Bool(x) if x == *b),
        Condition::Null => matches!(leaf, Leaf::Null),
        Condition::Prefix(p) => string.is_some_and(|v| has_prefix(v, p)),
        Condition::PrefixIgnoreCase(e) => string.is_some_and(|v| e.is_prefix_of(&format!("{v}\""))),
        Condition::Suffix(s) => string.is_some_and(|v| has_suffix(v, s)),
        Condition::SuffixIgnoreCase(e) => string.is_some_and(|v| e.is_suffix_of(&format!("\"{v}"))),
        Condition::EqualsIgnoreCase(e) => string.is_some_and(|v| e.equals(v)),
        Condition::Wildcard(w) => string.is_some_and(|v| w.matches(v)),
        Condition::AnythingBut(excluded) => !is_excluded(excluded, leaf),
        Condition::Numeric(range) => match leaf {
            Leaf::Num(_, v) => v.is_some_and(|x| range.contains(x)),
            _ => false,
        },
        Condition::Exists(present) => *present,
    }
}

fn is_excluded(excluded: &AnythingBut, leaf: Leaf<'_>) -> bool {
    let Leaf::Str(v) = leaf else {
        return match (excluded, leaf) {
            (AnythingBut::Numbers(ns), Leaf::Num(_, x)) => x.is_some_and(|x| ns.contains(&x)),
            _ => false,
        };
    };
    match excluded {
        AnythingBut::Strings(ss) => ss.iter().any(|s| s == v),
        AnythingBut::Numbers(_) => false,
        AnythingBut::Prefixes(ps) => ps.iter().any(|p| has_prefix(v, p)),
        AnythingBut::Suffixes(ss) => ss.iter().any(|s| has_suffix(v, s)),
        AnythingBut::EqualsIgnoreCase(es) => es.iter().any(|e| e.equals(v)),
        AnythingBut::Wildcards(ws) => ws.iter().any(|w| w.matches(v)),
    }
}
