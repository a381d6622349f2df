//! The `test --jsonl` line protocol as a library function.

use evmatch_cli::protocol::respond;

const EVENT: &str = r#"{\"id\":\"1\",\"account\":\"1\",\"source\":\"s\",\"time\":\"t\",\"region\":\"r\",\"detail-type\":\"d\",\"a\":\"?\"}"#;

fn request(pattern: &str) -> String {
    format!(r#"{{"pattern": "{pattern}", "event": "{EVENT}"}}"#)
}

#[test]
fn answers_results_and_aws_errors() {
    assert_eq!(
        respond(request(r#"{\"source\":[\"s\"]}"#).as_bytes()),
        r#"{"result": true}"#
    );
    assert_eq!(
        respond(request(r#"{\"source\":[\"x\"]}"#).as_bytes()),
        r#"{"result": false}"#
    );
    assert_eq!(
        respond(request(r#"{\"a\":1}"#).as_bytes()),
        r#"{"error": "Event pattern is not valid. Reason: \"a\" must be an object or an array\n at [Source: (String)\"{\"a\":1}\"; line: 1, column: 7]"}"#
    );
}

#[test]
fn lone_surrogates_in_requests_are_accepted() {
    // serde_json would reject this request line; the pattern operand decodes to `?`.
    assert_eq!(
        respond(request(r#"{\"a\":[\"\ud83d\"]}"#).as_bytes()),
        r#"{"result": true}"#
    );
}

#[test]
fn malformed_requests_get_one_error_line() {
    for line in [
        &b""[..],
        b"   ",
        b"nope",
        b"[1,2]",
        b"{\"pattern\": 1, \"event\": \"{}\"}",
        b"{\"event\": \"{}\"}",
        b"{\"pattern\": \"{}\"}",
        b"\xff\xfe",
        b"{\"pattern\": \"{}\", \"event\": ",
    ] {
        let response = respond(line);
        assert!(
            response.starts_with(r#"{"error": "evmatch: invalid request: "#),
            "{response}"
        );
        assert!(!response.contains('\n'));
        serde_json::from_str::<serde_json::Value>(&response).unwrap();
    }
}
