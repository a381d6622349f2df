//! A value-list element of the IR written back as compact AWS pattern JSON text.
//!
//! The text is canonical, not the text as written: strings are re-escaped minimally, number
//! literals keep their token text, but `numeric` bounds and `anything-but` numbers are written
//! as the shortest text of their double (`1e2` becomes `100`), `anything-but` lists come out in
//! the IR's sorted order and a one-element list as its element. Parsing the text back gives an
//! equal condition. Cost: linear in the operands.

use crate::json::write_string;
use crate::pattern::case::CaseExpansion;
use crate::pattern::ir::{AnythingBut, Condition, NumericRange};

/// The compact JSON text of `condition`.
pub(crate) fn condition_text(condition: &Condition) -> String {
    let mut out = String::new();
    match condition {
        Condition::String(s) | Condition::IpAddress(s, _) => write_string(s, &mut out),
        Condition::Number(lit) => out.push_str(&lit.text),
        Condition::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Condition::Null => out.push_str("null"),
        Condition::Exactly(s) => operator("exactly", &mut out, |o| write_string(s, o)),
        Condition::Prefix(s) => operator("prefix", &mut out, |o| write_string(s, o)),
        Condition::Suffix(s) => operator("suffix", &mut out, |o| write_string(s, o)),
        Condition::PrefixIgnoreCase(e) => operator("prefix", &mut out, |o| ignore_case(e, o)),
        Condition::SuffixIgnoreCase(e) => operator("suffix", &mut out, |o| ignore_case(e, o)),
        Condition::EqualsIgnoreCase(e) => operator("equals-ignore-case", &mut out, |o| {
            write_string(e.text(), o)
        }),
        Condition::Wildcard(w) => operator("wildcard", &mut out, |o| write_string(w.text(), o)),
        Condition::AnythingBut(a) => operator("anything-but", &mut out, |o| anything_but(a, o)),
        Condition::Numeric(range) => operator("numeric", &mut out, |o| numeric(range, o)),
        Condition::Exists(b) => operator("exists", &mut out, |o| {
            o.push_str(if *b { "true" } else { "false" })
        }),
        Condition::Cidr(s, _) => operator("cidr", &mut out, |o| write_string(s, o)),
    }
    out
}

/// `{"name":<operand>}`.
fn operator(name: &str, out: &mut String, operand: impl FnOnce(&mut String)) {
    out.push('{');
    write_string(name, out);
    out.push(':');
    operand(out);
    out.push('}');
}

fn ignore_case(e: &CaseExpansion, out: &mut String) {
    operator("equals-ignore-case", out, |o| write_string(e.text(), o));
}

/// One operand as itself, several as a JSON array.
fn one_or_list<T>(items: &[T], out: &mut String, mut write: impl FnMut(&T, &mut String)) {
    if let [one] = items {
        write(one, out);
        return;
    }
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(item, out);
    }
    out.push(']');
}

fn anything_but(a: &AnythingBut, out: &mut String) {
    let strings = |v: &[String], out: &mut String| one_or_list(v, out, |s, o| write_string(s, o));
    match a {
        AnythingBut::Strings(v) => strings(v, out),
        AnythingBut::Numbers(v) => one_or_list(v, out, |x, o| number(*x, o)),
        AnythingBut::Prefixes(v) => operator("prefix", out, |o| strings(v, o)),
        AnythingBut::Suffixes(v) => operator("suffix", out, |o| strings(v, o)),
        AnythingBut::EqualsIgnoreCase(v) => operator("equals-ignore-case", out, |o| {
            one_or_list(v, o, |e, o| write_string(e.text(), o))
        }),
        AnythingBut::Wildcards(v) => operator("wildcard", out, |o| {
            one_or_list(v, o, |w, o| write_string(w.text(), o))
        }),
    }
}

fn numeric(range: &NumericRange, out: &mut String) {
    out.push('[');
    let term = |op: &str, x: f64, out: &mut String| {
        if !out.ends_with('[') {
            out.push(',');
        }
        write_string(op, out);
        out.push(',');
        number(x, out);
    };
    match (range.low, range.high) {
        (Some((l, true)), Some((h, true))) if l == h => term("=", l, out),
        (low, high) => {
            if let Some((l, inclusive)) = low {
                term(if inclusive { ">=" } else { ">" }, l, out);
            }
            if let Some((h, inclusive)) = high {
                term(if inclusive { "<=" } else { "<" }, h, out);
            }
        }
    }
    out.push(']');
}

