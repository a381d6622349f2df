//! Explanations of matches and misses: every verdict kind, the matched branch and its values,
//! the `Display` text and the JSON shape, exactly; and `Machine::explain`.

use evmatch::{Explanation, Machine, Pattern, ValueKind, Verdict};

fn explain(pattern: &str, event: &str) -> Explanation {
    Pattern::parse(pattern)
        .unwrap()
        .explain(event)
        .unwrap_or_else(|e| panic!("{event}: {e}"))
}

/// The verdicts of branch `b`, by path.
fn verdicts(e: &Explanation, b: usize) -> Vec<(&str, &Verdict)> {
    e.branches[b]
        .fields
        .iter()
        .map(|f| (f.path.as_str(), &f.verdict))
        .collect()
}

fn matched(value: &str, condition: usize) -> Verdict {
    Verdict::Matched {
        value: Some(value.to_string()),
        condition,
    }
}

#[test]
fn absent_path() {
    let e = explain(
        r#"{"source": ["aws.ec2"], "detail": {"state": ["stopped"]}}"#,
        r#"{"source": "aws.ec2", "detail": {"other": 1}}"#,
    );
    assert!(!e.matched());
    assert_eq!(
        verdicts(&e, 0),
        [
            ("detail.state", &Verdict::AbsentPath),
            ("source", &matched(r#""aws.ec2""#, 0)),
        ]
    );
    // An object or an empty array at the path holds no value: the path is absent.
    let e = explain(r#"{"a": ["x"]}"#, r#"{"a": {"b": "x"}}"#);
    assert_eq!(verdicts(&e, 0), [("a", &Verdict::AbsentPath)]);
    let e = explain(r#"{"a": ["x"]}"#, r#"{"a": []}"#);
    assert_eq!(verdicts(&e, 0), [("a", &Verdict::AbsentPath)]);
}

#[test]
fn wrong_type() {
    let e = explain(r#"{"cpu": [{"numeric": [">", 90]}]}"#, r#"{"cpu": "95"}"#);
    assert_eq!(
        verdicts(&e, 0),
        [(
            "cpu",
            &Verdict::WrongType {
                expected: vec![ValueKind::Number],
                found: vec![ValueKind::String]
            }
        )]
    );
    let e = explain(
        r#"{"a": [{"prefix": "x"}, null]}"#,
        r#"{"a": [5, true, 6]}"#,
    );
    assert_eq!(
        verdicts(&e, 0),
        [(
            "a",
            &Verdict::WrongType {
                expected: vec![ValueKind::String, ValueKind::Null],
                found: vec![ValueKind::Number, ValueKind::Boolean]
            }
        )]
    );
    let f = &e.branches[0].fields[0];
    assert_eq!(f.values, ["5", "true", "6"]);
    assert_eq!(f.value_count, 3);
}

#[test]
fn no_value_satisfied() {
    let e = explain(
        r#"{"n": [{"numeric": [">", 90]}, 7]}"#,
        r#"{"n": [1, 2, "x", 3, 4, 5, 6.0e0]}"#,
    );
    assert_eq!(verdicts(&e, 0), [("n", &Verdict::NoValueSatisfied)]);
    let f = &e.branches[0].fields[0];
    assert_eq!(f.conditions, [r#"{"numeric":[">",90]}"#, "7"]);
    assert_eq!(f.values, ["1", "2", r#""x""#, "3", "4"]);
    assert_eq!(f.value_count, 7);
    // `anything-but` accepts every type: a miss is never a type mismatch.
    let e = explain(
        r#"{"s": [{"anything-but": ["a", "b"]}]}"#,
        r#"{"s": ["b", "a"]}"#,
    );
    assert_eq!(verdicts(&e, 0), [("s", &Verdict::NoValueSatisfied)]);
}

#[test]
fn exists_mismatch() {
    let e = explain(r#"{"a": [{"exists": true}]}"#, r#"{"b": 1}"#);
    assert_eq!(
        verdicts(&e, 0),
        [(
            "a",
            &Verdict::ExistsMismatch {
                expected_present: true
            }
        )]
    );
    let e = explain(r#"{"a": [{"exists": false}]}"#, r#"{"a": null}"#);
    assert_eq!(
        verdicts(&e, 0),
        [(
            "a",
            &Verdict::ExistsMismatch {
                expected_present: false
            }
        )]
    );
    assert_eq!(e.branches[0].fields[0].values, ["null"]);
    // Absence satisfies `exists: false`: a match with no value.
    let e = explain(r#"{"a": ["x", {"exists": false}]}"#, r#"{"b": 1}"#);
    assert!(e.matched());
    assert_eq!(
        verdicts(&e, 0),
        [(
            "a",
            &Verdict::Matched {
                value: None,
                condition: 1
            }
        )]
    );
}

#[test]
fn array_consistency() {
    // Anna's first name and Doe's last name are in different elements of `e`.
    let pattern = r#"{"e": {"f": ["Anna"], "l": ["Doe"]}}"#;
    let event = r#"{"e": [{"f": "John", "l": "Doe"}, {"f": "Anna", "l": "Smith"}]}"#;
    let e = explain(pattern, event);
    assert!(!e.matched());
    assert_eq!(
        verdicts(&e, 0),
        [
            ("e.f", &matched(r#""Anna""#, 0)),
            (
                "e.l",
                &Verdict::ArrayConsistency {
                    array: "e".into(),
                    elements: vec![0, 1],
                    with: "e.f".into()
                }
            ),
        ]
    );
    assert_eq!(
        e.to_string(),
        "\
no match
  miss  e.l  [\"Doe\"]   array consistency: holds only in another element of e than e.f (elements 0, 1)
  ok    e.f  [\"Anna\"]  matched \"Anna\"
"
    );
    // Consistency holds at every level; the conflict names the outer array.
    let e = explain(
        r#"{"a": {"b": {"c": ["1"]}, "d": ["2"]}}"#,
        r#"{"a": [{"b": [{"c": "1"}]}, {"d": "2"}, {"d": "2"}]}"#,
    );
    assert_eq!(
        verdicts(&e, 0)[1],
        (
            "a.d",
            &Verdict::ArrayConsistency {
                array: "a".into(),
                elements: vec![0, 1, 2],
                with: "a.b.c".into()
            }
        )
    );
    // The same event with the two values in one element matches.
    let e = explain(
        pattern,
        r#"{"e": [{"f": "John"}, {"f": "Anna", "l": "Doe"}]}"#,
    );
    assert!(e.matched());
    assert_eq!(
        verdicts(&e, 0),
        [
            ("e.f", &matched(r#""Anna""#, 0)),
            ("e.l", &matched(r#""Doe""#, 0))
        ]
    );
}

/// `exists: false` is judged against the elements chosen before it (event-ruler's order).
#[test]
fn exists_false_in_arrays_follows_the_search() {
    let e = explain(
        r#"{"a": {"b": ["1"], "c": [{"exists": false}]}}"#,
        r#"{"a": [{"b": "1"}, {"c": "x"}]}"#,
    );
    assert!(e.matched());
    assert_eq!(
        verdicts(&e, 0),
        [
            ("a.b", &matched(r#""1""#, 0)),
            (
                "a.c",
                &Verdict::Matched {
                    value: None,
                    condition: 0
                }
            )
        ]
    );
    assert_eq!(e.branches[0].fields[1].values, [r#""x""#]);
    let e = explain(
        r#"{"a": {"z": ["1"], "c": [{"exists": false}]}}"#,
        r#"{"a": [{"z": "1"}, {"c": "x"}]}"#,
    );
    assert!(!e.matched());
    assert_eq!(
        verdicts(&e, 0)[0],
        (
            "a.c",
            &Verdict::ExistsMismatch {
                expected_present: false
            }
        )
    );
}

#[test]
fn a_match_names_its_branch_and_values() {
    let pattern = r#"{"source": ["aws.ec2"], "$or": [{"detail": {"cpu": [{"numeric": [">", 90]}]}}, {"detail": {"state": ["x", {"prefix": "stop"}]}}]}"#;
    let e = explain(
        pattern,
        r#"{"source": "aws.ec2", "detail": {"cpu": 12, "state": ["running", "stopped"]}}"#,
    );
    assert!(e.matched());
    assert_eq!(e.branches.len(), 2);
    let b = e.matched_branch().unwrap();
    assert_eq!(b.index, 1);
    assert_eq!(
        verdicts(&e, 1),
        [
            ("detail.state", &matched(r#""stopped""#, 1)),
            ("source", &matched(r#""aws.ec2""#, 0)),
        ]
    );
    assert_eq!(
        verdicts(&e, 0)[0],
        ("detail.cpu", &Verdict::NoValueSatisfied)
    );
    assert_eq!(
        e.to_string(),
        "\
match: branch 2 of 2
  ok    detail.state  [\"x\",{\"prefix\":\"stop\"}]  matched \"stopped\"
  ok    source        [\"aws.ec2\"]              matched \"aws.ec2\"
"
    );
}

#[test]
fn display_of_a_miss_over_several_branches() {
    let pattern = r#"{"$or": [{"a": [1]}, {"b": [{"suffix": ".png"}], "c": [{"exists": true}]}]}"#;
    let e = explain(pattern, r#"{"a": "1", "b": ["x.jpg", "y.gif"], "c": 0}"#);
    assert_eq!(
        e.to_string(),
        "\
no match: none of 2 branches matched
branch 1:
  miss  a  [1]  wrong type: expected number, found string: \"1\"
branch 2:
  miss  b  [{\"suffix\":\".png\"}]  no value matched: \"x.jpg\", \"y.gif\"
  ok    c  [{\"exists\":true}]    matched 0
"
    );
}

#[test]
fn display_cuts_long_lists_and_values_and_counts_the_rest() {
    let long = "v".repeat(100);
    let e = explain(
        r#"{"account": ["111111111111", "222222222222", "333333333333", "444444444444"]}"#,
        &format!(r#"{{"account": ["{long}", "1", "2", "3", "4", "5", "6"]}}"#),
    );
    assert_eq!(
        e.to_string(),
        format!(
            "no match\n  miss  account  [\"111111111111\",\"222222222222\",\"333333333333\",\"…  no value matched: \"{}…, \"1\", \"2\", \"3\", \"4\", … (7 values)\n",
            "v".repeat(38)
        )
    );
}

#[test]
fn non_object_events() {
    let p = Pattern::parse(r#"{"a": [{"exists": false}]}"#).unwrap();
    let e = p.explain_value(&serde_json::json!([1]));
    assert!(!e.matched() && !e.event_is_object && e.branches.is_empty());
    assert_eq!(e.to_string(), "no match: the event is not a JSON object\n");
    assert!(p.explain("[1]").is_err());
    assert_eq!(
        p.explain("[1]").unwrap_err().to_string(),
        p.matches_json("[1]").unwrap_err().to_string()
    );
}

// ---- The JSON shape, exactly ----

fn json(e: &Explanation) -> String {
    serde_json::to_string(e).unwrap()
}

#[test]
fn json_shape_of_a_miss() {
    let e = explain(
        r#"{"detail": {"cpu": [{"numeric": [">", 90]}], "id": [{"exists": true}]}, "source": ["aws.ec2"]}"#,
        r#"{"source": "aws.ec2", "detail": {"cpu": "high"}}"#,
    );
    assert_eq!(
        json(&e),
        concat!(
            r#"{"matched":false,"event_is_object":true,"branches":[{"index":0,"matched":false,"fields":["#,
            r#"{"path":"detail.cpu","conditions":[{"numeric":[">",90]}],"values":["high"],"value_count":1,"verdict":{"kind":"wrong_type","expected":["number"],"found":["string"]}},"#,
            r#"{"path":"detail.id","conditions":[{"exists":true}],"values":[],"value_count":0,"verdict":{"kind":"exists_mismatch","expected_present":true}},"#,
            r#"{"path":"source","conditions":["aws.ec2"],"values":["aws.ec2"],"value_count":1,"verdict":{"kind":"matched","condition":0,"absent":false,"value":"aws.ec2"}}"#,
            r#"]}]}"#
        )
    );
}

#[test]
fn json_shape_of_every_other_verdict() {
    let e = explain(
        r#"{"e": {"f": ["Anna"], "l": ["Doe"]}, "n": [1], "z": [{"exists": false}]}"#,
        r#"{"e": [{"l": "Doe"}, {"f": "Anna"}], "n": 1.0e0}"#,
    );
    // Number values keep their spelling (embedded as written).
    assert_eq!(
        json(&e),
        concat!(
            r#"{"matched":false,"event_is_object":true,"branches":[{"index":0,"matched":false,"fields":["#,
            r#"{"path":"e.f","conditions":["Anna"],"values":["Anna"],"value_count":1,"verdict":{"kind":"matched","condition":0,"absent":false,"value":"Anna"}},"#,
            r#"{"path":"e.l","conditions":["Doe"],"values":["Doe"],"value_count":1,"verdict":{"kind":"array_consistency","array":"e","elements":[0,1],"with":"e.f"}},"#,
            r#"{"path":"n","conditions":[1],"values":[1.0e0],"value_count":1,"verdict":{"kind":"matched","condition":0,"absent":false,"value":1.0e0}},"#,
            r#"{"path":"z","conditions":[{"exists":false}],"values":[],"value_count":0,"verdict":{"kind":"matched","condition":0,"absent":true}}"#,
            r#"]}]}"#
        )
    );
    let e = explain(r#"{"a": ["x"], "b": ["y"]}"#, r#"{"b": ["z", null]}"#);
    assert_eq!(
        json(&e),
        concat!(
            r#"{"matched":false,"event_is_object":true,"branches":[{"index":0,"matched":false,"fields":["#,
            r#"{"path":"a","conditions":["x"],"values":[],"value_count":0,"verdict":{"kind":"absent_path"}},"#,
            r#"{"path":"b","conditions":["y"],"values":["z",null],"value_count":2,"verdict":{"kind":"no_value_satisfied"}}"#,
            r#"]}]}"#
        )
    );
    let e = Pattern::parse(r#"{"a": ["x"]}"#)
        .unwrap()
        .explain_value(&serde_json::json!("x"));
    assert_eq!(
        json(&e),
        r#"{"matched":false,"event_is_object":false,"branches":[]}"#
    );
}

// ---- Machine::explain ----

#[test]
fn machine_explains_one_rule() {
    let mut m = Machine::new();
    m.add_rule("exact", r#"{"source": [{"exactly": "aws.s3"}]}"#)
        .unwrap();
    m.add_rule("plain", r#"{"source": ["aws.s3"]}"#).unwrap();
    m.add_rule("two", r#"{"a": ["1"]}"#).unwrap();
    m.add_rule("two", r#"{"b": [{"prefix": "x"}], "c": [2]}"#)
        .unwrap();
    let event = br#"{"source": "aws.ec2", "b": "xy", "c": 2}"#;

    let e = m.explain("exact", event).unwrap().unwrap();
    assert_eq!(
        e.branches[0].fields[0].conditions,
        [r#"{"exactly":"aws.s3"}"#]
    );
    assert_eq!(verdicts(&e, 0), [("source", &Verdict::NoValueSatisfied)]);
    let e = m.explain("plain", event).unwrap().unwrap();
    assert_eq!(e.branches[0].fields[0].conditions, [r#""aws.s3""#]);

    // Two patterns on one id: their branches, in the order added.
    let e = m.explain("two", event).unwrap().unwrap();
    assert!(e.matched());
    assert_eq!(e.branches.len(), 2);
    assert_eq!(verdicts(&e, 0), [("a", &Verdict::AbsentPath)]);
    assert_eq!(e.matched_branch().unwrap().index, 1);
    assert!(m.matches_for_event(event).unwrap().contains(&"two"));

    assert!(m.explain("none", event).unwrap().is_none());
    // The machine's own event errors.
    let err = m.explain("two", b"{\"a\": ").unwrap_err();
    assert_eq!(
        err.to_string(),
        m.matches_for_event(b"{\"a\": ").unwrap_err().to_string()
    );
    // A removed rule is unknown.
    assert!(m.remove_rule("two"));
    assert!(m.explain("two", event).unwrap().is_none());
}

#[test]
fn machine_and_pattern_explain_alike() {
    let pattern = r#"{"detail": {"x": [{"anything-but": {"prefix": "a"}}], "y": [{"cidr": "10.0.0.0/8"}, {"wildcard": "*.png"}]}, "$or": [{"n": [{"numeric": ["=", 5]}]}, {"m": [{"equals-ignore-case": "AB"}]}]}"#;
    let p = Pattern::parse(pattern).unwrap();
    let mut m = Machine::new();
    m.add_pattern(1u8, &p);
    for event in [
        r#"{"detail": {"x": "b", "y": "10.1.2.3"}, "n": 5.0}"#,
        r#"{"detail": {"x": "ab", "y": "a.png"}, "m": "ab"}"#,
        r#"{"detail": [{"x": "b"}, {"y": "q.png"}], "m": "aB"}"#,
    ] {
        assert_eq!(
            m.explain(&1, event.as_bytes()).unwrap().unwrap(),
            p.explain(event).unwrap(),
            "{event}"
        );
    }
}
