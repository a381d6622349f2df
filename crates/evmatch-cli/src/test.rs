//! `evmatch test`: TestEventPattern for one pair, or for a stream of JSON Lines requests.
//!
//! Invariants: in single mode the files reach the matcher verbatim and stderr's first line(s)
//! are exactly AWS's message (for a refused event a `hint:` line follows, naming what is
//! wrong); stdout is `true` or `false`, then the explanation with `--explain`; in `--jsonl` mode every input line gets one output line, in order, flushed
//! before the next line is read ([`evmatch_cli::protocol`]).
//! Costs: single mode holds both texts; `--jsonl` holds one line at a time.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use evmatch::dialect::{Dialect, Service, SnsApi};

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

AWS refuses every unacceptable event with the same words; a second line says why:

  Parameter Event is not valid.
  hint: the event lacks \"id\" (TestEventPattern requires \"id\", \"account\", \"source\", \"time\", \"region\", \"detail-type\")

--explain prints, after `true` or `false`, why the pattern matched or not: the branch that
matched, or per branch the conditions that failed (first) and held, each with its path, value
list, verdict and the values found:

  false
  no match
    miss  detail.state  [{\"anything-but\":[\"pending\",\"running\"]}]  no value matched: \"running\"
    ok    detail-type   [\"EC2 Instance State-change Notification\"]      matched …

Filter dialects (--dialect NAME): the pattern is another service's filter, checked by that
service's rules and matched against what that service filters:
  sns-attributes, sns-body   an SNS subscription filter policy (FilterPolicyScope
                             MessageAttributes or MessageBody); --event is the message body
                             (not needed for sns-attributes), --attributes a file holding the
                             message attributes {\"name\": {\"Type\": \"String\", \"Value\": \"…\"}}
                             (Type String, Number, String.Array or Binary); --api Subscribe or
                             SetSubscriptionAttributes (the default) picks SNS's error prefix
  lambda-sqs, lambda-kinesis, lambda-dynamodb, lambda-kafka, lambda-mq
                             a Lambda event source mapping filter; --event is the record as the
                             function receives it; --pattern may be repeated (the mapping's
                             several filters, ORed)
  pipes-sqs, pipes-kinesis, pipes-dynamodb, pipes-kafka, pipes-mq
                             an EventBridge Pipes filter, likewise
  eventbridge                the default: TestEventPattern, as above
Errors are the service's message (SNS: `Invalid parameter: FilterPolicy: <reason>` with the
location on the compact policy text; Lambda: `Invalid filter pattern definition.`, followed by a
`hint:` line with the reason). An SNS body that is not a JSON object is never delivered: `false`.

JSON Lines mode (--jsonl): reads requests from stdin, one per line:

  {\"pattern\": \"<pattern JSON text>\", \"event\": \"<event JSON text>\"}

Both members are JSON strings holding the raw text; other members are ignored, except these
optional ones, for the filter dialects:

  \"dialect\"      a dialect name as above (default eventbridge)
  \"attributes\"   for SNS: {\"name\": {\"Type\": \"String\", \"Value\": \"<text>\"}, …}
  \"api\"          for SNS: \"Subscribe\" or \"SetSubscriptionAttributes\" (the default)
  \"patterns\"     instead of \"pattern\": a list of pattern texts, ORed (Lambda, Pipes)

with \"event\" holding the SNS message body (optional for sns-attributes) or the Lambda/Pipes
record as JSON text. For every input line, in order, exactly one line is written to stdout and
flushed at once:

  {\"result\": true}      the event matches
  {\"result\": false}     it does not
  {\"error\": \"<msg>\"}    the AWS error message (full text, location suffix included)

A line that is not a valid request (blank, not JSON, not an object, `pattern` or `event` missing
or not a string, not UTF-8, an unknown dialect or a bad dialect member) also gets an
{\"error\": ...} line; such messages start with
`evmatch: invalid request:` so they cannot be mistaken for AWS messages. Line endings may be
\\n or \\r\\n. The exit status is 0 at end of input, whatever the requests gave; 2 only if stdin
or stdout fails.";

/// Arguments of `evmatch test`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct TestArgs {
    /// File holding the event pattern JSON, or `-` for stdin. With a Lambda or Pipes
    /// --dialect it may be repeated: the mapping's several filters, ORed.
    #[arg(
        long,
        value_name = "FILE|-",
        required_unless_present = "jsonl",
        conflicts_with = "jsonl"
    )]
    pattern: Vec<PathBuf>,

    /// File holding the event JSON, or `-` for stdin. With --dialect: the SNS message body
    /// (optional for sns-attributes) or the Lambda/Pipes record.
    #[arg(
        long,
        value_name = "FILE|-",
        required_unless_present_any = ["jsonl", "attributes"],
        conflicts_with = "jsonl"
    )]
    event: Option<PathBuf>,

    /// The filter language: eventbridge (the default), sns-attributes, sns-body, lambda-sqs,
    /// lambda-kinesis, lambda-dynamodb, lambda-kafka, lambda-mq, pipes-sqs, pipes-kinesis,
    /// pipes-dynamodb, pipes-kafka, pipes-mq.
    #[arg(long, value_name = "NAME", conflicts_with = "jsonl")]
    dialect: Option<String>,

    /// For the SNS dialects: file holding the message attributes, a JSON object
    /// {"name": {"Type": "String", "Value": "..."}}, or `-` for stdin.
    #[arg(long, value_name = "FILE|-", conflicts_with = "jsonl")]
    attributes: Option<PathBuf>,

    /// For the SNS dialects: the API whose error prefix to use, Subscribe or
    /// SetSubscriptionAttributes (the default).
    #[arg(long, value_name = "API", conflicts_with = "jsonl")]
    api: Option<String>,

    /// Answer a stream of JSON Lines requests on stdin, one output line per input line (see
    /// below).
    #[arg(long)]
    jsonl: bool,

    /// After `true` or `false`, print why: per branch and condition, the verdict and the
    /// values found.
    #[arg(long, conflicts_with = "jsonl")]
    explain: bool,
}

/// Run `evmatch test`.
pub fn run(args: TestArgs) -> ExitCode {
    if args.jsonl {
        return run_jsonl();
    }
    let plain = args.dialect.as_deref().is_none_or(|d| d == "eventbridge")
        && args.attributes.is_none()
        && args.api.is_none()
        && args.pattern.len() == 1;
    match (plain, args.pattern.as_slice(), &args.event) {
        (true, [pattern], Some(event)) => run_single(pattern, event, args.explain),
        (false, _, _) => run_dialect(&args),
        // clap's `required_unless_present` rules this out.
        _ => usage_error("evmatch: test: --pattern and --event are required (or use --jsonl)"),
    }
}

/// A test in a --dialect: the service's answer, or its message on stderr.
fn run_dialect(args: &TestArgs) -> ExitCode {
    let name = args.dialect.as_deref().unwrap_or("eventbridge");
    let dialect = match evmatch_cli::dialects::dialect(name) {
        Ok(d) => d,
        Err(message) => return usage_error(&message),
    };
    let api = match args.api.as_deref().map(evmatch_cli::dialects::sns_api) {
        None => SnsApi::default(),
        Some(Ok(api)) => api,
        Some(Err(message)) => return usage_error(&message),
    };
    let sns = dialect.service() == Service::Sns;
    let several = matches!(dialect.service(), Service::Lambda | Service::Pipes);
    let misuse = if args.explain {
        Some("--explain is for EventBridge patterns only".to_owned())
    } else if !sns && (args.attributes.is_some() || args.api.is_some()) {
        Some(format!(
            "--attributes and --api are for the SNS dialects (sns-attributes, sns-body), not {dialect}"
        ))
    } else if args.pattern.len() > 1 && !several {
        Some(format!(
            "--pattern is given once for {dialect}; several (ORed) are for the Lambda and Pipes dialects"
        ))
    } else if args.event.is_none() && dialect != Dialect::SnsAttributes {
        Some(format!("--event is required for {dialect}"))
    } else {
        None
    };
    if let Some(why) = misuse {
        return usage_error(&format!("evmatch: test: {why}"));
    }
    let sources = args
        .pattern
        .iter()
        .chain(&args.event)
        .chain(&args.attributes);
    if sources.filter(|p| p.as_os_str() == "-").count() > 1 {
        return usage_error("evmatch: test: only one of the files can be stdin (`-`)");
    }
    let read = || -> Result<(Vec<String>, String, Option<String>), String> {
        let patterns = args
            .pattern
            .iter()
            .map(|p| read_text(p))
            .collect::<Result<Vec<_>, _>>()?;
        let event = args.event.as_deref().map(read_text).transpose()?;
        let attributes = args.attributes.as_deref().map(read_text).transpose()?;
        Ok((patterns, event.unwrap_or_default(), attributes))
    };
    let (patterns, event, attributes) = match read() {
        Ok(texts) => texts,
        Err(message) => return usage_error(&message),
    };
    let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
    match evmatch_cli::dialects::test(dialect, api, &patterns, &event, attributes.as_deref()) {
        Ok(matched) => {
            let _ = writeln!(std::io::stdout(), "{matched}");
            if matched {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        // Lambda and Pipes say only `Invalid filter pattern definition.`: a hint says why.
        Err(evmatch_cli::dialects::TestError::Filter(e))
            if e.reason().is_some_and(|r| !e.message().contains(r)) =>
        {
            let reason = e.reason().unwrap_or_default();
            usage_error(&format!("{e}\nhint: {reason}"))
        }
        Err(err) => usage_error(&err.to_string()),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

fn run_single(pattern: &Path, event: &Path, explain: bool) -> ExitCode {
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
            if explain {
                // The pattern and the event were just accepted: explaining cannot fail.
                if let Ok(why) = evmatch::Pattern::parse(&pattern).and_then(|p| p.explain(&event)) {
                    let _ = write!(std::io::stdout(), "{why}");
                }
            }
            if matched {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(err) => {
            let message = err.to_string();
            match event_hint(&message, &event) {
                Some(hint) => usage_error(&format!("{message}\nhint: {hint}")),
                None => usage_error(&message),
            }
        }
    }
}

/// Why TestEventPattern refused `event`, when `message` is its refusal: AWS says only
/// `Parameter Event is not valid.` for every cause.
fn event_hint(message: &str, event: &str) -> Option<String> {
    if message != "Parameter Event is not valid." {
        return None;
    }
    let max = evmatch::EventLimits::default().max_bytes;
    if event.len() > max {
        return Some(format!(
            "the event is {} bytes, over the limit of {max}",
            event.len()
        ));
    }
    let doc = match event.parse::<evmatch::json::Value>() {
        Ok(doc) => doc,
        Err(e) => return Some(format!("the event is not valid JSON: {e}")),
    };
    let evmatch::json::Value::Object(members) = &doc else {
        return Some("the event is not a JSON object".to_string());
    };
    let quoted = |f: &&str| format!("{f:?}");
    let missing: Vec<String> = evmatch::MANDATORY_EVENT_FIELDS
        .iter()
        .filter(|f| !members.iter().any(|(k, _)| k == *f))
        .map(quoted)
        .collect();
    let all: Vec<String> = evmatch::MANDATORY_EVENT_FIELDS.iter().map(quoted).collect();
    (!missing.is_empty()).then(|| {
        format!(
            "the event lacks {} (TestEventPattern requires {})",
            missing.join(", "),
            all.join(", ")
        )
    })
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
        let response = evmatch_cli::protocol::respond(request);
        if let Err(e) = writeln!(output, "{response}").and_then(|()| output.flush()) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                // The driver hung up: nobody is left to answer.
                return ExitCode::SUCCESS;
            }
            return usage_error(&format!("evmatch: test --jsonl: cannot write stdout: {e}"));
        }
    }
}
