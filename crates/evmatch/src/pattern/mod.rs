//! The pattern language: EventBridge pattern JSON parsed into an IR ([`ir`]), validated with
//! AWS's exact error texts (`parse`), and evaluated by the reference evaluator (`eval`).
//!
//! [`Pattern`] is the one-rule entry point. Operand helpers that the many-rule engine shares
//! live beside it: [`number`] (comparability), [`ip`] (CIDR and IP literals), [`case`]
//! (equals-ignore-case expansion) and [`wildcard`].

pub mod case;
pub(crate) mod eval;
pub mod ip;
pub mod ir;
pub mod number;
pub(crate) mod parse;
pub mod wildcard;

pub use parse::{
    Limits, TOO_COMPLEX, TOO_MANY_COMBINATIONS, TOO_MANY_VALUES, too_many_combinations,
    too_many_values,
};

use crate::error::{Error, EventError};
use crate::json::{self, Value};
use ir::Conjunction;

/// A parsed, validated event pattern.
///
/// ```
/// use evmatch::Pattern;
///
/// let pattern = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"state": [{"anything-but": "running"}]}}"#)?;
/// assert!(pattern.matches_json(r#"{"source": "aws.ec2", "detail": {"state": "stopped"}}"#)?);
/// assert!(!pattern.matches_json(r#"{"source": "aws.ec2", "detail": {"state": "running"}}"#)?);
///
/// let err = Pattern::parse(r#"{"source": "aws.ec2"}"#).unwrap_err();
/// assert!(err.to_string().starts_with(
///     r#"Event pattern is not valid. Reason: "source" must be an object or an array"#
/// ));
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    conjunctions: Vec<Conjunction>,
}

impl Pattern {
    /// Parse and validate pattern JSON text with AWS's limits.
    ///
    /// Errors are `InvalidEventPatternException`s with AWS's message text, or a
    /// `ValidationException` when the text is longer than 4096 characters.
    pub fn parse(text: &str) -> Result<Pattern, Error> {
        Self::parse_with(text, &Limits::default())
    }

    /// Parse and validate pattern JSON text with custom limits.
    pub fn parse_with(text: &str, limits: &Limits) -> Result<Pattern, Error> {
        Ok(Pattern {
            conjunctions: parse::parse(text, limits)?,
        })
    }

    /// The pattern's branches (one per `$or` combination), each with its field conditions in
    /// evaluation order.
    pub fn conjunctions(&self) -> &[Conjunction] {
        &self.conjunctions
    }

    /// Whether the pattern matches `event`.
    ///
    /// A `serde_json::Value` has already lost duplicate keys and the spelling of numbers; use
    /// [`Pattern::matches_json`] to match raw event text with full fidelity. A non-object event
    /// matches nothing.
    pub fn matches(&self, event: &serde_json::Value) -> bool {
        self.matches_document(&Value::from_serde(event))
    }

    /// Whether the pattern matches an event document.
    pub fn matches_document(&self, event: &Value) -> bool {
        matches!(event, Value::Object(_)) && eval::matches(&self.conjunctions, event)
    }

    /// Whether the pattern matches the event JSON text. The event must be a JSON object.
    pub fn matches_json(&self, event: &str) -> Result<bool, Error> {
        let doc = parse_event(event)?;
        Ok(self.matches_document(&doc))
    }
}

/// Parse event text into a document that is a JSON object.
pub(crate) fn parse_event(event: &str) -> Result<Value, EventError> {
    let doc = json::parse(event, json::ParseLimits::default())
        .map_err(|e| EventError::new(e.message, Some(e.offset)))?;
    if !matches!(doc, Value::Object(_)) {
        return Err(EventError::new("Event must be a JSON object", Some(0)));
    }
    Ok(doc)
}

impl std::str::FromStr for Pattern {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Pattern::parse(s)
    }
}
