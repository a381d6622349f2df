//! [`SharedMachine`]: a [`Machine`] that readers match against while a writer changes its rules,
//! each change costing what it changes rather than a copy of the machine.
//!
//! Job: publish versions of a machine to reader threads. It keeps two replicas ([`LeftRight`]):
//! readers match on the published one (one atomic load, no lock, never waiting); the writer
//! applies a change to the other one — the previous version, after replaying the change it
//! lacks — and publishes it with one pointer swap. Adds and removes are [`RuleChange`] values
//! (patterns parsed once, shared by both replicas), so they can be replayed.
//!
//! Invariants: a reader sees every change of one call, or none of them; both replicas hold the
//! same rules once the spare has replayed what it lacks; only the writer (serialised by a
//! mutex) touches the spare, and only while no reader holds it.
//!
//! Costs: memory of two machines. `add_rule`, `add_pattern`, `remove_rule` and `apply` cost
//! their changes twice (once per replica) plus a pointer swap — microseconds at 100,000 rules;
//! removing an unknown id publishes nothing; the writer may wait for a reader still matching
//! on the replica it changes (at most as long as a copy takes). One copy of the machine is
//! made by the first change, by the change after an [`update`](SharedMachine::update) (an
//! arbitrary closure, which cannot be replayed), and when a reader holds the spare longer than
//! a copy takes (a [`snapshot`](SharedMachine::snapshot) kept across two changes).

use std::borrow::Borrow;
use std::fmt;
use std::hash::Hash;
use std::sync::Arc;

use super::Machine;
use super::rule_change::RuleChange;
use crate::error::Error;
use crate::pattern::Pattern;
use crate::util::LeftRight;

/// A [`Machine`] shared between threads: readers match while a writer changes the rules, and
/// readers never wait for the writer.
///
/// Readers match on an immutable version of the machine, loaded with one atomic read
/// (`arc-swap`, no lock). A change is applied to a second replica of the machine (the previous
/// version, brought up to date first) and published with one pointer swap, so a reader sees the
/// rules before or after a change, never half of it. Writers are serialised.
///
/// **The cheap path.** [`add_rule`](Self::add_rule), [`add_pattern`](Self::add_pattern),
/// [`remove_rule`](Self::remove_rule) and [`apply`](Self::apply) (many changes published at
/// once) are recorded as [`RuleChange`]s and replayed on the other replica at the next change:
/// each costs about twice what the same change costs on a [`Machine`], whatever the number of
/// rules — no copy. Patterns are parsed once. The writer may have to wait for a reader still
/// matching on the replica it is about to change (one published two changes ago): the rest of
/// one match, normally microseconds, but a scheduler time slice (milliseconds) when a reader is
/// descheduled mid-match on a machine with more busy threads than cores.
///
/// **The copying path.** [`update`](Self::update) runs any closure on a machine; a closure
/// cannot be replayed, so the next change after it copies the whole machine once (milliseconds
/// and megabytes at 100,000 rules). The first change after [`new`](Self::new) copies once too,
/// to make the second replica. Prefer [`apply`](Self::apply) for batches.
///
/// **Snapshots.** [`snapshot`](Self::snapshot) returns a version a caller may keep as long as it
/// likes; it never changes. But a snapshot kept across two changes is the replica the writer
/// wants to reuse: the writer then waits briefly (at most the time its last copy took) and
/// copies the machine instead — one copy per snapshot kept that long. The matching methods of
/// `SharedMachine` hold their version only while they match.
///
/// **Memory.** Two machines ([`Machine::stats`]`().approx_bytes` each), plus any version a reader
/// still held when the writer gave up on it; the writer frees those once released (at its next
/// change), so readers never pay for freeing a machine.
///
/// ```
/// use std::sync::Arc;
/// use evmatch::{Pattern, RuleChange, SharedMachine};
///
/// let shared: Arc<SharedMachine<String>> = Arc::default();
/// shared.add_rule("ec2".into(), r#"{"source": ["aws.ec2"]}"#)?;
/// let reader = {
///     let shared = Arc::clone(&shared);
///     std::thread::spawn(move || shared.matches_for_event(br#"{"source": "aws.ec2"}"#))
/// };
/// assert_eq!(reader.join().unwrap()?, ["ec2"]);
/// assert!(shared.contains("ec2") && shared.len() == 1);
/// // Many changes, published together: readers see all of them or none.
/// let s3 = Arc::new(Pattern::parse(r#"{"source": ["aws.s3"]}"#)?);
/// shared.apply([RuleChange::Remove("ec2".into()), RuleChange::Add("s3".into(), s3)]);
/// assert!(!shared.contains("ec2") && shared.contains("s3"));
/// # Ok::<(), evmatch::Error>(())
/// ```
pub struct SharedMachine<R> {
    replicas: LeftRight<Machine<R>, RuleChange<R>>,
}

