//! Rules: `PutRule`, `DescribeRule`, `ListRules`, `EnableRule`, `DisableRule`, `DeleteRule` and
//! `ListRuleNamesByTarget` on [`EventBridge`].
//!
//! Invariants: managed rules (those of archives) cannot be changed through these operations;
//! `PutRule` keeps a rule's targets and, when the schedule and enabled state stay, its schedule
//! anchor. Costs: a rule change recompiles nothing but that rule's pattern in its bus's matcher.

use std::sync::Arc;

use super::config::rule_arn;
use super::paging::page;
use super::schedule::Schedule;
use super::state::{EventBridge, RuleEntry, find_bus, find_rule, managed_rule, tags_map};
use crate::Error;
use crate::api::Empty;
use crate::api::rules::{
    DeleteRuleRequest, DescribeRuleRequest, DescribeRuleResponse, DisableRuleRequest,
    EnableRuleRequest, ListRuleNamesByTargetRequest, ListRuleNamesByTargetResponse,
    ListRulesRequest, ListRulesResponse, PutRuleRequest, PutRuleResponse, Rule, RuleState,
};

impl EventBridge {
    /// `PutRule`: creates or replaces a rule (targets are kept; omitted members are reset; tags
    /// only apply to a new rule). Errors: `ValidationException` (no pattern and no schedule, a
    /// schedule on a custom bus, `Parameter ScheduleExpression is not valid.`),
    /// `InvalidEventPatternException`, `ResourceNotFoundException`, `ManagedRuleException`,
    /// `LimitExceededException`.
    pub fn put_rule(&self, req: PutRuleRequest) -> Result<PutRuleResponse, Error> {
        self.validate(&req)?;
        let schedule = req
            .schedule_expression
            .as_deref()
            .map(Schedule::parse)
            .transpose()?;
        let now = self.clock.now();
        self.modify(|state| {
            let name = find_bus(state, req.event_bus_name.as_deref())?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            let old = bus.rules.get(&req.name).cloned();
            if let Some(old) = &old {
                if old.managed_by.is_some() {
                    return Err(managed_rule(&req.name));
                }
            } else if bus.rules.len() >= self.config.rules_per_bus {
                return Err(Error::limit_exceeded());
            }
            let state_value = req.state.clone().unwrap_or(RuleState::Enabled);
            let arn = rule_arn(&self.config, &bus.name, &req.name);
            let enabled = !matches!(state_value, RuleState::Disabled);
            let schedule_anchor = match &old {
                Some(o)
                    if o.schedule_expression == req.schedule_expression
                        && (o.enabled() || !enabled) =>
                {
                    o.schedule_anchor
                }
                _ => now,
            };
            let rule = RuleEntry {
                name: req.name.clone(),
                arn: arn.clone(),
                event_pattern: req.event_pattern.clone(),
                schedule_expression: req.schedule_expression.clone(),
                schedule: schedule.clone(),
                state: state_value,
                description: req.description.clone(),
                role_arn: req.role_arn.clone(),
                managed_by: None,
                archive: None,
                targets: old.as_ref().map(|o| o.targets.clone()).unwrap_or_default(),
                tags: match &old {
                    Some(o) => o.tags.clone(),
                    None => tags_map(req.tags.as_deref().unwrap_or_default()),
                },
                schedule_anchor,
            };
            bus.put_rule(rule)?;
            Ok(PutRuleResponse {
                rule_arn: Some(arn),
            })
        })
    }

