//! [`Portable`]: the scanner for every architecture, eight bytes at a time in a `u64` (SWAR).

use super::scanner::{Name, Scanner};
use crate::flatten::swar::{HIGHS, ONES, zero_bytes};

/// Word-at-a-time scanning in plain Rust.
pub(crate) struct Portable;

impl Scanner for Portable {
    #[inline(always)]
    fn string_stop(b: &[u8], mut pos: usize, non_ascii: &mut bool) -> usize {
        let mut high = 0u64;
        while let Some(chunk) = b.get(pos..pos + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            high |= w;
            let stop = zero_bytes(w ^ (ONES * b'"' as u64))
                | zero_bytes(w ^ (ONES * b'\\' as u64))
                | zero_bytes(w & (ONES * 0xe0));
            if stop != 0 {
                *non_ascii |= high & HIGHS != 0;
                return pos + (stop.trailing_zeros() / 8) as usize;
            }
            pos += 8;
        }
        *non_ascii |= high & HIGHS != 0;
        string_stop_bytewise(b, pos, non_ascii)
    }

    #[inline(always)]
    fn short_name(_: &[u8], _: usize, _: &mut bool) -> Option<Name> {
        None
    }
}

/// [`Portable::string_stop`] one byte at a time: the tail of every scanner, and the reference
/// the others are tested against.
#[inline(always)]
pub(crate) fn string_stop_bytewise(b: &[u8], mut pos: usize, non_ascii: &mut bool) -> usize {
    while let Some(&c) = b.get(pos) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        *non_ascii |= c >= 0x80;
        pos += 1;
    }
    pos
}
