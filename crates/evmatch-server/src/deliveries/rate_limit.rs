//! The per-destination rate limit: at most `InvocationRateLimitPerSecond` calls in any one
//! second.
//!
//! A token bucket of `limit` tokens whose tokens come back exactly one second after they were
//! taken (a sliding-window log): unlike a bucket refilled continuously, it allows a burst of
//! `limit` calls and still never more than `limit` calls in any window of one second — the
//! guarantee AWS states. A call that finds no token is not made: the worker puts the delivery
//! back into the queue until the instant a token returns, so a slow destination never holds a
//! worker.
//!
//! Invariants: per destination at most `limit` instants are stored (the default limit is 300).
//! Costs: one map lookup and amortised O(1) deque work per call, under one mutex.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(1);

/// AWS's default `InvocationRateLimitPerSecond`.
pub const DEFAULT_RATE_LIMIT_PER_SECOND: u32 = 300;

/// The calls made per destination in the last second.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    calls: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// Takes a token of `destination` (at most `limit` per second) at `now`, or tells when the
    /// next token comes back.
    pub(crate) fn acquire(
        &self,
        destination: &str,
        limit: u32,
        now: Instant,
    ) -> Result<(), Instant> {
        let limit = limit.max(1) as usize;
        let mut calls = self.calls.lock().unwrap_or_else(|p| p.into_inner());
        let window = match calls.get_mut(destination) {
            Some(w) => w,
            None => calls.entry(destination.to_owned()).or_default(),
        };
        while window
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW)
        {
            window.pop_front();
        }
        if window.len() >= limit {
            // The oldest call of the window frees its token one second after it was made.
            let oldest = window.front().copied().unwrap_or(now);
            return Err(oldest + WINDOW);
        }
        window.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_limit_in_a_second() {
        let rl = RateLimiter::default();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(rl.acquire("d", 3, t0).is_ok());
        }
        assert_eq!(rl.acquire("d", 3, t0), Err(t0 + WINDOW));
        // Another destination has its own tokens.
        assert!(rl.acquire("e", 3, t0).is_ok());
        assert_eq!(
            rl.acquire("d", 3, t0 + Duration::from_millis(999)),
            Err(t0 + WINDOW)
        );
        assert!(rl.acquire("d", 3, t0 + WINDOW).is_ok());
    }
}
