//! Model-constraint validation, driven by the registry in [`super::model`], with AWS's
//! `ValidationException` texts:
//!
//! ```text
//! 2 validation errors detected: Value 'a b' at 'name' failed to satisfy constraint: Member must
//! satisfy regular expression pattern: [\.\-_A-Za-z0-9]+; Value null at 'eventBusName' failed to
//! satisfy constraint: Member must not be null
//! ```
//!
//! Member paths are the lower-camel-case wire names joined by `.`; list elements of structure
//! type are `<list>.<1-based index>.member`. Values are rendered as the service's Java objects
//! print them (`[a, b]`, `{k=v}`, `Tag(key=k, value=v)`); sensitive values are not shown
//! (`Value at 'password' …`). Constraints of a list element or map key/value of scalar type are
//! reported once at the list or map: `Member must satisfy constraint: [...]`,
//! `Map keys must satisfy constraint: [...]`, `Map values must satisfy constraint: [...]`.
//! One member failing several constraints gives one error per constraint, in the order pattern,
//! maximum, minimum, enum.
//!
//! Costs: one walk over the request's JSON value, guided by the registry (member shapes and path
//! names resolved once per process, see [`super::resolved`]); member paths are linked frames on
//! the stack, written out only when a violation is reported, so a valid request allocates
//! nothing here. The depth of the walk is the depth of the model's shapes, not of the input
//! (values nested deeper than their shape are not visited).

use std::fmt;

use serde_json::Value;

use super::Request;
use super::model::{self, Shape, ShapeKind};
use super::resolved::{Refs, camel, with_refs};
use crate::{Error, ErrorCode};

/// Validates `value` (a typed request, serialized) against the input shape of `operation`.
pub(super) fn validate_input(operation: &str, value: &Value) -> Result<(), Error> {
    finish(check_input(operation, value))
}

/// Reads a request body (JSON text) as `R`, reporting every model constraint violation —
/// including missing required members, which a typed value cannot express — in the service's
/// wording.
///
/// Malformed JSON, a body that is not an object, or a member of the wrong JSON type fails with a
/// `SerializationException` ([`crate::ErrorCode::Serialization`], as the service answers),
/// whose message comes from the JSON reader (AWS's own text for it is not known). The service
/// checks of
/// [`Request::service_checks`] are not run: call [`Request::validate`] on the result for those.
///
/// ```
/// use evmatch_eventbridge::api::{decode, targets::PutTargetsRequest};
///
/// let err = decode::<PutTargetsRequest>(r#"{"Rule": "r"}"#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "1 validation error detected: Value null at 'targets' failed to satisfy constraint: \
///      Member must not be null"
/// );
/// ```
pub fn decode<R: Request>(body: &str) -> Result<R, Error> {
    let serialization = |message: String| Error::service(ErrorCode::Serialization, message);
    let value: Value = serde_json::from_str(body)
        .map_err(|e| serialization(format!("Request body is not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err(serialization("Request body must be a JSON object.".into()));
    }
    finish(check_input(R::OPERATION, &value))?;
    serde_json::from_value(value).map_err(|e| serialization(e.to_string()))
}

fn check_input(operation: &str, value: &Value) -> Vec<String> {
    let op = model::operation(operation).expect("operation in the model");
    let shape = model::shape(op.input.expect("operation with input")).expect("input shape");
    let mut out = Vec::new();
    check_structure(shape, value, &Path::Root, &mut out);
    out
}

/// `Ok` or the combined `ValidationException`.
pub(super) fn finish(violations: Vec<String>) -> Result<(), Error> {
    match violations.len() {
        0 => Ok(()),
        1 => Err(Error::validation(format!(
            "1 validation error detected: {}",
            violations[0]
        ))),
        n => Err(Error::validation(format!(
            "{n} validation errors detected: {}",
            violations.join("; ")
        ))),
    }
}

fn shape_of(name: &str) -> &'static Shape {
    model::shape(name).unwrap_or_else(|| panic!("shape {name} missing from the registry"))
}

/// A member path, as frames on the stack: written out (`entries.1.member.detail`) only for a
/// reported violation.
#[derive(Clone, Copy)]
enum Path<'a> {
    /// The request itself (never written: its members start the path).
    Root,
    /// A member (its path name) of the value at the parent path.
    Member(&'a Path<'a>, &'a str),
    /// The element (0-based index) of the list at the parent path: `<list>.<index + 1>.member`.
    Element(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    /// Recursive: the depth is the nesting of the model's shapes (a handful of levels), never
    /// the input's.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Member(Path::Root, name) => f.write_str(name),
            Path::Member(parent, name) => write!(f, "{parent}.{name}"),
            Path::Element(parent, i) => write!(f, "{parent}.{}.member", i + 1),
        }
    }
}

