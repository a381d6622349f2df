//! Rule targets of the in-process EventBridge: put, replace, remove and list, with each AWS error.

mod common;

use common::*;

#[test]
fn put_targets_list_replace_and_remove() {
    let f = fixture();
    f.rule("r", r#"{"source": ["a"]}"#);
    let out =
        f.eb.put_targets(PutTargetsRequest {
            rule: "r".into(),
            targets: vec![target("t1", QUEUE), target("t2", QUEUE2)],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        serde_json::to_string(&out).unwrap(),
        r#"{"FailedEntryCount":0,"FailedEntries":[]}"#
    );
    // Replace t1 wholesale; add t0 (goes last: first-insertion order).
    f.eb.put_targets(PutTargetsRequest {
        rule: "r".into(),
        targets: vec![
            Target {
                input: Some(r#"{"k": 1}"#.into()),
                ..target("t1", QUEUE2)
            },
            target("t0", QUEUE),
        ],
        ..Default::default()
    })
    .unwrap();
    let list =
        f.eb.list_targets_by_rule(ListTargetsByRuleRequest {
            rule: "r".into(),
            ..Default::default()
        })
        .unwrap()
        .targets
        .unwrap();
    let ids: Vec<_> = list.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t2", "t0"]);
    assert_eq!(list[0].arn, QUEUE2);
    assert_eq!(list[0].input.as_deref(), Some(r#"{"k": 1}"#));
    let out =
        f.eb.remove_targets(RemoveTargetsRequest {
            rule: "r".into(),
            ids: vec!["t2".into(), "unknown".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(out.failed_entry_count, Some(0));
    assert_eq!(out.failed_entries, Some(vec![]));
    let ids: Vec<_> =
        f.eb.list_targets_by_rule(ListTargetsByRuleRequest {
            rule: "r".into(),
            ..Default::default()
        })
        .unwrap()
        .targets
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, ["t1", "t0"]);
}

#[test]
fn list_targets_by_rule_pages() {
    let f = fixture();
    f.rule("r", r#"{"source": ["a"]}"#);
    f.eb.put_targets(PutTargetsRequest {
        rule: "r".into(),
        targets: (1..=5).map(|i| target(&format!("t{i}"), QUEUE)).collect(),
        ..Default::default()
    })
    .unwrap();
    let p1 =
        f.eb.list_targets_by_rule(ListTargetsByRuleRequest {
            rule: "r".into(),
            limit: Some(3),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p1.targets.unwrap().len(), 3);
    let p2 =
        f.eb.list_targets_by_rule(ListTargetsByRuleRequest {
            rule: "r".into(),
            limit: Some(3),
            next_token: p1.next_token,
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<_> = p2.targets.unwrap().into_iter().map(|t| t.id).collect();
    assert_eq!(ids, ["t4", "t5"]);
    assert_eq!(p2.next_token, None);
    assert_err(
        f.eb.list_targets_by_rule(ListTargetsByRuleRequest {
            rule: "nope".into(),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Rule nope does not exist on EventBus default.",
    );
}

#[test]
fn put_targets_errors() {
    let f = fixture();
    f.rule("r", r#"{"source": ["a"]}"#);
    f.eb.put_targets(PutTargetsRequest {
        rule: "r".into(),
        targets: (1..=4).map(|i| target(&format!("t{i}"), QUEUE)).collect(),
        ..Default::default()
    })
    .unwrap();
    // A sixth distinct Id; re-putting existing Ids does not count.
    assert_err(
        f.eb.put_targets(PutTargetsRequest {
            rule: "r".into(),
            targets: vec![target("t5", QUEUE), target("t6", QUEUE)],
            ..Default::default()
        }),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
    f.eb.put_targets(PutTargetsRequest {
        rule: "r".into(),
        targets: vec![target("t1", QUEUE2), target("t5", QUEUE)],
        ..Default::default()
    })
    .unwrap();
    let r = |t: Target| {
        f.eb.put_targets(PutTargetsRequest {
            rule: "r".into(),
            targets: vec![t],
            ..Default::default()
        })
    };
    assert_err(
        r(target("!@#$@!#$", QUEUE)),
        "ValidationException",
        r"1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+",
    );
    let long = "a".repeat(65);
    assert_err(
        r(target(&long, QUEUE)),
        "ValidationException",
        &format!(
            "1 validation error detected: Value '{long}' at 'targets.1.member.id' failed to satisfy constraint: Member must have length less than or equal to 64"
        ),
    );
    assert_err(
        r(Target {
            input_path: Some("$.detail".into()),
            input_transformer: Some(InputTransformer {
                input_paths_map: None,
                input_template: "\"x\"".into(),
            }),
            ..target("t1", QUEUE)
        }),
        "ValidationException",
        "Only one of Input, InputPath, or InputTransformer must be provided for target t1.",
    );
    assert_err(
        r(Target {
            input_transformer: Some(InputTransformer {
                input_paths_map: Some(BTreeMap::from([("a".into(), "$.detail".into())])),
                input_template: r#"{"k": <notdefinedkey>}"#.into(),
            }),
            ..target("t1", QUEUE)
        }),
        "ValidationException",
        "InputTemplate for target t1 contains invalid placeholder notdefinedkey.",
    );
    assert_err(
        f.eb.put_targets(PutTargetsRequest {
            rule: "nope".into(),
            targets: vec![target("t1", QUEUE)],
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Rule nope does not exist on EventBus default.",
    );
    assert_err(
        f.eb.put_targets(PutTargetsRequest {
            rule: "r".into(),
            event_bus_name: Some("nope".into()),
            targets: vec![target("t1", QUEUE)],
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
}

#[test]
fn put_targets_partial_failure_for_fifo_queue_without_group() {
    let f = fixture();
    f.rule("r", r#"{"source": ["a"]}"#);
    let fifo = "arn:aws:sqs:us-east-1:111111111111:q.fifo";
    let out =
        f.eb.put_targets(PutTargetsRequest {
            rule: "r".into(),
            targets: vec![
                target("bad", fifo),
                target("good", QUEUE),
                Target {
                    sqs_parameters: Some(SqsParameters {
                        message_group_id: Some("g".into()),
                    }),
                    ..target("fifo-ok", fifo)
                },
            ],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(out.failed_entry_count, Some(1));
    assert_eq!(
        out.failed_entries,
        Some(vec![PutTargetsResultEntry {
            target_id: Some("bad".into()),
            error_code: Some("ValidationException".into()),
            error_message: Some(
                "Parameter(s) SqsParameters must be specified for target: bad.".into()
            ),
        }])
    );
    let ids: Vec<_> =
        f.eb.list_targets_by_rule(ListTargetsByRuleRequest {
            rule: "r".into(),
            ..Default::default()
        })
        .unwrap()
        .targets
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, ["good", "fifo-ok"]);
}

#[test]
fn remove_targets_errors() {
    let f = fixture();
    assert_err(
        f.eb.remove_targets(RemoveTargetsRequest {
            rule: "nope".into(),
            ids: vec!["t".into()],
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Rule nope does not exist on EventBus default.",
    );
    f.rule("r", r#"{"source": ["a"]}"#);
    assert_err(
        f.eb.remove_targets(RemoveTargetsRequest {
            rule: "r".into(),
            ids: (0..11).map(|i| format!("t{i}")).collect(),
            ..Default::default()
        }),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
}
