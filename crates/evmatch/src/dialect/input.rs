//! The typed inputs a dialect filter is matched against: an EventBridge event (JSON text), an
//! SNS message ([`SnsMessage`]: attributes map and body) or a Lambda/Pipes [`Record`], borrowed
//! together as an [`Input`]; and [`InputError`] for input that cannot be matched.
//!
//! Building a [`Record`] parses its JSON once (iteratively, depth-limited like events); an
//! [`SnsMessage`] stores its attributes as given and is projected when matched.

use std::collections::BTreeMap;

use crate::json::{self, Value};
use crate::limits::EventLimits;

/// Something a dialect filter can be matched against.
///
/// ```
/// use evmatch::dialect::{Dialect, Filter, Input, SnsMessage};
///
/// let f = Filter::parse(Dialect::SnsAttributes, r#"{"store": ["example_corp"]}"#)?;
/// let msg = SnsMessage::new("hello").with_attribute("store", "String", "example_corp");
/// assert!(f.matches(Input::Sns(&msg))?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Input<'a> {
    /// An EventBridge event: JSON text of an object ([`Dialect::EventBridge`](super::Dialect::EventBridge)).
    Event(&'a str),
    /// An SNS message (both SNS dialects).
    Sns(&'a SnsMessage),
    /// A Lambda or Pipes record (the Lambda and Pipes dialects).
    Record(&'a Record),
}

impl Input<'_> {
    /// What kind of input this is, for messages: `an event`, `an SNS message`, `a record`.
    pub fn kind(&self) -> &'static str {
        match self {
            Input::Event(_) => "an event",
            Input::Sns(_) => "an SNS message",
            Input::Record(_) => "a record",
        }
    }
}

/// An input that cannot be matched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The input is not the kind the dialect matches.
    #[error("a {dialect} filter matches {expected}, not {given}")]
    WrongKind {
        /// The filter's (or machine's) dialect.
        dialect: super::Dialect,
        /// The input kind the dialect takes.
        expected: &'static str,
        /// The input kind given.
        given: &'static str,
    },
    /// The input is malformed (not JSON, not an object, over a limit, bad attribute shape).
    #[error("{0}")]
    Invalid(String),
}

/// An SNS message attribute as the `Publish` API takes it: a data type and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageAttribute {
    /// `String`, `Number`, `String.Array`, `Binary`, or a custom subtype such as
    /// `String.uuid` or `Number.float`.
    pub data_type: String,
    /// The `StringValue` (for `Binary`, the `BinaryValue`'s base64 text, which filtering
    /// ignores).
    pub value: String,
}

impl MessageAttribute {
    /// An attribute of `data_type` with `value`.
    pub fn new(data_type: impl Into<String>, value: impl Into<String>) -> MessageAttribute {
        MessageAttribute {
            data_type: data_type.into(),
            value: value.into(),
        }
    }
}

/// An SNS message: the body text and the message attributes, by name.
///
/// ```
/// use evmatch::dialect::SnsMessage;
///
/// let attrs = r#"{"price": {"Type": "Number", "Value": "210.75"},
///                 "tags": {"DataType": "String.Array", "StringValue": "[\"a\", \"b\"]"}}"#;
/// let msg = SnsMessage::new("{}").with_attributes_json(attrs)?;
/// assert_eq!(msg.attributes["price"].data_type, "Number");
/// assert_eq!(msg.attributes["tags"].value, r#"["a", "b"]"#);
/// # Ok::<(), evmatch::dialect::InputError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnsMessage {
    /// The message text (for the `MessageBody` scope, it must be a JSON object).
    pub body: String,
    /// The message attributes, by name.
    pub attributes: BTreeMap<String, MessageAttribute>,
}

impl SnsMessage {
    /// A message with `body` and no attributes.
    pub fn new(body: impl Into<String>) -> SnsMessage {
        SnsMessage {
            body: body.into(),
            attributes: BTreeMap::new(),
        }
    }

