//! Skipping arrays of numbers 64 bytes at a time.
//!
//! Most of a typical event's bytes are arrays nobody matches — GeoJSON coordinates, sample
//! series — and validating them one token at a time costs several instructions per byte. Here
//! an array whose content is only numbers without exponents, commas, whitespace and nested
//! arrays is validated with bit masks over 64-byte blocks (one bit per byte, simdjson-style):
//! every grammar rule becomes "no bit set in some mask", and tokens are never visited one by
//! one. Only the bracket depth is followed bit by bit, and only in blocks where it could reach
//! zero or the nesting limit. Bytes are classified with AVX-512BW (one compare per class and
//! block) or AVX2 when the CPU has them (checked at run time), else by a portable loop.
//!
//! The grammar of such an array is fixed by which significant byte may follow which (after
//! `[`: a value or `]`; after a value: `,` or `]`; after `,`: a value) plus balanced brackets,
//! and a number `-?(0|[1-9][0-9]*)(\.[0-9]+)?` by its characters' neighbours. The successor of
//! a byte across whitespace is found with one addition per mask: adding the whitespace mask to
//! the first whitespace bit after a byte carries through the run to the first byte past it.
//!
//! Invariant: [`skip`] returns `Ok(end)` only if `b[pos..end]` is a well-formed array within the
//! nesting limit. Anything else — strings, objects, literals, exponents, errors — is left to
//! the caller's exact, token-at-a-time path (`Err(stop)`), which also words the errors; `stop`
//! lets the caller avoid rescanning the same bytes, so total work stays linear.

/// One bit per byte of a 64-byte block.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
struct Classes {
    digit: u64,
    zero: u64,
    minus: u64,
    dot: u64,
    comma: u64,
    open: u64,
    close: u64,
    ws: u64,
    /// Bytes outside this module's alphabet.
    other: u64,
}

/// Classify `block` with AVX-512BW: each class is one compare straight into a 64-bit mask.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw")]
#[inline]
fn classify_avx512(block: &[u8; 64]) -> Classes {
    use std::arch::x86_64::{
        _mm512_cmpeq_epi8_mask, _mm512_cmple_epu8_mask, _mm512_loadu_si512, _mm512_set1_epi8,
        _mm512_sub_epi8,
    };
    // SAFETY: the load reads the 64 bytes of `block` (no alignment needed).
    let v = unsafe { _mm512_loadu_si512(block.as_ptr().cast()) };
    let eq = |x: u8| _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(x as i8));
    let digit = _mm512_cmple_epu8_mask(
        _mm512_sub_epi8(v, _mm512_set1_epi8(b'0' as i8)),
        _mm512_set1_epi8(9),
    );
    let (minus, dot, comma, open, close) = (eq(b'-'), eq(b'.'), eq(b','), eq(b'['), eq(b']'));
    let ws = eq(b' ') | eq(b'\n') | eq(b'\r') | eq(b'\t');
    Classes {
        digit,
        zero: eq(b'0'),
        minus,
        dot,
        comma,
        open,
        close,
        ws,
        other: !(digit | minus | dot | comma | open | close | ws),
    }
}

/// Classify `block` with AVX2, 32 bytes at a time.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn classify_avx2(block: &[u8; 64]) -> Classes {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8,
        _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
    };
    let splat = |x: u8| _mm256_set1_epi8(x as i8);
    let mask = |v: __m256i| _mm256_movemask_epi8(v) as u32 as u64;
    let mut c = Classes::default();
    for i in 0..2 {
        // SAFETY: the load reads 32 bytes inside `block` (no alignment needed).
        let v = unsafe { _mm256_loadu_si256(block.as_ptr().add(32 * i).cast()) };
        let d = _mm256_add_epi8(v, splat(0u8.wrapping_sub(b'0')));
        let digit = _mm256_cmpeq_epi8(_mm256_min_epu8(d, splat(9)), d);
        let minus = _mm256_cmpeq_epi8(v, splat(b'-'));
        let dot = _mm256_cmpeq_epi8(v, splat(b'.'));
        let comma = _mm256_cmpeq_epi8(v, splat(b','));
        let open = _mm256_cmpeq_epi8(v, splat(b'['));
        let close = _mm256_cmpeq_epi8(v, splat(b']'));
        let ws = _mm256_or_si256(
            _mm256_or_si256(
                _mm256_cmpeq_epi8(v, splat(b' ')),
                _mm256_cmpeq_epi8(v, splat(b'\n')),
            ),
            _mm256_or_si256(
                _mm256_cmpeq_epi8(v, splat(b'\r')),
                _mm256_cmpeq_epi8(v, splat(b'\t')),
            ),
        );
        let known = _mm256_or_si256(
            _mm256_or_si256(_mm256_or_si256(digit, minus), _mm256_or_si256(dot, comma)),
            _mm256_or_si256(_mm256_or_si256(open, close), ws),
        );
        let at = 32 * i;
        c.digit |= mask(digit) << at;
        c.zero |= mask(_mm256_cmpeq_epi8(v, splat(b'0'))) << at;
        c.minus |= mask(minus) << at;
        c.dot |= mask(dot) << at;
        c.comma |= mask(comma) << at;
        c.open |= mask(open) << at;
        c.close |= mask(close) << at;
        c.ws |= mask(ws) << at;
        c.other |= (!mask(known) & 0xffff_ffff) << at;
    }
    c
}

