//! Deliveries that leave the process: [`Deliveries`] is a [`TargetSink`] for the bus. Targets
//! that are API destinations are called over HTTP; every other target is written to the
//! delivery log. Every delivery gets one [`Record`] in the log.
//!
//! * `record` — the log line of one delivery; `log` — numbering, writing (file or stdout,
//!   flushed per record) and the newest records in memory for [`Deliveries::since`].
//! * `destination` — the [`Resolver`] that finds API destinations with their connections'
//!   secrets; `http_call` — the HTTP request of one call (ureq);
//!   `oauth` — the OAuth client-credentials token cache; `rate_limit` — at most
//!   `InvocationRateLimitPerSecond` calls per second per destination; `retry` — the
//!   `RetryPolicy` and the backoff; `pool` — the bounded queue and the worker threads;
//!   `attempt` — what a worker does with one job.
//!
//! Invariants: [`TargetSink::deliver`] never waits for a call — an API destination delivery is
//! put into a bounded queue (when the queue is full it is not attempted and its record says
//! `dropped`); a logged target's record is written before `deliver` returns. Every delivery ends
//! in exactly one record. Costs: a logged target costs one formatted line, one write and one
//! flush; an API destination delivery one queue push, then its attempts on a worker.
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Duration;
//! use evmatch_eventbridge::api::events::{PutEventsRequest, PutEventsRequestEntry};
//! use evmatch_eventbridge::api::rules::PutRuleRequest;
//! use evmatch_eventbridge::api::targets::{PutTargetsRequest, Target};
//! use evmatch_eventbridge::bus::EventBridge;
//! use evmatch_server::deliveries::{Deliveries, DeliveriesConfig, LogOutput};
//!
//! let bus = EventBridge::default();
//! let deliveries = Deliveries::new(DeliveriesConfig::new(LogOutput::Memory));
//! bus.set_default_sink(deliveries.clone());
//!
//! bus.put_rule(PutRuleRequest {
//!     name: "r".into(),
//!     event_pattern: Some(r#"{"source":["app"]}"#.into()),
//!     ..Default::default()
//! }).unwrap();
//! bus.put_targets(PutTargetsRequest {
//!     rule: "r".into(),
//!     targets: vec![Target {
//!         id: "q".into(),
//!         arn: "arn:aws:sqs:us-east-1:123456789012:q".into(),
//!         input: Some(r#"{"hello":"world"}"#.into()),
//!         ..Default::default()
//!     }],
//!     ..Default::default()
//! }).unwrap();
//! bus.put_events(PutEventsRequest {
//!     entries: vec![PutEventsRequestEntry {
//!         source: Some("app".into()),
//!         detail_type: Some("t".into()),
//!         detail: Some("{}".into()),
//!         ..Default::default()
//!     }],
//!     ..Default::default()
//! }).unwrap();
//!
//! let lines = deliveries.since(0);
//! assert_eq!(lines.len(), 1);
//! assert!(lines[0].starts_with(r#"{"seq":1,"time":"#));
//! assert!(lines[0].contains(r#","event_bus":"default","rule":"arn:aws:events:us-east-1:123456789012:rule/r","target":"arn:aws:sqs:us-east-1:123456789012:q","target_id":"q","event_id":""#));
//! assert!(lines[0].ends_with(r#""payload":"{\"hello\":\"world\"}","attempts":1,"outcome":"delivered"}"#));
//! deliveries.shutdown(Duration::from_secs(1));
//! ```

mod attempt;
mod destination;
mod http_call;
mod log;
mod oauth;
mod pool;
mod rate_limit;
mod record;
mod retry;

pub use destination::{Resolver, SharedResolver, is_api_destination};
pub use log::LogOutput;
pub use rate_limit::DEFAULT_RATE_LIMIT_PER_SECOND;
pub use record::{Outcome, Record};
pub use retry::{Backoff, DEFAULT_MAXIMUM_EVENT_AGE_SECS, DEFAULT_MAXIMUM_RETRY_ATTEMPTS};

use std::fmt;
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use evmatch_eventbridge::bus::{
    Clock, Delivery, EventBridge, FailedDelivery, SystemClock, TargetSink,
};

use http_call::Caller;
use log::DeliveryLog;
use pool::{Job, Queue};
use rate_limit::RateLimiter;

