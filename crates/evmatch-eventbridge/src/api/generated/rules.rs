// @generated from the EventBridge model by xtask; do not edit.
// Regenerate with: cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! Rules: an event pattern or a schedule on one event bus, with up to five targets (see
//! [`super::targets`]). `PutRule` creates or replaces a rule; describe, enable, disable, delete and list
//! operations manage it. [`Request::validate`] on a [`PutRuleRequest`] checks
//! the model constraints, that a pattern or schedule is given, that schedules are only used on the
//! default bus, the pattern-size quota ([`super::ServiceLimits::rule_event_pattern_max_chars`]) and the
//! pattern itself through [`evmatch::Pattern::parse`], with its `InvalidEventPatternException` texts.
//!
//! ```
//! use evmatch_eventbridge::api::{Request, rules::{PutRuleRequest, RuleState}};
//!
//! let rule: PutRuleRequest = serde_json::from_str(
//!     r#"{"Name": "orders-created", "EventBusName": "orders",
//!         "EventPattern": "{\"source\": [\"shop.orders\"]}", "State": "ENABLED"}"#,
//! )
//! .unwrap();
//! assert_eq!(rule.state, Some(RuleState::Enabled));
//! rule.validate_shape()?; // `validate()` also parses the pattern
//!
//! let err = PutRuleRequest { name: "nightly".into(), ..Default::default() }.validate().unwrap_err();
//! assert_eq!(err.to_string(), "Parameter(s) EventPattern or ScheduleExpression must be specified.");
//! # Ok::<(), evmatch_eventbridge::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::tags::Tag;
use super::{Empty, Request};

/// Request of `PutRule`: creates or updates the specified rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutRuleRequest {
    /// The name of the rule that you are creating or updating.
    #[serde(rename = "Name")]
    pub name: String,
    /// The scheduling expression.
    #[serde(
        rename = "ScheduleExpression",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub schedule_expression: Option<String>,
    /// The event pattern.
    #[serde(
        rename = "EventPattern",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_pattern: Option<String>,
    /// The state of the rule.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<RuleState>,
    /// A description of the rule.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The Amazon Resource Name (ARN) of the IAM role associated with the rule.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// The list of key-value pairs to associate with the rule.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// The name or ARN of the event bus to associate with this rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
}

impl Request for PutRuleRequest {
    const OPERATION: &'static str = "PutRule";
    type Response = PutRuleResponse;
}

/// Response of `PutRule`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PutRuleResponse {
    /// The Amazon Resource Name (ARN) of the rule.
    #[serde(rename = "RuleArn", default, skip_serializing_if = "Option::is_none")]
    pub rule_arn: Option<String>,
}

/// Request of `DeleteRule`: deletes the specified rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeleteRuleRequest {
    /// The name of the rule.
    #[serde(rename = "Name")]
    pub name: String,
    /// The name or ARN of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
    /// If this is a managed rule, created by an Amazon Web Services service on your behalf, you
    /// must specify `Force` as `True` to delete the rule.
    #[serde(rename = "Force", default, skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
}

impl Request for DeleteRuleRequest {
    const OPERATION: &'static str = "DeleteRule";
    type Response = Empty;
}

/// Request of `DescribeRule`: describes the specified rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeRuleRequest {
    /// The name of the rule.
    #[serde(rename = "Name")]
    pub name: String,
    /// The name or ARN of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
}

impl Request for DescribeRuleRequest {
    const OPERATION: &'static str = "DescribeRule";
    type Response = DescribeRuleResponse;
}

/// Response of `DescribeRule`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DescribeRuleResponse {
    /// The name of the rule.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The Amazon Resource Name (ARN) of the rule.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The event pattern.
    #[serde(
        rename = "EventPattern",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_pattern: Option<String>,
    /// The scheduling expression.
    #[serde(
        rename = "ScheduleExpression",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub schedule_expression: Option<String>,
    /// Specifies whether the rule is enabled or disabled.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<RuleState>,
    /// The description of the rule.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The Amazon Resource Name (ARN) of the IAM role associated with the rule.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// If this is a managed rule, created by an Amazon Web Services service on your behalf,
    /// this field displays the principal name of the Amazon Web Services service that created
    /// the rule.
    #[serde(rename = "ManagedBy", default, skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
    /// The name of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
    /// The account ID of the user that created the rule.
    #[serde(rename = "CreatedBy", default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

/// Request of `EnableRule`: enables the specified rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EnableRuleRequest {
    /// The name of the rule.
    #[serde(rename = "Name")]
    pub name: String,
    /// The name or ARN of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
}

impl Request for EnableRuleRequest {
    const OPERATION: &'static str = "EnableRule";
    type Response = Empty;
}

/// Request of `DisableRule`: disables the specified rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DisableRuleRequest {
    /// The name of the rule.
    #[serde(rename = "Name")]
    pub name: String,
    /// The name or ARN of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
}

impl Request for DisableRuleRequest {
    const OPERATION: &'static str = "DisableRule";
    type Response = Empty;
}

/// Request of `ListRules`: lists your Amazon EventBridge rules.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListRulesRequest {
    /// The prefix matching the rule name.
    #[serde(
        rename = "NamePrefix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_prefix: Option<String>,
    /// The name or ARN of the event bus to list the rules for.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The maximum number of results to return.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListRulesRequest {
    const OPERATION: &'static str = "ListRules";
    type Response = ListRulesResponse;
}

/// Response of `ListRules`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListRulesResponse {
    /// The rules that match the specified criteria.
    #[serde(rename = "Rules", default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<Rule>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Request of `ListRuleNamesByTarget`: lists the rules for the specified target.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListRuleNamesByTargetRequest {
    /// The Amazon Resource Name (ARN) of the target resource.
    #[serde(rename = "TargetArn")]
    pub target_arn: String,
    /// The name or ARN of the event bus to list rules for.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
    /// The token returned by a previous call, which you can use to retrieve the next set of
    /// results.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The maximum number of results to return.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

impl Request for ListRuleNamesByTargetRequest {
    const OPERATION: &'static str = "ListRuleNamesByTarget";
    type Response = ListRuleNamesByTargetResponse;
}

/// Response of `ListRuleNamesByTarget`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListRuleNamesByTargetResponse {
    /// The names of the rules that can invoke the given target.
    #[serde(rename = "RuleNames", default, skip_serializing_if = "Option::is_none")]
    pub rule_names: Option<Vec<String>>,
    /// A token indicating there are more results available.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Contains information about a rule in Amazon EventBridge.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rule {
    /// The name of the rule.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The Amazon Resource Name (ARN) of the rule.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The event pattern of the rule.
    #[serde(
        rename = "EventPattern",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_pattern: Option<String>,
    /// The state of the rule.
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<RuleState>,
    /// The description of the rule.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The scheduling expression.
    #[serde(
        rename = "ScheduleExpression",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub schedule_expression: Option<String>,
    /// The Amazon Resource Name (ARN) of the role that is used for target invocation.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// If the rule was created on behalf of your account by an Amazon Web Services service,
    /// this field displays the principal name of the service that created the rule.
    #[serde(rename = "ManagedBy", default, skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
    /// The name or ARN of the event bus associated with the rule.
    #[serde(
        rename = "EventBusName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_bus_name: Option<String>,
}

api_enum! {
    /// Values of `RuleState`.
    RuleState {
        /// `ENABLED`
        Enabled = "ENABLED",
        /// `DISABLED`
        Disabled = "DISABLED",
        /// `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`
        EnabledWithAllCloudtrailManagementEvents = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
    }
}
