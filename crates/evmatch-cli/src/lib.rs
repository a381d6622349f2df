//! The library half of the `evmatch` command: the pieces the subcommands are built from, kept in
//! a library so that they can be tested and fuzzed without a process.
#![warn(missing_docs)]

pub mod dialects;
pub mod discovery;
pub mod protocol;
pub mod report;
