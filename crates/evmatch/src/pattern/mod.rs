//! The pattern language: EventBridge pattern JSON parsed into an IR ([`ir`]), validated with
//! AWS's exact error texts ([`parse`]), and evaluated by the reference evaluator ([`eval`]).
//!
//! [`Pattern`] is the one-rule entry point. Operand helpers that the many-rule index shares
//! live beside it: [`number`] (comparability), [`ip`] (CIDR and IP literals), [`case`]
//! (equals-ignore-case expansion) and [`wildcard`]. All of it is internal: users see
//! [`Pattern`] only.

pub(crate) mod builder;
mod canonical;
pub(crate) mod case;
pub(crate) mod eval;
pub(crate) mod example;
pub(crate) mod explain;
pub(crate) mod ip;
pub(crate) mod ir;
pub(crate) mod number;
mod or_expansion;
pub(crate) mod parse;
mod serialization;
pub(crate) mod wildcard;

use crate::error::{Error, EventError};
use crate::json::{self, Value};
use crate::limits::PatternLimits;
use ir::Branch;

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
///
/// `Clone` and the derived `Debug` do not recurse into the pattern text's nesting: the IR is
/// flat (branches of field conditions of value-list elements).
///
/// A pattern keeps the text it was parsed from ([`Pattern::text`]); `==` compares meaning, not
/// text: two patterns are equal when they parse to the same conditions, however they are
/// spelled: `{"a": [1]}` equals `{"a":[1]}`, `{"a.b": [1]}` equals `{"a": {"b": [1]}}`, and
/// `{"a": [{"anything-but": "x"}]}` equals `{"a": [{"anything-but": ["x"]}]}`.
///
/// ```
/// use evmatch::Pattern;
///
/// assert_eq!(Pattern::parse(r#"{"a.b": [1]}"#)?, Pattern::parse(r#"{ "a": { "b": [ 1 ] } }"#)?);
/// assert_ne!(Pattern::parse(r#"{"a": [1]}"#)?, Pattern::parse(r#"{"a": [2]}"#)?);
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pattern {
    branches: Vec<Branch>,
    /// The pattern text, exactly as given.
    text: Box<str>,
    /// The JSON string literal the text was deserialized from, exactly as written (serde):
    /// serialization writes it back unchanged.
    literal: Option<Box<str>>,
}

impl PartialEq for Pattern {
    /// Equal meaning: the same branches of the same conditions (the text is not compared).
    fn eq(&self, other: &Pattern) -> bool {
        self.branches == other.branches
    }
}

impl Pattern {
    /// Parse and validate pattern JSON text with AWS's limits.
    ///
    /// Errors are `InvalidEventPatternException`s with AWS's message text, or a
    /// `ValidationException` when the text is longer than 4096 characters.
    pub fn parse(text: &str) -> Result<Pattern, Error> {
        Self::parse_with(text, &PatternLimits::default())
    }

    /// Parse and validate pattern JSON text with custom limits.
    pub fn parse_with(text: &str, limits: &PatternLimits) -> Result<Pattern, Error> {
        Ok(Pattern {
            branches: parse::parse(text, limits)?,
            text: text.into(),
            literal: None,
        })
    }

    /// A pattern of already validated branches, built by a layer above the parser (the
    /// filter dialects rewrite a parsed pattern's branches), with the text it came from.
    pub(crate) fn from_branches(branches: Vec<Branch>, text: &str) -> Pattern {
        Pattern {
            branches,
            text: text.into(),
            literal: None,
        }
    }

    /// The pattern text, exactly as it was given to [`Pattern::parse`] (or written by a
    /// [`PatternBuilder`](crate::PatternBuilder), or deserialized). [`Pattern::to_json`] gives
    /// the canonical form.
    ///
    /// ```
    /// let p = evmatch::Pattern::parse(r#"{ "source": [ "aws.ec2" ] }"#)?;
    /// assert_eq!(p.text(), r#"{ "source": [ "aws.ec2" ] }"#);
    /// assert_eq!(p.to_json(), r#"{"source":["aws.ec2"]}"#);
    /// # Ok::<(), evmatch::Error>(())
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The pattern's branches (one per combination of its `$or` alternatives), each with its
    /// field conditions in evaluation order.
    pub(crate) fn branches(&self) -> &[Branch] {
        &self.branches
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
        matches!(event, Value::Object(_)) && eval::matches(&self.branches, event)
    }

    /// Whether the pattern matches the event JSON text. The event must be a JSON object.
    pub fn matches_json(&self, event: &str) -> Result<bool, Error> {
        let doc = parse_event(event)?;
        Ok(self.matches_document(&doc))
    }
}

/// Parse event text into a document that is a JSON object.
pub(crate) fn parse_event(event: &str) -> Result<Value, EventError> {
    let doc = json::parse(event, json::lexer::DEFAULT_MAX_DEPTH).map_err(EventError::from)?;
    if !matches!(doc, Value::Object(_)) {
        return Err(EventError::new("Event must be a JSON object", Some(0)));
    }
    Ok(doc)
}

/// An event's JSON syntax error, as the engine reports it: the same message, at the same
/// offset. (The conversion lives here, above the json layer, which knows nothing of events.)
impl From<json::SyntaxError> for EventError {
    fn from(e: json::SyntaxError) -> EventError {
        EventError::new(e.message, Some(e.offset))
    }
}

impl std::str::FromStr for Pattern {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Pattern::parse(s)
    }
}
