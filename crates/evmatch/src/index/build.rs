//! Adding and removing branches incrementally.

use super::value_index::rank;
use super::{BranchEntry, FieldCheck, NO_TRIGGER, PathEntry, RULE_MATCHED, TriggerIndex};
use crate::pattern::ir::{Branch, Condition};

impl TriggerIndex {
    fn intern_path(&mut self, path: &str) -> u32 {
        if let Some(&id) = self.path_ids.get(path) {
            self.paths[id as usize].refs += 1;
            return id;
        }
        let entry = PathEntry {
            name: path.into(),
            refs: 1,
            ..PathEntry::default()
        };
        let id = self.free_paths.insert(&mut self.paths, entry);
        self.path_ids.insert(path.into(), id);
        self.trie.insert(path, id);
        id
    }

    fn release_path(&mut self, path: u32) {
        let p = &mut self.paths[path as usize];
        p.refs -= 1;
        if p.refs == 0 {
            let name = std::mem::take(&mut p.name);
            *p = PathEntry::default();
            self.path_ids.remove(&name);
            self.trie.remove(&name);
            self.free_paths.release(path);
        }
    }

    /// Add one branch for machine rule `rule`; returns its id.
    pub fn add_branch(&mut self, rule: u32, branch: &Branch) -> u32 {
        assert!(rule < RULE_MATCHED, "too many rules");
        let id = self
            .free_branches
            .insert(&mut self.branches, BranchEntry::Free);
        self.live_checks += branch.fields.len();
        if let [field] = &branch.fields[..]
            && let [Condition::String(s) | Condition::Exactly(s)] = &field.conditions[..]
        {
            let path = self.intern_path(&field.path);
            let m = &mut self.paths[path as usize].index;
            m.add_str(s.as_bytes(), RULE_MATCHED | rule);
            m.count_entry(1);
            self.branches[id as usize] = BranchEntry::Exact {
                rule,
                path,
                value: s.as_str().into(),
                exactly: matches!(field.conditions[0], Condition::Exactly(_)),
            };
            return id;
        }
        let mut checks = Vec::with_capacity(branch.fields.len());
        // (rank, load, index) of the best trigger so far.
        let mut best: Option<(u8, usize, usize)> = None;
        for (i, field) in branch.fields.iter().enumerate() {
            let path = self.intern_path(&field.path);
            let absence = field.accepts_absence();
            if !absence {
                let m = &self.paths[path as usize].index;
                let r = field.conditions.iter().map(rank).max().unwrap_or(u8::MAX);
                let load = if best.is_some_and(|b| b.0 < r) {
                    usize::MAX
                } else {
                    field.conditions.iter().map(|c| m.load(c)).sum()
                };
                if best.is_none_or(|b| (r, load) < (b.0, b.1)) {
                    best = Some((r, load, i));
                }
            }
            checks.push(FieldCheck::new(
                path,
                absence,
                field.conditions.clone().into_boxed_slice(),
            ));
        }
        let trigger = best.map_or(NO_TRIGGER, |b| b.2 as u32);
        let entry = BranchEntry::General {
            rule,
            trigger,
            checks: checks.into_boxed_slice(),
        };
        if let BranchEntry::General { checks, .. } = &entry {
            match checks.get(trigger as usize) {
                Some(s) => {
                    let target = entry.target(id);
                    let m = &mut self.paths[s.path as usize].index;
                    for c in s.conditions.iter() {
                        m.add(c, target);
                    }
                }
                None => self.absence_only.push(id),
            }
        }
        self.branches[id as usize] = entry;
        id
    }

    /// Remove a branch added by [`TriggerIndex::add_branch`].
    pub fn remove_branch(&mut self, id: u32) {
        let b = std::mem::take(&mut self.branches[id as usize]);
        let target = b.target(id);
        match &b {
            BranchEntry::Free => return,
            BranchEntry::Exact { path, value, .. } => {
                let m = &mut self.paths[*path as usize].index;
                m.remove_str(value.as_bytes(), target);
                m.count_entry(-1);
                self.live_checks -= 1;
                self.release_path(*path);
            }
            BranchEntry::General {
                trigger, checks, ..
            } => {
                match checks.get(*trigger as usize) {
                    Some(s) => {
                        let m = &mut self.paths[s.path as usize].index;
                        for c in s.conditions.iter() {
                            m.remove(c, target);
                        }
                    }
                    None => self.absence_only.retain(|&x| x != id),
                }
                self.live_checks -= checks.len();
                for s in checks.iter() {
                    self.release_path(s.path);
                }
            }
        }
        self.free_branches.release(id);
    }
}
