//! The rules file of `evmatch match`: rule ids and their patterns, loaded into one `Machine`.
//!
//! Two forms, told apart by the text:
//!
//! * one JSON object mapping each rule id to its pattern,
//!   `{"ec2": {"source": ["aws.ec2"]}, "s3": "{\"source\": [\"aws.s3\"]}"}`;
//! * JSON Lines, one rule per line, `{"id": "ec2", "pattern": {"source": ["aws.ec2"]}}` (a file
//!   that is exactly one such line is JSON Lines, not a two-rule object). Blank lines are
//!   skipped.
//!
//! A pattern is a JSON object (the pattern itself, passed to the matcher as its raw text, so that
//! AWS's messages quote it as written), a string holding the pattern text, or a list of these,
//! which binds several patterns (OR) to one id; nested lists are flattened. Ids are strings;
//! other JSON ids are taken as their text.
//!
//! Invariants: ids are numbered in order of first appearance, and a repeated id adds its
//! patterns to the same rule; every id is kept as its JSON string for the output lines. The first
//! line that is not a rule, or the first invalid pattern, stops the load with a message naming
//! the file and line (AWS's text for a pattern). No recursion follows the input: nested lists
//! are flattened in one loop over their text ([`patterns_of`], hand-written for that reason).
//!
//! Costs: one serde_json pass over the text and one scan of each list; then
//! `Machine::add_rule` per pattern.

use std::path::Path;

use evmatch::Machine;
use serde_json::value::RawValue;

/// Rule ids in file order and the machine over their indices.
pub struct Rules {
    /// Each rule id as a JSON string, ready to be written out.
    pub ids_json: Vec<String>,
    /// The patterns of rule `i` are added under `i`.
    pub machine: Machine<u32>,
}

/// One rule as written: its id, its pattern value and the line it starts on.
struct Entry {
    id: String,
    pattern: Box<RawValue>,
    line: usize,
}

impl Rules {
    /// Read and load the rules file at `path`.
    pub fn load(path: &Path) -> Result<Rules, String> {
        let text = crate::input::read_text(path)?;
        Rules::parse(&path.display().to_string(), &text)
    }

    /// Load the rules in `text`; `name` labels the messages.
    fn parse(name: &str, text: &str) -> Result<Rules, String> {
        let mut ids: Vec<String> = Vec::new();
        let mut machine = Machine::new();
        for Entry { id, pattern, line } in entries(name, text)? {
            let index = match ids.iter().position(|x| *x == id) {
                Some(i) => i,
                None => {
                    ids.push(id.clone());
                    ids.len() - 1
                }
            } as u32;
            for pattern in patterns_of(&pattern) {
                machine
                    .add_rule(index, &pattern)
                    .map_err(|e| format!("evmatch: {name}:{line}: rule {id:?}: {e}"))?;
            }
        }
        let ids_json = ids
            .iter()
            .map(|id| serde_json::Value::from(id.as_str()).to_string())
            .collect();
        Ok(Rules { ids_json, machine })
    }
}

/// The rules of either form, in file order.
fn entries(name: &str, text: &str) -> Result<Vec<Entry>, String> {
    // A rules object, unless the whole file is one `{"id": …, "pattern": …}` line.
    let object = ordered_members(text)
        .ok()
        .filter(|m| !(m.len() == 2 && m[0].0 == "id" && m[1].0 == "pattern"));
    if let Some(members) = object {
        return Ok(members
            .into_iter()
            .map(|(id, pattern)| Entry {
                id,
                pattern,
                line: 1,
            })
            .collect());
    }
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        #[derive(serde::Deserialize)]
        struct Line {
            id: Box<RawValue>,
            pattern: Box<RawValue>,
        }
        let rule: Line = serde_json::from_str(line)
            .map_err(|e| format!("evmatch: {name}:{}: not a rule line: {e}", i + 1))?;
        let id = match serde_json::from_str::<String>(rule.id.get()) {
            Ok(s) => s,
            Err(_) => rule.id.get().to_string(),
        };
        entries.push(Entry {
            id,
            pattern: rule.pattern,
            line: i + 1,
        });
    }
    Ok(entries)
}

/// The members of a JSON object in document order, values kept as raw text.
fn ordered_members(text: &str) -> Result<Vec<(String, Box<RawValue>)>, serde_json::Error> {
    struct Members(Vec<(String, Box<RawValue>)>);
    impl<'de> serde::Deserialize<'de> for Members {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Members;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object of rules")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Members, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                        out.push(entry);
                    }
                    Ok(Members(out))
                }
            }
            d.deserialize_map(V)
        }
    }
    serde_json::from_str::<Members>(text).map(|m| m.0)
}

