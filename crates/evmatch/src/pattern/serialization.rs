//! `serde` for [`Pattern`]: a pattern is written and read as JSON, keeping its text.
//!
//! Reading accepts the pattern as a JSON object (`{"rule": {"source": ["aws.ec2"]}}`) or as a
//! JSON string holding its text (`{"rule": "{\"source\": [\"aws.ec2\"]}"}`, the form of the
//! EventBridge API's `EventPattern`); anything else is handed to the pattern parser, which
//! refuses it with AWS's message (`Filter is not an object`). The value is captured as a
//! `serde_json` [`RawValue`], so the pattern's text is exactly what the document holds and
//! AWS's messages quote it as written; it is validated with the default [`PatternLimits`]
//! (`crate::PatternLimits`). An invalid pattern is a deserialization error whose message is
//! AWS's (`serde_json` appends its own position).
//!
//! Writing gives back what was read, byte for byte: the string literal for a pattern read from
//! a string, the object text otherwise (a pattern from [`Pattern::parse`] or a builder is
//! written as its text, as a JSON object, without surrounding whitespace). A text that
//! `serde_json` cannot embed as a raw value (text after the closing brace, which the pattern
//! parser ignores) is written as a JSON string instead, which reads back to an equal pattern.
//!
//! The raw-value mechanism is `serde_json`'s: with other formats, serialize
//! [`Pattern::text`] or [`Pattern::to_json`] as a string instead.
//!
//! Costs: one copy of the text, one pattern parse.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::Pattern;
use crate::error::Error;

impl Pattern {
    /// The pattern a JSON value holds: an object (the pattern itself) or a string (its text).
    fn from_json_value_text(raw: &str) -> Result<Pattern, Error> {
        if raw.starts_with('"') {
            // serde_json validated the literal: decoding it cannot fail.
            let text: String = serde_json::from_str(raw).unwrap_or_default();
            let mut pattern = Pattern::parse(&text)?;
            pattern.literal = Some(raw.into());
            Ok(pattern)
        } else {
            Pattern::parse(raw)
        }
    }
}

impl Serialize for Pattern {
    /// The JSON value the pattern was read from, unchanged, or its text as an object.
    ///
    /// ```
    /// use evmatch::Pattern;
    ///
    /// let p = Pattern::parse(r#"{"source": ["aws.ec2"]}"#)?;
    /// assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"source": ["aws.ec2"]}"#);
    /// # Ok::<(), evmatch::Error>(())
    /// ```
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = self.literal.as_deref().unwrap_or(&self.text);
        match RawValue::from_string(raw.to_string()) {
            Ok(raw) => raw.serialize(serializer),
            Err(_) => serializer.serialize_str(&self.text),
        }
    }
}

impl<'de> Deserialize<'de> for Pattern {
    /// A pattern from a JSON object or a JSON string holding its text, validated.
    ///
    /// ```
    /// use evmatch::Pattern;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Rule { pattern: Pattern }
    ///
    /// let rule: Rule = serde_json::from_str(r#"{"pattern": {"source": ["aws.ec2"]}}"#).unwrap();
    /// assert!(rule.pattern.matches_json(r#"{"source": "aws.ec2"}"#)?);
    /// let rule: Rule = serde_json::from_str(r#"{"pattern": "{\"source\": [\"aws.s3\"]}"}"#).unwrap();
    /// assert_eq!(rule.pattern.text(), r#"{"source": ["aws.s3"]}"#);
    ///
    /// let err = serde_json::from_str::<Rule>(r#"{"pattern": {"source": "aws.ec2"}}"#).err().unwrap();
    /// assert!(err.to_string().starts_with(
    ///     r#"Event pattern is not valid. Reason: "source" must be an object or an array"#));
    /// # Ok::<(), evmatch::Error>(())
    /// ```
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Pattern, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Pattern::from_json_value_text(raw.get()).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct Doc {
        rules: Vec<Pattern>,
    }

    #[test]
    fn objects_and_strings_are_written_back_byte_for_byte() {
        let text = "{\"rules\":[{ \"a\" : [1.50] },\"{\\\"b\\\": [\\\"\\u0041\\\"]}\",{\"c\":{\"d\":[{\"prefix\":\"\\u0078\"}]}}]}";
        let doc: Doc = serde_json::from_str(text).unwrap();
        assert_eq!(doc.rules[0].text(), r#"{ "a" : [1.50] }"#);
        // The string's escapes are the document's: the text is the decoded string.
        assert_eq!(doc.rules[1].text(), r#"{"b": ["A"]}"#);
        assert!(doc.rules[1].matches_json(r#"{"b": "A"}"#).unwrap());
        assert!(doc.rules[2].matches_json(r#"{"c": {"d": "xyz"}}"#).unwrap());
        assert_eq!(serde_json::to_string(&doc).unwrap(), text);
        // Through a serde_json::Value as well (the raw text is then serde_json's).
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let doc: Doc = serde_json::from_value(value).unwrap();
        assert_eq!(doc.rules[0], Pattern::parse(r#"{"a": [1.5]}"#).unwrap());
    }

    #[test]
    fn invalid_patterns_give_the_aws_message() {
        let err = serde_json::from_str::<Doc>(r#"{"rules": [{"a": [1]}, {"a": []}]}"#).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "Event pattern is not valid. Reason: Empty arrays are not allowed\n at [Source: (String)\"{\"a\": []}\"; line: 1, column: 9]"
            ),
            "{err}"
        );
        for not_a_pattern in ["[1]", "7", "null", "true"] {
            let text = format!(r#"{{"rules": [{not_a_pattern}]}}"#);
            let err = serde_json::from_str::<Doc>(&text).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("Event pattern is not valid. Reason: Filter is not an object"),
                "{not_a_pattern}: {err}"
            );
        }
        // A string that holds no pattern.
        let err = serde_json::from_str::<Pattern>(r#""{\"a\": 1}""#).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "Event pattern is not valid. Reason: \"a\" must be an object or an array"
            ),
            "{err}"
        );
    }

    #[test]
    fn text_after_the_pattern_makes_it_a_string() {
        let trailing = Pattern::parse(r#"{"a": [1]} and more"#).unwrap();
        let written = serde_json::to_string(&trailing).unwrap();
        assert_eq!(written, r#""{\"a\": [1]} and more""#);
        assert_eq!(serde_json::from_str::<Pattern>(&written).unwrap(), trailing);

        // Deeper than serde_json's own recursion limit: still an object, read back whole.
        let depth = 300;
        let text = format!("{}[1]{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let deep = Pattern::parse(&text).unwrap();
        let written = serde_json::to_string(&deep).unwrap();
        assert_eq!(written, text);
        assert_eq!(serde_json::from_str::<Pattern>(&written).unwrap(), deep);
    }

    #[test]
    fn built_and_parsed_patterns_are_written_as_objects() {
        let p = Pattern::parse(" {\"a\": [1]}\n").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"a": [1]}"#);
        let back: Pattern = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
}
