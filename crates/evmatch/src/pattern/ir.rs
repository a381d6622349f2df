//! The pattern IR: what a pattern means once parsed, independent of how it was written.
//!
//! A pattern is an OR of [`Branch`]es (one per combination of its `$or` alternatives); a
//! branch is an AND of [`FieldCondition`]s on distinct flattened paths, kept sorted in
//! event-ruler's evaluation order (full paths compared by UTF-16 code units); a field
//! condition is an OR of [`Condition`]s, one per value-list element. Operands are stored pre-processed for
//! matching (numbers as doubles, wildcards split into segments, ignore-case operands expanded).

use std::cmp::Ordering;

use super::case::CaseExpansion;
use super::ip::IpRange;
use super::wildcard::Wildcard;

/// One `$or` branch: every field condition must hold (array-consistently).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Branch {
    /// Field conditions sorted by [`path_order`], paths distinct.
    pub fields: Vec<FieldCondition>,
}

/// The value list of one flattened path: any one condition suffices.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldCondition {
    /// The dotted path (`detail.state`).
    pub path: String,
    /// The value-list elements, in pattern order.
    pub conditions: Vec<Condition>,
}

impl FieldCondition {
    /// Whether the list contains `{"exists": false}`, the only condition absence satisfies.
    pub fn accepts_absence(&self) -> bool {
        self.conditions.contains(&Condition::Exists(false))
    }
}

/// One value-list element.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// A string literal that is not an IP address: equal strings.
    String(String),
    /// A string literal that is an IP address: any spelling of the same address.
    IpAddress(String, IpRange),
    /// A number literal: by value when comparable, else by identical token text.
    Number(NumberLiteral),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `{"exactly": s}`: equal strings, never IP-normalised.
    Exactly(String),
    /// `{"prefix": s}`.
    Prefix(String),
    /// `{"prefix": {"equals-ignore-case": s}}`.
    PrefixIgnoreCase(CaseExpansion),
    /// `{"suffix": s}`.
    Suffix(String),
    /// `{"suffix": {"equals-ignore-case": s}}`.
    SuffixIgnoreCase(CaseExpansion),
    /// `{"equals-ignore-case": s}`.
    EqualsIgnoreCase(CaseExpansion),
    /// `{"wildcard": w}`.
    Wildcard(Wildcard),
    /// Every `anything-but` form.
    AnythingBut(AnythingBut),
    /// `{"numeric": [...]}`.
    Numeric(NumericRange),
    /// `{"exists": true|false}`.
    Exists(bool),
    /// `{"cidr": block}`.
    Cidr(String, IpRange),
}

/// A number literal from a value list.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberLiteral {
    /// The token text as written.
    pub text: String,
    /// Its value, when comparable.
    pub value: Option<f64>,
}

/// What an `anything-but` excludes. Values of other types are never excluded.
///
/// `Strings` and `Numbers` lists are sorted (the parser sorts them, and numbers hold no `-0.0`),
/// so that a look-up is a binary search: a blocklist of 100,000 accounts costs 17 comparisons
/// per event, not 100,000.
#[derive(Debug, Clone, PartialEq)]
pub enum AnythingBut {
    /// Strings equal to one of these (sorted by bytes).
    Strings(Vec<String>),
    /// Comparable numbers equal to one of these (sorted; zero is `+0.0`).
    Numbers(Vec<f64>),
    /// Strings starting with one of these.
    Prefixes(Vec<String>),
    /// Strings ending with one of these.
    Suffixes(Vec<String>),
    /// Strings equal, in the ignore-case sense, to one of these.
    EqualsIgnoreCase(Vec<CaseExpansion>),
    /// Strings matching one of these wildcards.
    Wildcards(Vec<Wildcard>),
}

impl Condition {
    /// The wildcard operands of this condition (for the complexity measure).
    pub fn wildcards(&self) -> &[Wildcard] {
        match self {
            Condition::Wildcard(w) => std::slice::from_ref(w),
            Condition::AnythingBut(AnythingBut::Wildcards(ws)) => ws,
            _ => &[],
        }
    }

