//! `evmatch match`: many rules against a stream of events, on every core.
//!
//! A reader thread cuts the events into batches of whole lines and queues them for long-lived
//! worker threads, which share one `Machine` by reference and render each batch's output into
//! a buffer; the main thread writes the buffers in input order, so the output is identical
//! whatever the thread count. Queues are bounded and buffers recycled, so memory does not grow
//! with the input. The rules come from [`crate::rules_file`].

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError, mpsc};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

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

/// Bytes per batch, the unit of work a worker takes: large enough that handing it over costs
/// nothing next to matching it, small enough that the workers run out of input together.
const BATCH_BYTES: usize = 1 << 20;

/// A batch of whole lines read from one input, and the number of its first line.
struct Batch {
    /// The lines are `bytes[..len]`; the rest is left over from earlier batches.
    bytes: Vec<u8>,
    len: usize,
    first_line: usize,
}

/// Reads an input in batches of whole lines, carrying a partial last line over.
struct BatchReader<R> {
    reader: R,
    carry: Vec<u8>,
    next_line: usize,
    eof: bool,
}

impl<R: Read> BatchReader<R> {
    fn new(reader: R) -> Self {
        BatchReader {
            reader,
            carry: Vec::new(),
            next_line: 1,
            eof: false,
        }
    }

    /// The next batch, read into `bytes`, empty at end of input. The buffer of an earlier
    /// batch is overwritten rather than cleared, so that steady-state reading neither faults
    /// in pages nor zeroes them again.
    fn next_batch(&mut self, mut bytes: Vec<u8>) -> std::io::Result<Batch> {
        let mut len = self.carry.len();
        let mut want = BATCH_BYTES.max(len);
        if bytes.len() < want {
            bytes.resize(want, 0);
        }
        bytes[..len].copy_from_slice(&self.carry);
        self.carry.clear();
        // Bytes known to hold no newline: at first the carried partial line.
        let mut searched = len;
        loop {
            while !self.eof && len < want {
                if bytes.len() < want {
                    bytes.resize(want, 0);
                }
                let n = loop {
                    match self.reader.read(&mut bytes[len..want]) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    }
                };
                len += n;
                self.eof = n == 0;
            }
            if self.eof {
                break;
            }
            // Keep the partial last line for the next batch; a line longer than a batch makes
            // this batch grow until its newline arrives.
            match memchr::memrchr(b'\n', &bytes[searched..len]) {
                Some(i) => {
                    let end = searched + i + 1;
                    self.carry.extend_from_slice(&bytes[end..len]);
                    len = end;
                    break;
                }
                None => {
                    searched = len;
                    want = len + BATCH_BYTES;
                }
            }
        }
        let first_line = self.next_line;
        self.next_line += memchr::memchr_iter(b'\n', &bytes[..len]).count();
        if self.eof && len > 0 && bytes[len - 1] != b'\n' {
            self.next_line += 1;
        }
        Ok(Batch {
            bytes,
            len,
            first_line,
        })
    }
}

/// The lines of a batch: (line number, text without line ending); blank lines dropped.
fn lines(bytes: &[u8], first_line: usize) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', bytes)
        .chain((bytes.last() != Some(&b'\n')).then_some(bytes.len()))
        .enumerate()
        .filter_map(move |(i, end)| {
            let line = &bytes[start..end];
            start = end + 1;
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            (!line.iter().all(u8::is_ascii_whitespace)).then_some((first_line + i, line))
        })
}

/// A batch on its way through the pipeline. Its buffers go back to the reader once written,
/// so a fixed set of jobs carries the whole input and memory stays bounded.
struct Job {
    /// Position in the output order.
    seq: u64,
    /// Index of the input the lines come from.
    source: usize,
    first_line: usize,
    /// Whole lines of input: `input[..len]`.
    input: Vec<u8>,
    len: usize,
    /// Their rendered output lines.
    output: Vec<u8>,
    /// False if some line was not a valid event.
    valid: bool,
}

