//! Rule targets: `PutTargets`, `RemoveTargets` and `ListTargetsByRule` on [`EventBridge`].
//!
//! Invariants: targets are kept in the order they were first added and replaced by `Id`; a rule
//! never has more distinct targets than the quota. Costs: as any rule change (see
//! [`super::rules`]).

use std::collections::HashSet;
use std::sync::Arc;

use super::paging::page;
use super::state::{EventBridge, find_bus, find_rule, managed_rule};
use crate::Error;
use crate::api::Request;
use crate::api::targets::{
    ListTargetsByRuleRequest, ListTargetsByRuleResponse, PutTargetsRequest, PutTargetsResponse,
    PutTargetsResultEntry, RemoveTargetsRequest, RemoveTargetsResponse, Target,
};

impl EventBridge {
    /// `PutTargets`: adds or replaces (by `Id`) targets of a rule. Per-target failures (an SQS
    /// FIFO queue without `SqsParameters`) are reported in `FailedEntries` while the others are
    /// stored. Errors: `ValidationException` (shape, input modes, placeholders),
    /// `LimitExceededException`, `ResourceNotFoundException`, `ManagedRuleException`.
    pub fn put_targets(&self, req: PutTargetsRequest) -> Result<PutTargetsResponse, Error> {
        req.validate_with(&self.config.limits)?;
        self.modify(|state| {
            let name = find_bus(state, req.event_bus_name.as_deref())?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            let rule = find_rule(bus, &req.rule)?;
            if rule.managed_by.is_some() {
                return Err(managed_rule(&req.rule));
            }
            let mut failed = Vec::new();
            let mut accepted: Vec<&Target> = Vec::new();
            for t in &req.targets {
                let fifo = t.arn.starts_with("arn:") && t.arn.contains(":sqs:");
                let fifo = fifo && t.arn.ends_with(".fifo");
                let group = t
                    .sqs_parameters
                    .as_ref()
                    .and_then(|p| p.message_group_id.as_ref());
                if fifo && group.is_none() {
                    failed.push(PutTargetsResultEntry {
                        target_id: Some(t.id.clone()),
                        error_code: Some("ValidationException".into()),
                        error_message: Some(format!(
                            "Parameter(s) SqsParameters must be specified for target: {}.",
                            t.id
                        )),
                    });
                } else {
                    accepted.push(t);
                }
            }
            let mut ids: HashSet<&str> = rule.targets.iter().map(|t| t.id.as_str()).collect();
            ids.extend(accepted.iter().map(|t| t.id.as_str()));
            if ids.len() > self.config.limits.targets_per_rule {
                return Err(Error::limit_exceeded());
            }
            let mut entry = (**rule).clone();
            for t in accepted {
                match entry.targets.iter_mut().find(|old| old.id == t.id) {
                    Some(old) => *old = t.clone(),
                    None => entry.targets.push(t.clone()),
                }
            }
            bus.put_rule(entry)?;
            Ok(PutTargetsResponse {
                failed_entry_count: Some(failed.len() as i32),
                failed_entries: Some(failed),
            })
        })
    }

    /// `RemoveTargets`: Ids the rule does not have are ignored. Errors:
    /// `ResourceNotFoundException`, `ManagedRuleException` (unless `Force`),
    /// `LimitExceededException`, `ValidationException`.
    pub fn remove_targets(
        &self,
        req: RemoveTargetsRequest,
    ) -> Result<RemoveTargetsResponse, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            let name = find_bus(state, req.event_bus_name.as_deref())?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            let rule = find_rule(bus, &req.rule)?;
            if rule.managed_by.is_some() && req.force != Some(true) {
                return Err(managed_rule(&req.rule));
            }
            let mut entry = (**rule).clone();
            entry.targets.retain(|t| !req.ids.contains(&t.id));
            bus.put_rule(entry)?;
            Ok(RemoveTargetsResponse {
                failed_entry_count: Some(0),
                failed_entries: Some(Vec::new()),
            })
        })
    }

    /// `ListTargetsByRule`: in the order the targets were first added. Errors:
    /// `ResourceNotFoundException`, `ValidationException` (foreign `NextToken`).
    pub fn list_targets_by_rule(
        &self,
        req: ListTargetsByRuleRequest,
    ) -> Result<ListTargetsByRuleResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let bus = find_bus(&snap, req.event_bus_name.as_deref())?;
        let rule = find_rule(bus, &req.rule)?;
        let query = format!("ListTargetsByRule\0{}\0{}", bus.name, rule.name);
        let (targets, next_token) = page(
            rule.targets.clone(),
            req.next_token.as_deref(),
            req.limit,
            &query,
        )?;
        Ok(ListTargetsByRuleResponse {
            targets: Some(targets),
            next_token,
        })
    }
}
