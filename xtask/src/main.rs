//! Generator for `crates/evmatch-eventbridge/src/api/` of evmatch.
//!
//! Reads the EventBridge model (`crates/evmatch-eventbridge/src/api/model/events-2015-10-07.service-2.json`) and the module
//! introductions (`xtask/docs/<module>.md`), and writes:
//!
//! * `crates/evmatch-eventbridge/src/api/<module>.rs` — one module per resource: request/response types of its operations,
//!   every structure and enum shape only this resource uses, with serde names exactly as on the wire;
//! * `crates/evmatch-eventbridge/src/api/model_data.rs` — the registry: every operation and all 354 shapes with their
//!   constraints, member wire names, requiredness and Rust bindings (used by validation and by the
//!   completeness test).
//!
//! Run from the repository root:
//!
//! ```text
//! cargo run --manifest-path xtask/Cargo.toml -- gen-api
//! cargo fmt
//! ```
//!
//! The output is committed; building evmatch never needs this program.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Operations by module, in the order the modules are documented.
const MODULES: &[(&str, &[&str])] = &[
    (
        "event_buses",
        &[
            "CreateEventBus",
            "DeleteEventBus",
            "DescribeEventBus",
            "ListEventBuses",
            "UpdateEventBus",
        ],
    ),
    (
        "rules",
        &[
            "PutRule",
            "DeleteRule",
            "DescribeRule",
            "EnableRule",
            "DisableRule",
            "ListRules",
            "ListRuleNamesByTarget",
        ],
    ),
    (
        "targets",
        &["PutTargets", "RemoveTargets", "ListTargetsByRule"],
    ),
    (
        "events",
        &["PutEvents", "PutPartnerEvents", "TestEventPattern"],
    ),
    (
        "archives",
        &[
            "CreateArchive",
            "DeleteArchive",
            "DescribeArchive",
            "ListArchives",
            "UpdateArchive",
        ],
    ),
    (
        "replays",
        &[
            "StartReplay",
            "CancelReplay",
            "DescribeReplay",
            "ListReplays",
        ],
    ),
    (
        "connections",
        &[
            "CreateConnection",
            "DeleteConnection",
            "DescribeConnection",
            "ListConnections",
            "UpdateConnection",
            "DeauthorizeConnection",
        ],
    ),
    (
        "api_destinations",
        &[
            "CreateApiDestination",
            "DeleteApiDestination",
            "DescribeApiDestination",
            "ListApiDestinations",
            "UpdateApiDestination",
        ],
    ),
    (
        "partner_event_sources",
        &[
            "CreatePartnerEventSource",
            "DeletePartnerEventSource",
            "DescribePartnerEventSource",
            "ListPartnerEventSources",
            "ListPartnerEventSourceAccounts",
            "ActivateEventSource",
            "DeactivateEventSource",
            "DescribeEventSource",
            "ListEventSources",
        ],
    ),
    ("permissions", &["PutPermission", "RemovePermission"]),
    (
        "tags",
        &["TagResource", "UntagResource", "ListTagsForResource"],
    ),
    (
        "endpoints",
        &[
            "CreateEndpoint",
            "DeleteEndpoint",
            "DescribeEndpoint",
            "ListEndpoints",
            "UpdateEndpoint",
        ],
    ),
];

/// Shapes used by several modules live in the module named here.
const OWNERS: &[(&str, &str)] = &[("DeadLetterConfig", "targets"), ("Tag", "tags")];

/// Operations whose requests have hand-written service checks in `crates/evmatch-eventbridge/src/api/checks.rs`
/// (function name = snake_case of the operation).
const SERVICE_CHECKS: &[&str] = &[
    "CreateEventBus",
    "DeleteEventBus",
    "PutRule",
    "PutTargets",
    "RemoveTargets",
    "PutEvents",
    "PutPartnerEvents",
    "TestEventPattern",
    "CreateArchive",
    "UpdateArchive",
    "StartReplay",
    "PutPermission",
    "TagResource",
];

