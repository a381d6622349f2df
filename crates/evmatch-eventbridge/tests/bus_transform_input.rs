//! What targets without a transformer receive: the whole event as compact JSON, `Input` verbatim,
//! and the value an `InputPath` selects (or nothing).

mod common;

use common::transform::*;

// whole event, Input, InputPath

#[test]
fn whole_event_is_compact_in_envelope_order() {
    let out = render(
        TargetInput::WholeEvent,
        &envelope(E0_DETAIL),
        &recorder_ctx(),
    )
    .unwrap();
    assert_eq!(out, E0_COMPACT);
}

#[test]
fn whole_replayed_event_keeps_replay_name_position() {
    let event = parse_event(r#"{"version": "0", "id": "<id>", "detail-type": "core.update-account-command", "source": "core.update-account-command", "account": "111111111111", "time": "<time>", "region": "<region>", "replay-name": "<replay>", "resources": [], "detail": {"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}}"#).unwrap();
    assert_eq!(
        render(TargetInput::WholeEvent, &event, &recorder_ctx()).unwrap(),
        r#"{"version":"0","id":"<id>","detail-type":"core.update-account-command","source":"core.update-account-command","account":"111111111111","time":"<time>","region":"<region>","replay-name":"<replay>","resources":[],"detail":{"command":"update-account","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"}}}"#
    );
}

#[test]
fn whole_event_keeps_number_text_duplicates_and_escapes_minimally() {
    let event = parse_event(
        "{\"detail\": {\"n\": 1.50, \"big\": 12345678901234567890, \"a\": 1, \"a\": 2, \"s\": \"\\u00e9\\/\\u0001\\n\"}}",
    )
    .unwrap();
    assert_eq!(
        render(TargetInput::WholeEvent, &event, &recorder_ctx()).unwrap(),
        "{\"detail\":{\"n\":1.50,\"big\":12345678901234567890,\"a\":1,\"a\":2,\"s\":\"é/\\u0001\\n\"}}"
    );
}

#[test]
fn input_is_delivered_verbatim() {
    let scheduled = parse_event(r#"{"version":"0","id":"x","detail-type":"Scheduled Event","source":"aws.events","account":"111111111111","time":"2024-05-15T00:01:00Z","region":"us-east-1","resources":["arn:aws:events:us-east-1:111111111111:rule/r"],"detail":{}}"#).unwrap();
    let input = r#"{"custom-value": "somecustominput"}"#;
    assert_eq!(
        render(TargetInput::Input(input), &scheduled, &recorder_ctx()).unwrap(),
        input
    );
}

#[test]
fn input_path_p1_detail() {
    let out = render(
        TargetInput::InputPath("$.detail"),
        &envelope(E0_DETAIL),
        &recorder_ctx(),
    );
    assert_eq!(
        out.unwrap(),
        r#"{"command":"update-account","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"}}"#
    );
}

#[test]
fn input_path_p2_nested_object() {
    let out = render(
        TargetInput::InputPath("$.detail.payload"),
        &envelope(E0_DETAIL),
        &recorder_ctx(),
    );
    assert_eq!(out.unwrap(), r#"{"acc_id":"0a787ecb-4015","sf_id":"baz"}"#);
}

#[test]
fn input_path_p3_string_is_a_json_literal() {
    let out = render(
        TargetInput::InputPath("$.detail.payload.sf_id"),
        &envelope(E0_DETAIL),
        &recorder_ctx(),
    );
    assert_eq!(out.unwrap(), "\"baz\"");
}

#[test]
fn input_path_p4_first_level_member() {
    let event = envelope(
        r#"{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "payload": {"message": "baz", "id": "123"}}}"#,
    );
    let out = render(
        TargetInput::InputPath("$.detail.payload"),
        &event,
        &recorder_ctx(),
    );
    assert_eq!(
        out.unwrap(),
        r#"{"acc_id":"0a787ecb-4015","payload":{"message":"baz","id":"123"}}"#
    );
}

#[test]
fn input_path_scalars_arrays_wildcards_and_root() {
    let event = envelope(
        r#"{"n": 1.50, "t": true, "z": null, "l": [{"a": 1}, {"a": 2}, {"b": 3}], "o": {"x": {"a": "s"}}}"#,
    );
    let ctx = recorder_ctx();
    let path = |p: &str| render(TargetInput::InputPath(p), &event, &ctx);
    assert_eq!(path("$.detail.n").unwrap(), "1.50");
    assert_eq!(path("$.detail.t").unwrap(), "true");
    assert_eq!(path("$.detail.z").unwrap(), "null");
    assert_eq!(path("$.detail.l[1]").unwrap(), r#"{"a":2}"#);
    assert_eq!(path("$.detail.l[*].a").unwrap(), "[1,2]");
    assert_eq!(path("$.detail.o.*.a").unwrap(), r#"["s"]"#);
    assert_eq!(path("$.detail['o'][\"x\"]").unwrap(), r#"{"a":"s"}"#);
    assert_eq!(path("$.resources").unwrap(), "[]");
    assert_eq!(path("$").unwrap(), compact(&event));
}

#[test]
fn input_path_missing_is_not_delivered() {
    let event = envelope(E0_DETAIL);
    for p in [
        "$.detail.nope",
        "$.resources[0]",
        "$.detail.command[0]",
        "$.detail.l[*]",
        "detail",
        "$.",
        "",
    ] {
        let err = render(TargetInput::InputPath(p), &event, &recorder_ctx()).unwrap_err();
        assert_eq!(err, DeliveryFailure::InputPathNotFound, "{p}");
        assert_eq!(err.to_string(), "input path not found");
    }
}

#[test]
fn target_input_of_a_stored_target() {
    let mut t = Target {
        id: "t".into(),
        arn: "arn:aws:sqs:us-east-1:111111111111:q".into(),
        ..Default::default()
    };
    assert_eq!(TargetInput::of(&t), TargetInput::WholeEvent);
    t.input = Some(String::new());
    assert_eq!(TargetInput::of(&t), TargetInput::WholeEvent);
    t.input = Some("{}".into());
    assert_eq!(TargetInput::of(&t), TargetInput::Input("{}"));
    t.input = None;
    t.input_path = Some("$.detail".into());
    assert_eq!(TargetInput::from(&t), TargetInput::InputPath("$.detail"));
}

#[test]
fn per_target_modes_from_one_event() {
    // Two targets of one rule, one with InputPath $.detail and one with nothing.
    let event = envelope(E0_DETAIL);
    let ctx = recorder_ctx();
    assert_eq!(
        render(TargetInput::InputPath("$.detail"), &event, &ctx).unwrap(),
        r#"{"command":"update-account","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"}}"#
    );
    assert_eq!(
        render(TargetInput::WholeEvent, &event, &ctx).unwrap(),
        E0_COMPACT
    );
}
