//! Number comparability, as event-ruler's `ComparableNumber` decides it.
//!
//! A JSON number token takes part in numeric comparison only when it is *comparable*: its exact
//! decimal value rounds to a finite double whose Java `Double.toString` rendering has exactly the
//! same decimal value (PATTERNS.md §6.1). Java prints the shortest round-tripping decimal but at
//! least two significant digits, which only matters for a few subnormals (`5e-324`). Comparable
//! numbers compare as doubles; all others only by identical token text.

/// The double value of `token` when it is comparable, else `None`.
///
/// `token` must be a JSON number token (as the lexer produced it). Allocation-free: the
/// flattener calls it for every number on a used path.
pub fn comparable(token: &str) -> Option<f64> {
    let value: f64 = token.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
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
    let mut java = Decimal::render(format_args!("{:e}", value))?;
    if java.len == 1 {
        // Java prints at least two significant digits: the two-digit decimal nearest the value.
        java = Decimal::render(format_args!("{:.1e}", value))?;
    }
    (java == exact).then_some(value)
}

/// Significant digits kept; a double's shortest rendering never needs more than 17.
const MAX_DIGITS: usize = 24;

/// A decimal number in canonical form: sign, significant digits (no leading or trailing
/// zeros) and the exponent of the last digit. Zero has no digits. Held on the stack; `len`
/// counts every significant digit, only the first [`MAX_DIGITS`] are stored.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: [u8; MAX_DIGITS],
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
            digits: [0; MAX_DIGITS],
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

    fn push(&mut self, digit: u8) {
        if let Some(slot) = self.digits.get_mut(self.len) {
            *slot = digit;
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
    use super::comparable;

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
