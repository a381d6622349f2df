//! Event buses: `CreateEventBus`, `DescribeEventBus`, `ListEventBuses`, `UpdateEventBus` and
//! `DeleteEventBus` on [`EventBridge`].
//!
//! Invariants: the default bus always exists and cannot be deleted; a bus with rules cannot be
//! deleted. Costs: each change publishes a new snapshot (see [`super::state`]).

use std::sync::Arc;

use super::config::{DEFAULT_BUS, bus_arn, bus_name};
use super::paging::page;
use super::state::{Bus, EventBridge, Policy, find_bus, tags_map};
use crate::api::Empty;
use crate::api::event_buses::{
    CreateEventBusRequest, CreateEventBusResponse, DeleteEventBusRequest, DescribeEventBusRequest,
    DescribeEventBusResponse, EventBus, ListEventBusesRequest, ListEventBusesResponse,
    UpdateEventBusRequest, UpdateEventBusResponse,
};
use crate::{Error, ErrorCode};

impl EventBridge {
    /// `CreateEventBus`. Errors: `ResourceAlreadyExistsException`, `LimitExceededException`,
    /// `ValidationException` (a custom bus name with `/`, a partner bus whose name is not its
    /// `EventSourceName`), `ResourceNotFoundException` (a partner bus whose event source is not
    /// offered to this account: `Event source <name> does not exist.`; the source becomes
    /// `ACTIVE`).
    pub fn create_event_bus(
        &self,
        req: CreateEventBusRequest,
    ) -> Result<CreateEventBusResponse, Error> {
        self.validate(&req)?;
        match &req.event_source_name {
            Some(source) if !source.starts_with("aws.partner/") || *source != req.name => {
                return Err(Error::validation(format!(
                    "Parameter EventSourceName is not valid. Reason: Event source {source} does not match event bus name {}.",
                    req.name
                )));
            }
            Some(_) => {}
            None if req.name.contains('/') => {
                return Err(Error::validation(format!(
                    "Parameter Name is not valid. Reason: Event bus name {} must not contain '/'.",
                    req.name
                )));
            }
            None => {}
        }
        let now = self.clock.now();
        self.modify(|state| {
            if state.buses.contains_key(&req.name) {
                return Err(Error::service(
                    ErrorCode::ResourceAlreadyExists,
                    format!("Event bus {} already exists.", req.name),
                ));
            }
            if req.event_source_name.is_some() {
                self.attach_partner_bus(state, &req.name)?;
            }
            if state.buses.len() >= self.config.event_buses {
                return Err(Error::limit_exceeded());
            }
            let arn = bus_arn(&self.config, &req.name);
            let mut bus = Bus::new(&req.name, arn.clone(), now, &self.config.limits);
            bus.description = req.description.clone();
            bus.kms_key_identifier = req.kms_key_identifier.clone();
            bus.dead_letter_config = req.dead_letter_config.clone();
            bus.log_config = req.log_config.clone();
            bus.tags = tags_map(req.tags.as_deref().unwrap_or_default());
            state.buses.insert(req.name.clone(), Arc::new(bus));
            Ok(CreateEventBusResponse {
                event_bus_arn: Some(arn),
                description: req.description,
                kms_key_identifier: req.kms_key_identifier,
                dead_letter_config: req.dead_letter_config,
                log_config: req.log_config,
            })
        })
    }

    /// `DescribeEventBus` (`Name` omitted → the default bus). Errors:
    /// `ResourceNotFoundException`.
    pub fn describe_event_bus(
        &self,
        req: DescribeEventBusRequest,
    ) -> Result<DescribeEventBusResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let bus = find_bus(&snap, req.name.as_deref())?;
        Ok(DescribeEventBusResponse {
            name: Some(bus.name.clone()),
            arn: Some(bus.arn.clone()),
            description: bus.description.clone(),
            kms_key_identifier: bus.kms_key_identifier.clone(),
            dead_letter_config: bus.dead_letter_config.clone(),
            policy: bus.policy.as_ref().map(Policy::render),
            log_config: bus.log_config.clone(),
            creation_time: Some(bus.creation_time),
            last_modified_time: Some(bus.last_modified_time),
            managed_by: None,
        })
    }

    /// `ListEventBuses`: by name, `NamePrefix`, `Limit` (default 100), `NextToken`. Errors:
    /// `ValidationException` (a `NextToken` of another query).
    pub fn list_event_buses(
        &self,
        req: ListEventBusesRequest,
    ) -> Result<ListEventBusesResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let prefix = req.name_prefix.as_deref().unwrap_or("");
        let items: Vec<EventBus> = snap
            .buses
            .values()
            .filter(|b| b.name.starts_with(prefix))
            .map(|b| EventBus {
                name: Some(b.name.clone()),
                arn: Some(b.arn.clone()),
                description: b.description.clone(),
                policy: None,
                creation_time: Some(b.creation_time),
                last_modified_time: Some(b.last_modified_time),
                managed_by: None,
            })
            .collect();
        let query = format!("ListEventBuses\0{prefix}");
        let (event_buses, next_token) = page(items, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListEventBusesResponse {
            event_buses: Some(event_buses),
            next_token,
        })
    }

    /// `UpdateEventBus`: replaces description, KMS key, dead-letter and log configuration.
    /// Errors: `ResourceNotFoundException`.
    pub fn update_event_bus(
        &self,
        req: UpdateEventBusRequest,
    ) -> Result<UpdateEventBusResponse, Error> {
        self.validate(&req)?;
        let now = self.clock.now();
        self.modify(|state| {
            let name = find_bus(state, req.name.as_deref())?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            if req.description.is_some() {
                bus.description = req.description.clone();
            }
            if req.kms_key_identifier.is_some() {
                bus.kms_key_identifier = req.kms_key_identifier.clone();
            }
            if req.dead_letter_config.is_some() {
                bus.dead_letter_config = req.dead_letter_config.clone();
            }
            if req.log_config.is_some() {
                bus.log_config = req.log_config.clone();
            }
            bus.last_modified_time = now;
            Ok(UpdateEventBusResponse {
                arn: Some(bus.arn.clone()),
                name: Some(bus.name.clone()),
                kms_key_identifier: bus.kms_key_identifier.clone(),
                description: bus.description.clone(),
                dead_letter_config: bus.dead_letter_config.clone(),
                log_config: bus.log_config.clone(),
            })
        })
    }

    /// `DeleteEventBus`: an unknown bus is a success; deleting a partner bus makes its event
    /// source `PENDING` again (or removes it when the partner deleted it). Errors: `ValidationException`
    /// (`Cannot delete event bus default.`, `EventBus can't be deleted since it has rules.`).
    pub fn delete_event_bus(&self, req: DeleteEventBusRequest) -> Result<Empty, Error> {
        self.validate(&req)?;
        let name = bus_name(Some(&req.name)).to_string();
        if name == DEFAULT_BUS {
            return Err(Error::validation("Cannot delete event bus default."));
        }
        self.modify(|state| {
            let Some(bus) = state.buses.get(&name) else {
                return Ok(Empty {});
            };
            if !bus.rules.is_empty() {
                return Err(Error::validation(
                    "EventBus can't be deleted since it has rules.",
                ));
            }
            state.buses.remove(&name);
            self.detach_partner_bus(state, &name);
            Ok(Empty {})
        })
    }
}
