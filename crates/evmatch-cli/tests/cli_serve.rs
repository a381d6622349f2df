//! `evmatch serve` end to end: the start line, the routes, JSON 1.1 answers and errors over raw
//! HTTP, keep-alive, the body limit, SigV4 verification, the delivery records, SIGTERM and the
//! state file across a restart. Every server is killed on every path (see `serve_support`).
#![cfg(unix)]

mod serve_support;

use serve_support::{Connection, Served, scratch_dir};

const PATTERN_RULE: &str = r#"{"Name":"r","EventPattern":"{\"source\":[\"shop\"]}"}"#;
const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:q";

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && s.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
}

#[test]
fn answers_json_1_1_calls_and_errors_over_http() {
    let dir = scratch_dir("basic");
    let s = Served::start(&[], &dir);
    assert_eq!(
        s.start_line,
        format!("evmatch serve: listening on http://127.0.0.1:{}", s.port)
    );

    let a = s.call("PutRule", PATTERN_RULE);
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        a.body,
        r#"{"RuleArn":"arn:aws:events:us-east-1:123456789012:rule/r"}"#
    );
    assert_eq!(a.header("content-type"), Some("application/x-amz-json-1.1"));
    assert!(is_uuid(a.header("x-amzn-requestid").unwrap()), "{a:?}");

    let a = s.call("DescribeRule", r#"{"Name":"nope"}"#);
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        r#"{"__type":"ResourceNotFoundException","message":"Rule nope does not exist on EventBus default."}"#
    );

    let a = s.call("PutRule", r#"{"Name":"bad","EventPattern":"{\"a\":1}"}"#);
    assert_eq!(a.status, 400);
    assert!(a.body.starts_with(r#"{"__type":"InvalidEventPatternException","message":"Event pattern is not valid. Reason: \"a\" must be an object or an array"#), "{}", a.body);

    let a = s.call("DescribeRule", "{\"Name\": ");
    assert_eq!(a.status, 400);
    assert!(
        a.body.starts_with(r#"{"__type":"SerializationException","#),
        "{}",
        a.body
    );

    let a = s.call("NoSuchThing", "{}");
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        r#"{"__type":"UnknownOperationException","message":"The operation AWSEvents.NoSuchThing is not supported by this service."}"#
    );

    // No target at all.
    let a = s.request("POST", "/", &[], b"{}");
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        r#"{"__type":"UnknownOperationException","message":"No operation was given: the X-Amz-Target header is missing or empty."}"#
    );

    let a = s.request("GET", "/_evmatch/health", &[], b"");
    assert_eq!((a.status, a.body.as_str()), (200, "ok"));
    assert_eq!(s.request("GET", "/nope", &[], b"").status, 404);
    assert_eq!(s.request("GET", "/", &[], b"").status, 405);
}

#[test]
fn keep_alive_serves_many_requests_on_one_connection() {
    let dir = scratch_dir("keepalive");
    let s = Served::start(&[], &dir);
    let mut c = Connection::open(s.port);
    for i in 0..5 {
        let body = format!(r#"{{"Name":"r{i}","ScheduleExpression":"rate(1 day)"}}"#);
        c.send(
            "POST",
            "/",
            &[("X-Amz-Target", "AWSEvents.PutRule")],
            body.as_bytes(),
        );
        let a = c.receive();
        assert_eq!(a.status, 200, "{}", a.body);
    }
    c.send(
        "POST",
        "/",
        &[("X-Amz-Target", "AWSEvents.ListRules")],
        b"{}",
    );
    let a = c.receive();
    assert_eq!(a.body.matches("\"Name\"").count(), 5, "{}", a.body);
}

#[test]
fn a_body_over_the_limit_is_refused_before_it_is_read() {
    let dir = scratch_dir("limit");
    let s = Served::start(&[], &dir);
    let mut c = Connection::open(s.port);
    c.send(
        "POST",
        "/",
        &[
            ("X-Amz-Target", "AWSEvents.PutEvents"),
            ("Content-Length", "20000000"),
        ],
        b"",
    );
    let a = c.receive();
    assert_eq!(a.status, 413);
    assert_eq!(
        a.body,
        r#"{"__type":"SerializationException","message":"The request body is larger than the limit of 16777216 bytes."}"#
    );
}

#[test]
fn deliveries_are_logged_and_readable_over_http() {
    let dir = scratch_dir("deliveries");
    let s = Served::start(&["--deliveries", "deliveries.jsonl"], &dir);
    assert_eq!(s.call("PutRule", PATTERN_RULE).status, 200);
    let targets = format!(
        r#"{{"Rule":"r","Targets":[{{"Id":"q","Arn":"{QUEUE}","InputPath":"$.detail"}}]}}"#
    );
    assert_eq!(s.call("PutTargets", &targets).status, 200);
    for n in [1, 2] {
        let a = s.call(
            "PutEvents",
            &format!(
                r#"{{"Entries":[{{"Source":"shop","DetailType":"t","Detail":"{{\"n\":{n}}}"}}]}}"#
            ),
        );
        assert_eq!(a.status, 200, "{}", a.body);
    }
    let a = s.request("GET", "/_evmatch/deliveries", &[], b"");
    assert_eq!(a.status, 200);
    assert_eq!(a.header("content-type"), Some("application/x-ndjson"));
    let lines: Vec<&str> = a.body.lines().collect();
    assert_eq!(lines.len(), 2, "{}", a.body);
    for (i, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["seq"], i as u64 + 1);
        assert_eq!(v["rule"], "arn:aws:events:us-east-1:123456789012:rule/r");
        assert_eq!(v["target"], QUEUE);
        assert_eq!(v["payload"], format!(r#"{{"n":{}}}"#, i + 1));
        assert_eq!(v["outcome"], "delivered");
    }
    let a = s.request("GET", "/_evmatch/deliveries?since=1", &[], b"");
    assert_eq!(a.body.lines().collect::<Vec<_>>(), [lines[1]]);
    let a = s.request("GET", "/_evmatch/deliveries?since=x", &[], b"");
    assert_eq!(a.status, 400);
    let logged = std::fs::read_to_string(dir.join("deliveries.jsonl")).unwrap();
    assert_eq!(logged.lines().collect::<Vec<_>>(), lines);
}

#[test]
fn without_a_delivery_file_records_follow_the_start_line_on_stdout() {
    let dir = scratch_dir("stdout");
    let s = Served::start(&[], &dir);
    assert_eq!(s.call("PutRule", PATTERN_RULE).status, 200);
    let targets = format!(r#"{{"Rule":"r","Targets":[{{"Id":"q","Arn":"{QUEUE}"}}]}}"#);
    assert_eq!(s.call("PutTargets", &targets).status, 200);
    let a = s.call(
        "PutEvents",
        r#"{"Entries":[{"Source":"shop","DetailType":"t","Detail":"{}"}]}"#,
    );
    assert_eq!(a.status, 200);
    let line = s.next_stdout_line();
    assert!(line.starts_with(r#"{"seq":1,"#), "{line}");
    assert!(
        line.ends_with(r#""attempts":1,"outcome":"delivered"}"#),
        "{line}"
    );
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let dir = scratch_dir("sigterm");
    let s = Served::start(&[], &dir);
    assert_eq!(s.call("ListRules", "{}").status, 200);
    let status = s.terminate();
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let dir = scratch_dir("inuse");
    let s = Served::start(&[], &dir);
    let port = s.port.to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_evmatch"))
        .args(["serve", "--port", &port])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!(
            "evmatch serve: cannot listen on 127.0.0.1:{port}: "
        )),
        "{err}"
    );
}

#[test]
fn flags_are_checked() {
    for args in [
        &["serve", "--verify-sigv4"][..],
        &["serve", "--access-key-id", "K"],
        &["serve", "--account-id", "12"],
        &["serve", "--host", "localhost"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_evmatch"))
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn verify_sigv4_accepts_the_right_signature_only() {
    use evmatch_server::server::sigv4::{
        Credentials, HeaderMap, HeaderValue, SignedRequest, authorization_header,
    };
    let dir = scratch_dir("sigv4");
    let s = Served::start(
        &[
            "--verify-sigv4",
            "--access-key-id",
            "AKIDTEST",
            "--secret-access-key",
            "SECRET",
        ],
        &dir,
    );
    let body = b"{}";
    let send = |authorization: Option<&str>, sent_body: &[u8]| {
        let mut c = Connection::open(s.port);
        let mut headers = vec![
            ("X-Amz-Date", "20261207T150000Z"),
            ("X-Amz-Target", "AWSEvents.ListRules"),
        ];
        if let Some(a) = authorization {
            headers.push(("Authorization", a));
        }
        c.send("POST", "/", &headers, sent_body);
        c.receive()
    };
    // `Connection` sends `Host: 127.0.0.1`: sign what is sent.
    let signed_for = |key: &Credentials, body: &[u8]| {
        let mut headers = HeaderMap::new();
        headers.insert("host", HeaderValue::from_static("127.0.0.1"));
        headers.insert("x-amz-date", HeaderValue::from_static("20261207T150000Z"));
        headers.insert(
            "x-amz-target",
            HeaderValue::from_static("AWSEvents.ListRules"),
        );
        let request = SignedRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: &headers,
            body,
        };
        authorization_header(
            &request,
            key,
            "20261207T150000Z",
            "us-east-1",
            "events",
            "host;x-amz-date;x-amz-target",
        )
    };
    let good = Credentials::new("AKIDTEST", "SECRET");
    let a = send(Some(&signed_for(&good, body)), body);
    assert_eq!((a.status, a.body.as_str()), (200, r#"{"Rules":[]}"#));

    let a = send(
        Some(&signed_for(&Credentials::new("AKIDTEST", "WRONG"), body)),
        body,
    );
    assert_eq!(a.status, 403);
    assert_eq!(
        a.body,
        r#"{"__type":"InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}"#
    );
    // A body other than the one signed.
    let a = send(Some(&signed_for(&good, body)), b"{ }");
    assert_eq!(a.status, 403);
    assert!(a.body.contains("InvalidSignatureException"));

    let a = send(
        Some(&signed_for(&Credentials::new("OTHER", "SECRET"), body)),
        body,
    );
    assert_eq!(a.status, 403);
    assert_eq!(
        a.body,
        r#"{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}"#
    );

    let a = send(None, body);
    assert_eq!(a.status, 403);
    assert_eq!(
        a.body,
        r#"{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}"#
    );
}

#[test]
fn the_state_file_survives_a_restart() {
    let dir = scratch_dir("state");
    let s = Served::start(&["--state", "state.json", "--deliveries", "d.jsonl"], &dir);
    assert_eq!(s.call("CreateEventBus", r#"{"Name":"orders"}"#).status, 200);
    let rule = r#"{"Name":"big","EventBusName":"orders","EventPattern":"{\"source\":[\"shop\"]}","Tags":[{"Key":"k","Value":"v"}]}"#;
    assert_eq!(s.call("PutRule", rule).status, 200);
    let targets = format!(
        r#"{{"Rule":"big","EventBusName":"orders","Targets":[{{"Id":"q","Arn":"{QUEUE}"}}]}}"#
    );
    assert_eq!(s.call("PutTargets", &targets).status, 200);
    let connection = r#"{"Name":"c","AuthorizationType":"API_KEY","AuthParameters":{"ApiKeyAuthParameters":{"ApiKeyName":"x-key","ApiKeyValue":"secret"}}}"#;
    assert_eq!(s.call("CreateConnection", connection).status, 200);
    let reads = [
        ("ListEventBuses", "{}"),
        ("DescribeRule", r#"{"Name":"big","EventBusName":"orders"}"#),
        (
            "ListTargetsByRule",
            r#"{"Rule":"big","EventBusName":"orders"}"#,
        ),
        (
            "ListTagsForResource",
            r#"{"ResourceARN":"arn:aws:events:us-east-1:123456789012:rule/orders/big"}"#,
        ),
        ("ListConnections", "{}"),
        ("DescribeConnection", r#"{"Name":"c"}"#),
    ];
    let before: Vec<String> = reads
        .iter()
        .map(|(op, body)| s.call(op, body).body)
        .collect();
    assert!(s.terminate().success());
    let saved = std::fs::read_to_string(dir.join("state.json")).unwrap();
    assert!(saved.starts_with("{\"version\":1"), "{saved}");
    // Only the state file is left: the temporary file was renamed over it.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["d.jsonl", "state.json"]);

    let s = Served::start(&["--state", "state.json", "--deliveries", "d.jsonl"], &dir);
    let after: Vec<String> = reads
        .iter()
        .map(|(op, body)| s.call(op, body).body)
        .collect();
    assert_eq!(before, after);
    let a = s.call(
        "PutEvents",
        r#"{"Entries":[{"Source":"shop","DetailType":"t","Detail":"{}","EventBusName":"orders"}]}"#,
    );
    assert_eq!(a.status, 200);
    let a = s.request("GET", "/_evmatch/deliveries", &[], b"");
    assert_eq!(a.body.lines().count(), 1, "{}", a.body);
}

#[test]
fn an_unreadable_state_file_is_a_clear_error() {
    let dir = scratch_dir("badstate");
    std::fs::write(dir.join("state.json"), "not json").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_evmatch"))
        .args(["serve", "--port", "0", "--state", "state.json"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("evmatch serve: state file state.json: "),
        "{err}"
    );
}

#[test]
fn help_names_every_flag_the_start_line_and_the_routes() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_evmatch"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for word in [
        "--port",
        "--host",
        "--state",
        "--deliveries",
        "--verify-sigv4",
        "--access-key-id",
        "--secret-access-key",
        "--account-id",
        "--region",
        "evmatch serve: listening on http://127.0.0.1:4010",
        "/_evmatch/deliveries",
        "/_evmatch/health",
        "InvalidSignatureException",
        "SIGTERM",
        "Exit status",
    ] {
        assert!(
            text.contains(word),
            "`evmatch serve --help` lacks {word}:\n{text}"
        );
    }
    let top = std::process::Command::new(env!("CARGO_BIN_EXE_evmatch"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8(top.stdout).unwrap().contains("serve"));
}
