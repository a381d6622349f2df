//! Huge-but-legal inputs: each case at two or three sizes, so the printed time per byte (or per
//! element, per value) shows whether the cost is linear in the input. Limits are raised through
//! the public [`MachineConfig`], [`EventLimits`] and [`PatternLimits`] so nothing is refused.
//!
//! * numeric arrays of 100k, 1M and 10M elements, skipped (no rule reads the path) and read
//!   (rules on the path);
//! * strings of 256 KB, 1 MB and 4 MB, skipped and matched by prefix and wildcard rules;
//! * single patterns of 1k, 10k and 100k values: parse, add, one match;
//! * the same long lists beside an exact trigger (an allowlist checked for every candidate):
//!   time per event;
//! * adversarial rule sets of 1k and 4k rules on one field (wildcards with stars at both ends,
//!   shared literal prefixes before the first star, `anything-but` lists) against field values of
//!   1 KB, 10 KB and 100 KB built so that no wildcard search ends early, with `Machine::stats()`
//!   to show the matcher's size.
//!
//! `cargo bench --bench hostile` prints the tables, then runs criterion on one size of each case;
//! `EVMATCH_BENCH_QUICK=1` prints the tables only (fewer passes).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Throughput;
use evmatch::{EventLimits, Machine, MachineConfig, Pattern, PatternLimits};

mod common;
use common::best_of;

fn quick() -> bool {
    std::env::var_os("EVMATCH_BENCH_QUICK").is_some()
}

/// Events and patterns far above AWS's sizes are accepted.
fn raised() -> MachineConfig {
    MachineConfig::default()
        .with_event_limits(
            EventLimits::default()
                .with_max_bytes(1 << 30)
                .with_max_fields(usize::MAX),
        )
        .with_pattern_limits(
            PatternLimits::default()
                .with_max_pattern_chars(usize::MAX)
                .with_max_values_per_pattern(usize::MAX),
        )
}

fn passes(bytes: usize) -> usize {
    match (quick(), bytes > 8 << 20) {
        (true, true) => 2,
        (true, false) => 3,
        (false, true) => 3,
        (false, false) => 10,
    }
}

/// Time one event against `m` (after one checked run) and print a row.
fn row(case: &str, size: &str, m: &Machine<usize>, event: &[u8], units: usize, unit: &str) {
    let mut out = Vec::new();
    m.matches_into(event, &mut out).expect("event accepted");
    let matched = out.len();
    let t = best_of(passes(event.len()), || {
        m.matches_into(event, &mut out).unwrap();
        black_box(&out);
    });
    let s = t.as_secs_f64();
    println!(
        "{case:<34} {size:>7} {:>10.1} MB {:>10.2} ms {:>8.2} ns/byte {:>8.2} ns/{unit:<5} {:>7} MB/s  matched {matched}",
        event.len() as f64 / 1e6,
        s * 1e3,
        s * 1e9 / event.len() as f64,
        s * 1e9 / units as f64,
        (event.len() as f64 / s / 1e6).round(),
    );
}

fn header(title: &str) {
    println!("\n{title}");
    println!(
        "{:<34} {:>7} {:>13} {:>13} {:>16} {:>14} {:>12}",
        "case", "size", "event", "match time", "per byte", "per unit", "throughput"
    );
}

/// Deterministic bytes over a small alphabet (xorshift64).
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn string(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize] as char)
            .collect()
    }
}

fn machine(rules: &[String]) -> Machine<usize> {
    let mut m = Machine::with_config(raised());
    for (i, r) in rules.iter().enumerate() {
        m.add_rule(i, r).unwrap_or_else(|e| panic!("{r}: {e}"));
    }
    m
}

