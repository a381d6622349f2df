//! The delivery log: numbers and stamps every [`Record`], keeps the newest lines in memory for
//! [`DeliveryLog::since`], and hands the lines to a writer thread that writes them to the
//! [`LogOutput`], each with a line feed, in batches.
//!
//! Why a writer thread: the sink runs on the thread that put the event, and an output that does
//! not drain (a stdout pipe nobody reads any more, a slow disk) must not stop `PutEvents`. The
//! lines wait in a bounded pending buffer (`OUTPUT_BACKLOG` lines); when it is full, the line is
//! not written to the output (it is still in memory for `since`) and stderr says once that the
//! output fell behind.
//!
//! Batching: the caller appends the line to the pending buffer and wakes the writer only when the
//! writer is idle (waiting for lines); a busy writer finds the new lines when it comes back for
//! the next batch. The writer takes everything pending at once (swapping two buffers, so the
//! steady state allocates nothing), writes it with one `write_all` and flushes once per batch: a
//! line is on the output (flushed) at the latest at the end of the batch after the one being
//! written when it was appended, and everything pending is written and flushed on
//! [`DeliveryLog::close`] (shutdown).
//!
//! Invariants: `time` is the clock's time in whole seconds (UTC, `2026-12-07T15:00:00Z`);
//! sequence numbers start at 1 and increase by one per record, and the output has the lines in
//! that order (numbering, remembering and queueing for the writer happen under one mutex); at
//! most `capacity` lines are kept in memory (the oldest are forgotten first), at most
//! `OUTPUT_BACKLOG` wait for the writer. A write error does not stop the log; the first one is
//! reported once on stderr. Costs: one formatted line, one copy into the pending buffer and at
//! most one wake-up per record on the caller's thread; one `write` and one `flush` per batch on
//! the writer thread; `since` is a binary search plus a copy of the lines returned.

use std::collections::VecDeque;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use evmatch_eventbridge::api::Timestamp;
use evmatch_eventbridge::bus::Clock;

use super::record::Record;

/// Where the delivery log lines go.
#[non_exhaustive]
pub enum LogOutput {
    /// Standard output (one line per record, flushed per record).
    Stdout,
    /// Any writer (a file opened by [`LogOutput::file`], a pipe, a test buffer).
    Writer(Box<dyn Write + Send>),
    /// Nowhere: the records are only kept in memory for [`since`](super::Deliveries::since).
    Memory,
}

impl LogOutput {
    /// The file at `path`, created when missing and appended to otherwise (a restarted server
    /// does not lose the previous run's lines; its sequence numbers start again at 1).
    pub fn file(path: impl AsRef<Path>) -> io::Result<LogOutput> {
        let file: File = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(LogOutput::Writer(Box::new(file)))
    }
}

impl fmt::Debug for LogOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LogOutput::Stdout => "Stdout",
            LogOutput::Writer(_) => "Writer",
            LogOutput::Memory => "Memory",
        })
    }
}

/// Lines waiting for the writer thread, at most.
const OUTPUT_BACKLOG: usize = 65_536;

/// The lines on their way to the writer thread.
struct Pending {
    /// The lines, each followed by a line feed, in sequence order.
    text: String,
    /// How many lines `text` holds.
    lines: usize,
    /// The writer is waiting for lines (and must be woken for the next one).
    writer_idle: bool,
    /// No more lines will come: the writer writes what is pending and ends.
    closed: bool,
}

struct Inner {
    next_seq: u64,
    lines: VecDeque<(u64, String)>,
    /// `None` when nothing goes to an output (memory only, or after [`DeliveryLog::close`]).
    pending: Option<Pending>,
    reported_backlog: bool,
}

