//! Pattern parsing never panics, and an accepted pattern never panics when matched against
//! itself as an event.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(pattern) = evmatch::Pattern::parse(text) {
            let _ = pattern.matches_json(text);
        }
    }
});
