//! The delivery log: numbers and stamps every [`Record`], writes it as one JSON line to its
//! [`LogOutput`] (flushed per record) and keeps the newest lines in memory for
//! [`DeliveryLog::since`].
//!
//! Invariants: `time` is the clock's time in whole seconds (UTC, `2026-12-07T15:00:00Z`); sequence numbers start at 1 and increase by one per record, in the order of the
//! lines in the output (numbering, writing and remembering happen under one mutex); at most
//! `capacity` lines are kept in memory (the oldest are forgotten first). A write error does not
//! stop the log: the line is still remembered, and the first error is reported once on stderr.
//! Costs: one formatted line, one `write` and one `flush` per record; `since` is a binary search
//! plus a copy of the lines returned.

use std::collections::VecDeque;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

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

struct Inner {
    next_seq: u64,
    output: LogOutput,
    lines: VecDeque<(u64, String)>,
    reported_error: bool,
}

/// The numbered, stamped, remembered log of delivery records.
pub(crate) struct DeliveryLog {
    inner: Mutex<Inner>,
    clock: Arc<dyn Clock>,
    capacity: usize,
}

impl DeliveryLog {
    pub(crate) fn new(output: LogOutput, clock: Arc<dyn Clock>, capacity: usize) -> Self {
        DeliveryLog {
            inner: Mutex::new(Inner {
                next_seq: 1,
                output,
                lines: VecDeque::new(),
                reported_error: false,
            }),
            clock,
            capacity: capacity.max(1),
        }
    }

    /// Numbers, stamps, writes and remembers `record`; returns its sequence number.
    pub(crate) fn append(&self, record: &Record) -> u64 {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let seq = inner.next_seq;
        inner.next_seq += 1;
        // Whole seconds, as the `time` of events: `2026-12-07T15:00:00Z`.
        let time = Timestamp::from_secs(self.clock.now().secs()).to_string();
        let line = record.to_line(seq, &time);
        let written = match &mut inner.output {
            LogOutput::Stdout => {
                let mut out = io::stdout().lock();
                writeln!(out, "{line}").and_then(|()| out.flush())
            }
            LogOutput::Writer(w) => writeln!(w, "{line}").and_then(|()| w.flush()),
            LogOutput::Memory => Ok(()),
        };
        if let Err(e) = written
            && !inner.reported_error
        {
            inner.reported_error = true;
            eprintln!("evmatch deliveries: cannot write the delivery log: {e}");
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
}
