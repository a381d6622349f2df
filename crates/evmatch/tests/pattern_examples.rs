//! Example events (`Pattern::example_event`, `Pattern::example_events`): every example must
//! match its pattern, by the reference evaluator (`Pattern::matches_json`) and by a `Machine`;
//! only a `numeric` range with no comparable number inside may make a branch unsatisfiable.
//!
//! Checked on every valid pattern of the spec examples and of the event-ruler vectors, and as a
//! property over random valid patterns of every operator (generators in the style of
//! `machine_differential.rs`, with free-form strings and numbers added). Case count:
//! `PROPTEST_CASES` (default 5,000).

use evmatch::{Machine, Pattern};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::Value;

mod common;
use common::{jsonl, load};

/// Every branch's example matches the pattern; an unsatisfiable branch is blamed on a numeric
/// range. Returns the number of examples checked.
fn check(pattern_text: &str) -> Result<usize, String> {
    let Ok(pattern) = Pattern::parse(pattern_text) else {
        return Ok(0);
    };
    let mut machine = Machine::new();
    machine.add_pattern(0u8, &pattern);
    let examples = pattern.example_events();
    let mut checked = 0;
    for example in &examples {
        match example {
            Ok(event) => {
                let by_reference = pattern.matches_json(event);
                let by_machine = machine.matches_for_event(event.as_bytes());
                if by_reference != Ok(true) || by_machine != Ok(vec![0]) {
                    return Err(format!(
                        "{pattern_text}: example {event} gives {by_reference:?} / {by_machine:?}"
                    ));
                }
                checked += 1;
            }
            Err(why) if why.reason().contains("numeric") => {}
            Err(why) => return Err(format!("{pattern_text}: {why}")),
        }
    }
    // The first satisfiable branch's example, or the first branch's reason.
    let first = examples.iter().find(|e| e.is_ok()).unwrap_or(&examples[0]);
    if &pattern.example_event() != first {
        return Err(format!(
            "{pattern_text}: example_event is not the first one"
        ));
    }
    Ok(checked)
}

#[test]
fn spec_and_vector_patterns_have_matching_examples() {
    let mut patterns: Vec<String> = Vec::new();
    let examples: Value = serde_json::from_str(&load("spec/examples.json")).unwrap();
    for case in examples["match"].as_array().unwrap() {
        patterns.push(case["pattern"].as_str().unwrap().to_string());
    }
    for case in jsonl("event-ruler-vectors/match.jsonl") {
        patterns.push(case["pattern"].as_str().unwrap().to_string());
    }
    for case in jsonl("event-ruler-vectors/machine.jsonl") {
        for list in case["rules"].as_object().unwrap().values() {
            for p in list.as_array().unwrap() {
                patterns.push(p.as_str().unwrap().to_string());
            }
        }
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for p in &patterns {
        match check(p) {
            Ok(n) => checked += n,
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= patterns.len(),
        "{checked} examples for {} patterns",
        patterns.len()
    );
}

#[test]
fn unsatisfiable_branches_name_path_and_range() {
    let p = Pattern::parse(
        r#"{"detail": {"$or": [{"a": [{"numeric": [">", 0, "<", 4.9e-324]}]}, {"b": [{"exists": false}]}]}}"#,
    )
    .unwrap();
    let all = p.example_events();
    assert_eq!(all.len(), 2);
    let why = all[0].as_ref().unwrap_err();
    assert_eq!(why.branch(), 0);
    assert_eq!(why.path(), "detail.a");
    assert_eq!(
        why.to_string(),
        r#"no event matches branch 1 of the pattern: "detail.a" needs {"numeric":[">",0,"<",4.9e-324]}, and no number evmatch can compare lies in that range"#
    );
    assert_eq!(all[1].as_deref(), Ok("{}"));
    assert_eq!(p.example_event().as_deref(), Ok("{}"));

    // No branch satisfiable: the first branch's reason.
    let p = Pattern::parse(
        r#"{"$or": [{"a": [{"numeric": [">", 1, "<", 1.0000000000000002]}]}, {"b": [{"numeric": [">", 1.7976931348623157e308]}]}]}"#,
    )
    .unwrap();
    let why = p.example_event().unwrap_err();
    assert_eq!((why.branch(), why.path()), (0, "a"));
    assert_eq!(p.example_events()[1].as_ref().unwrap_err().path(), "b");
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const KEYS: &[&str] = &[
    "a", "b", "a.b", "b.c", "", "é", "$or", "a..b", ".a", "x.y.z",
];
const STRINGS: &[&str] = &[
    "x",
    "",
    "X",
    "aBc",
    "10.0.0.1",
    "010.0.0.1",
    "é",
    "straße",
    "x\\\"",
    "\\u0078",
    "😀",
    "\\ud83d",
    "a*b",
    "null",
    "A.PNG",
    "::1",
];
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "0.0",
    "1",
    "1e0",
    "10E-1",
    "-5",
    "3.0e2",
    "0.1",
    "9007199254740993",
    "1e400",
    "123456789012345678901",
    "-1.5e3",
    "5e9",
    "1.7976931348623157e308",
    "4.9e-324",
    "1.0000000000000002",
];

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

/// A JSON string: a listed one, or free text (escaped as JSON).
fn string_lit() -> BoxedStrategy<String> {
    prop_oneof![
        prop::sample::select(STRINGS).prop_map(q),
        "[a-zA-Zß.*\\\\\"é ]{0,6}".prop_map(|s| Value::from(s).to_string()),
    ]
    .boxed()
}

/// A JSON number: a listed one, or any finite double in some spelling.
fn number_lit() -> BoxedStrategy<String> {
    prop_oneof![
        prop::sample::select(NUMBERS).prop_map(str::to_string),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| format!("{x:e}")),
        (-1000i64..1000).prop_map(|x| x.to_string()),
    ]
    .boxed()
}

fn str_list(s: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop_oneof![
        s.clone(),
        prop::collection::vec(s, 1..4).prop_map(|v| format!("[{}]", v.join(","))),
    ]
    .boxed()
}

fn numeric() -> BoxedStrategy<String> {
    let op = |ops: &'static [&'static str]| prop::sample::select(ops);
    prop_oneof![
        (op(&["=", "<", "<=", ">", ">="]), number_lit())
            .prop_map(|(o, v)| format!("{{\"numeric\":[\"{o}\",{v}]}}")),
        (
            op(&[">", ">="]),
            number_lit(),
            op(&["<", "<="]),
            number_lit()
        )
            .prop_map(|(lo, a, hi, b)| format!("{{\"numeric\":[\"{lo}\",{a},\"{hi}\",{b}]}}")),
    ]
    .boxed()
}

