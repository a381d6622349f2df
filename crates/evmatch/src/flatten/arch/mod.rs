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
#[cfg(target_arch = "x86_64")]
mod sse2;

pub(crate) use portable::Portable;

use super::scan::Name;

/// The scanner the flattener uses on this architecture.
#[cfg(target_arch = "x86_64")]
pub(crate) type Native = sse2::Sse2;
/// The scanner the flattener uses on this architecture.
#[cfg(not(target_arch = "x86_64"))]
pub(crate) type Native = Portable;

/// The scanning steps with an architecture-specific form.
pub(crate) trait Scanner {
    /// The first index at or after `pos` holding `"`, `\` or a control byte (or `b.len()`);
    /// sets `non_ascii` when a byte ≥ 0x80 was seen (possibly past the stop, never missed
    /// before it).
    fn string_stop(b: &[u8], pos: usize, non_ascii: &mut bool) -> usize;

    /// The member name whose opening quote is at `pos`, when the whole name (closing quote
    /// included) lies in the 16 bytes after the quote and holds no escape or control byte;
    /// `None` sends the caller to the general path. Sets `non_ascii` like `string_stop`.
    fn short_name(b: &[u8], pos: usize, non_ascii: &mut bool) -> Option<Name>;
}
