//! The delivery log: numbers and stamps every [`Record`], keeps the newest lines in memory for
//! [`DeliveryLog::since`], and hands each line to a writer thread that writes it to the
//! [`LogOutput`] with a line feed and flushes it.
//!
//! Why a writer thread: the sink runs on the thread that put the event, and an output that does
//! not drain (a stdout pipe nobody reads any more, a slow disk) must not stop `PutEvents`. The
//! lines wait in a bounded channel (`OUTPUT_BACKLOG` lines); when it is full, the line is not
//! written to the output (it is still in memory for `since`) and stderr says once that the output
//! fell behind.
//!
//! Invariants: `time` is the clock's time in whole seconds (UTC, `2026-12-07T15:00:00Z`);
//! sequence numbers start at 1 and increase by one per record, and the output has the lines in
//! that order (numbering, remembering and queueing for the writer happen under one mutex); at
//! most `capacity` lines are kept in memory (the oldest are forgotten first). A write error does
//! not stop the log; the first one is reported once on stderr. Costs: one formatted line and one
//! channel send per record on the caller's thread; one `write` and one `flush` per record on the
//! writer thread; `since` is a binary search plus a copy of the lines returned.

use std::collections::VecDeque;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
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

struct Inner {
    next_seq: u64,
    lines: VecDeque<(u64, String)>,
    to_writer: Option<SyncSender<String>>,
    reported_backlog: bool,
}

/// The numbered, stamped, remembered log of delivery records.
pub(crate) struct DeliveryLog {
    inner: Mutex<Inner>,
    clock: Arc<dyn Clock>,
    capacity: usize,
    /// Says when the writer thread has written everything and ended.
    writer_done: Mutex<Option<Receiver<()>>>,
}

impl DeliveryLog {
    pub(crate) fn new(output: LogOutput, clock: Arc<dyn Clock>, capacity: usize) -> Self {
        let (to_writer, writer_done) = match output {
            LogOutput::Memory => (None, None),
            output => {
                let (tx, rx) = mpsc::sync_channel::<String>(OUTPUT_BACKLOG);
                let (done_tx, done_rx) = mpsc::channel();
                let spawned = std::thread::Builder::new()
                    .name("evmatch-delivery-log".into())
                    .spawn(move || {
                        write_lines(output, &rx);
                        let _ = done_tx.send(());
                    });
                match spawned {
                    Ok(_) => (Some(tx), Some(done_rx)),
                    Err(e) => {
                        eprintln!("evmatch deliveries: cannot start the delivery log writer: {e}");
                        (None, None)
                    }
                }
            }
        };
        DeliveryLog {
            inner: Mutex::new(Inner {
                next_seq: 1,
                lines: VecDeque::new(),
                to_writer,
                reported_backlog: false,
            }),
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
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let seq = inner.next_seq;
        inner.next_seq += 1;
        let line = record.to_line(seq, &time);
        if let Some(tx) = &inner.to_writer
            && let Err(TrySendError::Full(_)) = tx.try_send(line.clone())
            && !inner.reported_backlog
        {
            inner.reported_backlog = true;
            eprintln!(
                "evmatch deliveries: the delivery log output fell behind by {OUTPUT_BACKLOG} lines; \
                 lines are skipped there until it catches up (all stay readable in memory)"
            );
        }
        if inner.lines.len() == self.capacity {
            inner.lines.pop_front();
        }
        inner.lines.push_back((seq, line));
        seq
    }

    /// The remembered lines with a sequence number above `seq`, oldest first.
    pub(crate) fn since(&self, seq: u64) -> Vec<String> {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let start = inner.lines.partition_point(|(s, _)| *s <= seq);
        inner.lines.range(start..).map(|(_, l)| l.clone()).collect()
    }

    /// The sequence number of the newest record (0 before the first).
    pub(crate) fn last_seq(&self) -> u64 {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inner.next_seq - 1
    }

    /// Stops queueing lines for the output (later records are only remembered) and waits until
    /// `deadline` for the writer to write and flush what it has; whether it did.
    pub(crate) fn close(&self, deadline: Instant) -> bool {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .to_writer = None;
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

/// The writer thread: each line with a line feed, flushed, until the channel closes.
fn write_lines(mut output: LogOutput, lines: &Receiver<String>) {
    let mut reported = false;
    for line in lines {
        let written = match &mut output {
            LogOutput::Stdout => {
                let mut out = io::stdout().lock();
                writeln!(out, "{line}").and_then(|()| out.flush())
            }
            LogOutput::Writer(w) => writeln!(w, "{line}").and_then(|()| w.flush()),
            LogOutput::Memory => Ok(()),
        };
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
