//! JSON as event matching sees it.
//!
//! [`Value`] is a document model that keeps what `serde_json::Value` loses and EventBridge
//! semantics need: duplicate member names (every occurrence is a field), the original text of
//! number tokens (`3.0e2` and 20-digit ids stay as written), and lone surrogates (decoded as `?`).
//! Parsing (`str::parse`, [`FromStr`](std::str::FromStr)) builds it without recursion, so
//! nesting depth is bounded only by the configured limit, and cloning, comparing, printing and
//! dropping a deep document are iterative too. Syntax errors ([`SyntaxError`]) carry Jackson's
//! wording, as AWS reports them.
//!
//! The public part is small on purpose: the document model with its compact writer
//! ([`Value::write_compact`], `Display`), [`is_valid`], [`write_string`] and
//! [`Value::from_serde`]; the lexer that reproduces Jackson's read positions stays inside.

pub(crate) mod lexer;
mod value;
mod write;

pub use lexer::SyntaxError;
pub use value::Value;
pub use write::write_string;

use lexer::{Lexer, Token};

impl std::str::FromStr for Value {
    type Err = SyntaxError;

    /// Parse one JSON value (text after it is ignored, as Jackson does), nested at most 1000
    /// deep; errors carry Jackson's wording and the byte offset.
    fn from_str(text: &str) -> Result<Value, Self::Err> {
        parse(text, lexer::DEFAULT_MAX_DEPTH)
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

/// Parse one JSON value from `text`, nested at most `max_depth` deep; text after it is
/// ignored, as Jackson does.
pub(crate) fn parse(text: &str, max_depth: usize) -> Result<Value, SyntaxError> {
    let mut lx = Lexer::new(text, max_depth);
    enum Open {
        Array(Vec<Value>),
        Object(Vec<(String, Value)>, Option<String>),
    }
    let mut stack: Vec<Open> = Vec::new();
    loop {
        let token = lx.next_token()?;
        let value = match token {
            Token::Eof => {
                return Err(SyntaxError::new(
                    "No content to map due to end-of-input",
                    lx.pos(),
                ));
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
            lexer::DEFAULT_MAX_DEPTH,
        )
        .unwrap();
        let Value::Object(m) = &v else { panic!() };
        assert_eq!(m.len(), 3);
        assert_eq!(m[1].1, Value::Number("3.0e2".into()));
    }

    #[test]
    fn deep_documents_are_rejected_without_overflow() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep, lexer::DEFAULT_MAX_DEPTH).is_err());
        let ok = format!("{}{}", "[".repeat(900), "]".repeat(900));
        let v = parse(&ok, lexer::DEFAULT_MAX_DEPTH).unwrap();
        drop(v);
        let limits = 200_000;
        let big = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        drop(parse(&big, limits).unwrap());
    }

    /// A document nested 100,000 deep, and the same with an object at each level.
    fn deep(depth: usize) -> (Value, Value) {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"a\":[".repeat(depth), "]}".repeat(depth));
        (
            parse(&arrays, usize::MAX).unwrap(),
            parse(&objects, usize::MAX).unwrap(),
        )
    }

    /// Clone, `==`, `Debug` and drop of a 100,000-deep document on a test thread's default
    /// stack: none of them recurses. (`{:#?}` indents each level, so its output grows with the
    /// square of the depth: it is checked at a smaller depth below.)
    #[test]
    fn deep_documents_clone_compare_print_and_drop_without_recursion() {
        for v in <[Value; 2]>::from(deep(100_000)) {
            let copy = v.clone();
            assert!(copy == v);
            let mut other = copy.clone();
            // Change the innermost level: equality must look all the way down.
            let mut at = &mut other;
            while !matches!(at, Value::Array(items) if items.is_empty()) && at.is_container() {
                at = match at {
                    Value::Array(items) => &mut items[0],
                    Value::Object(members) => &mut members[0].1,
                    _ => unreachable!("a container"),
                };
            }
            *at = Value::Bool(true);
            assert!(other != v);
            assert!(format!("{v:?}").len() > 100_000 * 7);
            drop(copy);
            drop(other);
        }
    }

    /// `from_serde` of a 100,000-deep `serde_json::Value` (built and taken apart here without
    /// recursion: serde_json's own drop recurses).
    #[test]
    fn from_serde_does_not_recurse() {
        let depth = 100_000;
        let mut deep = serde_json::json!("leaf");
        for i in 0..depth {
            deep = if i % 2 == 0 {
                serde_json::Value::Array(vec![deep])
            } else {
                // Not `json!`: it serialises the interpolated value (recursively).
                let mut members = serde_json::Map::new();
                members.insert("k".to_string(), deep);
                serde_json::Value::Object(members)
            };
        }
        let v = Value::from_serde(&deep);
        let expected = format!(
            "{}\"leaf\"{}",
            r#"{"k":["#.repeat(depth / 2),
            "]}".repeat(depth / 2)
        );
        assert_eq!(v.to_string(), expected);
        // Take the serde value apart level by level.
        let mut at = deep;
        loop {
            at = match at {
                serde_json::Value::Array(mut items) => items.pop().expect("one item"),
                serde_json::Value::Object(mut members) => members.remove("k").expect("k"),
                _ => break,
            };
        }
    }

    /// A mirror of [`Value`] whose `Debug` is derived: the hand-written one must print the same.
    #[derive(Debug)]
    #[allow(dead_code)]
    enum Derived {
        Null,
        Bool(bool),
        Number(String),
        String(String),
        Array(Vec<Derived>),
        Object(Vec<(String, Derived)>),
    }

    fn derived(v: &Value) -> Derived {
        match v {
            Value::Null => Derived::Null,
            Value::Bool(b) => Derived::Bool(*b),
            Value::Number(n) => Derived::Number(n.clone()),
            Value::String(s) => Derived::String(s.clone()),
            Value::Array(items) => Derived::Array(items.iter().map(derived).collect()),
            Value::Object(members) => Derived::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), derived(v)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn pretty_debug_of_a_deep_document_does_not_recurse() {
        let (arrays, objects) = deep(2_000);
        assert!(format!("{arrays:#?}").len() > 2_000 * 2_000 * 4);
        assert!(format!("{objects:#?}").len() > 2_000 * 2_000 * 4);
    }

    #[test]
    fn debug_prints_what_derive_prints() {
        for text in [
            "null",
            "true",
            "[]",
            "{}",
            r#"{"a":1,"a":[true,null,"x\"y\u00e9\n"],"b":{},"c":[[],[{}]],"d":{"e":-2.5e3}}"#,
            r#"[[1,[2,[3]]],{"k":false}]"#,
        ] {
            let v = parse(text, 100).unwrap();
            assert_eq!(format!("{v:?}"), format!("{:?}", derived(&v)), "{text}");
            assert_eq!(format!("{v:#?}"), format!("{:#?}", derived(&v)), "{text}");
        }
    }

    #[test]
    fn clone_and_eq_follow_the_structure() {
        let a = parse(r#"{"a":[1,{"b":"x"}],"a":null}"#, 100).unwrap();
        let b = a.clone();
        assert_eq!(a, b);
        for other in [
            r#"{"a":[1,{"b":"y"}],"a":null}"#,
            r#"{"a":[1,{"c":"x"}],"a":null}"#,
            r#"{"a":[1,{"b":"x"}]}"#,
            r#"{"a":[1.0,{"b":"x"}],"a":null}"#,
            r#"[]"#,
        ] {
            assert_ne!(a, parse(other, 100).unwrap(), "{other}");
        }
    }
}
