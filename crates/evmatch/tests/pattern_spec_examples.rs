//! Conformance: every worked example of the spec and every event-ruler vector, through the
//! one-rule API (`Pattern`, `test_event_pattern`).

use evmatch::{Error, Pattern};
use serde_json::Value;

mod common;
use common::{jsonl, load};

fn pattern_error(pattern: &str) -> evmatch::PatternError {
    match Pattern::parse(pattern) {
        Err(Error::InvalidEventPattern(e)) => e,
        other => panic!("{pattern}: expected a pattern error, got {other:?}"),
    }
}

#[test]
fn spec_match_examples() {
    let examples: Value = serde_json::from_str(&load("spec/examples.json")).unwrap();
    let cases = examples["match"].as_array().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let pattern = Pattern::parse(case["pattern"].as_str().unwrap())
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let got = pattern
            .matches_json(case["event"].as_str().unwrap())
            .unwrap();
        if got != case["match"].as_bool().unwrap() {
            failures.push(id.to_string());
        }
    }
    assert!(failures.is_empty(), "failing examples: {failures:?}");
    assert_eq!(cases.len(), 176);
}

#[test]
fn spec_error_examples() {
    let examples: Value = serde_json::from_str(&load("spec/examples.json")).unwrap();
    let cases = examples["errors"].as_array().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let pattern = case["pattern"].as_str().unwrap();
        let want = case["reason"].as_str().unwrap();
        let suffixes = case["location_suffixes"].as_u64().unwrap() as usize;
        match Pattern::parse(pattern) {
            Err(Error::InvalidEventPattern(e))
                if e.reason() == want && e.locations().len() == suffixes => {}
            other => failures.push(format!(
                "{id} {pattern}: want {want:?} x{suffixes}, got {other:?}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(cases.len(), 114);
}

/// The read positions Jackson reports (the location suffixes of AWS's messages).
#[test]
fn error_positions() {
    let cases = [
        (r#"{"a":1}"#, 7),
        (r#"{"a":true}"#, 10),
        (r#"{"a":"xyz"}"#, 7),
        (r#"{"a" : "xyz" }"#, 9),
        (r#"{"a":{}}"#, 8),
        (r#"{"a":[ ] }"#, 9),
        (r#"{"a":[{}]}"#, 9),
        (r#"{"a":[{"foo":"bar"}]}"#, 15),
        (r#"{"a":[{"prefix":5}]}"#, 18),
        (r#"{"a":[{"prefix":"x","s":1}]}"#, 26),
        (r#"{"a":[{"numeric":[">","1"]}]}"#, 24),
        (r#"{"a":[{"wildcard":"a**"}]}"#, 24),
        ("  []", 4),
    ];
    for (pattern, column) in cases {
        let e = pattern_error(pattern);
        assert_eq!(e.locations()[0].column, column, "{pattern}");
        assert_eq!(e.locations()[0].line, 1, "{pattern}");
    }
}

/// The full message, character for character, as AWS returned it (cloud-custodian #6507).
#[test]
fn full_message_matches_aws() {
    let pattern = r#"{"source": ["aws.health"], "detail": {}}"#;
    let e = pattern_error(pattern);
    assert_eq!(
        e.to_string(),
        "Event pattern is not valid. Reason: Empty objects are not allowed\n at [Source: (String)\"{\"source\": [\"aws.health\"], \"detail\": {}}\"; line: 1, column: 40]"
    );
    let multi = "{\n  \"detail\": {\n    \"pipeline\": {\n      \"slug\": \"x\" } } }";
    let e = pattern_error(multi);
    assert_eq!(e.reason(), "\"slug\" must be an object or an array");
    assert_eq!((e.locations()[0].line, e.locations()[0].column), (4, 16));
    let doubled = pattern_error(r#"{"a":[{"anything-but":["x",null]}]}"#);
    assert_eq!(
        doubled
            .to_string()
            .matches("\n at [Source: (String)")
            .count(),
        2
    );
}

#[test]
fn long_patterns_are_truncated_in_the_location() {
    let pattern = format!(r#"{{"a":["{}"], "b": 1}}"#, "x".repeat(600));
    let msg = pattern_error(&pattern).to_string();
    let total = pattern.encode_utf16().count();
    assert!(
        msg.contains(&format!("[truncated {} chars]", total - 500)),
        "{msg}"
    );
}

#[test]
fn event_ruler_match_vectors() {
    let vectors = jsonl("event-ruler-vectors/match.jsonl");
    let mut failures = Vec::new();
    for v in &vectors {
        let id = v["id"].as_str().unwrap();
        let pattern =
            Pattern::parse(v["pattern"].as_str().unwrap()).unwrap_or_else(|e| panic!("{id}: {e}"));
        let got = pattern.matches_json(v["event"].as_str().unwrap()).unwrap();
        if got != v["match"].as_bool().unwrap() {
            failures.push(id.to_string());
        }
    }
    assert!(failures.is_empty(), "failing vectors: {failures:?}");
    assert_eq!(vectors.len(), 401);
}

#[test]
fn event_ruler_machine_vectors_rule_by_rule() {
    let records = jsonl("event-ruler-vectors/machine.jsonl");
    let mut events = 0;
    for record in &records {
        let id = record["id"].as_str().unwrap();
        let rules: Vec<(String, Vec<Pattern>)> = record["rules"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(name, patterns)| {
                let ps = patterns
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        Pattern::parse(p.as_str().unwrap()).unwrap_or_else(|e| panic!("{id}: {e}"))
                    })
                    .collect();
                (name.clone(), ps)
            })
            .collect();
        for e in record["events"].as_array().unwrap() {
            events += 1;
            let event = e["event"].as_str().unwrap();
            let mut got: Vec<&str> = rules
                .iter()
                .filter(|(_, ps)| ps.iter().any(|p| p.matches_json(event).unwrap()))
                .map(|(n, _)| n.as_str())
                .collect();
            got.sort();
            let want: Vec<&str> = e["matches"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap())
                .collect();
            assert_eq!(got, want, "{id}: {event}");
        }
    }
    assert_eq!((records.len(), events), (72, 210));
}

#[test]
fn event_ruler_invalid_vectors() {
    let vectors = jsonl("event-ruler-vectors/invalid.jsonl");
    for v in &vectors {
        let id = v["id"].as_str().unwrap();
        let e = pattern_error(v["pattern"].as_str().unwrap());
        if let Some(message) = v["message"].as_str() {
            assert_eq!(e.reason(), message, "{id}");
        }
    }
    assert_eq!(vectors.len(), 100);
}
