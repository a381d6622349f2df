//! A small matching driver for instruction-count profiles: builds a [`Machine`] from one CL2
//! rule set or one scale rule set of the citylots workload, then matches the first `EVENTS`
//! events of the generated corpus, all inside one never-inlined function (`run_matches`) so
//! that a profiler can count that function alone.
//!
//! ```text
//! cargo build --release -p evmatch --example match_profile
//! valgrind --tool=callgrind --toggle-collect='match_profile::run_matches' \
//!     target/release/examples/match_profile COMPLEX_ARRAYS 5000
//! callgrind_annotate callgrind.out.<pid>
//! ```
//!
//! Arguments: `SET [EVENTS [unique]]`. `SET` is a CL2 set name (`COMPLEX_ARRAYS`, `NUMERIC`,
//! …) or a scale set name (`scale_exact_100000`, `scale_mix_10000`, `scale_mixnn_100`, …);
//! `EVENTS` defaults to 2,000; `unique` turns on `MachineConfig::unique_keys`. The rules are
//! drawn from the 20,000-event corpus, as in the citylots benchmark. With `REPS=n` in the
//! environment it also prints the best wall time of `n` more passes (callgrind counts are
//! deterministic; wall times on a shared machine are not).

use std::hint::black_box;
use std::time::Instant;

use evmatch::{Machine, MachineConfig};
use evmatch_workload::{Citylots, DEFAULT_SEED, ScaleKind};

/// The corpus the rule sets are drawn from (the citylots benchmark's).
const RULE_CORPUS: usize = 20_000;

/// Match every event; the total number of matches.
#[inline(never)]
fn run_matches(m: &Machine<usize>, events: &[Vec<u8>]) -> u64 {
    let mut out = Vec::new();
    let mut total = 0u64;
    for e in events {
        m.matches_into(black_box(e), &mut out)
            .expect("a valid event");
        total += out.len() as u64;
    }
    total
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(set) = args.first() else {
        eprintln!("usage: match_profile SET [EVENTS [unique]]");
        std::process::exit(2);
    };
    let n: usize = args
        .get(1)
        .map_or(2_000, |a| a.parse().expect("EVENTS is a number"));
    let unique = args.get(2).is_some_and(|a| a == "unique");
    let corpus = Citylots::new(DEFAULT_SEED, RULE_CORPUS);
    let scale = |prefix: &str, kind: ScaleKind| {
        set.strip_prefix(prefix)
            .and_then(|k| k.parse().ok())
            .map(|k| corpus.scale_rules(kind, k).rules)
    };
    let rules = scale("scale_exact_", ScaleKind::Exact)
        .or_else(|| scale("scale_mix_", ScaleKind::Mix))
        .or_else(|| scale("scale_mixnn_", ScaleKind::MixNoNumeric))
        .or_else(|| evmatch_workload::cl2_set(set).map(|s| s.rules))
        .unwrap_or_else(|| panic!("no rule set named {set}"));
    let events: Vec<Vec<u8>> = corpus.iter().take(n).collect();
    let mut m = Machine::with_config(MachineConfig::default().with_unique_keys(unique));
    for (i, (_, text)) in rules.iter().enumerate() {
        m.add_rule(i, text)
            .unwrap_or_else(|e| panic!("{text}: {e}"));
    }
    let total = run_matches(&m, &events);
    println!(
        "{set}: {} rules, {} events, {total} matches",
        rules.len(),
        events.len()
    );
    let reps: usize = std::env::var("REPS")
        .ok()
        .map_or(0, |r| r.parse().expect("REPS is a number"));
    if reps > 0 {
        let best = (0..reps)
            .map(|_| {
                let t = Instant::now();
                black_box(run_matches(&m, &events));
                t.elapsed()
            })
            .min()
            .expect("at least one pass");
        println!(
            "best of {reps}: {:.3} ms, {:.0} events/s",
            best.as_secs_f64() * 1e3,
            events.len() as f64 / best.as_secs_f64()
        );
    }
}
