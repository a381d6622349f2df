//! [`MachineConfig`]: the limits and the reading mode of a [`Machine`](crate::Machine).

use crate::limits::{EventLimits, PatternLimits};

/// The configuration of a [`Machine`](crate::Machine): limits on events and patterns, and the
/// opt-in `unique_keys` reading mode. Defaults: [`EventLimits::default`] (1 MiB, 1000 levels,
/// 1,000,000 values), AWS's pattern limits, every event read to its end.
///
/// ```
/// use evmatch::{EventLimits, Machine, MachineConfig, PatternLimits};
///
/// let config = MachineConfig::default()
///     .with_event_limits(EventLimits::default().with_max_bytes(256 * 1024))
///     .with_pattern_limits(PatternLimits::default().with_max_pattern_chars(2048))
///     .with_unique_keys(true);
/// let machine: Machine<String> = Machine::with_config(config);
/// assert_eq!(machine.config().event_limits.max_bytes, 256 * 1024);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct MachineConfig {
    /// Limits on the events matched.
    pub event_limits: EventLimits,
    /// Limits applied by [`Machine::add_rule`](crate::Machine::add_rule) when parsing pattern
    /// text.
    pub pattern_limits: PatternLimits,
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

impl MachineConfig {
    /// Set [`MachineConfig::event_limits`].
    pub fn with_event_limits(mut self, limits: EventLimits) -> Self {
        self.event_limits = limits;
        self
    }

    /// Set [`MachineConfig::pattern_limits`].
    pub fn with_pattern_limits(mut self, limits: PatternLimits) -> Self {
        self.pattern_limits = limits;
        self
    }

    /// Set [`MachineConfig::unique_keys`].
    pub fn with_unique_keys(mut self, unique_keys: bool) -> Self {
        self.unique_keys = unique_keys;
        self
    }
}
