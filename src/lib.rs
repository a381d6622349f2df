//! evmatch — Amazon EventBridge event patterns, matched exactly as AWS matches them.

pub mod api;
pub mod error;
pub mod pattern;

pub use error::Error;
pub use pattern::Pattern;
pub mod templates;
pub mod workload;
pub mod json;
