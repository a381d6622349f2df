//! Reading the text a command was given: a file or standard input (`-`).
//!
//! Invariants: the text is returned verbatim (a trailing newline stays, as AWS would receive a
//! `file://` argument); it must be UTF-8; a failure is one line naming the source.
//! Costs: the whole input is read into memory.

use std::io::Read;
use std::path::Path;

/// Read `source` (a path, or `-` for standard input) as UTF-8 text, verbatim.
///
/// The error is a one-line message naming the source.
pub fn read_text(source: &Path) -> Result<String, String> {
    let is_stdin = source.as_os_str() == "-";
    let name = if is_stdin {
        "<stdin>".to_owned()
    } else {
        source.display().to_string()
    };
    let bytes = if is_stdin {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(source)
    }
    .map_err(|e| format!("evmatch: {name}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "evmatch: {name}: not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
