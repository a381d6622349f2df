//! The stored state of the in-process bus and the [`EventBridge`] value that holds it.
//!
//! [`State`] is what the control plane changes: the buses (each with its rules and the matcher of
//! their patterns) and the archives. It is published as one immutable snapshot through
//! [`evmatch::Published`]: an operation changes a copy and publishes it ([`EventBridge::modify`]),
//! while `PutEvents` matches every event against the snapshot it loaded, without waiting.
//! [`Runtime`] is what changes as events flow — archived events, replays, schedule progress —
//! behind one mutex that is never held while a sink runs.
//!
//! Invariants: a bus's matcher holds exactly the patterns of its enabled rules, because
//! [`Bus::put_rule`] and [`Bus::remove_rule`] are the only ways rules change. Costs: buses, rules
//! and archives are `Arc`-shared between snapshots, so a change copies only the maps it touches,
//! plus the matcher of a bus whose rules change while a reader still holds the old snapshot.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use evmatch::json::Value;
// The engine's root names only (its module layout is its own business).
use evmatch::{EventLimits, Machine, MachineConfig, Published};

use super::clock::{Clock, IdGenerator, RandomIds, SystemClock};
use super::config::{DEFAULT_BUS, EventBridgeConfig, bus_arn, bus_name, rule_arn};
use super::outbound::ConnectionAuth;
use super::schedule::Schedule;
use super::sinks::Sinks;
use super::transform;
use crate::Error;
use crate::ErrorCode;
use crate::api::api_destinations::ApiDestinationHttpMethod;
use crate::api::connections::{
    ConnectionHttpParameters, ConnectionState, ConnectivityResourceParameters,
};
use crate::api::event_buses::LogConfig;
use crate::api::replays::{ReplayDestination, ReplayState};
use crate::api::rules::RuleState;
use crate::api::tags::Tag;
use crate::api::targets::{DeadLetterConfig, Target};
use crate::api::{Request, ServiceLimits, Timestamp};

/// An event as rules match it and targets receive it.
#[derive(Debug, Clone)]
pub(super) struct Event {
    /// The envelope: `version`, `id`, `detail-type`, `source`, `account`, `time`, `region`,
    /// `resources`, `detail`, in that order (plus `replay-name` after `region` when replayed).
    pub(super) value: Value,
    /// The envelope as compact JSON.
    pub(super) text: String,
    pub(super) id: String,
    /// The event's `time`, whole seconds.
    pub(super) time: Timestamp,
    /// When the bus received it.
    pub(super) ingestion: Timestamp,
    /// The entry size, as AWS counts it for the PutEvents limit and archive sizes.
    pub(super) size: usize,
}

