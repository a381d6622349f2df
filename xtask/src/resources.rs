//! The resource modules (`event_buses.rs`, `rules.rs`, …): the request and response types of each
//! operation of the module, and every structure and enum shape the module owns, with serde names
//! exactly as on the wire.
//!
//! Invariants: a generated module names only the API's own runtime support — `super::Request`,
//! `super::Empty`, `super::Timestamp`, the `api_enum!` macro — and the types of other generated
//! modules; never hand-written service checks (those attach themselves to the request types).
//! Members the model requires are plain fields, all others `Option`s skipped when `None`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::docs::{doc_comment, first_sentence};
use crate::model::{Model, required};
use crate::naming::{field, lower_first, variant};

/// The resource module `module` holding operations `ops`, introduced by `intro` (Markdown).
pub fn module(model: &Model, module: &str, ops: &[&str], intro: &str) -> String {
    let mut order: Vec<String> = Vec::new();
    let push = |n: &str, order: &mut Vec<String>| {
        if !order.iter().any(|o| o == n) {
            order.push(n.to_string());
        }
    };
    for op in ops {
        for io in ["input", "output"] {
            if let Some(s) = model.ops[*op][io]["shape"].as_str() {
                push(s, &mut order);
            }
        }
    }
    for (name, m) in &model.owner {
        if m == module {
            push(name, &mut order);
        }
    }
    // Imports from other modules and from crate::api.
    let mut foreign: BTreeSet<(String, String)> = BTreeSet::new();
    let mut needs = BTreeSet::new();
    for name in &order {
        let s = model.shape(name);
        if s["type"] != "structure" {
            continue;
        }
        for (_, m) in s["members"].as_object().unwrap() {
            let t = m["shape"].as_str().unwrap();
            let mut named = BTreeSet::new();
            model.named_types(t, &mut named);
            for n in named {
                if model.owner[&n] != module {
                    foreign.insert((model.owner[&n].clone(), n));
                }
            }
            let rt = model.rust_type(t);
            if rt.contains("Timestamp") {
                needs.insert("Timestamp");
            }
            if rt.contains("BTreeMap") {
                needs.insert("BTreeMap");
            }
        }
    }
    let mut out = String::new();
    for line in intro.trim_end().lines() {
        if line.is_empty() {
            out.push_str("//!\n");
        } else {
            writeln!(out, "//! {line}").unwrap();
        }
    }
    out.push('\n');
    if needs.contains("BTreeMap") {
        out.push_str("use std::collections::BTreeMap;\n\n");
    }
    out.push_str("use serde::{Deserialize, Serialize};\n\n");
    let has_ops = !ops.is_empty();
    let mut api_uses = vec![];
    if needs.contains("Timestamp") {
        api_uses.push("Timestamp");
    }
    if ops
        .iter()
        .any(|o| model.ops[*o]["output"]["shape"].as_str().is_none())
    {
        api_uses.push("Empty");
    }
    if has_ops {
        api_uses.push("Request");
    }
    if !api_uses.is_empty() {
        writeln!(out, "use super::{{{}}};", api_uses.join(", ")).unwrap();
    }
    for (m, n) in &foreign {
        writeln!(out, "use super::{m}::{n};").unwrap();
    }
    out.push('\n');

    for op in ops {
        let o = &model.ops[*op];
        let input = o["input"]["shape"].as_str();
        let output = o["output"]["shape"].as_str();
        if let Some(i) = input {
            structure(model, &mut out, i, Some((op, true)));
            let resp = output.unwrap_or("Empty");
            writeln!(out, "impl Request for {i} {{").unwrap();
            writeln!(out, "    const OPERATION: &'static str = \"{op}\";").unwrap();
            writeln!(out, "    type Response = {resp};").unwrap();
            out.push_str("}\n\n");
        }
        if let Some(r) = output {
            structure(model, &mut out, r, Some((op, false)));
        }
    }
    for name in &order {
        if model.is_operation_io(name) {
            continue;
        }
        let s = model.shape(name);
        if s.get("enum").is_some() {
            enumeration(model, &mut out, name);
        } else {
            structure(model, &mut out, name, None);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A structure shape as a serde struct; `op` is `(operation, is_input)` for request and
/// response types.
fn structure(model: &Model, out: &mut String, name: &str, op: Option<(&str, bool)>) {
    let s = model.shape(name);
    let doc = match op {
        Some((op, true)) => {
            let d = first_sentence(model.ops[op]["documentation"].as_str().unwrap_or(""));
            format!("Request of `{op}`: {}", lower_first(&d))
        }
        Some((op, false)) => format!("Response of `{op}`."),
        None => first_sentence(s["documentation"].as_str().unwrap_or("")),
    };
    doc_comment(out, "", &doc);
    let mut derives = vec!["Debug", "Clone", "PartialEq", "Eq"];
    if model.defaultable.contains(name) {
        derives.push("Default");
    }
    derives.extend(["Serialize", "Deserialize"]);
    writeln!(out, "#[derive({})]", derives.join(", ")).unwrap();
    let members = s["members"].as_object().unwrap();
    if members.is_empty() {
        writeln!(out, "pub struct {name} {{}}\n").unwrap();
        return;
    }
    writeln!(out, "pub struct {name} {{").unwrap();
    let req = required(s);
    for (wire, m) in members {
        let t = m["shape"].as_str().unwrap();
        let mut d = first_sentence(m["documentation"].as_str().unwrap_or(""));
        if d.is_empty() {
            d = first_sentence(model.shape(t)["documentation"].as_str().unwrap_or(""));
        }
        if d.is_empty() {
            d = format!("The `{wire}` member.");
        }
        doc_comment(out, "    ", &d);
        let rt = model.rust_type(t);
        if req.contains(wire) {
            writeln!(out, "    #[serde(rename = \"{wire}\")]").unwrap();
            writeln!(out, "    pub {}: {rt},", field(wire)).unwrap();
        } else {
            writeln!(
                out,
                "    #[serde(rename = \"{wire}\", default, skip_serializing_if = \"Option::is_none\")]"
            )
            .unwrap();
            writeln!(out, "    pub {}: Option<{rt}>,", field(wire)).unwrap();
        }
    }
    out.push_str("}\n\n");
}

/// An enum shape as an `api_enum!` invocation.
fn enumeration(model: &Model, out: &mut String, name: &str) {
    let s = model.shape(name);
    out.push_str("api_enum! {\n");
    let d = first_sentence(s["documentation"].as_str().unwrap_or(""));
    let d = if d.is_empty() {
        format!("Values of `{name}`.")
    } else {
        d
    };
    doc_comment(out, "    ", &d);
    writeln!(out, "    {name} {{").unwrap();
    for v in s["enum"].as_array().unwrap() {
        let v = v.as_str().unwrap();
        writeln!(out, "        /// `{v}`").unwrap();
        writeln!(out, "        {} = \"{v}\",", variant(v)).unwrap();
    }
    out.push_str("    }\n}\n\n");
}
