//! The EventBridge model as static data: every operation and shape, with constraints, member wire
//! names, requiredness and the Rust type that implements it.
//!
//! This is what [`Request::validate_shape`](super::Request::validate_shape) checks against, and what
//! tools that lint or convert EventBridge configuration can walk. The data is generated (into
//! `api/generated/registry.rs`) from `events-2015-10-07.service-2.json` beside this module
//! (botocore 1.44.8), which is also shipped as [`MODEL_JSON`].
//!
//! Layout: the types live in `types` and `pattern`, the generated tables in the registry, and this
//! module only looks them up — the tables depend on the types, never the other way round. Look-ups
//! by shape name binary-search the sorted table; by operation name they scan the 57 operations.
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

pub(super) mod pattern;
pub(super) mod types;

pub use pattern::ModelPattern;
pub use types::{Binding, Member, Operation, OperationBinding, Shape, ShapeKind};

use super::registry;
use crate::ErrorCode;

/// The model JSON this crate's API types were generated from.
pub const MODEL_JSON: &str = include_str!("events-2015-10-07.service-2.json");

/// Every operation, in model order.
pub fn operations() -> &'static [Operation] {
    registry::OPERATIONS
}

/// Every shape, sorted by name.
pub fn shapes() -> &'static [Shape] {
    registry::SHAPES
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
}
