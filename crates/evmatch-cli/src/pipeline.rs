//! The parallel pipeline under `evmatch match` and `evmatch filter`: JSON Lines from files or
//! stdin, processed on every core, output written in input order.
//!
//! A reader thread cuts each input into batches of whole lines and queues them for long-lived
//! worker threads, which run the command's [`Render`] over a batch into buffers (stdout text,
//! stderr text, counts); the main thread writes the buffers in input order, so the output is
//! identical whatever the thread count. Queues are bounded and buffers recycled, so memory does
//! not grow with the input: at most `2 × threads + 2` batches of about [`BATCH_BYTES`] each (a
//! line longer than a batch makes its batch grow to hold it).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, mpsc};

use indicatif::{ProgressBar, ProgressStyle};

/// Bytes per batch, the unit of work a worker takes: large enough that handing it over costs
/// nothing next to matching it, small enough that the workers run out of input together.
pub const BATCH_BYTES: usize = 1 << 20;

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
pub fn lines(bytes: &[u8], first_line: usize) -> impl Iterator<Item = (usize, &[u8])> {
    raw_lines(bytes, first_line).map(|(n, text, _)| (n, text))
}

/// The lines of a batch: (line number, text without line ending, the line as read with its
/// ending); blank lines dropped. The last line of an input may have no ending.
pub fn raw_lines(bytes: &[u8], first_line: usize) -> impl Iterator<Item = (usize, &[u8], &[u8])> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', bytes)
        .map(|i| i + 1)
        .chain((bytes.last().is_some_and(|&b| b != b'\n')).then_some(bytes.len()))
        .enumerate()
        .filter_map(move |(i, end)| {
            let raw = &bytes[start..end];
            start = end;
            let line = raw.strip_suffix(b"\n").unwrap_or(raw);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            (!line.iter().all(u8::is_ascii_whitespace)).then_some((first_line + i, line, raw))
        })
}

/// A batch handed to a [`Render`]: whole lines of one input.
pub struct Lines<'a> {
    /// Index of the input (in the `sources` given to [`run`]).
    pub source: usize,
    /// The number of the batch's first line in its input (1-based).
    pub first_line: usize,
    /// The lines, each with its ending (the last line of an input may have none).
    pub bytes: &'a [u8],
}

/// What a [`Render`] produces for a batch. The buffers are cleared before each batch.
#[derive(Default)]
pub struct Rendered {
    /// Text for stdout.
    pub output: Vec<u8>,
    /// Text for stderr.
    pub diagnostics: Vec<u8>,
    /// Lines that were not valid events.
    pub invalid: u64,
    /// Lines the command selected (its own meaning: `filter` counts the lines it prints).
    pub selected: u64,
}

/// A command's work on one batch, run on the worker threads.
pub trait Render: Sync {
    /// Process `lines` into `into` (whose buffers are empty and counts zero).
    fn render(&self, lines: &Lines<'_>, into: &mut Rendered);
}

/// How [`run`] treats the inputs.
pub struct Options {
    /// Worker threads (at least one).
    pub threads: usize,
    /// Show a progress bar on stderr when it is a terminal.
    pub progress: bool,
    /// On an input that cannot be opened or read, report it on stderr and go on with the next
    /// input (like grep), instead of stopping with [`Failure::Input`].
    pub keep_going: bool,
}

/// Counts per input, summed over its batches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Lines that were not valid events.
    pub invalid: u64,
    /// Lines the command selected.
    pub selected: u64,
}

/// What [`run`] did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Counts per input, in the order of `sources`.
    pub per_source: Vec<Totals>,
    /// Inputs that could not be opened or read (with [`Options::keep_going`]; each was reported
    /// on stderr).
    pub failed_inputs: usize,
}

impl Summary {
    /// The counts of every input together.
    pub fn total(&self) -> Totals {
        self.per_source
            .iter()
            .fold(Totals::default(), |a, t| Totals {
                invalid: a.invalid + t.invalid,
                selected: a.selected + t.selected,
            })
    }
}

/// Why [`run`] stopped early.
#[derive(Debug)]
pub enum Failure {
    /// An input could not be opened or read (without [`Options::keep_going`]): the message.
    Input(String),
    /// Stdout or stderr could not be written.
    Write(std::io::Error),
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
    /// What the command made of them.
    rendered: Rendered,
}

