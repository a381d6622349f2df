//! Flattener micro-benchmark: one CL2 rule set over the citylots corpus, in the default (exact)
//! mode and in the `unique_keys` mode, so the cost of reading, validating and skipping event
//! bytes can be profiled in isolation (`perf record`, `valgrind --tool=callgrind`).
//!
//! `cargo bench --bench flatten -- [SET ...]` (default: EXACT NUMERIC COMPLEX_ARRAYS).
//! Environment: `EVMATCH_FLAT_PASSES` (default 20), `EVMATCH_FLAT_EVENTS` (default 20000),
//! `EVMATCH_FLAT_MODE` = `exact` | `unique` | `both` (default `both`).

use std::hint::black_box;
use std::time::Instant;

use evmatch::{Machine, MachineConfig};
use evmatch_workload::{self as workload, Citylots, DEFAULT_SEED};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let n = env("EVMATCH_FLAT_EVENTS", 20_000);
    let passes = env("EVMATCH_FLAT_PASSES", 20);
    let mode = std::env::var("EVMATCH_FLAT_MODE").unwrap_or_else(|_| "both".into());
    let events = Citylots::new(DEFAULT_SEED, n).to_vecs();
    let bytes: usize = events.iter().map(Vec::len).sum();
    let mut names: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if names.is_empty() {
        names = ["EXACT", "NUMERIC", "COMPLEX_ARRAYS"]
            .map(String::from)
            .to_vec();
    }
    for name in names {
        let Some(set) = workload::cl2_set(&name) else {
            eprintln!("unknown set {name}");
            continue;
        };
        for unique_keys in [false, true] {
            if (unique_keys && mode == "exact") || (!unique_keys && mode == "unique") {
                continue;
            }
            let mut m: Machine<usize> =
                Machine::with_config(MachineConfig::default().with_unique_keys(unique_keys));
            for (i, (_, text)) in set.rules.iter().enumerate() {
                m.add_rule(i, text).unwrap();
            }
            let mut out = Vec::new();
            let mut matches = 0usize;
            let mut best = f64::INFINITY;
            for _ in 0..passes {
                let t = Instant::now();
                for e in &events {
                    m.matches_into(e, &mut out).unwrap();
                    matches += out.len();
                    black_box(&out);
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            println!(
                "{:<16} {:<7} {:>10.0} ev/s {:>7.0} MB/s  ({} matches)",
                name,
                if unique_keys { "unique" } else { "exact" },
                events.len() as f64 / best,
                bytes as f64 / best / 1e6,
                matches / passes.max(1),
            );
        }
    }
}
