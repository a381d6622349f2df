//! The exact-string index of one path: value bytes → index targets.
//!
//! Exact strings are the bulk of large rule sets (account ids, sources, resource names), and
//! with 100,000 of them the index no longer fits in the core's caches: a look-up that waits
//! for memory costs as much as reading a whole event. So this table is built to be fetched
//! early and in one piece:
//!
//! * open addressing with Robin Hood linear probing over one array of buckets; a bucket is one
//!   cache line holding the value's full hash, its bytes (inline up to 16) and its targets
//!   (inline up to 6), so a look-up usually touches that one line and nothing else;
//! * where a value's probe starts depends on its hash alone, so the flattener can request
//!   that line ([`ExactStrings::prefetch`]) as soon as it meets the value, and the rest of the
//!   event is read while the line arrives.
//!
//! Invariants: the bucket count is 0 or a power of two ≥ [`MIN_BUCKETS`]; at most 7/8 of the
//! buckets are used; a used bucket's hash is never 0 (0 marks an empty bucket); along any run
//! of used buckets a bucket's distance from its home bucket is at most one more than its
//! predecessor's (Robin Hood), so a look-up stops at the first bucket that is nearer its home
//! than the probe is.

use std::hash::Hasher;

use rustc_hash::FxHasher;

use super::targets::{StrKey, remove_one};
use crate::util::prefetch;

/// The smallest non-empty table.
const MIN_BUCKETS: usize = 8;

/// Tables with fewer values than this stay in cache anyway: [`ExactStrings::prefetch`] skips
/// them.
const PREFETCH_MIN_LEN: usize = 4096;

/// One cache line: hash, value and up to six targets inline.
#[derive(Debug, Clone, Default)]
#[repr(align(64))]
struct Bucket {
    /// 0: empty.
    hash: u64,
    key: StrKey,
    targets: BucketTargets,
}

/// A bucket's targets.
pub(crate) type BucketTargets = smallvec::SmallVec<[u32; 6]>;

const _: () = assert!(std::mem::size_of::<Bucket>() == 64);

/// Exact string values and their targets (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct ExactStrings {
    buckets: Vec<Bucket>,
    len: usize,
}

/// The hash of `key`: FxHash spread by a multiply so that the top bits (the home bucket) depend
/// on every byte; never 0.
#[inline]
fn hash_of(key: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(key);
    h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1
}

impl ExactStrings {
    pub fn len(&self) -> usize {
        self.len
    }

    /// The home bucket of `hash` (the table is not empty).
    #[inline]
    fn home(&self, hash: u64) -> usize {
        (hash >> (64 - self.buckets.len().trailing_zeros())) as usize
    }

    /// How far bucket `i`, holding `hash`, is from its home.
    #[inline]
    fn distance(&self, i: usize, hash: u64) -> usize {
        i.wrapping_sub(self.home(hash)) & (self.buckets.len() - 1)
    }

