//! The JSON 1.1 dispatcher: every operation of the model is reachable under `AWSEvents.<Name>`,
//! and a scenario through buses, rules, targets, events and tags answers the service's exact
//! bodies.

mod common;

use common::*;
use evmatch_eventbridge::api::model;
use evmatch_eventbridge::wire::{OPERATIONS, Response, handle};

fn call(f: &Fixture, operation: &str, body: &str) -> Response {
    handle(&f.eb, &format!("AWSEvents.{operation}"), body.as_bytes())
}

fn ok(f: &Fixture, operation: &str, body: &str) -> String {
    let r = call(f, operation, body);
    assert_eq!(r.status, 200, "{operation} {body}: {}", r.body);
    r.body
}

#[test]
fn the_table_has_every_operation_of_the_model_once() {
    let mut from_model: Vec<&str> = model::operations().iter().map(|o| o.name).collect();
    from_model.sort_unstable();
    assert_eq!(from_model.len(), 57);
    assert_eq!(OPERATIONS, from_model.as_slice());
}

#[test]
fn every_operation_is_reachable() {
    let f = fixture();
    for operation in OPERATIONS {
        let r = call(&f, operation, "{}");
        assert!(
            r.status == 200 || r.status == 400,
            "{operation}: {} {}",
            r.status,
            r.body
        );
        // Served by the bus: neither unknown nor refused as not implemented.
        assert!(
            !matches!(
                r.error_code(),
                Some("UnknownOperationException" | "OperationDisabledException")
            ),
            "{operation}: {}",
            r.body
        );
        // Every answer is one JSON object.
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert!(v.is_object(), "{operation}: {}", r.body);
    }
}

#[test]
fn operations_without_required_members_answer_an_empty_body_like_an_empty_object() {
    let f = fixture();
    assert_eq!(ok(&f, "ListRules", ""), r#"{"Rules":[]}"#);
    assert_eq!(ok(&f, "ListRules", " \n"), r#"{"Rules":[]}"#);
    assert_eq!(ok(&f, "ListRules", "{}"), r#"{"Rules":[]}"#);
}

#[test]
fn missing_required_members_are_validation_errors_in_the_service_wording() {
    let f = fixture();
    let r = call(&f, "PutTargets", r#"{"Rule": "r"}"#);
    assert_eq!(r.status, 400);
    assert_eq!(
        r.body,
        r#"{"__type":"ValidationException","message":"1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null"}"#
    );
}

#[test]
fn a_scenario_through_buses_rules_targets_events_and_tags() {
    let f = fixture();
    assert_eq!(
        ok(&f, "CreateEventBus", r#"{"Name":"orders"}"#),
        r#"{"EventBusArn":"arn:aws:events:us-east-1:111111111111:event-bus/orders"}"#
    );
    assert_eq!(
        ok(
            &f,
            "PutRule",
            r#"{"Name":"big","EventBusName":"orders","EventPattern":"{\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}","Tags":[{"Key":"team","Value":"shop"}]}"#
        ),
        r#"{"RuleArn":"arn:aws:events:us-east-1:111111111111:rule/orders/big"}"#
    );
    assert_eq!(
        ok(
            &f,
            "PutTargets",
            &format!(
                r#"{{"Rule":"big","EventBusName":"orders","Targets":[{{"Id":"q","Arn":"{QUEUE}","InputPath":"$.detail"}}]}}"#
            )
        ),
        r#"{"FailedEntryCount":0,"FailedEntries":[]}"#
    );
    assert_eq!(
        ok(
            &f,
            "ListTargetsByRule",
            r#"{"Rule":"big","EventBusName":"orders"}"#
        ),
        format!(r#"{{"Targets":[{{"Id":"q","Arn":"{QUEUE}","InputPath":"$.detail"}}]}}"#)
    );
    assert_eq!(
        ok(
            &f,
            "PutEvents",
            r#"{"Entries":[{"Source":"shop","DetailType":"order","Detail":"{\"total\":250}","EventBusName":"orders"},{"Source":"shop","DetailType":"order","Detail":"{\"total\":5}","EventBusName":"orders"}]}"#
        ),
        r#"{"FailedEntryCount":0,"Entries":[{"EventId":"00000000-0000-4000-8000-000000000001"},{"EventId":"00000000-0000-4000-8000-000000000002"}]}"#
    );
    let delivered = f.take();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].payload, r#"{"total":250}"#);
    assert_eq!(
        ok(
            &f,
            "ListTagsForResource",
            r#"{"ResourceARN":"arn:aws:events:us-east-1:111111111111:rule/orders/big"}"#
        ),
        r#"{"Tags":[{"Key":"team","Value":"shop"}]}"#
    );
    assert_eq!(
        ok(
            &f,
            "TestEventPattern",
            r#"{"EventPattern":"{\"source\":[\"shop\"]}","Event":"{\"id\":\"1\",\"detail-type\":\"x\",\"source\":\"shop\",\"account\":\"111111111111\",\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{}}"}"#
        ),
        r#"{"Result":true}"#
    );
    assert_eq!(
        ok(
            &f,
            "RemoveTargets",
            r#"{"Rule":"big","EventBusName":"orders","Ids":["q"]}"#
        ),
        r#"{"FailedEntryCount":0,"FailedEntries":[]}"#
    );
    // Operations without output answer `{}`.
    assert_eq!(
        ok(
            &f,
            "DeleteRule",
            r#"{"Name":"big","EventBusName":"orders"}"#
        ),
        "{}"
    );
    assert_eq!(ok(&f, "DeleteEventBus", r#"{"Name":"orders"}"#), "{}");
    assert_eq!(
        ok(&f, "ListEventBuses", "{}"),
        format!(
            r#"{{"EventBuses":[{{"Name":"default","Arn":"arn:aws:events:us-east-1:111111111111:event-bus/default","CreationTime":{T0},"LastModifiedTime":{T0}}}]}}"#
        )
    );
}
