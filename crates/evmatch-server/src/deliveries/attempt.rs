//! One attempt of an API destination delivery, as a worker makes it: resolve the destination,
//! take a rate-limit token, call, and decide — delivered, retry later, or finally failed (with a
//! dead-letter record when the target has a `DeadLetterConfig`).
//!
//! Invariants: every job ends in exactly one record (written here, or as `dropped` when the
//! workers stop first); a job waiting for a rate-limit token does not use up an attempt; the
//! destination is resolved again at every attempt, so a deleted destination or a deauthorized
//! connection stops the retries. Costs: one resolver call, one limiter call and at most one HTTP
//! call (plus an OAuth token request when the cached token expired) per attempt.

use std::time::Instant;

use super::Shared;
use super::destination::is_api_destination;
use super::http_call::Answer;
use super::pool::Job;
use super::rate_limit::DEFAULT_RATE_LIMIT_PER_SECOND;
use super::record::{Outcome, Record};
use super::retry::{RetryLimits, is_retriable};

/// What became of a job after an attempt.
pub(crate) enum Step {
    /// Finished: its record is written.
    Done,
    /// To be attempted again at this instant.
    Later(Job, Instant),
}

/// Makes the next attempt of `job`.
pub(crate) fn attempt(shared: &Shared, mut job: Job) -> Step {
    let arn = &job.delivery.target.arn;
    let dest = match shared.resolver() {
        Some(r) if is_api_destination(arn) => r.resolve(arn),
        _ => None,
    };
    let was_waiting = std::mem::take(&mut job.waiting);
    let Some(dest) = dest else {
        if was_waiting {
            shared.limiter.forget_waiting(arn);
        }
        job.last = Some(Answer::Error {
            text: "API destination not found or its connection is not authorized".into(),
            retriable: false,
        });
        finish(shared, job);
        return Step::Done;
    };
    let limit = dest
        .invocation_rate_limit_per_second
        .unwrap_or(DEFAULT_RATE_LIMIT_PER_SECOND);
    if let Err(at) = shared
        .limiter
        .acquire(&dest.arn, limit, Instant::now(), was_waiting)
    {
        job.waiting = true;
        return Step::Later(job, at);
    }
    let answer = shared.caller.call(
        &dest,
        job.delivery.target.http_parameters.as_ref(),
        &job.delivery.payload,
    );
    job.attempts += 1;
    let retriable = match &answer {
        Answer::Status(s) if (200..300).contains(s) => {
            job.last = Some(answer);
            finish(shared, job);
            return Step::Done;
        }
        Answer::Status(s) => is_retriable(*s),
        Answer::Error { retriable, .. } => *retriable,
    };
    job.last = Some(answer);
    if retriable {
        let limits = RetryLimits::of(&job.delivery.target);
        if let Some(delay) = limits.next_delay(&shared.backoff, job.attempts, job.first.elapsed()) {
            return Step::Later(job, Instant::now() + delay);
        }
    }
    finish(shared, job);
    Step::Done
}

/// Writes the final record of `job` from its last answer.
pub(crate) fn finish(shared: &Shared, job: Job) {
    let mut record = record_of(&job);
    match &job.last {
        Some(Answer::Status(s)) => {
            record.status = Some(*s);
            if (200..300).contains(s) {
                record.outcome = Outcome::Delivered;
                shared.log.append(&record);
                return;
            }
        }
        Some(Answer::Error { text, .. }) => record.error = Some(text.clone()),
        None => {}
    }
    fail(&mut record, &job.delivery.target);
    shared.log.append(&record);
}

/// Writes the record of a job that was never finished: `dropped`, with `why`.
pub(crate) fn drop_job(shared: &Shared, job: Job, why: &str) {
    let mut record = record_of(&job);
    record.outcome = Outcome::Dropped;
    if let Some(Answer::Status(s)) = &job.last {
        record.status = Some(*s);
    }
    record.error = Some(why.to_owned());
    shared.log.append(&record);
}

/// The record of `job`, outcome `delivered`, without status.
fn record_of(job: &Job) -> Record {
    let d = &job.delivery;
    let mut r = Record::logged(
        &d.event_bus_name,
        &d.rule_arn,
        &d.target.arn,
        &d.target.id,
        &d.event_id,
        &d.payload,
    );
    r.attempts = job.attempts;
    r
}

/// Makes `record` a final failure of `target`: `dead-letter` with the queue ARN when the target
/// has a dead-letter queue, else `failed`.
pub(crate) fn fail(record: &mut Record, target: &evmatch_eventbridge::api::targets::Target) {
    match target
        .dead_letter_config
        .as_ref()
        .and_then(|d| d.arn.clone())
    {
        Some(queue) => {
            record.outcome = Outcome::DeadLetter;
            record.dead_letter = Some(queue);
        }
        None => record.outcome = Outcome::Failed,
    }
}