/// What the writer receives, tagged with its position in the output order.
enum Item {
    /// An input starts; its size, if known, for the progress bar.
    Start(Option<u64>),
    /// A batch, matched and rendered.
    Done(Job),
    /// The input is finished.
    End,
    /// An input could not be opened or read: the message. Nothing follows.
    Failed(String),
    /// A reader or worker thread panicked (not in order: the writer stops at once).
    Panicked,
}

type Items = mpsc::Sender<(u64, Item)>;

/// The workers' end of the batch queue.
type Jobs = Arc<Mutex<mpsc::Receiver<Job>>>;

/// Tells the writer that the thread holding it panicked, so that it does not wait forever for
/// that thread's batch.
struct PanicAlarm(Items);

impl Drop for PanicAlarm {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.0.send((u64::MAX, Item::Panicked));
        }
    }
}

fn run_inner(args: MatchArgs) -> Result<bool, String> {
    let rules = Rules::load(&args.rules)?;
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
    // One reader thread hands batches to `threads` long-lived workers (each keeps its warm
    // matching scratch), which send them rendered to this thread; it writes them in order.
    let all_valid = std::thread::scope(|s| {
        let (items, ordered) = mpsc::channel::<(u64, Item)>();
        let (free, reusable) = mpsc::channel::<Job>();
        let (queue, jobs) = mpsc::sync_channel::<Job>(threads);
        let (rules, labels) = (&rules, &labels);
        let spawn_worker = {
            let items = items.clone();
            move |jobs| {
                let items = items.clone();
                s.spawn(move || work(rules, labels, jobs, items));
            }
        };
        let sources = &sources;
        s.spawn(move || {
            let alarm = PanicAlarm(items);
            let reader = Reader {
                queue,
                jobs: Some(Arc::new(Mutex::new(jobs))),
                items: &alarm.0,
                reusable,
            };
            reader.run(sources, threads, spawn_worker)
        });
        write_in_order(ordered, free, &mut out)
    })?;
    out.flush()
        .map_err(|e| format!("evmatch: cannot write: {e}"))?;
    Ok(all_valid)
}

/// The reader thread's ends of the channels.
struct Reader<'a> {
    /// Batches to the workers.
    queue: mpsc::SyncSender<Job>,
    /// The workers' end of the queue, until every worker has been started with its share (the
    /// last one takes it, so that the queue closes for the reader once the workers are gone).
    jobs: Option<Jobs>,
    /// Each input's start, end or failure to the writer.
    items: &'a Items,
    /// Written jobs coming back for reuse.
    reusable: mpsc::Receiver<Job>,
}

impl Reader<'_> {
    /// Every input in turn, in batches, to the workers, starting one worker per batch (up to
    /// `threads`, so that small inputs start few) through `spawn_worker`. Stops when the writer
    /// or the workers have gone.
    fn run(mut self, sources: &[PathBuf], threads: usize, mut spawn_worker: impl FnMut(Jobs)) {
        // Jobs: one per worker and per queue place, plus the batch being read and the ones
        // waiting to be written; beyond that the reader waits for a written one.
        let max_jobs = 2 * threads + 2;
        let (mut seq, mut jobs, mut workers) = (0u64, 0usize, 0usize);
        let send = |item: Item, seq: &mut u64| {
            let sent = self.items.send((*seq, item)).is_ok();
            *seq += 1;
            sent
        };
        for (source_index, source) in sources.iter().enumerate() {
            let cannot_read =
                |e: std::io::Error| format!("evmatch: {}: cannot read: {e}", source.display());
            let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if source.as_os_str() == "-" {
                (Box::new(std::io::stdin()), None)
            } else {
                match File::open(source) {
                    Ok(f) => {
                        let size = f.metadata().ok().map(|m| m.len());
                        (Box::new(f), size)
                    }
                    Err(e) => {
                        send(Item::Failed(cannot_read(e)), &mut seq);
                        return;
                    }
                }
            };
            if !send(Item::Start(size), &mut seq) {
                return;
            }
            let mut reader = BatchReader::new(reader);
            loop {
                let (input, output) = if jobs < max_jobs {
                    jobs += 1;
                    Default::default()
                } else {
                    match self.reusable.recv() {
                        Ok(job) => (job.input, job.output),
                        Err(_) => return,
                    }
                };
                let batch = match reader.next_batch(input) {
                    Ok(batch) => batch,
                    Err(e) => {
                        send(Item::Failed(cannot_read(e)), &mut seq);
                        return;
                    }
                };
                if batch.len == 0 {
                    break;
                }
                if workers < threads {
                    workers += 1;
                    let share = if workers == threads {
                        self.jobs.take()
                    } else {
                        self.jobs.clone()
                    };
                    spawn_worker(share.expect("held until the last worker starts"));
                }
                let job = Job {
                    seq,
                    source: source_index,
                    first_line: batch.first_line,
                    input: batch.bytes,
                    len: batch.len,
                    output,
                    valid: true,
                };
                seq += 1;
                if self.queue.send(job).is_err() {
                    return;
                }
            }
            if !send(Item::End, &mut seq) {
                return;
            }
        }
    }
}

