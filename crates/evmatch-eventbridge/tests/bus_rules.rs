//! Rules of the in-process EventBridge: put, describe, enable, disable, delete and list, with each AWS error.

mod common;

use common::*;

#[test]
fn put_rule_and_describe_rule() {
    let f = fixture();
    f.bus("orders");
    let out =
        f.eb.put_rule(PutRuleRequest {
            name: "r1".into(),
            event_pattern: Some(r#"{"source": ["shop"]}"#.into()),
            description: Some("d".into()),
            role_arn: Some("arn:aws:iam::111111111111:role/r".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        out.rule_arn.as_deref(),
        Some("arn:aws:events:us-east-1:111111111111:rule/r1")
    );
    let out =
        f.eb.put_rule(PutRuleRequest {
            name: "r1".into(),
            event_pattern: Some(r#"{"source": ["shop"]}"#.into()),
            event_bus_name: Some("orders".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        out.rule_arn.as_deref(),
        Some("arn:aws:events:us-east-1:111111111111:rule/orders/r1")
    );
    let d =
        f.eb.describe_rule(DescribeRuleRequest {
            name: "r1".into(),
            event_bus_name: None,
        })
        .unwrap();
    assert_eq!(
        d,
        DescribeRuleResponse {
            name: Some("r1".into()),
            arn: Some("arn:aws:events:us-east-1:111111111111:rule/r1".into()),
            event_pattern: Some(r#"{"source": ["shop"]}"#.into()),
            schedule_expression: None,
            state: Some(RuleState::Enabled),
            description: Some("d".into()),
            role_arn: Some("arn:aws:iam::111111111111:role/r".into()),
            managed_by: None,
            event_bus_name: Some("default".into()),
            created_by: Some(ACCOUNT.into()),
        }
    );
    let d =
        f.eb.describe_rule(DescribeRuleRequest {
            name: "r1".into(),
            event_bus_name: Some("orders".into()),
        })
        .unwrap();
    assert_eq!(d.event_bus_name.as_deref(), Some("orders"));
    assert_eq!(d.description, None);
}

#[test]
fn put_rule_replace_keeps_targets_and_resets_members() {
    let f = fixture();
    f.eb.put_rule(PutRuleRequest {
        name: "r".into(),
        event_pattern: Some(r#"{"source": ["a"]}"#.into()),
        description: Some("first".into()),
        state: Some(RuleState::Disabled),
        ..Default::default()
    })
    .unwrap();
    f.target("r", target("t", QUEUE));
    f.eb.put_rule(PutRuleRequest {
        name: "r".into(),
        event_pattern: Some(r#"{"source": ["b"]}"#.into()),
        ..Default::default()
    })
    .unwrap();
    let d =
        f.eb.describe_rule(DescribeRuleRequest {
            name: "r".into(),
            event_bus_name: None,
        })
        .unwrap();
    assert_eq!(d.description, None);
    assert_eq!(d.state, Some(RuleState::Enabled));
    let t =
        f.eb.list_targets_by_rule(ListTargetsByRuleRequest {
            rule: "r".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(t.targets.unwrap().len(), 1);
    // The new pattern is the one that matches.
    f.put(vec![entry("a", "{}"), entry("b", "{}")]);
    let got = f.take();
    assert_eq!(got.len(), 1);
    assert!(got[0].payload.contains(r#""source":"b""#));
}

#[test]
fn put_rule_errors() {
    let mut config = EventBridgeConfig::new(ACCOUNT, REGION);
    config.rules_per_bus = 2;
    let f = fixture_with(config);
    f.bus("custom");
    assert_err(
        f.eb.put_rule(PutRuleRequest {
            name: "r".into(),
            ..Default::default()
        }),
        "ValidationException",
        "Parameter(s) EventPattern or ScheduleExpression must be specified.",
    );
    assert_err(
        f.eb.put_rule(PutRuleRequest {
            name: "r".into(),
            schedule_expression: Some("rate(5 minutes)".into()),
            event_bus_name: Some("custom".into()),
            ..Default::default()
        }),
        "ValidationException",
        "ScheduleExpression is supported only on the default event bus.",
    );
    for bad in ["rate(1 minutes)", "cron(0 1 * * * *)", "every minute"] {
        assert_err(
            f.eb.put_rule(PutRuleRequest {
                name: "r".into(),
                schedule_expression: Some(bad.into()),
                ..Default::default()
            }),
            "ValidationException",
            "Parameter ScheduleExpression is not valid.",
        );
    }
    let (code, msg) = err(f.eb.put_rule(PutRuleRequest {
        name: "r".into(),
        event_pattern: Some(r#"{"source": "x"}"#.into()),
        ..Default::default()
    }));
    assert_eq!(code, "InvalidEventPatternException");
    assert!(
        msg.starts_with("Event pattern is not valid. Reason: "),
        "{msg}"
    );
    assert_err(
        f.eb.put_rule(PutRuleRequest {
            name: "r".into(),
            event_pattern: Some(r#"{"source": ["x"]}"#.into()),
            event_bus_name: Some("nope".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    f.rule("r1", r#"{"source": ["x"]}"#);
    f.rule("r2", r#"{"source": ["x"]}"#);
    assert_err(
        f.eb.put_rule(PutRuleRequest {
            name: "r3".into(),
            event_pattern: Some(r#"{"source": ["x"]}"#.into()),
            ..Default::default()
        }),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
    // Replacing an existing rule does not count against the quota.
    f.rule("r2", r#"{"source": ["y"]}"#);
}

#[test]
fn describe_enable_disable_unknown_rule_or_bus() {
    let f = fixture();
    assert_err(
        f.eb.describe_rule(DescribeRuleRequest {
            name: "nope".into(),
            event_bus_name: None,
        }),
        "ResourceNotFoundException",
        "Rule nope does not exist on EventBus default.",
    );
    assert_err(
        f.eb.enable_rule(EnableRuleRequest {
            name: "nope".into(),
            event_bus_name: None,
        }),
        "ResourceNotFoundException",
        "Rule nope does not exist on EventBus default.",
    );
    assert_err(
        f.eb.disable_rule(DisableRuleRequest {
            name: "nope".into(),
            event_bus_name: None,
        }),
        "ResourceNotFoundException",
        "Rule nope does not exist on EventBus default.",
    );
    assert_err(
        f.eb.describe_rule(DescribeRuleRequest {
            name: "r".into(),
            event_bus_name: Some("nobus".into()),
        }),
        "ResourceNotFoundException",
        "Event bus nobus does not exist.",
    );
}

#[test]
fn disabled_rules_never_match_and_enable_restores() {
    let f = fixture();
    f.rule("r", r#"{"source": ["a"]}"#);
    f.target("r", target("t", QUEUE));
    f.eb.disable_rule(DisableRuleRequest {
        name: "r".into(),
        event_bus_name: None,
    })
    .unwrap();
    // Idempotent.
    f.eb.disable_rule(DisableRuleRequest {
        name: "r".into(),
        event_bus_name: None,
    })
    .unwrap();
    let d =
        f.eb.describe_rule(DescribeRuleRequest {
            name: "r".into(),
            event_bus_name: None,
        })
        .unwrap();
    assert_eq!(d.state, Some(RuleState::Disabled));
    f.put(vec![entry("a", "{}")]);
    assert!(f.take().is_empty());
    f.eb.enable_rule(EnableRuleRequest {
        name: "r".into(),
        event_bus_name: None,
    })
    .unwrap();
    f.put(vec![entry("a", "{}")]);
    assert_eq!(f.take().len(), 1);
    // A rule created disabled does not match either.
    f.eb.put_rule(PutRuleRequest {
        name: "r".into(),
        event_pattern: Some(r#"{"source": ["a"]}"#.into()),
        state: Some(RuleState::Disabled),
        ..Default::default()
    })
    .unwrap();
    f.put(vec![entry("a", "{}")]);
    assert!(f.take().is_empty());
}

#[test]
fn list_rules_paging_prefix_and_items() {
    let f = fixture();
    for n in ["r1", "r2", "r3", "r4", "r5", "r6"] {
        f.rule(n, r#"{"source": ["x"]}"#);
    }
    f.rule("other", r#"{"source": ["x"]}"#);
    let req = |limit, token| ListRulesRequest {
        name_prefix: Some("r".into()),
        limit: Some(limit),
        next_token: token,
        ..Default::default()
    };
    let p1 = f.eb.list_rules(req(3, None)).unwrap();
    let names = |v: &Option<Vec<Rule>>| -> Vec<String> {
        v.as_ref()
            .unwrap()
            .iter()
            .map(|r| r.name.clone().unwrap())
            .collect()
    };
    assert_eq!(names(&p1.rules), ["r1", "r2", "r3"]);
    assert!(p1.next_token.is_some());
    let p2 = f.eb.list_rules(req(5, p1.next_token.clone())).unwrap();
    assert_eq!(names(&p2.rules), ["r4", "r5", "r6"]);
    assert_eq!(p2.next_token, None);
    let first = &p1.rules.as_ref().unwrap()[0];
    assert_eq!(
        first,
        &Rule {
            name: Some("r1".into()),
            arn: Some("arn:aws:events:us-east-1:111111111111:rule/r1".into()),
            event_pattern: Some(r#"{"source": ["x"]}"#.into()),
            state: Some(RuleState::Enabled),
            event_bus_name: Some("default".into()),
            ..Default::default()
        }
    );
    let all = f.eb.list_rules(Default::default()).unwrap();
    assert_eq!(names(&all.rules)[0], "other");
    // A token of another query.
    assert_err(
        f.eb.list_rules(ListRulesRequest {
            next_token: p1.next_token,
            name_prefix: Some("o".into()),
            ..Default::default()
        }),
        "ValidationException",
        "The NextToken is not valid.",
    );
    assert_err(
        f.eb.list_rules(ListRulesRequest {
            event_bus_name: Some("nope".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    // Limit is model-checked (1..100).
    let (code, _) = err(f.eb.list_rules(ListRulesRequest {
        limit: Some(0),
        ..Default::default()
    }));
    assert_eq!(code, "ValidationException");
}

#[test]
fn delete_rule_rules() {
    let f = fixture();
    f.rule("r", r#"{"source": ["a"]}"#);
    f.target("r", target("t", QUEUE));
    assert_err(
        f.eb.delete_rule(DeleteRuleRequest {
            name: "r".into(),
            ..Default::default()
        }),
        "ValidationException",
        "Rule can't be deleted since it has targets.",
    );
    // Force does not bypass the targets check on a user rule.
    assert_err(
        f.eb.delete_rule(DeleteRuleRequest {
            name: "r".into(),
            force: Some(true),
            ..Default::default()
        }),
        "ValidationException",
        "Rule can't be deleted since it has targets.",
    );
    f.eb.remove_targets(RemoveTargetsRequest {
        rule: "r".into(),
        ids: vec!["t".into()],
        ..Default::default()
    })
    .unwrap();
    f.eb.delete_rule(DeleteRuleRequest {
        name: "r".into(),
        ..Default::default()
    })
    .unwrap();
    // Repeated deletes succeed.
    f.eb.delete_rule(DeleteRuleRequest {
        name: "r".into(),
        ..Default::default()
    })
    .unwrap();
    assert_err(
        f.eb.delete_rule(DeleteRuleRequest {
            name: "r".into(),
            event_bus_name: Some("nope".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    assert!(
        f.eb.list_rules(Default::default())
            .unwrap()
            .rules
            .unwrap()
            .is_empty()
    );
}

#[test]
fn list_rule_names_by_target_pages() {
    let f = fixture();
    for n in ["a", "b", "c", "d", "e", "f"] {
        f.rule(n, r#"{"source": ["x"]}"#);
        f.target(n, target("t", if n == "f" { QUEUE2 } else { QUEUE }));
    }
    let mut token = None;
    let mut pages = Vec::new();
    loop {
        let out =
            f.eb.list_rule_names_by_target(ListRuleNamesByTargetRequest {
                target_arn: QUEUE.into(),
                limit: Some(2),
                next_token: token,
                ..Default::default()
            })
            .unwrap();
        pages.push(out.rule_names.unwrap());
        token = out.next_token;
        if token.is_none() {
            break;
        }
    }
    assert_eq!(pages, [vec!["a", "b"], vec!["c", "d"], vec!["e"]]);
    let none =
        f.eb.list_rule_names_by_target(ListRuleNamesByTargetRequest {
            target_arn: "arn:aws:sqs:us-east-1:111111111111:none".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(none.rule_names, Some(vec![]));
    assert_eq!(none.next_token, None);
    assert_err(
        f.eb.list_rule_names_by_target(ListRuleNamesByTargetRequest {
            target_arn: QUEUE.into(),
            event_bus_name: Some("nope".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
}
