//! The `evmatch` command line, end to end: every subcommand, every exit status, the exact AWS
//! messages on stderr, and the `test --jsonl` line protocol.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const INVALID_A1: &str = "Event pattern is not valid. Reason: \"a\" must be an object or an array";
const INVALID_A1_AT: &str = "\n at [Source: (String)\"{\"a\":1}\"; line: 1, column: 7]";

fn evmatch(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evmatch"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run evmatch");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // Write from another thread so a large input cannot deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("wait for evmatch");
    writer.join().unwrap();
    output
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn assert_no_panic(o: &Output) {
    assert!(!stderr(o).contains("panicked"), "panic: {}", stderr(o));
}

// --- help ------------------------------------------------------------------------------------

#[test]
fn help_mentions_every_subcommand_and_option() {
    let top = evmatch(&["--help"], b"");
    assert_eq!(top.status.code(), Some(0));
    let text = stdout(&top);
    for word in [
        "test",
        "validate",
        "match",
        "bench",
        "--rules",
        "--pattern",
        "--event",
        "--jsonl",
        "Exit",
    ] {
        assert!(
            text.contains(word),
            "`evmatch --help` lacks {word}:\n{text}"
        );
    }

    let test = stdout(&evmatch(&["test", "--help"], b""));
    for word in [
        "--pattern",
        "--event",
        "--jsonl",
        r#"{"result": true}"#,
        r#"{"result": false}"#,
        r#"{"error": "#,
        "blank",
        "Exit status",
    ] {
        assert!(
            test.contains(word),
            "`evmatch test --help` lacks {word}:\n{test}"
        );
    }

    let validate = stdout(&evmatch(&["validate", "--help"], b""));
    for word in [
        "<PATH>",
        "EventPattern",
        ".jsonl",
        ".yaml",
        "skipped",
        "patterns checked",
        "Exit status",
    ] {
        assert!(
            validate.contains(word),
            "`evmatch validate --help` lacks {word}:\n{validate}"
        );
    }
}

