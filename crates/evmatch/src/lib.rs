//! evmatch — Amazon EventBridge event patterns, matched exactly as AWS matches them.
//!
//! * [`test_event_pattern`] is AWS `TestEventPattern`: same result, same error text.
//! * [`Pattern`] parses and validates a pattern once and matches it against many events.
//! * [`Machine`] matches many rules at once through one shared index; [`SharedMachine`] lets
//!   readers match while a writer changes the rules.
//! * [`Error`] carries AWS's error code and message for everything that can go wrong.
//! * [`dialect`] serves SNS subscription filter policies, Lambda event-source-mapping filters
//!   and EventBridge Pipes filters on the same engine, with each service's rules and texts.
//!
//! # Quick start
//!
//! ```
//! let pattern = evmatch::Pattern::parse(r#"{"detail": {"state": [{"anything-but": "running"}]}}"#)?;
//! assert!(pattern.matches_json(r#"{"detail": {"state": "stopped"}}"#)?);
//! # Ok::<(), evmatch::Error>(())
//! ```
//!
//! # One pattern: [`Pattern`] and [`test_event_pattern`]
//!
//! [`Pattern::parse`] validates a pattern with AWS's rules and limits; the parsed pattern
//! matches event text ([`Pattern::matches_json`], which keeps duplicate member names and the
//! spelling of numbers, as EventBridge does) or an already parsed `serde_json::Value`
//! ([`Pattern::matches`], which has lost both). [`test_event_pattern`] is the whole
//! `TestEventPattern` call: it also checks the event as AWS does (a JSON object of at most
//! 1 MiB with `id`, `account`, `source`, `time`, `region` and `detail-type`).
//!
//! ```
//! use evmatch::{Pattern, test_event_pattern};
//!
//! let p = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"cpu": [{"numeric": [">", 90]}]}}"#)?;
//! assert!(p.matches_json(r#"{"source": "aws.ec2", "detail": {"cpu": 9.5e1}}"#)?);
//! assert!(!p.matches_json(r#"{"source": "aws.ec2", "detail": {"cpu": 12}}"#)?);
//!
//! let event = r#"{"id": "1", "account": "123456789012", "source": "aws.ec2",
//!                 "time": "2026-11-27T00:00:00Z", "region": "eu-west-1",
//!                 "detail-type": "EC2 Instance State-change Notification", "detail": {}}"#;
//! assert!(test_event_pattern(r#"{"region": [{"prefix": "eu-"}]}"#, event)?);
//! # Ok::<(), evmatch::Error>(())
//! ```
//!
//! # Building patterns, canonical text, serde and rules files
//!
//! [`Pattern::builder`] builds a pattern in Rust ([`PatternBuilder`], [`Match`] for each
//! value-list element, [`Numeric`] for comparisons): it writes the pattern text and parses it,
//! so what AWS refuses gets AWS's message. [`Pattern::to_json`] (and `Display`) is a pattern's
//! canonical text, which parses back to an equal pattern; [`Pattern::text`] is the text as
//! given. `Pattern` is `Serialize + Deserialize` (a JSON object or a string of pattern text,
//! written back byte for byte). [`RulesFile`] reads a file of rule ids and patterns, with
//! [`RulesWarning`]s and line-numbered [`RulesFileError`]s; [`Machine::add_rules_from_str`]
//! loads one into a machine.
//!
//! ```
//! use evmatch::{Match, Pattern};
//!
//! let p = Pattern::builder()
//!     .field("source", ["aws.ec2"])
//!     .field(["detail", "state"], [Match::prefix("stop")])
//!     .build()?;
//! assert_eq!(p.to_string(), r#"{"source":["aws.ec2"],"detail":{"state":[{"prefix":"stop"}]}}"#);
//! assert_eq!(serde_json::from_str::<Pattern>(&serde_json::to_string(&p).unwrap()).unwrap(), p);
//! # Ok::<(), evmatch::Error>(())
//! ```
//!
//! # Many rules: [`Machine`]
//!
//! A [`Machine`] binds patterns to rule ids of any `Clone + Eq + Hash` type and answers, per
//! event, which ids match. Its cost per event grows with what the event triggers, not with the
//! number of rules: each branch of each pattern registers one selective condition (its
//! trigger) in a per-path index, and only the branches an event triggers are checked further.
//! Every rule's answer is exactly its one-rule answer. [`Machine::matches_into`] reuses the
//! caller's vector and per-thread buffers: once warm, matching allocates nothing but the ids.
//!
//! ```
//! use evmatch::Machine;
//!
//! let mut m: Machine<String> = Machine::new();
//! m.add_rule("stopped".into(), r#"{"detail": {"state": ["stopped"]}}"#)?;
//! m.add_rule("ec2".into(), r#"{"source": [{"prefix": "aws.ec2"}]}"#)?;
//! let mut ids = Vec::new();
//! m.matches_into(br#"{"source": "aws.ec2", "detail": {"state": "stopped"}}"#, &mut ids)?;
//! ids.sort();
//! assert_eq!(ids, ["ec2", "stopped"]);
//! assert!(m.remove_rule("ec2")); // any borrowed form of the id
//! assert_eq!(m.stats().rules, 1);
//! # Ok::<(), evmatch::Error>(())
//! ```
//!
//! # Sharing: threads, snapshots and [`SharedMachine`]
//!
//! [`Pattern`] and [`Machine`] are `Send + Sync`, and matching takes `&self`: put a machine in
//! an `Arc` and match from as many threads as you like. To change the rules while others
//! match, use a [`SharedMachine`]: readers match on an immutable version (one atomic load, no
//! lock), a writer changes a second replica and publishes it with one pointer swap, so a reader
//! sees the rules before or after a change, never half of it. Adding or removing a rule
//! ([`SharedMachine::add_rule`], [`SharedMachine::remove_rule`], [`SharedMachine::apply`] for
//! batches of [`RuleChange`]s) costs what the change costs, at any number of rules, for the
//! memory of two machines; [`SharedMachine::update`] takes any closure and copies the machine.
//! Copy-on-write publication of other state is available as [`Published`].
//!
//! ```
//! use std::sync::Arc;
//! use evmatch::SharedMachine;
//!
//! let rules: Arc<SharedMachine<u32>> = Arc::default();
//! rules.add_rule(1, r#"{"source": ["aws.s3"]}"#)?;
//! let snapshot = rules.snapshot();
//! rules.add_rule(2, r#"{"source": [{"prefix": "aws."}]}"#)?;
//! assert_eq!(snapshot.len(), 1); // a snapshot never changes
//! let mut ids = rules.matches_for_event(br#"{"source": "aws.s3"}"#)?;
//! ids.sort();
//! assert_eq!(ids, [1, 2]);
//! # Ok::<(), evmatch::Error>(())
//! ```
//!
//! # Why (not): [`Explanation`]
//!
//! [`Pattern::explain`] (and [`Machine::explain`] for one rule) says why a pattern matched an
//! event or not: per `$or` branch, per field condition, the value list, the values found and a
//! [`Verdict`] (matched, absent path, wrong type, no value satisfied, `exists` mismatch, array
//! consistency). Its answer is always the pattern's; `Display` is for people, `Serialize` gives
//! a stable JSON shape.
//!
//! ```
//! let p = evmatch::Pattern::parse(r#"{"detail": {"state": ["stopped"]}}"#)?;
//! let why = p.explain(r#"{"detail": {"state": ["running", "pending"]}}"#)?;
//! assert!(!why.matched());
//! assert_eq!(why.to_string(), "no match\n  miss  detail.state  [\"stopped\"]  no value matched: \"running\", \"pending\"\n");
//! # Ok::<(), evmatch::Error>(())
//! ```
//!
//! # Errors
//!
//! Every error is an [`Error`] whose `Display` is AWS's message, word for word, and whose
//! [`Error::code`] is AWS's error code ([`ErrorCode::as_str`]):
//!
//! | variant | code | when |
//! |---|---|---|
//! | [`Error::InvalidEventPattern`] ([`PatternError`]) | `InvalidEventPatternException` | the pattern breaks a rule: `Event pattern is not valid. Reason: …`, with Jackson's location suffix (` at [Source: (String)"…"; line: L, column: C]`) where AWS adds one ([`PatternError::reason`], [`PatternError::locations`]) |
//! | [`Error::InvalidEvent`] ([`EventError`]) | `ValidationException` | a [`Machine`] or [`Pattern::matches_json`] cannot read the event: malformed JSON (in Jackson's words), not an object, over a limit |
//! | [`Error::Validation`] | `ValidationException` | AWS's request validation: a pattern over [`PatternLimits::max_pattern_chars`], or an event `TestEventPattern` refuses (`Parameter Event is not valid.`) |
//!
//! ```
//! let err = evmatch::Pattern::parse(r#"{"detail": {"state": "running"}}"#).unwrap_err();
//! assert_eq!(err.code().as_str(), "InvalidEventPatternException");
//! assert_eq!(
//!     err.to_string(),
//!     "Event pattern is not valid. Reason: \"state\" must be an object or an array\n at [Source: (String)\"{\"detail\": {\"state\": \"running\"}}\"; line: 1, column: 23]"
//! );
//! ```
//!
//! # Limits
//!
//! Every input has a bounded cost. [`PatternLimits`] holds AWS's limits on patterns (4096
//! characters, 1000 `$or` combinations, wildcard complexity 10, 256 fields per branch) and two
//! of ours that AWS's length limit makes unreachable (1000 levels of nesting, 100,000 values).
//! [`EventLimits`] bounds events (1 MiB, 1000 levels, 1,000,000 values at used paths).
//! [`MachineConfig`] holds both for a [`Machine`], plus the opt-in
//! [`unique_keys`](MachineConfig::unique_keys) mode that stops reading an event early.
//! [`test_event_pattern_with`] takes other limits for a single test. Nothing in the engine
//! recurses as deep as its input: parsing, flattening, matching, cloning, comparing, printing
//! and dropping use explicit stacks.
//!
//! ```
//! use evmatch::{EventLimits, PatternLimits, test_event_pattern_with};
//!
//! let event = r#"{"id": "1", "account": "1", "source": "s", "time": "t", "region": "r",
//!                 "detail-type": "d"}"#;
//! let tiny = EventLimits::default().with_max_bytes(16);
//! let err = test_event_pattern_with(r#"{"source": ["s"]}"#, event, &PatternLimits::default(), &tiny);
//! assert_eq!(err.unwrap_err().to_string(), "Parameter Event is not valid.");
//! ```
//!
//! # JSON
//!
//! [`json::Value`] is the document model the engine matches against (duplicate members and
//! number text kept), public for the layers built on the engine; most users never need it.
#![warn(missing_docs)]

