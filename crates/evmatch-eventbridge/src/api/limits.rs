//! [`ServiceLimits`]: the service's quotas and documented limits that are not part of the model,
//! used by the service checks of [`Request::validate_with`](super::Request::validate_with) and by
//! the in-process bus.
//!
//! Invariant: the defaults are AWS's current defaults; each field says whether AWS lets an
//! account raise it.

/// Service limits that are not part of the model (quotas and documented limits).
///
/// Defaults are AWS's current defaults; fields say which limits AWS lets an account raise.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceLimits {
    /// PutEvents and PutPartnerEvents: the total entry size (see
    /// [`PutEventsRequestEntry::size`](super::events::PutEventsRequestEntry::size)) must be
    /// **less than** this many bytes. Default [`ServiceLimits::PUT_EVENTS_1MB`]; use
    /// [`ServiceLimits::PUT_EVENTS_256KB`] for the limit before 29 January 2026.
    pub put_events_max_size: usize,
    /// PutRule: maximum event pattern length in characters (UTF-16 code units). Quota "Event
    /// pattern size", default 2,048, adjustable; the model caps it at 4,096.
    pub rule_event_pattern_max_chars: usize,
    /// Targets per rule (5, not adjustable): a PutTargets request with more distinct target Ids
    /// than this fails with `LimitExceededException`.
    pub targets_per_rule: usize,
    /// Target Ids per PutTargets / RemoveTargets request (documented as 10; the model allows 100).
    pub targets_per_request: usize,
    /// Tags per resource (50): more tags in one request fail with `LimitExceededException`.
    pub tags_per_resource: usize,
    /// Event bus resource policy size in characters (10,240): PutPermission with a longer
    /// `Policy` fails with `PolicyLengthExceededException`.
    pub bus_policy_max_chars: usize,
}

impl ServiceLimits {
    /// The PutEvents size limit since 29 January 2026: 1 MiB.
    pub const PUT_EVENTS_1MB: usize = 1_048_576;
    /// The PutEvents size limit before 29 January 2026: 256 KiB.
    pub const PUT_EVENTS_256KB: usize = 262_144;

    /// AWS's default limits.
    pub const DEFAULT: ServiceLimits = ServiceLimits {
        put_events_max_size: Self::PUT_EVENTS_1MB,
        rule_event_pattern_max_chars: 2048,
        targets_per_rule: 5,
        targets_per_request: 10,
        tags_per_resource: 50,
        bus_policy_max_chars: 10_240,
    };

    /// Default limits with the 256 KiB PutEvents size limit of older accounts and documents.
    pub fn compat_256kb() -> ServiceLimits {
        ServiceLimits {
            put_events_max_size: Self::PUT_EVENTS_256KB,
            ..Self::DEFAULT
        }
    }
}

impl Default for ServiceLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
