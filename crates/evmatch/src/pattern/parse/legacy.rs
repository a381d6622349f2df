//! [`Grammar::RulerV1_0`]: the pattern grammar of event-ruler as of January 2023 (v1.0.x),
//! which SNS still compiles filter policies with. It differs from today's in three places,
//! each with that version's text:
//!
//! * `anything-but` objects take only `prefix`, with a non-empty string
//!   (`Unsupported anything-but pattern: <op>`, `prefix match pattern must be a string`,
//!   `Null prefix not allowed`);
//! * `prefix` and `suffix` take only a string (no nested `equals-ignore-case`):
//!   `prefix match pattern must be a string` / `suffix match pattern must be a string`;
//! * numeric operands (of `numeric` and of `anything-but`) lie in ±5.0e9:
//!   `Value must be between -5.0E9 and 5.0E9, inclusive`.
//!
//! The checks are hooks in the one parser ([`super::Parser`]), not a second parser.

use super::{Condition, PResult, Parser, TOO_MANY_ELEMENTS};
use crate::json::lexer::Token;
use crate::pattern::ir::AnythingBut;

/// A pattern grammar level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Grammar {
    /// Today's event-ruler, as EventBridge (and Lambda, Pipes) accept it.
    #[default]
    Current,
    /// event-ruler v1.0.x, as SNS accepts filter policies.
    RulerV1_0,
}

/// The v1.0.x numeric operand bound.
const BOUND: f64 = 5.0e9;

impl Parser<'_> {
    /// `x`, or the v1.0.x range error when the grammar bounds operands.
    pub(super) fn legacy_bound(&self, x: f64) -> PResult<f64> {
        if self.grammar == Grammar::RulerV1_0 && !(-BOUND..=BOUND).contains(&x) {
            return Err(self.error("Value must be between -5.0E9 and 5.0E9, inclusive"));
        }
        Ok(x)
    }

    /// `{"anything-but": {op: …}}` after `op` was read, at the v1.0.x level.
    pub(super) fn legacy_anything_but(&mut self, op: &str) -> PResult<Condition> {
        if op != "prefix" {
            return Err(self.error(format!("Unsupported anything-but pattern: {op}")));
        }
        if self.next()? != Token::String {
            return Err(self.error("prefix match pattern must be a string"));
        }
        let s = self.text()?;
        if s.is_empty() {
            return Err(self.error("Null prefix not allowed"));
        }
        self.expect_end_object(TOO_MANY_ELEMENTS)?;
        self.expect_end_object(TOO_MANY_ELEMENTS)?;
        Ok(Condition::AnythingBut(AnythingBut::Prefixes(vec![s])))
    }
}