#[test]
fn no_subcommand_is_a_usage_error() {
    let out = evmatch(&[], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage"));
}

// --- test ------------------------------------------------------------------------------------

#[test]
fn test_match_prints_true_and_exits_0() {
    let out = evmatch(
        &[
            "test",
            "--pattern",
            "../../examples/pattern.json",
            "--event",
            "../../examples/event.json",
        ],
        b"",
    );
    assert_eq!(stdout(&out), "true\n", "stderr: {}", stderr(&out));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn test_no_match_prints_false_and_exits_1() {
    let out = evmatch(
        &[
            "test",
            "--pattern",
            "../../examples/pattern.json",
            "--event",
            "tests/data/cli/no_match_event.json",
        ],
        b"",
    );
    assert_eq!(stdout(&out), "false\n", "stderr: {}", stderr(&out));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn test_invalid_pattern_exits_2_with_the_aws_message() {
    let out = evmatch(
        &[
            "test",
            "--pattern",
            "tests/data/cli/a1.json",
            "--event",
            "../../examples/event.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), format!("{INVALID_A1}{INVALID_A1_AT}\n"));
}

#[test]
fn test_invalid_event_exits_2_with_the_aws_message() {
    let out = evmatch(
        &[
            "test",
            "--pattern",
            "../../examples/pattern.json",
            "--event",
            "tests/data/cli/no_id_event.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "Parameter Event is not valid.\n");
}

#[test]
fn test_reads_the_pattern_or_the_event_from_stdin() {
    let pattern = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/pattern.json"
    ));
    let out = evmatch(
        &[
            "test",
            "--pattern",
            "-",
            "--event",
            "../../examples/event.json",
        ],
        &pattern.unwrap(),
    );
    assert_eq!(stdout(&out), "true\n", "stderr: {}", stderr(&out));
    assert_eq!(out.status.code(), Some(0));

    let event = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/cli/no_match_event.json"
    ));
    let out = evmatch(
        &[
            "test",
            "--pattern",
            "../../examples/pattern.json",
            "--event",
            "-",
        ],
        &event.unwrap(),
    );
    assert_eq!(stdout(&out), "false\n", "stderr: {}", stderr(&out));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn test_refuses_stdin_for_both() {
    let out = evmatch(&["test", "--pattern", "-", "--event", "-"], b"{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot both read stdin"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn test_missing_file_exits_2_naming_it() {
    let out = evmatch(
        &[
            "test",
            "--pattern",
            "tests/data/cli/no-such-file.json",
            "--event",
            "../../examples/event.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("tests/data/cli/no-such-file.json"));
    assert_eq!(stdout(&out), "");
    assert_no_panic(&out);
}

#[test]
fn test_non_utf8_file_exits_2() {
    let out = evmatch(
        &[
            "test",
            "--pattern",
            "tests/data/cli/not_utf8.json",
            "--event",
            "../../examples/event.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("not_utf8.json") && err.contains("not valid UTF-8"),
        "{err}"
    );
    assert_no_panic(&out);
}

#[test]
fn test_needs_both_files_or_jsonl() {
    let out = evmatch(&["test", "--pattern", "../../examples/pattern.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--event"));

    let out = evmatch(
        &[
            "test",
            "--jsonl",
            "--pattern",
            "../../examples/pattern.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
}

// --- test --jsonl ----------------------------------------------------------------------------

fn request(pattern: &str, event: &str) -> String {
    serde_json::json!({"pattern": pattern, "event": event}).to_string()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn error_of(line: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).expect("response is JSON");
    v["error"]
        .as_str()
        .unwrap_or_else(|| panic!("not an error response: {line}"))
        .to_owned()
}

#[test]
fn jsonl_answers_every_line_in_order() {
    let pattern = example("../../examples/pattern.json");
    let event = example("../../examples/event.json");
    let other = example("tests/data/cli/no_match_event.json");
    let no_id = example("tests/data/cli/no_id_event.json");
    let lines = [
        request(&pattern, &event),                           // 1 match
        request(&pattern, &other),                           // 2 no match
        request("{\"a\":1}", &event),                        // 3 invalid pattern
        "this is not JSON".to_owned(),                       // 4
        serde_json::json!({"pattern": pattern}).to_string(), // 5 missing event
        serde_json::json!({"pattern": {"a": [1]}, "event": event}).to_string(), // 6 non-string
        String::new(),                                       // 7 blank
        "   ".to_owned(),                                    // 8 blank
        "[1, 2]".to_owned(),                                 // 9 not an object
        request(&pattern, &no_id),                           // 10 invalid event
        format!("{}\r", request(&pattern, &event)),          // 11 CRLF
        serde_json::json!({"event": event, "pattern": pattern, "id": 7}).to_string(), // 12 extra
    ];
    let input = lines.join("\n") + "\n";
    let out = evmatch(&["test", "--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let got: Vec<&str> = text.lines().collect();
    assert_eq!(got.len(), lines.len(), "one response per request:\n{text}");

    assert_eq!(got[0], r#"{"result": true}"#);
    assert_eq!(got[1], r#"{"result": false}"#);
    assert_eq!(error_of(got[2]), format!("{INVALID_A1}{INVALID_A1_AT}"));
    assert!(error_of(got[3]).starts_with("evmatch: invalid request: not valid JSON"));
    assert_eq!(
        error_of(got[4]),
        r#"evmatch: invalid request: missing "event" member"#
    );
    assert_eq!(
        error_of(got[5]),
        r#"evmatch: invalid request: "pattern" must be a JSON string holding the pattern JSON text"#
    );
    assert_eq!(error_of(got[6]), "evmatch: invalid request: blank line");
    assert_eq!(error_of(got[7]), "evmatch: invalid request: blank line");
    assert!(error_of(got[8]).starts_with("evmatch: invalid request: expected a JSON object"));
    assert_eq!(error_of(got[9]), "Parameter Event is not valid.");
    assert_eq!(got[10], r#"{"result": true}"#);
    assert_eq!(got[11], r#"{"result": true}"#);
}

#[test]
fn jsonl_last_line_without_newline_and_empty_input() {
    let line = request(
        &example("../../examples/pattern.json"),
        &example("../../examples/event.json"),
    );
    let out = evmatch(&["test", "--jsonl"], line.as_bytes());
    assert_eq!(stdout(&out), "{\"result\": true}\n");
    assert_eq!(out.status.code(), Some(0));

    let out = evmatch(&["test", "--jsonl"], b"");
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn jsonl_survives_bad_utf8_and_huge_lines() {
    let pattern = example("../../examples/pattern.json");
    let event = example("../../examples/event.json");
    // 4 MiB of pattern: far over AWS's limits, so the answer is whatever error AWS gives, on
    // one line, in turn.
    let huge_value = "x".repeat(4 << 20);
    let huge = request(&format!(r#"{{"source": ["{huge_value}"]}}"#), &event);
    let mut input = b"{\"pattern\": \"\xff\xfe\"}\n".to_vec();
    input.extend_from_slice(huge.as_bytes());
    input.push(b'\n');
    input.extend_from_slice(request(&pattern, &event).as_bytes());
    input.push(b'\n');
    let out = evmatch(&["test", "--jsonl"], &input);
    assert_eq!(out.status.code(), Some(0));
    assert_no_panic(&out);
    let text = stdout(&out);
    let got: Vec<&str> = text.lines().collect();
    let short = |s: &str| s.chars().take(300).collect::<String>();
    assert_eq!(got.len(), 3, "{}", short(&text));
    assert!(error_of(got[0]).contains("not valid UTF-8"), "{}", got[0]);
    let answer: serde_json::Value = serde_json::from_str(got[1]).expect("response is JSON");
    let answer = answer.as_object().unwrap();
    assert_eq!(answer.len(), 1, "{}", short(got[1]));
    match (answer.get("result"), answer.get("error")) {
        (Some(result), None) => assert!(result.is_boolean()),
        (None, Some(error)) => {
            assert!(
                !error.as_str().unwrap().starts_with("evmatch:"),
                "{}",
                short(got[1])
            )
        }
        _ => panic!("unexpected response {}", short(got[1])),
    }
    assert_eq!(got[2], r#"{"result": true}"#);
}

#[test]
fn jsonl_flushes_each_answer_before_reading_on() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evmatch"))
        .args(["test", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let good = request(
        &example("../../examples/pattern.json"),
        &example("../../examples/event.json"),
    );
    for expected in [
        r#"{"result": true}"#,
        r#"{"error": "evmatch: invalid request: blank line"}"#,
    ] {
        let line = if expected.contains("result") {
            good.as_str()
        } else {
            ""
        };
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        // The pipe stays open: an answer can only arrive if evmatch flushed it.
        let answer = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("an answer while stdin is still open");
        assert_eq!(answer, expected);
    }
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

// --- validate --------------------------------------------------------------------------------

#[test]
fn validate_valid_pattern_file_exits_0() {
    let out = evmatch(&["validate", "../../examples/pattern.json"], b"");
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "1 pattern checked: 1 valid, 0 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn validate_invalid_pattern_file_reports_the_error_location() {
    let out = evmatch(
        &[
            "validate",
            "../../examples/pattern.json",
            "tests/data/cli/count5.json",
            "tests/data/cli/a1.json",
        ],
        b"",
    );
    assert_eq!(
        stdout(&out),
        "tests/data/cli/count5.json:3:24: Event pattern is not valid. Reason: \"count\" must be \
         an object or an array\n\
         tests/data/cli/a1.json:1:7: Event pattern is not valid. Reason: \"a\" must be an object \
         or an array\n"
    );
    assert_eq!(
        stderr(&out),
        "3 patterns checked: 1 valid, 2 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_json_lines() {
    let out = evmatch(&["validate", "tests/data/cli/patterns.jsonl"], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/patterns.jsonl:3:23: Event pattern is not valid. Reason: \"count\" must \
         be an object or an array\n"
    );
    assert_eq!(
        stderr(&out),
        "3 patterns checked: 2 valid, 1 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_cloudformation_json_template() {
    let out = evmatch(&["validate", "tests/data/cli/template.json"], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/template.json:16:25: Event pattern is not valid. Reason: \"count\" must \
         be an object or an array\n\
         tests/data/cli/template.json:23:25: Event pattern is not valid. Reason: \"a\" must be \
         an object or an array\n"
    );
    assert_eq!(
        stderr(&out),
        "tests/data/cli/template.json:29:25: skipped: pattern uses the CloudFormation intrinsic \
         function Ref and cannot be checked offline\n\
         4 patterns checked: 1 valid, 2 invalid, 1 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_yaml_template_with_short_forms_sam_and_pipes() {
    let out = evmatch(&["validate", "tests/data/cli/template.yaml"], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/template.yaml:26:21: Event pattern is not valid. Reason: \"count\" must \
         be an object or an array\n\
         tests/data/cli/template.yaml:46:15: Event pattern is not valid. Reason: \"detail-type\" \
         must be an object or an array\n"
    );
    assert_eq!(
        stderr(&out),
        "tests/data/cli/template.yaml:35:21: skipped: pattern uses the CloudFormation intrinsic \
         function !Sub and cannot be checked offline\n\
         6 patterns checked: 3 valid, 2 invalid, 1 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_valid_and_skipped_only_exits_0() {
    let out = evmatch(&["validate", "tests/data/cli/ok"], b"");
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "tests/data/cli/ok/sub.yml:6:9: skipped: pattern uses the CloudFormation intrinsic \
         function !Ref and cannot be checked offline\n\
         2 patterns checked: 1 valid, 0 invalid, 1 skipped\n"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn validate_recurses_into_directories() {
    let out = evmatch(&["validate", "tests/data/cli/tree"], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/tree/invalid.json:3:24: Event pattern is not valid. Reason: \"count\" \
         must be an object or an array\n\
         tests/data/cli/tree/nested/more.jsonl:2:8: Event pattern is not valid. Reason: \"a\" \
         must be an object or an array\n"
    );
    assert_eq!(
        stderr(&out),
        "4 patterns checked: 2 valid, 2 invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_file_errors_exit_2_and_other_files_are_still_checked() {
    let out = evmatch(
        &[
            "validate",
            "tests/data/cli/no-such-file.json",
            "tests/data/cli/broken.yaml",
            "tests/data/cli/not_utf8.json",
            "tests/data/cli/a1.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_no_panic(&out);
    assert_eq!(
        stdout(&out),
        "tests/data/cli/a1.json:1:7: Event pattern is not valid. Reason: \"a\" must be an object \
         or an array\n"
    );
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[0].starts_with("tests/data/cli/no-such-file.json: error: cannot read file"));
    assert!(lines[1].starts_with("tests/data/cli/broken.yaml:6:12: error: cannot parse template"));
    assert!(lines[2].starts_with("tests/data/cli/not_utf8.json: error: file is not valid UTF-8"));
    assert_eq!(
        lines[3],
        "1 pattern checked: 0 valid, 1 invalid, 0 skipped; 3 files could not be checked"
    );
}

#[test]
fn validate_needs_a_path() {
    let out = evmatch(&["validate"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("<PATH>"));
}

// --- match -----------------------------------------------------------------------------------

fn temp_file(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("evmatch-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

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

// --- bench -----------------------------------------------------------------------------------

#[test]
fn bench_checks_counts_on_a_small_corpus() {
    let out = evmatch(
        &[
            "bench",
            "--events",
            "20000",
            "--rules",
            "EXACT",
            "--rules",
            "NUMERIC",
            "--seconds",
            "0",
        ],
        b"",
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("match counts checked"), "{text}");
    assert_eq!(text.matches(" ok (").count(), 2, "{text}");
    let unknown = evmatch(&["bench", "--rules", "NOPE"], b"");
    assert_eq!(unknown.status.code(), Some(2));
}
