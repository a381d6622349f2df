//! Amazon EventBridge on the wire: the in-process bus of `evmatch-eventbridge` served over
//! HTTP/1.1 with the AWS JSON 1.1 protocol, so that the real AWS SDKs and the AWS CLI can talk to
//! it, with deliveries that leave the process.
//!
//! * `server` — the HTTP endpoint: request routing, SigV4 (optional verification), the state
//!   file, graceful shutdown.
//! * `deliveries` — what happens to a matched target: API destinations are called over HTTP (rate
//!   limit, connection authorization, retries, dead-letter record), every other target is written
//!   to the delivery log.
#![warn(missing_docs)]
pub mod deliveries;
pub mod server;
