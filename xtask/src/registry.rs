//! `registry.rs`: the model as static data — every operation (input, output, errors, the Rust
//! request type) and every shape (kind, constraints, member wire names and requiredness, the Rust
//! type) — read by validation and by `api::model`.
//!
//! Invariants: one line per entry (the file is excluded from rustfmt: a table reads better
//! than rustfmt's expansion); shapes sorted by name so look-ups can binary-search; each distinct
//! `pattern` is one `static`, compiled on first use.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

use crate::model::{Model, required};
use crate::naming::{field, rust_str};

/// `registry.rs`: the `OPERATIONS` and `SHAPES` tables.
pub fn registry(model: &Model) -> String {
    let mut out = String::new();
    out.push_str(
        "//! The model registry data: every operation and shape of the EventBridge model, with the\n\
         //! Rust type bound to each (read through `api::model`).\n\n\
         use super::model::pattern::ModelPattern;\n\
         use super::model::types::{Binding, Member, Operation, OperationBinding, Shape, ShapeKind};\n",
    );
    let modules: BTreeSet<&str> = model.owner.values().map(String::as_str).collect();
    let modules: Vec<&str> = modules.into_iter().collect();
    writeln!(out, "use super::{{{}}};\n", modules.join(", ")).unwrap();
    // Patterns, deduplicated.
    let mut patterns: Vec<String> = Vec::new();
    for s in model.shapes.values() {
        if let Some(p) = s["pattern"].as_str()
            && !patterns.iter().any(|q| q == p)
        {
            patterns.push(p.to_string());
        }
    }
    for (i, p) in patterns.iter().enumerate() {
        writeln!(
            out,
            "static P{i}: ModelPattern = ModelPattern::new({});",
            rust_str(p)
        )
        .unwrap();
    }
    out.push_str(
        "\n/// Every operation, in model order.\npub(super) static OPERATIONS: &[Operation] = &[\n",
    );
    for (name, o) in model.ops {
        let opt = |k: &str| match o[k]["shape"].as_str() {
            Some(s) => format!("Some(\"{s}\")"),
            None => "None".into(),
        };
        let errors: Vec<String> = o["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| format!("\"{}\"", e["shape"].as_str().unwrap()))
                    .collect()
            })
            .unwrap_or_default();
        let input = o["input"]["shape"]
            .as_str()
            .expect("every operation has an input");
        writeln!(
            out,
            "    Operation {{ name: \"{name}\", input: {}, output: {}, errors: &[{}], binding: OperationBinding::of::<{}::{input}>() }},",
            opt("input"),
            opt("output"),
            errors.join(", "),
            model.owner[input]
        )
        .unwrap();
    }
    out.push_str(
        "];\n\n/// Every shape, sorted by name.\npub(super) static SHAPES: &[Shape] = &[\n",
    );
    let mut names: Vec<&String> = model.shapes.keys().collect();
    names.sort();
    for name in names {
        let s = model.shape(name);
        let num = |k: &str| match s.get(k).and_then(Value::as_f64) {
            Some(v) => format!("Some({})", v as i64),
            None => "None".into(),
        };
        let ty = s["type"].as_str().unwrap();
        let kind = match ty {
            "structure" => {
                let req = required(s);
                let mut ms = String::new();
                for (wire, m) in s["members"].as_object().unwrap() {
                    write!(
                        ms,
                        "Member {{ name: \"{wire}\", field: \"{}\", shape: \"{}\", required: {} }}, ",
                        field(wire).trim_start_matches("r#"),
                        m["shape"].as_str().unwrap(),
                        req.contains(wire)
                    )
                    .unwrap();
                }
                let exc = s.get("exception").and_then(Value::as_bool).unwrap_or(false);
                format!("ShapeKind::Structure {{ members: &[{ms}], exception: {exc} }}")
            }
            "string" => {
                let pat = match s["pattern"].as_str() {
                    Some(p) => {
                        format!("Some(&P{})", patterns.iter().position(|q| q == p).unwrap())
                    }
                    None => "None".into(),
                };
                let en: Vec<String> = s
                    .get("enum")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .map(|v| format!("\"{}\"", v.as_str().unwrap()))
                            .collect()
                    })
                    .unwrap_or_default();
                format!(
                    "ShapeKind::String {{ pattern: {pat}, enum_values: &[{}] }}",
                    en.join(", ")
                )
            }
            "list" => format!(
                "ShapeKind::List {{ member: \"{}\" }}",
                s["member"]["shape"].as_str().unwrap()
            ),
            "map" => format!(
                "ShapeKind::Map {{ key: \"{}\", value: \"{}\" }}",
                s["key"]["shape"].as_str().unwrap(),
                s["value"]["shape"].as_str().unwrap()
            ),
            "integer" => "ShapeKind::Integer".into(),
            "long" => "ShapeKind::Long".into(),
            "boolean" => "ShapeKind::Boolean".into(),
            "timestamp" => "ShapeKind::Timestamp".into(),
            t => panic!("unsupported type {t}"),
        };
        let exception = s.get("exception").and_then(Value::as_bool).unwrap_or(false);
        let binding = if exception {
            "Binding::Exception".to_string()
        } else if s.get("enum").is_some() {
            format!("Binding::enumeration::<{}::{name}>()", model.owner[name])
        } else if ty == "structure" {
            format!("Binding::structure::<{}::{name}>()", model.owner[name])
        } else {
            format!("Binding::Primitive(\"{}\")", model.rust_type(name))
        };
        let sensitive = s.get("sensitive").and_then(Value::as_bool).unwrap_or(false);
        writeln!(
            out,
            "    Shape {{ name: \"{name}\", kind: {kind}, min: {}, max: {}, sensitive: {sensitive}, binding: {binding} }},",
            num("min"),
            num("max")
        )
        .unwrap();
    }
    out.push_str("];\n");
    out
}
