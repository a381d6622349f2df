//! The error envelopes: how each service wraps a rejected filter ([`FilterError`]).
//!
//! * EventBridge: the engine's `InvalidEventPatternException` (or `ValidationException`), as
//!   [`crate::Error`] renders it.
//! * SNS: code `InvalidParameter`; message `Invalid parameter: FilterPolicy: <reason>` for
//!   `SetSubscriptionAttributes`, `Invalid parameter: Attributes Reason: FilterPolicy: <reason>`
//!   for `Subscribe` ([`SnsApi`]); the engine's Jackson location suffix, computed on the policy
//!   re-serialised compactly, on the second line; JSON syntax errors with a redacted source.
//! * Lambda: code `InvalidParameterValueException`, always the one message
//!   `Invalid filter pattern definition.` — no reason, no location.
//! * Pipes: unrecorded; the Lambda message under Pipes' `ValidationException` code (a
//!   placeholder, see [`PIPES_INVALID_FILTER`]).
//!
//! Every text that AWS has not been observed to answer is a named constant here, marked as a
//! placeholder. Formatting costs one allocation per error.

use std::fmt;

use super::name::{Dialect, Service};
use crate::error::{Error, Location, PatternError};

/// The SNS API call whose error prefix a policy error carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SnsApi {
    /// `Subscribe` (policy in the `Attributes` map): prefix
    /// `Invalid parameter: Attributes Reason: `.
    Subscribe,
    /// `SetSubscriptionAttributes` (the default): prefix `Invalid parameter: `.
    #[default]
    SetSubscriptionAttributes,
}

impl SnsApi {
    /// The API name (`Subscribe`, `SetSubscriptionAttributes`).
    pub fn name(self) -> &'static str {
        match self {
            SnsApi::Subscribe => "Subscribe",
            SnsApi::SetSubscriptionAttributes => "SetSubscriptionAttributes",
        }
    }

    /// The message prefix before `FilterPolicy: …`.
    fn prefix(self) -> &'static str {
        match self {
            SnsApi::Subscribe => "Invalid parameter: Attributes Reason: ",
            SnsApi::SetSubscriptionAttributes => "Invalid parameter: ",
        }
    }
}

impl std::str::FromStr for SnsApi {
    type Err = String;

    /// `Subscribe` or `SetSubscriptionAttributes`.
    fn from_str(s: &str) -> Result<SnsApi, String> {
        match s {
            "Subscribe" => Ok(SnsApi::Subscribe),
            "SetSubscriptionAttributes" => Ok(SnsApi::SetSubscriptionAttributes),
            _ => Err(format!(
                "unknown SNS API '{s}': expected Subscribe or SetSubscriptionAttributes"
            )),
        }
    }
}

/// SNS's error code for every policy error.
pub const SNS_CODE: &str = "InvalidParameter";
/// Lambda's error code for an invalid filter.
pub const LAMBDA_CODE: &str = "InvalidParameterValueException";
/// Lambda's one message for every invalid filter pattern (recorded).
pub const LAMBDA_INVALID_FILTER: &str = "Invalid filter pattern definition.";
/// Pipes' error code for an invalid filter — placeholder: unrecorded (the Pipes API's
/// validation error code).
pub const PIPES_CODE: &str = "ValidationException";
/// Pipes' message for an invalid filter — placeholder: unrecorded, Lambda's text.
pub const PIPES_INVALID_FILTER: &str = LAMBDA_INVALID_FILTER;
/// SNS's reason for more than 5 top-level keys (recorded).
pub const SNS_TOO_MANY_KEYS: &str = "Filter policy can not have more than 5 keys";
/// SNS's reason for more than 150 combinations (recorded).
pub const SNS_TOO_COMPLEX: &str = "Filter policy is too complex";
/// SNS's message (after the API prefix) for a nested policy in the `MessageAttributes` scope
/// (recorded for `SetSubscriptionAttributes`; the `Subscribe` form is a placeholder).
pub const SNS_NESTED_IN_ATTRIBUTES: &str =
    "Filter policy scope MessageAttributes does not support nested filter policy";
