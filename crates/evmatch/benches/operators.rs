//! Per-operator scaling: for every operator form, K = 1, 100, 1,000 and 10,000 rules of that
//! form on one path (`detail.f`, distinct operands), matched against 20,000 small events (an
//! EventBridge envelope and a `detail` object) whose `detail.f` is drawn from the same operand
//! space, so each event matches about one rule — or about K for the broad forms
//! (`anything-but`, the same `exists` pattern K times, `true`/`false`/`null`). Then a
//! 100,000-rule mix of every form over five paths (five rules of each broad form, the rest
//! spread evenly over the others), against the rate of its first rule alone on the same events.
//!
//! Each row prints events/s, the ratio to K = 1, matches per event, ns per reported rule id for
//! the broad forms (the time per event divided by the ids it reported), the time to add a parsed
//! rule, the time to parse one, and `Machine::stats().approx_bytes` per rule; the end prints a
//! summary as a Markdown table. A form whose cost grows with K shows it as a falling ratio.
//!
//! **Checked before timed.** Every event's matches are compared (count and sum of ids) with what
//! the generator predicts ([`forms::Form::expected`]), and a sample of events id by id with the
//! reference evaluator (`Pattern::matches_document` of every rule), so a wrong index cannot look
//! fast. Events are generated from fixed seeds.
//!
//! **Time-bounded.** Matching that is linear in K is slow at K = 10,000 (hundreds of events/s), so
//! the first, checking, pass stops after a time budget (at least 256 events) and the timed passes
//! run over the events it reached; the `events` column says how many. Fast rows repeat their
//! timed passes for the same budget and keep the best.
//!
//! `cargo bench -p evmatch --bench operators` prints the tables, then criterion times K = 1,000 of
//! every form over 1,000 events, and the mix over 100. `EVMATCH_BENCH_QUICK=1` prints the tables
//! only, with fewer passes and a shorter budget (a few minutes on two cores);
//! `EVMATCH_BENCH_FORMS=wildcard,mix` limits the tables to the forms whose names contain one of
//! the words (and the mix to `mix`). Pin it (`taskset -c 1`) to compare runs.

use std::hint::black_box;
use std::str::FromStr;
use std::time::{Duration, Instant};

use criterion::Throughput;
use evmatch::{Machine, Pattern};

mod common;
use common::best_of;

#[path = "operators/forms.rs"]
mod forms;
use forms::{FORMS, Form, Rng, Tally, Values};

const EVENTS: usize = 20_000;
const KS: [usize; 4] = [1, 100, 1_000, 10_000];
/// The K criterion times for every form.
const CRITERION_K: usize = 1_000;
/// Events per criterion iteration (the mix: a tenth, as it can be slow).
const CRITERION_EVENTS: usize = 1_000;
const MIN_EVENTS: usize = 256;
/// Seed of every generator (mixed with the form and K).
const SEED: u64 = 20_261_207;

fn quick() -> bool {
    std::env::var_os("EVMATCH_BENCH_QUICK").is_some()
}

/// How long the checking pass may run before it stops (once it has [`MIN_EVENTS`]).
fn budget() -> Duration {
    Duration::from_millis(if quick() { 400 } else { 1_000 })
}

fn passes() -> usize {
    if quick() { 5 } else { 10 }
}

/// Best time of rounds of [`passes`] runs of `f`, repeated while the budget lasts (at most 20
/// rounds): a pass over 20,000 events can take 10 ms, and on a busy machine one interruption
/// would spoil a best of five.
fn best_within(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut best = best_of(passes(), &mut f);
    for _ in 1..20 {
        if start.elapsed() >= budget() {
            break;
        }
        best = best.min(best_of(passes(), &mut f));
    }
    best
}

/// Events compared with the reference evaluator: about 200,000 rule evaluations per row, 4 to 32
/// events.
fn reference_sample(rules: usize) -> usize {
    (200_000 / rules.max(1)).clamp(4, 32)
}

/// One case: rules (ids are their positions), events and each event's predicted tally.
struct Case {
    rules: Vec<String>,
    events: Vec<Vec<u8>>,
    expected: Vec<Tally>,
}

/// One measured row.
struct Row {
    k: usize,
    events: usize,
    ev_s: f64,
    matches: f64,
    ns_per_id: Option<f64>,
    parse_ns: f64,
    add_ns: f64,
    bytes_per_rule: f64,
}

