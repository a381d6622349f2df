//! The input projections: the JSON document each dialect's filter is matched against, written
//! as compact JSON text, so that the one engine (evaluator or machine) matches it.
//!
//! * EventBridge: the event text as it is.
//! * SNS `MessageAttributes`: one member per attribute — `String` (and `String.*`) as a
//!   string, `Number` (and `Number.*`) as a number token, `String.Array` as its JSON array;
//!   `Binary` (and `Binary.*`), unknown types, a `Number` that is not a JSON number and a
//!   `String.Array` that is not a JSON array are left out (absent).
//! * SNS `MessageBody`: the body text when it is a JSON object; otherwise the message is never
//!   delivered ([`Projection::Never`]).
//! * Lambda and Pipes: the record with its data member decoded — SQS `body` as JSON when it is
//!   valid JSON, else as a string; Kinesis `data`, Kafka `value`, MQ `data` base64-decoded,
//!   then likewise (not UTF-8: left out); DynamoDB as it is. Lambda Kinesis records are lifted
//!   (the members of `kinesis` at the top, the envelope dropped). Pipes drops the members AWS
//!   lists as unfilterable (`awsRegion`, `eventSource`, `eventSourceARN`, `eventVersion`,
//!   `eventID`, `eventName`, `invokeIdentityArn`, `eventSourceKey`). The decoded data's kind
//!   ([`DataKind`]) is written as one more member, [`DATA_KIND_MEMBER`], which the rewritten
//!   filters ([`super::mismatch`]) test to apply the format-mismatch rules.
//!
//! Cost: one pass over the input; the data member is validated as JSON once and copied.

use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};

use super::input::{Input, InputError, Record, SnsMessage};
use super::name::{Dialect, Service, Source};
use super::used_names::UsedNames;
use crate::json::{self, Value};

/// The member of a projected record that holds its [`DataKind`]. No AWS record has a member
/// of that name; a record member of that name is dropped by the projection (and a filter that
/// names it tests the data's kind). Plain ASCII, so that writing and reading it costs nothing
/// more than any other member.
pub(crate) const DATA_KIND_MEMBER: &str = "@evmatch:data-kind";

/// Record members Pipes documents as unfilterable (added by the poller).
const PIPES_UNFILTERABLE: [&str; 8] = [
    "awsRegion",
    "eventSource",
    "eventSourceARN",
    "eventVersion",
    "eventID",
    "eventName",
    "invokeIdentityArn",
    "eventSourceKey",
];

/// Base64 as AWS writes it, padding optional on input.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// What the data member of a record holds once decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DataKind {
    /// Text that is not JSON: matched as a string leaf.
    Plain,
    /// A JSON object or array.
    Json,
    /// A JSON string, number, `true`, `false` or `null`.
    Scalar,
    /// Bytes that are not UTF-8 (or not base64): left out of the document.
    Binary,
    /// The record has no data member.
    Missing,
}

impl DataKind {
    /// Every kind.
    pub(crate) const ALL: [DataKind; 5] = [
        DataKind::Plain,
        DataKind::Json,
        DataKind::Scalar,
        DataKind::Binary,
        DataKind::Missing,
    ];

    /// The value of [`DATA_KIND_MEMBER`].
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DataKind::Plain => "plain",
            DataKind::Json => "json",
            DataKind::Scalar => "scalar",
            DataKind::Binary => "binary",
            DataKind::Missing => "missing",
        }
    }
}

/// The document an input projects to.
#[derive(Debug)]
pub(crate) enum Projection<'a> {
    /// The input text itself (EventBridge events, SNS bodies).
    Borrowed(&'a str),
    /// Written into the caller's buffer.
    Written,
    /// The input can never be delivered (an SNS body that is not a JSON object).
    Never,
}

/// Project `input` for `dialect`, writing into `out` (cleared first) when it must be written.
/// With `used`, written documents keep only the members some filter reads ([`UsedNames`]).
///
/// `exact` decides whether text that may be JSON (an SQS body, decoded data, a `String.Array`
/// or `Number` value) is validated before it is written raw. Without it the kind is guessed
/// from the first character and the text written as it is: cheaper, and the engine then
/// validates the whole document anyway — if it refuses it, project again with `exact` (the
/// machine does), so the answer is the same.
pub(crate) fn project<'a>(
    dialect: Dialect,
    input: Input<'a>,
    out: &mut String,
    used: Option<&UsedNames>,
    exact: bool,
) -> Result<Projection<'a>, InputError> {
    out.clear();
    let wrong = |expected| InputError::WrongKind {
        dialect,
        expected,
        given: input.kind(),
    };
    match (dialect.service(), input) {
        (Service::EventBridge, Input::Event(text)) => Ok(Projection::Borrowed(text)),
        (Service::EventBridge, _) => Err(wrong("an event")),
        (Service::Sns, Input::Sns(msg)) => {
            if dialect == Dialect::SnsBody {
                Ok(sns_body(&msg.body))
            } else {
                // At most 10 attributes per message: writing them all costs less than
                // asking which ones a filter reads.
                sns_attributes(msg, out, exact);
                Ok(Projection::Written)
            }
        }
        (Service::Sns, _) => Err(wrong("an SNS message")),
        (Service::Lambda | Service::Pipes, Input::Record(r)) => {
            record(dialect, r, out, used, exact);
            Ok(Projection::Written)
        }
        (Service::Lambda | Service::Pipes, _) => Err(wrong("a record")),
    }
}

