//! Typed errors. Every error carries the AWS error code it maps to and AWS's message text.
//!
//! The message texts are part of the contract: for an invalid pattern, `to_string()` is exactly
//! what EventBridge returns (`Event pattern is not valid. Reason: …`, with Jackson's location
//! suffix where AWS adds one), so tools that compare messages with the service keep working.

use std::fmt;

/// Every error the engine returns.
///
/// `Display` is AWS's message, word for word; [`Error::code`] is AWS's error code. Each variant
/// that wraps another error is transparent: its message and `source()` are the inner error's,
/// so error reporters print AWS's text once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An event pattern was rejected (`InvalidEventPatternException`).
    #[error(transparent)]
    InvalidEventPattern(#[from] PatternError),
    /// An event could not be read (malformed JSON, not an object, over a configured limit).
    #[error(transparent)]
    InvalidEvent(#[from] EventError),
    /// A parameter failed AWS's request validation (`ValidationException`): a pattern longer than
    /// its limit, or an event `TestEventPattern` refuses (`Parameter Event is not valid.`).
    #[error("{0}")]
    Validation(String),
}

impl Error {
    /// The AWS error code (`InvalidEventPatternException` or `ValidationException`).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidEventPattern(_) => ErrorCode::InvalidEventPattern,
            Error::InvalidEvent(_) | Error::Validation(_) => ErrorCode::Validation,
        }
    }

    /// A `ValidationException` with `message`.
    pub(crate) fn validation(message: impl Into<String>) -> Self {
        Error::Validation(message.into())
    }
}

/// The AWS error codes the engine reports. The EventBridge service layer has its own, larger
/// set; these two are the ones pattern and event checking can raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `InvalidEventPatternException`
    InvalidEventPattern,
    /// `ValidationException`
    Validation,
}

impl ErrorCode {
    /// The code as AWS spells it on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidEventPattern => "InvalidEventPatternException",
            ErrorCode::Validation => "ValidationException",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejected event pattern: AWS's reason text plus the parser location(s) AWS appends.
///
/// `Display` renders the full AWS message:
/// `Event pattern is not valid. Reason: <reason>` followed by zero, one or two Jackson location
/// suffixes (`\n at [Source: (String)"<pattern>"; line: L, column: C]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    reason: String,
    locations: Vec<Location>,
    source_excerpt: String,
}

/// A 1-based line and column (in UTF-16 code units, as Jackson counts) inside the pattern text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in UTF-16 code units.
    pub column: usize,
}

impl PatternError {
    /// The prefix of every pattern error message.
    pub const PREFIX: &'static str = "Event pattern is not valid. Reason: ";

    /// An error with `reason` and the given location suffixes, for pattern text `source`: the
    /// error [`Pattern::parse`](crate::Pattern::parse) would give for a problem at those
    /// locations (tools that check patterns inside larger files build their own with it).
    ///
    /// ```
    /// use evmatch::{Location, PatternError};
    ///
    /// let e = PatternError::new("Filter is not an object", "[]", vec![Location { line: 1, column: 2 }]);
    /// assert_eq!(e.to_string(), "Event pattern is not valid. Reason: Filter is not an object\n at [Source: (String)\"[]\"; line: 1, column: 2]");
    /// ```
    pub fn new(reason: impl Into<String>, source: &str, locations: Vec<Location>) -> Self {
        let source_excerpt = if locations.is_empty() {
            String::new()
        } else {
            excerpt(source)
        };
        PatternError {
            reason: reason.into(),
            locations,
            source_excerpt,
        }
    }

    /// An error without a location suffix, as AWS gives for CIDR operands, limits and
    /// wildcard complexity.
    pub fn bare(reason: impl Into<String>) -> Self {
        PatternError {
            reason: reason.into(),
            locations: Vec::new(),
            source_excerpt: String::new(),
        }
    }

    /// The reason text alone, without prefix or location suffix.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The parser locations appended to the message (0, 1 or 2 of them).
    pub fn locations(&self) -> &[Location] {
        &self.locations
    }

    /// The first line of the message: prefix and reason, no location.
    pub fn summary(&self) -> String {
        format!("{}{}", Self::PREFIX, self.reason)
    }
}

impl Location {
    /// The Jackson location of byte `offset` in `source`: lines are broken by `\n`, `\r` or
    /// `\r\n`; the column counts UTF-16 units from the line start, 1-based.
    pub(crate) fn at(source: &str, offset: usize) -> Location {
        let offset = offset.min(source.len());
        let bytes = source.as_bytes();
        let mut line = 1;
        let mut line_start = 0;
        let mut i = 0;
        while i < offset {
            match bytes[i] {
                b'\n' => {
                    line += 1;
                    line_start = i + 1;
                }
                b'\r' => {
                    if i + 1 < offset && bytes[i + 1] == b'\n' {
                        i += 1;
                    }
                    line += 1;
                    line_start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        let column = source
            .get(line_start..offset)
            .map_or(offset - line_start, |s| s.encode_utf16().count())
            + 1;
        Location { line, column }
    }
}

/// Jackson's rendering of a location: `[Source: (String)"…"; line: L, column: C]`.
pub(crate) fn jackson_location(source: &str, location: Location) -> String {
    format!(
        "[Source: (String){}; line: {}, column: {}]",
        excerpt(source),
        location.line,
        location.column
    )
}

/// Jackson's source excerpt: the first 500 UTF-16 units, then `[truncated N chars]`.
fn excerpt(source: &str) -> String {
    const MAX: usize = 500;
    let total: usize = source.encode_utf16().count();
    if total <= MAX {
        return format!("\"{source}\"");
    }
    let mut units = 0;
    let mut end = 0;
    for (i, c) in source.char_indices() {
        if units + c.len_utf16() > MAX {
            break;
        }
        units += c.len_utf16();
        end = i + c.len_utf8();
    }
    format!("\"{}\"[truncated {} chars]", &source[..end], total - units)
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Self::PREFIX)?;
        f.write_str(&self.reason)?;
        for loc in &self.locations {
            write!(
                f,
                "\n at [Source: (String){}; line: {}, column: {}]",
                self.source_excerpt, loc.line, loc.column
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for PatternError {}

/// An event that could not be matched: malformed JSON or over a configured limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EventError {
    message: String,
    offset: Option<usize>,
}

impl EventError {
    /// An event error with `message`, at byte `offset` of the input when known.
    pub(crate) fn new(message: impl Into<String>, offset: Option<usize>) -> Self {
        EventError {
            message: message.into(),
            offset,
        }
    }

    /// The message (also the `Display` text).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The byte offset in the event text where the problem was found, when known.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}
