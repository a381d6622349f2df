//! `evmatch filter` and `evmatch example`, end to end: exact outputs, exit statuses, bad lines,
//! several files, rule ids, and a large input through the parallel path in order.

mod common;

use common::{INVALID_A1, assert_no_panic, evmatch, stderr, stdout, temp_file};

const EC2: &str = r#"{"source":["aws.ec2"]}"#;

/// Line 1 ends in CRLF, line 3 is blank, line 4 is not JSON, line 6 is not an object, the last
/// line has no ending.
const EVENTS: &str = "{\"source\":\"aws.ec2\",\"n\":1}\r\n{\"source\":\"aws.s3\"}\n\n not json\n{\"source\": \"aws.ec2\", \"n\": 2 }\n[1]\n{\"n\":3}";

const BAD_LINES: &str = "\
evmatch: (standard input):4: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
evmatch: (standard input):6: Event must be a JSON object
";

fn filter(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let mut all = vec!["filter"];
    all.extend_from_slice(args);
    let out = evmatch(&all, stdin.as_bytes());
    assert_no_panic(&out);
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn matching_lines_are_printed_unchanged_and_bad_lines_reported() {
    let (code, out, err) = filter(&["-e", EC2], EVENTS);
    assert_eq!(
        out,
        "{\"source\":\"aws.ec2\",\"n\":1}\r\n{\"source\": \"aws.ec2\", \"n\": 2 }\n"
    );
    assert_eq!(err, BAD_LINES);
    assert_eq!(
        code,
        Some(2),
        "bad lines give 2 even when lines were selected"
    );
}

#[test]
fn invert_count_quiet_and_line_numbers() {
    let (code, out, err) = filter(&["-v", "-e", EC2], EVENTS);
    assert_eq!(out, "{\"source\":\"aws.s3\"}\n{\"n\":3}\n");
    assert_eq!((code, err.as_str()), (Some(2), BAD_LINES));

    let (code, out, _) = filter(&["-c", "-e", EC2], EVENTS);
    assert_eq!((code, out.as_str()), (Some(2), "2\n"));
    let (code, out, _) = filter(&["-c", "-v", "-e", EC2], EVENTS);
    assert_eq!((code, out.as_str()), (Some(2), "2\n"));
    let (code, out, err) = filter(&["-q", "-e", EC2], EVENTS);
    assert_eq!((code, out.as_str(), err.as_str()), (Some(2), "", BAD_LINES));
    let (code, out, _) = filter(&["-n", "-e", EC2], EVENTS);
    assert_eq!(code, Some(2));
    assert_eq!(
        out,
        "1:{\"source\":\"aws.ec2\",\"n\":1}\r\n5:{\"source\": \"aws.ec2\", \"n\": 2 }\n"
    );

    // Clean input: 0 when a line is selected, 1 when none is.
    let clean = "{\"source\":\"aws.ec2\"}\n{\"source\":\"aws.s3\"}\n";
    for (args, want_code, want_out) in [
        (&["-e", EC2][..], 0, "{\"source\":\"aws.ec2\"}\n"),
        (&["-v", "-e", EC2][..], 0, "{\"source\":\"aws.s3\"}\n"),
        (&["-c", "-e", EC2][..], 0, "1\n"),
        (&["-q", "-e", EC2][..], 0, ""),
        (&["-e", r#"{"source":["x"]}"#][..], 1, ""),
        (&["-c", "-e", r#"{"source":["x"]}"#][..], 1, "0\n"),
        (&["-q", "-e", r#"{"source":["x"]}"#][..], 1, ""),
        (&["-v", "-e", r#"{"source":[{"exists":true}]}"#][..], 1, ""),
    ] {
        let (code, out, err) = filter(args, clean);
        assert_eq!(
            (code, out.as_str()),
            (Some(want_code), want_out),
            "{args:?}"
        );
        assert_eq!(err, "", "{args:?}");
    }
    // No envelope is needed, blank input selects nothing.
    let (code, out, _) = filter(&["-e", r#"{"a":[1]}"#], "{\"a\":1}\n");
    assert_eq!((code, out.as_str()), (Some(0), "{\"a\":1}\n"));
    let (code, out, _) = filter(&["-v", "-e", EC2], "\n  \n");
    assert_eq!((code, out.as_str()), (Some(1), ""));
}

#[test]
fn several_files_are_prefixed_like_grep() {
    let a = temp_file(
        "filter-a.jsonl",
        "{\"source\":\"aws.ec2\",\"f\":\"a\"}\n{\"n\":1}\n",
    );
    let b = temp_file(
        "filter-b.jsonl",
        "{\"n\":2}\n{\"source\":\"aws.ec2\",\"f\":\"b\"}\n",
    );
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let (code, out, _) = filter(&["-e", EC2, a, b], "");
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        format!(
            "{a}:{{\"source\":\"aws.ec2\",\"f\":\"a\"}}\n{b}:{{\"source\":\"aws.ec2\",\"f\":\"b\"}}\n"
        )
    );
    let (_, out, _) = filter(&["-h", "-n", "-e", EC2, a, b], "");
    assert_eq!(
        out,
        "1:{\"source\":\"aws.ec2\",\"f\":\"a\"}\n2:{\"source\":\"aws.ec2\",\"f\":\"b\"}\n"
    );
    let (_, out, _) = filter(&["-H", "-e", EC2, a], "");
    assert_eq!(out, format!("{a}:{{\"source\":\"aws.ec2\",\"f\":\"a\"}}\n"));
    let (_, out, _) = filter(&["-c", "-e", EC2, a, "-", b], "{\"n\":3}\n");
    assert_eq!(out, format!("{a}:1\n(standard input):0\n{b}:1\n"));
    // An unreadable file is reported, the others are still read, and the status is 2.
    let (code, out, err) = filter(&["-c", "-e", EC2, a, "/nonexistent/x.jsonl", b], "");
    assert_eq!(code, Some(2));
    assert_eq!(out, format!("{a}:1\n/nonexistent/x.jsonl:0\n{b}:1\n"));
    assert!(
        err.starts_with("evmatch: /nonexistent/x.jsonl: cannot read: "),
        "{err}"
    );
    // More files than the pipeline has buffers (2 × threads + 2), on one thread.
    let many: Vec<&str> = std::iter::repeat_n(a, 9).collect();
    let mut args = vec!["-c", "-h", "--threads", "1", "-e", EC2];
    args.extend(&many);
    let (code, out, _) = filter(&args, "");
    assert_eq!((code, out.as_str()), (Some(0), "1\n".repeat(9).as_str()));
}

#[test]
fn rules_and_ids() {
    let rules = temp_file(
        "filter-rules.json",
        r#"{"ec2": {"source": ["aws.ec2"]}, "small": {"n": [{"numeric": ["<", 2]}]}}"#,
    );
    let rules = rules.to_str().unwrap();
    let (code, out, err) = filter(&["--rules", rules, "--with-ids"], EVENTS);
    assert_eq!(code, Some(2));
    assert_eq!(err, BAD_LINES);
    assert_eq!(
        out,
        "{\"ids\": [\"ec2\", \"small\"], \"event\": {\"source\":\"aws.ec2\",\"n\":1}}\n{\"ids\": [\"ec2\"], \"event\": {\"source\": \"aws.ec2\", \"n\": 2 }}\n"
    );
    let (_, out, _) = filter(&["--rules", rules, "--with-ids", "-v", "-n", "-H"], EVENTS);
    assert_eq!(
        out,
        "{\"file\": \"(standard input)\", \"line\": 2, \"ids\": [], \"event\": {\"source\":\"aws.s3\"}}\n{\"file\": \"(standard input)\", \"line\": 7, \"ids\": [], \"event\": {\"n\":3}}\n"
    );
    let (_, out, _) = filter(&["--rules", rules], EVENTS);
    assert_eq!(
        out,
        "{\"source\":\"aws.ec2\",\"n\":1}\r\n{\"source\": \"aws.ec2\", \"n\": 2 }\n"
    );
    // --with-ids needs --rules.
    let (code, _, err) = filter(&["--with-ids", "-e", EC2], EVENTS);
    assert_eq!(code, Some(2));
    assert!(err.contains("--rules"), "{err}");
}

#[test]
fn pattern_errors_and_sources() {
    let (code, out, err) = filter(&["-e", r#"{"a":1}"#], "{}\n");
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert!(err.starts_with(INVALID_A1), "{err}");
    let pattern = temp_file("filter-pattern.json", EC2);
    let (code, out, _) = filter(&["--pattern", pattern.to_str().unwrap()], EVENTS);
    assert_eq!(code, Some(2));
    assert_eq!(out.lines().count(), 2);
    let events = temp_file("filter-events.jsonl", "{\"source\":\"aws.ec2\"}\n");
    let (code, out, _) = filter(&["--pattern", "-", events.to_str().unwrap()], EC2);
    assert_eq!(
        (code, out.as_str()),
        (Some(0), "{\"source\":\"aws.ec2\"}\n")
    );
    let (code, _, err) = filter(&["--pattern", "-"], EC2);
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot both read stdin"), "{err}");
    let (code, _, _) = filter(&[], "");
    assert_eq!(code, Some(2), "a pattern source is required");
    let (code, _, _) = filter(&["-e", EC2, "--rules", "x.json"], "");
    assert_eq!(code, Some(2), "only one pattern source");
    let top = stdout(&evmatch(&["--help"], b""));
    for word in [
        "evmatch filter",
        "evmatch example",
        "--all-branches",
        "--with-ids",
    ] {
        assert!(top.contains(word), "evmatch --help lacks {word}:\n{top}");
    }
    let help = stdout(&evmatch(&["filter", "--help"], b""));
    for word in [
        "-v",
        "-c",
        "-q",
        "--with-ids",
        "(standard input)",
        "Exit status",
    ] {
        assert!(help.contains(word), "filter --help lacks {word}:\n{help}");
    }
}

/// Several megabytes (several batches on every worker), checked against the expected
/// selection and across thread counts.
#[test]
fn a_large_input_keeps_its_order_on_every_thread_count() {
    let input: String = (0..60_000)
        .map(|i| {
            format!(
                "{{\"k\":\"{}\",\"i\":{i},\"pad\":\"{}\"}}\n",
                if i % 7 == 0 { "abc" } else { "xyz" },
                "p".repeat(i % 50)
            )
        })
        .collect();
    assert!(input.len() > 3 << 20, "several batches");
    let rules = temp_file(
        "filter-large.json",
        r#"{"p": {"k": [{"prefix": "a"}]}, "n": {"i": [{"numeric": [">", 500]}]}, "five": {"i": [0, 5, 10]}}"#,
    );
    let rules = rules.to_str().unwrap();
    let prefix = r#"{"k": [{"prefix": "a"}]}"#;
    let selected: String = input
        .lines()
        .filter(|l| l.contains("\"k\":\"abc\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let rejected: String = input
        .lines()
        .filter(|l| !l.contains("\"k\":\"abc\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let by_rules = (0..60_000)
        .filter(|i| i % 7 == 0 || *i > 500 || [5, 10].contains(i))
        .count();
    for threads in ["1", "2", "4"] {
        let (code, out, err) = filter(&["--threads", threads, "-e", prefix], &input);
        assert_eq!((code, err.as_str()), (Some(0), ""));
        assert!(
            out == selected,
            "threads {threads}: order or content differs"
        );
        let (_, out, _) = filter(&["--threads", threads, "-v", "-e", prefix], &input);
        assert!(
            out == rejected,
            "threads {threads}: -v order or content differs"
        );
        let (_, count, _) = filter(&["--threads", threads, "-c", "--rules", rules], &input);
        assert_eq!(count, format!("{by_rules}\n"), "threads {threads}");
    }
}

// --- example ---------------------------------------------------------------------------------

#[test]
fn example_prints_a_matching_event() {
    let pattern = r#"{"source": ["aws.ec2"], "detail": {"state": [{"anything-but": "running"}], "cpu": [{"numeric": [">", 90, "<=", 100]}]}}"#;
    let out = evmatch(&["example", "-e", pattern], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "{\"detail\":{\"cpu\":91,\"state\":\"example\"},\"source\":\"aws.ec2\"}\n"
    );
    let file = temp_file("example-pattern.json", pattern);
    let out = evmatch(&["example", "--pattern", file.to_str().unwrap()], b"");
    assert_eq!(
        stdout(&out),
        "{\"detail\":{\"cpu\":91,\"state\":\"example\"},\"source\":\"aws.ec2\"}\n"
    );
    let out = evmatch(&["example", "--pattern", "-"], pattern.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    // The example goes straight into `filter`.
    let event = stdout(&out);
    let (code, selected, _) = filter(&["-e", pattern], &event);
    assert_eq!((code, selected), (Some(0), event));
}

#[test]
fn example_all_branches_and_impossible_ones() {
    let pattern = r#"{"a": [{"prefix": "x"}], "$or": [{"b": [1]}, {"c": [{"numeric": [">", 1, "<", 1.0000000000000002]}]}, {"d": [{"exists": false}]}]}"#;
    let out = evmatch(&["example", "--all-branches", "-e", pattern], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "{\"a\":\"x\",\"b\":1}\n{\"a\":\"x\"}\n");
    assert_eq!(
        stderr(&out),
        "evmatch: no event matches branch 2 of the pattern: \"c\" needs {\"numeric\":[\">\",1,\"<\",1.0000000000000002]}, and no number evmatch can compare lies in that range\n"
    );
    let out = evmatch(&["example", "-e", pattern], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "{\"a\":\"x\",\"b\":1}\n");

    let impossible = r#"{"c": [{"numeric": [">", 1, "<", 1.0000000000000002]}]}"#;
    let out = evmatch(&["example", "-e", impossible], b"");
    assert_eq!((out.status.code(), stdout(&out).as_str()), (Some(1), ""));
    assert!(stderr(&out).starts_with("evmatch: no event matches branch 1"));

    let out = evmatch(&["example", "-e", r#"{"a":1}"#], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with(INVALID_A1));
    let out = evmatch(&["example", "--pattern", "/nonexistent/p.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = evmatch(&["example"], b"");
    assert_eq!(out.status.code(), Some(2));
}
