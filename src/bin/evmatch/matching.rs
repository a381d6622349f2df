//! `evmatch match`: many rules against a stream of events, on every core.
//!
//! Events are read in batches of lines; each batch is split across worker threads that share
//! one `Machine` by reference, while the main thread reads the next batch. Results are written
//! in input order, so the output is identical whatever the thread count.

use std::fs::File;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// Bytes per batch: large enough to amortise thread start-up, small enough to stream.
const BATCH_BYTES: usize = 16 << 20;

/// Lines per unit of work handed to a worker.
const CHUNK_LINES: usize = 256;

/// A batch of whole lines read from one input, and the number of its first line.
struct Batch {
    bytes: Vec<u8>,
    first_line: usize,
}

/// Reads an input in batches of whole lines, carrying a partial last line over.
struct BatchReader<R> {
    reader: R,
    carry: Vec<u8>,
    /// A finished batch's buffer, reused so that steady-state reading does not fault in pages.
    spare: Vec<u8>,
    next_line: usize,
    eof: bool,
}

impl<R: Read> BatchReader<R> {
    fn new(reader: R) -> Self {
        BatchReader {
            reader,
            carry: Vec::new(),
            spare: Vec::new(),
            next_line: 1,
            eof: false,
        }
    }

    /// Give a finished batch's buffer back for reuse.
    fn recycle(&mut self, batch: Batch) {
        self.spare = batch.bytes;
    }

    /// The next batch, empty at end of input.
    fn next_batch(&mut self) -> std::io::Result<Batch> {
        let mut bytes = std::mem::take(&mut self.spare);
        bytes.clear();
        bytes.append(&mut self.carry);
        while !self.eof && bytes.len() < BATCH_BYTES {
            let start = bytes.len();
            bytes.resize(start + BATCH_BYTES, 0);
            let n = loop {
                match self.reader.read(&mut bytes[start..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            bytes.truncate(start + n);
            self.eof = n == 0;
        }
        if !self.eof {
            // Keep the partial last line for the next batch (a line longer than a batch
            // simply makes this batch grow until its newline arrives).
            match memchr::memrchr(b'\n', &bytes) {
                Some(end) => self.carry = bytes.split_off(end + 1),
                None => {
                    self.carry = bytes;
                    return self.next_batch();
                }
            }
        }
        let first_line = self.next_line;
        self.next_line += memchr::memchr_iter(b'\n', &bytes).count();
        if self.eof && bytes.last().is_some_and(|&b| b != b'\n') {
            self.next_line += 1;
        }
        Ok(Batch { bytes, first_line })
    }
}

/// The lines of a batch: (line number, text without line ending); blank lines dropped.
fn lines(batch: &Batch) -> Vec<(usize, &[u8])> {
    let bytes = &batch.bytes;
    let mut out = Vec::with_capacity(bytes.len() / 512);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes)
        .chain((bytes.last() != Some(&b'\n')).then_some(bytes.len()));
    for (i, end) in ends.enumerate() {
        let line = &bytes[start..end];
        start = end + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            out.push((batch.first_line + i, line));
        }
    }
    out
}

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
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut all_valid = true;
    for source in &sources {
        let cannot_read =
            |e: std::io::Error| format!("evmatch: {}: cannot read: {e}", source.display());
        let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if source.as_os_str() == "-" {
            (Box::new(std::io::stdin()), None)
        } else {
            let f = File::open(source).map_err(cannot_read)?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(f), size)
        };
        let progress = progress_bar(size);
        let file_label = with_file.then(|| source.display().to_string());
        let mut reader = BatchReader::new(reader);
        let mut batch = reader.next_batch().map_err(cannot_read)?;
        while !batch.bytes.is_empty() {
            // Match and render this batch on the workers while the next one is read.
            let lines = lines(&batch);
            // Workers take small chunks of lines in turn, so a chunk of large events cannot
            // leave a core idle at the end of the batch.
            let chunks: Vec<&[(usize, &[u8])]> = lines.chunks(CHUNK_LINES).collect();
            let taken = AtomicUsize::new(0);
            let (rendered, next) = std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads)
                    .map(|_| {
                        let (rules, label, chunks, taken) =
                            (&rules, file_label.as_deref(), &chunks, &taken);
                        s.spawn(move || {
                            let mut done = Vec::new();
                            loop {
                                let i = taken.fetch_add(1, Ordering::Relaxed);
                                let Some(chunk) = chunks.get(i) else {
                                    break done;
                                };
                                done.push((i, render_lines(rules, chunk, label)));
                            }
                        })
                    })
                    .collect();
                let next = reader.next_batch();
                let mut rendered: Vec<(usize, (Vec<u8>, bool))> = handles
                    .into_iter()
                    .flat_map(|h| h.join().expect("matcher thread panicked"))
                    .collect();
                rendered.sort_unstable_by_key(|(i, _)| *i);
                (rendered, next)
            });
            drop(chunks);
            for (_, (bytes, valid)) in rendered {
                all_valid &= valid;
                out.write_all(&bytes)
                    .map_err(|e| format!("evmatch: cannot write: {e}"))?;
            }
            drop(lines);
            if let Some(p) = &progress {
                p.inc(batch.bytes.len() as u64);
            }
            let next = next.map_err(cannot_read)?;
            reader.recycle(std::mem::replace(&mut batch, next));
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

/// Match `lines` and render their output lines; the flag is false if any line was invalid.
fn render_lines(rules: &Rules, lines: &[(usize, &[u8])], file: Option<&str>) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(lines.len() * 32);
    let mut matches = Vec::new();
    let mut valid = true;
    let file = file.map(|f| serde_json::Value::from(f).to_string());
    for &(line, bytes) in lines {
        // Writing to a Vec cannot fail.
        let _ = write!(out, "{{\"line\": {line}");
        if let Some(f) = &file {
            let _ = write!(out, ", \"file\": {f}");
        }
        match rules.machine.matches_into(bytes, &mut matches) {
            Ok(()) => {
                matches.sort_unstable();
                out.extend_from_slice(b", \"matches\": [");
                for (i, &m) in matches.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(b", ");
                    }
                    let _ = write!(
                        out,
                        "{}",
                        serde_json::Value::from(rules.ids[m as usize].as_str())
                    );
                }
                out.extend_from_slice(b"]}\n");
            }
            Err(e) => {
                valid = false;
                let _ = writeln!(
                    out,
                    ", \"error\": {}}}",
                    serde_json::Value::from(e.to_string())
                );
            }
        }
    }
    (out, valid)
}
