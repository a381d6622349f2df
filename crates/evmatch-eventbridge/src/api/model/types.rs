//! The types of the model registry: operations, shapes, members, and the Rust type bound to each
//! ([`OperationBinding`], [`Binding`]).
//!
//! Invariants: every value is `'static` data written by the generator (`generated/registry.rs`);
//! the bindings are plain function pointers, monomorphised for each Rust type, so reading the
//! registry allocates nothing and needs no lock.

use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

use super::pattern::ModelPattern;
use crate::Error;
use crate::api::{ApiEnum, Request, ServiceLimits, decode};

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
/// use evmatch_eventbridge::api::{ServiceLimits, model};
///
/// let op = model::operation("PutTargets").unwrap();
/// let err = (op.binding.validate_body)(r#"{"Rule": "r", "Targets": []}"#, &ServiceLimits::default());
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
    /// `std::any::type_name` of the response type ([`Empty`](crate::api::Empty) for operations
    /// without output).
    pub response_type: fn() -> &'static str,
    /// [`decode`](crate::api::decode) a request body: model constraints of the raw JSON, including
    /// missing required members.
    pub decode: fn(&str) -> Result<(), Error>,
    /// Deserialize a request body and run [`Request::validate_shape`] on the typed value.
    pub validate_shape: fn(&str) -> Result<(), Error>,
    /// [`decode`](crate::api::decode) a request body, then [`Request::validate_with`].
    pub validate_body: fn(&str, &ServiceLimits) -> Result<(), Error>,
}

impl OperationBinding {
    pub(in crate::api) const fn of<R: Request>() -> Self {
        OperationBinding {
            operation: R::OPERATION,
            request_type: std::any::type_name::<R>,
            response_type: std::any::type_name::<R::Response>,
            decode: |body| decode::<R>(body).map(drop),
            validate_shape: |body| {
                let r: R =
                    serde_json::from_str(body).map_err(|e| Error::validation(e.to_string()))?;
                r.validate_shape()
            },
            validate_body: |body, limits| decode::<R>(body)?.validate_with(limits),
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
    /// An exception: represented by [`crate::Error`] with this shape's [`ErrorCode`](crate::ErrorCode)
    /// (see [`error_code`](super::error_code)).
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
    pub(in crate::api) const fn structure<T: Serialize + DeserializeOwned>() -> Binding {
        Binding::Structure {
            type_name: std::any::type_name::<T>,
            round_trip: round_trip::<T>,
        }
    }

    pub(in crate::api) const fn enumeration<
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
