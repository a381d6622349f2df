//! The model's shape references resolved once: for every shape of [`model::shapes`], the shapes
//! its members, list elements or map keys and values refer to, and each structure member's name
//! as the service writes it in paths (lower-camel-case), so that validating a request does no
//! name look-up and no string conversion per member.
//!
//! Invariants: built on first use from the static registry and never changed; entry `i` belongs
//! to `model::shapes()[i]`; a shape that is not from the registry (not possible for the
//! generated model, kept as a fallback) is resolved by name on each call. Costs: one pass over the
//! model on first use (a few hundred shapes, a few kilobytes); afterwards an index computation per
//! look-up.

use std::sync::OnceLock;

use super::model::{self, Shape, ShapeKind};

/// What a shape refers to, resolved.
pub(super) enum Refs {
    /// A structure: per member (model order) its shape and its path name.
    Structure(Vec<(&'static Shape, String)>),
    /// A list: the element shape.
    List(&'static Shape),
    /// A map: the key and value shapes.
    Map(&'static Shape, &'static Shape),
    /// A scalar: no references.
    None,
}

fn shape_of(name: &str) -> &'static Shape {
    model::shape(name).unwrap_or_else(|| panic!("shape {name} missing from the registry"))
}

/// The service's member name in paths: the wire name with a lower-case first letter.
pub(super) fn camel(wire: &str) -> String {
    let mut cs = wire.chars();
    match cs.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + cs.as_str(),
        None => String::new(),
    }
}

fn resolve(shape: &Shape) -> Refs {
    match &shape.kind {
        ShapeKind::Structure { members, .. } => Refs::Structure(
            members
                .iter()
                .map(|m| (shape_of(m.shape), camel(m.name)))
                .collect(),
        ),
        ShapeKind::List { member } => Refs::List(shape_of(member)),
        ShapeKind::Map { key, value } => Refs::Map(shape_of(key), shape_of(value)),
        _ => Refs::None,
    }
}

fn table() -> &'static [Refs] {
    static TABLE: OnceLock<Vec<Refs>> = OnceLock::new();
    TABLE.get_or_init(|| model::shapes().iter().map(resolve).collect())
}

/// Calls `f` with the resolved references of `shape`.
pub(super) fn with_refs<T>(shape: &Shape, f: impl FnOnce(&Refs) -> T) -> T {
    let shapes = model::shapes();
    let offset = (shape as *const Shape as usize).wrapping_sub(shapes.as_ptr() as usize);
    let index = offset / std::mem::size_of::<Shape>().max(1);
    if index < shapes.len() && std::ptr::eq(&shapes[index], shape) {
        f(&table()[index])
    } else {
        f(&resolve(shape))
    }
}
