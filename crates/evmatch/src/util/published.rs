//! [`Published`]: copy-on-write publication of a value that many threads read.
//!
//! Readers load the current version with one atomic pointer read (`arc-swap`) and keep it as
//! long as they like; they never take a lock and never wait for a writer. Writers are serialised
//! by a mutex: each clones the current version, changes the clone and publishes it with one
//! pointer swap, so a reader sees either the old or the new version, never a half-made one.
//! An update costs one clone of the value plus the change itself; batch changes into one call.
//! A failed fallible update publishes nothing.

use std::fmt;
use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;

/// A value that readers read as immutable snapshots while writers publish new versions of it.
///
/// Every update copies the value, so it suits values that are cheap to copy or rarely change
/// (the EventBridge bus publishes its buses and rules with it, sharing them by `Arc`).
/// [`SharedMachine`](crate::SharedMachine) does not copy: it keeps two replicas and replays
/// each change on both.
///
/// ```
/// use evmatch::Published;
///
/// let counts = Published::new(vec![1, 2]);
/// let before = counts.load();
/// counts.update(|v| v.push(3));
/// assert_eq!(*before, [1, 2]);          // a reader's snapshot never changes
/// assert_eq!(*counts.load(), [1, 2, 3]);
/// let refused: Result<(), &str> = counts.try_update(|v| { v.clear(); Err("no") });
/// assert!(refused.is_err());
/// assert_eq!(counts.load().len(), 3);   // nothing published
/// ```
pub struct Published<T> {
    current: ArcSwap<T>,
    writer: Mutex<()>,
}

impl<T> Published<T> {
    /// Publish `value` as the first version.
    pub fn new(value: T) -> Self {
        Published {
            current: ArcSwap::from_pointee(value),
            writer: Mutex::new(()),
        }
    }

    /// The current version (an atomic load; never blocks).
    pub fn load(&self) -> Arc<T> {
        self.current.load_full()
    }
}

impl<T: Clone> Published<T> {
    /// Apply `f` to a copy of the current version and publish the copy.
    pub fn update<U>(&self, f: impl FnOnce(&mut T) -> U) -> U {
        match self.try_update(|next| Ok::<U, std::convert::Infallible>(f(next))) {
            Ok(out) => out,
            Err(never) => match never {},
        }
    }

    /// Apply `f` to a copy of the current version and publish the copy if `f` succeeds; on an
    /// error nothing is published.
    pub fn try_update<U, E>(&self, f: impl FnOnce(&mut T) -> Result<U, E>) -> Result<U, E> {
        let _writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let mut next = T::clone(&self.current.load());
        let out = f(&mut next)?;
        self.current.store(Arc::new(next));
        Ok(out)
    }
}

impl<T: fmt::Debug> fmt::Debug for Published<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Published").field(&self.load()).finish()
    }
}