/// Portable classification (CPUs without AVX2; the reference for the SIMD one in tests).
#[inline(always)]
fn classify_scalar(block: &[u8; 64]) -> Classes {
    let mut c = Classes::default();
    for (i, &x) in block.iter().enumerate() {
        let bit = 1u64 << i;
        match x {
            b'0' => c.digit |= bit,
            b'1'..=b'9' => c.digit |= bit,
            b'-' => c.minus |= bit,
            b'.' => c.dot |= bit,
            b',' => c.comma |= bit,
            b'[' => c.open |= bit,
            b']' => c.close |= bit,
            b' ' | b'\n' | b'\r' | b'\t' => c.ws |= bit,
            _ => c.other |= bit,
        }
        if x == b'0' {
            c.zero |= bit;
        }
    }
    c
}

/// The first non-whitespace byte at or after each bit of `at`, with `carry` the pending
/// search from the previous block (in: whether it continues into bit 0; out: whether one runs
/// off this block's end).
#[inline(always)]
fn next_significant(at: u64, ws: u64, carry: &mut u64) -> u64 {
    let at = at | *carry;
    let (sum, over) = (at & ws).overflowing_add(ws);
    *carry = over as u64;
    (at | sum) & !ws
}

/// Per-block state carried to the next block.
#[derive(Default)]
struct Carry {
    /// Bit 63 of the previous block's masks, moved to bit 0.
    number: u64,
    digit: u64,
    minus: u64,
    dot: u64,
    int_zero: u64,
    /// The fraction-run addition overflowed.
    fraction: u64,
    /// Successor searches (after a value; after `[` or `,`) still looking for their byte.
    after_value: u64,
    before_value: u64,
}

/// Skip the array starting at `b[pos] == b'['`, opening at most `max_open` levels (itself
/// included). `Ok(end)`: a well-formed array ends at `end`. `Err(stop)`: left to the caller,
/// which should not try this again before `stop` (`stop > pos`).
pub(super) fn skip(b: &[u8], pos: usize, max_open: usize) -> Result<usize, usize> {
    debug_assert_eq!(b.get(pos), Some(&b'['));
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512bw")
            && std::is_x86_feature_detected!("popcnt")
            && std::is_x86_feature_detected!("bmi1")
        {
            // SAFETY: the CPU supports AVX-512BW (so AVX-512F), POPCNT and BMI1 (checked just
            // above).
            return unsafe { skip_avx512(b, pos, max_open) };
        }
        if std::is_x86_feature_detected!("avx2")
            && std::is_x86_feature_detected!("popcnt")
            && std::is_x86_feature_detected!("bmi1")
        {
            // SAFETY: the CPU supports AVX2, POPCNT and BMI1 (checked just above).
            return unsafe { skip_avx2(b, pos, max_open) };
        }
    }
    skip_with(b, pos, max_open, classify_scalar)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,popcnt,bmi1")]
