// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Replays: send the archived events of a time window (`[EventStartTime, EventEndTime)`) back to
//! their bus, to all its rules or only to the rules listed in the destination's `FilterArns`.
//! Replays are started, described, listed and cancelled; their state moves from `STARTING` through
//! `RUNNING` to `COMPLETED`, `CANCELLED` or `FAILED`.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, Timestamp, replays::{ReplayDestination, StartReplayRequest}};
//!
//! let mut replay = StartReplayRequest {
//!     replay_name: "orders-2023-11-14".into(),
//!     description: None,
//!     event_source_arn: "arn:aws:events:eu-west-1:123456789012:archive/orders-archive".into(),
//!     event_start_time: Timestamp::from_secs(1_699_920_000),
//!     event_end_time: Timestamp::from_secs(1_700_006_400),
//!     destination: ReplayDestination {
//!         arn: "arn:aws:events:eu-west-1:123456789012:event-bus/orders".into(),
//!         filter_arns: None,
//!     },
//! };
//! replay.validate()?;
//!
//! replay.event_end_time = replay.event_start_time;
//! assert_eq!(
//!     replay.validate().unwrap_err().to_string(),
//!     "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime."
//! );
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Request, Timestamp};

/// Request of `StartReplay`: starts the specified replay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StartReplayRequest {
    /// The name of the replay to start.
    #[serde(rename = "ReplayName")]
    pub replay_name: String,
    /// A description for the replay to start.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The ARN of the archive to replay events from.
    #[serde(rename = "EventSourceArn")]
    pub event_source_arn: String,
    /// A time stamp for the time to start replaying events.
    #[serde(rename = "EventStartTime")]
    pub event_start_time: Timestamp,
    /// A time stamp for the time to stop replaying events.
    #[serde(rename = "EventEndTime")]
    pub event_end_time: Timestamp,
    /// A `ReplayDestination` object that includes details about the destination for the replay.
    #[serde(rename = "Destination")]
    pub destination: ReplayDestination,
}

impl Request for StartReplayRequest {
    const OPERATION: &'static str = "StartReplay";
    type Response = StartReplayResponse;
}

/// Response of `StartReplay`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StartReplayResponse {
    /// The ARN of the replay.
    #[serde(rename = "ReplayArn", default, skip_serializing_if = "Option::is_none")]
    pub replay_arn: Option<String>,
    /// The state of the replay.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ReplayState>,
    /// The reason that the replay is in the state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The time at which the replay started.
    #[serde(
        rename = "ReplayStartTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replay_start_time: Option<Timestamp>,
}

/// Request of `CancelReplay`: cancels the specified replay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CancelReplayRequest {
    /// The name of the replay to cancel.
    #[serde(rename = "ReplayName")]
    pub replay_name: String,
}

impl Request for CancelReplayRequest {
    const OPERATION: &'static str = "CancelReplay";
    type Response = CancelReplayResponse;
}

/// Response of `CancelReplay`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CancelReplayResponse {
    /// The ARN of the replay to cancel.
    #[serde(rename = "ReplayArn", default, skip_serializing_if = "Option::is_none")]
    pub replay_arn: Option<String>,
    /// The current state of the replay.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ReplayState>,
    /// The reason that the replay is in the current state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
}

/// Request of `DescribeReplay`: retrieves details about a replay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeReplayRequest {
    /// The name of the replay to retrieve.
    #[serde(rename = "ReplayName")]
    pub replay_name: String,
}

impl Request for DescribeReplayRequest {
    const OPERATION: &'static str = "DescribeReplay";
    type Response = DescribeReplayResponse;
}

/// Response of `DescribeReplay`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeReplayResponse {
    /// The name of the replay.
    #[serde(
        rename = "ReplayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replay_name: Option<String>,
    /// The ARN of the replay.
    #[serde(rename = "ReplayArn", default, skip_serializing_if = "Option::is_none")]
    pub replay_arn: Option<String>,
    /// The description of the replay.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The current state of the replay.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ReplayState>,
    /// The reason that the replay is in the current state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The ARN of the archive events were replayed from.
    #[serde(
        rename = "EventSourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_arn: Option<String>,
    /// A `ReplayDestination` object that contains details about the replay.
    #[serde(
        rename = "Destination",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub destination: Option<ReplayDestination>,
    /// The time stamp of the first event that was last replayed from the archive.
    #[serde(
        rename = "EventStartTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_start_time: Option<Timestamp>,
    /// The time stamp for the last event that was replayed from the archive.
    #[serde(
        rename = "EventEndTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_end_time: Option<Timestamp>,
    /// The time that the event was last replayed.
    #[serde(
        rename = "EventLastReplayedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_last_replayed_time: Option<Timestamp>,
    /// A time stamp for the time that the replay started.
    #[serde(
        rename = "ReplayStartTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replay_start_time: Option<Timestamp>,
    /// A time stamp for the time that the replay stopped.
    #[serde(
        rename = "ReplayEndTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replay_end_time: Option<Timestamp>,
}

/// Request of `ListReplays`: lists your replays.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListReplaysRequest {
    /// A name prefix to filter the replays returned.
    #[serde(
        rename = "NamePrefix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_prefix: Option<String>,
    /// The state of the replay.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ReplayState>,
    /// The ARN of the archive from which the events are replayed.
    #[serde(
        rename = "EventSourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_arn: Option<String>,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The maximum number of replays to retrieve.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListReplaysRequest {
    const OPERATION: &'static str = "ListReplays";
    type Response = ListReplaysResponse;
}

/// Response of `ListReplays`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListReplaysResponse {
    /// An array of `Replay` objects that contain information about the replay.
    #[serde(rename = "Replays", default, skip_serializing_if = "Option::is_none")]
    pub replays: Option<Vec<Replay>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// A `Replay` object that contains details about a replay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Replay {
    /// The name of the replay.
    #[serde(
        rename = "ReplayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replay_name: Option<String>,
    /// The ARN of the archive to replay event from.
    #[serde(
        rename = "EventSourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_arn: Option<String>,
    /// The current state of the replay.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ReplayState>,
    /// A description of why the replay is in the current state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// A time stamp for the time to start replaying events.
    #[serde(
        rename = "EventStartTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_start_time: Option<Timestamp>,
    /// A time stamp for the time to start replaying events.
    #[serde(
        rename = "EventEndTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_end_time: Option<Timestamp>,
    /// A time stamp for the time that the last event was replayed.
    #[serde(
        rename = "EventLastReplayedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_last_replayed_time: Option<Timestamp>,
    /// A time stamp for the time that the replay started.
    #[serde(
        rename = "ReplayStartTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replay_start_time: Option<Timestamp>,
    /// A time stamp for the time that the replay completed.
    #[serde(
        rename = "ReplayEndTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replay_end_time: Option<Timestamp>,
}

/// A `ReplayDestination` object that contains details about a replay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReplayDestination {
    /// The ARN of the event bus to replay event to.
    #[serde(rename = "Arn")]
    pub arn: String,
    /// A list of ARNs for rules to replay events to.
    #[serde(
        rename = "FilterArns",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub filter_arns: Option<Vec<String>>,
}

api_enum! {
    /// Values of `ReplayState`.
    ReplayState {
        /// `STARTING`
        Starting = "STARTING",
        /// `RUNNING`
        Running = "RUNNING",
        /// `CANCELLING`
        Cancelling = "CANCELLING",
        /// `COMPLETED`
        Completed = "COMPLETED",
        /// `CANCELLED`
        Cancelled = "CANCELLED",
        /// `FAILED`
        Failed = "FAILED",
    }
}
