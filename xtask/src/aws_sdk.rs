//! `aws_sdk.rs`: `From`/`TryFrom` conversions between the generated API types and
//! `aws-sdk-eventbridge` (feature `aws-sdk`) for the operations of [`SDK_OPERATIONS`].
//!
//! Invariants: ours → SDK is `TryFrom` (the SDK's builders can fail with `BuildError`); SDK →
//! ours is `From`, except for operation inputs, whose SDK fields are all optional: `TryFrom`,
//! failing with AWS's `Member must not be null` `ValidationException`. Field and setter names
//! come from [`crate::naming::snake`], the SDK's own spelling.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::layout::SDK_OPERATIONS;
use crate::model::{Model, is_type, reach, required};
use crate::naming::{field, lower_camel, snake};

/// Ours -> SDK conversion of `e` (a value of shape `name`); `true` when it can fail.
fn ours_to_sdk(model: &Model, e: &str, name: &str) -> (String, bool) {
    let s = model.shape(name);
    match s["type"].as_str().unwrap() {
        "structure" => (format!("sdk::types::{name}::try_from({e})?"), true),
        "string" if s.get("enum").is_some() => {
            (format!("sdk::types::{name}::from({e}.as_str())"), false)
        }
        "timestamp" => (format!("ts_to_sdk({e})"), false),
        "list" => {
            let (inner, f) = ours_to_sdk(model, "x", s["member"]["shape"].as_str().unwrap());
            if inner == "x" {
                (e.to_string(), false)
            } else if f {
                (
                    format!(
                        "{e}.into_iter().map(|x| -> Result<_, BuildError> {{ Ok({inner}) }}).collect::<Result<Vec<_>, _>>()?"
                    ),
                    true,
                )
            } else {
                (
                    format!("{e}.into_iter().map(|x| {inner}).collect::<Vec<_>>()"),
                    false,
                )
            }
        }
        "map" => {
            let (inner, _) = ours_to_sdk(model, "x", s["value"]["shape"].as_str().unwrap());
            if inner == "x" {
                (format!("{e}.into_iter().collect::<HashMap<_, _>>()"), false)
            } else {
                (
                    format!(
                        "{e}.into_iter().map(|(k, x)| (k, {inner})).collect::<HashMap<_, _>>()"
                    ),
                    false,
                )
            }
        }
        _ => (e.to_string(), false),
    }
}

/// SDK -> ours conversion of `e` (a value of shape `name`).
fn sdk_to_ours(model: &Model, e: &str, name: &str) -> String {
    let s = model.shape(name);
    match s["type"].as_str().unwrap() {
        "structure" => format!("{name}::from({e})"),
        "string" if s.get("enum").is_some() => format!("{name}::from({e}.as_str())"),
        "timestamp" => format!("ts_from_sdk({e})"),
        "list" => {
            let inner = sdk_to_ours(model, "x", s["member"]["shape"].as_str().unwrap());
            if inner == "x" {
                e.to_string()
            } else {
                format!("{e}.into_iter().map(|x| {inner}).collect()")
            }
        }
        "map" => {
            let inner = sdk_to_ours(model, "x", s["value"]["shape"].as_str().unwrap());
            if inner == "x" {
                format!("{e}.into_iter().collect()")
            } else {
                format!("{e}.into_iter().map(|(k, x)| (k, {inner})).collect()")
            }
        }
        _ => e.to_string(),
    }
}

