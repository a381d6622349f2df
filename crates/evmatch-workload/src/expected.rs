//! The expected match counts: what the reference generator's own matcher found.
//!
//! The reference generator checks its output with an independent matcher and
//! writes `expected_cl2.json` (the number of matching events of every CL2
//! rule) and `expected_scale.json` (the total matches of every scaling rule
//! file). Both are committed under `data/` for the default seed at 20,000
//! events and at the full 213,068; [`expected_cl2_counts`] and
//! [`expected_scale_totals`] read them, and return `None` for any other corpus.
//!
//! Invariants: a committed file names the seed and event count it was made for,
//! and reading it for another corpus panics; the CL2 counts are aligned with
//! [`cl2_sets`](crate::cl2_sets)' rules, the combos included (their counts are
//! their members' counts, concatenated in member order).
//!
//! Costs: each call parses one embedded file of about 1 KB.

use std::collections::BTreeMap;

use crate::cl2::{CL2_RULES_JSON, parse_cl2};
use crate::{CITYLOTS_EVENTS, DEFAULT_SEED};

/// Expected counts computed by `gen_citylots.py`'s reference matcher, committed
/// under `data/` for these `(seed, events)` corpora:
/// `(seed, events, expected_cl2_<events>.json, expected_scale_<events>.json)`.
const EXPECTED: &[(u64, usize, &str, &str)] = &[
    (
        DEFAULT_SEED,
        20_000,
        include_str!("../data/expected_cl2_20000.json"),
        include_str!("../data/expected_scale_20000.json"),
    ),
    (
        DEFAULT_SEED,
        CITYLOTS_EVENTS,
        include_str!("../data/expected_cl2_213068.json"),
        include_str!("../data/expected_scale_213068.json"),
    ),
];

/// The corpus sizes (for `seed`) that have committed expected counts.
pub fn expected_sizes(seed: u64) -> Vec<usize> {
    EXPECTED
        .iter()
        .filter(|e| e.0 == seed)
        .map(|e| e.1)
        .collect()
}

/// The expected number of matching events of every CL2 rule over the corpus
/// `Citylots::new(seed, n)`, by set name, aligned with [`cl2_sets`](crate::cl2_sets)' rules
/// (the combos included). `None` if no counts are committed for that corpus
/// (see [`expected_sizes`]).
pub fn expected_cl2_counts(seed: u64, n: usize) -> Option<BTreeMap<String, Vec<u64>>> {
    #[derive(serde::Deserialize)]
    struct Doc {
        events: usize,
        seed: u64,
        expected: BTreeMap<String, Vec<u64>>,
    }
    let (_, _, text, _) = EXPECTED.iter().find(|e| e.0 == seed && e.1 == n)?;
    let doc: Doc = serde_json::from_str(text).expect("expected_cl2 json");
    assert!(
        doc.events == n && doc.seed == seed,
        "expected_cl2 file mismatch"
    );
    let mut out = doc.expected;
    let rules = parse_cl2(CL2_RULES_JSON);
    for (combo, members) in &rules.combos {
        let counts = members
            .iter()
            .flat_map(|m| out[*m].iter().copied())
            .collect();
        out.insert(combo.to_string(), counts);
    }
    Some(out)
}

/// The expected total matches of the scaling rule files (`scale_<kind>_<k>`)
/// that the script wrote for the corpus `(seed, n)`, if committed. Compare with
/// [`ScaleRules::expected_total_matches`](crate::ScaleRules::expected_total_matches).
pub fn expected_scale_totals(seed: u64, n: usize) -> Option<BTreeMap<String, u64>> {
    #[derive(serde::Deserialize)]
    struct Doc {
        events: usize,
        seed: u64,
        expected_total_matches: BTreeMap<String, u64>,
    }
    let (_, _, _, text) = EXPECTED.iter().find(|e| e.0 == seed && e.1 == n)?;
    let doc: Doc = serde_json::from_str(text).expect("expected_scale json");
    assert!(
        doc.events == n && doc.seed == seed,
        "expected_scale file mismatch"
    );
    Some(doc.expected_total_matches)
}
