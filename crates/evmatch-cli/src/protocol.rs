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
//! Costs: one parse of the request line, then `test_event_pattern` on its two texts.

use evmatch::json::Value;

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
    let (pattern, event) = (member("pattern")?, member("event")?);
    // One bad request must not end a session: a panic becomes an error line.
    std::panic::catch_unwind(|| evmatch::test_event_pattern(pattern, event))
        .map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_owned());
            format!("evmatch: internal error: {what}")
        })?
        .map_err(|err| err.to_string())
}
