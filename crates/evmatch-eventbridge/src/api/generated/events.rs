// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Events: sending events to buses (`PutEvents`, and `PutPartnerEvents` for SaaS partners) and testing
//! a pattern against one event (`TestEventPattern`). A PutEvents request carries 1 to 10 entries whose
//! total size ([`PutEventsRequestEntry::size`]) must stay below
//! [`super::ServiceLimits::put_events_max_size`]; each entry gets its own result, in request order.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, ServiceLimits, Timestamp, events::{PutEventsRequest, PutEventsRequestEntry}};
//!
//! let entry = PutEventsRequestEntry {
//!     time: Some(Timestamp::from_secs(1_700_000_000)),
//!     source: Some("shop.orders".into()),
//!     detail_type: Some("Order Created".into()),
//!     detail: Some(r#"{"id": 42}"#.into()),
//!     event_bus_name: Some("orders".into()),
//!     ..Default::default()
//! };
//! let request = PutEventsRequest { entries: vec![entry.clone()], endpoint_id: None };
//! request.validate()?;
//! assert_eq!(
//!     serde_json::to_string(&entry).unwrap(),
//!     r#"{"Time":1700000000,"Source":"shop.orders","DetailType":"Order Created","Detail":"{\"id\": 42}","EventBusName":"orders"}"#
//! );
//!
//! // A 300 KB detail passes the 1 MB limit but not the 256 KB one of older accounts.
//! let mut big = request.clone();
//! big.entries[0].detail = Some(format!(r#"{{"blob": "{}"}}"#, "x".repeat(300_000)));
//! big.validate()?;
//! let err = big.validate_with(&ServiceLimits::compat_256kb()).unwrap_err();
//! assert_eq!(err.to_string(), "Total size of the entries in the request is over the limit.");
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Request, Timestamp};

/// Request of `PutEvents`: sends custom events to Amazon EventBridge so that they can be
/// matched to rules.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutEventsRequest {
    /// The entry that defines an event in your system.
    #[serde(rename = "Entries")]
    pub entries: Vec<PutEventsRequestEntry>,
    /// The URL subdomain of the endpoint.
    #[serde(
        rename = "EndpointId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_id: Option<String>,
}

impl Request for PutEventsRequest {
    const OPERATION: &'static str = "PutEvents";
    type Response = PutEventsResponse;
}

/// Response of `PutEvents`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutEventsResponse {
    /// The number of failed entries.
    #[serde(
        rename = "FailedEntryCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub failed_entry_count: Option<i32>,
    /// The successfully and unsuccessfully ingested events results.
    #[serde(rename = "Entries", default, skip_serializing_if = "Option::is_none")]
    pub entries: Option<Vec<PutEventsResultEntry>>,
}

/// Request of `PutPartnerEvents`: this is used by SaaS partners to write events to a customer's
/// partner event bus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutPartnerEventsRequest {
    /// The list of events to write to the event bus.
    #[serde(rename = "Entries")]
    pub entries: Vec<PutPartnerEventsRequestEntry>,
}

impl Request for PutPartnerEventsRequest {
    const OPERATION: &'static str = "PutPartnerEvents";
    type Response = PutPartnerEventsResponse;
}

/// Response of `PutPartnerEvents`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutPartnerEventsResponse {
    /// The number of events from this operation that could not be written to the partner event
    /// bus.
    #[serde(
        rename = "FailedEntryCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub failed_entry_count: Option<i32>,
    /// The results for each event entry the partner submitted in this request.
    #[serde(rename = "Entries", default, skip_serializing_if = "Option::is_none")]
    pub entries: Option<Vec<PutPartnerEventsResultEntry>>,
}

/// Request of `TestEventPattern`: tests whether the specified event pattern matches the
/// provided event.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TestEventPatternRequest {
    /// The event pattern.
    #[serde(rename = "EventPattern")]
    pub event_pattern: String,
    /// The event, in JSON format, to test against the event pattern.
    #[serde(rename = "Event")]
    pub event: String,
}

impl Request for TestEventPatternRequest {
    const OPERATION: &'static str = "TestEventPattern";
    type Response = TestEventPatternResponse;
}

/// Response of `TestEventPattern`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TestEventPatternResponse {
    /// Indicates whether the event matches the event pattern.
    #[serde(rename = "Result", default, skip_serializing_if = "Option::is_none")]
    pub result: Option<bool>,
}

/// Represents an event to be submitted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutEventsRequestEntry {
    /// The time stamp of the event, per RFC3339.
    #[serde(rename = "Time", default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Timestamp>,
    /// The source of the event.
    #[serde(rename = "Source", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Amazon Web Services resources, identified by Amazon Resource Name (ARN), which the event
    /// primarily concerns.
    #[serde(rename = "Resources", default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<String>>,
    /// Free-form string, with a maximum of 128 characters, used to decide what fields to expect
    /// in the event detail.
    #[serde(
        rename = "DetailType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub detail_type: Option<String>,
    /// A valid JSON object.
    #[serde(rename = "Detail", default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The name or ARN of the event bus to receive the event.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
    /// An X-Ray trace header, which is an http header (X-Amzn-Trace-Id) that contains the
    /// trace-id associated with the event.
    #[serde(
        rename = "TraceHeader",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub trace_header: Option<String>,
}

/// Represents the results of an event submitted to an event bus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutEventsResultEntry {
    /// The ID of the event.
    #[serde(rename = "EventId", default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The error code that indicates why the event submission failed.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// The error message that explains why the event submission failed.
    #[serde(
        rename = "ErrorMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_message: Option<String>,
}

/// The details about an event generated by an SaaS partner.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutPartnerEventsRequestEntry {
    /// The date and time of the event.
    #[serde(rename = "Time", default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Timestamp>,
    /// The event source that is generating the entry.
    #[serde(rename = "Source", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Amazon Web Services resources, identified by Amazon Resource Name (ARN), which the event
    /// primarily concerns.
    #[serde(rename = "Resources", default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<String>>,
    /// A free-form string, with a maximum of 128 characters, used to decide what fields to
    /// expect in the event detail.
    #[serde(
        rename = "DetailType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub detail_type: Option<String>,
    /// A valid JSON string.
    #[serde(rename = "Detail", default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The result of an event entry the partner submitted in this request.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutPartnerEventsResultEntry {
    /// The ID of the event.
    #[serde(rename = "EventId", default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The error code that indicates why the event submission failed.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// The error message that explains why the event submission failed.
    #[serde(
        rename = "ErrorMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_message: Option<String>,
}
