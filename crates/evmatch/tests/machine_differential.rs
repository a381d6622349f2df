//! Differential tests: a `Machine` holding several random patterns must give, for every random
//! event, exactly the rules whose pattern matches it according to the reference evaluator
//! (`Pattern::matches_json`). Also: the machine accepts exactly the events the reference parser
//! accepts, with the same error text.
//!
//! Case counts: `PROPTEST_CASES` (default 5,000 per property, 3 properties). Long run:
//! `PROPTEST_CASES=1000000 cargo test --release --test machine_differential`.

use evmatch::{Machine, Pattern};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config() -> ProptestConfig {
    let cases = cases(5000);
    ProptestConfig {
        cases,
        // Filtered generators reject some inputs; allow that in proportion to long runs.
        max_local_rejects: cases.saturating_mul(16).max(65_536),
        max_global_rejects: cases.saturating_mul(16).max(1024),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const KEYS: &[&str] = &["a", "b", "c", "a.b", "b.c", "", "é", "$or"];
const STRINGS: &[&str] = &[
    "x",
    "y",
    "",
    "X",
    "ab",
    "abc",
    "aBc",
    "10.0.0.1",
    "010.0.0.1",
    "10.0.0.200",
    "é",
    "É",
    "straße",
    "STRASSE",
    "x\\\"",
    "\\u0078",
    "\\ud83d",
    "😀",
    "a*b",
    "1",
    "null",
    "true",
    "a.png",
    "A.PNG",
];
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "0.0",
    "1",
    "1.0",
    "1e0",
    "10E-1",
    "5",
    "-5",
    "300",
    "3.0e2",
    "0.1",
    "0.10",
    "9007199254740993",
    "1e400",
    "123456789012345678901",
    "2.5",
    "-1.5e3",
    "1e9",
];

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

fn string_lit() -> impl Strategy<Value = String> {
    prop::sample::select(STRINGS).prop_map(q)
}

fn number_lit() -> impl Strategy<Value = String> {
    prop::sample::select(NUMBERS).prop_map(str::to_string)
}

fn short_str() -> impl Strategy<Value = String> {
    prop::sample::select(&["a", "x", "ab", "A", "", ".png", "ß", "*", "\\\""][..]).prop_map(q)
}

fn wildcard() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "*", "a*", "*b", "a*c", "x*y*z", "", "ab", "*.png", "a\\\\*b",
        ][..],
    )
    .prop_map(q)
}

fn str_list(s: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop_oneof![
        s.clone(),
        prop::collection::vec(s, 1..3).prop_map(|v| format!("[{}]", v.join(","))),
    ]
    .boxed()
}

fn numeric() -> impl Strategy<Value = String> {
    let n = prop::sample::select(&["0", "1", "5", "-5", "300", "0.1", "2.5", "1e9"][..]);
    prop_oneof![
        (
            prop::sample::select(&["=", "<", "<=", ">", ">="][..]),
            n.clone()
        )
            .prop_map(|(o, v)| format!("{{\"numeric\":[\"{o}\",{v}]}}")),
        (
            prop::sample::select(&[">", ">="][..]),
            prop::sample::select(&["<", "<="][..]),
            n.clone(),
            n
        )
            .prop_filter_map("low < high", |(lo, hi, a, b)| {
                let (x, y): (f64, f64) = (a.parse().unwrap(), b.parse().unwrap());
                (x < y).then(|| format!("{{\"numeric\":[\"{lo}\",{a},\"{hi}\",{b}]}}"))
            }),
    ]
}

fn matcher() -> BoxedStrategy<String> {
    prop_oneof![
        3 => string_lit(),
        2 => number_lit(),
        1 => prop::sample::select(&["true", "false", "null"][..]).prop_map(str::to_string),
        1 => short_str().prop_map(|s| format!("{{\"prefix\":{s}}}")),
        1 => short_str().prop_map(|s| format!("{{\"suffix\":{s}}}")),
        1 => short_str().prop_map(|s| format!("{{\"prefix\":{{\"equals-ignore-case\":{s}}}}}")),
        1 => short_str().prop_map(|s| format!("{{\"suffix\":{{\"equals-ignore-case\":{s}}}}}")),
        1 => string_lit().prop_map(|s| format!("{{\"equals-ignore-case\":{s}}}")),
        1 => string_lit().prop_map(|s| format!("{{\"exactly\":{s}}}")),
        1 => wildcard().prop_map(|s| format!("{{\"wildcard\":{s}}}")),
        2 => numeric(),
        2 => prop::bool::ANY.prop_map(|b| format!("{{\"exists\":{b}}}")),
        1 => prop::sample::select(&["10.0.0.0/24", "10.0.0.5/8", "2001:db8::/32"][..])
            .prop_map(|s| format!("{{\"cidr\":\"{s}\"}}")),
        1 => str_list(string_lit().boxed()).prop_map(|s| format!("{{\"anything-but\":{s}}}")),
        1 => str_list(number_lit().boxed()).prop_map(|s| format!("{{\"anything-but\":{s}}}")),
        1 => str_list(short_str().prop_filter("non-empty", |s| s != "\"\"").boxed())
            .prop_map(|s| format!("{{\"anything-but\":{{\"prefix\":{s}}}}}")),
        1 => str_list(short_str().prop_filter("non-empty", |s| s != "\"\"").boxed())
            .prop_map(|s| format!("{{\"anything-but\":{{\"suffix\":{s}}}}}")),
        1 => str_list(short_str().boxed())
            .prop_map(|s| format!("{{\"anything-but\":{{\"equals-ignore-case\":{s}}}}}")),
        1 => str_list(wildcard().boxed())
            .prop_map(|s| format!("{{\"anything-but\":{{\"wildcard\":{s}}}}}")),
    ]
    .boxed()
}

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(KEYS).prop_map(q)
}