/// Operations with conversions to and from `aws-sdk-eventbridge` (feature `aws-sdk`).
const SDK_OPERATIONS: &[&str] = &[
    "PutRule",
    "PutTargets",
    "PutEvents",
    "TestEventPattern",
    "DescribeRule",
    "ListRules",
    "ListTargetsByRule",
];

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) != Some("gen-api") {
        eprintln!("usage: cargo run --manifest-path xtask/Cargo.toml -- gen-api [ROOT]");
        std::process::exit(2);
    }
    let root = args.get(1).map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf()
    });
    let model_path = root.join("crates/evmatch-eventbridge/src/api/model/events-2015-10-07.service-2.json");
    let model: Value =
        serde_json::from_str(&std::fs::read_to_string(&model_path).expect("read model"))
            .expect("parse model");
    let g = Gen::new(&model);
    for (module, ops) in MODULES {
        let intro = std::fs::read_to_string(root.join(format!("xtask/docs/{module}.md")))
            .unwrap_or_else(|e| panic!("xtask/docs/{module}.md: {e}"));
        let code = g.module(module, ops, &intro);
        std::fs::write(root.join(format!("crates/evmatch-eventbridge/src/api/{module}.rs")), code).expect("write module");
    }
    std::fs::write(root.join("crates/evmatch-eventbridge/src/api/model_data.rs"), g.registry()).expect("write registry");
    std::fs::write(root.join("crates/evmatch-eventbridge/src/api/aws_sdk.rs"), g.aws_sdk()).expect("write aws_sdk");
    eprintln!(
        "generated {} modules and src/api/model_data.rs",
        MODULES.len()
    );
}

struct Gen<'a> {
    shapes: &'a Map<String, Value>,
    ops: &'a Map<String, Value>,
    /// Structure/enum shape -> owning module.
    owner: BTreeMap<String, String>,
    /// Structure shapes that can derive `Default`.
    defaultable: BTreeSet<String>,
}

