//! Service checks and recorded AWS texts, request by request. Tests whose name ends in
//! `_pattern_engine` go through `evmatch::Pattern::parse`.

use std::collections::BTreeMap;

use evmatch_eventbridge::ErrorCode;
use evmatch_eventbridge::api::archives::{CreateArchiveRequest, UpdateArchiveRequest};
use evmatch_eventbridge::api::connections::*;
use evmatch_eventbridge::api::event_buses::{CreateEventBusRequest, DeleteEventBusRequest};
use evmatch_eventbridge::api::events::{
    PutEventsRequest, PutEventsRequestEntry, PutPartnerEventsRequest, PutPartnerEventsRequestEntry,
    TestEventPatternRequest,
};
use evmatch_eventbridge::api::permissions::PutPermissionRequest;
use evmatch_eventbridge::api::replays::{ReplayDestination, StartReplayRequest};
use evmatch_eventbridge::api::rules::{PutRuleRequest, RuleState};
use evmatch_eventbridge::api::tags::{Tag, TagResourceRequest};
use evmatch_eventbridge::api::targets::{
    InputTransformer, PutTargetsRequest, RemoveTargetsRequest, Target,
};
use evmatch_eventbridge::api::{Empty, Request, ServiceLimits, Timestamp, decode};

fn msg<R: Request>(r: &R) -> (ErrorCode, String) {
    let e = r.validate().expect_err("request should be rejected");
    (e.code(), e.to_string())
}

fn validation(text: &str) -> (ErrorCode, String) {
    (ErrorCode::Validation, text.to_string())
}

const LIMIT: &str = "The requested resource exceeds the maximum number allowed.";

// ---------------------------------------------------------------- PutEvents

