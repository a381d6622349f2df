//! Token scanning for the flattener: whitespace, strings, member names, escapes, numbers and
//! literals. Each function validates exactly the JSON grammar of its token and returns the
//! index after it; none allocates, and none checks UTF-8 (strings only flag that they may hold
//! non-ASCII bytes: the walk validates the input once). The string scans go through a
//! [`Scanner`], the seam between the SSE2 and the portable forms.

use super::arch::{Name, Scanner};
use super::path_trie::head_word;
use super::reject::RejectReason;
use super::swar::{digits_end, has_dot};

/// Whitespace bytes of JSON, as a bit mask over byte values below 64.
const WS_MASK: u64 = (1 << b' ') | (1 << b'\n') | (1 << b'\r') | (1 << b'\t');

/// Past the whitespace at `pos`. Inline fast paths for no whitespace and for one space (the
/// usual `", "` and `": "`).
#[inline(always)]
pub(crate) fn skip_ws(b: &[u8], pos: usize) -> usize {
    match b.get(pos) {
        Some(&c) if c > b' ' => pos,
        Some(b' ') if b.get(pos + 1).is_some_and(|&d| d > b' ') => pos + 1,
        _ => skip_ws_run(b, pos),
    }
}

fn skip_ws_run(b: &[u8], mut pos: usize) -> usize {
    while let Some(&c) = b.get(pos) {
        // Every byte that can start a token is above `' '`; only the four whitespace bytes
        // below it are skipped (others are left for the caller to reject).
        if c > b' ' || WS_MASK & (1 << c) == 0 {
            break;
        }
        pos += 1;
    }
    pos
}

/// Scan a string body starting after the opening quote; returns (index of the closing quote,
/// has escapes). UTF-8 is not checked here: `non_ascii` is set when the body may contain
/// non-ASCII bytes, and the caller validates the input once.
#[inline(always)]
pub(crate) fn scan_string<S: Scanner>(
    b: &[u8],
    mut pos: usize,
    non_ascii: &mut bool,
) -> Result<(usize, bool), RejectReason> {
    let mut escaped = false;
    loop {
        pos = S::string_stop(b, pos, non_ascii);
        match b.get(pos) {
            Some(b'"') => return Ok((pos, escaped)),
            Some(b'\\') => {
                escaped = true;
                pos = scan_escape(b, pos)?;
            }
            _ => return Err(RejectReason::Malformed),
        }
    }
}

/// Read the member name whose opening quote is at `pos`. A name of at most 15 bytes without
/// escapes (nearly all of them) costs one 16-byte load where the scanner has one
/// ([`Scanner::short_name`]).
#[inline(always)]
pub(crate) fn read_name<S: Scanner>(
    b: &[u8],
    pos: usize,
    non_ascii: &mut bool,
) -> Result<Name, RejectReason> {
    debug_assert_eq!(b.get(pos), Some(&b'"'));
    if let Some(name) = S::short_name(b, pos, non_ascii) {
        return Ok(name);
    }
    let (end, escaped) = scan_string::<S>(b, pos + 1, non_ascii)?;
    let raw = &b[pos + 1..end];
    Ok(Name {
        end,
        escaped,
        dotted: has_dot(raw),
        head: head_word(raw),
    })
}

/// Validate the escape at `b[pos] == b'\\'`; returns the index after it.
#[cold]
fn scan_escape(b: &[u8], pos: usize) -> Result<usize, RejectReason> {
    match b.get(pos + 1) {
        Some(b'b' | b't' | b'n' | b'f' | b'r' | b'"' | b'/' | b'\\') => Ok(pos + 2),
        Some(b'u') => {
            let hex = b.get(pos + 2..pos + 6).ok_or(RejectReason::Malformed)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return Err(RejectReason::Malformed);
            }
            Ok(pos + 6)
        }
        _ => Err(RejectReason::Malformed),
    }
}

/// Scan a number token starting at `pos` (JSON grammar
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`); returns its end.
#[inline(always)]
pub(crate) fn scan_number(b: &[u8], mut pos: usize) -> Result<usize, RejectReason> {
    if b.get(pos) == Some(&b'-') {
        pos += 1;
    }
    let int = pos;
    pos = digits_end(b, pos);
    if pos == int || (b[int] == b'0' && pos > int + 1) {
        return Err(RejectReason::Malformed);
    }
    if b.get(pos) == Some(&b'.') {
        let frac = pos + 1;
        pos = digits_end(b, frac);
        if pos == frac {
            return Err(RejectReason::Malformed);
        }
    }
    if matches!(b.get(pos), Some(b'e' | b'E')) {
        pos += 1;
        if matches!(b.get(pos), Some(b'+' | b'-')) {
            pos += 1;
        }
        let exp = pos;
        pos = digits_end(b, exp);
        if pos == exp {
            return Err(RejectReason::Malformed);
        }
    }
    Ok(pos)
}

/// Check the literal `word` at `pos`; returns its end.
#[inline(always)]
pub(crate) fn scan_literal(b: &[u8], pos: usize, word: &[u8]) -> Result<usize, RejectReason> {
    if b.get(pos..pos + word.len()) == Some(word) {
        Ok(pos + word.len())
    } else {
        Err(RejectReason::Malformed)
    }
}

/// Past a member name at `pos` (which must be `"`), the whitespace and the `:` after it, and the
/// whitespace after that: the index of the member's value.
#[inline(always)]
pub(crate) fn skip_member_name<S: Scanner>(
    b: &[u8],
    pos: usize,
    non_ascii: &mut bool,
) -> Result<usize, RejectReason> {
    if b.get(pos) != Some(&b'"') {
        return Err(RejectReason::Malformed);
    }
    let end = read_name::<S>(b, pos, non_ascii)?.end;
    let pos = skip_ws(b, end + 1);
    if b.get(pos) != Some(&b':') {
        return Err(RejectReason::Malformed);
    }
    Ok(skip_ws(b, pos + 1))
}
