//! [`Stats`]: what a machine holds, counted from its trigger index.

use super::value_index::ValueIndex;
use super::{BranchEntry, FieldCheck, PathEntry, TriggerIndex};
use crate::pattern::ir::Condition;
use crate::pattern::wildcard::{self, Wildcard};
use crate::util::FxMap;

/// Size statistics of a [`Machine`](crate::Machine), from [`Machine::stats`](crate::Machine::stats).
///
/// ```
/// let mut m = evmatch::Machine::new();
/// m.add_rule("r", r#"{"source": ["aws.ec2"], "detail": {"state": ["stopped", "running"]}}"#)?;
/// let s = m.stats();
/// assert_eq!((s.rules, s.branches, s.paths, s.field_checks), (1, 1, 2, 2));
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Stats {
    /// Rule ids.
    pub rules: usize,
    /// Branches: one per combination of `$or` alternatives of every pattern (a pattern
    /// without `$or` is one branch).
    pub branches: usize,
    /// Distinct paths the rules constrain.
    pub paths: usize,
    /// Nodes of the path trie the event reader walks (one per distinct path prefix ending at a
    /// `.`, plus two that always exist: the root and the empty member name).
    pub path_nodes: usize,
    /// Field checks: one per constrained path of every branch.
    pub field_checks: usize,
    /// Distinct keys (exact strings, numbers, addresses, affixes, …) in the per-path indexes.
    pub index_keys: usize,
    /// Conditions registered in the per-path indexes (each branch's trigger).
    pub index_entries: usize,
    /// Approximate heap bytes.
    pub approx_bytes: usize,
    /// Highest wildcard complexity of any path (event-ruler's measure, capped at 1000).
    pub wildcard_complexity: usize,
}

impl TriggerIndex {
    /// Statistics (the rule count is filled in by the machine).
    pub fn stats(&self) -> Stats {
        let live_paths = self.paths.iter().filter(|p| p.refs > 0);
        let (keys, entries) = live_paths
            .clone()
            .map(|p| p.index.size())
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        // Wildcard complexity is event-ruler's per-path measure over every wildcard on the path,
        // whether or not it is the branch's trigger.
        let mut wildcards: FxMap<u32, Vec<&Wildcard>> = FxMap::default();
        let mut branch_bytes = 0;
        for b in &self.branches {
            match b {
                BranchEntry::Free => {}
                BranchEntry::Exact { value, .. } => branch_bytes += value.len(),
                BranchEntry::General { checks, .. } => {
                    branch_bytes += checks.len() * std::mem::size_of::<FieldCheck>();
                    for s in checks.iter() {
                        branch_bytes += s.conditions.len() * std::mem::size_of::<Condition>()
                            + s.conditions
                                .iter()
                                .map(Condition::heap_bytes)
                                .sum::<usize>()
                            + s.index.as_ref().map_or(0, |m| {
                                std::mem::size_of::<ValueIndex>() + m.approx_bytes()
                            });
                        for c in s.conditions.iter() {
                            let ws = c.wildcards();
                            if !ws.is_empty() {
                                wildcards.entry(s.path).or_default().extend(ws);
                            }
                        }
                    }
                }
            }
        }
        let wildcard_complexity = wildcards
            .values()
            .map(|ws| wildcard::complexity(ws.iter().copied(), 1000))
            .max()
            .unwrap_or(0);
        let approx_bytes = self.trie.approx_bytes()
            + self.paths.capacity() * std::mem::size_of::<PathEntry>()
            + live_paths
                .clone()
                .map(|p| p.name.len() * 2 + 48 + p.index.approx_bytes())
                .sum::<usize>()
            + self.path_ids.capacity() * 25
            + self.branches.capacity() * std::mem::size_of::<BranchEntry>()
            + branch_bytes
            + self.free_branches.approx_bytes()
            + self.free_paths.approx_bytes()
            + self.absence_only.capacity() * 4;
        Stats {
            rules: 0,
            branches: self.live_branches(),
            paths: live_paths.count(),
            path_nodes: self.trie.size(),
            field_checks: self.live_checks,
            index_keys: keys,
            index_entries: entries,
            approx_bytes,
            wildcard_complexity,
        }
    }
}
