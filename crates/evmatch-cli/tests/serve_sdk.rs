//! The real Rust SDK (`aws-sdk-eventbridge`) against `evmatch serve`: a bus, a rule with an input
//! transformer, targets, PutEvents and the delivery record read back from
//! `GET /_evmatch/deliveries`, TestEventPattern, a connection whose secret is never echoed, and
//! AWS's errors as the SDK's typed exceptions (the exact text of an invalid pattern, an unknown
//! bus, the targets-per-rule limit).
//!
//! Bounded in time: the server must print its start line within 20 s, every SDK call has a 15 s
//! operation timeout and no retries, the whole scenario runs under a 90 s timeout; the server
//! process is killed when the test ends on any path (the guard's `Drop`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use aws_sdk_eventbridge::Client;
use aws_sdk_eventbridge::config::retry::RetryConfig;
use aws_sdk_eventbridge::config::timeout::TimeoutConfig;
use aws_sdk_eventbridge::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_eventbridge::error::ProvideErrorMetadata;
use aws_sdk_eventbridge::operation::put_rule::PutRuleError;
use aws_sdk_eventbridge::types::{InputTransformer, PutEventsRequestEntry, Target};

const START_PREFIX: &str = "evmatch serve: listening on ";
const SQS: &str = "arn:aws:sqs:us-east-1:123456789012";
/// AWS's text for an empty object in a pattern (pinned by the engine's tests).
const INVALID_PATTERN: &str = r#"{"source": ["aws.health"], "detail": {}}"#;
const INVALID_PATTERN_TEXT: &str = "Event pattern is not valid. Reason: Empty objects are not allowed\n at [Source: (String)\"{\"source\": [\"aws.health\"], \"detail\": {}}\"; line: 1, column: 40]";

/// The server process; killed (and reaped) when dropped.
struct Server {
    child: Child,
    url: String,
    addr: String,
    _dir: TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temporary directory removed when dropped.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn start_server() -> Server {
    let dir = std::env::temp_dir().join(format!("evmatch-serve-sdk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dir = TempDir(dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_evmatch"))
        .args(["serve", "--port", "0", "--deliveries"])
        .arg(dir.0.join("deliveries.jsonl"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start evmatch serve");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    // Drains stdout for the whole life of the process, so the server never blocks on it.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = tx.send(line);
        }
    });
    let mut server = Server {
        child,
        url: String::new(),
        addr: String::new(),
        _dir: dir,
    };
    let line = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("evmatch serve printed its start line within 20 s");
    let url = line
        .strip_prefix(START_PREFIX)
        .unwrap_or_else(|| panic!("unexpected start line {line:?}"))
        .to_string();
    server.addr = url.strip_prefix("http://").unwrap().to_string();
    server.url = url;
    server
}

fn client(url: &str) -> Client {
    let config = aws_sdk_eventbridge::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "evmatch-test"))
        .endpoint_url(url)
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .retry_config(RetryConfig::disabled())
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_timeout(Duration::from_secs(15))
                .build(),
        )
        .build();
    Client::from_conf(config)
}

/// `GET path` over a fresh connection (HTTP/1.1, `Connection: close`): the response body.
fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8(response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n").unwrap();
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
}

/// The delivery records whose line contains `needle`, waiting (bounded) until there are `count`.
fn deliveries(server: &Server, needle: &str, count: usize) -> Vec<serde_json::Value> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let got: Vec<serde_json::Value> = http_get(&server.addr, "/_evmatch/deliveries")
            .lines()
            .filter(|l| l.contains(needle))
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        if got.len() >= count || Instant::now() > deadline {
            return got;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test]
async fn aws_sdk_scenario_against_evmatch_serve() {
    let server = start_server();
    tokio::time::timeout(Duration::from_secs(90), scenario(&server))
        .await
        .expect("the scenario finished within 90 s");
}

