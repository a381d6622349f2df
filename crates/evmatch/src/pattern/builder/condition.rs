//! [`Match`]: one element of a field's value list, for the pattern builder — every operator of
//! the pattern language — and [`Numeric`], the `numeric` comparison it builds.
//!
//! Invariants: a [`Match`] holds the element's compact JSON text, exactly one JSON value, written
//! as AWS spells the operator; the builder never checks the combination (that is the parser's
//! job, so that a combination AWS refuses gets AWS's message). Costs: one small string each.

use super::operand::{Literal, Number, Operands};
use crate::json::write_string;

/// One element of a field's value list: a literal, or one operator with its operand.
///
/// A field matches when any element of its list matches. Literals convert directly:
/// `"aws.ec2"`, `5`, `2.5`, `true` are `Match`es (see [`Match::value`]).
///
/// ```
/// use evmatch::Match;
///
/// assert_eq!(Match::prefix("aws.").to_json(), r#"{"prefix":"aws."}"#);
/// assert_eq!(Match::anything_but(["a", "b"]).to_json(), r#"{"anything-but":["a","b"]}"#);
/// assert_eq!(Match::from(Match::numeric().greater_than(0).at_most(100)).to_json(),
///            r#"{"numeric":[">",0,"<=",100]}"#);
/// assert_eq!(Match::from("x").to_json(), r#""x""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Match(String);

impl Match {
    /// The element's compact JSON text, as the builder writes it.
    pub fn to_json(&self) -> String {
        self.0.clone()
    }

    pub(super) fn as_json(&self) -> &str {
        &self.0
    }

    /// `{"<op>":<operand text>}`.
    fn op(op: &str, operand: &str) -> Match {
        let mut out = String::with_capacity(op.len() + operand.len() + 5);
        out.push('{');
        write_string(op, &mut out);
        out.push(':');
        out.push_str(operand);
        out.push('}');
        Match(out)
    }

    fn string(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        write_string(s, &mut out);
        out
    }

    /// A literal: equal strings (an IP address also matches its other spellings), equal
    /// numbers, `true`, `false`, or `null` with `()`. `Match::value("x")` is `"x"` in the value
    /// list.
    pub fn value(value: impl Into<Literal>) -> Match {
        Match(value.into().0)
    }

    /// `null`.
    pub fn null() -> Match {
        Match::value(())
    }

    /// `{"exactly": s}`: equal strings, with no IP-address normalisation.
    pub fn exactly(s: &str) -> Match {
        Match::op("exactly", &Match::string(s))
    }

    /// `{"prefix": s}`.
    pub fn prefix(s: &str) -> Match {
        Match::op("prefix", &Match::string(s))
    }

    /// `{"suffix": s}`.
    pub fn suffix(s: &str) -> Match {
        Match::op("suffix", &Match::string(s))
    }

    /// `{"equals-ignore-case": s}`.
    pub fn equals_ignore_case(s: &str) -> Match {
        Match::op("equals-ignore-case", &Match::string(s))
    }

    /// `{"prefix": {"equals-ignore-case": s}}`.
    pub fn prefix_equals_ignore_case(s: &str) -> Match {
        Match::op("prefix", &Match::equals_ignore_case(s).0)
    }

    /// `{"suffix": {"equals-ignore-case": s}}`.
    pub fn suffix_equals_ignore_case(s: &str) -> Match {
        Match::op("suffix", &Match::equals_ignore_case(s).0)
    }

    /// `{"wildcard": w}`: `*` matches any run of characters, `\*` and `\\` are literal.
    pub fn wildcard(w: &str) -> Match {
        Match::op("wildcard", &Match::string(w))
    }

    /// `{"cidr": block}`: IP addresses in the block (`10.0.0.0/8`, `2001:db8::/32`).
    pub fn cidr(block: &str) -> Match {
        Match::op("cidr", &Match::string(block))
    }

    /// `{"exists": true}` (the field is present with a value) or `{"exists": false}` (absent).
    pub fn exists(present: bool) -> Match {
        Match::op("exists", if present { "true" } else { "false" })
    }

    /// `{"anything-but": v}`: any value except these — one string or number, or a list of
    /// strings or of numbers (`Match::anything_but("x")`, `Match::anything_but([1, 2])`).
    pub fn anything_but(excluded: impl Into<Operands>) -> Match {
        Match::op("anything-but", &excluded.into().0)
    }

