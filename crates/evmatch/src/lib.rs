//! evmatch — Amazon EventBridge event patterns, matched exactly as AWS matches them.
//!
//! * [`test_event_pattern`] is AWS `TestEventPattern`: same result, same error text.
//! * [`Pattern`] parses and validates a pattern once and matches it against many events.
//! * [`Machine`] matches many rules at once through one shared matcher; [`SharedMachine`] lets
//!   readers match while a writer changes the rules.
//! * [`Error`] carries AWS's error code and message for everything that can go wrong.
//!
//! ```
//! let pattern = evmatch::Pattern::parse(r#"{"detail": {"state": [{"anything-but": "running"}]}}"#)?;
//! assert!(pattern.matches_json(r#"{"detail": {"state": "stopped"}}"#)?);
//! # Ok::<(), evmatch::Error>(())
//! ```
#![warn(missing_docs)]

mod automaton;
pub mod error;
mod flatten;
pub mod json;
pub mod machine;
pub mod pattern;
mod published;

pub use error::{Error, ErrorCode, EventError, PatternError};
pub use machine::{Config, Machine, SharedMachine};
pub use pattern::Pattern;
pub use published::Published;

/// The envelope members `TestEventPattern` requires in an event (VALIDATION.md §9).
const MANDATORY_EVENT_FIELDS: [&str; 6] =
    ["id", "account", "source", "time", "region", "detail-type"];

/// AWS `TestEventPattern`: whether `pattern` matches `event`.
///
/// The event must be a JSON object with the members `id`, `account`, `source`, `time`,
/// `region` and `detail-type`, and at most 1 MiB (1,048,576 bytes) of text, else the result is
/// a `ValidationException` (`Parameter Event is not valid.`); an invalid pattern gives AWS's
/// `InvalidEventPatternException` text. The limits are [`Config::default`]'s, the same as a
/// default [`Machine`]'s; [`test_event_pattern_with`] takes others.
///
/// ```
/// let event = r#"{"id": "1", "account": "123456789012", "source": "aws.ec2", "time": "2026-11-27T00:00:00Z",
///                 "region": "us-east-1", "detail-type": "EC2 Instance State-change Notification",
///                 "detail": {"state": "stopped"}}"#;
/// assert!(evmatch::test_event_pattern(r#"{"detail": {"state": [{"prefix": "stop"}]}}"#, event)?);
///
/// let err = evmatch::test_event_pattern(r#"{"a": [{"numeric": [">", 1, "<", 1]}]}"#, event).unwrap_err();
/// assert_eq!(err.code().as_str(), "InvalidEventPatternException");
/// assert!(err.to_string().starts_with("Event pattern is not valid. Reason: Bottom must be less than top"));
/// # Ok::<(), evmatch::Error>(())
/// ```
pub fn test_event_pattern(pattern: &str, event: &str) -> Result<bool, Error> {
    test_event_pattern_with(pattern, event, &Config::default())
}

/// [`test_event_pattern`] with the limits of `config`: `max_event_bytes` and `max_event_depth`
/// for the event, `pattern_limits` for the pattern. `unique_keys` and `max_event_fields` do not
/// apply: the whole event is always read (and within 1 MiB it cannot hold the default
/// 1,000,000 values).
///
/// The model puts no length constraint on `TestEventPattern`'s `Event`; AWS's largest event is
/// a PutEvents entry of less than 1 MB (BUS.md §3), hence the 1 MiB default. An event over the
/// size limit is refused before it is read, with the `Parameter Event is not valid.` of every
/// other rejected event (AWS's answer to an over-size event is not documented).
pub fn test_event_pattern_with(pattern: &str, event: &str, config: &Config) -> Result<bool, Error> {
    let invalid_event = || Error::validation("Parameter Event is not valid.");
    if event.len() > config.max_event_bytes {
        return Err(invalid_event());
    }
    let limits = json::ParseLimits {
        max_depth: config.max_event_depth,
    };
    let doc = json::parse(event, limits).map_err(|_| invalid_event())?;
    let json::Value::Object(members) = &doc else {
        return Err(invalid_event());
    };
    if !MANDATORY_EVENT_FIELDS
        .iter()
        .all(|f| members.iter().any(|(k, _)| k == f))
    {
        return Err(invalid_event());
    }
    Ok(Pattern::parse_with(pattern, &config.pattern_limits)?.matches_document(&doc))
}

#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