fn check_structure(shape: &Shape, value: &Value, path: &Path<'_>, out: &mut Vec<String>) {
    let (ShapeKind::Structure { members, .. }, Some(obj)) = (&shape.kind, value.as_object()) else {
        return;
    };
    with_refs(shape, |refs| {
        let Refs::Structure(resolved) = refs else {
            return;
        };
        for (m, (member_shape, name)) in members.iter().zip(resolved) {
            let path = Path::Member(path, name);
            match obj.get(m.name) {
                None | Some(Value::Null) => {
                    if m.required {
                        out.push(format!(
                            "Value null at '{path}' failed to satisfy constraint: Member must not be null"
                        ));
                    }
                }
                Some(v) => check_value(member_shape, v, &path, out),
            }
        }
    });
}

fn check_value(shape: &Shape, value: &Value, path: &Path<'_>, out: &mut Vec<String>) {
    for c in scalar_failures(shape, value) {
        out.push(violation(shape, value, path, &c));
    }
    match &shape.kind {
        ShapeKind::Structure { .. } => check_structure(shape, value, path, out),
        ShapeKind::List { .. } => {
            let Some(items) = value.as_array() else {
                return;
            };
            let elem = with_refs(shape, |refs| match refs {
                Refs::List(elem) => Some(*elem),
                _ => None,
            });
            let Some(elem) = elem else { return };
            if matches!(elem.kind, ShapeKind::Structure { .. }) {
                for (i, item) in items.iter().enumerate() {
                    check_structure(elem, item, &Path::Element(path, i), out);
                }
            } else if matches!(elem.kind, ShapeKind::List { .. } | ShapeKind::Map { .. }) {
                for (i, item) in items.iter().enumerate() {
                    check_value(elem, item, &Path::Element(path, i), out);
                }
            } else {
                let failed = union(items.iter().map(|i| scalar_failures(elem, i)));
                if !failed.is_empty() {
                    let c = format!("Member must satisfy constraint: [{}]", failed.join(", "));
                    out.push(violation(shape, value, path, &c));
                }
            }
        }
        ShapeKind::Map { .. } => {
            let Some(obj) = value.as_object() else { return };
            let Some((ks, vs)) = with_refs(shape, |refs| match refs {
                Refs::Map(ks, vs) => Some((*ks, *vs)),
                _ => None,
            }) else {
                return;
            };
            let keys = union(
                obj.keys()
                    .map(|k| scalar_failures(ks, &Value::String(k.clone()))),
            );
            if !keys.is_empty() {
                let c = format!("Map keys must satisfy constraint: [{}]", keys.join(", "));
                out.push(violation(shape, value, path, &c));
            }
            let vals = union(obj.values().map(|v| scalar_failures(vs, v)));
            if !vals.is_empty() {
                let c = format!("Map values must satisfy constraint: [{}]", vals.join(", "));
                out.push(violation(shape, value, path, &c));
            }
        }
        _ => {}
    }
}

