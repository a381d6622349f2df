//! [`Machine`]: many rules in one shared automaton; [`SharedMachine`]: lock-free-for-readers
//! publication of machine snapshots.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use crate::automaton::Automaton;
pub use crate::automaton::Stats;
use crate::automaton::run::MatchScratch;
use crate::error::Error;
use crate::flatten::{EventLimits, describe_error};
use crate::pattern::{Limits, Pattern};
use crate::published::Published;

/// Limits of a [`Machine`]. Defaults: AWS's pattern limits, events up to 1 MiB and 1000 levels
/// of nesting (Jackson's default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Largest event accepted, in bytes.
    pub max_event_bytes: usize,
    /// Deepest nesting of objects and arrays accepted in an event.
    pub max_event_depth: usize,
    /// Most values an event may hold at paths the rules use (the values matching looks at;
    /// values elsewhere are skipped and not counted). The default, 1,000,000, is never
    /// reached by an event within the default size.
    pub max_event_fields: usize,
    /// Limits applied by [`Machine::add_rule`] when parsing pattern text.
    pub pattern_limits: Limits,
    /// The producer guarantees that member names are unique. Default `false`.
    ///
    /// "Unique" is meant after expanding dotted names, since `{"a.b": 1}` and `{"a": {"b": 1}}`
    /// reach the same path: within an object no name repeats, and no name is another one
    /// followed by `.` and more (`"a"` and `"a.b"` clash; `"a.b"` and `"a.c"` do not); at the
    /// root, a member named `""` holds no object (its members would join the root's).
    ///
    /// By default the machine reads every event to its end: a later duplicate member can add a
    /// value at a path a rule uses, or make present a path that an `exists: false` condition
    /// needs absent; and the whole event is validated, so a malformed event is always an error.
    ///
    /// With `unique_keys: true` the machine stops reading as soon as no array is open and, in
    /// every open object, every name that leads to a path a rule uses has been read as a plain
    /// (undotted) member: with unique names no later member can change any rule's answer, so
    /// the matches are the default mode's. Events whose used members come early (e.g.
    /// `properties.STREET` before the rest of `properties` and a long `geometry`) are read only
    /// in part. The trade-offs:
    ///
    /// * **Repeated names give different answers.** If an event breaks the guarantee, members
    ///   after the stop point are ignored (the default mode, like EventBridge, sees them all).
    /// * **The unread rest is not validated.** Malformed JSON or invalid UTF-8 after the stop
    ///   point is not reported: such an event can match where the default mode returns an
    ///   error. The size limit still applies to the whole event, and everything before the stop
    ///   point is validated exactly as in the default mode.
    pub unique_keys: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_event_bytes: 1 << 20,
            max_event_depth: crate::json::lexer::DEFAULT_MAX_DEPTH,
            max_event_fields: 1_000_000,
            pattern_limits: Limits::default(),
            unique_keys: false,
        }
    }
}

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
/// assert!(m.remove_rule(&"ec2"));
/// assert_eq!(m.matches_for_event(event)?, ["stopped"]);
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Machine<R> {
    config: Config,
    auto: Automaton,
    rules: Vec<Option<RuleEntry<R>>>,
    index: HashMap<R, u32>,
    free_rules: Vec<u32>,
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
    /// An empty machine with the default [`Config`].
    pub fn new() -> Self {
        Self::with_config(Config::default())
    }

    /// An empty machine with `config`.
    pub fn with_config(config: Config) -> Self {
        Machine {
            config,
            auto: Automaton::default(),
            rules: Vec::new(),
            index: HashMap::new(),
            free_rules: Vec::new(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
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
        let rule = match self.index.get(&id) {
            Some(&r) => r,
            None => {
                let entry = Some(RuleEntry {
                    id: id.clone(),
                    branches: Vec::new(),
                });
                let r = match self.free_rules.pop() {
                    Some(r) => {
                        self.rules[r as usize] = entry;
                        r
                    }
                    None => {
                        self.rules.push(entry);
                        (self.rules.len() - 1) as u32
                    }
                };
                self.index.insert(id, r);
                r
            }
        };
        let mut added = Vec::with_capacity(pattern.conjunctions().len());
        for conj in pattern.conjunctions() {
            added.push(self.auto.add_branch(rule, conj));
        }
        if let Some(entry) = self.rules[rule as usize].as_mut() {
            entry.branches.extend(added);
        }
    }

    /// Remove every pattern bound to `id`; false when `id` is unknown.
    pub fn remove_rule(&mut self, id: &R) -> bool {
        let Some(rule) = self.index.remove(id) else {
            return false;
        };
        if let Some(entry) = self.rules[rule as usize].take() {
            for b in entry.branches {
                self.auto.remove_branch(b);
            }
        }
        self.free_rules.push(rule);
        true
    }

    /// Number of rule ids.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no rule is present.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Whether `id` is present.
    pub fn contains(&self, id: &R) -> bool {
        self.index.contains_key(id)
    }

    /// Size statistics.
    pub fn stats(&self) -> Stats {
        let mut s = self.auto.stats();
        s.rules = self.len();
        s.approx_bytes += self.rules.capacity() * std::mem::size_of::<Option<RuleEntry<R>>>()
            + self
                .rules
                .iter()
                .flatten()
                .map(|r| r.branches.capacity() * 4)
                .sum::<usize>()
            + self.index.capacity() * (std::mem::size_of::<R>() + 12);
        s
    }

    fn limits(&self) -> EventLimits {
        EventLimits {
            max_bytes: self.config.max_event_bytes,
            max_depth: self.config.max_event_depth,
            max_fields: self.config.max_event_fields,
            unique_keys: self.config.unique_keys,
        }
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
        let limits = self.limits();
        let run = |sc: &mut MatchScratch, out: &mut Vec<R>| match self.auto.run(event, limits, sc) {
            Ok(()) => {
                out.extend(
                    sc.rules
                        .iter()
                        .filter_map(|&r| self.rules[r as usize].as_ref().map(|e| e.id.clone())),
                );
                Ok(())
            }
            Err(why) => Err(Error::InvalidEvent(describe_error(event, limits, why))),
        };
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut sc) => run(&mut sc, out),
            Err(_) => run(&mut MatchScratch::default(), out),
        })
    }

    /// Match a `serde_json::Value` (which has already lost duplicate keys and number spelling).
    pub fn matches_for_value(&self, event: &serde_json::Value) -> Result<Vec<R>, Error> {
        let bytes = serde_json::to_vec(event)
            .map_err(|e| Error::InvalidEvent(crate::error::EventError::new(e.to_string(), None)))?;
        self.matches_for_event(&bytes)
    }
}