/// A worker thread: match and render batches until the reader is done. Once the writer has
/// gone it only drains the queue, so that the reader is never left blocked.
fn work(rules: &Rules, labels: &[Option<String>], jobs: Jobs, items: Items) {
    let alarm = PanicAlarm(items);
    let mut writer_gone = false;
    loop {
        let job = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(mut job) = job else { break };
        if writer_gone {
            continue;
        }
        let file = labels[job.source].as_deref();
        render_batch(rules, &mut job, file);
        writer_gone = alarm.0.send((job.seq, Item::Done(job))).is_err();
    }
}

/// The main thread: write the rendered batches in input order, holding back those that
/// arrive early, and hand their buffers back to the reader. False if some line was invalid.
fn write_in_order(
    ordered: mpsc::Receiver<(u64, Item)>,
    free: mpsc::Sender<Job>,
    out: &mut impl Write,
) -> Result<bool, String> {
    let mut all_valid = true;
    let mut early: BTreeMap<u64, Item> = BTreeMap::new();
    let mut next = 0u64;
    let mut progress = None;
    // Ends when the reader and every worker have finished.
    for (seq, item) in ordered {
        if let Item::Panicked = item {
            panic!("matcher thread panicked");
        }
        early.insert(seq, item);
        while let Some(item) = early.remove(&next) {
            next += 1;
            match item {
                Item::Start(size) => progress = progress_bar(size),
                Item::Done(job) => {
                    all_valid &= job.valid;
                    out.write_all(&job.output)
                        .map_err(|e| format!("evmatch: cannot write: {e}"))?;
                    if let Some(p) = &progress {
                        p.inc(job.len as u64);
                    }
                    // The reader may have finished: then the buffers are simply dropped.
                    let _ = free.send(job);
                }
                Item::End => {
                    if let Some(p) = progress.take() {
                        p.finish_and_clear();
                    }
                }
                Item::Failed(message) => return Err(message),
                Item::Panicked => unreachable!("handled on arrival"),
            }
        }
    }
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

/// Match the lines of `job` and render their output lines into its output buffer, clearing
/// `valid` if any line is not a valid event. `file` is the `"file"` member's JSON value.
fn render_batch(rules: &Rules, job: &mut Job, file: Option<&str>) {
    let out = &mut job.output;
    out.clear();
    let mut matches = Vec::new();
    for (line, bytes) in lines(&job.input[..job.len], job.first_line) {
        // Writing to a Vec cannot fail.
        let _ = write!(out, "{{\"line\": {line}");
        if let Some(f) = file {
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
                    out.extend_from_slice(rules.ids_json[m as usize].as_bytes());
                }
                out.extend_from_slice(b"]}\n");
            }
            Err(e) => {
                job.valid = false;
                let _ = writeln!(
                    out,
                    ", \"error\": {}}}",
                    serde_json::Value::from(e.to_string())
                );
            }
        }
    }
}
