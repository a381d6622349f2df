//! [`Response`]: what one JSON 1.1 call answers — an HTTP status and a JSON body — and the error
//! shape of the protocol, `{"__type":"<Code>","message":"<text>"}`, with AWS's status per code.
//!
//! Invariants: a success is status 200 with the operation's output serialised as the service
//! writes it (`{}` for operations without output); an error is a client error (400) unless its
//! code is a server fault (`InternalException`, 500) or an authentication failure answered with
//! 403 (`InvalidSignatureException`, `UnrecognizedClientException`,
//! `MissingAuthenticationTokenException`).
//! The EventBridge model gives no `httpStatusCode` for any of its exceptions, so the statuses are
//! those of the AWS JSON 1.1 protocol. Costs: one serialisation of the body.

use serde::Serialize;

use crate::Error;

/// The content type of every JSON 1.1 request and response body.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// The answer to one call: an HTTP status and a JSON body.
///
/// ```
/// use evmatch_eventbridge::wire::Response;
///
/// let r = Response::error("UnknownOperationException", "nope");
/// assert_eq!(r.status, 400);
/// assert_eq!(r.body, r#"{"__type":"UnknownOperationException","message":"nope"}"#);
/// assert_eq!(r.error_code(), Some("UnknownOperationException"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Response {
    /// The HTTP status: 200 on success, AWS's status for the error code otherwise.
    pub status: u16,
    /// The JSON 1.1 body.
    pub body: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    #[serde(rename = "__type")]
    code: &'a str,
    message: &'a str,
}

impl Response {
    /// A 200 answer with `body` (the operation's output, already JSON).
    pub fn ok(body: impl Into<String>) -> Self {
        Response {
            status: 200,
            body: body.into(),
        }
    }

    /// An error answer for `code` (as AWS spells it, `ValidationException`) and `message`, with
    /// AWS's status for the code ([`status_for`]).
    pub fn error(code: &str, message: &str) -> Self {
        let body = serde_json::to_string(&ErrorBody { code, message })
            .expect("two strings always serialise");
        Response {
            status: status_for(code),
            body,
        }
    }

    /// The answer for a service error: its code and AWS's message.
    pub fn from_error(error: &Error) -> Self {
        Response::error(error.code().as_str(), &error.to_string())
    }

    /// `true` for a 2xx answer.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The error code (`__type`) of an error answer, `None` for a success.
    pub fn error_code(&self) -> Option<&str> {
        if self.is_success() {
            return None;
        }
        // The body was written by `Response::error`: `{"__type":"<Code>",…`, and codes never
        // contain quotes or escapes.
        let rest = self.body.strip_prefix(r#"{"__type":""#)?;
        rest.split('"').next()
    }
}

/// AWS's HTTP status for an error code of the JSON 1.1 protocol: 500 for the server fault
/// `InternalException` (and `ServiceUnavailableException`, 503), 403 for a request whose
/// signature or key id is refused or missing, 400 for every other code (the modelled
/// `AccessDeniedException` and `ThrottlingException` included, as the service answers them).
///
/// ```
/// use evmatch_eventbridge::wire::status_for;
///
/// assert_eq!(status_for("ResourceNotFoundException"), 400);
/// assert_eq!(status_for("InternalException"), 500);
/// assert_eq!(status_for("InvalidSignatureException"), 403);
/// ```
pub fn status_for(code: &str) -> u16 {
    match code {
        "InternalException" | "InternalFailure" => 500,
        "ServiceUnavailableException" | "ServiceUnavailable" => 503,
        "InvalidSignatureException"
        | "UnrecognizedClientException"
        | "MissingAuthenticationTokenException" => 403,
        _ => 400,
    }
}
