//! The per-destination rate limit, measured by counting the calls the loopback server received
//! (no assertion on how long anything took beyond lower bounds the limit itself implies).

mod fixtures;
mod loopback;

use std::time::Duration;

use evmatch_eventbridge::bus::ConnectionAuth;
use evmatch_eventbridge::bus::TargetSink;
use fixtures::*;
use loopback::Loopback;

#[test]
fn calls_stay_within_the_destination_rate() {
    const RATE: usize = 4;
    const EVENTS: usize = 12;
    let server = Loopback::ok();
    let dest = destination(
        &server.url("/h"),
        "POST",
        ConnectionAuth::ApiKey {
            key: "k".into(),
            value: "v".into(),
        },
    )
    .with_invocation_rate_limit_per_second(RATE as u32);
    let d = deliveries(dest, 4);
    for i in 0..EVENTS {
        d.deliver(delivery(target("t"), &format!("e{i}"), "{}"));
    }
    settle(&d);

    let got = server.received();
    assert_eq!(got.len(), EVENTS);
    let lines = d.since(0);
    assert_eq!(lines.len(), EVENTS);
    assert!(
        lines
            .iter()
            .all(|l| l.ends_with(r#""attempts":1,"outcome":"delivered","status":200}"#))
    );

    // A token comes back one second after it was taken, so the calls 1..=RATE of any run of
    // RATE+1 consecutive calls were sent at least a second apart from the first. Counted at the
    // receiving end, where sending delays can only shrink gaps a little: no half-second window
    // holds more than RATE calls.
    let mut at: Vec<_> = got.iter().map(|r| r.at).collect();
    at.sort();
    for (i, start) in at.iter().enumerate() {
        let in_window = at[i..]
            .iter()
            .take_while(|t| t.duration_since(*start) < Duration::from_millis(500))
            .count();
        assert!(in_window <= RATE, "{in_window} calls within half a second");
    }
    // 12 calls at 4 per second need at least two refills: the last call comes two seconds after
    // the first was sent (one second of tolerance for the first call's own delay).
    assert!(at[EVENTS - 1].duration_since(at[0]) >= Duration::from_secs(1));
}

#[test]
fn each_target_is_called_through_its_own_destination() {
    let server = Loopback::ok();
    let auth = ConnectionAuth::ApiKey {
        key: "k".into(),
        value: "v".into(),
    };
    let one = destination(&server.url("/one"), "POST", auth.clone())
        .with_invocation_rate_limit_per_second(1);
    let mut two =
        destination(&server.url("/two"), "POST", auth).with_invocation_rate_limit_per_second(1);
    two.arn = format!("{DEST_ARN}-2");
    let (a, b) = (one.clone(), two.clone());
    let d = evmatch_server::deliveries::Deliveries::new(
        evmatch_server::deliveries::DeliveriesConfig::new(
            evmatch_server::deliveries::LogOutput::Memory,
        )
        .with_resolver(move |arn: &str| {
            Some(if arn == DEST_ARN {
                a.clone()
            } else {
                b.clone()
            })
        }),
    );
    let mut t2 = target("t2");
    t2.arn = two.arn.clone();
    d.deliver(delivery(target("t1"), "e1", "{}"));
    d.deliver(delivery(t2, "e2", "{}"));
    settle(&d);
    let got = server.received();
    assert_eq!(got.len(), 2);
    // Each target went to its own destination (the limiter keeps their tokens apart: unit
    // tested in the rate_limit module without clocks).
    assert_eq!(server.received_at("/one").len(), 1);
    assert_eq!(server.received_at("/two").len(), 1);
}
