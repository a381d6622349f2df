//! Fixtures shared by the bus tests: a service on a manual clock with sequential ids whose
//! default sink records every delivery and failed delivery, helpers that build requests, and the
//! AWS error assertion.
// Each test file uses the helpers it needs.
#![allow(dead_code, unused_imports)]

pub mod transform;

pub use std::collections::BTreeMap;
pub use std::fmt::Debug;
pub use std::sync::{Arc, Mutex};

pub use evmatch_eventbridge::Error;
pub use evmatch_eventbridge::api::Timestamp;
pub use evmatch_eventbridge::api::archives::*;
pub use evmatch_eventbridge::api::event_buses::*;
pub use evmatch_eventbridge::api::events::*;
pub use evmatch_eventbridge::api::permissions::*;
pub use evmatch_eventbridge::api::replays::*;
pub use evmatch_eventbridge::api::rules::*;
pub use evmatch_eventbridge::api::tags::*;
pub use evmatch_eventbridge::api::targets::*;
pub use evmatch_eventbridge::bus::transform::DeliveryFailure;
pub use evmatch_eventbridge::bus::{
    ChannelSink, Delivery, EventBridge, EventBridgeConfig, FailedDelivery, ManualClock,
    SequentialIds, TargetSink,
};

pub const ACCOUNT: &str = "111111111111";
pub const REGION: &str = "us-east-1";
/// 2026-01-01T00:00:00Z
pub const T0: i64 = 1_767_225_600;
pub const QUEUE: &str = "arn:aws:sqs:us-east-1:111111111111:q1";
pub const QUEUE2: &str = "arn:aws:sqs:us-east-1:111111111111:q2";

pub struct Fixture {
    pub eb: EventBridge,
    pub clock: Arc<ManualClock>,
    pub log: Arc<Mutex<Vec<Delivery>>>,
    pub failures: Arc<Mutex<Vec<FailedDelivery>>>,
}

pub struct Recorder {
    pub log: Arc<Mutex<Vec<Delivery>>>,
    pub failures: Arc<Mutex<Vec<FailedDelivery>>>,
}

impl TargetSink for Recorder {
    fn deliver(&self, d: Delivery) {
        self.log.lock().unwrap().push(d);
    }
    fn failed(&self, f: FailedDelivery) {
        self.failures.lock().unwrap().push(f);
    }
}

pub fn fixture_with(config: EventBridgeConfig) -> Fixture {
    let clock = Arc::new(ManualClock::new(Timestamp::from_secs(T0)));
    let eb = EventBridge::build(config, clock.clone(), Arc::new(SequentialIds::new()));
    let log = Arc::new(Mutex::new(Vec::new()));
    let failures = Arc::new(Mutex::new(Vec::new()));
    eb.set_default_sink(Arc::new(Recorder {
        log: log.clone(),
        failures: failures.clone(),
    }));
    Fixture {
        eb,
        clock,
        log,
        failures,
    }
}

pub fn fixture() -> Fixture {
    fixture_with(EventBridgeConfig::new(ACCOUNT, REGION))
}

impl Fixture {
    pub fn take(&self) -> Vec<Delivery> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
    pub fn payloads(&self) -> Vec<(String, String, String)> {
        self.take()
            .into_iter()
            .map(|d| (d.rule_name, d.target.id, d.payload))
            .collect()
    }
    pub fn rule(&self, name: &str, pattern: &str) {
        self.eb
            .put_rule(PutRuleRequest {
                name: name.into(),
                event_pattern: Some(pattern.into()),
                ..Default::default()
            })
            .unwrap();
    }
    pub fn rule_on(&self, bus: &str, name: &str, pattern: &str) {
        self.eb
            .put_rule(PutRuleRequest {
                name: name.into(),
                event_pattern: Some(pattern.into()),
                event_bus_name: Some(bus.into()),
                ..Default::default()
            })
            .unwrap();
    }
    pub fn target(&self, rule: &str, target: Target) {
        self.target_on(None, rule, target)
    }
    pub fn target_on(&self, bus: Option<&str>, rule: &str, target: Target) {
        let out = self
            .eb
            .put_targets(PutTargetsRequest {
                rule: rule.into(),
                event_bus_name: bus.map(Into::into),
                targets: vec![target],
            })
            .unwrap();
        assert_eq!(out.failed_entry_count, Some(0));
    }
    pub fn bus(&self, name: &str) {
        self.eb
            .create_event_bus(CreateEventBusRequest {
                name: name.into(),
                ..Default::default()
            })
            .unwrap();
    }
    pub fn put(&self, entries: Vec<PutEventsRequestEntry>) -> PutEventsResponse {
        self.eb
            .put_events(PutEventsRequest {
                entries,
                endpoint_id: None,
            })
            .unwrap()
    }
}

