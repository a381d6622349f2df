//! The reference evaluator: the matching rules turned into code as directly as possible.
//!
//! It is the oracle the many-rule index is tested against, so clarity beats speed here. The
//! event is flattened into (path, leaf, array trail) fields; each branch is searched path by
//! path in event-ruler's order for one consistent choice of array elements (the fields a branch
//! matches must not come from different elements of one array of objects), including
//! event-ruler's order-dependent handling of `exists: false` (absence is judged against the
//! elements chosen for the paths before it). Failed (path, constraints) pairs are memoised so
//! that wide arrays cannot make the search exponential.

use std::collections::{HashMap, HashSet};

use super::ir::{AnythingBut, Branch, Condition, FieldCondition, has_prefix, has_suffix};
use super::number::comparable;
use crate::json::Value;

/// One flattened event field.
struct Field<'e> {
    value: &'e Value,
    /// (array id, element index) for every enclosing array whose element here is a container.
    trail: Trail,
}

/// Array trail: (array id, element index) pairs.
type Trail = Vec<(usize, usize)>;

/// Flatten `event` into fields grouped by path, keeping only `wanted` paths.
fn flatten<'e>(event: &'e Value, wanted: &HashSet<&str>) -> HashMap<String, Vec<Field<'e>>> {
    let mut fields: HashMap<String, Vec<Field<'e>>> = HashMap::new();
    let mut next_array = 0;
    // (value, path, trail); objects and arrays are expanded without recursion.
    let mut stack: Vec<(&'e Value, String, Trail)> = vec![(event, String::new(), Vec::new())];
    while let Some((value, path, trail)) = stack.pop() {
        match value {
            Value::Object(members) => {
                for (key, child) in members.iter().rev() {
                    let child_path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    stack.push((child, child_path, trail.clone()));
                }
            }
            Value::Array(items) => {
                let id = next_array;
                next_array += 1;
                for (i, item) in items.iter().enumerate().rev() {
                    let mut t = trail.clone();
                    if matches!(item, Value::Object(_) | Value::Array(_)) {
                        t.push((id, i));
                    }
                    stack.push((item, path.clone(), t));
                }
            }
            leaf => {
                if wanted.contains(path.as_str()) {
                    fields
                        .entry(path)
                        .or_default()
                        .push(Field { value: leaf, trail });
                }
            }
        }
    }
    fields
}

/// Whether `branches` (a pattern's) match `event`.
pub(crate) fn matches(branches: &[Branch], event: &Value) -> bool {
    let wanted: HashSet<&str> = branches
        .iter()
        .flat_map(|c| c.fields.iter().map(|f| f.path.as_str()))
        .collect();
    let fields = flatten(event, &wanted);
    branches.iter().any(|c| {
        let mut failed = HashSet::new();
        search(&c.fields, 0, &mut Vec::new(), &fields, &mut failed)
    })
}

fn consistent(trail: &[(usize, usize)], constraints: &[(usize, usize)]) -> bool {
    trail
        .iter()
        .all(|&(array, index)| constraints.iter().all(|&(a, i)| a != array || i == index))
}

/// Whether field conditions `i..` hold for one choice of array elements consistent with
/// `constraints` (the (array, element) pairs chosen so far).
fn search(
    paths: &[FieldCondition],
    i: usize,
    constraints: &mut Vec<(usize, usize)>,
    fields: &HashMap<String, Vec<Field<'_>>>,
    failed: &mut HashSet<(usize, Vec<(usize, usize)>)>,
) -> bool {
    let Some(condition) = paths.get(i) else {
        return true;
    };
    let mut key = constraints.clone();
    key.sort_unstable();
    if failed.contains(&(i, key.clone())) {
        return false;
    }
    let candidates = fields
        .get(&condition.path)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut any_consistent = false;
    for field in candidates {
        if !consistent(&field.trail, constraints) {
            continue;
        }
        any_consistent = true;
        if condition
            .conditions
            .iter()
            .any(|c| leaf_matches(c, field.value))
        {
            let before = constraints.len();
            for &t in &field.trail {
                if !constraints.contains(&t) {
                    constraints.push(t);
                }
            }
            let found = search(paths, i + 1, constraints, fields, failed);
            constraints.truncate(before);
            if found {
                return true;
            }
        }
    }
    if !any_consistent
        && condition.accepts_absence()
        && search(paths, i + 1, constraints, fields, failed)
    {
        return true;
    }
    failed.insert((i, key));
    false
}

/// Whether one value-list element accepts one leaf.
pub(crate) fn leaf_matches(condition: &Condition, value: &Value) -> bool {
    let string = match value {
        Value::String(s) => Some(s.as_str()),
        _ => None,
    };
    match condition {
        Condition::String(s) | Condition::Exactly(s) => string == Some(s),
        Condition::IpAddress(_, range) | Condition::Cidr(_, range) => {
            string.is_some_and(|v| range.contains(v))
        }
        Condition::Number(lit) => match value {
            Value::Number(t) => {
                *t == lit.text || (lit.value.is_some() && comparable(t) == lit.value)
            }
            _ => false,
        },
        Condition::Bool(b) => *value == Value::Bool(*b),
        Condition::Null => *value == Value::Null,
        Condition::Prefix(p) => string.is_some_and(|v| has_prefix(v, p)),
        Condition::PrefixIgnoreCase(e) => string.is_some_and(|v| e.is_prefix_of_quoted(v)),
        Condition::Suffix(s) => string.is_some_and(|v| has_suffix(v, s)),
        Condition::SuffixIgnoreCase(e) => string.is_some_and(|v| e.is_suffix_of_quoted(v)),
        Condition::EqualsIgnoreCase(e) => string.is_some_and(|v| e.equals(v)),
        Condition::Wildcard(w) => string.is_some_and(|v| w.matches(v)),
        Condition::AnythingBut(excluded) => !is_excluded(excluded, value),
        Condition::Numeric(range) => match value {
            Value::Number(t) => comparable(t).is_some_and(|x| range.contains(x)),
            _ => false,
        },
        Condition::Exists(present) => *present,
    }
}

fn is_excluded(excluded: &AnythingBut, value: &Value) -> bool {
    match value {
        Value::String(v) => excluded.excludes_string(v),
        Value::Number(t) => comparable(t).is_some_and(|x| excluded.excludes_number(x)),
        _ => false,
    }
}
