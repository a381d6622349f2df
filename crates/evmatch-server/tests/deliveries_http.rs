//! API destination calls as the loopback server receives them: request line, headers, body;
//! API key, Basic and OAuth client-credentials authorization.

mod fixtures;
mod loopback;

use evmatch_eventbridge::api::connections::{
    ConnectionBodyParameter, ConnectionHeaderParameter, ConnectionHttpParameters,
    ConnectionQueryStringParameter,
};
use evmatch_eventbridge::bus::ConnectionAuth;
use evmatch_eventbridge::bus::TargetSink;
use fixtures::*;
use loopback::Loopback;

fn header(k: &str, v: &str) -> ConnectionHeaderParameter {
    ConnectionHeaderParameter {
        key: Some(k.into()),
        value: Some(v.into()),
        is_value_secret: None,
    }
}

fn query(k: &str, v: &str) -> ConnectionQueryStringParameter {
    ConnectionQueryStringParameter {
        key: Some(k.into()),
        value: Some(v.into()),
        is_value_secret: None,
    }
}

#[test]
fn api_key_call_carries_method_path_query_headers_and_payload() {
    let server = Loopback::ok();
    let mut dest = destination(
        &server.url("/hooks/*/items/*?fixed=1"),
        "POST",
        ConnectionAuth::ApiKey {
            key: "x-api-key".into(),
            value: "secret-key".into(),
        },
    );
    dest.connection.invocation_http_parameters = Some(ConnectionHttpParameters {
        header_parameters: Some(vec![
            header("X-Conn", "c"),
            header("X-Both", "from-connection"),
        ]),
        query_string_parameters: Some(vec![query("cq", "1"), query("tq", "conn-wins")]),
        body_parameters: None,
    });
    let d = deliveries(dest, 2);
    let t = with_http(
        target("t1"),
        &["orders", "4 2"],
        &[("X-Both", "from-target"), ("X-Target", "t")],
        &[("tq", "target"), ("a b", "x&y")],
    );
    let payload = r#"{"id":"e1","detail":{"n":1.50,"s":"é"}}"#;
    d.deliver(delivery(t, "e1", payload));
    settle(&d);

    let got = server.received();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(
        r.request_line,
        "POST /hooks/orders/items/4%202?fixed=1&a%20b=x%26y&tq=conn-wins&cq=1 HTTP/1.1"
    );
    let headers: Vec<String> = r.headers.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    assert_eq!(
        headers,
        [
            "content-length: 40".to_owned(),
            "accept: */*".to_owned(),
            format!("host: 127.0.0.1:{}", server.port),
            "user-agent: Amazon/EventBridge/ApiDestinations".to_owned(),
            "content-type: application/json; charset=utf-8".to_owned(),
            "range: bytes=0-1048575".to_owned(),
            "x-both: from-connection".to_owned(),
            "x-target: t".to_owned(),
            "x-conn: c".to_owned(),
            "x-api-key: secret-key".to_owned(),
        ]
    );
    assert_eq!(r.body, payload);
    let lines = d.since(0);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        without_seq_time(&lines[0]),
        format!(
            r#"{{"event_bus":"default","rule":"{RULE_ARN}","target":"{DEST_ARN}","target_id":"t1","event_id":"e1","payload":"{{\"id\":\"e1\",\"detail\":{{\"n\":1.50,\"s\":\"é\"}}}}","attempts":1,"outcome":"delivered","status":200}}"#
        )
    );
}

