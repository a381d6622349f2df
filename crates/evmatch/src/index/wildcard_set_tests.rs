//! Tests of [`WildcardSet`]: small sets, recent wildcards, rebuilds, removal, a property test
//! against [`Wildcard::matches`] one by one, and many wildcard rules through a machine.

use proptest::prelude::*;

use super::*;

fn w(s: &str) -> Wildcard {
    Wildcard::parse(s).unwrap()
}

fn hits(set: &WildcardSet, v: &str) -> Vec<u32> {
    let mut out = Vec::new();
    set.matches(v, |t| out.push(t));
    out.sort_unstable();
    out
}

#[test]
fn thresholds() {
    assert_eq!(threshold(0), 16);
    assert_eq!(threshold(255), 16);
    assert_eq!(threshold(400), 20);
    assert_eq!(threshold(10_000), 100);
}

#[test]
fn small_sets_are_checked_one_by_one() {
    let mut set = WildcardSet::default();
    for i in 0..16 {
        set.add(&w(&format!("*{i:03}*")), i);
    }
    assert_eq!(set.shape(), (16, 0, false));
    assert_eq!(hits(&set, "x007y"), [7]);
    // The 17th change compiles all 17.
    set.add(&w("*016*"), 16);
    assert_eq!(set.shape(), (0, 0, true));
    assert_eq!(hits(&set, "x016y"), [16]);
    assert_eq!(hits(&set, "x007y016"), [7, 16]);
}

#[test]
fn recent_and_built_both_report() {
    let mut set = WildcardSet::default();
    for i in 0..17 {
        set.add(&w(&format!("a{i}*")), i);
    }
    assert_eq!(set.shape(), (0, 0, true));
    set.add(&w("*z"), 100);
    set.add(&w("a1*"), 101);
    assert_eq!(set.shape(), (1, 0, true));
    // With a main automaton, recent wildcards are compiled too.
    assert!(set.recent.is_some());
    assert_eq!(hits(&set, "a1z"), [1, 100, 101]);
    assert_eq!(hits(&set, "a16"), [1, 16, 101]);
}

#[test]
fn removal_is_exact_and_rebuilds() {
    let mut set = WildcardSet::default();
    for i in 0..40 {
        set.add(&w(&format!("*{i:02}*")), i);
    }
    // 17 compiled at the 17th add; 17 recent ones at the 34th: all compiled again.
    assert_eq!(set.shape(), (6, 0, true));
    set.remove(&w("*05*"), 5);
    assert_eq!(set.shape(), (6, 1, true));
    assert_eq!(hits(&set, "x05"), Vec::<u32>::new());
    // A removed recent slot goes at once.
    set.remove(&w("*39*"), 39);
    assert_eq!(set.shape(), (5, 1, true));
    assert_eq!(hits(&set, "39"), Vec::<u32>::new());
    // Re-adding a dead wildcard revives its slot.
    set.add(&w("*05*"), 55);
    assert_eq!(set.shape(), (5, 0, true));
    assert_eq!(hits(&set, "05"), [55]);
    // Unknown pairs are ignored.
    set.remove(&w("*05*"), 5);
    set.remove(&w("*zz*"), 5);
    assert_eq!(hits(&set, "05"), [55]);
    // Removing many dead slots triggers a rebuild that drops them.
    for i in 0..12 {
        set.remove(&w(&format!("*{i:02}*")), if i == 5 { 55 } else { i });
    }
    assert_eq!(set.len(), 27);
    let (recent, dead, built) = set.shape();
    assert!(recent + dead <= 16 && built, "{:?}", set.shape());
    for i in 0..39 {
        let want: Vec<u32> = if i < 12 { vec![] } else { vec![i] };
        assert_eq!(hits(&set, &format!("{i:02}")), want);
    }
    // The last removal gives everything back.
    for i in 12..39 {
        set.remove(&w(&format!("*{i:02}*")), i);
    }
    assert_eq!(set.len(), 0);
    assert_eq!(set.shape(), (0, 0, false));
    assert_eq!(set.approx_bytes(), 0);
}

#[test]
fn shared_wildcards_keep_every_target() {
    let mut set = WildcardSet::default();
    for i in 0..20 {
        set.add(&w("*.json"), i);
    }
    set.add(&w("*.png"), 99);
    assert_eq!(set.len(), 2);
    assert_eq!(hits(&set, "a.json"), (0..20).collect::<Vec<u32>>());
    set.remove(&w("*.json"), 3);
    assert_eq!(hits(&set, "a.json").len(), 19);
}

#[test]
fn clones_share_the_automaton() {
    let mut set = WildcardSet::default();
    for i in 0..100 {
        set.add(&w(&format!("*{i:03}")), i);
    }
    let copy = set.clone();
    let (a, b) = (set.main.as_ref(), copy.main.as_ref());
    assert!(Arc::ptr_eq(a.unwrap(), b.unwrap()));
    let (a, b) = (set.recent.as_ref(), copy.recent.as_ref());
    assert!(Arc::ptr_eq(a.unwrap(), b.unwrap()));
    assert_eq!(hits(&copy, "x042"), [42]);
}