/// The location suffix of an SNS JSON syntax error, around `line: L, column: C` (recorded).
const SNS_REDACTED_SOURCE: &str =
    "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)";
/// The message for more filters than a Lambda mapping or a pipe takes — placeholder:
/// unrecorded (Lambda: `InvalidParameterValueException`; Pipes: `ValidationException`).
pub const TOO_MANY_FILTERS: &str = "Invalid filter criteria: too many filters.";

/// A filter a service rejects: the service's error code and its message, word for word where
/// AWS's answer is known (placeholders are named constants in this module).
///
/// `Display` is the whole message: the first line ([`FilterError::message`]), then the
/// location line(s) when the service adds them ([`FilterError::location`]).
///
/// ```
/// use evmatch::dialect::{Dialect, Filter, FilterOptions, SnsApi};
///
/// let err = Filter::parse(Dialect::SnsAttributes, r#"{"key": [["value"]]}"#).unwrap_err();
/// assert_eq!(err.code(), "InvalidParameter");
/// assert_eq!(err.message(), "Invalid parameter: FilterPolicy: Match value must be String, number, true, false, or null");
/// assert_eq!(err.location(), Some(r#" at [Source: (String)"{"key":[["value"]]}"; line: 1, column: 10]"#));
///
/// let opts = FilterOptions::default().with_sns_api(SnsApi::Subscribe);
/// let err = Filter::parse_with(Dialect::SnsBody, r#"{"a": []}"#, &opts).unwrap_err();
/// assert!(err.message().starts_with("Invalid parameter: Attributes Reason: FilterPolicy: Empty arrays are not allowed"));
///
/// let err = Filter::parse(Dialect::LambdaSqs, r#"{"body": "x"}"#).unwrap_err();
/// assert_eq!((err.code(), err.to_string().as_str()), ("InvalidParameterValueException", "Invalid filter pattern definition."));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    code: &'static str,
    message: String,
    location: Option<String>,
    reason: Option<String>,
}

impl FilterError {
    /// The service's error code (`InvalidParameter`, `InvalidParameterValueException`,
    /// `InvalidEventPatternException`, `ValidationException`).
    pub fn code(&self) -> &str {
        self.code
    }

    /// The first line of the message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The rest of the message after the first line (without the line break): the Jackson
    /// location suffix(es), when the service adds one.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// The engine's reason behind the rejection, when there is one — also for Lambda and
    /// Pipes, whose messages hide it (useful to tell a user what is wrong).
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    pub(crate) fn new(
        code: &'static str,
        message: impl Into<String>,
        location: Option<String>,
        reason: Option<String>,
    ) -> FilterError {
        FilterError {
            code,
            message: message.into(),
            location,
            reason,
        }
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(l) = &self.location {
            f.write_str("\n")?;
            f.write_str(l)?;
        }
        Ok(())
    }
}

impl std::error::Error for FilterError {}

/// Split a full message at its first line break.
fn split_first_line(full: &str) -> (String, Option<String>) {
    match full.split_once('\n') {
        Some((first, rest)) => (first.to_string(), Some(rest.to_string())),
        None => (full.to_string(), None),
    }
}

/// The reason behind an engine error, when it has one.
fn engine_reason(e: &Error) -> String {
    match e {
        Error::InvalidEventPattern(p) => p.reason().to_string(),
        other => other.to_string(),
    }
}

