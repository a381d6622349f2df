//! [`EventBridgeConfig`]: who and where the in-process service is (account, region, partition)
//! and its quotas, and the names and ARNs derived from them.
//!
//! Invariants: every quota defaults to AWS's default; ARNs are
//! `arn:<partition>:events:<region>:<account>:<resource>`, rules on the default bus are
//! `rule/<name>`, on other buses `rule/<bus>/<name>`. Costs: names and ARNs are formatted on
//! demand.

use crate::api::ServiceLimits;

/// The name of the bus every account has.
pub const DEFAULT_BUS: &str = "default";

/// Who and where the in-process service is, and its quotas. Every quota is AWS's default.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventBridgeConfig {
    /// The 12-digit account id (`account` of every event, part of every ARN).
    pub account: String,
    /// The region (`region` of every event, part of every ARN).
    pub region: String,
    /// The ARN partition (`aws`, `aws-cn`, `aws-us-gov`).
    pub partition: String,
    /// Request limits shared with
    /// [`Request::validate_with`](crate::api::Request::validate_with) (PutEvents size, targets
    /// per rule, tags, policy size, pattern size).
    pub limits: ServiceLimits,
    /// Rules per event bus, archive rules included (300).
    pub rules_per_bus: usize,
    /// Event buses per account and region, the default bus included (100).
    pub event_buses: usize,
    /// Connections per account and region (3,000).
    pub connections: usize,
    /// API destinations per account and region (3,000).
    pub api_destinations: usize,
    /// Replays in `STARTING` or `RUNNING` state at the same time (10).
    pub concurrent_replays: usize,
    /// How many event-bus targets one event may pass through in this service before it is
    /// dropped (protects against forwarding loops; AWS has no such limit). Default 5.
    pub max_forwarding_hops: usize,
    /// Run a replay to completion inside `StartReplay` (its response still says `STARTING`)
    /// instead of at the next [`EventBridge::tick`](super::EventBridge::tick). Default `false`.
    pub replay_on_start: bool,
}

impl Default for EventBridgeConfig {
    fn default() -> Self {
        EventBridgeConfig {
            account: "123456789012".into(),
            region: "us-east-1".into(),
            partition: "aws".into(),
            limits: ServiceLimits::default(),
            rules_per_bus: 300,
            event_buses: 100,
            connections: 3000,
            api_destinations: 3000,
            concurrent_replays: 10,
            max_forwarding_hops: 5,
            replay_on_start: false,
        }
    }
}

impl EventBridgeConfig {
    /// The default configuration for `account` in `region`.
    pub fn new(account: impl Into<String>, region: impl Into<String>) -> Self {
        EventBridgeConfig {
            account: account.into(),
            region: region.into(),
            ..Self::default()
        }
    }

    /// The same configuration with other request limits.
    pub fn with_limits(mut self, limits: ServiceLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The same configuration with `replay_on_start` set.
    pub fn with_replay_on_start(mut self, yes: bool) -> Self {
        self.replay_on_start = yes;
        self
    }

    /// `arn:<partition>:events:<region>:<account>:` — the prefix of every ARN of this service.
    pub fn arn_prefix(&self) -> String {
        format!(
            "arn:{}:events:{}:{}:",
            self.partition, self.region, self.account
        )
    }
}

/// The bus name of an `EventBusName` parameter: `None` → `default`, an ARN → the text after
/// `event-bus/`.
pub(super) fn bus_name(name: Option<&str>) -> &str {
    match name {
        None => DEFAULT_BUS,
        Some(n) if n.starts_with("arn:") => n.split_once(":event-bus/").map_or(n, |(_, b)| b),
        Some(n) => n,
    }
}

pub(super) fn bus_arn(config: &EventBridgeConfig, name: &str) -> String {
    format!("{}event-bus/{name}", config.arn_prefix())
}

pub(super) fn rule_arn(config: &EventBridgeConfig, bus: &str, rule: &str) -> String {
    if bus == DEFAULT_BUS {
        format!("{}rule/{rule}", config.arn_prefix())
    } else {
        format!("{}rule/{bus}/{rule}", config.arn_prefix())
    }
}
