//! What a rule target receives for a matched event: the payload of each input mode, byte for byte
//! as AWS delivers it.
//!
//! [`render`] turns one matched event into the exact payload of one target, according to the
//! target's input mode ([`TargetInput`]):
//!
//! * **none** — the whole event as compact JSON ([`compact`]): no insignificant whitespace,
//!   members in document order (duplicates kept), number tokens as written, strings re-escaped
//!   minimally.
//! * **`Input`** — the constant text, byte for byte as stored.
//! * **`InputPath`** — the compact JSON of the selected value; a path that selects nothing is a
//!   [`DeliveryFailure::InputPathNotFound`] (nothing is delivered).
//! * **`InputTransformer`** — the template with every `<name>` placeholder replaced according to
//!   the placeholder's context (inside or outside a double-quoted run) and the value's type. A
//!   template whose first non-whitespace character is `{` or `[` must give valid JSON, else
//!   [`DeliveryFailure::InvalidJson`]; string (`"…`) and plain-text templates are delivered as
//!   they come out.
//!
//! Invariants: rendering never fails for any other reason, never panics, never reformats template
//! text outside placeholders, and reads the original event only (matching has already happened).
//! Paths are not validated at `PutTargets` time: a path that does not parse selects nothing.
//!
//! The two small grammars are parsers of `nom`: paths (`$.detail.items[0]`, the grammar at
//! `parse_path`) and template placeholders (shared with the `PutTargets` check, in
//! [`crate::api::placeholders`]). Costs: one pass over the template; each distinct placeholder's
//! path is parsed and resolved once per delivery (a path parse takes about 0.1 µs, some 60 ns more
//! than the byte loop it replaced — a few per cent of a transformer delivery); the JSON check of a
//! JSON template's output is one more pass.
//!
//! [`validate_target`] runs the `PutTargets`-time checks (`api::Request::validate`) of the
//! input modes, with AWS's `ValidationException` texts.
//!
//! ```
//! use std::collections::BTreeMap;
//! use evmatch_eventbridge::api::{Timestamp, targets::InputTransformer};
//! use evmatch_eventbridge::bus::transform::{self, DeliveryContext, TargetInput};
//!
//! let event = transform::parse_event(
//!     r#"{"version": "0", "id": "1", "detail-type": "Order", "source": "shop", "account": "111111111111",
//!         "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
//!         "detail": {"order": {"id": 7, "sku": "X-1"}}}"#,
//! )?;
//! let ctx = DeliveryContext {
//!     rule_arn: "arn:aws:events:us-east-1:111111111111:rule/orders",
//!     rule_name: "orders",
//!     ingestion_time: Timestamp::from_secs(1_767_225_600),
//! };
//! let transformer = InputTransformer {
//!     input_paths_map: Some(BTreeMap::from([("sku".into(), "$.detail.order.sku".into())])),
//!     input_template: r#"{"sku": <sku>, "rule": "<aws.events.rule-name>"}"#.into(),
//! };
//! let out = transform::render(TargetInput::InputTransformer(&transformer), &event, &ctx).unwrap();
//! assert_eq!(out, r#"{"sku": "X-1", "rule": "orders"}"#);
//! assert_eq!(
//!     transform::render(TargetInput::InputPath("$.detail.order"), &event, &ctx).unwrap(),
//!     r#"{"id":7,"sku":"X-1"}"#
//! );
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use crate::Error;
use crate::api::input_template::{TemplatePiece, pieces};
use crate::api::targets::{InputTransformer, PutTargetsRequest, Target};
use crate::api::{Request, Timestamp};
use evmatch::json::Value;
use nom::branch::alt;
use nom::bytes::complete::{take_till1, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::{all_consuming, cond, map, map_opt, value};
use nom::multi::many0;
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

/// `<aws.events.rule-arn>`: the ARN of the matched rule.
pub const RULE_ARN: &str = "aws.events.rule-arn";
/// `<aws.events.rule-name>`: the name of the matched rule.
pub const RULE_NAME: &str = "aws.events.rule-name";
/// `<aws.events.event.ingestion-time>`: when EventBridge received the event.
pub const INGESTION_TIME: &str = "aws.events.event.ingestion-time";
/// `<aws.events.event>`: the envelope without `detail`, with `detailType`.
pub const EVENT: &str = "aws.events.event";
/// `<aws.events.event.json>`: the whole event.
pub const EVENT_JSON: &str = "aws.events.event.json";

/// The placeholders a template may use without an `InputPathsMap` entry.
pub const PREDEFINED_VARIABLES: &[&str] = crate::api::PREDEFINED_VARIABLES;

/// The input mode of one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetInput<'a> {
    /// No input mode: the whole event.
    WholeEvent,
    /// `Input`: constant JSON text, delivered as stored.
    Input(&'a str),
    /// `InputPath`: one JSONPath into the event.
    InputPath(&'a str),
    /// `InputTransformer`: variables from the event substituted into a template.
    InputTransformer(&'a InputTransformer),
}

impl<'a> TargetInput<'a> {
    /// The input mode of a stored target. An empty `Input` counts as no `Input`; a target that
    /// (against [`validate_target`]) has several modes uses the first of `Input`, `InputPath`,
    /// `InputTransformer`.
    pub fn of(target: &'a Target) -> Self {
        match (&target.input, &target.input_path, &target.input_transformer) {
            (Some(input), _, _) if !input.is_empty() => TargetInput::Input(input),
            (_, Some(path), _) => TargetInput::InputPath(path),
            (_, _, Some(t)) => TargetInput::InputTransformer(t),
            _ => TargetInput::WholeEvent,
        }
    }
}

impl<'a> From<&'a Target> for TargetInput<'a> {
    fn from(target: &'a Target) -> Self {
        TargetInput::of(target)
    }
}

/// What the service knows about a delivery besides the event: the values of the predefined
/// variables `<aws.events.rule-arn>`, `<aws.events.rule-name>` and
/// `<aws.events.event.ingestion-time>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryContext<'a> {
    /// ARN of the matched rule (`arn:aws:events:<region>:<account>:rule/[<bus>/]<name>`).
    pub rule_arn: &'a str,
    /// Name of the matched rule.
    pub rule_name: &'a str,
    /// When the bus received the event; rendered as `YYYY-MM-DDTHH:MM:SSZ` (fraction dropped).
    pub ingestion_time: Timestamp,
}

/// Why nothing was delivered to a target. The event itself was still accepted: the bus records
/// a failed invocation (and uses the target's dead-letter queue, if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryFailure {
    /// The `InputPath` selected nothing.
    InputPathNotFound,
    /// A JSON template (first non-whitespace character `{` or `[`) did not give valid JSON
    /// after substitution; `output` is the text that was not delivered.
    InvalidJson {
        /// The substituted template.
        output: String,
    },
}