/// A small alphabet so that wildcards overlap, share prefixes and match often.
fn wildcard_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![Just("a"), Just("b"), Just("*"), Just("é")],
        0..6,
    )
    .prop_map(|parts| {
        let mut s = String::new();
        for p in parts {
            if !(p == "*" && s.ends_with('*')) {
                s.push_str(p);
            }
        }
        if !s.contains('*') {
            s.push('*');
        }
        s
    })
}

fn value_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![Just('a'), Just('b'), Just('é'), Just('x')],
        0..8,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

/// Register `wildcards` (target = position), remove the `removed` ones (by target, in that
/// order), and check that every value gets the live wildcards that match it one by one.
fn agree_with_one_by_one(
    wildcards: Vec<Wildcard>,
    removed: &[prop::sample::Index],
    values: impl Iterator<Item = String>,
) -> Result<(), TestCaseError> {
    let mut set = WildcardSet::default();
    let mut live: Vec<(Wildcard, u32)> = Vec::new();
    for (t, wc) in wildcards.into_iter().enumerate() {
        set.add(&wc, t as u32);
        live.push((wc, t as u32));
    }
    for r in removed {
        if live.is_empty() {
            break;
        }
        let (wc, t) = live.swap_remove(r.index(live.len()));
        set.remove(&wc, t);
    }
    for v in values {
        let mut want: Vec<u32> = live
            .iter()
            .filter(|(wc, _)| wc.matches(&v))
            .map(|&(_, t)| t)
            .collect();
        want.sort_unstable();
        prop_assert_eq!(hits(&set, &v), want, "value {:?}", v);
    }
    Ok(())
}

// 256 cases by default; `PROPTEST_CASES` raises it.
proptest! {
    /// Many wildcards on one set, some removed (by target), the rest checked one by one.
    #[test]
    fn agrees_with_one_by_one(
        texts in prop::collection::vec(wildcard_text(), 1..120),
        removed in prop::collection::vec(any::<prop::sample::Index>(), 0..80),
        values in prop::collection::vec(value_text(), 1..30),
    ) {
        agree_with_one_by_one(texts.iter().map(|t| w(t)).collect(), &removed, values.into_iter())?;
    }
}

// Wildcards that share their longest segment (`abab`, as prefix, suffix or inside), so that
// more than 16 crowd under one key and go to the lazy DFA, mixed with ones filed by key.
proptest! {
    #[test]
    fn crowded_keys_agree_with_one_by_one(
        tails in prop::collection::vec((0..3usize, wildcard_text()), 17..80),
        removed in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
        values in prop::collection::vec(value_text(), 1..20),
    ) {
        let wildcards = tails
            .iter()
            .filter_map(|(shape, tail)| {
                // The tail's segments are at most 3 bytes long, shorter than `abab`.
                let tail: String = tail.chars().take(3).collect::<String>() + "*";
                let text = match shape {
                    0 => format!("abab*{tail}"),
                    1 => format!("*{tail}abab"),
                    _ => format!("*{tail}abab*"),
                };
                Wildcard::parse(&text.replace("**", "*")).ok()
            })
            .collect();
        let framed = values.iter().map(|v| format!("abab{v}abab"));
        agree_with_one_by_one(wildcards, &removed, framed.chain(values.iter().cloned()))?;
    }
}

/// Through a whole machine: many wildcard rules on one path (and long value lists of
/// wildcards, indexed per field check), added and removed, agree with the one-rule evaluator.
#[test]
fn machine_with_many_wildcards_on_one_path() {
    let shapes = |i: usize| -> String {
        match i % 5 {
            0 => format!("v{i:04}*x"),
            1 => format!("*{i:04}*"),
            2 => format!("*x{i:04}"),
            3 => format!("a*{i:04}*b*"),
            _ => format!("*{}", i % 7),
        }
    };
    let rule = |i: usize| -> String {
        if i % 50 == 49 {
            // A value list longer than 8 wildcards: the check gets its own index.
            let list: Vec<String> = (0..10)
                .map(|k| format!(r#"{{"wildcard":"{:04}*"}}"#, i + k))
                .collect();
            format!(r#"{{"f":[{}],"g":["y"]}}"#, list.join(","))
        } else {
            format!(r#"{{"f":[{{"wildcard":"{}"}}]}}"#, shapes(i))
        }
    };
    let mut m = crate::Machine::new();
    let n = 400;
    for i in 0..n {
        m.add_rule(i, &rule(i)).unwrap();
    }
    for i in (0..n).filter(|i| i % 3 == 0) {
        assert!(m.remove_rule(&i));
    }
    let values = [
        "v0005x",
        "v0010yx",
        "a0011b",
        "x0012",
        "vx0013",
        "a-0013-b-",
        "0049",
        "0105",
        "3",
        "x6",
        "",
        "v0300x0300",
        "a0398b",
        "0099",
        "0105x",
        "0052",
    ];
    let patterns: Vec<crate::Pattern> = (0..n)
        .map(|i| crate::Pattern::parse(&rule(i)).unwrap())
        .collect();
    for v in values {
        for g in ["y", "z"] {
            let event = format!(r#"{{"f":"{v}","g":"{g}"}}"#);
            let mut got = m.matches_for_event(event.as_bytes()).unwrap();
            got.sort_unstable();
            let want: Vec<usize> = (0..n)
                .filter(|i| i % 3 != 0)
                .filter(|&i| patterns[i].matches_json(&event).unwrap())
                .collect();
            assert_eq!(got, want, "event {event}");
        }
    }
}
