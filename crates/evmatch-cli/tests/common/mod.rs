//! What the `cli_*` tests share: running the `evmatch` binary, the fixtures under `tests/data/cli`
//! and the repository's `examples/`, and generated inputs (the YAML alias bomb, deep nesting).
//!
//! Each test file is its own crate and uses part of this module, hence `allow(dead_code)`.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// AWS's reason for the pattern `{"a":1}` (`tests/data/cli/a1.json`).
pub const INVALID_A1: &str =
    "Event pattern is not valid. Reason: \"a\" must be an object or an array";
/// The Jackson location suffix AWS appends to [`INVALID_A1`].
pub const INVALID_A1_AT: &str = "\n at [Source: (String)\"{\"a\":1}\"; line: 1, column: 7]";

/// Run `evmatch` with `args` in the crate directory (so that fixture paths are
/// `tests/data/cli/…` and the examples `../../examples/…`), feeding `stdin`.
pub fn evmatch(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evmatch"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run evmatch");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // Write from another thread so a large input cannot deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("wait for evmatch");
    writer.join().unwrap();
    output
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

pub fn assert_no_panic(o: &Output) {
    assert!(!stderr(o).contains("panicked"), "panic: {}", stderr(o));
}

/// The path of a fixture: `tests/data/cli/<name>`.
pub fn data(name: &str) -> String {
    format!("{}/tests/data/cli/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The text of a fixture.
pub fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap()
}

/// The text of a file named relative to the crate directory (`../../examples/event.json`).
pub fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Write `content` to `name` in this test process's temporary directory.
pub fn temp_file(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("evmatch-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// A YAML "billion laughs": `a` is a list of ten strings and each of the next `levels` keys a
/// list of ten aliases of the key before, so the last one stands for 10^(levels + 1) strings.
pub fn alias_bomb(levels: usize) -> String {
    let names: Vec<String> = (0..=levels).map(|i| format!("l{i}")).collect();
    let mut text = format!("{0}: &{0} [{1}]\n", names[0], ["\"lol\""; 10].join(", "));
    for pair in names.windows(2) {
        let aliases = vec![format!("*{}", pair[0]); 10].join(", ");
        text.push_str(&format!("{0}: &{0} [{aliases}]\n", pair[1]));
    }
    text
}

/// A YAML template whose one `EventPattern` is `{"detail": {"n": [[…[5]…]]}}`, the list
/// nested `depth` deep in block style (`- - - 5`) or flow style (`[[[5]]]`).
pub fn deep_yaml_template(depth: usize, flow: bool) -> String {
    let value = if flow {
        format!("{}5{}", "[".repeat(depth), "]".repeat(depth))
    } else {
        format!("\n            {}5", "- ".repeat(depth))
    };
    format!(
        "Resources:\n  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        \
         detail:\n          n: {value}\n"
    )
}

/// The same pattern in a JSON template.
pub fn deep_json_template(depth: usize) -> String {
    format!(
        "{{\"Resources\": {{\"Rule\": {{\"Type\": \"AWS::Events::Rule\", \"Properties\": \
         {{\"EventPattern\": {{\"detail\": {{\"n\": {}5{}}}}}}}}}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

/// The compact JSON of that pattern.
pub fn deep_pattern_text(depth: usize) -> String {
    format!(
        "{{\"detail\":{{\"n\":{}5{}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}
