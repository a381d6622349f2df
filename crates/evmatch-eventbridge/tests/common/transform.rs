//! Fixtures shared by the transform tests: the recorded events E0 and E1 in their envelope, the
//! delivery contexts of the recordings, the recorded input path maps, and helpers that render a
//! template and compare it with a recording.

pub use std::collections::BTreeMap;

pub use evmatch::json::Value;
pub use evmatch_eventbridge::api::targets::{InputTransformer, PutTargetsRequest, Target};
pub use evmatch_eventbridge::api::{Request, ServiceLimits, Timestamp};
pub use evmatch_eventbridge::bus::transform::{
    self, DeliveryContext, DeliveryFailure, TargetInput, compact, parse_event, render,
};

pub const E0_DETAIL: &str =
    r#"{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}"#;
pub const E1_DETAIL: &str = r#"{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}, "listsingle": ["HIGH"], "listmulti": ["ACTIVE", "INACTIVE"], "valid": true}"#;

/// The envelope of the delivery rules (spaced, as a PutEvents caller would write it) with `detail`.
pub fn envelope(detail: &str) -> Value {
    parse_event(&format!(
        r#"{{"version": "0", "id": "<id>", "detail-type": "core.update-account-command", "source": "core.update-account-command", "account": "111111111111", "time": "<time>", "region": "<region>", "resources": [], "detail": {detail}}}"#
    ))
    .unwrap()
}

pub const E0_COMPACT: &str = r#"{"version":"0","id":"<id>","detail-type":"core.update-account-command","source":"core.update-account-command","account":"111111111111","time":"<time>","region":"<region>","resources":[],"detail":{"command":"update-account","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"}}}"#;

/// Ingestion time used by the tests: 2024-06-11T10:00:00Z.
pub const INGESTION: i64 = 1_718_100_000;
pub const INGESTION_TEXT: &str = "2024-06-11T10:00:00Z";

pub fn recorder_ctx() -> DeliveryContext<'static> {
    DeliveryContext {
        rule_arn: "arn:aws:events:<region>:111111111111:rule/<bus>/<rule>",
        rule_name: "<rule>",
        ingestion_time: Timestamp::from_secs_and_nanos(INGESTION, 750_000_000),
    }
}

pub fn doc_ctx() -> DeliveryContext<'static> {
    DeliveryContext {
        rule_arn: "arn:aws:events:us-east-2:123456789012:rule/example",
        rule_name: "example",
        ingestion_time: Timestamp::from_secs(INGESTION),
    }
}

pub fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn transformer(m: Option<&BTreeMap<String, String>>, template: &str) -> InputTransformer {
    InputTransformer {
        input_paths_map: m.cloned(),
        input_template: template.to_string(),
    }
}

pub fn apply(
    event: &Value,
    m: Option<&BTreeMap<String, String>>,
    template: &str,
    ctx: &DeliveryContext<'_>,
) -> Result<String, DeliveryFailure> {
    let t = transformer(m, template);
    render(TargetInput::InputTransformer(&t), event, ctx)
}

/// `out` is valid JSON whose value (key order included) is the compact `recorded`.
pub fn assert_values(out: &str, recorded: &str) {
    let parsed = parse_event(out).unwrap_or_else(|e| panic!("not JSON: {out}: {e}"));
    assert_eq!(compact(&parsed), recorded, "delivered: {out}");
}

pub fn m0() -> BTreeMap<String, String> {
    map(&[
        ("detail-type", "$.detail-type"),
        ("timestamp", "$.time"),
        ("command", "$.detail.command"),
    ])
}

pub fn m0_absent() -> BTreeMap<String, String> {
    map(&[
        ("detail-type", "$.detail-type"),
        ("timestamp", "$.time"),
        ("command", "$.detail.notinmessage"),
    ])
}

pub fn m1() -> BTreeMap<String, String> {
    map(&[
        ("userId", "$.detail.payload.acc_id"),
        ("payload", "$.detail.payload"),
        ("systemstring", "$.detail.awsAccountId"),
        ("listsingle", "$.detail.listsingle"),
        ("listmulti", "$.detail.listmulti"),
        ("valid", "$.detail.valid"),
    ])
}

pub fn t1(template: &str) -> String {
    apply(&envelope(E1_DETAIL), Some(&m1()), template, &recorder_ctx()).unwrap()
}

pub fn t1_fails(template: &str) {
    let err = apply(&envelope(E1_DETAIL), Some(&m1()), template, &recorder_ctx()).unwrap_err();
    assert!(
        matches!(err, DeliveryFailure::InvalidJson { .. }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "transformed input is not valid JSON");
}

/// The recorded JSON template T4 (event E0).
pub const T4_TEMPLATE: &str =
    r#"{"detailType": <detail-type>,  "time": <timestamp>, "command": <command>}"#;
