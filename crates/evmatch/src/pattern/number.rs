//! Number comparability, as event-ruler's `ComparableNumber` decides it.
//!
//! A JSON number token takes part in numeric comparison only when it is *comparable*: its exact
//! decimal value rounds to a finite double whose Java `Double.toString` rendering has exactly the
//! same decimal value. Java prints the shortest round-tripping decimal but at
//! least two significant digits, which only matters for a few subnormals (`5e-324`). Comparable
//! numbers compare as doubles; all others only by identical token text.

/// The double value of `token` when it is comparable, else `None`.
///
/// `token` must be a JSON number token (as the lexer produced it). Allocation-free: the
/// flattener calls it for every number on a used path.
pub fn comparable(token: &str) -> Option<f64> {
    // At most 15 characters means at most 15 significant digits: a normal double then always
    // round-trips (as in `by_digits`), with no rendering needed. Most numbers in events are
    // this short and have no exponent: read them here (zeros included), without core's parser.
    if token.len() <= 15
        && let Some(value) = short_decimal(token.as_bytes())
    {
        // `-0.0` is zero; any other value has a digit 1–9 within 14 places: it is normal.
        return Some(value + 0.0);
    }
    let value: f64 = token.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    // A zero spelled without an exponent (`0.0`, `-0`): comparable, as zero. (A nonzero token
    // can round to zero only by underflow, and then it has a digit 1–9.)
    if value == 0.0
        && !token
            .bytes()
            .any(|c| matches!(c, b'1'..=b'9' | b'e' | b'E'))
    {
        return Some(0.0);
    }
    // At most 15 characters means at most 15 significant digits: a normal double then always
    // round-trips (as in `by_digits`), with no rendering needed. Most integers end here.
    if token.len() <= 15 && value.abs() >= f64::MIN_POSITIVE {
        return Some(value);
    }
    // A token spelled exactly as zmij renders its (normal) double is that shortest rendering.
    // Most longer numbers in real events were printed this way.
    let mut buf = zmij::Buffer::new();
    let shortest = buf.format_finite(value);
    if shortest.as_bytes() == token.as_bytes() && value.abs() >= f64::MIN_POSITIVE {
        return Some(value);
    }
    by_digits(token, value, shortest)
}

/// The value of a token `-?[0-9]+(\.[0-9]+)?` of at most 15 digits (`None` for anything
/// else). Clinger's fast path: the digits fit a double's 53-bit significand exactly and so does
/// 10^k for k ≤ 15, so one division rounds correctly — the value core's parser gives.
fn short_decimal(token: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, body) = match token.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, token),
    };
    if body.len() > 16 {
        return None;
    }
    let mut digits = 0u64;
    let mut count = 0;
    let mut point = None;
    for (i, &c) in body.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                digits = digits * 10 + u64::from(c - b'0');
                count += 1;
            }
            b'.' if point.is_none() && i > 0 => point = Some(i),
            _ => return None,
        }
    }
    let places = point.map_or(0, |p| body.len() - p - 1);
    if count == 0 || count > 15 || (point.is_some() && places == 0) {
        return None;
    }
    let value = digits as f64 / POW10[places];
    Some(if negative { -value } else { value })
}

/// [`comparable`] by comparing canonical digits: `shortest` is zmij's rendering of `value`.
fn by_digits(token: &str, value: f64, shortest: &str) -> Option<f64> {
    let exact = Decimal::parse(token.as_bytes())?;
    if value == 0.0 {
        return exact.is_zero().then_some(0.0);
    }
    // More significant digits than any double's shortest rendering: not representable.
    if exact.len > MAX_DIGITS {
        return None;
    }
    // Fast path: at most 15 significant digits always round-trip for normal doubles.
    if exact.len <= 15 && value.abs() >= f64::MIN_POSITIVE {
        return Some(value);
    }
    // Zmij's shortest round-trip digits: core's `{:e}` digits, except on an exact tie between two
    // candidates, where zmij (like Java 19+) takes the even one.
    let mut java = Decimal::parse(shortest.as_bytes())?;
    if java.len == 1 {
        // Java prints at least two significant digits: the two-digit decimal nearest the value.
        java = Decimal::render(format_args!("{:.1e}", value))?;
    }
    (java == exact).then_some(value)
}

