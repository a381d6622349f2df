//! The trigger design of the many-rule machine: every operator must give the reference result
//! whether it is a branch's trigger (registered in the per-path value indexes) or a field check
//! run only for candidate branches, with any mix of rules sharing keys, and removal must undo it all.

use evmatch::{Machine, Pattern};

/// Value lists covering every operator and the index edge cases (quoted prefix/suffix quirks,
/// multi-character and asymmetric case mappings, astral characters, IP spellings, wildcards
/// with and without literal ends).
const LISTS: &[&str] = &[
    r#"["x"]"#,
    r#"[{"exactly":"x"}]"#,
    r#"["10.0.0.1"]"#,
    r#"["2001:db8::1"]"#,
    r#"[5]"#,
    r#"[1e400]"#,
    r#"[true]"#,
    r#"[null]"#,
    r#"[{"prefix":"ab"}]"#,
    r#"[{"prefix":""}]"#,
    r#"[{"prefix":"a\""}]"#,
    r#"[{"suffix":".png"}]"#,
    r#"[{"suffix":""}]"#,
    r#"[{"suffix":"\"a"}]"#,
    r#"[{"prefix":{"equals-ignore-case":"EventB"}}]"#,
    r#"[{"suffix":{"equals-ignore-case":".PNG"}}]"#,
    r#"[{"equals-ignore-case":"ABC"}]"#,
    r#"[{"equals-ignore-case":"straße"}]"#,
    r#"[{"equals-ignore-case":"ẞ"}]"#,
    r#"[{"equals-ignore-case":"K"}]"#,
    r#"[{"equals-ignore-case":"ǅ"}]"#,
    r#"[{"equals-ignore-case":"😀"}]"#,
    r#"[{"equals-ignore-case":"é"}]"#,
    r#"[{"equals-ignore-case":""}]"#,
    r#"[{"wildcard":"abc"}]"#,
    r#"[{"wildcard":"a*"}]"#,
    r#"[{"wildcard":"*.png"}]"#,
    r#"[{"wildcard":"a*c"}]"#,
    r#"[{"wildcard":"*b*"}]"#,
    r#"[{"wildcard":"*"}]"#,
    r#"[{"wildcard":""}]"#,
    r#"[{"wildcard":"a\\*b"}]"#,
    r#"[{"cidr":"10.0.0.0/24"}]"#,
    r#"[{"numeric":[">",0,"<=",5]}]"#,
    r#"[{"numeric":["=",5]}]"#,
    r#"[{"anything-but":"x"}]"#,
    r#"[{"anything-but":[5]}]"#,
    r#"[{"anything-but":{"prefix":"a"}}]"#,
    r#"[{"anything-but":{"suffix":"g"}}]"#,
    r#"[{"anything-but":{"equals-ignore-case":"X"}}]"#,
    r#"[{"anything-but":{"wildcard":"*b*"}}]"#,
    r#"[{"exists":true}]"#,
    r#"[{"exists":false}]"#,
    r#"[{"exists":false},"x"]"#,
    r#"["x",{"prefix":"ab"},{"anything-but":"y"}]"#,
];

const VALUES: &[&str] = &[
    r#""x""#,
    r#""X""#,
    r#""y""#,
    r#""""#,
    r#""ab""#,
    r#""abc""#,
    r#""aBc""#,
    r#""ABC""#,
    r#""a""#,
    r#""a.png""#,
    r#""A.PNG""#,
    r#""eventbridge""#,
    r#""STRASSE""#,
    r#""strasse""#,
    r#""straße""#,
    r#""ß""#,
    r#""k""#,
    r#""K""#,
    r#""ǆ""#,
    r#""ǅ""#,
    r#""??""#,
    r#""😀""#,
    r#""É""#,
    r#""é""#,
    r#""a*b""#,
    r#""axb""#,
    r#""10.0.0.1""#,
    r#""010.000.000.001""#,
    r#""10.0.0.77""#,
    r#""2001:DB8:0:0:0:0:0:1""#,
    r#""5""#,
    "5",
    "5.0",
    "0",
    "1e400",
    "true",
    "false",
    "null",
];