pub mod dialect;
mod error;
mod flatten;
mod index;
pub mod json;
mod limits;
mod machine;
mod pattern;
mod rules_file;
mod util;

pub use error::{Error, ErrorCode, EventError, Location, PatternError};
pub use index::stats::Stats;
pub use limits::{EventLimits, PatternLimits};
pub use machine::Machine;
pub use machine::config::MachineConfig;
pub use machine::rule_change::RuleChange;
pub use machine::shared::SharedMachine;
pub use pattern::Pattern;
pub use pattern::builder::{FieldPath, Literal, Match, Number, Numeric, Operands, PatternBuilder};
pub use pattern::example::Unsatisfiable;
pub use pattern::explain::model::{
    BranchExplanation, Explanation, FieldExplanation, MAX_VALUES_SHOWN, ValueKind, Verdict,
};
pub use rules_file::{Rule, RuleTexts, RulesFile, RulesFileError, RulesTexts, RulesWarning};
pub use util::Published;

/// The envelope members `TestEventPattern` requires in an event ([`test_event_pattern`]
/// refuses an event that lacks one).
pub const MANDATORY_EVENT_FIELDS: [&str; 6] =
    ["id", "account", "source", "time", "region", "detail-type"];

/// AWS `TestEventPattern`: whether `pattern` matches `event`.
///
/// The event must be a JSON object with the members `id`, `account`, `source`, `time`,
/// `region` and `detail-type`, and at most 1 MiB (1,048,576 bytes) of text, else the result is
/// a `ValidationException` (`Parameter Event is not valid.`); an invalid pattern gives AWS's
/// `InvalidEventPatternException` text. The limits are the defaults ([`PatternLimits`],
/// [`EventLimits`]), the same as a default [`Machine`]'s; [`test_event_pattern_with`] takes
/// others.
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
    test_event_pattern_with(
        pattern,
        event,
        &PatternLimits::default(),
        &EventLimits::default(),
    )
}

