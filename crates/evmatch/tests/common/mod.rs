//! Test data loading shared by the data-driven tests.

use serde_json::Value;

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
