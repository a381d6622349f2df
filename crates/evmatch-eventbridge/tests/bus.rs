//! The in-process EventBridge (BUS.md): every bus, rule, target, PutEvents, TestEventPattern,
//! tag, permission and schedule operation — happy path and each AWS error it can return — plus
//! delivery through sinks and consistency under concurrent rule changes.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use evmatch_eventbridge::Error;
use evmatch_eventbridge::api::Timestamp;
use evmatch_eventbridge::api::event_buses::*;
use evmatch_eventbridge::api::events::*;
use evmatch_eventbridge::api::permissions::*;
use evmatch_eventbridge::api::rules::*;
use evmatch_eventbridge::api::tags::*;
use evmatch_eventbridge::api::targets::*;
use evmatch_eventbridge::bus::transform::DeliveryFailure;
use evmatch_eventbridge::bus::{
    ChannelSink, Delivery, EventBridge, EventBridgeConfig, FailedDelivery, ManualClock,
    SequentialIds, TargetSink,
};

const ACCOUNT: &str = "111111111111";
const REGION: &str = "us-east-1";
/// 2026-01-01T00:00:00Z
const T0: i64 = 1_767_225_600;
const QUEUE: &str = "arn:aws:sqs:us-east-1:111111111111:q1";
const QUEUE2: &str = "arn:aws:sqs:us-east-1:111111111111:q2";

struct Fixture {
    eb: EventBridge,
    clock: Arc<ManualClock>,
    log: Arc<Mutex<Vec<Delivery>>>,
    failures: Arc<Mutex<Vec<FailedDelivery>>>,
}

struct Recorder {
    log: Arc<Mutex<Vec<Delivery>>>,
    failures: Arc<Mutex<Vec<FailedDelivery>>>,
}

impl TargetSink for Recorder {
    fn deliver(&self, d: Delivery) {
        self.log.lock().unwrap().push(d);
    }
    fn failed(&self, f: FailedDelivery) {
        self.failures.lock().unwrap().push(f);
    }
}

