//! Retries per the target's RetryPolicy, the dead-letter record after the last failure, final
//! statuses, network errors, unknown destinations and the bounded queue.

mod fixtures;
mod loopback;

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use evmatch_eventbridge::bus::ConnectionAuth;
use evmatch_eventbridge::bus::TargetSink;
use evmatch_server::deliveries::{Backoff, Deliveries, DeliveriesConfig, LogOutput};
use fixtures::*;
use loopback::Loopback;

fn api_key() -> ConnectionAuth {
    ConnectionAuth::ApiKey {
        key: "x-api-key".into(),
        value: "k".into(),
    }
}

fn tail(line: &str) -> &str {
    &line[line.find("\"attempts\"").expect("attempts member")..]
}

#[test]
fn retried_until_the_last_attempt_then_dead_lettered() {
    let server = Loopback::start(|_, _| (500, "{}".into()));
    let d = deliveries(destination(&server.url("/h"), "POST", api_key()), 2);
    d.deliver(delivery(with_retries(target("t"), 2, true), "e1", "{}"));
    settle(&d);
    assert_eq!(server.received().len(), 3, "one call and two retries");
    let lines = d.since(0);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        tail(&lines[0]),
        format!(r#""attempts":3,"outcome":"dead-letter","status":500,"dead_letter":"{DLQ_ARN}"}}"#)
    );
}

#[test]
fn without_a_dead_letter_queue_the_last_failure_is_failed() {
    let server = Loopback::start(|_, _| (429, "{}".into()));
    let d = deliveries(destination(&server.url("/h"), "POST", api_key()), 1);
    d.deliver(delivery(with_retries(target("t"), 1, false), "e1", "{}"));
    settle(&d);
    assert_eq!(server.received().len(), 2);
    assert_eq!(
        tail(&d.since(0)[0]),
        r#""attempts":2,"outcome":"failed","status":429}"#
    );
}

