//! [`WildcardSet`]: the wildcard trigger conditions of one path (those with at least one star),
//! looked up by value through one large shared index and one small one for recent changes.
//!
//! **Job.** Register `(wildcard, target)` pairs; for a string value, report the targets of
//! every registered wildcard matching the whole value, with the semantics of
//! [`Wildcard::matches`] (a star matches any sequence of bytes; literal segments are UTF-8,
//! so on a UTF-8 value they only ever match at character boundaries).
//!
//! **Structure.** Distinct wildcards are *slots* (identical wildcards share one, with a list of
//! targets). Slots `..built` are indexed by the *main* [`WildcardIndex`] (each wildcard filed
//! under its longest literal segment; crowded keys in a lazy DFA); slots `built..` are
//! *recent*: added since, and indexed by a second, small index that is rebuilt whenever they
//! change. Both indexes are immutable and shared through `Arc` (cloning a machine neither
//! copies nor rebuilds them).  Removing the last target of a main slot leaves it *dead*: the index still names it
//! and the look-up skips it (a wildcard added again revives it); removing the last target of a
//! recent slot drops the slot at once.
//!
//! **Rebuilds.** When recent plus dead slots exceed [`threshold`]`(live)` = max(16, √live),
//! the writer (the `add` or `remove` that crossed it) compacts the slots and indexes every
//! live one anew; readers never build. A set of at most 16 wildcards has no index at all: its
//! wildcards are checked one by one. When the last wildcard goes, everything is dropped. Dead
//! slots are bounded like recent ones, so removal is exact (no ghost matches) and the memory
//! of removed wildcards comes back at the next rebuild.
//!
//! **Costs.** A look-up: two index look-ups (the value's length plus its candidates each), or
//! for a small set up to 16 one-by-one checks; plus the targets of the matching slots. An add
//! or remove that does not cross the threshold: one hash look-up plus, when the recent slots
//! change, indexing them (at most max(16, √live) wildcards). Crossing it: indexing every live
//! wildcard, O(their total bytes); this happens at most once per max(16, √n) changes, so with n
//! live wildcards a change costs O(√n) wildcards' indexing, amortised, and the worst single
//! change is one full indexing (a few ms for 10,000 short wildcards on the reference machine).
//! If an index cannot be built (an automaton over its size limits), its slots are checked one
//! by one.

use std::hash::BuildHasher;
use std::sync::Arc;

use smallvec::SmallVec;

use super::targets::{Targets, remove_one};
use super::wildcard_index::WildcardIndex;
use crate::pattern::wildcard::Wildcard;
use crate::util::FxMap;

/// Recent plus dead slots tolerated before a rebuild, for `live` live slots.
pub(crate) fn threshold(live: usize) -> usize {
    PENDING_MIN.max(live.isqrt())
}

/// No rebuild below this many recent plus dead slots: small sets are checked one by one.
const PENDING_MIN: usize = 16;

/// One distinct wildcard and the targets registered under it.
#[derive(Debug, Clone)]
struct Slot {
    wildcard: Wildcard,
    /// The wildcard's hash (kept so rebuilds do not rehash).
    hash: u64,
    targets: Targets,
    /// A quick test before [`Wildcard::matches`] in one-by-one checks.
    quick: Quick,
}

/// What a value must have for a wildcard to match it, checked without touching the wildcard's
/// segments: a minimum length, and its first and last byte when the wildcard's ends are
/// literal (`NONE` otherwise).
#[derive(Debug, Clone, Copy)]
struct Quick {
    min_len: u32,
    head: u16,
    tail: u16,
}

const NONE: u16 = 256;

impl Quick {
    fn of(w: &Wildcard) -> Quick {
        let segs = w.segments();
        let len: usize = segs.iter().map(Vec::len).sum();
        Quick {
            min_len: u32::try_from(len).unwrap_or(u32::MAX),
            head: segs[0].first().map_or(NONE, |&b| u16::from(b)),
            tail: segs[segs.len() - 1].last().map_or(NONE, |&b| u16::from(b)),
        }
    }

