//! [`Scanner`]: the seam between the architecture-specific and the portable scanning steps,
//! and the member [`Name`] they read.

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

/// A member name just read; its raw body is `b[pos + 1..end]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Name {
    /// The index of the closing quote.
    pub end: usize,
    pub escaped: bool,
    /// Whether the raw body contains `.`.
    pub dotted: bool,
    /// The first 8 bytes of the raw body, zero-padded, little-endian (the path trie's
    /// `head_word`).
    pub head: u64,
}