/// [`test_event_pattern`] with other limits: `pattern_limits` for the pattern,
/// `event_limits.max_bytes` and `max_depth` for the event. `max_fields` does not apply: the
/// whole event is always read (and within 1 MiB it cannot hold the default 1,000,000 values).
///
/// The API model puts no length constraint on `TestEventPattern`'s `Event`; AWS's largest event
/// is a PutEvents entry of less than 1 MB, hence the 1 MiB default. An event over the size
/// limit is refused before it is read, with the `Parameter Event is not valid.` of every other
/// rejected event (AWS's answer to an over-size event is not documented).
pub fn test_event_pattern_with(
    pattern: &str,
    event: &str,
    pattern_limits: &PatternLimits,
    event_limits: &EventLimits,
) -> Result<bool, Error> {
    let invalid_event = || Error::validation("Parameter Event is not valid.");
    if event.len() > event_limits.max_bytes {
        return Err(invalid_event());
    }
    let doc = json::parse(event, event_limits.max_depth).map_err(|_| invalid_event())?;
    let json::Value::Object(members) = &doc else {
        return Err(invalid_event());
    };
    if !MANDATORY_EVENT_FIELDS
        .iter()
        .all(|f| members.iter().any(|(k, _)| k == f))
    {
        return Err(invalid_event());
    }
    Ok(Pattern::parse_with(pattern, pattern_limits)?.matches_document(&doc))
}

#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
