// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Global endpoints: a pair of event buses in two regions behind one endpoint, with Route 53 health
//! check based failover and optional event replication between them, for regional fault tolerance.
//! `PutEvents` reaches an endpoint through its `EndpointId`.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, endpoints::*};
//!
//! let request = CreateEndpointRequest {
//!     name: "orders-global".into(),
//!     description: None,
//!     routing_config: RoutingConfig {
//!         failover_config: FailoverConfig {
//!             primary: Primary {
//!                 health_check: "arn:aws:route53:::healthcheck/abc-123".into(),
//!             },
//!             secondary: Secondary { route: "us-west-2".into() },
//!         },
//!     },
//!     replication_config: None,
//!     event_buses: vec![
//!         EndpointEventBus { event_bus_arn: "arn:aws:events:us-east-1:123456789012:event-bus/orders".into() },
//!         EndpointEventBus { event_bus_arn: "arn:aws:events:us-west-2:123456789012:event-bus/orders".into() },
//!     ],
//!     role_arn: None,
//! };
//! request.validate()?;
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Request, Timestamp};

/// Request of `CreateEndpoint`: creates a global endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateEndpointRequest {
    /// The name of the global endpoint.
    #[serde(rename = "Name")]
    pub name: String,
    /// A description of the global endpoint.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// Configure the routing policy, including the health check and secondary Region..
    #[serde(rename = "RoutingConfig")]
    pub routing_config: RoutingConfig,
    /// Enable or disable event replication.
    #[serde(
        rename = "ReplicationConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replication_config: Option<ReplicationConfig>,
    /// Define the event buses used.
    #[serde(rename = "EventBuses")]
    pub event_buses: Vec<EndpointEventBus>,
    /// The ARN of the role used for replication.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
}

impl Request for CreateEndpointRequest {
    const OPERATION: &'static str = "CreateEndpoint";
    type Response = CreateEndpointResponse;
}

/// Response of `CreateEndpoint`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateEndpointResponse {
    /// The name of the endpoint that was created by this request.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The ARN of the endpoint that was created by this request.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The routing configuration defined by this request.
    #[serde(
        rename = "RoutingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_config: Option<RoutingConfig>,
    /// Whether event replication was enabled or disabled by this request.
    #[serde(
        rename = "ReplicationConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replication_config: Option<ReplicationConfig>,
    /// The event buses used by this request.
    #[serde(
        rename = "EventBuses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_buses: Option<Vec<EndpointEventBus>>,
    /// The ARN of the role used by event replication for this request.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// The state of the endpoint that was created by this request.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EndpointState>,
}

/// Request of `DeleteEndpoint`: delete an existing global endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteEndpointRequest {
    /// The name of the endpoint you want to delete.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DeleteEndpointRequest {
    const OPERATION: &'static str = "DeleteEndpoint";
    type Response = DeleteEndpointResponse;
}

/// Response of `DeleteEndpoint`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteEndpointResponse {}

/// Request of `DescribeEndpoint`: get the information about an existing global endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeEndpointRequest {
    /// The name of the endpoint you want to get information about.
    #[serde(rename = "Name")]
    pub name: String,
    /// The primary Region of the endpoint you want to get information about.
    #[serde(
        rename = "HomeRegion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub home_region: Option<String>,
}

impl Request for DescribeEndpointRequest {
    const OPERATION: &'static str = "DescribeEndpoint";
    type Response = DescribeEndpointResponse;
}

/// Response of `DescribeEndpoint`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeEndpointResponse {
    /// The name of the endpoint you asked for information about.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description of the endpoint you asked for information about.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The ARN of the endpoint you asked for information about.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The routing configuration of the endpoint you asked for information about.
    #[serde(
        rename = "RoutingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_config: Option<RoutingConfig>,
    /// Whether replication is enabled or disabled for the endpoint you asked for information
    /// about.
    #[serde(
        rename = "ReplicationConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replication_config: Option<ReplicationConfig>,
    /// The event buses being used by the endpoint you asked for information about.
    #[serde(
        rename = "EventBuses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_buses: Option<Vec<EndpointEventBus>>,
    /// The ARN of the role used by the endpoint you asked for information about.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// The ID of the endpoint you asked for information about.
    #[serde(
        rename = "EndpointId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_id: Option<String>,
    /// The URL of the endpoint you asked for information about.
    #[serde(
        rename = "EndpointUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_url: Option<String>,
    /// The current state of the endpoint you asked for information about.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EndpointState>,
    /// The reason the endpoint you asked for information about is in its current state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The time the endpoint you asked for information about was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// The last time the endpoint you asked for information about was modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
}

/// Request of `ListEndpoints`: list the global endpoints associated with this account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListEndpointsRequest {
    /// A value that will return a subset of the endpoints associated with this account.
    #[serde(
        rename = "NamePrefix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_prefix: Option<String>,
    /// The primary Region of the endpoints associated with this account.
    #[serde(
        rename = "HomeRegion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub home_region: Option<String>,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The maximum number of results returned by the call.
    #[serde(
        rename = "MaxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i32>,
}

impl Request for ListEndpointsRequest {
    const OPERATION: &'static str = "ListEndpoints";
    type Response = ListEndpointsResponse;
}

