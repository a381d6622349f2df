//! The in-process EventBridge under threads: `Send + Sync`, and every event matched against one
//! consistent set of rules while rules change.

mod common;

use common::*;

#[test]
fn service_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<EventBridge>();
    check::<ChannelSink>();
}

#[test]
fn concurrent_put_events_see_consistent_snapshots() {
    // The writer moves through rule sets {a0}, {a0, a1}, {a1}, {a1, a2}, {a2}, … (a rule gets its
    // target before it is enabled). Every event must match one of these sets: never none, never
    // two that are not neighbours.
    let f = Arc::new(fixture());
    let enable = |f: &Fixture, i: usize| {
        let name = format!("a{i:04}");
        f.eb.put_rule(PutRuleRequest {
            name: name.clone(),
            event_pattern: Some(r#"{"source": ["load"]}"#.into()),
            state: Some(RuleState::Disabled),
            ..Default::default()
        })
        .unwrap();
        f.target(&name, target("t", QUEUE));
        f.eb.enable_rule(EnableRuleRequest {
            name,
            event_bus_name: None,
        })
        .unwrap();
    };
    enable(&f, 0);
    let log = f.log.clone();
    std::thread::scope(|s| {
        let writer = {
            let f = f.clone();
            s.spawn(move || {
                for i in 1..150 {
                    enable(&f, i);
                    f.eb.disable_rule(DisableRuleRequest {
                        name: format!("a{:04}", i - 1),
                        event_bus_name: None,
                    })
                    .unwrap();
                }
            })
        };
        for _ in 0..3 {
            let f = f.clone();
            s.spawn(move || {
                for _ in 0..300 {
                    f.put(vec![entry("load", "{}"), entry("load", "{}")]);
                }
            });
        }
        writer.join().unwrap();
    });
    let mut by_event: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for d in log.lock().unwrap().iter() {
        by_event
            .entry(d.event_id.clone())
            .or_default()
            .push(d.rule_name[1..].parse().unwrap());
    }
    assert_eq!(by_event.len(), 3 * 300 * 2);
    for (event, rules) in by_event {
        match rules.as_slice() {
            [_] => {}
            [a, b] => assert_eq!(a + 1, *b, "{event}: {rules:?}"),
            other => panic!("{event}: {other:?}"),
        }
    }
}
