//! The filter dialects on the command line: `test --dialect`, the dialect members of the
//! `test --jsonl` protocol, `validate` on SNS, Lambda and Pipes filters, and `filter`/`match`
//! with `--dialect` — exact outputs and exit statuses.

mod common;

use common::{evmatch, stderr, stdout};

/// The fixtures of this file: `tests/data/cli/dialects/<name>`.
fn d(name: &str) -> String {
    format!("tests/data/cli/dialects/{name}")
}

/// `evmatch test --dialect <dialect> <args…>`: (stdout, stderr, exit status).
fn test(dialect: &str, args: &[&str]) -> (String, String, Option<i32>) {
    let mut all = vec!["test", "--dialect", dialect];
    all.extend_from_slice(args);
    let out = evmatch(&all, b"");
    (stdout(&out), stderr(&out), out.status.code())
}

// --- test --dialect ------------------------------------------------------------------------------

#[test]
fn sns_attributes_policies_match_typed_attributes() {
    let policy = d("sns_policy.json");
    let rich = d("sns_attributes.json");
    let cheap = d("sns_attributes_cheap.json");
    let args = ["--pattern", &policy, "--attributes", &rich];
    assert_eq!(
        test("sns-attributes", &args),
        ("true\n".into(), "".into(), Some(0))
    );
    // `Number` 99.5 is not >= 100; the body is not needed in the attributes scope.
    let args = ["--pattern", &policy, "--attributes", &cheap];
    assert_eq!(
        test("sns-attributes", &args),
        ("false\n".into(), "".into(), Some(1))
    );
}

#[test]
fn sns_errors_carry_the_api_prefix_and_the_compact_location() {
    let nested = d("sns_nested.json");
    let attrs = d("sns_attributes.json");
    let at = " at [Source: (String)\"{\"key\":[[\"value\"]]}\"; line: 1, column: 10]\n";
    let reason = "FilterPolicy: Match value must be String, number, true, false, or null\n";
    let (out, err, code) = test(
        "sns-attributes",
        &["--pattern", &nested, "--attributes", &attrs],
    );
    assert_eq!((out.as_str(), code), ("", Some(2)));
    assert_eq!(err, format!("Invalid parameter: {reason}{at}"));
    let (_, err, code) = test(
        "sns-attributes",
        &[
            "--api",
            "Subscribe",
            "--pattern",
            &nested,
            "--attributes",
            &attrs,
        ],
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!("Invalid parameter: Attributes Reason: {reason}{at}")
    );
}

#[test]
fn sns_body_policies_match_json_bodies_only() {
    let policy = d("sns_body_policy.json");
    let body = d("sns_body.json");
    let text = d("sns_body_text.txt");
    assert_eq!(
        test("sns-body", &["--pattern", &policy, "--event", &body]),
        ("true\n".into(), "".into(), Some(0))
    );
    // A body that is not a JSON object is never delivered: no error, `false`.
    assert_eq!(
        test("sns-body", &["--pattern", &policy, "--event", &text]),
        ("false\n".into(), "".into(), Some(1))
    );
}

#[test]
fn lambda_filters_are_ored_and_errors_are_lambdas_with_a_hint() {
    let record = d("sqs_record.json");
    let (aaaa, bbbb) = (d("sqs_filter_aaaa.json"), d("sqs_filter_bbbb.json"));
    assert_eq!(
        test("lambda-sqs", &["--pattern", &bbbb, "--event", &record]),
        ("false\n".into(), "".into(), Some(1))
    );
    assert_eq!(
        test(
            "lambda-sqs",
            &["--pattern", &bbbb, "--pattern", &aaaa, "--event", &record]
        ),
        ("true\n".into(), "".into(), Some(0))
    );
    let bad = d("sqs_filter_bad.json");
    assert_eq!(
        test("lambda-sqs", &["--pattern", &bad, "--event", &record]),
        (
            "".into(),
            "Invalid filter pattern definition.\nhint: \"body\" must be an object or an array\n"
                .into(),
            Some(2)
        )
    );
}

