//! Matching one event: flatten, feed leaves to value matchers, filter candidate branches, and
//! run the array-consistency search (PATTERNS.md §5.2) on the candidates.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use smallvec::SmallVec;

use super::{Automaton, Branch};
use crate::flatten::{self, EventLimits, FlatScratch, FxHasher, Invalid};

type Constraints = SmallVec<[(u32, u32); 8]>;

/// Per-thread buffers reused from event to event.
#[derive(Debug, Default)]
pub(crate) struct MatchScratch {
    pub flat: FlatScratch,
    /// (slot, field index) for every value match.
    hits: Vec<(u32, u32)>,
    slot_stamp: Vec<u32>,
    branch_stamp: Vec<u32>,
    branch_count: Vec<u32>,
    path_stamp: Vec<u32>,
    epoch: u32,
    candidates: Vec<u32>,
    /// (path, field index), sorted; built only when a trail-aware absence test needs it.
    by_path: Vec<(u32, u32)>,
    constraints: Vec<(u32, u32)>,
    failed: HashSet<(u32, Constraints), BuildHasherDefault<FxHasher>>,
    /// Output: machine rule indexes that matched, sorted and distinct.
    pub rules: Vec<u32>,
}

impl MatchScratch {
    fn next_epoch(&mut self, slots: usize, branches: usize, paths: usize) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.slot_stamp.iter_mut().for_each(|x| *x = 0);
            self.branch_stamp.iter_mut().for_each(|x| *x = 0);
            self.path_stamp.iter_mut().for_each(|x| *x = 0);
            self.epoch = 1;
        }
        if self.slot_stamp.len() < slots {
            self.slot_stamp.resize(slots, 0);
        }
        if self.branch_stamp.len() < branches {
            self.branch_stamp.resize(branches, 0);
            self.branch_count.resize(branches, 0);
        }
        if self.path_stamp.len() < paths {
            self.path_stamp.resize(paths, 0);
        }
    }
}

#[inline]
fn consistent(trail: &[(u32, u32)], m: &[(u32, u32)]) -> bool {
    trail
        .iter()
        .all(|&(a, i)| m.iter().all(|&(a2, i2)| a2 != a || i2 == i))
}

struct Search<'a> {
    auto: &'a Automaton,
    flat: &'a FlatScratch,
    hits: &'a [(u32, u32)],
    by_path: &'a [(u32, u32)],
    constraints: &'a mut Vec<(u32, u32)>,
    failed: &'a mut HashSet<(u32, Constraints), BuildHasherDefault<FxHasher>>,
}

impl Search<'_> {
    fn hits_of(&self, slot: u32) -> &[(u32, u32)] {
        let lo = self.hits.partition_point(|&(s, _)| s < slot);
        let hi = self.hits.partition_point(|&(s, _)| s <= slot);
        &self.hits[lo..hi]
    }

    fn fields_at(&self, path: u32) -> &[(u32, u32)] {
        let lo = self.by_path.partition_point(|&(p, _)| p < path);
        let hi = self.by_path.partition_point(|&(p, _)| p <= path);
        &self.by_path[lo..hi]
    }

    /// PATTERNS.md §5.2 `search(i, M)`, memoising failures.
    fn search(&mut self, branch: &Branch, i: usize) -> bool {
        let Some(&slot) = branch.slots.get(i) else {
            return true;
        };
        let mut key: Constraints = self.constraints.iter().copied().collect();
        key.sort_unstable();
        let key = (i as u32, key);
        if self.failed.contains(&key) {
            return false;
        }
        let s = &self.auto.slots[slot as usize];
        let (lo, hi) = {
            let h = self.hits_of(slot);
            let lo = h.as_ptr() as usize - self.hits.as_ptr() as usize;
            let lo = lo / std::mem::size_of::<(u32, u32)>();
            (lo, lo + h.len())
        };
        for k in lo..hi {
            let fi = self.hits[k].1;
            let f = &self.flat.fields[fi as usize];
            let trail = self.flat.trail(f);
            if !consistent(trail, self.constraints) {
                continue;
            }
            let before = self.constraints.len();
            for &t in trail {
                if !self.constraints.contains(&t) {
                    self.constraints.push(t);
                }
            }
            let found = self.search(branch, i + 1);
            self.constraints.truncate(before);
            if found {
                return true;
            }
        }
        if s.absence {
            let present = self.fields_at(s.path).iter().any(|&(_, fi)| {
                let f = &self.flat.fields[fi as usize];
                consistent(self.flat.trail(f), self.constraints)
            });
            if !present && self.search(branch, i + 1) {
                return true;
            }
        }
        self.failed.insert(key);
        false
    }
}