fn union(lists: impl Iterator<Item = Vec<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lists {
        for c in l {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// The failed constraints of the value itself (not of its elements or members).
fn scalar_failures(shape: &Shape, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let len = match (&shape.kind, value) {
        (ShapeKind::String { .. }, Value::String(s)) => Some(s.encode_utf16().count() as i64),
        (ShapeKind::List { .. }, Value::Array(a)) => Some(a.len() as i64),
        (ShapeKind::Map { .. }, Value::Object(o)) => Some(o.len() as i64),
        _ => None,
    };
    if let (
        ShapeKind::String {
            pattern: Some(p), ..
        },
        Value::String(s),
    ) = (&shape.kind, value)
        && !p.is_match(s)
    {
        out.push(format!(
            "Member must satisfy regular expression pattern: {}",
            p.source()
        ));
    }
    if let Some(len) = len {
        if let Some(max) = shape.max.filter(|&m| len > m) {
            out.push(format!(
                "Member must have length less than or equal to {max}"
            ));
        }
        if let Some(min) = shape.min.filter(|&m| len < m) {
            out.push(format!(
                "Member must have length greater than or equal to {min}"
            ));
        }
    }
    if let (ShapeKind::Integer | ShapeKind::Long, Some(n)) = (&shape.kind, value.as_i64()) {
        if let Some(max) = shape.max.filter(|&m| n > m) {
            out.push(format!(
                "Member must have value less than or equal to {max}"
            ));
        }
        if let Some(min) = shape.min.filter(|&m| n < m) {
            out.push(format!(
                "Member must have value greater than or equal to {min}"
            ));
        }
    }
    if let (ShapeKind::String { enum_values, .. }, Value::String(s)) = (&shape.kind, value)
        && !enum_values.is_empty()
        && !enum_values.contains(&s.as_str())
    {
        out.push(format!(
            "Member must satisfy enum value set: [{}]",
            enum_values.join(", ")
        ));
    }
    out
}

fn violation(shape: &Shape, value: &Value, path: &Path<'_>, constraint: &str) -> String {
    if shape.sensitive {
        format!("Value at '{path}' failed to satisfy constraint: {constraint}")
    } else {
        format!(
            "Value '{}' at '{path}' failed to satisfy constraint: {constraint}",
            render(shape, value)
        )
    }
}

/// Members the service's entry class prints although the model does not have them (recorded in
/// a PutEvents error message).
fn hidden_members(shape: &str) -> &'static [&'static str] {
    match shape {
        "PutEventsRequestEntry" => &["kmsKeyIdentifier", "internalMetadata"],
        _ => &[],
    }
}

/// A value as the service's Java objects print it.
pub(super) fn render(shape: &Shape, value: &Value) -> String {
    if shape.sensitive {
        return "*** Sensitive Data Redacted ***".into();
    }
    match (&shape.kind, value) {
        (_, Value::Null) => "null".into(),
        (_, Value::String(s)) if !matches!(shape.kind, ShapeKind::Timestamp) => s.clone(),
        (ShapeKind::Timestamp, v) => {
            let ts: Option<super::Timestamp> = serde_json::from_value(v.clone()).ok();
            ts.map(|t| t.to_string()).unwrap_or_else(|| v.to_string())
        }
        (ShapeKind::List { member }, Value::Array(items)) => {
            let elem = shape_of(member);
            let parts: Vec<String> = items.iter().map(|i| render(elem, i)).collect();
            format!("[{}]", parts.join(", "))
        }
        (ShapeKind::Map { value: vs, .. }, Value::Object(obj)) => {
            let vs = shape_of(vs);
            let parts: Vec<String> = obj
                .iter()
                .map(|(k, v)| format!("{k}={}", render(vs, v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        (ShapeKind::Structure { members, .. }, Value::Object(obj)) => {
            let mut parts: Vec<String> = members
                .iter()
                .map(|m| {
                    let v = obj.get(m.name).unwrap_or(&Value::Null);
                    format!("{}={}", camel(m.name), render(shape_of(m.shape), v))
                })
                .collect();
            parts.extend(
                hidden_members(shape.name)
                    .iter()
                    .map(|h| format!("{h}=null")),
            );
            format!("{}({})", shape.name, parts.join(", "))
        }
        (_, v) => v.to_string(),
    }
}