impl fmt::Display for DeliveryFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeliveryFailure::InputPathNotFound => "input path not found",
            DeliveryFailure::InvalidJson { .. } => "transformed input is not valid JSON",
        })
    }
}

impl std::error::Error for DeliveryFailure {}

/// The payload `input` delivers for `event`.
pub fn render(
    input: TargetInput<'_>,
    event: &Value,
    ctx: &DeliveryContext<'_>,
) -> Result<String, DeliveryFailure> {
    match input {
        TargetInput::WholeEvent => Ok(compact(event)),
        TargetInput::Input(text) => Ok(text.to_string()),
        TargetInput::InputPath(path) => match resolve(event, path, true) {
            Some(var) => {
                let mut out = String::new();
                var.write_value(&mut out);
                Ok(out)
            }
            None => Err(DeliveryFailure::InputPathNotFound),
        },
        TargetInput::InputTransformer(t) => {
            transform(t.input_paths_map.as_ref(), &t.input_template, event, ctx)
        }
    }
}

/// Parses an event (JSON text) into the document model [`render`] reads, keeping member order,
/// duplicate members and number spellings. Malformed JSON or nesting deeper than 1,000 levels is
/// an [`Error::Matching`] wrapping [`evmatch::Error::InvalidEvent`].
pub fn parse_event(text: &str) -> Result<Value, Error> {
    text.parse::<Value>()
        .map_err(|e| Error::from(evmatch::EventError::from(e)))
}

