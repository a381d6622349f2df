//! [`SharedMachine`] update cost: the latency and the bytes allocated of one `add_rule` and one
//! `remove_rule` on a shared machine of 1,000, 10,000 and 100,000 rules, and the memory per rule.
//!
//! Rules are the citylots scale mix (1/3 BLKLOT prefix, 1/3 narrow numeric range, 1/3 exact
//! BLKLOT + `ST_TYPE` anything-but), with `String` ids as EventBridge rule names are. Each size
//! runs 1,000 rounds of one `add_rule` (a new rule, from its pattern text) and one `remove_rule`
//! (the oldest rule), so the machine keeps its size; every call is timed and its allocations
//! counted, and the table prints p50 / p99 / max of both. Ten warm-up rounds come first (the
//! first change after `SharedMachine::new` may copy the machine once: its time is printed
//! apart). The 100k size runs once more with a reader thread matching citylots events through
//! the shared machine the whole time.
//!
//! Bytes allocated are counted by a `#[global_allocator]` wrapping the system allocator: every
//! `alloc` and the new size of every `realloc` made by the updating thread, so a reader
//! thread's allocations are not counted.
//!
//! `cargo bench --bench updates` prints the table, then runs criterion on one add + remove per
//! size; `EVMATCH_BENCH_QUICK=1` prints the table only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use evmatch::{Machine, Pattern, SharedMachine};
use evmatch_workload::{Citylots, DEFAULT_SEED, ScaleKind};

#[allow(dead_code)] // `best_of` is for the other benches
mod common;

/// Counts the bytes the current thread allocates.
struct Counting;

thread_local! {
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // `try_with`: the counter may already be gone while a thread exits.
    let _ = ALLOCATED.try_with(|c| c.set(c.get() + bytes as u64));
}

// SAFETY: every call is forwarded unchanged to the system allocator; counting only reads sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocated() -> u64 {
    ALLOCATED.with(Cell::get)
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const ROUNDS: usize = 1_000;
const WARMUP: usize = 10;

fn quick() -> bool {
    std::env::var_os("EVMATCH_BENCH_QUICK").is_some()
}

/// One timed call: its wall time and the bytes it allocated.
fn measure<T>(f: impl FnOnce() -> T) -> (Duration, u64) {
    let bytes = allocated();
    let t = Instant::now();
    black_box(f());
    (t.elapsed(), allocated() - bytes)
}

/// `n` base rules plus the rules the rounds add, as `(id, pattern text)`.
fn rules(corpus: &Citylots, n: usize) -> Vec<(String, String)> {
    corpus
        .scale_rules(ScaleKind::Mix, n + WARMUP + ROUNDS)
        .rules
}

/// A shared machine of `rules`, and its bytes per rule when built.
fn shared(rules: &[(String, String)]) -> (SharedMachine<String>, usize) {
    let mut m = Machine::new();
    for (id, text) in rules {
        let p = Pattern::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        m.add_pattern(id.clone(), &p);
    }
    let per_rule = m.stats().approx_bytes / rules.len();
    (SharedMachine::new(m), per_rule)
}

#[derive(Default)]
struct Samples {
    times: Vec<Duration>,
    bytes: Vec<u64>,
}

impl Samples {
    fn push(&mut self, (t, b): (Duration, u64)) {
        self.times.push(t);
        self.bytes.push(b);
    }

    fn cells(&mut self) -> String {
        self.times.sort_unstable();
        self.bytes.sort_unstable();
        let at = |q: f64| ((self.times.len() - 1) as f64 * q).round() as usize;
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        let kb = |b: u64| b as f64 / 1024.0;
        format!(
            "{:>9.1} {:>9.1} {:>9.1} {:>10.1} {:>10.1} {:>10.1}",
            us(self.times[at(0.5)]),
            us(self.times[at(0.99)]),
            us(self.times[self.times.len() - 1]),
            kb(self.bytes[at(0.5)]),
            kb(self.bytes[at(0.99)]),
            kb(self.bytes[self.bytes.len() - 1]),
        )
    }
}