/// The state shared by the log and its writer thread.
struct Shared {
    inner: Mutex<Inner>,
    /// Signalled when lines arrive for an idle writer, or on close.
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The numbered, stamped, remembered log of delivery records.
pub(crate) struct DeliveryLog {
    shared: Arc<Shared>,
    clock: Arc<dyn Clock>,
    capacity: usize,
    /// Says when the writer thread has written everything and ended.
    writer_done: Mutex<Option<Receiver<()>>>,
}

impl DeliveryLog {
    pub(crate) fn new(output: LogOutput, clock: Arc<dyn Clock>, capacity: usize) -> Self {
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner {
                next_seq: 1,
                lines: VecDeque::new(),
                pending: None,
                reported_backlog: false,
            }),
            wake: Condvar::new(),
        });
        let writer_done = match output {
            LogOutput::Memory => None,
            output => {
                shared.lock().pending = Some(Pending {
                    text: String::new(),
                    lines: 0,
                    writer_idle: false,
                    closed: false,
                });
                let (done_tx, done_rx) = mpsc::channel();
                let for_writer = Arc::clone(&shared);
                let spawned = std::thread::Builder::new()
                    .name("evmatch-delivery-log".into())
                    .spawn(move || {
                        write_lines(output, &for_writer);
                        let _ = done_tx.send(());
                    });
                match spawned {
                    Ok(_) => Some(done_rx),
                    Err(e) => {
                        eprintln!("evmatch deliveries: cannot start the delivery log writer: {e}");
                        shared.lock().pending = None;
                        None
                    }
                }
            }
        };
        DeliveryLog {
            shared,
            clock,
            capacity: capacity.max(1),
            writer_done: Mutex::new(writer_done),
        }
    }

    /// Numbers, stamps, remembers and queues `record` for the output; returns its sequence
    /// number.
    pub(crate) fn append(&self, record: &Record) -> u64 {
        // Whole seconds, as the `time` of events: `2026-12-07T15:00:00Z`.
        let time = Timestamp::from_secs(self.clock.now().secs()).to_string();
        let mut guard = self.shared.lock();
        let inner = &mut *guard;
        let seq = inner.next_seq;
        inner.next_seq += 1;
        let line = record.to_line(seq, &time);
        if let Some(pending) = &mut inner.pending
            && !pending.closed
        {
            if pending.lines < OUTPUT_BACKLOG {
                pending.text.push_str(&line);
                pending.text.push('\n');
                pending.lines += 1;
                if pending.writer_idle {
                    pending.writer_idle = false;
                    self.shared.wake.notify_one();
                }
            } else if !inner.reported_backlog {
                inner.reported_backlog = true;
                eprintln!(
                    "evmatch deliveries: the delivery log output fell behind by {OUTPUT_BACKLOG} lines; \
                     lines are skipped there until it catches up (all stay readable in memory)"
                );
            }
        }
        if inner.lines.len() == self.capacity {
            inner.lines.pop_front();
        }
        inner.lines.push_back((seq, line));
        seq
    }

    /// The remembered lines with a sequence number above `seq`, oldest first.
    pub(crate) fn since(&self, seq: u64) -> Vec<String> {
        let inner = self.shared.lock();
        let start = inner.lines.partition_point(|(s, _)| *s <= seq);
        inner.lines.range(start..).map(|(_, l)| l.clone()).collect()
    }

    /// The sequence number of the newest record (0 before the first).
    pub(crate) fn last_seq(&self) -> u64 {
        let inner = self.shared.lock();
        inner.next_seq - 1
    }

    /// Stops queueing lines for the output (later records are only remembered) and waits until
    /// `deadline` for the writer to write and flush what it has; whether it did.
    pub(crate) fn close(&self, deadline: Instant) -> bool {
        self.stop_writer();
        let done = self
            .writer_done
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        match done {
            None => true,
            Some(rx) => rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .is_ok(),
        }
    }
}

impl DeliveryLog {
    /// Tells the writer that no more lines come (it writes what is pending, flushes and ends);
    /// later records are only remembered.
    fn stop_writer(&self) {
        let mut inner = self.shared.lock();
        if let Some(pending) = &mut inner.pending {
            pending.closed = true;
            self.shared.wake.notify_one();
        }
    }
}

impl Drop for DeliveryLog {
    /// Ends the writer thread (after it wrote what is pending) when the log goes without
    /// [`close`](DeliveryLog::close); does not wait for it.
    fn drop(&mut self) {
        self.stop_writer();
    }
}

/// The writer thread: takes everything pending, writes it with one write and one flush, until
/// the log is closed and nothing is pending.
fn write_lines(mut output: LogOutput, shared: &Shared) {
    let mut reported = false;
    let mut batch = String::new();
    loop {
        {
            let mut inner = shared.lock();
            loop {
                let Some(pending) = &mut inner.pending else {
                    return;
                };
                if pending.lines > 0 {
                    std::mem::swap(&mut batch, &mut pending.text);
                    pending.lines = 0;
                    break;
                }
                if pending.closed {
                    inner.pending = None;
                    return;
                }
                pending.writer_idle = true;
                inner = shared.wake.wait(inner).unwrap_or_else(|p| p.into_inner());
            }
        }
        let written = match &mut output {
            LogOutput::Stdout => {
                let mut out = io::stdout().lock();
                out.write_all(batch.as_bytes()).and_then(|()| out.flush())
            }
            LogOutput::Writer(w) => w.write_all(batch.as_bytes()).and_then(|()| w.flush()),
            LogOutput::Memory => Ok(()),
        };
        batch.clear();
        if let Err(e) = written
            && !reported
        {
            reported = true;
            eprintln!("evmatch deliveries: cannot write the delivery log: {e}");
        }
    }
}

/// How long [`DeliveryLog::close`] waits at most when no deadline is given.
pub(crate) const CLOSE_WAIT: Duration = Duration::from_secs(5);
