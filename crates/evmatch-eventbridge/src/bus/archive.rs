//! Archives and replays of the in-process EventBridge (BUS.md §8, §9): more methods of
//! [`EventBridge`].
//!
//! An archive is fed by a managed rule `Events-Archive-<name>` on its source bus whose pattern is
//! the archive's pattern plus `"replay-name": [{"exists": false}]`, so replayed events are never
//! archived again. A replay takes the archive's events of its window when it starts, and runs at
//! the next [`EventBridge::tick`] (or inside `StartReplay` with
//! [`ServiceConfig::replay_on_start`](super::ServiceConfig::replay_on_start)).

use std::sync::Arc;

use crate::Error;
use crate::ErrorCode;
use crate::api::archives::{
    Archive, ArchiveState, CreateArchiveRequest, CreateArchiveResponse, DeleteArchiveRequest,
    DeleteArchiveResponse, DescribeArchiveRequest, DescribeArchiveResponse, ListArchivesRequest,
    ListArchivesResponse, UpdateArchiveRequest, UpdateArchiveResponse,
};
use crate::api::replays::{
    CancelReplayRequest, CancelReplayResponse, DescribeReplayRequest, DescribeReplayResponse,
    ListReplaysRequest, ListReplaysResponse, Replay, ReplayDestination, ReplayState,
    StartReplayRequest, StartReplayResponse,
};
use crate::api::rules::RuleState;
use crate::api::{Request, Timestamp};
use evmatch::json::Value;

use super::service::{
    ARCHIVE_RULE_MANAGER, Event, EventBridge, RuleEntry, Runtime, archive_rule_pattern, bus_name,
    bus_not_found, page,
};

/// An archive's definition (part of the published state).
#[derive(Debug, Clone)]
pub(super) struct ArchiveMeta {
    name: String,
    arn: String,
    source_bus: String,
    source_arn: String,
    event_pattern: Option<String>,
    description: Option<String>,
    retention_days: i32,
    kms_key_identifier: Option<String>,
    creation_time: Timestamp,
}

/// One archived event.
#[derive(Debug)]
pub(super) struct ArchivedEvent {
    event: Event,
    archived_at: Timestamp,
}

/// A replay and its progress.
#[derive(Debug)]
pub(super) struct ReplayRecord {
    name: String,
    arn: String,
    description: Option<String>,
    state: ReplayState,
    state_reason: Option<String>,
    event_source_arn: String,
    destination: ReplayDestination,
    event_start_time: Timestamp,
    event_end_time: Timestamp,
    replay_start_time: Timestamp,
    event_last_replayed_time: Option<Timestamp>,
    replay_end_time: Option<Timestamp>,
    /// The events of the window, taken when the replay started, in replay order.
    events: Vec<Arc<ArchivedEvent>>,
}

fn archive_rule_name(archive: &str) -> String {
    format!("Events-Archive-{archive}")
}

fn archive_not_found(name: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Archive {name} does not exist."),
    )
}

fn replay_not_found(name: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Replay {name} does not exist."),
    )
}

/// The text after the last `/` of an ARN (`archive/<name>` → `<name>`), or the whole text.
fn arn_name(arn: &str) -> &str {
    arn.rsplit_once('/').map_or(arn, |(_, n)| n)
}

impl Runtime {
    /// The archive's events after applying its retention at `now`.
    fn retained(&mut self, meta: &ArchiveMeta, now: Timestamp) -> &mut Vec<Arc<ArchivedEvent>> {
        let events = self.archived.entry(meta.name.clone()).or_default();
        if meta.retention_days > 0 {
            let keep = i64::from(meta.retention_days) * 86_400;
            events.retain(|e| now.secs() - e.archived_at.secs() < keep);
        }
        events
    }
}

impl EventBridge {
    fn archive_arn(&self, name: &str) -> String {
        format!("{}archive/{name}", self.config.arn_prefix())
    }

    fn replay_arn(&self, name: &str) -> String {
        format!("{}replay/{name}", self.config.arn_prefix())
    }

    /// Stores `event` in archive `archive` (called for a match of its managed rule).
    pub(super) fn archive_event(&self, archive: &str, event: &Event) {
        let archived_at = self.clock.now();
        let mut rt = self.runtime();
        if let Some(events) = rt.archived.get_mut(archive) {
            events.push(Arc::new(ArchivedEvent {
                event: event.clone(),
                archived_at,
            }));
        }
    }

