//! Archives and replays of the in-process EventBridge (BUS.md §8, §9): every operation's happy
//! path and AWS errors.

use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use evmatch_eventbridge::Error;
use evmatch_eventbridge::api::Timestamp;
use evmatch_eventbridge::api::archives::*;
use evmatch_eventbridge::api::event_buses::*;
use evmatch_eventbridge::api::events::*;
use evmatch_eventbridge::api::replays::*;
use evmatch_eventbridge::api::rules::*;
use evmatch_eventbridge::api::targets::*;
use evmatch_eventbridge::bus::{
    Delivery, EventBridge, EventBridgeConfig, ManualClock, SequentialIds,
};

const ACCOUNT: &str = "111111111111";
const REGION: &str = "us-east-1";
/// 2026-01-01T00:00:00Z
const T0: i64 = 1_767_225_600;
const QUEUE: &str = "arn:aws:sqs:us-east-1:111111111111:q1";
const DEFAULT_BUS: &str = "arn:aws:events:us-east-1:111111111111:event-bus/default";

struct Fixture {
    eb: EventBridge,
    clock: Arc<ManualClock>,
    log: Arc<Mutex<Vec<Delivery>>>,
}

fn fixture_with(config: EventBridgeConfig) -> Fixture {
    let clock = Arc::new(ManualClock::new(Timestamp::from_secs(T0)));
    let eb = EventBridge::build(config, clock.clone(), Arc::new(SequentialIds::new()));
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink_log = log.clone();
    eb.set_default_sink(Arc::new(move |d: Delivery| {
        sink_log.lock().unwrap().push(d)
    }));
    Fixture { eb, clock, log }
}

fn fixture() -> Fixture {
    fixture_with(EventBridgeConfig::new(ACCOUNT, REGION))
}

