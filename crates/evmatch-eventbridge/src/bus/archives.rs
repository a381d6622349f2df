//! Archives: `CreateArchive`, `DescribeArchive`, `ListArchives`, `UpdateArchive` and
//! `DeleteArchive` on [`EventBridge`], and the storing of archived events.
//!
//! An archive is fed by a managed rule `Events-Archive-<name>` on its source bus whose pattern is
//! the archive's pattern plus `"replay-name": [{"exists": false}]`, so replayed events are never
//! archived again. Invariants: the archive and its rule are created and deleted together; a
//! pattern change applies to later events only. Costs: archived events are kept in memory, shared
//! (`Arc`) with the replays that take them; retention is applied when the archive is read.

use std::sync::Arc;

use evmatch::Pattern;
use evmatch::json::Value;

use super::config::bus_name;
use super::paging::page;
use super::state::{ArchiveMeta, ArchivedEvent, Event, EventBridge, RuleEntry, bus_not_found};
use super::transform;
use crate::api::Request;
use crate::api::archives::{
    Archive, ArchiveState, CreateArchiveRequest, CreateArchiveResponse, DeleteArchiveRequest,
    DeleteArchiveResponse, DescribeArchiveRequest, DescribeArchiveResponse, ListArchivesRequest,
    ListArchivesResponse, UpdateArchiveRequest, UpdateArchiveResponse,
};
use crate::api::rules::RuleState;
use crate::{Error, ErrorCode};

/// `ManagedBy` of the rules the service creates for archives.
pub const ARCHIVE_RULE_MANAGER: &str = "prod.vhs.events.aws.internal";

fn archive_rule_name(archive: &str) -> String {
    format!("Events-Archive-{archive}")
}

fn archive_not_found(name: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Archive {name} does not exist."),
    )
}

impl EventBridge {
    fn archive_arn(&self, name: &str) -> String {
        format!("{}archive/{name}", self.config.arn_prefix())
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
}

/// The archive-rule pattern: the archive pattern (or `{}`) with
/// `"replay-name": [{"exists": false}]` replacing any `replay-name` member.
fn archive_rule_pattern(pattern: Option<&str>) -> Result<String, Error> {
    let mut members = match pattern {
        None => Vec::new(),
        Some(p) => {
            Pattern::parse(p)?;
            match &transform::parse_event(p) {
                Ok(Value::Object(members)) => members.clone(),
                _ => Vec::new(),
            }
        }
    };
    members.retain(|(k, _)| k != "replay-name");
    members.push((
        "replay-name".into(),
        Value::Array(vec![Value::Object(vec![(
            "exists".into(),
            Value::Bool(false),
        )])]),
    ));
    Ok(transform::compact(&Value::Object(members)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_pattern_gets_replay_name_exists_false() {
        assert_eq!(
            archive_rule_pattern(None).unwrap(),
            r#"{"replay-name":[{"exists":false}]}"#
        );
        assert_eq!(
            archive_rule_pattern(Some(r#"{"source": ["a"], "replay-name": ["x"]}"#)).unwrap(),
            r#"{"source":["a"],"replay-name":[{"exists":false}]}"#
        );
    }
}
