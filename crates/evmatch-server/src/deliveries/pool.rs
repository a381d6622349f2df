//! The worker pool of API destination calls: a bounded queue of jobs, some ready now and some
//! due later (retries after their backoff, calls waiting for a rate-limit token), and the worker
//! threads that take them.
//!
//! Invariants: at most `capacity` jobs exist at once (queued, waiting or being attempted);
//! [`Queue::try_push`] never blocks — a full queue gives the job back, and the caller records it
//! as `dropped` — so `PutEvents` never waits for a call; retries and rate-limit waits re-enter
//! the queue without a capacity check (they were counted when they first entered). Due jobs are
//! taken in due order, ties in arrival order. A worker holds the queue's mutex only to take or
//! put back a job, never during a call. Costs: O(log n) per delayed job, O(1) per ready job.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Instant;

use evmatch_eventbridge::bus::Delivery;

use super::http_call::Answer;

/// One delivery to an API destination, between its attempts.
#[derive(Debug)]
pub(crate) struct Job {
    pub(crate) delivery: Box<Delivery>,
    /// Attempts made so far.
    pub(crate) attempts: u32,
    /// When the delivery entered the queue (the start of the event's age).
    pub(crate) first: Instant,
    /// What the last attempt gave.
    pub(crate) last: Option<Answer>,
    /// Put back to wait for a rate-limit token.
    pub(crate) waiting: bool,
}

struct Delayed {
    due: Instant,
    order: u64,
    job: Job,
}

impl PartialEq for Delayed {
    fn eq(&self, other: &Self) -> bool {
        (self.due, self.order) == (other.due, other.order)
    }
}
impl Eq for Delayed {}
impl PartialOrd for Delayed {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Delayed {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.due, self.order).cmp(&(other.due, other.order))
    }
}

#[derive(Default)]
struct State {
    ready: VecDeque<Job>,
    delayed: BinaryHeap<Reverse<Delayed>>,
    /// Jobs queued, delayed or being attempted.
    jobs: usize,
    /// No new jobs are accepted.
    closing: bool,
    /// Workers exit when they next look for a job.
    stop: bool,
    order: u64,
}

/// The bounded queue the workers take their jobs from.
pub(crate) struct Queue {
    state: Mutex<State>,
    work: Condvar,
    idle: Condvar,
    capacity: usize,
}

impl Queue {
    pub(crate) fn new(capacity: usize) -> Self {
        Queue {
            state: Mutex::new(State::default()),
            work: Condvar::new(),
            idle: Condvar::new(),
            capacity: capacity.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues a new job, or gives it back when the queue is full or closed.
    pub(crate) fn try_push(&self, job: Job) -> Result<(), (Job, &'static str)> {
        let mut s = self.lock();
        if s.closing {
            return Err((job, "deliveries shut down"));
        }
        if s.jobs >= self.capacity {
            return Err((job, "delivery queue full"));
        }
        s.jobs += 1;
        s.ready.push_back(job);
        drop(s);
        self.work.notify_one();
        Ok(())
    }

    /// Puts a taken job back, due at `due`; gives it back when the workers are stopping.
    pub(crate) fn later(&self, job: Job, due: Instant) -> Result<(), Job> {
        let mut s = self.lock();
        if s.stop {
            return Err(job);
        }
        s.order += 1;
        let order = s.order;
        s.delayed.push(Reverse(Delayed { due, order, job }));
        drop(s);
        self.work.notify_one();
        Ok(())
    }

    /// Marks a taken job as finished.
    pub(crate) fn done(&self) {
        let mut s = self.lock();
        s.jobs = s.jobs.saturating_sub(1);
        let idle = s.jobs == 0;
        drop(s);
        if idle {
            self.idle.notify_all();
        }
    }

    /// The next due job, waiting for one; `None` when the workers are to stop.
    pub(crate) fn take(&self) -> Option<Job> {
        let mut s = self.lock();
        loop {
            if s.stop {
                return None;
            }
            let now = Instant::now();
            while s.delayed.peek().is_some_and(|d| d.0.due <= now) {
                if let Some(Reverse(d)) = s.delayed.pop() {
                    s.ready.push_back(d.job);
                }
            }
            if let Some(job) = s.ready.pop_front() {
                return Some(job);
            }
            s = match s.delayed.peek().map(|d| d.0.due) {
                Some(due) => {
                    let wait = due.saturating_duration_since(now);
                    self.work
                        .wait_timeout(s, wait)
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
                None => self.work.wait(s).unwrap_or_else(|p| p.into_inner()),
            };
        }
    }

    /// Jobs queued, delayed or being attempted.
    pub(crate) fn pending(&self) -> usize {
        self.lock().jobs
    }

    /// Waits until no job is left or `deadline` has passed; whether none is left.
    pub(crate) fn wait_idle(&self, deadline: Instant) -> bool {
        let mut s = self.lock();
        while s.jobs > 0 {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            s = self
                .idle
                .wait_timeout(s, deadline - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        true
    }

    /// Refuses new jobs from now on.
    pub(crate) fn close(&self) {
        self.lock().closing = true;
    }

    /// Stops the workers (after the job each is attempting) and returns the jobs not taken.
    pub(crate) fn stop(&self) -> Vec<Job> {
        let mut s = self.lock();
        s.closing = true;
        s.stop = true;
        let mut left: Vec<Job> = s.ready.drain(..).collect();
        let mut delayed: Vec<Delayed> = s.delayed.drain().map(|r| r.0).collect();
        delayed.sort();
        left.extend(delayed.into_iter().map(|d| d.job));
        s.jobs = s.jobs.saturating_sub(left.len());
        drop(s);
        self.work.notify_all();
        self.idle.notify_all();
        left
    }
}
