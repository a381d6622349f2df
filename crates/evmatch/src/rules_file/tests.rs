//! Rules files of both forms, their warnings and their errors.

use super::*;
use crate::machine::Machine;

/// The ids and, per event, the ids it matches (sorted by rule order).
fn matches(text: &str, events: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let file = RulesFile::parse(text).unwrap();
    let mut machine = Machine::new();
    for (i, rule) in file.rules().iter().enumerate() {
        for p in rule.patterns() {
            machine.add_pattern(i, p);
        }
    }
    let ids: Vec<String> = file.rules().iter().map(|r| r.id().to_owned()).collect();
    let matched = events
        .iter()
        .map(|event| {
            let mut got = machine.matches_for_event(event.as_bytes()).unwrap();
            got.sort_unstable();
            got.iter().map(|&i| ids[i].clone()).collect()
        })
        .collect();
    (ids, matched)
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
    assert_eq!(ids, ["ec2", "small", "any"]);
    assert_eq!(matched, [vec!["ec2", "small"], vec!["any"], vec!["any"]]);
    // Each rule knows the line it is on, and its patterns keep their text.
    let file = RulesFile::parse(text).unwrap();
    let lines: Vec<usize> = file.rules().iter().map(Rule::line).collect();
    assert_eq!(lines, [1, 2, 3]);
    assert_eq!(
        file.rules()[0].patterns()[0].text(),
        r#"{"source": ["aws.ec2"]}"#
    );
    assert!(file.warnings().is_empty());
}

#[test]
fn json_lines_give_one_rule_per_line() {
    let text = "{\"id\": \"ec2\", \"pattern\": {\"source\": [\"aws.ec2\"]}}\n\n  \n\
                {\"id\": 7, \"pattern\": \"{\\\"n\\\": [5]}\", \"note\": \"ignored\"}\r\n\
                {\"id\": \"ec2\", \"pattern\": {\"n\": [50]}}\n";
    let (ids, matched) = matches(text, &EVENTS);
    // A number id is its text; a repeated id adds to the same rule.
    assert_eq!(ids, ["ec2", "7"]);
    assert_eq!(matched, [vec!["ec2", "7"], vec![], vec!["ec2"]]);
    let file = RulesFile::parse(text).unwrap();
    assert_eq!(
        file.warnings(),
        [RulesWarning::DuplicateId {
            id: "ec2".into(),
            line: 5,
            first_line: 1
        }]
    );
}

#[test]
fn a_single_rule_line_is_json_lines_not_an_object() {
    let (ids, _) = matches(r#"{"id": "only", "pattern": {"source": ["aws.ec2"]}}"#, &[]);
    assert_eq!(ids, ["only"]);
    // With the members the other way round it is an object of two rules.
    let (ids, _) = matches(
        r#"{"pattern": {"source": ["a"]}, "id": {"source": ["b"]}}"#,
        &[],
    );
    assert_eq!(ids, ["pattern", "id"]);
}

#[test]
fn empty_files_and_empty_lists_warn() {
    for empty in ["", "\n  \n", "{}", " { } "] {
        let file = RulesFile::parse(empty).unwrap();
        assert!(file.rules().is_empty());
        assert_eq!(file.warnings(), [RulesWarning::Empty], "{empty:?}");
        assert_eq!(
            file.warnings()[0].to_string(),
            "the rules file holds no rules"
        );
    }
    let file =
        RulesFile::parse("{\"none\": [],\n \"dup\": {\"a\": [1]},\n \"dup\": [[]]}").unwrap();
    let warnings: Vec<String> = file.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "line 1: rule \"none\" has an empty list of patterns; it matches nothing",
            "line 3: rule id \"dup\" was already used on line 2; these patterns are added to that \
             rule, which matches when any of its patterns matches",
            "line 3: rule \"dup\" has an empty list of patterns; it matches nothing",
        ]
    );
    assert_eq!(file.rules().len(), 2);
}