#[test]
fn basic_authorization_and_a_get_without_body() {
    let server = Loopback::ok();
    let dest = destination(
        &server.url("/items/*"),
        "GET",
        ConnectionAuth::Basic {
            username: "user".into(),
            password: "p:ss".into(),
        },
    );
    let d = deliveries(dest, 1);
    d.deliver(delivery(
        with_http(target("t"), &["a/b"], &[], &[]),
        "e1",
        "{}",
    ));
    settle(&d);
    let got = server.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].request_line, "GET /items/a%2Fb HTTP/1.1");
    // base64("user:p:ss")
    assert_eq!(got[0].header("authorization"), Some("Basic dXNlcjpwOnNz"));
    assert_eq!(got[0].header("content-length"), None);
    assert_eq!(got[0].body, "");
    assert!(d.since(0)[0].ends_with(r#""attempts":1,"outcome":"delivered","status":200}"#));
}

fn oauth(server: &Loopback, method: &str) -> ConnectionAuth {
    ConnectionAuth::OAuthClientCredentials {
        authorization_endpoint: server.url("/oauth/token"),
        http_method: method.into(),
        client_id: "client-1".into(),
        client_secret: "s3cret".into(),
        oauth_http_parameters: Some(ConnectionHttpParameters {
            header_parameters: Some(vec![header("X-Tenant", "t1")]),
            query_string_parameters: Some(vec![query("aud", "api")]),
            body_parameters: Some(vec![ConnectionBodyParameter {
                key: Some("scope".into()),
                value: Some("events write".into()),
                is_value_secret: Some(true),
            }]),
        }),
    }
}

#[test]
fn oauth_token_is_fetched_once_and_reused() {
    let server = Loopback::start(|r, _| {
        if r.target().starts_with("/oauth/") {
            (
                200,
                r#"{"access_token":"tok-1","token_type":"Bearer","expires_in":3600}"#.into(),
            )
        } else {
            (200, "{}".into())
        }
    });
    let dest = destination(&server.url("/hook"), "PUT", oauth(&server, "POST"));
    let d = deliveries(dest, 4);
    for i in 0..5 {
        d.deliver(delivery(
            target("t"),
            &format!("e{i}"),
            &format!("{{\"i\":{i}}}"),
        ));
    }
    settle(&d);

    let tokens = server.received_at("/oauth/");
    assert_eq!(tokens.len(), 1, "one token request for five calls");
    let t = &tokens[0];
    assert_eq!(t.request_line, "POST /oauth/token?aud=api HTTP/1.1");
    // base64("client-1:s3cret")
    assert_eq!(
        t.header("authorization"),
        Some("Basic Y2xpZW50LTE6czNjcmV0")
    );
    assert_eq!(
        t.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(t.header("x-tenant"), Some("t1"));
    assert_eq!(t.body, "grant_type=client_credentials&scope=events%20write");

    let calls = server.received_at("/hook");
    assert_eq!(calls.len(), 5);
    for c in &calls {
        assert_eq!(c.request_line, "PUT /hook HTTP/1.1");
        assert_eq!(c.header("authorization"), Some("Bearer tok-1"));
    }
    let mut bodies: Vec<&str> = calls.iter().map(|c| c.body.as_str()).collect();
    bodies.sort();
    assert_eq!(
        bodies,
        [
            r#"{"i":0}"#,
            r#"{"i":1}"#,
            r#"{"i":2}"#,
            r#"{"i":3}"#,
            r#"{"i":4}"#
        ]
    );
    assert_eq!(d.since(0).len(), 5);
}

#[test]
fn oauth_token_is_refreshed_after_a_401_and_a_get_token_request_has_its_form_in_the_query() {
    let given = std::sync::atomic::AtomicUsize::new(0);
    let server = Loopback::start(move |r, _| {
        if r.target().starts_with("/oauth/") {
            // tok-1 first, tok-2 afterwards.
            let n = given.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            return (
                200,
                format!(r#"{{"access_token":"tok-{n}","expires_in":3600}}"#),
            );
        }
        match r.header("authorization") {
            Some("Bearer tok-2") => (200, "{}".into()),
            _ => (401, "{}".into()),
        }
    });
    let dest = destination(&server.url("/hook"), "POST", oauth(&server, "GET"));
    let d = deliveries(dest, 1);
    d.deliver(delivery(target("t"), "e1", "{}"));
    settle(&d);

    let tokens = server.received_at("/oauth/");
    assert_eq!(tokens.len(), 2);
    assert_eq!(
        tokens[0].request_line,
        "GET /oauth/token?aud=api&grant_type=client_credentials&scope=events%20write HTTP/1.1"
    );
    assert_eq!(tokens[0].body, "");
    let calls = server.received_at("/hook");
    let auth: Vec<_> = calls
        .iter()
        .map(|c| c.header("authorization").unwrap_or(""))
        .collect();
    assert_eq!(auth, ["Bearer tok-1", "Bearer tok-2"]);
    assert!(d.since(0)[0].ends_with(r#""attempts":2,"outcome":"delivered","status":200}"#));
}

#[test]
fn a_failing_token_endpoint_is_a_failed_attempt_with_its_reason() {
    let server = Loopback::start(|_, _| (500, "{}".into()));
    let dest = destination(&server.url("/hook"), "POST", oauth(&server, "POST"));
    let d = deliveries(dest, 1);
    d.deliver(delivery(with_retries(target("t"), 1, false), "e1", "{}"));
    settle(&d);
    assert_eq!(server.received_at("/hook").len(), 0);
    assert_eq!(server.received_at("/oauth/").len(), 2);
    assert!(
        d.since(0)[0].ends_with(
            r#""attempts":2,"outcome":"failed","error":"authorization endpoint answered 500"}"#
        ),
        "{}",
        d.since(0)[0]
    );
}

#[test]
fn every_method_aws_allows_is_sent_with_the_payload_except_get_and_head() {
    for method in ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "GET", "HEAD"] {
        let server = Loopback::ok();
        let auth = ConnectionAuth::ApiKey {
            key: "k".into(),
            value: "v".into(),
        };
        let d = deliveries(destination(&server.url("/m"), method, auth), 1);
        d.deliver(delivery(target("t"), "e1", r#"{"m":1}"#));
        settle(&d);
        let got = server.received();
        assert_eq!(got.len(), 1, "{method}");
        assert_eq!(got[0].request_line, format!("{method} /m HTTP/1.1"));
        let body = if matches!(method, "GET" | "HEAD") {
            ""
        } else {
            r#"{"m":1}"#
        };
        assert_eq!(got[0].body, body, "{method}");
        assert!(
            d.since(0)[0].ends_with(r#""outcome":"delivered","status":200}"#),
            "{method}: {}",
            d.since(0)[0]
        );
    }
}
