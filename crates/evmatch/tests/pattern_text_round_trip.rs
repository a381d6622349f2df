//! Canonical text and serde on every valid pattern of the spec and of the event-ruler vectors:
//! `to_json` parses back to an equal pattern with the same answers, is a fixpoint, and serde
//! writes back what it read.

use evmatch::Pattern;
use serde_json::Value;

mod common;
use common::{jsonl, load};

/// Check `text`'s canonical form and serde round trips; the canonical pattern.
fn round_trip(id: &str, text: &str) -> Pattern {
    let pattern = Pattern::parse(text).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert_eq!(pattern.text(), text);
    let canonical = pattern.to_json();
    assert_eq!(pattern.to_string(), canonical);
    assert!(
        canonical.len() <= text.len(),
        "{id}: longer than the original"
    );
    let again = Pattern::parse(&canonical).unwrap_or_else(|e| panic!("{id}: {canonical}: {e}"));
    assert_eq!(again, pattern, "{id}: {canonical}");
    assert_eq!(again.to_json(), canonical, "{id}: not a fixpoint");

    // serde: as an object and as a string, written back byte for byte.
    let as_string = serde_json::to_string(text).unwrap();
    let from_string: Pattern = serde_json::from_str(&as_string).unwrap();
    assert_eq!(from_string, pattern, "{id}");
    assert_eq!(serde_json::to_string(&from_string).unwrap(), as_string);
    let document = format!("{{\"p\": {text}}}");
    if let Ok(object) =
        serde_json::from_str::<std::collections::HashMap<String, Pattern>>(&document)
    {
        let written = serde_json::to_string(&object["p"]).unwrap();
        assert_eq!(written, text.trim(), "{id}");
        assert_eq!(object["p"], pattern);
    }
    again
}

#[test]
fn spec_match_examples_round_trip_to_the_same_answers() {
    let examples: Value = serde_json::from_str(&load("spec/examples.json")).unwrap();
    let cases = examples["match"].as_array().unwrap();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let canonical = round_trip(id, case["pattern"].as_str().unwrap());
        let got = canonical
            .matches_json(case["event"].as_str().unwrap())
            .unwrap();
        assert_eq!(got, case["match"].as_bool().unwrap(), "{id}");
    }
    assert_eq!(cases.len(), 176);
}

#[test]
fn event_ruler_vectors_round_trip_to_the_same_answers() {
    let mut checked = 0;
    for case in jsonl("event-ruler-vectors/match.jsonl") {
        let id = case["id"].as_str().unwrap();
        let canonical = round_trip(id, case["pattern"].as_str().unwrap());
        let got = canonical
            .matches_json(case["event"].as_str().unwrap())
            .unwrap();
        assert_eq!(got, case["match"].as_bool().unwrap(), "{id}");
        checked += 1;
    }
    for case in jsonl("event-ruler-vectors/machine.jsonl") {
        let id = case["id"].as_str().unwrap();
        for texts in case["rules"].as_object().unwrap().values() {
            for text in texts.as_array().unwrap() {
                let text = text.as_str().unwrap();
                // Some vectors hold patterns only event-ruler's own API accepts.
                if let Ok(original) = Pattern::parse(text) {
                    let canonical = round_trip(id, text);
                    for e in case["events"].as_array().unwrap() {
                        let event = e["event"].as_str().unwrap();
                        if let Ok(expected) = original.matches_json(event) {
                            assert_eq!(canonical.matches_json(event).unwrap(), expected, "{id}");
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn invalid_vectors_stay_invalid_with_the_same_error() {
    // serde reports the parser's message for every invalid pattern.
    for case in jsonl("event-ruler-vectors/invalid.jsonl") {
        let text = case["pattern"].as_str().unwrap();
        if let Err(e) = Pattern::parse(text) {
            let err = serde_json::from_str::<Pattern>(&serde_json::to_string(text).unwrap())
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(&e.to_string()), "{text}: {err}");
        }
    }
}
