//! Tests of [`AffixSet`]: both representations against a plain list of operands, the switches
//! between them, and memory given back.

use proptest::prelude::*;

use super::{AffixSet, MAX_LENGTHS};

/// Every target whose operand `v` followed (preceded) by `"` starts (ends) with, sorted.
fn model(live: &[(Vec<u8>, u32)], v: &[u8], from_end: bool) -> Vec<u32> {
    let mut quoted = v.to_vec();
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

fn found<const E: bool>(s: &AffixSet<E>, v: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    s.lookup(v, &mut |t| out.push(t));
    out.sort_unstable();
    out
}

#[test]
fn switches_to_the_trie_and_back() {
    let mut s = AffixSet::<false>::default();
    let keys: Vec<Vec<u8>> = (0..=MAX_LENGTHS).map(|n| vec![b'a'; n]).collect();
    for (i, k) in keys.iter().enumerate().take(MAX_LENGTHS) {
        s.add(k, i as u32);
    }
    assert!(!s.is_trie());
    s.add(&keys[MAX_LENGTHS], MAX_LENGTHS as u32);
    assert!(s.is_trie());
    let all: Vec<u32> = (0..=MAX_LENGTHS as u32).collect();
    assert_eq!(found(&s, &[b'a'; 20]), all);
    // Back to lengths once few lengths remain and enough updates happened.
    for (i, k) in keys.iter().enumerate().skip(2) {
        assert!(s.remove(k, i as u32));
    }
    assert!(!s.is_trie());
    assert_eq!(found(&s, b"aaa"), vec![0, 1]);
    assert!(!s.remove(b"a", 7));
    assert!(s.remove(b"a", 1));
    assert!(s.remove(b"", 0));
    assert!(s.is_empty());
    assert_eq!(s.approx_bytes(), 0);
}

#[test]
fn quotes_close_the_value() {
    let mut p = AffixSet::<false>::default();
    let mut s = AffixSet::<true>::default();
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
        proptest::collection::vec(prop::sample::select(b"ab\"".to_vec()), 0..14),
        32,
    )
}

fn run<const E: bool>(
    keys: &[Vec<u8>],
    ops: &[(bool, usize, u32)],
    probes: &[Vec<u8>],
) -> Result<(), TestCaseError> {
    let mut s = AffixSet::<E>::default();
    let mut live: Vec<(Vec<u8>, u32)> = Vec::new();
    for &(add, k, t) in ops {
        let key = &keys[k];
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
            prop_assert_eq!(found(&s, v), model(&live, v, E));
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
        run::<false>(&keys, &ops, &probes)?;
    }

    #[test]
    fn suffixes_agree_with_a_list(keys in keys(), ops in ops(), probes in keys()) {
        run::<true>(&keys, &ops, &probes)?;
    }
}