    /// Add (or replace) the attribute `name`.
    pub fn with_attribute(
        mut self,
        name: impl Into<String>,
        data_type: impl Into<String>,
        value: impl Into<String>,
    ) -> SnsMessage {
        self.attributes
            .insert(name.into(), MessageAttribute::new(data_type, value));
        self
    }
    /// An SNS message given as the JSON object SNS delivers to SQS and HTTP subscribers:
    /// `{"Message": "<body>", "MessageAttributes": {"name": {"Type": …, "Value": …}}}`, other
    /// members ignored, both optional (the last of duplicate members counts). The `Publish`
    /// shape of attributes is accepted too. Errors start with `SNS message: `.
    ///
    /// ```
    /// use evmatch::dialect::SnsMessage;
    ///
    /// let m = SnsMessage::from_notification(
    ///     r#"{"Type": "Notification", "Message": "hi", "MessageAttributes": {"a": {"Type": "String", "Value": "1"}}}"#,
    /// )?;
    /// assert_eq!(m.body, "hi");
    /// assert_eq!(m.attributes["a"].value, "1");
    /// assert_eq!(
    ///     SnsMessage::from_notification(r#"{"Message": 1}"#).unwrap_err().to_string(),
    ///     r#"SNS message: "Message" must be a JSON string"#
    /// );
    /// # Ok::<(), evmatch::dialect::InputError>(())
    /// ```
    pub fn from_notification(text: &str) -> Result<SnsMessage, InputError> {
        let bad = |why: &str| InputError::Invalid(format!("SNS message: {why}"));
        let doc: Value = text
            .parse()
            .map_err(|e: json::SyntaxError| bad(&format!("not valid JSON: {e}")))?;
        let Value::Object(members) = &doc else {
            return Err(bad(
                r#"expected a JSON object {"Message": …, "MessageAttributes": {…}}"#,
            ));
        };
        let last = |name: &str| {
            members
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v)
        };
        let body = match last("Message") {
            None => "",
            Some(Value::String(s)) => s.as_str(),
            Some(_) => return Err(bad(r#""Message" must be a JSON string"#)),
        };
        let message = SnsMessage::new(body);
        match last("MessageAttributes") {
            None | Some(Value::Null) => Ok(message),
            Some(attributes @ Value::Object(_)) => message
                .with_attributes_json(&attributes.to_string())
                .map_err(|e| bad(&e.to_string())),
            Some(_) => Err(bad(r#""MessageAttributes" must be a JSON object"#)),
        }
    }

    /// Add the attributes of a JSON object `{"name": {...}, ...}` whose values are either
    /// `{"Type": …, "Value": …}` (the SNS notification shape and the line protocol's) or
    /// `{"DataType": …, "StringValue"|"BinaryValue": …}` (the `Publish` API shape).
    pub fn with_attributes_json(mut self, text: &str) -> Result<SnsMessage, InputError> {
        let bad = |why: &str| InputError::Invalid(format!("message attributes: {why}"));
        let doc = json::parse(text, json::lexer::DEFAULT_MAX_DEPTH).map_err(|e| bad(&e.message))?;
        let Value::Object(members) = &doc else {
            return Err(bad("not a JSON object"));
        };
        for (name, attr) in members {
            let Value::Object(fields) = attr else {
                return Err(bad(&format!("attribute '{name}' is not an object")));
            };
            let field = |keys: &[&str]| {
                fields.iter().find_map(|(k, v)| match v {
                    Value::String(s) if keys.contains(&k.as_str()) => Some(s.clone()),
                    _ => None,
                })
            };
            let Some(data_type) = field(&["Type", "DataType"]) else {
                return Err(bad(&format!(
                    "attribute '{name}' has no string Type (or DataType)"
                )));
            };
            let Some(value) = field(&["Value", "StringValue", "BinaryValue"]) else {
                return Err(bad(&format!(
                    "attribute '{name}' has no string Value (or StringValue, BinaryValue)"
                )));
            };
            self.attributes
                .insert(name.clone(), MessageAttribute { data_type, value });
        }
        Ok(self)
    }
}

/// A Lambda or Pipes record as the function (or pipe) receives it: one element of `Records`
/// (SQS, Kinesis, DynamoDB) or one Kafka or MQ message, parsed once.
///
/// ```
/// use evmatch::dialect::Record;
///
/// let r = Record::parse(r#"{"body": "Test message.", "messageId": "1"}"#)?;
/// assert!(Record::parse("[1]").is_err());
/// # Ok::<(), evmatch::dialect::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub(crate) doc: Value,
}

impl Record {
    /// Parse record JSON text (an object, at most 1 MiB and 1000 levels deep, the event
    /// defaults of [`EventLimits`]).
    pub fn parse(text: &str) -> Result<Record, InputError> {
        let limits = EventLimits::default();
        if text.len() > limits.max_bytes {
            return Err(InputError::Invalid(format!(
                "record larger than {} bytes",
                limits.max_bytes
            )));
        }
        let doc = json::parse(text, limits.max_depth)
            .map_err(|e| InputError::Invalid(format!("record: {}", e.message)))?;
        Record::from_document(doc)
    }

    /// A record from a `serde_json::Value` (an object).
    pub fn from_serde(value: &serde_json::Value) -> Result<Record, InputError> {
        Record::from_document(Value::from_serde(value))
    }

    /// A record from a parsed document (an object).
    pub fn from_document(doc: Value) -> Result<Record, InputError> {
        if !matches!(doc, Value::Object(_)) {
            return Err(InputError::Invalid("record: not a JSON object".to_string()));
        }
        Ok(Record { doc })
    }

    /// The record document.
    pub fn document(&self) -> &Value {
        &self.doc
    }
}

impl std::str::FromStr for Record {
    type Err = InputError;

    fn from_str(s: &str) -> Result<Record, InputError> {
        Record::parse(s)
    }
}