/// How [`Deliveries`] work: where the log goes, how API destinations are found, and the sizes
/// and times of the worker pool. Every value but the log has a default.
///
/// ```
/// use std::sync::Arc;
/// use std::time::Duration;
/// use evmatch_eventbridge::bus::EventBridge;
/// use evmatch_server::deliveries::{Backoff, Deliveries, DeliveriesConfig, LogOutput};
///
/// let bus = Arc::new(EventBridge::new());
/// let path = std::env::temp_dir().join(format!("deliveries-doc-{}.jsonl", std::process::id()));
/// let config = DeliveriesConfig::new(LogOutput::file(&path)?)
///     .with_bus(&bus)
///     .with_workers(2)
///     .with_queue_capacity(1_000)
///     .with_backoff(Backoff::new(Duration::from_millis(100), Duration::from_secs(10)));
/// let deliveries = Deliveries::new(config);
/// bus.set_default_sink(deliveries.clone());
/// deliveries.shutdown(Duration::from_secs(1));
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), std::io::Error>(())
/// ```
#[non_exhaustive]
pub struct DeliveriesConfig {
    /// Where the log lines go.
    pub log: LogOutput,
    /// Finds API destinations (also settable later with [`Deliveries::set_resolver`]); without
    /// one, API destination deliveries fail.
    pub resolver: Option<SharedResolver>,
    /// The `time` of the records.
    pub clock: Arc<dyn Clock>,
    /// Worker threads calling API destinations (default 4).
    pub workers: usize,
    /// API destination deliveries queued, waiting for a retry or being attempted, at most
    /// (default 10,000); more are `dropped`.
    pub queue_capacity: usize,
    /// Records kept in memory for [`Deliveries::since`] (default 100,000).
    pub memory_records: usize,
    /// The wait between attempts (default 1 s doubling up to 8 min).
    pub backoff: Backoff,
    /// The time one call may take, connect to answer (default 5 s, as AWS).
    pub call_timeout: Duration,
}

impl DeliveriesConfig {
    /// The defaults, logging to `log`.
    pub fn new(log: LogOutput) -> Self {
        DeliveriesConfig {
            log,
            resolver: None,
            clock: Arc::new(SystemClock),
            workers: 4,
            queue_capacity: 10_000,
            memory_records: 100_000,
            backoff: Backoff::default(),
            call_timeout: Duration::from_secs(5),
        }
    }

    /// With a resolver of API destinations.
    pub fn with_resolver(mut self, resolver: impl Resolver + 'static) -> Self {
        self.resolver = Some(Arc::new(resolver));
        self
    }

    /// Resolving API destinations through `bus`
    /// ([`EventBridge::resolve_api_destination`]), held weakly: the bus holds the deliveries as
    /// its sink, so a strong reference would keep both alive for ever.
    pub fn with_bus(self, bus: &Arc<EventBridge>) -> Self {
        self.with_resolver(Arc::downgrade(bus))
    }

    /// With another clock for the records' `time`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// With `n` worker threads (at least 1).
    pub fn with_workers(mut self, n: usize) -> Self {
        self.workers = n;
        self
    }

    /// With room for `n` API destination deliveries (at least 1).
    pub fn with_queue_capacity(mut self, n: usize) -> Self {
        self.queue_capacity = n;
        self
    }

    /// Keeping the newest `n` records in memory (at least 1).
    pub fn with_memory_records(mut self, n: usize) -> Self {
        self.memory_records = n;
        self
    }

    /// With another backoff between attempts.
    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// With another timeout per call.
    pub fn with_call_timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout = timeout;
        self
    }
}

impl fmt::Debug for DeliveriesConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeliveriesConfig")
            .field("log", &self.log)
            .field("resolver", &self.resolver.is_some())
            .field("workers", &self.workers)
            .field("queue_capacity", &self.queue_capacity)
            .field("memory_records", &self.memory_records)
            .field("backoff", &self.backoff)
            .field("call_timeout", &self.call_timeout)
            .finish_non_exhaustive()
    }
}

/// What the workers share with the sink.
pub(crate) struct Shared {
    log: DeliveryLog,
    queue: Queue,
    caller: Caller,
    limiter: RateLimiter,
    resolver: RwLock<Option<SharedResolver>>,
    backoff: Backoff,
}

impl Shared {
    fn resolver(&self) -> Option<SharedResolver> {
        self.resolver
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// The deliveries of a bus: a [`TargetSink`] that calls API destinations and logs every other
/// target (see the [module documentation](self)).
pub struct Deliveries {
    shared: Arc<Shared>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

impl fmt::Debug for Deliveries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Deliveries")
            .field("last_seq", &self.last_seq())
            .field("pending", &self.pending())
            .finish_non_exhaustive()
    }
}

impl Deliveries {
    /// Starts the workers of `config`.
    pub fn new(config: DeliveriesConfig) -> Arc<Deliveries> {
        let shared = Arc::new(Shared {
            log: DeliveryLog::new(config.log, config.clock, config.memory_records),
            queue: Queue::new(config.queue_capacity),
            caller: Caller::new(config.call_timeout),
            limiter: RateLimiter::default(),
            resolver: RwLock::new(config.resolver),
            backoff: config.backoff,
        });
        let workers = (0..config.workers.max(1))
            .filter_map(|i| {
                let shared = shared.clone();
                std::thread::Builder::new()
                    .name(format!("evmatch-delivery-{i}"))
                    .spawn(move || work(&shared))
                    .ok()
            })
            .collect();
        Arc::new(Deliveries {
            shared,
            workers: Mutex::new(workers),
        })
    }

