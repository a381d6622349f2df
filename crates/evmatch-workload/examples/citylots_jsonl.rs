//! Write the generated citylots corpus as JSON Lines, e.g. to feed `evmatch match`:
//!
//! ```sh
//! cargo run --release --example citylots_jsonl -- 213068 > citylots.jsonl
//! ```

use evmatch_workload::{CITYLOTS_EVENTS, Citylots, DEFAULT_SEED};

fn main() -> std::io::Result<()> {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(CITYLOTS_EVENTS);
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    Citylots::new(DEFAULT_SEED, n).write_jsonl(out)
}
