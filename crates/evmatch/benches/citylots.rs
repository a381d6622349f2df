//! The citylots workload (event-ruler's CL2 benchmark on the generated corpus): every CL2 set
//! and both combos, evmatch and the quamina crate side by side, match counts checked against
//! the generator's expected counts; then the rule-count sweep (1 → 100,000 rules).
//!
//! `cargo bench --bench citylots` prints a summary table (best of several passes over the
//! 20,000-event corpus, one thread) and then runs the criterion benchmarks.
//! `EVMATCH_BENCH_QUICK=1` skips criterion and prints only the summary.

use std::hint::black_box;
use std::time::Instant;

use criterion::Throughput;
use evmatch::Machine;
use evmatch_workload::{self as workload, Citylots, DEFAULT_SEED, ScaleKind};

mod common;
use common::best_of;

const EVENTS: usize = 20_000;

fn corpus() -> Vec<Vec<u8>> {
    Citylots::new(DEFAULT_SEED, EVENTS).to_vecs()
}

fn machine_for(rules: &[(String, String)]) -> Machine<usize> {
    machine_with(rules, evmatch::MachineConfig::default())
}

fn machine_with(rules: &[(String, String)], config: evmatch::MachineConfig) -> Machine<usize> {
    let mut m = Machine::with_config(config);
    for (i, (_, text)) in rules.iter().enumerate() {
        m.add_rule(i, text)
            .unwrap_or_else(|e| panic!("{text}: {e}"));
    }
    m
}

fn quamina_for(rules: &[(String, String)]) -> Option<quamina::Quamina<usize>> {
    let mut q = quamina::Quamina::new();
    for (i, (_, text)) in rules.iter().enumerate() {
        q.add_pattern(i, text).ok()?;
    }
    Some(q)
}

fn counts(n: usize, mut run: impl FnMut(&[u8], &mut Vec<usize>), events: &[Vec<u8>]) -> Vec<u64> {
    let mut c = vec![0u64; n];
    let mut out = Vec::new();
    for e in events {
        run(e, &mut out);
        for &i in &out {
            c[i] += 1;
        }
    }
    c
}

fn summary(events: &[Vec<u8>]) {
    let bytes: usize = events.iter().map(Vec::len).sum();
    let expected = workload::expected_cl2_counts(DEFAULT_SEED, EVENTS).expect("committed counts");
    println!(
        "corpus: {} events, {:.1} MB, mean {} bytes/event",
        events.len(),
        bytes as f64 / 1e6,
        bytes / events.len()
    );
    println!(
        "{:<28} {:>12} {:>9} {:>12} {:>9} {:>7} {:>12} {:>7}  counts",
        "set", "evmatch ev/s", "MB/s", "quamina ev/s", "MB/s", "ratio", "unique ev/s", "ratio"
    );
    for set in workload::cl2_sets() {
        let m = machine_for(&set.rules);
        let got = counts(
            set.rules.len(),
            |e, out| m.matches_into(e, out).unwrap(),
            events,
        );
        let want = &expected[&set.name];
        assert_eq!(&got, want, "{}: evmatch match counts", set.name);
        let mut out = Vec::new();
        let t = best_of(5, || {
            for e in events {
                m.matches_into(e, &mut out).unwrap();
                black_box(&out);
            }
        });
        let ev_s = events.len() as f64 / t.as_secs_f64();
        let mb_s = bytes as f64 / t.as_secs_f64() / 1e6;
        // The same rules with `MachineConfig::unique_keys` (the corpus has unique member names).
        let mu = machine_with(
            &set.rules,
            evmatch::MachineConfig::default().with_unique_keys(true),
        );
        let got_u = counts(
            set.rules.len(),
            |e, out| mu.matches_into(e, out).unwrap(),
            events,
        );
        assert_eq!(
            &got_u, want,
            "{}: evmatch unique_keys match counts",
            set.name
        );
        let tu = best_of(5, || {
            for e in events {
                mu.matches_into(e, &mut out).unwrap();
                black_box(&out);
            }
        });
        let u_ev = events.len() as f64 / tu.as_secs_f64();
        let mut u_ratio = "-".to_string();
        let (q_cell, q_mb, ratio, q_counts) = match quamina_for(&set.rules) {
            Some(q) => {
                let qc = counts(
                    set.rules.len(),
                    |e, out| *out = q.matches_for_event(e).unwrap(),
                    events,
                );
                let tq = best_of(5, || {
                    for e in events {
                        black_box(q.matches_for_event(e).unwrap());
                    }
                });
                let q_ev = events.len() as f64 / tq.as_secs_f64();
                u_ratio = format!("{:.2}", u_ev / q_ev);
                (
                    format!("{q_ev:.0}"),
                    format!("{:.0}", bytes as f64 / tq.as_secs_f64() / 1e6),
                    format!("{:.2}", ev_s / q_ev),
                    if &qc == want {
                        "ok".to_string()
                    } else {
                        "quamina differs".to_string()
                    },
                )
            }
            None => ("unsupported".into(), "-".into(), "-".into(), String::new()),
        };
        println!(
            "{:<28} {:>12.0} {:>9.0} {:>12} {:>9} {:>7} {:>12.0} {:>7}  ok {}",
            set.name, ev_s, mb_s, q_cell, q_mb, ratio, u_ev, u_ratio, q_counts
        );
    }
}

