//! Every spec example and event-ruler vector through a `Machine`: one machine per rule, and all
//! rules of a machine.jsonl record in one machine; plus add/remove churn against fresh machines.

use evmatch::{Machine, Pattern, SharedMachine};
use serde_json::Value;

mod common;
use common::{jsonl, load};

fn one_rule(pattern: &str, event: &str) -> bool {
    let mut m = Machine::new();
    m.add_rule(1u32, pattern).unwrap();
    let got = m.matches_for_event(event.as_bytes()).unwrap();
    got == [1]
}

#[test]
fn spec_examples_through_machine() {
    let examples: Value = serde_json::from_str(&load("spec/examples.json")).unwrap();
    let cases = examples["match"].as_array().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        let (p, e) = (
            case["pattern"].as_str().unwrap(),
            case["event"].as_str().unwrap(),
        );
        if one_rule(p, e) != case["match"].as_bool().unwrap() {
            failures.push(case["id"].as_str().unwrap().to_string());
        }
    }
    assert!(failures.is_empty(), "failing examples: {failures:?}");
    assert_eq!(cases.len(), 176);
}

#[test]
fn spec_examples_all_in_one_machine() {
    // Every example pattern in one machine; each event must match exactly the rules that match
    // it alone (per the reference evaluator).
    let examples: Value = serde_json::from_str(&load("spec/examples.json")).unwrap();
    let cases = examples["match"].as_array().unwrap();
    let patterns: Vec<Pattern> = cases
        .iter()
        .map(|c| Pattern::parse(c["pattern"].as_str().unwrap()).unwrap())
        .collect();
    let mut m = Machine::new();
    for (i, p) in patterns.iter().enumerate() {
        m.add_pattern(i, p);
    }
    for case in cases {
        let event = case["event"].as_str().unwrap();
        let mut got = m.matches_for_event(event.as_bytes()).unwrap();
        got.sort();
        let want: Vec<usize> = (0..patterns.len())
            .filter(|&i| patterns[i].matches_json(event).unwrap())
            .collect();
        assert_eq!(got, want, "{event}");
    }
}

#[test]
fn event_ruler_match_vectors_through_machine() {
    let vectors = jsonl("event-ruler-vectors/match.jsonl");
    let mut failures = Vec::new();
    for v in &vectors {
        let (p, e) = (v["pattern"].as_str().unwrap(), v["event"].as_str().unwrap());
        if one_rule(p, e) != v["match"].as_bool().unwrap() {
            failures.push(v["id"].as_str().unwrap().to_string());
        }
    }
    assert!(failures.is_empty(), "failing vectors: {failures:?}");
    assert_eq!(vectors.len(), 401);
}

#[test]
fn event_ruler_machine_vectors_one_machine() {
    let records = jsonl("event-ruler-vectors/machine.jsonl");
    let mut events = 0;
    for record in &records {
        let id = record["id"].as_str().unwrap();
        let mut m = Machine::new();
        for (name, patterns) in record["rules"].as_object().unwrap() {
            for p in patterns.as_array().unwrap() {
                m.add_rule(name.clone(), p.as_str().unwrap())
                    .unwrap_or_else(|e| panic!("{id}: {e}"));
            }
        }
        for e in record["events"].as_array().unwrap() {
            events += 1;
            let event = e["event"].as_str().unwrap();
            let mut got = m.matches_for_event(event.as_bytes()).unwrap();
            got.sort();
            let want: Vec<String> = e["matches"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_string())
                .collect();
            assert_eq!(got, want, "{id}: {event}");
        }
    }
    assert_eq!((records.len(), events), (72, 210));
}

/// A deterministic xorshift generator (no external randomness in this test).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn churn_equals_fresh_machine() {
    let examples: Value = serde_json::from_str(&load("spec/examples.json")).unwrap();
    let cases = examples["match"].as_array().unwrap();
    let patterns: Vec<String> = cases
        .iter()
        .map(|c| c["pattern"].as_str().unwrap().to_string())
        .collect();
    let events: Vec<String> = cases
        .iter()
        .map(|c| c["event"].as_str().unwrap().to_string())
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..40 {
        let mut m: Machine<u32> = Machine::new();
        // id -> its patterns (an id may carry several)
        let mut live: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
        for _step in 0..150 {
            if rng.below(3) < 2 || live.is_empty() {
                let id = rng.below(30) as u32;
                let p = rng.below(patterns.len());
                m.add_rule(id, &patterns[p]).unwrap();
                live.entry(id).or_default().push(p);
            } else {
                let id = rng.below(30) as u32;
                assert_eq!(m.remove_rule(&id), live.remove(&id).is_some());
            }
        }
        let mut fresh: Machine<u32> = Machine::new();
        for (id, ps) in &live {
            for &p in ps {
                fresh.add_rule(*id, &patterns[p]).unwrap();
            }
        }
        assert_eq!(m.len(), live.len());
        for e in &events {
            let mut a = m.matches_for_event(e.as_bytes()).unwrap();
            let mut b = fresh.matches_for_event(e.as_bytes()).unwrap();
            a.sort();
            b.sort();
            assert_eq!(a, b, "round {round}: {e}");
        }
        // Removing everything gives the memory back: no paths, checks or branches remain.
        for id in live.keys() {
            assert!(m.remove_rule(id));
        }
        let s = m.stats();
        assert_eq!((s.rules, s.branches, s.paths), (0, 0, 0), "{s:?}");
        assert_eq!(
            (s.path_nodes, s.field_checks, s.index_keys, s.index_entries),
            (2, 0, 0, 0),
            "only the trie root and the empty-name node remain: {s:?}"
        );
        for e in &events {
            assert!(m.matches_for_event(e.as_bytes()).unwrap().is_empty());
        }
    }
}

