//! Amazon EventBridge on the evmatch engine: the API as typed, validated data ([`api`]) and an
//! in-process event bus ([`bus`]), served over the AWS JSON 1.1 protocol by [`wire`].
//!
//! The layers point one way: [`bus`] uses [`api`]'s request and response types and the engine's
//! [`evmatch::Machine`]; [`api`] uses the engine only to check event patterns; both report
//! [`Error`], AWS's code and message. Feature `aws-sdk` adds conversions to and from
//! `aws-sdk-eventbridge` (`api::aws_sdk`).
#![warn(missing_docs)]

pub mod api;
pub mod bus;
mod calendar;
mod error;
pub mod wire;

pub use error::{Error, ErrorCode};
