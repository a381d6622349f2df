//! `evmatch bench`: the generated corpus is matched and the match counts checked.

mod common;

use common::{assert_no_panic, evmatch, stderr, stdout};

// --- bench -----------------------------------------------------------------------------------

#[test]
fn bench_checks_counts_on_a_small_corpus() {
    let out = evmatch(
        &[
            "bench",
            "--events",
            "20000",
            "--rules",
            "EXACT",
            "--rules",
            "NUMERIC",
            "--seconds",
            "0",
        ],
        b"",
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("match counts checked"), "{text}");
    assert_eq!(text.matches(" ok (").count(), 2, "{text}");
    let unknown = evmatch(&["bench", "--rules", "NOPE"], b"");
    assert_eq!(unknown.status.code(), Some(2));
}
