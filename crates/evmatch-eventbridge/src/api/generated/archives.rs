// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Archives: keep the events that reach a bus (all of them, or those matching an event pattern) for a
//! retention period, so they can be replayed later (see [`super::replays`]). `CreateArchive` and
//! `UpdateArchive` validate their pattern with [`evmatch::Pattern::parse`].
//!
//! ```
//! use evmatch_eventbridge::api::{Request, archives::{CreateArchiveRequest, UpdateArchiveRequest}};
//!
//! let create = CreateArchiveRequest {
//!     archive_name: "orders-archive".into(),
//!     event_source_arn: "arn:aws:events:eu-west-1:123456789012:event-bus/orders".into(),
//!     retention_days: Some(30),
//!     ..Default::default()
//! };
//! create.validate()?;
//!
//! let err = UpdateArchiveRequest { archive_name: "orders-archive".into(), ..Default::default() }
//!     .validate()
//!     .unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "At least one of EventPattern, RetentionDays or Description must be provided."
//! );
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Request, Timestamp};

/// Request of `CreateArchive`: creates an archive of events with the specified settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateArchiveRequest {
    /// The name for the archive to create.
    #[serde(rename = "ArchiveName")]
    pub archive_name: String,
    /// The ARN of the event bus that sends events to the archive.
    #[serde(rename = "EventSourceArn")]
    pub event_source_arn: String,
    /// A description for the archive.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// An event pattern to use to filter events sent to the archive.
    #[serde(
        rename = "EventPattern",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_pattern: Option<String>,
    /// The number of days to retain events for.
    #[serde(
        rename = "RetentionDays",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retention_days: Option<i32>,
    /// The identifier of the KMS customer managed key for EventBridge to use, if you choose to
    /// use a customer managed key to encrypt this archive.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
}

impl Request for CreateArchiveRequest {
    const OPERATION: &'static str = "CreateArchive";
    type Response = CreateArchiveResponse;
}

/// Response of `CreateArchive`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateArchiveResponse {
    /// The ARN of the archive that was created.
    #[serde(
        rename = "ArchiveArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub archive_arn: Option<String>,
    /// The state of the archive that was created.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ArchiveState>,
    /// The reason that the archive is in the state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The time at which the archive was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
}

/// Request of `DeleteArchive`: deletes the specified archive.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteArchiveRequest {
    /// The name of the archive to delete.
    #[serde(rename = "ArchiveName")]
    pub archive_name: String,
}

impl Request for DeleteArchiveRequest {
    const OPERATION: &'static str = "DeleteArchive";
    type Response = DeleteArchiveResponse;
}

/// Response of `DeleteArchive`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteArchiveResponse {}

/// Request of `DescribeArchive`: retrieves details about an archive.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeArchiveRequest {
    /// The name of the archive to retrieve.
    #[serde(rename = "ArchiveName")]
    pub archive_name: String,
}

impl Request for DescribeArchiveRequest {
    const OPERATION: &'static str = "DescribeArchive";
    type Response = DescribeArchiveResponse;
}

/// Response of `DescribeArchive`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeArchiveResponse {
    /// The ARN of the archive.
    #[serde(
        rename = "ArchiveArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub archive_arn: Option<String>,
    /// The name of the archive.
    #[serde(
        rename = "ArchiveName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub archive_name: Option<String>,
    /// The ARN of the event source associated with the archive.
    #[serde(
        rename = "EventSourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_arn: Option<String>,
    /// The description of the archive.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The event pattern used to filter events sent to the archive.
    #[serde(
        rename = "EventPattern",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_pattern: Option<String>,
    /// The state of the archive.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ArchiveState>,
    /// The reason that the archive is in the state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The identifier of the KMS customer managed key for EventBridge to use to encrypt this
    /// archive, if one has been specified.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
    /// The number of days to retain events for in the archive.
    #[serde(
        rename = "RetentionDays",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retention_days: Option<i32>,
    /// The size of the archive in bytes.
    #[serde(rename = "SizeBytes", default, skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<i64>,
    /// The number of events in the archive.
    #[serde(
        rename = "EventCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_count: Option<i64>,
    /// The time at which the archive was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
}

/// Request of `ListArchives`: lists your archives.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListArchivesRequest {
    /// A name prefix to filter the archives returned.
    #[serde(
        rename = "NamePrefix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_prefix: Option<String>,
    /// The ARN of the event source associated with the archive.
    #[serde(
        rename = "EventSourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_arn: Option<String>,
    /// The state of the archive.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ArchiveState>,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The maximum number of results to return.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListArchivesRequest {
    const OPERATION: &'static str = "ListArchives";
    type Response = ListArchivesResponse;
}

/// Response of `ListArchives`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListArchivesResponse {
    /// An array of `Archive` objects that include details about an archive.
    #[serde(rename = "Archives", default, skip_serializing_if = "Option::is_none")]
    pub archives: Option<Vec<Archive>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Request of `UpdateArchive`: updates the specified archive.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateArchiveRequest {
    /// The name of the archive to update.
    #[serde(rename = "ArchiveName")]
    pub archive_name: String,
    /// The description for the archive.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The event pattern to use to filter events sent to the archive.
    #[serde(
        rename = "EventPattern",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_pattern: Option<String>,
    /// The number of days to retain events in the archive.
    #[serde(
        rename = "RetentionDays",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retention_days: Option<i32>,
    /// The identifier of the KMS customer managed key for EventBridge to use, if you choose to
    /// use a customer managed key to encrypt this archive.
    #[serde(
        rename = "KmsKeyIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kms_key_identifier: Option<String>,
}

impl Request for UpdateArchiveRequest {
    const OPERATION: &'static str = "UpdateArchive";
    type Response = UpdateArchiveResponse;
}

/// Response of `UpdateArchive`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateArchiveResponse {
    /// The ARN of the archive.
    #[serde(
        rename = "ArchiveArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub archive_arn: Option<String>,
    /// The state of the archive.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ArchiveState>,
    /// The reason that the archive is in the current state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The time at which the archive was updated.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
}

/// An `Archive` object that contains details about an archive.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Archive {
    /// The name of the archive.
    #[serde(
        rename = "ArchiveName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub archive_name: Option<String>,
    /// The ARN of the event bus associated with the archive.
    #[serde(
        rename = "EventSourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_arn: Option<String>,
    /// The current state of the archive.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ArchiveState>,
    /// A description for the reason that the archive is in the current state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The number of days to retain events in the archive before they are deleted.
    #[serde(
        rename = "RetentionDays",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retention_days: Option<i32>,
    /// The size of the archive, in bytes.
    #[serde(rename = "SizeBytes", default, skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<i64>,
    /// The number of events in the archive.
    #[serde(
        rename = "EventCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_count: Option<i64>,
    /// The time stamp for the time that the archive was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
}

api_enum! {
    /// Values of `ArchiveState`.
    ArchiveState {
        /// `ENABLED`
        Enabled = "ENABLED",
        /// `DISABLED`
        Disabled = "DISABLED",
        /// `CREATING`
        Creating = "CREATING",
        /// `UPDATING`
        Updating = "UPDATING",
        /// `CREATE_FAILED`
        CreateFailed = "CREATE_FAILED",
        /// `UPDATE_FAILED`
        UpdateFailed = "UPDATE_FAILED",
    }
}
