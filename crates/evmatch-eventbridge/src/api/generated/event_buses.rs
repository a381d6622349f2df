// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Event buses: the pipes that receive events. Every account has a `default` bus (AWS services
//! publish there); custom buses receive application events and partner buses SaaS events. A bus
//! carries an optional description, a dead-letter queue for failed deliveries, a KMS key and a
//! resource policy (see [`super::permissions`]); rules (see [`super::rules`]) are attached to one bus.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, event_buses::{CreateEventBusRequest, DeleteEventBusRequest}};
//!
//! let create = CreateEventBusRequest {
//!     name: "orders".into(),
//!     description: Some("Order lifecycle events".into()),
//!     ..Default::default()
//! };
//! create.validate()?;
//! assert_eq!(
//!     serde_json::to_string(&create).unwrap(),
//!     r#"{"Name":"orders","Description":"Order lifecycle events"}"#
//! );
//!
//! let err = DeleteEventBusRequest { name: "default".into() }.validate().unwrap_err();
//! assert_eq!(err.to_string(), "Cannot delete event bus default.");
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::tags::Tag;
use super::targets::DeadLetterConfig;
use super::{Empty, Request, Timestamp};

/// Request of `CreateEventBus`: creates a new event bus within your account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateEventBusRequest {
    /// The name of the new event bus.
    #[serde(rename = "Name")]
    pub name: String,
    /// If you are creating a partner event bus, this specifies the partner event source that
    /// the new event bus will be matched with.
    #[serde(
        rename = "EventSourceName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_name: Option<String>,
    /// The event bus description.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The identifier of the KMS customer managed key for EventBridge to use, if you choose to
    /// use a customer managed key to encrypt events on this event bus.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
    /// Configuration details of the Amazon SQS queue for EventBridge to use as a dead-letter
    /// queue (DLQ).
    #[serde(
        rename = "DeadLetterConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// The logging configuration settings for the event bus.
    #[serde(rename = "LogConfig", default, skip_serializing_if = "Option::is_none")]
    pub log_config: Option<LogConfig>,
    /// Tags to associate with the event bus.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

impl Request for CreateEventBusRequest {
    const OPERATION: &'static str = "CreateEventBus";
    type Response = CreateEventBusResponse;
}

/// Response of `CreateEventBus`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateEventBusResponse {
    /// The ARN of the new event bus.
    #[serde(
        rename = "EventBusArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_arn: Option<String>,
    /// The event bus description.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The identifier of the KMS customer managed key for EventBridge to use to encrypt events
    /// on this event bus, if one has been specified.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
    /// Configuration details of the Amazon SQS queue for EventBridge to use as a dead-letter
    /// queue (DLQ).
    #[serde(
        rename = "DeadLetterConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// The logging configuration settings for the event bus.
    #[serde(rename = "LogConfig", default, skip_serializing_if = "Option::is_none")]
    pub log_config: Option<LogConfig>,
}

/// Request of `DeleteEventBus`: deletes the specified custom event bus or partner event bus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteEventBusRequest {
    /// The name of the event bus to delete.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DeleteEventBusRequest {
    const OPERATION: &'static str = "DeleteEventBus";
    type Response = Empty;
}

/// Request of `DescribeEventBus`: displays details about an event bus in your account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeEventBusRequest {
    /// The name or ARN of the event bus to show details for.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Request for DescribeEventBusRequest {
    const OPERATION: &'static str = "DescribeEventBus";
    type Response = DescribeEventBusResponse;
}

/// Response of `DescribeEventBus`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeEventBusResponse {
    /// The name of the event bus.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The Amazon Resource Name (ARN) of the account permitted to write events to the current
    /// account.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The event bus description.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The identifier of the KMS customer managed key for EventBridge to use to encrypt events
    /// on this event bus, if one has been specified.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
    /// Configuration details of the Amazon SQS queue for EventBridge to use as a dead-letter
    /// queue (DLQ).
    #[serde(
        rename = "DeadLetterConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// The policy that enables the external account to send events to your account.
    #[serde(rename = "Policy", default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The logging configuration settings for the event bus.
    #[serde(rename = "LogConfig", default, skip_serializing_if = "Option::is_none")]
    pub log_config: Option<LogConfig>,
    /// The time the event bus was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// The time the event bus was last modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
    /// If the event bus was created on behalf of your account by an Amazon Web Services
    /// service, this field displays the principal name of the service that created the event
    /// bus.
    #[serde(rename = "ManagedBy", default, skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
}