fn skip_avx512(b: &[u8], pos: usize, max_open: usize) -> Result<usize, usize> {
    skip_with(b, pos, max_open, |block| classify_avx512(block))
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt,bmi1")]
fn skip_avx2(b: &[u8], pos: usize, max_open: usize) -> Result<usize, usize> {
    skip_with(b, pos, max_open, |block| classify_avx2(block))
}

#[inline(always)]
fn skip_with(
    b: &[u8],
    pos: usize,
    max_open: usize,
    classify: impl Fn(&[u8; 64]) -> Classes,
) -> Result<usize, usize> {
    let mut depth = 0usize;
    let mut cy = Carry::default();
    let mut base = pos;
    let mut tail = [b' '; 64];
    while base < b.len() {
        let block: &[u8; 64] = match b.get(base..base + 64) {
            Some(s) => s.try_into().expect("64 bytes"),
            None => {
                // The last partial block, padded with whitespace (which cannot end an array).
                let rest = &b[base..];
                tail[..rest.len()].copy_from_slice(rest);
                &tail
            }
        };
        let stop = base + 64;
        let c = classify(block);

        // Bracket depth: followed bit by bit only where it could reach 0 or the limit.
        let (opens, closes) = (c.open.count_ones() as usize, c.close.count_ones() as usize);
        let mut region = u64::MAX;
        let mut end = None;
        if closes >= depth || depth + opens > max_open {
            let mut brackets = c.open | c.close;
            while brackets != 0 {
                let i = brackets.trailing_zeros();
                brackets &= brackets - 1;
                if c.open & (1 << i) != 0 {
                    depth += 1;
                    if depth > max_open {
                        return Err(stop);
                    }
                } else {
                    depth -= 1;
                    if depth == 0 {
                        region = u64::MAX >> (63 - i);
                        end = Some(base + i as usize + 1);
                        break;
                    }
                }
            }
        } else {
            depth = depth + opens - closes;
        }
        if c.other & region != 0 {
            return Err(stop);
        }

        let number = c.digit | c.minus | c.dot;
        let prev_number = (number << 1) | cy.number;
        let prev_digit = (c.digit << 1) | cy.digit;
        let prev_minus = (c.minus << 1) | cy.minus;
        let prev_dot = (c.dot << 1) | cy.dot;
        let mut bad = 0;
        // `-` only first in a number, and followed by a digit.
        bad |= c.minus & prev_number;
        bad |= prev_minus & !c.digit;
        // `.` between digits; one per number (a fraction's digits end at something else).
        bad |= c.dot & !prev_digit;
        bad |= prev_dot & !c.digit;
        let (s1, o1) = c.digit.overflowing_add(prev_dot & c.digit);
        let (s2, o2) = s1.overflowing_add(cy.fraction);
        bad |= s2 & !c.digit & c.dot;
        // No leading zero: an integer part starting with 0 has no second digit.
        let int_zero = c.digit & !prev_digit & !prev_dot & c.zero;
        bad |= ((int_zero << 1) | cy.int_zero) & c.digit;
        // Which significant byte follows which: after a value `,` or `]`; after `[` or `,` a
        // value (an empty `[]` is left to the caller: rare, and it saves a third search).
        let after_value = (prev_number & !number) | (c.close << 1);
        let value_start = c.open | c.minus | c.digit;
        bad |= next_significant(after_value, c.ws, &mut cy.after_value) & !(c.comma | c.close);
        bad |= next_significant((c.open | c.comma) << 1, c.ws, &mut cy.before_value) & !value_start;
        // Bits past `end` belong to what follows the array (the final `]`'s successor too).
        if bad & region != 0 {
            return Err(stop);
        }
        if let Some(end) = end {
            return Ok(end);
        }

        cy.number = number >> 63;
        cy.digit = c.digit >> 63;
        cy.minus = c.minus >> 63;
        cy.dot = c.dot >> 63;
        cy.int_zero = int_zero >> 63;
        cy.fraction = (o1 | o2) as u64;
        cy.after_value |= c.close >> 63;
        cy.before_value |= (c.open | c.comma) >> 63;
        base = stop;
    }
    Err(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`skip`] through every block classifier this CPU has (scalar, AVX2, AVX-512BW), which
    /// must all give the same answer.
    fn skip_everywhere(b: &[u8], max_open: usize) -> Result<usize, usize> {
        let want = skip_with(b, 0, max_open, classify_scalar);
        #[cfg(target_arch = "x86_64")]
        {
            use std::is_x86_feature_detected as has;
            if has!("avx2") && has!("popcnt") && has!("bmi1") {
                // SAFETY: the features were checked just above.
                assert_eq!(unsafe { skip_avx2(b, 0, max_open) }, want, "AVX2");
            }
            if has!("avx512bw") && has!("popcnt") && has!("bmi1") {
                // SAFETY: the features were checked just above.
                assert_eq!(unsafe { skip_avx512(b, 0, max_open) }, want, "AVX-512");
            }
        }
        assert_eq!(skip(b, 0, max_open), want);
        want
    }

    /// `Ok(end)` must mean: `text[..end]` is one JSON array nested at most `max_open` deep.
    fn check(text: &str, max_open: usize) {
        if let Ok(end) = skip_everywhere(text.as_bytes(), max_open) {
            let prefix = &text[..end];
            assert!(
                serde_json::from_str::<serde_json::Value>(prefix).is_ok(),
                "accepted {prefix:?}"
            );
            let mut depth = 0usize;
            let mut deepest = 0;
            for c in prefix.bytes() {
                match c {
                    b'[' => depth += 1,
                    b']' => depth -= 1,
                    _ => {}
                }
                deepest = deepest.max(depth);
            }
            assert!(deepest <= max_open, "{prefix:?} deeper than {max_open}");
        }
    }

    #[test]
    fn accepts_coordinates() {
        let t = "[ [ [ -122.42037882965165, 37.80289803124352, 0.0 ], [ -1, 2 ] ] ], \"x\"";
        let end = t.find(", \"x\"").unwrap();
        assert_eq!(skip(t.as_bytes(), 0, 3), Ok(end));
        assert!(skip(t.as_bytes(), 0, 2).is_err());
        let long = format!("[{}1]", "12.5, ".repeat(100));
        assert_eq!(skip(long.as_bytes(), 0, 1), Ok(long.len()));
        assert!(
            skip(b"[]", 0, 1).is_err(),
            "empty arrays are left to the caller"
        );
        assert_eq!(skip(b"[ [0 ] , [0] ]}", 0, 2), Ok(14));
    }

    #[test]
    fn rejects_what_is_not_json() {
        for t in [
            "[01]", "[1.]", "[.5]", "[1.2.3]", "[--1]", "[1-]", "[-]", "[1 2]", "[1,]", "[,1]",
            "[1,,2]", "[[1][2]]", "[1[2]]", "[1]]", "[", "[1", "[1,2", "[1.5.]", "[0.5.5]",
            "[-01]", "[00]", "[1e5]", "[\"a\"]", "[{}]", "[true]", "[1\u{b}]", "[-.5]", "[1 .5]",
        ] {
            check(t, 10);
            if let Err(stop) = skip(t.as_bytes(), 0, 10) {
                assert!(stop > 0, "{t:?}");
            }
        }
        for t in [
            "[01]", "[1.]", "[.5]", "[1.2.3]", "[1 2]", "[1,]", "[0.5.5]", "[-01]",
        ] {
            assert!(skip(t.as_bytes(), 0, 10).is_err(), "{t:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]
        #[test]
        fn classifiers_agree(bytes in proptest::collection::vec(
            prop_oneof![Just(b'0'), Just(b'7'), Just(b'-'), Just(b'.'), Just(b','), Just(b'['),
                Just(b']'), Just(b' '), Just(b'\n'), Just(b'\r'), Just(b'\t'), any::<u8>()],
            64,
        )) {
            let block: &[u8; 64] = bytes[..].try_into().unwrap();
            let want = classify_scalar(block);
            #[cfg(target_arch = "x86_64")]
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 checked just above.
                prop_assert_eq!(unsafe { classify_avx2(block) }, want);
            }
            #[cfg(target_arch = "x86_64")]
            if std::is_x86_feature_detected!("avx512bw") {
                // SAFETY: AVX-512BW (which implies AVX-512F) checked just above.
                prop_assert_eq!(unsafe { classify_avx512(block) }, want);
            }
        }

        #[test]
        fn never_accepts_what_the_reader_rejects(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("["), Just("]"), Just(","), Just(" "), Just("\n"), Just("-"), Just("."),
                    Just("0"), Just("1"), Just("9"), Just("12.5"), Just("-0.25"), Just("e"),
                    Just(", "), Just("], ["), Just("\""), Just("{"),
                ],
                0..120,
            ),
            max_open in 1usize..5,
        ) {
            let text = format!("[{}", parts.concat());
            check(&text, max_open);
        }

        #[test]
        fn never_accepts_a_mutated_array(
            rows in proptest::collection::vec(
                proptest::collection::vec(-1e4f64..1e4, 0..5), 1..10),
            at in any::<proptest::sample::Index>(),
            byte in prop_oneof![
                Just(b'['), Just(b']'), Just(b','), Just(b' '), Just(b'-'), Just(b'.'),
                Just(b'0'), Just(b'5'), Just(b'e'), Just(b'\t'),
            ],
            how in 0..3u8,
        ) {
            let inner: Vec<String> = rows
                .iter()
                .map(|r| {
                    let nums: Vec<String> = r.iter().map(|x| format!("{x}")).collect();
                    format!("[{}]", nums.join(", "))
                })
                .collect();
            let mut text = format!("[{}]", inner.join(",")).into_bytes();
            // Never the opening `[` itself: the skipper is only called on one.
            let i = 1 + at.index(text.len() - 1);
            match how {
                0 => text[i] = byte,
                1 => text.insert(i, byte),
                _ => {
                    text.remove(i);
                }
            }
            text.extend_from_slice(b" }");
            check(std::str::from_utf8(&text).unwrap(), 2);
        }

        #[test]
        fn accepts_number_arrays(
            rows in proptest::collection::vec(
                proptest::collection::vec(-1e6f64..1e6, 1..6), 1..12),
            spaced in any::<bool>(),
        ) {
            let sep = if spaced { ", " } else { "," };
            let inner: Vec<String> = rows
                .iter()
                .map(|r| {
                    let nums: Vec<String> = r.iter().map(|x| format!("{x}")).collect();
                    format!("[{}]", nums.join(sep))
                })
                .collect();
            let text = format!("[{}] tail", inner.join(sep));
            let end = text.len() - " tail".len();
            prop_assert_eq!(skip_everywhere(text.as_bytes(), 2), Ok(end));
        }
    }
}
