//! [`LeftRight`]: a value that readers read as immutable snapshots while a writer changes it by
//! replaying small operations on a second copy, instead of copying the whole value per change.
//!
//! Two replicas of the value exist: the *current* one, published through `arc-swap` (readers
//! load it with one atomic read, take no lock and never wait), and the *spare*, owned by the
//! writer, which is the previous version. A change (a list of operations, see [`Replica`])
//! takes the spare, replays the operations it lacks (those of the previous change), applies
//! the new ones and publishes it with one pointer swap; the replica just replaced becomes the
//! spare, behind by exactly the new operations. A change therefore costs its own operations
//! twice (once per replica), not a copy of the value.
//!
//! Invariants:
//! * Writers are serialised by a mutex; readers see a published version whole or not at all.
//! * The spare is only ever written while the writer holds the *only* reference to it
//!   (`Arc::get_mut`). `arc-swap`'s swap hands the replaced `Arc` back with every reader's
//!   reference really counted (it pays readers' outstanding debts before returning), so a
//!   reader that loaded the spare while it was current keeps the writer from touching it.
//! * `behind` is exactly the operations the spare lacks to equal the current version, in order;
//!   it is meaningless (and cleared) while there is no spare. Replaying operations must give a
//!   replica that answers as the one they were first applied to ([`Replica`]).
//! * If a reader still holds the spare (a kept snapshot, or a read that outlasted a whole
//!   change — on a machine with more busy threads than cores, a reader preempted mid-read), the
//!   writer waits for it, at most as long as its last copy of the value took (waiting longer
//!   cannot beat copying; this bounds a change at twice a copy), then gives up: it *retires*
//!   the spare and copies the current version instead (the fallback). Retired replicas, and
//!   replaced replicas that are stale, are dropped by the writer once no reader holds them (at
//!   a later change, or with the `LeftRight`), so readers do not pay for freeing replicas. A
//!   kept snapshot thus costs one copy, once.
//! * [`LeftRight::update`] runs an arbitrary closure, which cannot be replayed: it is applied
//!   to the spare (or a copy), and the replica it replaces is stale, so the next change copies
//!   once to get a spare again.
//! * A panic inside a change publishes nothing; the spare it was using is dropped, so the next
//!   change copies.
//!
//! Costs: memory is two replicas (plus retired ones still held by readers). A change costs its
//! operations twice, one pointer swap, and any wait for a reader still on the spare
//! (microseconds: the rest of one read); the first change, the first after an `update` and a
//! fallback also copy the value once.
//!
//! Hand-written on `arc-swap` because the `left-right` crate does not fit: its readers need a
//! handle per thread and cannot keep a version beyond a read guard, while a `SharedMachine` is
//! read through `&self` from any thread and hands out snapshots (`Arc`s) to keep.

use std::fmt;
use std::mem;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use arc_swap::{ArcSwap, Guard};

/// A value whose changes (`Op`s) can be replayed on another copy of it.
pub(crate) trait Replica<Op>: Clone {
    /// Apply `op`. Applying the same operations in the same order to two equal replicas must
    /// leave them answering every read alike.
    fn apply(&mut self, op: &Op);
}

/// The writer's side: the spare replica and what it lacks.
struct Writer<T, Op> {
    /// The previous version, or `None` (before the first change, after an `update` or a panic).
    spare: Option<Arc<T>>,
    /// The operations `spare` lacks, oldest first.
    behind: Vec<Op>,
    /// Replicas the writer gave up on while readers held them, dropped once they are unique.
    retired: Vec<Arc<T>>,
    /// How long the last copy of the value took: the longest worth waiting for a reader. (There
    /// is no spare to wait for before the first copy.)
    patience: Duration,
    /// Copies made (for tests).
    copies: u64,
}

/// Left-right replicas of a `T` changed by `Op`s, published to readers (see the module
/// documentation).
pub(crate) struct LeftRight<T, Op> {
    current: ArcSwap<T>,
    writer: Mutex<Writer<T, Op>>,
}

