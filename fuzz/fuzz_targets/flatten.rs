//! The flattener on arbitrary bytes, through a Machine with rules on common paths: never a
//! panic, and an event is rejected exactly when the reference parser rejects it.
#![no_main]

use std::sync::OnceLock;

use evmatch::Machine;
use libfuzzer_sys::fuzz_target;

fn machine() -> &'static Machine<u32> {
    static M: OnceLock<Machine<u32>> = OnceLock::new();
    M.get_or_init(|| {
        let mut m = Machine::new();
        let rules = [
            r#"{"a": [{"exists": true}]}"#,
            r#"{"a": {"b": [{"prefix": ""}]}}"#,
            r#"{"a.b": [{"numeric": [">", 0]}], "c": [{"exists": false}]}"#,
            r#"{"x": [{"anything-but": "y"}]}"#,
            r#"{"": [{"exists": true}]}"#,
        ];
        for (i, r) in rules.iter().enumerate() {
            m.add_rule(i as u32, r).unwrap();
        }
        m
    })
}

fuzz_target!(|data: &[u8]| {
    let machine_ok = machine().matches_for_event(data).is_ok();
    if let Ok(text) = std::str::from_utf8(data) {
        if data.len() <= machine().config().event_limits.max_bytes {
            let reference_ok = evmatch::Pattern::parse(r#"{"a":["x"]}"#)
                .unwrap()
                .matches_json(text)
                .is_ok();
            assert_eq!(machine_ok, reference_ok, "{text:?}");
        }
    }
});