fn seed(name: &str, k: usize) -> u64 {
    name.bytes().fold(SEED ^ ((k as u64) << 32), |h, b| {
        h.rotate_left(7) ^ u64::from(b)
    })
}

/// K rules of `form` on `detail.f` and the events for them.
fn form_case(form: &Form, k: usize) -> Case {
    let rules = (0..k).map(|i| form.rule("f", i)).collect();
    let mut rng = Rng::new(seed(form.name, k));
    let (mut events, mut expected) = (Vec::with_capacity(EVENTS), Vec::with_capacity(EVENTS));
    for _ in 0..EVENTS {
        let j = form.draw(&mut rng, k);
        let members: Vec<(&str, String)> = j.map(|j| ("f", form.value(j))).into_iter().collect();
        events.push(forms::event(&mut rng, &members));
        expected.push(form.expected(k, j));
    }
    Case {
        rules,
        events,
        expected,
    }
}

fn build(patterns: &[Pattern]) -> Machine<u32> {
    let mut m = Machine::new();
    for (i, p) in patterns.iter().enumerate() {
        m.add_pattern(i as u32, p);
    }
    m
}

/// Match every event of `case` on `m` in order, checking each against its predicted tally, until
/// the budget is spent; returns (events reached, rule ids reported).
fn check_pass(name: &str, m: &Machine<u32>, case: &Case) -> (usize, u64) {
    let start = Instant::now();
    let mut out = Vec::new();
    let (mut n, mut ids) = (0, 0);
    for (e, want) in case.events.iter().zip(&case.expected) {
        m.matches_into(e, &mut out).expect("event accepted");
        assert_eq!(
            Tally::of(&out),
            *want,
            "{name}: event {n} ({}) gave {} ids, predicted {}",
            String::from_utf8_lossy(e),
            out.len(),
            want.count
        );
        n += 1;
        ids += out.len() as u64;
        if n >= MIN_EVENTS && n % 64 == 0 && start.elapsed() > budget() {
            break;
        }
    }
    (n, ids)
}

/// Compare `m` id by id with the reference evaluator on events spread over `events`.
fn reference_check(name: &str, m: &Machine<u32>, patterns: &[Pattern], events: &[Vec<u8>]) {
    let sample = reference_sample(patterns.len()).min(events.len());
    let mut out = Vec::new();
    for s in 0..sample {
        let e = &events[s * events.len() / sample];
        let text = std::str::from_utf8(e).expect("UTF-8 event");
        let doc = evmatch::json::Value::from_str(text).expect("valid event");
        let want: Vec<u32> = (0u32..)
            .zip(patterns)
            .filter(|(_, p)| p.matches_document(&doc))
            .map(|(i, _)| i)
            .collect();
        m.matches_into(e, &mut out).expect("event accepted");
        out.sort_unstable();
        assert_eq!(
            out, want,
            "{name}: the machine and the reference differ on {text}"
        );
    }
}

/// Parse, add, check and time one case.
fn measure(name: &str, case: &Case, broad: bool) -> Row {
    let k = case.rules.len();
    let t = Instant::now();
    let patterns: Vec<Pattern> = case
        .rules
        .iter()
        .map(|r| Pattern::parse(r).unwrap_or_else(|e| panic!("{r}: {e}")))
        .collect();
    let parse = t.elapsed();
    let t = Instant::now();
    let m = build(&patterns);
    let add = t.elapsed();
    let (n, ids) = check_pass(name, &m, case);
    reference_check(name, &m, &patterns, &case.events[..n]);
    let events = &case.events[..n];
    let mut out = Vec::new();
    let time = best_within(|| {
        for e in events {
            m.matches_into(e, &mut out).unwrap();
            black_box(&out);
        }
    });
    let secs = time.as_secs_f64();
    Row {
        k,
        events: n,
        ev_s: n as f64 / secs,
        matches: ids as f64 / n as f64,
        ns_per_id: (broad && ids > 0).then(|| secs * 1e9 / ids as f64),
        parse_ns: parse.as_secs_f64() * 1e9 / k as f64,
        add_ns: add.as_secs_f64() * 1e9 / k as f64,
        bytes_per_rule: m.stats().approx_bytes as f64 / k as f64,
    }
}