/// Significant digits a [`Decimal`] holds exactly; a double's shortest rendering never needs
/// more than 17.
const MAX_DIGITS: usize = 19;

/// A decimal number in canonical form: sign, significant digits (no leading or trailing
/// zeros) as an integer, and the exponent of the last digit. Zero has no digits. `len` counts
/// every significant digit; `mantissa` is exact only while `len <= MAX_DIGITS`.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    mantissa: u64,
    len: usize,
    exponent: i64,
}

impl Decimal {
    fn parse(text: &[u8]) -> Option<Decimal> {
        let (negative, rest) = match text.split_first() {
            Some((b'-', r)) => (true, r),
            _ => (false, text),
        };
        let (mantissa, exp) = match rest.iter().position(|&b| b == b'e' || b == b'E') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &b"0"[..]),
        };
        // Saturate absurd exponents: such numbers are never comparable anyway.
        let (exp_negative, exp_digits) = match exp.split_first() {
            Some((b'-', r)) => (true, r),
            Some((b'+', r)) => (false, r),
            _ => (false, exp),
        };
        let mut exponent: i64 = 0;
        for &d in exp_digits {
            exponent = (exponent * 10 + i64::from(d - b'0')).min(1_000_000_000);
        }
        if exp_negative {
            exponent = -exponent;
        }
        let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
            Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
            None => (mantissa, &b""[..]),
        };
        exponent -= frac.len() as i64;
        let mut d = Decimal {
            negative,
            mantissa: 0,
            len: 0,
            exponent: 0,
        };
        // Digits after the last non-zero one are trailing zeros: they only move the exponent.
        let mut zeros = 0i64;
        for &c in int.iter().chain(frac) {
            if c == b'0' {
                if d.len > 0 {
                    zeros += 1;
                }
                continue;
            }
            for _ in 0..zeros {
                d.push(0);
            }
            zeros = 0;
            d.push(c - b'0');
        }
        if d.len == 0 {
            d.negative = false;
            return Some(d);
        }
        d.exponent = exponent + zeros;
        Some(d)
    }

    #[inline]
    fn push(&mut self, digit: u8) {
        if self.len < MAX_DIGITS {
            self.mantissa = self.mantissa * 10 + u64::from(digit);
        }
        self.len += 1;
    }

    /// Parse Rust's `{:e}` rendering of a double, formatted on the stack.
    fn render(args: std::fmt::Arguments<'_>) -> Option<Decimal> {
        struct Buf {
            bytes: [u8; 48],
            len: usize,
        }
        impl std::fmt::Write for Buf {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                let end = self.len + s.len();
                self.bytes
                    .get_mut(self.len..end)
                    .ok_or(std::fmt::Error)?
                    .copy_from_slice(s.as_bytes());
                self.len = end;
                Ok(())
            }
        }
        let mut buf = Buf {
            bytes: [0; 48],
            len: 0,
        };
        std::fmt::write(&mut buf, args).ok()?;
        Decimal::parse(&buf.bytes[..buf.len])
    }

    fn is_zero(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::{Decimal, by_digits, comparable, short_decimal};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// Zmij and core both give the shortest round-tripping digits; they differ only on an
        /// exact tie between two candidates, which zmij (like Java) resolves to the even digit.
        #[test]
        fn zmij_digits_are_cores_but_ties(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            prop_assume!(v.is_finite());
            let shortest = Decimal::parse(zmij::Buffer::new().format_finite(v).as_bytes()).unwrap();
            let core = Decimal::render(format_args!("{:e}", v)).unwrap();
            if shortest != core {
                // Same length before trailing zeros are dropped: align the exponents.
                let e = shortest.exponent.min(core.exponent);
                let scale = |d: &Decimal| d.mantissa * 10u64.pow((d.exponent - e) as u32);
                let (r, c) = (scale(&shortest), scale(&core));
                prop_assert_eq!(r.abs_diff(c), 1, "{} {:?} {:?}", v, shortest, core);
                prop_assert_eq!(r % 2, 0, "{} {:?} {:?}", v, shortest, core);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// The spelling fast path agrees with the digit comparison on every spelling.
        #[test]
        fn fast_path_agrees_with_digits(bits in any::<u64>(), style in 0..5u8) {
            let v = f64::from_bits(bits);
            prop_assume!(v.is_finite());
            let token = match style {
                0 => zmij::Buffer::new().format_finite(v).to_string(),
                1 => format!("{v:e}"),
                2 => format!("{v:.17e}"),
                3 => format!("{v:.3e}"),
                _ => format!("{v}"),
            };
            let value: f64 = token.parse().unwrap();
            let slow = by_digits(&token, value, zmij::Buffer::new().format_finite(value));
            prop_assert_eq!(comparable(&token), slow, "{}", token);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// The short-decimal fast path gives core's value, and declines what it must not read.
        #[test]
        fn short_decimals_are_cores(token in "-?[0-9]{0,9}(\\.[0-9]{0,8})?(e[0-9])?") {
            let core: Option<f64> = token.parse().ok();
            match short_decimal(token.as_bytes()) {
                Some(v) => {
                    prop_assert_eq!(Some(v.to_bits()), core.map(f64::to_bits), "{}", &token);
                    prop_assert!(!token.contains('e'));
                }
                None => prop_assert!(
                    token.contains('e')
                        || token.trim_start_matches('-').is_empty()
                        || token.starts_with('.')
                        || token.starts_with("-.")
                        || token.ends_with('.')
                        || token.bytes().filter(u8::is_ascii_digit).count() > 15,
                    "declined {}",
                    &token
                ),
            }
            if token.len() <= 15 && core.is_some_and(f64::is_finite) {
                let slow = by_digits(&token, core.unwrap(), zmij::Buffer::new().format_finite(core.unwrap()));
                prop_assert_eq!(comparable(&token), slow, "{}", &token);
            }
        }
    }

    #[test]
    fn zeros_agree_with_digits() {
        let tiny = format!("0.{}1", "0".repeat(400));
        for t in [
            "0",
            "-0",
            "0.0",
            "-0.000",
            "0e5",
            "-0E-3",
            "0.0e400",
            tiny.as_str(),
        ] {
            let value: f64 = t.parse().unwrap();
            let slow = by_digits(t, value, zmij::Buffer::new().format_finite(value));
            assert_eq!(comparable(t), slow, "{t}");
            assert_eq!(
                comparable(t).map(f64::to_bits),
                slow.map(f64::to_bits),
                "{t}"
            );
        }
        assert_eq!(comparable("-0.0").map(f64::to_bits), Some(0));
        assert_eq!(comparable(&tiny), None);
    }

    #[test]
    fn tie_goes_to_the_even_digit() {
        // 1407387268882812.25 is exactly between ….2 and ….3 (Java 19+ and Python: ….2).
        let v = f64::from_bits(4833488349616702961);
        assert_eq!(v, 1_407_387_268_882_812.0 + 0.25);
        assert_eq!(comparable("1407387268882812.2"), Some(v));
        assert_eq!(comparable("1407387268882812.3"), None);
    }

    #[test]
    fn comparable_numbers() {
        for t in [
            "0.1",
            "0.10",
            "1e2",
            "100.000",
            "-0",
            "301.8",
            "3.018e2",
            "123456789012",
            "1.7976931348623157e308",
            "4.9e-324",
            "0.30000000000000004",
        ] {
            assert!(comparable(t).is_some(), "{t}");
        }
        assert_eq!(comparable("-0.0"), Some(0.0));
        assert_eq!(comparable("3.0e2"), Some(300.0));
        assert_eq!(comparable("100000000000000000000000000000e-29"), Some(1.0));
        assert_eq!(
            comparable("0.0000000000000000000000000000000000000000000000001e49"),
            Some(1.0)
        );
        assert_eq!(comparable("-122.42200352825247"), Some(-122.42200352825247));
    }

    #[test]
    fn non_comparable_numbers() {
        for t in [
            "0.30000000000000001",
            "9007199254740993",
            "1e400",
            "1E309",
            "2.0e422",
            "1E-325",
            "5e-324",
            "123456789012345678901234567890",
            "1.00000000000000000000000000000000001",
        ] {
            assert!(comparable(t).is_none(), "{t}");
        }
    }
}
