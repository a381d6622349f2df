//! Whether one value-list element accepts one leaf of an event: the per-entry check behind
//! candidate checks and the conditions no hash index serves.

use crate::flatten::Leaf;
use crate::pattern::ir::{AnythingBut, Condition, has_prefix, has_suffix};

/// Whether one value-list element accepts one leaf: the reference evaluator's `leaf_matches`
/// over a borrowed leaf (strings by bytes, numbers by comparable value or token text, and
/// every operator by its own rule).
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
        Condition::PrefixIgnoreCase(e) => string.is_some_and(|v| e.is_prefix_of_quoted(v)),
        Condition::Suffix(s) => string.is_some_and(|v| has_suffix(v, s)),
        Condition::SuffixIgnoreCase(e) => string.is_some_and(|v| e.is_suffix_of_quoted(v)),
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

/// Whether `excluded` (an `anything-but`'s operands) excludes `leaf`.
pub(crate) fn is_excluded(excluded: &AnythingBut, leaf: Leaf<'_>) -> bool {
    match leaf {
        Leaf::Str(v) => excluded.excludes_string(v),
        Leaf::Num(_, x) => x.is_some_and(|x| excluded.excludes_number(x)),
        _ => false,
    }
}
