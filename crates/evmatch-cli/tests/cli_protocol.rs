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

// --- dialect members ---------------------------------------------------------------------------

#[test]
fn dialect_requests_answer_with_each_services_texts() {
    let cases: [(&str, &str); 10] = [
        (
            r#"{"dialect": "sns-attributes", "pattern": "{\"n\": [{\"numeric\": [\">\", 100]}]}", "attributes": {"n": {"Type": "Number", "Value": "101"}}}"#,
            r#"{"result": true}"#,
        ),
        // A `String` attribute is not a number.
        (
            r#"{"dialect": "sns-attributes", "pattern": "{\"n\": [{\"numeric\": [\">\", 100]}]}", "attributes": {"n": {"Type": "String", "Value": "101"}}, "event": "ignored"}"#,
            r#"{"result": false}"#,
        ),
        (
            r#"{"dialect": "sns-attributes", "pattern": "{\"a\": [\"x\"], \"b\": [\"x\"], \"c\": [\"x\"], \"d\": [\"x\"], \"e\": [\"x\"], \"f\": [\"x\"]}", "api": "Subscribe"}"#,
            r#"{"error": "Invalid parameter: Attributes Reason: FilterPolicy: Filter policy can not have more than 5 keys"}"#,
        ),
        (
            r#"{"dialect": "sns-attributes", "pattern": "{\"a\": {\"b\": [\"x\"]}}"}"#,
            r#"{"error": "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"}"#,
        ),
        (
            r#"{"dialect": "sns-body", "pattern": "{\"a\": {\"b\": [\"x\"]}}", "event": "{\"a\": {\"b\": \"x\"}}"}"#,
            r#"{"result": true}"#,
        ),
        (
            r#"{"dialect": "sns-body", "pattern": "{\"a\": [{\"exists\": false}]}", "event": "[1]"}"#,
            r#"{"result": false}"#,
        ),
        (
            r#"{"dialect": "lambda-kafka", "pattern": "{\"value\": [\"Hello, this is a test.\"]}", "event": "{\"topic\": \"t\", \"value\": \"SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==\"}"}"#,
            r#"{"result": true}"#,
        ),
        (
            r#"{"dialect": "lambda-dynamodb", "patterns": ["{\"dynamodb\": [\"x\"]}"], "event": "{}"}"#,
            r#"{"error": "Invalid filter pattern definition."}"#,
        ),
        (
            r#"{"dialect": "pipes-sqs", "patterns": ["{\"body\": [{\"anything-but\": {\"prefix\": \"a\"}}]}"], "event": "{}"}"#,
            r#"{"error": "Invalid filter pattern definition."}"#,
        ),
        (
            r#"{"dialect": "lambda-sqs", "patterns": [], "event": "{\"body\": \"x\"}"}"#,
            r#"{"result": true}"#,
        ),
    ];
    for (request, response) in cases {
        assert_eq!(respond(request.as_bytes()), response, "{request}");
    }
}

