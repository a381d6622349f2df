//! The citylots benchmark workload: a deterministic generator of citylots-like
//! events and the CL2 rule sets, used by `evmatch bench` and the criterion
//! benches.
//!
//! The workload is event-ruler's CL2 benchmark (many rules over San Francisco
//! "citylots" GeoJSON parcel records) on a generated corpus. This crate is a
//! Rust port of the citylots benchmark's reference Python generator,
//! `gen_citylots.py` (default seed 20240601, run with CPython 3.11): for the
//! same seed and event count, [`Citylots`] produces the events the script
//! writes to `citylots.jsonl`, byte for byte (one event per line; here each
//! event is the line without its newline), which the tests check with the
//! sha256 digests of the script's output.
//!
//! * [`Citylots`]: the corpus, generated up front and rendered on demand;
//!   [`events`] iterates over one.
//! * [`cl2_sets`] / [`cl2_set`]: the 14 CL2 rule sets and the combos
//!   `COMBO_COMMON` and `COMBO_ALL`, as [`RuleSet`]s.
//! * [`expected_cl2_counts`]: the matching-event count of every CL2 rule, from
//!   the script's independent reference matcher, for the corpora that have
//!   committed counts ([`expected_sizes`]).
//! * [`Citylots::scale_rules`]: the rule-count scaling rule files
//!   ([`ScaleKind`], [`ScaleRules`]) with their expected total matches;
//!   [`expected_scale_totals`] has the script's totals.
//!
//! Inside, one module per concept: `py_random` (CPython's `random.Random`),
//! `py_repr` (Python's `repr(float)`), `city` (the street pools, regions and
//! planted parcels), `generator` (the block and lot layout), `citylots` (the
//! corpus and its JSON rendering), `scale`, `cl2` and `expected`.
//!
//! ```
//! let corpus = evmatch_workload::Citylots::new(evmatch_workload::DEFAULT_SEED, 1_000);
//! assert_eq!(corpus.len(), 1_000);
//! assert!(corpus.event(0).starts_with(b"{ \"type\": \"Feature\""));
//! ```

mod city;
mod citylots;
mod cl2;
mod expected;
mod generator;
mod py_random;
mod py_repr;
mod scale;

pub use citylots::{CITYLOTS_EVENTS, Citylots, DEFAULT_SEED, events};
pub use cl2::{RuleSet, cl2_set, cl2_sets};
pub use expected::{expected_cl2_counts, expected_scale_totals, expected_sizes};
pub use scale::{ScaleKind, ScaleRules};
