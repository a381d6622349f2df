//! Archives of the in-process EventBridge: the managed rule, counts, retention, listing, and
//! every operation's AWS errors.

mod common;

use common::*;

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
    assert_eq!(d.event_source_arn.as_deref(), Some(DEFAULT_BUS_ARN));
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
            event_source_arn: DEFAULT_BUS_ARN.into(),
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
            event_source_arn: DEFAULT_BUS_ARN.into(),
            event_pattern: Some(r#"{"source": "x"}"#.into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.code().as_str(), "InvalidEventPatternException");
    let e =
        f.eb.create_archive(CreateArchiveRequest {
            archive_name: "x".repeat(49),
            event_source_arn: DEFAULT_BUS_ARN.into(),
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
        event_source_arn: DEFAULT_BUS_ARN.into(),
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
