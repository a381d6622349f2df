//! `MachineConfig::unique_keys` (early stop) and the flattener's validating skipper.
//!
//! * On events whose member names are unique in the sense `MachineConfig::unique_keys` documents (no
//!   name repeats or is a `.`-prefix of another name of the same object, and no root `""`
//!   member holds objects), a machine in `unique_keys` mode gives exactly the default mode's
//!   answers, which are the reference evaluator's.
//! * The default mode accepts exactly what the reference parser accepts, also when the damage
//!   lies deep inside skipped subtrees, long strings (SIMD chunks) and long numbers (SWAR
//!   chunks).
//!
//! Case counts: `PROPTEST_CASES` (default 3,000 per property).

use evmatch::{Machine, MachineConfig, Pattern};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3000),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn unique() -> MachineConfig {
    MachineConfig::default().with_unique_keys(true)
}

const KEYS: &[&str] = &["a", "b", "c", "d", "a.b", "b.c", "a.c", "", "é", "x.y.z"];

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

fn scalar() -> BoxedStrategy<String> {
    prop::sample::select(
        &[
            "\"x\"",
            "\"y\"",
            "\"\"",
            "\"ab\"",
            "\"é\"",
            "\"x\\\"\"",
            "\"\\u0078\"",
            "\"a long string value, longer than sixteen bytes\"",
            "0",
            "-0",
            "1",
            "1.5",
            "-122.42200352825247",
            "37.80848009696725",
            "1e9",
            "10E-1",
            "300",
            "true",
            "false",
            "null",
        ][..],
    )
    .prop_map(str::to_string)
    .boxed()
}

fn conflicts(a: &str, b: &str) -> bool {
    a == b
        || a.strip_prefix(b).is_some_and(|r| r.starts_with('.'))
        || b.strip_prefix(a).is_some_and(|r| r.starts_with('.'))
}

/// An object whose member names are unique in the `unique_keys` sense.
fn unique_object(depth: u32, root: bool) -> BoxedStrategy<String> {
    prop::collection::vec((prop::sample::select(KEYS), unique_value(depth)), 0..6)
        .prop_map(move |ms| {
            let mut seen: Vec<&str> = Vec::new();
            let mut body = Vec::new();
            for (k, v) in ms {
                if seen.iter().any(|s| conflicts(s, k)) || (root && k.is_empty() && v.contains('{'))
                {
                    continue;
                }
                seen.push(k);
                body.push(format!("{}: {v}", q(k)));
            }
            format!("{{{}}}", body.join(", "))
        })
        .boxed()
}

fn unique_value(depth: u32) -> BoxedStrategy<String> {
    if depth == 0 {
        return scalar();
    }
    prop_oneof![
        4 => scalar(),
        2 => unique_object(depth - 1, false),
        2 => prop::collection::vec(unique_value(depth - 1), 0..4)
            .prop_map(|v| format!("[ {} ]", v.join(", "))),
    ]
    .boxed()
}

fn matcher() -> BoxedStrategy<String> {
    prop_oneof![
        3 => scalar().prop_filter("no long strings in patterns", |s| s.len() < 20),
        1 => prop::sample::select(&["\"a\"", "\"x\"", "\"\""][..])
            .prop_map(|s| format!("{{\"prefix\":{s}}}")),
        1 => prop::sample::select(&["\"x\"", "\"y\""][..])
            .prop_map(|s| format!("{{\"anything-but\":{s}}}")),
        2 => prop::sample::select(&["0", "1", "1.5", "-122.5", "37.8"][..])
            .prop_map(|v| format!("{{\"numeric\":[\">\",{v}]}}")),
        3 => prop::bool::ANY.prop_map(|b| format!("{{\"exists\":{b}}}")),
    ]
    .boxed()
}

fn pattern(depth: u32) -> BoxedStrategy<String> {
    let list = prop::collection::vec(matcher(), 1..3).prop_map(|v| format!("[{}]", v.join(",")));
    let key = prop::sample::select(KEYS).prop_map(q);
    let member: BoxedStrategy<String> = if depth == 0 {
        (key, list).prop_map(|(k, v)| format!("{k}:{v}")).boxed()
    } else {
        prop_oneof![
            3 => (key.clone(), list).prop_map(|(k, v)| format!("{k}:{v}")),
            1 => (key, pattern(depth - 1)).prop_map(|(k, v)| format!("{k}:{v}")),
        ]
        .boxed()
    };
    prop::collection::vec(member, 1..3)
        .prop_map(|ms| format!("{{{}}}", ms.join(",")))
        .boxed()
}

