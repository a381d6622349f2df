//! Service checks beyond the model: the rules the service applies to a well-formed request before
//! it looks at any stored state, with the service's error codes and texts.
//!
//! Each request type with such rules implements [`ServiceCheck`] here, by hand; the generated
//! code knows nothing of them. [`Request::service_checks`](super::Request::service_checks) finds
//! the check of a request through [`service_checks`], a table keyed by the request's type: Rust
//! has no specialisation, so a default `Request` method cannot reach a per-type override another
//! way without the generator naming the hand-written code. Costs: one `TypeId` comparison per table
//! entry (13) per validation, nothing next to the model checks' JSON walk.
//!
//! Texts marked *inferred* below have no recorded AWS wording; they follow AWS's style.

use std::any::Any;
use std::collections::BTreeSet;

use super::ServiceLimits;
use super::archives::{CreateArchiveRequest, UpdateArchiveRequest};
use super::event_buses::{CreateEventBusRequest, DeleteEventBusRequest};
use super::events::{
    PutEventsRequest, PutEventsRequestEntry, PutPartnerEventsRequest, PutPartnerEventsRequestEntry,
    TestEventPatternRequest,
};
use super::input_template::{PREDEFINED_VARIABLES, placeholders};
use super::permissions::PutPermissionRequest;
use super::replays::StartReplayRequest;
use super::rules::PutRuleRequest;
use super::tags::{Tag, TagResourceRequest};
use super::targets::{PutTargetsRequest, RemoveTargetsRequest, Target};
use crate::Error;
use crate::ErrorCode;

/// The service rules of one request type, beyond the model.
trait ServiceCheck: Any {
    /// Checks the request (already known to satisfy the model) against the service's rules.
    fn service_check(&self, limits: &ServiceLimits) -> Result<(), Error>;
}

/// The check of `R`, if `request` is an `R`.
fn check_as<R: ServiceCheck>(
    request: &dyn Any,
    limits: &ServiceLimits,
) -> Option<Result<(), Error>> {
    request.downcast_ref::<R>().map(|r| r.service_check(limits))
}

type CheckFn = fn(&dyn Any, &ServiceLimits) -> Option<Result<(), Error>>;

/// Every request type with service checks.
const CHECKS: &[CheckFn] = &[
    check_as::<CreateEventBusRequest>,
    check_as::<DeleteEventBusRequest>,
    check_as::<PutRuleRequest>,
    check_as::<PutTargetsRequest>,
    check_as::<RemoveTargetsRequest>,
    check_as::<PutEventsRequest>,
    check_as::<PutPartnerEventsRequest>,
    check_as::<TestEventPatternRequest>,
    check_as::<CreateArchiveRequest>,
    check_as::<UpdateArchiveRequest>,
    check_as::<StartReplayRequest>,
    check_as::<PutPermissionRequest>,
    check_as::<TagResourceRequest>,
];

/// The service checks of `request`: those of its type, or none.
pub(super) fn service_checks(request: &dyn Any, limits: &ServiceLimits) -> Result<(), Error> {
    CHECKS
        .iter()
        .find_map(|check| check(request, limits))
        .unwrap_or(Ok(()))
}

fn chars(s: &str) -> usize {
    s.encode_utf16().count()
}

fn check_tags(tags: Option<&Vec<Tag>>, limits: &ServiceLimits) -> Result<(), Error> {
    match tags {
        Some(t) if t.len() > limits.tags_per_resource => Err(Error::limit_exceeded()),
        _ => Ok(()),
    }
}

/// Whether an `EventBusName` (name or ARN; `None` = default) names the default bus.
fn is_default_bus(name: Option<&str>) -> bool {
    match name {
        None => true,
        Some(n) => n == "default" || n.ends_with(":event-bus/default"),
    }
}

impl ServiceCheck for CreateEventBusRequest {
    fn service_check(&self, limits: &ServiceLimits) -> Result<(), Error> {
        check_tags(self.tags.as_ref(), limits)
    }
}

impl ServiceCheck for DeleteEventBusRequest {
    fn service_check(&self, _: &ServiceLimits) -> Result<(), Error> {
        if self.name == "default" {
            return Err(Error::validation("Cannot delete event bus default."));
        }
        Ok(())
    }
}