/// `{"source":"bench","arr":[…n numbers…]}`; the last element is 123456789.
fn numeric_event(n: usize) -> Vec<u8> {
    let mut e = String::with_capacity(n * 5 + 64);
    e.push_str(r#"{"source":"bench","arr":["#);
    for i in 0..n - 1 {
        e.push_str(&(i % 1000).to_string());
        e.push(',');
    }
    e.push_str("123456789]}");
    e.into_bytes()
}

fn numeric_arrays() {
    header("numeric arrays (per unit = per element)");
    let skip = machine(&[r#"{"source":["bench"]}"#.into()]);
    let read = machine(&[
        r#"{"arr":[{"numeric":[">",100000000]}]}"#.into(),
        r#"{"arr":[-1]}"#.into(),
    ]);
    for (n, label) in [(100_000, "100k"), (1_000_000, "1M"), (10_000_000, "10M")] {
        let e = numeric_event(n);
        row(
            "array skipped (rule on source)",
            label,
            &skip,
            &e,
            n,
            "elem",
        );
        row("array read (numeric + exact)", label, &read, &e, n, "elem");
    }
}

fn long_strings() {
    header("long strings (per unit = per byte of the string)");
    let skip = machine(&[r#"{"source":["bench"]}"#.into()]);
    let prefix = machine(&[r#"{"s":[{"prefix":"abc"}]}"#.into()]);
    let wildcard = machine(&[
        r#"{"s":[{"wildcard":"abc*xyz*end"}]}"#.into(),
        r#"{"s":[{"wildcard":"*qqq*"}]}"#.into(),
    ]);
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    for (len, label) in [(256 << 10, "256KB"), (1 << 20, "1MB"), (4 << 20, "4MB")] {
        let body = noise.string(b"abcdefghijklmnop", len);
        let e = format!(r#"{{"source":"bench","s":"abc{body}xyzend"}}"#).into_bytes();
        row(
            "string skipped (rule on source)",
            label,
            &skip,
            &e,
            len,
            "byte",
        );
        row("string matched by prefix", label, &prefix, &e, len, "byte");
        row(
            "string matched by wildcard",
            label,
            &wildcard,
            &e,
            len,
            "byte",
        );
    }
}

fn big_patterns() {
    println!("\nsingle patterns with many values (per value)");
    println!(
        "{:<26} {:>7} {:>10} {:>14} {:>14} {:>14} {:>12}",
        "pattern", "values", "text", "parse", "add_pattern", "one match", "approx bytes"
    );
    let limits = raised().pattern_limits;
    type Kind = (&'static str, fn(usize) -> String, fn(usize) -> String);
    let kinds: [Kind; 4] = [
        (
            "exact strings",
            |i| format!(r#""v{i}""#),
            |n| format!(r#"{{"a":"v{}"}}"#, n - 1),
        ),
        (
            "numbers",
            |i| format!("{i}.5"),
            |n| format!(r#"{{"a":{}.5}}"#, n - 1),
        ),
        (
            "prefixes",
            |i| format!(r#"{{"prefix":"p{i}/"}}"#),
            |n| format!(r#"{{"a":"p{}/x"}}"#, n - 1),
        ),
        (
            "anything-but list",
            |i| format!(r#""v{i}""#),
            |_| r#"{"a":"other"}"#.to_string(),
        ),
    ];
    for (name, value, event) in kinds {
        for n in [1_000, 10_000, 100_000] {
            let list: Vec<String> = (0..n).map(value).collect();
            let text = if name == "anything-but list" {
                format!(r#"{{"a":[{{"anything-but":[{}]}}]}}"#, list.join(","))
            } else {
                format!(r#"{{"a":[{}]}}"#, list.join(","))
            };
            let p = Pattern::parse_with(&text, &limits).unwrap();
            let tp = best_of(3, || {
                black_box(Pattern::parse_with(&text, &limits).unwrap());
            });
            let mut m = Machine::with_config(raised());
            let ta = best_of(3, || {
                m = Machine::with_config(raised());
                m.add_pattern(0usize, &p);
            });
            let ev = event(n);
            let t = Instant::now();
            let got = m.matches_for_event(ev.as_bytes()).unwrap();
            let tm = t.elapsed();
            assert_eq!(got, [0], "{name} {n}");
            let per = |d: Duration| format!("{:.0} ns/val", d.as_secs_f64() * 1e9 / n as f64);
            println!(
                "{name:<26} {n:>7} {:>7.2} MB {:>14} {:>14} {:>11.1} µs {:>12}",
                text.len() as f64 / 1e6,
                per(tp),
                per(ta),
                tm.as_secs_f64() * 1e6,
                m.stats().approx_bytes
            );
        }
    }
}

/// A long value list beside an exact trigger (`{"s": ["x"], "a": [n values]}`): every event with
/// `s = x` is a candidate whose `a` is checked against the list, so the time per event shows
/// whether that check grows with the list.
fn checked_lists() {
    println!("\nlong lists checked for every candidate (per event)");
    println!(
        "{:<26} {:>7} {:>14}",
        "list beside an exact", "values", "match"
    );
    type ListKind = (&'static str, fn(usize) -> String);
    let lists: [ListKind; 3] = [
        ("exact strings", |i| format!(r#""v{i}""#)),
        ("numbers", |i| format!("{i}.5")),
        ("anything-but strings", |i| format!(r#""v{i}""#)),
    ];
    for (name, value) in lists {
        for n in [1_000, 10_000, 100_000] {
            let list = (0..n).map(value).collect::<Vec<_>>().join(",");
            let list = if name.starts_with("anything-but") {
                format!(r#"[{{"anything-but":[{list}]}}]"#)
            } else {
                format!("[{list}]")
            };
            let mut m = Machine::with_config(raised());
            m.add_rule(0usize, &format!(r#"{{"s":["x"],"a":{list}}}"#))
                .unwrap();
            let hit = value(n - 1);
            let event = if name.starts_with("anything-but") {
                r#"{"s":"x","a":"other"}"#.to_string()
            } else {
                format!(r#"{{"s":"x","a":{hit}}}"#)
            };
            assert_eq!(m.matches_for_event(event.as_bytes()).unwrap(), [0]);
            let reps = 2_000;
            let mut out = Vec::new();
            let t = best_of(3, || {
                for _ in 0..reps {
                    m.matches_into(black_box(event.as_bytes()), &mut out)
                        .unwrap();
                }
            });
            println!(
                "{name:<26} {n:>7} {:>11.0} ns",
                t.as_secs_f64() * 1e9 / reps as f64
            );
        }
    }
}

/// Distinct 16-letter words over {a, b} whose wildcard `*w*wc*` is within the complexity limit:
/// the value noise is over {a, b}, so every word keeps partial matches alive, and `wc` never
/// occurs, so every search runs to the value's end.
fn words(n: usize) -> Vec<String> {
    let mut noise = Noise(0x2545_f491_4f6c_dd1d);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while out.len() < n {
        let w = noise.string(b"ab", 16);
        if seen.insert(w.clone())
            && Pattern::parse(&format!(r#"{{"f":[{{"wildcard":"*{w}*{w}c*"}}]}}"#)).is_ok()
        {
            out.push(w);
        }
    }
    out
}

/// The adversarial rule sets of `n` rules on field `f`; values start `log/<k>/` and end `end`.
fn adversarial_sets(n: usize) -> Vec<(&'static str, Vec<String>)> {
    let w = words(n + 3);
    let both_ends = (0..n)
        .map(|i| format!(r#"{{"f":[{{"wildcard":"*{0}*{0}c*"}}]}}"#, w[i]))
        .collect();
    // Four shared literal prefixes: a value reaches every rule of its bucket.
    let shared_prefix = (0..n)
        .map(|i| format!(r#"{{"f":[{{"wildcard":"log/{}/*{}c*end"}}]}}"#, i % 4, w[i]))
        .collect();
    // anything-but lists of every form; most rules match every value.
    let anything_but = (0..n)
        .map(|i| match i % 4 {
            0 => format!(
                r#"{{"f":[{{"anything-but":{{"wildcard":["*{}c*","*{}c*"]}}}}]}}"#,
                w[i],
                w[i + 1]
            ),
            1 => format!(
                r#"{{"f":[{{"anything-but":{{"prefix":["log/{}/{}","x{i}","y{i}","z{i}"]}}}}]}}"#,
                i % 4,
                w[i]
            ),
            2 => format!(
                r#"{{"f":[{{"anything-but":{{"suffix":["{}end","{}c","q{i}"]}}}}]}}"#,
                w[i],
                w[i + 2]
            ),
            _ => {
                let list: Vec<String> = (0..8).map(|k| format!(r#""{}{k}""#, w[i])).collect();
                format!(r#"{{"f":[{{"anything-but":[{}]}}]}}"#, list.join(","))
            }
        })
        .collect();
    vec![
        ("wildcards *w*wc*", both_ends),
        ("wildcards log/k/*wc*end", shared_prefix),
        ("anything-but lists", anything_but),
    ]
}

fn adversarial() {
    let mut noise = Noise(0x0123_4567_89ab_cdef);
    let sizes = [(1 << 10, "1KB"), (10 << 10, "10KB"), (100 << 10, "100KB")];
    let events: Vec<Vec<u8>> = sizes
        .iter()
        .map(|&(len, _)| {
            let body = noise.string(b"ab", len);
            format!(r#"{{"source":"bench","f":"log/1/{body}end"}}"#).into_bytes()
        })
        .collect();
    for n in [1_000, 4_000] {
        header(&format!(
            "adversarial rule sets, {n} rules on one field (per unit = per byte of the value)"
        ));
        let mut stats = Vec::new();
        for (name, rules) in adversarial_sets(n) {
            let t = Instant::now();
            let m = machine(&rules);
            let add = t.elapsed();
            for (e, &(len, label)) in events.iter().zip(&sizes) {
                row(name, label, &m, e, len, "byte");
            }
            let t = Instant::now();
            let s = m.stats();
            stats.push((name, add, t.elapsed(), s));
        }
        println!(
            "{:<34} {:>9} {:>9} {:>12} {:>10} {:>11} {:>10} {:>10}",
            "matcher", "rules", "checks", "index keys", "MB", "complexity", "add ms", "stats ms"
        );
        for (name, add, took, s) in stats {
            println!(
                "{name:<34} {:>9} {:>9} {:>12} {:>10.2} {:>11} {:>10.1} {:>10.1}",
                s.rules,
                s.field_checks,
                s.index_keys,
                s.approx_bytes as f64 / 1e6,
                s.wildcard_complexity,
                add.as_secs_f64() * 1e3,
                took.as_secs_f64() * 1e3
            );
        }
    }
}

fn criterion_benches() {
    let mut c = common::short_criterion();
    let mut g = c.benchmark_group("hostile");
    let bench = |g: &mut criterion::BenchmarkGroup<_>, name: &str, m: &Machine<usize>, e: &[u8]| {
        g.throughput(Throughput::Bytes(e.len() as u64));
        let mut out = Vec::new();
        g.bench_function(name, |b| {
            b.iter(|| {
                m.matches_into(e, &mut out).unwrap();
                black_box(&out);
            })
        });
    };
    let e = numeric_event(1_000_000);
    bench(
        &mut g,
        "array_1M_skipped",
        &machine(&[r#"{"source":["bench"]}"#.into()]),
        &e,
    );
    bench(
        &mut g,
        "array_1M_read",
        &machine(&[r#"{"arr":[-1]}"#.into()]),
        &e,
    );
    let body = Noise(7).string(b"abcdefghijklmnop", 1 << 20);
    let e = format!(r#"{{"source":"bench","s":"abc{body}xyzend"}}"#).into_bytes();
    bench(
        &mut g,
        "string_1MB_wildcard",
        &machine(&[r#"{"s":[{"wildcard":"abc*xyz*end"}]}"#.into()]),
        &e,
    );
    let body = Noise(7).string(b"ab", 10 << 10);
    let e = format!(r#"{{"source":"bench","f":"log/1/{body}end"}}"#).into_bytes();
    for (name, rules) in adversarial_sets(1_000) {
        bench(&mut g, &format!("1k {name}, 10KB"), &machine(&rules), &e);
    }
    g.finish();
    c.final_summary();
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn main() {
    numeric_arrays();
    long_strings();
    big_patterns();
    checked_lists();
    adversarial();
    println!("\npeak RSS: {}", peak_rss());
    if !quick() {
        criterion_benches();
    }
}
