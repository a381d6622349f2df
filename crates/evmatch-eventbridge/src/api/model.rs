//! The EventBridge model as static data: every operation and shape, with constraints, member wire
//! names, requiredness and the Rust type that implements it.
//!
//! This is what [`Request::validate_shape`] checks against, and
//! what tools that lint or convert EventBridge configuration can walk. The data is generated from
//! `src/api/model/events-2015-10-07.service-2.json` (botocore 1.44.8), which is also shipped as
//! [`MODEL_JSON`].
//!
//! ```
//! use evmatch_eventbridge::api::model::{self, ShapeKind};
//!
//! assert_eq!(model::operations().len(), 57);
//! let rule_name = model::shape("RuleName").unwrap();
//! assert_eq!((rule_name.min, rule_name.max), (Some(1), Some(64)));
//! let ShapeKind::String { pattern: Some(p), .. } = &rule_name.kind else { unreachable!() };
//! assert_eq!(p.source(), r"[\.\-_A-Za-z0-9]+");
//! assert!(p.is_match("my-rule") && !p.is_match("my rule"));
//! ```

use std::sync::OnceLock;

use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

use super::{ApiEnum, Limits, Request};
use crate::Error;
use crate::ErrorCode;

/// The model JSON this crate's API types were generated from.
pub const MODEL_JSON: &str = include_str!("model/events-2015-10-07.service-2.json");

/// An operation: name, input and output shapes, modelled errors.
#[derive(Debug)]
pub struct Operation {
    /// The operation name (`PutRule`).
    pub name: &'static str,
    /// The input shape (every EventBridge operation has one).
    pub input: Option<&'static str>,
    /// The output shape; `None` for the nine operations that return nothing.
    pub output: Option<&'static str>,
    /// The modelled exception shapes.
    pub errors: &'static [&'static str],
    /// The Rust request type and what it can do with a request body.
    pub binding: OperationBinding,
}

/// The Rust side of an operation: its request type, accessible without naming it — e.g. to
/// validate a request body in an emulator that dispatches on `X-Amz-Target`.
///
/// ```
/// use evmatch_eventbridge::api::{Limits, model};
///
/// let op = model::operation("PutTargets").unwrap();
/// let err = (op.binding.validate_body)(r#"{"Rule": "r", "Targets": []}"#, &Limits::default());
/// assert_eq!(
///     err.unwrap_err().to_string(),
///     "1 validation error detected: Value '[]' at 'targets' failed to satisfy constraint: \
///      Member must have length greater than or equal to 1"
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct OperationBinding {
    /// `Request::OPERATION` of the request type (equal to the operation name).
    pub operation: &'static str,
    /// `std::any::type_name` of the request type.
    pub request_type: fn() -> &'static str,
    /// `std::any::type_name` of the response type ([`Empty`](super::Empty) for operations
    /// without output).
    pub response_type: fn() -> &'static str,
    /// [`decode`](super::decode) a request body: model constraints of the raw JSON, including
    /// missing required members.
    pub decode: fn(&str) -> Result<(), Error>,
    /// Deserialize a request body and run [`Request::validate_shape`] on the typed value.
    pub validate_shape: fn(&str) -> Result<(), Error>,
    /// [`decode`](super::decode) a request body, then [`Request::validate_with`].
    pub validate_body: fn(&str, &Limits) -> Result<(), Error>,
}

impl OperationBinding {
    pub(super) const fn of<R: Request>() -> Self {
        OperationBinding {
            operation: R::OPERATION,
            request_type: std::any::type_name::<R>,
            response_type: std::any::type_name::<R::Response>,
            decode: |body| super::decode::<R>(body).map(drop),
            validate_shape: |body| {
                let r: R =
                    serde_json::from_str(body).map_err(|e| Error::validation(e.to_string()))?;
                r.validate_shape()
            },
            validate_body: |body, limits| super::decode::<R>(body)?.validate_with(limits),
        }
    }
}

/// A shape of the model.
#[derive(Debug)]
pub struct Shape {
    /// The shape name (`PutRuleRequest`, `RuleName`).
    pub name: &'static str,
    /// Type and type-specific data.
    pub kind: ShapeKind,
    /// Minimum length (strings, lists, maps) or value (numbers).
    pub min: Option<i64>,
    /// Maximum length (strings, lists, maps) or value (numbers).
    pub max: Option<i64>,
    /// Marked `sensitive` (secrets): values are not echoed in error messages.
    pub sensitive: bool,
    /// The Rust counterpart.
    pub binding: Binding,
}