/// The rounds on a machine of `n` rules; with `reader`, a thread matches `events` meanwhile.
fn rounds(n: usize, rules: &[(String, String)], events: &[Vec<u8>], reader: bool) {
    let (shared, built_per_rule) = shared(&rules[..n]);
    let stop = AtomicBool::new(false);
    let matched = AtomicU64::new(0);
    let (mut add, mut remove) = (Samples::default(), Samples::default());
    let mut first = Duration::ZERO;
    std::thread::scope(|s| {
        if reader {
            s.spawn(|| {
                let mut out = Vec::new();
                let mut done = 0u64;
                'run: loop {
                    for e in events {
                        if stop.load(Ordering::Relaxed) {
                            break 'run;
                        }
                        shared.matches_into(e, &mut out).unwrap();
                        done += 1;
                    }
                }
                matched.store(done, Ordering::Relaxed);
            });
            std::thread::sleep(Duration::from_millis(20));
        }
        for r in 0..WARMUP + ROUNDS {
            let (id, text) = &rules[n + r];
            let a = measure(|| shared.add_rule(id.clone(), text).unwrap());
            let old = &rules[r].0;
            let d = measure(|| assert!(shared.remove_rule(old.as_str())));
            if r == 0 {
                first = a.0;
            }
            if r >= WARMUP {
                add.push(a);
                remove.push(d);
            }
        }
        stop.store(true, Ordering::Relaxed);
    });
    let snapshot = shared.snapshot();
    assert_eq!(snapshot.len(), n);
    let per_rule = format!("{built_per_rule}/{}", snapshot.stats().approx_bytes / n);
    let label = if reader {
        format!("{n} +reader")
    } else {
        n.to_string()
    };
    println!(
        "{label:<14} {:<6} {}  {:>9.1} {:>9}",
        "add",
        add.cells(),
        first.as_secs_f64() * 1e3,
        per_rule
    );
    println!("{label:<14} {:<6} {}", "remove", remove.cells());
    if reader {
        println!(
            "  (the reader matched {} events meanwhile)",
            matched.load(Ordering::Relaxed)
        );
    }
}

fn table(corpus: &Citylots, events: &[Vec<u8>]) {
    println!(
        "SharedMachine updates: {ROUNDS} rounds of add_rule + remove_rule per size (scale mix rules, String ids)"
    );
    println!(
        "{:<14} {:<6} {:>9} {:>9} {:>9} {:>10} {:>10} {:>10}  {:>9} {:>9}",
        "rules",
        "op",
        "p50 µs",
        "p99 µs",
        "max µs",
        "p50 KiB",
        "p99 KiB",
        "max KiB",
        "1st ms",
        "B/rule"
    );
    for n in SIZES {
        rounds(n, &rules(corpus, n), events, false);
    }
    let n = SIZES[SIZES.len() - 1];
    rounds(n, &rules(corpus, n), events, true);
    println!(
        "(1st ms: the first add after SharedMachine::new; B/rule: Machine::stats().approx_bytes / rules of one\n\
         replica, as built / after the rounds (capacity grown by changes); a SharedMachine holds two replicas)"
    );
}

fn criterion_benches(corpus: &Citylots) {
    let mut c = common::short_criterion();
    let mut g = c.benchmark_group("updates");
    for n in SIZES {
        let rules = rules(corpus, n);
        let (shared, _) = shared(&rules[..n]);
        let (id, text) = &rules[n];
        shared.add_rule(id.clone(), text).unwrap();
        assert!(shared.remove_rule(id.as_str()));
        g.bench_function(format!("add+remove/{n}"), |b| {
            b.iter(|| {
                shared.add_rule(id.clone(), text).unwrap();
                assert!(shared.remove_rule(id.as_str()));
            })
        });
    }
    g.finish();
    c.final_summary();
}

fn main() {
    let corpus = Citylots::new(DEFAULT_SEED, 20_000);
    let events: Vec<Vec<u8>> = (0..1_000).map(|i| corpus.event(i)).collect();
    table(&corpus, &events);
    if !quick() {
        criterion_benches(&corpus);
    }
}
