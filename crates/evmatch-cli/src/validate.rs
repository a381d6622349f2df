//! `evmatch validate`: check the patterns in files offline, with [`evmatch_cli::discovery`].
//!
//! Invariants: every path is checked, even after a file error; stdout gets only the lines of
//! invalid patterns, stderr the skipped ones, file errors and the summary; file errors decide
//! the exit status over invalid patterns.
//! Costs: one file in memory at a time; see the discovery module for the cost of a file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use evmatch_cli::discovery::{self, Intrinsics, Outcome};
use evmatch_cli::report::{FileFailure, Report, failure_line};

const AFTER_HELP: &str = "\
Kinds of file, detected per file:
  *.jsonl, *.ndjson   one pattern per line (blank lines skipped)
  *.yaml, *.yml       CloudFormation/SAM template
  JSON with a top-level Resources, AWSTemplateFormatVersion or Transform
                      CloudFormation/SAM template
  anything else       the whole file is one pattern
In a template every `EventPattern` property is checked, at any depth, and so is `Pattern` in
the Properties of a SAM event source of Type EventBridgeRule or CloudWatchEvent and in
FilterCriteria.Filters of an AWS::Pipes::Pipe. A pattern written as a mapping is checked as its
compact JSON; one written as a string is checked as that JSON text. YAML short-form tags (!Ref,
!Sub, !GetAtt, !If, ...) are understood; a pattern that uses an intrinsic function cannot be
checked offline and is counted as skipped (but see --intrinsics). A directory is searched
recursively for *.json, *.jsonl, *.ndjson, *.yaml and *.yml files (names starting with `.` are
ignored); note that every such JSON file is then taken for a pattern or a template. YAML aliases
are expanded within a budget (at most 10,000 aliases adding at most 1,000,000 nodes per file); a
file over it is a file error, like an unparsable one. YAML is read as CloudFormation reads it:
flow collections whose lines sit at the parent key's indentation, and single-pair mappings
inside flow sequences, are accepted.

