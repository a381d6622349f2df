//! The cross-family rule of `cidr` and IP-address literals (docs/semantics.md, `cidr`): an
//! address matches a block when its hex digits (8 for IPv4, 32 for IPv6) are at least as many
//! as the block's and their first (block length) digits lie in the block's range. Each example
//! is checked through the one-rule API and through a machine holding every example's rule.

use evmatch::{Machine, Pattern};

/// (pattern, event, matches)
const EXAMPLES: &[(&str, &str, bool)] = &[
    // An IPv6 value matches an IPv4 block when its first 32 bits lie in it.
    (
        r#"{"a":[{"cidr":"10.0.0.0/24"}]}"#,
        r#"{"a":"a00:ff::"}"#,
        true,
    ),
    (
        r#"{"a":[{"cidr":"10.0.0.0/24"}]}"#,
        r#"{"a":"0a00:0000::"}"#,
        true,
    ),
    (
        r#"{"a":[{"cidr":"10.0.0.0/24"}]}"#,
        r#"{"a":"a00:ff:ffff::1"}"#,
        true,
    ),
    (
        r#"{"a":[{"cidr":"10.0.0.0/24"}]}"#,
        r#"{"a":"a00:100::"}"#,
        false,
    ),
    // An IPv4 value never matches an IPv6 block.
    (
        r#"{"a":[{"cidr":"::/0"}]}"#,
        r#"{"a":"255.255.255.255"}"#,
        false,
    ),
    (
        r#"{"a":[{"cidr":"ffff::/16"}]}"#,
        r#"{"a":"255.255.255.255"}"#,
        false,
    ),
    (r#"{"a":[{"cidr":"::/0"}]}"#, r#"{"a":"0.0.0.0"}"#, false),
    (
        r#"{"a":[{"cidr":"::/0"}]}"#,
        r#"{"a":"::ffff:a00:1"}"#,
        false,
    ),
    (r#"{"a":[{"cidr":"::/0"}]}"#, r#"{"a":"::1"}"#, true),
    // IP-address literals follow the rule as the block of their one address.
    (r#"{"a":["10.0.0.1"]}"#, r#"{"a":"a00:1::"}"#, true),
    (
        r#"{"a":["10.0.0.1"]}"#,
        r#"{"a":"a00:1:0:0:0:0:0:1"}"#,
        true,
    ),
    (r#"{"a":["10.0.0.1"]}"#, r#"{"a":"a00:2::"}"#, false),
    (r#"{"a":["a00:1::"]}"#, r#"{"a":"10.0.0.1"}"#, false),
    (
        r#"{"a":[{"exactly":"10.0.0.1"}]}"#,
        r#"{"a":"a00:1::"}"#,
        false,
    ),
];

#[test]
fn cross_family_examples_through_one_rule() {
    for &(pattern, event, want) in EXAMPLES {
        let got = Pattern::parse(pattern)
            .unwrap()
            .matches_json(event)
            .unwrap();
        assert_eq!(got, want, "{pattern} {event}");
    }
}

#[test]
fn cross_family_examples_through_one_machine() {
    let mut m = Machine::new();
    for (i, &(pattern, _, _)) in EXAMPLES.iter().enumerate() {
        m.add_rule(i, pattern).unwrap();
    }
    for &(pattern, event, want) in EXAMPLES {
        let mut want_ids: Vec<usize> = EXAMPLES
            .iter()
            .enumerate()
            .filter(|(_, (p, _, _))| Pattern::parse(p).unwrap().matches_json(event).unwrap())
            .map(|(i, _)| i)
            .collect();
        want_ids.sort_unstable();
        let mut got = m.matches_for_event(event.as_bytes()).unwrap();
        got.sort_unstable();
        assert_eq!(got, want_ids, "{event}");
        let alone = {
            let mut one = Machine::new();
            one.add_rule(0, pattern).unwrap();
            one.matches_for_event(event.as_bytes()).unwrap() == [0]
        };
        assert_eq!(alone, want, "{pattern} {event}");
    }
}