/// The body when it looks like a JSON object (the engine then reads it, and refuses text that
/// is not JSON, which is not delivered either).
fn sns_body(body: &str) -> Projection<'_> {
    if body
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        Projection::Borrowed(body)
    } else {
        Projection::Never
    }
}

/// The attributes as a flat object.
fn sns_attributes(msg: &SnsMessage, out: &mut String, exact: bool) {
    out.push('{');
    for (name, attr) in &msg.attributes {
        let ty = attr.data_type.as_str();
        let base = ty
            .as_bytes()
            .iter()
            .position(|&b| b == b'.')
            .map_or(ty, |i| &ty[..i]);
        let value = attr.value.as_str();
        let raw = if ty == "String.Array" {
            is_json_array(value, exact)
        } else if base == "Number" {
            is_json_number(value, exact)
        } else {
            false
        };
        if !(raw || base == "String" && ty != "String.Array") {
            continue;
        }
        if out.len() > 1 {
            out.push(',');
        }
        write_string(name, out);
        out.push(':');
        if raw {
            out.push_str(value);
        } else {
            write_string(value, out);
        }
    }
    out.push('}');
}

fn is_json_array(text: &str, exact: bool) -> bool {
    text.trim_start_matches(JSON_WS).starts_with('[') && (!exact || json::is_valid(text))
}

fn is_json_number(text: &str, exact: bool) -> bool {
    text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) && (!exact || json::is_valid(text))
}

/// JSON's whitespace.
const JSON_WS: [char; 4] = [' ', '\t', '\n', '\r'];

/// A Lambda or Pipes record, its data member decoded and its kind appended.
fn record(dialect: Dialect, r: &Record, out: &mut String, used: Option<&UsedNames>, exact: bool) {
    let source = dialect
        .source()
        .expect("Lambda and Pipes dialects have a source");
    let pipes = dialect.service() == Service::Pipes;
    let Value::Object(members) = &r.doc else {
        unreachable!("a Record is an object");
    };
    // Kinesis: the members of the inner `kinesis` object, lifted; the envelope is not visible.
    let members: &[(String, Value)] = match source {
        Source::Kinesis => members
            .iter()
            .find_map(|(k, v)| match v {
                Value::Object(inner) if k == "kinesis" => Some(inner.as_slice()),
                _ => None,
            })
            .unwrap_or(members),
        _ => members,
    };
    let key = source.data_key();
    let mut kind = DataKind::Missing;
    out.push('{');
    for (name, value) in members {
        if name == DATA_KIND_MEMBER
            || pipes && PIPES_UNFILTERABLE.contains(&name.as_str())
            || used.is_some_and(|u| !u.reads(name))
        {
            continue;
        }
        let mark = out.len();
        if out.len() > 1 {
            out.push(',');
        }
        write_string(name, out);
        out.push(':');
        if name != key {
            write_value(value, out);
            continue;
        }
        kind = match (source, value) {
            (_, Value::Object(_) | Value::Array(_)) => {
                value.write_compact(out);
                DataKind::Json
            }
            (Source::DynamoDb, _) => {
                value.write_compact(out);
                DataKind::Scalar
            }
            (Source::Sqs, Value::String(text)) => text_data(text, out, exact),
            (_, Value::String(b64)) => match BASE64.decode(b64) {
                Ok(bytes) => match std::str::from_utf8(&bytes) {
                    Ok(text) => text_data(text, out, exact),
                    Err(_) => DataKind::Binary,
                },
                Err(_) => DataKind::Binary,
            },
            _ => {
                value.write_compact(out);
                DataKind::Scalar
            }
        };
        if kind == DataKind::Binary {
            out.truncate(mark);
        }
    }
    if out.len() > 1 {
        out.push(',');
    }
    write_string(DATA_KIND_MEMBER, out);
    out.push(':');
    write_string(kind.as_str(), out);
    out.push('}');
}

