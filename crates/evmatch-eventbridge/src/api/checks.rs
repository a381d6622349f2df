//! Service checks beyond the model: rules the service applies to a well-formed request before it
//! looks at any stored state, with the service's error codes and texts (BUS.md, VALIDATION.md and
//! TRANSFORM.md in the project's specification record where each text comes from).
//!
//! Texts marked *inferred* below have no recorded AWS wording; they follow AWS's style.

use std::collections::BTreeSet;

use super::Limits;
use super::archives::{CreateArchiveRequest, UpdateArchiveRequest};
use super::event_buses::{CreateEventBusRequest, DeleteEventBusRequest};
use super::events::{
    PutEventsRequest, PutEventsRequestEntry, PutPartnerEventsRequest, PutPartnerEventsRequestEntry,
    TestEventPatternRequest,
};
use super::permissions::PutPermissionRequest;
use super::replays::StartReplayRequest;
use super::rules::PutRuleRequest;
use super::tags::{Tag, TagResourceRequest};
use super::targets::{PutTargetsRequest, RemoveTargetsRequest, Target};
use crate::Error;
use crate::ErrorCode;

/// The recorded text of every `LimitExceededException` (BUS.md §6.8, §9.1).
pub const LIMIT_EXCEEDED: &str = "The requested resource exceeds the maximum number allowed.";

/// The placeholders an `InputTemplate` may use without an `InputPathsMap` entry.
pub const PREDEFINED_VARIABLES: &[&str] = &[
    "aws.events.rule-arn",
    "aws.events.rule-name",
    "aws.events.event.ingestion-time",
    "aws.events.event",
    "aws.events.event.json",
];

fn limit_exceeded() -> Error {
    Error::service(ErrorCode::LimitExceeded, LIMIT_EXCEEDED)
}

fn chars(s: &str) -> usize {
    s.encode_utf16().count()
}

fn check_tags(tags: Option<&Vec<Tag>>, limits: &Limits) -> Result<(), Error> {
    match tags {
        Some(t) if t.len() > limits.tags_per_resource => Err(limit_exceeded()),
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

pub(super) fn create_event_bus(r: &CreateEventBusRequest, limits: &Limits) -> Result<(), Error> {
    check_tags(r.tags.as_ref(), limits)
}

pub(super) fn delete_event_bus(r: &DeleteEventBusRequest, _: &Limits) -> Result<(), Error> {
    if r.name == "default" {
        return Err(Error::validation("Cannot delete event bus default."));
    }
    Ok(())
}

/// PutRule: pattern or schedule present; schedules only on the default bus; the pattern-size
/// quota; the pattern itself (its own `InvalidEventPatternException` texts); tags per resource.
pub(super) fn put_rule(r: &PutRuleRequest, limits: &Limits) -> Result<(), Error> {
    if r.event_pattern.is_none() && r.schedule_expression.is_none() {
        return Err(Error::validation(
            "Parameter(s) EventPattern or ScheduleExpression must be specified.",
        ));
    }
    if r.schedule_expression.is_some() && !is_default_bus(r.event_bus_name.as_deref()) {
        return Err(Error::validation(
            "ScheduleExpression is supported only on the default event bus.",
        ));
    }
    if let Some(p) = &r.event_pattern {
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
    check_tags(r.tags.as_ref(), limits)
}

/// PutTargets: one input mode per target, `Input` valid JSON, template placeholders defined, then
/// the per-request
/// and per-rule target counts.
pub(super) fn put_targets(r: &PutTargetsRequest, limits: &Limits) -> Result<(), Error> {
    for t in &r.targets {
        check_target(t)?;
    }
    let distinct: BTreeSet<&str> = r.targets.iter().map(|t| t.id.as_str()).collect();
    if r.targets.len() > limits.targets_per_request || distinct.len() > limits.targets_per_rule {
        return Err(limit_exceeded());
    }
    Ok(())
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

/// The placeholder names of an input template: at every `<`, the text up to the next `>`
/// (a `<` without a later `>` is literal text).
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    let mut rest = template;
    std::iter::from_fn(move || {
        let i = rest.find('<')?;
        let after = &rest[i + 1..];
        let j = after.find('>')?;
        let name = &after[..j];
        rest = &after[j + 1..];
        Some(name)
    })
}

pub(super) fn remove_targets(r: &RemoveTargetsRequest, limits: &Limits) -> Result<(), Error> {
    if r.ids.len() > limits.targets_per_request {
        return Err(limit_exceeded());
    }
    Ok(())
}

const OVER_SIZE: &str = "Total size of the entries in the request is over the limit.";

/// PutEvents: the total entry size must be below [`Limits::put_events_max_size`]. Per-entry
/// problems (missing `Source`, malformed `Detail`, …) are not request errors: the service reports
/// them in the entry's result.
pub(super) fn put_events(r: &PutEventsRequest, limits: &Limits) -> Result<(), Error> {
    let total: usize = r.entries.iter().map(PutEventsRequestEntry::size).sum();
    if total >= limits.put_events_max_size {
        return Err(Error::validation(OVER_SIZE));
    }
    Ok(())
}

pub(super) fn put_partner_events(
    r: &PutPartnerEventsRequest,
    limits: &Limits,
) -> Result<(), Error> {
    let total: usize = r
        .entries
        .iter()
        .map(PutPartnerEventsRequestEntry::size)
        .sum();
    if total >= limits.put_events_max_size {
        return Err(Error::validation(OVER_SIZE));
    }
    Ok(())
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

/// TestEventPattern: the event first (`Parameter Event is not valid.`), then the pattern — the
/// checks of [`evmatch::test_event_pattern`], which also reads the event with evmatch's own
/// reader (duplicate keys, 1000 levels of nesting).
pub(super) fn test_event_pattern(r: &TestEventPatternRequest, _: &Limits) -> Result<(), Error> {
    evmatch::test_event_pattern(&r.event_pattern, &r.event)?;
    Ok(())
}

pub(super) fn create_archive(r: &CreateArchiveRequest, _: &Limits) -> Result<(), Error> {
    if let Some(p) = &r.event_pattern {
        evmatch::Pattern::parse(p)?;
    }
    Ok(())
}

pub(super) fn update_archive(r: &UpdateArchiveRequest, _: &Limits) -> Result<(), Error> {
    if r.event_pattern.is_none() && r.retention_days.is_none() && r.description.is_none() {
        return Err(Error::validation(
            "At least one of EventPattern, RetentionDays or Description must be provided.",
        ));
    }
    if let Some(p) = &r.event_pattern {
        evmatch::Pattern::parse(p)?;
    }
    Ok(())
}

pub(super) fn start_replay(r: &StartReplayRequest, _: &Limits) -> Result<(), Error> {
    if r.event_end_time <= r.event_start_time {
        return Err(Error::validation(
            "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.",
        ));
    }
    Ok(())
}

pub(super) fn put_permission(r: &PutPermissionRequest, limits: &Limits) -> Result<(), Error> {
    if let Some(p) = &r.policy
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

pub(super) fn tag_resource(r: &TagResourceRequest, limits: &Limits) -> Result<(), Error> {
    check_tags(Some(&r.tags), limits)
}
