//! Explanations: why a pattern matched an event, or why it did not.
//!
//! * [`model`]: the data ([`Explanation`], per branch, per field condition, [`Verdict`]);
//! * [`evaluate`]: the reference evaluator's search with a verdict recorded per condition, so
//!   that `explain(e).matched()` is `matches(e)` for every event;
//! * [`condition_text`]: value-list elements written back as AWS pattern JSON;
//! * [`display`]: the few aligned lines a person reads;
//! * [`serialize`]: the stable JSON shape (`docs/explain.md`).
//!
//! Costs: explaining costs about what matching with the reference evaluator costs, plus the
//! texts of the conditions and of at most five values per path. It is meant for a person
//! asking about one event, not for the hot path.

mod condition_text;
mod display;
mod evaluate;
pub(crate) mod model;
mod serialize;

pub(crate) use evaluate::explain;

use super::Pattern;
use super::parse_event;
use crate::error::Error;
use crate::json::Value;
use model::Explanation;

impl Pattern {
    /// Why the pattern matches the event JSON text, or why not. The event must be a JSON
    /// object, as for [`Pattern::matches_json`], whose answer is always
    /// [`Explanation::matched`].
    ///
    /// ```
    /// use evmatch::{Pattern, Verdict};
    ///
    /// let pattern = Pattern::parse(r#"{"detail": {"state": [{"prefix": "stop"}], "id": [{"exists": true}]}}"#)?;
    /// let why = pattern.explain(r#"{"detail": {"state": "running"}}"#)?;
    /// assert!(!why.matched());
    /// assert_eq!(why.to_string(), "\
    /// no match
    ///   miss  detail.id     [{\"exists\":true}]    exists mismatch: expected present, absent
    ///   miss  detail.state  [{\"prefix\":\"stop\"}]  no value matched: \"running\"
    /// ");
    ///
    /// let why = pattern.explain(r#"{"detail": {"state": "stopped", "id": 7}}"#)?;
    /// assert!(why.matched());
    /// let state = &why.branches[0].fields[1];
    /// assert_eq!(state.verdict, Verdict::Matched { value: Some(r#""stopped""#.into()), condition: 0 });
    /// # Ok::<(), evmatch::Error>(())
    /// ```
    pub fn explain(&self, event: &str) -> Result<Explanation, Error> {
        let doc = parse_event(event)?;
        Ok(self.explain_document(&doc))
    }

    /// [`Pattern::explain`] for a `serde_json::Value` (which has lost duplicate member names and
    /// number spellings); its answer is [`Pattern::matches`]'. A non-object event matches
    /// nothing: its explanation has no branches and `event_is_object` false.
    pub fn explain_value(&self, event: &serde_json::Value) -> Explanation {
        self.explain_document(&Value::from_serde(event))
    }

    /// [`Pattern::explain`] for an event document; its answer is
    /// [`Pattern::matches_document`]'.
    pub fn explain_document(&self, event: &Value) -> Explanation {
        explain(self.branches(), event)
    }
}
