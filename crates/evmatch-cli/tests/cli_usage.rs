//! `evmatch` itself: the help texts name every subcommand and option; usage errors exit 2.

mod common;

use common::{evmatch, stderr, stdout};

// --- help ------------------------------------------------------------------------------------

#[test]
fn help_mentions_every_subcommand_and_option() {
    let top = evmatch(&["--help"], b"");
    assert_eq!(top.status.code(), Some(0));
    let text = stdout(&top);
    for word in [
        "test",
        "validate",
        "match",
        "bench",
        "--rules",
        "--pattern",
        "--event",
        "--jsonl",
        "Exit",
    ] {
        assert!(
            text.contains(word),
            "`evmatch --help` lacks {word}:\n{text}"
        );
    }

    let test = stdout(&evmatch(&["test", "--help"], b""));
    for word in [
        "--pattern",
        "--event",
        "--jsonl",
        r#"{"result": true}"#,
        r#"{"result": false}"#,
        r#"{"error": "#,
        "blank",
        "Exit status",
    ] {
        assert!(
            test.contains(word),
            "`evmatch test --help` lacks {word}:\n{test}"
        );
    }

    let validate = stdout(&evmatch(&["validate", "--help"], b""));
    for word in [
        "<PATH>",
        "EventPattern",
        ".jsonl",
        ".yaml",
        "skipped",
        "patterns checked",
        "Exit status",
    ] {
        assert!(
            validate.contains(word),
            "`evmatch validate --help` lacks {word}:\n{validate}"
        );
    }
}

#[test]
fn no_subcommand_is_a_usage_error() {
    let out = evmatch(&[], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage"));
}
