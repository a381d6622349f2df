//! Limits on huge but well-formed input: values per pattern
//! (`PatternLimits::max_values_per_pattern`) and the size of `test_event_pattern`'s event.

mod common;

use common::branches;
use evmatch::{
    Error, EventLimits, Machine, MachineConfig, Pattern, PatternLimits, test_event_pattern,
    test_event_pattern_with,
};

/// Our reason for a pattern with more than `limit` values (AWS has no such limit).
fn too_many_values(limit: usize) -> String {
    format!("Event pattern contains more than {limit} values")
}

/// `{"a":[0,1,…,n-1]}`.
fn numbers(n: usize) -> String {
    let list: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    format!(r#"{{"a":[{}]}}"#, list.join(","))
}

/// Default limits except the pattern length, so the value limit is the one reached.
fn long_patterns() -> PatternLimits {
    PatternLimits::default().with_max_pattern_chars(usize::MAX)
}

fn with_values(n: usize) -> PatternLimits {
    PatternLimits::default().with_max_values_per_pattern(n)
}

fn reason(pattern: &str, limits: &PatternLimits) -> String {
    match Pattern::parse_with(pattern, limits) {
        Err(Error::InvalidEventPattern(e)) => {
            if e.reason().starts_with("Event pattern contains more than") {
                assert!(e.locations().is_empty(), "{pattern}: no location suffix");
            }
            e.reason().to_string()
        }
        other => panic!("{pattern}: expected a pattern error, got {other:?}"),
    }
}

#[test]
fn default_value_limit_is_100000() {
    assert_eq!(PatternLimits::default().max_values_per_pattern, 100_000);
    assert_eq!(
        too_many_values(100_000),
        "Event pattern contains more than 100000 values"
    );
    let err = Pattern::parse_with(&numbers(100_001), &long_patterns()).unwrap_err();
    assert_eq!(err.code().as_str(), "InvalidEventPatternException");
    assert_eq!(
        err.to_string(),
        "Event pattern is not valid. Reason: Event pattern contains more than 100000 values"
    );
    // The longest value list that fits in 4096 characters is far below the limit.
    let fits = format!(r#"{{"a":[{}1]}}"#, "1,".repeat(2043));
    assert_eq!(fits.len(), 4095); // 2044 values
    assert_eq!(branches(&Pattern::parse(&fits).unwrap()), 1);
}

#[test]
fn a_pattern_of_100000_values_parses_and_matches() {
    let text = numbers(100_000);
    let p = Pattern::parse_with(&text, &long_patterns()).unwrap();
    assert!(p.matches_json(r#"{"a": 99999}"#).unwrap());
    assert!(p.matches_json(r#"{"a": [-1, 5e1]}"#).unwrap());
    assert!(!p.matches_json(r#"{"a": 100000}"#).unwrap());
    let mut m = Machine::with_config(MachineConfig::default().with_pattern_limits(long_patterns()));
    m.add_rule("r", &text).unwrap();
    assert_eq!(m.matches_for_event(br#"{"a": 99999}"#).unwrap(), ["r"]);
    assert!(m.matches_for_event(br#"{"a": 1e6}"#).unwrap().is_empty());
    // The Machine applies its configured pattern limits.
    let mut strict = Machine::<&str>::new();
    assert!(strict.add_rule("r", &text).is_err());
}

#[test]
fn what_counts_as_a_value() {
    // (pattern, its value count): each is accepted at that limit and refused one below.
    let cases = [
        (r#"{"a":["x","y"],"b":[1,null,true]}"#, 5),
        (
            r#"{"a":[{"prefix":"p"},{"suffix":"s"},{"wildcard":"w*"}]}"#,
            3,
        ),
        (
            r#"{"a":[{"exists":true},{"cidr":"10.0.0.0/8"},"10.0.0.1"]}"#,
            3,
        ),
        (r#"{"a":[{"equals-ignore-case":"x"},{"exactly":"y"}]}"#, 2),
        (
            r#"{"a":[{"prefix":{"equals-ignore-case":"x"}},{"suffix":{"equals-ignore-case":"y"}}]}"#,
            2,
        ),
        (
            r#"{"a":[{"numeric":[">",0,"<=",5]},{"numeric":["=",7]}]}"#,
            3,
        ),
        (r#"{"a":[{"numeric":["<",0]},{"numeric":[">=",9]}]}"#, 2),
        (r#"{"a":[{"anything-but":["a","b","c"]}]}"#, 3),
        (r#"{"a":[{"anything-but":[1,2,3,4]}]}"#, 4),
        (r#"{"a":[{"anything-but":"a"},{"anything-but":5}]}"#, 2),
        (r#"{"a":[{"anything-but":{"prefix":["a","b"]}}]}"#, 2),
        (r#"{"a":[{"anything-but":{"suffix":"a"}}]}"#, 1),
        (
            r#"{"a":[{"anything-but":{"wildcard":["a*","*b","c"]}}]}"#,
            3,
        ),
        (
            r#"{"a":[{"anything-but":{"equals-ignore-case":["a","b"]}}]}"#,
            2,
        ),
        // An empty list still counts one.
        (r#"{"a":[{"anything-but":{"prefix":[]}},"x"]}"#, 2),
        // `$or` branches count as written, not once per combination (2 branches × 3 would be 6).
        (r#"{"x":["1","2"],"$or":[{"a":["3"]},{"b":["4"]}]}"#, 4),
        (
            r#"{"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":["3","4"]}]}]}"#,
            4,
        ),
        // Nested objects: every leaf list counts.
        (r#"{"d":{"e":{"f":["1"]},"g":["2","3"]}}"#, 3),
    ];
    for (pattern, n) in cases {
        Pattern::parse_with(pattern, &with_values(n)).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        assert_eq!(
            reason(pattern, &with_values(n - 1)),
            too_many_values(n - 1),
            "{pattern}"
        );
    }
    // `$or` read as a field name (second pass) counts its values too; when that pass is over
    // the limit, the first pass's error is reported, as for any pattern both passes refuse.
    let literal_or = r#"{"$or":["a","b","c"]}"#;
    Pattern::parse_with(literal_or, &with_values(3)).unwrap();
    assert_eq!(
        reason(literal_or, &with_values(2)),
        "Only JSON object is allowed in array of $or relationship."
    );
}

#[test]
fn value_limit_is_reported_where_it_is_crossed() {
    // Refused at the fifth value, before the syntax error after it is read.
    assert_eq!(
        reason(r#"{"a":["1","2","3","4","5"],"b":[}"#, &with_values(4)),
        "Event pattern contains more than 4 values"
    );
    // An earlier problem is still reported first.
    assert_eq!(
        reason(r#"{"b":[],"a":["1","2","3","4","5"]}"#, &with_values(4)),
        "Empty arrays are not allowed"
    );
}

/// The mandatory members, then `"detail":` and its value.
const HEAD: &str = r#"{"id":"1","account":"123456789012","source":"aws.ec2","time":"2026-11-27T00:00:00Z","region":"us-east-1","detail-type":"x","detail":"#;

/// An event with the mandatory members, padded to exactly `len` bytes.
fn event_of(len: usize) -> String {
    let (open, close) = (r#"{"pad":""#, r#""}}"#);
    let pad = len - HEAD.len() - open.len() - close.len();
    let e = format!("{HEAD}{open}{}{close}", "p".repeat(pad));
    assert_eq!(e.len(), len);
    e
}

#[test]
fn test_event_pattern_caps_the_event_at_1_mib() {
    let pattern = r#"{"detail":{"pad":[{"prefix":"ppp"}]}}"#;
    assert!(test_event_pattern(pattern, &event_of(1 << 20)).unwrap());
    let err = test_event_pattern(pattern, &event_of((1 << 20) + 1)).unwrap_err();
    assert_eq!(err.code().as_str(), "ValidationException");
    assert_eq!(err.to_string(), "Parameter Event is not valid.");
    // The size is checked before the event is read: malformed or not, the answer is the same.
    let junk = "x".repeat((1 << 20) + 1);
    assert_eq!(
        test_event_pattern(pattern, &junk).unwrap_err().to_string(),
        "Parameter Event is not valid."
    );
    // Bytes, not characters: 2-byte characters reach the limit at half the count.
    let wide = event_of(1 << 20).replacen(&"p".repeat(1000), &"é".repeat(1000), 1);
    assert!(test_event_pattern(pattern, &wide).is_err());
}

#[test]
fn test_event_pattern_with_takes_the_machine_limits() {
    let pattern = r#"{"detail":{"pad":[{"prefix":"p"}]}}"#;
    let defaults = PatternLimits::default();
    let big = event_of(3 << 20);
    assert!(test_event_pattern(pattern, &big).is_err());
    let raised = EventLimits::default().with_max_bytes(4 << 20);
    assert!(test_event_pattern_with(pattern, &big, &defaults, &raised).unwrap());
    // The same limits give the Machine's answer.
    let mut m = Machine::with_config(MachineConfig::default().with_event_limits(raised));
    m.add_rule("r", pattern).unwrap();
    assert_eq!(m.matches_for_event(big.as_bytes()).unwrap(), ["r"]);

    let small = EventLimits::default().with_max_bytes(100);
    let err = test_event_pattern_with(pattern, &event_of(200), &defaults, &small).unwrap_err();
    assert_eq!(err.to_string(), "Parameter Event is not valid.");

    // Depth: 10 levels inside `detail` is refused at depth 5, read by default.
    let deep = format!(
        r#"{HEAD}{}{{"pad":"ppp"}}{}}}"#,
        r#"{"n":"#.repeat(10),
        "}".repeat(10)
    );
    assert!(!test_event_pattern(pattern, &deep).unwrap());
    assert!(test_event_pattern(r#"{"detail":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"pad":["ppp"]}}}}}}}}}}}}"#, &deep).unwrap());
    let shallow = EventLimits::default().with_max_depth(5);
    assert_eq!(
        test_event_pattern_with(pattern, &deep, &defaults, &shallow)
            .unwrap_err()
            .to_string(),
        "Parameter Event is not valid."
    );

    // Pattern limits come from `pattern_limits`.
    let err = test_event_pattern_with(
        r#"{"source":["a","b","c"]}"#,
        &event_of(200),
        &with_values(2),
        &EventLimits::default(),
    )
    .unwrap_err();
    assert_eq!(err.code().as_str(), "InvalidEventPatternException");
    assert_eq!(
        err.to_string(),
        "Event pattern is not valid. Reason: Event pattern contains more than 2 values"
    );
}

/// Limits that let a pattern nest as deep as it likes.
fn unbounded_patterns() -> PatternLimits {
    PatternLimits::default()
        .with_max_pattern_chars(usize::MAX)
        .with_max_depth(usize::MAX)
        .with_max_or_combinations(usize::MAX)
}

/// Patterns nested 100,000 deep (objects) and 50,000 deep (`$or` in `$or`) parse, expand,
/// match and drop on a test thread's default stack: the parser, the `$or` expansion and the
/// parse tree's drop use explicit stacks, not recursion.
#[test]
fn deeply_nested_patterns_do_not_recurse() {
    let depth = 100_000;
    let nested = format!("{}[\"x\"]{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
    let p = Pattern::parse_with(&nested, &unbounded_patterns()).unwrap();
    assert_eq!(branches(&p), 1);
    let event = format!("{}\"x\"{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
    let mut m = Machine::with_config(
        MachineConfig::default()
            .with_pattern_limits(unbounded_patterns())
            .with_event_limits(EventLimits::default().with_max_depth(usize::MAX)),
    );
    m.add_rule(1, &nested).unwrap();
    assert_eq!(m.matches_for_event(event.as_bytes()).unwrap(), [1]);

    // `$or` inside `$or`: each level adds one branch.
    let levels = 50_000;
    let mut ors = String::new();
    for i in 0..levels {
        ors.push_str(&format!(r#"{{"$or":[{{"b{i}":["y"]}},"#));
    }
    ors.push_str(r#"{"a":["x"]}"#);
    ors.push_str(&"]}".repeat(levels));
    let p = Pattern::parse_with(&ors, &unbounded_patterns()).unwrap();
    assert_eq!(branches(&p), levels + 1);
    assert!(p.matches_json(r#"{"b49999": "y"}"#).unwrap());
    // Refused by the combination limit after the whole tree was read: the tree is dropped.
    let limited = unbounded_patterns().with_max_or_combinations(1000);
    assert_eq!(
        reason(&ors, &limited),
        "Event pattern contains more than 1000 rule combinations"
    );
}

/// A branch of 20,000 fields matched against an array of objects: the array-consistency
/// search (machine and reference evaluator) runs one step per field with its own stack, not
/// the call stack.
#[test]
fn wide_branches_over_arrays_of_objects_do_not_recurse() {
    let n = 20_000;
    let fields: Vec<String> = (0..n).map(|i| format!(r#""f{i}":[{i}]"#)).collect();
    let pattern = format!(r#"{{"a":{{{}}}}}"#, fields.join(","));
    let limits = PatternLimits::default()
        .with_max_pattern_chars(usize::MAX)
        .with_max_fields_per_branch(n);
    let p = Pattern::parse_with(&pattern, &limits).unwrap();
    let members: Vec<String> = (0..n).map(|i| format!(r#""f{i}":{i}"#)).collect();
    let one = format!(r#"{{"a":[{{"x":0}},{{{}}}]}}"#, members.join(","));
    // The same values split over two elements of the array: no consistent choice.
    let (head, tail) = members.split_at(n / 2);
    let split = format!(r#"{{"a":[{{{}}},{{{}}}]}}"#, head.join(","), tail.join(","));
    assert!(p.matches_json(&one).unwrap());
    assert!(!p.matches_json(&split).unwrap());
    let mut m = Machine::with_config(MachineConfig::default().with_pattern_limits(limits));
    m.add_pattern(1, &p);
    assert_eq!(m.matches_for_event(one.as_bytes()).unwrap(), [1]);
    assert!(m.matches_for_event(split.as_bytes()).unwrap().is_empty());
}
