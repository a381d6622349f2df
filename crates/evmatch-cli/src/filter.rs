//! `evmatch filter`: grep for JSON Lines events — the lines a pattern (or any of many rules)
//! matches, written unchanged, in input order, on every core.
//!
//! Invariants: a selected line is written byte for byte with its own line ending (a last line
//! without one gets `\n`); lines keep their input order whatever the thread count (the
//! [`crate::pipeline`] does the reading, the parallel work and the ordering); a line that is
//! not a valid event is reported on stderr with its file and line number, never selected, and
//! makes the exit status 2 once every input has been read. Events are matched as the engine
//! sees them: any JSON object, no `TestEventPattern` envelope.
//! Costs: one `Machine` match per line; memory bounded by the pipeline's batches.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, ArgGroup, Args};
use evmatch::Machine;
use evmatch::dialect::{Dialect, DialectMachine};

use crate::input::read_text;
use crate::pipeline::{self, Failure, Lines, Options, Render, Rendered};
use crate::rules_file::Rules;

const AFTER_HELP: &str = "\
The pattern: -e '<pattern JSON>', --pattern FILE (or `-` for stdin), or --rules FILE for many
rules (the rules file of `evmatch match`: a JSON object {id: pattern} or JSON Lines
{\"id\": …, \"pattern\": …}); a line is selected when any rule matches it.

Events: JSON Lines from the files given, or from stdin when there are none (or `-`). Each line
is matched as the engine sees it (any JSON object; no TestEventPattern envelope needed). Blank
lines are not events: never printed, never counted. A selected line is printed unchanged,
byte for byte, line ending included, in input order.

Output, like grep's:
  (default)     the selected lines
  -v            select the lines that do NOT match instead
  -c            only the number of selected lines (per file, as FILE:N, with several files)
  -q            nothing; the exit status tells (every line is still read, so that a bad line
                still gives 2)
  -n            prefix each line with its line number and `:`
  -H / -h       prefix each line with its file name and `:` (the default with several files;
                stdin is `(standard input)`) / never
  --with-ids    (with --rules) print each selected line as one JSON object instead:
                  {\"ids\": [\"ec2\", \"all\"], \"event\": <the line>}
                ids in rules-file order ([] with -v); with -H and -n it also has
                \"file\" and \"line\" members, first: {\"file\": …, \"line\": 3, \"ids\": …}

A line that is not a valid event (not JSON, not an object, over a limit) is reported on stderr
as `evmatch: FILE:LINE: <why>` and skipped; the run goes on. An input that cannot be read is
reported and skipped too.

With --dialect NAME the pattern (or each rule) is a filter of another service
(docs/dialects.md): an SNS subscription policy (sns-attributes, sns-body), a Lambda event source
mapping filter (lambda-sqs, lambda-kinesis, lambda-dynamodb, lambda-kafka, lambda-mq) or a Pipes
filter (pipes-sqs, …); each line is then the input that service filters: a Lambda/Pipes record,
or an SNS message {\"Message\": \"<body>\", \"MessageAttributes\": {\"name\": {\"Type\": …,
\"Value\": …}}}. An invalid filter is reported with the service's message.

Exit status: 0 some line was selected, 1 none was, 2 an error (invalid pattern or rules, a bad
line, an unreadable input) — 2 even if lines were selected.";

/// Arguments of `evmatch filter`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
#[command(group(ArgGroup::new("source").required(true).args(["expression", "pattern", "rules"])))]
// `-h` is grep's "no file names"; help stays `--help`.
#[command(disable_help_flag = true)]
pub struct FilterArgs {
    /// Print help.
    #[arg(long, action = ArgAction::Help)]
    help: Option<bool>,

    /// The pattern, as JSON text.
    #[arg(short = 'e', long = "expression", value_name = "PATTERN")]
    expression: Option<String>,

    /// File holding the pattern, or `-` for stdin.
    #[arg(long, value_name = "FILE|-")]
    pattern: Option<PathBuf>,

    /// Rules file (many rules; a line is selected when any matches).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,

    /// Event files (JSON Lines); stdin when absent or `-`.
    #[arg(value_name = "FILES")]
    files: Vec<PathBuf>,

    /// Select the lines that do not match.
    #[arg(short = 'v', long)]
    invert_match: bool,

    /// Print only the number of selected lines.
    #[arg(short = 'c', long)]
    count: bool,

    /// Print nothing; only the exit status tells.
    #[arg(short = 'q', long)]
    quiet: bool,

    /// Prefix each line with its line number.
    #[arg(short = 'n', long)]
    line_number: bool,

    /// Prefix each line with its file name (the default with several files).
    #[arg(short = 'H', long, overrides_with = "no_filename")]
    with_filename: bool,

    /// Never prefix lines with a file name.
    #[arg(short = 'h', long, overrides_with = "with_filename")]
    no_filename: bool,

    /// Print each selected line as {"ids": [matching rule ids], "event": <line>}.
    #[arg(long)]
    with_ids: bool,

    /// Worker threads (default: every core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// The pattern (rules) is a filter of this dialect (sns-attributes, sns-body, lambda-sqs,
    /// …, pipes-mq; default eventbridge) and each line its input: a Lambda/Pipes record, or an
    /// SNS message {"Message": …, "MessageAttributes": {…}}.
    #[arg(long, value_name = "NAME")]
    dialect: Option<String>,
}

/// Run `evmatch filter`.
pub fn run(args: FilterArgs) -> ExitCode {
    match run_inner(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// The name of an input in messages and prefixes.
fn display_name(source: &std::path::Path) -> String {
    if source.as_os_str() == "-" {
        "(standard input)".to_string()
    } else {
        source.display().to_string()
    }
}

fn run_inner(args: FilterArgs) -> Result<ExitCode, String> {
    if args.with_ids && args.rules.is_none() {
        return Err("evmatch: filter: --with-ids needs --rules (the ids are rule ids)".to_string());
    }
    let sources: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let stdin_events = sources.iter().any(|s| s.as_os_str() == "-");
    let dialect = match args.dialect.as_deref() {
        None => Dialect::EventBridge,
        Some(name) => evmatch_cli::dialects::dialect(name)?,
    };
    let rules = if let Some(path) = &args.rules {
        Rules::load_in(path, dialect)?
    } else {
        let text = match (&args.expression, &args.pattern) {
            (Some(text), _) => text.clone(),
            (None, Some(path)) => {
                if path.as_os_str() == "-" && stdin_events {
                    return Err(
                        "evmatch: filter: --pattern and the events cannot both read stdin (`-`)"
                            .to_string(),
                    );
                }
                read_text(path)?
            }
            (None, None) => unreachable!("clap requires a pattern source"),
        };
        let mut machine = Machine::new();
        let mut filters = None;
        if dialect == Dialect::EventBridge {
            // The AWS message alone, as `evmatch test` prints it.
            machine.add_rule(0u32, &text).map_err(|e| e.to_string())?;
        } else {
            // The service's message alone, likewise.
            let mut m = DialectMachine::new(dialect);
            m.add_rule(0u32, &text).map_err(|e| e.to_string())?;
            filters = Some(m);
        }
        Rules {
            ids_json: vec!["\"pattern\"".to_string()],
            machine,
            filters,
            warnings: Vec::new(),
        }
    };
    let names: Vec<String> = sources.iter().map(|s| display_name(s)).collect();
    let with_names = args.with_filename || (sources.len() > 1 && !args.no_filename);
    let output = if args.quiet || args.count {
        Output::Nothing
    } else if args.with_ids {
        Output::Wrapped
    } else {
        Output::Lines
    };
    let render = FilterLines {
        rules: &rules,
        invert: args.invert_match,
        output,
        line_numbers: args.line_number,
        names: &names,
        with_names,
    };
    let options = Options {
        threads: args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        progress: false,
        keep_going: true,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let summary = match pipeline::run(&sources, &render, &options, &mut out) {
        Ok(summary) => summary,
        // Whoever reads the output has seen enough (`| head`): stop quietly.
        Err(Failure::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(ExitCode::SUCCESS);
        }
        Err(Failure::Write(e)) => return Err(format!("evmatch: cannot write: {e}")),
        Err(Failure::Input(message)) => return Err(message),
    };
    if args.count && !args.quiet {
        for (name, totals) in names.iter().zip(&summary.per_source) {
            let written = if with_names {
                writeln!(out, "{name}:{}", totals.selected)
            } else {
                writeln!(out, "{}", totals.selected)
            };
            written.map_err(|e| format!("evmatch: cannot write: {e}"))?;
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(format!("evmatch: cannot write: {e}"));
        }
        _ => {}
    }
    let total = summary.total();
    Ok(if total.invalid > 0 || summary.failed_inputs > 0 {
        ExitCode::from(2)
    } else if total.selected > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What is written per selected line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    /// Nothing (`-c`, `-q`).
    Nothing,
    /// The line itself, after the optional prefixes.
    Lines,
    /// `{"ids": […], "event": <line>}`.
    Wrapped,
}

/// The per-batch work of `filter`.
struct FilterLines<'a> {
    /// The rules (or the one pattern, id `"pattern"`), and their ids as JSON strings.
    rules: &'a Rules,
    invert: bool,
    output: Output,
    line_numbers: bool,
    /// Input names, by index.
    names: &'a [String],
    with_names: bool,
}

impl Render for FilterLines<'_> {
    fn render(&self, batch: &Lines<'_>, into: &mut Rendered) {
        let name = &self.names[batch.source];
        let mut ids = Vec::new();
        for (line, text, raw) in pipeline::raw_lines(batch.bytes, batch.first_line) {
            if let Err(e) = self.rules.matches_into(text, &mut ids) {
                into.invalid += 1;
                // Writing to a Vec cannot fail. Messages are one line.
                let why = e.replace('\n', " ");
                let _ = writeln!(into.diagnostics, "evmatch: {name}:{line}: {why}");
                continue;
            }
            if ids.is_empty() != self.invert {
                continue;
            }
            into.selected += 1;
            let out = &mut into.output;
            match self.output {
                Output::Nothing => {}
                Output::Lines => {
                    if self.with_names {
                        let _ = write!(out, "{name}:");
                    }
                    if self.line_numbers {
                        let _ = write!(out, "{line}:");
                    }
                    out.extend_from_slice(raw);
                    if !raw.ends_with(b"\n") {
                        out.push(b'\n');
                    }
                }
                Output::Wrapped => {
                    out.push(b'{');
                    if self.with_names {
                        let _ = write!(out, "\"file\": {}, ", serde_json::Value::from(&**name));
                    }
                    if self.line_numbers {
                        let _ = write!(out, "\"line\": {line}, ");
                    }
                    out.extend_from_slice(b"\"ids\": [");
                    ids.sort_unstable();
                    for (i, &id) in ids.iter().enumerate() {
                        if i > 0 {
                            out.extend_from_slice(b", ");
                        }
                        out.extend_from_slice(self.rules.ids_json[id as usize].as_bytes());
                    }
                    out.extend_from_slice(b"], \"event\": ");
                    out.extend_from_slice(text);
                    out.extend_from_slice(b"}\n");
                }
            }
        }
    }
}