/// The type of a shape.
#[derive(Debug)]
pub enum ShapeKind {
    /// A structure (or an exception, which has no members in this model).
    Structure {
        /// Members in model order.
        members: &'static [Member],
        /// An error shape.
        exception: bool,
    },
    /// A string, possibly an enum or constrained by a pattern.
    String {
        /// The `pattern` constraint (applied to the whole value).
        pattern: Option<&'static ModelPattern>,
        /// Enum values; empty for a plain string.
        enum_values: &'static [&'static str],
    },
    /// A list.
    List {
        /// The element shape.
        member: &'static str,
    },
    /// A map.
    Map {
        /// The key shape.
        key: &'static str,
        /// The value shape.
        value: &'static str,
    },
    /// A 32-bit integer.
    Integer,
    /// A 64-bit integer.
    Long,
    /// A boolean.
    Boolean,
    /// A timestamp (epoch seconds on the wire).
    Timestamp,
}

/// A structure member.
#[derive(Debug)]
pub struct Member {
    /// The wire name (`EventBusName`, `ResourceARN`, `awsvpcConfiguration`).
    pub name: &'static str,
    /// The Rust field name (without `r#`).
    pub field: &'static str,
    /// The member's shape.
    pub shape: &'static str,
    /// Required by the model (a plain field in Rust; `Option` otherwise).
    pub required: bool,
}

/// The Rust type that implements a shape.
pub enum Binding {
    /// A structure type.
    Structure {
        /// `std::any::type_name` of the type.
        type_name: fn() -> &'static str,
        /// Deserialize a JSON value into the type and serialize it back.
        round_trip: fn(&Value) -> Result<Value, String>,
    },
    /// An enum type with an `Unknown` fallback.
    Enum {
        /// `std::any::type_name` of the type.
        type_name: fn() -> &'static str,
        /// The values of the Rust enum's known variants.
        values: &'static [&'static str],
        /// Whether the Rust enum reads a wire value as a known variant.
        is_known: fn(&str) -> bool,
        /// Deserialize a JSON value into the type and serialize it back.
        round_trip: fn(&Value) -> Result<Value, String>,
    },
    /// A Rust type used directly (`String`, `i32`, `Vec<Target>`, `BTreeMap<String, String>`).
    Primitive(&'static str),
    /// An exception: represented by [`crate::Error`] with this shape's [`ErrorCode`]
    /// (see [`error_code`]).
    Exception,
}

impl std::fmt::Debug for Binding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Binding::Structure { type_name, .. } => write!(f, "Structure({})", type_name()),
            Binding::Enum { type_name, .. } => write!(f, "Enum({})", type_name()),
            Binding::Primitive(t) => write!(f, "Primitive({t})"),
            Binding::Exception => f.write_str("Exception"),
        }
    }
}

impl Binding {
    pub(super) const fn structure<T: Serialize + DeserializeOwned>() -> Binding {
        Binding::Structure {
            type_name: std::any::type_name::<T>,
            round_trip: round_trip::<T>,
        }
    }

    pub(super) const fn enumeration<
        T: ApiEnum + Serialize + DeserializeOwned + for<'a> From<&'a str>,
    >() -> Binding {
        Binding::Enum {
            type_name: std::any::type_name::<T>,
            values: T::VALUES,
            is_known: |s| T::from(s).is_known(),
            round_trip: round_trip::<T>,
        }
    }
}

fn round_trip<T: Serialize + DeserializeOwned>(v: &Value) -> Result<Value, String> {
    let t: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&t).map_err(|e| e.to_string())
}

/// A model `pattern`, compiled on first use, matched against the whole value as AWS does.
///
/// The model's regexes are Java regexes; they are translated for the `regex` crate keeping Java's
/// meaning (`\w`, `\d`, `\s` and `.` as in Java, a leading `(?!…)` look-ahead supported).
pub struct ModelPattern {
    source: &'static str,
    compiled: OnceLock<Compiled>,
}

struct Compiled {
    positive: regex::Regex,
    /// A leading negative look-ahead `(?!X)`: the value must not start with a match of `X`.
    negative: Option<regex::Regex>,
}

impl ModelPattern {
    pub(super) const fn new(source: &'static str) -> Self {
        ModelPattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern exactly as in the model (and in AWS's error messages).
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the whole of `value` matches.
    pub fn is_match(&self, value: &str) -> bool {
        let c = self.compiled.get_or_init(|| compile(self.source));
        c.positive.is_match(value) && !c.negative.as_ref().is_some_and(|n| n.is_match(value))
    }
}

impl std::fmt::Debug for ModelPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ModelPattern({:?})", self.source)
    }
}