/// Coordinate-like arrays (the flattener's 64-byte block path) with one flaw at several
/// depths into the array, so the flaw falls at different block offsets.
fn long_number_arrays_with_one_flaw() -> Vec<String> {
    let row = "[ -122.42037882965165, 37.80289803124352, 0.0 ]";
    let mut out = Vec::new();
    for flaw in [
        "01", "1.", "-", "1 2", "1,,2", "[1]]", "1e", ".5", "--1", "1.2.3",
    ] {
        for at in [0, 1, 3, 7] {
            let mut rows = vec![row.to_string(); 8];
            rows[at] = format!("[ {flaw}, 0.0 ]");
            out.push(format!(r#"{{"a":"x","z":[ {} ]}}"#, rows.join(", ")));
        }
    }
    let mut rows = vec![row.to_string(); 8];
    rows[5] = "[ 1, 2 ".to_string();
    out.push(format!(r#"{{"a":"x","z":[ {} ]}}"#, rows.join(", ")));
    out
}

#[test]
fn long_number_arrays_are_read_exactly() {
    let mut m = Machine::new();
    m.add_rule(1, r#"{"a":["x"]}"#).unwrap();
    let row = "[ -122.42037882965165, 37.80289803124352, 0.0 ]";
    for n in [0, 1, 2, 5, 40] {
        for sep in [", ", ",", " ,\n\t"] {
            let rows = vec![row.replace(", ", sep); n].join(sep);
            let event = format!(r#"{{"z":[{rows}],"a":"x","e":[[]],"f":[1e5,-0.5E-3]}}"#);
            assert_eq!(
                m.matches_for_event(event.as_bytes()).unwrap(),
                [1],
                "{event}"
            );
        }
    }
}

#[test]
fn malformed_events_are_errors_with_the_reference_message() {
    let mut m = Machine::new();
    m.add_rule(1, r#"{"a":["x"]}"#).unwrap();
    for bad in [
        "",
        "[1]",
        "{\"a\":",
        "{\"a\":01}",
        "{\"a\":\"x\",}",
        "{\"a\" \"x\"}",
        "{\"b\":{\"c\":[1,2,]}}",
    ]
    .into_iter()
    .map(String::from)
    .chain(long_number_arrays_with_one_flaw())
    {
        let bad = bad.as_str();
        let err = m.matches_for_event(bad.as_bytes()).unwrap_err();
        let reference = Pattern::parse(r#"{"a":["x"]}"#)
            .unwrap()
            .matches_json(bad)
            .unwrap_err();
        assert_eq!(err.to_string(), reference.to_string(), "{bad}");
    }
    assert!(m.matches_for_event(b"{\"a\":\"\xff\"}").is_err());
    let deep = format!("{{\"z\":{}{}}}", "[".repeat(2000), "]".repeat(2000));
    assert!(m.matches_for_event(deep.as_bytes()).is_err());
    let cfg = evmatch::MachineConfig::default()
        .with_event_limits(evmatch::EventLimits::default().with_max_bytes(10));
    let mut small = Machine::with_config(cfg);
    small.add_rule(1, r#"{"a":["x"]}"#).unwrap();
    assert!(
        small
            .matches_for_event(br#"{"a":"x","b":"yyyyyy"}"#)
            .is_err()
    );
}

#[test]
fn event_field_limit_counts_values_at_used_paths() {
    let cfg = evmatch::MachineConfig::default()
        .with_event_limits(evmatch::EventLimits::default().with_max_fields(3));
    let mut m = Machine::with_config(cfg);
    m.add_rule(1, r#"{"a":[3]}"#).unwrap();
    assert_eq!(m.matches_for_event(br#"{"a":[1,2,3]}"#).unwrap(), [1]);
    // Values no rule looks at are skipped, not counted.
    let skipped = br#"{"a":3,"b":[1,2,3,4,5],"c":{"d":[6,7,8,9]}}"#;
    assert_eq!(m.matches_for_event(skipped).unwrap(), [1]);
    let err = m.matches_for_event(br#"{"a":[1,2,3,4]}"#).unwrap_err();
    assert!(matches!(err, evmatch::Error::InvalidEvent(_)), "{err:?}");
    assert!(
        err.to_string()
            .contains("more than the configured maximum of 3 values"),
        "{err}"
    );
}

#[test]
fn deep_number_arrays_are_errors_not_crashes() {
    let mut m = Machine::new();
    m.add_rule(1, r#"{"a":["x"]}"#).unwrap();
    for depth in [999, 1000, 100_000] {
        let deep = format!(
            r#"{{"a":"x","z":{}1{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let got = m.matches_for_event(deep.as_bytes());
        // The root object is level 1: 999 nested arrays reach the default limit of 1000.
        assert_eq!(got.is_ok(), depth < 1000, "{depth}");
    }
}

#[test]
fn shared_machine_readers_see_snapshots() {
    let shared = std::sync::Arc::new(SharedMachine::<u32>::default());
    shared.add_rule(1, r#"{"a":["x"]}"#).unwrap();
    let reader = {
        let shared = shared.clone();
        std::thread::spawn(move || {
            for _ in 0..2000 {
                let got = shared.matches_for_event(br#"{"a":"x"}"#).unwrap();
                assert!(got.contains(&1));
            }
        })
    };
    for i in 2..200 {
        shared.add_rule(i, r#"{"a":["x"]}"#).unwrap();
        if i % 3 == 0 {
            assert!(shared.remove_rule(&i));
        }
    }
    reader.join().unwrap();
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Machine<String>>();
    assert_send_sync::<SharedMachine<String>>();
}
