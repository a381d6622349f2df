//! The `evmatch` command line: a thin layer over the library.
//!
//! One module per subcommand (`test`, `validate`, `matching`, `bench`, `filter`, `example`),
//! plus what they share (`input` for a file or stdin, `rules_file` for the rules of `match` and
//! `filter`, `pipeline` for their parallel, order-keeping pass over JSON Lines); `main` parses the
//! arguments with clap and dispatches. To add a subcommand, add a variant to [`Command`] holding
//! its clap `Args` struct and a `run` function in a new module, and one match arm in `main`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
mod example;
mod filter;
mod input;
mod matching;
mod pipeline;
mod rules_file;
mod serve;
mod test;
mod validate;

const OVERVIEW: &str = "\
Summary:
  evmatch test --pattern <FILE|-> --event <FILE|->
      Prints `true` or `false`. Exit 0 match, 1 no match, 2 error (AWS's message on stderr).
      --explain adds why: per branch and condition, the verdict and the values found.
  evmatch test --jsonl
      Reads {\"pattern\": \"<text>\", \"event\": \"<text>\"} requests, one per line, on stdin;
      writes one line per request, in order, flushed: {\"result\": true}, {\"result\": false}
      or {\"error\": \"<AWS message>\"}. Exit 0 at end of input.
  evmatch test --dialect <NAME> --pattern <FILE|-> [--pattern ...] --event <FILE|->
               [--attributes <FILE>] [--api Subscribe|SetSubscriptionAttributes]
      The same for an SNS filter policy (sns-attributes, sns-body: --event is the message
      body, --attributes the message attributes), a Lambda event source mapping's filters
      (lambda-sqs, lambda-kinesis, lambda-dynamodb, lambda-kafka, lambda-mq) or a pipe's
      (pipes-sqs, …; --event is the record). Errors are the service's message. JSON Lines
      requests take \"dialect\", \"attributes\", \"api\" and \"patterns\" members likewise.
  evmatch validate <PATH>...
      Checks pattern files, JSON Lines files of patterns and CloudFormation/SAM templates (JSON
      or YAML; every EventPattern). Prints `file:line:column: <AWS reason>` per invalid pattern
      on stdout and a summary on stderr. Exit 0 all valid, 1 any invalid, 2 file error.
      Also checks rules' ScheduleExpression and target inputs; --format json|sarif|github
      for CI; --intrinsics skip to skip every pattern holding an intrinsic function.
      Also checks SNS subscriptions' FilterPolicy, Lambda event source mappings' and SAM
      event sources' FilterCriteria, and pipes' filters, with each service's messages.
  evmatch match --rules <FILE> [--dialect <NAME>] [EVENTS...]
      Matches JSON Lines events (files or stdin) against many rules on every core; writes
      {\"line\": n, \"matches\": [ids]} per event, in input order.
      --explain <ID> adds an \"explain\" member: why rule ID matched the event or not.
      --dialect NAME: the rules are filters of that dialect, the lines its inputs (records;
      for SNS, messages {\"Message\": …, \"MessageAttributes\": {…}}).
  evmatch filter (-e <PATTERN> | --pattern <FILE|-> | --rules <FILE>) [-v|-c|-q|-n|-H|-h]
                 [--with-ids] [--dialect <NAME>] [FILES...]
      grep for JSON Lines events: prints the lines the pattern (any rule) matches, unchanged and
      in input order, on every core. Exit 0 some line selected, 1 none, 2 error (bad lines are
      reported on stderr with file and line number; the run goes on).
  evmatch example (-e <PATTERN> | --pattern <FILE|->) [--all-branches]
      Prints a small event the pattern matches (one per $or branch with --all-branches), or why
      no event can. Exit 0 printed, 1 impossible, 2 error.
  evmatch serve [--port N] [--state FILE] [--deliveries FILE] [--verify-sigv4 ...]
      Serves the EventBridge API over HTTP on loopback for the AWS SDKs and CLI; prints
      `evmatch serve: listening on http://127.0.0.1:PORT`, stops on SIGINT/SIGTERM.
  evmatch bench [--events N] [--rules SET]
      Generates the citylots workload in memory and prints events/s and MB/s per CL2 rule set.

Run `evmatch <COMMAND> --help` for the details of a command.";

/// Match JSON events against Amazon EventBridge event patterns, with AWS's exact semantics and
/// error messages.
#[derive(Debug, Parser)]
#[command(name = "evmatch", version, about, long_about = None, propagate_version = true)]
#[command(after_help = "Run `evmatch <COMMAND> --help` for the details of a command.")]
#[command(after_long_help = OVERVIEW)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Test one event against one pattern, like the EventBridge TestEventPattern API
    /// (or many pairs with --jsonl).
    Test(test::TestArgs),
    /// Check pattern files, JSON Lines files of patterns, and CloudFormation/SAM templates
    /// offline.
    Validate(validate::ValidateArgs),
    /// Match JSON Lines events against many rules at once, on every core.
    Match(matching::MatchArgs),
    /// Benchmark matching throughput on the generated citylots workload.
    Bench(bench::BenchArgs),
    /// Print the JSON Lines events a pattern (or any of many rules) matches, like grep.
    Filter(filter::FilterArgs),
    /// Print a small event a pattern matches, or why none can.
    Example(example::ExampleArgs),
    /// Serve the EventBridge API over HTTP for the AWS SDKs and CLI (a local endpoint).
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Test(args) => test::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Match(args) => matching::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Filter(args) => filter::run(args),
        Command::Example(args) => example::run(args),
        Command::Serve(args) => serve::run(args),
    }
}
