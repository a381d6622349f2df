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

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::citylots::{CITYLOTS_EVENTS, DEFAULT_SEED};
use crate::cl2::cl2_file;

/// One committed corpus: its seed and size and the two files the script wrote.
struct Committed {
    seed: u64,
    events: usize,
    /// `expected_cl2_<events>.json`.
    cl2: &'static str,
    /// `expected_scale_<events>.json`.
    scale: &'static str,
}

/// The corpora with committed expected counts.
const COMMITTED: &[Committed] = &[
    Committed {
        seed: DEFAULT_SEED,
        events: 20_000,
        cl2: include_str!("../data/expected_cl2_20000.json"),
        scale: include_str!("../data/expected_scale_20000.json"),
    },
    Committed {
        seed: DEFAULT_SEED,
        events: CITYLOTS_EVENTS,
        cl2: include_str!("../data/expected_cl2_213068.json"),
        scale: include_str!("../data/expected_scale_213068.json"),
    },
];

/// The shape both files share: the corpus they describe and their payload.
#[derive(Deserialize)]
struct ExpectedFile<T> {
    events: usize,
    seed: u64,
    #[serde(flatten)]
    payload: T,
}

/// The payload of `expected_cl2_<events>.json`: counts by set name.
#[derive(Deserialize)]
struct Cl2Counts {
    expected: BTreeMap<String, Vec<u64>>,
}

/// The payload of `expected_scale_<events>.json`: totals by rule file name.
#[derive(Deserialize)]
struct ScaleTotals {
    expected_total_matches: BTreeMap<String, u64>,
}

/// Parses the committed file `pick` selects for the corpus `(seed, n)`, if any.
fn read<T: DeserializeOwned>(
    seed: u64,
    n: usize,
    pick: fn(&Committed) -> &'static str,
) -> Option<T> {
    let committed = COMMITTED.iter().find(|c| c.seed == seed && c.events == n)?;
    let file: ExpectedFile<T> =
        serde_json::from_str(pick(committed)).expect("committed expected counts are valid");
    assert!(
        file.events == n && file.seed == seed,
        "committed expected counts are for another corpus"
    );
    Some(file.payload)
}

/// The corpus sizes (for `seed`) that have committed expected counts.
pub fn expected_sizes(seed: u64) -> Vec<usize> {
    COMMITTED
        .iter()
        .filter(|c| c.seed == seed)
        .map(|c| c.events)
        .collect()
}

/// The expected number of matching events of every CL2 rule over the corpus
/// `Citylots::new(seed, n)`, by set name, aligned with
/// [`cl2_sets`](crate::cl2_sets)' rules (the combos included). `None` if no
/// counts are committed for that corpus (see [`expected_sizes`]).
pub fn expected_cl2_counts(seed: u64, n: usize) -> Option<BTreeMap<String, Vec<u64>>> {
    let mut out = read::<Cl2Counts>(seed, n, |c| c.cl2)?.expected;
    for (combo, members) in cl2_file().combos {
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
    read::<ScaleTotals>(seed, n, |c| c.scale).map(|t| t.expected_total_matches)
}
