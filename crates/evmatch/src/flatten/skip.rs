//! Skipping a value no rule uses: validated completely, without recursion, nothing stored.

use super::arch::Scanner;
use super::number_array;
use super::reject::RejectReason;
use super::scan::{scan_literal, scan_number, scan_string, skip_member_name, skip_ws};

/// Validate and skip the value starting at `pos` (its first byte; whitespace already skipped),
/// without recursion; returns the index after it. `depth` is the nesting depth of the value's
/// container; containers opened here count towards `max_depth`. `kinds` is a bit stack (1 =
/// object) of the containers opened here.
pub(crate) fn skip_value<S: Scanner>(
    b: &[u8],
    mut pos: usize,
    depth: usize,
    max_depth: usize,
    kinds: &mut Vec<u64>,
    non_ascii: &mut bool,
) -> Result<usize, RejectReason> {
    let mut level = 0usize;
    let mut in_object = false;
    // Arrays starting before this gave up on the block path already ([`number_array`]).
    let mut no_fast_until = 0;
    let mut c = *b.get(pos).ok_or(RejectReason::Malformed)?;
    'value: loop {
        match c {
            b'"' => pos = scan_string::<S>(b, pos + 1, non_ascii)?.0 + 1,
            b'-' | b'0'..=b'9' => {
                pos = scan_number(b, pos)?;
                if level > 0 && !in_object {
                    // A run of numbers in an array (coordinates): stay in this loop.
                    loop {
                        pos = skip_ws(b, pos);
                        if b.get(pos) != Some(&b',') {
                            break;
                        }
                        pos = skip_ws(b, pos + 1);
                        c = *b.get(pos).ok_or(RejectReason::Malformed)?;
                        if !matches!(c, b'-' | b'0'..=b'9') {
                            continue 'value;
                        }
                        pos = scan_number(b, pos)?;
                    }
                }
            }
            b't' => pos = scan_literal(b, pos, b"true")?,
            b'f' => pos = scan_literal(b, pos, b"false")?,
            b'n' => pos = scan_literal(b, pos, b"null")?,
            b'[' | b'{' => {
                if depth + level >= max_depth {
                    return Err(RejectReason::Malformed);
                }
                let mut block_skipped = false;
                if c == b'[' && pos >= no_fast_until {
                    match number_array::skip(b, pos, max_depth - depth - level) {
                        Ok(end) => (pos, block_skipped) = (end, true),
                        Err(stop) => no_fast_until = stop,
                    }
                }
                if !block_skipped {
                    in_object = c == b'{';
                    let (word, bit) = (level >> 6, 1u64 << (level & 63));
                    if word == kinds.len() {
                        kinds.push(0);
                    }
                    if in_object {
                        kinds[word] |= bit;
                    } else {
                        kinds[word] &= !bit;
                    }
                    level += 1;
                    pos = skip_ws(b, pos + 1);
                    let n = *b.get(pos).ok_or(RejectReason::Malformed)?;
                    if n != if in_object { b'}' } else { b']' } {
                        if in_object {
                            pos = skip_member_name::<S>(b, pos, non_ascii)?;
                        }
                        c = *b.get(pos).ok_or(RejectReason::Malformed)?;
                        continue;
                    }
                    // An empty container: close it and go on as after any value.
                    pos += 1;
                    level -= 1;
                    in_object =
                        level > 0 && kinds[(level - 1) >> 6] & (1 << ((level - 1) & 63)) != 0;
                }
            }
            _ => return Err(RejectReason::Malformed),
        }
        // After a value: `,` and the next value, or closing brackets.
        loop {
            if level == 0 {
                return Ok(pos);
            }
            pos = skip_ws(b, pos);
            let n = *b.get(pos).ok_or(RejectReason::Malformed)?;
            if n == b',' {
                pos = skip_ws(b, pos + 1);
                if in_object {
                    pos = skip_member_name::<S>(b, pos, non_ascii)?;
                }
                c = *b.get(pos).ok_or(RejectReason::Malformed)?;
                break;
            }
            if n != if in_object { b'}' } else { b']' } {
                return Err(RejectReason::Malformed);
            }
            pos += 1;
            level -= 1;
            in_object = level > 0 && kinds[(level - 1) >> 6] & (1 << ((level - 1) & 63)) != 0;
        }
    }
}
