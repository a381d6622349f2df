//! The `evmatch test --jsonl` line protocol, as a library function so that it can be tested and
//! fuzzed without a process.
//!
//! A request is one line, `{"pattern": "<pattern JSON text>", "event": "<event JSON text>"}`
//! (both members JSON strings holding raw text; other members are ignored). The response is one
//! line: `{"result": true}`, `{"result": false}` or `{"error": "<message>"}`, where the message
//! is AWS's for pattern and event errors, and starts with `evmatch: invalid request:` when the
//! line itself is not a request. Invariant: every input, however malformed, gets exactly one
//! response line and never a panic.
//!
//! Filter dialects (`docs/dialects.md`): a request may also hold `"dialect"` (a name of
//! [`evmatch::dialect::Dialect`], `eventbridge` by default), `"attributes"` (for SNS: a JSON
//! object `{"name": {"Type": "String", "Value": "…"}}`), `"api"` (for SNS: `Subscribe` or
//! `SetSubscriptionAttributes`, the default, whose error prefix is used) and `"patterns"` (a
//! list of pattern texts, ORed, instead of `"pattern"`: a Lambda mapping's or a pipe's several
//! filters). `"event"` then holds the SNS message body (optional for `sns-attributes`) or the
//! Lambda/Pipes record as JSON text. Errors are the service's message, or start with
//! `evmatch: ` when the request or its input cannot be used.
//!
//! Costs: one parse of the request line, then `test_event_pattern` on its two texts (or one
//! [`crate::dialects::test`]).

use evmatch::dialect::{Dialect, Service, SnsApi};
use evmatch::json::Value;

use crate::dialects;

/// The response line (without newline) for one request line (without newline).
///
/// ```
/// use evmatch_cli::protocol::respond;
///
/// let event = r#"{\"id\":\"1\",\"account\":\"1\",\"source\":\"s\",\"time\":\"t\",\"region\":\"r\",\"detail-type\":\"d\"}"#;
/// let line = format!(r#"{{"pattern": "{{\"source\": [\"s\"]}}", "event": "{event}"}}"#);
/// assert_eq!(respond(line.as_bytes()), r#"{"result": true}"#);
/// assert!(respond(b"not json").starts_with(r#"{"error": "evmatch: invalid request: "#));
/// ```
pub fn respond(request: &[u8]) -> String {
    match answer(request) {
        Ok(true) => r#"{"result": true}"#.to_owned(),
        Ok(false) => r#"{"result": false}"#.to_owned(),
        Err(message) => format!(r#"{{"error": {}}}"#, serde_json::Value::from(message)),
    }
}

fn answer(request: &[u8]) -> Result<bool, String> {
    let invalid = |why: &str| format!("evmatch: invalid request: {why}");
    let text = std::str::from_utf8(request).map_err(|e| {
        invalid(&format!(
            "line is not valid UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(invalid("blank line"));
    }
    // evmatch's own JSON reader: it accepts lone surrogate escapes, which serde_json rejects.
    let value: Value = text
        .parse()
        .map_err(|e: evmatch::json::SyntaxError| invalid(&format!("not valid JSON: {e}")))?;
    let Value::Object(members) = &value else {
        return Err(invalid(
            r#"expected a JSON object {"pattern": "<pattern JSON text>", "event": "<event JSON text>"}"#,
        ));
    };
    let member = |name: &str| match members.iter().rev().find(|(k, _)| k == name) {
        Some((_, Value::String(s))) => Ok(s.as_str()),
        Some(_) => Err(invalid(&format!(
            r#""{name}" must be a JSON string holding the {name} JSON text"#
        ))),
        None => Err(invalid(&format!(r#"missing "{name}" member"#))),
    };
    let has = |name: &str| members.iter().any(|(k, _)| k == name);
    if ["dialect", "attributes", "api", "patterns"]
        .iter()
        .any(|name| has(name))
    {
        return dialect_answer(members, &invalid, &member);
    }
    let (pattern, event) = (member("pattern")?, member("event")?);
    // One bad request must not end a session: a panic becomes an error line.
    unpanicked(|| evmatch::test_event_pattern(pattern, event))?.map_err(|err| err.to_string())
}

/// The answer to a request with dialect members.
fn dialect_answer<'a>(
    members: &'a [(String, Value)],
    invalid: &dyn Fn(&str) -> String,
    member: &dyn Fn(&str) -> Result<&'a str, String>,
) -> Result<bool, String> {
    let last = |name: &str| {
        members
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    };
    let dialect = match last("dialect") {
        None => Dialect::EventBridge,
        Some(Value::String(name)) => name
            .parse::<Dialect>()
            .map_err(|e| invalid(&e.to_string()))?,
        Some(_) => {
            return Err(invalid(
                r#""dialect" must be a JSON string naming a dialect"#,
            ));
        }
    };
    let sns = dialect.service() == Service::Sns;
    let api = match last("api") {
        None => SnsApi::default(),
        Some(_) if !sns => {
            return Err(invalid(&format!(
                r#""api" is for the SNS dialects, not {dialect}"#
            )));
        }
        Some(Value::String(name)) => name.parse::<SnsApi>().map_err(|e| invalid(&e))?,
        Some(_) => {
            return Err(invalid(
                r#""api" must be a JSON string: Subscribe or SetSubscriptionAttributes"#,
            ));
        }
    };
    let attributes = match last("attributes") {
        None => None,
        Some(_) if !sns => {
            return Err(invalid(&format!(
                r#""attributes" are for the SNS dialects, not {dialect}"#
            )));
        }
        Some(value @ Value::Object(_)) => Some(value.to_string()),
        Some(_) => {
            return Err(invalid(
                r#""attributes" must be a JSON object {"name": {"Type": "String", "Value": "<text>"}}"#,
            ));
        }
    };
    let patterns: Vec<&str> = match (last("patterns"), last("pattern")) {
        (Some(_), Some(_)) => {
            return Err(invalid(r#"give "pattern" or "patterns", not both"#));
        }
        (None, _) => vec![member("pattern")?],
        (Some(Value::Array(items)), None) => {
            let texts: Option<Vec<&str>> = items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            texts.ok_or_else(|| {
                invalid(r#""patterns" must be a JSON array of strings, each a pattern JSON text"#)
            })?
        }
        (Some(_), None) => {
            return Err(invalid(
                r#""patterns" must be a JSON array of strings, each a pattern JSON text"#,
            ));
        }
    };
    if patterns.len() != 1 && !matches!(dialect.service(), Service::Lambda | Service::Pipes) {
        return Err(invalid(&format!(
            r#"a {dialect} request takes one "pattern"; "patterns" (several, ORed) are for the Lambda and Pipes dialects"#
        )));
    }
    let event = match (dialect, last("event")) {
        // The attributes scope never reads the body.
        (Dialect::SnsAttributes, None) => "",
        _ => member("event")?,
    };
    unpanicked(|| dialects::test(dialect, api, &patterns, event, attributes.as_deref()))?
        .map_err(|e| e.to_string())
}

/// `f()`, with a panic turned into an error message: one bad request must not end a session.
fn unpanicked<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Result<T, String> {
    std::panic::catch_unwind(f).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        format!("evmatch: internal error: {what}")
    })
}
