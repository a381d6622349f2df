//! Time and identifiers for the in-process bus: an injectable [`Clock`] and [`IdGenerator`], so
//! that tests get reproducible `time` members, event ids and creation times.
//!
//! ```
//! use std::sync::Arc;
//! use evmatch_eventbridge::api::Timestamp;
//! use evmatch_eventbridge::bus::{Clock, IdGenerator, ManualClock, SequentialIds};
//!
//! let clock = ManualClock::new(Timestamp::from_secs(1_767_225_600));
//! clock.advance(90);
//! assert_eq!(clock.now().to_string(), "2026-01-01T00:01:30Z");
//!
//! let ids = SequentialIds::new();
//! assert_eq!(ids.next_id(), "00000000-0000-4000-8000-000000000001");
//! assert_eq!(ids.next_id(), "00000000-0000-4000-8000-000000000002");
//! ```

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::api::Timestamp;

/// Where the bus reads the current time (event `time` when an entry has none, ingestion time,
/// creation times, replay times, archive retention).
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// The system clock ([`Timestamp::now`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that only moves when told to: for tests and simulations.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<Timestamp>,
}

impl ManualClock {
    /// A clock standing at `now`.
    pub fn new(now: Timestamp) -> Self {
        ManualClock {
            now: Mutex::new(now),
        }
    }

    /// Moves the clock to `now` (also backwards).
    pub fn set(&self, now: Timestamp) {
        *self.now.lock().unwrap_or_else(|p| p.into_inner()) = now;
    }

    /// Moves the clock forward by `secs` seconds (backwards when negative).
    pub fn advance(&self, secs: i64) {
        let mut guard = self.now.lock().unwrap_or_else(|p| p.into_inner());
        *guard = Timestamp::from_secs_and_nanos(guard.secs() + secs, guard.subsec_nanos());
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.now.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Where the bus gets event ids and the UUID parts of generated names: 36-character lower-case
/// hex strings in 8-4-4-4-12 groups.
pub trait IdGenerator: Send + Sync {
    /// A fresh id.
    fn next_id(&self) -> String;
}

/// Random version-4 UUIDs (the default). Seeded from the process's hash randomness and the
/// time; not cryptographically strong, which event ids do not need.
#[derive(Debug)]
pub struct RandomIds {
    state: AtomicU64,
}

impl Default for RandomIds {
    fn default() -> Self {
        let mut h = RandomState::new().build_hasher();
        h.write_i64(Timestamp::now().secs());
        h.write_u32(Timestamp::now().subsec_nanos());
        RandomIds {
            state: AtomicU64::new(h.finish()),
        }
    }
}

impl RandomIds {
    /// A generator with a random seed.
    pub fn new() -> Self {
        Self::default()
    }

    /// A generator whose sequence is fixed by `seed`.
    pub fn with_seed(seed: u64) -> Self {
        RandomIds {
            state: AtomicU64::new(seed),
        }
    }

    fn next_u64(&self) -> u64 {
        // SplitMix64 over an atomic counter: every call gets a distinct state.
        let mut z = self
            .state
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl IdGenerator for RandomIds {
    fn next_id(&self) -> String {
        let hi = (self.next_u64() & !0xF000) | 0x4000; // version 4
        let lo = (self.next_u64() & !(0xC000 << 48)) | (0x8000 << 48); // variant 10
        format_uuid(hi, lo)
    }
}

/// Deterministic ids `00000000-0000-4000-8000-000000000001`, `…002`, … (version-4 shaped), for
/// tests.
#[derive(Debug, Default)]
pub struct SequentialIds {
    next: AtomicU64,
}

impl SequentialIds {
    /// A generator whose first id ends in `1`.
    pub fn new() -> Self {
        Self::default()
    }
}

impl IdGenerator for SequentialIds {
    fn next_id(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        format_uuid(0x4000, (0x8000 << 48) | (n & 0x0000_FFFF_FFFF_FFFF))
    }
}

fn format_uuid(hi: u64, lo: u64) -> String {
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0x0000_FFFF_FFFF_FFFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_are_v4_shaped_and_distinct() {
        let ids = RandomIds::with_seed(7);
        let a = ids.next_id();
        let b = ids.next_id();
        assert_ne!(a, b);
        for id in [a, b] {
            assert_eq!(id.len(), 36);
            assert_eq!(&id[14..15], "4");
            assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
            assert!(
                id.chars()
                    .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
            );
        }
    }
}
