//! The placeholder grammar of an InputTransformer's `InputTemplate`: literal text and `<name>`
//! placeholders, shared by the `PutTargets` check (every placeholder defined) and by the bus when
//! it fills a template in.
//!
//! ```text
//! template    = piece*
//! piece       = text | placeholder | tail
//! text        = 1*(any character but "<")
//! placeholder = "<" *(any character but ">") ">"
//! tail        = "<" *(any character)      ; a "<" with no ">" after it: the rest is text
//! ```
//!
//! Invariants: a placeholder is the text between a `<` and the *next* `>` (so `<a<b>` names
//! `a<b`), whatever quoting surrounds it — AWS has no escape for `<`; the pieces concatenate back
//! to the template. Costs: one pass over the template (the `tail` rule keeps a run of unmatched
//! `<` linear: once no `>` follows, none follows any later `<` either).

use nom::branch::alt;
use nom::bytes::complete::{take_till1, take_until};
use nom::character::complete::char;
use nom::combinator::rest;
use nom::sequence::delimited;
use nom::{IResult, Parser};

/// The placeholders a template may use without an `InputPathsMap` entry.
pub const PREDEFINED_VARIABLES: &[&str] = &[
    "aws.events.rule-arn",
    "aws.events.rule-name",
    "aws.events.event.ingestion-time",
    "aws.events.event",
    "aws.events.event.json",
];

/// One piece of an input template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TemplatePiece<'t> {
    /// Literal text, delivered as written.
    Text(&'t str),
    /// The name between `<` and `>`.
    Placeholder(&'t str),
}

fn piece(input: &str) -> IResult<&str, TemplatePiece<'_>> {
    alt((
        take_till1(|c| c == '<').map(TemplatePiece::Text),
        delimited(char('<'), take_until(">"), char('>')).map(TemplatePiece::Placeholder),
        rest.map(TemplatePiece::Text),
    ))
    .parse(input)
}

/// The pieces of `template`, in order.
pub(crate) fn pieces(template: &str) -> impl Iterator<Item = TemplatePiece<'_>> {
    let mut input = template;
    std::iter::from_fn(move || {
        if input.is_empty() {
            return None;
        }
        let (next, piece) = piece(input).ok()?;
        input = next;
        Some(piece)
    })
}

/// The placeholder names of an input template: at every `<`, the text up to the next `>`
/// (a `<` without a later `>` is literal text).
///
/// ```
/// use evmatch_eventbridge::api::placeholders;
///
/// let names: Vec<&str> = placeholders(r#"{"a": <x>, "b": "<y> < z"}"#).collect();
/// assert_eq!(names, ["x", "y"]);
/// ```
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    pieces(template).filter_map(|p| match p {
        TemplatePiece::Placeholder(name) => Some(name),
        TemplatePiece::Text(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use TemplatePiece::{Placeholder, Text};

    #[test]
    fn pieces_concatenate_back_to_the_template() {
        let template = r#"{"a": <x>, "b": "<y<z>" < <>"#;
        let all: Vec<_> = pieces(template).collect();
        assert_eq!(
            all,
            [
                Text(r#"{"a": "#),
                Placeholder("x"),
                Text(r#", "b": ""#),
                Placeholder("y<z"),
                Text(r#"" "#),
                Placeholder(" <"),
            ]
        );
        let joined: String = all
            .iter()
            .map(|p| match p {
                Text(t) => t.to_string(),
                Placeholder(n) => format!("<{n}>"),
            })
            .collect();
        assert_eq!(joined, template);
    }

    #[test]
    fn an_unclosed_angle_bracket_ends_in_text() {
        assert_eq!(pieces("a<b").collect::<Vec<_>>(), [Text("a"), Text("<b")]);
        assert_eq!(placeholders("<a> <b").collect::<Vec<_>>(), ["a"]);
        assert_eq!(pieces("").count(), 0);
    }
}
