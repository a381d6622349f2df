//! `xtask`: the generator of `crates/evmatch-eventbridge/src/api/generated/` from the EventBridge
//! model.
//!
//! It reads the model (`crates/evmatch-eventbridge/src/api/model/events-2015-10-07.service-2.json`)
//! and the module introductions (`xtask/docs/<module>.md`), and writes:
//!
//! * `<module>.rs` — one module per resource ([`resources`]): the request and response types of
//!   its operations and every structure and enum shape only it uses;
//! * `registry.rs` — every operation and shape with its constraints and Rust binding
//!   ([`registry`]);
//! * `aws_sdk.rs` — conversions to and from `aws-sdk-eventbridge` ([`aws_sdk`]).
//!
//! Every file starts with `// @generated` and the command that writes it. The resource modules and
//! `aws_sdk.rs` go through `rustfmt` (`registry.rs` is excluded from formatting), so the committed
//! files are byte for byte what this program writes, and `--check` can compare them.
//!
//! ```text
//! cargo run --manifest-path xtask/Cargo.toml -- gen-api             # rewrite the committed files
//! cargo run --manifest-path xtask/Cargo.toml -- gen-api --out DIR   # write them into DIR instead
//! cargo run --manifest-path xtask/Cargo.toml -- gen-api --check     # exit 1 if they differ
//! ```
//!
//! Building evmatch never runs this program; `.ci/run` checks that its output is what is committed.
//! The crate is standalone (its own `[workspace]` and `Cargo.lock`) so that its `serde_json`
//! `preserve_order` feature, which keeps the model's member order, never reaches the workspace.

mod aws_sdk;
mod docs;
mod layout;
mod model;
mod naming;
mod registry;
mod resources;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use serde_json::Value;

use crate::layout::MODULES;
use crate::model::Model;

/// Where the generated files go, relative to the repository root.
const GENERATED_DIR: &str = "crates/evmatch-eventbridge/src/api/generated";
/// The model JSON, relative to the repository root.
const MODEL_PATH: &str =
    "crates/evmatch-eventbridge/src/api/model/events-2015-10-07.service-2.json";
/// The command that writes the generated files, as the file headers name it.
const COMMAND: &str = "cargo run --manifest-path xtask/Cargo.toml -- gen-api";

const USAGE: &str =
    "usage: cargo run --manifest-path xtask/Cargo.toml -- gen-api [--out DIR | --check]";

/// What `gen-api` does with the files it generates.
enum Mode {
    /// Write them into this folder, removing earlier generated files it no longer writes.
    Write(PathBuf),
    /// Compare them with the committed files; report every difference.
    Check,
}

/// One generated file: its name in the generated folder and its text.
struct File {
    name: String,
    text: String,
}

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the repository root")
        .to_path_buf();
    let mode = match parse_args(std::env::args().skip(1).collect(), &root) {
        Ok(mode) => mode,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let files = generate(&root);
    match mode {
        Mode::Write(dir) => {
            write(&dir, &files);
            eprintln!("wrote {} files into {}", files.len(), dir.display());
            ExitCode::SUCCESS
        }
        Mode::Check => {
            let stale = check(&root.join(GENERATED_DIR), &files);
            if stale.is_empty() {
                eprintln!("{GENERATED_DIR}: up to date ({} files)", files.len());
                ExitCode::SUCCESS
            } else {
                for s in &stale {
                    eprintln!("{GENERATED_DIR}/{s}");
                }
                eprintln!("generated code differs from `{COMMAND}`: run it and commit the result");
                ExitCode::FAILURE
            }
        }
    }
}

fn parse_args(args: Vec<String>, root: &Path) -> Result<Mode, String> {
    let mut args = args.into_iter();
    if args.next().as_deref() != Some("gen-api") {
        return Err("expected the `gen-api` command".into());
    }
    let mut mode = Mode::Write(root.join(GENERATED_DIR));
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => {
                let dir = args.next().ok_or("--out needs a folder")?;
                mode = Mode::Write(PathBuf::from(dir));
            }
            "--check" => mode = Mode::Check,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(mode)
}

/// Every generated file, in its final (formatted) form.
fn generate(root: &Path) -> Vec<File> {
    let text = std::fs::read_to_string(root.join(MODEL_PATH))
        .unwrap_or_else(|e| panic!("{MODEL_PATH}: {e}"));
    let json: Value = serde_json::from_str(&text).expect("parse the model JSON");
    let model = Model::new(&json);
    let mut files = Vec::new();
    for (module, ops) in MODULES {
        let intro = std::fs::read_to_string(root.join(format!("xtask/docs/{module}.md")))
            .unwrap_or_else(|e| panic!("xtask/docs/{module}.md: {e}"));
        let code = resources::module(&model, module, ops, &intro);
        files.push(File {
            name: format!("{module}.rs"),
            text: rustfmt(&with_header(&code)),
        });
    }
    files.push(File {
        name: "registry.rs".into(),
        text: with_header(&registry::registry(&model)),
    });
    files.push(File {
        name: "aws_sdk.rs".into(),
        text: rustfmt(&with_header(&aws_sdk::aws_sdk(&model))),
    });
    files
}

/// `code` with the `@generated` header naming the command that writes it.
fn with_header(code: &str) -> String {
    format!(
        "// @generated from the EventBridge model by xtask; do not edit.\n// Regenerate with: {COMMAND}\n{code}"
    )
}

/// `code` as `rustfmt` (edition 2024, the workspace's) formats it, so `cargo fmt` leaves the
/// committed files as they are. `$RUSTFMT` names another `rustfmt` binary.
fn rustfmt(code: &str) -> String {
    let program = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(&program)
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {}: {e}", program.to_string_lossy()));
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(code.as_bytes())
        .expect("write to rustfmt");
    let output = child.wait_with_output().expect("wait for rustfmt");
    assert!(output.status.success(), "rustfmt failed on generated code");
    String::from_utf8(output.stdout).expect("rustfmt writes UTF-8")
}

/// Writes `files` into `dir` and removes the generated files (first line `// @generated`) it
/// holds that are no longer written.
fn write(dir: &Path, files: &[File]) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in std::fs::read_dir(dir).expect("read the output folder") {
        let path = entry.expect("folder entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let generated =
            std::fs::read_to_string(&path).is_ok_and(|t| t.starts_with("// @generated"));
        if generated && !files.iter().any(|f| f.name == name) {
            std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
    for f in files {
        let path = dir.join(&f.name);
        std::fs::write(&path, &f.text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// The names of the files in `dir` that differ from `files`: changed, missing, or present
/// without being generated.
fn check(dir: &Path, files: &[File]) -> Vec<String> {
    let mut stale = Vec::new();
    for f in files {
        match std::fs::read_to_string(dir.join(&f.name)) {
            Ok(text) if text == f.text => {}
            Ok(_) => stale.push(format!("{} differs", f.name)),
            Err(_) => stale.push(format!("{} is missing", f.name)),
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !files.iter().any(|f| f.name == name) {
                stale.push(format!("{name} is not generated"));
            }
        }
    }
    stale
}
