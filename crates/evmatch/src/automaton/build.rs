//! Adding and removing branches incrementally.

use super::values::rank;
use super::{Automaton, Branch, COMPLETE, NO_TRIGGER, PathEntry, Slot};
use crate::pattern::ir::{Condition, Conjunction};

fn take_id(free: &mut Vec<u32>, len: usize) -> (u32, bool) {
    match free.pop() {
        Some(id) => (id, true),
        None => (len as u32, false),
    }
}

impl Automaton {
    fn intern_path(&mut self, path: &str) -> u32 {
        if let Some(&id) = self.path_ids.get(path) {
            self.paths[id as usize].refs += 1;
            return id;
        }
        let (id, reused) = take_id(&mut self.free_paths, self.paths.len());
        let entry = PathEntry {
            name: path.into(),
            refs: 1,
            ..PathEntry::default()
        };
        if reused {
            self.paths[id as usize] = entry;
        } else {
            self.paths.push(entry);
        }
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
            self.free_paths.push(path);
        }
    }

    /// Add one branch for machine rule `rule`; returns its id.
    pub fn add_branch(&mut self, rule: u32, conj: &Conjunction) -> u32 {
        assert!(rule < COMPLETE, "too many rules");
        let (id, reused) = take_id(&mut self.free_branches, self.branches.len());
        if !reused {
            self.branches.push(Branch::Free);
        }
        self.live_slots += conj.fields.len();
        if let [field] = &conj.fields[..]
            && let [Condition::String(s) | Condition::Exactly(s)] = &field.conditions[..]
        {
            let path = self.intern_path(&field.path);
            let m = &mut self.paths[path as usize].matcher;
            m.add_str(s.as_bytes(), COMPLETE | rule);
            m.count_entry(1);
            self.branches[id as usize] = Branch::Exact {
                rule,
                path,
                value: s.as_str().into(),
            };
            return id;
        }
        let mut slots = Vec::with_capacity(conj.fields.len());
        // (rank, load, index) of the best trigger so far.
        let mut best: Option<(u8, usize, usize)> = None;
        for (i, field) in conj.fields.iter().enumerate() {
            let path = self.intern_path(&field.path);
            let absence = field.accepts_absence();
            if !absence {
                let m = &self.paths[path as usize].matcher;
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
            slots.push(Slot::new(
                path,
                absence,
                field.conditions.clone().into_boxed_slice(),
            ));
        }
        let trigger = best.map_or(NO_TRIGGER, |b| b.2 as u32);
        let branch = Branch::General {
            rule,
            trigger,
            slots: slots.into_boxed_slice(),
        };
        if let Branch::General { slots, .. } = &branch {
            match slots.get(trigger as usize) {
                Some(s) => {
                    let target = branch.target(id);
                    let m = &mut self.paths[s.path as usize].matcher;
                    for c in s.conditions.iter() {
                        m.add(c, target);
                    }
                }
                None => self.absence_only.push(id),
            }
        }
        self.branches[id as usize] = branch;
        id
    }

    /// Remove a branch added by [`Automaton::add_branch`].
    pub fn remove_branch(&mut self, id: u32) {
        let b = std::mem::take(&mut self.branches[id as usize]);
        let target = b.target(id);
        match &b {
            Branch::Free => return,
            Branch::Exact { path, value, .. } => {
                let m = &mut self.paths[*path as usize].matcher;
                m.remove_str(value.as_bytes(), target);
                m.count_entry(-1);
                self.live_slots -= 1;
                self.release_path(*path);
            }
            Branch::General { trigger, slots, .. } => {
                match slots.get(*trigger as usize) {
                    Some(s) => {
                        let m = &mut self.paths[s.path as usize].matcher;
                        for c in s.conditions.iter() {
                            m.remove(c, target);
                        }
                    }
                    None => self.absence_only.retain(|&x| x != id),
                }
                self.live_slots -= slots.len();
                for s in slots.iter() {
                    self.release_path(s.path);
                }
            }
        }
        self.free_branches.push(id);
    }
}
