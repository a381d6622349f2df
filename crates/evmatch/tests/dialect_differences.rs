//! The differences between EventBridge patterns and the three other filter dialects (the
//! "differences from EventBridge patterns" table of the dialect semantics), one test per row.

use evmatch::dialect::{
    Dialect, DialectMachine, Filter, FilterOptions, Input, Record, SnsApi, SnsMessage,
};

const LAMBDA: [Dialect; 5] = [
    Dialect::LambdaSqs,
    Dialect::LambdaKinesis,
    Dialect::LambdaDynamoDb,
    Dialect::LambdaKafka,
    Dialect::LambdaMq,
];
const PIPES: [Dialect; 5] = [
    Dialect::PipesSqs,
    Dialect::PipesKinesis,
    Dialect::PipesDynamoDb,
    Dialect::PipesKafka,
    Dialect::PipesMq,
];

fn ok(d: Dialect, text: &str) -> Filter {
    Filter::parse(d, text).unwrap_or_else(|e| panic!("{d}: {text} rejected: {e}"))
}

fn err(d: Dialect, text: &str) -> String {
    match Filter::parse(d, text) {
        Ok(_) => panic!("{d}: {text} accepted"),
        Err(e) => e.to_string(),
    }
}

fn attrs(pairs: &[(&str, &str, &str)]) -> SnsMessage {
    pairs.iter().fold(SnsMessage::new(""), |m, (n, t, v)| {
        m.with_attribute(*n, *t, *v)
    })
}

fn sns_attr_match(policy: &str, msg: &SnsMessage) -> bool {
    ok(Dialect::SnsAttributes, policy)
        .matches(Input::Sns(msg))
        .unwrap()
}

fn body_match(policy: &str, body: &str) -> bool {
    ok(Dialect::SnsBody, policy)
        .matches(Input::Sns(&SnsMessage::new(body)))
        .unwrap()
}

fn rec_match(d: Dialect, pattern: &str, record: &str) -> bool {
    ok(d, pattern)
        .matches(Input::Record(&Record::parse(record).unwrap()))
        .unwrap()
}

const LAMBDA_ERR: &str = "Invalid filter pattern definition.";

