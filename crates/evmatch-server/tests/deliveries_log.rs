//! The delivery log byte for byte: records written by the bus's matches to a file and kept in
//! memory for `since`.

use std::sync::Arc;

use evmatch_eventbridge::api::Timestamp;
use evmatch_eventbridge::api::events::{PutEventsRequest, PutEventsRequestEntry};
use evmatch_eventbridge::api::rules::PutRuleRequest;
use evmatch_eventbridge::api::targets::{
    DeadLetterConfig, InputTransformer, PutTargetsRequest, Target,
};
use evmatch_eventbridge::bus::{
    Delivery, EventBridge, EventBridgeConfig, ManualClock, SequentialIds, TargetSink,
};
use evmatch_server::deliveries::{Deliveries, DeliveriesConfig, LogOutput};

fn log_path(name: &str) -> std::path::PathBuf {
    let p = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_file(&p);
    p
}

/// Rules in name order, targets in insertion order; the payload as a JSON string; a target whose
/// input path selects nothing has no payload and no attempt.
const EXPECTED: &str = r#"{"seq":1,"time":"2026-12-07T15:00:00Z","event_bus":"default","rule":"arn:aws:events:us-east-1:123456789012:rule/orders","target":"arn:aws:sqs:us-east-1:123456789012:orders","target_id":"queue","event_id":"00000000-0000-4000-8000-000000000001","payload":"{\"count\": 2, \"note\": \"a \\\"quoted\\\" text\"}","attempts":1,"outcome":"delivered"}
{"seq":2,"time":"2026-12-07T15:00:00Z","event_bus":"default","rule":"arn:aws:events:us-east-1:123456789012:rule/orders","target":"arn:aws:lambda:us-east-1:123456789012:function:f","target_id":"fn","event_id":"00000000-0000-4000-8000-000000000001","payload":"{\"version\":\"0\",\"id\":\"00000000-0000-4000-8000-000000000001\",\"detail-type\":\"order\",\"source\":\"shop\",\"account\":\"123456789012\",\"time\":\"2026-12-07T15:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"n\":2}}","attempts":1,"outcome":"delivered"}
{"seq":3,"time":"2026-12-07T15:00:00Z","event_bus":"default","rule":"arn:aws:events:us-east-1:123456789012:rule/orders","target":"arn:aws:sns:us-east-1:123456789012:t","target_id":"nothing","event_id":"00000000-0000-4000-8000-000000000001","attempts":0,"outcome":"dead-letter","dead_letter":"arn:aws:sqs:us-east-1:123456789012:dlq","error":"input path not found"}
{"seq":4,"time":"2026-12-07T15:01:01Z","event_bus":"orders-bus","rule":"arn:aws:events:us-east-1:123456789012:rule/orders-bus/r2","target":"arn:aws:sqs:us-east-1:123456789012:q2","target_id":"q2","event_id":"id-2","payload":"plain text\nwith a line feed and \u0001 and é","attempts":1,"outcome":"delivered"}
"#;

