//! Validation beyond the worked examples: limits, `$or` passes, JSON syntax errors, valid-but-odd
//! patterns, TestEventPattern's event checks, hostile input.

mod common;

use common::branches;
use evmatch::{Error, Pattern, PatternLimits, test_event_pattern};

/// AWS's reason for a wildcard set that is too non-deterministic.
const TOO_COMPLEX: &str = "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";

fn reason(pattern: &str) -> String {
    match Pattern::parse(pattern) {
        Err(Error::InvalidEventPattern(e)) => e.reason().to_string(),
        other => panic!("{pattern}: expected a pattern error, got {other:?}"),
    }
}

fn valid(pattern: &str) -> Pattern {
    Pattern::parse(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"))
}

const EVENT: &str = r#"{"id":"1","account":"123456789012","source":"aws.ec2","time":"2026-11-27T00:00:00Z","region":"us-east-1","detail-type":"x","detail":{"state":"running"}}"#;

#[test]
fn or_first_pass_texts_are_reported() {
    // `$or` as operator (pass 1) and as a field name (pass 2) both fail: pass 1's reason is
    // reported.
    let cases = [
        (
            r#"{"$or":[{"a":["1"]}]}"#,
            "There must have at least 2 Objects in $or relationship.",
        ),
        (
            r#"{"$or":[]}"#,
            "There must have at least 2 Objects in $or relationship.",
        ),
        (r#"{"$or":"x"}"#, "It must be an Array followed with $or."),
        (r#"{"$or":[{},{}]}"#, "Empty objects are not allowed"),
        (
            r#"{"$or":[{"numeric":123},{"prefix":"abc"}]}"#,
            "numeric is Ruler reserved fieldName which cannot be used inside $or.",
        ),
        (
            r#"{"$or":[{"a":[{"prefix":5}]},{"b":["2"]}]}"#,
            "prefix match pattern must be a string",
        ),
        (
            r#"{"a":[{"anything-but":{"wildcard":5}}]}"#,
            "wildcard match pattern must be a string",
        ),
        (
            r#"{"a":[{"anything-but":{"wildcard":"a**"}}]}"#,
            "Consecutive wildcard characters at pos 2",
        ),
        (
            r#"{"a":[{"anything-but":{"equals-ignore-case":5}}]}"#,
            "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
        ),
        (
            r#"{"a":[{"anything-but":{"prefix":[""]}}]}"#,
            "Null prefix/suffix not allowed",
        ),
        (
            r#"{"a":[{"anything-but":{"prefix":"a","suffix":"b"}}]}"#,
            "Too many elements in numeric expression",
        ),
        (
            r#"{"$or":[{"a":["1"]},["x"]]}"#,
            "Only JSON object is allowed in array of $or relationship.",
        ),
    ];
    for (pattern, want) in cases {
        assert_eq!(reason(pattern), want, "{pattern}");
    }
}

#[test]
fn literal_or_patterns_are_valid_through_the_second_pass() {
    let cases = [
        (r#"{"$or":["a","b"]}"#, r#"{"$or":"a"}"#),
        (r#"{"$or":[1,2]}"#, r#"{"$or":2}"#),
        (r#"{"$or":{"m":["1"]}}"#, r#"{"$or":{"m":"1"}}"#),
        (
            r#"{"$or":[{"prefix":"a"},{"suffix":"b"}]}"#,
            r#"{"$or":"abc"}"#,
        ),
        (
            r#"{"$or":[{"cidr":"10.0.0.0/24"}]}"#,
            r#"{"$or":"10.0.0.7"}"#,
        ),
        (
            r#"{"detail":{"$or":[{"numeric":[">",0,"<=",5]},{"cidr":"10.0.0.0/8"}]}}"#,
            r#"{"detail":{"$or":3}}"#,
        ),
    ];
    for (pattern, event) in cases {
        assert!(valid(pattern).matches_json(event).unwrap(), "{pattern}");
    }
}

#[test]
fn or_combination_limit() {
    let or2 = |i: usize| format!(r#""$or":[{{"a{i}":["x"]}},{{"b{i}":["y"]}}]"#);
    let nested = |n: usize| {
        // n parallel $or, each inside its own object so member names differ.
        let parts: Vec<String> = (0..n)
            .map(|i| format!(r#""o{i}":{{{}}}"#, or2(i)))
            .collect();
        format!("{{{}}}", parts.join(","))
    };
    assert_eq!(branches(&valid(&nested(9))), 512);
    assert_eq!(
        reason(&nested(10)),
        "Event pattern contains more than 1000 rule combinations"
    );
    let raised = PatternLimits::default().with_max_or_combinations(2000);
    assert_eq!(
        branches(&Pattern::parse_with(&nested(10), &raised).unwrap()),
        1024
    );
    let lowered = PatternLimits::default().with_max_or_combinations(100);
    match Pattern::parse_with(&nested(7), &lowered) {
        Err(evmatch::Error::InvalidEventPattern(e)) => {
            assert_eq!(
                e.reason(),
                "Event pattern contains more than 100 rule combinations"
            );
            assert_eq!(
                e.reason(),
                "Event pattern contains more than 100 rule combinations"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn wildcard_complexity_limit() {
    let field = |ws: &[&str]| {
        let list: Vec<String> = ws
            .iter()
            .map(|w| format!(r#"{{"wildcard":"{w}"}}"#))
            .collect();
        format!(r#"{{"key":[{}]}}"#, list.join(","))
    };
    // Accepted and rejected on AWS.
    valid(&field(&["*.bif", "*.tiff", "*.tif", "*.svs"]));
    valid(&field(&["*/datasync/*.bif", "*/datasync/*.tif"]));
    valid(&field(&["*:stack/a/*", "*:stack/b/*", "*:stack/c/*"]));
    for rejected in [
        field(&[
            "*/datasync/*.bif",
            "*/datasync/*.tif",
            "*/datasync/*.tiff",
            "*/datasync/*.svs",
        ]),
        field(&["*:stack/a/*", "*:stack/b/*", "*:stack/c/*", "*:stack/d/*"]),
        field(&["*a*a*a*a*a*"]),
    ] {
        let err = Pattern::parse(&rejected).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("Event pattern is not valid. Reason: {TOO_COMPLEX}")
        );
    }
    // anything-but wildcards count, and so do wildcards spread over $or branches.
    assert_eq!(
        reason(r#"{"k":[{"anything-but":{"wildcard":["*.a","*.b","*.c","*.d","*.e","*.f"]}}]}"#),
        TOO_COMPLEX
    );
    assert_eq!(
        reason(r#"{"$or":[{"k":[{"wildcard":"*a*a*a*"}]},{"k":[{"wildcard":"*b*b*b*"}]}]}"#),
        TOO_COMPLEX
    );
    let lenient = PatternLimits::default().with_max_wildcard_complexity(100);
    assert!(Pattern::parse_with(&field(&["*a*a*a*a*a*"]), &lenient).is_ok());
}

#[test]
fn pattern_size_limit() {
    let fits = format!(r#"{{"a":["{}"]}}"#, "x".repeat(4096 - 10));
    assert_eq!(fits.encode_utf16().count(), 4096);
    valid(&fits);
    let over = format!(r#"{{"a":["{}"]}}"#, "x".repeat(4096 - 9));
    let err = Pattern::parse(&over).unwrap_err();
    assert_eq!(err.code().as_str(), "ValidationException");
    assert!(
        err.to_string()
            .starts_with("1 validation error detected: Value '")
    );
    assert!(err.to_string().ends_with(
        "at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096"
    ));
    // Characters are UTF-16 units, as AWS counts them.
    let astral = format!(r#"{{"a":["{}"]}}"#, "😀".repeat(2044));
    assert!(Pattern::parse(&astral).is_err());
}

#[test]
fn fields_per_branch_limit() {
    let fields = |n: usize| {
        let parts: Vec<String> = (0..n).map(|i| format!(r#""f{i}":[1]"#)).collect();
        format!("{{{}}}", parts.join(","))
    };
    valid(&fields(256));
    assert_eq!(
        reason(&fields(257)),
        "Size of rule 'TestEventPattern' exceeds max value of 256"
    );
}

#[test]
fn json_syntax_errors_use_jacksons_wording() {
    let cases = [
        (
            r#"{"a":["x"],}"#,
            "Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
        ),
        (
            r#"{'a':['x']}"#,
            "Unexpected character (''' (code 39)): was expecting double-quote to start field name",
        ),
        (
            r#"{a:["x"]}"#,
            "Unexpected character ('a' (code 97)): was expecting double-quote to start field name",
        ),
        (
            r#"{"a" ["x"]}"#,
            "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value",
        ),
        (
            r#"{"a":["x",]}"#,
            "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        ),
        (
            r#"{"a":[.5]}"#,
            "Unexpected character ('.' (code 46)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        ),
        (
            r#"{"a":[+1]}"#,
            "Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow",
        ),
        (
            r#"{"a":[1.]}"#,
            "Unexpected character (']' (code 93)) in numeric value: Decimal point not followed by a digit",
        ),
        (
            r#"{"a":[-]}"#,
            "Unexpected character (']' (code 93)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
        ),
        (
            r#"{"a":[01]}"#,
            "Invalid numeric value: Leading zeroes not allowed",
        ),
        (
            r#"{"a":[NaN]}"#,
            "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow",
        ),
        (
            r#"{"a":[TRUE]}"#,
            "Unrecognized token 'TRUE': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        ),
        (
            r#"{"a":["\q"]}"#,
            "Unrecognized character escape 'q' (code 113)",
        ),
        (
            r#"{"a":["x]}"#,
            "Unexpected end-of-input: was expecting closing quote for a string value",
        ),
        (
            r#"{"a":["x"]"#,
            "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)\"{\"a\":[\"x\"]\"; line: 1, column: 1])",
        ),
        (
            r#"{"a":["x"] /* c */}"#,
            "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
        ),
        (
            "{\"a\":[\"\u{1}\"]}",
            "Illegal unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be included in string value",
        ),
        (
            r#"{\"detail\": 1}"#,
            "Unexpected character ('\\' (code 92)): was expecting double-quote to start field name",
        ),
        (
            r#"{"a":["x"}"#,
            "Unexpected close marker '}': expected ']' (for Array starting at [Source: (String)\"{\"a\":[\"x\"}\"; line: 1, column: 6])",
        ),
    ];
    for (pattern, want) in cases {
        assert_eq!(reason(pattern), want, "{pattern}");
    }
    // A semantic error earlier in the text wins over a syntax error later.
    assert_eq!(
        reason(r#"{"a":1, "b": ]"#),
        "\"a\" must be an object or an array"
    );
}

#[test]
fn valid_patterns_that_look_invalid() {
    for pattern in [
        r#"{"a":[{"prefix":""}]}"#,
        r#"{"a":[{"suffix":""}]}"#,
        r#"{"a":[{"equals-ignore-case":""}]}"#,
        r#"{"a":[{"wildcard":""}]}"#,
        r#"{"a":[{"prefix":{"equals-ignore-case":""}}]}"#,
        r#"{"a":[{"anything-but":""}]}"#,
        r#"{"a":[{"anything-but":{"equals-ignore-case":""}}]}"#,
        r#"{"a":[{"anything-but":{"wildcard":""}}]}"#,
        r#"{"a":[{"exactly":"x"}]}"#,
        r#"{"a":[1e400]}"#,
        r#"{"a":[123456789012345678901234567890]}"#,
        r#"{"a":[{"cidr":"10.0.0.0/+24"}]}"#,
        r#"{"a":[{"cidr":"1.2.3.4/-0"}]}"#,
        r#"{"a":[{"cidr":"10.0.0.5/24"}]}"#,
        r#"{"a":[{"wildcard":"a\\**"}]}"#,
        r#"{"a":["1"],"a":["2"]}"#,
        r#"{"a":[{"exists":true},{"exists":false}]}"#,
        r#"{"a":[{"exists":false},"x"]}"#,
        r#"{"a":["x","x"]}"#,
        r#"{"a":[{"prefix":"x"},{"prefix":"x"}]}"#,
        r#"{"":["x"],"$OR":["y"],"a.b":["z"]}"#,
        r#"{"a":["x"]} junk"#,
        r#"{"a":["x"]}{"b":1}"#,
    ] {
        valid(pattern);
    }
}

#[test]
fn library_defects_are_accepted_and_behave() {
    // Empty anything-but sub-lists exclude nothing: every present leaf matches.
    for op in ["prefix", "suffix", "equals-ignore-case", "wildcard"] {
        let p = valid(&format!(r#"{{"a":[{{"anything-but":{{"{op}":[]}}}}]}}"#));
        assert!(p.matches_json(r#"{"a":"x"}"#).unwrap());
        assert!(p.matches_json(r#"{"a":5}"#).unwrap());
        assert!(!p.matches_json(r#"{"b":"x"}"#).unwrap());
    }
    // Ranges beyond the largest double never match.
    let p = valid(r#"{"a":[{"numeric":[">",1.7976931348623157e308]}]}"#);
    assert!(!p.matches_json(r#"{"a":1.7976931348623157e308}"#).unwrap());
    let p = valid(r#"{"a":[{"numeric":["<",-1.7976931348623157e308]}]}"#);
    assert!(!p.matches_json(r#"{"a":-1.7976931348623157e308}"#).unwrap());
}

#[test]
fn cannot_compare_positions() {
    // Single anything-but number: no location suffix; in a list: one.
    let single = match Pattern::parse(r#"{"a":[{"anything-but":1e400}]}"#) {
        Err(Error::InvalidEventPattern(e)) => e,
        other => panic!("{other:?}"),
    };
    assert!(single.locations().is_empty());
    assert_eq!(
        single.to_string(),
        "Event pattern is not valid. Reason: Cannot compare number : 1e400"
    );
    // Range operands are checked once the range is complete.
    assert_eq!(
        reason(r#"{"a":[{"numeric":[">",1e400,"x",5]}]}"#),
        "Bad numeric range operator: x"
    );
    assert_eq!(
        reason(r#"{"a":[{"numeric":[">",1e400,"<",5]}]}"#),
        "Cannot compare number : 1e400"
    );
}

#[test]
fn test_event_pattern_checks_the_event() {
    assert!(test_event_pattern(r#"{"detail":{"state":["running"]}}"#, EVENT).unwrap());
    assert!(!test_event_pattern(r#"{"detail":{"state":["stopped"]}}"#, EVENT).unwrap());
    for event in [
        r#"{"source":"aws.ec2"}"#,
        "[]",
        "not json",
        "",
        r#""string""#,
        r#"{"id":"1","account":"1","source":"s","time":"t","region":"r"}"#,
    ] {
        let err = test_event_pattern(r#"{"source":["aws.ec2"]}"#, event).unwrap_err();
        assert_eq!(err.code().as_str(), "ValidationException", "{event}");
        assert_eq!(err.to_string(), "Parameter Event is not valid.");
    }
    // `resources` is not enforced; extra members are matchable.
    assert!(test_event_pattern(r#"{"detail-type":["x"]}"#, EVENT).unwrap());
    let err = test_event_pattern(r#"{"source":"aws.ec2"}"#, EVENT).unwrap_err();
    assert_eq!(err.code().as_str(), "InvalidEventPatternException");
}

#[test]
fn hostile_input_gets_errors_not_panics() {
    let deep_pattern = format!("{}{}", r#"{"a":"#.repeat(2000), "1}");
    assert!(Pattern::parse(&deep_pattern).is_err());
    let p = valid(r#"{"a":["x"]}"#);
    let deep_event = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(p.matches_json(&deep_event).is_err());
    let deep_object = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    assert!(p.matches_json(&deep_object).is_err());
    // Huge numbers, lone surrogates, control characters, BOMs.
    assert!(
        !p.matches_json(&format!(r#"{{"a":{}}}"#, "9".repeat(400)))
            .unwrap()
    );
    assert!(
        valid(r#"{"a":["\ud83d"]}"#)
            .matches_json(r#"{"a":"?"}"#)
            .unwrap()
    );
    assert!(p.matches_json("{\"a\":\"x\u{0}\"}").is_err());
    assert!(p.matches_json("\u{feff}{\"a\":\"x\"}").is_err());
    assert!(Pattern::parse("\u{feff}{\"a\":[\"x\"]}").is_err());
    // Many values are linear, not quadratic.
    let many: Vec<String> = (0..300).map(|i| format!("\"v{i}\"")).collect();
    valid(&format!(r#"{{"a":[{}]}}"#, many.join(",")));
}

#[test]
fn pattern_from_str() {
    let p: Pattern = r#"{"a":["x"]}"#.parse().unwrap();
    assert!(p.matches(&serde_json::json!({"a": "x"})));
    assert!(!p.matches(&serde_json::json!(["x"])));
}
