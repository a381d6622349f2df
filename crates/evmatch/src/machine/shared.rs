//! [`SharedMachine`]: a [`Machine`] that readers match against while a writer changes it.

use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::Arc;

use super::Machine;
use crate::error::Error;
use crate::pattern::Pattern;
use crate::util::Published;

/// A [`Machine`] shared between threads: readers match on an immutable snapshot while a writer
/// builds the next one (copy-on-write) and publishes it with an atomic pointer swap
/// (`arc-swap`). Readers take no lock at all: they never wait for a writer. Each update copies
/// the machine, so batch many changes into one [`SharedMachine::update`] call.
///
/// ```
/// use std::sync::Arc;
/// use evmatch::SharedMachine;
///
/// let shared: Arc<SharedMachine<String>> = Arc::default();
/// shared.add_rule("ec2".into(), r#"{"source": ["aws.ec2"]}"#)?;
/// let reader = {
///     let shared = Arc::clone(&shared);
///     std::thread::spawn(move || shared.matches_for_event(br#"{"source": "aws.ec2"}"#))
/// };
/// assert_eq!(reader.join().unwrap()?, ["ec2"]);
/// assert!(shared.contains("ec2") && shared.len() == 1);
/// // Many changes, one copy: readers see all of them or none.
/// shared.update(|m| {
///     m.remove_rule("ec2");
///     m.add_rule("s3".into(), r#"{"source": ["aws.s3"]}"#)
/// })?;
/// assert!(!shared.contains("ec2"));
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug)]
pub struct SharedMachine<R> {
    current: Published<Machine<R>>,
}

impl<R: Clone + Eq + Hash> Default for SharedMachine<R> {
    fn default() -> Self {
        Self::new(Machine::new())
    }
}

impl<R: Clone + Eq + Hash> SharedMachine<R> {
    /// Share `machine`.
    pub fn new(machine: Machine<R>) -> Self {
        SharedMachine {
            current: Published::new(machine),
        }
    }

    /// The current snapshot: it never changes, however the shared machine is updated later.
    pub fn snapshot(&self) -> Arc<Machine<R>> {
        self.current.load()
    }

    /// Match against the current snapshot (see [`Machine::matches_for_event`]).
    pub fn matches_for_event(&self, event: &[u8]) -> Result<Vec<R>, Error> {
        self.snapshot().matches_for_event(event)
    }

    /// Match against the current snapshot, replacing the contents of `out` (see
    /// [`Machine::matches_into`]).
    pub fn matches_into(&self, event: &[u8], out: &mut Vec<R>) -> Result<(), Error> {
        self.snapshot().matches_into(event, out)
    }

    /// Number of rule ids in the current snapshot.
    pub fn len(&self) -> usize {
        self.snapshot().len()
    }

    /// Whether the current snapshot has no rule.
    pub fn is_empty(&self) -> bool {
        self.snapshot().is_empty()
    }

    /// Whether `id` is present in the current snapshot.
    pub fn contains<Q>(&self, id: &Q) -> bool
    where
        R: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.snapshot().contains(id)
    }

    /// Apply `update` to a copy of the current machine and publish the copy. Writers are
    /// serialised; readers keep using the previous snapshot until the swap.
    pub fn update<T>(&self, update: impl FnOnce(&mut Machine<R>) -> T) -> T {
        self.current.update(update)
    }

    /// Add a rule (see [`Machine::add_rule`]). The pattern is parsed before the machine is
    /// copied, so an invalid pattern costs no copy.
    pub fn add_rule(&self, id: R, pattern: &str) -> Result<(), Error> {
        let p = Pattern::parse_with(pattern, &self.snapshot().config().pattern_limits)?;
        self.update(|m| m.add_pattern(id, &p));
        Ok(())
    }

    /// Remove a rule (see [`Machine::remove_rule`]).
    pub fn remove_rule<Q>(&self, id: &Q) -> bool
    where
        R: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.update(|m| m.remove_rule(id))
    }
}
