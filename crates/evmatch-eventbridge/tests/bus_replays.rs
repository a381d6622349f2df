//! Replays of the in-process EventBridge: what is redelivered, in which order and state, and
//! every operation's AWS errors.

mod common;

use common::*;

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
                arn: DEFAULT_BUS_ARN.into(),
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
            arn: DEFAULT_BUS_ARN.into(),
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
