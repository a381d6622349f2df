//! PutEvents and TestEventPattern on the in-process EventBridge: the envelope, per-entry checks,
//! request errors, fan-out to rules and targets, sinks and forwarding between buses.

mod common;

use common::*;

#[test]
fn envelope_members_order_and_formats() {
    let f = fixture();
    f.rule("all", r#"{"source": ["core.update-account-command"]}"#);
    f.target("all", target("t", QUEUE));
    let out = f.put(vec![PutEventsRequestEntry {
        time: Some(Timestamp::from_secs_and_nanos(T0 - 3600, 999_000_000)),
        resources: Some(vec!["arn:x".into(), "é".into()]),
        ..entry(
            "core.update-account-command",
            r#"{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz", "n": 1.50}}"#,
        )
    }]);
    assert_eq!(
        serde_json::to_string(&out).unwrap(),
        format!(
            r#"{{"FailedEntryCount":0,"Entries":[{{"EventId":"{}"}}]}}"#,
            id(1)
        )
    );
    let got = f.take();
    assert_eq!(
        got[0].payload,
        format!(
            r#"{{"version":"0","id":"{}","detail-type":"Thing Happened","source":"core.update-account-command","account":"111111111111","time":"2025-12-31T23:00:00Z","region":"us-east-1","resources":["arn:x","é"],"detail":{{"command":"update-account","payload":{{"acc_id":"0a787ecb-4015","sf_id":"baz","n":1.50}}}}}}"#,
            id(1)
        )
    );
    assert_eq!(got[0].event_id, id(1));
    assert_eq!(
        got[0].rule_arn,
        "arn:aws:events:us-east-1:111111111111:rule/all"
    );
    // No Time: the clock; no Resources: [].
    f.clock.advance(5);
    f.put(vec![entry("core.update-account-command", "{}")]);
    assert_eq!(
        f.take()[0].payload,
        format!(
            r#"{{"version":"0","id":"{}","detail-type":"Thing Happened","source":"core.update-account-command","account":"111111111111","time":"2026-01-01T00:00:05Z","region":"us-east-1","resources":[],"detail":{{}}}}"#,
            id(2)
        )
    );
}

#[test]
fn put_events_entry_checks_in_order() {
    let f = fixture();
    let cases: Vec<(PutEventsRequestEntry, &str, &str)> = vec![
        (
            PutEventsRequestEntry::default(),
            "InvalidArgument",
            "Parameter Source is not valid. Reason: Source is a required argument.",
        ),
        (
            PutEventsRequestEntry {
                source: Some("".into()),
                ..entry("x", "{}")
            },
            "InvalidArgument",
            "Parameter Source is not valid. Reason: Source is a required argument.",
        ),
        (
            PutEventsRequestEntry {
                detail_type: Some("".into()),
                detail: None,
                ..entry("x", "{}")
            },
            "InvalidArgument",
            "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
        ),
        (
            PutEventsRequestEntry {
                detail: None,
                ..entry("aws.x", "{}")
            },
            "InvalidArgument",
            "Parameter Detail is not valid. Reason: Detail is a required argument.",
        ),
        (
            entry("x", ""),
            "InvalidArgument",
            "Parameter Detail is not valid. Reason: Detail is a required argument.",
        ),
        (
            entry("x", "NotJSON"),
            "MalformedDetail",
            "Detail is malformed.",
        ),
        (entry("x", "{{}"), "MalformedDetail", "Detail is malformed."),
        (entry("x", "[]"), "MalformedDetail", "Detail is malformed."),
        (
            entry("x", "\"NotJSON\""),
            "MalformedDetail",
            "Detail is malformed.",
        ),
        (entry("x", "5"), "MalformedDetail", "Detail is malformed."),
        (
            entry("x", r#"{"n": 99999999999999999999}"#),
            "MalformedDetail",
            "Detail is malformed.",
        ),
        (
            entry("aws.x", "[]"),
            "MalformedDetail",
            "Detail is malformed.",
        ),
        (
            PutEventsRequestEntry {
                detail_type: Some("d".repeat(129)),
                ..entry("aws.x", "{}")
            },
            "InvalidArgument",
            "Parameter DetailType is not valid. Reason: DetailType exceeds the maximum length of 128.",
        ),
        (
            entry("aws.aidevops", "{}"),
            "NotAuthorizedForSourceException",
            "Not authorized for the source.",
        ),
    ];
    for (e, code, message) in cases {
        let out = f.put(vec![e.clone()]);
        assert_eq!(out.failed_entry_count, Some(1), "{e:?}");
        let r = &out.entries.unwrap()[0];
        assert_eq!(
            (
                r.event_id.as_deref(),
                r.error_code.as_deref(),
                r.error_message.as_deref()
            ),
            (None, Some(code), Some(message)),
            "{e:?}"
        );
    }
    // 128 characters is fine; a deep but legal detail is fine.
    let out = f.put(vec![
        PutEventsRequestEntry {
            detail_type: Some("é".repeat(128)),
            ..entry("x", "{}")
        },
        entry(
            "x",
            &format!("{{\"a\":{}1{}}}", "[".repeat(900), "]".repeat(900)),
        ),
    ]);
    assert_eq!(out.failed_entry_count, Some(0));
}

#[test]
fn put_events_mixed_results_keep_positions() {
    let f = fixture();
    let out = f.put(vec![
        entry("a", "{}"),
        entry("a", "nope"),
        entry("aws.ec2", "{}"),
        entry("b", "{}"),
    ]);
    assert_eq!(out.failed_entry_count, Some(2));
    let entries = out.entries.unwrap();
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[0].event_id, Some(id(1)));
    assert_eq!(entries[1].error_code.as_deref(), Some("MalformedDetail"));
    assert_eq!(
        entries[2].error_code.as_deref(),
        Some("NotAuthorizedForSourceException")
    );
    assert_eq!(entries[3].event_id, Some(id(2)));
}

#[test]
fn put_events_request_errors() {
    let f = fixture();
    assert_err(
        f.eb.put_events(PutEventsRequest::default()),
        "ValidationException",
        "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    let e = PutEventsRequestEntry {
        event_bus_name: Some("b".into()),
        ..entry(
            "core.update-account-command",
            r#"{"command": "update-account"}"#,
        )
    };
    let rendered = "PutEventsRequestEntry(time=null, source=core.update-account-command, resources=null, detailType=Thing Happened, detail={\"command\": \"update-account\"}, eventBusName=b, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)";
    assert_err(
        f.eb.put_events(PutEventsRequest {
            entries: vec![e; 11],
            endpoint_id: None,
        }),
        "ValidationException",
        &format!(
            "1 validation error detected: Value '[{}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10",
            [rendered; 11].join(", ")
        ),
    );
    // Size: Source 27 + DetailType 27 + Detail 262,144 bytes fails at 256 KiB …
    let big = PutEventsRequestEntry {
        source: Some("s".repeat(27)),
        detail_type: Some("d".repeat(27)),
        detail: Some(format!("{{\"a\":\"{}\"}}", "x".repeat(262_144 - 8))),
        ..Default::default()
    };
    let small = fixture_with(
        EventBridgeConfig::new(ACCOUNT, REGION)
            .with_limits(evmatch_eventbridge::api::ServiceLimits::compat_256kb()),
    );
    assert_err(
        small.eb.put_events(PutEventsRequest {
            entries: vec![big.clone()],
            endpoint_id: None,
        }),
        "ValidationException",
        "Total size of the entries in the request is over the limit.",
    );
    // … and passes at 1 MB.
    assert_eq!(f.put(vec![big]).failed_entry_count, Some(0));
}

#[test]
fn unknown_bus_succeeds_and_drops() {
    let f = fixture();
    f.rule("r", r#"{"source": ["a"]}"#);
    f.target("r", target("t", QUEUE));
    let out = f.put(vec![on_bus(entry("a", "{}"), "nope")]);
    assert_eq!(out.failed_entry_count, Some(0));
    assert_eq!(out.entries.unwrap()[0].event_id, Some(id(1)));
    assert!(f.take().is_empty());
}

#[test]
fn bus_isolation_and_bus_arn_names() {
    let f = fixture();
    f.bus("custom");
    f.rule("on-default", r#"{"source": ["a"]}"#);
    f.target("on-default", target("t", QUEUE));
    f.rule_on("custom", "on-custom", r#"{"source": ["a"]}"#);
    f.target_on(Some("custom"), "on-custom", target("t", QUEUE));
    f.put(vec![on_bus(entry("a", "{}"), "custom")]);
    let got = f.take();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rule_name, "on-custom");
    assert_eq!(got[0].event_bus_name, "custom");
    assert_eq!(
        got[0].rule_arn,
        "arn:aws:events:us-east-1:111111111111:rule/custom/on-custom"
    );
    f.put(vec![on_bus(
        entry("a", "{}"),
        "arn:aws:events:us-east-1:111111111111:event-bus/default",
    )]);
    let got = f.take();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rule_name, "on-default");
}

#[test]
fn fan_out_rules_in_name_order_targets_in_insertion_order() {
    let f = fixture();
    f.rule("b-rule", r#"{"source": ["a"]}"#);
    f.rule("a-rule", r#"{"detail": {"x": [1]}}"#);
    f.rule("c-rule", r#"{"source": ["other"]}"#);
    for r in ["a-rule", "b-rule", "c-rule"] {
        f.eb.put_targets(PutTargetsRequest {
            rule: r.into(),
            targets: vec![target("z", QUEUE), target("y", QUEUE)],
            ..Default::default()
        })
        .unwrap();
    }
    f.put(vec![entry("a", r#"{"x": 1}"#)]);
    let got: Vec<_> = f
        .take()
        .into_iter()
        .map(|d| (d.rule_name, d.target.id, d.event_id))
        .collect();
    let e = id(1);
    assert_eq!(
        got,
        [
            ("a-rule".into(), "z".into(), e.clone()),
            ("a-rule".into(), "y".into(), e.clone()),
            ("b-rule".into(), "z".into(), e.clone()),
            ("b-rule".into(), "y".into(), e),
        ]
    );
}

#[test]
fn schedule_only_rules_ignore_put_events_and_targetless_rules_do_nothing() {
    let f = fixture();
    f.eb.put_rule(PutRuleRequest {
        name: "sched".into(),
        schedule_expression: Some("rate(1 minute)".into()),
        ..Default::default()
    })
    .unwrap();
    f.target("sched", target("t", QUEUE));
    f.rule("no-targets", r#"{"source": ["a"]}"#);
    let out = f.put(vec![entry("a", "{}")]);
    assert_eq!(out.failed_entry_count, Some(0));
    assert!(f.take().is_empty());
}

#[test]
fn input_modes_reach_the_sink() {
    let f = fixture();
    f.bus("custom");
    f.rule_on(
        "custom",
        "r",
        r#"{"source": ["core.update-account-command"]}"#,
    );
    f.eb.put_targets(PutTargetsRequest {
        rule: "r".into(),
        event_bus_name: Some("custom".into()),
        targets: vec![
            Target {
                input: Some(r#"{"custom-value": "somecustominput"}"#.into()),
                ..target("input", QUEUE)
            },
            Target {
                input_path: Some("$.detail.payload.sf_id".into()),
                ..target("path", QUEUE)
            },
            Target {
                input_transformer: Some(InputTransformer {
                    input_paths_map: None,
                    input_template: "\"Message containing all pre defined variables <aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>\"".into(),
                }),
                ..target("predefined", QUEUE)
            },
            Target {
                input_path: Some("$.detail.missing".into()),
                ..target("missing", QUEUE)
            },
            target("whole", QUEUE),
        ],
    })
    .unwrap();
    f.put(vec![on_bus(
        PutEventsRequestEntry {
            time: Some(Timestamp::from_secs(1)),
            ..entry(
                "core.update-account-command",
                r#"{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}"#,
            )
        },
        "custom",
    )]);
    let got: Vec<(String, String)> = f
        .take()
        .into_iter()
        .map(|d| (d.target.id, d.payload))
        .collect();
    assert_eq!(
        got[0],
        (
            "input".into(),
            r#"{"custom-value": "somecustominput"}"#.into()
        )
    );
    assert_eq!(got[1], ("path".into(), "\"baz\"".into()));
    // The ingestion time is the clock's, not the entry's Time.
    assert_eq!(
        got[2],
        (
            "predefined".into(),
            "\"Message containing all pre defined variables arn:aws:events:us-east-1:111111111111:rule/custom/r r 2026-01-01T00:00:00Z\"".into()
        )
    );
    assert_eq!(got[3].0, "whole");
    assert!(got[3].1.starts_with(r#"{"version":"0","id":""#));
    assert!(got[3].1.contains(r#""time":"1970-01-01T00:00:01Z""#));
    let failures = f.failures.lock().unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].target.id, "missing");
    assert_eq!(failures[0].reason, DeliveryFailure::InputPathNotFound);
    assert_eq!(failures[0].event_id, id(1));
}

#[test]
fn registered_sinks_get_their_arns_and_results_never_depend_on_delivery() {
    let clock = Arc::new(ManualClock::new(Timestamp::from_secs(T0)));
    let eb = EventBridge::build(
        EventBridgeConfig::new(ACCOUNT, REGION),
        clock,
        Arc::new(SequentialIds::new()),
    );
    eb.put_rule(PutRuleRequest {
        name: "r".into(),
        event_pattern: Some(r#"{"source": ["a"]}"#.into()),
        ..Default::default()
    })
    .unwrap();
    eb.put_targets(PutTargetsRequest {
        rule: "r".into(),
        targets: vec![target("one", QUEUE), target("two", QUEUE2)],
        ..Default::default()
    })
    .unwrap();
    // No sink at all: still a success.
    let req = || PutEventsRequest {
        entries: vec![entry("a", "{}")],
        endpoint_id: None,
    };
    assert_eq!(eb.put_events(req()).unwrap().failed_entry_count, Some(0));
    let (sink, rx) = ChannelSink::new();
    eb.register_sink(QUEUE2, Arc::new(sink));
    eb.put_events(req()).unwrap();
    let got: Vec<Delivery> = rx.try_iter().collect();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].target.id, "two");
    // A dropped receiver does not matter either.
    drop(rx);
    assert_eq!(eb.put_events(req()).unwrap().failed_entry_count, Some(0));
}

#[test]
fn event_bus_targets_forward_the_original_event() {
    let f = fixture();
    f.bus("custom");
    f.rule("forward", r#"{"source": ["a"]}"#);
    f.target(
        "forward",
        Target {
            // An input mode on a same-account bus target is ignored.
            input: Some("{}".into()),
            ..target(
                "bus",
                "arn:aws:events:us-east-1:111111111111:event-bus/custom",
            )
        },
    );
    f.rule_on("custom", "seen", r#"{"source": ["a"]}"#);
    f.target_on(Some("custom"), "seen", target("t", QUEUE));
    f.put(vec![entry("a", r#"{"k": "v"}"#)]);
    let got = f.take();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rule_name, "seen");
    assert_eq!(got[0].event_id, id(1));
    assert!(got[0].payload.contains(r#""account":"111111111111""#));
    assert!(got[0].payload.ends_with(r#""detail":{"k":"v"}}"#));
}

#[test]
fn forwarding_loops_are_cut() {
    let f = fixture();
    f.rule("loop", r#"{"source": ["a"]}"#);
    f.target(
        "loop",
        target(
            "self",
            "arn:aws:events:us-east-1:111111111111:event-bus/default",
        ),
    );
    f.target("loop", target("q", QUEUE));
    f.put(vec![entry("a", "{}")]);
    // The original delivery plus one per hop (default 5 hops).
    assert_eq!(f.take().len(), 6);
}

#[test]
fn test_event_pattern_operation() {
    let f = fixture();
    let event = r#"{"id": "1", "account": "1", "source": "a", "time": "t", "region": "r", "detail-type": "d", "detail": {"n": 5}}"#;
    let run = |pattern: &str, event: &str| {
        f.eb.test_event_pattern(TestEventPatternRequest {
            event_pattern: pattern.into(),
            event: event.into(),
        })
    };
    assert_eq!(
        run(r#"{"detail": {"n": [{"numeric": [">", 4]}]}}"#, event)
            .unwrap()
            .result,
        Some(true)
    );
    assert_eq!(
        run(r#"{"source": ["b"]}"#, event).unwrap().result,
        Some(false)
    );
    assert_err(
        run(r#"{"source": ["b"]}"#, r#"{"source": "a"}"#),
        "ValidationException",
        "Parameter Event is not valid.",
    );
    let (code, _) = err(run(r#"{"source": "b"}"#, event));
    assert_eq!(code, "InvalidEventPatternException");
}
