//! Concurrency stress: readers match through a `SharedMachine` while a writer adds and removes
//! rules; every answer must be the answer of one published version, checked against the
//! reference evaluator.
//!
//! * a small sliding window of rules of many forms, changed through `SharedMachine::update` (the
//!   copying path);
//! * the same window changed through every cheap method (`add_rule`, `add_pattern`,
//!   `remove_rule`, `apply`), with readers that sometimes keep a snapshot across changes (which
//!   forces the writer's copy fallback) and an occasional `update`;
//! * 100,000 rules, changed through the cheap methods.
//!
//! Each runs for `EVMATCH_STRESS_SECS` seconds (default 2 for the first, 1 for the others).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use evmatch::{Machine, Pattern, RuleChange, SharedMachine};

fn stress_secs(default: f64) -> f64 {
    std::env::var("EVMATCH_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

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

/// Reference answers, from the reference evaluator: whether rule `i` matches event `e`.
/// Computed on demand (readers only need the rules of the versions the writer reaches) and once
/// per distinct pattern text (the rules repeat every 1,050).
struct Reference {
    patterns: Vec<Arc<Pattern>>,
    /// Rule -> index in `patterns`.
    pattern_of: Vec<usize>,
    /// The events, parsed as `Pattern::matches_json` parses them.
    docs: Vec<evmatch::json::Value>,
    /// `[e * patterns.len() + p]`: 0 unknown, 1 no, 2 yes.
    known: Vec<AtomicU8>,
}

impl Reference {
    fn new(rules: &[String], events: &[String]) -> Reference {
        let mut distinct = HashMap::new();
        let mut patterns = Vec::new();
        let pattern_of = rules
            .iter()
            .map(|text| {
                *distinct.entry(text.as_str()).or_insert_with(|| {
                    patterns.push(Arc::new(Pattern::parse(text).unwrap()));
                    patterns.len() - 1
                })
            })
            .collect();
        let docs = events.iter().map(|e| e.parse().unwrap()).collect();
        let known = (0..events.len() * patterns.len())
            .map(|_| AtomicU8::new(0))
            .collect();
        Reference {
            patterns,
            pattern_of,
            docs,
            known,
        }
    }

    fn pattern(&self, rule: usize) -> &Arc<Pattern> {
        &self.patterns[self.pattern_of[rule]]
    }

    fn matches(&self, e: usize, rule: usize) -> bool {
        let p = self.pattern_of[rule];
        let slot = &self.known[e * self.patterns.len() + p];
        match slot.load(Ordering::Relaxed) {
            0 => {
                let yes = self.patterns[p].matches_document(&self.docs[e]);
                slot.store(1 + u8::from(yes), Ordering::Relaxed);
                yes
            }
            known => known == 2,
        }
    }
}

#[test]
fn readers_see_consistent_snapshots_while_rules_change() {
    let secs = stress_secs(2.0);
    let patterns: Vec<String> = (0..VERSIONS).map(pattern).collect();
    let events = events();
    let reference = Reference::new(&patterns, &events);
    let expected = |e: usize, version: usize| -> BTreeSet<usize> {
        (version.saturating_sub(WINDOW - 1)..=version)
            .filter(|&i| reference.matches(e, i))
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

/// The published versions of a run, for readers to check answers against: `states[v]` is what
/// version `v` holds (written by the writer before it publishes `v`; `UNWRITTEN` until then),
/// `published` the last version published.
struct Versions {
    states: Vec<AtomicU64>,
    published: AtomicUsize,
}

const UNWRITTEN: u64 = u64::MAX;

impl Versions {
    fn new(max: usize, first: u64) -> Versions {
        let states: Vec<AtomicU64> = (0..=max).map(|_| AtomicU64::new(UNWRITTEN)).collect();
        states[0].store(first, Ordering::SeqCst);
        Versions {
            states,
            published: AtomicUsize::new(0),
        }
    }

    /// Publish the next version, holding `state`, by running `publish` (which must publish
    /// exactly once). False when the run has used every version.
    fn next(&self, state: u64, publish: impl FnOnce()) -> bool {
        let v = self.published.load(Ordering::SeqCst) + 1;
        if v >= self.states.len() {
            return false;
        }
        self.states[v].store(state, Ordering::SeqCst);
        publish();
        self.published.store(v, Ordering::SeqCst);
        true
    }

    /// Run `read` and check that its answer is the answer of one version that may have been
    /// current meanwhile, per `expected(state)`.
    fn check<T: PartialEq + std::fmt::Debug>(
        &self,
        read: impl FnOnce() -> T,
        expected: impl Fn(u64) -> T,
        what: &str,
    ) {
        let low = self.published.load(Ordering::SeqCst);
        let got = read();
        let high = self.published.load(Ordering::SeqCst) + 1;
        self.check_between(low, high, &got, expected, || what.to_string());
    }

    /// Check that `got` is the answer of one of the versions `low..=high`.
    fn check_between<T: PartialEq + std::fmt::Debug>(
        &self,
        low: usize,
        high: usize,
        got: &T,
        expected: impl Fn(u64) -> T,
        what: impl FnOnce() -> String,
    ) {
        let high = high.min(self.states.len() - 1);
        let ok = (low..=high).any(|v| {
            let state = self.states[v].load(Ordering::SeqCst);
            state != UNWRITTEN && expected(state) == *got
        });
        assert!(
            ok,
            "{}: {got:?} is no version between {low} and {high}",
            what()
        );
    }
}

/// A window `[from, to)` of rule ids, packed in a version state.
fn window(from: usize, to: usize) -> u64 {
    ((from as u64) << 32) | to as u64
}

fn unpack(state: u64) -> (usize, usize) {
    ((state >> 32) as usize, (state & 0xffff_ffff) as usize)
}

/// Like the first test, through the cheap methods; readers sometimes keep a snapshot (checked
/// against its own version later) and the writer sometimes runs a general `update`.
#[test]
fn cheap_changes_and_kept_snapshots_stay_consistent() {
    let secs = stress_secs(1.0);
    let patterns: Vec<String> = (0..VERSIONS).map(pattern).collect();
    let events = events();
    let reference = Reference::new(&patterns, &events);
    let parsed = |i: usize| Arc::clone(reference.pattern(i));
    let expected = |e: usize, state: u64| -> BTreeSet<usize> {
        let (from, to) = unpack(state);
        (from..to).filter(|&i| reference.matches(e, i)).collect()
    };

    let shared = SharedMachine::new(Machine::new());
    shared.add_pattern(0, parsed(0));
    let versions = Versions::new(4 * VERSIONS, window(0, 1));
    let stop = AtomicBool::new(false);
    let checks = AtomicUsize::new(0);

    std::thread::scope(|s| {
        for reader in 0..4 {
            let (shared, versions, stop, checks) = (&shared, &versions, &stop, &checks);
            let (events, expected) = (&events, &expected);
            s.spawn(move || {
                let mut e = reader;
                let mut n = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    e = (e + 1) % events.len();
                    n += 1;
                    versions.check(
                        || -> BTreeSet<usize> {
                            let got = shared.matches_for_event(events[e].as_bytes()).unwrap();
                            got.into_iter().collect()
                        },
                        |state| expected(e, state),
                        &format!("event {e}"),
                    );
                    if n % 97 == reader {
                        // Keep a snapshot across a few changes; it must never change.
                        let low = versions.published.load(Ordering::SeqCst);
                        let kept = shared.snapshot();
                        let high = versions.published.load(Ordering::SeqCst) + 1;
                        std::thread::sleep(Duration::from_millis(1));
                        let got: BTreeSet<usize> = kept
                            .matches_for_event(events[e].as_bytes())
                            .unwrap()
                            .into_iter()
                            .collect();
                        versions.check_between(
                            low,
                            high,
                            &got,
                            |state| expected(e, state),
                            || format!("kept snapshot, event {e}"),
                        );
                    }
                    checks.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs_f64(secs);
        let (mut from, mut to) = (0, 1);
        let mut round = 0;
        while to < VERSIONS && Instant::now() < deadline {
            let (add, remove) = (to, from);
            let full = to - from >= WINDOW;
            let ok = match round % 5 {
                // One change per version.
                0 => {
                    versions.next(window(from, to + 1), || {
                        shared.add_rule(add, &patterns[add]).unwrap()
                    }) && (!full
                        || versions.next(window(from + 1, to + 1), || {
                            assert!(shared.remove_rule(&remove))
                        }))
                }
                // Remove first, through the parsed pattern.
                1 if full => {
                    versions.next(window(from + 1, to), || {
                        assert!(shared.remove_rule(&remove))
                    }) && versions.next(window(from + 1, to + 1), || {
                        shared.add_pattern(add, parsed(add))
                    })
                }
                // Both in one version; an unknown id changes nothing.
                2 | 3 => {
                    assert!(!shared.remove_rule(&usize::MAX));
                    let mut changes = vec![RuleChange::Add(add, parsed(add))];
                    if full {
                        changes.push(RuleChange::Remove(remove));
                    }
                    versions.next(window(from + usize::from(full), to + 1), || {
                        shared.apply(changes)
                    })
                }
                // The general path, now and then.
                _ => versions.next(window(from + usize::from(full), to + 1), || {
                    shared.update(|m| {
                        m.add_pattern(add, &parsed(add));
                        if full {
                            assert!(m.remove_rule(&remove));
                        }
                    })
                }),
            };
            if !ok {
                break;
            }
            from += usize::from(full);
            to += 1;
            round += 1;
            std::thread::sleep(Duration::from_micros(100));
        }
        stop.store(true, Ordering::Relaxed);
    });
    assert!(
        checks.load(Ordering::Relaxed) > 100,
        "readers made progress"
    );
    assert!(
        versions.published.load(Ordering::SeqCst) > 2 * WINDOW,
        "writer made progress"
    );
}

/// Patterns of the 100,000-rule case: pattern `q` constrains `detail.id` or `detail.x` with an
/// operand made from `q`, so an event matches only the patterns whose numbers it carries.
fn big_pattern(q: usize) -> String {
    match q % 5 {
        0 => format!(r#"{{"detail": {{"id": ["b{q}"]}}}}"#),
        1 => format!(r#"{{"detail": {{"id": [{{"prefix": "b{q}/"}}]}}}}"#),
        2 => format!(
            r#"{{"detail": {{"x": [{{"numeric": [">=", {q}, "<", {}]}}]}}}}"#,
            q + 1
        ),
        3 => format!(
            r#"{{"detail": {{"id": ["b{q}"], "tag": [{{"anything-but": "t{}"}}]}}}}"#,
            q % 7
        ),
        _ => format!(r#"{{"detail": {{"id": [{{"wildcard": "b{q}/*/w"}}]}}}}"#),
    }
}

/// A small deterministic generator (xorshift).
struct Noise(u64);

impl Noise {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// 100,000 rules of five forms: rule `i` has pattern `i % 10,000` (parsing 100,000 patterns
/// would take most of a debug run). A writer removes the oldest rule and adds one past the end,
/// round after round, through every cheap method, while readers match events that carry the
/// numbers of a few patterns, most of them among those the writer changes first.
#[test]
fn a_hundred_thousand_rules_change_cheaply_under_readers() {
    const BASE: usize = 100_000;
    const PATTERNS: usize = 10_000;
    let secs = stress_secs(1.0);
    // Round r removes rule r and adds rule BASE + r, both with pattern r % PATTERNS.
    let rounds = ((secs * 20_000.0) as usize).max(2_000);
    let texts: Vec<String> = (0..PATTERNS).map(big_pattern).collect();
    let parsed: Vec<Arc<Pattern>> = texts
        .iter()
        .map(|t| Arc::new(Pattern::parse(t).unwrap()))
        .collect();
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    // Per event: the patterns it may match (the "candidates"), and its text.
    let events: Vec<(Vec<usize>, String)> = (0..48)
        .map(|e| {
            let mut candidates = Vec::new();
            for _ in 0..3 {
                candidates.push(noise.below(200));
                candidates.push(noise.below(rounds.min(PATTERNS)));
                candidates.push(noise.below(PATTERNS));
            }
            candidates.sort_unstable();
            candidates.dedup();
            let (mut ids, mut xs) = (Vec::new(), Vec::new());
            for &q in &candidates {
                // Each value present or not, so that some candidates do not match.
                let bits = noise.below(8);
                if bits & 1 != 0 {
                    ids.push(format!(r#""b{q}""#));
                }
                if bits & 2 != 0 {
                    ids.push(format!(r#""b{q}/x/w""#));
                }
                if bits & 4 != 0 {
                    xs.push(format!("{q}.5"));
                }
            }
            let text = format!(
                r#"{{"source": "s", "detail": {{"id": [{}], "x": [{}], "tag": "t{}"}}}}"#,
                ids.join(", "),
                xs.join(", "),
                e % 7
            );
            (candidates, text)
        })
        .collect();
    // Reference answers over the candidates; a rule of any other pattern in an answer is wrong.
    let reference: Vec<Vec<usize>> = events
        .iter()
        .map(|(candidates, text)| {
            candidates
                .iter()
                .copied()
                .filter(|&q| parsed[q].matches_json(text).unwrap())
                .collect()
        })
        .collect();
    assert!(
        reference.iter().map(Vec::len).sum::<usize>() > events.len(),
        "events match rules"
    );
    // The rules in the window [from, to) whose pattern matches event e.
    let expected = |e: usize, state: u64| -> BTreeSet<usize> {
        let (from, to) = unpack(state);
        let mut ids = BTreeSet::new();
        for &q in &reference[e] {
            let first = from + (q + PATTERNS - from % PATTERNS) % PATTERNS;
            ids.extend((first..to).step_by(PATTERNS));
        }
        ids
    };

    let mut m = Machine::new();
    for i in 0..BASE {
        m.add_pattern(i, &parsed[i % PATTERNS]);
    }
    let shared = SharedMachine::new(m);
    let versions = Versions::new(2 * rounds, window(0, BASE));
    // The first change makes the second replica (a copy): before the clock starts.
    assert!(versions.next(window(1, BASE), || assert!(shared.remove_rule(&0))));
    assert!(versions.next(window(1, BASE + 1), || {
        shared.add_pattern(BASE, Arc::clone(&parsed[0]))
    }));
    let stop = AtomicBool::new(false);
    let checks = AtomicUsize::new(0);

    std::thread::scope(|s| {
        for reader in 0..3 {
            let (shared, versions, stop, checks) = (&shared, &versions, &stop, &checks);
            let (events, expected) = (&events, &expected);
            s.spawn(move || {
                let mut e = reader;
                let mut out = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    e = (e + 1) % events.len();
                    versions.check(
                        || -> BTreeSet<usize> {
                            shared
                                .matches_into(events[e].1.as_bytes(), &mut out)
                                .unwrap();
                            out.iter().copied().collect()
                        },
                        |state| expected(e, state),
                        &format!("event {e}"),
                    );
                    checks.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs_f64(secs);
        let mut round = 1;
        while round < rounds && Instant::now() < deadline {
            let (add, remove, q) = (BASE + round, round, round % PATTERNS);
            let (from, to) = (round, BASE + round);
            let ok = match round % 3 {
                0 => {
                    versions.next(window(from, to + 1), || {
                        shared.add_rule(add, &texts[q]).unwrap()
                    }) && versions.next(window(from + 1, to + 1), || {
                        assert!(shared.remove_rule(&remove))
                    })
                }
                1 => {
                    versions.next(window(from + 1, to), || {
                        assert!(shared.remove_rule(&remove))
                    }) && versions.next(window(from + 1, to + 1), || {
                        shared.add_pattern(add, Arc::clone(&parsed[q]))
                    })
                }
                _ => {
                    let changes = [
                        RuleChange::Remove(remove),
                        RuleChange::Add(add, Arc::clone(&parsed[q])),
                    ];
                    versions.next(window(from + 1, to + 1), || shared.apply(changes))
                }
            };
            if !ok {
                break;
            }
            round += 1;
        }
        stop.store(true, Ordering::Relaxed);
    });
    assert_eq!(shared.len(), BASE);
    assert!(
        checks.load(Ordering::Relaxed) > 100,
        "readers made progress"
    );
    // Few on a loaded machine: the writer waits for readers preempted mid-match.
    assert!(
        versions.published.load(Ordering::SeqCst) > 20,
        "writer made progress"
    );
}
