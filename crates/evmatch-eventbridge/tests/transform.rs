//! TRANSFORM.md: every worked example (§2, §3, §4, §6) and the PutTargets-time checks (§1, §5.1).
//!
//! Rows marked "[AWS] exact" are compared byte for byte. Rows marked "[AWS] values" are compared
//! as JSON values with key order (re-serialized compactly) against the recording, and byte for
//! byte against this crate's rule that a JSON template's own whitespace is kept (TRANSFORM.md §5.7).

use std::collections::BTreeMap;

use evmatch::json::Value;
use evmatch_eventbridge::api::targets::{InputTransformer, PutTargetsRequest, Target};
use evmatch_eventbridge::api::{Request, ServiceLimits, Timestamp};
use evmatch_eventbridge::bus::transform::{
    self, DeliveryContext, DeliveryFailure, TargetInput, compact, parse_event, render,
};

// ---------------------------------------------------------------------------------------------
// Fixtures

const E0_DETAIL: &str =
    r#"{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}"#;
const E1_DETAIL: &str = r#"{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}, "listsingle": ["HIGH"], "listmulti": ["ACTIVE", "INACTIVE"], "valid": true}"#;

/// The envelope of TRANSFORM.md §2 (spaced, as a PutEvents caller would write it) with `detail`.
fn envelope(detail: &str) -> Value {
    parse_event(&format!(
        r#"{{"version": "0", "id": "<id>", "detail-type": "core.update-account-command", "source": "core.update-account-command", "account": "111111111111", "time": "<time>", "region": "<region>", "resources": [], "detail": {detail}}}"#
    ))
    .unwrap()
}

const E0_COMPACT: &str = r#"{"version":"0","id":"<id>","detail-type":"core.update-account-command","source":"core.update-account-command","account":"111111111111","time":"<time>","region":"<region>","resources":[],"detail":{"command":"update-account","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"}}}"#;

/// Ingestion time used by the tests: 2024-06-11T10:00:00Z.
const INGESTION: i64 = 1_718_100_000;
const INGESTION_TEXT: &str = "2024-06-11T10:00:00Z";

fn recorder_ctx() -> DeliveryContext<'static> {
    DeliveryContext {
        rule_arn: "arn:aws:events:<region>:111111111111:rule/<bus>/<rule>",
        rule_name: "<rule>",
        ingestion_time: Timestamp::from_secs_and_nanos(INGESTION, 750_000_000),
    }
}

fn doc_ctx() -> DeliveryContext<'static> {
    DeliveryContext {
        rule_arn: "arn:aws:events:us-east-2:123456789012:rule/example",
        rule_name: "example",
        ingestion_time: Timestamp::from_secs(INGESTION),
    }
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn transformer(m: Option<&BTreeMap<String, String>>, template: &str) -> InputTransformer {
    InputTransformer {
        input_paths_map: m.cloned(),
        input_template: template.to_string(),
    }
}

fn apply(
    event: &Value,
    m: Option<&BTreeMap<String, String>>,
    template: &str,
    ctx: &DeliveryContext<'_>,
) -> Result<String, DeliveryFailure> {
    let t = transformer(m, template);
    render(TargetInput::InputTransformer(&t), event, ctx)
}

/// `out` is valid JSON whose value (key order included) is the compact `recorded`.
fn assert_values(out: &str, recorded: &str) {
    let parsed = parse_event(out).unwrap_or_else(|e| panic!("not JSON: {out}: {e}"));
    assert_eq!(compact(&parsed), recorded, "delivered: {out}");
}

fn m0() -> BTreeMap<String, String> {
    map(&[
        ("detail-type", "$.detail-type"),
        ("timestamp", "$.time"),
        ("command", "$.detail.command"),
    ])
}

fn m0_absent() -> BTreeMap<String, String> {
    map(&[
        ("detail-type", "$.detail-type"),
        ("timestamp", "$.time"),
        ("command", "$.detail.notinmessage"),
    ])
}

fn m1() -> BTreeMap<String, String> {
    map(&[
        ("userId", "$.detail.payload.acc_id"),
        ("payload", "$.detail.payload"),
        ("systemstring", "$.detail.awsAccountId"),
        ("listsingle", "$.detail.listsingle"),
        ("listmulti", "$.detail.listmulti"),
        ("valid", "$.detail.valid"),
    ])
}

fn t1(template: &str) -> String {
    apply(&envelope(E1_DETAIL), Some(&m1()), template, &recorder_ctx()).unwrap()
}

