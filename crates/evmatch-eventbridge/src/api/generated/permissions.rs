// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Permissions: the resource-based policy of an event bus, which lets other accounts or an
//! organization put events on it. `PutPermission` adds a statement (or replaces the whole policy),
//! `RemovePermission` removes one or all; the policy is limited to
//! [`super::ServiceLimits::bus_policy_max_chars`] characters.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, permissions::PutPermissionRequest};
//!
//! let request = PutPermissionRequest {
//!     event_bus_name: Some("orders".into()),
//!     action: Some("events:PutEvents".into()),
//!     principal: Some("111122223333".into()),
//!     statement_id: Some("allow-111122223333".into()),
//!     ..Default::default()
//! };
//! request.validate()?;
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Empty, Request};

/// Request of `PutPermission`: running `PutPermission` permits the specified Amazon Web
/// Services account or Amazon Web Services organization to put events to the specified event
/// bus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutPermissionRequest {
    /// The name of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
    /// The action that you are enabling the other account to perform.
    #[serde(rename = "Action", default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The 12-digit Amazon Web Services account ID that you are permitting to put events to
    /// your default event bus.
    #[serde(rename = "Principal", default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// An identifier string for the external account that you are granting permissions to.
    #[serde(
        rename = "StatementId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub statement_id: Option<String>,
    /// This parameter enables you to limit the permission to accounts that fulfill a certain
    /// condition, such as being a member of a certain Amazon Web Services organization.
    #[serde(rename = "Condition", default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    /// A JSON string that describes the permission policy statement.
    #[serde(rename = "Policy", default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

impl Request for PutPermissionRequest {
    const OPERATION: &'static str = "PutPermission";
    type Response = Empty;
}

/// Request of `RemovePermission`: revokes the permission of another Amazon Web Services account
/// to be able to put events to the specified event bus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RemovePermissionRequest {
    /// The statement ID corresponding to the account that is no longer allowed to put events to
    /// the default event bus.
    #[serde(
        rename = "StatementId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub statement_id: Option<String>,
    /// Specifies whether to remove all permissions.
    #[serde(
        rename = "RemoveAllPermissions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub remove_all_permissions: Option<bool>,
    /// The name of the event bus to revoke permissions for.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
}

impl Request for RemovePermissionRequest {
    const OPERATION: &'static str = "RemovePermission";
    type Response = Empty;
}

/// A JSON string which you can use to limit the event bus permissions you are granting to only
/// accounts that fulfill the condition.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Condition {
    /// Specifies the type of condition.
    #[serde(rename = "Type")]
    pub r#type: String,
    /// Specifies the key for the condition.
    #[serde(rename = "Key")]
    pub key: String,
    /// Specifies the value for the key.
    #[serde(rename = "Value")]
    pub value: String,
}
