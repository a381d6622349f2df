//! An explanation's answer is the pattern's answer, everywhere: on every spec example, every
//! event-ruler vector, and random patterns and events (a property test in the style of
//! `machine_differential.rs`, with arrays of objects frequent, so the array-consistency
//! verdicts are exercised). Each explanation is also rendered (`Display`) and serialized, and
//! its verdicts checked against its branches: a branch matched iff all its conditions did.
//!
//! Case count: `PROPTEST_CASES` (default 3,000).

use evmatch::{Explanation, Machine, Pattern, Verdict};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::Value;

mod common;
use common::{jsonl, load};

/// Check one explanation against the answer `want`; `Err` says what is wrong.
fn check(e: &Explanation, want: bool) -> Result<(), String> {
    if e.matched() != want {
        return Err(format!("explained {} but matches is {want}", e.matched()));
    }
    for b in &e.branches {
        let all = b.fields.iter().all(|f| f.verdict.is_matched());
        if b.matched != all {
            return Err(format!(
                "branch {} matched {} with verdicts {:?}",
                b.index, b.matched, b.fields
            ));
        }
        for f in &b.fields {
            if f.values.len() != f.value_count.min(evmatch::MAX_VALUES_SHOWN) {
                return Err(format!(
                    "{}: {} values shown of {}",
                    f.path,
                    f.values.len(),
                    f.value_count
                ));
            }
            if let Verdict::ArrayConsistency { elements, .. } = &f.verdict
                && elements.len() < 2
            {
                return Err(format!("{}: one element in a conflict", f.path));
            }
        }
    }
    let text = e.to_string();
    let head = if want { "match" } else { "no match" };
    if !(text.starts_with(head) && text.ends_with('\n')) {
        return Err(format!("display: {text}"));
    }
    // Valid JSON (checked by the engine's reader: serde_json refuses numbers like `1e400`,
    // which the values embed as written).
    let json = serde_json::to_string(e).unwrap();
    if !evmatch::json::is_valid(&json) || !json.starts_with(&format!("{{\"matched\":{want},")) {
        return Err(format!("serialized: {json}"));
    }
    Ok(())
}

fn check_pair(id: &str, pattern: &str, event: &str) -> Option<String> {
    let p = Pattern::parse(pattern).unwrap_or_else(|e| panic!("{id}: {e}"));
    let want = p.matches_json(event).unwrap();
    let e = p.explain(event).unwrap();
    check(&e, want).err().map(|why| format!("{id}: {why}"))
}