fn header() {
    println!(
        "{:>8} {:>12} {:>8} {:>11} {:>8} {:>10} {:>10} {:>11} {:>7}",
        "K",
        "events/s",
        "ratio",
        "matches/ev",
        "ns/id",
        "parse ns",
        "add ns",
        "bytes/rule",
        "events"
    );
}

fn print_row(r: &Row, base: f64) {
    println!(
        "{:>8} {:>12.0} {:>8.4} {:>11.2} {:>8} {:>10.0} {:>10.0} {:>11.0} {:>7}",
        r.k,
        r.ev_s,
        r.ev_s / base,
        r.matches,
        r.ns_per_id.map_or("-".into(), |x| format!("{x:.1}")),
        r.parse_ns,
        r.add_ns,
        r.bytes_per_rule,
        r.events
    );
}

/// `EVMATCH_BENCH_FORMS`: only the forms whose name contains one of these comma-separated
/// words, and the mix only if `mix` is one of them (default: everything).
fn selected(name: &str) -> bool {
    match std::env::var("EVMATCH_BENCH_FORMS") {
        Ok(list) => list.split(',').any(|w| !w.is_empty() && name.contains(w)),
        Err(_) => true,
    }
}

fn scaling() -> Vec<(&'static Form, Vec<Row>)> {
    let mut all = Vec::new();
    for form in FORMS.iter().filter(|f| selected(f.name)) {
        println!("\n{}: rule {}", form.name, form.rule("f", 42));
        header();
        let mut rows = Vec::new();
        for k in KS {
            let row = measure(form.name, &form_case(form, k), form.is_broad());
            print_row(&row, rows.first().map_or(row.ev_s, |r: &Row| r.ev_s));
            rows.push(row);
        }
        all.push((form, rows));
    }
    all
}

/// `1234567` → `1,234,567`; rates of a million and more as `1.23M`, of a thousand as `12.3k`.
fn rate(x: f64) -> String {
    if x >= 1e6 {
        format!("{:.2}M", x / 1e6)
    } else if x >= 1e3 {
        format!("{:.1}k", x / 1e3)
    } else {
        format!("{x:.0}")
    }
}

fn summary(all: &[(&Form, Vec<Row>)]) {
    println!("\nsummary (Markdown)\n");
    println!(
        "| form | K=1 ev/s | K=100 | K=1,000 | K=10,000 | ratio 10,000/1 | matches/event at 10,000 | ns per id at 10,000 | add ns/rule | bytes/rule |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (form, rows) in all {
        let last = rows.last().expect("rows");
        println!(
            "| {} | {} | {} | {} | {} | {:.4} | {:.1} | {} | {:.0} | {:.0} |",
            form.name,
            rate(rows[0].ev_s),
            rate(rows[1].ev_s),
            rate(rows[2].ev_s),
            rate(last.ev_s),
            last.ev_s / rows[0].ev_s,
            last.matches,
            last.ns_per_id.map_or("".into(), |x| format!("{x:.1}")),
            last.add_ns,
            last.bytes_per_rule
        );
    }
}

/// The mix: every form, on the path a real rule base might put it.
const MIX_RULES: usize = 100_000;
/// Rules of each broad form in the mix: each matches nearly every event, so a rule base holds
/// few of them (five, as event-ruler's CL2 sets hold five rules per operator).
const MIX_BROAD: usize = 5;

/// The path of each form in the mix: strings on `f` and `g` (absent from a quarter of the
/// events), numbers on `n`, addresses on `ip`, `true`/`false`/`null` on `b`.
fn mix_field(form: &Form) -> &'static str {
    match (form.values, form.name) {
        (Values::Num, _) => "n",
        (Values::Ip, _) => "ip",
        (Values::BoolNull, _) => "b",
        (
            Values::Str,
            "exactly"
            | "prefix ignore-case"
            | "suffix ignore-case"
            | "wildcard *x{d}"
            | "anything-but list"
            | "anything-but suffix"
            | "anything-but ignore-case"
            | "exists false (same)",
        ) => "g",
        (Values::Str, _) => "f",
    }
}

const MIX_FIELDS: [(&str, Values); 5] = [
    ("f", Values::Str),
    ("g", Values::Str),
    ("n", Values::Num),
    ("ip", Values::Ip),
    ("b", Values::BoolNull),
];

