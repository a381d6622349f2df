//! The builder against hand-written pattern text: every operator, paths, `$or`, AWS's errors,
//! and a property test against text written independently with `serde_json`.

use proptest::prelude::*;
use serde_json::{Value as J, json};

use super::*;
use crate::error::PatternError;

/// The compact form of (possibly invalid) pattern text.
fn compact(text: &str) -> String {
    crate::json::parse(text, usize::MAX).unwrap().to_string()
}

#[test]
fn every_operator_is_written_as_aws_spells_it() {
    let cases: Vec<(Match, &str)> = vec![
        (Match::from("aws.ec2"), r#""aws.ec2""#),
        (Match::value(String::from("é\"")), r#""é\"""#),
        (Match::from(5), "5"),
        (Match::from(-2.5), "-2.5"),
        (Match::from("3.0e2".parse::<Number>().unwrap()), "3.0e2"),
        (Match::from(true), "true"),
        (Match::null(), "null"),
        (Match::exactly("10.0.0.1"), r#"{"exactly":"10.0.0.1"}"#),
        (Match::prefix("aws."), r#"{"prefix":"aws."}"#),
        (Match::suffix(".png"), r#"{"suffix":".png"}"#),
        (
            Match::equals_ignore_case("Ab"),
            r#"{"equals-ignore-case":"Ab"}"#,
        ),
        (
            Match::prefix_equals_ignore_case("Ab"),
            r#"{"prefix":{"equals-ignore-case":"Ab"}}"#,
        ),
        (
            Match::suffix_equals_ignore_case("Ab"),
            r#"{"suffix":{"equals-ignore-case":"Ab"}}"#,
        ),
        (Match::wildcard("a*b"), r#"{"wildcard":"a*b"}"#),
        (Match::cidr("10.0.0.0/8"), r#"{"cidr":"10.0.0.0/8"}"#),
        (Match::exists(true), r#"{"exists":true}"#),
        (Match::exists(false), r#"{"exists":false}"#),
        (Match::anything_but("x"), r#"{"anything-but":"x"}"#),
        (Match::anything_but(7), r#"{"anything-but":7}"#),
        (
            Match::anything_but(["x", "y"]),
            r#"{"anything-but":["x","y"]}"#,
        ),
        (Match::anything_but([1, 2]), r#"{"anything-but":[1,2]}"#),
        (
            Match::anything_but_prefix("a"),
            r#"{"anything-but":{"prefix":"a"}}"#,
        ),
        (
            Match::anything_but_prefix(["a", "b"]),
            r#"{"anything-but":{"prefix":["a","b"]}}"#,
        ),
        (
            Match::anything_but_suffix("z"),
            r#"{"anything-but":{"suffix":"z"}}"#,
        ),
        (
            Match::anything_but_suffix(vec!["y", "z"]),
            r#"{"anything-but":{"suffix":["y","z"]}}"#,
        ),
        (
            Match::anything_but_equals_ignore_case("Q"),
            r#"{"anything-but":{"equals-ignore-case":"Q"}}"#,
        ),
        (
            Match::anything_but_equals_ignore_case(["Q", "r"]),
            r#"{"anything-but":{"equals-ignore-case":["Q","r"]}}"#,
        ),
        (
            Match::anything_but_wildcard("*.tmp"),
            r#"{"anything-but":{"wildcard":"*.tmp"}}"#,
        ),
        (
            Match::anything_but_wildcard(["*.tmp", "x*"]),
            r#"{"anything-but":{"wildcard":["*.tmp","x*"]}}"#,
        ),
        (
            Match::numeric().equal_to(5).into(),
            r#"{"numeric":["=",5]}"#,
        ),
        (
            Match::numeric().less_than(5).into(),
            r#"{"numeric":["<",5]}"#,
        ),
        (
            Match::numeric().at_most(5).into(),
            r#"{"numeric":["<=",5]}"#,
        ),
        (
            Match::numeric().greater_than(0).into(),
            r#"{"numeric":[">",0]}"#,
        ),
        (
            Match::numeric().at_least(0.5).at_most(1e3).into(),
            r#"{"numeric":[">=",0.5,"<=",1000.0]}"#,
        ),
        (
            Match::numeric().greater_than(1e300).into(),
            r#"{"numeric":[">",1e+300]}"#,
        ),
    ];
    for (m, element) in cases {
        assert_eq!(m.to_json(), element);
        let built = Pattern::builder().field("f", [m]).build().unwrap();
        let text = format!("{{\"f\": [ {element} ] }}");
        assert_eq!(built, Pattern::parse(&text).unwrap(), "{element}");
        assert_eq!(built.text(), compact(&text));
        assert_eq!(built.to_json(), built.text(), "builder text is canonical");
    }
}

#[test]
fn nested_paths_and_dotted_names() {
    let nested = Pattern::builder()
        .field(["detail", "state"], ["stopped"])
        .field("source", ["aws.ec2"])
        .field(vec!["detail", "cpu"], [Match::numeric().greater_than(90)])
        .field(["detail", "state"], ["terminated"]);
    assert_eq!(
        nested.to_json(),
        r#"{"detail":{"state":["stopped","terminated"],"cpu":[{"numeric":[">",90]}]},"source":["aws.ec2"]}"#
    );
    let dotted = Pattern::builder()
        .field("detail.state", ["stopped", "terminated"])
        .field("source", ["aws.ec2"])
        .field("detail.cpu", [Match::numeric().greater_than(90)]);
    assert_eq!(
        dotted.to_json(),
        r#"{"detail.state":["stopped","terminated"],"source":["aws.ec2"],"detail.cpu":[{"numeric":[">",90]}]}"#
    );
    // Two spellings of the same paths: the same pattern, the same answers.
    let (nested, dotted) = (nested.build().unwrap(), dotted.build().unwrap());
    assert_eq!(nested, dotted);
    let event = r#"{"source": "aws.ec2", "detail": {"state": "terminated", "cpu": 95}}"#;
    assert!(nested.matches_json(event).unwrap());
    assert!(dotted.matches_json(event).unwrap());

    // A name used for a value list and for nested fields: two members, two constraints.
    let both = Pattern::builder()
        .field("a", ["1"])
        .field(["a", "b"], ["2"]);
    assert_eq!(both.to_json(), r#"{"a":["1"],"a":{"b":["2"]}}"#);
    assert!(
        both.build()
            .unwrap()
            .matches_json(r#"{"a": ["1", {"b": "2"}]}"#)
            .unwrap()
    );
    // The empty path is the empty name; names are written escaped.
    let odd = Pattern::builder()
        .field(Vec::<String>::new(), [1])
        .field(["q\"uote", ""], [2]);
    assert_eq!(odd.to_json(), r#"{"":[1],"q\"uote":{"":[2]}}"#);
    odd.build().unwrap();
}

#[test]
fn or_alternatives_nest_and_repeat() {
    let p = Pattern::builder()
        .field("source", ["aws.ec2"])
        .any_of([
            Pattern::builder().field("a", [1]),
            Pattern::builder().any_of([
                Pattern::builder().field("b", [2]),
                Pattern::builder().field(["c", "d"], [3]),
            ]),
        ])
        .any_of([
            Pattern::builder().field("e", [4]),
            Pattern::builder().field("f", [5]),
        ]);
    let text = r#"{"source":["aws.ec2"],"$or":[{"a":[1]},{"$or":[{"b":[2]},{"c":{"d":[3]}}]}],"$or":[{"e":[4]},{"f":[5]}]}"#;
    assert_eq!(p.to_json(), text);
    let built = p.build().unwrap();
    assert_eq!(built.branches().len(), 6);
    assert!(
        built
            .matches_json(r#"{"source": "aws.ec2", "c": {"d": 3}, "f": 5}"#)
            .unwrap()
    );
    assert!(
        !built
            .matches_json(r#"{"source": "aws.ec2", "c": {"d": 3}}"#)
            .unwrap()
    );
    // A clone is independent of its original.
    let copy = p.clone().field("g", [6]);
    assert_ne!(copy.to_json(), p.to_json());
}

/// The builder's error equals the parser's for the same (compact) text, and the reason is the
/// one the text gets however it is spaced.
fn assert_same_error(builder: PatternBuilder, spaced_text: &str, reason: &str) {
    let text = compact(spaced_text);
    assert_eq!(builder.to_json(), text);
    let from_builder = builder.build().unwrap_err();
    assert_eq!(from_builder, Pattern::parse(&text).unwrap_err());
    let from_spaced = Pattern::parse(spaced_text).unwrap_err();
    let reason_of = |e: &Error| match e {
        Error::InvalidEventPattern(p) => p.reason().to_owned(),
        other => other.to_string(),
    };
    assert_eq!(reason_of(&from_builder), reason);
    assert_eq!(reason_of(&from_spaced), reason);
}

#[test]
fn invalid_combinations_get_the_aws_errors_of_the_text() {
    let b = Pattern::builder;
    assert_same_error(b(), "{ }", "Empty objects are not allowed");
    assert_same_error(
        b().field("a", Vec::<Match>::new()),
        r#"{"a": []}"#,
        "Empty arrays are not allowed",
    );
    assert_same_error(
        b().any_of([b().field("a", [1])]),
        r#"{"$or": [{"a": [1]}]}"#,
        "There must have at least 2 Objects in $or relationship.",
    );
    assert_same_error(
        b().any_of([b().field("a", [1]), b()]),
        r#"{"$or": [{"a": [1]}, {}]}"#,
        "Empty objects are not allowed",
    );
    assert_same_error(
        b().any_of([b().field("prefix", [1]), b().field("b", [2])]),
        r#"{"$or": [{"prefix": [1]}, {"b": [2]}]}"#,
        "prefix is Ruler reserved fieldName which cannot be used inside $or.",
    );
    assert_same_error(
        b().field("n", [Match::numeric().greater_than(5).less_than(1)]),
        r#"{"n": [{"numeric": [">", 5, "<", 1]}]}"#,
        "Bottom must be less than top",
    );
    assert_same_error(
        b().field("n", [Match::numeric()]),
        r#"{"n": [{"numeric": []}]}"#,
        "Invalid member in numeric match: ]",
    );
    assert_same_error(
        b().field("n", [Match::numeric().less_than(5).at_most(6)]),
        r#"{"n": [{"numeric": ["<", 5, "<=", 6]}]}"#,
        "Too many elements in numeric expression",
    );
    assert_same_error(
        b().field("n", [Match::numeric().greater_than(1).at_least(2)]),
        r#"{"n": [{"numeric": [">", 1, ">=", 2]}]}"#,
        "Bad numeric range operator: >=",
    );
    assert_same_error(
        b().field(
            "n",
            [Match::numeric().greater_than("1e400".parse::<Number>().unwrap())],
        ),
        r#"{"n": [{"numeric": [">", 1e400]}]}"#,
        "Cannot compare number : 1e400",
    );
    assert_same_error(
        b().field(
            "a",
            [Match::anything_but(vec![
                Literal::from("x"),
                Literal::from(1),
            ])],
        ),
        r#"{"a": [{"anything-but": ["x", 1]}]}"#,
        "Inside anything but list, either all values are number or string, mixed type is not supported",
    );
    assert_same_error(
        b().field("a", [Match::anything_but_prefix(5)]),
        r#"{"a": [{"anything-but": {"prefix": 5}}]}"#,
        "prefix/suffix match pattern must be a string",
    );
    assert_same_error(
        b().field("a", [Match::anything_but_suffix("")]),
        r#"{"a": [{"anything-but": {"suffix": ""}}]}"#,
        "Null prefix/suffix not allowed",
    );
    assert_same_error(
        b().field("a", [Match::wildcard("a**")]),
        r#"{"a": [{"wildcard": "a**"}]}"#,
        "Consecutive wildcard characters at pos 2",
    );
}

#[test]
fn errors_without_location_and_non_numbers_match_the_text_too() {
    // CIDR errors carry no location; compare the whole error.
    let built = Pattern::builder()
        .field("ip", [Match::cidr("10.0.0.0/33")])
        .build()
        .unwrap_err();
    assert_eq!(
        built,
        Pattern::parse(r#"{"ip": [{"cidr": "10.0.0.0/33"}]}"#).unwrap_err()
    );
    // A float JSON cannot hold is written as the token JSON refuses.
    let nan = Pattern::builder().field("a", [f64::NAN]);
    assert_eq!(nan.to_json(), r#"{"a":[NaN]}"#);
    assert_eq!(
        nan.build().unwrap_err(),
        Pattern::parse(r#"{"a":[NaN]}"#).unwrap_err()
    );
    // Limits apply as to text.
    let long = Pattern::builder().field("a", [String::from("x").repeat(5000)]);
    let err = long.build().unwrap_err();
    assert_eq!(err.code().as_str(), "ValidationException");
    let tight = PatternLimits::default().with_max_or_combinations(1);
    let or = Pattern::builder().any_of([
        Pattern::builder().field("a", [1]),
        Pattern::builder().field("b", [2]),
    ]);
    assert!(or.build().is_ok());
    assert!(matches!(
        or.build_with(&tight),
        Err(Error::InvalidEventPattern(e)) if e == PatternError::bare(crate::pattern::parse::too_many_combinations(1))
    ));
}

#[test]
fn deep_paths_and_or_nesting_do_not_recurse() {
    let names: Vec<String> = (0..50_000).map(|i| format!("n{i}")).collect();
    let deep = Pattern::builder().field(names, [1]);
    let text = deep.clone().to_json();
    assert!(text.starts_with(r#"{"n0":{"n1":{"#));
    // Too deep for the parser's limit: the JSON reader's error, no overflow.
    assert!(deep.build().is_err());
    let mut or = Pattern::builder().field("x", [0]);
    for i in 0..3_000 {
        or = Pattern::builder().any_of([or, Pattern::builder().field("y", [i])]);
    }
    let copy = or.clone();
    assert_eq!(copy.to_json().len(), or.to_json().len());
    drop(copy);
}

// --- property test: the builder against text written independently ----------------------------

/// One value-list element, as the builder writes it and as JSON.
fn element() -> impl Strategy<Value = (Match, J)> {
    let word = prop_oneof![
        Just("a"),
        Just("ab"),
        Just("B"),
        Just("aws.ec2"),
        Just("10.0.0.1"),
        Just("")
    ];
    let nonempty = prop_oneof![Just("a"), Just("ab"), Just("B"), Just("aws.")];
    let small = -3i64..4;
    prop_oneof![
        word.clone().prop_map(|w| (Match::from(w), json!(w))),
        small.clone().prop_map(|n| (Match::from(n), json!(n))),
        any::<bool>().prop_map(|b| (Match::from(b), json!(b))),
        Just((Match::null(), J::Null)),
        word.clone()
            .prop_map(|w| (Match::exactly(w), json!({"exactly": w}))),
        word.clone()
            .prop_map(|w| (Match::prefix(w), json!({"prefix": w}))),
        word.clone()
            .prop_map(|w| (Match::suffix(w), json!({"suffix": w}))),
        word.clone().prop_map(|w| (
            Match::equals_ignore_case(w),
            json!({"equals-ignore-case": w})
        )),
        word.clone().prop_map(|w| (
            Match::prefix_equals_ignore_case(w),
            json!({"prefix": {"equals-ignore-case": w}})
        )),
        word.clone().prop_map(|w| (
            Match::suffix_equals_ignore_case(w),
            json!({"suffix": {"equals-ignore-case": w}})
        )),
        prop_oneof![Just("a*"), Just("*b"), Just("a*b"), Just("*")]
            .prop_map(|w| (Match::wildcard(w), json!({"wildcard": w}))),
        prop_oneof![Just("10.0.0.0/8"), Just("10.0.0.0/30")]
            .prop_map(|c| (Match::cidr(c), json!({"cidr": c}))),
        any::<bool>().prop_map(|b| (Match::exists(b), json!({"exists": b}))),
        word.clone()
            .prop_map(|w| (Match::anything_but(w), json!({"anything-but": w}))),
        proptest::collection::vec(word.clone(), 1..3)
            .prop_map(|ws| (Match::anything_but(ws.clone()), json!({"anything-but": ws}))),
        proptest::collection::vec(small.clone(), 1..3)
            .prop_map(|ns| (Match::anything_but(ns.clone()), json!({"anything-but": ns}))),
        proptest::collection::vec(nonempty.clone(), 1..3).prop_map(|ws| (
            Match::anything_but_prefix(ws.clone()),
            json!({"anything-but": {"prefix": ws}})
        )),
        nonempty.clone().prop_map(|w| (
            Match::anything_but_suffix(w),
            json!({"anything-but": {"suffix": w}})
        )),
        word.clone().prop_map(|w| (
            Match::anything_but_equals_ignore_case(w),
            json!({"anything-but": {"equals-ignore-case": w}})
        )),
        prop_oneof![Just("a*"), Just("*b")].prop_map(|w| (
            Match::anything_but_wildcard([w]),
            json!({"anything-but": {"wildcard": [w]}})
        )),
        (small.clone(), 0usize..5).prop_map(|(n, op)| {
            let ops = ["=", "<", "<=", ">", ">="];
            let m = Match::numeric();
            let m = match op {
                0 => m.equal_to(n),
                1 => m.less_than(n),
                2 => m.at_most(n),
                3 => m.greater_than(n),
                _ => m.at_least(n),
            };
            (m.into(), json!({"numeric": [ops[op], n]}))
        }),
        (small.clone(), 1i64..4, any::<bool>(), any::<bool>()).prop_map(|(lo, w, li, hi)| {
            let m = Match::numeric();
            let m = if li {
                m.at_least(lo)
            } else {
                m.greater_than(lo)
            };
            let m = if hi {
                m.at_most(lo + w)
            } else {
                m.less_than(lo + w)
            };
            let (a, b) = (if li { ">=" } else { ">" }, if hi { "<=" } else { "<" });
            (m.into(), json!({"numeric": [a, lo, b, lo + w]}))
        }),
    ]
}

/// Leaf fields `a`, `b`; nested fields `c.x`, `c.y`, `d.x`: a path is never a prefix of another.
const PATHS: [&[&str]; 5] = [&["a"], &["b"], &["c", "x"], &["c", "y"], &["d", "x"]];

type Fields = Vec<(usize, Vec<(Match, J)>)>;

fn fields() -> impl Strategy<Value = Fields> {
    proptest::collection::vec(
        (0..PATHS.len(), proptest::collection::vec(element(), 1..3)),
        1..4,
    )
    .prop_map(|mut fs| {
        fs.sort_by_key(|f| f.0);
        fs.dedup_by_key(|f| f.0);
        fs
    })
}

fn write(
    fields: &Fields,
    mut builder: PatternBuilder,
    object: &mut serde_json::Map<String, J>,
) -> PatternBuilder {
    for (path, elements) in fields {
        let names = PATHS[*path];
        builder = builder.field(names, elements.iter().map(|(m, _)| m.clone()));
        let list = J::Array(elements.iter().map(|(_, j)| j.clone()).collect());
        match names {
            [leaf] => {
                object.insert((*leaf).to_owned(), list);
            }
            [outer, inner] => {
                let entry = object
                    .entry((*outer).to_owned())
                    .or_insert_with(|| json!({}));
                entry[*inner] = list;
            }
            _ => unreachable!(),
        }
    }
    builder
}

/// A builder and the same pattern as JSON: top-level fields and maybe a `$or` over `e`/`f`.
fn pattern() -> impl Strategy<Value = (PatternBuilder, String)> {
    let alternative = proptest::collection::vec(
        (
            prop_oneof![Just("e"), Just("f")],
            proptest::collection::vec(element(), 1..3),
        ),
        1..3,
    );
    (
        fields(),
        proptest::option::of(proptest::collection::vec(alternative, 2..4)),
    )
        .prop_map(|(fields, or)| {
            let mut object = serde_json::Map::new();
            let mut builder = write(&fields, Pattern::builder(), &mut object);
            if let Some(alternatives) = or {
                let mut builders = Vec::new();
                let mut objects = Vec::new();
                for alt in alternatives {
                    let mut b = Pattern::builder();
                    let mut o = serde_json::Map::new();
                    for (name, elements) in alt {
                        // The builder appends to a repeated name; so does the JSON side.
                        b = b.field(name, elements.iter().map(|(m, _)| m.clone()));
                        let list = o.entry(name.to_owned()).or_insert_with(|| json!([]));
                        list.as_array_mut()
                            .unwrap()
                            .extend(elements.into_iter().map(|(_, j)| j));
                    }
                    builders.push(b);
                    objects.push(J::Object(o));
                }
                builder = builder.any_of(builders);
                object.insert("$or".to_owned(), J::Array(objects));
            }
            (builder, J::Object(object).to_string())
        })
}

fn event() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        prop_oneof![
            Just("a"),
            Just("ab"),
            Just("AB"),
            Just("b"),
            Just("aws.ec2"),
            Just("10.0.0.1"),
            Just("10.0.0.3"),
            Just("xab"),
            Just("")
        ]
        .prop_map(|s| json!(s)),
        (-4i64..6).prop_map(|n| json!(n)),
        any::<bool>().prop_map(|b| json!(b)),
        Just(J::Null),
    ];
    let list = proptest::collection::vec(value.clone(), 0..3).prop_map(J::Array);
    let leaf = prop_oneof![3 => value, 1 => list];
    let maybe = proptest::option::weighted(0.7, leaf);
    (proptest::collection::vec(maybe, 7),).prop_map(|(vs,)| {
        let mut event = serde_json::Map::new();
        let mut put = |path: &[&str], v: &Option<J>| {
            if let Some(v) = v {
                match path {
                    [leaf] => {
                        event.insert((*leaf).to_owned(), v.clone());
                    }
                    [outer, inner] => {
                        let o = event
                            .entry((*outer).to_owned())
                            .or_insert_with(|| json!({}));
                        o[*inner] = v.clone();
                    }
                    _ => unreachable!(),
                }
            }
        };
        for (i, path) in PATHS.iter().enumerate() {
            put(path, &vs[i]);
        }
        put(&["e"], &vs[5]);
        put(&["f"], &vs[6]);
        J::Object(event).to_string()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn built_patterns_equal_their_independently_written_text(
        (builder, text) in pattern(),
        events in proptest::collection::vec(event(), 8),
    ) {
        let built = builder.build();
        let parsed = Pattern::parse(&text);
        match (&built, &parsed) {
            (Ok(built), Ok(parsed)) => {
                prop_assert_eq!(built, parsed);
                // builder → text → parse → the same pattern, and the text is a fixpoint.
                let again = Pattern::parse(&built.to_json()).unwrap();
                prop_assert_eq!(&again, built);
                prop_assert_eq!(again.to_json(), built.to_json());
                for event in &events {
                    prop_assert_eq!(
                        built.matches_json(event).unwrap(),
                        parsed.matches_json(event).unwrap(),
                        "{} on {}", text, event
                    );
                }
            }
            // Some random combinations are invalid (an IP literal with `exactly` is fine, but a
            // wildcard set may be too complex): then both are refused with the same reason.
            (Err(Error::InvalidEventPattern(b)), Err(Error::InvalidEventPattern(p))) => {
                prop_assert_eq!(b.reason(), p.reason());
            }
            (b, p) => prop_assert!(false, "builder {:?} vs text {:?} for {}", b, p, text),
        }
    }
}