Filters of other services, checked with each service's rules and messages and counted apart
(`; N filters checked: V valid, I invalid, S skipped`):
  AWS::SNS::Subscription FilterPolicy, and the FilterPolicy of a SAM SNS event source, in the
      scope its FilterPolicyScope names (MessageAttributes by default), as Subscribe checks it:
      Invalid parameter: Attributes Reason: FilterPolicy: <reason>
  AWS::Lambda::EventSourceMapping FilterCriteria.Filters[].Pattern (the source from
      EventSourceArn: sqs, kinesis, dynamodb, kafka, mq; Kafka with SelfManagedEventSource), and
      the FilterCriteria of SAM SQS, Kinesis, DynamoDB, MSK, SelfManagedKafka and MQ event
      sources: Invalid filter pattern definition. (evmatch: <reason>)
  AWS::Pipes::Pipe SourceParameters.FilterCriteria (the source from Source, else from the
      SourceParameters): the Pipes message (unrecorded: Lambda's is used), with the reason.
With --dialect NAME, pattern files and JSON Lines files hold filters of that dialect (an SNS
policy file is checked as SetSubscriptionAttributes sends it); templates are not affected.

An ARN is understood when literal, a !Sub starting like one, or a Ref/GetAtt of a resource of
the template; a source that cannot be told is checked as SQS (the most lenient).

Rule settings: in an AWS::Events::Rule, ScheduleExpression (as PutRule checks it, with the
rule's EventBusName) and each target's Input, InputPath and InputTransformer (as PutTargets
checks them); in the Events of an AWS::Serverless::Function or StateMachine, the Schedule of a
Schedule source, the ScheduleExpression of a ScheduleV2 source (rate and cron; at(...) is not
checked), and the Input, InputPath and InputTransformer of Schedule, EventBridgeRule and
CloudWatchEvent sources. Their findings carry AWS's messages and are counted apart:
  ...; N rule settings checked: V valid, I invalid, S skipped

Output: stdout gets one line per invalid pattern,
  <file>:<line>:<column>: Event pattern is not valid. Reason: <AWS reason>
where line:column is the error location in the file for a pattern file or a JSON Lines line
(the pattern's start when AWS gives no location), and the start of the pattern's value in a
template. Notes on skipped patterns, file errors and the summary
  N patterns checked: V valid, I invalid, S skipped
go to stderr.

With --format json, sarif or github, stdout gets that report instead (every format lists the
same problems; one unreadable file is reported without hiding the findings of the others) and
stderr only the summary:
  json    {\"findings\": [...], \"file_errors\": [...], \"summary\": {...}}, every finding listed
  sarif   a SARIF 2.1.0 log (rules event-pattern, schedule-expression, target-input, file-error)
  github  ::error file=F,line=L,col=C::message per problem, ::notice ... per skipped pattern

Exit status: 0 every pattern is valid (or skipped), 1 at least one is invalid, 2 a file could not
be read or parsed (file errors win over invalid patterns).";

/// Arguments of `evmatch validate`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ValidateArgs {
    /// Pattern files, JSON Lines files, CloudFormation/SAM templates, or directories of them.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How to write the report on stdout (the summary always goes to stderr).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// What to do with a template pattern that uses CloudFormation intrinsic functions: `skip`
    /// it, or check it with each function as an `unknown` string where that is sound (skipping
    /// it, with the reason, otherwise).
    #[arg(long, value_enum, default_value_t = IntrinsicsArg::Unknown)]
    intrinsics: IntrinsicsArg,
    /// Pattern files and JSON Lines files hold filters of this dialect (sns-attributes,
    /// sns-body, lambda-sqs, …, pipes-mq) instead of EventBridge patterns. Templates are not
    /// affected: each filter in a template has its own service.
    #[arg(long, value_name = "NAME")]
    dialect: Option<String>,
}

/// `--intrinsics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum IntrinsicsArg {
    /// Skip the pattern.
    Skip,
    /// Check it with the functions as unknown strings, where sound.
    Unknown,
}

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `file:line:column: message` per invalid finding; notes and file errors on stderr.
    Text,
    /// One JSON object: every finding, the file errors and the counts.
    Json,
    /// A SARIF 2.1.0 log, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`).
    Github,
}

/// Run `evmatch validate`.
pub fn run(args: ValidateArgs) -> ExitCode {
    let text = args.format == Format::Text;
    let intrinsics = match args.intrinsics {
        IntrinsicsArg::Skip => Intrinsics::Skip,
        IntrinsicsArg::Unknown => Intrinsics::Unknown,
    };
    let dialect = match args.dialect.as_deref().map(evmatch_cli::dialects::dialect) {
        None => evmatch::dialect::Dialect::EventBridge,
        Some(Ok(d)) => d,
        Some(Err(message)) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut report = Report::default();
    let mut stdout = std::io::stdout().lock();
    for path in &args.paths {
        let files = if path.is_dir() {
            match discovery::pattern_files(path) {
                Ok(files) => files,
                Err(e) => {
                    let failure = FileFailure::new(
                        &path.display().to_string(),
                        format!("cannot read directory: {e}"),
                    );
                    if text {
                        eprintln!("{}", failure_line(&failure));
                    }
                    report.add_failure(failure);
                    continue;
                }
            }
        } else {
            vec![path.clone()]
        };
        for file in files {
            match discovery::validate_file_in(&file, intrinsics, dialect) {
                Ok(findings) => {
                    if text {
                        for finding in &findings {
                            match finding.outcome {
                                Outcome::Valid => {}
                                // A closed stdout (`| head`) must not turn into a panic.
                                Outcome::Invalid(_) => {
                                    let _ = writeln!(stdout, "{finding}");
                                }
                                Outcome::Skipped(_) => eprintln!("{finding}"),
                            }
                        }
                    }
                    report.add_findings(findings);
                }
                Err(e) => {
                    let failure = FileFailure::from_error(&file.display().to_string(), &e);
                    if text {
                        eprintln!("{}", failure_line(&failure));
                    }
                    report.add_failure(failure);
                }
            }
        }
    }
    let document = match args.format {
        Format::Text => String::new(),
        Format::Json => report.json(),
        Format::Sarif => report.sarif(),
        Format::Github => report.github(),
    };
    let _ = stdout.write_all(document.as_bytes());
    let _ = stdout.flush();
    eprintln!("{}", report.summary());
    ExitCode::from(report.exit_code())
}

#[cfg(test)]
mod tests {
    use evmatch_cli::discovery::{MAX_YAML_ALIAS_NODES, MAX_YAML_ALIASES};

    /// `n` with thousands separators.
    fn grouped(n: usize) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn the_help_states_the_alias_budget() {
        let budget = format!(
            "at most {} aliases adding at most {} nodes per file",
            grouped(MAX_YAML_ALIASES),
            grouped(MAX_YAML_ALIAS_NODES)
        );
        assert!(
            super::AFTER_HELP.replace('\n', " ").contains(&budget),
            "{budget}"
        );
    }
}
