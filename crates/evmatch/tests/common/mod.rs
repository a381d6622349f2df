//! Fixtures shared by the engine's integration tests: the test data under `tests/data` and
//! small helpers. (Each test binary uses part of it.)
#![allow(dead_code)]

use evmatch::{Machine, Pattern};
use serde_json::Value;

/// The number of branches `pattern` expands to (one per combination of its `$or`
/// alternatives), as a machine counts them.
pub fn branches(pattern: &Pattern) -> usize {
    let mut m = Machine::new();
    m.add_pattern(0, pattern);
    m.stats().branches
}

/// The text of `tests/data/<path>`.
pub fn load(path: &str) -> String {
    let full = format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The records of the JSON Lines file `tests/data/<path>`.
pub fn jsonl(path: &str) -> Vec<Value> {
    load(path)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
