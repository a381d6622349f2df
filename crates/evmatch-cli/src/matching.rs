//! `evmatch match`: many rules against a stream of events, on every core.
//!
//! The events go through [`crate::pipeline`]: workers share one `Machine` by reference and
//! render each batch's output lines into a buffer, written in input order, so the output is
//! identical whatever the thread count. The rules come from [`crate::rules_file`].

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::pipeline::{self, Failure, Lines, Options, Render, Rendered};
use crate::rules_file::Rules;

const AFTER_HELP: &str = "\
Rules file: either one JSON object mapping each rule id to its pattern,

  {\"ec2\": {\"source\": [\"aws.ec2\"]}, \"s3\": \"{\\\"source\\\": [\\\"aws.s3\\\"]}\"}

or JSON Lines, one rule per line: {\"id\": \"ec2\", \"pattern\": {\"source\": [\"aws.ec2\"]}}.
A pattern is given as a JSON object or as a string holding the pattern text; a list of
patterns binds several patterns (OR) to one id. Ids are strings (numbers are taken as their
text). An invalid pattern stops the command with the AWS message and exit status 2; a
repeated id (its patterns join the first rule of that id) or a file with no rules gives a
warning on stderr.

Events: JSON Lines from the files given, or from stdin when there are none (or `-`). Blank
lines are skipped. For every other line, one line is written to stdout, in input order:

  {\"line\": 3, \"matches\": [\"ec2\"]}          ids in rules-file order
  {\"line\": 4, \"error\": \"<why the line is not a valid event>\"}

`line` is the 1-based line number in its file; with several event files each output line also
carries \"file\". A progress bar is shown on stderr when it is a terminal.

With --explain <ID>, every matched line also carries \"explain\": why rule <ID> matched the
event or not, per branch and per condition (the JSON shape of docs/explain.md):

  {\"line\": 3, \"matches\": [], \"explain\": {\"matched\": false, …}}

With --dialect NAME the rules are filters of another service (docs/dialects.md): SNS
subscription policies (sns-attributes, sns-body), Lambda event source mapping filters
(lambda-sqs, lambda-kinesis, lambda-dynamodb, lambda-kafka, lambda-mq; a list of patterns under
one id is the mapping's several filters) or Pipes filters (pipes-sqs, …). Each line is then the
input that service filters: a Lambda/Pipes record as the function receives it, or an SNS message
{\"Message\": \"<body>\", \"MessageAttributes\": {\"name\": {\"Type\": \"String\", \"Value\": \"…\"}}}
(the shape SNS delivers to SQS and HTTP endpoints). An invalid filter stops the command with
the service's message.

Exit status: 0 all event lines were matched, 1 some lines were not valid events (each reported
with its line number), 2 the rules could not be loaded or an input could not be read.";

/// Arguments of `evmatch match`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct MatchArgs {
    /// Rules: a JSON object `{id: pattern}` or JSON Lines `{"id": …, "pattern": …}`.
    #[arg(long, value_name = "FILE")]
    rules: PathBuf,

    /// Event files (JSON Lines); stdin when absent or `-`.
    #[arg(value_name = "EVENTS")]
    events: Vec<PathBuf>,

    /// Worker threads (default: every core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Add to each output line an "explain" member: why rule ID matched the event or not.
    #[arg(long, value_name = "ID")]
    explain: Option<String>,

    /// The rules are filters of this dialect (sns-attributes, sns-body, lambda-sqs, …,
    /// pipes-mq; default eventbridge) and each line is its input: a Lambda/Pipes record, or an
    /// SNS message {"Message": …, "MessageAttributes": {…}}.
    #[arg(long, value_name = "NAME", conflicts_with = "explain")]
    dialect: Option<String>,
}

/// Run `evmatch match`.
pub fn run(args: MatchArgs) -> ExitCode {
    match run_inner(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run_inner(args: MatchArgs) -> Result<bool, String> {
    let dialect = match args.dialect.as_deref() {
        None => evmatch::dialect::Dialect::EventBridge,
        Some(name) => evmatch_cli::dialects::dialect(name)?,
    };
    let rules = Rules::load_in(&args.rules, dialect)?;
    let explain = match &args.explain {
        None => None,
        Some(id) => {
            let json = serde_json::Value::from(id.as_str()).to_string();
            let index = rules.ids_json.iter().position(|x| *x == json);
            Some(index.ok_or_else(|| {
                format!(
                    "evmatch: match --explain: no rule has the id {json} in {}",
                    args.rules.display()
                )
            })? as u32)
        }
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let sources: Vec<PathBuf> = if args.events.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.events.clone()
    };
    // The `"file"` member of every output line, as JSON, when there are several inputs.
    let labels: Vec<Option<String>> = sources
        .iter()
        .map(|s| {
            (sources.len() > 1)
                .then(|| serde_json::Value::from(s.display().to_string()).to_string())
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let options = Options {
        threads,
        progress: true,
        keep_going: false,
    };
    let render = MatchLines {
        rules: &rules,
        labels: &labels,
        explain,
    };
    let summary = pipeline::run(&sources, &render, &options, &mut out).map_err(|e| match e {
        Failure::Input(message) => message,
        Failure::Write(e) => format!("evmatch: cannot write: {e}"),
    })?;
    out.flush()
        .map_err(|e| format!("evmatch: cannot write: {e}"))?;
    Ok(summary.total().invalid == 0)
}

/// One output line per event line: its rule ids, or why it is not a valid event.
struct MatchLines<'a> {
    rules: &'a Rules,
    /// The `"file"` member's JSON value per input, when there are several.
    labels: &'a [Option<String>],
    /// The rule whose explanation goes into an `"explain"` member of each line, if any.
    explain: Option<u32>,
}

impl Render for MatchLines<'_> {
    fn render(&self, batch: &Lines<'_>, into: &mut Rendered) {
        let (rules, out) = (self.rules, &mut into.output);
        let file = self.labels[batch.source].as_deref();
        let mut matches = Vec::new();
        for (line, bytes) in pipeline::lines(batch.bytes, batch.first_line) {
            // Writing to a Vec cannot fail.
            let _ = write!(out, "{{\"line\": {line}");
            if let Some(f) = file {
                let _ = write!(out, ", \"file\": {f}");
            }
            match rules.matches_into(bytes, &mut matches) {
                Ok(()) => {
                    matches.sort_unstable();
                    out.extend_from_slice(b", \"matches\": [");
                    for (i, &m) in matches.iter().enumerate() {
                        if i > 0 {
                            out.extend_from_slice(b", ");
                        }
                        out.extend_from_slice(rules.ids_json[m as usize].as_bytes());
                    }
                    out.push(b']');
                    let why = self.explain.map(|r| rules.machine.explain(&r, bytes));
                    if let Some(Ok(Some(why))) = why {
                        out.extend_from_slice(b", \"explain\": ");
                        // Serializing to a Vec cannot fail.
                        let _ = serde_json::to_writer(&mut *out, &why);
                    }
                    out.extend_from_slice(b"}\n");
                }
                Err(e) => {
                    into.invalid += 1;
                    let _ = writeln!(out, ", \"error\": {}}}", serde_json::Value::from(e));
                }
            }
        }
    }
}