#[test]
fn an_invalid_pattern_names_the_line_and_rule() {
    let text =
        "{\"id\": \"ok\", \"pattern\": {\"a\": [1]}}\n{\"id\": \"bad\", \"pattern\": {\"a\": 1}}\n";
    let err = RulesFile::parse(text).unwrap_err();
    assert_eq!(err.line(), Some(2));
    assert_eq!(
        err.to_string(),
        "line 2: rule \"bad\": Event pattern is not valid. Reason: \"a\" must be an object or \
         an array\n at [Source: (String)\"{\"a\": 1}\"; line: 1, column: 8]"
    );
    assert!(
        matches!(err, RulesFileError::InvalidPattern { ref error, .. } if error.code().as_str() == "InvalidEventPatternException")
    );
    // In the object form, the line the pattern is on.
    let err = RulesFile::parse("{\"ok\": {\"a\": [1]},\n\n  \"bad\": {\"a\": 1}}").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 3: rule \"bad\": Event pattern is not valid."),
        "{err}"
    );
    // Limits are the caller's.
    let tight = PatternLimits::default().with_max_pattern_chars(5);
    let err = RulesFile::parse_with(r#"{"r": {"a": [1]}}"#, &tight).unwrap_err();
    assert!(
        err.message()
            .starts_with("rule \"r\": 1 validation error detected"),
        "{err}"
    );
}

#[test]
fn lines_that_are_not_rules_are_explained_in_plain_words() {
    let cases = [
        (
            "{\"id\": \"a\"}",
            "not a rule line: it has no \"pattern\" member (a rule line is {\"id\": …, \"pattern\": …})",
        ),
        (
            "{\"pattern\": {\"a\": [1]}}",
            "not a rule line: it has no \"id\" member (a rule line is {\"id\": …, \"pattern\": …})",
        ),
        (
            "{\"id\": \"a\", \"id\": \"b\", \"pattern\": {}}",
            "not a rule line: it has more than one \"id\" member",
        ),
        (
            "nope",
            "not a rule line: not valid JSON at column 2: expected true, false or null",
        ),
        (
            "[1, 2]",
            "not a rule line: a rule line is a JSON object {\"id\": …, \"pattern\": …}, not an array",
        ),
        (
            "\"x\"",
            "not a rule line: a rule line is a JSON object {\"id\": …, \"pattern\": …}, not a string",
        ),
        (
            "{\"id\": \"a\", \"pattern\": {}} x",
            "not a rule line: not valid JSON at column 28: unexpected text after the end of the JSON value",
        ),
        (
            "{\"id\": \"a\" \"pattern\": {}}",
            "not a rule line: not valid JSON at column 12: expected ',' or '}'",
        ),
        (
            "{id: 1}",
            "not a rule line: not valid JSON at column 2: a member name must be a string in double quotes",
        ),
    ];
    for (line, message) in cases {
        let text = format!("{{\"id\": \"first\", \"pattern\": {{\"a\": [1]}}}}\n{line}\n");
        let err = RulesFile::parse(&text).unwrap_err();
        assert_eq!(err.line(), Some(2), "{line}");
        assert_eq!(err.message(), message, "{line}");
        assert_eq!(err.to_string(), format!("line 2: {message}"));
    }
    // Lines are read before any pattern is checked: the bad line wins over an earlier invalid
    // pattern.
    let err = RulesFile::parse("{\"id\": \"a\", \"pattern\": {\"a\": 1}}\nnope\n").unwrap_err();
    assert_eq!(err.line(), Some(2));
    assert!(err.message().starts_with("not a rule line"));
}

#[test]
fn a_broken_object_over_several_lines_is_reported_where_it_breaks() {
    let text = "{\n  \"a\": {\"x\": [1]},\n  \"b\": {\"y\": [2]}\n  \"c\": {\"z\": [3]}\n}\n";
    let err = RulesFile::parse(text).unwrap_err();
    assert_eq!(
        err,
        RulesFileError::Syntax {
            line: 4,
            column: 3,
            message: "expected ',' or '}'".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "line 4: not valid JSON at column 3: expected ',' or '}'"
    );
    let err = RulesFile::parse("{\n  \"a\": {\"x\": [1]}\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: not valid JSON at column 1: the text ends before the JSON value does"
    );
}

#[test]
fn readers_give_text_or_a_read_error() {
    let file = RulesFile::from_reader(&b"{\"r\": {\"a\": [1]}}"[..]).unwrap();
    assert_eq!(file.rules()[0].id(), "r");
    let err = RulesFile::from_reader(&b"{\"r\xff\": 1}"[..]).unwrap_err();
    assert_eq!(err.line(), None);
    assert_eq!(
        err.to_string(),
        "not valid UTF-8 (invalid byte at offset 3)"
    );
    let text: RulesFile = "{\"r\": {\"a\": [1]}}".parse().unwrap();
    assert_eq!(text, file);
}
