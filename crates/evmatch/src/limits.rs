//! [`PatternLimits`] and [`EventLimits`]: what the engine accepts before it refuses input.
//!
//! Every input has a bounded cost. Pattern text is refused over AWS's limits (length, `$or`
//! combinations, wildcard complexity, fields per branch) and over two of ours that AWS's length
//! limit makes unreachable (nesting, values per pattern); event text over its size, nesting or
//! field limit is refused before, or as soon as, the limit is crossed. Both structs are
//! `#[non_exhaustive]`: build them from `Default` with the `with_*` setters, or change the
//! public fields of a default value.

use crate::json::lexer::DEFAULT_MAX_DEPTH;

/// Limits applied when a pattern is parsed. Defaults are AWS's.
///
/// ```
/// use evmatch::{Pattern, PatternLimits};
///
/// let long = format!(r#"{{"a": [{}"x"]}}"#, "\"padding\", ".repeat(500));
/// assert!(Pattern::parse(&long).is_err()); // over AWS's 4096 characters
/// let limits = PatternLimits::default().with_max_pattern_chars(8192);
/// assert!(Pattern::parse_with(&long, &limits).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PatternLimits {
    /// Longest pattern, in UTF-16 code units (AWS: 4096 for the API; the rule quota is 2048).
    /// A longer pattern is a `ValidationException`.
    pub max_pattern_chars: usize,
    /// Most `$or` combinations (the product of the lengths of all `$or` arrays; AWS: 1000).
    pub max_or_combinations: usize,
    /// Highest wildcard complexity of a field (AWS's threshold is unpublished; 10 fits every
    /// observation).
    pub max_wildcard_complexity: usize,
    /// Most distinct paths in one branch (event-ruler: 256).
    pub max_fields_per_branch: usize,
    /// Deepest nesting of objects and arrays (Jackson 2.15+: 1000).
    pub max_depth: usize,
    /// Most values in one pattern (our limit, not AWS's: 100,000 cannot be reached within
    /// 4096 characters). Every condition of every value list in the text counts its operands,
    /// at least 1: a literal (`"x"`, `5`, `null`) and a single-operand match expression
    /// (`prefix`, `cidr`, `exists`, …) count 1, a `numeric` expression 1 or 2, an `anything-but`
    /// list (of any form) its length. Each `$or` branch counts once, as written, not once per
    /// combination. Over it, the reason is `Event pattern contains more than N values`.
    pub max_values_per_pattern: usize,
}

impl Default for PatternLimits {
    fn default() -> Self {
        PatternLimits {
            max_pattern_chars: 4096,
            max_or_combinations: 1000,
            max_wildcard_complexity: 10,
            max_fields_per_branch: 256,
            max_depth: DEFAULT_MAX_DEPTH,
            max_values_per_pattern: 100_000,
        }
    }
}

impl PatternLimits {
    /// Set [`PatternLimits::max_pattern_chars`].
    pub fn with_max_pattern_chars(mut self, n: usize) -> Self {
        self.max_pattern_chars = n;
        self
    }

    /// Set [`PatternLimits::max_or_combinations`].
    pub fn with_max_or_combinations(mut self, n: usize) -> Self {
        self.max_or_combinations = n;
        self
    }

    /// Set [`PatternLimits::max_wildcard_complexity`].
    pub fn with_max_wildcard_complexity(mut self, n: usize) -> Self {
        self.max_wildcard_complexity = n;
        self
    }

    /// Set [`PatternLimits::max_fields_per_branch`].
    pub fn with_max_fields_per_branch(mut self, n: usize) -> Self {
        self.max_fields_per_branch = n;
        self
    }

    /// Set [`PatternLimits::max_depth`].
    pub fn with_max_depth(mut self, n: usize) -> Self {
        self.max_depth = n;
        self
    }

    /// Set [`PatternLimits::max_values_per_pattern`].
    pub fn with_max_values_per_pattern(mut self, n: usize) -> Self {
        self.max_values_per_pattern = n;
        self
    }
}

/// Limits applied to events. Defaults: 1 MiB, 1000 levels of nesting (Jackson's default),
/// 1,000,000 values at used paths.
///
/// ```
/// use evmatch::{EventLimits, Machine, MachineConfig};
///
/// let config = MachineConfig::default().with_event_limits(EventLimits::default().with_max_bytes(64));
/// let mut m = Machine::with_config(config);
/// m.add_rule(1, r#"{"a": ["x"]}"#)?;
/// assert!(m.matches_for_event(br#"{"a": "x"}"#)?.contains(&1));
/// let err = m.matches_for_event(format!(r#"{{"a": "{}"}}"#, "x".repeat(100)).as_bytes()).unwrap_err();
/// assert_eq!(err.to_string(), "Event is 109 bytes, more than the configured maximum of 64 bytes");
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventLimits {
    /// Largest event accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of objects and arrays accepted in an event.
    pub max_depth: usize,
    /// Most values an event may hold at paths the rules use (the values matching looks at;
    /// values elsewhere are skipped and not counted). The default, 1,000,000, is never reached
    /// by an event within the default size. Applies to [`Machine`](crate::Machine) matching.
    pub max_fields: usize,
}

impl Default for EventLimits {
    fn default() -> Self {
        EventLimits {
            max_bytes: 1 << 20,
            max_depth: DEFAULT_MAX_DEPTH,
            max_fields: 1_000_000,
        }
    }
}

impl EventLimits {
    /// Set [`EventLimits::max_bytes`].
    pub fn with_max_bytes(mut self, n: usize) -> Self {
        self.max_bytes = n;
        self
    }

    /// Set [`EventLimits::max_depth`].
    pub fn with_max_depth(mut self, n: usize) -> Self {
        self.max_depth = n;
        self
    }

    /// Set [`EventLimits::max_fields`].
    pub fn with_max_fields(mut self, n: usize) -> Self {
        self.max_fields = n;
        self
    }
}