/// Request of `ListEventBuses`: lists all the event buses in your account, including the
/// default event bus, custom event buses, and partner event buses.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListEventBusesRequest {
    /// Specifying this limits the results to only those event buses with names that start with
    /// the specified prefix.
    #[serde(
        rename = "NamePrefix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_prefix: Option<String>,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// Specifying this limits the number of results returned by this operation.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListEventBusesRequest {
    const OPERATION: &'static str = "ListEventBuses";
    type Response = ListEventBusesResponse;
}

/// Response of `ListEventBuses`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListEventBusesResponse {
    /// This list of event buses.
    #[serde(
        rename = "EventBuses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_buses: Option<Vec<EventBus>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Request of `UpdateEventBus`: updates the specified event bus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateEventBusRequest {
    /// The name of the event bus.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The identifier of the KMS customer managed key for EventBridge to use, if you choose to
    /// use a customer managed key to encrypt events on this event bus.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
    /// The event bus description.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// Configuration details of the Amazon SQS queue for EventBridge to use as a dead-letter
    /// queue (DLQ).
    #[serde(
        rename = "DeadLetterConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// The logging configuration settings for the event bus.
    #[serde(rename = "LogConfig", default, skip_serializing_if = "Option::is_none")]
    pub log_config: Option<LogConfig>,
}

impl Request for UpdateEventBusRequest {
    const OPERATION: &'static str = "UpdateEventBus";
    type Response = UpdateEventBusResponse;
}

/// Response of `UpdateEventBus`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateEventBusResponse {
    /// The event bus Amazon Resource Name (ARN).
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The event bus name.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The identifier of the KMS customer managed key for EventBridge to use to encrypt events
    /// on this event bus, if one has been specified.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
    /// The event bus description.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// Configuration details of the Amazon SQS queue for EventBridge to use as a dead-letter
    /// queue (DLQ).
    #[serde(
        rename = "DeadLetterConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// The logging configuration settings for the event bus.
    #[serde(rename = "LogConfig", default, skip_serializing_if = "Option::is_none")]
    pub log_config: Option<LogConfig>,
}

/// An event bus receives events from a source, uses rules to evaluate them, applies any
/// configured input transformation, and routes them to the appropriate target(s).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventBus {
    /// The name of the event bus.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The ARN of the event bus.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The event bus description.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The permissions policy of the event bus, describing which other Amazon Web Services
    /// accounts can write events to this event bus.
    #[serde(rename = "Policy", default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The time the event bus was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// The time the event bus was last modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
    /// If the event bus was created on behalf of your account by an Amazon Web Services
    /// service, this field displays the principal name of the service that created the event
    /// bus.
    #[serde(rename = "ManagedBy", default, skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
}

api_enum! {
    /// Values of `IncludeDetail`.
    IncludeDetail {
        /// `NONE`
        None = "NONE",
        /// `FULL`
        Full = "FULL",
    }
}

api_enum! {
    /// Values of `Level`.
    Level {
        /// `OFF`
        Off = "OFF",
        /// `ERROR`
        Error = "ERROR",
        /// `INFO`
        Info = "INFO",
        /// `TRACE`
        Trace = "TRACE",
    }
}

/// The logging configuration settings for the event bus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LogConfig {
    /// Whether EventBridge include detailed event information in the records it generates.
    #[serde(
        rename = "IncludeDetail",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub include_detail: Option<IncludeDetail>,
    /// The level of logging detail to include.
    #[serde(rename = "Level", default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
}
