//! InputTransformer output: every AWS-recorded and documented example, byte for byte or as JSON
//! values, and the edge cases of placeholders in string, JSON and plain-text templates.
//!
//! Rows marked "[AWS] exact" are compared byte for byte. Rows marked "[AWS] values" are compared
//! as JSON values with key order (re-serialized compactly) against the recording, and byte for
//! byte against this crate's rule that a JSON template's own whitespace is kept.

mod common;

use common::transform::*;

// AWS-recorded, event E0

const T1_TEMPLATE: &str =
    r#""Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>""#;

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

// AWS-recorded, event E1

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

// AWS documentation, EC2 sample event

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

// Edge cases

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

// Further rules

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
