//! `$or` expansion: the parser's tree of members ([`Member`]) → the pattern's branches.
//!
//! The parser keeps `$or` arrays as they are written, checks the combination limit on that
//! tree, and only then expands it here, so expansion cost is bounded by the limit. Expansion
//! and the tree's drop use explicit stacks: `$or`s may nest as deep as the pattern text.

use super::ir::{Branch, FieldCondition};

/// A pattern member in document order, nested objects already flattened into paths.
pub(super) enum Member {
    Leaf(FieldCondition),
    Or(Vec<Vec<Member>>),
}

impl Drop for Member {
    fn drop(&mut self) {
        // Iterative drop: `$or`s nest as deep as the pattern text, which a raised depth limit
        // allows to be very deep.
        let Member::Or(alternatives) = self else {
            return;
        };
        let mut stack: Vec<Member> = std::mem::take(alternatives).into_iter().flatten().collect();
        while let Some(mut m) = stack.pop() {
            if let Member::Or(alternatives) = &mut m {
                stack.extend(std::mem::take(alternatives).into_iter().flatten());
            }
        }
    }
}

impl Branch {
    /// Write a value list; a later write to the same path replaces the earlier one.
    fn write(&mut self, field: FieldCondition) {
        match self.fields.iter_mut().find(|f| f.path == field.path) {
            Some(existing) => existing.conditions = field.conditions,
            None => self.fields.push(field),
        }
    }
}

/// Expand `members` into branches, in document order (a later value list for the same path
/// replaces an earlier one within a branch, as event-ruler does): a leaf is written into every
/// branch so far, a `$or` replaces them with the expansion of each alternative over them.
/// Leaves are moved into the last branch that receives them and cloned only for the others, so
/// a pattern without `$or` is never copied. Nested `$or`s are expanded with an explicit stack,
/// not by recursion.
pub(super) fn expand(members: Vec<Member>) -> Vec<Branch> {
    /// A member list being expanded over `current`; `or` is the `$or` in progress.
    struct Frame {
        rest: std::vec::IntoIter<Member>,
        current: Vec<Branch>,
        or: Option<OrInProgress>,
    }
    /// The alternatives of a `$or` not expanded yet, the branches each is expanded over, and
    /// the expansions so far.
    struct OrInProgress {
        alternatives: std::vec::IntoIter<Vec<Member>>,
        base: Vec<Branch>,
        expanded: Vec<Branch>,
    }
    let mut stack = vec![Frame {
        rest: members.into_iter(),
        current: vec![Branch::default()],
        or: None,
    }];
    let mut finished: Option<Vec<Branch>> = None;
    loop {
        let top = stack.last_mut().expect("a frame");
        if let Some(or) = &mut top.or {
            if let Some(done) = finished.take() {
                or.expanded.extend(done);
            }
            if let Some(alt) = or.alternatives.next() {
                let base = or.base.clone();
                stack.push(Frame {
                    rest: alt.into_iter(),
                    current: base,
                    or: None,
                });
                continue;
            }
            top.current = top.or.take().map(|or| or.expanded).unwrap_or_default();
        }
        // (Members are taken apart through `&mut`: `Member` has a `Drop`.)
        match top.rest.next().as_mut() {
            Some(Member::Leaf(field)) => {
                let field = std::mem::take(field);
                if let Some((last, rest)) = top.current.split_last_mut() {
                    rest.iter_mut().for_each(|b| b.write(field.clone()));
                    last.write(field);
                }
            }
            Some(Member::Or(alternatives)) => {
                top.or = Some(OrInProgress {
                    alternatives: std::mem::take(alternatives).into_iter(),
                    base: std::mem::take(&mut top.current),
                    expanded: Vec::new(),
                });
            }
            None => {
                let done = stack.pop().expect("a frame").current;
                if stack.is_empty() {
                    return done;
                }
                finished = Some(done);
            }
        }
    }
}
