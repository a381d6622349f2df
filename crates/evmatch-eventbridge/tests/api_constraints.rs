//! Model-driven validation tests for every request type.
//!
//! For each of the 57 operations, a valid request (every member set, values satisfying every
//! constraint) must pass `decode` and `validate_shape`; then every constraint reachable from the
//! request is violated one at a time — missing required member, length above the maximum and below
//! the minimum, pattern mismatch, enum value outside the set, number out of range, list and map
//! sizes, list element and map key constraints — and the error must be a `ValidationException`
//! naming that member path and constraint in AWS's wording, both from the raw body (`decode`) and
//! from the typed value (`validate_shape`).

use evmatch_eventbridge::ErrorCode;
use evmatch_eventbridge::api::model;
use serde_json::{Map, Value, json};

/// A valid and an invalid example for every model pattern reachable from a request.
fn pattern_examples(pattern: &str) -> Option<(&'static str, &'static str)> {
    Some(match pattern {
        r"\d{12}" => ("123456789012", "12345678901x"),
        "events:[a-zA-Z]+" => ("events:PutEvents", "events:Put-Events"),
        r"^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:api-destination\/[\.\-_A-Za-z0-9]+\/[\-A-Za-z0-9]+$" => {
            (
                "arn:aws:events:us-east-1:123456789012:api-destination/dest/abc-123",
                "arn:aws:events:us-east-1:123456789012:api-destination/dest",
            )
        }
        ".*" => ("a description", "line 1\nline 2"),
        r"[\.\-_A-Za-z0-9]+" => ("my-name_1.0", "my name"),
        r"^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:.+\/.+$" => (
            "arn:aws:events:us-east-1:123456789012:event-bus/orders",
            "arn:aws:events:us-east-1:123456789012:orders",
        ),
        r"^[ \t]*[^\x00-\x1F:\x7F]+([ \t]+[^\x00-\x1F:\x7F]+)*[ \t]*$" => {
            ("Authorization", "bad:colon")
        }
        r"^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:connection\/[\.\-_A-Za-z0-9]+\/[\-A-Za-z0-9]+$" => {
            (
                "arn:aws:events:us-east-1:123456789012:connection/crm/abc-123",
                "arn:aws:events:us-east-1:123456789012:connection/crm",
            )
        }
        r"^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:endpoint\/[/\.\-_A-Za-z0-9]+$" => {
            (
                "arn:aws:events:us-east-1:123456789012:endpoint/ep",
                "arn:aws:events:us-east-1:123456789012:rule/ep",
            )
        }
        r"^[A-Za-z0-9\-]+[\.][A-Za-z0-9\-]+$" => ("abc.xyz", "abcxyz"),
        r"^(https://)?[\.\-a-z0-9]+$" => {
            ("https://abc.xyz.endpoint.events.amazonaws.com", "http://x")
        }
        r"[/\.\-_A-Za-z0-9]+" => ("aws.partner/example.com/orders", "bad bus"),
        r"(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+" => {
            (
                "arn:aws:events:us-east-1:123456789012:event-bus/orders",
                "bad bus",
            )
        }
        r"aws\.partner(/[\.\-_A-Za-z0-9]+){2,}" => {
            ("aws.partner/example.com/orders", "aws.partner/example.com")
        }
        r"^[!#$%&'*+-.^_`|~0-9a-zA-Z]+$" => ("X-Custom", "bad key"),
        r"^[ \t]*[\x20-\x7E]+([ \t]+[\x20-\x7E]+)*[ \t]*$" => ("value 1", "bad\u{1}value"),
        r"^arn:aws([a-z]|\-)*:route53:::healthcheck/[\-a-z0-9]+$" => (
            "arn:aws:route53:::healthcheck/abc-123",
            "arn:aws:route53:::healthcheck/ABC",
        ),
        r"^[\-a-z0-9]+$" => ("us-east-1", "US-EAST-1"),
        r"^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$" => {
            ("https://example.com/orders", "https://example.com/a b")
        }
        r"^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$" => (
            "arn:aws:iam::123456789012:role/my-role",
            "arn:aws:iam::123456789012:user/me",
        ),
        r"[A-Za-z0-9\_\-]+" => ("order_id-1", "order.id"),
        r"^[a-zA-Z0-9_\-/:]*$" => ("alias/my-key", "alias/my key"),
        r"^arn:aws[a-z-]*:events:[a-z]+-[a-z-]+-\d+:\d{12}:event-bus/[\w.-]+$" => (
            "arn:aws:events:us-east-1:123456789012:event-bus/orders",
            "arn:aws:events:us-east-1:123456789012:event-bus/a/b",
        ),
        r"(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[\.\-_A-Za-z0-9]+" => {
            ("orders", "aws.partner/example.com/orders")
        }
        r"aws\.partner/[\.\-_A-Za-z0-9]+/[/\.\-_A-Za-z0-9]*" => {
            ("aws.partner/example.com/", "aws.partner")
        }
        r"^(?!\s*$).+" => ("users", "   "),
        r"(\d{12}|\*)" => ("123456789012", "12345"),
        r"[^\x00-\x1F\x7F]+" => ("q", "a\u{1}"),
        r"[^\x00-\x09\x0B\x0C\x0E-\x1F\x7F]+" => ("v", "a\u{1}"),
        r"(^arn:aws([a-z]|\-)*:secretsmanager:[a-z0-9-.]+:.*)|(\$(\.[\w_-]+(\[(\d+|\*)\])*)*)" => (
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:x",
            "not-an-arn",
        ),
        r"^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:.+\/[\.\-_A-Za-z0-9]+$" => (
            "arn:aws:events:us-east-1:123456789012:replay/r1",
            "arn:aws:events:us-east-1:123456789012:replay/r 1",
        ),
        r"^(?:^arn:[a-z0-9\-]+:vpc-lattice:[a-zA-Z0-9\-]+:\d{12}:resourceconfiguration/rcfg-[0-9a-z]{17}$|^$)" => {
            (
                "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdefg",
                "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-1",
            )
        }
        r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$" => ("tag:Name", "tag;Name"),
        r"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$" => ("param-1", "-param"),
        r"^arn:aws([a-z]|\-)*:secretsmanager:([a-z]|\d|\-)*:([0-9]{12})?:secret:[\/_+=\.@\-A-Za-z0-9]+$" => {
            (
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:my-secret",
                "arn:aws:secretsmanager:us-east-1:123456789012:key:x",
            )
        }
        "[a-zA-Z0-9-_]+" => ("stmt-1_a", "stmt 1"),
        _ => return None,
    })
}

