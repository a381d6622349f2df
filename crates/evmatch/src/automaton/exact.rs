//! The exact-string index of one path: value bytes → matcher targets.
//!
//! Exact strings are the bulk of large rule sets (account ids, sources, resource names), and
//! with 100,000 of them the index no longer fits in the core's caches: a look-up that waits
//! for memory costs as much as reading a whole event. So this table is built to be fetched
//! early and in one piece:
//!
//! * open addressing with Robin Hood linear probing over one array of slots; a slot is one
//!   cache line holding the value's full hash, its bytes (inline up to 16) and its targets
//!   (inline up to 6), so a look-up usually touches that one line and nothing else;
//! * where a value's probe starts depends on its hash alone, so the flattener can request
//!   that line ([`ExactStrings::prefetch`]) as soon as it meets the value, and the rest of the
//!   event is read while the line arrives.
//!
//! Invariants: the slot count is 0 or a power of two ≥ [`MIN_SLOTS`]; at most 7/8 of the slots
//! are used; a used slot's hash is never 0 (0 marks an empty slot); along any run of used slots
//! a slot's distance from its home slot is at most one more than its predecessor's (Robin
//! Hood), so a look-up stops at the first slot that is nearer its home than the probe is.

use std::hash::Hasher;

use rustc_hash::FxHasher;

use super::values::{StrKey, remove_one};

/// The smallest non-empty table.
const MIN_SLOTS: usize = 8;

/// Tables with fewer values than this stay in cache anyway: [`ExactStrings::prefetch`] skips
/// them.
const PREFETCH_MIN_LEN: usize = 4096;

/// One cache line: hash, value and up to six targets inline.
#[derive(Debug, Clone, Default)]
#[repr(align(64))]
struct Slot {
    /// 0: empty.
    hash: u64,
    key: StrKey,
    targets: SlotTargets,
}

/// A slot's targets.
pub(crate) type SlotTargets = smallvec::SmallVec<[u32; 6]>;

const _: () = assert!(std::mem::size_of::<Slot>() == 64);

/// Exact string values and their targets (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct ExactStrings {
    slots: Vec<Slot>,
    len: usize,
}

/// The hash of `key`: FxHash spread by a multiply so that the top bits (the home slot) depend
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

    /// The home slot of `hash` (the table is not empty).
    #[inline]
    fn home(&self, hash: u64) -> usize {
        (hash >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// How far slot `i`, holding `hash`, is from its home.
    #[inline]
    fn distance(&self, i: usize, hash: u64) -> usize {
        i.wrapping_sub(self.home(hash)) & (self.slots.len() - 1)
    }

    /// The slot holding `key`, whose [`hash_of`] is `hash`.
    #[inline]
    fn find(&self, key: &[u8], hash: u64) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        let mut dist = 0;
        loop {
            let s = &self.slots[i];
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
    pub fn get(&self, key: &[u8]) -> Option<&SlotTargets> {
        self.find(key, hash_of(key)).map(|i| &self.slots[i].targets)
    }

    /// Start loading the cache line where a look-up of `key` begins (large tables only).
    #[inline]
    pub fn prefetch(&self, key: &[u8]) {
        if self.len < PREFETCH_MIN_LEN {
            return;
        }
        let first = self.slots.as_ptr().wrapping_add(self.home(hash_of(key)));
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            // SAFETY: SSE is part of the x86_64 baseline; a prefetch never faults, and the
            // address is inside the slot array (a slot is one aligned cache line).
            unsafe { _mm_prefetch::<_MM_HINT_T0>(first.cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = first;
    }

    /// Register target `t` under `key`.
    pub fn add(&mut self, key: &[u8], t: u32) {
        let hash = hash_of(key);
        if let Some(i) = self.find(key, hash) {
            self.slots[i].targets.push(t);
            return;
        }
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.resize((self.slots.len() * 2).max(MIN_SLOTS));
        }
        self.place(Slot {
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
        remove_one(&mut self.slots[i].targets, t);
        if !self.slots[i].targets.is_empty() {
            return;
        }
        // Backward-shift deletion: pull the following displaced slots one step nearer home.
        let mask = self.slots.len() - 1;
        loop {
            let next = (i + 1) & mask;
            let h = self.slots[next].hash;
            if h == 0 || self.distance(next, h) == 0 {
                break;
            }
            self.slots.swap(i, next);
            i = next;
        }
        self.slots[i] = Slot::default();
        self.len -= 1;
        if self.len == 0 {
            self.slots = Vec::new();
        } else if self.len * 4 < self.slots.len() && self.slots.len() > MIN_SLOTS {
            self.resize((self.len * 8 / 7 + 1).next_power_of_two().max(MIN_SLOTS));
        }
    }

    /// Put `slot` (whose key is absent) in place, Robin Hood style: it takes the place of the
    /// first slot nearer its home than it is, which moves on in turn.
    fn place(&mut self, mut slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(slot.hash);
        let mut dist = 0;
        loop {
            let h = self.slots[i].hash;
            if h == 0 {
                self.slots[i] = slot;
                return;
            }
            let d = self.distance(i, h);
            if d < dist {
                std::mem::swap(&mut self.slots[i], &mut slot);
                dist = d;
            }
            i = (i + 1) & mask;
            dist += 1;
        }
    }

    fn resize(&mut self, slots: usize) {
        // Built with `Slot::default`, not by cloning one (a `SmallVec` clone is far dearer).
        let mut fresh = Vec::with_capacity(slots);
        fresh.resize_with(slots, Slot::default);
        let old = std::mem::replace(&mut self.slots, fresh);
        for s in old.into_iter().filter(|s| s.hash != 0) {
            self.place(s);
        }
    }

    /// Each value's bytes and targets.
    pub fn iter(&self) -> impl Iterator<Item = (&StrKey, &SlotTargets)> {
        self.slots
            .iter()
            .filter(|s| s.hash != 0)
            .map(|s| (&s.key, &s.targets))
    }

    /// Approximate heap bytes: the slot array plus spilled keys and target lists.
    pub fn approx_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
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

    /// Every slot obeys the Robin Hood invariant and `len` counts the used slots.
    fn check_invariants(t: &ExactStrings) {
        let used = t.slots.iter().filter(|s| s.hash != 0).count();
        assert_eq!(used, t.len);
        assert!(t.slots.is_empty() || t.slots.len().is_power_of_two());
        assert!(t.len * 8 <= t.slots.len() * 7);
        let mask = t.slots.len().wrapping_sub(1);
        for (i, s) in t.slots.iter().enumerate() {
            if s.hash == 0 {
                continue;
            }
            assert_eq!(s.hash, hash_of(&s.key));
            let d = t.distance(i, s.hash);
            if d > 0 {
                let prev = &t.slots[(i.wrapping_sub(1)) & mask];
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
        let big = t.slots.len();
        for i in 0..9_990u32 {
            t.remove(format!("{i:030}").as_bytes(), i);
        }
        check_invariants(&t);
        assert!(t.slots.len() * 64 <= big, "{} of {big}", t.slots.len());
        assert_eq!(
            t.get(format!("{:030}", 9_995).as_bytes()).map(|l| l[0]),
            Some(9_995)
        );
        for i in 9_990..10_000u32 {
            t.remove(format!("{i:030}").as_bytes(), i);
        }
        assert!(t.len() == 0 && t.slots.capacity() == 0);
    }
}