/// Response of `ListEndpoints`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListEndpointsResponse {
    /// The endpoints returned by the call.
    #[serde(rename = "Endpoints", default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Vec<Endpoint>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Request of `UpdateEndpoint`: update an existing endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateEndpointRequest {
    /// The name of the endpoint you want to update.
    #[serde(rename = "Name")]
    pub name: String,
    /// A description for the endpoint.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// Configure the routing policy, including the health check and secondary Region.
    #[serde(
        rename = "RoutingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_config: Option<RoutingConfig>,
    /// Whether event replication was enabled or disabled by this request.
    #[serde(
        rename = "ReplicationConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replication_config: Option<ReplicationConfig>,
    /// Define event buses used for replication.
    #[serde(
        rename = "EventBuses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_buses: Option<Vec<EndpointEventBus>>,
    /// The ARN of the role used by event replication for this request.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
}

impl Request for UpdateEndpointRequest {
    const OPERATION: &'static str = "UpdateEndpoint";
    type Response = UpdateEndpointResponse;
}

/// Response of `UpdateEndpoint`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateEndpointResponse {
    /// The name of the endpoint you updated in this request.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The ARN of the endpoint you updated in this request.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The routing configuration you updated in this request.
    #[serde(
        rename = "RoutingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_config: Option<RoutingConfig>,
    /// Whether event replication was enabled or disabled for the endpoint you updated in this
    /// request.
    #[serde(
        rename = "ReplicationConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replication_config: Option<ReplicationConfig>,
    /// The event buses used for replication for the endpoint you updated in this request.
    #[serde(
        rename = "EventBuses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_buses: Option<Vec<EndpointEventBus>>,
    /// The ARN of the role used by event replication for the endpoint you updated in this
    /// request.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// The ID of the endpoint you updated in this request.
    #[serde(
        rename = "EndpointId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_id: Option<String>,
    /// The URL of the endpoint you updated in this request.
    #[serde(
        rename = "EndpointUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_url: Option<String>,
    /// The state of the endpoint you updated in this request.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EndpointState>,
}

/// A global endpoint used to improve your application's availability by making it
/// regional-fault tolerant.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Endpoint {
    /// The name of the endpoint.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A description for the endpoint.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The ARN of the endpoint.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The routing configuration of the endpoint.
    #[serde(
        rename = "RoutingConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub routing_config: Option<RoutingConfig>,
    /// Whether event replication was enabled or disabled for this endpoint.
    #[serde(
        rename = "ReplicationConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub replication_config: Option<ReplicationConfig>,
    /// The event buses being used by the endpoint.
    #[serde(
        rename = "EventBuses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_buses: Option<Vec<EndpointEventBus>>,
    /// The ARN of the role used by event replication for the endpoint.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// The URL subdomain of the endpoint.
    #[serde(
        rename = "EndpointId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_id: Option<String>,
    /// The URL of the endpoint.
    #[serde(
        rename = "EndpointUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_url: Option<String>,
    /// The current state of the endpoint.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EndpointState>,
    /// The reason the endpoint is in its current state.
    #[serde(
        rename = "StateReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub state_reason: Option<String>,
    /// The time the endpoint was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// The last time the endpoint was modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
}

/// The event buses the endpoint is associated with.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EndpointEventBus {
    /// The ARN of the event bus the endpoint is associated with.
    #[serde(rename = "EventBusArn")]
    pub event_bus_arn: String,
}

api_enum! {
    /// Values of `EndpointState`.
    EndpointState {
        /// `ACTIVE`
        Active = "ACTIVE",
        /// `CREATING`
        Creating = "CREATING",
        /// `UPDATING`
        Updating = "UPDATING",
        /// `DELETING`
        Deleting = "DELETING",
        /// `CREATE_FAILED`
        CreateFailed = "CREATE_FAILED",
        /// `UPDATE_FAILED`
        UpdateFailed = "UPDATE_FAILED",
        /// `DELETE_FAILED`
        DeleteFailed = "DELETE_FAILED",
    }
}

/// The failover configuration for an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FailoverConfig {
    /// The main Region of the endpoint.
    #[serde(rename = "Primary")]
    pub primary: Primary,
    /// The Region that events are routed to when failover is triggered or event replication is
    /// enabled.
    #[serde(rename = "Secondary")]
    pub secondary: Secondary,
}

/// The primary Region of the endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Primary {
    /// The ARN of the health check used by the endpoint to determine whether failover is
    /// triggered.
    #[serde(rename = "HealthCheck")]
    pub health_check: String,
}

/// Endpoints can replicate all events to the secondary Region.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReplicationConfig {
    /// The state of event replication.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ReplicationState>,
}

api_enum! {
    /// Values of `ReplicationState`.
    ReplicationState {
        /// `ENABLED`
        Enabled = "ENABLED",
        /// `DISABLED`
        Disabled = "DISABLED",
    }
}

/// The routing configuration of the endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoutingConfig {
    /// The failover configuration for an endpoint.
    #[serde(rename = "FailoverConfig")]
    pub failover_config: FailoverConfig,
}

/// The secondary Region that processes events when failover is triggered or replication is
/// enabled.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Secondary {
    /// Defines the secondary Region.
    #[serde(rename = "Route")]
    pub route: String,
}