    /// `CreateArchive`: creates the archive and its managed rule on the source bus. Errors:
    /// `ResourceAlreadyExistsException`, `ResourceNotFoundException` (source bus),
    /// `InvalidEventPatternException`, `LimitExceededException` (rules per bus),
    /// `ValidationException`.
    pub fn create_archive(
        &self,
        req: CreateArchiveRequest,
    ) -> Result<CreateArchiveResponse, Error> {
        req.validate_with(&self.config.limits)?;
        let now = self.clock.now();
        let rule_pattern = archive_rule_pattern(req.event_pattern.as_deref())?;
        self.modify(|state| {
            if state.archives.contains_key(&req.archive_name) {
                return Err(Error::service(
                    ErrorCode::ResourceAlreadyExists,
                    format!("Archive {} already exists.", req.archive_name),
                ));
            }
            let source_bus = bus_name(Some(&req.event_source_arn)).to_string();
            let Some(bus) = state.buses.get_mut(&source_bus) else {
                return Err(bus_not_found(&source_bus));
            };
            let bus = Arc::make_mut(bus);
            let rule_name = archive_rule_name(&req.archive_name);
            if bus.rules.contains_key(&rule_name) {
                return Err(Error::service(
                    ErrorCode::ResourceAlreadyExists,
                    format!("Rule {rule_name} already exists."),
                ));
            }
            if bus.rules.len() >= self.config.rules_per_bus {
                return Err(Error::limit_exceeded());
            }
            bus.put_rule(RuleEntry {
                arn: self.rule_arn(&bus.name, &rule_name),
                name: rule_name,
                event_pattern: Some(rule_pattern),
                schedule_expression: None,
                schedule: None,
                state: RuleState::Enabled,
                description: None,
                role_arn: None,
                managed_by: Some(ARCHIVE_RULE_MANAGER.into()),
                archive: Some(req.archive_name.clone()),
                targets: Vec::new(),
                tags: Default::default(),
                schedule_anchor: now,
            })?;
            let arn = self.archive_arn(&req.archive_name);
            let meta = ArchiveMeta {
                name: req.archive_name.clone(),
                arn: arn.clone(),
                source_bus: bus.name.clone(),
                source_arn: bus.arn.clone(),
                event_pattern: req.event_pattern.clone(),
                description: req.description.clone(),
                retention_days: req.retention_days.unwrap_or(0),
                kms_key_identifier: req.kms_key_identifier.clone(),
                creation_time: now,
            };
            state
                .archives
                .insert(req.archive_name.clone(), Arc::new(meta));
            self.runtime()
                .archived
                .insert(req.archive_name.clone(), Vec::new());
            Ok(CreateArchiveResponse {
                archive_arn: Some(arn),
                state: Some(ArchiveState::Enabled),
                state_reason: None,
                creation_time: Some(now),
            })
        })
    }

    /// `DescribeArchive`. Errors: `ResourceNotFoundException`.
    pub fn describe_archive(
        &self,
        req: DescribeArchiveRequest,
    ) -> Result<DescribeArchiveResponse, Error> {
        req.validate_with(&self.config.limits)?;
        let snap = self.snapshot();
        let meta = snap
            .archives
            .get(&req.archive_name)
            .ok_or_else(|| archive_not_found(&req.archive_name))?;
        let (count, size) = self.archive_counts(meta);
        Ok(DescribeArchiveResponse {
            archive_arn: Some(meta.arn.clone()),
            archive_name: Some(meta.name.clone()),
            event_source_arn: Some(meta.source_arn.clone()),
            description: meta.description.clone(),
            event_pattern: meta.event_pattern.clone(),
            state: Some(ArchiveState::Enabled),
            state_reason: None,
            kms_key_identifier: meta.kms_key_identifier.clone(),
            retention_days: Some(meta.retention_days),
            size_bytes: Some(size),
            event_count: Some(count),
            creation_time: Some(meta.creation_time),
        })
    }

    fn archive_counts(&self, meta: &ArchiveMeta) -> (i64, i64) {
        let now = self.clock.now();
        let mut rt = self.runtime();
        let events = rt.retained(meta, now);
        let size: usize = events.iter().map(|e| e.event.size).sum();
        (events.len() as i64, size as i64)
    }