impl<R: Clone + Eq + Hash> Default for SharedMachine<R> {
    fn default() -> Self {
        Self::new(Machine::new())
    }
}

impl<R> fmt::Debug for SharedMachine<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SharedMachine")
            .field(&**self.replicas.load())
            .finish()
    }
}

impl<R: Clone + Eq + Hash> SharedMachine<R> {
    /// Share `machine`. The second replica is made (one copy) by the first change.
    pub fn new(machine: Machine<R>) -> Self {
        SharedMachine {
            replicas: LeftRight::new(machine),
        }
    }

    /// The current version: it never changes, however the shared machine is changed later.
    /// Keeping it across two changes costs the writer one copy of the machine (see the type's
    /// documentation); to match, call the matching methods instead.
    pub fn snapshot(&self) -> Arc<Machine<R>> {
        self.replicas.load_full()
    }

    /// Match against the current version (see [`Machine::matches_for_event`]).
    pub fn matches_for_event(&self, event: &[u8]) -> Result<Vec<R>, Error> {
        self.replicas.load().matches_for_event(event)
    }

    /// Match against the current version, replacing the contents of `out` (see
    /// [`Machine::matches_into`]).
    pub fn matches_into(&self, event: &[u8], out: &mut Vec<R>) -> Result<(), Error> {
        self.replicas.load().matches_into(event, out)
    }

    /// Number of rule ids in the current version.
    pub fn len(&self) -> usize {
        self.replicas.load().len()
    }

    /// Whether the current version has no rule.
    pub fn is_empty(&self) -> bool {
        self.replicas.load().is_empty()
    }

    /// Whether `id` is present in the current version.
    pub fn contains<Q>(&self, id: &Q) -> bool
    where
        R: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.replicas.load().contains(id)
    }

    /// Apply `update` to a machine holding the current rules and publish it. Any change is
    /// possible, but a closure cannot be replayed on the other replica: the next change copies
    /// the whole machine. For adds and removes use [`apply`](Self::apply) and the single-rule
    /// methods, which never copy.
    pub fn update<T>(&self, update: impl FnOnce(&mut Machine<R>) -> T) -> T {
        self.replicas.update(update)
    }

    /// Apply `changes` in order and publish them together: readers see all of them or none.
    /// Costs the changes themselves (twice), never a copy of the machine; nothing is published
    /// when `changes` is empty.
    pub fn apply(&self, changes: impl IntoIterator<Item = RuleChange<R>>) {
        let changes: Vec<RuleChange<R>> = changes.into_iter().collect();
        self.replicas.change(|_| (changes, ()));
    }

    /// Add a rule (see [`Machine::add_rule`]). The pattern is parsed once, with the current
    /// version's limits; an invalid pattern changes nothing.
    pub fn add_rule(&self, id: R, pattern: &str) -> Result<(), Error> {
        let limits = self.replicas.load().config().pattern_limits.clone();
        let p = Pattern::parse_with(pattern, &limits)?;
        self.add_pattern(id, p);
        Ok(())
    }

    /// Bind a parsed pattern to `id` (see [`Machine::add_pattern`]); pass an `Arc<Pattern>` to
    /// share a pattern already held elsewhere.
    pub fn add_pattern(&self, id: R, pattern: impl Into<Arc<Pattern>>) {
        self.apply([RuleChange::Add(id, pattern.into())]);
    }

    /// Remove a rule (see [`Machine::remove_rule`]); false, and nothing published, when `id` is
    /// unknown.
    pub fn remove_rule<Q>(&self, id: &Q) -> bool
    where
        R: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.replicas
            .change(|current| match current.ids.get_key_value(id) {
                Some((owned, _)) => (vec![RuleChange::Remove(owned.clone())], true),
                None => (Vec::new(), false),
            })
    }
}
