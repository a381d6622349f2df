//! [`Sse2`]: the x86_64 scanner, 16 bytes per SSE2 compare (SSE2 is part of the x86_64
//! baseline: no run-time detection).
//!
//! Why each kernel is one `unsafe` block rather than a `#[target_feature(enable = "sse2")]`
//! function in which only the loads are `unsafe`: such functions are not inlined into the
//! flattener, whose callers carry no target-feature attribute, and the calls cost about 5% more
//! instructions per event (callgrind, CL2 NUMERIC over 2,000 citylots events, all else equal:
//! 17.27 M against 16.38 M). Outside such functions the intrinsics are `unsafe` to call, so the blocks below
//! hold them all; their obligations are the same two everywhere: the CPU has SSE2 (always, on
//! x86_64) and every load reads inside the slice (each reads a 16-byte subslice it was given).

use std::arch::x86_64::{
    __m128i, _mm_cmpeq_epi8, _mm_cvtsi128_si64, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
    _mm_or_si128, _mm_set1_epi8,
};

use super::portable::Portable;
use super::scanner::{Name, Scanner};

/// SSE2 scanning.
pub(crate) struct Sse2;

/// The bytes of `v` equal to `c` (0xff each), and the control bytes (below 0x20) of `v`:
/// `v <= 0x1f` (unsigned) iff `min(v, 0x1f) == v`.
///
/// # Safety
/// The CPU has SSE2 (always true on x86_64).
#[inline(always)]
unsafe fn equal(v: __m128i, c: u8) -> __m128i {
    // SAFETY: SSE2 (the caller's obligation).
    unsafe { _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8)) }
}

/// The control bytes (below 0x20) of `v`.
///
/// # Safety
/// The CPU has SSE2 (always true on x86_64).
#[inline(always)]
unsafe fn control(v: __m128i) -> __m128i {
    // SAFETY: SSE2 (the caller's obligation).
    unsafe { _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v) }
}

impl Scanner for Sse2 {
    #[inline(always)]
    fn string_stop(b: &[u8], mut pos: usize, non_ascii: &mut bool) -> usize {
        let mut high = 0;
        while let Some(chunk) = b.get(pos..pos + 16) {
            // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 16 bytes of
            // `chunk` (`loadu` needs no alignment).
            let (m, h) = unsafe {
                let v = _mm_loadu_si128(chunk.as_ptr().cast());
                let stop = _mm_or_si128(_mm_or_si128(equal(v, b'"'), equal(v, b'\\')), control(v));
                (_mm_movemask_epi8(stop), _mm_movemask_epi8(v))
            };
            high |= h;
            if m != 0 {
                *non_ascii |= high != 0;
                return pos + m.trailing_zeros() as usize;
            }
            pos += 16;
        }
        *non_ascii |= high != 0;
        Portable::string_stop(b, pos, non_ascii)
    }

    /// One load gives the name's end, dots, non-ASCII bytes and head word.
    #[inline(always)]
    fn short_name(b: &[u8], pos: usize, non_ascii: &mut bool) -> Option<Name> {
        let chunk = b.get(pos + 1..pos + 17)?;
        // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 16 bytes of `chunk`
        // (`loadu` needs no alignment).
        let ([quote, special, dot, high], word) = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast());
            let mask = |m: __m128i| _mm_movemask_epi8(m) as u32;
            (
                [
                    mask(equal(v, b'"')),
                    mask(equal(v, b'\\')) | mask(control(v)),
                    mask(equal(v, b'.')),
                    mask(v),
                ],
                _mm_cvtsi128_si64(v) as u64,
            )
        };
        let first = (quote | special) & (quote | special).wrapping_neg();
        if first & quote == 0 {
            return None;
        }
        let len = first.trailing_zeros();
        let below = first - 1;
        *non_ascii |= high & below != 0;
        Some(Name {
            end: pos + 1 + len as usize,
            escaped: false,
            dotted: dot & below != 0,
            head: word & (!0u64).checked_shl(8 * len).map_or(!0, |x| !x),
        })
    }
}
