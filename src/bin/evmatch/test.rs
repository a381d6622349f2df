//! `evmatch test`: TestEventPattern for one pair, or for a stream of JSON Lines requests.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde_json::Value;

use crate::input::read_text;

const AFTER_HELP: &str = "\
Single test: prints `true` or `false` on stdout. The files are passed to the matcher verbatim
(trailing newline included), as `aws events test-event-pattern ... file://...` sends them.
The event must be a full EventBridge event: a JSON object with id, account, source, time, region
and detail-type.

Exit status: 0 the event matches, 1 it does not, 2 error (invalid pattern or event, unreadable
or non-UTF-8 file, bad usage). On an invalid pattern or event, stderr holds exactly the message
AWS returns, e.g.

  Event pattern is not valid. Reason: \"a\" must be an object or an array
   at [Source: (String)\"{\"a\":1}\"; line: 1, column: 7]

JSON Lines mode (--jsonl): reads requests from stdin, one per line:

  {\"pattern\": \"<pattern JSON text>\", \"event\": \"<event JSON text>\"}

Both members are JSON strings holding the raw text; other members are ignored. For every input
line, in order, exactly one line is written to stdout and flushed at once:

  {\"result\": true}      the event matches
  {\"result\": false}     it does not
  {\"error\": \"<msg>\"}    the AWS error message (full text, location suffix included)

A line that is not a valid request (blank, not JSON, not an object, `pattern` or `event` missing
or not a string, not UTF-8) also gets an {\"error\": ...} line; such messages start with
`evmatch: invalid request:` so they cannot be mistaken for AWS messages. Line endings may be
\\n or \\r\\n. The exit status is 0 at end of input, whatever the requests gave; 2 only if stdin
or stdout fails.";

/// Arguments of `evmatch test`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct TestArgs {
    /// File holding the event pattern JSON, or `-` for stdin.
    #[arg(
        long,
        value_name = "FILE|-",
        required_unless_present = "jsonl",
        conflicts_with = "jsonl"
    )]
    pattern: Option<PathBuf>,

    /// File holding the event JSON, or `-` for stdin.
    #[arg(
        long,
        value_name = "FILE|-",
        required_unless_present = "jsonl",
        conflicts_with = "jsonl"
    )]
    event: Option<PathBuf>,

    /// Answer a stream of JSON Lines requests on stdin, one output line per input line (see
    /// below).
    #[arg(long)]
    jsonl: bool,
}

/// Run `evmatch test`.
pub fn run(args: TestArgs) -> ExitCode {
    match (args.jsonl, args.pattern, args.event) {
        (true, _, _) => run_jsonl(),
        (false, Some(pattern), Some(event)) => run_single(&pattern, &event),
        // clap's `required_unless_present` rules this out.
        _ => usage_error("evmatch: test: --pattern and --event are required (or use --jsonl)"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

fn run_single(pattern: &Path, event: &Path) -> ExitCode {
    if pattern.as_os_str() == "-" && event.as_os_str() == "-" {
        return usage_error("evmatch: test: --pattern and --event cannot both read stdin (`-`)");
    }
    let texts = read_text(pattern).and_then(|p| read_text(event).map(|e| (p, e)));
    let (pattern, event) = match texts {
        Ok(texts) => texts,
        Err(message) => return usage_error(&message),
    };
    match evmatch::test_event_pattern(&pattern, &event) {
        Ok(matched) => {
            // A closed stdout is no reason to fail: the exit status carries the answer.
            let _ = writeln!(std::io::stdout(), "{matched}");
            if matched {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(err) => usage_error(&err.to_string()),
    }
}

fn run_jsonl() -> ExitCode {
    let mut input = std::io::stdin().lock();
    let mut output = std::io::stdout().lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => return ExitCode::SUCCESS,
            Ok(_) => {}
            Err(e) => {
                return usage_error(&format!("evmatch: test --jsonl: cannot read stdin: {e}"));
            }
        }
        let request = line.strip_suffix(b"\n").unwrap_or(&line);
        let request = request.strip_suffix(b"\r").unwrap_or(request);
        let response = respond(request);
        if let Err(e) = writeln!(output, "{response}").and_then(|()| output.flush()) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                // The driver hung up: nobody is left to answer.
                return ExitCode::SUCCESS;
            }
            return usage_error(&format!("evmatch: test --jsonl: cannot write stdout: {e}"));
        }
    }
}

/// The response line for one request line.
fn respond(request: &[u8]) -> String {
    match answer(request) {
        Ok(true) => r#"{"result": true}"#.to_owned(),
        Ok(false) => r#"{"result": false}"#.to_owned(),
        Err(message) => {
            let message = serde_json::to_string(&message).unwrap_or_else(|_| "\"\"".to_owned());
            format!(r#"{{"error": {message}}}"#)
        }
    }
}

fn answer(request: &[u8]) -> Result<bool, String> {
    let invalid = |why: &str| format!("evmatch: invalid request: {why}");
    let text = std::str::from_utf8(request).map_err(|e| {
        invalid(&format!(
            "line is not valid UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(invalid("blank line"));
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| invalid(&format!("not valid JSON: {e}")))?;
    let Value::Object(members) = value else {
        return Err(invalid(
            r#"expected a JSON object {"pattern": "<pattern JSON text>", "event": "<event JSON text>"}"#,
        ));
    };
    let member = |name: &str| match members.get(name) {
        Some(Value::String(s)) => Ok(s.as_str()),
        Some(_) => Err(invalid(&format!(
            r#""{name}" must be a JSON string holding the {name} JSON text"#
        ))),
        None => Err(invalid(&format!(r#"missing "{name}" member"#))),
    };
    let (pattern, event) = (member("pattern")?, member("event")?);
    // One bad request must not end the session: a panic in the matcher becomes an error line.
    std::panic::catch_unwind(|| evmatch::test_event_pattern(pattern, event))
        .map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_owned());
            format!("evmatch: internal error: {what}")
        })?
        .map_err(|err| err.to_string())
}