impl Fixture {
    fn take(&self) -> Vec<Delivery> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
    fn archive(&self, name: &str, pattern: Option<&str>) -> CreateArchiveResponse {
        self.eb
            .create_archive(CreateArchiveRequest {
                archive_name: name.into(),
                event_source_arn: DEFAULT_BUS.into(),
                event_pattern: pattern.map(Into::into),
                ..Default::default()
            })
            .unwrap()
    }
    /// Puts one event with `source` at `T0 + at` seconds.
    fn put_at(&self, source: &str, at: i64) -> String {
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
    fn rule_with_target(&self, name: &str, pattern: &str) {
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
    fn describe_archive(&self, name: &str) -> DescribeArchiveResponse {
        self.eb
            .describe_archive(DescribeArchiveRequest {
                archive_name: name.into(),
            })
            .unwrap()
    }
    fn describe_replay(&self, name: &str) -> DescribeReplayResponse {
        self.eb
            .describe_replay(DescribeReplayRequest {
                replay_name: name.into(),
            })
            .unwrap()
    }
    fn start(
        &self,
        name: &str,
        archive: &str,
        from: i64,
        to: i64,
    ) -> Result<StartReplayResponse, Error> {
        self.eb.start_replay(replay_req(name, archive, from, to))
    }
}

fn replay_req(name: &str, archive: &str, from: i64, to: i64) -> StartReplayRequest {
    StartReplayRequest {
        replay_name: name.into(),
        description: None,
        event_source_arn: format!("arn:aws:events:us-east-1:111111111111:archive/{archive}"),
        event_start_time: Timestamp::from_secs(T0 + from),
        event_end_time: Timestamp::from_secs(T0 + to),
        destination: ReplayDestination {
            arn: DEFAULT_BUS.into(),
            filter_arns: None,
        },
    }
}

#[track_caller]
fn assert_err<T: Debug>(r: Result<T, Error>, code: &str, message: &str) {
    let e = r.expect_err("expected an error");
    assert_eq!((e.code().as_str(), e.to_string().as_str()), (code, message));
}

// =============================================================================================
// Archives

#[test]
fn create_archive_makes_a_managed_rule_and_counts_matching_events() {
    let f = fixture();
    let out = f.archive("orders", Some(r#"{"source": ["shop"]}"#));
    assert_eq!(
        out,
        CreateArchiveResponse {
            archive_arn: Some("arn:aws:events:us-east-1:111111111111:archive/orders".into()),
            state: Some(ArchiveState::Enabled),
            state_reason: None,
            creation_time: Some(Timestamp::from_secs(T0)),
        }
    );
    let rules = f.eb.list_rules(Default::default()).unwrap().rules.unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0].name.as_deref(), Some("Events-Archive-orders"));
    assert_eq!(
        rules[0].managed_by.as_deref(),
        Some("prod.vhs.events.aws.internal")
    );
    assert_eq!(
        rules[0].event_pattern.as_deref(),
        Some(r#"{"source":["shop"],"replay-name":[{"exists":false}]}"#)
    );
    f.put_at("shop", 0);
    f.put_at("other", 1);
    f.put_at("shop", 2);
    let d = f.describe_archive("orders");
    assert_eq!(d.event_count, Some(2));
    assert_eq!(d.archive_name.as_deref(), Some("orders"));
    assert_eq!(d.event_source_arn.as_deref(), Some(DEFAULT_BUS));
    assert_eq!(d.event_pattern.as_deref(), Some(r#"{"source": ["shop"]}"#));
    assert_eq!(d.retention_days, Some(0));
    assert_eq!(d.state, Some(ArchiveState::Enabled));
    assert!(d.size_bytes.unwrap() > 0);
    // Without a pattern, everything (but replays) is archived.
    f.archive("all", None);
    f.put_at("x", 3);
    assert_eq!(f.describe_archive("all").event_count, Some(1));
    assert_eq!(f.describe_archive("all").event_pattern, None);
}

#[test]
fn create_archive_errors() {
    let f = fixture();
    f.archive("a", None);
    assert_err(
        f.eb.create_archive(CreateArchiveRequest {
            archive_name: "a".into(),
            event_source_arn: DEFAULT_BUS.into(),
            ..Default::default()
        }),
        "ResourceAlreadyExistsException",
        "Archive a already exists.",
    );
    assert_err(
        f.eb.create_archive(CreateArchiveRequest {
            archive_name: "b".into(),
            event_source_arn: "arn:aws:events:us-east-1:111111111111:event-bus/nope".into(),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    let e =
        f.eb.create_archive(CreateArchiveRequest {
            archive_name: "b".into(),
            event_source_arn: DEFAULT_BUS.into(),
            event_pattern: Some(r#"{"source": "x"}"#.into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.code().as_str(), "InvalidEventPatternException");
    let e =
        f.eb.create_archive(CreateArchiveRequest {
            archive_name: "x".repeat(49),
            event_source_arn: DEFAULT_BUS.into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.code().as_str(), "ValidationException");
}

#[test]
fn managed_rules_cannot_be_changed_and_block_bus_deletion() {
    let f = fixture();
    f.eb.create_event_bus(CreateEventBusRequest {
        name: "custom".into(),
        ..Default::default()
    })
    .unwrap();
    f.eb.create_archive(CreateArchiveRequest {
        archive_name: "c".into(),
        event_source_arn: "arn:aws:events:us-east-1:111111111111:event-bus/custom".into(),
        ..Default::default()
    })
    .unwrap();
    let bus = Some("custom".to_string());
    let msg = "Rule Events-Archive-c is a managed rule and cannot be modified.";
    assert_err(
        f.eb.put_rule(PutRuleRequest {
            name: "Events-Archive-c".into(),
            event_pattern: Some(r#"{"source": ["x"]}"#.into()),
            event_bus_name: bus.clone(),
            ..Default::default()
        }),
        "ManagedRuleException",
        msg,
    );
    assert_err(
        f.eb.disable_rule(DisableRuleRequest {
            name: "Events-Archive-c".into(),
            event_bus_name: bus.clone(),
        }),
        "ManagedRuleException",
        msg,
    );
    assert_err(
        f.eb.enable_rule(EnableRuleRequest {
            name: "Events-Archive-c".into(),
            event_bus_name: bus.clone(),
        }),
        "ManagedRuleException",
        msg,
    );
    assert_err(
        f.eb.put_targets(PutTargetsRequest {
            rule: "Events-Archive-c".into(),
            event_bus_name: bus.clone(),
            targets: vec![Target {
                id: "t".into(),
                arn: QUEUE.into(),
                ..Default::default()
            }],
        }),
        "ManagedRuleException",
        msg,
    );
    assert_err(
        f.eb.remove_targets(RemoveTargetsRequest {
            rule: "Events-Archive-c".into(),
            event_bus_name: bus.clone(),
            ids: vec!["t".into()],
            force: None,
        }),
        "ManagedRuleException",
        msg,
    );
    assert_err(
        f.eb.delete_rule(DeleteRuleRequest {
            name: "Events-Archive-c".into(),
            event_bus_name: bus.clone(),
            force: None,
        }),
        "ManagedRuleException",
        msg,
    );
    assert_err(
        f.eb.delete_event_bus(DeleteEventBusRequest {
            name: "custom".into(),
        }),
        "ValidationException",
        "EventBus can't be deleted since it has rules.",
    );
    // Deleting the archive removes its rule; then the bus can go.
    f.eb.delete_archive(DeleteArchiveRequest {
        archive_name: "c".into(),
    })
    .unwrap();
    f.eb.delete_event_bus(DeleteEventBusRequest {
        name: "custom".into(),
    })
    .unwrap();
    // Force deletes a managed rule.
    f.archive("d", None);
    f.eb.delete_rule(DeleteRuleRequest {
        name: "Events-Archive-d".into(),
        event_bus_name: None,
        force: Some(true),
    })
    .unwrap();
    f.put_at("x", 0);
    assert_eq!(f.describe_archive("d").event_count, Some(0));
}

#[test]
fn describe_update_delete_archive_errors() {
    let f = fixture();
    assert_err(
        f.eb.describe_archive(DescribeArchiveRequest {
            archive_name: "nope".into(),
        }),
        "ResourceNotFoundException",
        "Archive nope does not exist.",
    );
    assert_err(
        f.eb.delete_archive(DeleteArchiveRequest {
            archive_name: "nope".into(),
        }),
        "ResourceNotFoundException",
        "Archive nope does not exist.",
    );
    // Nothing to update is reported before the archive's existence.
    assert_err(
        f.eb.update_archive(UpdateArchiveRequest {
            archive_name: "nope".into(),
            ..Default::default()
        }),
        "ValidationException",
        "At least one of EventPattern, RetentionDays or Description must be provided.",
    );
    assert_err(
        f.eb.update_archive(UpdateArchiveRequest {
            archive_name: "nope".into(),
            description: Some("d".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Archive nope does not exist.",
    );
}

#[test]
fn update_archive_pattern_applies_to_later_events() {
    let f = fixture();
    f.archive("a", Some(r#"{"source": ["one"]}"#));
    f.put_at("one", 0);
    f.put_at("two", 1);
    let out =
        f.eb.update_archive(UpdateArchiveRequest {
            archive_name: "a".into(),
            event_pattern: Some(r#"{"source": ["two"]}"#.into()),
            description: Some("now two".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(out.state, Some(ArchiveState::Enabled));
    assert_eq!(
        out.archive_arn.as_deref(),
        Some("arn:aws:events:us-east-1:111111111111:archive/a")
    );
    f.put_at("one", 2);
    f.put_at("two", 3);
    let d = f.describe_archive("a");
    assert_eq!(d.event_count, Some(2));
    assert_eq!(d.description.as_deref(), Some("now two"));
    assert_eq!(d.event_pattern.as_deref(), Some(r#"{"source": ["two"]}"#));
}

#[test]
fn retention_drops_old_events_at_read() {
    let f = fixture();
    f.eb.create_archive(CreateArchiveRequest {
        archive_name: "short".into(),
        event_source_arn: DEFAULT_BUS.into(),
        retention_days: Some(1),
        ..Default::default()
    })
    .unwrap();
    f.put_at("x", 0);
    f.clock.advance(3600);
    f.put_at("x", 3600);
    assert_eq!(f.describe_archive("short").event_count, Some(2));
    f.clock.advance(86_400 - 3600);
    assert_eq!(f.describe_archive("short").event_count, Some(1));
    f.clock.advance(3600);
    assert_eq!(f.describe_archive("short").event_count, Some(0));
}

#[test]
fn list_archives_filters_and_pages() {
    let f = fixture();
    f.eb.create_event_bus(CreateEventBusRequest {
        name: "custom".into(),
        ..Default::default()
    })
    .unwrap();
    for n in ["a1", "a2", "a3", "b1"] {
        f.archive(n, None);
    }
    f.eb.create_archive(CreateArchiveRequest {
        archive_name: "c1".into(),
        event_source_arn: "arn:aws:events:us-east-1:111111111111:event-bus/custom".into(),
        ..Default::default()
    })
    .unwrap();
    let names = |r: ListArchivesResponse| -> Vec<String> {
        r.archives
            .unwrap()
            .into_iter()
            .map(|a| a.archive_name.unwrap())
            .collect()
    };
    let p1 =
        f.eb.list_archives(ListArchivesRequest {
            limit: Some(3),
            ..Default::default()
        })
        .unwrap();
    let token = p1.next_token.clone();
    assert_eq!(names(p1), ["a1", "a2", "a3"]);
    let p2 =
        f.eb.list_archives(ListArchivesRequest {
            limit: Some(3),
            next_token: token,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p2.next_token, None);
    assert_eq!(names(p2), ["b1", "c1"]);
    let by_prefix =
        f.eb.list_archives(ListArchivesRequest {
            name_prefix: Some("a".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(by_prefix), ["a1", "a2", "a3"]);
    let by_source =
        f.eb.list_archives(ListArchivesRequest {
            event_source_arn: Some("arn:aws:events:us-east-1:111111111111:event-bus/custom".into()),
            ..Default::default()
        })
        .unwrap();
    let items = by_source.archives.clone().unwrap();
    assert_eq!(names(by_source), ["c1"]);
    assert_eq!(items[0].event_count, Some(0));
    assert_eq!(items[0].state, Some(ArchiveState::Enabled));
    let by_state =
        f.eb.list_archives(ListArchivesRequest {
            state: Some(ArchiveState::Disabled),
            ..Default::default()
        })
        .unwrap();
    assert!(by_state.archives.unwrap().is_empty());
    assert_err(
        f.eb.list_archives(ListArchivesRequest {
            event_source_arn: Some("arn:aws:events:us-east-1:111111111111:event-bus/nope".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
}

// =============================================================================================
// Replays

#[test]
fn replay_redelivers_the_window_with_replay_name_and_is_not_archived_again() {
    let f = fixture();
    f.archive("arch", None);
    f.rule_with_target("all", r#"{"source": ["core.update-account-command"]}"#);
    let ids: Vec<String> = [10, 70, 130, 190]
        .iter()
        .map(|&at| f.put_at("core.update-account-command", at))
        .collect();
    f.take();
    f.clock.advance(1000);
    let out = f.start("rp", "arch", 70, 190).unwrap();
    assert_eq!(
        out,
        StartReplayResponse {
            replay_arn: Some("arn:aws:events:us-east-1:111111111111:replay/rp".into()),
            state: Some(ReplayState::Starting),
            state_reason: None,
            replay_start_time: Some(Timestamp::from_secs(T0 + 1000)),
        }
    );
    let d = f.describe_replay("rp");
    assert_eq!(d.state, Some(ReplayState::Starting));
    assert_eq!(d.event_last_replayed_time, None);
    assert_eq!(d.replay_end_time, None);
    assert!(f.take().is_empty());
    f.clock.advance(5);
    f.eb.tick(f.clock_now());
    let got = f.take();
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0].payload,
        format!(
            r#"{{"version":"0","id":"{}","detail-type":"core.update-account-command","source":"core.update-account-command","account":"111111111111","time":"2026-01-01T00:01:10Z","region":"us-east-1","replay-name":"rp","resources":[],"detail":{{"command":"update-account"}}}}"#,
            ids[1]
        )
    );
    assert_eq!(got[1].event_id, ids[2]);
    let d = f.describe_replay("rp");
    assert_eq!(
        d,
        DescribeReplayResponse {
            replay_name: Some("rp".into()),
            replay_arn: Some("arn:aws:events:us-east-1:111111111111:replay/rp".into()),
            description: None,
            state: Some(ReplayState::Completed),
            state_reason: None,
            event_source_arn: Some("arn:aws:events:us-east-1:111111111111:archive/arch".into()),
            destination: Some(ReplayDestination {
                arn: DEFAULT_BUS.into(),
                filter_arns: None,
            }),
            event_start_time: Some(Timestamp::from_secs(T0 + 70)),
            event_end_time: Some(Timestamp::from_secs(T0 + 190)),
            event_last_replayed_time: Some(Timestamp::from_secs(T0 + 130)),
            replay_start_time: Some(Timestamp::from_secs(T0 + 1000)),
            replay_end_time: Some(Timestamp::from_secs(T0 + 1005)),
        }
    );
    // Replayed events were not archived again.
    assert_eq!(f.describe_archive("arch").event_count, Some(4));
    // The name stays taken after completion.
    assert_err(
        f.start("rp", "arch", 0, 10),
        "ResourceAlreadyExistsException",
        "Replay rp already exists.",
    );
}

impl Fixture {
    fn clock_now(&self) -> Timestamp {
        use evmatch_eventbridge::bus::Clock;
        self.clock.now()
    }
}

#[test]
fn filter_arns_and_replay_name_patterns_select_rules() {
    let f = fixture();
    f.archive("arch", None);
    f.rule_with_target("a", r#"{"source": ["s"]}"#);
    f.rule_with_target("b", r#"{"source": ["s"]}"#);
    f.rule_with_target("live-only", r#"{"replay-name": [{"exists": false}]}"#);
    f.rule_with_target("replays-only", r#"{"replay-name": [{"exists": true}]}"#);
    f.put_at("s", 0);
    let live: Vec<String> = f.take().into_iter().map(|d| d.rule_name).collect();
    assert_eq!(live, ["a", "b", "live-only"]);
    f.eb.start_replay(StartReplayRequest {
        destination: ReplayDestination {
            arn: DEFAULT_BUS.into(),
            filter_arns: Some(vec![
                "arn:aws:events:us-east-1:111111111111:rule/b".into(),
                "arn:aws:events:us-east-1:111111111111:rule/live-only".into(),
            ]),
        },
        ..replay_req("filtered", "arch", 0, 60)
    })
    .unwrap();
    f.start("all", "arch", 0, 60).unwrap();
    f.eb.tick(f.clock_now());
    let replayed: Vec<String> = f.take().into_iter().map(|d| d.rule_name).collect();
    assert_eq!(replayed, ["a", "b", "replays-only", "b"]);
}

#[test]
fn empty_window_completes_without_last_replayed_time() {
    let f = fixture();
    f.archive("arch", None);
    f.put_at("s", 500);
    f.start("rp", "arch", 0, 500).unwrap();
    f.eb.tick(f.clock_now());
    let d = f.describe_replay("rp");
    assert_eq!(d.state, Some(ReplayState::Completed));
    assert_eq!(d.event_last_replayed_time, None);
    assert!(d.replay_end_time.is_some());
}

#[test]
fn replay_on_start_runs_inside_start_replay() {
    let f = fixture_with(EventBridgeConfig::new(ACCOUNT, REGION).with_replay_on_start(true));
    f.archive("arch", None);
    f.rule_with_target("all", r#"{"source": ["s"]}"#);
    f.put_at("s", 0);
    f.take();
    let out = f.start("rp", "arch", 0, 60).unwrap();
    assert_eq!(out.state, Some(ReplayState::Starting));
    assert_eq!(f.take().len(), 1);
    assert_eq!(f.describe_replay("rp").state, Some(ReplayState::Completed));
}

#[test]
fn start_replay_errors_in_order() {
    let mut config = EventBridgeConfig::new(ACCOUNT, REGION);
    config.concurrent_replays = 2;
    let f = fixture_with(config);
    f.eb.create_event_bus(CreateEventBusRequest {
        name: "custom".into(),
        ..Default::default()
    })
    .unwrap();
    f.archive("arch", None);
    f.start("taken", "arch", 0, 60).unwrap();
    // 1: the name, before anything else.
    assert_err(
        f.start("taken", "nope", 60, 0),
        "ResourceAlreadyExistsException",
        "Replay taken already exists.",
    );
    // 2: the window (equal and earlier), before the archive and the destination.
    let window =
        "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.";
    assert_err(f.start("r", "nope", 60, 60), "ValidationException", window);
    assert_err(
        f.eb.start_replay(StartReplayRequest {
            destination: ReplayDestination {
                arn: "arn:aws:events:us-east-1:111111111111:event-bus/custom".into(),
                filter_arns: None,
            },
            ..replay_req("r", "arch", 60, 50)
        }),
        "ValidationException",
        window,
    );
    // 3: the archive.
    assert_err(
        f.start("r", "nope", 0, 60),
        "ValidationException",
        "Parameter EventSourceArn is not valid. Reason: Archive nope does not exist.",
    );
    // 4a / 4b: the destination.
    assert_err(
        f.eb.start_replay(StartReplayRequest {
            destination: ReplayDestination {
                arn: "arn:aws:events:us-east-1:111111111111:event-bus/ghost".into(),
                filter_arns: None,
            },
            ..replay_req("r", "arch", 0, 60)
        }),
        "ResourceNotFoundException",
        "Event bus ghost does not exist.",
    );
    assert_err(
        f.eb.start_replay(StartReplayRequest {
            destination: ReplayDestination {
                arn: "arn:aws:events:us-east-1:111111111111:event-bus/custom".into(),
                filter_arns: None,
            },
            ..replay_req("r", "arch", 0, 60)
        }),
        "ValidationException",
        "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.",
    );
    // 5: concurrent replays.
    f.start("second", "arch", 0, 60).unwrap();
    assert_err(
        f.start("third", "arch", 0, 60),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
    f.eb.tick(f.clock_now());
    f.start("third", "arch", 0, 60).unwrap();
    // An end time in the future is fine.
    f.eb.tick(f.clock_now());
    f.start("future", "arch", 0, 10_000_000).unwrap();
}

#[test]
fn ten_concurrent_replays_by_default() {
    let f = fixture();
    f.archive("arch", None);
    for i in 0..10 {
        f.start(&format!("r{i}"), "arch", 0, 60).unwrap();
    }
    assert_err(
        f.start("r10", "arch", 0, 60),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
}

#[test]
fn cancel_replay_states_and_errors() {
    let f = fixture();
    f.archive("arch", None);
    f.rule_with_target("all", r#"{"source": ["s"]}"#);
    f.put_at("s", 0);
    f.take();
    f.start("rp", "arch", 0, 60).unwrap();
    let out =
        f.eb.cancel_replay(CancelReplayRequest {
            replay_name: "rp".into(),
        })
        .unwrap();
    assert_eq!(
        out,
        CancelReplayResponse {
            replay_arn: Some("arn:aws:events:us-east-1:111111111111:replay/rp".into()),
            state: Some(ReplayState::Cancelling),
            state_reason: None,
        }
    );
    assert_eq!(f.describe_replay("rp").state, Some(ReplayState::Cancelling));
    f.eb.tick(f.clock_now());
    let d = f.describe_replay("rp");
    assert_eq!(d.state, Some(ReplayState::Cancelled));
    assert_eq!(d.event_last_replayed_time, None);
    assert!(d.replay_end_time.is_some());
    assert!(f.take().is_empty());
    let msg = "Replay rp is not in a state that can be cancelled.";
    assert_err(
        f.eb.cancel_replay(CancelReplayRequest {
            replay_name: "rp".into(),
        }),
        "IllegalStatusException",
        msg,
    );
    f.start("done", "arch", 0, 60).unwrap();
    f.eb.tick(f.clock_now());
    assert_err(
        f.eb.cancel_replay(CancelReplayRequest {
            replay_name: "done".into(),
        }),
        "IllegalStatusException",
        "Replay done is not in a state that can be cancelled.",
    );
    assert_err(
        f.eb.cancel_replay(CancelReplayRequest {
            replay_name: "nope".into(),
        }),
        "ResourceNotFoundException",
        "Replay nope does not exist.",
    );
    assert_err(
        f.eb.describe_replay(DescribeReplayRequest {
            replay_name: "nope".into(),
        }),
        "ResourceNotFoundException",
        "Replay nope does not exist.",
    );
}

#[test]
fn replays_keep_their_events_when_the_archive_is_deleted() {
    let f = fixture();
    f.archive("arch", None);
    f.rule_with_target("all", r#"{"source": ["s"]}"#);
    f.put_at("s", 0);
    f.take();
    f.start("rp", "arch", 0, 60).unwrap();
    f.eb.delete_archive(DeleteArchiveRequest {
        archive_name: "arch".into(),
    })
    .unwrap();
    f.eb.tick(f.clock_now());
    assert_eq!(f.take().len(), 1);
    assert_eq!(f.describe_replay("rp").state, Some(ReplayState::Completed));
}

#[test]
fn list_replays_pages_and_filters() {
    let f = fixture();
    f.archive("arch", None);
    f.archive("other", None);
    for i in 1..=6 {
        f.start(&format!("r{i}"), "arch", 0, 60).unwrap();
    }
    f.eb.tick(f.clock_now());
    f.start("x", "other", 0, 60).unwrap();
    let req = |token, state, source: Option<&str>| ListReplaysRequest {
        name_prefix: None,
        state,
        event_source_arn: source.map(Into::into),
        next_token: token,
        limit: Some(3),
    };
    let names = |r: &ListReplaysResponse| -> Vec<String> {
        r.replays
            .as_ref()
            .unwrap()
            .iter()
            .map(|x| x.replay_name.clone().unwrap())
            .collect()
    };
    let arch = Some("arn:aws:events:us-east-1:111111111111:archive/arch");
    let p1 = f.eb.list_replays(req(None, None, arch)).unwrap();
    assert_eq!(names(&p1), ["r1", "r2", "r3"]);
    let p2 =
        f.eb.list_replays(req(p1.next_token.clone(), None, arch))
            .unwrap();
    assert_eq!(names(&p2), ["r4", "r5", "r6"]);
    assert_eq!(p2.next_token, None);
    let item = &p1.replays.as_ref().unwrap()[0];
    assert_eq!(item.state, Some(ReplayState::Completed));
    assert_eq!(item.event_start_time, Some(Timestamp::from_secs(T0)));
    assert!(item.replay_end_time.is_some());
    let starting =
        f.eb.list_replays(req(None, Some(ReplayState::Starting), None))
            .unwrap();
    assert_eq!(names(&starting), ["x"]);
    let prefixed =
        f.eb.list_replays(ListReplaysRequest {
            name_prefix: Some("x".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(&prefixed), ["x"]);
    let e =
        f.eb.list_replays(req(Some("bogus".into()), None, None))
            .unwrap_err();
    assert_eq!(e.to_string(), "The NextToken is not valid.");
}