fn sweep(events: &[Vec<u8>]) {
    let corpus = Citylots::new(DEFAULT_SEED, EVENTS);
    let totals = workload::expected_scale_totals(DEFAULT_SEED, EVENTS);
    println!(
        "{:<22} {:>8} {:>12} {:>14} {:>12} {:>10}",
        "rule set", "rules", "ev/s", "add rules/s", "bytes/rule", "matches"
    );
    for kind in ScaleKind::ALL {
        for k in [1usize, 100, 10_000, 100_000] {
            let rules = corpus.scale_rules(kind, k);
            let parsed: Vec<evmatch::Pattern> = rules
                .rules
                .iter()
                .map(|(_, t)| evmatch::Pattern::parse(t).unwrap())
                .collect();
            let t = Instant::now();
            let mut m = Machine::new();
            for (i, p) in parsed.iter().enumerate() {
                m.add_pattern(i, p);
            }
            let add = t.elapsed();
            let t = Instant::now();
            let mut m2 = Machine::new();
            for (i, (_, text)) in rules.rules.iter().enumerate() {
                m2.add_rule(i, text).unwrap();
            }
            let add_text = t.elapsed();
            drop(m2);
            let mut out = Vec::new();
            let mut total = 0u64;
            for e in events {
                m.matches_into(e, &mut out).unwrap();
                total += out.len() as u64;
            }
            assert_eq!(total, rules.expected_total_matches, "{}", rules.name);
            if let Some(t) = totals.as_ref().and_then(|t| t.get(&rules.name)) {
                assert_eq!(total, *t, "{}", rules.name);
            }
            let tm = best_of(3, || {
                for e in events {
                    m.matches_into(e, &mut out).unwrap();
                    black_box(&out);
                }
            });
            println!(
                "{:<22} {:>8} {:>12.0} {:>14} {:>12} {:>10}",
                rules.name,
                k,
                events.len() as f64 / tm.as_secs_f64(),
                format!(
                    "{:.0}/{:.0}",
                    k as f64 / add.as_secs_f64(),
                    k as f64 / add_text.as_secs_f64()
                ),
                m.stats().approx_bytes / k,
                total
            );
        }
    }
    println!("(add rules/s: pre-parsed patterns / from pattern text)");
}

fn criterion_benches(events: &[Vec<u8>]) {
    let mut c = common::short_criterion();
    let mut g = c.benchmark_group("cl2");
    g.throughput(Throughput::Elements(events.len() as u64));
    for set in workload::cl2_sets() {
        let m = machine_for(&set.rules);
        let mut out = Vec::new();
        g.bench_function(format!("evmatch/{}", set.name), |b| {
            b.iter(|| {
                for e in events {
                    m.matches_into(e, &mut out).unwrap();
                    black_box(&out);
                }
            })
        });
        if let Some(q) = quamina_for(&set.rules) {
            g.bench_function(format!("quamina/{}", set.name), |b| {
                b.iter(|| {
                    for e in events {
                        black_box(q.matches_for_event(e).unwrap());
                    }
                })
            });
        }
    }
    g.finish();
    c.final_summary();
}

fn main() {
    let events = corpus();
    summary(&events);
    sweep(&events);
    if std::env::var_os("EVMATCH_BENCH_QUICK").is_none() {
        criterion_benches(&events);
    }
}
