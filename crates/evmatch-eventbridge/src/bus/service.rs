//! The in-process EventBridge: event buses, rules, targets, PutEvents, schedules, tags and bus
//! permissions (BUS.md), on [`evmatch::Machine`] and the request/response types of [`crate::api`].
//! Archives and replays are in the sibling `archive` module (same type, more methods).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use crate::Error;
use crate::ErrorCode;
use crate::api::event_buses::{
    CreateEventBusRequest, CreateEventBusResponse, DeleteEventBusRequest, DescribeEventBusRequest,
    DescribeEventBusResponse, EventBus, ListEventBusesRequest, ListEventBusesResponse, LogConfig,
    UpdateEventBusRequest, UpdateEventBusResponse,
};
use crate::api::events::{
    PutEventsRequest, PutEventsRequestEntry, PutEventsResponse, PutEventsResultEntry,
    TestEventPatternRequest, TestEventPatternResponse,
};
use crate::api::permissions::{PutPermissionRequest, RemovePermissionRequest};
use crate::api::rules::{
    DeleteRuleRequest, DescribeRuleRequest, DescribeRuleResponse, DisableRuleRequest,
    EnableRuleRequest, ListRuleNamesByTargetRequest, ListRuleNamesByTargetResponse,
    ListRulesRequest, ListRulesResponse, PutRuleRequest, PutRuleResponse, Rule, RuleState,
};
use crate::api::tags::{
    ListTagsForResourceRequest, ListTagsForResourceResponse, Tag, TagResourceRequest,
    TagResourceResponse, UntagResourceRequest, UntagResourceResponse,
};
use crate::api::targets::{
    DeadLetterConfig, ListTargetsByRuleRequest, ListTargetsByRuleResponse, PutTargetsRequest,
    PutTargetsResponse, PutTargetsResultEntry, RemoveTargetsRequest, RemoveTargetsResponse, Target,
};
use crate::api::{Empty, Limits, Request, Timestamp};
use crate::bus::clock::{Clock, IdGenerator, RandomIds, SystemClock};
use crate::bus::schedule::Schedule;
use crate::bus::transform::{self, DeliveryContext, DeliveryFailure, TargetInput};
use evmatch::json::Value;
use evmatch::{EventLimits, Machine, MachineConfig};
use evmatch::{Pattern, Published};

/// The name of the bus every account has.
pub const DEFAULT_BUS: &str = "default";

/// `ManagedBy` of the rules the service creates for archives.
pub const ARCHIVE_RULE_MANAGER: &str = "prod.vhs.events.aws.internal";

/// The `LimitExceededException` text AWS uses for every quota.
const LIMIT_EXCEEDED: &str = "The requested resource exceeds the maximum number allowed.";

/// How many missed due instants of one rule a single [`EventBridge::tick`] fires at most; the
/// rest are fired by the following ticks.
const MAX_FIRINGS_PER_TICK: usize = 10_000;

// ---------------------------------------------------------------------------------------------
// Configuration

/// Who and where the in-process service is, and its quotas. Every quota is AWS's default.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceConfig {
    /// The 12-digit account id (`account` of every event, part of every ARN).
    pub account: String,
    /// The region (`region` of every event, part of every ARN).
    pub region: String,
    /// The ARN partition (`aws`, `aws-cn`, `aws-us-gov`).
    pub partition: String,
    /// Request limits shared with [`Request::validate_with`] (PutEvents size, targets per
    /// rule, tags, policy size, pattern size).
    pub limits: Limits,
    /// Rules per event bus, archive rules included (300).
    pub rules_per_bus: usize,
    /// Event buses per account and region, the default bus included (100).
    pub event_buses: usize,
    /// Replays in `STARTING` or `RUNNING` state at the same time (10).
    pub concurrent_replays: usize,
    /// How many event-bus targets one event may pass through in this service before it is
    /// dropped (protects against forwarding loops; AWS has no such limit). Default 5.
    pub max_forwarding_hops: usize,
    /// Run a replay to completion inside `StartReplay` (its response still says `STARTING`)
    /// instead of at the next [`EventBridge::tick`]. Default `false`.
    pub replay_on_start: bool,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            account: "123456789012".into(),
            region: "us-east-1".into(),
            partition: "aws".into(),
            limits: Limits::default(),
            rules_per_bus: 300,
            event_buses: 100,
            concurrent_replays: 10,
            max_forwarding_hops: 5,
            replay_on_start: false,
        }
    }
}