    /// `ListArchives`: by name, filtered by `NamePrefix`, `EventSourceArn` and `State`. Errors:
    /// `ResourceNotFoundException` (unknown `EventSourceArn` bus), `ValidationException`.
    pub fn list_archives(&self, req: ListArchivesRequest) -> Result<ListArchivesResponse, Error> {
        req.validate_with(&self.config.limits)?;
        let snap = self.snapshot();
        let source = match &req.event_source_arn {
            Some(arn) => {
                let name = bus_name(Some(arn));
                if !snap.buses.contains_key(name) {
                    return Err(bus_not_found(name));
                }
                Some(name)
            }
            None => None,
        };
        let prefix = req.name_prefix.as_deref().unwrap_or("");
        let items: Vec<Archive> = snap
            .archives
            .values()
            .filter(|a| a.name.starts_with(prefix))
            .filter(|a| source.is_none_or(|s| a.source_bus == s))
            .filter(|_| {
                req.state
                    .as_ref()
                    .is_none_or(|s| *s == ArchiveState::Enabled)
            })
            .map(|a| {
                let (count, size) = self.archive_counts(a);
                Archive {
                    archive_name: Some(a.name.clone()),
                    event_source_arn: Some(a.source_arn.clone()),
                    state: Some(ArchiveState::Enabled),
                    state_reason: None,
                    retention_days: Some(a.retention_days),
                    size_bytes: Some(size),
                    event_count: Some(count),
                    creation_time: Some(a.creation_time),
                }
            })
            .collect();
        let query = format!(
            "ListArchives\0{prefix}\0{}\0{}",
            source.unwrap_or(""),
            req.state.as_ref().map_or("", |s| s.as_str())
        );
        let (archives, next_token) = page(items, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListArchivesResponse {
            archives: Some(archives),
            next_token,
        })
    }

    /// `UpdateArchive`: a new pattern applies to later events only. Errors: `ValidationException`
    /// (`At least one of EventPattern, RetentionDays or Description must be provided.`, checked
    /// first), `ResourceNotFoundException`, `InvalidEventPatternException`.
    pub fn update_archive(
        &self,
        req: UpdateArchiveRequest,
    ) -> Result<UpdateArchiveResponse, Error> {
        req.validate_with(&self.config.limits)?;
        self.modify(|state| {
            let meta = state
                .archives
                .get_mut(&req.archive_name)
                .ok_or_else(|| archive_not_found(&req.archive_name))?;
            let meta = Arc::make_mut(meta);
            if let Some(p) = &req.event_pattern {
                meta.event_pattern = Some(p.clone());
            }
            if let Some(d) = &req.description {
                meta.description = Some(d.clone());
            }
            if let Some(r) = req.retention_days {
                meta.retention_days = r;
            }
            if req.kms_key_identifier.is_some() {
                meta.kms_key_identifier = req.kms_key_identifier.clone();
            }
            let meta = meta.clone();
            if req.event_pattern.is_some() {
                let pattern = archive_rule_pattern(meta.event_pattern.as_deref())?;
                let rule_name = archive_rule_name(&meta.name);
                if let Some(bus) = state.buses.get_mut(&meta.source_bus) {
                    let bus = Arc::make_mut(bus);
                    if let Some(rule) = bus.rules.get(&rule_name) {
                        let mut rule = (**rule).clone();
                        rule.event_pattern = Some(pattern);
                        bus.put_rule(rule)?;
                    }
                }
            }
            Ok(UpdateArchiveResponse {
                archive_arn: Some(meta.arn.clone()),
                state: Some(ArchiveState::Enabled),
                state_reason: None,
                creation_time: Some(meta.creation_time),
            })
        })
    }

    /// `DeleteArchive`: removes the archive, its events and its managed rule; replays already
    /// started keep their events. Errors: `ResourceNotFoundException`.
    pub fn delete_archive(
        &self,
        req: DeleteArchiveRequest,
    ) -> Result<DeleteArchiveResponse, Error> {
        req.validate_with(&self.config.limits)?;
        self.modify(|state| {
            let meta = state
                .archives
                .remove(&req.archive_name)
                .ok_or_else(|| archive_not_found(&req.archive_name))?;
            if let Some(bus) = state.buses.get_mut(&meta.source_bus) {
                Arc::make_mut(bus).remove_rule(&archive_rule_name(&meta.name));
            }
            self.runtime().archived.remove(&meta.name);
            Ok(DeleteArchiveResponse {})
        })
    }