impl Automaton {
    /// Match `input`; matching rule indexes are left in `sc.rules` (sorted, distinct).
    pub fn run(
        &self,
        input: &[u8],
        limits: EventLimits,
        sc: &mut MatchScratch,
    ) -> Result<(), Invalid> {
        sc.rules.clear();
        if input.len() > limits.max_bytes {
            return Err(Invalid);
        }
        flatten::flatten(&self.trie, input, limits, &mut sc.flat)?;
        sc.next_epoch(self.slots.len(), self.branches.len(), self.paths.len());
        let epoch = sc.epoch;
        sc.hits.clear();
        sc.candidates.clear();
        {
            let MatchScratch {
                flat,
                hits,
                slot_stamp,
                branch_stamp,
                branch_count,
                path_stamp,
                candidates,
                ..
            } = sc;
            for (fi, f) in flat.fields.iter().enumerate() {
                path_stamp[f.path as usize] = epoch;
                let leaf = flat.leaf(input, f);
                self.paths[f.path as usize].matcher.matches(leaf, |slot| {
                    hits.push((slot, fi as u32));
                    if slot_stamp[slot as usize] == epoch {
                        return;
                    }
                    slot_stamp[slot as usize] = epoch;
                    let s = &self.slots[slot as usize];
                    if s.absence {
                        return;
                    }
                    let b = s.branch as usize;
                    if branch_stamp[b] != epoch {
                        branch_stamp[b] = epoch;
                        branch_count[b] = 0;
                    }
                    branch_count[b] += 1;
                    if branch_count[b] == self.branches[b].required {
                        candidates.push(b as u32);
                    }
                });
            }
        }
        sc.candidates.extend_from_slice(&self.absence_only);
        if sc.candidates.is_empty() {
            return Ok(());
        }
        sc.hits.sort_unstable();
        sc.hits.dedup();
        if !sc.flat.any_trail {
            // No field lies in an array of objects: every field is consistent with every other,
            // so a branch matches iff each slot is hit, or accepts absence and its path is absent.
            for &b in &sc.candidates {
                let branch = &self.branches[b as usize];
                let ok = branch.slots.iter().all(|&slot| {
                    let s = &self.slots[slot as usize];
                    sc.slot_stamp[slot as usize] == epoch
                        || (s.absence && sc.path_stamp[s.path as usize] != epoch)
                });
                if ok {
                    sc.rules.push(branch.rule);
                }
            }
        } else {
            sc.by_path.clear();
            sc.by_path.extend(
                sc.flat
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.path, i as u32)),
            );
            sc.by_path.sort_unstable();
            for k in 0..sc.candidates.len() {
                let b = sc.candidates[k];
                let branch = &self.branches[b as usize];
                if sc.rules.contains(&branch.rule) {
                    continue;
                }
                sc.failed.clear();
                sc.constraints.clear();
                let mut search = Search {
                    auto: self,
                    flat: &sc.flat,
                    hits: &sc.hits,
                    by_path: &sc.by_path,
                    constraints: &mut sc.constraints,
                    failed: &mut sc.failed,
                };
                if search.search(branch, 0) {
                    sc.rules.push(branch.rule);
                }
            }
        }
        sc.rules.sort_unstable();
        sc.rules.dedup();
        Ok(())
    }
}
