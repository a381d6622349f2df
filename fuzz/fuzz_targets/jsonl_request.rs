//! One `evmatch test --jsonl` request line: always exactly one JSON response line, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let response = evmatch_cli::protocol::respond(data);
    assert!(!response.contains('\n'));
    assert!(serde_json::from_str::<serde_json::Value>(&response).is_ok());
});
