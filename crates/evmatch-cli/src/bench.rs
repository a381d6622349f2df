//! `evmatch bench`: the citylots workload, generated in memory, matched against every CL2 rule
//! set; prints events/s and MB/s per set, and checks every match count.
//!
//! Invariants: the corpus is deterministic for a seed and size, so the counts are checked
//! against the generator's reference counts where it has them; matching runs on one core.
//! Costs: the whole corpus in memory (about 190 MB at the default 213,068 events), and at least
//! `--seconds` of matching per rule set.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use evmatch::Machine;
use evmatch_workload::{self as workload, Citylots};
use indicatif::{ProgressBar, ProgressStyle};

const AFTER_HELP: &str = "\
Generates a deterministic corpus modelled on the San Francisco \"citylots\" GeoJSON parcels of
event-ruler's CL2 benchmark (213,068 records of ~900 bytes by default) in memory, then for each
CL2 rule set builds a Machine and matches every event on one core, repeating for at least
--seconds. Match counts are checked
against the generator's reference counts when the corpus size has them (20,000 and 213,068
events with the default seed). Exit status 1 if a count disagrees.";

/// Arguments of `evmatch bench`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct BenchArgs {
    /// Number of events to generate.
    #[arg(long, value_name = "N", default_value_t = workload::CITYLOTS_EVENTS)]
    events: usize,

    /// Only this rule set (e.g. EXACT, NUMERIC, COMBO_ALL); repeatable.
    #[arg(long, value_name = "SET")]
    rules: Vec<String>,

    /// Generator seed.
    #[arg(long, default_value_t = workload::DEFAULT_SEED)]
    seed: u64,

    /// Minimum measuring time per rule set, in seconds.
    #[arg(long, default_value_t = 1.0)]
    seconds: f64,
}

/// Run `evmatch bench`.
pub fn run(args: BenchArgs) -> ExitCode {
    let sets: Vec<workload::RuleSet> = workload::cl2_sets()
        .into_iter()
        .filter(|s| {
            args.rules.is_empty() || args.rules.iter().any(|r| r.eq_ignore_ascii_case(&s.name))
        })
        .collect();
    if sets.is_empty() {
        let names: Vec<String> = workload::cl2_sets().into_iter().map(|s| s.name).collect();
        eprintln!(
            "evmatch: bench: no rule set named {:?}; sets: {}",
            args.rules,
            names.join(", ")
        );
        return ExitCode::from(2);
    }
    let bar = ProgressBar::new(args.events as u64).with_style(
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len}").expect("valid template"),
    );
    bar.set_message("generating events");
    let corpus = Citylots::new(args.seed, args.events);
    let mut events = Vec::with_capacity(corpus.len());
    for i in 0..corpus.len() {
        events.push(corpus.event(i));
        if i % 4096 == 0 {
            bar.set_position(i as u64);
        }
    }
    bar.finish_and_clear();
    let bytes: usize = events.iter().map(Vec::len).sum();
    let expected = workload::expected_cl2_counts(args.seed, args.events);
    println!(
        "{} events, {:.1} MB, {:.0} bytes/event; one core; {}",
        events.len(),
        bytes as f64 / 1e6,
        bytes as f64 / events.len().max(1) as f64,
        if expected.is_some() {
            "match counts checked"
        } else {
            "no reference counts for this size"
        }
    );
    println!(
        "{:<28} {:>5} {:>10} {:>12} {:>9}  counts",
        "rule set", "rules", "matches", "events/s", "MB/s"
    );
    let bar = ProgressBar::new(sets.len() as u64).with_style(
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len}").expect("valid template"),
    );
    let mut all_ok = true;
    for set in &sets {
        bar.set_message(set.name.clone());
        let mut machine = Machine::new();
        for (i, (_, pattern)) in set.rules.iter().enumerate() {
            machine.add_rule(i, pattern).expect("CL2 rules are valid");
        }
        let mut counts = vec![0u64; set.rules.len()];
        let mut out = Vec::new();
        for e in &events {
            machine
                .matches_into(e, &mut out)
                .expect("generated events are valid");
            for &r in &out {
                counts[r] += 1;
            }
        }
        let (rate, passes) = measure(&machine, &events, Duration::from_secs_f64(args.seconds));
        let verdict = match expected.as_ref().and_then(|e| e.get(&set.name)) {
            Some(want) if *want == counts => "ok",
            Some(_) => {
                all_ok = false;
                "MISMATCH"
            }
            None => "-",
        };
        bar.suspend(|| {
            println!(
                "{:<28} {:>5} {:>10} {:>12.0} {:>9.0}  {verdict} ({passes} passes)",
                set.name,
                set.rules.len(),
                counts.iter().sum::<u64>(),
                rate,
                rate * bytes as f64 / events.len().max(1) as f64 / 1e6,
            )
        });
        bar.inc(1);
    }
    bar.finish_and_clear();
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Events per second over whole passes, for at least `min` wall time.
fn measure(machine: &Machine<usize>, events: &[Vec<u8>], min: Duration) -> (f64, usize) {
    let mut out = Vec::new();
    let start = Instant::now();
    let mut passes = 0;
    while passes == 0 || start.elapsed() < min {
        for e in events {
            machine
                .matches_into(e, &mut out)
                .expect("generated events are valid");
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    ((passes * events.len()) as f64 / secs, passes)
}
