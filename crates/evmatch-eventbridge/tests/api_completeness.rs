//! Completeness of `evmatch_eventbridge::api` against the AWS model, loaded at test time.
//!
//! For every operation: a registry entry with the same input, output and errors, bound to a Rust
//! request type whose `Request::OPERATION` is the operation name and whose response type is the
//! output shape's type. For every shape: a registry entry with the same type and constraints; for
//! every structure, a Rust type that reads and writes a sample carrying *every* member under its
//! wire name (so a missing or misnamed member fails), refuses the sample without a required member
//! and accepts it without an optional one; for every enum, a Rust enum with exactly the model's
//! values; for every exception, an `ErrorCode`. Adding a shape, member or operation to the model
//! without adding it to the code fails here.

use std::collections::BTreeSet;

use evmatch_eventbridge::api::model::{self, Binding, ShapeKind};
use serde_json::{Map, Value, json};

fn model_json() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/api/model/events-2015-10-07.service-2.json"
    );
    let text = std::fs::read_to_string(path).expect("model JSON in the repo");
    assert_eq!(
        text,
        model::MODEL_JSON,
        "MODEL_JSON is the file in src/api/model"
    );
    serde_json::from_str(&text).unwrap()
}

fn str_list(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn committed_model_is_the_eventbridge_2015_10_07_json_model() {
    // The model the API was generated from: EventBridge's JSON 1.1 protocol, API version
    // 2015-10-07, with its 57 operations and 354 shapes.
    let m = model_json();
    let meta = &m["metadata"];
    assert_eq!(meta["uid"], "eventbridge-2015-10-07");
    assert_eq!(meta["apiVersion"], "2015-10-07");
    assert_eq!(meta["protocol"], "json");
    assert_eq!(meta["jsonVersion"], "1.1");
    assert_eq!(meta["targetPrefix"], "AWSEvents");
    assert_eq!(m["operations"].as_object().unwrap().len(), 57);
    assert_eq!(m["shapes"].as_object().unwrap().len(), 354);
    assert_eq!(model::shapes().len(), 354);
}

#[test]
fn every_operation_has_a_request_type() {
    let m = model_json();
    let ops = m["operations"].as_object().unwrap();
    assert_eq!(ops.len(), 57);
    assert_eq!(
        model::operations().len(),
        ops.len(),
        "registry has extra or missing operations"
    );
    let mut checked = 0;
    for (name, op) in ops {
        let r = model::operation(name).unwrap_or_else(|| panic!("operation {name} missing"));
        assert_eq!(r.input, op["input"]["shape"].as_str(), "{name} input");
        assert_eq!(r.output, op["output"]["shape"].as_str(), "{name} output");
        let errors: Vec<String> = op["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["shape"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(r.errors, errors, "{name} errors");
        // The request type is the Rust type bound to the input shape, and says it is `name`.
        assert_eq!(r.binding.operation, name, "Request::OPERATION of {name}");
        let input = model::shape(r.input.unwrap()).unwrap();
        let Binding::Structure { type_name, .. } = input.binding else {
            panic!("{name} input")
        };
        assert_eq!(
            (r.binding.request_type)(),
            type_name(),
            "{name} request type"
        );
        assert!(type_name().ends_with(&format!("::{}", input.name)));
        let response = (r.binding.response_type)();
        match r.output {
            Some(out) => {
                let Binding::Structure { type_name, .. } = model::shape(out).unwrap().binding
                else {
                    panic!("{name} output")
                };
                assert_eq!(response, type_name(), "{name} response type");
            }
            None => assert_eq!(
                response, "evmatch_eventbridge::api::Empty",
                "{name} response type"
            ),
        }
        checked += 1;
    }
    assert_eq!(checked, 57);
}

#[test]
fn every_shape_has_the_same_constraints() {
    let m = model_json();
    let shapes = m["shapes"].as_object().unwrap();
    assert_eq!(shapes.len(), 354);
    assert_eq!(
        model::shapes().len(),
        shapes.len(),
        "registry has extra or missing shapes"
    );
    for (name, s) in shapes {
        let r = model::shape(name).unwrap_or_else(|| panic!("shape {name} missing"));
        let num = |k: &str| s.get(k).and_then(Value::as_f64).map(|v| v as i64);
        assert_eq!((r.min, r.max), (num("min"), num("max")), "{name} min/max");
        assert_eq!(
            r.sensitive,
            s.get("sensitive") == Some(&Value::Bool(true)),
            "{name} sensitive"
        );
        let ty = s["type"].as_str().unwrap();
        match (&r.kind, ty) {
            (ShapeKind::Structure { members, exception }, "structure") => {
                assert_eq!(
                    *exception,
                    s.get("exception") == Some(&Value::Bool(true)),
                    "{name}"
                );
                let required: BTreeSet<String> = str_list(&s["required"]).into_iter().collect();
                let model_members = s["members"].as_object().unwrap();
                // (serde_json's map is sorted here, so compare as sets; the generator keeps
                // model order.)
                let names: BTreeSet<&str> = members.iter().map(|m| m.name).collect();
                let expected: BTreeSet<&str> = model_members.keys().map(String::as_str).collect();
                assert_eq!(names, expected, "{name} members (wire names)");
                assert_eq!(names.len(), members.len(), "{name}: duplicate members");
                for mem in *members {
                    assert_eq!(
                        mem.shape, model_members[mem.name]["shape"],
                        "{name}.{}",
                        mem.name
                    );
                    assert_eq!(
                        mem.required,
                        required.contains(mem.name),
                        "{name}.{} required",
                        mem.name
                    );
                }
            }
            (
                ShapeKind::String {
                    pattern,
                    enum_values,
                },
                "string",
            ) => {
                assert_eq!(
                    pattern.map(|p| p.source()),
                    s["pattern"].as_str(),
                    "{name} pattern"
                );
                assert_eq!(enum_values.to_vec(), str_list(&s["enum"]), "{name} enum");
            }
            (ShapeKind::List { member }, "list") => {
                assert_eq!(*member, s["member"]["shape"], "{name}")
            }
            (ShapeKind::Map { key, value }, "map") => {
                assert_eq!(*key, s["key"]["shape"], "{name}");
                assert_eq!(*value, s["value"]["shape"], "{name}");
            }
            (ShapeKind::Integer, "integer")
            | (ShapeKind::Long, "long")
            | (ShapeKind::Boolean, "boolean")
            | (ShapeKind::Timestamp, "timestamp") => {}
            (k, t) => panic!("{name}: model type {t}, registry {k:?}"),
        }
    }
}

/// A sample value of `shape` with every member set.
fn sample(shapes: &Map<String, Value>, shape: &str, depth: usize) -> Value {
    assert!(depth < 20, "recursive shape {shape}");
    let s = &shapes[shape];
    match s["type"].as_str().unwrap() {
        "structure" => {
            let mut o = Map::new();
            for (k, m) in s["members"].as_object().unwrap() {
                o.insert(
                    k.clone(),
                    sample(shapes, m["shape"].as_str().unwrap(), depth + 1),
                );
            }
            Value::Object(o)
        }
        "string" => match s["enum"].as_array() {
            Some(values) => values.last().unwrap().clone(),
            None => json!(format!("{shape}-value")),
        },
        "integer" => json!(7),
        "long" => json!(9_007_199_254_740_000_i64),
        "boolean" => json!(true),
        "timestamp" => json!(1_700_000_000.25),
        "list" => json!([
            sample(shapes, s["member"]["shape"].as_str().unwrap(), depth + 1),
            sample(shapes, s["member"]["shape"].as_str().unwrap(), depth + 1)
        ]),
        "map" => {
            let v = sample(shapes, s["value"]["shape"].as_str().unwrap(), depth + 1);
            json!({"key-1": v.clone(), "key-2": v})
        }
        t => panic!("type {t}"),
    }
}

#[test]
fn every_structure_round_trips_every_member_by_wire_name() {
    let m = model_json();
    let shapes = m["shapes"].as_object().unwrap();
    let mut structures = 0;
    for (name, s) in shapes {
        if s["type"] != "structure" || s.get("exception") == Some(&Value::Bool(true)) {
            continue;
        }
        let Binding::Structure {
            round_trip,
            type_name,
        } = model::shape(name).unwrap().binding
        else {
            panic!("{name} has no Rust structure")
        };
        let full = sample(shapes, name, 0);
        let back = round_trip(&full).unwrap_or_else(|e| panic!("{name} ({}): {e}", type_name()));
        assert_eq!(back, full, "{name} round trip loses or renames members");
        let required: BTreeSet<String> = str_list(&s["required"]).into_iter().collect();
        for member in s["members"].as_object().unwrap().keys() {
            let mut without = full.clone();
            without.as_object_mut().unwrap().remove(member);
            match round_trip(&without) {
                Ok(v) => {
                    assert!(
                        !required.contains(member),
                        "{name}.{member} is required but optional in Rust"
                    );
                    assert_eq!(v, without, "{name} without {member}");
                }
                Err(e) => {
                    assert!(
                        required.contains(member),
                        "{name}.{member} is optional but required in Rust: {e}"
                    )
                }
            }
            // Optional members also accept an explicit null (and drop it).
            if !required.contains(member) {
                let mut null = full.clone();
                null[member] = Value::Null;
                assert_eq!(round_trip(&null).unwrap(), without, "{name}.{member}: null");
            }
        }
        structures += 1;
    }
    assert_eq!(structures, 176);
}

#[test]
fn every_enum_has_exactly_the_model_values() {
    let m = model_json();
    let mut enums = 0;
    for (name, s) in m["shapes"].as_object().unwrap() {
        let Some(values) = s["enum"].as_array() else {
            continue;
        };
        let Binding::Enum {
            values: rust,
            is_known,
            round_trip,
            ..
        } = model::shape(name).unwrap().binding
        else {
            panic!("{name} has no Rust enum")
        };
        let values = str_list(&Value::Array(values.clone()));
        assert_eq!(rust.to_vec(), values, "{name} values");
        for v in &values {
            assert!(is_known(v), "{name}: {v}");
            assert_eq!(round_trip(&json!(v)).unwrap(), json!(v));
        }
        assert!(!is_known("NOT_A_MODEL_VALUE"));
        assert_eq!(
            round_trip(&json!("NOT_A_MODEL_VALUE")).unwrap(),
            json!("NOT_A_MODEL_VALUE")
        );
        enums += 1;
    }
    assert_eq!(enums, 18);
}

#[test]
fn every_exception_has_an_error_code() {
    let m = model_json();
    let mut n = 0;
    for (name, s) in m["shapes"].as_object().unwrap() {
        if s.get("exception") != Some(&Value::Bool(true)) {
            continue;
        }
        assert!(
            matches!(model::shape(name).unwrap().binding, Binding::Exception),
            "{name}"
        );
        let code = model::error_code(name).unwrap_or_else(|| panic!("no ErrorCode for {name}"));
        assert_eq!(code.as_str(), name);
        n += 1;
    }
    assert_eq!(n, 13);
}

/// The Rust type a non-structure shape maps to, computed from the model.
fn rust_type(shapes: &Map<String, Value>, name: &str) -> String {
    let s = &shapes[name];
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
            rust_type(shapes, s["member"]["shape"].as_str().unwrap())
        ),
        "map" => format!(
            "BTreeMap<{}, {}>",
            rust_type(shapes, s["key"]["shape"].as_str().unwrap()),
            rust_type(shapes, s["value"]["shape"].as_str().unwrap())
        ),
        t => panic!("type {t}"),
    }
}

