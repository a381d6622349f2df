//! Conversions to and from `aws-sdk-eventbridge` (run with `--features aws-sdk`).
#![cfg(feature = "aws-sdk")]

use aws_sdk_eventbridge as sdk;
use evmatch_eventbridge::api::Timestamp;
use evmatch_eventbridge::api::events::{
    PutEventsRequest, PutEventsResponse, TestEventPatternRequest, TestEventPatternResponse,
};
use evmatch_eventbridge::api::model::{self, Binding};
use evmatch_eventbridge::api::rules::{DescribeRuleResponse, ListRulesResponse, PutRuleRequest};
use evmatch_eventbridge::api::targets::{ListTargetsByRuleResponse, PutTargetsRequest};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

/// A sample with every member set, from the model (valid enum values, distinct strings).
fn sample(shape: &str) -> Value {
    let m: Value = serde_json::from_str(model::MODEL_JSON).unwrap();
    fn go(shapes: &Map<String, Value>, name: &str) -> Value {
        let s = &shapes[name];
        match s["type"].as_str().unwrap() {
            "structure" => Value::Object(
                s["members"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, m)| (k.clone(), go(shapes, m["shape"].as_str().unwrap())))
                    .collect(),
            ),
            "string" => s["enum"]
                .as_array()
                .map(|e| e[0].clone())
                .unwrap_or_else(|| json!(format!("{name}-v"))),
            "integer" => json!(3),
            "long" => json!(4),
            "boolean" => json!(true),
            "timestamp" => json!(1_700_000_000.5),
            "list" => json!([go(shapes, s["member"]["shape"].as_str().unwrap())]),
            "map" => json!({"k": go(shapes, s["value"]["shape"].as_str().unwrap())}),
            t => panic!("{t}"),
        }
    }
    go(m["shapes"].as_object().unwrap(), shape)
}

fn typed<T: DeserializeOwned>(shape: &str) -> T {
    assert!(matches!(
        model::shape(shape).unwrap().binding,
        Binding::Structure { .. }
    ));
    serde_json::from_value(sample(shape)).unwrap()
}

#[test]
fn requests_round_trip_through_the_sdk_inputs() {
    let r: PutRuleRequest = typed("PutRuleRequest");
    let input = sdk::operation::put_rule::PutRuleInput::try_from(r.clone()).unwrap();
    assert_eq!(input.name(), Some(r.name.as_str()));
    assert_eq!(PutRuleRequest::try_from(input).unwrap(), r);

    let r: PutTargetsRequest = typed("PutTargetsRequest");
    let input = sdk::operation::put_targets::PutTargetsInput::try_from(r.clone()).unwrap();
    assert_eq!(input.targets().len(), 1);
    assert_eq!(PutTargetsRequest::try_from(input).unwrap(), r);

    let r: PutEventsRequest = typed("PutEventsRequest");
    let input = sdk::operation::put_events::PutEventsInput::try_from(r.clone()).unwrap();
    assert_eq!(input.entries()[0].time().unwrap().secs(), 1_700_000_000);
    assert_eq!(PutEventsRequest::try_from(input).unwrap(), r);

    let r: TestEventPatternRequest = typed("TestEventPatternRequest");
    let input =
        sdk::operation::test_event_pattern::TestEventPatternInput::try_from(r.clone()).unwrap();
    assert_eq!(TestEventPatternRequest::try_from(input).unwrap(), r);
}

#[test]
fn missing_required_input_members_are_aws_errors() {
    let input = sdk::operation::put_rule::PutRuleInput::builder()
        .build()
        .unwrap();
    let e = PutRuleRequest::try_from(input).unwrap_err();
    assert_eq!(
        e.to_string(),
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn responses_round_trip_through_the_sdk_outputs() {
    let r: DescribeRuleResponse = typed("DescribeRuleResponse");
    let out = sdk::operation::describe_rule::DescribeRuleOutput::try_from(r.clone()).unwrap();
    assert_eq!(DescribeRuleResponse::from(out), r);
    let r: ListRulesResponse = typed("ListRulesResponse");
    let out = sdk::operation::list_rules::ListRulesOutput::try_from(r.clone()).unwrap();
    assert_eq!(ListRulesResponse::from(out), r);
    let r: ListTargetsByRuleResponse = typed("ListTargetsByRuleResponse");
    let out =
        sdk::operation::list_targets_by_rule::ListTargetsByRuleOutput::try_from(r.clone()).unwrap();
    assert_eq!(ListTargetsByRuleResponse::from(out), r);
    let r: PutEventsResponse = typed("PutEventsResponse");
    let out = sdk::operation::put_events::PutEventsOutput::try_from(r.clone()).unwrap();
    assert_eq!(PutEventsResponse::from(out), r);
    let r = TestEventPatternResponse { result: Some(true) };
    let out =
        sdk::operation::test_event_pattern::TestEventPatternOutput::try_from(r.clone()).unwrap();
    assert!(out.result());
    assert_eq!(TestEventPatternResponse::from(out), r);
}

#[test]
fn timestamps_and_enums_convert() {
    let t = Timestamp::from_millis(1_700_000_000_123);
    let e = evmatch_eventbridge::api::events::PutEventsRequestEntry {
        time: Some(t),
        ..Default::default()
    };
    let s = sdk::types::PutEventsRequestEntry::try_from(e.clone()).unwrap();
    assert_eq!(s.time().unwrap().subsec_nanos(), 123_000_000);
    assert_eq!(
        evmatch_eventbridge::api::events::PutEventsRequestEntry::from(s),
        e
    );
    let state = evmatch_eventbridge::api::rules::RuleState::Unknown("NEW_STATE".into());
    let r = PutRuleRequest {
        name: "n".into(),
        state: Some(state.clone()),
        ..Default::default()
    };
    let input = sdk::operation::put_rule::PutRuleInput::try_from(r).unwrap();
    assert_eq!(input.state().unwrap().as_str(), "NEW_STATE");
    assert_eq!(PutRuleRequest::try_from(input).unwrap().state, Some(state));
}