/// A JSON string literal: copied whole when nothing needs escaping (the usual case), else
/// escaped by the engine's writer.
fn write_string(s: &str, out: &mut String) {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        json::write_string(s, out);
    } else {
        out.reserve(s.len() + 2);
        out.push('"');
        out.push_str(s);
        out.push('"');
    }
}

/// A member value: scalars directly, containers through the iterative writer.
fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => write_string(s, out),
        Value::Number(n) => out.push_str(n),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Null => out.push_str("null"),
        _ => value.write_compact(out),
    }
}

/// Decoded data text: as JSON when it is valid JSON, else as a string (without `exact`: when
/// its first character can start JSON).
fn text_data(text: &str, out: &mut String, exact: bool) -> DataKind {
    let first = text.trim_start_matches(JSON_WS).bytes().next();
    let kind = match first {
        Some(b'{' | b'[') => DataKind::Json,
        Some(b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => DataKind::Scalar,
        _ => DataKind::Plain,
    };
    if kind != DataKind::Plain && (!exact || json::is_valid(text)) {
        out.push_str(text);
        kind
    } else {
        write_string(text, out);
        DataKind::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(dialect: Dialect, text: &str) -> String {
        let r = Record::parse(text).unwrap();
        let mut out = String::new();
        project(dialect, Input::Record(&r), &mut out, None, true).unwrap();
        out
    }

    #[test]
    fn records_project_with_their_data_kind() {
        assert_eq!(
            rec(
                Dialect::LambdaSqs,
                r#"{"body": "{\"a\": 1}", "eventSource": "aws:sqs"}"#
            ),
            "{\"body\":{\"a\": 1},\"eventSource\":\"aws:sqs\",\"@evmatch:data-kind\":\"json\"}"
        );
        assert_eq!(
            rec(
                Dialect::PipesSqs,
                r#"{"body": "hi", "eventSource": "aws:sqs"}"#
            ),
            "{\"body\":\"hi\",\"@evmatch:data-kind\":\"plain\"}"
        );
        assert_eq!(
            rec(Dialect::LambdaKafka, r#"{"value": "MTIz", "topic": "t"}"#),
            "{\"value\":123,\"topic\":\"t\",\"@evmatch:data-kind\":\"scalar\"}"
        );
        assert_eq!(
            rec(Dialect::LambdaMq, r#"{"data": "/w==", "x": 1}"#),
            "{\"x\":1,\"@evmatch:data-kind\":\"binary\"}"
        );
        assert_eq!(
            rec(
                Dialect::LambdaKinesis,
                r#"{"kinesis": {"data": "e30=", "partitionKey": "1"}, "eventSource": "aws:kinesis"}"#
            ),
            "{\"data\":{},\"partitionKey\":\"1\",\"@evmatch:data-kind\":\"json\"}"
        );
    }

    #[test]
    fn sns_attributes_by_type() {
        let msg = SnsMessage::new("x")
            .with_attribute("s", "String", "a\"b")
            .with_attribute("n", "Number", "3.015e2")
            .with_attribute("bad_n", "Number", "12abc")
            .with_attribute("arr", "String.Array", "[\"a\", 1, true, null]")
            .with_attribute("bad_arr", "String.Array", "rugby")
            .with_attribute("bin", "Binary", "AgME")
            .with_attribute("custom", "String.uuid", "u");
        let mut out = String::new();
        project(
            Dialect::SnsAttributes,
            Input::Sns(&msg),
            &mut out,
            None,
            true,
        )
        .unwrap();
        assert_eq!(
            out,
            r#"{"arr":["a", 1, true, null],"custom":"u","n":3.015e2,"s":"a\"b"}"#
        );
    }
}

#[cfg(test)]
mod guess_tests {
    use super::*;

    #[test]
    fn guessed_projection_is_valid_json() {
        let msg = SnsMessage::new("")
            .with_attribute("store", "String", "store-1")
            .with_attribute("event", "String", "order_placed")
            .with_attribute("price_usd", "Number", "12.5")
            .with_attribute(
                "customer_interests",
                "String.Array",
                r#"["rugby", "soccer"]"#,
            );
        let mut out = String::new();
        project(
            Dialect::SnsAttributes,
            Input::Sns(&msg),
            &mut out,
            None,
            false,
        )
        .unwrap();
        assert!(json::is_valid(&out), "{out}");
        let mut m = crate::Machine::new();
        m.add_rule(1, r#"{"store": ["store-1"]}"#).unwrap();
        assert_eq!(m.matches_for_event(out.as_bytes()).unwrap(), [1], "{out}");
    }
}