/// What the writer receives, tagged with its position in the output order.
enum Item {
    /// An input starts; its size, if known, for the progress bar.
    Start(Option<u64>),
    /// A batch, rendered.
    Done(Job),
    /// The input is finished.
    End,
    /// An input could not be opened or read: the message. Without `keep_going`, nothing
    /// follows.
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

/// Run `render` over every line of `sources` (paths, `-` for stdin) on `options.threads`
/// workers, writing the rendered output to `out` and the diagnostics to stderr, in input order.
pub fn run(
    sources: &[PathBuf],
    render: &impl Render,
    options: &Options,
    out: &mut impl Write,
) -> Result<Summary, Failure> {
    let threads = options.threads.max(1);
    // One reader thread hands batches to `threads` long-lived workers (each keeps its warm
    // matching scratch), which send them rendered to this thread; it writes them in order.
    std::thread::scope(|s| {
        let (items, ordered) = mpsc::channel::<(u64, Item)>();
        let (free, reusable) = mpsc::channel::<Job>();
        let (queue, jobs) = mpsc::sync_channel::<Job>(threads);
        let spawn_worker = {
            let items = items.clone();
            move |jobs| {
                let items = items.clone();
                s.spawn(move || work(render, jobs, items));
            }
        };
        let keep_going = options.keep_going;
        s.spawn(move || {
            let alarm = PanicAlarm(items);
            let reader = Reader {
                queue,
                jobs: Some(Arc::new(Mutex::new(jobs))),
                items: &alarm.0,
                reusable,
                keep_going,
            };
            reader.run(sources, threads, spawn_worker)
        });
        write_in_order(ordered, free, out, sources.len(), options)
    })
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
    /// Go on with the next input after one fails.
    keep_going: bool,
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
        'sources: for (source_index, source) in sources.iter().enumerate() {
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
                        if send(Item::Failed(cannot_read(e)), &mut seq) && self.keep_going {
                            continue;
                        }
                        return;
                    }
                }
            };
            if !send(Item::Start(size), &mut seq) {
                return;
            }
            let mut reader = BatchReader::new(reader);
            loop {
                let (input, rendered) = if jobs < max_jobs {
                    jobs += 1;
                    Default::default()
                } else {
                    match self.reusable.recv() {
                        Ok(job) => (job.input, job.rendered),
                        Err(_) => return,
                    }
                };
                let batch = match reader.next_batch(input) {
                    Ok(batch) => batch,
                    Err(e) => {
                        // The job's buffers are lost; one fewer job circulates.
                        jobs -= 1;
                        if send(Item::Failed(cannot_read(e)), &mut seq) && self.keep_going {
                            continue 'sources;
                        }
                        return;
                    }
                };
                if batch.len == 0 {
                    // The job was not used: it may be taken again.
                    jobs -= 1;
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
                    rendered,
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

/// A worker thread: render batches until the reader is done. Once the writer has gone it only
/// drains the queue, so that the reader is never left blocked.
fn work(render: &impl Render, jobs: Jobs, items: Items) {
    let alarm = PanicAlarm(items);
    let mut writer_gone = false;
    loop {
        let job = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(mut job) = job else { break };
        if writer_gone {
            continue;
        }
        let rendered = &mut job.rendered;
        rendered.output.clear();
        rendered.diagnostics.clear();
        rendered.invalid = 0;
        rendered.selected = 0;
        let lines = Lines {
            source: job.source,
            first_line: job.first_line,
            bytes: &job.input[..job.len],
        };
        render.render(&lines, rendered);
        writer_gone = alarm.0.send((job.seq, Item::Done(job))).is_err();
    }
}

/// The main thread: write the rendered batches in input order, holding back those that
/// arrive early, and hand their buffers back to the reader.
fn write_in_order(
    ordered: mpsc::Receiver<(u64, Item)>,
    free: mpsc::Sender<Job>,
    out: &mut impl Write,
    sources: usize,
    options: &Options,
) -> Result<Summary, Failure> {
    let mut summary = Summary {
        per_source: vec![Totals::default(); sources],
        failed_inputs: 0,
    };
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
                Item::Start(size) => {
                    progress = options.progress.then(|| progress_bar(size)).flatten();
                }
                Item::Done(job) => {
                    let totals = &mut summary.per_source[job.source];
                    totals.invalid += job.rendered.invalid;
                    totals.selected += job.rendered.selected;
                    out.write_all(&job.rendered.output)
                        .map_err(Failure::Write)?;
                    if !job.rendered.diagnostics.is_empty() {
                        // Stdout first, so that the two streams interleave in input order.
                        out.flush().map_err(Failure::Write)?;
                        std::io::stderr()
                            .write_all(&job.rendered.diagnostics)
                            .map_err(Failure::Write)?;
                    }
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
                Item::Failed(message) => {
                    if let Some(p) = progress.take() {
                        p.finish_and_clear();
                    }
                    if !options.keep_going {
                        return Err(Failure::Input(message));
                    }
                    out.flush().map_err(Failure::Write)?;
                    eprintln!("{message}");
                    summary.failed_inputs += 1;
                }
                Item::Panicked => unreachable!("handled on arrival"),
            }
        }
    }
    Ok(summary)
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

#[cfg(test)]
mod tests {
    use super::{BatchReader, lines, raw_lines};

    #[test]
    fn raw_lines_keep_their_endings_and_skip_blank_ones() {
        let text = b"a\r\n\n  \nb\nc";
        let got: Vec<(usize, &[u8], &[u8])> = raw_lines(text, 10).collect();
        assert_eq!(
            got,
            [
                (10, &b"a"[..], &b"a\r\n"[..]),
                (13, b"b", b"b\n"),
                (14, b"c", b"c"),
            ]
        );
        let plain: Vec<(usize, &[u8])> = lines(text, 1).collect();
        assert_eq!(plain, [(1, &b"a"[..]), (4, b"b"), (5, b"c")]);
        assert_eq!(raw_lines(b"", 1).count(), 0);
        assert_eq!(raw_lines(b"\n", 1).count(), 0);
    }

    #[test]
    fn batches_hold_whole_lines_and_count_them() {
        let text = "x".repeat(super::BATCH_BYTES - 1) + "\nyy\nzzz";
        let mut reader = BatchReader::new(text.as_bytes());
        let first = reader.next_batch(Vec::new()).unwrap();
        assert_eq!((first.len, first.first_line), (super::BATCH_BYTES, 1));
        let second = reader.next_batch(Vec::new()).unwrap();
        assert_eq!(&second.bytes[..second.len], b"yy\nzzz");
        assert_eq!(second.first_line, 2);
        assert_eq!(reader.next_batch(Vec::new()).unwrap().len, 0);
    }
}