    /// Approximate heap bytes of the operands (for machine statistics).
    pub(crate) fn heap_bytes(&self) -> usize {
        match self {
            Condition::String(s)
            | Condition::Exactly(s)
            | Condition::Prefix(s)
            | Condition::Suffix(s)
            | Condition::IpAddress(s, _)
            | Condition::Cidr(s, _) => s.capacity(),
            Condition::Number(n) => n.text.capacity(),
            Condition::PrefixIgnoreCase(e)
            | Condition::SuffixIgnoreCase(e)
            | Condition::EqualsIgnoreCase(e) => e.heap_bytes(),
            Condition::Wildcard(w) => w.heap_bytes(),
            Condition::AnythingBut(a) => a.heap_bytes(),
            Condition::Bool(_) | Condition::Null | Condition::Numeric(_) | Condition::Exists(_) => {
                0
            }
        }
    }
}

impl AnythingBut {
    /// Approximate heap bytes of the operands (for machine statistics).
    pub(crate) fn heap_bytes(&self) -> usize {
        let strings = |v: &Vec<String>| {
            v.capacity() * std::mem::size_of::<String>()
                + v.iter().map(String::capacity).sum::<usize>()
        };
        match self {
            AnythingBut::Strings(v) | AnythingBut::Prefixes(v) | AnythingBut::Suffixes(v) => {
                strings(v)
            }
            AnythingBut::Numbers(v) => v.capacity() * 8,
            AnythingBut::EqualsIgnoreCase(v) => {
                v.capacity() * std::mem::size_of::<CaseExpansion>()
                    + v.iter().map(CaseExpansion::heap_bytes).sum::<usize>()
            }
            AnythingBut::Wildcards(v) => {
                v.capacity() * std::mem::size_of::<Wildcard>()
                    + v.iter().map(Wildcard::heap_bytes).sum::<usize>()
            }
        }
    }

    /// Whether a string value is excluded. Other leaf types are decided by the caller: only
    /// comparable numbers can be excluded (by `Numbers`), every other leaf never is.
    pub fn excludes_string(&self, value: &str) -> bool {
        match self {
            AnythingBut::Strings(ss) => ss.binary_search_by(|s| s.as_str().cmp(value)).is_ok(),
            AnythingBut::Numbers(_) => false,
            AnythingBut::Prefixes(ps) => ps.iter().any(|p| has_prefix(value, p)),
            AnythingBut::Suffixes(ss) => ss.iter().any(|s| has_suffix(value, s)),
            AnythingBut::EqualsIgnoreCase(es) => es.iter().any(|e| e.equals(value)),
            AnythingBut::Wildcards(ws) => ws.iter().any(|w| w.matches(value)),
        }
    }

    /// Whether a comparable number is excluded.
    pub fn excludes_number(&self, value: f64) -> bool {
        // `+ 0.0` makes `-0.0` equal `0.0`, as `==` has it.
        let value = value + 0.0;
        matches!(self, AnythingBut::Numbers(ns) if ns.binary_search_by(|n| n.total_cmp(&value)).is_ok())
    }
}

/// Whether `value` has `prefix`, as event-ruler decides it: it matches prefixes against the
/// quoted value, so a prefix ending in `"` also matches the value without it.
#[inline]
pub fn has_prefix(value: &str, prefix: &str) -> bool {
    value.starts_with(prefix) || prefix.strip_suffix('"').is_some_and(|p| value == p)
}

/// Mirror of [`has_prefix`]: a suffix starting with `"` also matches the value without it.
#[inline]
pub fn has_suffix(value: &str, suffix: &str) -> bool {
    value.ends_with(suffix) || suffix.strip_prefix('"').is_some_and(|s| value == s)
}

/// A numeric interval; `=` is the degenerate closed interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumericRange {
    /// Lower bound, if any: (value, inclusive).
    pub low: Option<(f64, bool)>,
    /// Upper bound, if any: (value, inclusive).
    pub high: Option<(f64, bool)>,
}

impl NumericRange {
    /// Whether `x` lies in the interval.
    pub fn contains(&self, x: f64) -> bool {
        let above = match self.low {
            None => true,
            Some((l, true)) => x >= l,
            Some((l, false)) => x > l,
        };
        let below = match self.high {
            None => true,
            Some((h, true)) => x <= h,
            Some((h, false)) => x < h,
        };
        above && below
    }
}

/// event-ruler's evaluation order of paths: compare as UTF-16 code-unit sequences.
pub fn path_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}
