//! `evmatch test`, end to end: one pattern and one event (exit status, AWS's exact messages on
//! stderr) and the `--jsonl` line protocol (one answer per line, in order, flushed).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{INVALID_A1, INVALID_A1_AT, assert_no_panic, evmatch, example, stderr, stdout};

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
    // AWS's message on its line, then a hint naming the missing envelope member.
    assert_eq!(
        stderr(&out),
        "Parameter Event is not valid.\nhint: the event lacks \"id\" (TestEventPattern requires \"id\", \"account\", \"source\", \"time\", \"region\", \"detail-type\")\n"
    );
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