/// `value` as compact JSON: no whitespace between tokens, members in document order (duplicates
/// kept), numbers as their token text, strings escaped minimally (`"`, `\` and control
/// characters; `\b \t \n \f \r`, otherwise `\u00XX` with upper-case hex).
pub fn compact(value: &Value) -> String {
    value.to_string()
}

// ---------------------------------------------------------------------------------------------
// PutTargets-time validation

/// The `PutTargets` checks of one target's input mode, in service order: the model constraints of
/// the target (`Input` ≤ 8,192, `InputPath` ≤ 256, `InputPathsMap` ≤ 100 entries with keys
/// `[A-Za-z0-9\_\-]+` of 1..256 characters and values ≤ 256, `InputTemplate` 1..8,192 — the
/// generic `1 validation error detected: …` texts, with the member path of a one-target request,
/// `targets.1.member…`), then at most one input mode, `Input` being valid JSON, and every template
/// placeholder being defined.
///
/// ```
/// use evmatch_eventbridge::api::targets::{InputTransformer, Target};
/// use evmatch_eventbridge::bus::transform::validate_target;
///
/// let target = Target {
///     id: "t1".into(),
///     arn: "arn:aws:sqs:us-east-1:111111111111:q".into(),
///     input_transformer: Some(InputTransformer {
///         input_paths_map: None,
///         input_template: r#"{"k": <notdefinedkey>}"#.into(),
///     }),
///     ..Default::default()
/// };
/// assert_eq!(
///     validate_target(&target).unwrap_err().to_string(),
///     "InputTemplate for target t1 contains invalid placeholder notdefinedkey."
/// );
/// ```
pub fn validate_target(target: &Target) -> Result<(), Error> {
    PutTargetsRequest {
        rule: "rule".into(),
        targets: vec![target.clone()],
        ..Default::default()
    }
    .validate()
}

pub use crate::api::placeholders;

// ---------------------------------------------------------------------------------------------
// Paths

/// One step of a path.
#[derive(Debug, Clone, Copy)]
enum Segment<'p> {
    Name(&'p str),
    Index(usize),
    Wildcard,
}

/// Parses `path`; with `brackets` (`InputPath`), also `['name']` / `["name"]`. `None` if it does
/// not parse.
///
/// ```text
/// path    = "$" *segment
/// segment = "." ("*" | name) | "[" ("*" | index | quoted) "]"
/// name    = 1*(ALPHA | DIGIT | "-" | "_" | "/")
/// index   = 1*DIGIT                               ; too large for usize: out of range
/// quoted  = "'" 1*(not "'") "'" | DQUOTE 1*(not DQUOTE) DQUOTE   ; with `brackets` only
/// ```
fn parse_path(path: &str, brackets: bool) -> Option<Vec<Segment<'_>>> {
    segments(path, brackets).ok().map(|(_, segments)| segments)
}

fn segments(path: &str, brackets: bool) -> IResult<&str, Vec<Segment<'_>>> {
    let name = take_while1(|c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'));
    let dot = preceded(
        char('.'),
        alt((
            value(Segment::Wildcard, char('*')),
            map(name, Segment::Name),
        )),
    );
    let quoted = |q: char| delimited(char(q), take_till1(move |c| c == q), char(q));
    let quoted_name = map_opt(cond(brackets, alt((quoted('\''), quoted('"')))), |name| {
        name.map(Segment::Name)
    });
    // An index too large for usize is simply out of range.
    let index = map(digit1, |d: &str| {
        Segment::Index(d.parse().unwrap_or(usize::MAX))
    });
    let bracket = delimited(
        char('['),
        alt((value(Segment::Wildcard, char('*')), quoted_name, index)),
        char(']'),
    );
    all_consuming(preceded(char('$'), many0(alt((dot, bracket))))).parse(path)
}