/// A [`Machine`] shared between threads: readers match on an immutable snapshot while a writer
/// builds the next one (copy-on-write) and publishes it with an atomic pointer swap
/// (`arc-swap`). Readers take no lock at all: they never wait for a writer. Each update copies
/// the machine, so batch many changes into one [`SharedMachine::update`] call.
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

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Machine<R>> {
        self.current.load()
    }

    /// Match against the current snapshot.
    pub fn matches_for_event(&self, event: &[u8]) -> Result<Vec<R>, Error> {
        self.snapshot().matches_for_event(event)
    }

    /// Apply `update` to a copy of the current machine and publish the copy. Writers are
    /// serialised; readers keep using the previous snapshot until the swap.
    pub fn update<T>(&self, update: impl FnOnce(&mut Machine<R>) -> T) -> T {
        self.current.update(update)
    }

    /// Add a rule (see [`Machine::add_rule`]).
    pub fn add_rule(&self, id: R, pattern: &str) -> Result<(), Error> {
        let p = Pattern::parse_with(pattern, &self.snapshot().config().pattern_limits)?;
        self.update(|m| m.add_pattern(id, &p));
        Ok(())
    }

    /// Remove a rule (see [`Machine::remove_rule`]).
    pub fn remove_rule(&self, id: &R) -> bool {
        self.update(|m| m.remove_rule(id))
    }
}
