//! Partner event sources on [`EventBridge`], both sides of them:
//!
//! * the SaaS partner's side: `CreatePartnerEventSource`, `DescribePartnerEventSource`,
//!   `ListPartnerEventSources`, `ListPartnerEventSourceAccounts`, `DeletePartnerEventSource` and
//!   `PutPartnerEvents`;
//! * the customer's side (the account of this service): `ListEventSources`,
//!   `DescribeEventSource`, `ActivateEventSource`, `DeactivateEventSource`, and `CreateEventBus`
//!   with `EventSourceName` (in [`super::event_buses`], through [`EventBridge::attach_partner_bus`]).
//!
//! Life of a source: the partner creates it for one account (`PENDING`, expiring 14 days later);
//! the account creates the partner event bus of the same name (`ACTIVE`); deactivating makes it
//! `PENDING` again (events are dropped, the bus stays), activating `ACTIVE`. When the partner
//! deletes the source, the customer still sees it as `DELETED` while its bus exists; deleting
//! the bus then removes it. Deleting the bus of a live source makes it `PENDING` again.
//! `ExpirationTime` is reported while a source is `PENDING`; expiry itself is not enforced.
//!
//! Invariants: names are unique (a source is offered to one account); only sources offered to
//! this service's account are visible on the customer's side; the partner's side never sees a
//! `DELETED` source. Costs: each change publishes a new snapshot (see [`super::state`]).

use std::sync::Arc;

use super::paging::page;
use super::state::{EventBridge, State};
use crate::api::events::{
    PutEventsRequestEntry, PutPartnerEventsRequest, PutPartnerEventsResponse,
    PutPartnerEventsResultEntry,
};
use crate::api::partner_event_sources::{
    ActivateEventSourceRequest, CreatePartnerEventSourceRequest, CreatePartnerEventSourceResponse,
    DeactivateEventSourceRequest, DeletePartnerEventSourceRequest, DescribeEventSourceRequest,
    DescribeEventSourceResponse, DescribePartnerEventSourceRequest,
    DescribePartnerEventSourceResponse, EventSource, EventSourceState, ListEventSourcesRequest,
    ListEventSourcesResponse, ListPartnerEventSourceAccountsRequest,
    ListPartnerEventSourceAccountsResponse, ListPartnerEventSourcesRequest,
    ListPartnerEventSourcesResponse, PartnerEventSource, PartnerEventSourceAccount,
};
use crate::api::{Empty, Timestamp};
use crate::{Error, ErrorCode};

/// How long a source may stay `PENDING` before AWS deletes it (two weeks).
const PENDING_LIFETIME_SECS: i64 = 14 * 86_400;

/// A stored partner event source (part of the published state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PartnerSource {
    /// `aws.partner/<partner>/<namespace>/<name>`.
    pub(super) name: String,
    /// `arn:<partition>:events:<region>::event-source/<name>` (no account, as AWS writes it).
    pub(super) arn: String,
    /// The account the source is offered to.
    pub(super) account: String,
    pub(super) state: EventSourceState,
    pub(super) creation_time: Timestamp,
    /// Set while `PENDING`: when it entered that state plus two weeks.
    pub(super) expiration_time: Option<Timestamp>,
}

impl PartnerSource {
    /// The partner's name: the segment after `aws.partner/`.
    pub(super) fn created_by(&self) -> String {
        self.name
            .strip_prefix("aws.partner/")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_default()
            .to_string()
    }

    fn to_event_source(&self) -> EventSource {
        EventSource {
            arn: Some(self.arn.clone()),
            created_by: Some(self.created_by()),
            creation_time: Some(self.creation_time),
            expiration_time: self.expiration_time,
            name: Some(self.name.clone()),
            state: Some(self.state.clone()),
        }
    }

    fn deleted(&self) -> bool {
        self.state == EventSourceState::Deleted
    }
}

fn source_not_found(name: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Event source {name} does not exist."),
    )
}