#[test]
fn spec_examples() {
    let examples: Value = serde_json::from_str(&load("spec/examples.json")).unwrap();
    let cases = examples["match"].as_array().unwrap();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            check_pair(
                c["id"].as_str().unwrap(),
                c["pattern"].as_str().unwrap(),
                c["event"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(cases.len(), 176);
}

#[test]
fn event_ruler_match_vectors() {
    let vectors = jsonl("event-ruler-vectors/match.jsonl");
    let failures: Vec<String> = vectors
        .iter()
        .filter_map(|v| {
            check_pair(
                v["id"].as_str().unwrap(),
                v["pattern"].as_str().unwrap(),
                v["event"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(vectors.len(), 401);
}

/// Every rule of every machine vector, through `Pattern::explain` and `Machine::explain`.
#[test]
fn event_ruler_machine_vectors() {
    let records = jsonl("event-ruler-vectors/machine.jsonl");
    let mut failures = Vec::new();
    let mut explained = 0;
    for record in &records {
        let id = record["id"].as_str().unwrap();
        let mut machine = Machine::new();
        let rules = record["rules"].as_object().unwrap();
        for (name, patterns) in rules {
            for p in patterns.as_array().unwrap() {
                machine.add_rule(name.clone(), p.as_str().unwrap()).unwrap();
            }
        }
        for e in record["events"].as_array().unwrap() {
            let event = e["event"].as_str().unwrap();
            let matched: Vec<&str> = e["matches"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap())
                .collect();
            for (name, patterns) in rules {
                let want = matched.contains(&name.as_str());
                for p in patterns.as_array().unwrap() {
                    let p = p.as_str().unwrap();
                    let one = Pattern::parse(p).unwrap().matches_json(event).unwrap();
                    failures.extend(check_pair(id, p, event).filter(|_| one || !want));
                }
                let e = machine
                    .explain(name.as_str(), event.as_bytes())
                    .unwrap()
                    .unwrap();
                if let Err(why) = check(&e, want) {
                    failures.push(format!("{id} rule {name}: {why}"));
                }
                explained += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(explained > 210, "{explained}");
}

// ---- Random patterns and events ----

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const KEYS: &[&str] = &["a", "b", "c", "a.b"];

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(KEYS).prop_map(|k| format!("\"{k}\""))
}

fn scalar() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "\"x\"",
            "\"y\"",
            "\"xy\"",
            "\"\"",
            "\"10.0.0.1\"",
            "\"a.png\"",
            "0",
            "1",
            "1.0",
            "5",
            "-2.5",
            "1e400",
            "true",
            "false",
            "null",
        ][..],
    )
    .prop_map(str::to_string)
}

fn matcher() -> BoxedStrategy<String> {
    prop_oneof![
        3 => scalar(),
        1 => prop::sample::select(&["x", "", "a"][..]).prop_map(|s| format!("{{\"prefix\":\"{s}\"}}")),
        1 => prop::sample::select(&["y", ".png"][..]).prop_map(|s| format!("{{\"suffix\":\"{s}\"}}")),
        1 => prop::sample::select(&["X", "XY"][..])
            .prop_map(|s| format!("{{\"equals-ignore-case\":\"{s}\"}}")),
        1 => prop::sample::select(&["x*", "*.png", "*"][..])
            .prop_map(|s| format!("{{\"wildcard\":\"{s}\"}}")),
        1 => prop::sample::select(&["\"x\"", "[\"x\",\"y\"]", "1", "{\"prefix\":\"x\"}"][..])
            .prop_map(|s| format!("{{\"anything-but\":{s}}}")),
        2 => prop::sample::select(&["[\">\",0]", "[\"=\",1]", "[\">=\",1,\"<\",5]"][..])
            .prop_map(|s| format!("{{\"numeric\":{s}}}")),
        2 => prop::bool::ANY.prop_map(|b| format!("{{\"exists\":{b}}}")),
        1 => Just("{\"cidr\":\"10.0.0.0/24\"}".to_string()),
        1 => Just("{\"exactly\":\"x\"}".to_string()),
    ]
    .boxed()
}

fn pattern_object(depth: u32) -> BoxedStrategy<String> {
    let value_list =
        prop::collection::vec(matcher(), 1..3).prop_map(|v| format!("[{}]", v.join(",")));
    let member: BoxedStrategy<String> = if depth == 0 {
        (key(), value_list)
            .prop_map(|(k, v)| format!("{k}:{v}"))
            .boxed()
    } else {
        prop_oneof![
            3 => (key(), value_list).prop_map(|(k, v)| format!("{k}:{v}")),
            2 => (key(), pattern_object(depth - 1)).prop_map(|(k, v)| format!("{k}:{v}")),
            1 => prop::collection::vec(pattern_object(depth - 1), 2..4)
                .prop_map(|bs| format!("\"$or\":[{}]", bs.join(","))),
        ]
        .boxed()
    };
    prop::collection::vec(member, 1..4)
        .prop_map(|ms| format!("{{{}}}", ms.join(",")))
        .boxed()
}

/// Event values with arrays of objects often.
fn event_value(depth: u32) -> BoxedStrategy<String> {
    if depth == 0 {
        return scalar().boxed();
    }
    prop_oneof![
        3 => scalar(),
        2 => event_object(depth - 1),
        2 => prop::collection::vec(event_value(depth - 1), 0..4)
            .prop_map(|v| format!("[{}]", v.join(","))),
        2 => prop::collection::vec(event_object(depth - 1), 1..4)
            .prop_map(|v| format!("[{}]", v.join(","))),
    ]
    .boxed()
}

fn event_object(depth: u32) -> BoxedStrategy<String> {
    prop::collection::vec((key(), event_value(depth)), 0..5)
        .prop_map(|ms| {
            let body: Vec<String> = ms.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
            format!("{{{}}}", body.join(","))
        })
        .boxed()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn explanations_agree_with_matches(
        pattern in pattern_object(2),
        events in prop::collection::vec(event_object(3), 1..6),
    ) {
        let Ok(p) = Pattern::parse(&pattern) else { return Ok(()) };
        let mut m = Machine::new();
        m.add_pattern(0u8, &p);
        for event in &events {
            let want = p.matches_json(event).unwrap();
            let e = p.explain(event).unwrap();
            if let Err(why) = check(&e, want) {
                return Err(TestCaseError::fail(format!("{why}\npattern {pattern}\nevent {event}")));
            }
            let from_machine = m.explain(&0, event.as_bytes()).unwrap().unwrap();
            prop_assert_eq!(&from_machine, &e, "pattern {}\nevent {}", pattern, event);
            // (serde_json refuses `1e400`.)
            if let Ok(value) = serde_json::from_str::<Value>(event) {
                let e = p.explain_value(&value);
                prop_assert_eq!(e.matched(), p.matches(&value), "pattern {}\nevent {}", pattern, event);
            }
        }
    }
}

// ---- Arrays of objects on purpose: the array-consistency verdicts ----

fn small_matcher() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "\"x\"",
            "\"y\"",
            "1",
            "{\"exists\":true}",
            "{\"exists\":false}",
            "{\"anything-but\":\"x\"}",
        ][..],
    )
    .prop_map(str::to_string)
}

/// `{"a": {"b": [..], "c": [..], "d": {"e": [..]}}}` with some members left out.
fn element_pattern() -> impl Strategy<Value = String> {
    let list =
        || prop::collection::vec(small_matcher(), 1..3).prop_map(|v| format!("[{}]", v.join(",")));
    (
        prop::option::of(list()),
        prop::option::of(list()),
        prop::option::of(list()),
        list(),
    )
        .prop_map(|(b, c, e, z)| {
            let mut members = Vec::new();
            if let Some(b) = b {
                members.push(format!("\"b\":{b}"));
            }
            if let Some(c) = c {
                members.push(format!("\"c\":{c}"));
            }
            if let Some(e) = e {
                members.push(format!("\"d\":{{\"e\":{e}}}"));
            }
            members.push(format!("\"z\":{z}"));
            format!("{{\"a\":{{{}}}}}", members.join(","))
        })
}

/// `{"a": [{"b": …, "c": …, "d": [{"e": …}], "z": …}, …]}`.
fn element_event() -> impl Strategy<Value = String> {
    let leaf = || prop::option::of(prop::sample::select(&["\"x\"", "\"y\"", "1"][..]));
    let element =
        (leaf(), leaf(), prop::collection::vec(leaf(), 0..3), leaf()).prop_map(|(b, c, es, z)| {
            let mut members = Vec::new();
            if let Some(b) = b {
                members.push(format!("\"b\":{b}"));
            }
            if let Some(c) = c {
                members.push(format!("\"c\":{c}"));
            }
            let es: Vec<String> = es
                .into_iter()
                .map(|e| e.map_or("{}".to_string(), |e| format!("{{\"e\":{e}}}")))
                .collect();
            if !es.is_empty() {
                members.push(format!("\"d\":[{}]", es.join(",")));
            }
            if let Some(z) = z {
                members.push(format!("\"z\":{z}"));
            }
            format!("{{{}}}", members.join(","))
        });
    prop::collection::vec(element, 1..4).prop_map(|v| format!("{{\"a\":[{}]}}", v.join(",")))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn consistency_explanations_agree_with_matches(
        pattern in element_pattern(),
        event in element_event(),
    ) {
        let p = Pattern::parse(&pattern).unwrap();
        let want = p.matches_json(&event).unwrap();
        let e = p.explain(&event).unwrap();
        if let Err(why) = check(&e, want) {
            return Err(TestCaseError::fail(format!("{why}\npattern {pattern}\nevent {event}")));
        }
        // A branch that fails with every condition holding alone fails by consistency.
        let b = &e.branches[0];
        if !b.matched && b.fields.iter().filter(|f| !f.verdict.is_matched()).count() == 1 {
            let f = b.failures().next().unwrap();
            if let Verdict::ArrayConsistency { array, with, .. } = &f.verdict {
                prop_assert!(array == "a" || array == "a.d", "{}", array);
                prop_assert!(with.starts_with("a."), "{}", with);
            }
        }
    }
}