impl<'a> Gen<'a> {
    fn new(model: &'a Value) -> Self {
        let shapes = model["shapes"].as_object().unwrap();
        let ops = model["operations"].as_object().unwrap();
        let mut mapped = BTreeSet::new();
        let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (module, names) in MODULES {
            for op in *names {
                assert!(ops.contains_key(*op), "unknown operation {op}");
                mapped.insert(op.to_string());
                let mut seen = BTreeSet::new();
                for io in ["input", "output"] {
                    if let Some(s) = ops[*op][io]["shape"].as_str() {
                        reach(shapes, s, &mut seen);
                    }
                }
                for s in seen {
                    uses.entry(s).or_default().insert(module.to_string());
                }
            }
        }
        for op in ops.keys() {
            assert!(
                mapped.contains(op),
                "operation {op} is not assigned to a module"
            );
        }
        let mut owner = BTreeMap::new();
        for (name, shape) in shapes {
            if !is_type(shape) {
                continue;
            }
            let modules = uses
                .get(name)
                .unwrap_or_else(|| panic!("shape {name} is not used by any operation"));
            let module = if modules.len() == 1 {
                modules.iter().next().unwrap().clone()
            } else {
                OWNERS
                    .iter()
                    .find(|(s, _)| s == name)
                    .unwrap_or_else(|| {
                        panic!("shape {name} is shared by {modules:?}: add it to OWNERS")
                    })
                    .1
                    .to_string()
            };
            owner.insert(name.clone(), module);
        }
        let mut g = Gen {
            shapes,
            ops,
            owner,
            defaultable: BTreeSet::new(),
        };
        // Fixpoint: a structure derives Default when every required member has a Default.
        loop {
            let mut changed = false;
            for (name, shape) in shapes {
                if shape["type"] != "structure" || g.defaultable.contains(name) {
                    continue;
                }
                let ok = required(shape).iter().all(|m| {
                    let t = shape["members"][m.as_str()]["shape"].as_str().unwrap();
                    let ts = &shapes[t];
                    if ts.get("enum").is_some() {
                        false
                    } else if ts["type"] == "structure" {
                        g.defaultable.contains(t)
                    } else {
                        true
                    }
                });
                if ok {
                    g.defaultable.insert(name.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        g
    }

    fn shape(&self, name: &str) -> &'a Value {
        &self.shapes[name]
    }

    /// The Rust type for a reference to shape `name`, as seen from `module`.
    fn rust_type(&self, name: &str) -> String {
        let s = self.shape(name);
        match s["type"].as_str().unwrap() {
            "structure" => name.to_string(),
            "string" if s.get("enum").is_some() => name.to_string(),
            "string" => "String".into(),
            "integer" => "i32".into(),
            "long" => "i64".into(),
            "boolean" => "bool".into(),
            "timestamp" => "Timestamp".into(),
            "list" => format!(
                "Vec<{}>",
                self.rust_type(s["member"]["shape"].as_str().unwrap())
            ),
            "map" => format!(
                "BTreeMap<{}, {}>",
                self.rust_type(s["key"]["shape"].as_str().unwrap()),
                self.rust_type(s["value"]["shape"].as_str().unwrap())
            ),
            t => panic!("unsupported shape type {t} ({name})"),
        }
    }

    /// Named types (structures, enums) a shape reference mentions.
    fn named_types(&self, name: &str, out: &mut BTreeSet<String>) {
        let s = self.shape(name);
        if is_type(s) {
            out.insert(name.to_string());
        }
        match s["type"].as_str().unwrap() {
            "list" => self.named_types(s["member"]["shape"].as_str().unwrap(), out),
            "map" => {
                self.named_types(s["key"]["shape"].as_str().unwrap(), out);
                self.named_types(s["value"]["shape"].as_str().unwrap(), out);
            }
            _ => {}
        }
    }

    fn module(&self, module: &str, ops: &[&str], intro: &str) -> String {
        let mut order: Vec<String> = Vec::new();
        let push = |n: &str, order: &mut Vec<String>| {
            if !order.iter().any(|o| o == n) {
                order.push(n.to_string());
            }
        };
        for op in ops {
            for io in ["input", "output"] {
                if let Some(s) = self.ops[*op][io]["shape"].as_str() {
                    push(s, &mut order);
                }
            }
        }
        for (name, m) in &self.owner {
            if m == module {
                push(name, &mut order);
            }
        }
        // Imports from other modules and from crate::api.
        let mut foreign: BTreeSet<(String, String)> = BTreeSet::new();
        let mut needs = BTreeSet::new();
        for name in &order {
            let s = self.shape(name);
            if s["type"] != "structure" {
                continue;
            }
            for (_, m) in s["members"].as_object().unwrap() {
                let t = m["shape"].as_str().unwrap();
                let mut named = BTreeSet::new();
                self.named_types(t, &mut named);
                for n in named {
                    if self.owner[&n] != module {
                        foreign.insert((self.owner[&n].clone(), n));
                    }
                }
                let rt = self.rust_type(t);
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
        out.push_str("//!\n//! Generated from the AWS model by `xtask` (see `xtask/src/main.rs`); edit the generator or\n");
        writeln!(out, "//! `xtask/docs/{module}.md`, not this file.").unwrap();
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
            .any(|o| self.ops[*o]["output"]["shape"].as_str().is_none())
        {
            api_uses.push("Empty");
        }
        if ops.iter().any(|o| SERVICE_CHECKS.contains(o)) {
            api_uses.push("Limits");
        }
        if has_ops {
            api_uses.push("Request");
        }
        if !api_uses.is_empty() {
            writeln!(out, "use super::{{{}}};", api_uses.join(", ")).unwrap();
        }
        if ops.iter().any(|o| SERVICE_CHECKS.contains(o)) {
            out.push_str("use super::checks;\n");
            out.push_str("use crate::Error;\n");
        }
        for (m, n) in &foreign {
            writeln!(out, "use super::{m}::{n};").unwrap();
        }
        out.push('\n');

        for op in ops {
            let o = &self.ops[*op];
            let input = o["input"]["shape"].as_str();
            let output = o["output"]["shape"].as_str();
            if let Some(i) = input {
                self.structure(&mut out, i, Some((op, true)));
                let resp = output.unwrap_or("Empty");
                writeln!(out, "impl Request for {i} {{").unwrap();
                writeln!(out, "    const OPERATION: &'static str = \"{op}\";").unwrap();
                writeln!(out, "    type Response = {resp};").unwrap();
                if SERVICE_CHECKS.contains(op) {
                    writeln!(out).unwrap();
                    writeln!(
                        out,
                        "    fn service_checks(&self, limits: &Limits) -> Result<(), Error> {{\n        checks::{}(self, limits)\n    }}",
                        snake(op)
                    )
                    .unwrap();
                }
                out.push_str("}\n\n");
            }
            if let Some(r) = output {
                self.structure(&mut out, r, Some((op, false)));
            }
        }
        for name in &order {
            if self.ops.values().any(|o| {
                o["input"]["shape"].as_str() == Some(name)
                    || o["output"]["shape"].as_str() == Some(name)
            }) {
                continue;
            }
            let s = self.shape(name);
            if s.get("enum").is_some() {
                self.enumeration(&mut out, name);
            } else {
                self.structure(&mut out, name, None);
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }

    fn structure(&self, out: &mut String, name: &str, op: Option<(&str, bool)>) {
        let s = self.shape(name);
        let doc = match op {
            Some((op, true)) => {
                let d = first_sentence(self.ops[op]["documentation"].as_str().unwrap_or(""));
                format!("Request of `{op}`: {}", lower_first(&d))
            }
            Some((op, false)) => format!("Response of `{op}`."),
            None => first_sentence(s["documentation"].as_str().unwrap_or("")),
        };
        doc_comment(out, "", &doc, name);
        let mut derives = vec!["Debug", "Clone", "PartialEq", "Eq"];
        if self.defaultable.contains(name) {
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
                d = first_sentence(self.shape(t)["documentation"].as_str().unwrap_or(""));
            }
            if d.is_empty() {
                d = format!("The `{wire}` member.");
            }
            doc_comment(out, "    ", &d, wire);
            let rt = self.rust_type(t);
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

    fn enumeration(&self, out: &mut String, name: &str) {
        let s = self.shape(name);
        out.push_str("api_enum! {\n");
        let d = first_sentence(s["documentation"].as_str().unwrap_or(""));
        let d = if d.is_empty() {
            format!("Values of `{name}`.")
        } else {
            d
        };
        doc_comment(out, "    ", &d, name);
        writeln!(out, "    {name} {{").unwrap();
        for v in s["enum"].as_array().unwrap() {
            let v = v.as_str().unwrap();
            writeln!(out, "        /// `{v}`").unwrap();
            writeln!(out, "        {} = \"{v}\",", variant(v)).unwrap();
        }
        out.push_str("    }\n}\n\n");
    }

    /// Ours -> SDK conversion of `e` (a value of shape `name`); `true` when it can fail.
    fn ours_to_sdk(&self, e: &str, name: &str) -> (String, bool) {
        let s = self.shape(name);
        match s["type"].as_str().unwrap() {
            "structure" => (format!("sdk::types::{name}::try_from({e})?"), true),
            "string" if s.get("enum").is_some() => {
                (format!("sdk::types::{name}::from({e}.as_str())"), false)
            }
            "timestamp" => (format!("ts_to_sdk({e})"), false),
            "list" => {
                let (inner, f) = self.ours_to_sdk("x", s["member"]["shape"].as_str().unwrap());
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
                let (inner, _) = self.ours_to_sdk("x", s["value"]["shape"].as_str().unwrap());
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
    fn sdk_to_ours(&self, e: &str, name: &str) -> String {
        let s = self.shape(name);
        match s["type"].as_str().unwrap() {
            "structure" => format!("{name}::from({e})"),
            "string" if s.get("enum").is_some() => format!("{name}::from({e}.as_str())"),
            "timestamp" => format!("ts_from_sdk({e})"),
            "list" => {
                let inner = self.sdk_to_ours("x", s["member"]["shape"].as_str().unwrap());
                if inner == "x" {
                    e.to_string()
                } else {
                    format!("{e}.into_iter().map(|x| {inner}).collect()")
                }
            }
            "map" => {
                let inner = self.sdk_to_ours("x", s["value"]["shape"].as_str().unwrap());
                if inner == "x" {
                    format!("{e}.into_iter().collect()")
                } else {
                    format!("{e}.into_iter().map(|(k, x)| (k, {inner})).collect()")
                }
            }
            _ => e.to_string(),
        }
    }

    fn aws_sdk(&self) -> String {
        let mut out = String::from(
            "//! Conversions between `evmatch::api` types and `aws-sdk-eventbridge` (feature `aws-sdk`).\n//!\n\
             //! Covered operations: `PutRule`, `PutTargets`, `PutEvents`, `TestEventPattern`, `DescribeRule`,\n\
             //! `ListRules`, `ListTargetsByRule` — their inputs (`<Op>Request` ⇄ `<Op>Input`), outputs\n\
             //! (`<Op>Response` ⇄ `<Op>Output`) and every nested type (`Target`, `PutEventsRequestEntry`,\n\
             //! `Rule`, …). Ours → SDK is `TryFrom` (the SDK's builders can fail with `BuildError`);\n\
             //! SDK → ours is `From`, except for operation inputs, whose SDK fields are all optional:\n\
             //! `TryFrom`, failing with AWS's `Member must not be null` `ValidationException`.\n//!\n\
             //! Generated by `xtask` (see `xtask/src/main.rs`); do not edit.\n\n\
             #![allow(clippy::redundant_closure, clippy::needless_question_mark, clippy::useless_conversion)]\n\n\
             use std::collections::HashMap;\n\nuse aws_sdk_eventbridge as sdk;\nuse sdk::error::BuildError;\nuse sdk::primitives::DateTime;\n\n\
             use super::Timestamp;\nuse crate::Error;\n",
        );
        let mut seen = BTreeSet::new();
        for op in SDK_OPERATIONS {
            for io in ["input", "output"] {
                if let Some(sh) = self.ops[*op][io]["shape"].as_str() {
                    reach(self.shapes, sh, &mut seen);
                }
            }
        }
        let mut imports = BTreeSet::new();
        for n in &seen {
            if is_type(self.shape(n)) {
                imports.insert((self.owner[n].clone(), n.clone()));
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
            let s = self.shape(name);
            if s["type"] != "structure" || s.get("exception").is_some() {
                continue;
            }
            let op = SDK_OPERATIONS.iter().find(|o| {
                self.ops[**o]["input"]["shape"].as_str() == Some(name)
                    || self.ops[**o]["output"]["shape"].as_str() == Some(name)
            });
            let (sdk_ty, is_input) = match op {
                Some(o) if self.ops[*o]["input"]["shape"].as_str() == Some(name) => {
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
                let (conv, fallible) = self.ours_to_sdk("x", t);
                let expr = if req.contains(wire) {
                    let (c, _) = self.ours_to_sdk(&format!("v.{f}"), t);
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
                let conv = self.sdk_to_ours("x", t);
                let expr = if req.contains(wire) {
                    if is_input {
                        self.sdk_to_ours(
                            &format!("v.{f}.ok_or_else(|| missing(\"{}\"))?", lower_camel(wire)),
                            t,
                        )
                    } else {
                        self.sdk_to_ours(&format!("v.{f}"), t)
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

    fn registry(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "//! The model registry data: every operation and shape of the EventBridge model.\n//!\n\
             //! Generated from the AWS model by `xtask` (see `xtask/src/main.rs`); do not edit.\n\n\
             use super::model::{Binding, Member, ModelPattern, Operation, OperationBinding, Shape, ShapeKind};\nuse super::*;\n\n",
        );
        // Patterns, deduplicated.
        let mut patterns: Vec<String> = Vec::new();
        for s in self.shapes.values() {
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
        out.push_str("\n/// Every operation, in model order.\npub(super) static OPERATIONS: &[Operation] = &[\n");
        for (name, o) in self.ops {
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
                self.owner[input]
            )
            .unwrap();
        }
        out.push_str(
            "];\n\n/// Every shape, sorted by name.\npub(super) static SHAPES: &[Shape] = &[\n",
        );
        let mut names: Vec<&String> = self.shapes.keys().collect();
        names.sort();
        for name in names {
            let s = self.shape(name);
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
                format!("Binding::enumeration::<{}::{name}>()", self.owner[name])
            } else if ty == "structure" {
                format!("Binding::structure::<{}::{name}>()", self.owner[name])
            } else {
                format!("Binding::Primitive(\"{}\")", self.rust_type(name))
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
}

fn is_type(shape: &Value) -> bool {
    (shape["type"] == "structure"
        && !shape
            .get("exception")
            .and_then(Value::as_bool)
            .unwrap_or(false))
        || shape.get("enum").is_some()
}

fn required(shape: &Value) -> Vec<String> {
    shape["required"]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn reach(shapes: &Map<String, Value>, name: &str, seen: &mut BTreeSet<String>) {
    if !seen.insert(name.to_string()) {
        return;
    }
    let s = &shapes[name];
    if let Some(ms) = s["members"].as_object() {
        for m in ms.values() {
            reach(shapes, m["shape"].as_str().unwrap(), seen);
        }
    }
    for k in ["member", "key", "value"] {
        if let Some(t) = s[k]["shape"].as_str() {
            reach(shapes, t, seen);
        }
    }
}

/// snake_case as the AWS SDK for Rust spells member names (`ResourceARN` → `resource_arn`,
/// `GraphQLOperation` → `graph_ql_operation`, `OAuthParameters` → `o_auth_parameters`).
fn snake(name: &str) -> String {
    let cs: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in cs.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = cs[i - 1];
            let next = cs.get(i + 1).copied();
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn field(wire: &str) -> String {
    let s = snake(wire);
    if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// Enum variant name: `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` →
/// `EnabledWithAllCloudtrailManagementEvents`, `distinctInstance` → `DistinctInstance`.
fn variant(value: &str) -> String {
    let mut out = String::new();
    let lowercase_words = value.chars().any(|c| c.is_ascii_lowercase());
    for word in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut cs = word.chars();
        let first = cs.next().unwrap();
        out.push(first.to_ascii_uppercase());
        if lowercase_words {
            out.extend(cs);
        } else {
            out.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

fn lower_camel(s: &str) -> String {
    let mut cs = s.chars();
    let first = cs.next().unwrap();
    first.to_ascii_lowercase().to_string() + cs.as_str()
}

fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        // Keep acronyms and product names (`EventBridge`, `API`) as they are.
        Some(c) if cs.clone().next().is_some_and(|d| d.is_ascii_lowercase()) => {
            c.to_lowercase().chain(cs).collect()
        }
        _ => s.to_string(),
    }
}

/// The first sentence of an HTML documentation string, as Markdown.
fn first_sentence(html: &str) -> String {
    // <code>x</code> -> `x`; drop other tags; unescape entities; collapse whitespace.
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        let j = rest[i..].find('>').map(|j| i + j + 1).unwrap_or(rest.len());
        let tag = &rest[i..j];
        if tag == "<code>" || tag == "</code>" {
            text.push('`');
        } else if tag.starts_with("<p") || tag.starts_with("</p") || tag.starts_with("<li") {
            text.push(' ');
        }
        rest = &rest[j..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.replace("``", "");
    // First sentence: up to the first ". " outside backticks (or the end).
    let mut in_code = false;
    let mut end = text.len();
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'`' {
            in_code = !in_code;
        }
        if !in_code && b == b'.' && (i + 1 == bytes.len() || bytes[i + 1] == b' ') {
            let before = &text[..i];
            // Skip common abbreviations.
            if before.ends_with("e.g") || before.ends_with("i.e") || before.ends_with("etc") {
                continue;
            }
            end = i + 1;
            break;
        }
    }
    let mut s = text[..end].trim().to_string();
    if s.matches('`').count() % 2 == 1 {
        s.push('`');
    }
    if !s.is_empty() && !s.ends_with('.') && !s.ends_with(':') {
        s.push('.');
    }
    s
}

/// Write `text` as a doc comment, escaping what rustdoc would misread.
fn doc_comment(out: &mut String, indent: &str, text: &str, _ctx: &str) {
    let mut escaped = String::new();
    let mut in_code = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
            escaped.push(c);
            rest = &rest[1..];
            continue;
        }
        if !in_code && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')' || c == ',')
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches('.');
            write!(escaped, "<{url}>").unwrap();
            rest = &rest[url.len()..];
            continue;
        }
        if !in_code && matches!(c, '[' | ']' | '<' | '>' | '*' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
        rest = &rest[c.len_utf8()..];
    }
    // Wrap at ~96 columns.
    let width = 96usize.saturating_sub(indent.len() + 4);
    let mut line = String::new();
    for word in escaped.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            writeln!(out, "{indent}/// {line}").unwrap();
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    writeln!(out, "{indent}/// {line}").unwrap();
}

fn rust_str(s: &str) -> String {
    if !s.contains("\"#") {
        format!("r#\"{s}\"#")
    } else {
        format!("{s:?}")
    }
}
