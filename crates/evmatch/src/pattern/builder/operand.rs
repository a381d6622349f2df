//! Operands of the builder's conditions, each already rendered as its JSON text: [`Number`]
//! (a number token), [`Literal`] (a string, number, boolean or null) and [`Operands`] (one
//! literal or a list of them, for `anything-but`).
//!
//! Invariants: every rendered text is exactly one JSON token or one array of tokens, so
//! nothing a caller passes can change the structure of the pattern around it; strings are
//! escaped as [`write_string`] escapes them. Numbers are written as Rust prints them shortest
//! (`2.5`, `1e+300`); a non-finite float is written `NaN`, `Infinity` or `-Infinity`, which the
//! pattern parser refuses with the JSON reader's message, as it refuses them in pattern text.
//! Costs: one small string per operand.

use std::fmt;
use std::str::FromStr;

use crate::json::lexer::{Lexer, Token};
use crate::json::{SyntaxError, write_string};

/// A JSON number for a pattern, kept as its token text (the text matters: numbers that are not
/// comparable match only the same token text, see the semantics).
///
/// Built from any Rust integer or float, or parsed from a JSON number token with [`str::parse`]:
///
/// ```
/// use evmatch::Number;
///
/// assert_eq!(Number::from(42).as_str(), "42");
/// assert_eq!(Number::from(2.5).as_str(), "2.5");
/// assert_eq!("3.0e2".parse::<Number>()?.as_str(), "3.0e2");
/// assert!("0x10".parse::<Number>().is_err());
/// # Ok::<(), evmatch::json::SyntaxError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Number(String);

impl Number {
    /// The token text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! number_from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number(n.to_string())
            }
        }
    )*};
}
number_from_integer!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

macro_rules! number_from_float {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            /// The shortest text that reads back as the same float; `NaN`, `Infinity` or
            /// `-Infinity` for a non-finite one (which the pattern parser then refuses).
            fn from(x: $t) -> Number {
                Number(if x.is_nan() {
                    "NaN".to_owned()
                } else if x.is_infinite() {
                    if x > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
                } else {
                    zmij::Buffer::new().format_finite(x).to_owned()
                })
            }
        }
    )*};
}
number_from_float!(f32, f64);

impl FromStr for Number {
    type Err = SyntaxError;

    /// A JSON number token, exactly (no surrounding whitespace); the error is the JSON
    /// reader's (Jackson's words) or `Not a JSON number`.
    fn from_str(text: &str) -> Result<Number, SyntaxError> {
        let mut lx = Lexer::new(text, 1);
        match lx.next_token()? {
            Token::Number { start: 0, end } if end == text.len() => Ok(Number(text.to_owned())),
            _ => Err(SyntaxError::new("Not a JSON number", 0)),
        }
    }
}

/// A literal value: a string, a number, `true`, `false` or `null`.
///
/// Converted from `&str`, `String`, [`Number`], any Rust number, `bool`, and `()` for `null`.
///
/// ```
/// use evmatch::{Literal, Match, Pattern};
///
/// // A list mixing types, which AWS refuses inside `anything-but`:
/// let mixed = Match::anything_but(vec![Literal::from("x"), Literal::from(1)]);
/// let err = Pattern::builder().field("a", [mixed]).build().unwrap_err();
/// assert!(err.to_string().contains("mixed type is not supported"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Literal(pub(super) String);

impl From<&str> for Literal {
    fn from(s: &str) -> Literal {
        let mut out = String::with_capacity(s.len() + 2);
        write_string(s, &mut out);
        Literal(out)
    }
}

impl From<String> for Literal {
    fn from(s: String) -> Literal {
        Literal::from(s.as_str())
    }
}

impl From<&String> for Literal {
    fn from(s: &String) -> Literal {
        Literal::from(s.as_str())
    }
}

impl From<Number> for Literal {
    fn from(n: Number) -> Literal {
        Literal(n.0)
    }
}

impl From<bool> for Literal {
    fn from(b: bool) -> Literal {
        Literal(if b { "true" } else { "false" }.to_owned())
    }
}

impl From<()> for Literal {
    /// `null`.
    fn from(_: ()) -> Literal {
        Literal("null".to_owned())
    }
}

