//! JSON as event matching sees it.
//!
//! [`Value`] is a document model that keeps what `serde_json::Value` loses and EventBridge
//! semantics need: duplicate member names (every occurrence is a field), the original text of
//! number tokens (`3.0e2` and 20-digit ids stay as written), and lone surrogates (decoded as `?`).
//! `parse` builds it without recursion, so nesting depth is bounded only by the configured
//! limit, and dropping a deep document is iterative too.

pub(crate) mod lexer;
mod write;

pub use write::write_string;

use lexer::{Lexer, SyntaxError, Token};

/// A JSON value with duplicate members and number token text preserved.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as its token text.
    Number(String),
    /// A string, decoded.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object's members, in document order, duplicates kept.
    Object(Vec<(String, Value)>),
}

impl Drop for Value {
    fn drop(&mut self) {
        // Iterative drop: a deeply nested document must not overflow the stack.
        let mut stack = match self {
            Value::Array(items) if items.iter().any(Value::is_container) => std::mem::take(items),
            Value::Object(members) if members.iter().any(|(_, v)| v.is_container()) => {
                std::mem::take(members)
                    .into_iter()
                    .map(|(_, v)| v)
                    .collect()
            }
            _ => return,
        };
        while let Some(mut v) = stack.pop() {
            match &mut v {
                Value::Array(items) => stack.extend(std::mem::take(items)),
                Value::Object(members) => {
                    stack.extend(std::mem::take(members).into_iter().map(|(_, v)| v))
                }
                _ => {}
            }
        }
    }
}

impl Value {
    fn is_container(&self) -> bool {
        matches!(self, Value::Array(_) | Value::Object(_))
    }

    /// Convert a `serde_json::Value` (whose objects have unique keys and whose numbers have
    /// lost their original spelling).
    pub fn from_serde(value: &serde_json::Value) -> Value {
        // Iterative conversion: build children first with an explicit stack.
        enum Frame<'a> {
            Visit(&'a serde_json::Value),
            Array(usize),
            Object(Vec<&'a String>),
        }
        let mut work = vec![Frame::Visit(value)];
        let mut done: Vec<Value> = Vec::new();
        while let Some(frame) = work.pop() {
            match frame {
                Frame::Visit(v) => match v {
                    serde_json::Value::Null => done.push(Value::Null),
                    serde_json::Value::Bool(b) => done.push(Value::Bool(*b)),
                    serde_json::Value::Number(n) => done.push(Value::Number(n.to_string())),
                    serde_json::Value::String(s) => done.push(Value::String(s.clone())),
                    serde_json::Value::Array(items) => {
                        work.push(Frame::Array(items.len()));
                        work.extend(items.iter().rev().map(Frame::Visit));
                    }
                    serde_json::Value::Object(map) => {
                        work.push(Frame::Object(map.keys().collect()));
                        work.extend(map.values().rev().map(Frame::Visit));
                    }
                },
                Frame::Array(n) => {
                    let items = done.split_off(done.len() - n);
                    done.push(Value::Array(items));
                }
                Frame::Object(keys) => {
                    let values = done.split_off(done.len() - keys.len());
                    let members = keys.into_iter().cloned().zip(values).collect();
                    done.push(Value::Object(members));
                }
            }
        }
        done.pop().unwrap_or(Value::Null)
    }
}

impl std::str::FromStr for Value {
    type Err = crate::EventError;

