//! The filter dialects on the command line and in the line protocol: one test of a filter (or
//! a Lambda mapping's several filters) in a [`Dialect`] against one input, with the service's
//! answers and messages.
//!
//! The input of a test is given the way the services receive it: for the SNS dialects the
//! message body (`event`) and the message attributes (`attributes`, a JSON object
//! `{"name": {"Type": "String", "Value": "…"}}`, the shape SNS notifications carry; the
//! `Publish` shape `{"DataType": …, "StringValue": …}` is accepted too); for the Lambda and
//! Pipes dialects the record (`event`) as the function or the pipe receives it. The EventBridge
//! dialect is `TestEventPattern`, unchanged.
//!
//! Invariants: a filter error is the service's ([`FilterError`]: code, message, location
//! lines); an input that cannot be read is an [`TestError::Input`] message starting with
//! `evmatch: `, so that it cannot be mistaken for an AWS message; nothing here panics.
//! Costs: one parse per filter, one projection of the input, one match per filter.

use evmatch::dialect::{
    Dialect, DialectMachine, Filter, FilterError, FilterOptions, Input, Record, Service, SnsApi,
    SnsMessage,
};

/// Why a dialect test gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TestError {
    /// The filter was refused: the service's code and message.
    Filter(FilterError),
    /// EventBridge's `TestEventPattern` refused the pattern or the event (AWS's message).
    EventBridge(String),
    /// The input (event, record, attributes) or the request cannot be used: a message
    /// starting with `evmatch: `.
    Input(String),
}

impl std::fmt::Display for TestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TestError::Filter(e) => write!(f, "{e}"),
            TestError::EventBridge(m) | TestError::Input(m) => f.write_str(m),
        }
    }
}

/// The dialect named `name`, or the message listing the names (`evmatch: unknown dialect …`).
///
/// ```
/// use evmatch::dialect::Dialect;
/// use evmatch_cli::dialects::dialect;
///
/// assert_eq!(dialect("sns-body"), Ok(Dialect::SnsBody));
/// assert!(dialect("sns").unwrap_err().starts_with("evmatch: unknown dialect 'sns': expected one of eventbridge, "));
/// ```
pub fn dialect(name: &str) -> Result<Dialect, String> {
    name.parse().map_err(|e| format!("evmatch: {e}"))
}

/// The SNS API named `name` (`Subscribe`, `SetSubscriptionAttributes`), or the message.
pub fn sns_api(name: &str) -> Result<SnsApi, String> {
    name.parse().map_err(|e| format!("evmatch: {e}"))
}

/// One test: whether `patterns` (one, or a Lambda mapping's or a pipe's several, ORed) in
/// `dialect` let `event` through, with `attributes` (JSON text of the attributes object) for
/// SNS. `api` picks the prefix of SNS's messages.
///
/// ```
/// use evmatch::dialect::{Dialect, SnsApi};
/// use evmatch_cli::dialects::test;
///
/// let attrs = r#"{"store": {"Type": "String", "Value": "example_corp"}}"#;
/// let policy = r#"{"store": ["example_corp"]}"#;
/// assert_eq!(test(Dialect::SnsAttributes, SnsApi::default(), &[policy], "hello", Some(attrs)), Ok(true));
/// let record = r#"{"body": "Test message.", "messageId": "1"}"#;
/// let filters = [r#"{"body": ["other"]}"#, r#"{"body": ["Test message."]}"#];
/// assert_eq!(test(Dialect::LambdaSqs, SnsApi::default(), &filters, record, None), Ok(true));
/// let err = test(Dialect::LambdaSqs, SnsApi::default(), &[r#"{"body": "x"}"#], record, None);
/// assert_eq!(err.unwrap_err().to_string(), "Invalid filter pattern definition.");
/// ```
pub fn test(
    dialect: Dialect,
    api: SnsApi,
    patterns: &[&str],
    event: &str,
    attributes: Option<&str>,
) -> Result<bool, TestError> {
    let service = dialect.service();
    if attributes.is_some() && service != Service::Sns {
        return Err(TestError::Input(format!(
            "evmatch: message attributes are for the SNS dialects, not {dialect}"
        )));
    }
    if patterns.len() != 1 && !matches!(service, Service::Lambda | Service::Pipes) {
        return Err(TestError::Input(format!(
            "evmatch: a {dialect} test takes one pattern; several (ORed) are for the Lambda and \
             Pipes dialects"
        )));
    }
    if service == Service::EventBridge {
        return evmatch::test_event_pattern(patterns[0], event)
            .map_err(|e| TestError::EventBridge(e.to_string()));
    }
    let options = FilterOptions::default().with_sns_api(api);
    let filter = Filter::parse_list(dialect, patterns, &options).map_err(TestError::Filter)?;
    let input_error = |e: evmatch::dialect::InputError| TestError::Input(format!("evmatch: {e}"));
    if service == Service::Sns {
        let mut message = SnsMessage::new(event);
        if let Some(attributes) = attributes {
            message = message
                .with_attributes_json(attributes)
                .map_err(input_error)?;
        }
        filter.matches(Input::Sns(&message)).map_err(input_error)
    } else {
        let record = Record::parse(event).map_err(input_error)?;
        filter.matches(Input::Record(&record)).map_err(input_error)
    }
}

/// An SNS message given as one JSON object, as SNS delivers it to SQS and HTTP subscribers:
/// `{"Message": "<body>", "MessageAttributes": {"name": {"Type": …, "Value": …}}}` (other
/// members ignored; both optional). The `Publish` shape of attributes is accepted too.
///
/// ```
/// use evmatch_cli::dialects::sns_message;
///
/// let m = sns_message(r#"{"Type": "Notification", "Message": "hi", "MessageAttributes": {"a": {"Type": "String", "Value": "1"}}}"#)?;
/// assert_eq!(m.body, "hi");
/// assert_eq!(m.attributes["a"].value, "1");
/// assert!(sns_message(r#"{"Message": 1}"#).is_err());
/// # Ok::<(), String>(())
/// ```
pub fn sns_message(text: &str) -> Result<SnsMessage, String> {
    SnsMessage::from_notification(text).map_err(|e| e.to_string())
}

/// The rules of `machine` that let the input on `line` through (into `out`): a record for the
/// Lambda and Pipes dialects, an SNS message ([`sns_message`]) for the SNS ones, an event for
/// EventBridge. The error says why the line is not such an input.
pub fn matches_line(
    machine: &DialectMachine<u32>,
    line: &[u8],
    out: &mut Vec<u32>,
) -> Result<(), String> {
    let text = std::str::from_utf8(line).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    let result = match machine.dialect().service() {
        Service::Sns => {
            let message = sns_message(text)?;
            machine.matches_into(Input::Sns(&message), out)
        }
        Service::EventBridge => machine.matches_into(Input::Event(text), out),
        _ => {
            let record = Record::parse(text).map_err(|e| e.to_string())?;
            machine.matches_into(Input::Record(&record), out)
        }
    };
    result.map_err(|e| e.to_string())
}
