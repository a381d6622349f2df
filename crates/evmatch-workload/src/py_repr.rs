//! Python's `repr(float)`: how the reference generator spells every coordinate.
//!
//! Python writes the shortest decimal that reads back as the same float (as
//! Rust's `{}` and `{:e}` do), but lays it out by its own rules: positional when
//! the decimal exponent is in [-5, 16) with `.0` added to integral values
//! (`0.0001`, `123.0`, `1234567890123456.0`), otherwise scientific with a sign
//! and at least two exponent digits (`1e-05`, `1.5e+16`); `nan`, `inf`, `-inf`.
//!
//! Invariant: [`push_py_repr`] appends exactly the bytes of CPython's
//! `repr(v)` for every `f64` (pinned by the unit tests below and, through the
//! coordinates, by the corpus digests in the crate's tests).
//!
//! Costs: one shortest-digits formatting into a 40-byte stack buffer and a copy;
//! no allocation beyond growing `buf`.
//!
//! Hand-written on purpose: the digits come from the standard library; only
//! Python's layout is done here, and no Rust formatter (std, ryu, zmij) writes it.

use std::io::Write as _;
/// Appends Python's `repr(v)` of a float: the shortest decimal that reads back
/// as `v`, in positional notation when the decimal exponent is in [-5, 16)
/// (`0.0001`, `1234567890123456.0`) and otherwise as `1e-05` / `1.5e+16`.
pub(crate) fn push_py_repr(buf: &mut Vec<u8>, v: f64) {
    if !v.is_finite() {
        buf.extend_from_slice(if v.is_nan() {
            b"nan"
        } else if v > 0.0 {
            b"inf"
        } else {
            b"-inf"
        });
        return;
    }
    let mut tmp = [0u8; 40];
    let a = v.abs();
    if (1e-4..1e16).contains(&a) {
        // Python prints these positionally, as Rust's `{}` does (same shortest
        // digits); Python adds ".0" to integral values.
        let len = {
            let mut w = &mut tmp[..];
            write!(w, "{v}").expect("float fits");
            40 - w.len()
        };
        buf.extend_from_slice(&tmp[..len]);
        if !tmp[..len].contains(&b'.') {
            buf.extend_from_slice(b".0");
        }
        return;
    }
    // `{:e}` is the shortest round-trip digit string: "-1.2345e-7".
    let len = {
        let mut w = &mut tmp[..];
        write!(w, "{v:e}").expect("float fits");
        40 - w.len()
    };
    let s = &tmp[..len];
    let (neg, s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let epos = s.iter().position(|&c| c == b'e').expect("exponent");
    let mut digits = [0u8; 24];
    let mut nd = 0;
    for &c in &s[..epos] {
        if c != b'.' {
            digits[nd] = c;
            nd += 1;
        }
    }
    let digits = &digits[..nd];
    let exp: i32 = std::str::from_utf8(&s[epos + 1..])
        .expect("ascii")
        .parse()
        .expect("exponent");
    let decpt = exp + 1; // value = 0.DIGITS * 10^decpt
    if neg {
        buf.push(b'-');
    }
    if decpt <= -4 || decpt > 16 {
        buf.push(digits[0]);
        if nd > 1 {
            buf.push(b'.');
            buf.extend_from_slice(&digits[1..]);
        }
        let e = decpt - 1;
        buf.push(b'e');
        buf.push(if e < 0 { b'-' } else { b'+' });
        let ea = e.unsigned_abs();
        if ea < 10 {
            buf.push(b'0');
        }
        write!(buf, "{ea}").expect("vec write");
    } else if decpt <= 0 {
        buf.extend_from_slice(b"0.");
        buf.extend(std::iter::repeat_n(b'0', (-decpt) as usize));
        buf.extend_from_slice(digits);
    } else {
        let d = decpt as usize;
        if d >= nd {
            buf.extend_from_slice(digits);
            buf.extend(std::iter::repeat_n(b'0', d - nd));
            buf.extend_from_slice(b".0");
        } else {
            buf.extend_from_slice(&digits[..d]);
            buf.push(b'.');
            buf.extend_from_slice(&digits[d..]);
        }
    }
}

/// Python's `repr(v)` of a float, as a `String`.
pub(crate) fn py_repr(v: f64) -> String {
    let mut b = Vec::with_capacity(24);
    push_py_repr(&mut b, v);
    String::from_utf8(b).expect("ascii")
}

#[cfg(test)]
mod tests {
    use super::py_repr;

    #[test]
    fn py_repr_matches_cpython() {
        let cases: [(f64, &str); 13] = [
            (1e-05, "1e-05"),
            (0.0001, "0.0001"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1.5e-7, "1.5e-07"),
            (1e22, "1e+22"),
            (123.0, "123.0"),
            (-122.42916360922355 - 1e-9, "-122.42916361022355"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (v, want) in cases {
            assert_eq!(py_repr(v), want);
        }
    }
}
