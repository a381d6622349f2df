// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Partner event sources: how SaaS partners deliver events. The partner side creates a source for a
//! customer account (`CreatePartnerEventSource`, names `aws.partner/<partner>/<name>`); the customer
//! side sees it as an event source, activates or deactivates it, and receives its events on a partner
//! event bus of the same name.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, partner_event_sources::CreatePartnerEventSourceRequest};
//!
//! let request = CreatePartnerEventSourceRequest {
//!     name: "aws.partner/example.com/orders".into(),
//!     account: "123456789012".into(),
//! };
//! request.validate()?;
//!
//! let bad = CreatePartnerEventSourceRequest { account: "1234".into(), ..request };
//! assert_eq!(
//!     bad.validate().unwrap_err().to_string(),
//!     r"2 validation errors detected: Value '1234' at 'account' failed to satisfy constraint: Member must satisfy regular expression pattern: \d{12}; Value '1234' at 'account' failed to satisfy constraint: Member must have length greater than or equal to 12"
//! );
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Empty, Request, Timestamp};

/// Request of `CreatePartnerEventSource`: called by an SaaS partner to create a partner event
/// source.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreatePartnerEventSourceRequest {
    /// The name of the partner event source.
    #[serde(rename = "Name")]
    pub name: String,
    /// The Amazon Web Services account ID that is permitted to create a matching partner event
    /// bus for this partner event source.
    #[serde(rename = "Account")]
    pub account: String,
}

impl Request for CreatePartnerEventSourceRequest {
    const OPERATION: &'static str = "CreatePartnerEventSource";
    type Response = CreatePartnerEventSourceResponse;
}

/// Response of `CreatePartnerEventSource`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreatePartnerEventSourceResponse {
    /// The ARN of the partner event source.
    #[serde(
        rename = "EventSourceArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_source_arn: Option<String>,
}

/// Request of `DeletePartnerEventSource`: this operation is used by SaaS partners to delete a
/// partner event source.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeletePartnerEventSourceRequest {
    /// The name of the event source to delete.
    #[serde(rename = "Name")]
    pub name: String,
    /// The Amazon Web Services account ID of the Amazon Web Services customer that the event
    /// source was created for.
    #[serde(rename = "Account")]
    pub account: String,
}

impl Request for DeletePartnerEventSourceRequest {
    const OPERATION: &'static str = "DeletePartnerEventSource";
    type Response = Empty;
}

/// Request of `DescribePartnerEventSource`: an SaaS partner can use this operation to list
/// details about a partner event source that they have created.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribePartnerEventSourceRequest {
    /// The name of the event source to display.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DescribePartnerEventSourceRequest {
    const OPERATION: &'static str = "DescribePartnerEventSource";
    type Response = DescribePartnerEventSourceResponse;
}

/// Response of `DescribePartnerEventSource`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribePartnerEventSourceResponse {
    /// The ARN of the event source.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The name of the event source.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Request of `ListPartnerEventSources`: an SaaS partner can use this operation to list all the
/// partner event source names that they have created.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListPartnerEventSourcesRequest {
    /// If you specify this, the results are limited to only those partner event sources that
    /// start with the string you specify.
    #[serde(rename = "NamePrefix")]
    pub name_prefix: String,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// pecifying this limits the number of results returned by this operation.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListPartnerEventSourcesRequest {
    const OPERATION: &'static str = "ListPartnerEventSources";
    type Response = ListPartnerEventSourcesResponse;
}

/// Response of `ListPartnerEventSources`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListPartnerEventSourcesResponse {
    /// The list of partner event sources returned by the operation.
    #[serde(
        rename = "PartnerEventSources",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub partner_event_sources: Option<Vec<PartnerEventSource>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Request of `ListPartnerEventSourceAccounts`: an SaaS partner can use this operation to