impl ServiceConfig {
    /// The default configuration for `account` in `region`.
    pub fn new(account: impl Into<String>, region: impl Into<String>) -> Self {
        ServiceConfig {
            account: account.into(),
            region: region.into(),
            ..Self::default()
        }
    }

    /// The same configuration with other request limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The same configuration with `replay_on_start` set.
    pub fn with_replay_on_start(mut self, yes: bool) -> Self {
        self.replay_on_start = yes;
        self
    }

    /// `arn:<partition>:events:<region>:<account>:` — the prefix of every ARN of this service.
    pub fn arn_prefix(&self) -> String {
        format!(
            "arn:{}:events:{}:{}:",
            self.partition, self.region, self.account
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Delivery

/// One payload for one target: what a target sink receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The bus the event was matched on.
    pub event_bus_name: String,
    /// The rule that matched (or fired on schedule).
    pub rule_name: String,
    /// That rule's ARN.
    pub rule_arn: String,
    /// The target, as stored by `PutTargets`.
    pub target: Target,
    /// The `id` of the event.
    pub event_id: String,
    /// The exact payload (TRANSFORM.md): the whole event as compact JSON, the `Input` text, the
    /// `InputPath` selection or the `InputTransformer` output.
    pub payload: String,
}

/// A delivery that did not happen because the target's input mode gave nothing to deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedDelivery {
    /// The bus the event was matched on.
    pub event_bus_name: String,
    /// The rule that matched.
    pub rule_name: String,
    /// That rule's ARN.
    pub rule_arn: String,
    /// The target.
    pub target: Target,
    /// The `id` of the event.
    pub event_id: String,
    /// Why nothing was delivered.
    pub reason: DeliveryFailure,
}

/// Where the payloads for targets go: implemented by the embedder (a closure
/// `Fn(Delivery)` is one), or [`ChannelSink`].
///
/// Sinks are called synchronously from the thread that put the event (or called
/// [`EventBridge::tick`]), without any lock of the service held, so a sink may call back into the
/// service. PutEvents results never depend on what a sink does.
pub trait TargetSink: Send + Sync {
    /// A payload for a target.
    fn deliver(&self, delivery: Delivery);

    /// A matched target that got nothing (an `InputPath` that selects nothing, a JSON template
    /// that does not give JSON). Ignored by default.
    fn failed(&self, failure: FailedDelivery) {
        let _ = failure;
    }
}

impl<F: Fn(Delivery) + Send + Sync> TargetSink for F {
    fn deliver(&self, delivery: Delivery) {
        self(delivery)
    }
}

/// A sink that sends every [`Delivery`] into an [`mpsc`] channel.
///
/// ```
/// use std::sync::Arc;
/// use evmatch_eventbridge::bus::ChannelSink;
///
/// let (sink, deliveries) = ChannelSink::new();
/// let sink = Arc::new(sink);
/// # let _ = (sink, deliveries);
/// ```
#[derive(Debug, Clone)]
pub struct ChannelSink {
    tx: Sender<Delivery>,
}

impl ChannelSink {
    /// A sink and the receiving end of its channel.
    #[allow(clippy::new_ret_no_self)]
    pub fn new() -> (ChannelSink, Receiver<Delivery>) {
        let (tx, rx) = mpsc::channel();
        (ChannelSink { tx }, rx)
    }
}

impl TargetSink for ChannelSink {
    fn deliver(&self, delivery: Delivery) {
        // A dropped receiver means nobody listens any more: the delivery goes nowhere, as it
        // would for an unregistered target.
        let _ = self.tx.send(delivery);
    }
}

/// One firing of a scheduled rule, as returned by [`EventBridge::tick`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledFiring {
    /// The rule's name (scheduled rules live on the default bus).
    pub rule_name: String,
    /// The rule's ARN.
    pub rule_arn: String,
    /// The due minute (the scheduled event's `time`).
    pub time: Timestamp,
    /// The `id` of the scheduled event delivered to the rule's targets.
    pub event_id: String,
}