struct Model {
    shapes: Map<String, Value>,
}

impl Model {
    fn load() -> Model {
        let m: Value = serde_json::from_str(model::MODEL_JSON).unwrap();
        Model {
            shapes: m["shapes"].as_object().unwrap().clone(),
        }
    }

    fn shape(&self, name: &str) -> &Value {
        &self.shapes[name]
    }

    fn valid_string(&self, name: &str) -> String {
        let s = self.shape(name);
        if let Some(e) = s["enum"].as_array() {
            return e[0].as_str().unwrap().to_string();
        }
        let v = match s["pattern"].as_str() {
            Some(p) => pattern_examples(p)
                .unwrap_or_else(|| panic!("add an example for pattern {p:?} (shape {name})"))
                .0
                .to_string(),
            None => "x".repeat(s["min"].as_u64().unwrap_or(1).max(1) as usize),
        };
        let len = v.encode_utf16().count() as u64;
        assert!(
            len >= s["min"].as_u64().unwrap_or(0),
            "example for {name} too short"
        );
        assert!(
            len <= s["max"].as_u64().unwrap_or(u64::MAX),
            "example for {name} too long"
        );
        v
    }

    /// A valid value of `shape` with every member set.
    fn valid(&self, name: &str) -> Value {
        let s = self.shape(name);
        match s["type"].as_str().unwrap() {
            "structure" => {
                let mut o = Map::new();
                for (k, m) in s["members"].as_object().unwrap() {
                    o.insert(k.clone(), self.valid(m["shape"].as_str().unwrap()));
                }
                Value::Object(o)
            }
            "string" => json!(self.valid_string(name)),
            "integer" | "long" => json!(s["min"].as_i64().unwrap_or(1).max(1)),
            "boolean" => json!(true),
            "timestamp" => json!(1_700_000_000),
            "list" => {
                let n = s["min"].as_u64().unwrap_or(1).max(1);
                Value::Array(
                    (0..n)
                        .map(|_| self.valid(s["member"]["shape"].as_str().unwrap()))
                        .collect(),
                )
            }
            "map" => {
                let k = self.valid_string(s["key"]["shape"].as_str().unwrap());
                json!({ k: self.valid(s["value"]["shape"].as_str().unwrap()) })
            }
            t => panic!("{t}"),
        }
    }
}

/// One violation: a mutated request and the clause the error must contain.
struct Case {
    body: Value,
    clause: String,
    what: String,
    /// For list elements: the element constraint, inside the `[...]` of `clause`.
    element: Option<String>,
}

fn camel(s: &str) -> String {
    let mut c = s.chars();
    c.next().unwrap().to_ascii_lowercase().to_string() + c.as_str()
}

