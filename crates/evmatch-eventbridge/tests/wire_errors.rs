//! The JSON 1.1 dispatcher's errors: AWS's error shape and status per code, malformed bodies
//! (`SerializationException`) and unknown targets (`UnknownOperationException`).

mod common;

use common::*;
use evmatch_eventbridge::wire::{Response, handle, operation_of, status_for};

fn call(f: &Fixture, operation: &str, body: &[u8]) -> Response {
    handle(&f.eb, &format!("AWSEvents.{operation}"), body)
}

/// The code and message of an error answer, checking the shape: exactly `__type` and `message`.
fn error_of(r: &Response) -> (String, String) {
    let v: serde_json::Value = serde_json::from_str(&r.body).expect("JSON body");
    let obj = v.as_object().expect("object body");
    assert_eq!(
        obj.keys().collect::<Vec<_>>(),
        ["__type", "message"],
        "{}",
        r.body
    );
    (
        obj["__type"].as_str().unwrap().to_string(),
        obj["message"].as_str().unwrap().to_string(),
    )
}

#[test]
fn unknown_targets_are_unknown_operations() {
    let f = fixture();
    let r = handle(&f.eb, "", b"{}");
    assert_eq!(
        (r.status, error_of(&r)),
        (
            400,
            (
                "UnknownOperationException".to_string(),
                "No operation was given: the X-Amz-Target header is missing or empty.".to_string()
            )
        )
    );
    for target in [
        "AWSEvents",
        "AWSEvents.",
        "AWSEvents.Foo",
        "AWSEvents.putRule",
        "awsevents.PutRule",
        "DynamoDB_20120810.PutItem",
        "AWSEventsPutRule",
        "AWSEvents.PutRule.x",
    ] {
        let r = handle(&f.eb, target, b"{}");
        assert_eq!(r.status, 400, "{target}");
        assert_eq!(
            error_of(&r),
            (
                "UnknownOperationException".to_string(),
                format!("The operation {target} is not supported by this service.")
            ),
            "{target}"
        );
    }
}

#[test]
fn operation_of_strips_the_service_prefix() {
    assert_eq!(operation_of("AWSEvents.PutRule"), Some("PutRule"));
    assert_eq!(operation_of("AWSEvents."), None);
    assert_eq!(operation_of("Other.PutRule"), None);
}

#[test]
fn malformed_bodies_are_serialization_exceptions() {
    let f = fixture();
    let cases: &[(&[u8], &str)] = &[
        (
            b"{\"Name\": ",
            "Request body is not valid JSON: EOF while parsing a value at line 1 column 9",
        ),
        (
            b"not json",
            "Request body is not valid JSON: expected ident at line 1 column 2",
        ),
        (b"[]", "Request body must be a JSON object."),
        (b"\"Name\"", "Request body must be a JSON object."),
        (b"null", "Request body must be a JSON object."),
        (
            b"{\"Name\": 5}",
            "invalid type: integer `5`, expected a string",
        ),
        (b"\xff\xfe{}", "Request body is not valid UTF-8."),
    ];
    for (body, message) in cases {
        let r = call(&f, "DescribeRule", body);
        assert_eq!(r.status, 400, "{}", r.body);
        assert_eq!(
            error_of(&r),
            ("SerializationException".to_string(), message.to_string()),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    let r = call(&f, "ListRules", br#"{"Limit": "10"}"#);
    assert_eq!(error_of(&r).0, "SerializationException");
}

#[test]
fn service_errors_keep_their_code_and_text() {
    let f = fixture();
    let r = call(&f, "DescribeRule", br#"{"Name":"nope"}"#);
    assert_eq!(r.status, 400);
    assert_eq!(
        r.body,
        r#"{"__type":"ResourceNotFoundException","message":"Rule nope does not exist on EventBus default."}"#
    );
    assert_eq!(r.error_code(), Some("ResourceNotFoundException"));

    // Quotes and line breaks of a message are escaped once, as JSON.
    let r = call(&f, "PutRule", br#"{"Name":"r","EventPattern":"{\"a\":1}"}"#);
    assert_eq!(r.status, 400);
    assert_eq!(
        error_of(&r),
        (
            "InvalidEventPatternException".to_string(),
            "Event pattern is not valid. Reason: \"a\" must be an object or an array\n at [Source: (String)\"{\"a\":1}\"; line: 1, column: 7]".to_string()
        )
    );

    let r = call(&f, "CreateEventBus", br#"{"Name":"default"}"#);
    assert_eq!(r.status, 400);
    assert_eq!(error_of(&r).0, "ResourceAlreadyExistsException");

    let r = call(
        &f,
        "PutRule",
        br#"{"Name":"a b","ScheduleExpression":"rate(1 day)"}"#,
    );
    assert_eq!(
        error_of(&r),
        (
            "ValidationException".to_string(),
            "1 validation error detected: Value 'a b' at 'name' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
                .to_string()
        )
    );
}

#[test]
fn limit_exceeded_through_the_wire() {
    let mut config = EventBridgeConfig::new(ACCOUNT, REGION);
    config.rules_per_bus = 1;
    let f = fixture_with(config);
    let put = |name: &str| {
        call(
            &f,
            "PutRule",
            format!(r#"{{"Name":"{name}","EventPattern":"{{\"source\":[\"a\"]}}"}}"#).as_bytes(),
        )
    };
    assert_eq!(put("one").status, 200);
    let r = put("two");
    assert_eq!(r.status, 400);
    assert_eq!(
        r.body,
        r#"{"__type":"LimitExceededException","message":"The requested resource exceeds the maximum number allowed."}"#
    );
}

#[test]
fn statuses_per_code() {
    for code in [
        "ValidationException",
        "ResourceNotFoundException",
        "ResourceAlreadyExistsException",
        "ConcurrentModificationException",
        "InvalidEventPatternException",
        "LimitExceededException",
        "ManagedRuleException",
        "OperationDisabledException",
        "InvalidStateException",
        "IllegalStatusException",
        "PolicyLengthExceededException",
        "AccessDeniedException",
        "ThrottlingException",
        "SerializationException",
        "UnknownOperationException",
    ] {
        assert_eq!(status_for(code), 400, "{code}");
    }
    assert_eq!(status_for("InternalException"), 500);
    assert_eq!(status_for("InvalidSignatureException"), 403);
    assert_eq!(status_for("UnrecognizedClientException"), 403);
    let r = Response::error("InternalException", "x");
    assert_eq!((r.status, r.is_success()), (500, false));
    assert_eq!(Response::ok("{}").error_code(), None);
}