    /// `{"anything-but": {"prefix": p}}`: strings with none of these prefixes (one or a list).
    pub fn anything_but_prefix(excluded: impl Into<Operands>) -> Match {
        Match::anything_but_op("prefix", excluded.into())
    }

    /// `{"anything-but": {"suffix": s}}`: strings with none of these suffixes (one or a list).
    pub fn anything_but_suffix(excluded: impl Into<Operands>) -> Match {
        Match::anything_but_op("suffix", excluded.into())
    }

    /// `{"anything-but": {"equals-ignore-case": s}}`: strings equal to none of these, ignoring
    /// case (one or a list).
    pub fn anything_but_equals_ignore_case(excluded: impl Into<Operands>) -> Match {
        Match::anything_but_op("equals-ignore-case", excluded.into())
    }

    /// `{"anything-but": {"wildcard": w}}`: strings matching none of these wildcards (one or a
    /// list).
    pub fn anything_but_wildcard(excluded: impl Into<Operands>) -> Match {
        Match::anything_but_op("wildcard", excluded.into())
    }

    fn anything_but_op(op: &str, excluded: Operands) -> Match {
        Match::op("anything-but", &Match::op(op, &excluded.0).0)
    }

    /// A `numeric` comparison, built with [`Numeric`]'s methods:
    /// `Match::numeric().greater_than(0).less_than(10)` is `{"numeric": [">", 0, "<", 10]}`.
    pub fn numeric() -> Numeric {
        Numeric::default()
    }
}

/// `{"numeric": [...]}`: comparisons written in the order they are added.
///
/// AWS accepts one comparison (`=`, `<`, `<=`, `>`, `>=`) or a lower bound followed by an upper
/// bound; anything else (`at_most(5).at_least(1)`, bounds that leave nothing between them, no
/// comparison at all) is refused by [`PatternBuilder::build`](crate::PatternBuilder::build)
/// with AWS's message.
///
/// ```
/// use evmatch::{Match, Pattern};
///
/// let p = Pattern::builder().field("n", [Match::numeric().at_least(1).less_than(2.5)]).build()?;
/// assert_eq!(p.to_json(), r#"{"n":[{"numeric":[">=",1,"<",2.5]}]}"#);
///
/// let err = Pattern::builder().field("n", [Match::numeric().greater_than(5).less_than(1)]).build();
/// assert!(err.unwrap_err().to_string().starts_with("Event pattern is not valid. Reason: Bottom must be less than top"));
/// # Ok::<(), evmatch::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Numeric {
    terms: Vec<(&'static str, Number)>,
}

impl Numeric {
    fn term(mut self, op: &'static str, n: impl Into<Number>) -> Numeric {
        self.terms.push((op, n.into()));
        self
    }

    /// `"=", n`.
    pub fn equal_to(self, n: impl Into<Number>) -> Numeric {
        self.term("=", n)
    }

    /// `">", n`.
    pub fn greater_than(self, n: impl Into<Number>) -> Numeric {
        self.term(">", n)
    }

    /// `">=", n`.
    pub fn at_least(self, n: impl Into<Number>) -> Numeric {
        self.term(">=", n)
    }

    /// `"<", n`.
    pub fn less_than(self, n: impl Into<Number>) -> Numeric {
        self.term("<", n)
    }

    /// `"<=", n`.
    pub fn at_most(self, n: impl Into<Number>) -> Numeric {
        self.term("<=", n)
    }
}

impl From<Numeric> for Match {
    fn from(numeric: Numeric) -> Match {
        let mut list = String::from("[");
        for (i, (op, n)) in numeric.terms.iter().enumerate() {
            if i > 0 {
                list.push(',');
            }
            write_string(op, &mut list);
            list.push(',');
            list.push_str(n.as_str());
        }
        list.push(']');
        Match::op("numeric", &list)
    }
}

impl From<Literal> for Match {
    fn from(l: Literal) -> Match {
        Match(l.0)
    }
}

macro_rules! match_from_literal {
    ($($t:ty),*) => {$(
        impl From<$t> for Match {
            /// The literal (see [`Match::value`]).
            fn from(v: $t) -> Match {
                Match::value(v)
            }
        }
    )*};
}
match_from_literal!(
    &str, String, &String, Number, bool, i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128,
    usize, f32, f64
);
