//! [`Machine`]: many rules matched together through one trigger index, with recycled rule
//! slots; [`MachineConfig`] its limits ([`config`]); [`SharedMachine`](shared::SharedMachine)
//! its publication to reader threads ([`shared`]), changed by replaying
//! [`RuleChange`](rule_change::RuleChange)s ([`rule_change`]); `Machine::explain` rebuilds one
//! rule's branches from the index to explain a match or a miss ([`explain`]).

pub(crate) mod config;
mod explain;
mod load;
pub(crate) mod rule_change;
pub(crate) mod shared;

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

use config::MachineConfig;

use crate::error::{Error, EventError};
use crate::flatten::describe;
use crate::index::TriggerIndex;
use crate::index::match_event::MatchScratch;
use crate::index::stats::Stats;
use crate::pattern::Pattern;
use crate::util::FreeIds;

#[derive(Debug, Clone)]
struct RuleEntry<R> {
    id: R,
    branches: Vec<u32>,
}

/// Many event patterns, each bound to a rule id, matched together.
///
/// Matching takes `&self`: a `Machine` can be shared by many threads (it is `Send + Sync`).
/// Every rule's outcome is exactly its one-rule (`TestEventPattern`) outcome.
///
/// ```
/// use evmatch::Machine;
///
/// let mut m = Machine::new();
/// m.add_rule("stopped", r#"{"detail": {"state": ["stopped"]}}"#)?;
/// m.add_rule("ec2", r#"{"source": [{"prefix": "aws.ec2"}]}"#)?;
/// let event = br#"{"source": "aws.ec2", "detail": {"state": "stopped"}}"#;
/// let mut got = m.matches_for_event(event)?;
/// got.sort();
/// assert_eq!(got, ["ec2", "stopped"]);
/// assert!(m.remove_rule("ec2"));
/// assert_eq!(m.matches_for_event(event)?, ["stopped"]);
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Clone)]
pub struct Machine<R> {
    config: MachineConfig,
    index: TriggerIndex,
    rules: Vec<Option<RuleEntry<R>>>,
    ids: HashMap<R, u32>,
    free_rules: FreeIds,
}

impl<R> fmt::Debug for Machine<R> {
    /// Counts and configuration, not the index (which can be megabytes).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Machine")
            .field("rules", &self.ids.len())
            .field("branches", &self.index.live_branches())
            .field("paths", &self.index.path_ids.len())
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

thread_local! {
    static SCRATCH: RefCell<MatchScratch> = RefCell::new(MatchScratch::default());
}

impl<R: Clone + Eq + Hash> Default for Machine<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R: Clone + Eq + Hash> Machine<R> {
    /// An empty machine with the default [`MachineConfig`].
    pub fn new() -> Self {
        Self::with_config(MachineConfig::default())
    }

