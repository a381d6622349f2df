//! EventBridge on the wire: the AWS JSON 1.1 protocol over [`EventBridge`], without any HTTP
//! server, so that an emulator or a test can embed it.
//!
//! [`handle`] takes the `X-Amz-Target` header's value (`AWSEvents.PutRule`) and the request body
//! and returns the [`Response`]: status 200 and the operation's output, or AWS's error shape
//! `{"__type":"<Code>","message":"<text>"}` with AWS's status for the code ([`status_for`]).
//!
//! * `dispatch` — the table of the 57 operations ([`OPERATIONS`]): request type and bus method.
//! * `response` — [`Response`], the error shape and the statuses.
//!
//! What the protocol adds to the bus's own errors:
//! * a body that is not UTF-8, not JSON, not a JSON object, or has a member of the wrong JSON
//!   type is a `SerializationException` (400), as [`crate::api::decode`] reports it; an empty
//!   body is read as `{}` (the SDKs always send `{}`, some hand-written clients send nothing);
//! * a target that is not `AWSEvents.<operation of the model>` is an
//!   `UnknownOperationException` (400);
//! * a panic inside an operation is answered as `InternalException` (500) instead of taking the
//!   caller down.
//!
//! Costs: those of the operation, plus one decode of the body and one serialisation of the
//! output.
//!
//! ```
//! use evmatch_eventbridge::bus::EventBridge;
//! use evmatch_eventbridge::wire::handle;
//!
//! let bus = EventBridge::new();
//! let r = handle(&bus, "AWSEvents.PutRule", br#"{"Name":"r","EventPattern":"{\"source\":[\"a\"]}"}"#);
//! assert_eq!(r.status, 200);
//! assert_eq!(r.body, r#"{"RuleArn":"arn:aws:events:us-east-1:123456789012:rule/r"}"#);
//!
//! let r = handle(&bus, "AWSEvents.DescribeRule", br#"{"Name":"nope"}"#);
//! assert_eq!(r.status, 400);
//! assert_eq!(
//!     r.body,
//!     r#"{"__type":"ResourceNotFoundException","message":"Rule nope does not exist on EventBus default."}"#
//! );
//! ```

mod dispatch;
mod response;

use std::panic::{AssertUnwindSafe, catch_unwind};

pub use dispatch::OPERATIONS;
pub use response::{CONTENT_TYPE, Response, status_for};

use crate::bus::EventBridge;

/// The prefix of every `X-Amz-Target` value of the service (`targetPrefix` of the model).
pub const TARGET_PREFIX: &str = "AWSEvents";

/// Serves one JSON 1.1 call: `target` is the `X-Amz-Target` value (`AWSEvents.PutRule`),
/// `body` the request body. Never panics.
pub fn handle(service: &EventBridge, target: &str, body: &[u8]) -> Response {
    let Some(operation) = operation_of(target) else {
        return unknown_operation(target);
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return Response::error("SerializationException", "Request body is not valid UTF-8.");
    };
    let text = if text.trim().is_empty() { "{}" } else { text };
    let served = catch_unwind(AssertUnwindSafe(|| {
        dispatch::dispatch(service, operation, text)
    }));
    match served {
        Ok(Some(Ok(output))) => Response::ok(output),
        Ok(Some(Err(error))) => Response::from_error(&error),
        Ok(None) => unknown_operation(target),
        Err(_) => Response::error(
            "InternalException",
            "The service encountered an internal error. Try again later.",
        ),
    }
}

/// The operation named by `target` (`AWSEvents.PutRule` → `PutRule`), if the target has the
/// service's prefix.
pub fn operation_of(target: &str) -> Option<&str> {
    let operation = target.strip_prefix(TARGET_PREFIX)?.strip_prefix('.')?;
    (!operation.is_empty()).then_some(operation)
}

fn unknown_operation(target: &str) -> Response {
    let message = if target.is_empty() {
        "No operation was given: the X-Amz-Target header is missing or empty.".to_string()
    } else {
        format!("The operation {target} is not supported by this service.")
    };
    Response::error("UnknownOperationException", &message)
}