// ---------------------------------------------------------------------------------------------
// State

/// An event as rules match it and targets receive it.
#[derive(Debug, Clone)]
pub(super) struct Event {
    /// The envelope (BUS.md §1).
    pub(super) value: Value,
    /// The envelope as compact JSON.
    pub(super) text: String,
    pub(super) id: String,
    /// The event's `time`, whole seconds.
    pub(super) time: Timestamp,
    /// When the bus received it.
    pub(super) ingestion: Timestamp,
    /// The entry size (BUS.md §3.1).
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
struct Policy {
    version: String,
    /// (Sid, the statement as compact JSON)
    statements: Vec<(Option<String>, String)>,
}

impl Policy {
    fn render(&self) -> String {
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
    description: Option<String>,
    kms_key_identifier: Option<String>,
    dead_letter_config: Option<DeadLetterConfig>,
    log_config: Option<LogConfig>,
    policy: Option<Policy>,
    creation_time: Timestamp,
    last_modified_time: Timestamp,
    tags: BTreeMap<String, String>,
    pub(super) rules: BTreeMap<String, Arc<RuleEntry>>,
    machine: Arc<Machine<Arc<str>>>,
}

impl Bus {
    fn new(name: &str, arn: String, now: Timestamp, limits: &Limits) -> Bus {
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
    pub(super) archives: BTreeMap<String, Arc<super::archive::ArchiveMeta>>,
}

/// Mutable run-time data outside the snapshot: archived events, replays, schedule progress.
#[derive(Debug, Default)]
pub(super) struct Runtime {
    pub(super) archived: HashMap<String, Vec<Arc<super::archive::ArchivedEvent>>>,
    pub(super) replays: BTreeMap<String, super::archive::ReplayRecord>,
    /// Rule name → (schedule anchor, last due instant handled).
    cursors: HashMap<String, (Timestamp, Timestamp)>,
}

#[derive(Default)]
struct Sinks {
    by_arn: HashMap<String, Arc<dyn TargetSink>>,
    default: Option<Arc<dyn TargetSink>>,
}

// ---------------------------------------------------------------------------------------------
// The service

/// An in-process Amazon EventBridge for one account and region.
///
/// Operations are methods named after the API operations, taking the [`crate::api`] request type
/// and returning its response type or an [`Error`] with AWS's code and message. Every request is
/// first validated like the service does ([`Request::validate_with`]). Targets receive their
/// payloads through [`TargetSink`]s registered per target ARN ([`register_sink`]) or as the
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
    pub(super) config: ServiceConfig,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) ids: Arc<dyn IdGenerator>,
    state: Published<State>,
    sinks: RwLock<Sinks>,
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
        Self::with_config(ServiceConfig::default())
    }
}

impl EventBridge {
    /// A service with the default configuration (account `123456789012`, `us-east-1`), the
    /// system clock and random ids.
    pub fn new() -> Self {
        Self::default()
    }

    /// A service with `config`, the system clock and random ids.
    pub fn with_config(config: ServiceConfig) -> Self {
        Self::build(config, Arc::new(SystemClock), Arc::new(RandomIds::new()))
    }

    /// A service with `config`, `clock` and `ids`.
    pub fn build(config: ServiceConfig, clock: Arc<dyn Clock>, ids: Arc<dyn IdGenerator>) -> Self {
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

    /// The configuration.
    pub fn config(&self) -> &ServiceConfig {
        &self.config
    }

    /// The clock's current time.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Sends the payloads of every target whose `Arn` is `target_arn` to `sink` (replacing an
    /// earlier sink for that ARN).
    pub fn register_sink(&self, target_arn: impl Into<String>, sink: Arc<dyn TargetSink>) {
        let mut sinks = self.sinks.write().unwrap_or_else(|p| p.into_inner());
        sinks.by_arn.insert(target_arn.into(), sink);
    }

    /// Sends the payloads of targets without a registered sink to `sink`.
    pub fn set_default_sink(&self, sink: Arc<dyn TargetSink>) {
        let mut sinks = self.sinks.write().unwrap_or_else(|p| p.into_inner());
        sinks.default = Some(sink);
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

    // -----------------------------------------------------------------------------------------
    // Snapshot plumbing

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

    fn validate<R: Request>(&self, request: &R) -> Result<(), Error> {
        request.validate_with(&self.config.limits)
    }

    // -----------------------------------------------------------------------------------------
    // Event buses

    /// `CreateEventBus`. Errors: `ResourceAlreadyExistsException`, `LimitExceededException`,
    /// `ValidationException` (a custom bus name with `/`, a partner bus whose name is not its
    /// `EventSourceName`).
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
            if state.buses.len() >= self.config.event_buses {
                return Err(Error::service(ErrorCode::LimitExceeded, LIMIT_EXCEEDED));
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

    /// `DeleteEventBus`: an unknown bus is a success. Errors: `ValidationException`
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
            Ok(Empty {})
        })
    }