/// What a variable holds.
enum Var<'v> {
    /// A value of the event.
    Ref(&'v Value),
    /// The matches of a path with a wildcard: rendered as a JSON array.
    Many(Vec<&'v Value>),
    /// A computed value (`<aws.events.event>`).
    Owned(Value),
    /// A computed string (rule ARN, rule name, ingestion time).
    Text(String),
}

/// The value `path` selects in `event`, or `None` when it selects nothing (or does not parse).
/// A name on an object with duplicate members selects the last one.
fn resolve<'v>(event: &'v Value, path: &str, brackets: bool) -> Option<Var<'v>> {
    let segs = parse_path(path, brackets)?;
    let wildcard = segs.iter().any(|s| matches!(s, Segment::Wildcard));
    let mut nodes = vec![event];
    for seg in &segs {
        let mut next = Vec::new();
        for node in nodes {
            match (seg, node) {
                (Segment::Name(n), Value::Object(members)) => {
                    if let Some((_, v)) = members.iter().rev().find(|(k, _)| k == n) {
                        next.push(v);
                    }
                }
                (Segment::Index(i), Value::Array(items)) => next.extend(items.get(*i)),
                (Segment::Wildcard, Value::Array(items)) => next.extend(items.iter()),
                (Segment::Wildcard, Value::Object(members)) => {
                    next.extend(members.iter().map(|(_, v)| v))
                }
                _ => {}
            }
        }
        nodes = next;
    }
    if nodes.is_empty() {
        None
    } else if wildcard {
        Some(Var::Many(nodes))
    } else {
        nodes.pop().map(Var::Ref)
    }
}

// ---------------------------------------------------------------------------------------------
// Templates

/// What an `InputTemplate` produces, by its first non-whitespace character: JSON (`{`, `[`),
/// a JSON string (`"`), or plain text (anything else). It decides how placeholders are written
/// and whether the result must be valid JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TemplateKind {
    Json,
    QuotedString,
    PlainText,
}

impl TemplateKind {
    fn of(template: &str) -> Self {
        let is_json_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
        match template.trim_start_matches(is_json_ws).bytes().next() {
            Some(b'{' | b'[') => TemplateKind::Json,
            Some(b'"') => TemplateKind::QuotedString,
            _ => TemplateKind::PlainText,
        }
    }
}

fn transform(
    map: Option<&BTreeMap<String, String>>,
    template: &str,
    event: &Value,
    ctx: &DeliveryContext<'_>,
) -> Result<String, DeliveryFailure> {
    let kind = TemplateKind::of(template);
    let mut vars: BTreeMap<&str, Option<Var<'_>>> = BTreeMap::new();
    let mut out = String::with_capacity(template.len());
    let mut in_str = false;
    for piece in pieces(template) {
        match piece {
            TemplatePiece::Text(text) => {
                out.push_str(text);
                in_str = quoted_after(text, in_str);
            }
            TemplatePiece::Placeholder(name) => {
                let var = vars
                    .entry(name)
                    .or_insert_with(|| variable(name, map, event, ctx));
                let in_text = in_str || kind == TemplateKind::PlainText;
                match var {
                    None if in_text => {}
                    None => out.push_str("\"\""),
                    Some(v) if in_text => v.write_in_string(kind, &mut out),
                    Some(v) => v.write_value(&mut out),
                }
            }
        }
    }
    if kind == TemplateKind::Json && !evmatch::json::is_valid(&out) {
        return Err(DeliveryFailure::InvalidJson { output: out });
    }
    Ok(out)
}

/// Whether a double-quoted run is open after `text`, given whether one was open before it: `"`
/// opens and closes runs; inside a run, `\` escapes the next character. Placeholders cannot be
/// escaped: a `\` that ends a text piece is followed by a placeholder and escapes nothing.
fn quoted_after(text: &str, mut in_str: bool) -> bool {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_str => {
                chars.next();
            }
            '"' => in_str = !in_str,
            _ => {}
        }
    }
    in_str
}