pub fn target(id: &str, arn: &str) -> Target {
    Target {
        id: id.into(),
        arn: arn.into(),
        ..Default::default()
    }
}

pub fn entry(source: &str, detail: &str) -> PutEventsRequestEntry {
    PutEventsRequestEntry {
        source: Some(source.into()),
        detail_type: Some("Thing Happened".into()),
        detail: Some(detail.into()),
        ..Default::default()
    }
}

pub fn on_bus(mut e: PutEventsRequestEntry, bus: &str) -> PutEventsRequestEntry {
    e.event_bus_name = Some(bus.into());
    e
}

#[track_caller]
pub fn err<T: Debug>(r: Result<T, Error>) -> (String, String) {
    let e = r.expect_err("expected an error");
    (e.code().as_str().to_string(), e.to_string())
}

#[track_caller]
pub fn assert_err<T: Debug>(r: Result<T, Error>, code: &str, message: &str) {
    assert_eq!(err(r), (code.to_string(), message.to_string()));
}

pub fn id(n: u64) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

// Archives and replays

/// The ARN of the default bus of [`ACCOUNT`] in [`REGION`].
pub const DEFAULT_BUS_ARN: &str = "arn:aws:events:us-east-1:111111111111:event-bus/default";

impl Fixture {
    pub fn archive(&self, name: &str, pattern: Option<&str>) -> CreateArchiveResponse {
        self.eb
            .create_archive(CreateArchiveRequest {
                archive_name: name.into(),
                event_source_arn: DEFAULT_BUS_ARN.into(),
                event_pattern: pattern.map(Into::into),
                ..Default::default()
            })
            .unwrap()
    }
    /// Puts one event with `source` at `T0 + at` seconds.
    pub fn put_at(&self, source: &str, at: i64) -> String {
        let out = self
            .eb
            .put_events(PutEventsRequest {
                entries: vec![PutEventsRequestEntry {
                    time: Some(Timestamp::from_secs(T0 + at)),
                    source: Some(source.into()),
                    detail_type: Some("core.update-account-command".into()),
                    detail: Some(r#"{"command": "update-account"}"#.into()),
                    ..Default::default()
                }],
                endpoint_id: None,
            })
            .unwrap();
        out.entries.unwrap()[0].event_id.clone().unwrap()
    }
    pub fn rule_with_target(&self, name: &str, pattern: &str) {
        self.eb
            .put_rule(PutRuleRequest {
                name: name.into(),
                event_pattern: Some(pattern.into()),
                ..Default::default()
            })
            .unwrap();
        self.eb
            .put_targets(PutTargetsRequest {
                rule: name.into(),
                targets: vec![Target {
                    id: "t".into(),
                    arn: QUEUE.into(),
                    ..Default::default()
                }],
                ..Default::default()
            })
            .unwrap();
    }
    pub fn describe_archive(&self, name: &str) -> DescribeArchiveResponse {
        self.eb
            .describe_archive(DescribeArchiveRequest {
                archive_name: name.into(),
            })
            .unwrap()
    }
    pub fn describe_replay(&self, name: &str) -> DescribeReplayResponse {
        self.eb
            .describe_replay(DescribeReplayRequest {
                replay_name: name.into(),
            })
            .unwrap()
    }
    pub fn start(
        &self,
        name: &str,
        archive: &str,
        from: i64,
        to: i64,
    ) -> Result<StartReplayResponse, Error> {
        self.eb.start_replay(replay_req(name, archive, from, to))
    }
}

pub fn replay_req(name: &str, archive: &str, from: i64, to: i64) -> StartReplayRequest {
    StartReplayRequest {
        replay_name: name.into(),
        description: None,
        event_source_arn: format!("arn:aws:events:us-east-1:111111111111:archive/{archive}"),
        event_start_time: Timestamp::from_secs(T0 + from),
        event_end_time: Timestamp::from_secs(T0 + to),
        destination: ReplayDestination {
            arn: DEFAULT_BUS_ARN.into(),
            filter_arns: None,
        },
    }
}

impl Fixture {
    pub fn clock_now(&self) -> Timestamp {
        use evmatch_eventbridge::bus::Clock;
        self.clock.now()
    }
}
