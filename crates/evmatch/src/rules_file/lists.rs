//! The pattern texts of one rule's pattern value: an object (the pattern itself), a string (its
//! text) or a list of these, nested lists flattened in order.
//!
//! The value is valid JSON (serde_json read it), so a list is flattened in one scan of its
//! text: outside its elements a list holds only `[`, `]`, `,` and whitespace, and each other
//! element is skipped whole and kept as its raw text (a string decoded). Re-reading each nested
//! list with serde_json would read the text once per level of nesting, and recurse as deep.
//! Costs: one pass over the value's text.

use serde_json::value::RawValue;

/// The pattern texts of a pattern value, in order.
pub(super) fn patterns_of(raw: &RawValue) -> Vec<String> {
    let text = raw.get().trim();
    if !text.starts_with('[') {
        return vec![pattern_text(text)];
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'[' | b']' | b',' | b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            _ => {
                let end = value_end(bytes, i);
                out.push(pattern_text(text.get(i..end).unwrap_or_default()));
                i = end;
            }
        }
    }
    out
}

/// A pattern given as a string is its text; any other value is its own JSON text.
fn pattern_text(value: &str) -> String {
    if value.starts_with('"') {
        serde_json::from_str::<String>(value).unwrap_or_default()
    } else {
        value.to_string()
    }
}

/// The end of the JSON value starting at `start` in `bytes` (valid JSON): after the closing
/// quote of a string, the closing brace of an object, or the last character of a scalar.
fn value_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    let mut depth = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += if c == b'\\' { 2 } else { 1 };
                    if c == b'"' {
                        break;
                    }
                }
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' if depth > 0 => {
                depth -= 1;
                i += 1;
            }
            b',' | b']' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => break,
            _ => i += 1,
        }
        if depth == 0 && (b == b'"' || b == b'}') {
            break;
        }
    }
    i.min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_lists_are_flattened_in_order() {
        let raw = RawValue::from_string(
            r#" [ "{\"a\": [1]}", [[{"b": [2]}], "{\"c\": [3]}"], {"d": [4]} ] "#.to_owned(),
        )
        .unwrap();
        assert_eq!(
            patterns_of(&raw),
            [
                r#"{"a": [1]}"#,
                r#"{"b": [2]}"#,
                r#"{"c": [3]}"#,
                r#"{"d": [4]}"#
            ]
        );
        let depth = 100_000;
        let deep = format!("{}{{\"e\": [5]}}{}", "[".repeat(depth), "]".repeat(depth));
        let raw = RawValue::from_string(deep).unwrap();
        assert_eq!(patterns_of(&raw), [r#"{"e": [5]}"#]);
    }

    /// Any JSON value, nested a few levels, with lists likely.
    fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(serde_json::Value::from),
            "[a\"\\\\/\\[\\]{},: \\t\\n\\u{1}é]{0,6}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                proptest::collection::btree_map("[a-c\\[\\]\"]{0,3}", inner, 0..3)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// `patterns_of` as it was first written, re-reading each nested list with serde_json.
    fn patterns_of_by_serde(raw: &RawValue) -> Vec<String> {
        let text = raw.get().trim();
        if text.starts_with('"') {
            vec![serde_json::from_str::<String>(text).unwrap_or_default()]
        } else if text.starts_with('[') {
            serde_json::from_str::<Vec<Box<RawValue>>>(text)
                .map(|items| items.iter().flat_map(|i| patterns_of_by_serde(i)).collect())
                .unwrap_or_else(|_| vec![text.to_string()])
        } else {
            vec![text.to_string()]
        }
    }

    proptest::proptest! {
        #[test]
        fn flattening_agrees_with_serde_json(value in json_value(), pretty in proptest::bool::ANY) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let raw = RawValue::from_string(text).unwrap();
            proptest::prop_assert_eq!(patterns_of(&raw), patterns_of_by_serde(&raw));
        }
    }
}
