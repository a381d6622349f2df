//! Differential: rules and an event taken from the fuzz input (separated by NUL bytes: rules
//! first, the event last); the Machine's matches equal the reference evaluator's.
#![no_main]

use evmatch::{Machine, Pattern};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts: Vec<&str> = text.split('\0').collect();
    let Some(event) = parts.pop() else {
        return;
    };
    let patterns: Vec<Pattern> = parts.iter().filter_map(|p| Pattern::parse(p).ok()).collect();
    if patterns.is_empty() {
        return;
    }
    let mut machine = Machine::new();
    for (i, p) in patterns.iter().enumerate() {
        machine.add_pattern(i, p);
    }
    let Ok(mut got) = machine.matches_for_event(event.as_bytes()) else {
        return;
    };
    got.sort_unstable();
    let want: Vec<usize> = patterns
        .iter()
        .enumerate()
        .filter(|(_, p)| p.matches_json(event).unwrap_or(false))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(got, want, "event {event:?}");
});