fn entry() -> PutEventsRequestEntry {
    PutEventsRequestEntry {
        source: Some("core.update-account-command".into()),
        detail_type: Some("core.update-account-command".into()),
        detail: Some(r#"{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}"#.into()),
        event_bus_name: Some("my-bus".into()),
        ..Default::default()
    }
}

#[test]
fn put_events_valid() {
    PutEventsRequest {
        entries: vec![entry(); 10],
        endpoint_id: None,
    }
    .validate()
    .unwrap();
    PutEventsRequest {
        entries: vec![entry()],
        endpoint_id: Some("abcde.veo".into()),
    }
    .validate()
    .unwrap();
}

#[test]
fn put_events_entry_count_recorded_texts() {
    assert_eq!(
        msg(&PutEventsRequest {
            entries: vec![],
            endpoint_id: None
        }),
        validation(
            "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1"
        )
    );
    let one = "PutEventsRequestEntry(time=null, source=core.update-account-command, resources=null, detailType=core.update-account-command, detail={\"command\": \"update-account\", \"payload\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}}, eventBusName=my-bus, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)";
    let all = [one; 11].join(", ");
    assert_eq!(
        msg(&PutEventsRequest {
            entries: vec![entry(); 11],
            endpoint_id: None
        }),
        validation(&format!(
            "1 validation error detected: Value '[{all}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10"
        ))
    );
}

#[test]
fn put_events_entry_member_constraints() {
    let mut e = entry();
    e.event_bus_name = Some("aws.partner/x/y".into());
    e.trace_header = Some(String::new());
    assert_eq!(
        msg(&PutEventsRequest {
            entries: vec![entry(), e],
            endpoint_id: None
        }),
        validation(
            "2 validation errors detected: Value 'aws.partner/x/y' at 'entries.2.member.eventBusName' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: (arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+; \
             Value '' at 'entries.2.member.traceHeader' failed to satisfy constraint: Member must have length greater than or equal to 1"
        )
    );
}

#[test]
fn entry_size_worked_examples() {
    let mut e = PutEventsRequestEntry {
        source: Some("a.b".into()),
        detail_type: Some("T".into()),
        detail: Some("{}".into()),
        ..Default::default()
    };
    assert_eq!(e.size(), 6);
    e.time = Some(Timestamp::from_secs(0));
    assert_eq!(e.size(), 20);
    e.time = None;
    e.resources = Some(vec!["arn:x".into(), "é".into()]);
    assert_eq!(e.size(), 13);
    // EventBusName and TraceHeader do not count.
    e.event_bus_name = Some("bus".into());
    e.trace_header = Some("trace".into());
    assert_eq!(e.size(), 13);
}

#[test]
fn put_events_size_limit_is_exclusive_and_configurable() {
    let sized = |detail_len: usize| {
        let mut e = entry();
        e.source = Some("s".into());
        e.detail_type = Some("t".into());
        e.detail = Some(format!("{{\"a\":\"{}\"}}", "x".repeat(detail_len - 8)));
        assert_eq!(e.size(), detail_len + 2);
        PutEventsRequest {
            entries: vec![e],
            endpoint_id: None,
        }
    };
    let over = validation("Total size of the entries in the request is over the limit.");
    sized(ServiceLimits::PUT_EVENTS_1MB - 3).validate().unwrap();
    assert_eq!(msg(&sized(ServiceLimits::PUT_EVENTS_1MB - 2)), over);
    let compat = ServiceLimits::compat_256kb();
    sized(ServiceLimits::PUT_EVENTS_256KB - 3)
        .validate_with(&compat)
        .unwrap();
    let e = sized(ServiceLimits::PUT_EVENTS_256KB - 2)
        .validate_with(&compat)
        .unwrap_err();
    assert_eq!((e.code(), e.to_string()), over);
    // The recorded rejection: Source 27 + DetailType 27 + Detail 262,144 bytes.
    let mut recorded = entry();
    recorded.detail = Some(format!("{{\"a\":\"{}\"}}", "x".repeat(262_144 - 8)));
    let r = PutEventsRequest {
        entries: vec![recorded],
        endpoint_id: None,
    };
    r.validate().unwrap();
    assert_eq!(r.validate_with(&compat).unwrap_err().to_string(), over.1);
    // Entries are summed, including entries that will fail per-entry checks.
    let mut small = ServiceLimits::default();
    small.put_events_max_size = 100;
    let e = PutEventsRequestEntry {
        detail: Some("x".repeat(60)),
        ..Default::default()
    };
    let r = PutEventsRequest {
        entries: vec![e.clone(), e],
        endpoint_id: None,
    };
    assert_eq!(r.validate_with(&small).unwrap_err().to_string(), over.1);
}

#[test]
fn put_partner_events_limits() {
    let e = PutPartnerEventsRequestEntry {
        source: Some("aws.partner/example.com/orders".into()),
        detail_type: Some("t".into()),
        detail: Some("{}".into()),
        ..Default::default()
    };
    PutPartnerEventsRequest {
        entries: vec![e.clone(); 20],
    }
    .validate()
    .unwrap();
    let (code, text) = msg(&PutPartnerEventsRequest {
        entries: vec![e.clone(); 21],
    });
    assert_eq!(code, ErrorCode::Validation);
    assert!(text.ends_with("at 'entries' failed to satisfy constraint: Member must have length less than or equal to 20"));
    let mut bad = e.clone();
    bad.source = Some("my.source".into());
    let (_, text) = msg(&PutPartnerEventsRequest { entries: vec![bad] });
    assert!(text.contains("Value 'my.source' at 'entries.1.member.source' failed to satisfy constraint: Member must satisfy regular expression pattern: aws\\.partner(/[\\.\\-_A-Za-z0-9]+){2,}"), "{text}");
    let mut big = e;
    big.detail = Some("x".repeat(ServiceLimits::PUT_EVENTS_1MB));
    assert_eq!(
        msg(&PutPartnerEventsRequest { entries: vec![big] }),
        validation("Total size of the entries in the request is over the limit.")
    );
}

// ---------------------------------------------------------------- PutRule

fn rule() -> PutRuleRequest {
    PutRuleRequest {
        name: "my-rule".into(),
        schedule_expression: Some("rate(5 minutes)".into()),
        ..Default::default()
    }
}

#[test]
fn put_rule_valid_schedule() {
    rule().validate().unwrap();
    let mut r = rule();
    r.event_bus_name = Some("arn:aws:events:us-east-1:123456789012:event-bus/default".into());
    r.state = Some(RuleState::Disabled);
    r.validate().unwrap();
}

#[test]
fn put_rule_needs_pattern_or_schedule() {
    let r = PutRuleRequest {
        name: "my-rule".into(),
        ..Default::default()
    };
    assert_eq!(
        msg(&r),
        validation("Parameter(s) EventPattern or ScheduleExpression must be specified.")
    );
}

#[test]
fn put_rule_schedule_only_on_default_bus() {
    for bus in [
        "orders",
        "arn:aws:events:us-east-1:123456789012:event-bus/orders",
    ] {
        let mut r = rule();
        r.event_bus_name = Some(bus.into());
        assert_eq!(
            msg(&r),
            validation("ScheduleExpression is supported only on the default event bus.")
        );
    }
}

#[test]
fn put_rule_name_recorded_style() {
    let mut r = rule();
    r.name = "x".repeat(65);
    assert_eq!(
        msg(&r),
        validation(&format!(
            "1 validation error detected: Value '{}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64",
            r.name
        ))
    );
}

#[test]
fn put_rule_pattern_model_length_is_a_validation_error() {
    let mut r = rule();
    let p = format!("{{\"source\":[\"{}\"]}}", "x".repeat(4100));
    r.event_pattern = Some(p.clone());
    assert_eq!(
        msg(&r),
        validation(&format!(
            "1 validation error detected: Value '{p}' at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096"
        ))
    );
}

#[test]
fn put_rule_pattern_quota_is_configurable_pattern_engine() {
    let mut r = rule();
    r.schedule_expression = None;
    r.event_pattern = Some(format!("{{\"source\":[\"{}\"]}}", "x".repeat(3000)));
    let (code, _) = msg(&r);
    assert_eq!(code, ErrorCode::LimitExceeded);
    let mut raised = ServiceLimits::default();
    raised.rule_event_pattern_max_chars = 4096;
    r.validate_with(&raised).unwrap();
}

#[test]
fn put_rule_valid_pattern_pattern_engine() {
    let mut r = rule();
    r.schedule_expression = None;
    r.event_pattern = Some(r#"{"source":["x"]}"#.into());
    r.validate().unwrap();
}

#[test]
fn put_rule_invalid_pattern_pattern_engine() {
    let mut r = rule();
    r.event_pattern = Some(r#"{"a":1}"#.into());
    let e = r.validate().unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidEventPattern);
    assert!(
        e.to_string()
            .starts_with("Event pattern is not valid. Reason: \"a\" must be an object or an array"),
        "{e}"
    );
    // Identical to the pattern engine's own error.
    assert_eq!(e, evmatch::Pattern::parse(r#"{"a":1}"#).unwrap_err().into());
}

#[test]
fn tags_per_resource() {
    let tags: Vec<Tag> = (0..51)
        .map(|i| Tag {
            key: format!("k{i}"),
            value: "v".into(),
        })
        .collect();
    let mut r = rule();
    r.tags = Some(tags[..50].to_vec());
    r.validate().unwrap();
    r.tags = Some(tags.clone());
    assert_eq!(msg(&r), (ErrorCode::LimitExceeded, LIMIT.into()));
    let t = TagResourceRequest {
        resource_arn: "arn:aws:events:us-east-1:123456789012:rule/r".into(),
        tags: tags.clone(),
    };
    assert_eq!(msg(&t), (ErrorCode::LimitExceeded, LIMIT.into()));
    let b = CreateEventBusRequest {
        name: "orders".into(),
        tags: Some(tags),
        ..Default::default()
    };
    assert_eq!(msg(&b), (ErrorCode::LimitExceeded, LIMIT.into()));
}

#[test]
fn tag_resource_constraints() {
    let t = TagResourceRequest {
        resource_arn: String::new(),
        tags: vec![Tag {
            key: "k".repeat(129),
            value: "v".into(),
        }],
    };
    let (_, text) = msg(&t);
    assert!(text.starts_with("2 validation errors detected: Value '' at 'resourceARN' failed to satisfy constraint: Member must have length greater than or equal to 1; "), "{text}");
    assert!(text.ends_with(&format!("Value '{}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128", "k".repeat(129))), "{text}");
}

// ---------------------------------------------------------------- PutTargets / RemoveTargets

fn target(id: &str) -> Target {
    Target {
        id: id.into(),
        arn: "arn:aws:sqs:us-east-1:123456789012:q".into(),
        ..Default::default()
    }
}

fn put_targets(targets: Vec<Target>) -> PutTargetsRequest {
    PutTargetsRequest {
        rule: "my-rule".into(),
        event_bus_name: None,
        targets,
    }
}

#[test]
fn put_targets_recorded_id_texts() {
    assert_eq!(
        msg(&put_targets(vec![target("!@#$@!#$")])),
        validation(
            "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
        )
    );
    let long = "a".repeat(65);
    assert_eq!(
        msg(&put_targets(vec![target("ok"), target(&long)])),
        validation(&format!(
            "1 validation error detected: Value '{long}' at 'targets.2.member.id' failed to satisfy constraint: Member must have length less than or equal to 64"
        ))
    );
}

#[test]
fn put_targets_one_input_mode() {
    let mut t = target("t1");
    t.input = Some("{}".into());
    t.input_path = Some("$.detail".into());
    assert_eq!(
        msg(&put_targets(vec![t])),
        validation(
            "Only one of Input, InputPath, or InputTransformer must be provided for target t1."
        )
    );
}

#[test]
fn put_targets_template_placeholders() {
    let mut t = target("t1");
    t.input_transformer = Some(InputTransformer {
        input_paths_map: Some(BTreeMap::from([("userId".into(), "$.detail.user".into())])),
        input_template: r#"{"u": <userId>, "path": "users/<userId>", "r": <aws.events.rule-arn>, "e": <aws.events.event.json>}"#.into(),
    });
    put_targets(vec![t.clone()]).validate().unwrap();
    t.input_transformer.as_mut().unwrap().input_template = r#"{"x": <notdefinedkey>}"#.into();
    assert_eq!(
        msg(&put_targets(vec![t.clone()])),
        validation("InputTemplate for target t1 contains invalid placeholder notdefinedkey.")
    );
    // A `<` without a closing `>` is text.
    t.input_transformer.as_mut().unwrap().input_template = "a < b".into();
    put_targets(vec![t.clone()]).validate().unwrap();
    // An empty template is a model violation.
    t.input_transformer.as_mut().unwrap().input_template = String::new();
    assert_eq!(
        msg(&put_targets(vec![t])),
        validation(
            "1 validation error detected: Value '' at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1"
        )
    );
}

#[test]
fn put_targets_limits() {
    put_targets((0..5).map(|i| target(&format!("t{i}"))).collect())
        .validate()
        .unwrap();
    // Re-putting the same Id twice in one request counts once.
    put_targets((0..6).map(|i| target(&format!("t{}", i % 5))).collect())
        .validate()
        .unwrap();
    assert_eq!(
        msg(&put_targets(
            (0..6).map(|i| target(&format!("t{i}"))).collect()
        )),
        (ErrorCode::LimitExceeded, LIMIT.into())
    );
    let mut l = ServiceLimits::default();
    l.targets_per_rule = 100;
    put_targets((0..10).map(|i| target(&format!("t{i}"))).collect())
        .validate_with(&l)
        .unwrap();
    let e = put_targets((0..11).map(|i| target(&format!("t{i}"))).collect())
        .validate_with(&l)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::LimitExceeded);
    l.targets_per_request = 100;
    put_targets((0..100).map(|i| target(&format!("t{i}"))).collect())
        .validate_with(&l)
        .unwrap();
    let (_, text) = msg(&put_targets(
        (0..101).map(|i| target(&format!("t{i}"))).collect(),
    ));
    assert!(text.ends_with("at 'targets' failed to satisfy constraint: Member must have length less than or equal to 100"));
}

#[test]
fn remove_targets_limits() {
    let r = |n: usize| RemoveTargetsRequest {
        rule: "r".into(),
        event_bus_name: None,
        ids: (0..n).map(|i| format!("t{i}")).collect(),
        force: None,
    };
    r(10).validate().unwrap();
    assert_eq!(msg(&r(11)), (ErrorCode::LimitExceeded, LIMIT.into()));
    let (code, text) = msg(&r(0));
    assert_eq!(code, ErrorCode::Validation);
    assert_eq!(
        text,
        "1 validation error detected: Value '[]' at 'ids' failed to satisfy constraint: Member must have length greater than or equal to 1"
    );
    let mut bad = r(2);
    bad.ids[1] = "a b".into();
    assert_eq!(
        msg(&bad),
        validation(
            "1 validation error detected: Value '[t0, a b]' at 'ids' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+]"
        )
    );
}

// ---------------------------------------------------------------- TestEventPattern

const EVENT: &str = r#"{"id":"1","account":"123456789012","source":"x","time":"2024-01-01T00:00:00Z","region":"us-east-1","detail-type":"t","detail":{}}"#;

#[test]
fn test_event_pattern_event_checks() {
    for event in [
        "not json",
        "[]",
        r#"{"id":"1"}"#,
        r#"{"id":"1","account":"1","source":"x","time":"t","region":"r"}"#,
    ] {
        let r = TestEventPatternRequest {
            event_pattern: r#"{"source":["x"]}"#.into(),
            event: event.into(),
        };
        assert_eq!(
            msg(&r),
            validation("Parameter Event is not valid."),
            "{event}"
        );
    }
}

#[test]
fn test_event_pattern_valid_pattern_engine() {
    TestEventPatternRequest {
        event_pattern: r#"{"source":["x"]}"#.into(),
        event: EVENT.into(),
    }
    .validate()
    .unwrap();
    // The request reads the event as the one-rule API does: 900 levels of nesting are fine.
    let deep = EVENT.replace(
        r#""detail":{}"#,
        &format!(r#""detail":{}1{}"#, "[".repeat(900), "]".repeat(900)),
    );
    TestEventPatternRequest {
        event_pattern: r#"{"source":["x"]}"#.into(),
        event: deep,
    }
    .validate()
    .unwrap();
}

#[test]
fn test_event_pattern_invalid_pattern_engine() {
    let r = TestEventPatternRequest {
        event_pattern: r#"{"a":1}"#.into(),
        event: EVENT.into(),
    };
    let e = r.validate().unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidEventPattern);
    assert!(
        e.to_string()
            .starts_with("Event pattern is not valid. Reason: \"a\" must be an object or an array"),
        "{e}"
    );
}

// ---------------------------------------------------------------- Archives and replays

fn archive() -> CreateArchiveRequest {
    CreateArchiveRequest {
        archive_name: "my-archive".into(),
        event_source_arn: "arn:aws:events:us-east-1:123456789012:event-bus/default".into(),
        ..Default::default()
    }
}

#[test]
fn create_archive_valid_and_name() {
    archive().validate().unwrap();
    let mut a = archive();
    a.archive_name = "a".repeat(49);
    a.retention_days = Some(-1);
    let (_, text) = msg(&a);
    assert!(text.starts_with("2 validation errors detected: "), "{text}");
    assert!(text.contains("at 'archiveName' failed to satisfy constraint: Member must have length less than or equal to 48"));
    assert!(text.contains("Value '-1' at 'retentionDays' failed to satisfy constraint: Member must have value greater than or equal to 0"));
}

#[test]
fn create_archive_pattern_pattern_engine() {
    let mut a = archive();
    a.event_pattern = Some(r#"{"source":["x"]}"#.into());
    a.validate().unwrap();
    a.event_pattern = Some(r#"{"a":1}"#.into());
    assert_eq!(
        a.validate().unwrap_err().code(),
        ErrorCode::InvalidEventPattern
    );
}

#[test]
fn update_archive_needs_a_change() {
    let u = UpdateArchiveRequest {
        archive_name: "my-archive".into(),
        ..Default::default()
    };
    assert_eq!(
        msg(&u),
        validation("At least one of EventPattern, RetentionDays or Description must be provided.")
    );
    UpdateArchiveRequest {
        retention_days: Some(0),
        ..u
    }
    .validate()
    .unwrap();
}

#[test]
fn update_archive_pattern_pattern_engine() {
    let u = UpdateArchiveRequest {
        archive_name: "a".into(),
        event_pattern: Some(r#"{"a":1}"#.into()),
        ..Default::default()
    };
    assert_eq!(
        u.validate().unwrap_err().code(),
        ErrorCode::InvalidEventPattern
    );
}

#[test]
fn start_replay_window() {
    let mut r = StartReplayRequest {
        replay_name: "r1".into(),
        description: None,
        event_source_arn: "arn:aws:events:us-east-1:123456789012:archive/a".into(),
        event_start_time: Timestamp::from_secs(100),
        event_end_time: Timestamp::from_secs(110),
        destination: ReplayDestination {
            arn: "arn:aws:events:us-east-1:123456789012:event-bus/default".into(),
            filter_arns: None,
        },
    };
    r.validate().unwrap();
    let text =
        "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.";
    r.event_end_time = Timestamp::from_secs(100);
    assert_eq!(msg(&r), validation(text));
    r.event_end_time = Timestamp::from_secs(90);
    assert_eq!(msg(&r), validation(text));
}

// ---------------------------------------------------------------- Buses, permissions, connections

#[test]
fn delete_default_bus() {
    assert_eq!(
        msg(&DeleteEventBusRequest {
            name: "default".into()
        }),
        validation("Cannot delete event bus default.")
    );
    DeleteEventBusRequest {
        name: "orders".into(),
    }
    .validate()
    .unwrap();
}

#[test]
fn put_permission_policy_length() {
    let p = |n: usize| PutPermissionRequest {
        policy: Some("x".repeat(n)),
        ..Default::default()
    };
    p(10_240).validate().unwrap();
    let (code, _) = msg(&p(10_241));
    assert_eq!(code, ErrorCode::PolicyLengthExceeded);
    let mut l = ServiceLimits::default();
    l.bus_policy_max_chars = 20_000;
    p(10_241).validate_with(&l).unwrap();
    let bad = PutPermissionRequest {
        principal: Some("12345".into()),
        action: Some("PutEvents".into()),
        ..Default::default()
    };
    let (_, text) = msg(&bad);
    assert!(text.starts_with("2 validation errors detected: Value 'PutEvents' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: events:[a-zA-Z]+; Value '12345' at 'principal'"), "{text}");
}

#[test]
fn sensitive_values_are_not_echoed() {
    let r = CreateConnectionRequest {
        name: "c".into(),
        description: None,
        authorization_type: ConnectionAuthorizationType::Basic,
        auth_parameters: CreateConnectionAuthRequestParameters {
            basic_auth_parameters: Some(CreateConnectionBasicAuthRequestParameters {
                username: "u".into(),
                password: "p".repeat(513),
            }),
            ..Default::default()
        },
        invocation_connectivity_parameters: None,
        kms_key_identifier: None,
    };
    assert_eq!(
        msg(&r),
        validation(
            "1 validation error detected: Value at 'authParameters.basicAuthParameters.password' failed to satisfy constraint: Member must have length less than or equal to 512"
        )
    );
}

// ---------------------------------------------------------------- Wire format

#[test]
fn decode_reports_missing_required_members_together() {
    let e = decode::<StartReplayRequest>(r#"{"ReplayName": "r"}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "4 validation errors detected: \
         Value null at 'eventSourceArn' failed to satisfy constraint: Member must not be null; \
         Value null at 'eventStartTime' failed to satisfy constraint: Member must not be null; \
         Value null at 'eventEndTime' failed to satisfy constraint: Member must not be null; \
         Value null at 'destination' failed to satisfy constraint: Member must not be null"
    );
    assert_eq!(
        decode::<StartReplayRequest>("{").unwrap_err().code(),
        ErrorCode::Serialization
    );
    assert_eq!(
        decode::<StartReplayRequest>("[]").unwrap_err().code(),
        ErrorCode::Serialization
    );
    // A member of the wrong JSON type (checked after the model constraints).
    let e = decode::<StartReplayRequest>(
        r#"{"ReplayName": "r", "EventSourceArn": "arn:aws:events:us-east-1:123456789012:archive/a",
            "EventStartTime": 1, "EventEndTime": 2, "Destination": {"Arn": 5}}"#,
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Serialization, "{e}");
}

#[test]
fn wire_round_trip_keeps_every_field_and_number_spelling() {
    let body = r#"{"Entries":[{"Time":1700000000.123,"Source":"s","Resources":["a","b"],"DetailType":"t","Detail":"{}","EventBusName":"b","TraceHeader":"h"},{"Time":-5}],"EndpointId":"a.b"}"#;
    let r: PutEventsRequest = serde_json::from_str(body).unwrap();
    assert_eq!(
        r.entries[0].time,
        Some(Timestamp::from_millis(1_700_000_000_123))
    );
    assert_eq!(r.entries[1].time.unwrap().secs(), -5);
    assert_eq!(serde_json::to_string(&r).unwrap(), body);
}

#[test]
fn enums_keep_unknown_values() {
    let r: PutRuleRequest = serde_json::from_str(r#"{"Name":"n","State":"PAUSED"}"#).unwrap();
    assert_eq!(r.state, Some(RuleState::Unknown("PAUSED".into())));
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"Name":"n","State":"PAUSED"}"#
    );
    assert_eq!(
        RuleState::from("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
        RuleState::EnabledWithAllCloudtrailManagementEvents
    );
    assert_eq!(RuleState::Disabled.to_string(), "DISABLED");
}

#[test]
fn empty_response_is_an_empty_object() {
    assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
    let _: <evmatch_eventbridge::api::rules::DeleteRuleRequest as Request>::Response =
        serde_json::from_str("{}").unwrap();
}

#[test]
fn timestamps() {
    assert_eq!(
        Timestamp::from_secs_f64(1.5),
        Some(Timestamp::from_millis(1500))
    );
    assert_eq!(
        Timestamp::from_secs_f64(-1.5),
        Some(Timestamp::from_millis(-1500))
    );
    assert_eq!(
        Timestamp::from_millis(-1500).to_string(),
        "1969-12-31T23:59:58.500Z"
    );
    assert_eq!(Timestamp::from_secs_f64(f64::NAN), None);
    let t = Timestamp::from_secs_and_nanos(10, 1_500_000_000);
    assert_eq!((t.secs(), t.subsec_nanos()), (11, 500_000_000));
    let now = Timestamp::now();
    assert_eq!(Timestamp::from(std::time::SystemTime::from(now)), now);
    let before = Timestamp::from_millis(-1500);
    assert_eq!(Timestamp::from(std::time::SystemTime::from(before)), before);
    for text in ["0", "1700000000", "1700000000.5", "1700000000.001", "-1.25"] {
        let t: Timestamp = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), text);
    }
}
