//! Scheduled rules on the in-process EventBridge: what `tick` fires, when, and how often.

mod common;

use common::*;

fn ts(s: &str) -> Timestamp {
    // "YYYY-MM-DDTHH:MM:SSZ" on 2026-01-01 only: minutes/seconds offset from T0.
    let h: i64 = s[11..13].parse().unwrap();
    let m: i64 = s[14..16].parse().unwrap();
    let sec: i64 = s[17..19].parse().unwrap();
    assert!(s.starts_with("2026-01-01T"));
    Timestamp::from_secs(T0 + h * 3600 + m * 60 + sec)
}

#[test]
fn tick_fires_rate_rules_once_per_due_minute() {
    let f = fixture();
    f.clock.set(ts("2026-01-01T10:02:37Z"));
    f.eb.put_rule(PutRuleRequest {
        name: "every5".into(),
        schedule_expression: Some("rate(5 minutes)".into()),
        ..Default::default()
    })
    .unwrap();
    f.target("every5", target("t", QUEUE));
    assert!(f.eb.tick(ts("2026-01-01T10:06:59Z")).is_empty());
    let fired = f.eb.tick(ts("2026-01-01T10:20:00Z"));
    let times: Vec<String> = fired.iter().map(|x| x.time.to_string()).collect();
    assert_eq!(
        times,
        [
            "2026-01-01T10:07:00Z",
            "2026-01-01T10:12:00Z",
            "2026-01-01T10:17:00Z"
        ]
    );
    assert_eq!(
        fired[0].rule_arn,
        "arn:aws:events:us-east-1:111111111111:rule/every5"
    );
    // Already handled instants do not fire again.
    assert!(f.eb.tick(ts("2026-01-01T10:20:00Z")).is_empty());
    let got = f.take();
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0].payload,
        format!(
            r#"{{"version":"0","id":"{}","detail-type":"Scheduled Event","source":"aws.events","account":"111111111111","time":"2026-01-01T10:07:00Z","region":"us-east-1","resources":["arn:aws:events:us-east-1:111111111111:rule/every5"],"detail":{{}}}}"#,
            fired[0].event_id
        )
    );
}

#[test]
fn tick_cron_input_disabled_and_reenabled_rules() {
    let f = fixture();
    f.eb.put_rule(PutRuleRequest {
        name: "hourly".into(),
        schedule_expression: Some("cron(0 * * * ? *)".into()),
        ..Default::default()
    })
    .unwrap();
    f.target(
        "hourly",
        Target {
            input: Some(r#"{"custom-value": "somecustominput"}"#.into()),
            ..target("t", QUEUE)
        },
    );
    // A rule with both a pattern and a schedule fires on both.
    f.eb.put_rule(PutRuleRequest {
        name: "both".into(),
        schedule_expression: Some("cron(30 * * * ? *)".into()),
        event_pattern: Some(r#"{"source": ["a"]}"#.into()),
        ..Default::default()
    })
    .unwrap();
    f.target("both", target("t", QUEUE2));
    let fired = f.eb.tick(ts("2026-01-01T02:00:00Z"));
    let got: Vec<(String, String)> = fired
        .iter()
        .map(|x| (x.rule_name.clone(), x.time.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("both".into(), "2026-01-01T00:30:00Z".into()),
            ("hourly".into(), "2026-01-01T01:00:00Z".into()),
            ("both".into(), "2026-01-01T01:30:00Z".into()),
            ("hourly".into(), "2026-01-01T02:00:00Z".into()),
        ]
    );
    let payloads = f.payloads();
    assert_eq!(payloads[1].2, r#"{"custom-value": "somecustominput"}"#);
    f.put(vec![entry("a", "{}")]);
    assert_eq!(f.take().len(), 1);
    // Disabled: nothing fires; re-enabled: missed instants are not replayed.
    f.eb.disable_rule(DisableRuleRequest {
        name: "hourly".into(),
        event_bus_name: None,
    })
    .unwrap();
    f.eb.disable_rule(DisableRuleRequest {
        name: "both".into(),
        event_bus_name: None,
    })
    .unwrap();
    assert!(f.eb.tick(ts("2026-01-01T05:00:00Z")).is_empty());
    f.clock.set(ts("2026-01-01T05:10:00Z"));
    f.eb.enable_rule(EnableRuleRequest {
        name: "hourly".into(),
        event_bus_name: None,
    })
    .unwrap();
    let fired = f.eb.tick(ts("2026-01-01T06:00:00Z"));
    let times: Vec<String> = fired.iter().map(|x| x.time.to_string()).collect();
    assert_eq!(times, ["2026-01-01T06:00:00Z"]);
}
