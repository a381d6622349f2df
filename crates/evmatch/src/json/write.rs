//! Compact JSON text of a [`Value`]: no whitespace between tokens, members in document order
//! (duplicates kept), numbers as their token text, strings escaped minimally (`"`, `\\` and
//! control characters: `\b \t \n \f \r`, otherwise `\u00XX` with upper-case hex) — the form
//! in which EventBridge delivers events. Written without recursion, so any depth the parser
//! accepted can be written back.

use std::fmt;

use super::value::Value;

impl Value {
    /// Append this value's compact JSON text to `out`.
    ///
    /// ```
    /// let v: evmatch::json::Value = r#"{ "a" : [1.50, "x\ty"], "a": null }"#.parse()?;
    /// let mut out = String::new();
    /// v.write_compact(&mut out);
    /// assert_eq!(out, r#"{"a":[1.50,"x\ty"],"a":null}"#);
    /// # Ok::<(), evmatch::json::SyntaxError>(())
    /// ```
    pub fn write_compact(&self, out: &mut String) {
        enum Step<'v> {
            Value(&'v Value),
            Key(&'v str),
            Raw(&'static str),
        }
        let mut work = vec![Step::Value(self)];
        while let Some(step) = work.pop() {
            match step {
                Step::Raw(s) => out.push_str(s),
                Step::Key(k) => {
                    write_string(k, out);
                    out.push(':');
                }
                Step::Value(v) => match v {
                    Value::Null => out.push_str("null"),
                    Value::Bool(true) => out.push_str("true"),
                    Value::Bool(false) => out.push_str("false"),
                    Value::Number(n) => out.push_str(n),
                    Value::String(s) => write_string(s, out),
                    Value::Array(items) => {
                        out.push('[');
                        work.push(Step::Raw("]"));
                        for (n, item) in items.iter().enumerate().rev() {
                            work.push(Step::Value(item));
                            if n > 0 {
                                work.push(Step::Raw(","));
                            }
                        }
                    }
                    Value::Object(members) => {
                        out.push('{');
                        work.push(Step::Raw("}"));
                        for (n, (k, v)) in members.iter().enumerate().rev() {
                            work.push(Step::Value(v));
                            work.push(Step::Key(k));
                            if n > 0 {
                                work.push(Step::Raw(","));
                            }
                        }
                    }
                },
            }
        }
    }
}

impl fmt::Display for Value {
    /// The compact JSON text (see [`Value::write_compact`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write_compact(&mut out);
        f.write_str(&out)
    }
}

/// Append `s` to `out` as a JSON string literal, escaped as [`Value::write_compact`] escapes.
///
/// ```
/// let mut out = String::new();
/// evmatch::json::write_string("a\"b\u{1}", &mut out);
/// assert_eq!(out, r#""a\"b\u0001""#);
/// ```
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            out.push_str(&format!("\\u{b:04X}"));
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let v = Value::Object(vec![("k\"".into(), Value::String("a\\b\n\u{1}é".into()))]);
        assert_eq!(v.to_string(), r#"{"k\"":"a\\b\n\u0001é"}"#);
    }

    #[test]
    fn deep_documents_are_written_without_recursion() {
        let depth = 100_000;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let v = super::super::parse(&text, usize::MAX).unwrap();
        assert_eq!(v.to_string(), text);
    }
}
