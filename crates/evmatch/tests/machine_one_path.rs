//! Many rules of one operator family on one path, with removals: `anything-but` in every form
//! (reported as a complement of what the value's operands exclude) and `cidr` blocks with
//! IP-address literals (looked up by parsed address). The machine must report, for every
//! event, exactly the live rules whose pattern matches it by the reference evaluator, which
//! tests each condition on its own.
//!
//! Case count: `PROPTEST_CASES` (default 256).

use evmatch::{Machine, Pattern};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

const STRINGS: &[&str] = &[
    "x",
    "X",
    "xy",
    "a",
    "ab",
    "a\\\"",
    "\\\"a",
    "10.0.0.1",
    "010.0.0.1",
    "ß",
    "SS",
    "",
];
const WILDCARDS: &[&str] = &["*", "x*", "*y", "x*y", "*b*", "", "ab"];
/// Operands (all comparable: `anything-but` refuses others).
const NUMBERS: &[&str] = &["0", "-0", "1", "1.0", "2.5", "100", "1e2"];
const BLOCKS: &[&str] = &[
    "10.0.0.0/8",
    "10.0.0.0/24",
    "10.0.1.0/24",
    "0.0.0.0/0",
    "::/0",
    "a00::/16",
    "2001:db8::/32",
];
const LITERALS: &[&str] = &["10.0.0.1", "a00:1::", "2001:db8::1"];

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

fn pick(pool: &'static [&'static str], quote: bool) -> BoxedStrategy<String> {
    prop::sample::select(pool)
        .prop_map(move |s| if quote { q(s) } else { s.to_string() })
        .boxed()
}

fn list(s: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        s.clone(),
        prop::collection::vec(s, 1..3).prop_map(|v| format!("[{}]", v.join(","))),
    ]
}

/// One `anything-but` value-list element of any form.
fn anything_but() -> BoxedStrategy<String> {
    let non_empty = pick(STRINGS, true)
        .prop_filter("non-empty", |s| s != "\"\"")
        .boxed();
    prop_oneof![
        list(pick(STRINGS, true)).prop_map(|s| format!(r#"{{"anything-but":{s}}}"#)),
        list(pick(NUMBERS, false)).prop_map(|s| format!(r#"{{"anything-but":{s}}}"#)),
        list(non_empty.clone()).prop_map(|s| format!(r#"{{"anything-but":{{"prefix":{s}}}}}"#)),
        list(non_empty).prop_map(|s| format!(r#"{{"anything-but":{{"suffix":{s}}}}}"#)),
        list(pick(STRINGS, true))
            .prop_map(|s| format!(r#"{{"anything-but":{{"equals-ignore-case":{s}}}}}"#)),
        list(pick(WILDCARDS, true))
            .prop_map(|s| format!(r#"{{"anything-but":{{"wildcard":{s}}}}}"#)),
    ]
    .boxed()
}

/// One `cidr` block or IP-address literal.
fn ip() -> BoxedStrategy<String> {
    prop_oneof![
        pick(BLOCKS, false).prop_map(|b| format!(r#"{{"cidr":"{b}"}}"#)),
        pick(LITERALS, true),
    ]
    .boxed()
}

/// A rule on `a`: one or two elements of the family, alone or beside a check on `z`.
fn rule(element: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    (prop::collection::vec(element, 1..3), 0..3u8).prop_map(|(els, sibling)| {
        let a = format!("[{}]", els.join(","));
        match sibling {
            0 => format!(r#"{{"a":{a}}}"#),
            1 => format!(r#"{{"a":{a},"z":["1"]}}"#),
            _ => format!(r#"{{"a":{a},"z":[{{"exists":false}}]}}"#),
        }
    })
}

fn events() -> Vec<String> {
    let mut values: Vec<String> = STRINGS.iter().map(|s| q(s)).collect();
    values.extend(
        [
            "xzy",
            "abab",
            "ss",
            "10.0.0.7",
            "10.0.1.0",
            "11.0.0.0",
            "a00:ff::",
            "a00:1::",
            "255.255.255.255",
            "2001:DB8::2",
            "::1",
        ]
        .map(q),
    );
    values.extend(NUMBERS.iter().map(|s| s.to_string()));
    values.push("1e400".to_string());
    values.extend(["true", "null"].map(str::to_string));
    let mut out = Vec::new();
    for v in &values {
        out.push(format!(r#"{{"a":{v}}}"#));
        out.push(format!(r#"{{"a":{v},"z":"1"}}"#));
    }
    out.push(r#"{"a":["x","y"],"z":"1"}"#.to_string());
    out.push(r#"{"a":["10.0.0.1","::1"]}"#.to_string());
    out.push(r#"{"z":"1"}"#.to_string());
    out
}

/// Add every rule, check, remove the chosen ones, check again.
fn run(rules: &[String], removals: &[prop::sample::Index]) -> Result<(), TestCaseError> {
    let patterns: Vec<Pattern> = rules.iter().map(|r| Pattern::parse(r).unwrap()).collect();
    let mut live = vec![true; rules.len()];
    let mut m = Machine::new();
    for (i, r) in rules.iter().enumerate() {
        m.add_rule(i, r).unwrap();
    }
    let events = events();
    let check = |m: &Machine<usize>, live: &[bool]| -> Result<(), TestCaseError> {
        for e in &events {
            let mut got = m.matches_for_event(e.as_bytes()).unwrap();
            got.sort_unstable();
            let want: Vec<usize> = (0..patterns.len())
                .filter(|&i| live[i] && patterns[i].matches_json(e).unwrap())
                .collect();
            prop_assert_eq!(got, want, "{}", e);
        }
        Ok(())
    };
    check(&m, &live)?;
    for r in removals {
        let i = r.index(rules.len());
        if live[i] {
            live[i] = false;
            m.remove_rule(&i);
        }
    }
    check(&m, &live)?;
    prop_assert_eq!(m.len(), live.iter().filter(|&&l| l).count());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn many_anything_buts_on_one_path(
        rules in prop::collection::vec(rule(anything_but()), 1..40),
        removals in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
    ) {
        run(&rules, &removals)?;
    }

    #[test]
    fn many_ip_blocks_on_one_path(
        rules in prop::collection::vec(rule(ip()), 1..40),
        removals in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
    ) {
        run(&rules, &removals)?;
    }
}
