//! [`RuleChange`]: one add or remove of a rule, as a value a [`SharedMachine`] can apply to both
//! of its replicas.
//!
//! Invariant: applying the same changes in the same order to two machines that hold the same
//! rules leaves them holding the same rules, hence giving the same answers (the order of the ids
//! in an answer is unspecified anyway). An added pattern is parsed once and shared (`Arc`), so
//! replaying an add costs what adding a parsed pattern costs.
//!
//! [`SharedMachine`]: super::shared::SharedMachine

use std::hash::Hash;
use std::sync::Arc;

use super::Machine;
use crate::pattern::Pattern;
use crate::util::Replica;

/// One change of a [`SharedMachine`](crate::SharedMachine)'s rules, for
/// [`SharedMachine::apply`](crate::SharedMachine::apply).
///
/// ```
/// use std::sync::Arc;
/// use evmatch::{Pattern, RuleChange};
///
/// let add = RuleChange::Add("s3".to_string(), Arc::new(Pattern::parse(r#"{"source": ["aws.s3"]}"#)?));
/// let remove = RuleChange::Remove("ec2".to_string());
/// # let _ = (add, remove);
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone)]
pub enum RuleChange<R> {
    /// Bind a parsed pattern to an id, as [`Machine::add_pattern`] does (an id may have several
    /// patterns).
    Add(R, Arc<Pattern>),
    /// Remove every pattern bound to an id, as [`Machine::remove_rule`] does (nothing when the
    /// id is unknown).
    Remove(R),
}

impl<R: Clone + Eq + Hash> Replica<RuleChange<R>> for Machine<R> {
    fn apply(&mut self, change: &RuleChange<R>) {
        match change {
            RuleChange::Add(id, pattern) => self.add_pattern(id.clone(), pattern),
            RuleChange::Remove(id) => {
                self.remove_rule(id);
            }
        }
    }
}