#[test]
fn records_of_bus_deliveries_byte_for_byte() {
    let clock = Arc::new(ManualClock::new(Timestamp::from_secs(1_796_655_600))); // 2026-12-07T15:00:00Z
    let bus = Arc::new(EventBridge::build(
        EventBridgeConfig::default(),
        clock.clone(),
        Arc::new(SequentialIds::new()),
    ));
    let path = log_path("records_of_bus_deliveries.jsonl");
    let deliveries = Deliveries::new(
        DeliveriesConfig::new(LogOutput::file(&path).unwrap()).with_clock(clock.clone()),
    );
    bus.set_default_sink(deliveries.clone());

    bus.put_rule(PutRuleRequest {
        name: "orders".into(),
        event_pattern: Some(r#"{"source":["shop"]}"#.into()),
        ..Default::default()
    })
    .unwrap();
    bus.put_targets(PutTargetsRequest {
        rule: "orders".into(),
        targets: vec![
            Target {
                id: "queue".into(),
                arn: "arn:aws:sqs:us-east-1:123456789012:orders".into(),
                input_transformer: Some(InputTransformer {
                    input_paths_map: Some([("n".to_owned(), "$.detail.n".to_owned())].into()),
                    input_template: r#"{"count": <n>, "note": "a \"quoted\" text"}"#.into(),
                }),
                ..Default::default()
            },
            Target {
                id: "fn".into(),
                arn: "arn:aws:lambda:us-east-1:123456789012:function:f".into(),
                ..Default::default()
            },
            Target {
                id: "nothing".into(),
                arn: "arn:aws:sns:us-east-1:123456789012:t".into(),
                input_path: Some("$.detail.missing".into()),
                dead_letter_config: Some(DeadLetterConfig {
                    arn: Some("arn:aws:sqs:us-east-1:123456789012:dlq".into()),
                }),
                ..Default::default()
            },
        ],
        ..Default::default()
    })
    .unwrap();
    bus.put_events(PutEventsRequest {
        entries: vec![PutEventsRequestEntry {
            source: Some("shop".into()),
            detail_type: Some("order".into()),
            detail: Some(r#"{"n": 2}"#.into()),
            ..Default::default()
        }],
        ..Default::default()
    })
    .unwrap();
    clock.advance(61);
    deliveries.deliver(Delivery {
        event_bus_name: "orders-bus".into(),
        rule_name: "r2".into(),
        rule_arn: "arn:aws:events:us-east-1:123456789012:rule/orders-bus/r2".into(),
        target: Target {
            id: "q2".into(),
            arn: "arn:aws:sqs:us-east-1:123456789012:q2".into(),
            ..Default::default()
        },
        event_id: "id-2".into(),
        payload: "plain text\nwith a line feed and \u{1} and é".into(),
    });

    // Shutting down waits for the log output to be written.
    deliveries.shutdown(std::time::Duration::from_secs(1));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, EXPECTED);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(deliveries.since(0), lines);
    assert_eq!(deliveries.since(3), lines[3..]);
    assert!(deliveries.since(4).is_empty());
    assert_eq!(deliveries.last_seq(), 4);
}

#[test]
fn memory_keeps_the_newest_records() {
    let deliveries =
        Deliveries::new(DeliveriesConfig::new(LogOutput::Memory).with_memory_records(3));
    for i in 1..=5 {
        deliveries.deliver(Delivery {
            event_bus_name: "default".into(),
            rule_name: "r".into(),
            rule_arn: "arn:r".into(),
            target: Target {
                id: "t".into(),
                arn: "arn:aws:sqs:us-east-1:123456789012:q".into(),
                ..Default::default()
            },
            event_id: format!("e{i}"),
            payload: "{}".into(),
        });
    }
    let ids = |lines: Vec<String>| -> Vec<String> {
        lines
            .iter()
            .map(|l| l[..l.find(',').unwrap()].to_owned())
            .collect()
    };
    assert_eq!(
        ids(deliveries.since(0)),
        [r#"{"seq":3"#, r#"{"seq":4"#, r#"{"seq":5"#]
    );
    assert_eq!(ids(deliveries.since(4)), [r#"{"seq":5"#]);
    assert!(deliveries.since(5).is_empty());
    assert!(deliveries.since(u64::MAX).is_empty());
}

/// A writer that never finishes a write: a stdout pipe nobody reads.
struct Stuck(std::sync::mpsc::Receiver<()>);

impl std::io::Write for Stuck {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        let _ = self.0.recv();
        Err(std::io::Error::other("never"))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn an_output_that_does_not_drain_never_stops_deliveries() {
    let (keep, rx) = std::sync::mpsc::channel::<()>();
    let deliveries = Deliveries::new(DeliveriesConfig::new(LogOutput::Writer(Box::new(Stuck(
        rx,
    )))));
    // More lines than the output backlog holds.
    let n = 70_000;
    for i in 0..n {
        deliveries.deliver(Delivery {
            event_bus_name: "default".into(),
            rule_name: "r".into(),
            rule_arn: "arn:r".into(),
            target: Target {
                id: "t".into(),
                arn: "arn:aws:sqs:us-east-1:123456789012:q".into(),
                ..Default::default()
            },
            event_id: format!("e{i}"),
            payload: "{}".into(),
        });
    }
    assert_eq!(deliveries.last_seq(), n);
    assert_eq!(deliveries.since(n - 1).len(), 1);
    drop(keep);
}
