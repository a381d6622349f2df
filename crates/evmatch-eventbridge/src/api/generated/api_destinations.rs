// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! API destinations: HTTPS endpoints that rules can target, with an HTTP method, a connection (see
//! [`super::connections`]) for authorization and an invocation rate limit.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, api_destinations::{ApiDestinationHttpMethod, CreateApiDestinationRequest}};
//!
//! let request = CreateApiDestinationRequest {
//!     name: "crm-orders".into(),
//!     description: None,
//!     connection_arn: "arn:aws:events:eu-west-1:123456789012:connection/crm/3f2b7a1c".into(),
//!     invocation_endpoint: "https://crm.example.com/orders".into(),
//!     http_method: ApiDestinationHttpMethod::Post,
//!     invocation_rate_limit_per_second: Some(10),
//! };
//! request.validate()?;
//!
//! let mut bad = request.clone();
//! bad.invocation_rate_limit_per_second = Some(0);
//! assert_eq!(
//!     bad.validate().unwrap_err().to_string(),
//!     "1 validation error detected: Value '0' at 'invocationRateLimitPerSecond' failed to satisfy \
//!      constraint: Member must have value greater than or equal to 1"
//! );
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Request, Timestamp};

/// Request of `CreateApiDestination`: creates an API destination, which is an HTTP invocation
/// endpoint configured as a target for events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateApiDestinationRequest {
    /// The name for the API destination to create.
    #[serde(rename = "Name")]
    pub name: String,
    /// A description for the API destination to create.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The ARN of the connection to use for the API destination.
    #[serde(rename = "ConnectionArn")]
    pub connection_arn: String,
    /// The URL to the HTTP invocation endpoint for the API destination.
    #[serde(rename = "InvocationEndpoint")]
    pub invocation_endpoint: String,
    /// The method to use for the request to the HTTP invocation endpoint.
    #[serde(rename = "HttpMethod")]
    pub http_method: ApiDestinationHttpMethod,
    /// The maximum number of requests per second to send to the HTTP invocation endpoint.
    #[serde(
        rename = "InvocationRateLimitPerSecond",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_rate_limit_per_second: Option<i32>,
}

impl Request for CreateApiDestinationRequest {
    const OPERATION: &'static str = "CreateApiDestination";
    type Response = CreateApiDestinationResponse;
}

/// Response of `CreateApiDestination`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateApiDestinationResponse {
    /// The ARN of the API destination that was created by the request.
    #[serde(
        rename = "ApiDestinationArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_destination_arn: Option<String>,
    /// The state of the API destination that was created by the request.
    #[serde(
        rename = "ApiDestinationState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_destination_state: Option<ApiDestinationState>,
    /// A time stamp indicating the time that the API destination was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp indicating the time that the API destination was last modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
}

/// Request of `DeleteApiDestination`: deletes the specified API destination.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteApiDestinationRequest {
    /// The name of the destination to delete.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DeleteApiDestinationRequest {
    const OPERATION: &'static str = "DeleteApiDestination";
    type Response = DeleteApiDestinationResponse;
}

/// Response of `DeleteApiDestination`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteApiDestinationResponse {}

/// Request of `DescribeApiDestination`: retrieves details about an API destination.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeApiDestinationRequest {
    /// The name of the API destination to retrieve.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DescribeApiDestinationRequest {
    const OPERATION: &'static str = "DescribeApiDestination";
    type Response = DescribeApiDestinationResponse;
}

/// Response of `DescribeApiDestination`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeApiDestinationResponse {
    /// The ARN of the API destination retrieved.
    #[serde(
        rename = "ApiDestinationArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_destination_arn: Option<String>,
    /// The name of the API destination retrieved.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description for the API destination retrieved.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The state of the API destination retrieved.
    #[serde(
        rename = "ApiDestinationState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_destination_state: Option<ApiDestinationState>,
    /// The ARN of the connection specified for the API destination retrieved.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The URL to use to connect to the HTTP endpoint.
    #[serde(
        rename = "InvocationEndpoint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_endpoint: Option<String>,
    /// The method to use to connect to the HTTP endpoint.
    #[serde(
        rename = "HttpMethod",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub http_method: Option<ApiDestinationHttpMethod>,
    /// The maximum number of invocations per second to specified for the API destination.
    #[serde(
        rename = "InvocationRateLimitPerSecond",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_rate_limit_per_second: Option<i32>,
    /// A time stamp for the time that the API destination was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp for the time that the API destination was last modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
}

