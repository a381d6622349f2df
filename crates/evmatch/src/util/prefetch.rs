//! [`prefetch`]: ask the CPU to start loading a cache line that will be read soon.
//!
//! A hint only: it never faults, changes no memory and may be ignored. On x86_64 it is SSE's
//! `prefetcht0` (baseline on that architecture); elsewhere it does nothing, so callers keep
//! working, only without the head start.

/// Start loading the cache line holding `address` into every cache level.
#[inline(always)]
pub(crate) fn prefetch<T>(address: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: SSE is part of the x86_64 baseline, and a prefetch never faults, whatever
        // the address: it is a hint that reads nothing architecturally.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(address.cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}
