//! [`Record`]: what the delivery log says about one delivery, and its [`Outcome`].
//!
//! Invariants: a record serialises to one line of compact JSON whose members come in a fixed
//! order — `seq`, `time`, `event_bus`, `rule`, `target`, `target_id`, `event_id`, `payload`,
//! `attempts`, `outcome`, then, only when they apply, `status`, `dead_letter` and `error`.
//! Costs: one allocation for the line; the payload is escaped as a JSON string.

use serde::Serialize;

/// What finally happened to a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Outcome {
    /// Written to the log (a target other than an API destination), or called with a 2xx answer.
    #[serde(rename = "delivered")]
    Delivered,
    /// An API destination that failed after the last attempt and has no dead-letter queue, or a
    /// matched target whose input mode gave nothing to deliver.
    #[serde(rename = "failed")]
    Failed,
    /// An API destination that failed after the last attempt and has a dead-letter queue: the
    /// record stands for the message AWS would put into that queue.
    #[serde(rename = "dead-letter")]
    DeadLetter,
    /// Not attempted: the delivery queue was full, or the deliveries were shut down.
    #[serde(rename = "dropped")]
    Dropped,
}

impl Outcome {
    /// The text of the `outcome` member.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Delivered => "delivered",
            Outcome::Failed => "failed",
            Outcome::DeadLetter => "dead-letter",
            Outcome::Dropped => "dropped",
        }
    }
}

/// One line of the delivery log, before it gets its sequence number and time.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Record {
    /// The name of the bus the event was matched on.
    pub event_bus: String,
    /// The ARN of the rule.
    pub rule: String,
    /// The ARN of the target.
    pub target: String,
    /// The `Id` of the target.
    pub target_id: String,
    /// The `id` of the event.
    pub event_id: String,
    /// The exact payload; `None` when the target's input mode gave nothing.
    pub payload: Option<String>,
    /// How many calls were made (1 for a logged target, 0 when nothing was attempted).
    pub attempts: u32,
    /// What finally happened.
    pub outcome: Outcome,
    /// The HTTP status of the last call to an API destination, when it answered.
    pub status: Option<u16>,
    /// The dead-letter queue ARN, for outcome [`Outcome::DeadLetter`].
    pub dead_letter: Option<String>,
    /// Why the last attempt failed when there is no status to say it (connection refused,
    /// timeout, unknown destination, queue full…).
    pub error: Option<String>,
}

/// The serialised form: member order is the declaration order.
#[derive(Serialize)]
struct Line<'a> {
    seq: u64,
    time: &'a str,
    event_bus: &'a str,
    rule: &'a str,
    target: &'a str,
    target_id: &'a str,
    event_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    payload: Option<&'a str>,
    attempts: u32,
    outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dead_letter: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

impl Record {
    /// The record as one line of compact JSON (without the line feed), numbered `seq` and
    /// stamped `time` (`2026-12-07T15:00:00Z`).
    ///
    /// ```
    /// use evmatch_server::deliveries::{Outcome, Record};
    ///
    /// let mut r = Record::logged("default", "arn:rule", "arn:queue", "t1", "e1", "{\"a\":1}");
    /// assert_eq!(
    ///     r.to_line(7, "2026-12-07T15:00:00Z"),
    ///     r#"{"seq":7,"time":"2026-12-07T15:00:00Z","event_bus":"default","rule":"arn:rule","target":"arn:queue","target_id":"t1","event_id":"e1","payload":"{\"a\":1}","attempts":1,"outcome":"delivered"}"#
    /// );
    /// r.outcome = Outcome::Failed;
    /// r.status = Some(500);
    /// assert!(r.to_line(8, "2026-12-07T15:00:00Z").ends_with(r#""outcome":"failed","status":500}"#));
    /// ```
    pub fn to_line(&self, seq: u64, time: &str) -> String {
        let line = Line {
            seq,
            time,
            event_bus: &self.event_bus,
            rule: &self.rule,
            target: &self.target,
            target_id: &self.target_id,
            event_id: &self.event_id,
            payload: self.payload.as_deref(),
            attempts: self.attempts,
            outcome: self.outcome,
            status: self.status,
            dead_letter: self.dead_letter.as_deref(),
            error: self.error.as_deref(),
        };
        // Serialising strings, integers and a unit enum into a String cannot fail.
        serde_json::to_string(&line).unwrap_or_default()
    }

    /// The record of a target that is only logged: one attempt, outcome `delivered`.
    pub fn logged(
        event_bus: &str,
        rule: &str,
        target: &str,
        target_id: &str,
        event_id: &str,
        payload: &str,
    ) -> Record {
        Record {
            event_bus: event_bus.to_owned(),
            rule: rule.to_owned(),
            target: target.to_owned(),
            target_id: target_id.to_owned(),
            event_id: event_id.to_owned(),
            payload: Some(payload.to_owned()),
            attempts: 1,
            outcome: Outcome::Delivered,
            status: None,
            dead_letter: None,
            error: None,
        }
    }
}
