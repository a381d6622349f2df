//! Tests of [`ByteTrie`]: look-ups against a plain map of keys, removal giving nodes back, and
//! the structural invariants after every change.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::{ByteTrie, Node};
use crate::index::targets::{Targets, remove_one};

type Trie = ByteTrie<Targets>;

fn add(t: &mut Trie, key: &[u8], v: u32) {
    t.update(key, |p| p.push(v));
}

fn remove(t: &mut Trie, key: &[u8], v: u32) {
    t.update_existing(key, |p| remove_one(p, v));
}

/// Every target whose key is a prefix of `value`, sorted.
fn walk(t: &Trie, value: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    t.walk(value.len(), |i| value[i], |p| out.extend(p.iter().copied()));
    out.sort_unstable();
    out
}

/// The invariants of the module docs, and that every live node is reachable exactly once.
fn check(t: &Trie) {
    if t.nodes.is_empty() {
        assert_eq!(t.keys, 0);
        assert_eq!(t.free.len(), 0);
        return;
    }
    let mut seen = vec![false; t.nodes.len()];
    let mut stack = vec![0u32];
    let mut keys = 0;
    while let Some(id) = stack.pop() {
        assert!(!seen[id as usize], "node {id} reached twice");
        seen[id as usize] = true;
        let n: &Node<Targets> = &t.nodes[id as usize];
        if !n.payload.is_empty() {
            keys += 1;
        }
        if id != 0 {
            assert!(!n.label.is_empty());
            assert!(
                !n.payload.is_empty() || n.children.len() >= 2,
                "node {id} is redundant"
            );
        }
        assert!(n.children.windows(2).all(|w| w[0].0 < w[1].0));
        for &(b, c) in &n.children {
            assert_eq!(t.nodes[c as usize].label[0], b);
            stack.push(c);
        }
    }
    assert_eq!(keys, t.keys);
    let live = seen.iter().filter(|s| **s).count();
    assert_eq!(live, t.node_count(), "every slot is live or free");
    assert!(live <= 2 * t.keys + 1);
}

#[test]
fn add_lookup_remove() {
    let mut t = Trie::default();
    assert!(t.is_empty());
    assert_eq!(walk(&t, b"abc"), Vec::<u32>::new());
    add(&mut t, b"abc", 1);
    add(&mut t, b"ab", 2);
    add(&mut t, b"abd", 3);
    add(&mut t, b"", 4);
    add(&mut t, b"b", 5);
    add(&mut t, b"abc", 6);
    check(&t);
    assert_eq!(t.len(), 5);
    assert_eq!(walk(&t, b"abcde"), vec![1, 2, 4, 6]);
    assert_eq!(walk(&t, b"ab"), vec![2, 4]);
    assert_eq!(walk(&t, b"a"), vec![4]);
    assert_eq!(walk(&t, b"abd"), vec![2, 3, 4]);
    assert_eq!(walk(&t, b"bx"), vec![4, 5]);
    assert_eq!(walk(&t, b"x"), vec![4]);
    assert_eq!(t.get(b"abc").map(|p| p.len()), Some(2));
    assert!(t.get(b"a").is_none());
    remove(&mut t, b"abc", 1);
    assert_eq!(walk(&t, b"abc"), vec![2, 4, 6]);
    remove(&mut t, b"abc", 6);
    remove(&mut t, b"abc", 6);
    remove(&mut t, b"zzz", 6);
    check(&t);
    assert_eq!(walk(&t, b"abc"), vec![2, 4]);
    remove(&mut t, b"ab", 2);
    check(&t);
    assert_eq!(walk(&t, b"abd"), vec![3, 4]);
    remove(&mut t, b"", 4);
    remove(&mut t, b"abd", 3);
    remove(&mut t, b"b", 5);
    assert!(t.is_empty());
    assert_eq!(t.approx_bytes(), 0);
}

