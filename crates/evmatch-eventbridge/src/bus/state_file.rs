//! The state file: [`EventBridge::save_state`] writes everything the service holds as one
//! versioned JSON text, [`EventBridge::restore_state`] builds a service from it.
//!
//! The file format is its own set of serde types, separate from the live state, so the live state
//! can change without breaking saved files: `{"version": 1, "account": …, "region": …,
//! "partition": …, "buses": […], "archives": […], "replays": […], "schedule_cursors": […],
//! "endpoints": […], "partner_sources": […], "connections": […], "api_destinations": […]}`. Buses carry their policy, tags and rules; rules
//! their pattern, schedule, state, targets and tags; archives their retained events; replays
//! their progress and the events still to replay; connections their secrets (the file is as
//! private as the service's memory: keep it so). AWS's own shapes (`Target`,
//! `DeadLetterConfig`, `LogConfig`, `RoutingConfig`, …) are written as on the wire; instants as
//! `[seconds, nanoseconds]`, so they come back exactly; events as their compact JSON text.
//! Sinks are not state: the embedder registers them again.
//!
//! Invariants: a saved service restores to one whose every `List*` and `Describe*` answer is the
//! same; restore checks the version, the account and Region, and every pattern and schedule, and
//! reports any problem as an [`Error`] (never a panic); the default bus always exists afterwards.
//! Costs: save and restore are linear in the state; restore rebuilds each bus's matcher from its
//! rules' patterns.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::clock::{Clock, IdGenerator, RandomIds, SystemClock};
use super::config::{DEFAULT_BUS, EventBridgeConfig, bus_arn};
use super::endpoints::EndpointEntry;
use super::outbound::ConnectionAuth;
use super::partner_event_sources::PartnerSource;
use super::schedule::Schedule;
use super::state::{
    ApiDestinationRecord, ArchiveMeta, ArchivedEvent, Bus, ConnectionRecord, Event, EventBridge,
    Policy, ReplayRecord, RuleEntry, Runtime, State,
};
use super::transform;
use crate::Error;
use crate::api::Timestamp;
use crate::api::api_destinations::ApiDestinationHttpMethod;
use crate::api::connections::{
    ConnectionHttpParameters, ConnectionOAuthHttpMethod, ConnectionState,
    ConnectivityResourceParameters,
};
use crate::api::endpoints::{EndpointEventBus, EndpointState, ReplicationConfig, RoutingConfig};
use crate::api::event_buses::LogConfig;
use crate::api::partner_event_sources::EventSourceState;
use crate::api::replays::{ReplayDestination, ReplayState};
use crate::api::rules::RuleState;
use crate::api::targets::{DeadLetterConfig, Target};

/// The version this build writes and reads.
const VERSION: u32 = 1;

/// An instant as `[seconds, nanoseconds]`: seconds within years 0000 to 9999, nanoseconds
/// below one second (anything else is refused when read).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "(i64, u32)")]
struct Time(i64, u32);

/// 9999-12-31T23:59:59Z.
const MAX_SECS: i64 = 253_402_300_799;
/// 0000-01-01T00:00:00Z.
const MIN_SECS: i64 = -62_167_219_200;

impl TryFrom<(i64, u32)> for Time {
    type Error = String;

    fn try_from((secs, nanos): (i64, u32)) -> Result<Self, String> {
        if (MIN_SECS..=MAX_SECS).contains(&secs) && nanos < 1_000_000_000 {
            Ok(Time(secs, nanos))
        } else {
            Err(format!("[{secs}, {nanos}] is not an instant"))
        }
    }
}

impl From<Timestamp> for Time {
    fn from(t: Timestamp) -> Self {
        Time(t.secs(), t.subsec_nanos())
    }
}

impl From<Time> for Timestamp {
    fn from(t: Time) -> Self {
        Timestamp::from_secs_and_nanos(t.0, t.1)
    }
}