/// A pattern object (members may repeat; `$or` may appear as operator or as a name).
fn pattern_object(depth: u32) -> BoxedStrategy<String> {
    let value_list =
        prop::collection::vec(matcher(), 1..4).prop_map(|v| format!("[{}]", v.join(",")));
    let member: BoxedStrategy<String> = if depth == 0 {
        (key(), value_list)
            .prop_map(|(k, v)| format!("{k}:{v}"))
            .boxed()
    } else {
        prop_oneof![
            4 => (key(), value_list).prop_map(|(k, v)| format!("{k}:{v}")),
            1 => (key(), pattern_object(depth - 1)).prop_map(|(k, v)| format!("{k}:{v}")),
            1 => prop::collection::vec(pattern_object(depth - 1), 2..4)
                .prop_map(|bs| format!("\"$or\":[{}]", bs.join(","))),
        ]
        .boxed()
    };
    prop::collection::vec(member, 1..4)
        .prop_map(|ms| format!("{{{}}}", ms.join(",")))
        .boxed()
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => string_lit(),
        3 => number_lit(),
        1 => prop::sample::select(&["true", "false", "null"][..]).prop_map(str::to_string),
    ]
}

/// An event value: nesting, arrays of objects and of arrays, duplicate keys.
fn event_value(depth: u32) -> BoxedStrategy<String> {
    if depth == 0 {
        return scalar().boxed();
    }
    prop_oneof![
        4 => scalar(),
        2 => event_object(depth - 1),
        2 => prop::collection::vec(event_value(depth - 1), 0..4)
            .prop_map(|v| format!("[{}]", v.join(","))),
    ]
    .boxed()
}

fn event_object(depth: u32) -> BoxedStrategy<String> {
    prop::collection::vec((key(), event_value(depth)), 0..5)
        .prop_map(|ms| {
            let body: Vec<String> = ms.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
            format!("{{{}}}", body.join(" , "))
        })
        .boxed()
}

fn check(patterns: &[String], events: &[String]) -> Result<(), TestCaseError> {
    let parsed: Vec<Pattern> = patterns
        .iter()
        .filter_map(|p| Pattern::parse(p).ok())
        .collect();
    let mut m = Machine::new();
    for (i, p) in parsed.iter().enumerate() {
        // Rules 0 and 1 share an id when both exist (several patterns per id).
        m.add_pattern(i.max(1) - usize::from(i == 1), p);
    }
    for e in events {
        let mut got = m.matches_for_event(e.as_bytes()).unwrap();
        got.sort();
        let mut want: Vec<usize> = parsed
            .iter()
            .enumerate()
            .filter(|(_, p)| p.matches_json(e).unwrap())
            .map(|(i, _)| i.max(1) - usize::from(i == 1))
            .collect();
        want.sort();
        want.dedup();
        prop_assert_eq!(got, want, "patterns {:?}\nevent {}", patterns, e);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn machine_agrees_with_reference(
        patterns in prop::collection::vec(pattern_object(2), 1..5),
        events in prop::collection::vec(event_object(3), 1..5),
    ) {
        check(&patterns, &events)?;
    }

    /// Events built from arrays of objects to stress array consistency and exists:false order.
    #[test]
    fn machine_agrees_with_reference_on_arrays(
        patterns in prop::collection::vec(pattern_object(1), 1..4),
        events in prop::collection::vec(
            prop::collection::vec((key(), prop::collection::vec(event_object(1), 1..4)), 1..4)
                .prop_map(|ms| {
                    let body: Vec<String> = ms
                        .into_iter()
                        .map(|(k, v)| format!("{k}:[{}]", v.join(",")))
                        .collect();
                    format!("{{{}}}", body.join(","))
                }),
            1..4,
        ),
    ) {
        check(&patterns, &events)?;
    }

    /// Mutated event bytes: the machine errs exactly when the reference does, with its text.
    #[test]
    fn machine_accepts_what_the_reference_accepts(
        event in event_object(3),
        cut in 0usize..400,
        insert in prop::sample::select(&["", ",", "]", "}", "\"", "0", "-", "x", "\\", " ", "\u{1}", "{", "[", ":", "tru", "1.", "e5"][..]),
    ) {
        let cut = cut.min(event.len());
        if !event.is_char_boundary(cut) {
            return Ok(());
        }
        let mutated = format!("{}{}{}", &event[..cut], insert, &event[cut..]);
        let reference = Pattern::parse(r#"{"a":[{"exists":true}]}"#).unwrap();
        let mut m = Machine::new();
        m.add_rule(0u8, r#"{"a":[{"exists":true}]}"#).unwrap();
        match (m.matches_for_event(mutated.as_bytes()), reference.matches_json(&mutated)) {
            (Ok(got), Ok(want)) => prop_assert_eq!(!got.is_empty(), want),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "{:?} vs {:?} on {}", a, b, mutated),
        }
    }
}
