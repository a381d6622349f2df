//! The explaining evaluator: the reference evaluator's search, with a verdict recorded for
//! every field condition of every branch.
//!
//! For each branch it runs the reference search ([`eval::search_witness`]); the branch's
//! `matched` is that search's answer, so an explanation never disagrees with
//! `Pattern::matches*`. Then:
//!
//! * a matched branch reports, per condition, the field the search chose (or the absence it
//!   took for `{"exists": false}`) and the value-list element that accepted it;
//! * a branch that failed is explained condition by condition on its own (absent path, wrong
//!   type, no value, `exists` mismatch). When every condition holds on its own, the failure is
//!   the array-consistency rule: the shortest failing prefix of the branch (found by binary
//!   search — failure is monotone in the prefix) ends at the condition that cannot be
//!   satisfied together with those before it, and the array and elements in conflict are
//!   named from the earlier conditions' chosen fields.
//!
//! Costs: one flattening of the event (paths the pattern uses only), one reference search per
//! branch, and for a branch failing only by consistency about log2(paths) more searches. No
//! recursion: the search keeps its own stack.

use std::collections::HashSet;

use super::condition_text::condition_text;
use super::model::{
    BranchExplanation, Explanation, FieldExplanation, MAX_VALUES_SHOWN, ValueKind, Verdict,
};
use crate::json::Value;
use crate::pattern::eval::{self, Field, Fields, consistent, leaf_matches};
use crate::pattern::ir::{Branch, Condition, FieldCondition};

/// Explain how `branches` (a pattern's) match `event`.
pub(crate) fn explain(branches: &[Branch], event: &Value) -> Explanation {
    if !matches!(event, Value::Object(_)) {
        return Explanation {
            matched: false,
            event_is_object: false,
            branches: Vec::new(),
        };
    }
    let wanted: HashSet<&str> = branches
        .iter()
        .flat_map(|b| b.fields.iter().map(|f| f.path.as_str()))
        .collect();
    let mut arrays = Vec::new();
    let fields = eval::flatten_recording(event, &wanted, Some(&mut arrays));
    let context = Context {
        fields: &fields,
        arrays: &arrays,
    };
    let branches: Vec<BranchExplanation> = branches
        .iter()
        .enumerate()
        .map(|(index, branch)| context.branch(index, branch))
        .collect();
    Explanation {
        matched: branches.iter().any(|b| b.matched),
        event_is_object: true,
        branches,
    }
}

/// The flattened event: fields by path, and each array's path by array id.
struct Context<'a, 'e> {
    fields: &'a Fields<'e>,
    arrays: &'a [String],
}

