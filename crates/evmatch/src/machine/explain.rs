//! [`Machine::explain`]: one rule's explanation for an event, rebuilt from the index.
//!
//! The machine keeps no copy of its patterns: every branch's value lists are already in the
//! index ([`BranchEntry`]) for the candidate check and for removal, so the rule's branches are
//! rebuilt from there (with the path names interned in the index) and explained by the
//! reference evaluator. The memory cost is nil (one flag on the compact one-string branch, in
//! its padding); the time cost is one rebuild per call, proportional to the rule's size.
//!
//! A rule with several patterns is explained as one pattern whose branches are all of theirs,
//! in the order they were added: the rule matches when any of them does.

use std::borrow::Borrow;
use std::hash::Hash;

use super::Machine;
use crate::error::Error;
use crate::index::BranchEntry;
use crate::pattern::explain::explain;
use crate::pattern::explain::model::Explanation;
use crate::pattern::ir::{Branch, Condition, FieldCondition};

impl<R: Clone + Eq + Hash> Machine<R> {
    /// Why rule `id` matches `event` (JSON text of an object), or why not; `Ok(None)` when no
    /// rule has that id.
    ///
    /// The event is read as [`Machine::matches_for_event`] reads it, with the same errors.
    /// The explanation follows the reference semantics (every member read): its
    /// [`matched`](Explanation::matched) is whether `id` is among the matching ids (except in
    /// the opt-in [`unique_keys`](crate::MachineConfig::unique_keys) mode, for events that
    /// break its promise). A rule bound to several patterns is explained as one pattern with
    /// all their branches, in the order they were added.
    ///
    /// ```
    /// use evmatch::Machine;
    ///
    /// let mut m = Machine::new();
    /// m.add_rule("big", r#"{"detail": {"total": [{"numeric": [">=", 100]}]}}"#)?;
    /// let why = m.explain("big", br#"{"detail": {"total": "250"}}"#)?.expect("a known id");
    /// assert!(!why.matched());
    /// assert_eq!(why.to_string(), "\
    /// no match
    ///   miss  detail.total  [{\"numeric\":[\">=\",100]}]  wrong type: expected number, found string: \"250\"
    /// ");
    /// assert!(m.explain("other", b"{}")?.is_none());
    /// # Ok::<(), evmatch::Error>(())
    /// ```
    pub fn explain<Q>(&self, id: &Q, event: &[u8]) -> Result<Option<Explanation>, Error>
    where
        R: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let Some(&rule) = self.ids.get(id) else {
            return Ok(None);
        };
        // Read the event as matching does: the same checks, limits and error texts.
        self.matches_for_event(event)?;
        let text = std::str::from_utf8(event).map_err(|e| {
            // The matcher validates UTF-8 first; this is only a guard.
            Error::InvalidEvent(crate::error::EventError::new(e.to_string(), None))
        })?;
        let doc = crate::json::parse(text, usize::MAX)
            .map_err(|e| Error::InvalidEvent(crate::error::EventError::from(e)))?;
        let branches: Vec<Branch> = self.rules[rule as usize]
            .iter()
            .flat_map(|entry| entry.branches.iter())
            .filter_map(|&b| self.branch(b))
            .collect();
        Ok(Some(explain(&branches, &doc)))
    }

    /// Branch `id` of the index as IR.
    fn branch(&self, id: u32) -> Option<Branch> {
        let name = |path: u32| self.index.paths[path as usize].name.to_string();
        let fields = match &self.index.branches[id as usize] {
            BranchEntry::Free => return None,
            BranchEntry::Exact {
                path,
                value,
                exactly,
                ..
            } => {
                let value = value.to_string();
                vec![FieldCondition {
                    path: name(*path),
                    conditions: vec![if *exactly {
                        Condition::Exactly(value)
                    } else {
                        Condition::String(value)
                    }],
                }]
            }
            BranchEntry::General { checks, .. } => checks
                .iter()
                .map(|check| FieldCondition {
                    path: name(check.path),
                    conditions: check.conditions.to_vec(),
                })
                .collect(),
        };
        Some(Branch { fields })
    }
}