/// The value of the variable `name`: a map entry (whose path may select nothing), else a
/// predefined variable, else nothing (an undefined placeholder renders as a missing value).
fn variable<'v>(
    name: &str,
    map: Option<&BTreeMap<String, String>>,
    event: &'v Value,
    ctx: &DeliveryContext<'_>,
) -> Option<Var<'v>> {
    if let Some(path) = map.and_then(|m| m.get(name)) {
        return resolve(event, path, false);
    }
    Some(match name {
        RULE_ARN => Var::Text(ctx.rule_arn.to_string()),
        RULE_NAME => Var::Text(ctx.rule_name.to_string()),
        INGESTION_TIME => Var::Text(Timestamp::from_secs(ctx.ingestion_time.secs()).to_string()),
        EVENT => Var::Owned(event_summary(event)),
        EVENT_JSON => Var::Ref(event),
        _ => return None,
    })
}

/// `<aws.events.event>`: the envelope members in the recorded order, `detail-type` renamed
/// `detailType`, no `detail`; `replay-name` (replayed events) after `region`.
fn event_summary(event: &Value) -> Value {
    const ORDER: [(&str, &str); 9] = [
        ("id", "id"),
        ("account", "account"),
        ("detail-type", "detailType"),
        ("time", "time"),
        ("source", "source"),
        ("region", "region"),
        ("replay-name", "replay-name"),
        ("resources", "resources"),
        ("version", "version"),
    ];
    let Value::Object(members) = event else {
        return Value::Object(Vec::new());
    };
    let summary = ORDER
        .iter()
        .filter_map(|(from, to)| {
            let (_, v) = members.iter().rev().find(|(k, _)| k == from)?;
            Some((to.to_string(), v.clone()))
        })
        .collect();
    Value::Object(summary)
}

impl Var<'_> {
    /// Value context: strings quoted and escaped, everything else as compact JSON.
    fn write_value(&self, out: &mut String) {
        match self {
            Var::Ref(v) => v.write_compact(out),
            Var::Owned(v) => v.write_compact(out),
            Var::Many(items) => write_many(items, out),
            Var::Text(s) => evmatch::json::write_string(s, out),
        }
    }

    /// String context: strings verbatim, scalars as their text, containers as compact JSON —
    /// with every `"` deleted in string and plain-text templates, raw in JSON templates (where
    /// the result is then invalid JSON).
    fn write_in_string(&self, kind: TemplateKind, out: &mut String) {
        let container = |write: &dyn Fn(&mut String), out: &mut String| {
            if kind == TemplateKind::Json {
                write(out);
            } else {
                let mut json = String::new();
                write(&mut json);
                out.extend(json.chars().filter(|&c| c != '"'));
            }
        };
        match self {
            Var::Text(s) => out.push_str(s),
            Var::Ref(Value::String(s)) => out.push_str(s),
            Var::Ref(Value::Number(n)) => out.push_str(n),
            Var::Ref(Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
            Var::Ref(Value::Null) => out.push_str("null"),
            Var::Ref(v) => container(&|o| v.write_compact(o), out),
            Var::Owned(v) => container(&|o| v.write_compact(o), out),
            Var::Many(items) => container(&|o| write_many(items, o), out),
        }
    }
}

fn write_many(items: &[&Value], out: &mut String) {
    out.push('[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        item.write_compact(out);
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert!(parse_path("$", false).is_some_and(|s| s.is_empty()));
        assert!(parse_path("$.a.b-c_d/e[0][*].*", false).is_some());
        for bad in [
            "", "a", "$.", "$..a", "$[a]", "$['a']", "$.a b", "$[0", "$.a.", "$a",
        ] {
            assert!(parse_path(bad, false).is_none(), "{bad}");
        }
        assert!(parse_path("$['a b'][\"c\"]", true).is_some());
        assert!(parse_path("$['']", true).is_none());
    }
}
