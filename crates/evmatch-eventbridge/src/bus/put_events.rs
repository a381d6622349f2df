//! Events in: `PutEvents` (each entry checked, wrapped in its envelope, matched and delivered
//! before the call returns) and `TestEventPattern` on [`EventBridge`].
//!
//! Invariants: entry problems are per-entry results, never request errors; every accepted entry
//! is matched against one snapshot of the rules. Costs: one JSON parse and one match per entry,
//! then one payload per matched target.

use evmatch::json::Value;

use super::config::bus_name;
use super::state::{Event, EventBridge};
use super::transform;
use crate::Error;
use crate::api::Timestamp;
use crate::api::events::{
    PutEventsRequest, PutEventsRequestEntry, PutEventsResponse, PutEventsResultEntry,
    TestEventPatternRequest, TestEventPatternResponse,
};

impl EventBridge {
    /// `TestEventPattern`. Errors: `ValidationException` (`Parameter Event is not valid.`),
    /// `InvalidEventPatternException`.
    pub fn test_event_pattern(
        &self,
        req: TestEventPatternRequest,
    ) -> Result<TestEventPatternResponse, Error> {
        self.validate(&req)?;
        let result = evmatch::test_event_pattern(&req.event_pattern, &req.event)?;
        Ok(TestEventPatternResponse {
            result: Some(result),
        })
    }

    /// `PutEvents`: validates the request (`ValidationException` for 0 or more than 10 entries,
    /// a total size at or over the limit, or a malformed member), then every entry in order
    /// (`InvalidArgument`, `MalformedDetail`, `NotAuthorizedForSourceException` results), builds
    /// each accepted entry's event, matches it against the enabled rules of its bus and delivers
    /// it to their targets before returning. An entry for an unknown bus gets an `EventId` and
    /// is dropped, as AWS does.
    pub fn put_events(&self, req: PutEventsRequest) -> Result<PutEventsResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let now = self.clock.now();
        let mut results = Vec::with_capacity(req.entries.len());
        let mut failed = 0;
        for entry in &req.entries {
            match self.accept(entry, now, false) {
                Ok(event) => {
                    results.push(PutEventsResultEntry {
                        event_id: Some(event.id.clone()),
                        error_code: None,
                        error_message: None,
                    });
                    let bus = bus_name(entry.event_bus_name.as_deref());
                    self.dispatch(&snap, bus, &event, None, 0);
                }
                Err((code, message)) => {
                    failed += 1;
                    results.push(PutEventsResultEntry {
                        event_id: None,
                        error_code: Some(code.into()),
                        error_message: Some(message),
                    });
                }
            }
        }
        Ok(PutEventsResponse {
            failed_entry_count: Some(failed),
            entries: Some(results),
        })
    }

    /// The per-entry checks, in AWS's order (`Source`, `DetailType`, `Detail` present; `Detail` a
    /// JSON object; `DetailType` at most 128 characters; no `aws.` source unless `partner`, for
    /// `PutPartnerEvents`, whose sources are `aws.partner/…`), and the envelope.
    pub(super) fn accept(
        &self,
        e: &PutEventsRequestEntry,
        now: Timestamp,
        partner: bool,
    ) -> Result<Event, (&'static str, String)> {
        let invalid = |what: &str| {
            (
                "InvalidArgument",
                format!("Parameter {what} is not valid. Reason: {what} is a required argument."),
            )
        };
        let source = e
            .source
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("Source"))?;
        let detail_type = e
            .detail_type
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("DetailType"))?;
        let detail_text = e
            .detail
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("Detail"))?;
        let detail = parse_detail(detail_text)
            .ok_or_else(|| ("MalformedDetail", "Detail is malformed.".to_string()))?;
        if detail_type.chars().count() > 128 {
            return Err((
                "InvalidArgument",
                "Parameter DetailType is not valid. Reason: DetailType exceeds the maximum length of 128."
                    .into(),
            ));
        }
        if !partner && source.starts_with("aws.") {
            return Err((
                "NotAuthorizedForSourceException",
                "Not authorized for the source.".into(),
            ));
        }
        let time = Timestamp::from_secs(e.time.unwrap_or(now).secs());
        let id = self.ids.next_id();
        let s = |v: &str| Value::String(v.to_string());
        let resources = e
            .resources
            .iter()
            .flatten()
            .map(|r| Value::String(r.clone()))
            .collect();
        let envelope = Value::Object(vec![
            ("version".into(), s("0")),
            ("id".into(), s(&id)),
            ("detail-type".into(), s(detail_type)),
            ("source".into(), s(source)),
            ("account".into(), s(&self.config.account)),
            ("time".into(), s(&time.to_string())),
            ("region".into(), s(&self.config.region)),
            ("resources".into(), Value::Array(resources)),
            ("detail".into(), detail),
        ]);
        Ok(Event::new(envelope, id, time, now, e.size()))
    }
}

/// The parsed `Detail` when it is a JSON object whose integers fit in 64 bits; `None` when it is
/// malformed (AWS answers `MalformedDetail` for both).
fn parse_detail(text: &str) -> Option<Value> {
    let value = transform::parse_event(text).ok()?;
    if !matches!(value, Value::Object(_)) {
        return None;
    }
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) if !n.contains(['.', 'e', 'E']) && n.parse::<i64>().is_err() => {
                return None;
            }
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => stack.extend(members.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_integers_must_fit_in_64_bits() {
        assert!(parse_detail(r#"{"n": 9223372036854775807}"#).is_some());
        assert!(parse_detail(r#"{"n": 9223372036854775808}"#).is_none());
        assert!(parse_detail(r#"{"n": 1e400}"#).is_some());
        assert!(parse_detail("[]").is_none());
    }
}