fn compile(source: &str) -> Compiled {
    let mut body = source;
    let mut negative = None;
    if let Some(rest) = body.strip_prefix("^(?!") {
        // `^(?!X)Y` — only the model's `^(?!\s*$).+` uses this; X contains no parentheses.
        let end = rest.find(')').expect("look-ahead end");
        let neg = &rest[..end];
        negative =
            Some(regex::Regex::new(&format!("^(?:{})", java_to_rust(neg))).expect("model regex"));
        body = &rest[end + 1..];
    }
    let positive =
        regex::Regex::new(&format!("^(?:{})$", java_to_rust(body))).expect("model regex");
    Compiled { positive, negative }
}

/// Rewrites Java-only meanings: `\w`, `\d`, `\s` are ASCII in Java; `.` excludes all Java line
/// terminators; `$` at the end of a Java `matches()` pattern is redundant.
fn java_to_rust(re: &str) -> String {
    let mut out = String::new();
    let mut in_class = false;
    let mut chars = re.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('w') if in_class => out.push_str("0-9A-Za-z_"),
                Some('w') => out.push_str("[0-9A-Za-z_]"),
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some('s') if in_class => out.push_str(r"\t\n\x0B\x0C\r "),
                Some('s') => out.push_str(r"[\t\n\x0B\x0C\r ]"),
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A leading `^` or `]` belongs to the class syntax.
                let rest = chars.as_str();
                if let Some(r) = rest.strip_prefix('^') {
                    out.push('^');
                    chars = r.chars();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(r"[^\n\r\x{85}\x{2028}\x{2029}]"),
            c => out.push(c),
        }
    }
    out
}

/// Every operation, in model order.
pub fn operations() -> &'static [Operation] {
    super::model_data::OPERATIONS
}

/// Every shape, sorted by name.
pub fn shapes() -> &'static [Shape] {
    super::model_data::SHAPES
}

/// The operation named `name`.
pub fn operation(name: &str) -> Option<&'static Operation> {
    operations().iter().find(|o| o.name == name)
}

/// The shape named `name`.
pub fn shape(name: &str) -> Option<&'static Shape> {
    let shapes = shapes();
    shapes
        .binary_search_by(|s| s.name.cmp(name))
        .ok()
        .map(|i| &shapes[i])
}

/// The [`ErrorCode`] of an exception shape (`"LimitExceededException"` →
/// [`ErrorCode::LimitExceeded`]), or of a generic AWS code such as `"ValidationException"`.
pub fn error_code(exception: &str) -> Option<ErrorCode> {
    ALL_ERROR_CODES
        .iter()
        .copied()
        .find(|c| c.as_str() == exception)
}

/// Every [`ErrorCode`].
pub const ALL_ERROR_CODES: &[ErrorCode] = &[
    ErrorCode::InvalidEventPattern,
    ErrorCode::Validation,
    ErrorCode::LimitExceeded,
    ErrorCode::ResourceNotFound,
    ErrorCode::ResourceAlreadyExists,
    ErrorCode::ConcurrentModification,
    ErrorCode::Internal,
    ErrorCode::ManagedRule,
    ErrorCode::OperationDisabled,
    ErrorCode::InvalidState,
    ErrorCode::IllegalStatus,
    ErrorCode::PolicyLengthExceeded,
    ErrorCode::AccessDenied,
    ErrorCode::Throttling,
    ErrorCode::Serialization,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_classes_translate() {
        assert_eq!(java_to_rust(r"[\w-]+\d"), r"[0-9A-Za-z_-]+[0-9]");
        assert_eq!(
            java_to_rust(r"a.b[.]"),
            r"a[^\n\r\x{85}\x{2028}\x{2029}]b[.]"
        );
        assert_eq!(java_to_rust(r"[^\x00-\x1F]"), r"[^\x00-\x1F]");
    }

    #[test]
    fn every_model_pattern_compiles() {
        for s in shapes() {
            if let ShapeKind::String {
                pattern: Some(p), ..
            } = &s.kind
            {
                let _ = p.is_match("x");
            }
        }
    }

    #[test]
    fn look_ahead_pattern() {
        let p = ModelPattern::new(r"^(?!\s*$).+");
        assert!(p.is_match("a"));
        assert!(p.is_match(" a "));
        assert!(!p.is_match("   "));
        assert!(!p.is_match(""));
        assert!(!p.is_match("a\nb"));
    }
}