fn check(patterns: &[String], events: &[String]) -> Result<(), TestCaseError> {
    let parsed: Vec<Pattern> = patterns
        .iter()
        .filter_map(|p| Pattern::parse(p).ok())
        .collect();
    let mut exact = Machine::new();
    let mut early = Machine::with_config(unique());
    for (i, p) in parsed.iter().enumerate() {
        exact.add_pattern(i, p);
        early.add_pattern(i, p);
    }
    for e in events {
        let mut want: Vec<usize> = parsed
            .iter()
            .enumerate()
            .filter(|(_, p)| p.matches_json(e).unwrap())
            .map(|(i, _)| i)
            .collect();
        want.sort();
        let mut got = exact.matches_for_event(e.as_bytes()).unwrap();
        got.sort();
        prop_assert_eq!(
            &got,
            &want,
            "default mode; patterns {:?}\nevent {}",
            patterns,
            e
        );
        let mut got = early.matches_for_event(e.as_bytes()).unwrap();
        got.sort();
        prop_assert_eq!(
            &got,
            &want,
            "unique_keys mode; patterns {:?}\nevent {}",
            patterns,
            e
        );
    }
    Ok(())
}

/// A value for the skipper: deep nesting, long strings and long numbers.
fn skipped_value(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        scalar(),
        "[a-zA-Z0-9 é\\\\\"/]{0,40}".prop_map(|s| format!("{:?}", s)),
        "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?",
    ]
    .boxed();
    if depth == 0 {
        return leaf;
    }
    prop_oneof![
        2 => leaf,
        1 => prop::collection::vec(skipped_value(depth - 1), 0..5)
            .prop_map(|v| format!("[{}]", v.join(" ,"))),
        1 => prop::collection::vec(("[a-z.]{0,20}", skipped_value(depth - 1)), 0..4).prop_map(
            |ms| {
                let body: Vec<String> = ms.into_iter().map(|(k, v)| format!("{k:?} : {v}")).collect();
                format!("{{ {} }}", body.join(",\n"))
            }
        ),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config())]

    /// unique_keys mode = default mode = reference, on events with unique names.
    #[test]
    fn unique_keys_mode_agrees_on_unique_events(
        patterns in prop::collection::vec(pattern(2), 1..5),
        events in prop::collection::vec(unique_object(3, true), 1..5),
    ) {
        check(&patterns, &events)?;
    }

    /// Mutated bytes inside skipped subtrees: the machine errs exactly when the reference does.
    #[test]
    fn skipper_accepts_what_the_reference_accepts(
        value in skipped_value(4),
        cut in 0usize..600,
        insert in prop::sample::select(&["", ",", "]", "}", "\"", "0", "-", "x", "\\", " ", "\u{1}",
            "{", "[", ":", "tru", "1.", "e5", ".", "00", "-0", "\\u12", "\u{7f}", "é", "\\/", "E+"][..]),
        remove in 0usize..3,
    ) {
        let event = format!("{{\"z\": {value}, \"a\": 1}}");
        let cut = cut.min(event.len());
        if !event.is_char_boundary(cut) || !event.is_char_boundary((cut + remove).min(event.len())) {
            return Ok(());
        }
        let end = (cut + remove).min(event.len());
        let mutated = format!("{}{}{}", &event[..cut], insert, &event[end..]);
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

#[test]
fn unique_keys_stops_after_the_used_root_members() {
    let mut exact = Machine::new();
    let mut early = Machine::with_config(unique());
    for m in [&mut exact, &mut early] {
        m.add_rule("x", r#"{"p": {"k": ["v"]}}"#).unwrap();
        m.add_rule("absent", r#"{"p": {"q": [{"exists": false}]}}"#)
            .unwrap();
    }
    // The rest after `p` is never read in unique_keys mode: not even validated.
    let event = br#"{"t": 1, "p": {"k": "v"}, "g": [1, 2, oops"#;
    let mut got = early.matches_for_event(event).unwrap();
    got.sort();
    assert_eq!(got, ["absent", "x"]);
    assert!(exact.matches_for_event(event).is_err());
    // A duplicate root name after the stop is ignored in unique_keys mode only (the
    // documented trade-off).
    let dup = br#"{"p": {"k": "w"}, "p": {"k": "v", "q": 1}}"#;
    assert_eq!(exact.matches_for_event(dup).unwrap(), ["x"]);
    assert_eq!(early.matches_for_event(dup).unwrap(), ["absent"]);
}

#[test]
fn unique_keys_does_not_stop_on_dotted_names() {
    let mut early = Machine::with_config(unique());
    early.add_rule("ab", r#"{"a": {"b": [1]}}"#).unwrap();
    early.add_rule("ac", r#"{"a": {"c": [2]}}"#).unwrap();
    // Dotted names do not complete the root name `a`: both are read.
    let mut got = early.matches_for_event(br#"{"a.b": 1, "a.c": 2}"#).unwrap();
    got.sort();
    assert_eq!(got, ["ab", "ac"]);
    // Nothing used: the machine stops right after `{` (and answers no match).
    let none: Machine<u8> = Machine::with_config(unique());
    assert_eq!(
        none.matches_for_event(b"{ broken").unwrap(),
        Vec::<u8>::new()
    );
    // Still validated up to the stop point.
    assert!(early.matches_for_event(br#"{"a": [1,]}"#).is_err());
    assert!(early.matches_for_event(b"{\"a\": \"\xff\"}").is_err());
}