    /// Whether `v` may match (false: it cannot).
    #[inline]
    fn admits(self, v: &[u8]) -> bool {
        v.len() >= self.min_len as usize
            && (self.head == NONE || v.first().map(|&b| u16::from(b)) == Some(self.head))
            && (self.tail == NONE || v.last().map(|&b| u16::from(b)) == Some(self.tail))
    }
}

/// The wildcards of one path; see the module docs.
#[derive(Debug, Clone, Default)]
pub(crate) struct WildcardSet {
    slots: Vec<Slot>,
    /// Slot indexes by the hash of their wildcard.
    by_hash: FxMap<u64, SmallVec<[u32; 1]>>,
    /// The automaton over `slots[..built]` (`None` when `built == 0`).
    main: Option<Arc<WildcardIndex>>,
    /// The automaton over `slots[built..]`, when there is a `main` one and recent slots.
    recent: Option<Arc<WildcardIndex>>,
    built: usize,
    /// Slots with at least one target.
    live: usize,
    /// Slots in `..built` without targets.
    dead: usize,
}

fn hash_of(w: &Wildcard) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(w)
}

fn compile(slots: &[Slot]) -> Option<Arc<WildcardIndex>> {
    if slots.is_empty() {
        return None;
    }
    let wildcards: Vec<&Wildcard> = slots.iter().map(|s| &s.wildcard).collect();
    WildcardIndex::new(&wildcards).map(Arc::new)
}

impl WildcardSet {
    /// Distinct live wildcards.
    pub fn len(&self) -> usize {
        self.live
    }

    fn find(&self, h: u64, w: &Wildcard) -> Option<usize> {
        self.by_hash
            .get(&h)?
            .iter()
            .map(|&i| i as usize)
            .find(|&i| self.slots[i].wildcard == *w)
    }

    /// Register `w` (which has at least one star) for target `t`.
    pub fn add(&mut self, w: &Wildcard, t: u32) {
        debug_assert!(
            w.segments().len() > 1,
            "star-free wildcards are exact strings"
        );
        let h = hash_of(w);
        match self.find(h, w) {
            Some(i) => {
                let slot = &mut self.slots[i];
                slot.targets.push(t);
                if slot.targets.len() == 1 {
                    // A dead built slot comes back to life: the automaton still has it.
                    self.dead -= 1;
                    self.live += 1;
                }
            }
            None => {
                let i = self.slots.len() as u32;
                self.slots.push(Slot {
                    wildcard: w.clone(),
                    hash: h,
                    targets: smallvec::smallvec![t],
                    quick: Quick::of(w),
                });
                self.by_hash.entry(h).or_default().push(i);
                self.live += 1;
                self.changed(true);
            }
        }
    }

    /// Unregister one `(w, t)` (the inverse of [`WildcardSet::add`]); unknown pairs are
    /// ignored.
    pub fn remove(&mut self, w: &Wildcard, t: u32) {
        let h = hash_of(w);
        let Some(i) = self.find(h, w) else {
            return;
        };
        let slot = &mut self.slots[i];
        let before = slot.targets.len();
        remove_one(&mut slot.targets, t);
        if slot.targets.len() == before || !slot.targets.is_empty() {
            return;
        }
        self.live -= 1;
        if i < self.built {
            self.dead += 1;
            self.changed(false);
        } else {
            self.drop_recent(i);
            self.changed(true);
        }
    }

