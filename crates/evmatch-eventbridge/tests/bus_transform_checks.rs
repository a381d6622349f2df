//! The PutTargets-time checks of input modes (one mode per target, `Input` valid JSON, every
//! placeholder defined, the model's sizes) and properties of the input checks.

mod common;

use common::transform::*;

// PutTargets-time validation

fn target(id: &str) -> Target {
    Target {
        id: id.into(),
        arn: "arn:aws:sqs:us-east-1:111111111111:queue".into(),
        ..Default::default()
    }
}

fn with_transformer(id: &str, m: Option<BTreeMap<String, String>>, template: &str) -> Target {
    Target {
        input_transformer: Some(InputTransformer {
            input_paths_map: m,
            input_template: template.into(),
        }),
        ..target(id)
    }
}

fn error_text(t: &Target) -> (String, String) {
    let e = transform::validate_target(t).unwrap_err();
    (e.code().as_str().to_string(), e.to_string())
}

#[test]
fn two_input_modes_are_rejected() {
    let t = Target {
        input_path: Some("$.detail".into()),
        ..with_transformer("t-1", None, "\"x\"")
    };
    assert_eq!(
        error_text(&t),
        (
            "ValidationException".into(),
            "Only one of Input, InputPath, or InputTransformer must be provided for target t-1."
                .into()
        )
    );
    let t = Target {
        input: Some("{}".into()),
        input_path: Some("$".into()),
        ..target("t2")
    };
    assert_eq!(
        error_text(&t).1,
        "Only one of Input, InputPath, or InputTransformer must be provided for target t2."
    );
}