#[test]
fn eventbridge_by_name_answers_as_before() {
    let plain = request(r#"{\"source\":[\"s\"]}"#);
    let named = plain.replacen('{', r#"{"dialect": "eventbridge", "#, 1);
    assert_eq!(respond(named.as_bytes()), respond(plain.as_bytes()));
    assert_eq!(respond(named.as_bytes()), r#"{"result": true}"#);
}

#[test]
fn bad_dialect_members_get_request_errors() {
    let cases: [(&str, &str); 11] = [
        (
            r#"{"dialect": "sns", "pattern": "{}", "event": "{}"}"#,
            "unknown dialect 'sns': expected one of eventbridge, sns-attributes, sns-body, \
             lambda-sqs, lambda-kinesis, lambda-dynamodb, lambda-kafka, lambda-mq, pipes-sqs, \
             pipes-kinesis, pipes-dynamodb, pipes-kafka, pipes-mq",
        ),
        (
            r#"{"dialect": ["sns-body"], "pattern": "{}", "event": "{}"}"#,
            r#""dialect" must be a JSON string naming a dialect"#,
        ),
        (
            r#"{"dialect": "sns-body", "api": "Publish", "pattern": "{}", "event": "{}"}"#,
            "unknown SNS API 'Publish': expected Subscribe or SetSubscriptionAttributes",
        ),
        (
            r#"{"dialect": "sns-body", "api": 1, "pattern": "{}", "event": "{}"}"#,
            r#""api" must be a JSON string: Subscribe or SetSubscriptionAttributes"#,
        ),
        (
            r#"{"dialect": "lambda-sqs", "api": "Subscribe", "pattern": "{}", "event": "{}"}"#,
            r#""api" is for the SNS dialects, not lambda-sqs"#,
        ),
        (
            r#"{"api": "Subscribe", "pattern": "{}", "event": "{}"}"#,
            r#""api" is for the SNS dialects, not eventbridge"#,
        ),
        (
            r#"{"dialect": "sns-attributes", "pattern": "{}", "attributes": "{}"}"#,
            r#""attributes" must be a JSON object {"name": {"Type": "String", "Value": "<text>"}}"#,
        ),
        (
            r#"{"dialect": "lambda-sqs", "pattern": "{}", "patterns": ["{}"], "event": "{}"}"#,
            r#"give "pattern" or "patterns", not both"#,
        ),
        (
            r#"{"dialect": "lambda-sqs", "patterns": [1], "event": "{}"}"#,
            r#""patterns" must be a JSON array of strings, each a pattern JSON text"#,
        ),
        (
            r#"{"dialect": "sns-body", "patterns": ["{}", "{}"], "event": "{}"}"#,
            r#"a sns-body request takes one "pattern"; "patterns" (several, ORed) are for the Lambda and Pipes dialects"#,
        ),
        (
            r#"{"dialect": "lambda-sqs", "pattern": "{}"}"#,
            r#"missing "event" member"#,
        ),
    ];
    for (request, why) in cases {
        let expected = format!(
            r#"{{"error": {}}}"#,
            serde_json::Value::from(format!("evmatch: invalid request: {why}"))
        );
        assert_eq!(respond(request.as_bytes()), expected, "{request}");
    }
    // Inputs that are not what the dialect reads: messages that start with `evmatch: `.
    for (request, message) in [
        (
            r#"{"dialect": "lambda-sqs", "pattern": "{\"body\": [\"x\"]}", "event": "[1]"}"#,
            "evmatch: record: not a JSON object",
        ),
        (
            r#"{"dialect": "sns-attributes", "pattern": "{\"a\": [\"x\"]}", "attributes": {"a": {"Value": "x"}}}"#,
            "evmatch: message attributes: attribute 'a' has no string Type (or DataType)",
        ),
    ] {
        let expected = format!(r#"{{"error": {}}}"#, serde_json::Value::from(message));
        assert_eq!(respond(request.as_bytes()), expected, "{request}");
    }
}

/// Every documented example of the dialects (SNS both scopes, Lambda, Pipes), as a request.
#[test]
fn every_documented_dialect_example_answers_through_the_protocol() {
    use serde_json::{Value as J, json};

    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../evmatch/tests/data/dialects-examples.json"
    ))
    .unwrap();
    let all: J = serde_json::from_str(&text).unwrap();
    let mut checked = 0;
    for (section, dialect) in [
        ("sns_attributes", "sns-attributes"),
        ("sns_body", "sns-body"),
    ] {
        for e in all[section].as_array().unwrap() {
            if e.get("filter_policy_scope").is_some() || e["expect"] == "valid" {
                continue;
            }
            let policy = match e["policy_text"].as_str() {
                Some(t) => t.to_owned(),
                None => e["policy"].to_string(),
            };
            let mut request = json!({"dialect": dialect, "pattern": policy});
            if let Some(api) = e["api"].as_str() {
                request["api"] = json!(api);
            }
            if let Some(body) = e["message_body"].as_str() {
                request["event"] = json!(body);
            }
            if let Some(attrs) = e["message_attributes"].as_object() {
                let converted: serde_json::Map<String, J> = attrs
                    .iter()
                    .map(|(name, a)| {
                        let value = a.get("StringValue").or_else(|| a.get("BinaryValue"));
                        (name.clone(), json!({"Type": a["DataType"], "Value": value}))
                    })
                    .collect();
                request["attributes"] = J::Object(converted);
            }
            let expected = match &e["expect"] {
                J::Bool(b) => json!({ "result": b }),
                _ => {
                    let mut message = e["error_message"].as_str().unwrap().to_owned();
                    if let Some(at) = e["error_location"].as_str() {
                        message = format!("{message}\n{at}");
                    }
                    json!({ "error": message })
                }
            };
            let got: J = serde_json::from_str(&respond(request.to_string().as_bytes())).unwrap();
            assert_eq!(got, expected, "{request}");
            checked += 1;
        }
    }
    for section in ["lambda", "pipes"] {
        for e in all[section].as_array().unwrap() {
            if e["expect"] == "valid" {
                continue;
            }
            let source = match e["source_type"].as_str().unwrap() {
                "msk" | "self-managed-kafka" => "kafka",
                "activemq" | "rabbitmq" => "mq",
                other => other,
            };
            let request = json!({
                "dialect": format!("{section}-{source}"),
                "patterns": [e["pattern"]],
                "event": e["record"].to_string(),
            });
            let expected = match &e["expect"] {
                J::Bool(b) => json!({ "result": b }),
                _ => json!({"error": "Invalid filter pattern definition."}),
            };
            let got: J = serde_json::from_str(&respond(request.to_string().as_bytes())).unwrap();
            assert_eq!(got, expected, "{request}");
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}
