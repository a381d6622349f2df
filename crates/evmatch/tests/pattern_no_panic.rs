//! Property tests: no input of any kind makes the parser or `test_event_pattern` panic.

use evmatch::{Pattern, test_event_pattern};
use proptest::prelude::*;

/// Arbitrary JSON text, biased towards pattern vocabulary.
fn json_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("a".to_string()),
        Just("$or".to_string()),
        Just("prefix".to_string()),
        Just("suffix".to_string()),
        Just("anything-but".to_string()),
        Just("numeric".to_string()),
        Just("exists".to_string()),
        Just("cidr".to_string()),
        Just("wildcard".to_string()),
        Just("equals-ignore-case".to_string()),
        Just("exactly".to_string()),
        "[a-z.]{0,3}",
    ];
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| if f.is_finite() {
            format!("{f:e}")
        } else {
            "1e400".into()
        }),
        Just("\">\"".to_string()),
        Just("\"<=\"".to_string()),
        Just("\"10.0.0.0/24\"".to_string()),
        Just("\"*a**\"".to_string()),
        "\"[a-z*\\\\\\\\]{0,4}\"",
    ];
    leaf.prop_recursive(5, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((key.clone(), inner), 0..5).prop_map(|m| {
                let members: Vec<String> =
                    m.into_iter().map(|(k, v)| format!("{k:?}:{v}")).collect();
                format!("{{{}}}", members.join(","))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_never_panics_on_strings(s in ".{0,200}") {
        let _ = Pattern::parse(&s);
        let _ = test_event_pattern(&s, &s);
    }

    #[test]
    fn parse_never_panics_on_json(p in json_text(), e in json_text()) {
        if let Ok(pattern) = Pattern::parse(&p) {
            let _ = pattern.matches_json(&e);
        }
        let _ = test_event_pattern(&p, &e);
    }

    #[test]
    fn truncations_never_panic(p in json_text(), cut in 0usize..200) {
        let mut end = cut.min(p.len());
        while !p.is_char_boundary(end) {
            end -= 1;
        }
        let _ = Pattern::parse(&p[..end]);
    }
}
