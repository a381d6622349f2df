//! Number comparability, as event-ruler's `ComparableNumber` decides it.
//!
//! A JSON number token takes part in numeric comparison only when it is *comparable*: its exact
//! decimal value rounds to a finite double whose Java `Double.toString` rendering has exactly the
//! same decimal value (PATTERNS.md §6.1). Java prints the shortest round-tripping decimal but at
//! least two significant digits, which only matters for a few subnormals (`5e-324`). Comparable
//! numbers compare as doubles; all others only by identical token text.

/// The double value of `token` when it is comparable, else `None`.
///
/// `token` must be a JSON number token (as the lexer produced it).
pub fn comparable(token: &str) -> Option<f64> {
    let value: f64 = token.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let exact = Decimal::parse(token)?;
    if value == 0.0 {
        return exact.is_zero().then_some(0.0);
    }
    // Fast path: at most 15 significant digits always round-trip for normal doubles.
    if exact.digits.len() <= 15 && value.abs() >= f64::MIN_POSITIVE {
        return Some(value);
    }
    let shortest = format!("{:e}", value);
    let mut java = Decimal::parse(&shortest)?;
    if java.digits.len() == 1 {
        // Java prints at least two significant digits: the two-digit decimal nearest the value.
        java = Decimal::parse(&format!("{:.1e}", value))?;
    }
    (java == exact).then_some(value)
}

/// A decimal number in canonical form: sign, significant digits (no leading or trailing
/// zeros) and the exponent of the last digit. Zero has no digits.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exponent: i64,
}

impl Decimal {
    fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, text),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, "0"),
        };
        let exp = exp.strip_prefix('+').unwrap_or(exp);
        // Saturate absurd exponents: such numbers are never comparable anyway.
        let mut exponent: i64 = match exp.parse::<i64>() {
            Ok(e) => e.clamp(-1_000_000_000, 1_000_000_000),
            Err(_) if exp.starts_with('-') => -1_000_000_000,
            Err(_) => 1_000_000_000,
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        exponent -= frac.len() as i64;
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..lead);
        while digits.last() == Some(&0) {
            digits.pop();
            exponent += 1;
        }
        if digits.is_empty() {
            return Some(Decimal {
                negative: false,
                digits,
                exponent: 0,
            });
        }
        Some(Decimal {
            negative,
            digits,
            exponent,
        })
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
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
        ] {
            assert!(comparable(t).is_none(), "{t}");
        }
    }
}
