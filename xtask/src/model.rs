//! The AWS model as the generators read it: the operations and shapes of the model JSON, which
//! module owns each structure and enum shape, which structures can derive `Default`, and the Rust
//! type of every shape reference.
//!
//! Invariants: [`Model::new`] panics (with the shape or operation named) when the model and
//! [`crate::layout`] disagree — an operation in no module, a shape no operation uses, a shape
//! shared by several modules without an owner — so the generators never guess. Shape graphs are
//! walked with an explicit visited set; the model has no recursive shapes, and a cycle would only
//! stop the walk, not loop it. Costs: a few passes over the ~350 shapes.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::layout::{MODULES, OWNERS};

/// The model JSON's `operations` and `shapes`, with the layout decisions derived from them.
pub struct Model<'a> {
    /// Every shape by name, in model order.
    pub shapes: &'a Map<String, Value>,
    /// Every operation by name, in model order.
    pub ops: &'a Map<String, Value>,
    /// Structure/enum shape -> owning module.
    pub owner: BTreeMap<String, String>,
    /// Structure shapes that can derive `Default`.
    pub defaultable: BTreeSet<String>,
}

impl<'a> Model<'a> {
    /// Reads the parsed model JSON and assigns every structure and enum shape to a module.
    pub fn new(model: &'a Value) -> Self {
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
        let mut m = Model {
            shapes,
            ops,
            owner,
            defaultable: BTreeSet::new(),
        };
        // Fixpoint: a structure derives Default when every required member has a Default.
        loop {
            let mut changed = false;
            for (name, shape) in shapes {
                if shape["type"] != "structure" || m.defaultable.contains(name) {
                    continue;
                }
                let ok = required(shape).iter().all(|member| {
                    let t = shape["members"][member.as_str()]["shape"].as_str().unwrap();
                    let ts = &shapes[t];
                    if ts.get("enum").is_some() {
                        false
                    } else if ts["type"] == "structure" {
                        m.defaultable.contains(t)
                    } else {
                        true
                    }
                });
                if ok {
                    m.defaultable.insert(name.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        m
    }

    /// The shape named `name`.
    pub fn shape(&self, name: &str) -> &'a Value {
        &self.shapes[name]
    }

    /// Whether `name` is the input or output shape of some operation.
    pub fn is_operation_io(&self, name: &str) -> bool {
        self.ops.values().any(|o| {
            o["input"]["shape"].as_str() == Some(name)
                || o["output"]["shape"].as_str() == Some(name)
        })
    }

    /// The Rust type for a reference to shape `name`.
    pub fn rust_type(&self, name: &str) -> String {
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
    pub fn named_types(&self, name: &str, out: &mut BTreeSet<String>) {
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
}

/// Whether a shape becomes a named Rust type: a structure that is not an exception, or an enum.
pub fn is_type(shape: &Value) -> bool {
    (shape["type"] == "structure"
        && !shape
            .get("exception")
            .and_then(Value::as_bool)
            .unwrap_or(false))
        || shape.get("enum").is_some()
}

/// The required member names of a structure shape.
pub fn required(shape: &Value) -> Vec<String> {
    shape["required"]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// Every shape reachable from `name` (itself included), into `seen`.
pub fn reach(shapes: &Map<String, Value>, name: &str, seen: &mut BTreeSet<String>) {
    let mut stack = vec![name.to_string()];
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let s = &shapes[&name];
        if let Some(ms) = s["members"].as_object() {
            for m in ms.values() {
                stack.push(m["shape"].as_str().unwrap().to_string());
            }
        }
        for k in ["member", "key", "value"] {
            if let Some(t) = s[k]["shape"].as_str() {
                stack.push(t.to_string());
            }
        }
    }
}
