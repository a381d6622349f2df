//! How the deliveries find an API destination: the [`Resolver`] trait (the bus through a
//! `Weak<EventBridge>`, or any closure, e.g. in tests) giving a
//! [`ResolvedApiDestination`] — endpoint, method, rate and connection **with its secrets** — and
//! [`is_api_destination`], which tells API destination targets from the others.
//!
//! Invariants: resolved destinations carry secrets; they never reach the delivery log (their
//! `Debug` prints `***` for them). The bus is held weakly, so the bus (which holds the sink) and
//! the deliveries (which hold the resolver) do not keep each other alive. Costs: one snapshot
//! read and a clone of the destination per attempt.

use std::sync::{Arc, Weak};

use evmatch_eventbridge::bus::{EventBridge, ResolvedApiDestination};

/// Finds an API destination by ARN; `None` for an unknown destination or one whose connection
/// is not authorized. Any `Fn(&str) -> Option<ResolvedApiDestination>` is one, and so is a
/// `Weak<EventBridge>` (through
/// [`EventBridge::resolve_api_destination`]; `None` once the bus is gone).
pub trait Resolver: Send + Sync {
    /// The destination `arn`, resolved.
    fn resolve(&self, arn: &str) -> Option<ResolvedApiDestination>;
}

impl<F: Fn(&str) -> Option<ResolvedApiDestination> + Send + Sync> Resolver for F {
    fn resolve(&self, arn: &str) -> Option<ResolvedApiDestination> {
        self(arn)
    }
}

impl Resolver for Weak<EventBridge> {
    fn resolve(&self, arn: &str) -> Option<ResolvedApiDestination> {
        self.upgrade()?.resolve_api_destination(arn)
    }
}

/// A shared resolver.
pub type SharedResolver = Arc<dyn Resolver>;

/// Whether `arn` names an API destination
/// (`arn:<partition>:events:<region>:<account>:api-destination/…`).
///
/// ```
/// use evmatch_server::deliveries::is_api_destination;
///
/// assert!(is_api_destination("arn:aws:events:us-east-1:123456789012:api-destination/d/1"));
/// assert!(!is_api_destination("arn:aws:events:us-east-1:123456789012:event-bus/b"));
/// assert!(!is_api_destination("arn:aws:sqs:us-east-1:123456789012:api-destination/d"));
/// ```
pub fn is_api_destination(arn: &str) -> bool {
    let mut parts = arn.splitn(6, ':');
    parts.next() == Some("arn")
        && parts.next().is_some()
        && parts.next() == Some("events")
        && parts.next().is_some()
        && parts.next().is_some()
        && parts
            .next()
            .is_some_and(|r| r.starts_with("api-destination/"))
}