/// Mutations of the value at JSON pointer `ptr` (AWS path `path`) of shape `name`.
fn cases(m: &Model, root: &Value, name: &str, ptr: &str, path: &str, out: &mut Vec<Case>) {
    let s = m.shape(name);
    let sensitive = s["sensitive"] == json!(true);
    let set = |v: Value| {
        let mut b = root.clone();
        *b.pointer_mut(ptr).unwrap() = v;
        b
    };
    let value_clause = |v: &str, c: &str| {
        if sensitive {
            format!("Value at '{path}' failed to satisfy constraint: {c}")
        } else {
            format!("Value '{v}' at '{path}' failed to satisfy constraint: {c}")
        }
    };
    let list_clause = |c: &str| format!("at '{path}' failed to satisfy constraint: {c}");
    let ty = s["type"].as_str().unwrap();
    let (min, max) = (s["min"].as_i64(), s["max"].as_i64());
    match ty {
        "string" => {
            if let Some(e) = s["enum"].as_array() {
                let values: Vec<&str> = e.iter().map(|v| v.as_str().unwrap()).collect();
                let c = format!(
                    "Member must satisfy enum value set: [{}]",
                    values.join(", ")
                );
                out.push(Case {
                    body: set(json!("NOT_A_VALUE")),
                    clause: value_clause("NOT_A_VALUE", &c),
                    what: format!("{path} enum"),
                    element: None,
                });
            }
            if let Some(max) = max {
                let v = "a".repeat(max as usize + 1);
                let c = format!("Member must have length less than or equal to {max}");
                out.push(Case {
                    body: set(json!(v)),
                    clause: value_clause(&v, &c),
                    what: format!("{path} max"),
                    element: None,
                });
            }
            if let Some(min) = min.filter(|&n| n > 0) {
                let v = "1".repeat(min as usize - 1);
                let c = format!("Member must have length greater than or equal to {min}");
                out.push(Case {
                    body: set(json!(v)),
                    clause: value_clause(&v, &c),
                    what: format!("{path} min"),
                    element: None,
                });
            }
            if let Some(p) = s["pattern"].as_str() {
                let bad = pattern_examples(p).unwrap().1;
                let c = format!("Member must satisfy regular expression pattern: {p}");
                out.push(Case {
                    body: set(json!(bad)),
                    clause: value_clause(bad, &c),
                    what: format!("{path} pattern"),
                    element: None,
                });
            }
        }
        "integer" | "long" => {
            if let Some(max) = max {
                let c = format!("Member must have value less than or equal to {max}");
                out.push(Case {
                    body: set(json!(max + 1)),
                    clause: value_clause(&(max + 1).to_string(), &c),
                    what: format!("{path} max"),
                    element: None,
                });
            }
            if let Some(min) = min {
                let c = format!("Member must have value greater than or equal to {min}");
                out.push(Case {
                    body: set(json!(min - 1)),
                    clause: value_clause(&(min - 1).to_string(), &c),
                    what: format!("{path} min"),
                    element: None,
                });
            }
        }
        "list" => {
            let current = root.pointer(ptr).unwrap().as_array().unwrap().clone();
            if let Some(max) = max {
                let v: Vec<Value> = (0..=max).map(|_| current[0].clone()).collect();
                let c = format!("Member must have length less than or equal to {max}");
                out.push(Case {
                    body: set(Value::Array(v)),
                    clause: list_clause(&c),
                    what: format!("{path} max"),
                    element: None,
                });
            }
            if let Some(min) = min.filter(|&n| n > 0) {
                let v: Vec<Value> = current.iter().take(min as usize - 1).cloned().collect();
                let c = format!("Member must have length greater than or equal to {min}");
                out.push(Case {
                    body: set(Value::Array(v)),
                    clause: list_clause(&c),
                    what: format!("{path} min"),
                    element: None,
                });
            }
            let elem = s["member"]["shape"].as_str().unwrap();
            if m.shape(elem)["type"] == "structure" {
                cases(
                    m,
                    root,
                    elem,
                    &format!("{ptr}/0"),
                    &format!("{path}.1.member"),
                    out,
                );
            } else if m.shape(elem)["type"] == "string" {
                // Element constraints are reported at the list.
                let mut sub = Vec::new();
                cases(
                    m,
                    root,
                    elem,
                    &format!("{ptr}/0"),
                    &format!("{path}.1.member"),
                    &mut sub,
                );
                for c in sub {
                    let constraint = c
                        .clause
                        .split("failed to satisfy constraint: ")
                        .nth(1)
                        .unwrap()
                        .to_string();
                    out.push(Case {
                        body: c.body,
                        clause: list_clause("Member must satisfy constraint: ["),
                        what: format!("{path} element: {}", c.what),
                        element: Some(constraint),
                    });
                }
            }
        }
        "map" => {
            let current = root.pointer(ptr).unwrap().as_object().unwrap().clone();
            let (_, v0) = current.iter().next().unwrap();
            if let Some(max) = max {
                let mut big = Map::new();
                for i in 0..=max {
                    big.insert(format!("k{i}"), v0.clone());
                }
                let c = format!("Member must have length less than or equal to {max}");
                out.push(Case {
                    body: set(Value::Object(big)),
                    clause: list_clause(&c),
                    what: format!("{path} max"),
                    element: None,
                });
            }
            let key = s["key"]["shape"].as_str().unwrap();
            if let Some(p) = m.shape(key)["pattern"].as_str() {
                let bad = pattern_examples(p).unwrap().1;
                let mut o = Map::new();
                o.insert(bad.to_string(), v0.clone());
                let c = format!(
                    "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: {p}"
                );
                out.push(Case {
                    body: set(Value::Object(o)),
                    clause: list_clause(&c),
                    what: format!("{path} key pattern"),
                    element: None,
                });
            }
            let val = s["value"]["shape"].as_str().unwrap();
            if let Some(max) = m.shape(val)["max"].as_i64() {
                let mut o = Map::new();
                o.insert(
                    current.keys().next().unwrap().clone(),
                    json!("a".repeat(max as usize + 1)),
                );
                let c = format!(
                    "Map values must satisfy constraint: [Member must have length less than or equal to {max}"
                );
                out.push(Case {
                    body: set(Value::Object(o)),
                    clause: list_clause(&c),
                    what: format!("{path} value max"),
                    element: None,
                });
            }
        }
        "structure" => {
            let required: Vec<&str> = s["required"]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap()).collect())
                .unwrap_or_default();
            for (k, mem) in s["members"].as_object().unwrap() {
                let p = if path.is_empty() {
                    camel(k)
                } else {
                    format!("{path}.{}", camel(k))
                };
                let child_ptr = format!("{ptr}/{k}");
                if required.contains(&k.as_str()) {
                    let mut b = root.clone();
                    b.pointer_mut(ptr)
                        .unwrap()
                        .as_object_mut()
                        .unwrap()
                        .remove(k);
                    out.push(Case {
                        body: b,
                        clause: format!("Value null at '{p}' failed to satisfy constraint: Member must not be null"),
                        what: format!("{p} required"),
                        element: None,
                    });
                }
                cases(m, root, mem["shape"].as_str().unwrap(), &child_ptr, &p, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_request_accepts_a_valid_value_and_reports_every_constraint() {
    let m = Model::load();
    let mut ops = 0;
    let mut total = 0;
    for op in model::operations() {
        let input = op.input.unwrap();
        let valid = m.valid(input);
        let body = valid.to_string();
        (op.binding.decode)(&body)
            .unwrap_or_else(|e| panic!("{}: valid body rejected: {e}\n{body}", op.name));
        (op.binding.validate_shape)(&body)
            .unwrap_or_else(|e| panic!("{}: valid value rejected: {e}", op.name));

        let mut all = Vec::new();
        cases(&m, &valid, input, "", "", &mut all);
        for case in &all {
            let body = case.body.to_string();
            let err = (op.binding.decode)(&body)
                .expect_err(&format!("{}: {} accepted", op.name, case.what));
            assert_eq!(err.code(), ErrorCode::Validation);
            let msg = err.to_string();
            assert!(msg.contains("validation error"), "{}: {msg}", op.name);
            assert!(
                msg.contains(&case.clause),
                "{} / {}:\n  message: {msg}\n  expected clause: {}",
                op.name,
                case.what,
                case.clause
            );
            if let Some(e) = &case.element {
                let inner = msg
                    .split("Member must satisfy constraint: [")
                    .nth(1)
                    .unwrap_or("");
                assert!(
                    inner.contains(e.as_str()),
                    "{} / {}: {msg}",
                    op.name,
                    case.what
                );
            }
            // The typed value reports the same (a missing required member cannot be typed).
            if !case.clause.starts_with("Value null") {
                let typed = (op.binding.validate_shape)(&body).expect_err(&case.what);
                assert_eq!(typed.to_string(), msg, "{} / {}", op.name, case.what);
            }
        }
        total += all.len();
        ops += 1;
    }
    assert_eq!(ops, 57);
    assert!(total > 400, "only {total} violation cases");
}

#[test]
fn several_violations_are_counted_and_joined() {
    let op = model::operation("PutRule").unwrap();
    let err =
        (op.binding.decode)(r#"{"Name": "", "Description": null, "State": "ON"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "3 validation errors detected: \
         Value '' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; \
         Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; \
         Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]"
    );
}
