//! Amazon EventBridge in process: event buses, rules, targets, `PutEvents`, `TestEventPattern`,
//! tags, bus permissions, schedules, archives and replays, on [`evmatch::Machine`] and the
//! request and response types of [`crate::api`], with AWS's errors.
//!
//! * [`EventBridge`] is the service. Its operations are methods named after the API operations,
//!   one file per resource (`event_buses`, `rules`, `targets`, `put_events`, `tags`,
//!   `permissions`, `archives`, `replays`) around the `state` module, which holds the stored state
//!   and publishes it as immutable snapshots; configured by [`EventBridgeConfig`].
//! * Connections and API destinations (`connections`, `api_destinations`) hold what HTTP
//!   targets need; [`EventBridge::resolve_api_destination`] hands an embedder that calls them out
//!   the destination with its connection's secrets ([`ResolvedApiDestination`]).
//! * Global endpoints (`endpoints`) and partner event sources with `PutPartnerEvents`
//!   (`partner_event_sources`) are kept as AWS reports them.
//! * [`EventBridge::save_state`] and [`EventBridge::restore_state`] (`state_file`) write and
//!   read all of it as one versioned JSON text.
//! * Targets receive their payloads through [`TargetSink`]s ([`ChannelSink`], or any
//!   `Fn(Delivery)`); the `delivery` module decides which rules an event matches and what each
//!   target gets, [`transform`] renders the payload byte for byte as AWS delivers it.
//! * Schedules ([`schedule`]) and replays advance when the embedder calls [`EventBridge::tick`],
//!   with time from an injectable [`Clock`] and event ids from an [`IdGenerator`].
//!
//! Invariants: control-plane operations are serialised and publish a new snapshot; `PutEvents`
//! never waits for them and matches every event against one consistent set of rules; no lock is
//! held while a sink runs. Costs: see each module.

pub mod schedule;
pub mod transform;

mod api_destinations;
mod archives;
mod clock;
mod config;
mod connection_auth;
mod connections;
mod delivery;
mod endpoints;
mod event_buses;
mod outbound;
mod paging;
mod partner_event_sources;
mod permissions;
mod put_events;
mod replays;
mod rules;
mod sinks;
mod state;
mod state_file;
mod tags;
mod targets;
mod tick;

pub use archives::ARCHIVE_RULE_MANAGER;
pub use clock::{Clock, IdGenerator, ManualClock, RandomIds, SequentialIds, SystemClock};
pub use config::{DEFAULT_BUS, EventBridgeConfig};
pub use outbound::{ConnectionAuth, ResolvedApiDestination, ResolvedConnection};
pub use sinks::{ChannelSink, Delivery, FailedDelivery, TargetSink};
pub use state::EventBridge;
pub use tick::ScheduledFiring;
