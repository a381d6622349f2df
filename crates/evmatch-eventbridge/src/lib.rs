//! Amazon EventBridge on the evmatch engine: the API as typed, validated data ([`api`]) and an
//! in-process event bus ([`bus`]).
#![warn(missing_docs)]

pub mod api;
pub mod bus;
mod calendar;
mod error;

pub use error::{Error, ErrorCode};
