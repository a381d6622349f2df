//! Why the flattener rejected an event, and the rejection in the one-rule API's words.

use crate::error::EventError;
use crate::limits::EventLimits;

/// Why the fast reader rejected an event; [`describe`] words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RejectReason {
    /// Over the size limit, not JSON, not an object, too deep, or not UTF-8.
    Malformed,
    /// More values at used paths than [`EventLimits::max_fields`].
    TooManyFields,
}

/// Why `input` was rejected, in the one-rule API's words.
pub(crate) fn describe(input: &[u8], limits: &EventLimits, why: RejectReason) -> EventError {
    if why == RejectReason::TooManyFields {
        return EventError::new(
            format!(
                "Event has more than the configured maximum of {} values at paths the rules use",
                limits.max_fields
            ),
            None,
        );
    }
    if input.len() > limits.max_bytes {
        return EventError::new(
            format!(
                "Event is {} bytes, more than the configured maximum of {} bytes",
                input.len(),
                limits.max_bytes
            ),
            None,
        );
    }
    let text = match std::str::from_utf8(input) {
        Ok(t) => t,
        Err(e) => {
            return EventError::new("Invalid UTF-8 in event".to_string(), Some(e.valid_up_to()));
        }
    };
    match crate::json::parse(text, limits.max_depth) {
        Err(e) => e.into(),
        Ok(crate::json::Value::Object(_)) => EventError::new("Event could not be read", Some(0)),
        Ok(_) => EventError::new("Event must be a JSON object", Some(0)),
    }
}