    /// The bucket holding `key`, whose [`hash_of`] is `hash`.
    #[inline]
    fn find(&self, key: &[u8], hash: u64) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let mask = self.buckets.len() - 1;
        let mut i = self.home(hash);
        let mut dist = 0;
        loop {
            let s = &self.buckets[i];
            if s.hash == 0 || self.distance(i, s.hash) < dist {
                return None;
            }
            if s.hash == hash && s.key.as_slice() == key {
                return Some(i);
            }
            i = (i + 1) & mask;
            dist += 1;
        }
    }

    /// The targets registered under `key`.
    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<&BucketTargets> {
        self.find(key, hash_of(key))
            .map(|i| &self.buckets[i].targets)
    }

    /// Start loading the cache line where a look-up of `key` begins (large tables only).
    #[inline]
    pub fn prefetch(&self, key: &[u8]) {
        if self.len < PREFETCH_MIN_LEN {
            return;
        }
        // A bucket is one aligned cache line: this requests all of it.
        prefetch(self.buckets.as_ptr().wrapping_add(self.home(hash_of(key))));
    }

    /// Register target `t` under `key`.
    pub fn add(&mut self, key: &[u8], t: u32) {
        let hash = hash_of(key);
        if let Some(i) = self.find(key, hash) {
            self.buckets[i].targets.push(t);
            return;
        }
        if (self.len + 1) * 8 > self.buckets.len() * 7 {
            self.resize((self.buckets.len() * 2).max(MIN_BUCKETS));
        }
        self.place(Bucket {
            hash,
            key: StrKey::from_slice(key),
            targets: smallvec::smallvec![t],
        });
        self.len += 1;
    }

    /// Unregister target `t` from `key` (the inverse of [`ExactStrings::add`]); a value left
    /// without targets is removed, and a table left mostly empty shrinks.
    pub fn remove(&mut self, key: &[u8], t: u32) {
        let Some(mut i) = self.find(key, hash_of(key)) else {
            return;
        };
        remove_one(&mut self.buckets[i].targets, t);
        if !self.buckets[i].targets.is_empty() {
            return;
        }
        // Backward-shift deletion: pull the following displaced buckets one step nearer home.
        let mask = self.buckets.len() - 1;
        loop {
            let next = (i + 1) & mask;
            let h = self.buckets[next].hash;
            if h == 0 || self.distance(next, h) == 0 {
                break;
            }
            self.buckets.swap(i, next);
            i = next;
        }
        self.buckets[i] = Bucket::default();
        self.len -= 1;
        if self.len == 0 {
            self.buckets = Vec::new();
        } else if self.len * 4 < self.buckets.len() && self.buckets.len() > MIN_BUCKETS {
            self.resize((self.len * 8 / 7 + 1).next_power_of_two().max(MIN_BUCKETS));
        }
    }

    /// Put `bucket` (whose key is absent) in place, Robin Hood style: it takes the place of the
    /// first bucket nearer its home than it is, which moves on in turn.
    fn place(&mut self, mut bucket: Bucket) {
        let mask = self.buckets.len() - 1;
        let mut i = self.home(bucket.hash);
        let mut dist = 0;
        loop {
            let h = self.buckets[i].hash;
            if h == 0 {
                self.buckets[i] = bucket;
                return;
            }
            let d = self.distance(i, h);
            if d < dist {
                std::mem::swap(&mut self.buckets[i], &mut bucket);
                dist = d;
            }
            i = (i + 1) & mask;
            dist += 1;
        }
    }

    fn resize(&mut self, buckets: usize) {
        // Built with `Bucket::default`, not by cloning one (a `SmallVec` clone is far dearer).
        let mut fresh = Vec::with_capacity(buckets);
        fresh.resize_with(buckets, Bucket::default);
        let old = std::mem::replace(&mut self.buckets, fresh);
        for s in old.into_iter().filter(|s| s.hash != 0) {
            self.place(s);
        }
    }

    /// Each value's bytes and targets.
    pub fn iter(&self) -> impl Iterator<Item = (&StrKey, &BucketTargets)> {
        self.buckets
            .iter()
            .filter(|s| s.hash != 0)
            .map(|s| (&s.key, &s.targets))
    }

    /// Approximate heap bytes: the bucket array plus spilled keys and target lists.
    pub fn approx_bytes(&self) -> usize {
        self.buckets.capacity() * std::mem::size_of::<Bucket>()
            + self
                .iter()
                .map(|(k, v)| {
                    (if k.spilled() { k.len() } else { 0 })
                        + if v.spilled() { v.capacity() * 4 } else { 0 }
                })
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Every bucket obeys the Robin Hood invariant and `len` counts the used buckets.
    fn check_invariants(t: &ExactStrings) {
        let used = t.buckets.iter().filter(|s| s.hash != 0).count();
        assert_eq!(used, t.len);
        assert!(t.buckets.is_empty() || t.buckets.len().is_power_of_two());
        assert!(t.len * 8 <= t.buckets.len() * 7);
        let mask = t.buckets.len().wrapping_sub(1);
        for (i, s) in t.buckets.iter().enumerate() {
            if s.hash == 0 {
                continue;
            }
            assert_eq!(s.hash, hash_of(&s.key));
            let d = t.distance(i, s.hash);
            if d > 0 {
                let prev = &t.buckets[(i.wrapping_sub(1)) & mask];
                assert!(prev.hash != 0 && t.distance(i.wrapping_sub(1) & mask, prev.hash) + 1 >= d);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Any sequence of adds and removes leaves the table answering like a `HashMap`.
        #[test]
        fn agrees_with_a_hash_map(
            ops in proptest::collection::vec((any::<bool>(), 0..300u16, 0..4u32), 0..2000),
        ) {
            let mut t = ExactStrings::default();
            let mut want: HashMap<Vec<u8>, Vec<u32>> = HashMap::new();
            for (add, k, target) in ops {
                let key = format!("value-{k}").into_bytes();
                if add {
                    t.add(&key, target);
                    want.entry(key).or_default().push(target);
                } else {
                    t.remove(&key, target);
                    if let Some(list) = want.get_mut(&key) {
                        if let Some(i) = list.iter().position(|&x| x == target) {
                            list.swap_remove(i);
                        }
                        if list.is_empty() {
                            want.remove(&key);
                        }
                    }
                }
            }
            check_invariants(&t);
            prop_assert_eq!(t.len(), want.len());
            for k in 0..300u16 {
                let key = format!("value-{k}").into_bytes();
                let mut got: Vec<u32> = t.get(&key).map(|l| l.to_vec()).unwrap_or_default();
                let mut exp = want.get(&key).cloned().unwrap_or_default();
                got.sort_unstable();
                exp.sort_unstable();
                prop_assert_eq!(got, exp);
                t.prefetch(&key);
            }
        }
    }

    #[test]
    fn grows_and_shrinks() {
        let mut t = ExactStrings::default();
        for i in 0..10_000u32 {
            t.add(format!("{i:030}").as_bytes(), i);
        }
        check_invariants(&t);
        assert_eq!(t.len(), 10_000);
        let big = t.buckets.len();
        for i in 0..9_990u32 {
            t.remove(format!("{i:030}").as_bytes(), i);
        }
        check_invariants(&t);
        assert!(t.buckets.len() * 64 <= big, "{} of {big}", t.buckets.len());
        assert_eq!(
            t.get(format!("{:030}", 9_995).as_bytes()).map(|l| l[0]),
            Some(9_995)
        );
        for i in 9_990..10_000u32 {
            t.remove(format!("{i:030}").as_bytes(), i);
        }
        assert!(t.len() == 0 && t.buckets.capacity() == 0);
    }
}