/// display the Amazon Web Services account ID that a particular partner event source name is
/// associated with.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListPartnerEventSourceAccountsRequest {
    /// The name of the partner event source to display account information about.
    #[serde(rename = "EventSourceName")]
    pub event_source_name: String,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// Specifying this limits the number of results returned by this operation.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListPartnerEventSourceAccountsRequest {
    const OPERATION: &'static str = "ListPartnerEventSourceAccounts";
    type Response = ListPartnerEventSourceAccountsResponse;
}

/// Response of `ListPartnerEventSourceAccounts`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListPartnerEventSourceAccountsResponse {
    /// The list of partner event sources returned by the operation.
    #[serde(
        rename = "PartnerEventSourceAccounts",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub partner_event_source_accounts: Option<Vec<PartnerEventSourceAccount>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Request of `ActivateEventSource`: activates a partner event source that has been
/// deactivated.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActivateEventSourceRequest {
    /// The name of the partner event source to activate.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for ActivateEventSourceRequest {
    const OPERATION: &'static str = "ActivateEventSource";
    type Response = Empty;
}

/// Request of `DeactivateEventSource`: you can use this operation to temporarily stop receiving
/// events from the specified partner event source.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeactivateEventSourceRequest {
    /// The name of the partner event source to deactivate.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DeactivateEventSourceRequest {
    const OPERATION: &'static str = "DeactivateEventSource";
    type Response = Empty;
}

/// Request of `DescribeEventSource`: this operation lists details about a partner event source
/// that is shared with your account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeEventSourceRequest {
    /// The name of the partner event source to display the details of.
    #[serde(rename = "Name")]
    pub name: String,
}

impl Request for DescribeEventSourceRequest {
    const OPERATION: &'static str = "DescribeEventSource";
    type Response = DescribeEventSourceResponse;
}

/// Response of `DescribeEventSource`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeEventSourceResponse {
    /// The ARN of the partner event source.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The name of the SaaS partner that created the event source.
    #[serde(rename = "CreatedBy", default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// The date and time that the event source was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// The date and time that the event source will expire if you do not create a matching
    /// event bus.
    #[serde(
        rename = "ExpirationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_time: Option<Timestamp>,
    /// The name of the partner event source.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The state of the event source.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EventSourceState>,
}

/// Request of `ListEventSources`: you can use this to see all the partner event sources that
/// have been shared with your Amazon Web Services account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListEventSourcesRequest {
    /// Specifying this limits the results to only those partner event sources with names that
    /// start with the specified prefix.
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

impl Request for ListEventSourcesRequest {
    const OPERATION: &'static str = "ListEventSources";
    type Response = ListEventSourcesResponse;
}

/// Response of `ListEventSources`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListEventSourcesResponse {
    /// The list of event sources.
    #[serde(
        rename = "EventSources",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_sources: Option<Vec<EventSource>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// A partner event source is created by an SaaS partner.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventSource {
    /// The ARN of the event source.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The name of the partner that created the event source.
    #[serde(rename = "CreatedBy", default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// The date and time the event source was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// The date and time that the event source will expire, if the Amazon Web Services account
    /// doesn't create a matching event bus for it.
    #[serde(
        rename = "ExpirationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_time: Option<Timestamp>,
    /// The name of the event source.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The state of the event source.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EventSourceState>,
}

api_enum! {
    /// Values of `EventSourceState`.
    EventSourceState {
        /// `PENDING`
        Pending = "PENDING",
        /// `ACTIVE`
        Active = "ACTIVE",
        /// `DELETED`
        Deleted = "DELETED",
    }
}

/// A partner event source is created by an SaaS partner.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PartnerEventSource {
    /// The ARN of the partner event source.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The name of the partner event source.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The Amazon Web Services account that a partner event source has been offered to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PartnerEventSourceAccount {
    /// The Amazon Web Services account ID that the partner event source was offered to.
    #[serde(rename = "Account", default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The date and time the event source was created.
    #[serde(
        rename = "CreationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<Timestamp>,
    /// The date and time that the event source will expire, if the Amazon Web Services account
    /// doesn't create a matching event bus for it.
    #[serde(
        rename = "ExpirationTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_time: Option<Timestamp>,
    /// The state of the event source.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EventSourceState>,
}
