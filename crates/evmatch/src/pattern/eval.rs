//! The reference evaluator: the matching rules turned into code as directly as possible.
//!
//! It is the oracle the many-rule index is tested against, so clarity beats speed here. The
//! event is flattened into (path, leaf, array trail) fields; each branch is searched path by
//! path in event-ruler's order for one consistent choice of array elements (the fields a branch
//! matches must not come from different elements of one array of objects), including
//! event-ruler's order-dependent handling of `exists: false` (absence is judged against the
//! elements chosen for the paths before it). Failed (path, constraints) pairs are memoised so
//! that wide arrays cannot make the search exponential.
//!
//! The explainer (`super::explain`) reuses [`flatten_recording`] (which also names each array)
//! and [`search_witness`] (which also reports the fields a successful search chose), so that an
//! explanation's verdicts come from this very search.

use std::collections::{HashMap, HashSet};

use super::ir::{AnythingBut, Branch, Condition, FieldCondition, has_prefix, has_suffix};
use super::number::comparable;
use crate::json::Value;

/// One flattened event field.
pub(crate) struct Field<'e> {
    pub(crate) value: &'e Value,
    /// (array id, element index) for every enclosing array whose element here is a container.
    pub(crate) trail: Trail,
}

/// Array trail: (array id, element index) pairs.
pub(crate) type Trail = Vec<(usize, usize)>;

/// Flattened fields grouped by path.
pub(crate) type Fields<'e> = HashMap<String, Vec<Field<'e>>>;

/// Flatten `event` into fields grouped by path, keeping only `wanted` paths.
fn flatten<'e>(event: &'e Value, wanted: &HashSet<&str>) -> Fields<'e> {
    flatten_recording(event, wanted, None)
}

/// [`flatten`], also pushing onto `arrays` (when given) the path of each array, indexed by its
/// array id (the ids of [`Field::trail`]).
pub(crate) fn flatten_recording<'e>(
    event: &'e Value,
    wanted: &HashSet<&str>,
    mut arrays: Option<&mut Vec<String>>,
) -> Fields<'e> {
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
                if let Some(arrays) = arrays.as_deref_mut() {
                    arrays.push(path.clone());
                }
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
        search(&c.fields, &mut Vec::new(), &fields, &mut failed, None)
    })
}

pub(crate) fn consistent(trail: &[(usize, usize)], constraints: &[(usize, usize)]) -> bool {
    trail
        .iter()
        .all(|&(array, index)| constraints.iter().all(|&(a, i)| a != array || i == index))
}

/// Whether the field conditions `paths` hold for one choice of array elements consistent
/// with `constraints` (the (array, element) pairs chosen so far): a depth-first search, path by
/// path in order, over the candidate fields of each path, memoising (path index, constraints)
/// pairs that failed. A path whose condition accepts absence and which has no consistent field
/// is satisfied by its absence. The search keeps its own stack (one frame per path of the
/// branch), so its depth costs heap, not call stack.
///
/// On success, `witness` (when given) receives one entry per path: the index, among the
/// path's fields, of the field chosen for it, or `None` where the path's absence was taken.
fn search(
    paths: &[FieldCondition],
    constraints: &mut Vec<(usize, usize)>,
    fields: &Fields<'_>,
    failed: &mut HashSet<(usize, Vec<(usize, usize)>)>,
    mut witness: Option<&mut Vec<Option<usize>>>,
) -> bool {
    /// The search at path `i`.
    struct Frame {
        i: usize,
        /// The memo key: `i` and the sorted constraints on entry.
        key: Vec<(usize, usize)>,
        /// The next candidate field to try.
        next: usize,
        any_consistent: bool,
        /// The constraint count before the tried candidate's trail was added.
        before: usize,
        /// Whether the path's absence is being tried (after every candidate failed).
        absent: bool,
    }
    let mut stack: Vec<Frame> = Vec::new();
    // The answer of the search just finished, for the frame below it.
    let mut answer = None;
    let mut enter = Some(0);
    loop {
        if let Some(i) = enter.take() {
            if i == paths.len() {
                if let Some(w) = witness.take() {
                    // Every frame is on the stack: each holds its choice.
                    w.clear();
                    w.extend(stack.iter().map(|f| (!f.absent).then(|| f.next - 1)));
                }
                answer = Some(true);
            } else {
                let mut key = constraints.clone();
                key.sort_unstable();
                if failed.contains(&(i, key.clone())) {
                    answer = Some(false);
                } else {
                    stack.push(Frame {
                        i,
                        key,
                        next: 0,
                        any_consistent: false,
                        before: constraints.len(),
                        absent: false,
                    });
                }
            }
        }
        let Some(top) = stack.last_mut() else {
            return answer.unwrap_or(false);
        };
        if let Some(found) = answer.take() {
            if !top.absent {
                constraints.truncate(top.before);
            }
            if found {
                stack.pop();
                answer = Some(true);
                continue;
            }
            if top.absent {
                let done = stack.pop().expect("the top frame");
                failed.insert((done.i, done.key));
                answer = Some(false);
                continue;
            }
        }
        let condition = &paths[top.i];
        let candidates = fields
            .get(&condition.path)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut chosen = false;
        while let Some(field) = candidates.get(top.next) {
            top.next += 1;
            if !consistent(&field.trail, constraints) {
                continue;
            }
            top.any_consistent = true;
            if condition
                .conditions
                .iter()
                .any(|c| leaf_matches(c, field.value))
            {
                top.before = constraints.len();
                for &t in &field.trail {
                    if !constraints.contains(&t) {
                        constraints.push(t);
                    }
                }
                chosen = true;
                break;
            }
        }
        if chosen {
            enter = Some(top.i + 1);
        } else if !top.any_consistent && condition.accepts_absence() {
            top.absent = true;
            enter = Some(top.i + 1);
        } else {
            let done = stack.pop().expect("the top frame");
            failed.insert((done.i, done.key));
            answer = Some(false);
        }
    }
}

/// [`search`] from no constraints with a fresh memo, reporting the choices of a success in
/// `witness` (see [`search`]).
pub(crate) fn search_witness(
    paths: &[FieldCondition],
    fields: &Fields<'_>,
    witness: Option<&mut Vec<Option<usize>>>,
) -> bool {
    search(paths, &mut Vec::new(), fields, &mut HashSet::new(), witness)
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