impl<T, Op> LeftRight<T, Op> {
    /// Publish `value` as the first version.
    pub fn new(value: T) -> Self {
        LeftRight {
            current: ArcSwap::from_pointee(value),
            writer: Mutex::new(Writer {
                spare: None,
                behind: Vec::new(),
                retired: Vec::new(),
                patience: Duration::ZERO,
                copies: 0,
            }),
        }
    }

    /// The current version, for a short read (no reference count is touched in the common
    /// case; hold it briefly).
    #[inline]
    pub fn load(&self) -> Guard<Arc<T>> {
        self.current.load()
    }

    /// The current version, to keep: while held across two changes it makes the writer copy
    /// the value once.
    pub fn load_full(&self) -> Arc<T> {
        self.current.load_full()
    }

    fn lock(&self) -> MutexGuard<'_, Writer<T, Op>> {
        // A panic in an earlier change left the state consistent (see `take_spare`).
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl<T: Replica<Op>, Op> LeftRight<T, Op> {
    /// The cheap path: `plan` sees the current version and returns the operations to apply
    /// plus a result; an empty list publishes nothing.
    pub fn change<U>(&self, plan: impl FnOnce(&T) -> (Vec<Op>, U)) -> U {
        let mut w = self.lock();
        let current = self.current.load_full();
        let (ops, out) = plan(&current);
        if ops.is_empty() {
            return out;
        }
        let mut next = w.take_spare(&current);
        drop(current);
        let replica = Arc::get_mut(&mut next).expect("the writer owns the next replica");
        for op in &ops {
            replica.apply(op);
        }
        let previous = self.current.swap(next);
        w.spare = Some(previous);
        w.behind = ops;
        out
    }

    /// The general path: apply `f` to the next replica and publish it. `f` cannot be replayed,
    /// so the replica it replaces is stale and the next change copies the value once.
    pub fn update<U>(&self, f: impl FnOnce(&mut T) -> U) -> U {
        let mut w = self.lock();
        let current = self.current.load_full();
        let mut next = w.take_spare(&current);
        drop(current);
        let out = f(Arc::get_mut(&mut next).expect("the writer owns the next replica"));
        let stale = self.current.swap(next);
        w.retire(stale);
        out
    }

    /// Copies of the value made so far.
    #[cfg(test)]
    fn copies(&self) -> u64 {
        self.lock().copies
    }
}

impl<T: Replica<Op>, Op> Writer<T, Op> {
    /// The spare, brought up to `current`, or a copy of `current` when there is no spare or a
    /// reader holds it longer than a copy would take. The returned `Arc` is unique.
    fn take_spare(&mut self, current: &Arc<T>) -> Arc<T> {
        self.retired.retain(|r| Arc::strong_count(r) > 1);
        // Taken out first: if a replay panics, no half-replayed spare is left behind.
        let behind = mem::take(&mut self.behind);
        if let Some(mut spare) = self.spare.take() {
            if wait_unique(&mut spare, self.patience) {
                let replica = Arc::get_mut(&mut spare).expect("checked unique");
                for op in &behind {
                    replica.apply(op);
                }
                return spare;
            }
            self.retired.push(spare);
        }
        let t = Instant::now();
        let copy = Arc::new(T::clone(current));
        self.patience = t.elapsed();
        self.copies += 1;
        copy
    }

    /// Drop `replica` now if no reader holds it, else when none does any more.
    fn retire(&mut self, mut replica: Arc<T>) {
        if Arc::get_mut(&mut replica).is_none() {
            self.retired.push(replica);
        }
    }
}

/// Wait until the writer holds the only reference to `spare`, for at most `patience`: spin a
/// little (a reader finishing a match), then yield, then sleep in short steps so that a reader
/// waiting for a core can run.
fn wait_unique<T>(spare: &mut Arc<T>, patience: Duration) -> bool {
    let start = Instant::now();
    for round in 0u32.. {
        if Arc::get_mut(spare).is_some() {
            return true;
        }
        if start.elapsed() >= patience {
            return false;
        }
        match round {
            0..64 => std::hint::spin_loop(),
            64..80 => std::thread::yield_now(),
            _ => std::thread::sleep(Duration::from_micros(50)),
        }
    }
    false
}

impl<T: fmt::Debug, Op> fmt::Debug for LeftRight<T, Op> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LeftRight").field(&self.load()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::{LeftRight, Replica};
    use std::sync::Arc;