#[test]
fn scalar_list_and_map_shapes_map_to_the_expected_rust_types() {
    let m = model_json();
    let shapes = m["shapes"].as_object().unwrap();
    for (name, s) in shapes {
        if s["type"] == "structure" || s.get("enum").is_some() {
            continue;
        }
        let Binding::Primitive(t) = model::shape(name).unwrap().binding else {
            panic!("{name}")
        };
        assert_eq!(t, rust_type(shapes, name), "{name}");
    }
}

#[test]
fn irregular_wire_names_are_kept() {
    // The 13 member names that are not the PascalCase of their snake_case field.
    let expected = [
        ("TagResourceRequest", "ResourceARN", "resource_arn"),
        (
            "AppSyncParameters",
            "GraphQLOperation",
            "graph_ql_operation",
        ),
        (
            "EcsParameters",
            "EnableECSManagedTags",
            "enable_ecs_managed_tags",
        ),
        (
            "NetworkConfiguration",
            "awsvpcConfiguration",
            "awsvpc_configuration",
        ),
        (
            "CapacityProviderStrategyItem",
            "capacityProvider",
            "capacity_provider",
        ),
        ("CapacityProviderStrategyItem", "weight", "weight"),
        ("CapacityProviderStrategyItem", "base", "base"),
        ("PlacementConstraint", "type", "type"),
        ("PlacementConstraint", "expression", "expression"),
        ("PlacementStrategy", "field", "field"),
        (
            "CreateConnectionAuthRequestParameters",
            "OAuthParameters",
            "o_auth_parameters",
        ),
        (
            "CreateConnectionOAuthRequestParameters",
            "ClientParameters",
            "client_parameters",
        ),
        (
            "CreateConnectionOAuthClientRequestParameters",
            "ClientID",
            "client_id",
        ),
        (
            "CreateConnectionOAuthRequestParameters",
            "OAuthHttpParameters",
            "o_auth_http_parameters",
        ),
    ];
    for (shape, wire, field) in expected {
        let ShapeKind::Structure { members, .. } = &model::shape(shape).unwrap().kind else {
            panic!()
        };
        let m = members
            .iter()
            .find(|m| m.name == wire)
            .unwrap_or_else(|| panic!("{shape}.{wire}"));
        assert_eq!(m.field, field);
    }
}
