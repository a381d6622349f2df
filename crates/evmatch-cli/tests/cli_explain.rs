//! `--explain`, end to end: `test --explain` prints the explanation after `true`/`false`;
//! `match --explain ID` adds an `"explain"` member to each output line (still one JSON value per
//! line); `test` adds a `hint:` line under AWS's message when it refuses an event.

mod common;

use common::{assert_no_panic, evmatch, stderr, stdout, temp_file};

fn test_explain(pattern: &str, event: &str) -> std::process::Output {
    evmatch(
        &["test", "--explain", "--pattern", pattern, "--event", event],
        b"",
    )
}

#[test]
fn test_explain_a_miss() {
    let out = test_explain(
        "../../examples/pattern.json",
        "tests/data/cli/no_match_event.json",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        r#"false
no match
  miss  detail.state        [{"anything-but":["pending","running"]}]    no value matched: "running"
  ok    detail-type         ["EC2 Instance State-change Notification"]  matched "EC2 Instance State-change Notification"
  ok    detail.instance-id  [{"prefix":"i-"}]                           matched "i-0abcd1234ef567890"
  ok    region              [{"prefix":"eu-"}]                          matched "eu-west-1"
  ok    source              ["aws.ec2"]                                 matched "aws.ec2"
"#
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn test_explain_a_match_over_branches() {
    let pattern = temp_file(
        "explain-or.json",
        r#"{"$or": [{"detail": {"state": ["running"]}}, {"resources": [{"wildcard": "arn:*/i-*"}]}]}"#,
    );
    let out = test_explain(pattern.to_str().unwrap(), "../../examples/event.json");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        r#"true
match: branch 2 of 2
  ok    resources  [{"wildcard":"arn:*/i-*"}]  matched "arn:aws:ec2:eu-west-1:123456789012:ins…
"#
    );
}

#[test]
fn test_explain_errors_are_the_usual_errors() {
    let out = test_explain("tests/data/cli/a1.json", "../../examples/event.json");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).starts_with("Event pattern is not valid. Reason:"));
    let out = evmatch(&["test", "--explain", "--jsonl"], b"");
    assert_eq!(
        out.status.code(),
        Some(2),
        "--explain conflicts with --jsonl"
    );
    assert_no_panic(&out);
}

#[test]
fn test_hints_why_an_event_was_refused() {
    let cases = [
        (
            "explain-no-envelope.json",
            r#"{"source": "aws.ec2", "detail-type": "x", "time": "t"}"#,
            r#"hint: the event lacks "id", "account", "region" (TestEventPattern requires "id", "account", "source", "time", "region", "detail-type")"#,
        ),
        (
            "explain-array.json",
            "[1, 2]",
            "hint: the event is not a JSON object",
        ),
        (
            "explain-bad.json",
            r#"{"id": "1",}"#,
            "hint: the event is not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
        ),
    ];
    for (name, event, hint) in cases {
        let event = temp_file(name, event);
        for explain in [false, true] {
            let mut args = vec!["test", "--pattern", "../../examples/pattern.json"];
            args.extend(["--event", event.to_str().unwrap()]);
            if explain {
                args.push("--explain");
            }
            let out = evmatch(&args, b"");
            assert_eq!(out.status.code(), Some(2));
            assert_eq!(stdout(&out), "");
            assert_eq!(
                stderr(&out),
                format!("Parameter Event is not valid.\n{hint}\n"),
                "{name}"
            );
        }
    }
}

#[test]
fn match_explain_adds_a_member_per_line() {
    let rules = temp_file(
        "explain-rules.json",
        r#"{"ec2": {"source": ["aws.ec2"]}, "big": {"detail": {"n": [{"numeric": [">", 10]}]}}}"#,
    );
    let events = "{\"source\":\"aws.ec2\",\"detail\":{\"n\":5}}\n{\"detail\":{\"n\":\"11\"}}\nnot json\n{\"detail\":{\"n\":[1,2.0e1]}}\n";
    let out = evmatch(
        &[
            "match",
            "--rules",
            rules.to_str().unwrap(),
            "--explain",
            "big",
        ],
        events.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "a bad line gives exit 1");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            r#"{"line": 1, "matches": ["ec2"], "explain": {"matched":false,"event_is_object":true,"branches":[{"index":0,"matched":false,"fields":[{"path":"detail.n","conditions":[{"numeric":[">",10]}],"values":[5],"value_count":1,"verdict":{"kind":"no_value_satisfied"}}]}]}}"#,
            r#"{"line": 2, "matches": [], "explain": {"matched":false,"event_is_object":true,"branches":[{"index":0,"matched":false,"fields":[{"path":"detail.n","conditions":[{"numeric":[">",10]}],"values":["11"],"value_count":1,"verdict":{"kind":"wrong_type","expected":["number"],"found":["string"]}}]}]}}"#,
            r#"{"line": 3, "error": "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"}"#,
            r#"{"line": 4, "matches": ["big"], "explain": {"matched":true,"event_is_object":true,"branches":[{"index":0,"matched":true,"fields":[{"path":"detail.n","conditions":[{"numeric":[">",10]}],"values":[1,2.0e1],"value_count":2,"verdict":{"kind":"matched","condition":0,"absent":false,"value":2.0e1}}]}]}}"#,
        ]
    );
    // Every line is one JSON value.
    for line in lines {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
}

#[test]
fn match_explain_needs_a_known_id() {
    let rules = temp_file(
        "explain-rules-2.json",
        r#"{"ec2": {"source": ["aws.ec2"]}}"#,
    );
    let out = evmatch(
        &[
            "match",
            "--rules",
            rules.to_str().unwrap(),
            "--explain",
            "nope",
        ],
        b"{}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!(
            "evmatch: match --explain: no rule has the id \"nope\" in {}\n",
            rules.display()
        )
    );
}