fn fixture_with(config: EventBridgeConfig) -> Fixture {
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

fn fixture() -> Fixture {
    fixture_with(EventBridgeConfig::new(ACCOUNT, REGION))
}

impl Fixture {
    fn take(&self) -> Vec<Delivery> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
    fn payloads(&self) -> Vec<(String, String, String)> {
        self.take()
            .into_iter()
            .map(|d| (d.rule_name, d.target.id, d.payload))
            .collect()
    }
    fn rule(&self, name: &str, pattern: &str) {
        self.eb
            .put_rule(PutRuleRequest {
                name: name.into(),
                event_pattern: Some(pattern.into()),
                ..Default::default()
            })
            .unwrap();
    }
    fn rule_on(&self, bus: &str, name: &str, pattern: &str) {
        self.eb
            .put_rule(PutRuleRequest {
                name: name.into(),
                event_pattern: Some(pattern.into()),
                event_bus_name: Some(bus.into()),
                ..Default::default()
            })
            .unwrap();
    }
    fn target(&self, rule: &str, target: Target) {
        self.target_on(None, rule, target)
    }
    fn target_on(&self, bus: Option<&str>, rule: &str, target: Target) {
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
    fn bus(&self, name: &str) {
        self.eb
            .create_event_bus(CreateEventBusRequest {
                name: name.into(),
                ..Default::default()
            })
            .unwrap();
    }
    fn put(&self, entries: Vec<PutEventsRequestEntry>) -> PutEventsResponse {
        self.eb
            .put_events(PutEventsRequest {
                entries,
                endpoint_id: None,
            })
            .unwrap()
    }
}

fn target(id: &str, arn: &str) -> Target {
    Target {
        id: id.into(),
        arn: arn.into(),
        ..Default::default()
    }
}

fn entry(source: &str, detail: &str) -> PutEventsRequestEntry {
    PutEventsRequestEntry {
        source: Some(source.into()),
        detail_type: Some("Thing Happened".into()),
        detail: Some(detail.into()),
        ..Default::default()
    }
}

fn on_bus(mut e: PutEventsRequestEntry, bus: &str) -> PutEventsRequestEntry {
    e.event_bus_name = Some(bus.into());
    e
}

#[track_caller]
fn err<T: Debug>(r: Result<T, Error>) -> (String, String) {
    let e = r.expect_err("expected an error");
    (e.code().as_str().to_string(), e.to_string())
}

#[track_caller]
fn assert_err<T: Debug>(r: Result<T, Error>, code: &str, message: &str) {
    assert_eq!(err(r), (code.to_string(), message.to_string()));
}

fn id(n: u64) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

// =============================================================================================
// Event buses

#[test]
fn default_bus_exists_and_is_listed() {
    let f = fixture();
    let d = f.eb.describe_event_bus(Default::default()).unwrap();
    assert_eq!(d.name.as_deref(), Some("default"));
    assert_eq!(
        d.arn.as_deref(),
        Some("arn:aws:events:us-east-1:111111111111:event-bus/default")
    );
    assert_eq!(d.creation_time, Some(Timestamp::from_secs(T0)));
    assert_eq!(d.policy, None);
    let list = f.eb.list_event_buses(Default::default()).unwrap();
    let names: Vec<_> = list
        .event_buses
        .unwrap()
        .into_iter()
        .map(|b| b.name.unwrap())
        .collect();
    assert_eq!(names, ["default"]);
    assert_eq!(list.next_token, None);
}

#[test]
fn create_describe_update_delete_event_bus() {
    let f = fixture();
    let out =
        f.eb.create_event_bus(CreateEventBusRequest {
            name: "orders".into(),
            description: Some("order events".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        out.event_bus_arn.as_deref(),
        Some("arn:aws:events:us-east-1:111111111111:event-bus/orders")
    );
    assert_eq!(out.description.as_deref(), Some("order events"));
    // By name and by ARN.
    for name in [
        "orders",
        "arn:aws:events:us-east-1:111111111111:event-bus/orders",
    ] {
        let d =
            f.eb.describe_event_bus(DescribeEventBusRequest {
                name: Some(name.into()),
            })
            .unwrap();
        assert_eq!(d.name.as_deref(), Some("orders"));
        assert_eq!(d.description.as_deref(), Some("order events"));
    }
    f.clock.advance(60);
    let u =
        f.eb.update_event_bus(UpdateEventBusRequest {
            name: Some("orders".into()),
            description: Some("new".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(u.description.as_deref(), Some("new"));
    let d =
        f.eb.describe_event_bus(DescribeEventBusRequest {
            name: Some("orders".into()),
        })
        .unwrap();
    assert_eq!(d.last_modified_time, Some(Timestamp::from_secs(T0 + 60)));
    assert_eq!(d.creation_time, Some(Timestamp::from_secs(T0)));
    f.eb.delete_event_bus(DeleteEventBusRequest {
        name: "orders".into(),
    })
    .unwrap();
    assert_err(
        f.eb.describe_event_bus(DescribeEventBusRequest {
            name: Some("orders".into()),
        }),
        "ResourceNotFoundException",
        "Event bus orders does not exist.",
    );
    // Deleting an unknown bus succeeds.
    f.eb.delete_event_bus(DeleteEventBusRequest {
        name: "orders".into(),
    })
    .unwrap();
}

#[test]
fn create_event_bus_errors() {
    let mut config = EventBridgeConfig::new(ACCOUNT, REGION);
    config.event_buses = 3;
    let f = fixture_with(config);
    f.bus("a");
    assert_err(
        f.eb.create_event_bus(CreateEventBusRequest {
            name: "a".into(),
            ..Default::default()
        }),
        "ResourceAlreadyExistsException",
        "Event bus a already exists.",
    );
    assert_err(
        f.eb.create_event_bus(CreateEventBusRequest {
            name: "default".into(),
            ..Default::default()
        }),
        "ResourceAlreadyExistsException",
        "Event bus default already exists.",
    );
    let (code, _) = err(f.eb.create_event_bus(CreateEventBusRequest {
        name: "a/b".into(),
        ..Default::default()
    }));
    assert_eq!(code, "ValidationException");
    let (code, _) = err(f.eb.create_event_bus(CreateEventBusRequest {
        name: "aws.partner/example.com/1/x".into(),
        event_source_name: Some("aws.partner/example.com/1/y".into()),
        ..Default::default()
    }));
    assert_eq!(code, "ValidationException");
    // A partner bus as data: the name is the event source name.
    f.eb.create_event_bus(CreateEventBusRequest {
        name: "aws.partner/example.com/1/x".into(),
        event_source_name: Some("aws.partner/example.com/1/x".into()),
        ..Default::default()
    })
    .unwrap();
    assert_err(
        f.eb.create_event_bus(CreateEventBusRequest {
            name: "c".into(),
            ..Default::default()
        }),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
    // Model constraints come first.
    let (code, msg) = err(f.eb.create_event_bus(CreateEventBusRequest {
        name: "bad name".into(),
        ..Default::default()
    }));
    assert_eq!(code, "ValidationException");
    assert!(msg.starts_with("1 validation error detected: Value 'bad name' at 'name'"));
}

#[test]
fn describe_and_update_unknown_bus() {
    let f = fixture();
    assert_err(
        f.eb.describe_event_bus(DescribeEventBusRequest {
            name: Some("nope".into()),
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    assert_err(
        f.eb.update_event_bus(UpdateEventBusRequest {
            name: Some("nope".into()),
            description: Some("x".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
}

#[test]
fn delete_event_bus_errors() {
    let f = fixture();
    assert_err(
        f.eb.delete_event_bus(DeleteEventBusRequest {
            name: "default".into(),
        }),
        "ValidationException",
        "Cannot delete event bus default.",
    );
    f.bus("b");
    f.rule_on("b", "r", r#"{"source": ["x"]}"#);
    assert_err(
        f.eb.delete_event_bus(DeleteEventBusRequest { name: "b".into() }),
        "ValidationException",
        "EventBus can't be deleted since it has rules.",
    );
}

#[test]
fn list_event_buses_pages_and_prefix() {
    let f = fixture();
    for n in ["b1", "b2", "b3", "b4", "x1"] {
        f.bus(n);
    }
    let p1 =
        f.eb.list_event_buses(ListEventBusesRequest {
            limit: Some(3),
            ..Default::default()
        })
        .unwrap();
    let names = |v: Option<Vec<EventBus>>| -> Vec<String> {
        v.unwrap().into_iter().map(|b| b.name.unwrap()).collect()
    };
    assert_eq!(names(p1.event_buses), ["b1", "b2", "b3"]);
    let p2 =
        f.eb.list_event_buses(ListEventBusesRequest {
            limit: Some(5),
            next_token: p1.next_token,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(p2.event_buses), ["b4", "default", "x1"]);
    assert_eq!(p2.next_token, None);
    let p =
        f.eb.list_event_buses(ListEventBusesRequest {
            name_prefix: Some("b".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(p.event_buses), ["b1", "b2", "b3", "b4"]);
    assert_err(
        f.eb.list_event_buses(ListEventBusesRequest {
            next_token: Some("garbage".into()),
            ..Default::default()
        }),
        "ValidationException",
        "The NextToken is not valid.",
    );
}

// =============================================================================================
// Rules

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

// =============================================================================================
// Targets

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

// =============================================================================================
// PutEvents

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

// =============================================================================================
// TestEventPattern

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

// =============================================================================================
// Tags

#[test]
fn tags_on_rules_and_buses() {
    let f = fixture();
    f.bus("custom");
    f.eb.put_rule(PutRuleRequest {
        name: "r".into(),
        event_pattern: Some(r#"{"source": ["a"]}"#.into()),
        tags: Some(vec![Tag {
            key: "k0".into(),
            value: "v0".into(),
        }]),
        ..Default::default()
    })
    .unwrap();
    f.rule_on("custom", "r", r#"{"source": ["a"]}"#);
    let tag = |k: &str, v: &str| Tag {
        key: k.into(),
        value: v.into(),
    };
    let list = |arn: &str| -> Vec<(String, String)> {
        f.eb.list_tags_for_resource(ListTagsForResourceRequest {
            resource_arn: arn.into(),
        })
        .unwrap()
        .tags
        .unwrap()
        .into_iter()
        .map(|t| (t.key, t.value))
        .collect()
    };
    let rule = "arn:aws:events:us-east-1:111111111111:rule/r";
    let custom_rule = "arn:aws:events:us-east-1:111111111111:rule/custom/r";
    let bus = "arn:aws:events:us-east-1:111111111111:event-bus/custom";
    assert_eq!(list(rule), [("k0".into(), "v0".into())]);
    for arn in [rule, custom_rule, bus] {
        f.eb.tag_resource(TagResourceRequest {
            resource_arn: arn.into(),
            tags: vec![tag("b", "2"), tag("a", "1")],
        })
        .unwrap();
    }
    f.eb.tag_resource(TagResourceRequest {
        resource_arn: bus.into(),
        tags: vec![tag("a", "new")],
    })
    .unwrap();
    assert_eq!(
        list(bus),
        [("a".into(), "new".into()), ("b".into(), "2".into())]
    );
    assert_eq!(list(custom_rule).len(), 2);
    assert_eq!(list(rule).len(), 3);
    f.eb.untag_resource(UntagResourceRequest {
        resource_arn: rule.into(),
        tag_keys: vec!["k0".into(), "zzz".into()],
    })
    .unwrap();
    assert_eq!(
        list(rule),
        [("a".into(), "1".into()), ("b".into(), "2".into())]
    );
    // PutRule on an existing rule ignores Tags.
    f.eb.put_rule(PutRuleRequest {
        name: "r".into(),
        event_pattern: Some(r#"{"source": ["a"]}"#.into()),
        tags: Some(vec![tag("ignored", "x")]),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(list(rule).len(), 2);
    // CreateEventBus tags.
    f.eb.create_event_bus(CreateEventBusRequest {
        name: "tagged".into(),
        tags: Some(vec![tag("t", "1")]),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        list("arn:aws:events:us-east-1:111111111111:event-bus/tagged"),
        [("t".into(), "1".into())]
    );
}

#[test]
fn tag_errors() {
    let f = fixture();
    f.rule("r", r#"{"source": ["a"]}"#);
    assert_err(
        f.eb.tag_resource(TagResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:111111111111:rule/nope".into(),
            tags: vec![],
        }),
        "ResourceNotFoundException",
        "Rule nope does not exist on EventBus default.",
    );
    assert_err(
        f.eb.list_tags_for_resource(ListTagsForResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:111111111111:rule/nobus/r".into(),
        }),
        "ResourceNotFoundException",
        "Rule r does not exist on EventBus nobus.",
    );
    assert_err(
        f.eb.untag_resource(UntagResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:111111111111:event-bus/nope".into(),
            tag_keys: vec!["a".into()],
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    // Another account's bus is not here.
    assert_err(
        f.eb.list_tags_for_resource(ListTagsForResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:222222222222:event-bus/default".into(),
        }),
        "ResourceNotFoundException",
        "Event bus default does not exist.",
    );
    let (code, _) = err(f.eb.list_tags_for_resource(ListTagsForResourceRequest {
        resource_arn: "arn:aws:sqs:us-east-1:111111111111:q".into(),
    }));
    assert_eq!(code, "ValidationException");
    let many: Vec<Tag> = (0..51)
        .map(|i| Tag {
            key: format!("k{i}"),
            value: "v".into(),
        })
        .collect();
    assert_err(
        f.eb.tag_resource(TagResourceRequest {
            resource_arn: "arn:aws:events:us-east-1:111111111111:rule/r".into(),
            tags: many[..30].to_vec(),
        })
        .and_then(|_| {
            f.eb.tag_resource(TagResourceRequest {
                resource_arn: "arn:aws:events:us-east-1:111111111111:rule/r".into(),
                tags: many[30..].to_vec(),
            })
        }),
        "LimitExceededException",
        "The requested resource exceeds the maximum number allowed.",
    );
}

// =============================================================================================
// Permissions

#[test]
fn put_and_remove_permission_statements() {
    let f = fixture();
    f.bus("custom");
    let policy = || {
        f.eb.describe_event_bus(DescribeEventBusRequest {
            name: Some("custom".into()),
        })
        .unwrap()
        .policy
    };
    f.eb.put_permission(PutPermissionRequest {
        event_bus_name: Some("custom".into()),
        action: Some("events:PutEvents".into()),
        principal: Some("222222222222".into()),
        statement_id: Some("s1".into()),
        ..Default::default()
    })
    .unwrap();
    f.eb.put_permission(PutPermissionRequest {
        event_bus_name: Some("custom".into()),
        action: Some("events:PutEvents".into()),
        principal: Some("*".into()),
        statement_id: Some("org".into()),
        condition: Some(Condition {
            r#type: "StringEquals".into(),
            key: "aws:PrincipalOrgID".into(),
            value: "o-1234567890".into(),
        }),
        ..Default::default()
    })
    .unwrap();
    let bus = "arn:aws:events:us-east-1:111111111111:event-bus/custom";
    assert_eq!(
        policy().unwrap(),
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"s1","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::222222222222:root"}},"Action":"events:PutEvents","Resource":"{bus}"}},{{"Sid":"org","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"{bus}","Condition":{{"StringEquals":{{"aws:PrincipalOrgID":"o-1234567890"}}}}}}]}}"#
        )
    );
    f.eb.remove_permission(RemovePermissionRequest {
        statement_id: Some("s1".into()),
        event_bus_name: Some("custom".into()),
        ..Default::default()
    })
    .unwrap();
    assert!(!policy().unwrap().contains("s1"));
    assert_err(
        f.eb.remove_permission(RemovePermissionRequest {
            statement_id: Some("s1".into()),
            event_bus_name: Some("custom".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Statement with the provided id does not exist.",
    );
    f.eb.remove_permission(RemovePermissionRequest {
        statement_id: Some("org".into()),
        event_bus_name: Some("custom".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(policy(), None);
    // A whole policy; RemoveAllPermissions.
    let doc = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "x", "Effect": "Allow", "Principal": "*", "Action": "events:PutEvents", "Resource": "*"}]}"#;
    f.eb.put_permission(PutPermissionRequest {
        event_bus_name: Some("custom".into()),
        policy: Some(doc.into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        policy().unwrap(),
        r#"{"Version":"2012-10-17","Statement":[{"Sid":"x","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*"}]}"#
    );
    f.eb.remove_permission(RemovePermissionRequest {
        remove_all_permissions: Some(true),
        event_bus_name: Some("custom".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(policy(), None);
}

#[test]
fn permission_errors() {
    let mut limits = evmatch_eventbridge::api::ServiceLimits::default();
    limits.bus_policy_max_chars = 300;
    let f = fixture_with(EventBridgeConfig::new(ACCOUNT, REGION).with_limits(limits));
    let stmt = |sid: &str| PutPermissionRequest {
        action: Some("events:PutEvents".into()),
        principal: Some("222222222222".into()),
        statement_id: Some(sid.into()),
        ..Default::default()
    };
    assert_err(
        f.eb.put_permission(PutPermissionRequest {
            event_bus_name: Some("nope".into()),
            ..stmt("a")
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
    let (code, _) = err(f.eb.put_permission(PutPermissionRequest {
        principal: None,
        ..stmt("a")
    }));
    assert_eq!(code, "ValidationException");
    let (code, _) = err(f.eb.put_permission(PutPermissionRequest {
        policy: Some("not json".into()),
        ..Default::default()
    }));
    assert_eq!(code, "ValidationException");
    f.eb.put_permission(stmt("a")).unwrap();
    assert_err(
        f.eb.put_permission(stmt("b")),
        "PolicyLengthExceededException",
        "The policy length exceeds the maximum of 300 characters.",
    );
    assert_err(
        f.eb.remove_permission(RemovePermissionRequest {
            statement_id: Some("zzz".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Statement with the provided id does not exist.",
    );
    let (code, _) = err(f.eb.remove_permission(RemovePermissionRequest::default()));
    assert_eq!(code, "ValidationException");
    assert_err(
        f.eb.remove_permission(RemovePermissionRequest {
            remove_all_permissions: Some(true),
            event_bus_name: Some("nope".into()),
            ..Default::default()
        }),
        "ResourceNotFoundException",
        "Event bus nope does not exist.",
    );
}

// =============================================================================================
// Schedules

fn ts(s: &str) -> Timestamp {
    // "YYYY-MM-DDTHH:MM:SSZ" on 2026-01-01 only: minutes/seconds offset from T0.
    let h: i64 = s[11..13].parse().unwrap();
    let m: i64 = s[14..16].parse().unwrap();
    let sec: i64 = s[17..19].parse().unwrap();
    assert!(s.starts_with("2026-01-01T"));
    Timestamp::from_secs(T0 + h * 3600 + m * 60 + sec)
}

#[test]
fn tick_fires_rate_rules_once_per_due_minute() {
    let f = fixture();
    f.clock.set(ts("2026-01-01T10:02:37Z"));
    f.eb.put_rule(PutRuleRequest {
        name: "every5".into(),
        schedule_expression: Some("rate(5 minutes)".into()),
        ..Default::default()
    })
    .unwrap();
    f.target("every5", target("t", QUEUE));
    assert!(f.eb.tick(ts("2026-01-01T10:06:59Z")).is_empty());
    let fired = f.eb.tick(ts("2026-01-01T10:20:00Z"));
    let times: Vec<String> = fired.iter().map(|x| x.time.to_string()).collect();
    assert_eq!(
        times,
        [
            "2026-01-01T10:07:00Z",
            "2026-01-01T10:12:00Z",
            "2026-01-01T10:17:00Z"
        ]
    );
    assert_eq!(
        fired[0].rule_arn,
        "arn:aws:events:us-east-1:111111111111:rule/every5"
    );
    // Already handled instants do not fire again.
    assert!(f.eb.tick(ts("2026-01-01T10:20:00Z")).is_empty());
    let got = f.take();
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0].payload,
        format!(
            r#"{{"version":"0","id":"{}","detail-type":"Scheduled Event","source":"aws.events","account":"111111111111","time":"2026-01-01T10:07:00Z","region":"us-east-1","resources":["arn:aws:events:us-east-1:111111111111:rule/every5"],"detail":{{}}}}"#,
            fired[0].event_id
        )
    );
}

#[test]
fn tick_cron_input_disabled_and_reenabled_rules() {
    let f = fixture();
    f.eb.put_rule(PutRuleRequest {
        name: "hourly".into(),
        schedule_expression: Some("cron(0 * * * ? *)".into()),
        ..Default::default()
    })
    .unwrap();
    f.target(
        "hourly",
        Target {
            input: Some(r#"{"custom-value": "somecustominput"}"#.into()),
            ..target("t", QUEUE)
        },
    );
    // A rule with both a pattern and a schedule fires on both.
    f.eb.put_rule(PutRuleRequest {
        name: "both".into(),
        schedule_expression: Some("cron(30 * * * ? *)".into()),
        event_pattern: Some(r#"{"source": ["a"]}"#.into()),
        ..Default::default()
    })
    .unwrap();
    f.target("both", target("t", QUEUE2));
    let fired = f.eb.tick(ts("2026-01-01T02:00:00Z"));
    let got: Vec<(String, String)> = fired
        .iter()
        .map(|x| (x.rule_name.clone(), x.time.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("both".into(), "2026-01-01T00:30:00Z".into()),
            ("hourly".into(), "2026-01-01T01:00:00Z".into()),
            ("both".into(), "2026-01-01T01:30:00Z".into()),
            ("hourly".into(), "2026-01-01T02:00:00Z".into()),
        ]
    );
    let payloads = f.payloads();
    assert_eq!(payloads[1].2, r#"{"custom-value": "somecustominput"}"#);
    f.put(vec![entry("a", "{}")]);
    assert_eq!(f.take().len(), 1);
    // Disabled: nothing fires; re-enabled: missed instants are not replayed.
    f.eb.disable_rule(DisableRuleRequest {
        name: "hourly".into(),
        event_bus_name: None,
    })
    .unwrap();
    f.eb.disable_rule(DisableRuleRequest {
        name: "both".into(),
        event_bus_name: None,
    })
    .unwrap();
    assert!(f.eb.tick(ts("2026-01-01T05:00:00Z")).is_empty());
    f.clock.set(ts("2026-01-01T05:10:00Z"));
    f.eb.enable_rule(EnableRuleRequest {
        name: "hourly".into(),
        event_bus_name: None,
    })
    .unwrap();
    let fired = f.eb.tick(ts("2026-01-01T06:00:00Z"));
    let times: Vec<String> = fired.iter().map(|x| x.time.to_string()).collect();
    assert_eq!(times, ["2026-01-01T06:00:00Z"]);
}

// =============================================================================================
// Thread safety

#[test]
fn service_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<EventBridge>();
    check::<ChannelSink>();
}

#[test]
fn concurrent_put_events_see_consistent_snapshots() {
    // The writer moves through rule sets {a0}, {a0, a1}, {a1}, {a1, a2}, {a2}, … (a rule gets its
    // target before it is enabled). Every event must match one of these sets: never none, never
    // two that are not neighbours.
    let f = Arc::new(fixture());
    let enable = |f: &Fixture, i: usize| {
        let name = format!("a{i:04}");
        f.eb.put_rule(PutRuleRequest {
            name: name.clone(),
            event_pattern: Some(r#"{"source": ["load"]}"#.into()),
            state: Some(RuleState::Disabled),
            ..Default::default()
        })
        .unwrap();
        f.target(&name, target("t", QUEUE));
        f.eb.enable_rule(EnableRuleRequest {
            name,
            event_bus_name: None,
        })
        .unwrap();
    };
    enable(&f, 0);
    let log = f.log.clone();
    std::thread::scope(|s| {
        let writer = {
            let f = f.clone();
            s.spawn(move || {
                for i in 1..150 {
                    enable(&f, i);
                    f.eb.disable_rule(DisableRuleRequest {
                        name: format!("a{:04}", i - 1),
                        event_bus_name: None,
                    })
                    .unwrap();
                }
            })
        };
        for _ in 0..3 {
            let f = f.clone();
            s.spawn(move || {
                for _ in 0..300 {
                    f.put(vec![entry("load", "{}"), entry("load", "{}")]);
                }
            });
        }
        writer.join().unwrap();
    });
    let mut by_event: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for d in log.lock().unwrap().iter() {
        by_event
            .entry(d.event_id.clone())
            .or_default()
            .push(d.rule_name[1..].parse().unwrap());
    }
    assert_eq!(by_event.len(), 3 * 300 * 2);
    for (event, rules) in by_event {
        match rules.as_slice() {
            [_] => {}
            [a, b] => assert_eq!(a + 1, *b, "{event}: {rules:?}"),
            other => panic!("{event}: {other:?}"),
        }
    }
}