    /// Drop recent slot `i`, moving the last slot into its place.
    fn drop_recent(&mut self, i: usize) {
        let unlink = |map: &mut FxMap<u64, SmallVec<[u32; 1]>>, h: u64, i: u32| {
            if let Some(list) = map.get_mut(&h) {
                list.retain(|x| *x != i);
                if list.is_empty() {
                    map.remove(&h);
                }
            }
        };
        unlink(&mut self.by_hash, self.slots[i].hash, i as u32);
        let last = self.slots.len() - 1;
        if i != last
            && let Some(list) = self.by_hash.get_mut(&self.slots[last].hash)
            && let Some(x) = list.iter_mut().find(|x| **x == last as u32)
        {
            *x = i as u32;
        }
        self.slots.swap_remove(i);
    }

    /// Slots that are recent or dead.
    fn stale(&self) -> usize {
        self.slots.len() - self.built + self.dead
    }

    /// Keep the invariants after a change (`recent`: the recent slots changed).
    fn changed(&mut self, recent: bool) {
        if self.live == 0 {
            *self = WildcardSet::default();
        } else if self.stale() > threshold(self.live) {
            self.rebuild();
        } else if recent && self.main.is_some() {
            self.recent = compile(&self.slots[self.built..]);
        }
    }

    /// Compact the slots (dropping dead ones) and compile every live one.
    pub fn rebuild(&mut self) {
        self.slots.retain(|s| !s.targets.is_empty());
        self.slots.shrink_to_fit();
        self.by_hash.clear();
        for (i, s) in self.slots.iter().enumerate() {
            self.by_hash.entry(s.hash).or_default().push(i as u32);
        }
        self.by_hash.shrink_to_fit();
        self.dead = 0;
        self.recent = None;
        self.main = compile(&self.slots);
        // Not compiled (regex-automata refused the NFA): every slot is checked one by one.
        self.built = if self.main.is_some() {
            self.slots.len()
        } else {
            0
        };
    }

    /// Call `hit` for the targets of every wildcard matching the whole of `v`.
    #[inline]
    pub fn matches(&self, v: &str, mut hit: impl FnMut(u32)) {
        if self.live == 0 {
            return;
        }
        let (built, recent) = self.slots.split_at(self.built);
        if let Some(main) = &self.main {
            Self::walk(main, built, v, &mut hit);
        }
        match &self.recent {
            Some(index) => Self::walk(index, recent, v, &mut hit),
            None => Self::check_each(recent, v, &mut hit),
        }
    }

    /// Report the targets of the slots `index` (built from `slots`) finds matching.
    #[inline]
    fn walk(index: &WildcardIndex, slots: &[Slot], v: &str, hit: &mut impl FnMut(u32)) {
        index.matches(v.as_bytes(), |i| {
            slots[i as usize].targets.iter().for_each(|&t| hit(t))
        })
    }

    fn check_each(slots: &[Slot], v: &str, hit: &mut impl FnMut(u32)) {
        for s in slots {
            if !s.targets.is_empty() && s.quick.admits(v.as_bytes()) && s.wildcard.matches(v) {
                s.targets.iter().for_each(|&t| hit(t));
            }
        }
    }

    /// Approximate heap bytes (the automata counted whole, though clones share them).
    pub fn approx_bytes(&self) -> usize {
        let targets = |t: &Targets| if t.spilled() { t.capacity() * 4 } else { 0 };
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + self
                .slots
                .iter()
                .map(|s| s.wildcard.heap_bytes() + targets(&s.targets))
                .sum::<usize>()
            + self.by_hash.capacity() * (8 + std::mem::size_of::<SmallVec<[u32; 1]>>() + 1)
            + [&self.main, &self.recent]
                .iter()
                .filter_map(|a| a.as_ref())
                .map(|a| a.approx_bytes())
                .sum::<usize>()
    }

    /// (recent slots, dead slots, whether a main automaton is built), for tests.
    #[cfg(test)]
    fn shape(&self) -> (usize, usize, bool) {
        (
            self.slots.len() - self.built,
            self.dead,
            self.main.is_some(),
        )
    }
}

#[cfg(test)]
#[path = "wildcard_set_tests.rs"]
mod tests;
