//! The per-destination rate limit: at most `InvocationRateLimitPerSecond` calls in any one
//! second.
//!
//! A token bucket of `limit` tokens whose tokens come back exactly one second after they were
//! taken (a sliding-window log): unlike a bucket refilled continuously, it allows a burst of
//! `limit` calls and still never more than `limit` calls in any window of one second — the
//! guarantee AWS states. The check is made at the instant of the call, so it holds however late a
//! worker gets to a job. A call that finds no token is not made: the worker puts the delivery
//! back into the queue until a token should be free, so a slow destination never holds a worker.
//!
//! Waiting deliveries are spread over the coming tokens instead of all waking at the next one:
//! the k-th delivery waiting for a destination whose tokens were taken at `t_0 … t_{n-1}` is due
//! at `t_{k mod n} + (k div n + 1)` seconds. So each returned token wakes about one delivery, not
//! every waiting one (10,000 deliveries queued for a destination of 300 calls per second cost
//! about 10,000 wake-ups, not 300 per second each). A delivery coming back says so
//! ([`RateLimiter::acquire`]'s `was_waiting`), which takes it off the waiting count.
//!
//! Invariants: per destination at most `limit` instants are stored (the default limit is 300)
//! and the waiting count never goes below zero. Costs: one map lookup and amortised O(1) deque
//! work per call, under one mutex.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(1);

/// AWS's default `InvocationRateLimitPerSecond`.
pub const DEFAULT_RATE_LIMIT_PER_SECOND: u32 = 300;

#[derive(Debug, Default)]
struct Destination {
    /// When the tokens of the last second were taken, oldest first.
    calls: VecDeque<Instant>,
    /// Deliveries put back to wait for a token and not yet come back.
    waiting: u32,
}

/// The calls made per destination in the last second.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    destinations: Mutex<HashMap<String, Destination>>,
}

impl RateLimiter {
    /// Takes a token of `destination` (at most `limit` per second) at `now`, or tells when the
    /// delivery should come back for one. `was_waiting`: the delivery was put back by an earlier
    /// call.
    pub(crate) fn acquire(
        &self,
        destination: &str,
        limit: u32,
        now: Instant,
        was_waiting: bool,
    ) -> Result<(), Instant> {
        let limit = limit.max(1) as usize;
        let mut all = self.destinations.lock().unwrap_or_else(|p| p.into_inner());
        let d = match all.get_mut(destination) {
            Some(d) => d,
            None => all.entry(destination.to_owned()).or_default(),
        };
        if was_waiting {
            d.waiting = d.waiting.saturating_sub(1);
        }
        while d
            .calls
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW)
        {
            d.calls.pop_front();
        }
        if d.calls.len() < limit {
            d.calls.push_back(now);
            return Ok(());
        }
        let n = d.calls.len() as u32;
        let k = d.waiting;
        d.waiting += 1;
        let taken = d.calls.get((k % n) as usize).copied().unwrap_or(now);
        Err(taken + WINDOW * (k / n + 1))
    }

    /// A delivery put back to wait will not come back (its destination vanished).
    pub(crate) fn forget_waiting(&self, destination: &str) {
        let mut all = self.destinations.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(d) = all.get_mut(destination) {
            d.waiting = d.waiting.saturating_sub(1);
        }
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
            assert!(rl.acquire("d", 3, t0, false).is_ok());
        }
        assert_eq!(rl.acquire("d", 3, t0, false), Err(t0 + WINDOW));
        // Another destination has its own tokens.
        assert!(rl.acquire("e", 3, t0, false).is_ok());
        // Coming back too early (the one waiting delivery) finds no token yet.
        assert_eq!(
            rl.acquire("d", 3, t0 + Duration::from_millis(999), true),
            Err(t0 + WINDOW)
        );
        assert!(rl.acquire("d", 3, t0 + WINDOW, true).is_ok());
    }

    #[test]
    fn waiting_deliveries_are_spread_over_the_coming_tokens() {
        let rl = RateLimiter::default();
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        rl.acquire("d", 2, t0, false).unwrap();
        rl.acquire("d", 2, t0 + ms(100), false).unwrap();
        let due: Vec<Instant> = (0..5)
            .map(|_| rl.acquire("d", 2, t0 + ms(200), false).unwrap_err())
            .collect();
        assert_eq!(
            due,
            [
                t0 + ms(1000),
                t0 + ms(1100),
                t0 + ms(2000),
                t0 + ms(2100),
                t0 + ms(3000)
            ]
        );
        // The first comes back in time and gets the token of t0.
        assert!(rl.acquire("d", 2, t0 + ms(1000), true).is_ok());
        // Forgotten ones no longer count: the next newcomer is fourth in line (tokens back at
        // 1.1 s, 2 s, 2.1 s, 3 s), not fifth.
        rl.forget_waiting("d");
        assert_eq!(rl.acquire("d", 2, t0 + ms(1000), false), Err(t0 + ms(3000)));
    }
}