#[test]
fn removal_frees_nodes() {
    let mut t = Trie::default();
    let keys: Vec<Vec<u8>> = (0..2000u32)
        .map(|i| format!("v{:05}-{}", i * 7919 % 100_000, i % 7).into_bytes())
        .collect();
    for (i, k) in keys.iter().enumerate() {
        add(&mut t, k, i as u32);
    }
    check(&t);
    let full = t.approx_bytes();
    assert!(t.node_count() <= 2 * keys.len() + 1);
    for (i, k) in keys.iter().enumerate().skip(100) {
        remove(&mut t, k, i as u32);
    }
    check(&t);
    assert!(t.node_count() <= 201);
    // Compaction gave the slots back.
    assert!(
        t.nodes.len() <= 2 * t.node_count().max(64),
        "{}",
        t.nodes.len()
    );
    assert!(
        t.approx_bytes() < full / 4,
        "{} of {full}",
        t.approx_bytes()
    );
    for (i, k) in keys.iter().enumerate().take(100) {
        assert_eq!(walk(&t, k), vec![i as u32]);
        remove(&mut t, k, i as u32);
    }
    assert!(t.is_empty());
    assert_eq!(t.approx_bytes(), 0);
}

#[test]
fn long_edges_split_and_merge() {
    let mut t = Trie::default();
    let long = vec![b'x'; 100];
    add(&mut t, &long, 1);
    add(&mut t, &long[..40], 2);
    add(&mut t, b"xxy", 3);
    check(&t);
    assert_eq!(walk(&t, &long), vec![1, 2]);
    remove(&mut t, &long[..40], 2);
    check(&t);
    assert_eq!(t.node_count(), 4);
    remove(&mut t, b"xxy", 3);
    check(&t);
    assert_eq!(t.node_count(), 2);
    assert_eq!(walk(&t, &long), vec![1]);
    assert_eq!(walk(&t, &long[..99]), Vec::<u32>::new());
}

#[test]
fn many_children_use_binary_search() {
    let mut t = Trie::default();
    for b in 0..=255u8 {
        add(&mut t, &[b'k', b], u32::from(b));
    }
    check(&t);
    for b in 0..=255u8 {
        assert_eq!(walk(&t, &[b'k', b, b'z']), vec![u32::from(b)]);
    }
}

/// One change: (add?, key index, target).
fn ops() -> impl Strategy<Value = Vec<(bool, usize, u32)>> {
    proptest::collection::vec((any::<bool>(), 0..24usize, 0..3u32), 0..80)
}

fn key_space() -> impl Strategy<Value = Vec<Vec<u8>>> {
    proptest::collection::vec(proptest::collection::vec(b'a'..b'd', 0..6), 24)
}

proptest! {
    #[test]
    fn agrees_with_a_map(keys in key_space(), ops in ops(), probes in key_space()) {
        let mut t = Trie::default();
        let mut model: BTreeMap<Vec<u8>, Vec<u32>> = BTreeMap::new();
        for (is_add, k, v) in ops {
            let key = &keys[k];
            if is_add {
                add(&mut t, key, v);
                model.entry(key.clone()).or_default().push(v);
            } else {
                remove(&mut t, key, v);
                if let Some(list) = model.get_mut(key) {
                    if let Some(i) = list.iter().position(|&x| x == v) {
                        list.swap_remove(i);
                    }
                    if list.is_empty() {
                        model.remove(key);
                    }
                }
            }
            check(&t);
            prop_assert_eq!(t.len(), model.len());
            for p in probes.iter().chain(keys.iter()) {
                let mut want: Vec<u32> = model
                    .iter()
                    .filter(|(k, _)| p.starts_with(k))
                    .flat_map(|(_, v)| v.iter().copied())
                    .collect();
                want.sort_unstable();
                prop_assert_eq!(walk(&t, p), want);
            }
        }
        prop_assert_eq!(t.is_empty(), model.is_empty());
    }
}