/// Request of `ListApiDestinations`: retrieves a list of API destination in the account in the
/// current Region.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListApiDestinationsRequest {
    /// A name prefix to filter results returned.
    #[serde(
        rename = "NamePrefix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_prefix: Option<String>,
    /// The ARN of the connection specified for the API destination.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The maximum number of API destinations to include in the response.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListApiDestinationsRequest {
    const OPERATION: &'static str = "ListApiDestinations";
    type Response = ListApiDestinationsResponse;
}

/// Response of `ListApiDestinations`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListApiDestinationsResponse {
    /// An array that includes information about each API destination.
    #[serde(
        rename = "ApiDestinations",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_destinations: Option<Vec<ApiDestination>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Request of `UpdateApiDestination`: updates an API destination.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateApiDestinationRequest {
    /// The name of the API destination to update.
    #[serde(rename = "Name")]
    pub name: String,
    /// The name of the API destination to update.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The ARN of the connection to use for the API destination.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The URL to the endpoint to use for the API destination.
    #[serde(
        rename = "InvocationEndpoint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_endpoint: Option<String>,
    /// The method to use for the API destination.
    #[serde(
        rename = "HttpMethod",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub http_method: Option<ApiDestinationHttpMethod>,
    /// The maximum number of invocations per second to send to the API destination.
    #[serde(
        rename = "InvocationRateLimitPerSecond",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_rate_limit_per_second: Option<i32>,
}

impl Request for UpdateApiDestinationRequest {
    const OPERATION: &'static str = "UpdateApiDestination";
    type Response = UpdateApiDestinationResponse;
}

/// Response of `UpdateApiDestination`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateApiDestinationResponse {
    /// The ARN of the API destination that was updated.
    #[serde(
        rename = "ApiDestinationArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_destination_arn: Option<String>,
    /// The state of the API destination that was updated.
    #[serde(
        rename = "ApiDestinationState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_destination_state: Option<ApiDestinationState>,
    /// A time stamp for the time that the API destination was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp for the time that the API destination was last modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
}

/// Contains details about an API destination.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ApiDestination {
    /// The ARN of the API destination.
    #[serde(
        rename = "ApiDestinationArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_destination_arn: Option<String>,
    /// The name of the API destination.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The state of the API destination.
    #[serde(
        rename = "ApiDestinationState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_destination_state: Option<ApiDestinationState>,
    /// The ARN of the connection specified for the API destination.
    #[serde(
        rename = "ConnectionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub connection_arn: Option<String>,
    /// The URL to the endpoint for the API destination.
    #[serde(
        rename = "InvocationEndpoint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_endpoint: Option<String>,
    /// The method to use to connect to the HTTP endpoint.
    #[serde(
        rename = "HttpMethod",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub http_method: Option<ApiDestinationHttpMethod>,
    /// The maximum number of invocations per second to send to the HTTP endpoint.
    #[serde(
        rename = "InvocationRateLimitPerSecond",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_rate_limit_per_second: Option<i32>,
    /// A time stamp for the time that the API destination was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// A time stamp for the time that the API destination was last modified.
    #[serde(
        rename = "LastModifiedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_time: Option<Timestamp>,
}

api_enum! {
    /// Values of `ApiDestinationHttpMethod`.
    ApiDestinationHttpMethod {
        /// `POST`
        Post = "POST",
        /// `GET`
        Get = "GET",
        /// `HEAD`
        Head = "HEAD",
        /// `OPTIONS`
        Options = "OPTIONS",
        /// `PUT`
        Put = "PUT",
        /// `PATCH`
        Patch = "PATCH",
        /// `DELETE`
        Delete = "DELETE",
    }
}

api_enum! {
    /// Values of `ApiDestinationState`.
    ApiDestinationState {
        /// `ACTIVE`
        Active = "ACTIVE",
        /// `INACTIVE`
        Inactive = "INACTIVE",
    }
}