/// The 100,000-rule mix: [`MIX_BROAD`] rules of each broad form, the rest spread evenly over
/// the others; each path's value is drawn once per event for all the forms on it.
fn mix_case() -> Case {
    let selective = FORMS.iter().filter(|f| !f.is_broad()).count();
    let broad = FORMS.len() - selective;
    let spread = MIX_RULES - broad * MIX_BROAD;
    let (per, extra) = (spread / selective, spread % selective);
    let mut parts = Vec::new();
    let mut rules = Vec::with_capacity(MIX_RULES);
    for (n, form) in FORMS.iter().enumerate() {
        let count = if form.is_broad() {
            MIX_BROAD
        } else {
            per + usize::from(n < extra)
        };
        parts.push((form, rules.len(), count));
        rules.extend((0..count).map(|i| form.rule(mix_field(form), i)));
    }
    assert_eq!(rules.len(), MIX_RULES);
    let mut rng = Rng::new(seed("mix", MIX_RULES));
    let (mut events, mut expected) = (Vec::with_capacity(EVENTS), Vec::with_capacity(EVENTS));
    for _ in 0..EVENTS {
        let mut members = Vec::new();
        let mut tally = Tally::default();
        for (field, values) in MIX_FIELDS {
            let range = if values == Values::BoolNull {
                3
            } else {
                per + 1
            };
            let j = (field != "g" || rng.below(4) != 0).then(|| rng.below(range));
            if let Some(j) = j {
                members.push((field, forms::value(values, j)));
            }
            for &(form, first, count) in parts.iter().filter(|p| mix_field(p.0) == field) {
                tally.add(form.expected(count, j).shifted(first));
            }
        }
        events.push(forms::event(&mut rng, &members));
        expected.push(tally);
    }
    Case {
        rules,
        events,
        expected,
    }
}

fn mix() {
    let case = mix_case();
    println!(
        "\nmix: {MIX_RULES} rules of every form ({MIX_BROAD} of each broad form) on detail.f, .g, .n, .ip, .b"
    );
    let one = Case {
        rules: case.rules[..1].to_vec(),
        events: case.events.clone(),
        expected: case
            .events
            .iter()
            .map(|e| {
                let hit = std::str::from_utf8(e)
                    .unwrap()
                    .contains(r#""f":"v00000-x00000""#);
                Tally {
                    count: u64::from(hit),
                    id_sum: 0,
                }
            })
            .collect(),
    };
    let base = measure("mix, first rule alone", &one, false);
    let row = measure("mix", &case, false);
    println!(
        "{:>8} {:>12} {:>8} {:>11} {:>10} {:>10} {:>11} {:>7}",
        "rules", "events/s", "ratio", "matches/ev", "parse ns", "add ns", "bytes/rule", "events"
    );
    for r in [&base, &row] {
        println!(
            "{:>8} {:>12.0} {:>8.4} {:>11.2} {:>10.0} {:>10.0} {:>11.0} {:>7}",
            r.k,
            r.ev_s,
            r.ev_s / base.ev_s,
            r.matches,
            r.parse_ns,
            r.add_ns,
            r.bytes_per_rule,
            r.events
        );
    }
}

fn criterion_benches() {
    let mut c = common::short_criterion();
    let mut g = c.benchmark_group("operators");
    let mut bench = |name: String, case: Case, events: usize| {
        let patterns: Vec<Pattern> = case
            .rules
            .iter()
            .map(|r| Pattern::parse(r).unwrap())
            .collect();
        let m = build(&patterns);
        let events = &case.events[..events];
        for (e, want) in events.iter().zip(&case.expected) {
            assert_eq!(Tally::of(&m.matches_for_event(e).unwrap()), *want, "{name}");
        }
        let mut out = Vec::new();
        g.throughput(Throughput::Elements(events.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                for e in events {
                    m.matches_into(e, &mut out).unwrap();
                    black_box(&out);
                }
            })
        });
    };
    for form in FORMS {
        bench(
            format!("{}/K={CRITERION_K}", form.name),
            form_case(form, CRITERION_K),
            CRITERION_EVENTS,
        );
    }
    bench(
        format!("mix/{MIX_RULES}"),
        mix_case(),
        CRITERION_EVENTS / 10,
    );
    g.finish();
    c.final_summary();
}

fn main() {
    let all = scaling();
    if selected("mix") {
        mix();
    }
    summary(&all);
    if !quick() {
        criterion_benches();
    }
}