async fn scenario(server: &Server) {
    let c = client(&server.url);

    let bus = c.create_event_bus().name("sdk").send().await.unwrap();
    assert_eq!(
        bus.event_bus_arn(),
        Some("arn:aws:events:us-east-1:123456789012:event-bus/sdk")
    );
    let rule = c
        .put_rule()
        .name("sdk-rule")
        .event_bus_name("sdk")
        .event_pattern(r#"{"source": ["sdk.test"], "detail": {"n": [{"numeric": [">", 1]}]}}"#)
        .send()
        .await
        .unwrap();
    let rule_arn = rule.rule_arn().unwrap().to_string();
    assert_eq!(
        rule_arn,
        "arn:aws:events:us-east-1:123456789012:rule/sdk/sdk-rule"
    );
    let transformer = InputTransformer::builder()
        .input_paths_map("n", "$.detail.n")
        .input_template(r#"{"n": <n>, "rule": <aws.events.rule-name>}"#)
        .build()
        .unwrap();
    let out = c
        .put_targets()
        .rule("sdk-rule")
        .event_bus_name("sdk")
        .targets(
            Target::builder()
                .id("shaped")
                .arn(format!("{SQS}:sdk"))
                .input_transformer(transformer)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(out.failed_entry_count(), 0);

    let entry = |n: i32| {
        PutEventsRequestEntry::builder()
            .source("sdk.test")
            .detail_type("Count")
            .detail(format!(r#"{{"n": {n}}}"#))
            .event_bus_name("sdk")
            .build()
    };
    let sent = c
        .put_events()
        .entries(entry(5))
        .entries(entry(0))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.failed_entry_count(), 0);
    let ids: Vec<&str> = sent.entries().iter().filter_map(|e| e.event_id()).collect();
    assert_eq!(ids.len(), 2);
    let got = deliveries(server, &format!("\"event_id\":\"{}\"", ids[0]), 1);
    assert_eq!(got.len(), 1);
    let record = &got[0];
    assert_eq!(record["event_bus"], "sdk");
    assert_eq!(record["rule"], rule_arn.as_str());
    assert_eq!(record["target"], format!("{SQS}:sdk").as_str());
    assert_eq!(record["target_id"], "shaped");
    assert_eq!(record["payload"], r#"{"n": 5, "rule": "sdk-rule"}"#);
    assert_eq!(record["attempts"], 1);
    assert_eq!(record["outcome"], "delivered");
    assert!(deliveries(server, ids[1], 0).is_empty());

    let listed = c.list_rules().event_bus_name("sdk").send().await.unwrap();
    let names: Vec<&str> = listed.rules().iter().filter_map(|r| r.name()).collect();
    assert_eq!(names, ["sdk-rule"]);

    let event = r#"{"id": "1", "detail-type": "x", "source": "sdk.test", "account": "123456789012", "time": "2026-12-07T15:00:00Z", "region": "us-east-1", "resources": [], "detail": {"n": 2}}"#;
    let tested = c
        .test_event_pattern()
        .event_pattern(r#"{"detail": {"n": [2]}}"#)
        .event(event)
        .send()
        .await
        .unwrap();
    assert!(tested.result());

    let conn = c
        .create_connection()
        .name("sdk-conn")
        .authorization_type(aws_sdk_eventbridge::types::ConnectionAuthorizationType::ApiKey)
        .auth_parameters(
            aws_sdk_eventbridge::types::CreateConnectionAuthRequestParameters::builder()
                .api_key_auth_parameters(
                    aws_sdk_eventbridge::types::CreateConnectionApiKeyAuthRequestParameters::builder()
                        .api_key_name("X-Key")
                        .api_key_value("sdk-secret")
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert!(
        conn.connection_arn()
            .unwrap()
            .starts_with("arn:aws:events:us-east-1:123456789012:connection/sdk-conn/")
    );
    let described = c
        .describe_connection()
        .name("sdk-conn")
        .send()
        .await
        .unwrap();
    let key = described
        .auth_parameters()
        .and_then(|p| p.api_key_auth_parameters())
        .unwrap();
    assert_eq!(key.api_key_name(), Some("X-Key"));
    assert!(!format!("{described:?}").contains("sdk-secret"));

    // Errors: the SDK's typed exceptions with AWS's texts.
    let err = c
        .put_rule()
        .name("bad")
        .event_pattern(INVALID_PATTERN)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, PutRuleError::InvalidEventPatternException(_)),
        "{err:?}"
    );
    assert_eq!(err.message(), Some(INVALID_PATTERN_TEXT));

    let err = c
        .describe_event_bus()
        .name("nope")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_resource_not_found_exception(), "{err:?}");
    assert_eq!(err.message(), Some("Event bus nope does not exist."));

    let mut six = c.put_targets().rule("sdk-rule").event_bus_name("sdk");
    for i in 0..6 {
        six = six.targets(
            Target::builder()
                .id(format!("t{i}"))
                .arn(format!("{SQS}:q{i}"))
                .build()
                .unwrap(),
        );
    }
    let err = six.send().await.unwrap_err().into_service_error();
    assert!(err.is_limit_exceeded_exception(), "{err:?}");
    assert_eq!(err.code(), Some("LimitExceededException"));
    assert_eq!(
        err.message(),
        Some("The requested resource exceeds the maximum number allowed.")
    );
}