/// Only the version, read first so an unknown version is reported as such.
#[derive(Deserialize)]
struct Header {
    version: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    version: u32,
    account: String,
    region: String,
    partition: String,
    buses: Vec<BusFile>,
    archives: Vec<ArchiveFile>,
    replays: Vec<ReplayFile>,
    schedule_cursors: Vec<CursorFile>,
    endpoints: Vec<EndpointFile>,
    partner_sources: Vec<PartnerSourceFile>,
    connections: Vec<ConnectionFile>,
    api_destinations: Vec<ApiDestinationFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BusFile {
    name: String,
    arn: String,
    description: Option<String>,
    kms_key_identifier: Option<String>,
    dead_letter_config: Option<DeadLetterConfig>,
    log_config: Option<LogConfig>,
    policy: Option<PolicyFile>,
    creation_time: Time,
    last_modified_time: Time,
    tags: BTreeMap<String, String>,
    rules: Vec<RuleFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    version: String,
    /// `(Sid, the statement as compact JSON)`
    statements: Vec<(Option<String>, String)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    name: String,
    arn: String,
    event_pattern: Option<String>,
    schedule_expression: Option<String>,
    state: RuleState,
    description: Option<String>,
    role_arn: Option<String>,
    managed_by: Option<String>,
    archive: Option<String>,
    targets: Vec<Target>,
    tags: BTreeMap<String, String>,
    schedule_anchor: Time,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArchiveFile {
    name: String,
    arn: String,
    source_bus: String,
    source_arn: String,
    event_pattern: Option<String>,
    description: Option<String>,
    retention_days: i32,
    kms_key_identifier: Option<String>,
    creation_time: Time,
    events: Vec<ArchivedEventFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArchivedEventFile {
    /// The envelope as compact JSON.
    event: String,
    id: String,
    time: Time,
    ingestion: Time,
    size: usize,
    archived_at: Time,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplayFile {
    name: String,
    arn: String,
    description: Option<String>,
    state: ReplayState,
    state_reason: Option<String>,
    event_source_arn: String,
    destination: ReplayDestination,
    event_start_time: Time,
    event_end_time: Time,
    replay_start_time: Time,
    event_last_replayed_time: Option<Time>,
    replay_end_time: Option<Time>,
    events: Vec<ArchivedEventFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CursorFile {
    rule: String,
    anchor: Time,
    last_due: Time,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EndpointFile {
    name: String,
    arn: String,
    description: Option<String>,
    routing_config: RoutingConfig,
    replication_config: ReplicationConfig,
    event_buses: Vec<EndpointEventBus>,
    role_arn: Option<String>,
    endpoint_id: String,
    state: EndpointState,
    creation_time: Time,
    last_modified_time: Time,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnerSourceFile {
    name: String,
    arn: String,
    account: String,
    state: EventSourceState,
    creation_time: Time,
    expiration_time: Option<Time>,
}

/// A connection, secrets included (the file is as private as the service's memory).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectionFile {
    name: String,
    arn: String,
    secret_arn: String,
    description: Option<String>,
    auth: AuthFile,
    invocation_http_parameters: Option<ConnectionHttpParameters>,
    auth_connectivity_parameters: Option<ConnectivityResourceParameters>,
    invocation_connectivity_parameters: Option<ConnectivityResourceParameters>,
    kms_key_identifier: Option<String>,
    state: ConnectionState,
    creation_time: Time,
    last_modified_time: Time,
    last_authorized_time: Option<Time>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, tag = "type")]
enum AuthFile {
    #[serde(rename = "API_KEY")]
    ApiKey { key: String, value: String },
    #[serde(rename = "BASIC")]
    Basic { username: String, password: String },
    #[serde(rename = "OAUTH_CLIENT_CREDENTIALS")]
    OAuthClientCredentials {
        authorization_endpoint: String,
        http_method: ConnectionOAuthHttpMethod,
        client_id: String,
        client_secret: String,
        oauth_http_parameters: Option<ConnectionHttpParameters>,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiDestinationFile {
    name: String,
    arn: String,
    description: Option<String>,
    connection_arn: String,
    invocation_endpoint: String,
    http_method: ApiDestinationHttpMethod,
    invocation_rate_limit_per_second: i32,
    creation_time: Time,
    last_modified_time: Time,
}

fn bad_file(reason: impl std::fmt::Display) -> Error {
    Error::validation(format!("The state file is not valid: {reason}"))
}

// ----- save -----

fn event_file(e: &ArchivedEvent) -> ArchivedEventFile {
    ArchivedEventFile {
        event: e.event.text.clone(),
        id: e.event.id.clone(),
        time: e.event.time.into(),
        ingestion: e.event.ingestion.into(),
        size: e.event.size,
        archived_at: e.archived_at.into(),
    }
}

fn bus_file(b: &Bus) -> BusFile {
    BusFile {
        name: b.name.clone(),
        arn: b.arn.clone(),
        description: b.description.clone(),
        kms_key_identifier: b.kms_key_identifier.clone(),
        dead_letter_config: b.dead_letter_config.clone(),
        log_config: b.log_config.clone(),
        policy: b.policy.as_ref().map(|p| PolicyFile {
            version: p.version.clone(),
            statements: p.statements.clone(),
        }),
        creation_time: b.creation_time.into(),
        last_modified_time: b.last_modified_time.into(),
        tags: b.tags.clone(),
        rules: b
            .rules
            .values()
            .map(|r| RuleFile {
                name: r.name.clone(),
                arn: r.arn.clone(),
                event_pattern: r.event_pattern.clone(),
                schedule_expression: r.schedule_expression.clone(),
                state: r.state.clone(),
                description: r.description.clone(),
                role_arn: r.role_arn.clone(),
                managed_by: r.managed_by.clone(),
                archive: r.archive.clone(),
                targets: r.targets.clone(),
                tags: r.tags.clone(),
                schedule_anchor: r.schedule_anchor.into(),
            })
            .collect(),
    }
}

fn replay_file(r: &ReplayRecord) -> ReplayFile {
    ReplayFile {
        name: r.name.clone(),
        arn: r.arn.clone(),
        description: r.description.clone(),
        state: r.state.clone(),
        state_reason: r.state_reason.clone(),
        event_source_arn: r.event_source_arn.clone(),
        destination: r.destination.clone(),
        event_start_time: r.event_start_time.into(),
        event_end_time: r.event_end_time.into(),
        replay_start_time: r.replay_start_time.into(),
        event_last_replayed_time: r.event_last_replayed_time.map(Into::into),
        replay_end_time: r.replay_end_time.map(Into::into),
        events: r.events.iter().map(|e| event_file(e)).collect(),
    }
}

fn endpoint_file(e: &EndpointEntry) -> EndpointFile {
    EndpointFile {
        name: e.name.clone(),
        arn: e.arn.clone(),
        description: e.description.clone(),
        routing_config: e.routing_config.clone(),
        replication_config: e.replication_config.clone(),
        event_buses: e.event_buses.clone(),
        role_arn: e.role_arn.clone(),
        endpoint_id: e.endpoint_id.clone(),
        state: e.state.clone(),
        creation_time: e.creation_time.into(),
        last_modified_time: e.last_modified_time.into(),
    }
}

fn partner_source_file(s: &PartnerSource) -> PartnerSourceFile {
    PartnerSourceFile {
        name: s.name.clone(),
        arn: s.arn.clone(),
        account: s.account.clone(),
        state: s.state.clone(),
        creation_time: s.creation_time.into(),
        expiration_time: s.expiration_time.map(Into::into),
    }
}

fn connection_file(c: &ConnectionRecord) -> ConnectionFile {
    let auth = match c.auth.clone() {
        ConnectionAuth::ApiKey { key, value } => AuthFile::ApiKey { key, value },
        ConnectionAuth::Basic { username, password } => AuthFile::Basic { username, password },
        ConnectionAuth::OAuthClientCredentials {
            authorization_endpoint,
            http_method,
            client_id,
            client_secret,
            oauth_http_parameters,
        } => AuthFile::OAuthClientCredentials {
            authorization_endpoint,
            http_method,
            client_id,
            client_secret,
            oauth_http_parameters,
        },
    };
    ConnectionFile {
        name: c.name.clone(),
        arn: c.arn.clone(),
        secret_arn: c.secret_arn.clone(),
        description: c.description.clone(),
        auth,
        invocation_http_parameters: c.invocation_http_parameters.clone(),
        auth_connectivity_parameters: c.auth_connectivity_parameters.clone(),
        invocation_connectivity_parameters: c.invocation_connectivity_parameters.clone(),
        kms_key_identifier: c.kms_key_identifier.clone(),
        state: c.state.clone(),
        creation_time: c.creation_time.into(),
        last_modified_time: c.last_modified_time.into(),
        last_authorized_time: c.last_authorized_time.map(Into::into),
    }
}

fn api_destination_file(d: &ApiDestinationRecord) -> ApiDestinationFile {
    ApiDestinationFile {
        name: d.name.clone(),
        arn: d.arn.clone(),
        description: d.description.clone(),
        connection_arn: d.connection_arn.clone(),
        invocation_endpoint: d.invocation_endpoint.clone(),
        http_method: d.http_method.clone(),
        invocation_rate_limit_per_second: d.invocation_rate_limit_per_second,
        creation_time: d.creation_time.into(),
        last_modified_time: d.last_modified_time.into(),
    }
}

// ----- restore -----

fn connection_from(f: ConnectionFile) -> ConnectionRecord {
    let auth = match f.auth {
        AuthFile::ApiKey { key, value } => ConnectionAuth::ApiKey { key, value },
        AuthFile::Basic { username, password } => ConnectionAuth::Basic { username, password },
        AuthFile::OAuthClientCredentials {
            authorization_endpoint,
            http_method,
            client_id,
            client_secret,
            oauth_http_parameters,
        } => ConnectionAuth::OAuthClientCredentials {
            authorization_endpoint,
            http_method,
            client_id,
            client_secret,
            oauth_http_parameters,
        },
    };
    ConnectionRecord {
        name: f.name,
        arn: f.arn,
        secret_arn: f.secret_arn,
        description: f.description,
        auth,
        invocation_http_parameters: f.invocation_http_parameters,
        auth_connectivity_parameters: f.auth_connectivity_parameters,
        invocation_connectivity_parameters: f.invocation_connectivity_parameters,
        kms_key_identifier: f.kms_key_identifier,
        state: f.state,
        creation_time: f.creation_time.into(),
        last_modified_time: f.last_modified_time.into(),
        last_authorized_time: f.last_authorized_time.map(Into::into),
    }
}

fn api_destination_from(f: ApiDestinationFile) -> ApiDestinationRecord {
    ApiDestinationRecord {
        name: f.name,
        arn: f.arn,
        description: f.description,
        connection_arn: f.connection_arn,
        invocation_endpoint: f.invocation_endpoint,
        http_method: f.http_method,
        invocation_rate_limit_per_second: f.invocation_rate_limit_per_second,
        creation_time: f.creation_time.into(),
        last_modified_time: f.last_modified_time.into(),
    }
}

fn event_from(f: ArchivedEventFile) -> Result<Arc<ArchivedEvent>, Error> {
    let value = transform::parse_event(&f.event)
        .map_err(|e| bad_file(format_args!("event {}: {e}", f.id)))?;
    Ok(Arc::new(ArchivedEvent {
        event: Event::new(value, f.id, f.time.into(), f.ingestion.into(), f.size),
        archived_at: f.archived_at.into(),
    }))
}

fn bus_from(f: BusFile, config: &EventBridgeConfig, now: Timestamp) -> Result<Bus, Error> {
    let mut bus = Bus::new(&f.name, f.arn, now, &config.limits);
    bus.description = f.description;
    bus.kms_key_identifier = f.kms_key_identifier;
    bus.dead_letter_config = f.dead_letter_config;
    bus.log_config = f.log_config;
    bus.policy = f.policy.map(|p| Policy {
        version: p.version,
        statements: p.statements,
    });
    bus.creation_time = f.creation_time.into();
    bus.last_modified_time = f.last_modified_time.into();
    bus.tags = f.tags;
    for r in f.rules {
        let schedule = r
            .schedule_expression
            .as_deref()
            .map(Schedule::parse)
            .transpose()
            .map_err(|e| bad_file(format_args!("rule {}: {e}", r.name)))?;
        let name = r.name.clone();
        bus.put_rule(RuleEntry {
            name: r.name,
            arn: r.arn,
            event_pattern: r.event_pattern,
            schedule_expression: r.schedule_expression,
            schedule,
            state: r.state,
            description: r.description,
            role_arn: r.role_arn,
            managed_by: r.managed_by,
            archive: r.archive,
            targets: r.targets,
            tags: r.tags,
            schedule_anchor: r.schedule_anchor.into(),
        })
        .map_err(|e| bad_file(format_args!("rule {name}: {e}")))?;
    }
    Ok(bus)
}

fn replay_from(f: ReplayFile) -> Result<ReplayRecord, Error> {
    Ok(ReplayRecord {
        name: f.name,
        arn: f.arn,
        description: f.description,
        state: f.state,
        state_reason: f.state_reason,
        event_source_arn: f.event_source_arn,
        destination: f.destination,
        event_start_time: f.event_start_time.into(),
        event_end_time: f.event_end_time.into(),
        replay_start_time: f.replay_start_time.into(),
        event_last_replayed_time: f.event_last_replayed_time.map(Into::into),
        replay_end_time: f.replay_end_time.map(Into::into),
        events: f
            .events
            .into_iter()
            .map(event_from)
            .collect::<Result<_, _>>()?,
    })
}

fn endpoint_from(f: EndpointFile) -> EndpointEntry {
    EndpointEntry {
        name: f.name,
        arn: f.arn,
        description: f.description,
        routing_config: f.routing_config,
        replication_config: f.replication_config,
        event_buses: f.event_buses,
        role_arn: f.role_arn,
        endpoint_id: f.endpoint_id,
        state: f.state,
        creation_time: f.creation_time.into(),
        last_modified_time: f.last_modified_time.into(),
    }
}

fn partner_source_from(f: PartnerSourceFile) -> PartnerSource {
    PartnerSource {
        name: f.name,
        arn: f.arn,
        account: f.account,
        state: f.state,
        creation_time: f.creation_time.into(),
        expiration_time: f.expiration_time.map(Into::into),
    }
}

impl EventBridge {
    /// Everything the service holds — buses (policy, tags, description, dead-letter, KMS key,
    /// log configuration), rules (pattern, schedule, state, targets, tags), archives with their
    /// retained events, replays, schedule progress, endpoints, partner event sources,
    /// connections (with their secrets) and API destinations — as one JSON text,
    /// `{"version": 1, …}`. Registered sinks are not part of it.
    ///
    /// ```
    /// use evmatch_eventbridge::api::rules::PutRuleRequest;
    /// use evmatch_eventbridge::bus::{EventBridge, EventBridgeConfig};
    ///
    /// let eb = EventBridge::new();
    /// eb.put_rule(PutRuleRequest {
    ///     name: "orders".into(),
    ///     event_pattern: Some(r#"{"source": ["shop"]}"#.into()),
    ///     ..Default::default()
    /// })?;
    /// let text = eb.save_state();
    /// assert!(text.starts_with(r#"{"version":1,"#));
    ///
    /// let again = EventBridge::restore_state(EventBridgeConfig::default(), &text)?;
    /// assert_eq!(again.save_state(), text);
    /// # Ok::<(), evmatch_eventbridge::Error>(())
    /// ```
    pub fn save_state(&self) -> String {
        let rt = self.runtime();
        let snap = self.snapshot();
        let mut cursors: Vec<CursorFile> = rt
            .cursors
            .iter()
            .map(|(rule, (anchor, last))| CursorFile {
                rule: rule.clone(),
                anchor: (*anchor).into(),
                last_due: (*last).into(),
            })
            .collect();
        cursors.sort_by(|a, b| a.rule.cmp(&b.rule));
        let file = StateFile {
            version: VERSION,
            account: self.config.account.clone(),
            region: self.config.region.clone(),
            partition: self.config.partition.clone(),
            buses: snap.buses.values().map(|b| bus_file(b)).collect(),
            archives: snap
                .archives
                .values()
                .map(|a| ArchiveFile {
                    name: a.name.clone(),
                    arn: a.arn.clone(),
                    source_bus: a.source_bus.clone(),
                    source_arn: a.source_arn.clone(),
                    event_pattern: a.event_pattern.clone(),
                    description: a.description.clone(),
                    retention_days: a.retention_days,
                    kms_key_identifier: a.kms_key_identifier.clone(),
                    creation_time: a.creation_time.into(),
                    events: rt
                        .archived
                        .get(&a.name)
                        .into_iter()
                        .flatten()
                        .map(|e| event_file(e))
                        .collect(),
                })
                .collect(),
            replays: rt.replays.values().map(replay_file).collect(),
            schedule_cursors: cursors,
            endpoints: snap.endpoints.values().map(|e| endpoint_file(e)).collect(),
            partner_sources: snap
                .partner_sources
                .values()
                .map(|s| partner_source_file(s))
                .collect(),
            connections: snap
                .connections
                .values()
                .map(|c| connection_file(c))
                .collect(),
            api_destinations: snap
                .api_destinations
                .values()
                .map(|d| api_destination_file(d))
                .collect(),
        };
        // Every member is a string, number, bool, list or string-keyed map: cannot fail.
        serde_json::to_string(&file).unwrap_or_default()
    }

    /// A service for `config` (system clock, random ids) holding the state `text` was saved
    /// with by [`save_state`](EventBridge::save_state). Errors: a `ValidationException` whose
    /// message starts `The state file is not valid:` for text that is not a state file, an
    /// unknown version, another account, Region or partition than `config`'s, or a pattern or
    /// schedule the engine refuses.
    pub fn restore_state(config: EventBridgeConfig, text: &str) -> Result<EventBridge, Error> {
        Self::restore_state_with(
            config,
            Arc::new(SystemClock),
            Arc::new(RandomIds::new()),
            text,
        )
    }

    /// [`restore_state`](EventBridge::restore_state) with an explicit clock and id generator.
    pub fn restore_state_with(
        config: EventBridgeConfig,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGenerator>,
        text: &str,
    ) -> Result<EventBridge, Error> {
        let header: Header = serde_json::from_str(text).map_err(bad_file)?;
        if header.version != VERSION {
            return Err(bad_file(format_args!(
                "version {} is not supported (this build reads version {VERSION}).",
                header.version
            )));
        }
        let file: StateFile = serde_json::from_str(text).map_err(bad_file)?;
        let here = (&config.account, &config.region, &config.partition);
        if (&file.account, &file.region, &file.partition) != here {
            return Err(bad_file(format_args!(
                "it was saved for account {} in {} ({}), not account {} in {} ({}).",
                file.account, file.region, file.partition, here.0, here.1, here.2
            )));
        }
        let now = clock.now();
        let mut state = State::default();
        for b in file.buses {
            let bus = bus_from(b, &config, now)?;
            state.buses.insert(bus.name.clone(), Arc::new(bus));
        }
        state.buses.entry(DEFAULT_BUS.into()).or_insert_with(|| {
            let arn = bus_arn(&config, DEFAULT_BUS);
            Arc::new(Bus::new(DEFAULT_BUS, arn, now, &config.limits))
        });
        let mut runtime = Runtime::default();
        for a in file.archives {
            let events = a
                .events
                .into_iter()
                .map(event_from)
                .collect::<Result<Vec<_>, _>>()?;
            runtime.archived.insert(a.name.clone(), events);
            let meta = ArchiveMeta {
                name: a.name,
                arn: a.arn,
                source_bus: a.source_bus,
                source_arn: a.source_arn,
                event_pattern: a.event_pattern,
                description: a.description,
                retention_days: a.retention_days,
                kms_key_identifier: a.kms_key_identifier,
                creation_time: a.creation_time.into(),
            };
            state.archives.insert(meta.name.clone(), Arc::new(meta));
        }
        for r in file.replays {
            let r = replay_from(r)?;
            runtime.replays.insert(r.name.clone(), r);
        }
        runtime.cursors = file
            .schedule_cursors
            .into_iter()
            .map(|c| (c.rule, (c.anchor.into(), c.last_due.into())))
            .collect::<HashMap<_, _>>();
        for e in file.endpoints {
            let e = endpoint_from(e);
            state.endpoints.insert(e.name.clone(), Arc::new(e));
        }
        for s in file.partner_sources {
            let s = partner_source_from(s);
            state.partner_sources.insert(s.name.clone(), Arc::new(s));
        }
        for c in file.connections {
            let c = connection_from(c);
            state.connections.insert(c.name.clone(), Arc::new(c));
        }
        for d in file.api_destinations {
            let d = api_destination_from(d);
            state.api_destinations.insert(d.name.clone(), Arc::new(d));
        }
        Ok(EventBridge::from_parts(config, clock, ids, state, runtime))
    }
}
