//! `cargo run --example in_process_bus` prints exactly this (fixed clock, sequential ids).

use std::path::PathBuf;
use std::process::Command;

const EXPECTED: &str = r#"created arn:aws:events:eu-west-1:111111111111:event-bus/orders
created arn:aws:events:eu-west-1:111111111111:rule/orders/all-orders
created arn:aws:events:eu-west-1:111111111111:rule/orders/big-orders
PutEvents: FailedEntryCount 0
  entry 0: EventId 00000000-0000-4000-8000-000000000001
  entry 1: EventId 00000000-0000-4000-8000-000000000002
  entry 2: EventId 00000000-0000-4000-8000-000000000003
all-orders / audit (arn:aws:sqs:eu-west-1:111111111111:audit) received:
  {"version":"0","id":"00000000-0000-4000-8000-000000000001","detail-type":"Order Placed","source":"shop.orders","account":"111111111111","time":"2026-01-01T00:00:00Z","region":"eu-west-1","resources":[],"detail":{"id":1,"customer":{"name":"Ada"},"total":42.50}}
all-orders / audit (arn:aws:sqs:eu-west-1:111111111111:audit) received:
  {"version":"0","id":"00000000-0000-4000-8000-000000000002","detail-type":"Order Placed","source":"shop.orders","account":"111111111111","time":"2026-01-01T00:00:00Z","region":"eu-west-1","resources":[],"detail":{"id":2,"customer":{"name":"Grace"},"total":250}}
big-orders / sales (arn:aws:sns:eu-west-1:111111111111:sales) received:
  {"text": "Order 2 from Grace: 250 EUR", "total": 250, "rule": "big-orders"}
"#;

/// The example binary `cargo test` built next to this test, or `cargo run` when it is missing.
fn run_example() -> String {
    let exe = std::env::current_exe().unwrap();
    let dir: PathBuf = exe.parent().unwrap().parent().unwrap().join("examples");
    let binary = dir.join(format!("in_process_bus{}", std::env::consts::EXE_SUFFIX));
    let output = if binary.exists() {
        Command::new(binary).output().unwrap()
    } else {
        Command::new(env!("CARGO"))
            .args(["run", "--quiet", "--example", "in_process_bus"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn example_prints_what_each_target_received() {
    assert_eq!(run_example(), EXPECTED);
}
