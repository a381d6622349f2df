//! Matching one event: flatten, feed leaves to the value indexes (which report matched rules
//! and candidate branches), then check each candidate's field checks against the event's
//! fields and, when arrays of objects are involved, run the array-consistency search: a branch
//! matches when its fields can be taken from one consistent choice of array elements (no two
//! fields from different elements of the same array), `exists: false` checks being decided in
//! path order against the elements chosen so far, as event-ruler decides them.

use std::collections::HashSet;

use smallvec::SmallVec;

use super::{BranchEntry, FieldCheck, RULE_MATCHED, TriggerIndex};
use crate::flatten::{self, FlatScratch, RejectReason};
use crate::limits::EventLimits;

type Constraints = SmallVec<[(u32, u32); 8]>;

const NONE: u32 = u32::MAX;

/// Per-thread buffers reused from event to event.
#[derive(Debug, Default)]
pub(crate) struct MatchScratch {
    pub flat: FlatScratch,
    branch_stamp: Vec<u32>,
    /// First field at each path (valid when `path_stamp` is the epoch), and the next field at
    /// the same path for each field.
    path_stamp: Vec<u32>,
    path_head: Vec<u32>,
    next_field: Vec<u32>,
    epoch: u32,
    candidates: Vec<u32>,
    /// For the branch being checked: the fields each check's value list accepts, concatenated,
    /// and each check's end offset in it.
    hits: Vec<u32>,
    ends: Vec<u32>,
    constraints: Vec<(u32, u32)>,
    failed: HashSet<(u32, Constraints), rustc_hash::FxBuildHasher>,
    search_frames: Vec<SearchFrame>,
    /// Output: machine rule indexes that matched, sorted and distinct.
    pub rules: Vec<u32>,
}

impl MatchScratch {
    /// Start the next event's epoch, growing the stamp tables to `branches` and `paths`.
    // Asked to be inlined: since the engine's restructuring LLVM no longer inlined it on its own,
    // and the call cost 29 instructions per event (callgrind).
    #[inline]
    fn next_epoch(&mut self, branches: usize, paths: usize) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.branch_stamp.iter_mut().for_each(|x| *x = 0);
            self.path_stamp.iter_mut().for_each(|x| *x = 0);
            self.epoch = 1;
        }
        if self.branch_stamp.len() < branches {
            self.branch_stamp.resize(branches, 0);
        }
        if self.path_stamp.len() < paths {
            self.path_stamp.resize(paths, 0);
            self.path_head.resize(paths, NONE);
        }
    }
}

#[inline]
fn consistent(trail: &[(u32, u32)], m: &[(u32, u32)]) -> bool {
    trail
        .iter()
        .all(|&(a, i)| m.iter().all(|&(a2, i2)| a2 != a || i2 == i))
}

/// The fields at one path, chained in document order.
struct Fields<'a> {
    flat: &'a FlatScratch,
    path_stamp: &'a [u32],
    path_head: &'a [u32],
    next_field: &'a [u32],
    epoch: u32,
}

impl Fields<'_> {
    #[inline]
    fn at(&self, path: u32) -> impl Iterator<Item = u32> + '_ {
        let mut f = if self.path_stamp[path as usize] == self.epoch {
            self.path_head[path as usize]
        } else {
            NONE
        };
        std::iter::from_fn(move || {
            if f == NONE {
                return None;
            }
            let cur = f;
            f = self.next_field[f as usize];
            Some(cur)
        })
    }
}

struct Search<'a> {
    fields: &'a Fields<'a>,
    checks: &'a [FieldCheck],
    hits: &'a [u32],
    ends: &'a [u32],
    constraints: &'a mut Vec<(u32, u32)>,
    failed: &'a mut HashSet<(u32, Constraints), rustc_hash::FxBuildHasher>,
    frames: &'a mut Vec<SearchFrame>,
}

/// The search at check `i` (see [`Search::search`]).
#[derive(Debug)]
pub(crate) struct SearchFrame {
    /// The memo key: `i` and the sorted constraints on entry.
    key: (u32, Constraints),
    /// The next hit (index into `hits`) to try.
    next: usize,
    /// The constraint count before the tried hit's trail was added.
    before: usize,
    /// Whether the check's absence is being tried (after every hit failed).
    absent: bool,
}

