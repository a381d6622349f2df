//! What loading a rules file can report: [`RulesFileError`] (the file cannot be used) and
//! [`RulesWarning`] (it loaded, but probably not as meant). Both say what is wrong in plain
//! words, with the 1-based line it is on; an invalid pattern carries AWS's message.

use std::fmt;

use crate::error::Error;

/// Why a rules file could not be loaded.
///
/// `Display` is `line N: <message>` (`line N, column C: …` for JSON syntax); [`line`](Self::line)
/// and [`message`](Self::message) give the parts, for tools that print `file:line: message`.
///
/// ```
/// use evmatch::RulesFile;
///
/// let err = RulesFile::parse("{\"id\": \"a\", \"pattern\": {\"x\": [1]}}\n{\"id\": \"b\"}").unwrap_err();
/// assert_eq!(err.line(), Some(2));
/// assert_eq!(err.message(), "not a rule line: it has no \"pattern\" member (a rule line is {\"id\": …, \"pattern\": …})");
/// println!("rules.jsonl:{}: {}", err.line().unwrap(), err.message());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RulesFileError {
    /// The file is one JSON object spread over several lines, and it is not valid JSON.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// A line of a JSON Lines file is not a rule `{"id": …, "pattern": …}`.
    NotARule {
        /// 1-based line.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A rule's pattern is invalid.
    InvalidPattern {
        /// 1-based line the rule is on.
        line: usize,
        /// The rule's id.
        id: String,
        /// AWS's error.
        error: Error,
    },
    /// The file could not be read, or is not UTF-8 text.
    Read {
        /// What went wrong.
        message: String,
    },
}

impl RulesFileError {
    /// The 1-based line the problem is on, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            RulesFileError::Syntax { line, .. }
            | RulesFileError::NotARule { line, .. }
            | RulesFileError::InvalidPattern { line, .. } => Some(*line),
            RulesFileError::Read { .. } => None,
        }
    }

    /// The message without its line: `rule "id": <AWS message>`, `not a rule line: …`,
    /// `not valid JSON at column C: …`, or the read failure.
    pub fn message(&self) -> String {
        match self {
            RulesFileError::Syntax {
                column, message, ..
            } => format!("not valid JSON at column {column}: {message}"),
            RulesFileError::NotARule { message, .. } => format!("not a rule line: {message}"),
            RulesFileError::InvalidPattern { id, error, .. } => format!("rule {id:?}: {error}"),
            RulesFileError::Read { message } => message.clone(),
        }
    }
}

impl fmt::Display for RulesFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line() {
            Some(line) => write!(f, "line {line}: {}", self.message()),
            None => f.write_str(&self.message()),
        }
    }
}

impl std::error::Error for RulesFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RulesFileError::InvalidPattern { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Something in a rules file that loaded but is probably not what was meant.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RulesWarning {
    /// An id given again: its patterns join the first rule of that id.
    DuplicateId {
        /// The id.
        id: String,
        /// 1-based line of the repetition.
        line: usize,
        /// 1-based line where the id first appears.
        first_line: usize,
    },
    /// A rule whose pattern list is empty: it matches nothing.
    NoPatterns {
        /// The id.
        id: String,
        /// 1-based line.
        line: usize,
    },
    /// The file holds no rule at all.
    Empty,
}

impl RulesWarning {
    /// The 1-based line the warning is about, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            RulesWarning::DuplicateId { line, .. } | RulesWarning::NoPatterns { line, .. } => {
                Some(*line)
            }
            RulesWarning::Empty => None,
        }
    }

    /// The message without its line.
    pub fn message(&self) -> String {
        match self {
            RulesWarning::DuplicateId { id, first_line, .. } => format!(
                "rule id {id:?} was already used on line {first_line}; these patterns are added \
                 to that rule, which matches when any of its patterns matches"
            ),
            RulesWarning::NoPatterns { id, .. } => {
                format!("rule {id:?} has an empty list of patterns; it matches nothing")
            }
            RulesWarning::Empty => "the rules file holds no rules".to_owned(),
        }
    }
}

impl fmt::Display for RulesWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line() {
            Some(line) => write!(f, "line {line}: {}", self.message()),
            None => f.write_str(&self.message()),
        }
    }
}
