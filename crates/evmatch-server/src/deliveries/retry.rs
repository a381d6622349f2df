//! The retry policy of an API destination call: which failures are retried, how often, for how
//! long, and how long to wait between attempts ([`Backoff`]).
//!
//! As AWS: a target's `RetryPolicy` gives `MaximumRetryAttempts` (default 185) and
//! `MaximumEventAgeInSeconds` (default 86,400); the statuses 401, 407, 409, 429 and every 5xx
//! and network errors (refused, reset, timeout) are retried, every other status is final. The
//! wait before retry *n* (1-based) is `base · 2^(n-1)`, capped at `max`, without jitter (so that
//! tests are reproducible); AWS's defaults make 185 retries last about a day, here
//! `base` = 1 s and `max` = 8 min.
//!
//! Invariants: the delay never overflows (the exponent is capped); a retry is never scheduled
//! past the event's maximum age. Costs: constant.

use std::time::Duration;

use evmatch_eventbridge::api::targets::Target;

/// The exponential backoff between attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Backoff {
    /// The wait before the first retry.
    pub base: Duration,
    /// The longest wait.
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: Duration::from_secs(1),
            max: Duration::from_secs(480),
        }
    }
}

impl Backoff {
    /// A backoff starting at `base` and capped at `max`.
    pub fn new(base: Duration, max: Duration) -> Self {
        Backoff { base, max }
    }

    /// The wait before retry `n` (1-based).
    ///
    /// ```
    /// use std::time::Duration;
    /// use evmatch_server::deliveries::Backoff;
    ///
    /// let b = Backoff::new(Duration::from_millis(10), Duration::from_millis(50));
    /// assert_eq!(b.delay(1), Duration::from_millis(10));
    /// assert_eq!(b.delay(3), Duration::from_millis(40));
    /// assert_eq!(b.delay(4), Duration::from_millis(50));
    /// assert_eq!(b.delay(200), Duration::from_millis(50));
    /// ```
    pub fn delay(&self, n: u32) -> Duration {
        let factor = 1u32 << n.saturating_sub(1).min(20);
        self.base.saturating_mul(factor).min(self.max)
    }
}

/// AWS's default `MaximumRetryAttempts`.
pub const DEFAULT_MAXIMUM_RETRY_ATTEMPTS: u32 = 185;
/// AWS's default `MaximumEventAgeInSeconds`.
pub const DEFAULT_MAXIMUM_EVENT_AGE_SECS: u64 = 86_400;

/// The retry limits of one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryLimits {
    pub(crate) max_retries: u32,
    pub(crate) max_age: Duration,
}

impl RetryLimits {
    /// The limits of `target`'s `RetryPolicy` (AWS's defaults for what it leaves out).
    pub(crate) fn of(target: &Target) -> Self {
        let policy = target.retry_policy.as_ref();
        let max_retries = policy
            .and_then(|p| p.maximum_retry_attempts)
            .map_or(DEFAULT_MAXIMUM_RETRY_ATTEMPTS, |n| n.max(0) as u32);
        let max_age = policy
            .and_then(|p| p.maximum_event_age_in_seconds)
            .map_or(DEFAULT_MAXIMUM_EVENT_AGE_SECS, |s| s.max(0) as u64);
        RetryLimits {
            max_retries,
            max_age: Duration::from_secs(max_age),
        }
    }

    /// After `attempts` failed attempts of an event `age` old, the wait before the next one, or
    /// `None` when there is none.
    pub(crate) fn next_delay(
        &self,
        backoff: &Backoff,
        attempts: u32,
        age: Duration,
    ) -> Option<Duration> {
        if attempts > self.max_retries {
            return None;
        }
        let delay = backoff.delay(attempts);
        (age.saturating_add(delay) <= self.max_age).then_some(delay)
    }
}

/// Whether an answer with this status is retried.
pub(crate) fn is_retriable(status: u16) -> bool {
    matches!(status, 401 | 407 | 409 | 429) || (500..600).contains(&status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use evmatch_eventbridge::api::targets::RetryPolicy;

    #[test]
    fn defaults_and_limits() {
        let b = Backoff::default();
        let none = RetryLimits::of(&Target::default());
        assert_eq!(none.max_retries, 185);
        assert_eq!(none.max_age, Duration::from_secs(86_400));
        assert_eq!(
            none.next_delay(&b, 1, Duration::ZERO),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            none.next_delay(&b, 185, Duration::ZERO),
            Some(Duration::from_secs(480))
        );
        assert_eq!(none.next_delay(&b, 186, Duration::ZERO), None);
        // Past the age limit after the wait: no retry.
        assert_eq!(none.next_delay(&b, 3, Duration::from_secs(86_397)), None);
        assert_eq!(
            none.next_delay(&b, 3, Duration::from_secs(86_396)),
            Some(Duration::from_secs(4))
        );

        let t = Target {
            retry_policy: Some(RetryPolicy {
                maximum_retry_attempts: Some(0),
                maximum_event_age_in_seconds: Some(60),
            }),
            ..Default::default()
        };
        let zero = RetryLimits::of(&t);
        assert_eq!(zero.next_delay(&b, 1, Duration::ZERO), None);
    }

    #[test]
    fn retried_statuses() {
        let retried: Vec<u16> = (100..600).filter(|s| is_retriable(*s)).collect();
        let mut expected = vec![401, 407, 409, 429];
        expected.extend(500..600);
        assert_eq!(retried, expected);
    }
}