#[test]
fn kinesis_data_is_decoded_from_base64() {
    let record = d("kinesis_record.json");
    let buy = d("kinesis_filter_buy.json");
    let sell = d("kinesis_filter_sell.json");
    assert_eq!(
        test("lambda-kinesis", &["--pattern", &buy, "--event", &record]),
        ("true\n".into(), "".into(), Some(0))
    );
    assert_eq!(
        test("lambda-kinesis", &["--pattern", &sell, "--event", &record]),
        ("false\n".into(), "".into(), Some(1))
    );
}

#[test]
fn dialect_usage_errors_are_one_line_and_exit_2() {
    let policy = d("sns_policy.json");
    let record = d("sqs_record.json");
    let attrs = d("sns_attributes.json");
    let array = d("array.json");
    let cases: [(&str, Vec<&str>, String); 6] = [
        (
            "sns",
            vec!["--pattern", &policy, "--event", &record],
            "evmatch: unknown dialect 'sns': expected one of eventbridge, sns-attributes, \
             sns-body, lambda-sqs, lambda-kinesis, lambda-dynamodb, lambda-kafka, lambda-mq, \
             pipes-sqs, pipes-kinesis, pipes-dynamodb, pipes-kafka, pipes-mq\n"
                .into(),
        ),
        (
            "lambda-sqs",
            vec![
                "--pattern",
                &policy,
                "--event",
                &record,
                "--attributes",
                &attrs,
            ],
            "evmatch: test: --attributes and --api are for the SNS dialects (sns-attributes, \
             sns-body), not lambda-sqs\n"
                .into(),
        ),
        (
            "sns-body",
            vec![
                "--pattern",
                &policy,
                "--pattern",
                &policy,
                "--event",
                &record,
            ],
            "evmatch: test: --pattern is given once for sns-body; several (ORed) are for the \
             Lambda and Pipes dialects\n"
                .into(),
        ),
        (
            "sns-body",
            vec!["--pattern", &policy, "--event", &record, "--explain"],
            "evmatch: test: --explain is for EventBridge patterns only\n".into(),
        ),
        (
            "sns-attributes",
            vec![
                "--api",
                "Publish",
                "--pattern",
                &policy,
                "--attributes",
                &attrs,
            ],
            "evmatch: unknown SNS API 'Publish': expected Subscribe or \
             SetSubscriptionAttributes\n"
                .into(),
        ),
        (
            "lambda-sqs",
            vec!["--pattern", &policy, "--event", &array],
            "evmatch: record: not a JSON object\n".into(),
        ),
    ];
    for (dialect, args, expected) in cases {
        let (out, err, code) = test(dialect, &args);
        assert_eq!((out.as_str(), code), ("", Some(2)), "{dialect} {args:?}");
        assert_eq!(err, expected, "{dialect} {args:?}");
    }
    // An empty record (stdin here) is not JSON.
    let (_, err, _) = test("lambda-sqs", &["--pattern", &policy, "--event", "-"]);
    assert!(err.starts_with("evmatch: record: "), "{err}");
}