    // -----------------------------------------------------------------------------------------
    // Rules

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
                return Err(Error::service(ErrorCode::LimitExceeded, LIMIT_EXCEEDED));
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

    // -----------------------------------------------------------------------------------------
    // Targets

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
                return Err(Error::service(ErrorCode::LimitExceeded, LIMIT_EXCEEDED));
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

    // -----------------------------------------------------------------------------------------
    // Tags

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
                    return Err(Error::service(ErrorCode::LimitExceeded, LIMIT_EXCEEDED));
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

    // -----------------------------------------------------------------------------------------
    // Permissions

    /// `PutPermission`: either a whole `Policy` (replacing the bus policy) or one statement from
    /// `Action`, `Principal`, `StatementId` and `Condition` (replacing a statement with that
    /// `Sid`). The policy is data only: it is reported by `DescribeEventBus` and never enforced.
    /// Errors: `ResourceNotFoundException`, `PolicyLengthExceededException`,
    /// `ValidationException`.
    pub fn put_permission(&self, req: PutPermissionRequest) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            let name = find_bus(state, req.event_bus_name.as_deref())?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            if let Some(text) = &req.policy {
                bus.policy = Some(parse_policy(text)?);
                return Ok(Empty {});
            }
            let (Some(action), Some(principal), Some(sid)) =
                (&req.action, &req.principal, &req.statement_id)
            else {
                return Err(Error::validation(
                    "Parameter(s) Action, Principal and StatementId must be specified when Policy is not.",
                ));
            };
            let principal_json = if principal == "*" {
                json_string("*")
            } else {
                format!(
                    r#"{{"AWS":{}}}"#,
                    json_string(&format!(
                        "arn:{}:iam::{principal}:root",
                        self.config.partition
                    ))
                )
            };
            let mut statement = format!(
                r#"{{"Sid":{},"Effect":"Allow","Principal":{principal_json},"Action":{},"Resource":{}"#,
                json_string(sid),
                json_string(action),
                json_string(&bus.arn)
            );
            if let Some(c) = &req.condition {
                statement.push_str(&format!(
                    r#","Condition":{{{}:{{{}:{}}}}}"#,
                    json_string(&c.r#type),
                    json_string(&c.key),
                    json_string(&c.value)
                ));
            }
            statement.push('}');
            let policy = bus.policy.get_or_insert_with(|| Policy {
                version: "2012-10-17".into(),
                statements: Vec::new(),
            });
            match policy
                .statements
                .iter_mut()
                .find(|(s, _)| s.as_deref() == Some(sid))
            {
                Some(existing) => existing.1 = statement,
                None => policy.statements.push((Some(sid.clone()), statement)),
            }
            let rendered = policy.render();
            if rendered.encode_utf16().count() > self.config.limits.bus_policy_max_chars {
                return Err(Error::service(
                    ErrorCode::PolicyLengthExceeded,
                    format!(
                        "The policy length exceeds the maximum of {} characters.",
                        self.config.limits.bus_policy_max_chars
                    ),
                ));
            }
            Ok(Empty {})
        })
    }

    /// `RemovePermission`: one statement by `StatementId`, or all with `RemoveAllPermissions`.
    /// Errors: `ResourceNotFoundException` (bus; `Statement with the provided id does not
    /// exist.`), `ValidationException` (neither given).
    pub fn remove_permission(&self, req: RemovePermissionRequest) -> Result<Empty, Error> {
        self.validate(&req)?;
        self.modify(|state| {
            let name = find_bus(state, req.event_bus_name.as_deref())?.name.clone();
            let bus = Arc::make_mut(state.buses.get_mut(&name).expect("found above"));
            if req.remove_all_permissions == Some(true) {
                bus.policy = None;
                return Ok(Empty {});
            }
            let Some(sid) = &req.statement_id else {
                return Err(Error::validation(
                    "Parameter StatementId must be specified when RemoveAllPermissions is not true.",
                ));
            };
            let not_found = || {
                Error::service(
                    ErrorCode::ResourceNotFound,
                    "Statement with the provided id does not exist.",
                )
            };
            let policy = bus.policy.as_mut().ok_or_else(not_found)?;
            let before = policy.statements.len();
            policy.statements.retain(|(s, _)| s.as_deref() != Some(sid));
            if policy.statements.len() == before {
                return Err(not_found());
            }
            if policy.statements.is_empty() {
                bus.policy = None;
            }
            Ok(Empty {})
        })
    }

    // -----------------------------------------------------------------------------------------
    // Events

    /// `TestEventPattern`. Errors: `ValidationException` (`Parameter Event is not valid.`),
    /// `InvalidEventPatternException`.
    pub fn test_event_pattern(
        &self,
        req: TestEventPatternRequest,
    ) -> Result<TestEventPatternResponse, Error> {
        self.validate(&req)?;
        let result = evmatch::test_event_pattern(&req.event_pattern, &req.event)?;
        Ok(TestEventPatternResponse {
            result: Some(result),
        })
    }

    /// `PutEvents`: validates the request (`ValidationException` for 0 or more than 10 entries,
    /// a total size at or over the limit, or a malformed member), then every entry in order
    /// (`InvalidArgument`, `MalformedDetail`, `NotAuthorizedForSourceException` results), builds
    /// each accepted entry's event, matches it against the enabled rules of its bus and delivers
    /// it to their targets before returning. An entry for an unknown bus gets an `EventId` and
    /// is dropped, as AWS does.
    pub fn put_events(&self, req: PutEventsRequest) -> Result<PutEventsResponse, Error> {
        self.validate(&req)?;
        let snap = self.snapshot();
        let now = self.clock.now();
        let mut results = Vec::with_capacity(req.entries.len());
        let mut failed = 0;
        for entry in &req.entries {
            match self.accept(entry, now) {
                Ok(event) => {
                    results.push(PutEventsResultEntry {
                        event_id: Some(event.id.clone()),
                        error_code: None,
                        error_message: None,
                    });
                    let bus = bus_name(entry.event_bus_name.as_deref());
                    self.dispatch(&snap, bus, &event, None, 0);
                }
                Err((code, message)) => {
                    failed += 1;
                    results.push(PutEventsResultEntry {
                        event_id: None,
                        error_code: Some(code.into()),
                        error_message: Some(message),
                    });
                }
            }
        }
        Ok(PutEventsResponse {
            failed_entry_count: Some(failed),
            entries: Some(results),
        })
    }

    /// The per-entry checks of BUS.md §2.3 and the envelope of §1.
    fn accept(
        &self,
        e: &PutEventsRequestEntry,
        now: Timestamp,
    ) -> Result<Event, (&'static str, String)> {
        let invalid = |what: &str| {
            (
                "InvalidArgument",
                format!("Parameter {what} is not valid. Reason: {what} is a required argument."),
            )
        };
        let source = e
            .source
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("Source"))?;
        let detail_type = e
            .detail_type
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("DetailType"))?;
        let detail_text = e
            .detail
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("Detail"))?;
        let detail = parse_detail(detail_text)
            .ok_or_else(|| ("MalformedDetail", "Detail is malformed.".to_string()))?;
        if detail_type.chars().count() > 128 {
            return Err((
                "InvalidArgument",
                "Parameter DetailType is not valid. Reason: DetailType exceeds the maximum length of 128."
                    .into(),
            ));
        }
        if source.starts_with("aws.") {
            return Err((
                "NotAuthorizedForSourceException",
                "Not authorized for the source.".into(),
            ));
        }
        let time = Timestamp::from_secs(e.time.unwrap_or(now).secs());
        let id = self.ids.next_id();
        let s = |v: &str| Value::String(v.to_string());
        let resources = e
            .resources
            .iter()
            .flatten()
            .map(|r| Value::String(r.clone()))
            .collect();
        let envelope = Value::Object(vec![
            ("version".into(), s("0")),
            ("id".into(), s(&id)),
            ("detail-type".into(), s(detail_type)),
            ("source".into(), s(source)),
            ("account".into(), s(&self.config.account)),
            ("time".into(), s(&time.to_string())),
            ("region".into(), s(&self.config.region)),
            ("resources".into(), Value::Array(resources)),
            ("detail".into(), detail),
        ]);
        Ok(Event::new(envelope, id, time, now, e.size()))
    }

    /// Matches `event` against the enabled rules of bus `bus` (restricted to rules whose ARN is
    /// in `only`, when given) in `snap`, archives it for matching archive rules and delivers it
    /// to the targets of the others, rules in name order, targets in insertion order.
    pub(super) fn dispatch(
        &self,
        snap: &State,
        bus: &str,
        event: &Event,
        only: Option<&[String]>,
        hops: usize,
    ) {
        let Some(bus) = snap.buses.get(bus) else {
            return;
        };
        let Ok(mut matched) = bus.machine.matches_for_event(event.text.as_bytes()) else {
            return;
        };
        matched.sort();
        matched.dedup();
        for name in matched {
            let Some(rule) = bus.rules.get(&*name) else {
                continue;
            };
            if !rule.enabled() || only.is_some_and(|arns| !arns.contains(&rule.arn)) {
                continue;
            }
            if let Some(archive) = &rule.archive {
                self.archive_event(archive, event);
                continue;
            }
            for target in &rule.targets {
                self.deliver(snap, bus, rule, target, event, hops);
            }
        }
    }

    fn deliver(
        &self,
        snap: &State,
        bus: &Bus,
        rule: &RuleEntry,
        target: &Target,
        event: &Event,
        hops: usize,
    ) {
        let bus_prefix = format!("{}event-bus/", self.config.arn_prefix());
        if let Some(dest) = target.arn.strip_prefix(&bus_prefix) {
            // Same account and region: forward the original event (BUS.md §1.4, §4 item 6).
            if hops < self.config.max_forwarding_hops {
                self.dispatch(snap, dest, event, None, hops + 1);
            }
            return;
        }
        let sink = {
            let sinks = self.sinks.read().unwrap_or_else(|p| p.into_inner());
            sinks
                .by_arn
                .get(&target.arn)
                .or(sinks.default.as_ref())
                .cloned()
        };
        let Some(sink) = sink else {
            return;
        };
        let ctx = DeliveryContext {
            rule_arn: &rule.arn,
            rule_name: &rule.name,
            ingestion_time: event.ingestion,
        };
        match transform::render(TargetInput::of(target), &event.value, &ctx) {
            Ok(payload) => sink.deliver(Delivery {
                event_bus_name: bus.name.clone(),
                rule_name: rule.name.clone(),
                rule_arn: rule.arn.clone(),
                target: target.clone(),
                event_id: event.id.clone(),
                payload,
            }),
            Err(reason) => sink.failed(FailedDelivery {
                event_bus_name: bus.name.clone(),
                rule_name: rule.name.clone(),
                rule_arn: rule.arn.clone(),
                target: target.clone(),
                event_id: event.id.clone(),
                reason,
            }),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Time

    /// Advances schedules and replays to `now`, and returns the scheduled-rule firings it made.
    ///
    /// For every enabled rule with a `ScheduleExpression` (on the default bus), every due minute
    /// after the last one handled (or after the rule was created / got its schedule / was
    /// enabled) up to and including `now` fires once, in time order and then rule-name order:
    /// the rule's targets receive the `Scheduled Event` of BUS.md §7.5 (through their input
    /// modes) and the firing is returned. Disabled rules never fire, and re-enabling does not
    /// replay missed instants. At most 10,000 instants per rule are fired per call; later calls
    /// continue.
    ///
    /// Then every replay in `STARTING` runs to completion and every replay in `CANCELLING`
    /// becomes `CANCELLED`.
    pub fn tick(&self, now: Timestamp) -> Vec<ScheduledFiring> {
        let snap = self.snapshot();
        let mut due: Vec<(Timestamp, Arc<RuleEntry>)> = Vec::new();
        if let Some(bus) = snap.buses.get(DEFAULT_BUS) {
            let mut rt = self.runtime();
            let mut live = HashSet::new();
            for rule in bus.rules.values() {
                let Some(schedule) = rule.schedule.as_ref().filter(|_| rule.enabled()) else {
                    continue;
                };
                live.insert(rule.name.clone());
                let anchor = rule.schedule_anchor;
                let cursor = rt
                    .cursors
                    .entry(rule.name.clone())
                    .or_insert((anchor, anchor));
                if cursor.0 != anchor {
                    *cursor = (anchor, anchor);
                }
                let mut t = cursor.1;
                for _ in 0..MAX_FIRINGS_PER_TICK {
                    match schedule.next_after(t, anchor) {
                        Some(next) if next <= now => {
                            due.push((next, Arc::clone(rule)));
                            t = next;
                        }
                        _ => break,
                    }
                }
                cursor.1 = t;
            }
            rt.cursors.retain(|name, _| live.contains(name));
        }
        due.sort_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
        let mut firings = Vec::with_capacity(due.len());
        if let Some(bus) = snap.buses.get(DEFAULT_BUS) {
            for (time, rule) in due {
                let id = self.ids.next_id();
                let s = |v: &str| Value::String(v.to_string());
                let envelope = Value::Object(vec![
                    ("version".into(), s("0")),
                    ("id".into(), s(&id)),
                    ("detail-type".into(), s("Scheduled Event")),
                    ("source".into(), s("aws.events")),
                    ("account".into(), s(&self.config.account)),
                    ("time".into(), s(&time.to_string())),
                    ("region".into(), s(&self.config.region)),
                    ("resources".into(), Value::Array(vec![s(&rule.arn)])),
                    ("detail".into(), Value::Object(Vec::new())),
                ]);
                let event = Event::new(envelope, id.clone(), time, time, 0);
                for target in &rule.targets {
                    self.deliver(&snap, bus, &rule, target, &event, 0);
                }
                firings.push(ScheduledFiring {
                    rule_name: rule.name.clone(),
                    rule_arn: rule.arn.clone(),
                    time,
                    event_id: id,
                });
            }
        }
        self.run_pending_replays();
        firings
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The bus name of an `EventBusName` parameter: `None` → `default`, an ARN → the text after
/// `event-bus/`.
pub(super) fn bus_name(name: Option<&str>) -> &str {
    match name {
        None => DEFAULT_BUS,
        Some(n) if n.starts_with("arn:") => n.split_once(":event-bus/").map_or(n, |(_, b)| b),
        Some(n) => n,
    }
}

pub(super) fn bus_arn(config: &ServiceConfig, name: &str) -> String {
    format!("{}event-bus/{name}", config.arn_prefix())
}

pub(super) fn rule_arn(config: &ServiceConfig, bus: &str, rule: &str) -> String {
    if bus == DEFAULT_BUS {
        format!("{}rule/{rule}", config.arn_prefix())
    } else {
        format!("{}rule/{bus}/{rule}", config.arn_prefix())
    }
}

pub(super) fn bus_not_found(name: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Event bus {name} does not exist."),
    )
}

fn rule_not_found(rule: &str, bus: &str) -> Error {
    Error::service(
        ErrorCode::ResourceNotFound,
        format!("Rule {rule} does not exist on EventBus {bus}."),
    )
}

fn managed_rule(rule: &str) -> Error {
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

fn find_rule<'b>(bus: &'b Bus, name: &str) -> Result<&'b Arc<RuleEntry>, Error> {
    bus.rules
        .get(name)
        .ok_or_else(|| rule_not_found(name, &bus.name))
}

fn tags_map(tags: &[Tag]) -> BTreeMap<String, String> {
    tags.iter()
        .map(|t| (t.key.clone(), t.value.clone()))
        .collect()
}

pub(super) fn json_string(s: &str) -> String {
    transform::compact(&Value::String(s.to_string()))
}

/// The parsed `Detail` when it is a JSON object whose integers fit in 64 bits; `None` when it is
/// malformed (BUS.md §2.3 item 4, §1.5).
fn parse_detail(text: &str) -> Option<Value> {
    let value = transform::parse_event(text).ok()?;
    if !matches!(value, Value::Object(_)) {
        return None;
    }
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) if !n.contains(['.', 'e', 'E']) && n.parse::<i64>().is_err() => {
                return None;
            }
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => stack.extend(members.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    Some(value)
}

fn parse_policy(text: &str) -> Result<Policy, Error> {
    let invalid = || {
        Error::validation(
            "Parameter Policy is not valid. Reason: Policy must be a JSON object with a Statement.",
        )
    };
    let Ok(doc) = transform::parse_event(text) else {
        return Err(invalid());
    };
    let Value::Object(members) = &doc else {
        return Err(invalid());
    };
    let mut policy = Policy {
        version: "2012-10-17".into(),
        statements: Vec::new(),
    };
    for (k, v) in members {
        match (k.as_str(), v) {
            ("Version", Value::String(s)) => policy.version = s.clone(),
            ("Statement", Value::Array(items)) => {
                for item in items {
                    policy.statements.push(statement(item).ok_or_else(invalid)?);
                }
            }
            ("Statement", item @ Value::Object(_)) => {
                policy.statements.push(statement(item).ok_or_else(invalid)?);
            }
            _ => {}
        }
    }
    fn statement(v: &Value) -> Option<(Option<String>, String)> {
        let Value::Object(members) = v else {
            return None;
        };
        let sid = members.iter().find_map(|(k, v)| match (k.as_str(), v) {
            ("Sid", Value::String(s)) => Some(s.clone()),
            _ => None,
        });
        Some((sid, transform::compact(v)))
    }
    Ok(policy)
}

/// FNV-1a: a stable fingerprint tying a `NextToken` to the query that produced it.
fn fingerprint(query: &str) -> u64 {
    query.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One page of `items`: `Limit` (default 100) items from the position in `token`, and a token
/// when more remain. A token from another query is a `ValidationException`.
pub(super) fn page<T>(
    items: Vec<T>,
    token: Option<&str>,
    limit: Option<i32>,
    query: &str,
) -> Result<(Vec<T>, Option<String>), Error> {
    let fp = fingerprint(query);
    let start = match token {
        None => 0,
        Some(t) => {
            let parsed = (t.len() == 24 && t.is_ascii())
                .then(|| {
                    let f = u64::from_str_radix(&t[..16], 16).ok()?;
                    let offset = usize::from_str_radix(&t[16..], 16).ok()?;
                    (f == fp).then_some(offset)
                })
                .flatten();
            parsed.ok_or_else(|| Error::validation("The NextToken is not valid."))?
        }
    };
    let limit = limit.map_or(100, |l| usize::try_from(l.max(1)).unwrap_or(100));
    let total = items.len();
    let start = start.min(total);
    let end = start.saturating_add(limit).min(total);
    let token = (end < total).then(|| format!("{fp:016x}{end:08x}"));
    let out = items.into_iter().skip(start).take(end - start).collect();
    Ok((out, token))
}

/// The archive-rule pattern: the archive pattern (or `{}`) with
/// `"replay-name": [{"exists": false}]` replacing any `replay-name` member.
pub(super) fn archive_rule_pattern(pattern: Option<&str>) -> Result<String, Error> {
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
    fn paging_tokens_are_tied_to_the_query() {
        let (first, token) = page((0..5).collect(), None, Some(3), "q").unwrap();
        assert_eq!(first, [0, 1, 2]);
        let token = token.unwrap();
        let (rest, none) = page((0..5).collect(), Some(&token), Some(5), "q").unwrap();
        assert_eq!((rest, none), (vec![3, 4], None));
        let err = page((0..5).collect::<Vec<_>>(), Some(&token), None, "other").unwrap_err();
        assert_eq!(err.to_string(), "The NextToken is not valid.");
    }

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

    #[test]
    fn detail_integers_must_fit_in_64_bits() {
        assert!(parse_detail(r#"{"n": 9223372036854775807}"#).is_some());
        assert!(parse_detail(r#"{"n": 9223372036854775808}"#).is_none());
        assert!(parse_detail(r#"{"n": 1e400}"#).is_some());
        assert!(parse_detail("[]").is_none());
    }
}
