//! The in-process EventBridge: a custom bus, two rules (one with an InputTransformer), a channel
//! target, three events, and what each target received.
//!
//! Run with `cargo run --example in_process_bus`. A fixed clock and sequential event ids make
//! the output reproducible (tests/bus_example.rs checks it).

use std::collections::BTreeMap;
use std::sync::Arc;

use evmatch_eventbridge::api::Timestamp;
use evmatch_eventbridge::api::event_buses::CreateEventBusRequest;
use evmatch_eventbridge::api::events::{PutEventsRequest, PutEventsRequestEntry};
use evmatch_eventbridge::api::rules::PutRuleRequest;
use evmatch_eventbridge::api::targets::{InputTransformer, PutTargetsRequest, Target};
use evmatch_eventbridge::bus::{
    ChannelSink, EventBridge, EventBridgeConfig, ManualClock, SequentialIds,
};

fn main() -> Result<(), evmatch_eventbridge::Error> {
    let clock = Arc::new(ManualClock::new(Timestamp::from_secs(1_767_225_600)));
    let eb = EventBridge::build(
        EventBridgeConfig::new("111111111111", "eu-west-1"),
        clock,
        Arc::new(SequentialIds::new()),
    );

    let bus = eb.create_event_bus(CreateEventBusRequest {
        name: "orders".into(),
        ..Default::default()
    })?;
    println!("created {}", bus.event_bus_arn.unwrap_or_default());

    // Rule 1: every order event, whole event to the audit queue.
    let rule = eb.put_rule(PutRuleRequest {
        name: "all-orders".into(),
        event_bus_name: Some("orders".into()),
        event_pattern: Some(r#"{"source": ["shop.orders"]}"#.into()),
        ..Default::default()
    })?;
    println!("created {}", rule.rule_arn.unwrap_or_default());
    let audit = "arn:aws:sqs:eu-west-1:111111111111:audit";
    eb.put_targets(PutTargetsRequest {
        rule: "all-orders".into(),
        event_bus_name: Some("orders".into()),
        targets: vec![Target {
            id: "audit".into(),
            arn: audit.into(),
            ..Default::default()
        }],
    })?;

    // Rule 2: orders of 100 or more, reshaped by an InputTransformer for the sales channel.
    let rule = eb.put_rule(PutRuleRequest {
        name: "big-orders".into(),
        event_bus_name: Some("orders".into()),
        event_pattern: Some(
            r#"{"source": ["shop.orders"], "detail": {"total": [{"numeric": [">=", 100]}]}}"#
                .into(),
        ),
        ..Default::default()
    })?;
    println!("created {}", rule.rule_arn.unwrap_or_default());
    let sales = "arn:aws:sns:eu-west-1:111111111111:sales";
    eb.put_targets(PutTargetsRequest {
        rule: "big-orders".into(),
        event_bus_name: Some("orders".into()),
        targets: vec![Target {
            id: "sales".into(),
            arn: sales.into(),
            input_transformer: Some(InputTransformer {
                input_paths_map: Some(BTreeMap::from([
                    ("id".into(), "$.detail.id".into()),
                    ("customer".into(), "$.detail.customer.name".into()),
                    ("total".into(), "$.detail.total".into()),
                ])),
                input_template: r#"{"text": "Order <id> from <customer>: <total> EUR", "total": <total>, "rule": "<aws.events.rule-name>"}"#.into(),
            }),
            ..Default::default()
        }],
    })?;

    // One channel receives what both targets get.
    let (sink, deliveries) = ChannelSink::new();
    let sink = Arc::new(sink);
    eb.register_sink(audit, sink.clone());
    eb.register_sink(sales, sink);

    let order = |detail: &str, source: &str| PutEventsRequestEntry {
        source: Some(source.into()),
        detail_type: Some("Order Placed".into()),
        detail: Some(detail.into()),
        event_bus_name: Some("orders".into()),
        ..Default::default()
    };
    let result = eb.put_events(PutEventsRequest {
        entries: vec![
            order(
                r#"{"id": 1, "customer": {"name": "Ada"}, "total": 42.50}"#,
                "shop.orders",
            ),
            order(
                r#"{"id": 2, "customer": {"name": "Grace"}, "total": 250}"#,
                "shop.orders",
            ),
            order(r#"{"id": 3, "reason": "damaged"}"#, "shop.returns"),
        ],
        endpoint_id: None,
    })?;
    println!(
        "PutEvents: FailedEntryCount {}",
        result.failed_entry_count.unwrap_or_default()
    );
    for (i, entry) in result.entries.unwrap_or_default().iter().enumerate() {
        println!(
            "  entry {i}: EventId {}",
            entry.event_id.as_deref().unwrap_or("-")
        );
    }

    for d in deliveries.try_iter() {
        println!(
            "{} / {} ({}) received:",
            d.rule_name, d.target.id, d.target.arn
        );
        println!("  {}", d.payload);
    }
    Ok(())
}
