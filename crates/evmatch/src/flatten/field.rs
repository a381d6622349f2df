//! What the flattener produces: one [`Field`] per leaf at a used path, read back as a
//! borrowed [`Leaf`].

/// The JSON type of a flattened leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LeafKind {
    Str,
    Num,
    True,
    False,
    Null,
}

/// One flattened field at a used path.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub path: u32,
    pub kind: LeafKind,
    /// Whether `start..end` indexes the decode arena rather than the input.
    pub in_arena: bool,
    pub start: u32,
    pub end: u32,
    /// The comparable value of a number (NaN when not comparable or not a number).
    pub num: f64,
    /// `trail_start..trail_end` indexes [`FlatScratch::trails`]: the (array, element)
    /// pairs of the enclosing arrays whose element here is a container.
    pub trail_start: u32,
    pub trail_end: u32,
}

/// A leaf value, borrowed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Leaf<'a> {
    Str(&'a str),
    /// Token text and comparable value.
    Num(&'a str, Option<f64>),
    Bool(bool),
    Null,
}

/// `bytes` as text; `bytes` is ASCII (a number token the lexer accepted, or formatted digits).
#[inline(always)]
pub(crate) fn ascii_str(bytes: &[u8]) -> &str {
    assert!(bytes.is_ascii());
    // SAFETY: ASCII is valid UTF-8 (checked just above; number tokens are short).
    //
    // Not `str::from_utf8`: that is an out-of-line call, and on CL2 NUMERIC (every event's
    // coordinates and numbers at used paths) it cost 5% more instructions per event
    // (callgrind, 2,000 citylots events: 17.16 M against 16.29 M).
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

/// `bytes` as text; the flattener validated them as UTF-8 (or wrote them from a `char`).
///
/// ASCII (the usual case) skips the out-of-line `str::from_utf8`: calling it for every string
/// leaf cost 1% more instructions per event on CL2 EXACT and 5% in `unique_keys` mode
/// (callgrind, 2,000 citylots events: 12.95 M against 12.81 M, 3.05 M against 2.90 M).
#[inline]
pub(crate) fn str_from_validated(bytes: &[u8]) -> &str {
    if bytes.is_ascii() {
        // SAFETY: ASCII is valid UTF-8 (checked just above; a cheap, inlined check).
        return unsafe { std::str::from_utf8_unchecked(bytes) };
    }
    std::str::from_utf8(bytes).unwrap_or_default()
}
