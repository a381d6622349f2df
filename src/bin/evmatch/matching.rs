//! `evmatch match`: many rules against a stream of events, on every core.
//!
//! Events are read in batches of lines; each batch is split across worker threads that share
//! one `Machine` by reference, while the main thread reads the next batch. Results are written
//! in input order, so the output is identical whatever the thread count.

use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use evmatch::Machine;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::value::RawValue;

const AFTER_HELP: &str = "\
Rules file: either one JSON object mapping each rule id to its pattern,

  {\"ec2\": {\"source\": [\"aws.ec2\"]}, \"s3\": \"{\\\"source\\\": [\\\"aws.s3\\\"]}\"}

or JSON Lines, one rule per line: {\"id\": \"ec2\", \"pattern\": {\"source\": [\"aws.ec2\"]}}.
A pattern is given as a JSON object or as a string holding the pattern text; a list of
patterns binds several patterns (OR) to one id. Ids are strings (numbers are taken as their
text). An invalid pattern stops the command with the AWS message and exit status 2.

Events: JSON Lines from the files given, or from stdin when there are none (or `-`). Blank
lines are skipped. For every other line, one line is written to stdout, in input order:

  {\"line\": 3, \"matches\": [\"ec2\"]}          ids in rules-file order
  {\"line\": 4, \"error\": \"<why the line is not a valid event>\"}

`line` is the 1-based line number in its file; with several event files each output line also
carries \"file\". A progress bar is shown on stderr when it is a terminal.

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

/// Rule ids in file order and the machine over their indices.
struct Rules {
    ids: Vec<String>,
    machine: Machine<u32>,
}

fn load_rules(path: &Path) -> Result<Rules, String> {
    let text = crate::input::read_text(path)?;
    let name = path.display();
    let mut pairs: Vec<(String, Box<RawValue>, usize)> = Vec::new();
    // A rules object, unless the whole file is one `{"id": …, "pattern": …}` line.
    let object = ordered_members(&text)
        .ok()
        .filter(|m| !(m.len() == 2 && m[0].0 == "id" && m[1].0 == "pattern"));
    if let Some(members) = object {
        pairs.extend(members.into_iter().map(|(k, v)| (k, v, 1)));
    } else {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            #[derive(serde::Deserialize)]
            struct Line {
                id: Box<RawValue>,
                pattern: Box<RawValue>,
            }
            let rule: Line = serde_json::from_str(line)
                .map_err(|e| format!("evmatch: {name}:{}: not a rule line: {e}", i + 1))?;
            let id = match serde_json::from_str::<String>(rule.id.get()) {
                Ok(s) => s,
                Err(_) => rule.id.get().to_string(),
            };
            pairs.push((id, rule.pattern, i + 1));
        }
    }
    let mut ids: Vec<String> = Vec::new();
    let mut machine = Machine::new();
    for (id, raw, line) in pairs {
        let index = match ids.iter().position(|x| *x == id) {
            Some(i) => i,
            None => {
                ids.push(id.clone());
                ids.len() - 1
            }
        } as u32;
        for pattern in patterns_of(&raw) {
            machine
                .add_rule(index, &pattern)
                .map_err(|e| format!("evmatch: {name}:{line}: rule {id:?}: {e}"))?;
        }
    }
    Ok(Rules { ids, machine })
}

/// The members of a JSON object in document order, values kept as raw text.
fn ordered_members(text: &str) -> Result<Vec<(String, Box<RawValue>)>, serde_json::Error> {
    struct Members(Vec<(String, Box<RawValue>)>);
    impl<'de> serde::Deserialize<'de> for Members {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Members;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object of rules")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Members, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                        out.push(entry);
                    }
                    Ok(Members(out))
                }
            }
            d.deserialize_map(V)
        }
    }
    serde_json::from_str::<Members>(text).map(|m| m.0)
}

/// A pattern value: an object (the pattern itself), a string (its text) or a list of either.
fn patterns_of(raw: &RawValue) -> Vec<String> {
    let text = raw.get().trim();
    if text.starts_with('"') {
        vec![serde_json::from_str::<String>(text).unwrap_or_default()]
    } else if text.starts_with('[') {
        serde_json::from_str::<Vec<Box<RawValue>>>(text)
            .map(|items| items.iter().flat_map(|i| patterns_of(i)).collect())
            .unwrap_or_else(|_| vec![text.to_string()])
    } else {
        vec![text.to_string()]
    }
}

/// Lines per batch: large enough to amortise thread start-up, small enough to stream.
const BATCH: usize = 16 * 1024;

