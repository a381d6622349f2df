//! Building blocks of the in-process EventBridge bus.
//!
//! * [`transform`] computes what a target receives for a matched event: the whole event,
//!   `Input`, `InputPath` or `InputTransformer` output, byte for byte as AWS delivers it, and
//!   validates those input modes as `PutTargets` does.
//! * [`schedule`] parses `rate(…)` and `cron(…)` schedule expressions with AWS's grammar and
//!   computes their next due minute.
//!
//! The bus service itself (buses, rules, targets, PutEvents, archives, replays) is built on top
//! of these and of [`evmatch::Machine`].
//!
//! * [`EventBridge`] is that service, in process: event buses, rules, targets, `PutEvents`,
//!   `TestEventPattern`, tags, bus permissions, archives and replays, driven by the request and
//!   response types of [`crate::api`] with AWS's errors. Targets receive their payloads through
//!   [`TargetSink`]s ([`ChannelSink`], or any `Fn(Delivery)`); schedules and replays advance
//!   when the embedder calls [`EventBridge::tick`], with time from an injectable [`Clock`] and
//!   event ids from an [`IdGenerator`].

pub mod schedule;
pub mod transform;

mod archive;
mod clock;
mod service;

pub use clock::{Clock, IdGenerator, ManualClock, RandomIds, SequentialIds, SystemClock};
pub use service::*;
