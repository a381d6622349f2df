//! Where target payloads go: [`Delivery`] (one payload for one target), [`FailedDelivery`], the
//! [`TargetSink`] trait an embedder implements (any `Fn(Delivery)` is one), [`ChannelSink`], and the
//! registry of sinks by target ARN.
//!
//! Invariants: sinks are called synchronously from the thread that put the event (or called
//! [`EventBridge::tick`](super::EventBridge::tick)) with no lock of the service held, so a sink
//! may call back into the service; `PutEvents` results never depend on what a sink does.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::api::targets::Target;
use crate::bus::transform::DeliveryFailure;

/// One payload for one target: what a target sink receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The bus the event was matched on.
    pub event_bus_name: String,
    /// The rule that matched (or fired on schedule).
    pub rule_name: String,
    /// That rule's ARN.
    pub rule_arn: String,
    /// The target, as stored by `PutTargets`.
    pub target: Target,
    /// The `id` of the event.
    pub event_id: String,
    /// The exact payload (see [`transform`](super::transform)): the whole event as compact JSON, the `Input` text, the
    /// `InputPath` selection or the `InputTransformer` output.
    pub payload: String,
}

/// A delivery that did not happen because the target's input mode gave nothing to deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedDelivery {
    /// The bus the event was matched on.
    pub event_bus_name: String,
    /// The rule that matched.
    pub rule_name: String,
    /// That rule's ARN.
    pub rule_arn: String,
    /// The target.
    pub target: Target,
    /// The `id` of the event.
    pub event_id: String,
    /// Why nothing was delivered.
    pub reason: DeliveryFailure,
}

/// Where the payloads for targets go: implemented by the embedder (a closure
/// `Fn(Delivery)` is one), or [`ChannelSink`].
///
/// Sinks are called synchronously from the thread that put the event (or called
/// [`EventBridge::tick`](super::EventBridge::tick)), without any lock of the service held, so a sink may call back into the
/// service. PutEvents results never depend on what a sink does.
pub trait TargetSink: Send + Sync {
    /// A payload for a target.
    fn deliver(&self, delivery: Delivery);

    /// A matched target that got nothing (an `InputPath` that selects nothing, a JSON template
    /// that does not give JSON). Ignored by default.
    fn failed(&self, failure: FailedDelivery) {
        let _ = failure;
    }
}

impl<F: Fn(Delivery) + Send + Sync> TargetSink for F {
    fn deliver(&self, delivery: Delivery) {
        self(delivery)
    }
}

/// A sink that sends every [`Delivery`] into an [`mpsc`] channel.
///
/// ```
/// use std::sync::Arc;
/// use evmatch_eventbridge::bus::ChannelSink;
///
/// let (sink, deliveries) = ChannelSink::new();
/// let sink = Arc::new(sink);
/// # let _ = (sink, deliveries);
/// ```
#[derive(Debug, Clone)]
pub struct ChannelSink {
    tx: Sender<Delivery>,
}

impl ChannelSink {
    /// A sink and the receiving end of its channel.
    #[allow(clippy::new_ret_no_self)]
    pub fn new() -> (ChannelSink, Receiver<Delivery>) {
        let (tx, rx) = mpsc::channel();
        (ChannelSink { tx }, rx)
    }
}

impl TargetSink for ChannelSink {
    fn deliver(&self, delivery: Delivery) {
        // A dropped receiver means nobody listens any more: the delivery goes nowhere, as it
        // would for an unregistered target.
        let _ = self.tx.send(delivery);
    }
}

/// The sinks registered with a service: by target ARN, and the default for the other targets.
#[derive(Default)]
pub(super) struct Sinks {
    pub(super) by_arn: HashMap<String, Arc<dyn TargetSink>>,
    pub(super) default: Option<Arc<dyn TargetSink>>,
}