#[test]
fn zero_retries_is_one_attempt() {
    let server = Loopback::start(|_, _| (503, "{}".into()));
    let d = deliveries(destination(&server.url("/h"), "POST", api_key()), 1);
    d.deliver(delivery(with_retries(target("t"), 0, true), "e1", "{}"));
    settle(&d);
    assert_eq!(server.received().len(), 1);
    assert!(
        tail(&d.since(0)[0]).starts_with(r#""attempts":1,"outcome":"dead-letter","status":503"#)
    );
}

#[test]
fn retriable_failures_then_success_is_delivered() {
    // 500, 409, 401, 407 are retried; the fifth call succeeds.
    let statuses = [500u16, 409, 401, 407, 204];
    let server = Loopback::start(move |_, i| (statuses[i.min(4)], String::new()));
    let d = deliveries(destination(&server.url("/h"), "POST", api_key()), 1);
    d.deliver(delivery(target("t"), "e1", "{}"));
    settle(&d);
    assert_eq!(server.received().len(), 5);
    assert_eq!(
        tail(&d.since(0)[0]),
        r#""attempts":5,"outcome":"delivered","status":204}"#
    );
}

#[test]
fn other_statuses_are_final_at_once() {
    for status in [400u16, 403, 404, 413, 301] {
        let server = Loopback::start(move |_, _| (status, "{}".into()));
        let d = deliveries(destination(&server.url("/h"), "POST", api_key()), 1);
        d.deliver(delivery(with_retries(target("t"), 5, true), "e1", "{}"));
        settle(&d);
        assert_eq!(server.received().len(), 1, "status {status}");
        assert_eq!(
            tail(&d.since(0)[0]),
            format!(
                r#""attempts":1,"outcome":"dead-letter","status":{status},"dead_letter":"{DLQ_ARN}"}}"#
            )
        );
    }
}

#[test]
fn a_refused_connection_is_retried_and_its_error_recorded() {
    // A port nobody listens on: bind, note the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let d = deliveries(
        destination(&format!("http://127.0.0.1:{port}/h"), "POST", api_key()),
        1,
    );
    d.deliver(delivery(with_retries(target("t"), 2, false), "e1", "{}"));
    settle(&d);
    let line = &d.since(0)[0];
    assert!(
        tail(line).starts_with(r#""attempts":3,"outcome":"failed","error":""#),
        "{line}"
    );
    assert!(!line.contains("\"status\""));
}

#[test]
fn the_event_age_limit_stops_retries() {
    let server = Loopback::start(|_, _| (500, "{}".into()));
    let dest = destination(&server.url("/h"), "POST", api_key());
    let d = Deliveries::new(
        DeliveriesConfig::new(LogOutput::Memory)
            .with_backoff(Backoff::new(Duration::from_secs(2), Duration::from_secs(2)))
            .with_resolver(move |_: &str| Some(dest.clone())),
    );
    let mut t = with_retries(target("t"), 185, true);
    t.retry_policy
        .as_mut()
        .unwrap()
        .maximum_event_age_in_seconds = Some(1);
    d.deliver(delivery(t, "e1", "{}"));
    settle(&d);
    assert_eq!(
        server.received().len(),
        1,
        "a retry 2 s later would pass the 1 s age"
    );
    assert!(
        tail(&d.since(0)[0]).starts_with(r#""attempts":1,"outcome":"dead-letter","status":500"#)
    );
}

#[test]
fn an_unknown_destination_fails_without_a_call() {
    let server = Loopback::ok();
    let d = Deliveries::new(DeliveriesConfig::new(LogOutput::Memory).with_resolver(|_: &str| None));
    d.deliver(delivery(with_retries(target("t"), 3, true), "e1", "{}"));
    settle(&d);
    assert!(server.received().is_empty());
    assert_eq!(
        tail(&d.since(0)[0]),
        format!(
            r#""attempts":0,"outcome":"dead-letter","dead_letter":"{DLQ_ARN}","error":"API destination not found or its connection is not authorized"}}"#
        )
    );
}

#[test]
fn a_full_queue_drops_without_waiting_and_says_so() {
    let server = Loopback::ok();
    let dest = destination(&server.url("/h"), "POST", api_key());
    // The resolver holds the only worker on its first job until the test releases it.
    let (entered_tx, entered_rx) = mpsc::channel::<()>();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let gate = Mutex::new(Some((entered_tx, release_rx)));
    let d = Deliveries::new(
        DeliveriesConfig::new(LogOutput::Memory)
            .with_workers(1)
            .with_queue_capacity(2)
            .with_resolver(move |_: &str| {
                if let Some((entered, release)) = gate.lock().unwrap().take() {
                    entered.send(()).unwrap();
                    release.recv().unwrap();
                }
                Some(dest.clone())
            }),
    );
    d.deliver(delivery(target("t"), "e1", "{}"));
    entered_rx.recv_timeout(Duration::from_secs(10)).unwrap();
    d.deliver(delivery(target("t"), "e2", "{}")); // queued: the second place
    d.deliver(delivery(target("t"), "e3", "{}")); // no place left
    assert_eq!(d.pending(), 2);
    let dropped = d.since(0);
    assert_eq!(dropped.len(), 1);
    assert!(dropped[0].contains(r#""event_id":"e3""#));
    assert!(
        tail(&dropped[0]) == r#""attempts":0,"outcome":"dropped","error":"delivery queue full"}"#,
        "{}",
        dropped[0]
    );
    release_tx.send(()).unwrap();
    settle(&d);
    assert_eq!(server.received().len(), 2);
    assert_eq!(d.since(1).len(), 2);
}

#[test]
fn shutdown_drops_what_is_left_after_the_deadline_and_refuses_new_deliveries() {
    let server = Loopback::start(|_, _| (500, "{}".into()));
    let dest = destination(&server.url("/h"), "POST", api_key());
    let d: Arc<Deliveries> = Deliveries::new(
        DeliveriesConfig::new(LogOutput::Memory)
            .with_backoff(Backoff::new(
                Duration::from_secs(60),
                Duration::from_secs(60),
            ))
            .with_resolver(move |_: &str| Some(dest.clone())),
    );
    d.deliver(delivery(target("t"), "e1", "{}"));
    // The first attempt fails; the retry is a minute away, past the deadline.
    let until = std::time::Instant::now() + Duration::from_secs(20);
    while server.received().is_empty() && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(5));
    }
    d.shutdown(Duration::from_millis(300));
    d.deliver(delivery(target("t"), "e2", "{}"));
    let lines = d.since(0);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        tail(&lines[0]),
        r#""attempts":1,"outcome":"dropped","status":500,"error":"deliveries shut down"}"#
    );
    assert_eq!(
        tail(&lines[1]),
        r#""attempts":0,"outcome":"dropped","error":"deliveries shut down"}"#
    );
    assert_eq!(d.pending(), 0);
}