impl<'e> Context<'_, 'e> {
    /// The fields at `path`, in document order.
    fn at(&self, path: &str) -> &[Field<'e>] {
        self.fields.get(path).map(Vec::as_slice).unwrap_or_default()
    }

    fn branch(&self, index: usize, branch: &Branch) -> BranchExplanation {
        let paths = &branch.fields;
        let mut witness = Vec::new();
        let matched = eval::search_witness(paths, self.fields, Some(&mut witness));
        let verdicts = if matched {
            paths
                .iter()
                .zip(&witness)
                .map(|(f, &choice)| self.chosen(f, choice))
                .collect()
        } else {
            self.failure(paths)
        };
        BranchExplanation {
            index,
            matched,
            fields: paths
                .iter()
                .zip(verdicts)
                .map(|(f, verdict)| self.field(f, verdict))
                .collect(),
        }
    }

    fn field(&self, condition: &FieldCondition, verdict: Verdict) -> FieldExplanation {
        let found = self.at(&condition.path);
        FieldExplanation {
            path: condition.path.clone(),
            conditions: condition.conditions.iter().map(condition_text).collect(),
            values: found
                .iter()
                .take(MAX_VALUES_SHOWN)
                .map(|f| f.value.to_string())
                .collect(),
            value_count: found.len(),
            verdict,
        }
    }

    /// The verdict of a condition the search satisfied with field `choice` (or by absence).
    fn chosen(&self, condition: &FieldCondition, choice: Option<usize>) -> Verdict {
        match choice {
            Some(i) => accepted(condition, self.at(&condition.path)[i].value),
            None => Verdict::Matched {
                value: None,
                condition: absence_element(condition),
            },
        }
    }

    /// The verdicts of a branch that did not match.
    fn failure(&self, paths: &[FieldCondition]) -> Vec<Verdict> {
        let alone: Vec<Verdict> = paths.iter().map(|f| self.alone(f)).collect();
        if alone.iter().any(|v| !v.is_matched()) {
            return alone;
        }
        // Every condition holds on its own: the branch fails by array consistency. The
        // shortest failing prefix `paths[..=k]`: prefixes of length `lo` succeed, of length
        // `hi` fail.
        let (mut lo, mut hi) = (0, paths.len());
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if eval::search_witness(&paths[..mid], self.fields, None) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let k = hi - 1;
        let mut witness = Vec::new();
        let found = eval::search_witness(&paths[..k], self.fields, Some(&mut witness));
        debug_assert!(found, "a prefix shorter than the failing one succeeds");
        let mut verdicts: Vec<Verdict> = paths[..k]
            .iter()
            .zip(&witness)
            .map(|(f, &choice)| self.chosen(f, choice))
            .collect();
        verdicts.push(self.conflict(paths, k, &witness));
        verdicts.extend(alone.into_iter().skip(k + 1));
        verdicts
    }

    /// The verdict of condition `k`, which holds alone but on no field consistent with the
    /// fields `witness` chose for the conditions before it.
    fn conflict(&self, paths: &[FieldCondition], k: usize, witness: &[Option<usize>]) -> Verdict {
        // The (array, element) pairs chosen so far, each with the condition that chose it.
        let mut chosen: Vec<((usize, usize), usize)> = Vec::new();
        for (p, choice) in witness.iter().enumerate() {
            if let Some(i) = choice {
                for &pair in &self.at(&paths[p].path)[*i].trail {
                    if !chosen.iter().any(|(c, _)| *c == pair) {
                        chosen.push((pair, p));
                    }
                }
            }
        }
        let constraints: Vec<(usize, usize)> = chosen.iter().map(|(c, _)| *c).collect();
        let condition = &paths[k];
        // The first clash of each satisfying field, all on the array of the first one.
        let mut clash: Option<(usize, Vec<usize>, usize)> = None;
        for field in self.at(&condition.path) {
            if !condition
                .conditions
                .iter()
                .any(|c| leaf_matches(c, field.value))
            {
                continue;
            }
            debug_assert!(!consistent(&field.trail, &constraints));
            let hit = field.trail.iter().find_map(|&(array, element)| {
                chosen
                    .iter()
                    .find(|((a, i), _)| *a == array && *i != element)
                    .map(|((_, i), by)| (array, element, *i, *by))
            });
            let Some((array, element, fixed, by)) = hit else {
                continue;
            };
            match &mut clash {
                None => clash = Some((array, vec![fixed, element], by)),
                Some((a, elements, _)) if *a == array => elements.push(element),
                Some(_) => {}
            }
        }
        match clash {
            Some((array, mut elements, by)) => {
                elements.sort_unstable();
                elements.dedup();
                Verdict::ArrayConsistency {
                    array: self.arrays[array].clone(),
                    elements,
                    with: paths[by].path.clone(),
                }
            }
            // Unreachable when the search is right; say what is known rather than panic.
            None => Verdict::NoValueSatisfied,
        }
    }

    /// The verdict of one condition on its own, ignoring array consistency.
    fn alone(&self, condition: &FieldCondition) -> Verdict {
        let found = self.at(&condition.path);
        if found.is_empty() {
            if condition.accepts_absence() {
                return Verdict::Matched {
                    value: None,
                    condition: absence_element(condition),
                };
            }
            let only_exists = condition
                .conditions
                .iter()
                .all(|c| matches!(c, Condition::Exists(_)));
            return if only_exists {
                Verdict::ExistsMismatch {
                    expected_present: true,
                }
            } else {
                Verdict::AbsentPath
            };
        }
        if let Some(f) = found.iter().find(|f| {
            condition
                .conditions
                .iter()
                .any(|c| leaf_matches(c, f.value))
        }) {
            return accepted(condition, f.value);
        }
        let operators: Vec<&Condition> = condition
            .conditions
            .iter()
            .filter(|c| !matches!(c, Condition::Exists(_)))
            .collect();
        if operators.is_empty() {
            // Only `exists: false` rejects a present value.
            return Verdict::ExistsMismatch {
                expected_present: false,
            };
        }
        let mut expected: Vec<ValueKind> = Vec::new();
        for c in operators {
            for kind in accepted_kinds(c) {
                if !expected.contains(kind) {
                    expected.push(*kind);
                }
            }
        }
        expected.sort_unstable();
        let mut found_kinds: Vec<ValueKind> = Vec::new();
        for f in found {
            let kind = kind_of(f.value);
            if !found_kinds.contains(&kind) {
                found_kinds.push(kind);
            }
        }
        if found_kinds.iter().any(|k| expected.contains(k)) {
            Verdict::NoValueSatisfied
        } else {
            Verdict::WrongType {
                expected,
                found: found_kinds,
            }
        }
    }
}

/// The verdict of a condition satisfied by `value`.
fn accepted(condition: &FieldCondition, value: &Value) -> Verdict {
    Verdict::Matched {
        value: Some(value.to_string()),
        condition: condition
            .conditions
            .iter()
            .position(|c| leaf_matches(c, value))
            .unwrap_or(0),
    }
}

/// The index of the `{"exists": false}` element, which absence satisfies.
fn absence_element(condition: &FieldCondition) -> usize {
    condition
        .conditions
        .iter()
        .position(|c| *c == Condition::Exists(false))
        .unwrap_or(0)
}

/// The leaf types a value-list element can accept.
fn accepted_kinds(condition: &Condition) -> &'static [ValueKind] {
    const ALL: &[ValueKind] = &[
        ValueKind::String,
        ValueKind::Number,
        ValueKind::Boolean,
        ValueKind::Null,
    ];
    match condition {
        Condition::String(_)
        | Condition::IpAddress(..)
        | Condition::Exactly(_)
        | Condition::Prefix(_)
        | Condition::PrefixIgnoreCase(_)
        | Condition::Suffix(_)
        | Condition::SuffixIgnoreCase(_)
        | Condition::EqualsIgnoreCase(_)
        | Condition::Wildcard(_)
        | Condition::Cidr(..) => &[ValueKind::String],
        Condition::Number(_) | Condition::Numeric(_) => &[ValueKind::Number],
        Condition::Bool(_) => &[ValueKind::Boolean],
        Condition::Null => &[ValueKind::Null],
        Condition::AnythingBut(_) | Condition::Exists(_) => ALL,
    }
}

fn kind_of(value: &Value) -> ValueKind {
    match value {
        Value::String(_) => ValueKind::String,
        Value::Number(_) => ValueKind::Number,
        Value::Bool(_) => ValueKind::Boolean,
        // Containers are never fields; `null` is the only other leaf.
        _ => ValueKind::Null,
    }
}
