//! `test_event_pattern` never panics: the input is split at the first NUL into pattern and event.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (pattern, event) = text.split_once('\0').unwrap_or((text, "{}"));
    let _ = evmatch::test_event_pattern(pattern, event);
});