#[test]
fn undefined_placeholder_is_rejected() {
    let t = with_transformer(
        "t1",
        Some(m0()),
        r#"{"a": <command>, "b": <notdefinedkey>}"#,
    );
    assert_eq!(
        error_text(&t),
        (
            "ValidationException".into(),
            "InputTemplate for target t1 contains invalid placeholder notdefinedkey.".into()
        )
    );
    let t = with_transformer("t1", None, r#""<aws.events.rule-arn> <aws.events.rule>""#);
    assert_eq!(
        error_text(&t).1,
        "InputTemplate for target t1 contains invalid placeholder aws.events.rule."
    );
    // A `<` … `>` span in a JSON template is a placeholder too, whatever it contains.
    let t = with_transformer("t1", None, r#"{"a": "1 < 2 > 0"}"#);
    assert_eq!(
        error_text(&t).1,
        "InputTemplate for target t1 contains invalid placeholder  2 ."
    );
}

#[test]
fn accepted_transformers() {
    // Only predefined variables, no map.
    transform::validate_target(&with_transformer(
        "t",
        None,
        r#""<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>""#,
    ))
    .unwrap();
    transform::validate_target(&with_transformer(
        "t",
        None,
        r#"{"a": <aws.events.event>, "b": <aws.events.event.json>}"#,
    ))
    .unwrap();
    // Unused variables (T3) and templates that will give invalid JSON (T15–T17).
    let t3 = r#""{[/Check with special starting characters for event of <detail-type> type""#;
    transform::validate_target(&with_transformer("t", Some(m0()), t3)).unwrap();
    for template in [
        r#"{"not_valid": "users-service/users/<payload>", "bod": <payload>}"#,
        r#"{"payload": "<payload>"}"#,
        r#"{"singlelistitem": "<listsingle>"}"#,
    ] {
        transform::validate_target(&with_transformer("t", Some(m1()), template)).unwrap();
    }
    // Paths are not checked.
    let m = map(&[("a", "not a path"), ("b", "$['x']")]);
    transform::validate_target(&with_transformer("t", Some(m), "<a><b>")).unwrap();
    // A lone `<` is literal.
    transform::validate_target(&with_transformer("t", None, "\"1 < 2\"")).unwrap();
    // InputPath and valid Input.
    transform::validate_target(&Target {
        input_path: Some("$.detail".into()),
        ..target("t")
    })
    .unwrap();
    transform::validate_target(&Target {
        input: Some(r#"{"custom-value": "somecustominput"}"#.into()),
        ..target("t")
    })
    .unwrap();
    transform::validate_target(&Target {
        input: Some(String::new()),
        ..target("t")
    })
    .unwrap();
}

#[test]
fn input_must_be_json() {
    for bad in ["not json", "{", "{\"a\":1} x", "'a'"] {
        let t = Target {
            input: Some(bad.into()),
            ..target("t")
        };
        assert_eq!(
            error_text(&t),
            (
                "ValidationException".into(),
                "Parameter Input is not valid. Reason: Input must be valid JSON.".into()
            ),
            "{bad}"
        );
    }
    for good in ["1", "\"s\"", " [ ] ", "null"] {
        let t = Target {
            input: Some(good.into()),
            ..target("t")
        };
        transform::validate_target(&t).unwrap();
    }
}

#[test]
fn empty_template_is_a_shape_error() {
    assert_eq!(
        error_text(&with_transformer("t", None, "")),
        (
            "ValidationException".into(),
            "1 validation error detected: Value '' at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1".into()
        )
    );
}

#[test]
fn long_template_input_and_path_are_shape_errors() {
    let (_, msg) = error_text(&with_transformer("t", None, &"x".repeat(8193)));
    assert!(
        msg.ends_with("at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length less than or equal to 8192"),
        "{msg}"
    );
    transform::validate_target(&with_transformer("t", None, &"x".repeat(8192))).unwrap();
    let (_, msg) = error_text(&Target {
        input_path: Some(format!("$.{}", "a".repeat(255))),
        ..target("t")
    });
    assert!(
        msg.ends_with("at 'targets.1.member.inputPath' failed to satisfy constraint: Member must have length less than or equal to 256"),
        "{msg}"
    );
    let (_, msg) = error_text(&Target {
        input: Some(format!("\"{}\"", "a".repeat(8191))),
        ..target("t")
    });
    assert!(
        msg.ends_with("at 'targets.1.member.input' failed to satisfy constraint: Member must have length less than or equal to 8192"),
        "{msg}"
    );
}

#[test]
fn map_limits_and_key_rules() {
    // 100 variables are fine, 101 are not.
    let hundred: BTreeMap<String, String> = (0..100)
        .map(|i| (format!("v{i}"), "$.detail".to_string()))
        .collect();
    transform::validate_target(&with_transformer("t", Some(hundred.clone()), "\"x\"")).unwrap();
    let mut more = hundred;
    more.insert("v100".into(), "$.detail".into());
    let (code, msg) = error_text(&with_transformer("t", Some(more), "\"x\""));
    assert_eq!(code, "ValidationException");
    assert!(
        msg.starts_with("1 validation error detected: Value '{"),
        "{msg}"
    );
    assert!(
        msg.ends_with("}' at 'targets.1.member.inputTransformer.inputPathsMap' failed to satisfy constraint: Member must have length less than or equal to 100"),
        "{msg}"
    );

    // Keys: [A-Za-z0-9_-]+, 1..256 characters; predefined names cannot be defined.
    for key in ["aws.events.rule-arn", "a b", "é", "AWS.x"] {
        let m = map(&[(key, "$.detail")]);
        let (_, msg) = error_text(&with_transformer("t", Some(m), "\"x\""));
        assert_eq!(
            msg,
            format!(
                "1 validation error detected: Value '{{{key}=$.detail}}' at 'targets.1.member.inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9\\_\\-]+]"
            )
        );
    }
    let m = map(&[("", "$.detail")]);
    let (_, msg) = error_text(&with_transformer("t", Some(m), "\"x\""));
    assert!(msg.contains("Map keys must satisfy constraint: ["), "{msg}");
    assert!(
        msg.contains("Member must have length greater than or equal to 1"),
        "{msg}"
    );
    let long = "k".repeat(257);
    let m = map(&[(long.as_str(), "$.detail")]);
    let (_, msg) = error_text(&with_transformer("t", Some(m), "\"x\""));
    assert!(
        msg.contains("Member must have length less than or equal to 256"),
        "{msg}"
    );
    let ok = "K_-9".repeat(64);
    let m = map(&[(ok.as_str(), "$.detail")]);
    transform::validate_target(&with_transformer("t", Some(m), "\"x\"")).unwrap();
    // Keys are case-sensitive.
    let m = map(&[("Name", "$.detail")]);
    let (_, msg) = error_text(&with_transformer("t", Some(m), "\"<name>\""));
    assert_eq!(
        msg,
        "InputTemplate for target t contains invalid placeholder name."
    );

    // Values: at most 256 characters.
    let path = format!("$.{}", "a".repeat(255));
    let m = map(&[("v", path.as_str())]);
    let (_, msg) = error_text(&with_transformer("t", Some(m), "\"x\""));
    assert!(
        msg.ends_with("Map values must satisfy constraint: [Member must have length less than or equal to 256]"),
        "{msg}"
    );
}

#[test]
fn whole_request_validation_reports_positions() {
    let request = PutTargetsRequest {
        rule: "r".into(),
        targets: vec![target("a"), with_transformer("b", None, "")],
        ..Default::default()
    };
    let err = request
        .validate_with(&ServiceLimits::default())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("at 'targets.2.member.inputTransformer.inputTemplate'"),
        "{err}"
    );
    let request = PutTargetsRequest {
        rule: "r".into(),
        targets: vec![
            target("a"),
            Target {
                input: Some("nope".into()),
                ..target("b")
            },
        ],
        ..Default::default()
    };
    assert_eq!(
        request
            .validate_with(&ServiceLimits::default())
            .unwrap_err()
            .to_string(),
        "Parameter Input is not valid. Reason: Input must be valid JSON."
    );
    let ok = PutTargetsRequest {
        rule: "r".into(),
        targets: vec![target("a"), with_transformer("b", Some(m0()), T4_TEMPLATE)],
        ..Default::default()
    };
    ok.validate_with(&ServiceLimits::default()).unwrap();
    let too_many = PutTargetsRequest {
        rule: "r".into(),
        targets: (0..6).map(|i| target(&format!("t{i}"))).collect(),
        ..Default::default()
    };
    let err = too_many
        .validate_with(&ServiceLimits::default())
        .unwrap_err();
    assert_eq!(err.code().as_str(), "LimitExceededException");
}

#[test]
fn placeholders_tokenizer() {
    let names: Vec<&str> = transform::placeholders("<a><b> <> <c <d>").collect();
    assert_eq!(names, ["a", "b", "", "c <d"]);
    assert_eq!(transform::placeholders("x < y").count(), 0);
}

// Properties

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn json_ish() -> impl Strategy<Value = String> {
        proptest::string::string_regex(r#"[\[\]{}",:0-9\-+.eEtrufalsn \\/u<>x]{0,24}"#).unwrap()
    }

    proptest! {
        /// `Input` validity agrees with serde_json (RFC 8259).
        #[test]
        fn input_json_check_agrees_with_serde(text in json_ish()) {
            let t = Target { input: Some(text.clone()), ..target("t") };
            let ours = transform::validate_target(&t).is_ok();
            let serde = text.is_empty()
                || serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok();
            prop_assert_eq!(ours, serde, "{:?}", text);
        }

        /// Rendering never panics, and a delivered JSON template is valid JSON.
        #[test]
        fn render_total(template in r#"[ \{\}\[\]"\\<>a-c:,0-9é]{0,40}"#) {
            let m = map(&[("a", "$.detail.payload"), ("b", "$.detail.listmulti[*]"), ("c", "$.detail.nope")]);
            let event = envelope(E1_DETAIL);
            match apply(&event, Some(&m), &template, &recorder_ctx()) {
                Ok(out) => {
                    if matches!(template.trim_start().chars().next(), Some('{' | '[')) {
                        prop_assert!(serde_json::from_str::<serde::de::IgnoredAny>(&out).is_ok(), "{:?}", out);
                    }
                }
                Err(DeliveryFailure::InvalidJson { output }) => {
                    prop_assert!(serde_json::from_str::<serde::de::IgnoredAny>(&output).is_err(), "{:?}", output);
                }
                Err(e) => prop_assert!(false, "{e:?}"),
            }
            let t = with_transformer("t", Some(m.clone()), &template);
            let _ = transform::validate_target(&t);
        }

        /// Compact output of any parsed event re-parses to the same compact text.
        #[test]
        fn compact_is_stable(text in json_ish()) {
            if let Ok(v) = parse_event(&text) {
                let once = compact(&v);
                prop_assert!(serde_json::from_str::<serde::de::IgnoredAny>(&once).is_ok(), "{:?}", once);
                prop_assert_eq!(compact(&parse_event(&once).unwrap()), once);
            }
        }
    }
}
