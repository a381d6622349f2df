//! `evmatch match`, end to end: rules files of both forms, events from stdin or files, output
//! order and exit status.

mod common;

use common::{INVALID_A1, assert_no_panic, evmatch, stderr, stdout, temp_file};

// --- match -----------------------------------------------------------------------------------

const MATCH_EVENTS: &str = "{\"source\":\"aws.ec2\",\"n\":5}\n\n{\"source\":\"aws.s3\"}\nnot json\n{\"source\":\"aws.ec2\",\"n\":50}\n";

#[test]
fn match_reports_every_line_in_order_with_rules_object() {
    let rules = temp_file(
        "rules.json",
        r#"{"ec2": {"source": ["aws.ec2"]}, "small": "{\"n\": [{\"numeric\": [\"<\", 10]}]}", "any": [{"source": ["aws.s3"]}, {"n": [50]}]}"#,
    );
    let out = evmatch(
        &["match", "--rules", rules.to_str().unwrap()],
        MATCH_EVENTS.as_bytes(),
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "a bad line gives exit 1");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0], r#"{"line": 1, "matches": ["ec2", "small"]}"#);
    assert_eq!(lines[1], r#"{"line": 3, "matches": ["any"]}"#);
    assert!(lines[2].starts_with(r#"{"line": 4, "error": "#), "{text}");
    assert_eq!(lines[3], r#"{"line": 5, "matches": ["ec2", "any"]}"#);
}

#[test]
fn match_accepts_json_lines_rules_and_event_files() {
    let rules = temp_file(
        "rules.jsonl",
        "{\"id\": \"ec2\", \"pattern\": {\"source\": [\"aws.ec2\"]}}\n{\"id\": 7, \"pattern\": \"{\\\"n\\\": [5]}\"}\n",
    );
    let events = temp_file(
        "events.jsonl",
        "{\"source\":\"aws.ec2\",\"n\":5}\n{\"n\":5.0}\n",
    );
    let out = evmatch(
        &[
            "match",
            "--rules",
            rules.to_str().unwrap(),
            events.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "{\"line\": 1, \"matches\": [\"ec2\", \"7\"]}\n{\"line\": 2, \"matches\": [\"7\"]}\n"
    );
}

#[test]
fn match_output_does_not_depend_on_threads() {
    let rules = temp_file(
        "many.json",
        r#"{"p": {"k": [{"prefix": "a"}]}, "n": {"i": [{"numeric": [">", 500]}]}}"#,
    );
    let events: String = (0..40_000)
        .map(|i| {
            format!(
                "{{\"k\":\"{}\",\"i\":{i}}}\n",
                if i % 3 == 0 { "abc" } else { "xyz" }
            )
        })
        .collect();
    let one = evmatch(
        &[
            "match",
            "--threads",
            "1",
            "--rules",
            rules.to_str().unwrap(),
        ],
        events.as_bytes(),
    );
    let two = evmatch(
        &[
            "match",
            "--threads",
            "2",
            "--rules",
            rules.to_str().unwrap(),
        ],
        events.as_bytes(),
    );
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(stdout(&one), stdout(&two));
    assert_eq!(stdout(&one).lines().count(), 40_000);
}

#[test]
fn match_rejects_invalid_rules_with_the_aws_message() {
    let rules = temp_file("bad.json", r#"{"bad": {"a": 1}}"#);
    let out = evmatch(&["match", "--rules", rules.to_str().unwrap()], b"{}\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(INVALID_A1), "{}", stderr(&out));
    let missing = evmatch(&["match", "--rules", "/nonexistent/rules.json"], b"");
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn match_warns_on_stderr_about_repeated_ids_and_empty_rules() {
    let rules = temp_file(
        "dup.json",
        "{\"a\": {\"source\": [\"aws.ec2\"]},\n \"a\": {\"source\": [\"aws.s3\"]}}",
    );
    let out = evmatch(
        &["match", "--rules", rules.to_str().unwrap()],
        b"{\"source\":\"aws.s3\"}\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "{\"line\": 1, \"matches\": [\"a\"]}\n");
    assert_eq!(
        stderr(&out),
        format!(
            "evmatch: {}:2: warning: rule id \"a\" was already used on line 1; these patterns \
             are added to that rule, which matches when any of its patterns matches\n",
            rules.display()
        )
    );
    let empty = temp_file("empty.jsonl", "\n");
    let out = evmatch(&["match", "--rules", empty.to_str().unwrap()], b"{}\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "{\"line\": 1, \"matches\": []}\n");
    assert_eq!(
        stderr(&out),
        format!(
            "evmatch: {}: warning: the rules file holds no rules\n",
            empty.display()
        )
    );
}

#[test]
fn match_explains_a_rules_line_that_is_not_a_rule() {
    let rules = temp_file(
        "notrule.jsonl",
        "{\"id\": \"a\", \"pattern\": {\"x\": [1]}}\n[\"a\", {\"x\": [1]}]\n",
    );
    let out = evmatch(&["match", "--rules", rules.to_str().unwrap()], b"{}\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "evmatch: {}:2: not a rule line: a rule line is a JSON object {{\"id\": …, \
             \"pattern\": …}}, not an array\n",
            rules.display()
        )
    );
}

#[test]
fn match_reads_more_files_than_it_has_buffers() {
    // One thread has 2 × 1 + 2 batch buffers; each file's end used to keep one for good, so the
    // fifth file waited forever for a buffer.
    let rules = temp_file("one-rule.json", r#"{"ec2": {"source": ["aws.ec2"]}}"#);
    let events = temp_file("one-event.jsonl", "{\"source\":\"aws.ec2\"}\n");
    let mut args = vec![
        "match",
        "--threads",
        "1",
        "--rules",
        rules.to_str().unwrap(),
    ];
    args.extend(std::iter::repeat_n(events.to_str().unwrap(), 9));
    let out = evmatch(&args, b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 9);
}