/// The shortest text of a finite double, without a `.0` for whole numbers.
fn number(x: f64, out: &mut String) {
    let mut buf = zmij::Buffer::new();
    let text = buf.format_finite(x);
    out.push_str(text.strip_suffix(".0").unwrap_or(text));
}

#[cfg(test)]
mod tests {
    use super::condition_text;
    use crate::Pattern;

    /// The text of each element of the one value list of `pattern`.
    fn texts(pattern: &str) -> Vec<String> {
        let p = Pattern::parse(pattern).unwrap();
        p.branches()[0].fields[0]
            .conditions
            .iter()
            .map(condition_text)
            .collect()
    }

    #[test]
    fn every_operator_is_written_back() {
        let cases = [
            (r#""x\"y""#, r#""x\"y""#),
            ("1.50", "1.50"),
            ("true", "true"),
            ("null", "null"),
            (r#""10.0.0.1""#, r#""10.0.0.1""#),
            (r#"{"exactly": "a"}"#, r#"{"exactly":"a"}"#),
            (r#"{"prefix": "a"}"#, r#"{"prefix":"a"}"#),
            (r#"{"suffix": "a"}"#, r#"{"suffix":"a"}"#),
            (
                r#"{"prefix": {"equals-ignore-case": "Ab"}}"#,
                r#"{"prefix":{"equals-ignore-case":"Ab"}}"#,
            ),
            (
                r#"{"suffix": {"equals-ignore-case": "Ab"}}"#,
                r#"{"suffix":{"equals-ignore-case":"Ab"}}"#,
            ),
            (
                r#"{"equals-ignore-case": "Ab"}"#,
                r#"{"equals-ignore-case":"Ab"}"#,
            ),
            (r#"{"wildcard": "a*\\*b"}"#, r#"{"wildcard":"a*\\*b"}"#),
            (r#"{"anything-but": "a"}"#, r#"{"anything-but":"a"}"#),
            (
                r#"{"anything-but": ["b", "a"]}"#,
                r#"{"anything-but":["a","b"]}"#,
            ),
            (
                r#"{"anything-but": [5, -0, 1e2]}"#,
                r#"{"anything-but":[0,5,100]}"#,
            ),
            (r#"{"anything-but": 2.5}"#, r#"{"anything-but":2.5}"#),
            (
                r#"{"anything-but": {"prefix": "a"}}"#,
                r#"{"anything-but":{"prefix":"a"}}"#,
            ),
            (
                r#"{"anything-but": {"suffix": ["a", "b"]}}"#,
                r#"{"anything-but":{"suffix":["a","b"]}}"#,
            ),
            (
                r#"{"anything-but": {"equals-ignore-case": ["A", "b"]}}"#,
                r#"{"anything-but":{"equals-ignore-case":["A","b"]}}"#,
            ),
            (
                r#"{"anything-but": {"wildcard": "a*"}}"#,
                r#"{"anything-but":{"wildcard":"a*"}}"#,
            ),
            (r#"{"numeric": [">", 0]}"#, r#"{"numeric":[">",0]}"#),
            (
                r#"{"numeric": ["<=", 1e300]}"#,
                r#"{"numeric":["<=",1e+300]}"#,
            ),
            (r#"{"numeric": ["=", 3.0e2]}"#, r#"{"numeric":["=",300]}"#),
            (
                r#"{"numeric": [">=", -1.5, "<", 0.1]}"#,
                r#"{"numeric":[">=",-1.5,"<",0.1]}"#,
            ),
            (r#"{"exists": false}"#, r#"{"exists":false}"#),
            (r#"{"cidr": "10.0.0.0/24"}"#, r#"{"cidr":"10.0.0.0/24"}"#),
        ];
        for (element, want) in cases {
            let pattern = format!(r#"{{"a": [{element}]}}"#);
            assert_eq!(texts(&pattern), [want], "{element}");
            // The text parses back to the same condition.
            let again = Pattern::parse(&format!(r#"{{"a": [{want}]}}"#)).unwrap();
            let first = Pattern::parse(&pattern).unwrap();
            assert_eq!(again, first, "{element}");
        }
    }
}
