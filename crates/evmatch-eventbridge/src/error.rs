//! The service's errors: AWS's error code and message for everything an EventBridge operation
//! can refuse.
//!
//! Pattern and event errors come from the engine unchanged ([`Error::Matching`] wraps
//! [`evmatch::Error`] transparently, so the message is printed once); everything else is a
//! [`Error::Service`] with one of the codes of the EventBridge model or the generic codes of the
//! AWS JSON protocol.

use std::fmt;

/// AWS's text for every `LimitExceededException` (quotas of rules, buses, targets, tags, replays).
const LIMIT_EXCEEDED: &str = "The requested resource exceeds the maximum number allowed.";

/// Every error of the EventBridge layer.
///
/// `Display` is AWS's message; [`Error::code`] is AWS's error code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An invalid event pattern or event, as the engine reports it
    /// (`InvalidEventPatternException` or `ValidationException`).
    #[error(transparent)]
    Matching(#[from] evmatch::Error),
    /// Any other service error: a code from the EventBridge model (or a generic AWS code such as
    /// `ValidationException`) and AWS's message.
    #[error("{message}")]
    Service {
        /// The AWS error code.
        code: ErrorCode,
        /// The message, in AWS's wording.
        message: String,
    },
}

impl Error {
    /// The AWS error code (`ResourceNotFoundException`, `ValidationException`, …).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Matching(e) => e.code().into(),
            Error::Service { code, .. } => *code,
        }
    }

    /// A service error with `code` and `message`.
    pub fn service(code: ErrorCode, message: impl Into<String>) -> Self {
        Error::Service {
            code,
            message: message.into(),
        }
    }

    /// A `ValidationException` with `message`.
    pub fn validation(message: impl Into<String>) -> Self {
        Error::service(ErrorCode::Validation, message)
    }

    /// The `LimitExceededException` of every quota: AWS gives the same text for all of them.
    pub(crate) fn limit_exceeded() -> Self {
        Error::service(ErrorCode::LimitExceeded, LIMIT_EXCEEDED)
    }
}

impl From<evmatch::PatternError> for Error {
    fn from(e: evmatch::PatternError) -> Self {
        Error::Matching(e.into())
    }
}

impl From<evmatch::EventError> for Error {
    fn from(e: evmatch::EventError) -> Self {
        Error::Matching(e.into())
    }
}

/// AWS error codes: the modelled EventBridge exceptions plus the generic ones the service uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `InvalidEventPatternException`
    InvalidEventPattern,
    /// `ValidationException` (generic AWS request validation)
    Validation,
    /// `LimitExceededException`
    LimitExceeded,
    /// `ResourceNotFoundException`
    ResourceNotFound,
    /// `ResourceAlreadyExistsException`
    ResourceAlreadyExists,
    /// `ConcurrentModificationException`
    ConcurrentModification,
    /// `InternalException`
    Internal,
    /// `ManagedRuleException`
    ManagedRule,
    /// `OperationDisabledException`
    OperationDisabled,
    /// `InvalidStateException`
    InvalidState,
    /// `IllegalStatusException`
    IllegalStatus,
    /// `PolicyLengthExceededException`
    PolicyLengthExceeded,
    /// `AccessDeniedException`
    AccessDenied,
    /// `ThrottlingException`
    Throttling,
    /// `SerializationException`: a request body that is not JSON, or whose members have the
    /// wrong JSON types (the AWS JSON protocol's error, raised before validation)
    Serialization,
}

impl ErrorCode {
    /// The code as AWS spells it on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidEventPattern => "InvalidEventPatternException",
            ErrorCode::Validation => "ValidationException",
            ErrorCode::LimitExceeded => "LimitExceededException",
            ErrorCode::ResourceNotFound => "ResourceNotFoundException",
            ErrorCode::ResourceAlreadyExists => "ResourceAlreadyExistsException",
            ErrorCode::ConcurrentModification => "ConcurrentModificationException",
            ErrorCode::Internal => "InternalException",
            ErrorCode::ManagedRule => "ManagedRuleException",
            ErrorCode::OperationDisabled => "OperationDisabledException",
            ErrorCode::InvalidState => "InvalidStateException",
            ErrorCode::IllegalStatus => "IllegalStatusException",
            ErrorCode::PolicyLengthExceeded => "PolicyLengthExceededException",
            ErrorCode::AccessDenied => "AccessDeniedException",
            ErrorCode::Throttling => "ThrottlingException",
            ErrorCode::Serialization => "SerializationException",
        }
    }
}

impl From<evmatch::ErrorCode> for ErrorCode {
    fn from(code: evmatch::ErrorCode) -> Self {
        match code {
            evmatch::ErrorCode::InvalidEventPattern => ErrorCode::InvalidEventPattern,
            _ => ErrorCode::Validation,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
