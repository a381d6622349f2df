//! SNS's structural rules over a policy document that the engine has already accepted:
//! nesting (forbidden in the `MessageAttributes` scope), the 5-key limit and the
//! depth-weighted combination count (at most 150).
//!
//! The combination count, as DIALECTS' formula has it: expand `$or` into branches; per branch,
//! multiply over its value lists *(elements in the list) × (depth of its key)*, the depth being
//! the number of JSON object levels from the root (top level = 1; keys inside a `$or`
//! alternative have the depth of the object holding the `$or`; a dotted key counts its JSON
//! level only); sum over branches. Since branches are independent choices per `$or`, the sum of
//! products is computed without expanding: an object's count is the product of its members'
//! counts, a `$or`'s the sum of its alternatives'. Saturating arithmetic; cost O(policy size).
//!
//! The walks recurse once per JSON object level of the policy; the engine has accepted the
//! policy first, so that depth is at most [`PatternLimits::max_depth`](crate::PatternLimits)
//! (1000), a few hundred bytes of stack per level at most.

use crate::json::Value;

/// SNS's limit on top-level keys.
pub(crate) const MAX_KEYS: usize = 5;
/// SNS's limit on the combination count.
pub(crate) const MAX_COMBINATIONS: u128 = 150;

/// The alternatives of a `$or` member read as the operator: an array of objects.
fn or_alternatives<'v>(name: &str, value: &'v Value) -> Option<&'v [Value]> {
    match value {
        Value::Array(items)
            if name == "$or"
                && items.len() >= 2
                && items.iter().all(|i| matches!(i, Value::Object(_))) =>
        {
            Some(items)
        }
        _ => None,
    }
}

/// Whether the policy nests objects (outside `$or` alternatives, which are not nesting).
pub(crate) fn is_nested(policy: &Value) -> bool {
    let Value::Object(members) = policy else {
        return false;
    };
    let mut stack: Vec<&[(String, Value)]> = vec![members];
    while let Some(members) = stack.pop() {
        for (name, value) in members {
            if let Some(alternatives) = or_alternatives(name, value) {
                for alt in alternatives {
                    if let Value::Object(m) = alt {
                        stack.push(m);
                    }
                }
            } else if matches!(value, Value::Object(_)) {
                return true;
            }
        }
    }
    false
}

/// The number of distinct top-level keys (`$or` counts as one key).
pub(crate) fn top_level_keys(policy: &Value) -> usize {
    let Value::Object(members) = policy else {
        return 0;
    };
    let mut names: Vec<&str> = members.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

/// The depth-weighted combination count of the policy.
pub(crate) fn combinations(policy: &Value) -> u128 {
    match policy {
        Value::Object(members) => object_count(members, 1),
        _ => 0,
    }
}

/// Recursion bounded by the policy's object depth (see the module doc).
fn object_count(members: &[(String, Value)], depth: u128) -> u128 {
    let mut product: u128 = 1;
    for (name, value) in members {
        let count = if let Some(alternatives) = or_alternatives(name, value) {
            alternatives
                .iter()
                .map(|alt| match alt {
                    Value::Object(m) => object_count(m, depth),
                    _ => 0,
                })
                .fold(0u128, u128::saturating_add)
        } else {
            match value {
                Value::Object(m) => object_count(m, depth + 1),
                Value::Array(items) => (items.len() as u128).saturating_mul(depth),
                _ => 1,
            }
        };
        product = product.saturating_mul(count);
    }
    product
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> u128 {
        combinations(&text.parse::<Value>().unwrap())
    }

    #[test]
    fn documented_and_recorded_counts() {
        let list = |n: usize| {
            format!(
                "[{}]",
                (0..n)
                    .map(|i| format!("\"v{i}\""))
                    .collect::<Vec<_>>()
                    .join(",")
            )
        };
        assert_eq!(count(&format!(r#"{{"k": {}}}"#, list(151))), 151);
        assert_eq!(
            count(&format!(r#"{{"k1": {}, "k2": {}}}"#, list(100), list(51))),
            5100
        );
        let nested = r#"{"key_a": {"key_b": {"key_c": ["1","2","3","4"]}}, "key_d": {"key_e": ["1","2","3"]}}"#;
        assert_eq!(count(nested), 72);
        let with_f = r#"{"key_a": {"key_b": {"key_c": ["1","2","3","4"]}}, "key_d": {"key_e": ["1","2","3"]}, "key_f": ["1","2","3"]}"#;
        assert_eq!(count(with_f), 216);
        let body = r#"{"$or": [{"metricName": ["a","b","c"]}, {"namespace": ["a","b"]}],
                       "detail": {"scope": ["s1","s2"], "$or": [{"source": ["x"]}, {"type": ["a","b","c"]}]}}"#;
        assert_eq!(count(body), 160);
        assert!(is_nested(&body.parse().unwrap()));
        let or_flat = r#"{"a": ["1"], "$or": [{"b": ["1"]}, {"c": ["2"]}]}"#;
        assert!(!is_nested(&or_flat.parse().unwrap()));
        assert_eq!(top_level_keys(&or_flat.parse().unwrap()), 2);
    }
}