    /// `DescribeRule`. Errors: `ResourceNotFoundException` (bus or rule).
    pub fn describe_rule(&self, req: DescribeRuleRequest) -> Result<DescribeRuleResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let bus = find_bus(&snap, req.event_bus_name.as_deref())?;
        let rule = find_rule(bus, &req.name)?;
        Ok(DescribeRuleResponse {
            name: Some(rule.name.clone()),
            arn: Some(rule.arn.clone()),
            event_pattern: rule.event_pattern.clone(),
            schedule_expression: rule.schedule_expression.clone(),
            state: Some(rule.state.clone()),
            description: rule.description.clone(),
            role_arn: rule.role_arn.clone(),
            managed_by: rule.managed_by.clone(),
            event_bus_name: Some(bus.name.clone()),
            created_by: Some(self.config.account.clone()),
        })
    }

    /// `ListRules`: by name, `NamePrefix`, `Limit`, `NextToken`. Errors:
    /// `ResourceNotFoundException`, `ValidationException` (foreign `NextToken`).
    pub fn list_rules(&self, req: ListRulesRequest) -> Result<ListRulesResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let bus = find_bus(&snap, req.event_bus_name.as_deref())?;
        let prefix = req.name_prefix.as_deref().unwrap_or("");
        let items: Vec<Rule> = bus
            .rules
            .values()
            .filter(|r| r.name.starts_with(prefix))
            .map(|r| Rule {
                name: Some(r.name.clone()),
                arn: Some(r.arn.clone()),
                event_pattern: r.event_pattern.clone(),
                state: Some(r.state.clone()),
                description: r.description.clone(),
                schedule_expression: r.schedule_expression.clone(),
                role_arn: r.role_arn.clone(),
                managed_by: r.managed_by.clone(),
                event_bus_name: Some(bus.name.clone()),
            })
            .collect();
        let query = format!("ListRules\0{}\0{prefix}", bus.name);
        let (rules, next_token) = page(items, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListRulesResponse {
            rules: Some(rules),
            next_token,
        })
    }

    /// `EnableRule` (idempotent). Errors: `ResourceNotFoundException`, `ManagedRuleException`.
    pub fn enable_rule(&self, req: EnableRuleRequest) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.set_rule_state(&req.name, req.event_bus_name.as_deref(), RuleState::Enabled)
    }

    /// `DisableRule` (idempotent; a disabled rule never matches and never fires). Errors:
    /// `ResourceNotFoundException`, `ManagedRuleException`.
    pub fn disable_rule(&self, req: DisableRuleRequest) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.set_rule_state(
            &req.name,
            req.event_bus_name.as_deref(),
            RuleState::Disabled,
        )
    }

    fn set_rule_state(
        &self,
        rule: &str,
        bus: Option<&str>,
        new_state: RuleState,
    ) -> Result<Empty, Error> {
        let now = self.clock.now();
        self.modify(|state| {
            let name = find_bus(state, bus)?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            let old = find_rule(bus, rule)?;
            if old.managed_by.is_some() {
                return Err(managed_rule(rule));
            }
            let mut entry = (**old).clone();
            let enabling = !old.enabled() && !matches!(new_state, RuleState::Disabled);
            if enabling {
                entry.schedule_anchor = now;
            }
            if old.enabled() && !matches!(new_state, RuleState::Disabled) {
                // Already enabled: keep ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS as is.
                return Ok(Empty {});
            }
            entry.state = new_state;
            bus.put_rule(entry)?;
            Ok(Empty {})
        })
    }

    /// `DeleteRule`: a rule that does not exist is a success. Errors:
    /// `ResourceNotFoundException` (bus), `ValidationException`
    /// (`Rule can't be deleted since it has targets.`), `ManagedRuleException` (unless `Force`).
    pub fn delete_rule(&self, req: DeleteRuleRequest) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            let name = find_bus(state, req.event_bus_name.as_deref())?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            let Some(rule) = bus.rules.get(&req.name) else {
                return Ok(Empty {});
            };
            if rule.managed_by.is_some() {
                if req.force != Some(true) {
                    return Err(managed_rule(&req.name));
                }
            } else if !rule.targets.is_empty() {
                return Err(Error::validation(
                    "Rule can't be deleted since it has targets.",
                ));
            }
            bus.remove_rule(&req.name);
            Ok(Empty {})
        })
    }

    /// `ListRuleNamesByTarget`: names of the bus's rules with a target of exactly that ARN.
    /// Errors: `ResourceNotFoundException`, `ValidationException` (foreign `NextToken`).
    pub fn list_rule_names_by_target(
        &self,
        req: ListRuleNamesByTargetRequest,
    ) -> Result<ListRuleNamesByTargetResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let bus = find_bus(&snap, req.event_bus_name.as_deref())?;
        let names: Vec<String> = bus
            .rules
            .values()
            .filter(|r| r.targets.iter().any(|t| t.arn == req.target_arn))
            .map(|r| r.name.clone())
            .collect();
        let query = format!("ListRuleNamesByTarget\0{}\0{}", bus.name, req.target_arn);
        let (rule_names, next_token) = page(names, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListRuleNamesByTargetResponse {
            rule_names: Some(rule_names),
            next_token,
        })
    }
}
