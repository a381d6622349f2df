//! Tests of [`AffixSet`]: both representations against a plain list of operands, the switches
//! between them, and memory given back.

use proptest::prelude::*;

use super::{AffixSet, FEW_KEYS, MAX_LENGTHS};

/// Every target whose operand `v` followed (preceded) by `"` starts (ends) with, sorted.
fn model(live: &[(Vec<u8>, u32)], v: &[u8], from_end: bool, fold: bool) -> Vec<u32> {
    let mut quoted = v.to_vec();
    if fold {
        quoted.make_ascii_lowercase();
    }
    if from_end {
        quoted.insert(0, b'"');
    } else {
        quoted.push(b'"');
    }
    let mut out: Vec<u32> = live
        .iter()
        .filter(|(k, _)| {
            if from_end {
                quoted.ends_with(k)
            } else {
                quoted.starts_with(k)
            }
        })
        .map(|(_, t)| *t)
        .collect();
    out.sort_unstable();
    out
}

fn found<const E: bool, const F: bool>(s: &AffixSet<E, F>, v: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    s.lookup(v, None, &mut |t| out.push(t));
    out.sort_unstable();
    out
}

#[test]
fn moves_between_representations() {
    let mut s = AffixSet::<false, false>::default();
    // Few operands of one length: compared in place; more: by length.
    for i in 0..=FEW_KEYS as u32 {
        s.add(format!("k{i:02}").as_bytes(), i);
    }
    assert_eq!(s.kind(), 1);
    assert_eq!(found(&s, b"k03x"), vec![3]);
    // Many lengths: the trie.
    let keys: Vec<Vec<u8>> = (0..=MAX_LENGTHS).map(|n| vec![b'a'; n]).collect();
    for (i, k) in keys.iter().enumerate() {
        s.add(k, 100 + i as u32);
    }
    assert_eq!(s.kind(), 2);
    let all: Vec<u32> = (100..=100 + MAX_LENGTHS as u32).collect();
    assert_eq!(found(&s, &[b'a'; 20]), all);
    assert_eq!(found(&s, b"k07"), vec![7, 100]);
    // Back down once small enough and after as many updates as registrations.
    for (i, k) in keys.iter().enumerate().skip(1) {
        assert!(s.remove(k, 100 + i as u32));
    }
    assert_eq!(s.kind(), 2, "8 updates, 10 registrations: not yet");
    for i in 0..5 {
        assert!(s.remove(format!("k{i:02}").as_bytes(), i));
    }
    // Rebuilt by length when 9 operands were left; 5 now, more than half of FEW_KEYS.
    assert_eq!(s.kind(), 1);
    assert_eq!(found(&s, b"k07"), vec![7, 100]);
    for i in 5..=FEW_KEYS as u32 {
        assert!(s.remove(format!("k{i:02}").as_bytes(), i));
    }
    assert_eq!(s.kind(), 0);
    assert_eq!(found(&s, b"b"), vec![100]);
    assert!(!s.remove(b"", 7));
    assert!(s.remove(b"", 100));
    assert!(s.is_empty());
    assert_eq!(s.approx_bytes(), 0);
}

#[test]
fn quotes_close_the_value() {
    let mut p = AffixSet::<false, false>::default();
    let mut s = AffixSet::<true, false>::default();
    p.add(b"ab\"", 1);
    s.add(b"\"ab", 2);
    assert_eq!(found(&p, b"ab"), vec![1]);
    assert_eq!(found(&p, b"abc"), Vec::<u32>::new());
    assert_eq!(found(&p, b"ab\"x"), vec![1]);
    assert_eq!(found(&s, b"ab"), vec![2]);
    assert_eq!(found(&s, b"xab"), Vec::<u32>::new());
    assert_eq!(found(&s, b"x\"ab"), vec![2]);
}

fn ops() -> impl Strategy<Value = Vec<(bool, usize, u32)>> {
    proptest::collection::vec((prop::bool::weighted(0.7), 0..32usize, 0..3u32), 0..120)
}

fn keys() -> impl Strategy<Value = Vec<Vec<u8>>> {
    // Up to 14 distinct lengths, so that both representations are used.
    proptest::collection::vec(
        proptest::collection::vec(prop::sample::select(b"abA\"".to_vec()), 0..14),
        32,
    )
}

fn run<const E: bool, const F: bool>(
    keys: &[Vec<u8>],
    ops: &[(bool, usize, u32)],
    probes: &[Vec<u8>],
) -> Result<(), TestCaseError> {
    let mut s = AffixSet::<E, F>::default();
    let mut live: Vec<(Vec<u8>, u32)> = Vec::new();
    for &(add, k, t) in ops {
        let key = &if F {
            keys[k].to_ascii_lowercase()
        } else {
            keys[k].clone()
        };
        if add {
            s.add(key, t);
            live.push((key.clone(), t));
        } else {
            let had = live.iter().position(|(x, y)| x == key && *y == t);
            prop_assert_eq!(s.remove(key, t), had.is_some());
            if let Some(i) = had {
                live.swap_remove(i);
            }
        }
        for v in probes.iter().chain(keys) {
            prop_assert_eq!(found(&s, v), model(&live, v, E, F));
        }
        prop_assert_eq!(s.is_empty(), live.is_empty());
    }
    for (k, t) in live.drain(..) {
        prop_assert!(s.remove(&k, t));
    }
    prop_assert_eq!(s.approx_bytes(), 0);
    Ok(())
}

proptest! {
    #[test]
    fn prefixes_agree_with_a_list(keys in keys(), ops in ops(), probes in keys()) {
        run::<false, false>(&keys, &ops, &probes)?;
    }

    #[test]
    fn suffixes_agree_with_a_list(keys in keys(), ops in ops(), probes in keys()) {
        run::<true, false>(&keys, &ops, &probes)?;
    }

    #[test]
    fn folded_prefixes_agree_with_a_list(keys in keys(), ops in ops(), probes in keys()) {
        run::<false, true>(&keys, &ops, &probes)?;
    }

    #[test]
    fn folded_suffixes_agree_with_a_list(keys in keys(), ops in ops(), probes in keys()) {
        run::<true, true>(&keys, &ops, &probes)?;
    }
}
