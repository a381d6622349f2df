//! Target dispatch: which rules an event matches on a bus and what each of their targets
//! receives — another bus (forwarded), an archive (stored), or a payload for a [`TargetSink`]
//! rendered by [`super::transform`].
//!
//! Invariants: rules in name order, targets in insertion order; an event is forwarded through at
//! most [`EventBridgeConfig::max_forwarding_hops`](super::EventBridgeConfig::max_forwarding_hops)
//! buses; no lock is held while a sink runs. Costs: one match of the event's compact JSON per bus,
//! one payload rendering per matched target.

use std::sync::Arc;

use super::sinks::{Delivery, FailedDelivery, TargetSink};
use super::state::{Bus, Event, EventBridge, RuleEntry, State};
use super::transform::{self, DeliveryContext, TargetInput};
use crate::api::targets::Target;

impl EventBridge {
    /// Sends the payloads of every target whose `Arn` is `target_arn` to `sink` (replacing an
    /// earlier sink for that ARN).
    pub fn register_sink(&self, target_arn: impl Into<String>, sink: Arc<dyn TargetSink>) {
        let mut sinks = self.sinks.write().unwrap_or_else(|p| p.into_inner());
        sinks.by_arn.insert(target_arn.into(), sink);
    }

    /// Sends the payloads of targets without a registered sink to `sink`.
    pub fn set_default_sink(&self, sink: Arc<dyn TargetSink>) {
        let mut sinks = self.sinks.write().unwrap_or_else(|p| p.into_inner());
        sinks.default = Some(sink);
    }

    /// Matches `event` against the enabled rules of bus `bus` (restricted to rules whose ARN is
    /// in `only`, when given) in `snap`, archives it for matching archive rules and delivers it
    /// to the targets of the others, rules in name order, targets in insertion order.
    pub(super) fn dispatch(
        &self,
        snap: &State,
        bus: &str,
        event: &Event,
        only: Option<&[String]>,
        hops: usize,
    ) {
        let Some(bus) = snap.buses.get(bus) else {
            return;
        };
        let Ok(mut matched) = bus.machine.matches_for_event(event.text.as_bytes()) else {
            return;
        };
        matched.sort();
        matched.dedup();
        for name in matched {
            let Some(rule) = bus.rules.get(&*name) else {
                continue;
            };
            if !rule.enabled() || only.is_some_and(|arns| !arns.contains(&rule.arn)) {
                continue;
            }
            if let Some(archive) = &rule.archive {
                self.archive_event(archive, event);
                continue;
            }
            for target in &rule.targets {
                self.deliver(snap, bus, rule, target, event, hops);
            }
        }
    }

    pub(super) fn deliver(
        &self,
        snap: &State,
        bus: &Bus,
        rule: &RuleEntry,
        target: &Target,
        event: &Event,
        hops: usize,
    ) {
        let bus_prefix = format!("{}event-bus/", self.config.arn_prefix());
        if let Some(dest) = target.arn.strip_prefix(&bus_prefix) {
            // Same account and region: forward the original event, unchanged (same id and time).
            if hops < self.config.max_forwarding_hops {
                self.dispatch(snap, dest, event, None, hops + 1);
            }
            return;
        }
        let sink = {
            let sinks = self.sinks.read().unwrap_or_else(|p| p.into_inner());
            sinks
                .by_arn
                .get(&target.arn)
                .or(sinks.default.as_ref())
                .cloned()
        };
        let Some(sink) = sink else {
            return;
        };
        let ctx = DeliveryContext {
            rule_arn: &rule.arn,
            rule_name: &rule.name,
            ingestion_time: event.ingestion,
        };
        match transform::render(TargetInput::of(target), &event.value, &ctx) {
            Ok(payload) => sink.deliver(Delivery {
                event_bus_name: bus.name.clone(),
                rule_name: rule.name.clone(),
                rule_arn: rule.arn.clone(),
                target: target.clone(),
                event_id: event.id.clone(),
                payload,
            }),
            Err(reason) => sink.failed(FailedDelivery {
                event_bus_name: bus.name.clone(),
                rule_name: rule.name.clone(),
                rule_arn: rule.arn.clone(),
                target: target.clone(),
                event_id: event.id.clone(),
                reason,
            }),
        }
    }
}
