//! Canonical pattern text: [`Pattern::to_json`] and `Display`.
//!
//! The canonical text is the pattern's own text with its JSON structure kept exactly — member
//! order, repeated members, `$or` arrays, number tokens as written — and nothing else: no
//! whitespace between tokens, strings with their escapes resolved and written minimally (`"`,
//! `\\` and control characters only, as [`Value::write_compact`](json::Value::write_compact) writes them), and any text after
//! the pattern's closing brace dropped. The structure is kept rather than rebuilt from the
//! `$or`-expanded branches, because those may not fit in a pattern again (the expansion of a
//! short pattern can be far longer than 4096 characters, and a name such as `prefix` that is
//! valid outside `$or` is refused inside it).
//!
//! Invariants: the canonical text parses to an equal [`Pattern`], is never longer than the text
//! it came from (so it fits every limit the original fitted), and is its own canonical text.
//! Costs: one parse of the text into a [`json::Value`] and one write, both without recursion.

use std::fmt;

use super::Pattern;
use crate::json;

impl Pattern {
    /// The canonical AWS pattern text: compact JSON of the pattern as written (see the module
    /// documentation). It parses back to an equal pattern, and equal spellings that differ only
    /// in whitespace or string escapes give the same text. `Display` writes the same text.
    ///
    /// ```
    /// use evmatch::Pattern;
    ///
    /// let p = Pattern::parse("{ \"source\" : [ \"aws.ec2\" ],\n  \"detail\": {\"n\": [ 1.50, \"\\u0041\" ]} }")?;
    /// assert_eq!(p.to_json(), r#"{"source":["aws.ec2"],"detail":{"n":[1.50,"A"]}}"#);
    /// assert_eq!(p.to_string(), p.to_json());
    /// assert_eq!(Pattern::parse(&p.to_json())?, p);
    /// # Ok::<(), evmatch::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        // The text was parsed as a pattern, so it is one JSON object (within the depth limit it
        // was parsed with; any depth is allowed here).
        match json::parse(&self.text, usize::MAX) {
            Ok(value) => {
                let mut out = String::with_capacity(self.text.len());
                value.write_compact(&mut out);
                out
            }
            Err(_) => self.text.to_string(),
        }
    }
}

impl fmt::Display for Pattern {
    /// The canonical text ([`Pattern::to_json`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

/// Whether `value` would be written as `text` (used by the tests: canonical text is a
/// fixpoint).
#[cfg(test)]
fn is_canonical(text: &str) -> bool {
    json::parse(text, usize::MAX).is_ok_and(|v: json::Value| v.to_string() == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> String {
        Pattern::parse(text).unwrap().to_json()
    }

    #[test]
    fn whitespace_goes_and_structure_stays() {
        assert_eq!(
            canonical("{ \"a\" : [ 1 , \"x\" ] ,\r\n\t\"a\": {\"b\": [ true, null, 3.0e2 ]} }  "),
            r#"{"a":[1,"x"],"a":{"b":[true,null,3.0e2]}}"#
        );
        // `$or`, repeated members and operator spellings are kept as written.
        let text = r#"{"$or":[{"a":[{"anything-but":["x"]}]},{"b":[{"numeric":[">",1e2]}]}],"c":["1"],"c":["2"]}"#;
        assert_eq!(canonical(text), text);
    }

    #[test]
    fn strings_are_escaped_minimally() {
        assert_eq!(
            canonical(r#"{"\u0061\/": ["\u00e9\"\\\n\u001f\ud83d\ude00"]}"#),
            "{\"a/\":[\"é\\\"\\\\\\n\\u001F😀\"]}"
        );
    }

    #[test]
    fn text_after_the_pattern_is_dropped() {
        assert_eq!(canonical(r#"{"a":[1]} trailing"#), r#"{"a":[1]}"#);
    }

    #[test]
    fn canonical_text_is_a_fixpoint_never_longer_and_equal() {
        for text in [
            r#"{ "a" : [ 1 ] }"#,
            r#"{"x.y": [{"prefix": {"equals-ignore-case": "A"}}], "x": {"y": ["z"]}}"#,
            r#"{"$or": ["not", "objects"]}"#,
            r#"{"detail": {"$or": [{"c": [{"cidr": "10.0.0.0/8"}]}, {"c": [{"exists": false}]}]}}"#,
        ] {
            let p = Pattern::parse(text).unwrap();
            let c = p.to_json();
            assert!(is_canonical(&c), "{c}");
            assert!(c.len() <= text.len());
            let q = Pattern::parse(&c).unwrap();
            assert_eq!(q, p);
            assert_eq!(q.to_json(), c);
        }
    }
}