macro_rules! literal_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Literal {
            fn from(n: $t) -> Literal {
                Literal::from(Number::from(n))
            }
        }
        impl From<$t> for Operands {
            fn from(n: $t) -> Operands {
                Operands(Literal::from(n).0)
            }
        }
    )*};
}
literal_from_number!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64
);

/// The operand of an `anything-but` form: one literal (`"x"`, `5`) or a list of them
/// (`["x", "y"]`), written the way it was given.
///
/// Converted from one literal (`&str`, `String`, [`Number`], a Rust number) or from an array,
/// slice or `Vec` of them. Lists AWS refuses (mixed strings and numbers, booleans, numbers
/// where strings are required) are refused by [`PatternBuilder::build`](crate::PatternBuilder::build)
/// with AWS's message.
///
/// ```
/// use evmatch::Match;
///
/// assert_eq!(Match::anything_but("x").to_json(), r#"{"anything-but":"x"}"#);
/// assert_eq!(Match::anything_but(["x"]).to_json(), r#"{"anything-but":["x"]}"#);
/// assert_eq!(Match::anything_but(vec![1, 2]).to_json(), r#"{"anything-but":[1,2]}"#);
/// assert_eq!(Match::anything_but_suffix([".tmp", ".bak"]).to_json(),
///            r#"{"anything-but":{"suffix":[".tmp",".bak"]}}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Operands(pub(super) String);

impl Operands {
    fn list<T: Into<Literal>>(items: impl IntoIterator<Item = T>) -> Operands {
        let mut out = String::from("[");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&item.into().0);
        }
        out.push(']');
        Operands(out)
    }
}

impl From<&str> for Operands {
    fn from(s: &str) -> Operands {
        Operands(Literal::from(s).0)
    }
}

impl From<String> for Operands {
    fn from(s: String) -> Operands {
        Operands(Literal::from(s).0)
    }
}

impl From<Number> for Operands {
    fn from(n: Number) -> Operands {
        Operands(n.0)
    }
}

impl From<Literal> for Operands {
    fn from(l: Literal) -> Operands {
        Operands(l.0)
    }
}

impl<T: Into<Literal>, const N: usize> From<[T; N]> for Operands {
    fn from(items: [T; N]) -> Operands {
        Operands::list(items)
    }
}

impl<T: Into<Literal>> From<Vec<T>> for Operands {
    fn from(items: Vec<T>) -> Operands {
        Operands::list(items)
    }
}

impl<T: Into<Literal> + Clone> From<&[T]> for Operands {
    fn from(items: &[T]) -> Operands {
        Operands::list(items.iter().cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_tokens() {
        assert_eq!(Number::from(-7i64).as_str(), "-7");
        assert_eq!(Number::from(u128::MAX).as_str(), u128::MAX.to_string());
        assert_eq!(Number::from(0.1f32).as_str(), "0.1");
        assert_eq!(Number::from(1e300).as_str(), "1e+300");
        assert_eq!(Number::from(f64::NAN).as_str(), "NaN");
        assert_eq!(Number::from(f64::NEG_INFINITY).as_str(), "-Infinity");
        for good in ["0", "-0", "1.5e-3", "12345678901234567890", "3.0E+2"] {
            assert_eq!(good.parse::<Number>().unwrap().as_str(), good);
        }
        for bad in [
            "", " 1", "1 ", "01", "1.", "+1", "\"1\"", "[1]", "1,2", "NaN", "true",
        ] {
            assert!(bad.parse::<Number>().is_err(), "{bad}");
        }
    }

    #[test]
    fn literals_and_operands_are_json() {
        assert_eq!(Literal::from("a\"b\n").0, r#""a\"b\n""#);
        assert_eq!(Literal::from(()).0, "null");
        assert_eq!(Literal::from(false).0, "false");
        assert_eq!(Operands::from("x").0, r#""x""#);
        assert_eq!(Operands::from(5).0, "5");
        assert_eq!(Operands::from(["x", "y"]).0, r#"["x","y"]"#);
        assert_eq!(Operands::from(vec![1.5, 2.0]).0, "[1.5,2.0]");
        assert_eq!(Operands::from(&["q"][..]).0, r#"["q"]"#);
        assert_eq!(Operands::from(Vec::<String>::new()).0, "[]");
    }
}
