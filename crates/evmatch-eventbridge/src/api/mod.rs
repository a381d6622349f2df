//! The Amazon EventBridge API (`events`, version 2015-10-07) as typed, serde-ready Rust data.
//!
//! Every one of the 57 operations of the AWS model has a request type and (where the operation
//! returns something) a response type, grouped by resource in the modules below. Types and
//! members keep the AWS SDK's names (`PutRuleRequest`, `event_bus_name`); on the wire they read and
//! write exactly the JSON 1.1 bodies the service reads and writes (`"EventBusName"`,
//! `"ResourceARN"`, `"awsvpcConfiguration"`, timestamps as epoch seconds). Members the model
//! requires are plain values, all others are `Option`s that are left out when `None`. Enums keep
//! values this crate does not know in an `Unknown` variant, so nothing the service sends is lost.
//!
//! Every request type implements [`Request`]: [`Request::validate`] checks every constraint of
//! the model (lengths, patterns, ranges, list sizes, enum values) in AWS's
//! `ValidationException` wording, then the service rules that need no stored state (PutEvents
//! size, targets per rule, the event pattern itself through [`evmatch::Pattern::parse`], …), with
//! the limits of [`ServiceLimits`]. [`decode`] reads a raw request body and also reports missing
//! required members the way the service does. [`model`] exposes the whole model (operations,
//! shapes, constraints) as static data.
//!
//! Layout: the resource modules, the model registry and the `aws-sdk` conversions are generated
//! (`api/generated/`, by `xtask` from the model JSON; each file starts with `// @generated`).
//! Everything else is written by hand and the arrows point one way: generated code names only
//! this module's [`Request`], [`Empty`], [`Timestamp`] and the `api_enum!` macro; the hand-written
//! service checks attach themselves to the generated request types without being named by them;
//! the registry depends on the model's types, never the reverse. The one loop is deliberate:
//! [`Request`]'s provided methods validate against the registry, whose bindings call back into
//! [`Request`] through function pointers. Validation costs a serialisation of the request to a
//! JSON value and one walk over it; no allocation happens at rest.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, decode, rules::PutRuleRequest};
//!
//! let request = PutRuleRequest {
//!     name: "my rule!".into(),
//!     schedule_expression: Some("rate(5 minutes)".into()),
//!     ..Default::default()
//! };
//! let err = request.validate().unwrap_err();
//! assert_eq!(err.code().as_str(), "ValidationException");
//! assert_eq!(
//!     err.to_string(),
//!     "1 validation error detected: Value 'my rule!' at 'name' failed to satisfy constraint: \
//!      Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
//! );
//!
//! // The same request as it arrives on the wire.
//! let wire: PutRuleRequest = decode(r#"{"Name": "nightly", "ScheduleExpression": "rate(1 day)"}"#)?;
//! assert_eq!(wire.name, "nightly");
//! wire.validate()?;
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::Error;

#[macro_use]
mod macros;
mod checks;
pub(crate) mod input_template;
mod limits;
pub mod model;
mod resolved;
mod timestamp;
mod validate;

// The generated code (`api/generated/`, written by `xtask`), mounted at the paths users know.
#[path = "generated/api_destinations.rs"]
pub mod api_destinations;
#[path = "generated/archives.rs"]
pub mod archives;
#[cfg(feature = "aws-sdk")]
#[path = "generated/aws_sdk.rs"]
pub mod aws_sdk;
#[path = "generated/connections.rs"]
pub mod connections;
#[path = "generated/endpoints.rs"]
pub mod endpoints;
#[path = "generated/event_buses.rs"]
pub mod event_buses;
#[path = "generated/events.rs"]
pub mod events;
#[path = "generated/partner_event_sources.rs"]
pub mod partner_event_sources;
#[path = "generated/permissions.rs"]
pub mod permissions;
// One line per shape: a table reads better than rustfmt's expansion.
#[rustfmt::skip]
#[path = "generated/registry.rs"]
mod registry;
#[path = "generated/replays.rs"]
pub mod replays;
#[path = "generated/rules.rs"]
pub mod rules;
#[path = "generated/tags.rs"]
pub mod tags;
#[path = "generated/targets.rs"]
pub mod targets;

pub use input_template::{PREDEFINED_VARIABLES, placeholders};
pub use limits::ServiceLimits;
pub use timestamp::Timestamp;
pub use validate::decode;

/// An EventBridge operation's request: its wire name, its response type and its validation.
///
/// `validate` runs the model checks first (all violations reported together, as the service
/// does) and the service checks only when the request is well-formed.
pub trait Request: Serialize + DeserializeOwned + 'static {
    /// The operation name, as in the `X-Amz-Target: AWSEvents.<OPERATION>` header.
    const OPERATION: &'static str;
    /// The response type ([`Empty`] for the operations that return nothing).
    type Response: Serialize + DeserializeOwned;

    /// Checks every constraint of the model and the stateless service rules, with the default
    /// [`ServiceLimits`].
    fn validate(&self) -> Result<(), Error> {
        self.validate_with(&ServiceLimits::default())
    }

    /// [`validate`](Request::validate) with explicit limits.
    fn validate_with(&self, limits: &ServiceLimits) -> Result<(), Error> {
        self.validate_shape()?;
        self.service_checks(limits)
    }

    /// Only the model constraints (required members, lengths, patterns, ranges, list sizes,
    /// enum values); errors are `ValidationException`s in AWS's wording.
    fn validate_shape(&self) -> Result<(), Error> {
        let value = serde_json::to_value(self)
            .map_err(|e| Error::validation(format!("Request could not be serialized: {e}")))?;
        validate::validate_input(Self::OPERATION, &value)
    }

    /// The service rules beyond the model (only called on a well-formed request); `Ok` for the
    /// requests that have none.
    fn service_checks(&self, limits: &ServiceLimits) -> Result<(), Error> {
        checks::service_checks(self, limits)
    }
}

/// The response of operations that return nothing: an empty JSON object (`{}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Empty {}

/// An enum of the model: its wire values and whether a value is one of them.
pub trait ApiEnum: Sized {
    /// The values the model lists, in model order.
    const VALUES: &'static [&'static str];
    /// The wire value.
    fn as_str(&self) -> &str;
    /// `false` for the `Unknown` fallback.
    fn is_known(&self) -> bool;
}