/// `aws_sdk.rs`: the conversions of [`SDK_OPERATIONS`] and every type they reach.
pub fn aws_sdk(model: &Model) -> String {
    let mut out = String::from(
        "//! Conversions between `crate::api` types and `aws-sdk-eventbridge` (feature `aws-sdk`).\n//!\n\
         //! Covered operations: `PutRule`, `PutTargets`, `PutEvents`, `TestEventPattern`, `DescribeRule`,\n\
         //! `ListRules`, `ListTargetsByRule` — their inputs (`<Op>Request` ⇄ `<Op>Input`), outputs\n\
         //! (`<Op>Response` ⇄ `<Op>Output`) and every nested type (`Target`, `PutEventsRequestEntry`,\n\
         //! `Rule`, …). Ours → SDK is `TryFrom` (the SDK's builders can fail with `BuildError`);\n\
         //! SDK → ours is `From`, except for operation inputs, whose SDK fields are all optional:\n\
         //! `TryFrom`, failing with AWS's `Member must not be null` `ValidationException`.\n\n\
         #![allow(clippy::redundant_closure, clippy::needless_question_mark, clippy::useless_conversion)]\n\n\
         use std::collections::HashMap;\n\nuse aws_sdk_eventbridge as sdk;\nuse sdk::error::BuildError;\nuse sdk::primitives::DateTime;\n\n\
         use super::Timestamp;\nuse crate::Error;\n",
    );
    let mut seen = BTreeSet::new();
    for op in SDK_OPERATIONS {
        for io in ["input", "output"] {
            if let Some(sh) = model.ops[*op][io]["shape"].as_str() {
                reach(model.shapes, sh, &mut seen);
            }
        }
    }
    let mut imports = BTreeSet::new();
    for n in &seen {
        if is_type(model.shape(n)) {
            imports.insert((model.owner[n].clone(), n.clone()));
        }
    }
    for (m, n) in &imports {
        writeln!(out, "use super::{m}::{n};").unwrap();
    }
    out.push_str(r#"
/// A field the SDK may hold as `Option<T>` or, for defaulted primitives, as plain `T`.
trait IntoOpt<T> {
    fn into_opt(self) -> Option<T>;
}
impl<T> IntoOpt<T> for Option<T> {
    fn into_opt(self) -> Option<T> {
        self
    }
}
impl IntoOpt<bool> for bool {
    fn into_opt(self) -> Option<bool> {
        Some(self)
    }
}
impl IntoOpt<i32> for i32 {
    fn into_opt(self) -> Option<i32> {
        Some(self)
    }
}
impl IntoOpt<i64> for i64 {
    fn into_opt(self) -> Option<i64> {
        Some(self)
    }
}

fn ts_to_sdk(t: Timestamp) -> DateTime {
    DateTime::from_secs_and_nanos(t.secs(), t.subsec_nanos())
}

fn ts_from_sdk(t: DateTime) -> Timestamp {
    Timestamp::from_secs_and_nanos(t.secs(), t.subsec_nanos())
}

fn missing(member: &str) -> Error {
    Error::validation(format!(
        "1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"
    ))
}
"#);
    for name in &seen {
        let s = model.shape(name);
        if s["type"] != "structure" || s.get("exception").is_some() {
            continue;
        }
        let op = SDK_OPERATIONS.iter().find(|o| {
            model.ops[**o]["input"]["shape"].as_str() == Some(name)
                || model.ops[**o]["output"]["shape"].as_str() == Some(name)
        });
        let (sdk_ty, is_input) = match op {
            Some(o) if model.ops[*o]["input"]["shape"].as_str() == Some(name) => {
                (format!("sdk::operation::{}::{o}Input", snake(o)), true)
            }
            Some(o) => (format!("sdk::operation::{}::{o}Output", snake(o)), false),
            None => (format!("sdk::types::{name}"), false),
        };
        let req = required(s);
        let members = s["members"].as_object().unwrap();
        let builds_result = is_input || !req.is_empty();
        // ours -> SDK
        writeln!(out, "\nimpl TryFrom<{name}> for {sdk_ty} {{\n    type Error = BuildError;\n\n    fn try_from(v: {name}) -> Result<Self, BuildError> {{").unwrap();
        write!(out, "        let b = {sdk_ty}::builder()").unwrap();
        for (wire, m) in members {
            let f = field(wire);
            let setter = format!("set_{}", f.trim_start_matches("r#"));
            let t = m["shape"].as_str().unwrap();
            let (conv, fallible) = ours_to_sdk(model, "x", t);
            let expr = if req.contains(wire) {
                let (c, _) = ours_to_sdk(model, &format!("v.{f}"), t);
                format!("Some({c})")
            } else if conv == "x" {
                format!("v.{f}")
            } else if fallible {
                format!("v.{f}.map(|x| -> Result<_, BuildError> {{ Ok({conv}) }}).transpose()?")
            } else {
                format!("v.{f}.map(|x| {conv})")
            };
            write!(out, "\n            .{setter}({expr})").unwrap();
        }
        out.push_str(";\n");
        if builds_result {
            out.push_str("        b.build()\n    }\n}\n");
        } else {
            out.push_str("        Ok(b.build())\n    }\n}\n");
        }
        // SDK -> ours
        if is_input {
            writeln!(out, "\nimpl TryFrom<{sdk_ty}> for {name} {{\n    type Error = Error;\n\n    fn try_from(v: {sdk_ty}) -> Result<Self, Error> {{\n        Ok({name} {{").unwrap();
        } else {
            writeln!(out, "\nimpl From<{sdk_ty}> for {name} {{\n    fn from(v: {sdk_ty}) -> Self {{\n        {name} {{").unwrap();
        }
        for (wire, m) in members {
            let f = field(wire);
            let t = m["shape"].as_str().unwrap();
            let conv = sdk_to_ours(model, "x", t);
            let expr = if req.contains(wire) {
                if is_input {
                    sdk_to_ours(
                        model,
                        &format!("v.{f}.ok_or_else(|| missing(\"{}\"))?", lower_camel(wire)),
                        t,
                    )
                } else {
                    sdk_to_ours(model, &format!("v.{f}"), t)
                }
            } else if conv == "x" {
                format!("v.{f}.into_opt()")
            } else {
                format!("v.{f}.into_opt().map(|x| {conv})")
            };
            writeln!(out, "            {f}: {expr},").unwrap();
        }
        if is_input {
            out.push_str("        })\n    }\n}\n");
        } else {
            out.push_str("        }\n    }\n}\n");
        }
    }
    out
}