    /// Finds API destinations with `resolver` from now on (e.g. a `Weak<EventBridge>` once the
    /// bus exists).
    pub fn set_resolver(&self, resolver: impl Resolver + 'static) {
        *self
            .shared
            .resolver
            .write()
            .unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(resolver));
    }

    /// The records with a sequence number above `seq`, oldest first, each one line of JSON
    /// without line feed (only the newest `memory_records` are kept).
    pub fn since(&self, seq: u64) -> Vec<String> {
        self.shared.log.since(seq)
    }

    /// The sequence number of the newest record (0 before the first).
    pub fn last_seq(&self) -> u64 {
        self.shared.log.last_seq()
    }

    /// API destination deliveries queued, waiting for a retry or being attempted.
    pub fn pending(&self) -> usize {
        self.shared.queue.pending()
    }

    /// Waits until no API destination delivery is pending or `timeout` has passed; whether none
    /// is pending.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        self.shared.queue.wait_idle(Instant::now() + timeout)
    }

    /// Stops: refuses new deliveries (they are recorded as `dropped`), lets pending ones finish
    /// for at most `deadline`, then records what is left as `dropped`, joins the workers (a call
    /// in progress finishes first, within the call timeout) and waits for the log output to be
    /// written and flushed (at most 5 s more). Records after this
    /// are only kept in memory. Calling it again does nothing more.
    pub fn shutdown(&self, deadline: Duration) {
        let deadline = Instant::now() + deadline;
        self.shared.queue.close();
        self.shared.queue.wait_idle(deadline);
        for job in self.shared.queue.stop() {
            attempt::drop_job(&self.shared, job, "deliveries shut down");
        }
        let workers = std::mem::take(&mut *self.workers.lock().unwrap_or_else(|p| p.into_inner()));
        for w in workers {
            let _ = w.join();
        }
        let flush_until =
            deadline.max(Instant::now() + log::CLOSE_WAIT.min(Duration::from_secs(5)));
        self.shared.log.close(flush_until);
    }

    fn record_now(&self, job: Job, why: &str) {
        attempt::drop_job(&self.shared, job, why);
    }
}

impl Drop for Deliveries {
    fn drop(&mut self) {
        // Without `shutdown`, the workers only stop (their threads end after their current call).
        for job in self.shared.queue.stop() {
            attempt::drop_job(&self.shared, job, "deliveries shut down");
        }
    }
}

impl TargetSink for Deliveries {
    fn deliver(&self, delivery: Delivery) {
        if !is_api_destination(&delivery.target.arn) {
            let record = Record::logged(
                &delivery.event_bus_name,
                &delivery.rule_arn,
                &delivery.target.arn,
                &delivery.target.id,
                &delivery.event_id,
                &delivery.payload,
            );
            self.shared.log.append(&record);
            return;
        }
        let job = Job {
            delivery: Box::new(delivery),
            attempts: 0,
            first: Instant::now(),
            last: None,
            waiting: false,
        };
        if let Err((job, why)) = self.shared.queue.try_push(job) {
            self.record_now(job, why);
        }
    }

    fn failed(&self, failure: FailedDelivery) {
        let mut record = Record::logged(
            &failure.event_bus_name,
            &failure.rule_arn,
            &failure.target.arn,
            &failure.target.id,
            &failure.event_id,
            "",
        );
        record.payload = None;
        record.attempts = 0;
        record.error = Some(failure.reason.to_string());
        attempt::fail(&mut record, &failure.target);
        self.shared.log.append(&record);
    }
}

/// A worker: takes jobs until the queue stops.
fn work(shared: &Shared) {
    while let Some(job) = shared.queue.take() {
        match attempt::attempt(shared, job) {
            attempt::Step::Done => shared.queue.done(),
            attempt::Step::Later(job, at) => {
                if let Err(job) = shared.queue.later(job, at) {
                    attempt::drop_job(shared, job, "deliveries shut down");
                    shared.queue.done();
                }
            }
        }
    }
}
