//! The pattern language: parse EventBridge pattern JSON into an IR, validate it with AWS's exact
//! error texts, and evaluate it with the reference evaluator.

pub mod case;
pub mod ip;
pub mod number;
pub mod wildcard;

use crate::Error;

/// A parsed, validated event pattern.
#[derive(Debug, Clone)]
pub struct Pattern {}

impl Pattern {
    /// Parse and validate pattern JSON text.
    pub fn parse(text: &str) -> Result<Pattern, Error> {
        let _ = text;
        todo!()
    }

    /// Whether the pattern matches the event.
    pub fn matches(&self, event: &serde_json::Value) -> bool {
        let _ = event;
        todo!()
    }
}