fn events() -> Vec<String> {
    let mut out = vec!["{}".to_string(), r#"{"a":[]}"#.to_string()];
    for v in VALUES {
        out.push(format!(r#"{{"a":{v},"z":"1"}}"#));
        out.push(format!(r#"{{"a":{v}}}"#));
        out.push(format!(r#"{{"a":[{v},"y"],"z":["1"]}}"#));
        // Arrays of objects: `a` and `z` from the same or from different elements.
        out.push(format!(r#"{{"o":[{{"a":{v},"z":"1"}}]}}"#));
        out.push(format!(r#"{{"o":[{{"a":{v}}},{{"z":"1"}}]}}"#));
    }
    out
}

/// Patterns: each list alone, with an exact sibling (so it is not the trigger), and with an
/// `anything-but` sibling (so it is the trigger), at the top level and inside `o`.
fn patterns() -> Vec<String> {
    let mut out = Vec::new();
    for l in LISTS {
        out.push(format!(r#"{{"a":{l}}}"#));
        out.push(format!(r#"{{"a":{l},"z":["1"]}}"#));
        out.push(format!(r#"{{"a":{l},"z":[{{"anything-but":"2"}}]}}"#));
        out.push(format!(r#"{{"a":{l},"z":[{{"exists":false}}]}}"#));
        out.push(format!(r#"{{"o":{{"a":{l},"z":["1"]}}}}"#));
        out.push(format!(r#"{{"o":{{"a":{l},"z":[{{"exists":false}}]}}}}"#));
        out.push(format!(r#"{{"o":{{"z":["1"],"a":{l}}}}}"#));
    }
    out
}

fn expected(patterns: &[Pattern], live: &[bool], event: &str) -> Vec<usize> {
    (0..patterns.len())
        .filter(|&i| live[i] && patterns[i].matches_json(event).unwrap())
        .collect()
}

fn sorted(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v
}

#[test]
fn every_operator_as_trigger_or_field_check_agrees_with_reference() {
    let texts = patterns();
    let parsed: Vec<Pattern> = texts.iter().map(|t| Pattern::parse(t).unwrap()).collect();
    let mut m = Machine::new();
    for (i, t) in texts.iter().enumerate() {
        m.add_rule(i, t).unwrap();
    }
    let live = vec![true; texts.len()];
    for e in events() {
        let got = sorted(m.matches_for_event(e.as_bytes()).unwrap());
        assert_eq!(got, expected(&parsed, &live, &e), "{e}");
    }
    // Remove every other rule, then the rest: results follow, and nothing is left behind.
    let mut live = live;
    for i in (0..texts.len()).step_by(2) {
        assert!(m.remove_rule(&i));
        live[i] = false;
    }
    for e in events() {
        let got = sorted(m.matches_for_event(e.as_bytes()).unwrap());
        assert_eq!(got, expected(&parsed, &live, &e), "{e}");
    }
    for i in (1..texts.len()).step_by(2) {
        assert!(m.remove_rule(&i));
    }
    let s = m.stats();
    assert_eq!(
        (s.rules, s.branches, s.paths, s.path_nodes),
        (0, 0, 0, 2),
        "{s:?}"
    );
    assert_eq!(
        (s.field_checks, s.index_keys, s.index_entries),
        (0, 0, 0),
        "{s:?}"
    );
}

#[test]
fn shared_keys_and_duplicate_patterns() {
    // Many rules on one exact value with different siblings, one id bound to the same pattern
    // twice, and identical one-field patterns under different ids.
    let mut m = Machine::new();
    for i in 0..50usize {
        m.add_rule(i, &format!(r#"{{"s":["aws.ec2"],"d":["v{i}"]}}"#))
            .unwrap();
    }
    m.add_rule(100, r#"{"s":["aws.ec2"]}"#).unwrap();
    m.add_rule(100, r#"{"s":["aws.ec2"]}"#).unwrap();
    m.add_rule(101, r#"{"s":["aws.ec2"]}"#).unwrap();
    m.add_rule(102, r#"{"s":[{"prefix":"aws."}]}"#).unwrap();
    let got = sorted(m.matches_for_event(br#"{"s":"aws.ec2","d":"v7"}"#).unwrap());
    assert_eq!(got, [7, 100, 101, 102]);
    assert!(m.remove_rule(&101));
    let got = sorted(
        m.matches_for_event(br#"{"s":"aws.ec2","d":["v3","v9"]}"#)
            .unwrap(),
    );
    assert_eq!(got, [3, 9, 100, 102]);
    assert!(m.remove_rule(&100));
    let got = sorted(m.matches_for_event(br#"{"s":"aws.ec2"}"#).unwrap());
    assert_eq!(got, [102]);
}

#[test]
fn stats_count_wildcards_that_are_not_triggers() {
    let mut m = Machine::new();
    m.add_rule(1, r#"{"a":["x"],"b":[{"wildcard":"*a*"}]}"#)
        .unwrap();
    let s = m.stats();
    assert_eq!(s.wildcard_complexity, 3, "{s:?}");
    assert_eq!(s.branches, 1);
    // Root, empty name, `a`, `b`; one check per field; the trigger `x` is one key, one entry.
    assert_eq!(
        (s.path_nodes, s.field_checks, s.index_keys, s.index_entries),
        (4, 2, 1, 1),
        "{s:?}"
    );
    assert!(s.approx_bytes > 0, "{s:?}");
    m.add_rule(2, r#"{"b":[{"anything-but":{"wildcard":"*b*"}}]}"#)
        .unwrap();
    assert!(m.stats().wildcard_complexity > 3);
}

#[test]
fn many_numeric_ranges_across_blocks() {
    // Enough ranges to split the numeric index into blocks, with equal lower bounds spanning
    // blocks, wide ranges early on and removals in between.
    let mut m = Machine::new();
    let mut ranges = Vec::new();
    for i in 0..3000usize {
        let lo = (i % 700) as f64;
        let hi = lo + if i % 97 == 0 { 5000.0 } else { 1.5 };
        ranges.push((lo, hi));
        m.add_rule(
            i,
            &format!(r#"{{"n":[{{"numeric":[">=",{lo},"<",{hi}]}}]}}"#),
        )
        .unwrap();
    }
    let check = |m: &Machine<usize>, live: &dyn Fn(usize) -> bool| {
        for x in [-1.0, 0.0, 0.5, 1.0, 250.25, 699.0, 700.4, 4000.0, 6000.0] {
            let mut got = m
                .matches_for_event(format!(r#"{{"n":{x}}}"#).as_bytes())
                .unwrap();
            got.sort_unstable();
            let want: Vec<usize> = (0..ranges.len())
                .filter(|&i| live(i) && ranges[i].0 <= x && x < ranges[i].1)
                .collect();
            assert_eq!(got, want, "{x}");
        }
    };
    check(&m, &|_| true);
    for i in (0..3000).filter(|i| i % 3 != 0) {
        assert!(m.remove_rule(&i));
    }
    check(&m, &|i| i % 3 == 0);
    for i in (0..3000).step_by(3) {
        assert!(m.remove_rule(&i));
    }
    let s = m.stats();
    assert_eq!(
        (s.path_nodes, s.field_checks, s.index_keys, s.index_entries),
        (2, 0, 0, 0),
        "{s:?}"
    );
}

/// Many wildcards on one field: `stats()` bounds its complexity search (it reports "over the
/// cap" instead of exploring for minutes) and the rules still match.
#[test]
fn stats_on_a_thousand_wildcards_on_one_field_is_bounded() {
    let mut m = Machine::new();
    for i in 0..1000 {
        m.add_rule(i, &format!(r#"{{"f":[{{"wildcard":"*w*wc{i}*"}}]}}"#))
            .unwrap();
    }
    let s = m.stats();
    assert!(s.wildcard_complexity > 1000, "{s:?}");
    let got = m.matches_for_event(br#"{"f":"xx wc17 w wc999"}"#).unwrap();
    // Only "wc9", "wc99" and "wc999" follow a separate `w`.
    assert_eq!(sorted(got), [9, 99, 999]);
}

/// `approx_bytes` counts operand lists, not only the conditions holding them.
#[test]
fn stats_count_anything_but_lists() {
    let small = {
        let mut m = Machine::new();
        m.add_rule(1, r#"{"f":[{"anything-but":["a"]}]}"#).unwrap();
        m.stats().approx_bytes
    };
    let values: Vec<String> = (0..5000).map(|i| format!("\"value-{i:05}\"")).collect();
    let big = format!(r#"{{"f":[{{"anything-but":[{}]}}]}}"#, values.join(","));
    let mut m =
        Machine::with_config(evmatch::MachineConfig::default().with_pattern_limits(
            evmatch::PatternLimits::default().with_max_pattern_chars(usize::MAX),
        ));
    m.add_rule(1, &big).unwrap();
    let grown = m.stats().approx_bytes - small;
    assert!(grown >= 5000 * 11, "{grown}");
}

proptest::proptest! {
    /// `anything-but` lists are looked up by binary search: any list, in any order, with
    /// duplicates, excludes exactly its members — strings by bytes, numbers by value (`-0`,
    /// `0.0` and `0e5` are one number).
    #[test]
    fn anything_but_lists_exclude_exactly_their_members(
        strings in proptest::collection::vec("[ab]{0,3}", 1..40),
        numbers in proptest::collection::vec(
            proptest::sample::select(&["-0", "0", "0.0", "0e5", "1", "1.0", "-1", "2.5", "25e-1", "100", "1e2"][..]),
            1..20,
        ),
        string_value in "[ab]{0,3}",
        number_value in proptest::sample::select(&["-0", "0", "0.0", "1", "-1", "2.5", "100", "3"][..]),
    ) {
        let quoted: Vec<String> = strings.iter().map(|s| format!("\"{s}\"")).collect();
        let string_rule = format!(r#"{{"a": [{{"anything-but": [{}]}}]}}"#, quoted.join(","));
        let number_rule = format!(r#"{{"a": [{{"anything-but": [{}]}}]}}"#, numbers.join(","));
        let value = |t: &str| t.parse::<f64>().unwrap();
        for (rule, event, expected) in [
            (&string_rule, format!(r#"{{"a": "{string_value}"}}"#), !strings.contains(&string_value)),
            (&string_rule, format!(r#"{{"a": {number_value}}}"#), true),
            (&number_rule, format!(r#"{{"a": {number_value}}}"#),
                !numbers.iter().any(|n| value(n) == value(number_value))),
            (&number_rule, format!(r#"{{"a": "{string_value}"}}"#), true),
        ] {
            let pattern = Pattern::parse(rule).unwrap();
            proptest::prop_assert_eq!(pattern.matches_json(&event).unwrap(), expected, "{} {}", rule, event);
            let mut machine = Machine::new();
            machine.add_rule(0, rule).unwrap();
            proptest::prop_assert_eq!(machine.matches_for_event(event.as_bytes()).unwrap() == [0], expected);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Long value lists (which candidate checks look up in an index rather than scan) agree
    /// with the reference, whether the list is the trigger or a field check.
    #[test]
    fn long_value_lists_agree_with_reference(
        picks in proptest::collection::vec(0..LISTS.len(), 9..40),
    ) {
        let elements: Vec<&str> = picks.iter().map(|&i| &LISTS[i][1..LISTS[i].len() - 1]).collect();
        let list = format!("[{}]", elements.join(","));
        let texts = [
            format!(r#"{{"a":{list},"z":["1"]}}"#),
            format!(r#"{{"a":{list},"z":[{{"anything-but":"2"}}]}}"#),
            format!(r#"{{"o":{{"a":{list},"z":["1"]}}}}"#),
        ];
        for text in &texts {
            let Ok(pattern) = Pattern::parse(text) else { continue };
            let mut m = Machine::new();
            m.add_rule(0usize, text).unwrap();
            for e in events() {
                let want = pattern.matches_json(&e).unwrap();
                let got = m.matches_for_event(e.as_bytes()).unwrap() == [0];
                proptest::prop_assert_eq!(got, want, "{} {}", text, e);
            }
        }
    }
}
