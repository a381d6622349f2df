//! Replays: `StartReplay`, `CancelReplay`, `DescribeReplay` and `ListReplays` on
//! [`EventBridge`], and running them.
//!
//! A replay takes the archive's events of its window when it starts and runs at the next
//! [`EventBridge::tick`] (or inside `StartReplay` with
//! [`EventBridgeConfig::replay_on_start`](super::EventBridgeConfig::replay_on_start)), sending
//! each event, with `replay-name` added, to the rules of its destination bus. Invariants: states
//! move `STARTING` → `RUNNING` → `COMPLETED` / `FAILED`, or through `CANCELLING` to `CANCELLED`;
//! the runtime lock is released while events are delivered. Costs: one dispatch per replayed
//! event.

use std::sync::Arc;

use evmatch::json::Value;

use super::config::bus_name;
use super::paging::page;
use super::state::{ArchivedEvent, Event, EventBridge, ReplayRecord, bus_not_found};
use crate::api::Request;
use crate::api::replays::{
    CancelReplayRequest, CancelReplayResponse, DescribeReplayRequest, DescribeReplayResponse,
    ListReplaysRequest, ListReplaysResponse, Replay, ReplayState, StartReplayRequest,
    StartReplayResponse,
};
use crate::{Error, ErrorCode};

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

impl EventBridge {
    fn replay_arn(&self, name: &str) -> String {
        format!("{}replay/{name}", self.config.arn_prefix())
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

/// The archived event with `"replay-name": <replay>` inserted after `region`, as AWS
/// delivers replayed events.
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
