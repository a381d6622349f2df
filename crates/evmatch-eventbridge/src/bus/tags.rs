//! Tags of event buses and rules: `TagResource`, `UntagResource` and `ListTagsForResource` on
//! [`EventBridge`].
//!
//! Invariants: only buses and rules of this service's account and region are taggable; managed
//! rules are not. Costs: a tag change publishes a new snapshot; listing copies the snapshot's
//! maps it walks.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::config::DEFAULT_BUS;
use super::state::{
    EventBridge, State, bus_not_found, find_rule, managed_rule, rule_not_found, tags_map,
};
use crate::Error;
use crate::api::tags::{
    ListTagsForResourceRequest, ListTagsForResourceResponse, Tag, TagResourceRequest,
    TagResourceResponse, UntagResourceRequest, UntagResourceResponse,
};

impl EventBridge {
    /// `TagResource` on a rule or an event bus (existing keys get the new value). Errors:
    /// `ResourceNotFoundException`, `ValidationException` (an ARN that is neither),
    /// `LimitExceededException` (more than 50 tags), `ManagedRuleException`.
    pub fn tag_resource(&self, req: TagResourceRequest) -> Result<TagResourceResponse, Error> {
        self.validate(&req)?;
        let limit = self.config.limits.tags_per_resource;
        self.modify(|state| {
            self.with_tags(state, &req.resource_arn, true, |tags| {
                let mut next = tags.clone();
                next.extend(tags_map(&req.tags));
                if next.len() > limit {
                    return Err(Error::limit_exceeded());
                }
                *tags = next;
                Ok(())
            })
        })?;
        Ok(TagResourceResponse {})
    }

    /// `UntagResource` (unknown keys are ignored). Errors: as [`tag_resource`].
    ///
    /// [`tag_resource`]: EventBridge::tag_resource
    pub fn untag_resource(
        &self,
        req: UntagResourceRequest,
    ) -> Result<UntagResourceResponse, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            self.with_tags(state, &req.resource_arn, true, |tags| {
                for k in &req.tag_keys {
                    tags.remove(k);
                }
                Ok(())
            })
        })?;
        Ok(UntagResourceResponse {})
    }

    /// `ListTagsForResource`: tags by key. Errors: `ResourceNotFoundException`,
    /// `ValidationException`.
    pub fn list_tags_for_resource(
        &self,
        req: ListTagsForResourceRequest,
    ) -> Result<ListTagsForResourceResponse, Error> {
        self.validate(&req)?;
        let mut state = (*self.snapshot()).clone();
        let mut out = Vec::new();
        self.with_tags(&mut state, &req.resource_arn, false, |tags| {
            out = tags
                .iter()
                .map(|(k, v)| Tag {
                    key: k.clone(),
                    value: v.clone(),
                })
                .collect();
            Ok(())
        })?;
        Ok(ListTagsForResourceResponse { tags: Some(out) })
    }

    fn with_tags(
        &self,
        state: &mut State,
        arn: &str,
        write: bool,
        f: impl FnOnce(&mut BTreeMap<String, String>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let prefix = self.config.arn_prefix();
        let local = arn.strip_prefix(&prefix);
        if let Some(name) = arn.split_once(":event-bus/").map(|(_, n)| n) {
            let bus = match (local, state.buses.get_mut(name)) {
                (Some(_), Some(bus)) => bus,
                _ => return Err(bus_not_found(name)),
            };
            return f(&mut Arc::make_mut(bus).tags);
        }
        if let Some(path) = arn.split_once(":rule/").map(|(_, n)| n) {
            let (bus_name, rule_name) = path.rsplit_once('/').unwrap_or((DEFAULT_BUS, path));
            let bus = match (local, state.buses.get_mut(bus_name)) {
                (Some(_), Some(bus)) => Arc::make_mut(bus),
                _ => return Err(rule_not_found(rule_name, bus_name)),
            };
            let rule = find_rule(bus, rule_name)?;
            if write && rule.managed_by.is_some() {
                return Err(managed_rule(rule_name));
            }
            let mut entry = (**rule).clone();
            f(&mut entry.tags)?;
            bus.rules.insert(entry.name.clone(), Arc::new(entry));
            return Ok(());
        }
        Err(Error::validation(format!(
            "Parameter ResourceARN is not valid. Reason: {arn} is not an event bus or rule ARN."
        )))
    }
}