fn run_inner(args: MatchArgs) -> Result<bool, String> {
    let rules = load_rules(&args.rules)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let sources: Vec<PathBuf> = if args.events.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.events.clone()
    };
    let with_file = sources.len() > 1;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_valid = true;
    for source in &sources {
        let is_stdin = source.as_os_str() == "-";
        let (reader, size): (Box<dyn Read>, Option<u64>) = if is_stdin {
            (Box::new(std::io::stdin()), None)
        } else {
            let f = File::open(source)
                .map_err(|e| format!("evmatch: {}: cannot read: {e}", source.display()))?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(f), size)
        };
        let progress = progress_bar(size);
        let file_label = with_file.then(|| source.display().to_string());
        let mut reader = BufReader::with_capacity(1 << 20, reader);
        let mut next_line = 1usize;
        let mut batch = read_batch(&mut reader, &mut next_line)
            .map_err(|e| format!("evmatch: {}: cannot read: {e}", source.display()))?;
        while !batch.is_empty() {
            let read_bytes: usize = batch.iter().map(|(_, l)| l.len() + 1).sum();
            // Match this batch on the workers while the next one is read.
            let (results, next) = std::thread::scope(|s| {
                let chunk = batch.len().div_ceil(threads);
                let handles: Vec<_> = batch
                    .chunks(chunk.max(1))
                    .map(|part| s.spawn(|| match_lines(&rules, part)))
                    .collect();
                let next = read_batch(&mut reader, &mut next_line);
                let results: Vec<Vec<LineResult>> = handles
                    .into_iter()
                    .map(|h| h.join().expect("matcher thread panicked"))
                    .collect();
                (results, next)
            });
            for r in results.iter().flatten() {
                all_valid &= r.error.is_none();
                write_result(&mut out, r, file_label.as_deref(), &rules.ids)
                    .map_err(|e| format!("evmatch: cannot write: {e}"))?;
            }
            if let Some(p) = &progress {
                p.inc(read_bytes as u64);
            }
            batch = next.map_err(|e| format!("evmatch: {}: cannot read: {e}", source.display()))?;
        }
        if let Some(p) = progress {
            p.finish_and_clear();
        }
    }
    out.flush()
        .map_err(|e| format!("evmatch: cannot write: {e}"))?;
    Ok(all_valid)
}

fn progress_bar(size: Option<u64>) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match size {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .ok()?,
        ),
        None => ProgressBar::new_spinner()
            .with_style(ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec}").ok()?),
    };
    Some(bar)
}

/// Up to [`BATCH`] non-blank lines with their line numbers.
fn read_batch(
    reader: &mut impl BufRead,
    next_line: &mut usize,
) -> std::io::Result<Vec<(usize, Vec<u8>)>> {
    let mut batch = Vec::with_capacity(BATCH);
    while batch.len() < BATCH {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let n = *next_line;
        *next_line += 1;
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        batch.push((n, line));
    }
    Ok(batch)
}

struct LineResult {
    line: usize,
    matches: Vec<u32>,
    error: Option<String>,
}

fn match_lines(rules: &Rules, lines: &[(usize, Vec<u8>)]) -> Vec<LineResult> {
    let mut matches = Vec::new();
    lines
        .iter()
        .map(|(line, bytes)| {
            matches.clear();
            match rules.machine.matches_into(bytes, &mut matches) {
                Ok(()) => {
                    let mut m = matches.clone();
                    m.sort_unstable();
                    LineResult {
                        line: *line,
                        matches: m,
                        error: None,
                    }
                }
                Err(e) => LineResult {
                    line: *line,
                    matches: Vec::new(),
                    error: Some(e.to_string()),
                },
            }
        })
        .collect()
}

fn write_result(
    out: &mut impl Write,
    r: &LineResult,
    file: Option<&str>,
    ids: &[String],
) -> std::io::Result<()> {
    write!(out, "{{\"line\": {}", r.line)?;
    if let Some(f) = file {
        write!(out, ", \"file\": {}", serde_json::Value::from(f))?;
    }
    match &r.error {
        Some(e) => write!(out, ", \"error\": {}", serde_json::Value::from(e.as_str()))?,
        None => {
            out.write_all(b", \"matches\": [")?;
            for (i, &m) in r.matches.iter().enumerate() {
                if i > 0 {
                    out.write_all(b", ")?;
                }
                write!(out, "{}", serde_json::Value::from(ids[m as usize].as_str()))?;
            }
            out.write_all(b"]")?;
        }
    }
    out.write_all(b"}\n")
}