    /// `StartReplay`: checks, in order, the name (`ResourceAlreadyExistsException`), the window
    /// and the archive (`ValidationException`), the destination bus
    /// (`ResourceNotFoundException`, `ValidationException` for another bus than the archive's)
    /// and the concurrent-replay quota (`LimitExceededException`). The replay takes the archive's
    /// events with `time` in `[EventStartTime, EventEndTime)`, in time order, and is `STARTING`
    /// until the next [`tick`](EventBridge::tick).
    pub fn start_replay(&self, req: StartReplayRequest) -> Result<StartReplayResponse, Error> {
        req.validate_shape()?;
        let now = self.clock.now();
        let snap = self.snapshot();
        {
            let mut rt = self.runtime();
            if rt.replays.contains_key(&req.replay_name) {
                return Err(Error::service(
                    ErrorCode::ResourceAlreadyExists,
                    format!("Replay {} already exists.", req.replay_name),
                ));
            }
            req.service_checks(&self.config.limits)?;
            let archive_name = arn_name(&req.event_source_arn);
            let meta = snap.archives.get(archive_name).ok_or_else(|| {
                Error::validation(format!(
                    "Parameter EventSourceArn is not valid. Reason: Archive {archive_name} does not exist."
                ))
            })?;
            let dest = bus_name(Some(&req.destination.arn));
            if !snap.buses.contains_key(dest) {
                return Err(bus_not_found(dest));
            }
            if dest != meta.source_bus {
                return Err(Error::validation(
                    "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.",
                ));
            }
            let active = rt
                .replays
                .values()
                .filter(|r| matches!(r.state, ReplayState::Starting | ReplayState::Running))
                .count();
            if active >= self.config.concurrent_replays {
                return Err(Error::limit_exceeded());
            }
            let mut events: Vec<Arc<ArchivedEvent>> = rt
                .retained(meta, now)
                .iter()
                .filter(|e| {
                    req.event_start_time <= e.event.time && e.event.time < req.event_end_time
                })
                .cloned()
                .collect();
            events.sort_by_key(|e| e.event.time); // stable: ties keep archive order
            let record = ReplayRecord {
                name: req.replay_name.clone(),
                arn: self.replay_arn(&req.replay_name),
                description: req.description.clone(),
                state: ReplayState::Starting,
                state_reason: None,
                event_source_arn: req.event_source_arn.clone(),
                destination: req.destination.clone(),
                event_start_time: req.event_start_time,
                event_end_time: req.event_end_time,
                replay_start_time: now,
                event_last_replayed_time: None,
                replay_end_time: None,
                events,
            };
            rt.replays.insert(req.replay_name.clone(), record);
        }
        if self.config.replay_on_start {
            self.run_replay(&req.replay_name);
        }
        Ok(StartReplayResponse {
            replay_arn: Some(self.replay_arn(&req.replay_name)),
            state: Some(ReplayState::Starting),
            state_reason: None,
            replay_start_time: Some(now),
        })
    }

    /// `CancelReplay`: a `STARTING` or `RUNNING` replay becomes `CANCELLING` (and `CANCELLED` at
    /// the next [`tick`](EventBridge::tick)). Errors: `ResourceNotFoundException`,
    /// `IllegalStatusException`.
    pub fn cancel_replay(&self, req: CancelReplayRequest) -> Result<CancelReplayResponse, Error> {
        req.validate_with(&self.config.limits)?;
        let mut rt = self.runtime();
        let record = rt
            .replays
            .get_mut(&req.replay_name)
            .ok_or_else(|| replay_not_found(&req.replay_name))?;
        if !matches!(record.state, ReplayState::Starting | ReplayState::Running) {
            return Err(Error::service(
                ErrorCode::IllegalStatus,
                format!(
                    "Replay {} is not in a state that can be cancelled.",
                    req.replay_name
                ),
            ));
        }
        record.state = ReplayState::Cancelling;
        Ok(CancelReplayResponse {
            replay_arn: Some(record.arn.clone()),
            state: Some(ReplayState::Cancelling),
            state_reason: None,
        })
    }

    /// `DescribeReplay`. Errors: `ResourceNotFoundException`.
    pub fn describe_replay(
        &self,
        req: DescribeReplayRequest,
    ) -> Result<DescribeReplayResponse, Error> {
        req.validate_with(&self.config.limits)?;
        let rt = self.runtime();
        let r = rt
            .replays
            .get(&req.replay_name)
            .ok_or_else(|| replay_not_found(&req.replay_name))?;
        Ok(DescribeReplayResponse {
            replay_name: Some(r.name.clone()),
            replay_arn: Some(r.arn.clone()),
            description: r.description.clone(),
            state: Some(r.state.clone()),
            state_reason: r.state_reason.clone(),
            event_source_arn: Some(r.event_source_arn.clone()),
            destination: Some(r.destination.clone()),
            event_start_time: Some(r.event_start_time),
            event_end_time: Some(r.event_end_time),
            event_last_replayed_time: r.event_last_replayed_time,
            replay_start_time: Some(r.replay_start_time),
            replay_end_time: r.replay_end_time,
        })
    }