impl Search<'_> {
    /// Whether checks `0..` can be satisfied by one consistent choice of array elements: the
    /// reference evaluator's `search`, over the hits found for each check, memoising failures.
    /// The search keeps its own stack of frames (one per check of the branch), not the call
    /// stack.
    fn search(&mut self) -> bool {
        let flat = self.fields.flat;
        self.frames.clear();
        let mut answer = None;
        let mut enter = Some(0usize);
        loop {
            if let Some(i) = enter.take() {
                if i == self.checks.len() {
                    answer = Some(true);
                } else {
                    let mut key: Constraints = self.constraints.iter().copied().collect();
                    key.sort_unstable();
                    let key = (i as u32, key);
                    if self.failed.contains(&key) {
                        answer = Some(false);
                    } else {
                        let lo = if i == 0 { 0 } else { self.ends[i - 1] as usize };
                        self.frames.push(SearchFrame {
                            key,
                            next: lo,
                            before: self.constraints.len(),
                            absent: false,
                        });
                    }
                }
            }
            let Some(top) = self.frames.last_mut() else {
                return answer.unwrap_or(false);
            };
            let i = top.key.0 as usize;
            if let Some(found) = answer.take() {
                if !top.absent {
                    self.constraints.truncate(top.before);
                }
                if found {
                    self.frames.pop();
                    answer = Some(true);
                    continue;
                }
                if top.absent {
                    let done = self.frames.pop().expect("the top frame");
                    self.failed.insert(done.key);
                    answer = Some(false);
                    continue;
                }
            }
            let mut chosen = false;
            while top.next < self.ends[i] as usize {
                let f = &flat.fields[self.hits[top.next] as usize];
                top.next += 1;
                let trail = flat.trail(f);
                if !consistent(trail, self.constraints) {
                    continue;
                }
                top.before = self.constraints.len();
                for &t in trail {
                    if !self.constraints.contains(&t) {
                        self.constraints.push(t);
                    }
                }
                chosen = true;
                break;
            }
            if chosen {
                enter = Some(i + 1);
                continue;
            }
            let s = &self.checks[i];
            if s.absence {
                let present = self.fields.at(s.path).any(|fi| {
                    let f = &flat.fields[fi as usize];
                    consistent(flat.trail(f), self.constraints)
                });
                if !present {
                    top.absent = true;
                    enter = Some(i + 1);
                    continue;
                }
            }
            let done = self.frames.pop().expect("the top frame");
            self.failed.insert(done.key);
            answer = Some(false);
        }
    }
}

impl TriggerIndex {
    /// Match `input`; matching rule indexes are left in `sc.rules` (sorted, distinct).
    pub fn match_event(
        &self,
        input: &[u8],
        limits: &EventLimits,
        unique_keys: bool,
        sc: &mut MatchScratch,
    ) -> Result<(), RejectReason> {
        sc.rules.clear();
        if input.len() > limits.max_bytes {
            return Err(RejectReason::Malformed);
        }
        // Large exact-string indexes get each value's bucket requested as soon as it is read.
        flatten::flatten(
            &self.trie,
            input,
            limits,
            unique_keys,
            &mut sc.flat,
            |path, value| self.paths[path as usize].index.prefetch_str(value),
        )?;
        sc.next_epoch(self.branches.len(), self.paths.len());
        let epoch = sc.epoch;
        sc.candidates.clear();
        {
            let MatchScratch {
                flat,
                branch_stamp,
                candidates,
                rules,
                ..
            } = sc;
            for f in flat.fields.iter() {
                let leaf = flat.leaf(input, f);
                self.paths[f.path as usize].index.matches(leaf, |t| {
                    if t & RULE_MATCHED != 0 {
                        rules.push(t & !RULE_MATCHED);
                    } else if branch_stamp[t as usize] != epoch {
                        branch_stamp[t as usize] = epoch;
                        candidates.push(t);
                    }
                });
            }
        }
        sc.candidates.extend_from_slice(&self.absence_only);
        if !sc.candidates.is_empty() {
            self.check_candidates(input, sc);
        }
        sc.rules.sort_unstable();
        sc.rules.dedup();
        Ok(())
    }

    /// Check every candidate branch; push the rules of those that match.
    fn check_candidates(&self, input: &[u8], sc: &mut MatchScratch) {
        let epoch = sc.epoch;
        // Chain the fields of each path (in reverse, so the chains are in document order).
        sc.next_field.clear();
        sc.next_field.resize(sc.flat.fields.len(), NONE);
        for (fi, f) in sc.flat.fields.iter().enumerate().rev() {
            let p = f.path as usize;
            sc.next_field[fi] = if sc.path_stamp[p] == epoch {
                sc.path_head[p]
            } else {
                NONE
            };
            sc.path_stamp[p] = epoch;
            sc.path_head[p] = fi as u32;
        }
        let MatchScratch {
            flat,
            path_stamp,
            path_head,
            next_field,
            candidates,
            hits,
            ends,
            constraints,
            failed,
            search_frames,
            rules,
            ..
        } = sc;
        let fields = Fields {
            flat,
            path_stamp,
            path_head,
            next_field,
            epoch,
        };
        for &b in candidates.iter() {
            let BranchEntry::General { rule, checks, .. } = &self.branches[b as usize] else {
                continue;
            };
            hits.clear();
            ends.clear();
            let mut possible = true;
            for s in checks.iter() {
                let before = hits.len();
                let mut present = false;
                for fi in fields.at(s.path) {
                    present = true;
                    let leaf = flat.leaf(input, &flat.fields[fi as usize]);
                    if s.accepts(leaf) {
                        hits.push(fi);
                    }
                }
                ends.push(hits.len() as u32);
                let hit = hits.len() > before;
                // A required check needs a hit; without arrays of objects an absence check
                // also needs its path to be absent when nothing hits.
                if !hit && (!s.absence || (present && !flat.any_trail)) {
                    possible = false;
                    break;
                }
            }
            if !possible {
                continue;
            }
            if !flat.any_trail {
                // Every field is consistent with every other: each check is hit, or accepts
                // absence and its path is absent (checked above).
                rules.push(*rule);
                continue;
            }
            if rules.contains(rule) {
                continue;
            }
            failed.clear();
            constraints.clear();
            let mut search = Search {
                fields: &fields,
                checks,
                hits,
                ends,
                constraints,
                failed,
                frames: search_frames,
            };
            if search.search() {
                rules.push(*rule);
            }
        }
    }
}