/// An engine error in `dialect`'s envelope. For SNS, the error must come from parsing the
/// compact re-serialisation (its locations are then on that text).
pub(crate) fn wrap_engine(dialect: Dialect, api: SnsApi, e: &Error) -> FilterError {
    match dialect.service() {
        Service::EventBridge => {
            let (message, location) = split_first_line(&e.to_string());
            FilterError::new(e.code().as_str(), message, location, Some(engine_reason(e)))
        }
        Service::Sns => {
            let reason = engine_reason(e);
            let full = match e {
                Error::InvalidEventPattern(p) => {
                    let text = p.to_string();
                    // The location suffix(es) follow the prefix and the reason.
                    let suffix = &text[PatternError::PREFIX.len() + p.reason().len()..];
                    format!("{}FilterPolicy: {reason}{suffix}", api.prefix())
                }
                _ => format!("{}FilterPolicy: {reason}", api.prefix()),
            };
            let (message, location) = split_first_line(&full);
            FilterError::new(SNS_CODE, message, location, Some(reason))
        }
        Service::Lambda | Service::Pipes => invalid_filter(dialect, Some(engine_reason(e))),
    }
}

/// Lambda's (or Pipes') one error for an invalid filter, keeping the reason for people.
pub(crate) fn invalid_filter(dialect: Dialect, reason: Option<String>) -> FilterError {
    match dialect.service() {
        Service::Pipes => FilterError::new(PIPES_CODE, PIPES_INVALID_FILTER, None, reason),
        _ => FilterError::new(LAMBDA_CODE, LAMBDA_INVALID_FILTER, None, reason),
    }
}

/// An SNS error whose reason carries no location (limits).
pub(crate) fn sns_bare(api: SnsApi, reason: &str) -> FilterError {
    FilterError::new(
        SNS_CODE,
        format!("{}FilterPolicy: {reason}", api.prefix()),
        None,
        Some(reason.to_string()),
    )
}

/// SNS's answer to a nested policy in the `MessageAttributes` scope (no `FilterPolicy:`).
pub(crate) fn sns_nested(api: SnsApi) -> FilterError {
    FilterError::new(
        SNS_CODE,
        format!("{}{SNS_NESTED_IN_ATTRIBUTES}", api.prefix()),
        None,
        Some(SNS_NESTED_IN_ATTRIBUTES.to_string()),
    )
}

/// SNS's answer to policy text that is not JSON: the newer Jackson's message and a redacted
/// source location.
pub(crate) fn sns_json_syntax(
    api: SnsApi,
    text: &str,
    message: &str,
    offset: usize,
) -> FilterError {
    // The newer Jackson places an unexpected character at its own column, not after it as
    // the engine's (EventBridge's) Jackson does (recorded: `{invalidjson}`, column 2).
    let mut offset = offset.min(text.len());
    if message.starts_with("Unexpected character (") && offset > 0 {
        offset = text[..offset]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i);
    }
    let at = Location::at(text, offset);
    FilterError::new(
        SNS_CODE,
        format!(
            "{}FilterPolicy: failed to parse JSON. {message}",
            api.prefix()
        ),
        Some(format!(
            " at {SNS_REDACTED_SOURCE}; line: {}, column: {}]",
            at.line, at.column
        )),
        Some(message.to_string()),
    )
}

/// SNS's answer to a `FilterPolicyScope` other than the two it knows (recorded).
pub(crate) fn invalid_sns_scope(scope: &str) -> FilterError {
    FilterError::new(
        SNS_CODE,
        format!(
            "Invalid parameter: FilterPolicyScope: Invalid value [{scope}]. Please use either MessageBody or MessageAttributes"
        ),
        None,
        None,
    )
}

/// The answer to more filters than the dialect takes (placeholder text).
pub(crate) fn too_many_filters(dialect: Dialect, max: usize) -> FilterError {
    let code = match dialect.service() {
        Service::Pipes => PIPES_CODE,
        Service::Lambda => LAMBDA_CODE,
        _ => "ValidationException",
    };
    FilterError::new(
        code,
        TOO_MANY_FILTERS,
        None,
        Some(format!("at most {max} filters")),
    )
}

/// A filter of one dialect given to a machine of another.
pub(crate) fn dialect_mismatch(machine: Dialect, filter: Dialect) -> FilterError {
    FilterError::new(
        "ValidationException",
        format!("a {filter} filter cannot be added to a {machine} machine"),
        None,
        None,
    )
}
