//! [`Sse2`]: the x86_64 scanner, 16 bytes per SSE2 compare.
//!
//! The kernels are `#[target_feature(enable = "sse2")]` functions, so every intrinsic in them
//! is a safe call; only the loads (raw pointers) are `unsafe`. SSE2 is part of the x86_64
//! baseline, so entering a kernel needs no run-time detection: the [`Scanner`] methods do it
//! with one `unsafe` call each, whose only obligation (the CPU has SSE2) always holds.

use std::arch::x86_64::{
    __m128i, _mm_cmpeq_epi8, _mm_cvtsi128_si64, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
    _mm_or_si128, _mm_set1_epi8,
};

use super::{Portable, Scanner};
use crate::flatten::scan::Name;

/// SSE2 scanning.
pub(crate) struct Sse2;

impl Scanner for Sse2 {
    #[inline(always)]
    fn string_stop(b: &[u8], pos: usize, non_ascii: &mut bool) -> usize {
        // SAFETY: SSE2 is part of the x86_64 baseline (the kernel's only requirement).
        unsafe { string_stop(b, pos, non_ascii) }
    }

    #[inline(always)]
    fn short_name(b: &[u8], pos: usize, non_ascii: &mut bool) -> Option<Name> {
        // SAFETY: SSE2 is part of the x86_64 baseline (the kernel's only requirement).
        unsafe { short_name(b, pos, non_ascii) }
    }
}

/// The 16 bytes `chunk`, in a register.
#[target_feature(enable = "sse2")]
#[inline]
fn load(chunk: &[u8; 16]) -> __m128i {
    // SAFETY: the load reads the 16 bytes of `chunk`; `loadu` needs no alignment.
    unsafe { _mm_loadu_si128(chunk.as_ptr().cast()) }
}

/// The bytes of `v` equal to `c` (0xff each).
#[target_feature(enable = "sse2")]
#[inline]
fn equal(v: __m128i, c: u8) -> __m128i {
    _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8))
}

/// The control bytes (below 0x20) of `v`: `v <= 0x1f` (unsigned) iff `min(v, 0x1f) == v`.
#[target_feature(enable = "sse2")]
#[inline]
fn control(v: __m128i) -> __m128i {
    _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v)
}

/// [`Scanner::string_stop`], 16 bytes at a time, the tail portably.
#[target_feature(enable = "sse2")]
#[inline]
fn string_stop(b: &[u8], mut pos: usize, non_ascii: &mut bool) -> usize {
    let mut high = 0;
    while let Some(chunk) = b.get(pos..pos + 16) {
        let v = load(chunk.try_into().expect("16 bytes"));
        let stop = _mm_or_si128(_mm_or_si128(equal(v, b'"'), equal(v, b'\\')), control(v));
        let m = _mm_movemask_epi8(stop);
        high |= _mm_movemask_epi8(v);
        if m != 0 {
            *non_ascii |= high != 0;
            return pos + m.trailing_zeros() as usize;
        }
        pos += 16;
    }
    *non_ascii |= high != 0;
    Portable::string_stop(b, pos, non_ascii)
}

/// [`Scanner::short_name`]: one load gives the name's end, dots, non-ASCII bytes and head word.
#[target_feature(enable = "sse2")]
#[inline]
fn short_name(b: &[u8], pos: usize, non_ascii: &mut bool) -> Option<Name> {
    let chunk = b.get(pos + 1..pos + 17)?;
    let v = load(chunk.try_into().expect("16 bytes"));
    let mask = |m: __m128i| _mm_movemask_epi8(m) as u32;
    let quote = mask(equal(v, b'"'));
    let special = mask(equal(v, b'\\')) | mask(control(v));
    let dot = mask(equal(v, b'.'));
    let high = mask(v);
    let first = (quote | special) & (quote | special).wrapping_neg();
    if first & quote == 0 {
        return None;
    }
    let len = first.trailing_zeros();
    let below = first - 1;
    *non_ascii |= high & below != 0;
    let word = _mm_cvtsi128_si64(v) as u64;
    Some(Name {
        end: pos + 1 + len as usize,
        escaped: false,
        dotted: dot & below != 0,
        head: word & (!0u64).checked_shl(8 * len).map_or(!0, |x| !x),
    })
}