fn t1_fails(template: &str) {
    let err = apply(&envelope(E1_DETAIL), Some(&m1()), template, &recorder_ctx()).unwrap_err();
    assert!(
        matches!(err, DeliveryFailure::InvalidJson { .. }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "transformed input is not valid JSON");
}

// ---------------------------------------------------------------------------------------------
// §2 whole event, §3 Input, §4 InputPath

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
    // §1 item 3: two targets of one rule, one with InputPath $.detail and one with nothing.
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

// ---------------------------------------------------------------------------------------------
// §6.1 AWS-recorded, event E0

const T1_TEMPLATE: &str =
    r#""Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>""#;
const T4_TEMPLATE: &str =
    r#"{"detailType": <detail-type>,  "time": <timestamp>, "command": <command>}"#;

#[test]
fn t1_string_template() {
    let out = apply(
        &envelope(E0_DETAIL),
        Some(&m0()),
        T1_TEMPLATE,
        &recorder_ctx(),
    )
    .unwrap();
    assert_eq!(
        out,
        r#""Event of core.update-account-command type, at time <time>, info extracted from detail update-account""#
    );
}

#[test]
fn t2_string_template_missing_variable() {
    let out = apply(
        &envelope(E0_DETAIL),
        Some(&m0_absent()),
        T1_TEMPLATE,
        &recorder_ctx(),
    );
    assert_eq!(
        out.unwrap(),
        r#""Event of core.update-account-command type, at time <time>, info extracted from detail ""#
    );
}

#[test]
fn t3_special_starting_characters() {
    let template = r#""{[/Check with special starting characters for event of <detail-type> type""#;
    let expected = r#""{[/Check with special starting characters for event of core.update-account-command type""#;
    for m in [m0(), m0_absent()] {
        let out = apply(&envelope(E0_DETAIL), Some(&m), template, &recorder_ctx());
        assert_eq!(out.unwrap(), expected);
    }
}

#[test]
fn t4_json_template() {
    let out = apply(
        &envelope(E0_DETAIL),
        Some(&m0()),
        T4_TEMPLATE,
        &recorder_ctx(),
    )
    .unwrap();
    assert_values(
        &out,
        r#"{"detailType":"core.update-account-command","time":"<time>","command":"update-account"}"#,
    );
    assert_eq!(
        out,
        r#"{"detailType": "core.update-account-command",  "time": "<time>", "command": "update-account"}"#
    );
}

#[test]
fn t5_predefined_variables_in_a_string() {
    let template = r#""Message containing all pre defined variables <aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>""#;
    let out = apply(&envelope(E0_DETAIL), None, template, &recorder_ctx()).unwrap();
    assert_eq!(
        out,
        format!(
            "\"Message containing all pre defined variables arn:aws:events:<region>:111111111111:rule/<bus>/<rule> <rule> {INGESTION_TEXT}\""
        )
    );
}

#[test]
fn t6_json_template_missing_variable_is_empty_string() {
    let out = apply(
        &envelope(E0_DETAIL),
        Some(&m0_absent()),
        T4_TEMPLATE,
        &recorder_ctx(),
    );
    let out = out.unwrap();
    assert_values(
        &out,
        r#"{"detailType":"core.update-account-command","time":"<time>","command":""}"#,
    );
    assert_eq!(
        out,
        r#"{"detailType": "core.update-account-command",  "time": "<time>", "command": ""}"#
    );
}

#[test]
fn t7_event_and_event_json() {
    let template =
        r#"{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}"#;
    let out = apply(&envelope(E0_DETAIL), None, template, &recorder_ctx()).unwrap();
    let summary = r#"{"id":"<id>","account":"111111111111","detailType":"core.update-account-command","time":"<time>","source":"core.update-account-command","region":"<region>","resources":[],"version":"0"}"#;
    assert_values(
        &out,
        &format!(r#"{{"originalEvent":{summary},"originalEventJson":{E0_COMPACT}}}"#),
    );
    assert_eq!(
        out,
        format!(r#"{{"originalEvent": {summary}, "originalEventJson": {E0_COMPACT}}}"#)
    );
}

// ---------------------------------------------------------------------------------------------
// §6.2 AWS-recorded, event E1

const PAYLOAD: &str = r#"{"acc_id":"0a787ecb-4015","sf_id":"baz"}"#;

#[test]
fn t8_object_in_value_context() {
    let out = t1(r#"{"method": "PUT", "path": "users-service/users/<userId>", "bod": <payload>}"#);
    assert_values(
        &out,
        &format!(
            r#"{{"method":"PUT","path":"users-service/users/0a787ecb-4015","bod":{PAYLOAD}}}"#
        ),
    );
    assert_eq!(
        out,
        format!(
            r#"{{"method": "PUT", "path": "users-service/users/0a787ecb-4015", "bod": {PAYLOAD}}}"#
        )
    );
}

#[test]
fn t9_object_in_string_loses_quotes() {
    assert_eq!(
        t1(r#""Payload of <payload> with path users-service/users/<userId> and <userId>""#),
        r#""Payload of {acc_id:0a787ecb-4015,sf_id:baz} with path users-service/users/0a787ecb-4015 and 0a787ecb-4015""#
    );
}

#[test]
fn t10_unquoted_string_gets_quotes() {
    let out = t1(r#"{"id" : <userId>}"#);
    assert_values(&out, r#"{"id":"0a787ecb-4015"}"#);
    assert_eq!(out, r#"{"id" : "0a787ecb-4015"}"#);
}

#[test]
fn t11_quoted_string_is_not_quoted_twice() {
    let out = t1(r#"{"id" : "<userId>"}"#);
    assert_values(&out, r#"{"id":"0a787ecb-4015"}"#);
    assert_eq!(out, r#"{"id" : "0a787ecb-4015"}"#);
}

#[test]
fn t12_mixed() {
    let out = t1(
        r#"{"method": "PUT", "path": "users-service/users/<userId>", "id": <userId>, "body": <payload>}"#,
    );
    assert_values(
        &out,
        &format!(
            r#"{{"method":"PUT","path":"users-service/users/0a787ecb-4015","id":"0a787ecb-4015","body":{PAYLOAD}}}"#
        ),
    );
}

#[test]
fn t13_array_element() {
    let out = t1(
        r#"{"method": "PUT", "path": "users-service/users/<userId>", "bod": [<userId>, "hardcoded"]}"#,
    );
    assert_values(
        &out,
        r#"{"method":"PUT","path":"users-service/users/0a787ecb-4015","bod":["0a787ecb-4015","hardcoded"]}"#,
    );
}

#[test]
fn t13b_nested() {
    let out = t1(
        r#"{"method": "PUT", "nested": {"level1": {"level2": {"level3": "users-service/users/<userId>"} } }, "bod": "<userId>"}"#,
    );
    assert_values(
        &out,
        r#"{"method":"PUT","nested":{"level1":{"level2":{"level3":"users-service/users/0a787ecb-4015"}}},"bod":"0a787ecb-4015"}"#,
    );
}

#[test]
fn t13c_single_list_in_string() {
    assert_eq!(
        t1(r#""<listsingle> single list item""#),
        r#""[HIGH] single list item""#
    );
}

#[test]
fn t13d_multi_list_in_string() {
    assert_eq!(
        t1(r#""<listmulti> multiple list items""#),
        r#""[ACTIVE,INACTIVE] multiple list items""#
    );
}

#[test]
fn t13e_single_list_stays_an_array() {
    let out = t1(r#"{"singlelistitem": <listsingle>}"#);
    assert_values(&out, r#"{"singlelistitem":["HIGH"]}"#);
    assert_eq!(out, r#"{"singlelistitem": ["HIGH"]}"#);
}

#[test]
fn t13f_everything_in_one_string() {
    assert_eq!(
        t1(
            r#""<listsingle> single list item <listmulti> multiple list items <systemstring> system account id <payload> payload <userId> user id""#
        ),
        r#""[HIGH] single list item [ACTIVE,INACTIVE] multiple list items  system account id {acc_id:0a787ecb-4015,sf_id:baz} payload 0a787ecb-4015 user id""#
    );
}

#[test]
fn t13g_repeated_placeholder() {
    let out = t1(r#"{"multi_replacement": "users/<userId>/second/<userId>"}"#);
    assert_values(
        &out,
        r#"{"multi_replacement":"users/0a787ecb-4015/second/0a787ecb-4015"}"#,
    );
}

#[test]
fn t13h_boolean_in_string() {
    assert_eq!(t1(r#""Command is <valid>!""#), r#""Command is true!""#);
}

#[test]
fn t14_multi_line_string_template() {
    let template = [
        r#""<listsingle> single list item""#,
        r#""<listmulti> multiple list items""#,
        r#""<systemstring> system account id""#,
        r#""<payload> payload""#,
        r#""<userId> user id""#,
    ]
    .join("\n");
    let expected = [
        r#""[HIGH] single list item""#,
        r#""[ACTIVE,INACTIVE] multiple list items""#,
        r#"" system account id""#,
        r#""{acc_id:0a787ecb-4015,sf_id:baz} payload""#,
        r#""0a787ecb-4015 user id""#,
    ]
    .join("\n");
    assert_eq!(t1(&template), expected);
}

#[test]
fn t15_object_inside_a_json_string_is_not_delivered() {
    t1_fails(r#"{"not_valid": "users-service/users/<payload>", "bod": <payload>}"#);
}

#[test]
fn t16_quoted_object_is_not_delivered() {
    t1_fails(r#"{"payload": "<payload>"}"#);
}

#[test]
fn t17_quoted_list_is_not_delivered() {
    t1_fails(r#"{"singlelistitem": "<listsingle>"}"#);
}

#[test]
fn invalid_json_failure_carries_the_output() {
    let err = apply(
        &envelope(E1_DETAIL),
        Some(&m1()),
        r#"{"payload": "<payload>"}"#,
        &recorder_ctx(),
    );
    assert_eq!(
        err.unwrap_err(),
        DeliveryFailure::InvalidJson {
            output: r#"{"payload": "{"acc_id":"0a787ecb-4015","sf_id":"baz"}"}"#.into()
        }
    );
}

// ---------------------------------------------------------------------------------------------
// §6.3 AWS documentation, EC2 sample event

const EC2: &str = r#"{"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"detail":{"instance-id":"i-0123456789","state":"RUNNING"}}"#;

fn doc(template: &str) -> String {
    let m = map(&[
        ("timestamp", "$.time"),
        ("instance", "$.detail.instance-id"),
        ("state", "$.detail.state"),
        ("resource", "$.resources[0]"),
        ("status", "$.detail.state"),
    ]);
    apply(&parse_event(EC2).unwrap(), Some(&m), template, &doc_ctx()).unwrap()
}

#[test]
fn d1() {
    assert_eq!(
        doc(r#""instance <instance> is in <state>""#),
        r#""instance i-0123456789 is in RUNNING""#
    );
}

#[test]
fn d2_escaped_quotes_are_copied() {
    assert_eq!(
        doc(r#""instance \"<instance>\" is in <state>""#),
        r#""instance \"i-0123456789\" is in RUNNING""#
    );
}

#[test]
fn d3() {
    assert_eq!(
        doc(r#"{"instance" : <instance>, "state": <state>}"#),
        r#"{"instance" : "i-0123456789", "state": "RUNNING"}"#
    );
}

#[test]
fn d4() {
    assert_eq!(
        doc(
            r#"{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \"<instance>\" is in <state>"}"#
        ),
        r#"{"instance" : "i-0123456789", "state": "RUNNING", "instanceStatus": "instance \"i-0123456789\" is in RUNNING"}"#
    );
}

#[test]
fn d5() {
    let out =
        doc(r#"{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}"#);
    assert_values(
        &out,
        r#"{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}"#,
    );
    assert_eq!(
        out,
        r#"{"instance" : "i-0123456789", "state": [ 9, "RUNNING", true ], "Transformed" : "Yes"}"#
    );
}

#[test]
fn d6() {
    let out = doc(
        r#"{"instance" : <instance>, "state": <state>, "ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "originalEvent" : <aws.events.event.json>}"#,
    );
    assert_eq!(
        out,
        format!(
            r#"{{"instance" : "i-0123456789", "state": "RUNNING", "ruleArn" : "arn:aws:events:us-east-2:123456789012:rule/example", "ruleName" : "example", "originalEvent" : {EC2}}}"#
        )
    );
}

#[test]
fn d7() {
    assert_eq!(
        doc(r#""<aws.events.rule-name> triggered""#),
        r#""example triggered""#
    );
}

#[test]
fn d8() {
    assert_eq!(
        doc(r#"{"timestamp" : <timestamp>, "message": "instance \"<instance>\" is in <state>"}"#),
        r#"{"timestamp" : "2015-11-11T21:29:54Z", "message": "instance \"i-0123456789\" is in RUNNING"}"#
    );
}

#[test]
fn d9_plain_text_template() {
    assert_eq!(
        doc("<instance> is in state <status>"),
        "i-0123456789 is in state RUNNING"
    );
}

#[test]
fn d10() {
    assert_eq!(
        doc(r#"{"myInstance": <instance>,"myStatus": "<instance> is in state \"<status>\""}"#),
        r#"{"myInstance": "i-0123456789","myStatus": "i-0123456789 is in state \"RUNNING\""}"#
    );
}

#[test]
fn doc_resources_index() {
    assert_eq!(
        doc(r#"{"r": <resource>}"#),
        r#"{"r": "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"}"#
    );
}

// ---------------------------------------------------------------------------------------------
// §6.4 Edge cases decided in the spec

fn edge(template: &str) -> Result<String, DeliveryFailure> {
    let event = envelope(r#"{"n":1.50,"f":false,"z":null,"q":"say \"hi\"","e":[],"o":{}}"#);
    let m = map(&[
        ("n", "$.detail.n"),
        ("f", "$.detail.f"),
        ("z", "$.detail.z"),
        ("q", "$.detail.q"),
        ("e", "$.detail.e"),
        ("o", "$.detail.o"),
        ("x", "$.detail.nope"),
        ("w", "$.detail.*"),
    ]);
    apply(&event, Some(&m), template, &recorder_ctx())
}

#[test]
fn e1_scalars_in_value_context() {
    assert_eq!(
        edge(r#"{"n": <n>, "f": <f>, "z": <z>}"#).unwrap(),
        r#"{"n": 1.50, "f": false, "z": null}"#
    );
}

#[test]
fn e2_scalars_in_string_context() {
    assert_eq!(edge(r#""<n>/<f>/<z>""#).unwrap(), r#""1.50/false/null""#);
}

#[test]
fn e3_value_context_escapes() {
    assert_eq!(edge(r#"{"q": <q>}"#).unwrap(), r#"{"q": "say \"hi\""}"#);
}

#[test]
fn e4_string_context_does_not_escape() {
    assert_eq!(
        edge(r#"{"q": "<q>"}"#).unwrap_err(),
        DeliveryFailure::InvalidJson {
            output: r#"{"q": "say "hi""}"#.into()
        }
    );
}

#[test]
fn e5_string_template_not_checked() {
    assert_eq!(edge(r#""<q>""#).unwrap(), r#""say "hi"""#);
}

#[test]
fn e6_empty_containers_and_missing() {
    assert_eq!(
        edge(r#"{"e": <e>, "o": <o>, "x": <x>}"#).unwrap(),
        r#"{"e": [], "o": {}, "x": ""}"#
    );
}

#[test]
fn e7_empty_containers_in_string() {
    assert_eq!(edge(r#""<e><o><x>""#).unwrap(), r#""[]{}""#);
}

#[test]
fn e8_wildcard_is_an_array() {
    assert_eq!(
        edge(r#"{"w": <w>}"#).unwrap(),
        r#"{"w": [1.50,false,null,"say \"hi\"",[],{}]}"#
    );
}

#[test]
fn e9_plain_text() {
    assert_eq!(edge("<n> items").unwrap(), "1.50 items");
}

#[test]
fn e10_predefined_without_map() {
    let out = apply(
        &envelope(E0_DETAIL),
        None,
        r#"{"a": <aws.events.rule-name>}"#,
        &recorder_ctx(),
    );
    assert_eq!(out.unwrap(), r#"{"a": "<rule>"}"#);
}

// ---------------------------------------------------------------------------------------------
// Further rules of §5

#[test]
fn ingestion_time_is_whole_seconds_and_quoted_in_value_context() {
    let out = apply(
        &envelope(E0_DETAIL),
        None,
        r#"{"at": <aws.events.event.ingestion-time>}"#,
        &recorder_ctx(),
    );
    assert_eq!(out.unwrap(), format!(r#"{{"at": "{INGESTION_TEXT}"}}"#));
}

#[test]
fn event_object_in_string_context_loses_quotes() {
    let out = apply(
        &envelope(r#"{"a": 1}"#),
        None,
        r#""<aws.events.event>""#,
        &recorder_ctx(),
    );
    assert_eq!(
        out.unwrap(),
        r#""{id:<id>,account:111111111111,detailType:core.update-account-command,time:<time>,source:core.update-account-command,region:<region>,resources:[],version:0}""#
    );
}

#[test]
fn event_object_of_a_replayed_event_has_replay_name_after_region() {
    let event = parse_event(r#"{"version":"0","id":"i","detail-type":"d","source":"s","account":"1","time":"t","region":"r","replay-name":"rp","resources":["x"],"detail":{}}"#).unwrap();
    let out = apply(&event, None, "[<aws.events.event>]", &recorder_ctx());
    assert_eq!(
        out.unwrap(),
        r#"[{"id":"i","account":"1","detailType":"d","time":"t","source":"s","region":"r","replay-name":"rp","resources":["x"],"version":"0"}]"#
    );
}

#[test]
fn value_context_string_is_json_escaped() {
    let event = envelope(r#"{"s": "a\\b\n\"c\" é"}"#);
    let m = map(&[("s", "$.detail.s")]);
    let out = apply(&event, Some(&m), "[<s>]", &recorder_ctx()).unwrap();
    assert_eq!(out, r#"["a\\b\n\"c\" é"]"#);
    let plain = apply(&event, Some(&m), "<s>", &recorder_ctx()).unwrap();
    assert_eq!(plain, "a\\b\n\"c\" é");
}

#[test]
fn template_text_is_never_reformatted() {
    // `\n` stays two characters; whitespace and a leading newline are kept.
    let m = map(&[("c", "$.detail.command")]);
    let out = apply(
        &envelope(E0_DETAIL),
        Some(&m),
        "\n  {\"a\" :\t\"x\\n<c>\" ,\n \"b\": <c>}  ",
        &recorder_ctx(),
    );
    assert_eq!(
        out.unwrap(),
        "\n  {\"a\" :\t\"x\\nupdate-account\" ,\n \"b\": \"update-account\"}  "
    );
}

#[test]
fn template_kind_is_decided_by_the_first_non_whitespace_character() {
    let m = map(&[("c", "$.detail.command")]);
    let run = |t: &str| apply(&envelope(E0_DETAIL), Some(&m), t, &recorder_ctx());
    // JSON template: checked.
    assert!(run("  [<c>").is_err());
    assert_eq!(run("  [<c>]").unwrap(), r#"  ["update-account"]"#);
    // String template: placeholders after the closing quote are in value context; no check.
    assert_eq!(run(r#""a" <c>"#).unwrap(), r#""a" "update-account""#);
    // Plain text: every placeholder is in string context; no check.
    assert_eq!(run("a <c> {").unwrap(), "a update-account {");
    assert_eq!(run("").unwrap(), "");
}

#[test]
fn lone_angle_brackets_are_literal() {
    let m = map(&[("c", "$.detail.command")]);
    let run = |t: &str| apply(&envelope(E0_DETAIL), Some(&m), t, &recorder_ctx()).unwrap();
    // The first `<` pairs with the next `>`: the placeholder is ` 2 <c`, undefined, so empty.
    assert_eq!(run(r#""1 < 2 <c>""#), r#""1 ""#);
    assert_eq!(run(r#""1 <c> < 2""#), r#""1 update-account < 2""#);
    assert_eq!(run(r#""a > b <c> <""#), r#""a > b update-account <""#);
}

#[test]
fn paths_in_the_map() {
    let event = envelope(r#"{"a/b": {"c-d_e": [10, 20, {"x": [1, 2]}]}, "dup": 1, "dup": 2}"#);
    let ctx = recorder_ctx();
    let one = |path: &str| {
        let m = map(&[("v", path)]);
        apply(&event, Some(&m), "[<v>]", &ctx).unwrap()
    };
    assert_eq!(one("$.detail.a/b.c-d_e[1]"), "[20]");
    assert_eq!(one("$.detail.a/b.c-d_e[2].x[*]"), "[[1,2]]");
    assert_eq!(one("$.detail.a/b.c-d_e[*].x"), "[[[1,2]]]");
    assert_eq!(one("$.detail.dup"), "[2]");
    assert_eq!(one("$.resources[*]"), r#"[""]"#);
    // Unparseable paths (bracket names are InputPath-only) select nothing.
    assert_eq!(one("$['detail']"), r#"[""]"#);
    assert_eq!(one("$.detail.a b"), r#"[""]"#);
    assert_eq!(one("$.detail.a/b.c-d_e[9]"), r#"[""]"#);
    assert_eq!(
        one("$.detail.a/b.c-d_e[99999999999999999999999]"),
        r#"[""]"#
    );
}

#[test]
fn deep_values_render_without_recursion() {
    let depth = 900;
    let detail = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let event = envelope(&detail);
    let m = map(&[("d", "$.detail")]);
    let out = apply(&event, Some(&m), "{\"d\": <d>}", &recorder_ctx()).unwrap();
    assert_eq!(out, format!("{{\"d\": {detail}}}"));
}

// ---------------------------------------------------------------------------------------------
// PutTargets-time validation (§1, §3, §5.1)

fn target(id: &str) -> Target {
    Target {
        id: id.into(),
        arn: "arn:aws:sqs:us-east-1:111111111111:queue".into(),
        ..Default::default()
    }
}

fn with_transformer(id: &str, m: Option<BTreeMap<String, String>>, template: &str) -> Target {
    Target {
        input_transformer: Some(InputTransformer {
            input_paths_map: m,
            input_template: template.into(),
        }),
        ..target(id)
    }
}

fn error_text(t: &Target) -> (String, String) {
    let e = transform::validate_target(t).unwrap_err();
    (e.code().as_str().to_string(), e.to_string())
}

#[test]
fn two_input_modes_are_rejected() {
    let t = Target {
        input_path: Some("$.detail".into()),
        ..with_transformer("t-1", None, "\"x\"")
    };
    assert_eq!(
        error_text(&t),
        (
            "ValidationException".into(),
            "Only one of Input, InputPath, or InputTransformer must be provided for target t-1."
                .into()
        )
    );
    let t = Target {
        input: Some("{}".into()),
        input_path: Some("$".into()),
        ..target("t2")
    };
    assert_eq!(
        error_text(&t).1,
        "Only one of Input, InputPath, or InputTransformer must be provided for target t2."
    );
}

#[test]
fn undefined_placeholder_is_rejected() {
    let t = with_transformer(
        "t1",
        Some(m0()),
        r#"{"a": <command>, "b": <notdefinedkey>}"#,
    );
    assert_eq!(
        error_text(&t),
        (
            "ValidationException".into(),
            "InputTemplate for target t1 contains invalid placeholder notdefinedkey.".into()
        )
    );
    let t = with_transformer("t1", None, r#""<aws.events.rule-arn> <aws.events.rule>""#);
    assert_eq!(
        error_text(&t).1,
        "InputTemplate for target t1 contains invalid placeholder aws.events.rule."
    );
    // A `<` … `>` span in a JSON template is a placeholder too, whatever it contains.
    let t = with_transformer("t1", None, r#"{"a": "1 < 2 > 0"}"#);
    assert_eq!(
        error_text(&t).1,
        "InputTemplate for target t1 contains invalid placeholder  2 ."
    );
}

#[test]
fn accepted_transformers() {
    // Only predefined variables, no map.
    transform::validate_target(&with_transformer(
        "t",
        None,
        r#""<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>""#,
    ))
    .unwrap();
    transform::validate_target(&with_transformer(
        "t",
        None,
        r#"{"a": <aws.events.event>, "b": <aws.events.event.json>}"#,
    ))
    .unwrap();
    // Unused variables (T3) and templates that will give invalid JSON (T15–T17).
    let t3 = r#""{[/Check with special starting characters for event of <detail-type> type""#;
    transform::validate_target(&with_transformer("t", Some(m0()), t3)).unwrap();
    for template in [
        r#"{"not_valid": "users-service/users/<payload>", "bod": <payload>}"#,
        r#"{"payload": "<payload>"}"#,
        r#"{"singlelistitem": "<listsingle>"}"#,
    ] {
        transform::validate_target(&with_transformer("t", Some(m1()), template)).unwrap();
    }
    // Paths are not checked.
    let m = map(&[("a", "not a path"), ("b", "$['x']")]);
    transform::validate_target(&with_transformer("t", Some(m), "<a><b>")).unwrap();
    // A lone `<` is literal.
    transform::validate_target(&with_transformer("t", None, "\"1 < 2\"")).unwrap();
    // InputPath and valid Input.
    transform::validate_target(&Target {
        input_path: Some("$.detail".into()),
        ..target("t")
    })
    .unwrap();
    transform::validate_target(&Target {
        input: Some(r#"{"custom-value": "somecustominput"}"#.into()),
        ..target("t")
    })
    .unwrap();
    transform::validate_target(&Target {
        input: Some(String::new()),
        ..target("t")
    })
    .unwrap();
}

#[test]
fn input_must_be_json() {
    for bad in ["not json", "{", "{\"a\":1} x", "'a'"] {
        let t = Target {
            input: Some(bad.into()),
            ..target("t")
        };
        assert_eq!(
            error_text(&t),
            (
                "ValidationException".into(),
                "Parameter Input is not valid. Reason: Input must be valid JSON.".into()
            ),
            "{bad}"
        );
    }
    for good in ["1", "\"s\"", " [ ] ", "null"] {
        let t = Target {
            input: Some(good.into()),
            ..target("t")
        };
        transform::validate_target(&t).unwrap();
    }
}

#[test]
fn empty_template_is_a_shape_error() {
    assert_eq!(
        error_text(&with_transformer("t", None, "")),
        (
            "ValidationException".into(),
            "1 validation error detected: Value '' at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1".into()
        )
    );
}

#[test]
fn long_template_input_and_path_are_shape_errors() {
    let (_, msg) = error_text(&with_transformer("t", None, &"x".repeat(8193)));
    assert!(
        msg.ends_with("at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length less than or equal to 8192"),
        "{msg}"
    );
    transform::validate_target(&with_transformer("t", None, &"x".repeat(8192))).unwrap();
    let (_, msg) = error_text(&Target {
        input_path: Some(format!("$.{}", "a".repeat(255))),
        ..target("t")
    });
    assert!(
        msg.ends_with("at 'targets.1.member.inputPath' failed to satisfy constraint: Member must have length less than or equal to 256"),
        "{msg}"
    );
    let (_, msg) = error_text(&Target {
        input: Some(format!("\"{}\"", "a".repeat(8191))),
        ..target("t")
    });
    assert!(
        msg.ends_with("at 'targets.1.member.input' failed to satisfy constraint: Member must have length less than or equal to 8192"),
        "{msg}"
    );
}

#[test]
fn map_limits_and_key_rules() {
    // 100 variables are fine, 101 are not.
    let hundred: BTreeMap<String, String> = (0..100)
        .map(|i| (format!("v{i}"), "$.detail".to_string()))
        .collect();
    transform::validate_target(&with_transformer("t", Some(hundred.clone()), "\"x\"")).unwrap();
    let mut more = hundred;
    more.insert("v100".into(), "$.detail".into());
    let (code, msg) = error_text(&with_transformer("t", Some(more), "\"x\""));
    assert_eq!(code, "ValidationException");
    assert!(
        msg.starts_with("1 validation error detected: Value '{"),
        "{msg}"
    );
    assert!(
        msg.ends_with("}' at 'targets.1.member.inputTransformer.inputPathsMap' failed to satisfy constraint: Member must have length less than or equal to 100"),
        "{msg}"
    );

    // Keys: [A-Za-z0-9_-]+, 1..256 characters; predefined names cannot be defined.
    for key in ["aws.events.rule-arn", "a b", "é", "AWS.x"] {
        let m = map(&[(key, "$.detail")]);
        let (_, msg) = error_text(&with_transformer("t", Some(m), "\"x\""));
        assert_eq!(
            msg,
            format!(
                "1 validation error detected: Value '{{{key}=$.detail}}' at 'targets.1.member.inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9\\_\\-]+]"
            )
        );
    }
    let m = map(&[("", "$.detail")]);
    let (_, msg) = error_text(&with_transformer("t", Some(m), "\"x\""));
    assert!(msg.contains("Map keys must satisfy constraint: ["), "{msg}");
    assert!(
        msg.contains("Member must have length greater than or equal to 1"),
        "{msg}"
    );
    let long = "k".repeat(257);
    let m = map(&[(long.as_str(), "$.detail")]);
    let (_, msg) = error_text(&with_transformer("t", Some(m), "\"x\""));
    assert!(
        msg.contains("Member must have length less than or equal to 256"),
        "{msg}"
    );
    let ok = "K_-9".repeat(64);
    let m = map(&[(ok.as_str(), "$.detail")]);
    transform::validate_target(&with_transformer("t", Some(m), "\"x\"")).unwrap();
    // Keys are case-sensitive.
    let m = map(&[("Name", "$.detail")]);
    let (_, msg) = error_text(&with_transformer("t", Some(m), "\"<name>\""));
    assert_eq!(
        msg,
        "InputTemplate for target t contains invalid placeholder name."
    );

    // Values: at most 256 characters.
    let path = format!("$.{}", "a".repeat(255));
    let m = map(&[("v", path.as_str())]);
    let (_, msg) = error_text(&with_transformer("t", Some(m), "\"x\""));
    assert!(
        msg.ends_with("Map values must satisfy constraint: [Member must have length less than or equal to 256]"),
        "{msg}"
    );
}

#[test]
fn whole_request_validation_reports_positions() {
    let request = PutTargetsRequest {
        rule: "r".into(),
        targets: vec![target("a"), with_transformer("b", None, "")],
        ..Default::default()
    };
    let err = request
        .validate_with(&ServiceLimits::default())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("at 'targets.2.member.inputTransformer.inputTemplate'"),
        "{err}"
    );
    let request = PutTargetsRequest {
        rule: "r".into(),
        targets: vec![
            target("a"),
            Target {
                input: Some("nope".into()),
                ..target("b")
            },
        ],
        ..Default::default()
    };
    assert_eq!(
        request
            .validate_with(&ServiceLimits::default())
            .unwrap_err()
            .to_string(),
        "Parameter Input is not valid. Reason: Input must be valid JSON."
    );
    let ok = PutTargetsRequest {
        rule: "r".into(),
        targets: vec![target("a"), with_transformer("b", Some(m0()), T4_TEMPLATE)],
        ..Default::default()
    };
    ok.validate_with(&ServiceLimits::default()).unwrap();
    let too_many = PutTargetsRequest {
        rule: "r".into(),
        targets: (0..6).map(|i| target(&format!("t{i}"))).collect(),
        ..Default::default()
    };
    let err = too_many
        .validate_with(&ServiceLimits::default())
        .unwrap_err();
    assert_eq!(err.code().as_str(), "LimitExceededException");
}

#[test]
fn placeholders_tokenizer() {
    let names: Vec<&str> = transform::placeholders("<a><b> <> <c <d>").collect();
    assert_eq!(names, ["a", "b", "", "c <d"]);
    assert_eq!(transform::placeholders("x < y").count(), 0);
}

// ---------------------------------------------------------------------------------------------
// Properties

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn json_ish() -> impl Strategy<Value = String> {
        proptest::string::string_regex(r#"[\[\]{}",:0-9\-+.eEtrufalsn \\/u<>x]{0,24}"#).unwrap()
    }

    proptest! {
        /// `Input` validity agrees with serde_json (RFC 8259).
        #[test]
        fn input_json_check_agrees_with_serde(text in json_ish()) {
            let t = Target { input: Some(text.clone()), ..target("t") };
            let ours = transform::validate_target(&t).is_ok();
            let serde = text.is_empty()
                || serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok();
            prop_assert_eq!(ours, serde, "{:?}", text);
        }

        /// Rendering never panics, and a delivered JSON template is valid JSON.
        #[test]
        fn render_total(template in r#"[ \{\}\[\]"\\<>a-c:,0-9é]{0,40}"#) {
            let m = map(&[("a", "$.detail.payload"), ("b", "$.detail.listmulti[*]"), ("c", "$.detail.nope")]);
            let event = envelope(E1_DETAIL);
            match apply(&event, Some(&m), &template, &recorder_ctx()) {
                Ok(out) => {
                    if matches!(template.trim_start().chars().next(), Some('{' | '[')) {
                        prop_assert!(serde_json::from_str::<serde::de::IgnoredAny>(&out).is_ok(), "{:?}", out);
                    }
                }
                Err(DeliveryFailure::InvalidJson { output }) => {
                    prop_assert!(serde_json::from_str::<serde::de::IgnoredAny>(&output).is_err(), "{:?}", output);
                }
                Err(e) => prop_assert!(false, "{e:?}"),
            }
            let t = with_transformer("t", Some(m.clone()), &template);
            let _ = transform::validate_target(&t);
        }

        /// Compact output of any parsed event re-parses to the same compact text.
        #[test]
        fn compact_is_stable(text in json_ish()) {
            if let Ok(v) = parse_event(&text) {
                let once = compact(&v);
                prop_assert!(serde_json::from_str::<serde::de::IgnoredAny>(&once).is_ok(), "{:?}", once);
                prop_assert_eq!(compact(&parse_event(&once).unwrap()), once);
            }
        }
    }
}