    /// A list of numbers; operations push (`Some`) or pop (`None`).
    #[derive(Clone, Debug, Default, PartialEq)]
    struct List(Vec<u32>);

    impl Replica<Option<u32>> for List {
        fn apply(&mut self, op: &Option<u32>) {
            match op {
                Some(v) => self.0.push(*v),
                None => {
                    self.0.pop();
                }
            }
        }
    }

    fn push(lr: &LeftRight<List, Option<u32>>, v: u32) {
        lr.change(|_| (vec![Some(v)], ()));
    }

    #[test]
    fn changes_after_the_first_copy_nothing() {
        let lr = LeftRight::new(List::default());
        for v in 0..100 {
            push(&lr, v);
            assert_eq!(lr.load().0, (0..=v).collect::<Vec<_>>());
        }
        lr.change(|_| (vec![None, None, Some(7)], ()));
        push(&lr, 8);
        assert_eq!(lr.load().0[96..], [96, 97, 7, 8]);
        assert_eq!(lr.copies(), 1, "only the first change copies");
    }

    #[test]
    fn an_empty_plan_publishes_nothing() {
        let lr = LeftRight::new(List(vec![1]));
        let before = lr.load_full();
        let out = lr.change(|cur| (Vec::new(), cur.0.len()));
        assert_eq!(out, 1);
        assert!(Arc::ptr_eq(&before, &lr.load_full()));
        assert_eq!(lr.copies(), 0);
    }

    #[test]
    fn a_held_snapshot_costs_one_copy_and_never_changes() {
        let lr = LeftRight::new(List::default());
        push(&lr, 1);
        let held = lr.load_full(); // [1]
        push(&lr, 2); // [1] becomes the spare, still held
        push(&lr, 3); // the spare is held: copy
        push(&lr, 4);
        push(&lr, 5);
        assert_eq!(held.0, [1]);
        assert_eq!(lr.load().0, [1, 2, 3, 4, 5]);
        assert_eq!(lr.copies(), 2);
        let weak = Arc::downgrade(&held);
        drop(held);
        assert!(
            weak.upgrade().is_some(),
            "the writer keeps the retired replica"
        );
        push(&lr, 6);
        assert!(weak.upgrade().is_none(), "and drops it at its next change");
        assert_eq!(lr.copies(), 2);
    }

    #[test]
    fn update_makes_the_next_change_copy() {
        let lr = LeftRight::new(List::default());
        push(&lr, 1);
        push(&lr, 2);
        assert_eq!(lr.update(|l| l.0.iter().sum::<u32>()), 3);
        lr.update(|l| l.0.reverse());
        assert_eq!(lr.load().0, [2, 1]);
        assert_eq!(
            lr.copies(),
            2,
            "the first change, then the update after a stale one"
        );
        push(&lr, 3);
        push(&lr, 4);
        assert_eq!(lr.load().0, [2, 1, 3, 4]);
        assert_eq!(lr.copies(), 3);
    }

    #[test]
    fn a_panicking_update_publishes_nothing() {
        let lr = LeftRight::new(List::default());
        push(&lr, 1);
        push(&lr, 2);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            lr.update(|l| {
                l.0.push(99);
                panic!("no");
            })
        }));
        assert!(caught.is_err());
        assert_eq!(lr.load().0, [1, 2]);
        push(&lr, 3);
        push(&lr, 4);
        assert_eq!(lr.load().0, [1, 2, 3, 4]);
    }

    #[test]
    fn readers_see_whole_versions() {
        let lr = LeftRight::new(List::default());
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    for _ in 0..5_000 {
                        let l = lr.load();
                        // Version v is [0, 1, ..., v-1].
                        assert!(l.0.iter().enumerate().all(|(i, &v)| i as u32 == v));
                    }
                });
            }
            for v in 0..2_000 {
                push(&lr, v);
            }
        });
        assert_eq!(lr.load().0.len(), 2_000);
    }
}