    /// An empty machine with `config`.
    pub fn with_config(config: MachineConfig) -> Self {
        Machine {
            config,
            index: TriggerIndex::default(),
            rules: Vec::new(),
            ids: HashMap::new(),
            free_rules: FreeIds::default(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &MachineConfig {
        &self.config
    }

    /// Parse `pattern` (with the configured limits) and bind it to `id`. Adding several patterns
    /// to one id makes the id match when any of them matches.
    pub fn add_rule(&mut self, id: R, pattern: &str) -> Result<(), Error> {
        let p = Pattern::parse_with(pattern, &self.config.pattern_limits)?;
        self.add_pattern(id, &p);
        Ok(())
    }

    /// Bind an already parsed pattern to `id`.
    pub fn add_pattern(&mut self, id: R, pattern: &Pattern) {
        let rule = match self.ids.get(&id) {
            Some(&r) => r,
            None => {
                let entry = Some(RuleEntry {
                    id: id.clone(),
                    branches: Vec::new(),
                });
                let r = self.free_rules.insert(&mut self.rules, entry);
                self.ids.insert(id, r);
                r
            }
        };
        let mut added = Vec::with_capacity(pattern.branches().len());
        for branch in pattern.branches() {
            added.push(self.index.add_branch(rule, branch));
        }
        if let Some(entry) = self.rules[rule as usize].as_mut() {
            entry.branches.extend(added);
        }
    }

    /// Remove every pattern bound to `id`; false when `id` is unknown. `id` may be any borrowed
    /// form of the id type (`machine.remove_rule("id")` for a `Machine<String>`).
    pub fn remove_rule<Q>(&mut self, id: &Q) -> bool
    where
        R: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let Some(rule) = self.ids.remove(id) else {
            return false;
        };
        if let Some(entry) = self.rules[rule as usize].take() {
            for b in entry.branches {
                self.index.remove_branch(b);
            }
        }
        self.free_rules.release(rule);
        true
    }

    /// Number of rule ids.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no rule is present.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether `id` is present (any borrowed form of the id type, like
    /// [`Machine::remove_rule`]).
    pub fn contains<Q>(&self, id: &Q) -> bool
    where
        R: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.ids.contains_key(id)
    }

    /// Size statistics.
    pub fn stats(&self) -> Stats {
        let mut s = self.index.stats();
        s.rules = self.len();
        s.approx_bytes += self.rules.capacity() * std::mem::size_of::<Option<RuleEntry<R>>>()
            + self
                .rules
                .iter()
                .flatten()
                .map(|r| r.branches.capacity() * 4)
                .sum::<usize>()
            + self.ids.capacity() * (std::mem::size_of::<R>() + 12)
            + self.free_rules.approx_bytes();
        s
    }

    /// The ids whose patterns match `event` (JSON text of an object), each once, in no
    /// particular order. Malformed events, non-object events and events over the configured
    /// limits are errors.
    pub fn matches_for_event(&self, event: &[u8]) -> Result<Vec<R>, Error> {
        let mut out = Vec::new();
        self.matches_into(event, &mut out)?;
        Ok(out)
    }

    /// Like [`Machine::matches_for_event`], replacing the contents of `out`. Once the thread's
    /// buffers have grown to the workload, this allocates nothing beyond cloning ids.
    pub fn matches_into(&self, event: &[u8], out: &mut Vec<R>) -> Result<(), Error> {
        out.clear();
        let limits = &self.config.event_limits;
        let unique_keys = self.config.unique_keys;
        let run = |sc: &mut MatchScratch, out: &mut Vec<R>| match self.index.match_event(
            event,
            limits,
            unique_keys,
            sc,
        ) {
            Ok(()) => {
                out.extend(
                    sc.rules
                        .iter()
                        .filter_map(|&r| self.rules[r as usize].as_ref().map(|e| e.id.clone())),
                );
                Ok(())
            }
            Err(why) => Err(Error::InvalidEvent(describe(event, limits, why))),
        };
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut sc) => run(&mut sc, out),
            Err(_) => run(&mut MatchScratch::default(), out),
        })
    }

    /// Match a `serde_json::Value` (which has already lost duplicate keys and number spelling).
    pub fn matches_for_value(&self, event: &serde_json::Value) -> Result<Vec<R>, Error> {
        let bytes = serde_json::to_vec(event)
            .map_err(|e| Error::InvalidEvent(EventError::new(e.to_string(), None)))?;
        self.matches_for_event(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::Machine;

    /// `Debug` shows counts and the configuration, not the index: short for any rule count.
    #[test]
    fn debug_is_short() {
        let mut m = Machine::new();
        for i in 0..100 {
            let pattern = format!(
                r#"{{"source": ["s{i}"], "detail": {{"n": [{{"numeric": [">", {i}]}}]}}}}"#
            );
            m.add_rule(i, &pattern).unwrap();
        }
        let text = format!("{m:?}");
        assert!(
            text.starts_with("Machine { rules: 100, branches: 100, paths: 2, config: "),
            "{text}"
        );
        assert!(text.len() < 1000, "{} bytes: {text}", text.len());
    }
}