fn matcher() -> BoxedStrategy<String> {
    let ip = prop::sample::select(
        &[
            "10.0.0.0/24",
            "10.0.0.5/8",
            "0.0.0.0/0",
            "2001:db8::/32",
            "::/0",
            "ffff::1/127",
        ][..],
    );
    prop_oneof![
        3 => string_lit(),
        2 => number_lit(),
        1 => prop::sample::select(&["true", "false", "null"][..]).prop_map(str::to_string),
        1 => string_lit().prop_map(|s| format!("{{\"prefix\":{s}}}")),
        1 => string_lit().prop_map(|s| format!("{{\"suffix\":{s}}}")),
        1 => string_lit().prop_map(|s| format!("{{\"prefix\":{{\"equals-ignore-case\":{s}}}}}")),
        1 => string_lit().prop_map(|s| format!("{{\"suffix\":{{\"equals-ignore-case\":{s}}}}}")),
        1 => string_lit().prop_map(|s| format!("{{\"equals-ignore-case\":{s}}}")),
        1 => string_lit().prop_map(|s| format!("{{\"exactly\":{s}}}")),
        1 => string_lit().prop_map(|s| format!("{{\"wildcard\":{s}}}")),
        3 => numeric(),
        2 => prop::bool::ANY.prop_map(|b| format!("{{\"exists\":{b}}}")),
        1 => ip.prop_map(|s| format!("{{\"cidr\":\"{s}\"}}")),
        1 => str_list(string_lit()).prop_map(|s| format!("{{\"anything-but\":{s}}}")),
        1 => str_list(number_lit()).prop_map(|s| format!("{{\"anything-but\":{s}}}")),
        1 => str_list(string_lit()).prop_map(|s| format!("{{\"anything-but\":{{\"prefix\":{s}}}}}")),
        1 => str_list(string_lit()).prop_map(|s| format!("{{\"anything-but\":{{\"suffix\":{s}}}}}")),
        1 => str_list(string_lit())
            .prop_map(|s| format!("{{\"anything-but\":{{\"equals-ignore-case\":{s}}}}}")),
        1 => str_list(string_lit())
            .prop_map(|s| format!("{{\"anything-but\":{{\"wildcard\":{s}}}}}")),
    ]
    .boxed()
}

/// A pattern object (members may repeat; `$or` as operator or as a name).
fn pattern_object(depth: u32) -> BoxedStrategy<String> {
    let value_list =
        prop::collection::vec(matcher(), 1..4).prop_map(|v| format!("[{}]", v.join(",")));
    let key = prop::sample::select(KEYS).prop_map(q);
    let member: BoxedStrategy<String> = if depth == 0 {
        (key, value_list)
            .prop_map(|(k, v)| format!("{k}:{v}"))
            .boxed()
    } else {
        prop_oneof![
            4 => (key.clone(), value_list).prop_map(|(k, v)| format!("{k}:{v}")),
            1 => (key, pattern_object(depth - 1)).prop_map(|(k, v)| format!("{k}:{v}")),
            1 => prop::collection::vec(pattern_object(depth - 1), 2..4)
                .prop_map(|bs| format!("\"$or\":[{}]", bs.join(","))),
        ]
        .boxed()
    };
    prop::collection::vec(member, 1..5)
        .prop_map(|ms| format!("{{{}}}", ms.join(",")))
        .boxed()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_generated_example_matches(pattern in pattern_object(3)) {
        check(&pattern).map_err(TestCaseError::fail)?;
    }
}
