//! Adding and removing branches incrementally.

use super::{Automaton, Branch, PathEntry, Slot};
use crate::pattern::ir::Conjunction;

fn take_id(free: &mut Vec<u32>, len: usize) -> (u32, bool) {
    match free.pop() {
        Some(id) => (id, true),
        None => (len as u32, false),
    }
}

impl Automaton {
    fn intern_path(&mut self, path: &str) -> u32 {
        if let Some(&id) = self.path_ids.get(path) {
            return id;
        }
        let (id, reused) = take_id(&mut self.free_paths, self.paths.len());
        let entry = PathEntry {
            name: path.into(),
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

    /// Add one branch for machine rule `rule`; returns its id.
    pub fn add_branch(&mut self, rule: u32, conj: &Conjunction) -> u32 {
        let (branch, reused) = take_id(&mut self.free_branches, self.branches.len());
        if !reused {
            self.branches.push(Branch::default());
        }
        let mut slots = Vec::with_capacity(conj.fields.len());
        let mut required = 0;
        for field in &conj.fields {
            let path = self.intern_path(&field.path);
            let absence = field.accepts_absence();
            if !absence {
                required += 1;
            }
            let (slot, reused) = take_id(&mut self.free_slots, self.slots.len());
            let entry = Slot {
                path,
                branch,
                absence,
                conditions: field.conditions.clone().into_boxed_slice(),
            };
            if reused {
                self.slots[slot as usize] = entry;
            } else {
                self.slots.push(entry);
            }
            let p = &mut self.paths[path as usize];
            p.refs += 1;
            for c in &field.conditions {
                p.matcher.add(c, slot);
            }
            slots.push(slot);
        }
        self.branches[branch as usize] = Branch {
            slots: slots.into_boxed_slice(),
            required,
            rule,
        };
        if required == 0 {
            self.absence_only.push(branch);
        }
        branch
    }

    /// Remove a branch added by [`Automaton::add_branch`].
    pub fn remove_branch(&mut self, branch: u32) {
        let b = std::mem::take(&mut self.branches[branch as usize]);
        if b.required == 0 {
            self.absence_only.retain(|&x| x != branch);
        }
        for &slot in b.slots.iter() {
            let s = &mut self.slots[slot as usize];
            let conditions = std::mem::take(&mut s.conditions);
            let path = s.path;
            let p = &mut self.paths[path as usize];
            for c in conditions.iter() {
                p.matcher.remove(c, slot);
            }
            p.refs -= 1;
            if p.refs == 0 {
                let name = std::mem::take(&mut p.name);
                *p = PathEntry::default();
                self.path_ids.remove(&name);
                self.trie.remove(&name);
                self.free_paths.push(path);
            }
            self.free_slots.push(slot);
        }
        self.free_branches.push(branch);
    }
}
