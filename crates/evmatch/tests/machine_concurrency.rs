//! Concurrency stress: readers match through a `SharedMachine` while a writer adds and removes
//! rules; every answer must be the answer of one published snapshot, checked against the
//! reference evaluator. Runs for `EVMATCH_STRESS_SECS` seconds (default 2).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use evmatch::{Machine, Pattern, SharedMachine};

/// Rules live in a sliding window: version k holds ids k-WINDOW+1 ..= k.
const WINDOW: usize = 24;
const VERSIONS: usize = 3000;

fn pattern(i: usize) -> String {
    match i % 6 {
        0 => format!(
            r#"{{"detail": {{"n": [{{"numeric": [">", {}]}}]}}}}"#,
            i % 50
        ),
        1 => format!(r#"{{"source": [{{"prefix": "s{}"}}]}}"#, i % 7),
        2 => format!(r#"{{"detail": {{"tags": {{"k": ["v{}"]}}}}}}"#, i % 5),
        3 => format!(
            r#"{{"source": [{{"anything-but": "s{}"}}], "detail": {{"n": [{}]}}}}"#,
            i % 7,
            i % 50
        ),
        4 => format!(
            r#"{{"$or": [{{"source": ["s{}"]}}, {{"detail": {{"missing": [{{"exists": false}}]}}}}]}}"#,
            i % 7
        ),
        _ => format!(
            r#"{{"detail": {{"tags": {{"k": [{{"wildcard": "v*{}"}}], "w": [{{"exists": true}}]}}}}}}"#,
            i % 5
        ),
    }
}

fn events() -> Vec<String> {
    (0..40)
        .map(|i| {
            format!(
                r#"{{"source": "s{}", "detail": {{"n": {}, "tags": [{{"k": "v{}", "w": 1}}, {{"k": "v{}x{}"}}]{}}}}}"#,
                i % 7,
                i * 3 % 50,
                i % 5,
                i % 3,
                i % 5,
                if i % 4 == 0 { r#", "missing": 1"# } else { "" }
            )
        })
        .collect()
}

#[test]
fn readers_see_consistent_snapshots_while_rules_change() {
    let secs: f64 = std::env::var("EVMATCH_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2.0);
    let patterns: Vec<String> = (0..VERSIONS).map(pattern).collect();
    let events = events();
    // Reference answers: does rule i match event e?
    let reference: Vec<Vec<bool>> = events
        .iter()
        .map(|e| {
            patterns
                .iter()
                .map(|p| Pattern::parse(p).unwrap().matches_json(e).unwrap())
                .collect()
        })
        .collect();
    let expected = |e: usize, version: usize| -> BTreeSet<usize> {
        (version.saturating_sub(WINDOW - 1)..=version)
            .filter(|&i| reference[e][i])
            .collect()
    };

    let shared = Arc::new(SharedMachine::new(Machine::new()));
    shared.add_rule(0, &patterns[0]).unwrap();
    let published = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let checks = Arc::new(AtomicUsize::new(0));

    std::thread::scope(|s| {
        for reader in 0..8 {
            let (shared, published, stop, checks) = (&shared, &published, &stop, &checks);
            let (events, expected) = (&events, &expected);
            s.spawn(move || {
                let mut e = reader;
                while !stop.load(Ordering::Relaxed) {
                    e = (e + 1) % events.len();
                    let low = published.load(Ordering::SeqCst);
                    let got: BTreeSet<usize> = shared
                        .matches_for_event(events[e].as_bytes())
                        .unwrap()
                        .into_iter()
                        .collect();
                    let high = published.load(Ordering::SeqCst) + 1;
                    assert!(
                        (low..=high.min(VERSIONS - 1)).any(|v| expected(e, v) == got),
                        "event {e}: {got:?} is no snapshot between versions {low} and {high}"
                    );
                    checks.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs_f64(secs);
        let mut version = 0;
        while version + 1 < VERSIONS && Instant::now() < deadline {
            let next = version + 1;
            shared.update(|m| {
                m.add_rule(next, &patterns[next]).unwrap();
                if next >= WINDOW {
                    assert!(m.remove_rule(&(next - WINDOW)));
                }
            });
            published.store(next, Ordering::SeqCst);
            version = next;
            std::thread::sleep(Duration::from_micros(200));
        }
        stop.store(true, Ordering::Relaxed);
    });
    assert!(
        checks.load(Ordering::Relaxed) > 100,
        "readers made progress"
    );
    assert!(
        published.load(Ordering::SeqCst) > WINDOW,
        "writer made progress"
    );
}
