//! The two scanning steps that have a SIMD form, behind one seam ([`Scanner`]).
//!
//! * [`Scanner::string_stop`]: the next `"`, `\` or control byte of a string body;
//! * [`Scanner::short_name`]: a member name of at most 15 bytes read with one load.
//!
//! [`Native`] is what the flattener uses: SSE2 on x86_64 (part of that architecture's
//! baseline, so no run-time detection), the portable word-at-a-time [`Portable`] elsewhere.
//! The walk is generic over the scanner, so tests run the whole flattener with [`Portable`] on
//! x86_64 as well and require the same fields and errors: the code other architectures run is
//! tested everywhere. Generic code is monomorphised: the seam costs nothing.

pub(crate) mod portable;
mod scanner;
#[cfg(target_arch = "x86_64")]
mod sse2;

// On x86_64 only the tests name the portable scanner (the SSE2 one uses it directly).
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(unused_imports))]
pub(crate) use portable::Portable;
pub(crate) use scanner::{Name, Scanner};

/// The scanner the flattener uses on this architecture.
#[cfg(target_arch = "x86_64")]
pub(crate) type Native = sse2::Sse2;
/// The scanner the flattener uses on this architecture.
#[cfg(not(target_arch = "x86_64"))]
pub(crate) type Native = Portable;