#[test]
fn eventbridge_by_name_is_the_plain_test() {
    let out = evmatch(
        &[
            "test",
            "--dialect",
            "eventbridge",
            "--pattern",
            "tests/data/cli/a1.json",
            "--event",
            "../../examples/event.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!("{}{}\n", common::INVALID_A1, common::INVALID_A1_AT)
    );
}

// --- test --jsonl ------------------------------------------------------------------------------

#[test]
fn jsonl_requests_take_dialect_members() {
    let record = std::fs::read_to_string(d("sqs_record.json")).unwrap();
    let record = serde_json::Value::from(record).to_string();
    let input = format!(
        "{}\n{}\n{}\n{}\n{}\n",
        r#"{"dialect": "sns-attributes", "pattern": "{\"store\": [\"example_corp\"]}", "attributes": {"store": {"Type": "String", "Value": "example_corp"}}}"#,
        r#"{"dialect": "sns-body", "pattern": "{\"a\": [\"1\"]}", "event": "not json"}"#,
        format_args!(
            r#"{{"dialect": "lambda-sqs", "patterns": ["{{\"body\": {{\"RequestCode\": [\"BBBB\"]}}}}", "{{\"body\": {{\"RequestCode\": [\"AAAA\"]}}}}"], "event": {record}}}"#
        ),
        format_args!(
            r#"{{"dialect": "lambda-sqs", "pattern": "{{\"body\": 1}}", "event": {record}}}"#
        ),
        r#"{"dialect": "nope", "pattern": "{}", "event": "{}"}"#,
    );
    let out = evmatch(&["test", "--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "{\"result\": true}\n\
         {\"result\": false}\n\
         {\"result\": true}\n\
         {\"error\": \"Invalid filter pattern definition.\"}\n\
         {\"error\": \"evmatch: invalid request: unknown dialect 'nope': expected one of \
         eventbridge, sns-attributes, sns-body, lambda-sqs, lambda-kinesis, lambda-dynamodb, \
         lambda-kafka, lambda-mq, pipes-sqs, pipes-kinesis, pipes-dynamodb, pipes-kafka, \
         pipes-mq\"}\n"
    );
}

// --- validate ----------------------------------------------------------------------------------

const FILTERS_TEXT: &str = "\
tests/data/cli/dialects/filters.yaml:30:9: Invalid parameter: Attributes Reason: Filter policy \
scope MessageAttributes does not support nested filter policy
tests/data/cli/dialects/filters.yaml:48:21: Invalid parameter: Attributes Reason: FilterPolicy: \
Filter policy can not have more than 5 keys
tests/data/cli/dialects/filters.yaml:55:26: Invalid parameter: FilterPolicyScope: Invalid value \
[RandomValue]. Please use either MessageBody or MessageAttributes
tests/data/cli/dialects/filters.yaml:72:9: Invalid parameter: Attributes Reason: FilterPolicy: \
Unsupported anything-but pattern: suffix
tests/data/cli/dialects/filters.yaml:81:22: Invalid filter pattern definition. (evmatch: \"body\" \
must be an object or an array)
tests/data/cli/dialects/filters.yaml:89:22: Invalid filter pattern definition. (evmatch: the data \
key \"data\" of a Kinesis source takes a JSON pattern (an object), not a value list)
tests/data/cli/dialects/filters.yaml:102:15: Invalid parameter: Attributes Reason: FilterPolicy: \
prefix match pattern must be a string
tests/data/cli/dialects/filters.yaml:111:28: Invalid filter pattern definition. (evmatch: the data \
key \"dynamodb\" of a DynamoDB source takes a JSON pattern (an object), not a value list)
tests/data/cli/dialects/filters.yaml:129:24: Invalid filter pattern definition. (evmatch: Pipes \
does not support anything-but with prefix)
";

#[test]
fn validate_checks_sns_lambda_sam_and_pipes_filters() {
    let out = evmatch(&["validate", &d("filters.yaml")], b"");
    assert_eq!(stdout(&out), FILTERS_TEXT);
    assert_eq!(
        stderr(&out),
        "tests/data/cli/dialects/filters.yaml:64:21: skipped: filter policy uses the \
         CloudFormation intrinsic function !If in its FilterPolicyScope and cannot be checked \
         offline\n\
         0 patterns checked: 0 valid, 0 invalid, 0 skipped; 16 filters checked: 6 valid, 9 \
         invalid, 1 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_reports_filters_in_every_format() {
    let out = evmatch(&["validate", "--format", "json", &d("filters.yaml")], b"");
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows: Vec<(u64, &str, &str, &str, Option<&str>)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["check"].as_str().unwrap(),
                f["result"].as_str().unwrap(),
                f["pointer"].as_str().unwrap(),
                f["code"].as_str(),
            )
        })
        .collect();
    let policy = "filter-policy";
    let pattern = "filter-pattern";
    let sns = Some("InvalidParameter");
    let lambda = Some("InvalidParameterValueException");
    assert_eq!(
        rows,
        vec![
            (
                21,
                policy,
                "valid",
                "/Resources/GoodPolicy/Properties/FilterPolicy",
                None
            ),
            (
                30,
                policy,
                "invalid",
                "/Resources/NestedInAttributes/Properties/FilterPolicy",
                sns
            ),
            (
                40,
                policy,
                "valid",
                "/Resources/NestedInBody/Properties/FilterPolicy",
                None
            ),
            (
                48,
                policy,
                "invalid",
                "/Resources/SixKeys/Properties/FilterPolicy",
                sns
            ),
            (
                55,
                policy,
                "invalid",
                "/Resources/BadScope/Properties/FilterPolicyScope",
                sns
            ),
            (
                64,
                policy,
                "skipped",
                "/Resources/ComputedScope/Properties/FilterPolicy",
                None
            ),
            (
                72,
                policy,
                "invalid",
                "/Resources/AnythingButSuffix/Properties/FilterPolicy",
                sns
            ),
            (
                80,
                pattern,
                "valid",
                "/Resources/QueueMapping/Properties/FilterCriteria/Filters/0/Pattern",
                None
            ),
            (
                81,
                pattern,
                "invalid",
                "/Resources/QueueMapping/Properties/FilterCriteria/Filters/1/Pattern",
                lambda
            ),
            (
                89,
                pattern,
                "invalid",
                "/Resources/StreamMapping/Properties/FilterCriteria/Filters/0/Pattern",
                lambda
            ),
            (
                102,
                policy,
                "invalid",
                "/Resources/Handler/Properties/Events/Notes/Properties/FilterPolicy",
                sns
            ),
            (
                111,
                pattern,
                "invalid",
                "/Resources/Handler/Properties/Events/Changes/Properties/FilterCriteria/Filters/0/Pattern",
                lambda
            ),
            (
                112,
                pattern,
                "valid",
                "/Resources/Handler/Properties/Events/Changes/Properties/FilterCriteria/Filters/1/Pattern",
                None
            ),
            (
                119,
                pattern,
                "valid",
                "/Resources/Handler/Properties/Events/Orders/Properties/FilterCriteria/Filters/0/Pattern",
                None
            ),
            (
                129,
                pattern,
                "invalid",
                "/Resources/Pipe/Properties/SourceParameters/FilterCriteria/Filters/0/Pattern",
                Some("ValidationException")
            ),
            (
                130,
                pattern,
                "valid",
                "/Resources/Pipe/Properties/SourceParameters/FilterCriteria/Filters/1/Pattern",
                None
            ),
        ]
    );
    assert_eq!(
        report["summary"]["filters"],
        serde_json::json!({"checked": 16, "valid": 6, "invalid": 9, "skipped": 1})
    );

    let out = evmatch(&["validate", "--format", "github", &d("filters.yaml")], b"");
    let github = stdout(&out);
    assert!(github.starts_with(
        "::error file=tests/data/cli/dialects/filters.yaml,line=30,col=9::Invalid parameter: \
         Attributes Reason: Filter policy scope MessageAttributes does not support nested filter \
         policy\n"
    ));
    assert_eq!(github.lines().count(), 10, "{github}");
    assert!(github.contains(
        "::notice file=tests/data/cli/dialects/filters.yaml,line=64,col=21::skipped: filter policy"
    ));

    let out = evmatch(&["validate", "--format", "sarif", &d("filters.yaml")], b"");
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let rules: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "filter-policy",
            "filter-policy",
            "filter-policy",
            "filter-policy",
            "filter-policy",
            "filter-pattern",
            "filter-pattern",
            "filter-policy",
            "filter-pattern",
            "filter-pattern",
        ]
    );
    let declared: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(declared.contains(&"filter-policy") && declared.contains(&"filter-pattern"));
    let first = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (first["startLine"].as_u64(), first["startColumn"].as_u64()),
        (Some(30), Some(9))
    );
}

// --- filter and match --------------------------------------------------------------------------

#[test]
fn filter_selects_sns_messages_and_records() {
    let messages = d("messages.jsonl");
    let out = evmatch(
        &[
            "filter",
            "--dialect",
            "sns-attributes",
            "-n",
            "-e",
            r#"{"store": ["example_corp"]}"#,
            &messages,
        ],
        b"",
    );
    assert_eq!(
        stdout(&out),
        "1:{\"Type\": \"Notification\", \"Message\": \"{\\\"order\\\": {\\\"kind\\\": \\\"buy\\\"}}\", \
         \"MessageAttributes\": {\"store\": {\"Type\": \"String\", \"Value\": \"example_corp\"}, \
         \"price_usd\": {\"Type\": \"Number\", \"Value\": \"210.75\"}}}\n"
    );
    assert_eq!(
        stderr(&out),
        "evmatch: tests/data/cli/dialects/messages.jsonl:3: SNS message: \"Message\" must be a \
         JSON string\n"
    );
    assert_eq!(out.status.code(), Some(2));
    let out = evmatch(
        &[
            "filter",
            "--dialect",
            "sns-body",
            "-c",
            "-e",
            r#"{"order": {"kind": ["buy"]}}"#,
            &messages,
        ],
        b"",
    );
    assert_eq!(stdout(&out), "1\n");
    // A refused filter: the service's message, exit 2.
    let out = evmatch(
        &[
            "filter",
            "--dialect",
            "lambda-kinesis",
            "-e",
            r#"{"data": ["x"]}"#,
        ],
        b"",
    );
    assert_eq!(stderr(&out), "Invalid filter pattern definition.\n");
    assert_eq!(out.status.code(), Some(2));
    let record = std::fs::read_to_string(d("sqs_record.json")).unwrap();
    let line = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&record).unwrap())
        .unwrap();
    let out = evmatch(
        &[
            "filter",
            "--dialect",
            "lambda-sqs",
            "-c",
            "-e",
            r#"{"body": {"RequestCode": ["AAAA"]}}"#,
        ],
        format!("{line}\n{line}\n").as_bytes(),
    );
    assert_eq!(stdout(&out), "2\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn match_runs_many_policies_of_one_dialect() {
    let out = evmatch(
        &[
            "match",
            "--dialect",
            "sns-attributes",
            "--rules",
            &d("policies.json"),
            &d("messages.jsonl"),
        ],
        b"",
    );
    assert_eq!(
        stdout(&out),
        "{\"line\": 1, \"matches\": [\"corp\", \"big\", \"any-store\"]}\n\
         {\"line\": 2, \"matches\": [\"any-store\"]}\n\
         {\"line\": 3, \"error\": \"SNS message: \\\"Message\\\" must be a JSON string\"}\n"
    );
    assert_eq!(out.status.code(), Some(1));
    let out = evmatch(
        &[
            "match",
            "--dialect",
            "sns-attributes",
            "--explain",
            "corp",
            "--rules",
            &d("policies.json"),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--explain"), "{}", stderr(&out));
}

#[test]
fn a_rules_file_in_a_dialect_is_checked_by_that_dialect_alone() {
    let dir = std::env::temp_dir().join(format!("evmatch-dialect-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("policies.jsonl");
    // `{}` is no EventBridge pattern, but an SNS policy that lets every message through.
    std::fs::write(
        &rules,
        "{\"id\": \"all\", \"pattern\": {}}\n{\"id\": \"corp\", \"pattern\": {\"store\": [\"corp\"]}}\n",
    )
    .unwrap();
    let messages = "{\"Message\": \"m\", \"MessageAttributes\": {\"store\": {\"Type\": \"String\", \"Value\": \"corp\"}}}\n\
                    {\"Message\": \"m\"}\n";
    let rules_arg = rules.to_str().unwrap();
    let out = evmatch(
        &["match", "--dialect", "sns-attributes", "--rules", rules_arg],
        messages.as_bytes(),
    );
    assert_eq!(
        stdout(&out),
        "{\"line\": 1, \"matches\": [\"all\", \"corp\"]}\n{\"line\": 2, \"matches\": [\"all\"]}\n",
        "{}",
        stderr(&out)
    );
    // The same file as EventBridge patterns: `{}` is refused with EventBridge's text.
    let out = evmatch(&["match", "--rules", rules_arg], messages.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(":1: rule \"all\""),
        "{}",
        stderr(&out)
    );
    // A policy SNS refuses stops the load with SNS's message, on its line.
    std::fs::write(
        &rules,
        "{\"id\": \"ok\", \"pattern\": {}}\n{\"id\": \"bad\", \"pattern\": {\"a\": {\"b\": [\"c\"]}}}\n",
    )
    .unwrap();
    let out = evmatch(
        &["match", "--dialect", "sns-attributes", "--rules", rules_arg],
        messages.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("evmatch: {rules_arg}:2: Invalid parameter: ")),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn validate_reads_sources_from_arns_resources_and_parameters_in_json_templates() {
    let out = evmatch(&["validate", &d("filters.json")], b"");
    assert_eq!(
        stdout(&out),
        "tests/data/cli/dialects/filters.json:10:25: Invalid parameter: Attributes Reason: \
         FilterPolicy: Value must be between -5.0E9 and 5.0E9, inclusive\n\
         tests/data/cli/dialects/filters.json:24:52: Invalid filter pattern definition. (evmatch: \
         \"a\" must be an object or an array)\n\
         tests/data/cli/dialects/filters.json:32:54: Invalid filter pattern definition. (evmatch: \
         the data key \"dynamodb\" of a DynamoDB source takes a JSON pattern (an object), not a \
         value list)\n"
    );
    assert_eq!(
        stderr(&out),
        "0 patterns checked: 0 valid, 0 invalid, 0 skipped; 5 filters checked: 2 valid, 3 \
         invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_pipes_filter_is_found_with_the_patterns_and_carries_its_dialect() {
    use evmatch::dialect::Dialect;
    use evmatch_cli::discovery::{FileKind, patterns_in};

    let text = std::fs::read_to_string(d("filters.yaml")).unwrap();
    let found = patterns_in(&text, FileKind::Template).unwrap();
    let got: Vec<(usize, Dialect)> = found.iter().map(|f| (f.line, f.dialect)).collect();
    // The pipe's source is `!GetAtt Stream.Arn`, an AWS::Kinesis::Stream of the template.
    assert_eq!(
        got,
        [(129, Dialect::PipesKinesis), (130, Dialect::PipesKinesis)]
    );
    let text = std::fs::read_to_string(d("filters.json")).unwrap();
    let found = patterns_in(&text, FileKind::Template).unwrap();
    let got: Vec<Dialect> = found.iter().map(|f| f.dialect).collect();
    // A literal DynamoDB stream ARN; an unknown `Ref`, then the RabbitMQ parameters.
    assert_eq!(got, [Dialect::PipesDynamoDb, Dialect::PipesMq]);
}

#[test]
fn validate_dialect_reads_policy_and_filter_files() {
    let out = evmatch(
        &[
            "validate",
            "--dialect",
            "sns-attributes",
            &d("policies.jsonl"),
            &d("sns_policy.json"),
        ],
        b"",
    );
    assert_eq!(
        stdout(&out),
        "tests/data/cli/dialects/policies.jsonl:2:1: Invalid parameter: Filter policy scope \
         MessageAttributes does not support nested filter policy\n\
         tests/data/cli/dialects/policies.jsonl:4:1: Invalid parameter: FilterPolicy: Unsupported \
         anything-but pattern: suffix\n"
    );
    assert_eq!(
        stderr(&out),
        "0 patterns checked: 0 valid, 0 invalid, 0 skipped; 4 filters checked: 2 valid, 2 \
         invalid, 0 skipped\n"
    );
    assert_eq!(out.status.code(), Some(1));
    // The same file as EventBridge patterns: all valid.
    let out = evmatch(&["validate", &d("policies.jsonl")], b"");
    assert_eq!(
        stderr(&out),
        "3 patterns checked: 3 valid, 0 invalid, 0 skipped\n"
    );
    let out = evmatch(&["validate", "--dialect", "sns", &d("policies.jsonl")], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("evmatch: unknown dialect 'sns'"));
}
