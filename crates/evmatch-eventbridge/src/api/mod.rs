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
//! the limits of [`Limits`]. [`decode`] reads a raw request body and also reports missing
//! required members the way the service does. [`model`] exposes the whole model (operations,
//! shapes, constraints) as static data.
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
pub mod model;
// One line per shape: a table reads better than rustfmt's expansion.
#[rustfmt::skip]
mod model_data;
mod timestamp;
mod validate;

pub mod api_destinations;
pub mod archives;
pub mod connections;
pub mod endpoints;
pub mod event_buses;
pub mod events;
pub mod partner_event_sources;
pub mod permissions;
pub mod replays;
pub mod rules;
pub mod tags;
pub mod targets;

#[cfg(feature = "aws-sdk")]
pub mod aws_sdk;

pub use checks::{PREDEFINED_VARIABLES, placeholders};
pub use timestamp::Timestamp;
pub use validate::decode;

/// An EventBridge operation's request: its wire name, its response type and its validation.
///
/// `validate` runs the model checks first (all violations reported together, as the service
/// does) and the service checks only when the request is well-formed.
pub trait Request: Serialize + DeserializeOwned {
    /// The operation name, as in the `X-Amz-Target: AWSEvents.<OPERATION>` header.
    const OPERATION: &'static str;
    /// The response type ([`Empty`] for the operations that return nothing).
    type Response: Serialize + DeserializeOwned;

    /// Checks every constraint of the model and the stateless service rules, with the default
    /// [`Limits`].
    fn validate(&self) -> Result<(), Error> {
        self.validate_with(&Limits::default())
    }

    /// [`validate`](Request::validate) with explicit limits.
    fn validate_with(&self, limits: &Limits) -> Result<(), Error> {
        self.validate_shape()?;
        self.service_checks(limits)
    }

    /// Only the model constraints (required members, lengths, patterns, ranges, list sizes,
    /// enum values); errors are `ValidationException`s in AWS's wording.
    fn validate_shape(&self) -> Result<(), Error> {
        validate::validate_request(self)
    }

    /// The service rules beyond the model (only called on a well-formed request).
    fn service_checks(&self, limits: &Limits) -> Result<(), Error> {
        let _ = limits;
        Ok(())
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

/// Service limits that are not part of the model (quotas and documented limits).
///
/// Defaults are AWS's current defaults; fields say which limits AWS lets an account raise.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// PutEvents and PutPartnerEvents: the total entry size (see
    /// [`PutEventsRequestEntry::size`](events::PutEventsRequestEntry::size)) must be
    /// **less than** this many bytes. Default [`Limits::PUT_EVENTS_1MB`]; use
    /// [`Limits::PUT_EVENTS_256KB`] for the limit before 29 January 2026.
    pub put_events_max_size: usize,
    /// PutRule: maximum event pattern length in characters (UTF-16 code units). Quota "Event
    /// pattern size", default 2,048, adjustable; the model caps it at 4,096.
    pub rule_event_pattern_max_chars: usize,
    /// Targets per rule (5, not adjustable): a PutTargets request with more distinct target Ids
    /// than this fails with `LimitExceededException`.
    pub targets_per_rule: usize,
    /// Target Ids per PutTargets / RemoveTargets request (documented as 10; the model allows 100).
    pub targets_per_request: usize,
    /// Tags per resource (50): more tags in one request fail with `LimitExceededException`.
    pub tags_per_resource: usize,
    /// Event bus resource policy size in characters (10,240): PutPermission with a longer
    /// `Policy` fails with `PolicyLengthExceededException`.
    pub bus_policy_max_chars: usize,
}

impl Limits {
    /// The PutEvents size limit since 29 January 2026: 1 MiB.
    pub const PUT_EVENTS_1MB: usize = 1_048_576;
    /// The PutEvents size limit before 29 January 2026: 256 KiB.
    pub const PUT_EVENTS_256KB: usize = 262_144;

    /// AWS's default limits.
    pub const DEFAULT: Limits = Limits {
        put_events_max_size: Self::PUT_EVENTS_1MB,
        rule_event_pattern_max_chars: 2048,
        targets_per_rule: 5,
        targets_per_request: 10,
        tags_per_resource: 50,
        bus_policy_max_chars: 10_240,
    };

    /// Default limits with the 256 KiB PutEvents size limit of older accounts and documents.
    pub fn compat_256kb() -> Limits {
        Limits {
            put_events_max_size: Self::PUT_EVENTS_256KB,
            ..Self::DEFAULT
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
