//! Word-at-a-time byte tests (SWAR: SIMD within a register), portable to every architecture.

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `x` that is zero (exact: no false positives).
#[inline(always)]
pub(crate) fn zero_bytes(x: u64) -> u64 {
    !(((x & !HIGHS) + !HIGHS) | x | !HIGHS)
}

/// The first index at or after `pos` that is not an ASCII digit (8 bytes at a time).
#[inline(always)]
pub(crate) fn digits_end(b: &[u8], mut pos: usize) -> usize {
    while let Some(chunk) = b.get(pos..pos + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let x = w ^ (ONES * b'0' as u64);
        // A byte is a digit iff x <= 9: (x & 0x7f) + 0x76 and x both keep the high bit clear.
        let non_digit = (((x & !HIGHS) + ONES * 0x76) | x) & HIGHS;
        if non_digit != 0 {
            return pos + (non_digit.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while b.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    pos
}

/// Whether `key` contains `.` (8 bytes at a time; member names are short).
#[inline(always)]
pub(crate) fn has_dot(key: &[u8]) -> bool {
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        if zero_bytes(w ^ (ONES * b'.' as u64)) != 0 {
            return true;
        }
    }
    // The last 0–7 bytes, zero-padded (a zero byte is not a dot): one more word, no call.
    let rest = chunks.remainder();
    let mut last = [0u8; 8];
    last[..rest.len()].copy_from_slice(rest);
    zero_bytes(u64::from_le_bytes(last) ^ (ONES * b'.' as u64)) != 0
}

#[cfg(test)]
mod tests {
    use super::has_dot;

    #[test]
    fn has_dot_at_every_offset() {
        for len in 0..20 {
            let plain = vec![b'a'; len];
            assert!(!has_dot(&plain));
            for at in 0..len {
                let mut dotted = plain.clone();
                dotted[at] = b'.';
                assert!(has_dot(&dotted), "{len} {at}");
            }
        }
    }
}
