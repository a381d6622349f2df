//! `evmatch example`: a small event a pattern matches (one per `$or` branch on request), or
//! why no event can match.
//!
//! Invariants: stdout holds only events, one compact JSON object per line, each matching the
//! pattern (the engine checks every example it returns); reasons and AWS messages go to stderr.
//! Costs: one pattern parse; linear in the pattern.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Args};
use evmatch::Pattern;

use crate::input::read_text;

const AFTER_HELP: &str = "\
Prints one JSON event (one line, compact) that the pattern matches: the example of its first
$or branch that can match. With --all-branches, one line per branch that can match, in branch
order (one branch per combination of the $or alternatives).

Values are plain: the operand itself (strings, numbers, exactly, prefix, suffix), one spelling
of an equals-ignore-case operand, a wildcard's literal text, the first address of a cidr block,
an integer inside a numeric range where there is one, a value anything-but does not exclude,
\"example\" for {\"exists\": true}; a path with {\"exists\": false} is left out.

Only a numeric range with no comparable number inside (e.g. [\">\", 1, \"<\", 1.0000000000000002])
makes a branch impossible; the reason is written to stderr:

  evmatch: no event matches branch 1 of the pattern: \"a\" needs {\"numeric\":[…]}, and no number …

Exit status: 0 an example was printed (with --all-branches: for every branch), 1 no branch can
match (with --all-branches: some branch cannot), 2 error (invalid pattern, with AWS's message on
stderr as `evmatch test` prints it; unreadable file).";

/// Arguments of `evmatch example`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
#[command(group(ArgGroup::new("source").required(true).args(["expression", "pattern"])))]
pub struct ExampleArgs {
    /// The pattern, as JSON text.
    #[arg(short = 'e', long = "expression", value_name = "PATTERN")]
    expression: Option<String>,

    /// File holding the pattern, or `-` for stdin.
    #[arg(long, value_name = "FILE|-")]
    pattern: Option<PathBuf>,

    /// One example per $or branch.
    #[arg(long)]
    all_branches: bool,
}

/// Run `evmatch example`.
pub fn run(args: ExampleArgs) -> ExitCode {
    let text = match (args.expression, args.pattern) {
        (Some(text), _) => text,
        (None, Some(path)) => match read_text(&path) {
            Ok(text) => text,
            Err(message) => return fail(&message, 2),
        },
        (None, None) => unreachable!("clap requires a pattern source"),
    };
    let pattern = match Pattern::parse(&text) {
        Ok(p) => p,
        Err(e) => return fail(&e.to_string(), 2),
    };
    let examples = if args.all_branches {
        pattern.example_events()
    } else {
        vec![pattern.example_event()]
    };
    let mut stdout = std::io::stdout().lock();
    let mut code = ExitCode::SUCCESS;
    for example in examples {
        match example {
            // A closed stdout is no reason to fail: the exit status carries the answer.
            Ok(event) => {
                let _ = writeln!(stdout, "{event}");
            }
            Err(why) => {
                let _ = stdout.flush();
                eprintln!("evmatch: {why}");
                code = ExitCode::from(1);
            }
        }
    }
    code
}

fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(code)
}