impl Event {
    pub(super) fn new(
        value: Value,
        id: String,
        time: Timestamp,
        ingestion: Timestamp,
        size: usize,
    ) -> Event {
        let text = transform::compact(&value);
        Event {
            value,
            text,
            id,
            time,
            ingestion,
            size,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct RuleEntry {
    pub(super) name: String,
    pub(super) arn: String,
    pub(super) event_pattern: Option<String>,
    pub(super) schedule_expression: Option<String>,
    pub(super) schedule: Option<Schedule>,
    pub(super) state: RuleState,
    pub(super) description: Option<String>,
    pub(super) role_arn: Option<String>,
    pub(super) managed_by: Option<String>,
    /// The archive this managed rule feeds.
    pub(super) archive: Option<String>,
    pub(super) targets: Vec<Target>,
    pub(super) tags: BTreeMap<String, String>,
    /// When the rule was created, got a new schedule, or was enabled: rate schedules count from
    /// here.
    pub(super) schedule_anchor: Timestamp,
}

impl RuleEntry {
    pub(super) fn enabled(&self) -> bool {
        !matches!(self.state, RuleState::Disabled)
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct Policy {
    pub(super) version: String,
    /// (Sid, the statement as compact JSON)
    pub(super) statements: Vec<(Option<String>, String)>,
}

impl Policy {
    pub(super) fn render(&self) -> String {
        let statements: Vec<&str> = self.statements.iter().map(|(_, s)| s.as_str()).collect();
        format!(
            r#"{{"Version":{},"Statement":[{}]}}"#,
            json_string(&self.version),
            statements.join(",")
        )
    }
}

#[derive(Debug, Clone)]
pub(super) struct Bus {
    pub(super) name: String,
    pub(super) arn: String,
    pub(super) description: Option<String>,
    pub(super) kms_key_identifier: Option<String>,
    pub(super) dead_letter_config: Option<DeadLetterConfig>,
    pub(super) log_config: Option<LogConfig>,
    pub(super) policy: Option<Policy>,
    pub(super) creation_time: Timestamp,
    pub(super) last_modified_time: Timestamp,
    pub(super) tags: BTreeMap<String, String>,
    pub(super) rules: BTreeMap<String, Arc<RuleEntry>>,
    pub(super) machine: Arc<Machine<Arc<str>>>,
}

impl Bus {
    pub(super) fn new(name: &str, arn: String, now: Timestamp, limits: &ServiceLimits) -> Bus {
        // The envelope adds a few hundred bytes to the entry; leave generous room.
        let config = MachineConfig::default().with_event_limits(
            EventLimits::default()
                .with_max_bytes(limits.put_events_max_size.saturating_mul(2).max(1 << 20)),
        );
        Bus {
            name: name.to_string(),
            arn,
            description: None,
            kms_key_identifier: None,
            dead_letter_config: None,
            log_config: None,
            policy: None,
            creation_time: now,
            last_modified_time: now,
            tags: BTreeMap::new(),
            rules: BTreeMap::new(),
            machine: Arc::new(Machine::with_config(config)),
        }
    }

    /// Stores `rule` (replacing any rule of that name) and makes the machine match it exactly
    /// when it is enabled and has a pattern.
    pub(super) fn put_rule(&mut self, rule: RuleEntry) -> Result<(), Error> {
        let key: Arc<str> = Arc::from(rule.name.as_str());
        let machine = Arc::make_mut(&mut self.machine);
        machine.remove_rule(&key);
        if rule.enabled()
            && let Some(p) = &rule.event_pattern
        {
            machine.add_rule(key, p)?;
        }
        self.rules.insert(rule.name.clone(), Arc::new(rule));
        Ok(())
    }

    /// Removes a rule and its pattern.
    pub(super) fn remove_rule(&mut self, name: &str) {
        let key: Arc<str> = Arc::from(name);
        Arc::make_mut(&mut self.machine).remove_rule(&key);
        self.rules.remove(name);
    }
}

/// Everything the control plane changes, published as one immutable snapshot.
#[derive(Debug, Clone, Default)]
pub(super) struct State {
    pub(super) buses: BTreeMap<String, Arc<Bus>>,
    pub(super) archives: BTreeMap<String, Arc<ArchiveMeta>>,
    /// Global endpoints by name (see [`super::endpoints`]).
    pub(super) endpoints: BTreeMap<String, Arc<super::endpoints::EndpointEntry>>,
    /// Partner event sources by name (see [`super::partner_event_sources`]).
    pub(super) partner_sources: BTreeMap<String, Arc<super::partner_event_sources::PartnerSource>>,
    /// Connections by name.
    pub(super) connections: BTreeMap<String, Arc<ConnectionRecord>>,
    /// API destinations by name.
    pub(super) api_destinations: BTreeMap<String, Arc<ApiDestinationRecord>>,
}

/// Mutable run-time data outside the snapshot: archived events, replays, schedule progress.
#[derive(Debug, Default)]
pub(super) struct Runtime {
    pub(super) archived: HashMap<String, Vec<Arc<ArchivedEvent>>>,
    pub(super) replays: BTreeMap<String, ReplayRecord>,
    /// Rule name → (schedule anchor, last due instant handled).
    pub(super) cursors: HashMap<String, (Timestamp, Timestamp)>,
}

/// An in-process Amazon EventBridge for one account and region.
///
/// Operations are methods named after the API operations, taking the [`crate::api`] request type
/// and returning its response type or an [`Error`] with AWS's code and message. Every request is
/// first validated like the service does ([`Request::validate_with`]). Targets receive their
/// payloads through [`TargetSink`](super::TargetSink)s registered per target ARN ([`register_sink`]) or as the
/// default ([`set_default_sink`]).
///
/// `EventBridge` is `Send + Sync`: share it in an `Arc`. Control-plane operations are serialised
/// and publish a new immutable snapshot of all buses and rules; `PutEvents` reads one snapshot
/// per call and never waits for a control-plane operation, so every event is matched against
/// one consistent set of rules.
///
/// Time and ids come from an injectable [`Clock`] and [`IdGenerator`]; schedules and replays
/// advance only when the embedder calls [`tick`](EventBridge::tick).
///
/// ```
/// use std::sync::Arc;
/// use evmatch_eventbridge::api::{events::*, rules::PutRuleRequest, targets::*};
/// use evmatch_eventbridge::bus::{ChannelSink, EventBridge};
///
/// let eb = EventBridge::new();
/// eb.put_rule(PutRuleRequest {
///     name: "orders".into(),
///     event_pattern: Some(r#"{"source": ["shop"]}"#.into()),
///     ..Default::default()
/// })?;
/// let queue = "arn:aws:sqs:us-east-1:123456789012:orders";
/// eb.put_targets(PutTargetsRequest {
///     rule: "orders".into(),
///     targets: vec![Target { id: "q".into(), arn: queue.into(), input_path: Some("$.detail".into()), ..Default::default() }],
///     ..Default::default()
/// })?;
/// let (sink, rx) = ChannelSink::new();
/// eb.register_sink(queue, Arc::new(sink));
/// let out = eb.put_events(PutEventsRequest {
///     entries: vec![PutEventsRequestEntry {
///         source: Some("shop".into()),
///         detail_type: Some("Order".into()),
///         detail: Some(r#"{"id": 7}"#.into()),
///         ..Default::default()
///     }],
///     ..Default::default()
/// })?;
/// assert_eq!(out.failed_entry_count, Some(0));
/// assert_eq!(rx.try_recv().unwrap().payload, r#"{"id":7}"#);
/// # Ok::<(), evmatch_eventbridge::Error>(())
/// ```
///
/// [`register_sink`]: EventBridge::register_sink
/// [`set_default_sink`]: EventBridge::set_default_sink
pub struct EventBridge {
    pub(super) config: EventBridgeConfig,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) ids: Arc<dyn IdGenerator>,
    state: Published<State>,
    pub(super) sinks: RwLock<Sinks>,
    runtime: Mutex<Runtime>,
}

impl fmt::Debug for EventBridge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let snap = self.snapshot();
        f.debug_struct("EventBridge")
            .field("config", &self.config)
            .field("buses", &snap.buses.keys().collect::<Vec<_>>())
            .field("archives", &snap.archives.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Default for EventBridge {
    fn default() -> Self {
        Self::with_config(EventBridgeConfig::default())
    }
}

impl EventBridge {
    /// A service with the default configuration (account `123456789012`, `us-east-1`), the
    /// system clock and random ids.
    pub fn new() -> Self {
        Self::default()
    }

    /// A service with `config`, the system clock and random ids.
    pub fn with_config(config: EventBridgeConfig) -> Self {
        Self::build(config, Arc::new(SystemClock), Arc::new(RandomIds::new()))
    }

    /// A service with `config`, `clock` and `ids`.
    pub fn build(
        config: EventBridgeConfig,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGenerator>,
    ) -> Self {
        let now = clock.now();
        let mut state = State::default();
        let arn = bus_arn(&config, DEFAULT_BUS);
        state.buses.insert(
            DEFAULT_BUS.into(),
            Arc::new(Bus::new(DEFAULT_BUS, arn, now, &config.limits)),
        );
        EventBridge {
            config,
            clock,
            ids,
            state: Published::new(state),
            sinks: RwLock::new(Sinks::default()),
            runtime: Mutex::new(Runtime::default()),
        }
    }

    /// A service holding `state` and `runtime` (as the state file restores them).
    pub(super) fn from_parts(
        config: EventBridgeConfig,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGenerator>,
        state: State,
        runtime: Runtime,
    ) -> Self {
        EventBridge {
            config,
            clock,
            ids,
            state: Published::new(state),
            sinks: RwLock::new(Sinks::default()),
            runtime: Mutex::new(runtime),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &EventBridgeConfig {
        &self.config
    }

    /// The clock's current time.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The ARN of the event bus `name`.
    pub fn event_bus_arn(&self, name: &str) -> String {
        bus_arn(&self.config, name)
    }

    /// The ARN of rule `rule` on bus `bus` (`rule/<name>` on the default bus,
    /// `rule/<bus>/<name>` elsewhere).
    pub fn rule_arn(&self, bus: &str, rule: &str) -> String {
        rule_arn(&self.config, bus, rule)
    }

    pub(super) fn snapshot(&self) -> Arc<State> {
        self.state.load()
    }

    /// Runs `f` on a copy of the state and publishes the copy when `f` succeeds. Writers are
    /// serialised; readers keep the snapshot they hold.
    pub(super) fn modify<T>(
        &self,
        f: impl FnOnce(&mut State) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.state.try_update(f)
    }

    pub(super) fn runtime(&self) -> MutexGuard<'_, Runtime> {
        self.runtime.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn validate<R: Request>(&self, request: &R) -> Result<(), Error> {
        request.validate_with(&self.config.limits)
    }
}

pub(super) fn bus_not_found(name: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Event bus {name} does not exist."),
    )
}

pub(super) fn rule_not_found(rule: &str, bus: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Rule {rule} does not exist on EventBus {bus}."),
    )
}

pub(super) fn managed_rule(rule: &str) -> Error {
    Error::service(
        ErrorCode::ManagedRule,
        format!("Rule {rule} is a managed rule and cannot be modified."),
    )
}

pub(super) fn find_bus<'s>(state: &'s State, name: Option<&str>) -> Result<&'s Bus, Error> {
    let name = bus_name(name);
    state
        .buses
        .get(name)
        .map(|b| &**b)
        .ok_or_else(|| bus_not_found(name))
}

pub(super) fn find_rule<'b>(bus: &'b Bus, name: &str) -> Result<&'b Arc<RuleEntry>, Error> {
    bus.rules
        .get(name)
        .ok_or_else(|| rule_not_found(name, &bus.name))
}

pub(super) fn tags_map(tags: &[Tag]) -> BTreeMap<String, String> {
    tags.iter()
        .map(|t| (t.key.clone(), t.value.clone()))
        .collect()
}

pub(super) fn json_string(s: &str) -> String {
    transform::compact(&Value::String(s.to_string()))
}

/// An archive's definition (part of the published state).
#[derive(Debug, Clone)]
pub(super) struct ArchiveMeta {
    pub(super) name: String,
    pub(super) arn: String,
    pub(super) source_bus: String,
    pub(super) source_arn: String,
    pub(super) event_pattern: Option<String>,
    pub(super) description: Option<String>,
    pub(super) retention_days: i32,
    pub(super) kms_key_identifier: Option<String>,
    pub(super) creation_time: Timestamp,
}

/// One archived event.
#[derive(Debug)]
pub(super) struct ArchivedEvent {
    pub(super) event: Event,
    pub(super) archived_at: Timestamp,
}

/// A replay and its progress.
#[derive(Debug)]
pub(super) struct ReplayRecord {
    pub(super) name: String,
    pub(super) arn: String,
    pub(super) description: Option<String>,
    pub(super) state: ReplayState,
    pub(super) state_reason: Option<String>,
    pub(super) event_source_arn: String,
    pub(super) destination: ReplayDestination,
    pub(super) event_start_time: Timestamp,
    pub(super) event_end_time: Timestamp,
    pub(super) replay_start_time: Timestamp,
    pub(super) event_last_replayed_time: Option<Timestamp>,
    pub(super) replay_end_time: Option<Timestamp>,
    /// The events of the window, taken when the replay started, in replay order.
    pub(super) events: Vec<Arc<ArchivedEvent>>,
}

impl Runtime {
    /// The archive's events after applying its retention at `now`.
    pub(super) fn retained(
        &mut self,
        meta: &ArchiveMeta,
        now: Timestamp,
    ) -> &mut Vec<Arc<ArchivedEvent>> {
        let events = self.archived.entry(meta.name.clone()).or_default();
        if meta.retention_days > 0 {
            let keep = i64::from(meta.retention_days) * 86_400;
            events.retain(|e| now.secs() - e.archived_at.secs() < keep);
        }
        events
    }
}

/// A connection (part of the published state), secrets included: only
/// [`EventBridge::resolve_api_destination`] hands them out. `Debug` shows no secret.
#[derive(Clone)]
pub(super) struct ConnectionRecord {
    pub(super) name: String,
    pub(super) arn: String,
    /// The ARN of the (simulated) Secrets Manager secret that holds the secrets.
    pub(super) secret_arn: String,
    pub(super) description: Option<String>,
    /// The authorization. After `DeauthorizeConnection` its secret members are empty.
    pub(super) auth: ConnectionAuth,
    /// `AuthParameters.InvocationHttpParameters`, secret values included.
    pub(super) invocation_http_parameters: Option<ConnectionHttpParameters>,
    /// `AuthParameters.ConnectivityParameters` (a private OAuth endpoint).
    pub(super) auth_connectivity_parameters: Option<ConnectivityResourceParameters>,
    /// `InvocationConnectivityParameters` (a private API).
    pub(super) invocation_connectivity_parameters: Option<ConnectivityResourceParameters>,
    pub(super) kms_key_identifier: Option<String>,
    /// The settled state: `AUTHORIZED` or `DEAUTHORIZED` (the transitional `AUTHORIZING`,
    /// `DEAUTHORIZING` and `DELETING` appear only in the answer of the call that starts them).
    pub(super) state: ConnectionState,
    pub(super) creation_time: Timestamp,
    pub(super) last_modified_time: Timestamp,
    pub(super) last_authorized_time: Option<Timestamp>,
}

impl fmt::Debug for ConnectionRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `auth` prints its secrets as `***`; the extra parameters may hold secret values.
        f.debug_struct("ConnectionRecord")
            .field("name", &self.name)
            .field("arn", &self.arn)
            .field("state", &self.state)
            .field("auth", &self.auth)
            .finish_non_exhaustive()
    }
}

/// An API destination (part of the published state). Its state is derived from its connection
/// when read.
#[derive(Debug, Clone)]
pub(super) struct ApiDestinationRecord {
    pub(super) name: String,
    pub(super) arn: String,
    pub(super) description: Option<String>,
    pub(super) connection_arn: String,
    pub(super) invocation_endpoint: String,
    pub(super) http_method: ApiDestinationHttpMethod,
    pub(super) invocation_rate_limit_per_second: i32,
    pub(super) creation_time: Timestamp,
    pub(super) last_modified_time: Timestamp,
}