impl ServiceCheck for PutRuleRequest {
    /// PutRule: pattern or schedule present; schedules only on the default bus; the pattern-size
    /// quota; the pattern itself (its own `InvalidEventPatternException` texts); tags per resource.
    fn service_check(&self, limits: &ServiceLimits) -> Result<(), Error> {
        if self.event_pattern.is_none() && self.schedule_expression.is_none() {
            return Err(Error::validation(
                "Parameter(s) EventPattern or ScheduleExpression must be specified.",
            ));
        }
        if self.schedule_expression.is_some() && !is_default_bus(self.event_bus_name.as_deref()) {
            return Err(Error::validation(
                "ScheduleExpression is supported only on the default event bus.",
            ));
        }
        if let Some(p) = &self.event_pattern {
            let n = chars(p);
            if n > limits.rule_event_pattern_max_chars {
                // Inferred text: AWS documents the quota, not its message.
                return Err(Error::service(
                    ErrorCode::LimitExceeded,
                    format!(
                        "Event pattern size {n} exceeds the maximum of {} characters.",
                        limits.rule_event_pattern_max_chars
                    ),
                ));
            }
            evmatch::Pattern::parse(p)?;
        }
        check_tags(self.tags.as_ref(), limits)
    }
}

impl ServiceCheck for PutTargetsRequest {
    /// PutTargets: one input mode per target, `Input` valid JSON, template placeholders defined, then
    /// the per-request
    /// and per-rule target counts.
    fn service_check(&self, limits: &ServiceLimits) -> Result<(), Error> {
        for t in &self.targets {
            check_target(t)?;
        }
        let distinct: BTreeSet<&str> = self.targets.iter().map(|t| t.id.as_str()).collect();
        if self.targets.len() > limits.targets_per_request
            || distinct.len() > limits.targets_per_rule
        {
            return Err(Error::limit_exceeded());
        }
        Ok(())
    }
}

fn check_target(t: &Target) -> Result<(), Error> {
    let modes = [
        t.input.is_some(),
        t.input_path.is_some(),
        t.input_transformer.is_some(),
    ];
    if modes.iter().filter(|&&m| m).count() > 1 {
        return Err(Error::validation(format!(
            "Only one of Input, InputPath, or InputTransformer must be provided for target {}.",
            t.id
        )));
    }
    if let Some(input) = &t.input
        && !input.is_empty()
        && !evmatch::json::is_valid(input)
    {
        return Err(Error::validation(
            "Parameter Input is not valid. Reason: Input must be valid JSON.",
        ));
    }
    if let Some(tr) = &t.input_transformer {
        for name in placeholders(&tr.input_template) {
            let defined = tr
                .input_paths_map
                .as_ref()
                .is_some_and(|m| m.contains_key(name));
            if !defined && !PREDEFINED_VARIABLES.contains(&name) {
                return Err(Error::validation(format!(
                    "InputTemplate for target {} contains invalid placeholder {name}.",
                    t.id
                )));
            }
        }
    }
    Ok(())
}

impl ServiceCheck for RemoveTargetsRequest {
    fn service_check(&self, limits: &ServiceLimits) -> Result<(), Error> {
        if self.ids.len() > limits.targets_per_request {
            return Err(Error::limit_exceeded());
        }
        Ok(())
    }
}

const OVER_SIZE: &str = "Total size of the entries in the request is over the limit.";

impl ServiceCheck for PutEventsRequest {
    /// PutEvents: the total entry size must be below [`ServiceLimits::put_events_max_size`]. Per-entry
    /// problems (missing `Source`, malformed `Detail`, …) are not request errors: the service reports
    /// them in the entry's result.
    fn service_check(&self, limits: &ServiceLimits) -> Result<(), Error> {
        let total: usize = self.entries.iter().map(PutEventsRequestEntry::size).sum();
        if total >= limits.put_events_max_size {
            return Err(Error::validation(OVER_SIZE));
        }
        Ok(())
    }
}