/// The pattern texts of a pattern value: an object (the pattern itself), a string (its text) or
/// a list of either, flattened in order.
///
/// The value is valid JSON (serde_json read it), so a list is flattened in one scan of its text:
/// outside its elements a list holds only `[`, `]`, `,` and whitespace, and each other element
/// is skipped whole and kept as its raw text (a string decoded). Re-reading each nested list with
/// serde_json would read the text once per level of nesting.
fn patterns_of(raw: &RawValue) -> Vec<String> {
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

    /// The ids (as written out) and, per event, the ids it matches.
    fn matches(text: &str, events: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
        let rules = Rules::parse("rules", text).unwrap();
        let matched = events
            .iter()
            .map(|event| {
                let mut ids = Vec::new();
                rules
                    .machine
                    .matches_into(event.as_bytes(), &mut ids)
                    .unwrap();
                ids.sort_unstable();
                ids.iter()
                    .map(|&i| rules.ids_json[i as usize].clone())
                    .collect()
            })
            .collect();
        (rules.ids_json, matched)
    }

    const EVENTS: [&str; 3] = [
        r#"{"source": "aws.ec2", "n": 5}"#,
        r#"{"source": "aws.s3"}"#,
        r#"{"n": 50}"#,
    ];

    #[test]
    fn an_object_maps_ids_to_patterns_in_file_order() {
        let text = r#"{"ec2": {"source": ["aws.ec2"]},
                       "small": "{\"n\": [{\"numeric\": [\"<\", 10]}]}",
                       "any": [{"source": ["aws.s3"]}, "{\"n\": [50]}"]}"#;
        let (ids, matched) = matches(text, &EVENTS);
        assert_eq!(ids, [r#""ec2""#, r#""small""#, r#""any""#]);
        assert_eq!(
            matched,
            [
                vec![r#""ec2""#, r#""small""#],
                vec![r#""any""#],
                vec![r#""any""#]
            ]
        );
    }

    #[test]
    fn json_lines_give_one_rule_per_line() {
        let text = "{\"id\": \"ec2\", \"pattern\": {\"source\": [\"aws.ec2\"]}}\n\n  \n\
                    {\"id\": 7, \"pattern\": \"{\\\"n\\\": [5]}\"}\r\n\
                    {\"id\": \"ec2\", \"pattern\": {\"n\": [50]}}\n";
        let (ids, matched) = matches(text, &EVENTS);
        // A number id is its text; a repeated id adds to the same rule.
        assert_eq!(ids, [r#""ec2""#, r#""7""#]);
        assert_eq!(
            matched,
            [vec![r#""ec2""#, r#""7""#], vec![], vec![r#""ec2""#]]
        );
    }

    #[test]
    fn a_single_rule_line_is_json_lines_not_an_object() {
        let (ids, _) = matches(r#"{"id": "only", "pattern": {"source": ["aws.ec2"]}}"#, &[]);
        assert_eq!(ids, [r#""only""#]);
        // With the members the other way round it is an object of two rules.
        let (ids, _) = matches(
            r#"{"pattern": {"source": ["a"]}, "id": {"source": ["b"]}}"#,
            &[],
        );
        assert_eq!(ids, [r#""pattern""#, r#""id""#]);
    }

    #[test]
    fn ids_are_written_as_json_strings() {
        let (ids, _) = matches(r#"{"a\"b\u00e9\n": {"x": [1]}}"#, &[]);
        assert_eq!(ids, [r#""a\"bé\n""#]);
    }

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

    #[test]
    fn an_invalid_pattern_names_the_file_line_and_rule() {
        let text = "{\"id\": \"ok\", \"pattern\": {\"a\": [1]}}\n{\"id\": \"bad\", \"pattern\": {\"a\": 1}}\n";
        let err = Rules::parse("r.jsonl", text).err().unwrap();
        assert_eq!(
            err,
            "evmatch: r.jsonl:2: rule \"bad\": Event pattern is not valid. Reason: \"a\" must be \
             an object or an array\n at [Source: (String)\"{\"a\": 1}\"; line: 1, column: 8]"
        );
        // In the object form every rule is on line 1.
        let err = Rules::parse("r.json", r#"{"bad": {"a": 1}}"#)
            .err()
            .unwrap();
        assert!(err.starts_with("evmatch: r.json:1: rule \"bad\": Event pattern is not valid."));
    }

    #[test]
    fn a_line_that_is_not_a_rule_stops_the_load() {
        let text = "{\"id\": \"a\", \"pattern\": {\"a\": [1]}}\n{\"id\": \"b\"}\n";
        let err = Rules::parse("r.jsonl", text).err().unwrap();
        assert!(
            err.starts_with("evmatch: r.jsonl:2: not a rule line: missing field `pattern`"),
            "{err}"
        );
        // Lines are read before any pattern is checked: the bad line wins over an earlier
        // invalid pattern.
        let text = "{\"id\": \"a\", \"pattern\": {\"a\": 1}}\nnope\n";
        let err = Rules::parse("r.jsonl", text).err().unwrap();
        assert!(
            err.starts_with("evmatch: r.jsonl:2: not a rule line"),
            "{err}"
        );
    }
}