fn pending_until(now: Timestamp) -> Option<Timestamp> {
    Some(Timestamp::from_secs(now.secs() + PENDING_LIFETIME_SECS))
}

impl EventBridge {
    /// The partner's view: the source `name`, unless deleted.
    fn partner_source<'s>(state: &'s State, name: &str) -> Result<&'s PartnerSource, Error> {
        state
            .partner_sources
            .get(name)
            .map(|s| &**s)
            .filter(|s| !s.deleted())
            .ok_or_else(|| source_not_found(name))
    }

    /// The customer's view: the source `name` when it is offered to this account.
    fn offered_source<'s>(&self, state: &'s State, name: &str) -> Result<&'s PartnerSource, Error> {
        state
            .partner_sources
            .get(name)
            .map(|s| &**s)
            .filter(|s| s.account == self.config.account)
            .ok_or_else(|| source_not_found(name))
    }

    /// For `CreateEventBus` with `EventSourceName` (inside its state change, after the bus name
    /// was checked to be free): the source must be offered to this account; it becomes `ACTIVE`.
    pub(super) fn attach_partner_bus(&self, state: &mut State, name: &str) -> Result<(), Error> {
        let source = self.offered_source(state, name)?;
        if source.deleted() {
            return Err(source_not_found(name));
        }
        let mut next = source.clone();
        next.state = EventSourceState::Active;
        next.expiration_time = None;
        state
            .partner_sources
            .insert(name.to_string(), Arc::new(next));
        Ok(())
    }

    /// For `DeleteEventBus` (inside its state change): the source of a deleted partner bus is
    /// removed when the partner deleted it, and is `PENDING` again otherwise.
    pub(super) fn detach_partner_bus(&self, state: &mut State, name: &str) {
        let Some(source) = state.partner_sources.get(name) else {
            return;
        };
        if source.account != self.config.account {
            return;
        }
        if source.deleted() {
            state.partner_sources.remove(name);
            return;
        }
        let mut next = (**source).clone();
        next.state = EventSourceState::Pending;
        next.expiration_time = pending_until(self.clock.now());
        state
            .partner_sources
            .insert(name.to_string(), Arc::new(next));
    }

    /// `CreatePartnerEventSource` (partner side): offers the source to `Account`, `PENDING`.
    /// Errors: `ResourceAlreadyExistsException` (`Event source <name> already exists.`),
    /// `ValidationException`.
    pub fn create_partner_event_source(
        &self,
        req: CreatePartnerEventSourceRequest,
    ) -> Result<CreatePartnerEventSourceResponse, Error> {
        self.validate(&req)?;
        let now = self.clock.now();
        self.modify(|state| {
            if state.partner_sources.contains_key(&req.name) {
                return Err(Error::service(
                    ErrorCode::ResourceAlreadyExists,
                    format!("Event source {} already exists.", req.name),
                ));
            }
            let arn = format!(
                "arn:{}:events:{}::event-source/{}",
                self.config.partition, self.config.region, req.name
            );
            let source = PartnerSource {
                name: req.name.clone(),
                arn: arn.clone(),
                account: req.account.clone(),
                state: EventSourceState::Pending,
                creation_time: now,
                expiration_time: pending_until(now),
            };
            state
                .partner_sources
                .insert(req.name.clone(), Arc::new(source));
            Ok(CreatePartnerEventSourceResponse {
                event_source_arn: Some(arn),
            })
        })
    }

    /// `DescribePartnerEventSource` (partner side): `Arn` and `Name`. Errors:
    /// `ResourceNotFoundException` (`Event source <name> does not exist.`).
    pub fn describe_partner_event_source(
        &self,
        req: DescribePartnerEventSourceRequest,
    ) -> Result<DescribePartnerEventSourceResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let source = Self::partner_source(&snap, &req.name)?;
        Ok(DescribePartnerEventSourceResponse {
            arn: Some(source.arn.clone()),
            name: Some(source.name.clone()),
        })
    }

    /// `ListPartnerEventSources` (partner side): by name, `NamePrefix` (required), `Limit`,
    /// `NextToken`. Errors: `ValidationException`.
    pub fn list_partner_event_sources(
        &self,
        req: ListPartnerEventSourcesRequest,
    ) -> Result<ListPartnerEventSourcesResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let items: Vec<PartnerEventSource> = snap
            .partner_sources
            .values()
            .filter(|s| !s.deleted() && s.name.starts_with(&req.name_prefix))
            .map(|s| PartnerEventSource {
                arn: Some(s.arn.clone()),
                name: Some(s.name.clone()),
            })
            .collect();
        let query = format!("ListPartnerEventSources\0{}", req.name_prefix);
        let (sources, next_token) = page(items, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListPartnerEventSourcesResponse {
            partner_event_sources: Some(sources),
            next_token,
        })
    }

    /// `ListPartnerEventSourceAccounts` (partner side): the account the source is offered to,
    /// with the state the customer sees. Errors: `ResourceNotFoundException`,
    /// `ValidationException`.
    pub fn list_partner_event_source_accounts(
        &self,
        req: ListPartnerEventSourceAccountsRequest,
    ) -> Result<ListPartnerEventSourceAccountsResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let s = Self::partner_source(&snap, &req.event_source_name)?;
        let items = vec![PartnerEventSourceAccount {
            account: Some(s.account.clone()),
            creation_time: Some(s.creation_time),
            expiration_time: s.expiration_time,
            state: Some(s.state.clone()),
        }];
        let query = format!("ListPartnerEventSourceAccounts\0{}", req.event_source_name);
        let (accounts, next_token) = page(items, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListPartnerEventSourceAccountsResponse {
            partner_event_source_accounts: Some(accounts),
            next_token,
        })
    }

    /// `DeletePartnerEventSource` (partner side): an unknown source, or one offered to another
    /// account than `Account`, is a success. When this account has the source's partner bus,
    /// the customer sees the source as `DELETED` until the bus is deleted.
    pub fn delete_partner_event_source(
        &self,
        req: DeletePartnerEventSourceRequest,
    ) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            let Some(source) = state.partner_sources.get(&req.name) else {
                return Ok(Empty {});
            };
            if source.account != req.account || source.deleted() {
                return Ok(Empty {});
            }
            let has_bus =
                source.account == self.config.account && state.buses.contains_key(&req.name);
            if has_bus {
                let mut next = (**source).clone();
                next.state = EventSourceState::Deleted;
                next.expiration_time = None;
                state
                    .partner_sources
                    .insert(req.name.clone(), Arc::new(next));
            } else {
                state.partner_sources.remove(&req.name);
            }
            Ok(Empty {})
        })
    }

    /// `ListEventSources` (customer side): the sources offered to this account, by name,
    /// `NamePrefix`, `Limit`, `NextToken`. Errors: `ValidationException`.
    pub fn list_event_sources(
        &self,
        req: ListEventSourcesRequest,
    ) -> Result<ListEventSourcesResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let prefix = req.name_prefix.as_deref().unwrap_or("");
        let items: Vec<EventSource> = snap
            .partner_sources
            .values()
            .filter(|s| s.account == self.config.account && s.name.starts_with(prefix))
            .map(|s| s.to_event_source())
            .collect();
        let query = format!("ListEventSources\0{prefix}");
        let (sources, next_token) = page(items, req.next_token.as_deref(), req.limit, &query)?;
        Ok(ListEventSourcesResponse {
            event_sources: Some(sources),
            next_token,
        })
    }

    /// `DescribeEventSource` (customer side). Errors: `ResourceNotFoundException`
    /// (`Event source <name> does not exist.`).
    pub fn describe_event_source(
        &self,
        req: DescribeEventSourceRequest,
    ) -> Result<DescribeEventSourceResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let s = self.offered_source(&snap, &req.name)?.to_event_source();
        Ok(DescribeEventSourceResponse {
            arn: s.arn,
            created_by: s.created_by,
            creation_time: s.creation_time,
            expiration_time: s.expiration_time,
            name: s.name,
            state: s.state,
        })
    }

    /// `ActivateEventSource` (customer side): `PENDING` → `ACTIVE`. Errors:
    /// `ResourceNotFoundException`, `InvalidStateException`
    /// (`Event source <name> is not in a state that can be activated.`: `ACTIVE` or `DELETED`).
    pub fn activate_event_source(&self, req: ActivateEventSourceRequest) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.set_source_state(
            &req.name,
            EventSourceState::Pending,
            EventSourceState::Active,
        )
    }

    /// `DeactivateEventSource` (customer side): `ACTIVE` → `PENDING`; events are dropped, the bus
    /// stays. Errors: `ResourceNotFoundException`, `InvalidStateException`
    /// (`Event source <name> is not in a state that can be deactivated.`: `PENDING` or
    /// `DELETED`).
    pub fn deactivate_event_source(
        &self,
        req: DeactivateEventSourceRequest,
    ) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.set_source_state(
            &req.name,
            EventSourceState::Active,
            EventSourceState::Pending,
        )
    }

    fn set_source_state(
        &self,
        name: &str,
        from: EventSourceState,
        to: EventSourceState,
    ) -> Result<Empty, Error> {
        let now = self.clock.now();
        self.modify(|state| {
            let source = self.offered_source(state, name)?;
            if source.state != from {
                let verb = if to == EventSourceState::Active {
                    "activated"
                } else {
                    "deactivated"
                };
                return Err(Error::service(
                    ErrorCode::InvalidState,
                    format!("Event source {name} is not in a state that can be {verb}."),
                ));
            }
            let mut next = source.clone();
            next.expiration_time = match to {
                EventSourceState::Pending => pending_until(now),
                _ => None,
            };
            next.state = to;
            state
                .partner_sources
                .insert(name.to_string(), Arc::new(next));
            Ok(Empty {})
        })
    }

    /// `PutPartnerEvents` (partner side): the request checks (1 to 20 entries, the total size
    /// as for `PutEvents`), then per entry the checks of `PutEvents` (without the `aws.` source rule)
    /// and `NotAuthorizedForSourceException` for a `Source` that is not a live partner event
    /// source. An accepted entry gets an `EventId`; it reaches the partner event bus of its
    /// source when the source is offered to this account, `ACTIVE`, and the bus exists, and is
    /// dropped otherwise (the partner cannot see the customer's bus).
    pub fn put_partner_events(
        &self,
        req: PutPartnerEventsRequest,
    ) -> Result<PutPartnerEventsResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let now = self.clock.now();
        let mut results = Vec::with_capacity(req.entries.len());
        let mut failed = 0;
        for e in req.entries {
            let source = e.source.clone().unwrap_or_default();
            let entry = PutEventsRequestEntry {
                time: e.time,
                source: e.source,
                resources: e.resources,
                detail_type: e.detail_type,
                detail: e.detail,
                ..Default::default()
            };
            let live = Self::partner_source(&snap, &source).ok();
            let accepted = self.accept(&entry, now, true).and_then(|event| match live {
                Some(s) => Ok((event, s)),
                None => Err((
                    "NotAuthorizedForSourceException",
                    "Not authorized for the source.".to_string(),
                )),
            });
            match accepted {
                Ok((event, s)) => {
                    results.push(PutPartnerEventsResultEntry {
                        event_id: Some(event.id.clone()),
                        error_code: None,
                        error_message: None,
                    });
                    if s.account == self.config.account && s.state == EventSourceState::Active {
                        self.dispatch(&snap, &s.name, &event, None, 0);
                    }
                }
                Err((code, message)) => {
                    failed += 1;
                    results.push(PutPartnerEventsResultEntry {
                        event_id: None,
                        error_code: Some(code.into()),
                        error_message: Some(message),
                    });
                }
            }
        }
        Ok(PutPartnerEventsResponse {
            failed_entry_count: Some(failed),
            entries: Some(results),
        })
    }
}