    /// `ListReplays`: by name, filtered by `NamePrefix`, `State` and `EventSourceArn`. Errors:
    /// `ValidationException`.
    pub fn list_replays(&self, req: ListReplaysRequest) -> Result<ListReplaysResponse, Error> {
        req.validate_with(&self.config.limits)?;
        let rt = self.runtime();
        let prefix = req.name_prefix.as_deref().unwrap_or("");
        let items: Vec<Replay> = rt
            .replays
            .values()
            .filter(|r| r.name.starts_with(prefix))
            .filter(|r| req.state.as_ref().is_none_or(|s| *s == r.state))
            .filter(|r| {
                req.event_source_arn
                    .as_ref()
                    .is_none_or(|a| *a == r.event_source_arn)
            })
            .map(|r| Replay {
                replay_name: Some(r.name.clone()),
                event_source_arn: Some(r.event_source_arn.clone()),
                state: Some(r.state.clone()),
                state_reason: r.state_reason.clone(),
                event_start_time: Some(r.event_start_time),
                event_end_time: Some(r.event_end_time),
                event_last_replayed_time: r.event_last_replayed_time,
                replay_start_time: Some(r.replay_start_time),
                replay_end_time: r.replay_end_time,
            })
            .collect();
        drop(rt);
        let query = format!(
            "ListReplays\0{prefix}\0{}\0{}",
            req.state.as_ref().map_or("", |s| s.as_str()),
            req.event_source_arn.as_deref().unwrap_or("")
        );
        let (replays, next_token) = page(items, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListReplaysResponse {
            replays: Some(replays),
            next_token,
        })
    }

    /// Finishes cancellations and runs every `STARTING` replay (from [`EventBridge::tick`]).
    pub(super) fn run_pending_replays(&self) {
        let starting: Vec<String> = {
            let now = self.clock.now();
            let mut rt = self.runtime();
            for r in rt.replays.values_mut() {
                if r.state == ReplayState::Cancelling {
                    r.state = ReplayState::Cancelled;
                    r.replay_end_time = Some(now);
                    r.events.clear();
                }
            }
            rt.replays
                .values()
                .filter(|r| r.state == ReplayState::Starting)
                .map(|r| r.name.clone())
                .collect()
        };
        for name in starting {
            self.run_replay(&name);
        }
    }

    /// Replays every event of a `STARTING` replay on its destination bus.
    fn run_replay(&self, name: &str) {
        let (events, dest, filter) = {
            let mut rt = self.runtime();
            let Some(r) = rt.replays.get_mut(name) else {
                return;
            };
            if r.state != ReplayState::Starting {
                return;
            }
            r.state = ReplayState::Running;
            let filter = r.destination.filter_arns.clone().filter(|f| !f.is_empty());
            (
                std::mem::take(&mut r.events),
                bus_name(Some(&r.destination.arn)).to_string(),
                filter,
            )
        };
        let snap = self.snapshot();
        let mut failure = None;
        if !snap.buses.contains_key(&dest) {
            failure = Some(format!("Event bus {dest} does not exist."));
        }
        let mut cancelled = false;
        for archived in events.iter().filter(|_| failure.is_none()) {
            if self
                .runtime()
                .replays
                .get(name)
                .is_some_and(|r| r.state == ReplayState::Cancelling)
            {
                cancelled = true;
                break;
            }
            let event = replayed(&archived.event, name);
            self.dispatch(&snap, &dest, &event, filter.as_deref(), 0);
            if let Some(r) = self.runtime().replays.get_mut(name) {
                r.event_last_replayed_time = Some(archived.event.time);
            }
        }
        let now = self.clock.now();
        if let Some(r) = self.runtime().replays.get_mut(name) {
            r.replay_end_time = Some(now);
            r.state = if let Some(reason) = failure {
                r.state_reason = Some(reason);
                ReplayState::Failed
            } else if cancelled || r.state == ReplayState::Cancelling {
                ReplayState::Cancelled
            } else {
                ReplayState::Completed
            };
        }
    }
}

/// The archived event with `"replay-name": <replay>` inserted after `region` (BUS.md §9.4).
fn replayed(event: &Event, replay: &str) -> Event {
    let mut value = event.value.clone();
    if let Value::Object(members) = &mut value {
        members.retain(|(k, _)| k != "replay-name");
        let at = members
            .iter()
            .position(|(k, _)| k == "region")
            .map_or(members.len(), |i| i + 1);
        members.insert(at, ("replay-name".into(), Value::String(replay.into())));
    }
    Event::new(
        value,
        event.id.clone(),
        event.time,
        event.ingestion,
        event.size,
    )
}