impl ServiceCheck for PutPartnerEventsRequest {
    fn service_check(&self, limits: &ServiceLimits) -> Result<(), Error> {
        let total: usize = self
            .entries
            .iter()
            .map(PutPartnerEventsRequestEntry::size)
            .sum();
        if total >= limits.put_events_max_size {
            return Err(Error::validation(OVER_SIZE));
        }
        Ok(())
    }
}

fn entry_size(
    time: bool,
    source: Option<&str>,
    detail_type: Option<&str>,
    detail: Option<&str>,
    resources: Option<&Vec<String>>,
) -> usize {
    usize::from(time) * 14
        + source.map_or(0, str::len)
        + detail_type.map_or(0, str::len)
        + detail.map_or(0, str::len)
        + resources.map_or(0, |r| r.iter().map(String::len).sum())
}

impl PutEventsRequestEntry {
    /// The entry's size as AWS counts it for the PutEvents limit: 14 bytes if `Time` is set, plus
    /// the UTF-8 bytes of `Source`, `DetailType`, `Detail` and every resource.
    ///
    /// ```
    /// use evmatch_eventbridge::api::events::PutEventsRequestEntry;
    ///
    /// let e = PutEventsRequestEntry {
    ///     source: Some("a.b".into()),
    ///     detail_type: Some("T".into()),
    ///     detail: Some("{}".into()),
    ///     resources: Some(vec!["arn:x".into(), "é".into()]),
    ///     ..Default::default()
    /// };
    /// assert_eq!(e.size(), 13);
    /// ```
    pub fn size(&self) -> usize {
        entry_size(
            self.time.is_some(),
            self.source.as_deref(),
            self.detail_type.as_deref(),
            self.detail.as_deref(),
            self.resources.as_ref(),
        )
    }
}

impl PutPartnerEventsRequestEntry {
    /// The entry's size, counted as for [`PutEventsRequestEntry::size`].
    pub fn size(&self) -> usize {
        entry_size(
            self.time.is_some(),
            self.source.as_deref(),
            self.detail_type.as_deref(),
            self.detail.as_deref(),
            self.resources.as_ref(),
        )
    }
}

impl ServiceCheck for TestEventPatternRequest {
    /// TestEventPattern: the event first (`Parameter Event is not valid.`), then the pattern — the
    /// checks of [`evmatch::test_event_pattern`], which also reads the event with evmatch's own
    /// reader (duplicate keys, 1000 levels of nesting).
    fn service_check(&self, _: &ServiceLimits) -> Result<(), Error> {
        evmatch::test_event_pattern(&self.event_pattern, &self.event)?;
        Ok(())
    }
}

impl ServiceCheck for CreateArchiveRequest {
    fn service_check(&self, _: &ServiceLimits) -> Result<(), Error> {
        if let Some(p) = &self.event_pattern {
            evmatch::Pattern::parse(p)?;
        }
        Ok(())
    }
}

impl ServiceCheck for UpdateArchiveRequest {
    fn service_check(&self, _: &ServiceLimits) -> Result<(), Error> {
        if self.event_pattern.is_none()
            && self.retention_days.is_none()
            && self.description.is_none()
        {
            return Err(Error::validation(
                "At least one of EventPattern, RetentionDays or Description must be provided.",
            ));
        }
        if let Some(p) = &self.event_pattern {
            evmatch::Pattern::parse(p)?;
        }
        Ok(())
    }
}

impl ServiceCheck for StartReplayRequest {
    fn service_check(&self, _: &ServiceLimits) -> Result<(), Error> {
        if self.event_end_time <= self.event_start_time {
            return Err(Error::validation(
                "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.",
            ));
        }
        Ok(())
    }
}

impl ServiceCheck for PutPermissionRequest {
    fn service_check(&self, limits: &ServiceLimits) -> Result<(), Error> {
        if let Some(p) = &self.policy
            && chars(p) > limits.bus_policy_max_chars
        {
            // Inferred text.
            return Err(Error::service(
                ErrorCode::PolicyLengthExceeded,
                format!(
                    "The policy length exceeds the maximum of {} characters.",
                    limits.bus_policy_max_chars
                ),
            ));
        }
        Ok(())
    }
}

impl ServiceCheck for TagResourceRequest {
    fn service_check(&self, limits: &ServiceLimits) -> Result<(), Error> {
        check_tags(Some(&self.tags), limits)
    }
}
