//! Time: [`EventBridge::tick`] fires the scheduled rules that are due and runs pending replays.
//!
//! Invariants: every due minute of an enabled scheduled rule fires exactly once, in time order,
//! then rule-name order; a disabled rule never fires and re-enabling it does not replay missed
//! instants. Costs: bounded per call — at most [`MAX_FIRINGS_PER_TICK`] firings per rule.

use std::collections::HashSet;
use std::sync::Arc;

use evmatch::json::Value;

use super::config::DEFAULT_BUS;
use super::state::{Event, EventBridge, RuleEntry};
use crate::api::Timestamp;

/// How many missed due instants of one rule a single [`EventBridge::tick`] fires at most; the
/// rest are fired by the following ticks.
const MAX_FIRINGS_PER_TICK: usize = 10_000;

/// One firing of a scheduled rule, as returned by [`EventBridge::tick`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledFiring {
    /// The rule's name (scheduled rules live on the default bus).
    pub rule_name: String,
    /// The rule's ARN.
    pub rule_arn: String,
    /// The due minute (the scheduled event's `time`).
    pub time: Timestamp,
    /// The `id` of the scheduled event delivered to the rule's targets.
    pub event_id: String,
}

impl EventBridge {
    /// Advances schedules and replays to `now`, and returns the scheduled-rule firings it made.
    ///
    /// For every enabled rule with a `ScheduleExpression` (on the default bus), every due minute
    /// after the last one handled (or after the rule was created / got its schedule / was
    /// enabled) up to and including `now` fires once, in time order and then rule-name order:
    /// the rule's targets receive a `Scheduled Event` (`source` `aws.events`, the rule's ARN as
    /// the only resource, an empty `detail`; through their input modes) and the firing is
    /// returned. Disabled rules never fire, and re-enabling does not
    /// replay missed instants. At most 10,000 instants per rule are fired per call; later calls
    /// continue.
    ///
    /// Then every replay in `STARTING` runs to completion and every replay in `CANCELLING`
    /// becomes `CANCELLED`.
    pub fn tick(&self, now: Timestamp) -> Vec<ScheduledFiring> {
        let snap = self.snapshot();
        let mut due: Vec<(Timestamp, Arc<RuleEntry>)> = Vec::new();
        if let Some(bus) = snap.buses.get(DEFAULT_BUS) {
            let mut rt = self.runtime();
            let mut live = HashSet::new();
            for rule in bus.rules.values() {
                let Some(schedule) = rule.schedule.as_ref().filter(|_| rule.enabled()) else {
                    continue;
                };
                live.insert(rule.name.clone());
                let anchor = rule.schedule_anchor;
                let cursor = rt
                    .cursors
                    .entry(rule.name.clone())
                    .or_insert((anchor, anchor));
                if cursor.0 != anchor {
                    *cursor = (anchor, anchor);
                }
                let mut t = cursor.1;
                for _ in 0..MAX_FIRINGS_PER_TICK {
                    match schedule.next_after(t, anchor) {
                        Some(next) if next <= now => {
                            due.push((next, Arc::clone(rule)));
                            t = next;
                        }
                        _ => break,
                    }
                }
                cursor.1 = t;
            }
            rt.cursors.retain(|name, _| live.contains(name));
        }
        due.sort_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
        let mut firings = Vec::with_capacity(due.len());
        if let Some(bus) = snap.buses.get(DEFAULT_BUS) {
            for (time, rule) in due {
                let id = self.ids.next_id();
                let s = |v: &str| Value::String(v.to_string());
                let envelope = Value::Object(vec![
                    ("version".into(), s("0")),
                    ("id".into(), s(&id)),
                    ("detail-type".into(), s("Scheduled Event")),
                    ("source".into(), s("aws.events")),
                    ("account".into(), s(&self.config.account)),
                    ("time".into(), s(&time.to_string())),
                    ("region".into(), s(&self.config.region)),
                    ("resources".into(), Value::Array(vec![s(&rule.arn)])),
                    ("detail".into(), Value::Object(Vec::new())),
                ]);
                let event = Event::new(envelope, id.clone(), time, time, 0);
                for target in &rule.targets {
                    self.deliver(&snap, bus, &rule, target, &event, 0);
                }
                firings.push(ScheduledFiring {
                    rule_name: rule.name.clone(),
                    rule_arn: rule.arn.clone(),
                    time,
                    event_id: id,
                });
            }
        }
        self.run_pending_replays();
        firings
    }
}