    /// Parse one JSON value (text after it is ignored, as Jackson does), nested at most 1000
    /// deep; errors carry Jackson's wording and the byte offset.
    fn from_str(text: &str) -> Result<Value, Self::Err> {
        parse(text, ParseLimits::default())
            .map_err(|e| crate::EventError::new(e.message, Some(e.offset)))
    }
}

/// Whether `text` is exactly one JSON value (RFC 8259), optionally surrounded by whitespace, at
/// any nesting depth. Lone surrogate escapes are accepted, as everywhere in evmatch.
pub fn is_valid(text: &str) -> bool {
    let mut lx = Lexer::new(text, usize::MAX);
    let mut depth = 0usize;
    loop {
        match lx.next_token() {
            Ok(Token::StartObject | Token::StartArray) => depth += 1,
            Ok(Token::EndObject | Token::EndArray) => depth -= 1,
            Ok(Token::Name(_)) => continue,
            Ok(Token::Eof) | Err(_) => return false,
            Ok(Token::String) if lx.string_value().is_err() => return false,
            Ok(_) => {}
        }
        if depth == 0 {
            // A root number consumed one whitespace char after it; whatever is left must be
            // whitespace too.
            return text[lx.pos()..]
                .bytes()
                .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        }
    }
}

/// Limits applied while parsing a document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParseLimits {
    pub max_depth: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits {
            max_depth: lexer::DEFAULT_MAX_DEPTH,
        }
    }
}

/// Parse one JSON value from `text`; text after it is ignored, as Jackson does.
pub(crate) fn parse(text: &str, limits: ParseLimits) -> Result<Value, SyntaxError> {
    let mut lx = Lexer::new(text, limits.max_depth);
    enum Open {
        Array(Vec<Value>),
        Object(Vec<(String, Value)>, Option<String>),
    }
    let mut stack: Vec<Open> = Vec::new();
    loop {
        let token = lx.next_token()?;
        let value = match token {
            Token::Eof => {
                return Err(SyntaxError {
                    message: "No content to map due to end-of-input".into(),
                    offset: lx.pos(),
                });
            }
            Token::StartArray => {
                stack.push(Open::Array(Vec::new()));
                continue;
            }
            Token::StartObject => {
                stack.push(Open::Object(Vec::new(), None));
                continue;
            }
            Token::Name(name) => {
                if let Some(Open::Object(_, key)) = stack.last_mut() {
                    *key = Some(name);
                }
                continue;
            }
            Token::EndArray | Token::EndObject => match stack.pop() {
                Some(Open::Array(items)) => Value::Array(items),
                Some(Open::Object(members, _)) => Value::Object(members),
                None => unreachable!("the lexer rejects unbalanced close markers"),
            },
            Token::String => Value::String(lx.string_value()?),
            Token::Number { start, end } => Value::Number(text[start..end].to_string()),
            Token::True => Value::Bool(true),
            Token::False => Value::Bool(false),
            Token::Null => Value::Null,
        };
        match stack.last_mut() {
            None => return Ok(value),
            Some(Open::Array(items)) => items.push(value),
            Some(Open::Object(members, key)) => {
                members.push((key.take().unwrap_or_default(), value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity() {
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        for ok in [
            "{}",
            " [ ] ",
            r#"{"a": [1, -0.5e+3, true, false, null, "x\"\u00e9"], "b": {}}"#,
            "\"s\"",
            "0",
            "0 ",
            "\"\\ud83d\"",
            &deep,
        ] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in [
            "",
            "{",
            "{\"a\"}",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "01",
            "1.",
            "-",
            "\"a",
            "\"\\x\"",
            "{} {}",
            "{a:1}",
            "{\"a\":1]",
            "nul",
            "\"\t\"",
            "1 2",
            "NaN",
            "[1]x",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn keeps_duplicates_and_number_text() {
        let v = parse(
            r#"{"a":1,"a":3.0e2,"b":[true,null,"\u00e9"]}"#,
            ParseLimits::default(),
        )
        .unwrap();
        let Value::Object(m) = &v else { panic!() };
        assert_eq!(m.len(), 3);
        assert_eq!(m[1].1, Value::Number("3.0e2".into()));
    }

    #[test]
    fn deep_documents_are_rejected_without_overflow() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep, ParseLimits::default()).is_err());
        let ok = format!("{}{}", "[".repeat(900), "]".repeat(900));
        let v = parse(&ok, ParseLimits::default()).unwrap();
        drop(v);
        let limits = ParseLimits { max_depth: 200_000 };
        let big = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        drop(parse(&big, limits).unwrap());
    }
}
