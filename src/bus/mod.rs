//! Building blocks of the in-process EventBridge bus.
//!
//! * [`transform`] computes what a target receives for a matched event: the whole event,
//!   `Input`, `InputPath` or `InputTransformer` output, byte for byte as AWS delivers it, and
//!   validates those input modes as `PutTargets` does.
//! * [`schedule`] parses `rate(…)` and `cron(…)` schedule expressions with AWS's grammar and
//!   computes their next due minute.
//!
//! The bus service itself (buses, rules, targets, PutEvents, archives, replays) is built on top
//! of these and of [`crate::Machine`].

pub mod schedule;
pub mod transform;
