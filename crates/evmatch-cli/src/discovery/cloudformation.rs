//! Event patterns in a CloudFormation or SAM template.
//!
//! Job: recognise a template ([`is_template`]) and find its event patterns ([`find_patterns`]):
//! every property named `EventPattern`, at any depth; `Pattern` in the `Properties` of a SAM
//! event source whose `Type` is `EventBridgeRule` or `CloudWatchEvent`; and `Pattern` in the
//! `FilterCriteria.Filters[*]` of an `AWS::Pipes::Pipe` (a Pipes filter: its
//! [`FoundPattern::dialect`] is the pipe's, from its source, see `super::filters`). A pattern
//! given as a mapping becomes its compact JSON text (written by `evmatch::json`); one given as a
//! string is that JSON text.
//!
//! Invariants:
//!
//! * A pattern that uses a CloudFormation intrinsic function anywhere inside it (a short-form
//!   tag such as `!Sub`, or a one-key mapping `Ref` / `Fn::…`) cannot be resolved offline: it
//!   is found with [`FoundPattern::intrinsic`] set and no text.
//! * Patterns come in document order, and the search does not look inside a pattern for more.
//! * The walk is a loop over an explicit stack, so any nesting depth is fine.
//!
//! Costs: one visit per node of the document as expanded through YAML aliases (bounded by the
//! YAML reader's alias budget), plus, per pattern found, its expanded size and the length of
//! its JSON Pointer.

use std::collections::HashSet;

use evmatch::dialect::Dialect;

use super::FoundPattern;
use super::filters;
use super::intrinsics;
use super::tree::{Document, NodeId, NodeKind};

/// Whether `doc` is a template: a mapping with a top-level `Resources`,
/// `AWSTemplateFormatVersion` or `Transform`.
pub(super) fn is_template(doc: &Document) -> bool {
    match doc.kind(doc.root()) {
        NodeKind::Object(members) => members.iter().any(|(k, _)| {
            matches!(
                k.as_str(),
                "Resources" | "AWSTemplateFormatVersion" | "Transform"
            )
        }),
        _ => false,
    }
}

/// Where the search stands, as it goes down.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    /// Inside the `Properties` of a SAM `EventBridgeRule` / `CloudWatchEvent` event source.
    sam_event_properties: bool,
    /// Inside this `AWS::Pipes::Pipe` resource.
    pipe: Option<NodeId>,
}

/// A step of the path from the root: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy)]
enum Segment<'d> {
    Key(&'d str),
    Index(usize),
}

impl Segment<'_> {
    fn is(&self, key: &str) -> bool {
        matches!(self, Segment::Key(k) if *k == key)
    }
}

/// A node to visit: the path to it is the first `depth` segments of the current path, then
/// `segment`.
struct Visit<'d> {
    id: NodeId,
    depth: usize,
    segment: Option<Segment<'d>>,
    ctx: Ctx,
    /// The node is a pattern: report it, do not search it.
    pattern: bool,
}

/// The patterns of a template, in document order.
pub(super) fn find_patterns(doc: &Document) -> Vec<FoundPattern> {
    let list_params = intrinsics::list_parameters(doc);
    let mut found = Vec::new();
    let mut path: Vec<Segment<'_>> = Vec::new();
    let mut work = vec![Visit {
        id: doc.root(),
        depth: 0,
        segment: None,
        ctx: Ctx::default(),
        pattern: false,
    }];
    while let Some(visit) = work.pop() {
        path.truncate(visit.depth);
        path.extend(visit.segment);
        if visit.pattern {
            let mut pattern = found_pattern_at(doc, visit.id, pointer(&path), &list_params);
            if let Some(pipe) = visit.ctx.pipe {
                pattern.dialect = filters::pipe_dialect(doc, pipe);
            }
            found.push(pattern);
            continue;
        }
        let depth = path.len();
        match doc.kind(visit.id) {
            NodeKind::Object(members) => {
                let type_of = members
                    .iter()
                    .find_map(|(k, v)| match (&**k, doc.kind(*v)) {
                        ("Type", NodeKind::String(t)) => Some(t.as_str()),
                        _ => None,
                    });
                let is_sam_event = matches!(type_of, Some("EventBridgeRule" | "CloudWatchEvent"));
                let pipe = match visit.ctx.pipe {
                    None if type_of == Some("AWS::Pipes::Pipe") => Some(visit.id),
                    pipe => pipe,
                };
                // `…/FilterCriteria/Filters/<n>` of a pipe: its `Pattern` is a Pipes filter.
                let is_pipe_filter = pipe.is_some()
                    && depth >= 3
                    && path[depth - 3].is("FilterCriteria")
                    && path[depth - 2].is("Filters");
                for (key, value) in members.iter().rev() {
                    let pattern = key == "EventPattern"
                        || (key == "Pattern" && (visit.ctx.sam_event_properties || is_pipe_filter));
                    // An `EventPattern` inside a pipe (a target's rule, say) is EventBridge's.
                    let pipe = if key == "EventPattern" { None } else { pipe };
                    work.push(Visit {
                        id: *value,
                        depth,
                        segment: Some(Segment::Key(key)),
                        ctx: Ctx {
                            sam_event_properties: is_sam_event && key == "Properties",
                            pipe,
                        },
                        pattern,
                    });
                }
            }
            NodeKind::Array(items) => {
                let ctx = Ctx {
                    sam_event_properties: false,
                    ..visit.ctx
                };
                for (i, item) in items.iter().enumerate().rev() {
                    work.push(Visit {
                        id: *item,
                        depth,
                        segment: Some(Segment::Index(i)),
                        ctx,
                        pattern: false,
                    });
                }
            }
            _ => {}
        }
    }
    found
}

/// The JSON Pointer of `path`.
fn pointer(path: &[Segment<'_>]) -> String {
    let mut pointer = String::new();
    for segment in path {
        pointer.push('/');
        match segment {
            Segment::Key(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Index(i) => pointer.push_str(&i.to_string()),
        }
    }
    pointer
}

/// The pattern (or filter) at `id`, whose JSON Pointer is `pointer`, as an EventBridge pattern
/// (the caller sets another dialect).
pub(super) fn found_pattern_at(
    doc: &Document,
    id: NodeId,
    pointer: String,
    list_params: &HashSet<String>,
) -> FoundPattern {
    let intrinsic = find_intrinsic(doc, id);
    let text = match (&intrinsic, doc.kind(id)) {
        (Some(_), _) => String::new(),
        (None, NodeKind::String(s)) => s.clone(),
        (None, _) => doc.to_value(id).to_string(),
    };
    let assumed = intrinsic
        .as_ref()
        .map(|_| intrinsics::assume(doc, id, list_params));
    let node = doc.node(id);
    FoundPattern {
        text,
        line: node.line,
        column: node.column,
        pointer,
        intrinsic,
        assumed,
        verbatim_at: None,
        dialect: Dialect::EventBridge,
    }
}

/// The first intrinsic function used in the subtree at `id`, in document order.
fn find_intrinsic(doc: &Document, id: NodeId) -> Option<String> {
    let mut work = vec![id];
    while let Some(id) = work.pop() {
        match doc.kind(id) {
            NodeKind::Tagged(tag) => return Some(tag.clone()),
            NodeKind::Object(members) => {
                if let [(key, _)] = members.as_slice()
                    && (key == "Ref" || key.starts_with("Fn::"))
                {
                    return Some(key.clone());
                }
                work.extend(members.iter().rev().map(|&(_, value)| value));
            }
            NodeKind::Array(items) => work.extend(items.iter().rev()),
            _ => {}
        }
    }
    None
}