#[test]
fn matched_document() {
    // EventBridge: the event. SNS attributes: a flat object of the attributes.
    let msg = attrs(&[("a.b", "String", "x"), ("n", "Number", "5")]);
    assert!(sns_attr_match(r#"{"a.b": ["x"], "n": [5]}"#, &msg));
    // SNS body: the message text parsed.
    assert!(body_match(r#"{"a": {"b": ["x"]}}"#, r#"{"a": {"b": "x"}}"#));
    // Lambda: each record, data key decoded (Kinesis lifted from `kinesis`).
    let kinesis = r#"{"kinesis": {"partitionKey": "p", "data": "eyJhIjogMX0="}, "eventSource": "aws:kinesis"}"#;
    assert!(rec_match(
        Dialect::LambdaKinesis,
        r#"{"partitionKey": ["p"], "data": {"a": [1]}}"#,
        kinesis
    ));
    assert!(!rec_match(
        Dialect::LambdaKinesis,
        r#"{"eventSource": ["aws:kinesis"]}"#,
        kinesis
    ));
    // Lambda keeps the metadata members; Pipes removes the poller-added ones.
    let sqs = r#"{"body": "hi", "eventSource": "aws:sqs", "messageId": "1"}"#;
    assert!(rec_match(
        Dialect::LambdaSqs,
        r#"{"eventSource": ["aws:sqs"]}"#,
        sqs
    ));
    assert!(!rec_match(
        Dialect::PipesSqs,
        r#"{"eventSource": ["aws:sqs"]}"#,
        sqs
    ));
    assert!(rec_match(Dialect::PipesSqs, r#"{"messageId": ["1"]}"#, sqs));
}

#[test]
fn non_json_input() {
    // SNS body: a body that is not a JSON object is never delivered, whatever the policy.
    for body in ["plain text", "\"a json string\"", "[1]", "{broken"] {
        assert!(!body_match(r#"{"a": [{"exists": false}]}"#, body), "{body}");
    }
    // SQS: drop on mismatch; Kafka/MQ: metadata only; a plain body is a string leaf.
    let plain = r#"{"body": "hello", "messageId": "1"}"#;
    assert!(rec_match(
        Dialect::LambdaSqs,
        r#"{"body": ["hello"]}"#,
        plain
    ));
    assert!(!rec_match(
        Dialect::LambdaSqs,
        r#"{"body": {"x": [{"exists": false}]}}"#,
        plain
    ));
    let json = r#"{"body": "{\"x\": 1}", "messageId": "1"}"#;
    assert!(!rec_match(
        Dialect::LambdaSqs,
        r#"{"body": [{"exists": false}]}"#,
        json
    ));
    let kafka_plain = r#"{"topic": "t", "value": "aGVsbG8="}"#; // "hello"
    assert!(rec_match(
        Dialect::LambdaKafka,
        r#"{"topic": ["t"], "value": {"x": ["y"]}}"#,
        kafka_plain
    ));
    assert!(!rec_match(
        Dialect::LambdaKafka,
        r#"{"topic": ["u"], "value": {"x": ["y"]}}"#,
        kafka_plain
    ));
    // Kinesis: data that is not JSON never matches a JSON pattern.
    let kinesis_plain = r#"{"kinesis": {"data": "aGVsbG8="}}"#;
    assert!(!rec_match(
        Dialect::LambdaKinesis,
        r#"{"data": {"x": [{"exists": false}]}}"#,
        kinesis_plain
    ));
}

#[test]
fn filters_per_target() {
    // Lambda and Pipes: several patterns, OR; Lambda up to 10, Pipes up to 5.
    let f = Filter::parse_list(
        Dialect::LambdaSqs,
        &[r#"{"body": ["a"]}"#, r#"{"body": ["b"]}"#],
        &FilterOptions::default(),
    )
    .unwrap();
    let b = Record::parse(r#"{"body": "b"}"#).unwrap();
    assert!(f.matches(Input::Record(&b)).unwrap());
    let six = [r#"{"body": ["a"]}"#; 6];
    assert!(Filter::parse_list(Dialect::LambdaSqs, &six, &FilterOptions::default()).is_ok());
    assert!(Filter::parse_list(Dialect::PipesSqs, &six, &FilterOptions::default()).is_err());
    let eleven = [r#"{"body": ["a"]}"#; 11];
    let e = Filter::parse_list(Dialect::LambdaSqs, &eleven, &FilterOptions::default()).unwrap_err();
    assert_eq!(e.code(), "InvalidParameterValueException");
    // The machine: several filters under one id are an OR too.
    let mut m = DialectMachine::new(Dialect::LambdaSqs);
    m.add_rule(1, r#"{"body": ["a"]}"#).unwrap();
    m.add_rule(1, r#"{"body": ["b"]}"#).unwrap();
    assert_eq!(m.matches(Input::Record(&b)).unwrap(), [1]);
    assert_eq!(m.len(), 1);
}

#[test]
fn empty_filter() {
    assert_eq!(
        err(Dialect::EventBridge, "{}"),
        "Event pattern is not valid. Reason: Empty objects are not allowed\n at [Source: (String)\"{}\"; line: 1, column: 3]"
    );
    let any = SnsMessage::new("not json");
    for d in [Dialect::SnsAttributes, Dialect::SnsBody] {
        for text in ["", "{}", " { } "] {
            let f = ok(d, text);
            assert!(f.accepts_everything());
            assert!(f.matches(Input::Sns(&any)).unwrap());
        }
    }
    for d in LAMBDA.into_iter().chain(PIPES) {
        assert!(
            Filter::parse_list(d, &[], &FilterOptions::default())
                .unwrap()
                .accepts_everything()
        );
        assert_eq!(err(d, "{}"), LAMBDA_ERR);
        assert_eq!(err(d, ""), LAMBDA_ERR);
    }
}

#[test]
fn nested_pattern_objects() {
    let nested = r#"{"a": {"b": ["c"]}}"#;
    assert_eq!(
        err(Dialect::SnsAttributes, nested),
        "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"
    );
    let sub = FilterOptions::default().with_sns_api(SnsApi::Subscribe);
    assert_eq!(
        Filter::parse_with(Dialect::SnsAttributes, nested, &sub)
            .unwrap_err()
            .to_string(),
        "Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter policy"
    );
    for d in [
        Dialect::EventBridge,
        Dialect::SnsBody,
        Dialect::LambdaSqs,
        Dialect::PipesSqs,
    ] {
        ok(d, nested);
    }
}

#[test]
fn or_everywhere() {
    let or = r#"{"$or": [{"a": ["1"]}, {"b": ["2"]}]}"#;
    for d in Dialect::ALL {
        ok(d, or);
    }
    let msg = attrs(&[("b", "String", "2")]);
    assert!(sns_attr_match(or, &msg));
}

#[test]
fn prefix_suffix_and_ignore_case() {
    for d in Dialect::ALL {
        ok(
            d,
            r#"{"a": [{"prefix": "x"}, {"suffix": "y"}, {"equals-ignore-case": "z"}]}"#,
        );
    }
    // The ignore-case forms of prefix and suffix: not at SNS's grammar level.
    for d in [Dialect::SnsAttributes, Dialect::SnsBody] {
        assert_eq!(
            err(d, r#"{"a": [{"prefix": {"equals-ignore-case": "x"}}]}"#),
            "Invalid parameter: FilterPolicy: prefix match pattern must be a string\n at [Source: (String)\"{\"a\":[{\"prefix\":{\"equals-ignore-case\":\"x\"}}]}\"; line: 1, column: 18]"
        );
        assert!(
            err(d, r#"{"a": [{"suffix": {"equals-ignore-case": "x"}}]}"#).starts_with(
                "Invalid parameter: FilterPolicy: suffix match pattern must be a string\n"
            )
        );
    }
    for d in [Dialect::EventBridge, Dialect::LambdaSqs, Dialect::PipesSqs] {
        ok(
            d,
            r#"{"a": [{"prefix": {"equals-ignore-case": "x"}}, {"suffix": {"equals-ignore-case": "y"}}]}"#,
        );
    }
}

#[test]
fn wildcard_accepted() {
    for d in Dialect::ALL {
        ok(d, r#"{"a": [{"wildcard": "x*y"}]}"#);
    }
    assert!(body_match(
        r#"{"a": [{"wildcard": "x*y"}]}"#,
        r#"{"a": "x--y"}"#
    ));
}

#[test]
fn anything_but_sub_operators() {
    let forms = [
        ("prefix", r#"{"a": [{"anything-but": {"prefix": "x"}}]}"#),
        ("suffix", r#"{"a": [{"anything-but": {"suffix": "x"}}]}"#),
        (
            "equals-ignore-case",
            r#"{"a": [{"anything-but": {"equals-ignore-case": "x"}}]}"#,
        ),
        (
            "wildcard",
            r#"{"a": [{"anything-but": {"wildcard": "x*"}}]}"#,
        ),
    ];
    for (op, text) in forms {
        ok(Dialect::EventBridge, text);
        ok(Dialect::LambdaSqs, text);
        assert_eq!(err(Dialect::PipesSqs, text), LAMBDA_ERR, "{op}");
        if op == "prefix" {
            ok(Dialect::SnsAttributes, text);
        } else {
            let e = err(Dialect::SnsAttributes, text);
            assert!(
                e.starts_with(&format!(
                    "Invalid parameter: FilterPolicy: Unsupported anything-but pattern: {op}\n"
                )),
                "{e}"
            );
        }
    }
    // The recorded location of the suffix form: right after the operator's name.
    assert_eq!(
        err(
            Dialect::SnsBody,
            r#"{"key": [{"anything-but": {"suffix": "test"}}]}"#
        ),
        "Invalid parameter: FilterPolicy: Unsupported anything-but pattern: suffix\n at [Source: (String)\"{\"key\":[{\"anything-but\":{\"suffix\":\"test\"}}]}\"; line: 1, column: 36]"
    );
    assert!(
        err(
            Dialect::SnsBody,
            r#"{"a": [{"anything-but": {"prefix": false}}]}"#
        )
        .starts_with("Invalid parameter: FilterPolicy: prefix match pattern must be a string\n")
    );
    assert!(
        err(
            Dialect::SnsBody,
            r#"{"a": [{"anything-but": {"prefix": ["x"]}}]}"#
        )
        .starts_with("Invalid parameter: FilterPolicy: prefix match pattern must be a string\n")
    );
    assert!(
        err(
            Dialect::SnsBody,
            r#"{"a": [{"anything-but": {"prefix": ""}}]}"#
        )
        .starts_with("Invalid parameter: FilterPolicy: Null prefix not allowed\n")
    );
    assert!(
        err(
            Dialect::SnsBody,
            r#"{"a": [{"anything-but": {"exists": true}}]}"#
        )
        .starts_with("Invalid parameter: FilterPolicy: Unsupported anything-but pattern: exists\n")
    );
}

#[test]
fn cidr() {
    for d in Dialect::ALL {
        ok(d, r#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#);
    }
    // No location suffix on CIDR operand errors; a list operand is a "prefix" error.
    assert_eq!(
        err(
            Dialect::SnsAttributes,
            r#"{"ip": [{"cidr": "10.0.0.0/33"}]}"#
        )
        .lines()
        .count(),
        1
    );
    assert!(
        err(
            Dialect::SnsAttributes,
            r#"{"ip": [{"cidr": ["10.0.0.0/24"]}]}"#
        )
        .starts_with("Invalid parameter: FilterPolicy: prefix match pattern must be a string")
    );
    assert!(body_match(
        r#"{"ip": [{"cidr": "2001:db8::/32"}]}"#,
        r#"{"ip": "2001:0db8:1234:1a00:0000:0000:0000:0000"}"#
    ));
    assert!(!body_match(
        r#"{"ip": [{"cidr": "10.0.0.0/8"}]}"#,
        r#"{"ip": "10.0.0.256"}"#
    ));
}

#[test]
fn exists_is_leaf_only() {
    // Binary attributes are invisible.
    let bin = attrs(&[("pic", "Binary", "AgME")]);
    assert!(!sns_attr_match(r#"{"pic": [{"exists": true}]}"#, &bin));
    assert!(sns_attr_match(r#"{"pic": [{"exists": false}]}"#, &bin));
    // An object is not a leaf: exists true fails, exists false passes.
    assert!(!body_match(
        r#"{"a": [{"exists": true}]}"#,
        r#"{"a": {"b": 1}}"#
    ));
    assert!(body_match(
        r#"{"a": [{"exists": false}]}"#,
        r#"{"a": {"b": 1}}"#
    ));
    // DynamoDB type wrappers matter.
    let ddb = r#"{"eventName": "INSERT", "dynamodb": {"NewImage": {"k": {"S": "v"}, "L": {"L": [{"S": "x"}]}}}}"#;
    assert!(rec_match(
        Dialect::LambdaDynamoDb,
        r#"{"dynamodb": {"NewImage": {"k": {"S": ["v"]}}}}"#,
        ddb
    ));
    assert!(!rec_match(
        Dialect::LambdaDynamoDb,
        r#"{"dynamodb": {"NewImage": {"k": ["v"]}}}"#,
        ddb
    ));
    assert!(rec_match(
        Dialect::LambdaDynamoDb,
        r#"{"dynamodb": {"NewImage": {"k": [{"exists": false}]}}}"#,
        ddb
    ));
    assert!(!rec_match(
        Dialect::LambdaDynamoDb,
        r#"{"dynamodb": {"NewImage": {"L": [{"exists": true}]}}}"#,
        ddb
    ));
    assert!(rec_match(
        Dialect::LambdaDynamoDb,
        r#"{"dynamodb": {"NewImage": {"L": {"L": {"S": [{"exists": true}]}}}}}"#,
        ddb
    ));
}

#[test]
fn number_sources() {
    let n = attrs(&[("p", "Number", "99.12")]);
    assert!(sns_attr_match(r#"{"p": [{"numeric": [">", 99]}]}"#, &n));
    // Strict types: a String attribute is not a number, a Number is not the string.
    let s = attrs(&[("p", "String", "99")]);
    assert!(!sns_attr_match(r#"{"p": [{"numeric": [">", 1]}]}"#, &s));
    assert!(!sns_attr_match(r#"{"p": ["99.12"]}"#, &n));
    // DynamoDB `N` values are strings: numeric never matches them.
    let ddb = r#"{"dynamodb": {"Keys": {"Id": {"N": "101"}}, "ApproximateCreationDateTime": 1}}"#;
    assert!(!rec_match(
        Dialect::LambdaDynamoDb,
        r#"{"dynamodb": {"Keys": {"Id": {"N": [{"numeric": [">", 100]}]}}}}"#,
        ddb
    ));
    assert!(rec_match(
        Dialect::LambdaDynamoDb,
        r#"{"dynamodb": {"ApproximateCreationDateTime": [{"numeric": [">", 0]}]}}"#,
        ddb
    ));
}

#[test]
fn arrays_element_wise() {
    let arr = attrs(&[("i", "String.Array", r#"["rugby", "baseball"]"#)]);
    assert!(sns_attr_match(r#"{"i": ["rugby"]}"#, &arr));
    // anything-but over an array: some element not excluded suffices.
    assert!(sns_attr_match(
        r#"{"i": [{"anything-but": ["rugby", "tennis"]}]}"#,
        &arr
    ));
    assert!(body_match(
        r#"{"i": [{"anything-but": ["rugby", "tennis"]}]}"#,
        r#"{"i": ["rugby", "baseball"]}"#
    ));
    // A String.Array that is not a JSON array is absent.
    let bad = attrs(&[("i", "String.Array", "rugby")]);
    assert!(!sns_attr_match(r#"{"i": ["rugby"]}"#, &bad));
    assert!(sns_attr_match(r#"{"i": [{"exists": false}]}"#, &bad));
}

#[test]
fn numeric_range() {
    ok(Dialect::EventBridge, r#"{"a": [{"numeric": [">", 1e10]}]}"#);
    ok(Dialect::LambdaSqs, r#"{"a": [{"numeric": [">", 1e10]}]}"#);
    ok(Dialect::SnsBody, r#"{"a": [{"numeric": [">", 5e9]}]}"#);
    assert_eq!(
        err(Dialect::SnsBody, r#"{"a": [{"numeric": [">", 1e10]}]}"#),
        "Invalid parameter: FilterPolicy: Value must be between -5.0E9 and 5.0E9, inclusive\n at [Source: (String)\"{\"a\":[{\"numeric\":[\">\",1e10]}]}\"; line: 1, column: 28]"
    );
    assert!(
        err(
            Dialect::SnsAttributes,
            r#"{"a": [{"anything-but": [-6e9]}]}"#
        )
        .starts_with(
            "Invalid parameter: FilterPolicy: Value must be between -5.0E9 and 5.0E9, inclusive"
        )
    );
}

#[test]
fn size_limits() {
    let big = |n: usize| format!(r#"{{"a": ["{}"]}}"#, "x".repeat(n));
    assert!(Filter::parse(Dialect::EventBridge, &big(5000)).is_err());
    assert_eq!(err(Dialect::LambdaSqs, &big(5000)), LAMBDA_ERR);
    ok(Dialect::SnsBody, &big(5000));
    assert_eq!(
        err(Dialect::SnsBody, &big(256 * 1024)),
        "Invalid parameter: FilterPolicy: Filter policy is too long"
    );
}

#[test]
fn key_and_combination_limits() {
    let six = r#"{"a": ["1"], "b": ["1"], "c": ["1"], "d": ["1"], "e": ["1"], "f": ["1"]}"#;
    for d in [Dialect::SnsAttributes, Dialect::SnsBody] {
        assert_eq!(
            err(d, six),
            "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys"
        );
    }
    ok(Dialect::EventBridge, six);
    ok(Dialect::LambdaSqs, six);
    let values = |n: usize| {
        (0..n)
            .map(|i| format!("\"v{i}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let p150 = format!(r#"{{"k": [{}]}}"#, values(150));
    let p151 = format!(r#"{{"k": [{}]}}"#, values(151));
    ok(Dialect::SnsAttributes, &p150);
    assert_eq!(
        err(Dialect::SnsAttributes, &p151),
        "Invalid parameter: FilterPolicy: Filter policy is too complex"
    );
    ok(Dialect::LambdaSqs, &p151);
    // Depth-weighted: 40 plain combinations, 160 weighted.
    let nested = r#"{"$or": [{"metricName": ["a","b","c"]}, {"namespace": ["a","b"]}],
        "detail": {"scope": ["s1","s2"], "$or": [{"source": ["x"]}, {"type": ["a","b","c"]}]}}"#;
    assert_eq!(
        err(Dialect::SnsBody, nested),
        "Invalid parameter: FilterPolicy: Filter policy is too complex"
    );
    ok(Dialect::EventBridge, nested);
}

#[test]
fn error_envelopes() {
    let bad = r#"{"a": "x"}"#;
    let e = Filter::parse(Dialect::EventBridge, bad).unwrap_err();
    assert_eq!(e.code(), "InvalidEventPatternException");
    assert_eq!(
        e.message(),
        "Event pattern is not valid. Reason: \"a\" must be an object or an array"
    );
    let e = Filter::parse(Dialect::SnsAttributes, bad).unwrap_err();
    assert_eq!(e.code(), "InvalidParameter");
    assert_eq!(
        e.message(),
        "Invalid parameter: FilterPolicy: \"a\" must be an object or an array"
    );
    let sub = FilterOptions::default().with_sns_api(SnsApi::Subscribe);
    let e = Filter::parse_with(Dialect::SnsAttributes, bad, &sub).unwrap_err();
    assert_eq!(
        e.message(),
        "Invalid parameter: Attributes Reason: FilterPolicy: \"a\" must be an object or an array"
    );
    let e = Filter::parse(Dialect::LambdaDynamoDb, bad).unwrap_err();
    assert_eq!(
        (e.code(), e.to_string().as_str()),
        ("InvalidParameterValueException", LAMBDA_ERR)
    );
    assert_eq!(e.reason(), Some("\"a\" must be an object or an array"));
    let e = Filter::parse(Dialect::PipesKafka, bad).unwrap_err();
    assert_eq!(
        (e.code(), e.to_string().as_str()),
        ("ValidationException", LAMBDA_ERR)
    );
}

#[test]
fn location_suffix_on_compact_text() {
    // EventBridge: on the text as sent; SNS: on its compact re-serialisation; Lambda: none.
    let spaced = r#"{"key": [["value"]]}"#;
    assert_eq!(
        err(Dialect::EventBridge, spaced).lines().nth(1),
        Some(r#" at [Source: (String)"{"key": [["value"]]}"; line: 1, column: 11]"#)
    );
    assert_eq!(
        err(Dialect::SnsBody, spaced).lines().nth(1),
        Some(r#" at [Source: (String)"{"key":[["value"]]}"; line: 1, column: 10]"#)
    );
    assert_eq!(err(Dialect::LambdaSqs, spaced), LAMBDA_ERR);
}

#[test]
fn json_syntax_errors() {
    assert_eq!(
        err(Dialect::SnsAttributes, "invalid-json"),
        "Invalid parameter: FilterPolicy: failed to parse JSON. Unrecognized token 'invalid': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 8]"
    );
    assert_eq!(
        err(Dialect::LambdaKafka, r#"[{"eventName": ["INSERT"=123}]"#),
        LAMBDA_ERR
    );
    assert!(
        err(Dialect::EventBridge, "invalid-json")
            .starts_with("Event pattern is not valid. Reason: Unrecognized token 'invalid'")
    );
}

#[test]
fn unmatched_input_is_not_delivered() {
    // Every service answers "no" the same way: the filter does not pass the input.
    let mut m = DialectMachine::new(Dialect::SnsBody);
    m.add_rule("s", r#"{"a": ["x"]}"#).unwrap();
    assert!(
        m.matches(Input::Sns(&SnsMessage::new(r#"{"a": "y"}"#)))
            .unwrap()
            .is_empty()
    );
    assert!(
        m.matches(Input::Sns(&SnsMessage::new("x")))
            .unwrap()
            .is_empty()
    );
    // And the wrong kind of input is an error, not a miss.
    assert!(m.matches(Input::Event(r#"{"a": "x"}"#)).is_err());
}
